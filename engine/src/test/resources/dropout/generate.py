#!/usr/bin/env python3
"""Writes the fixtures DropoutTests compares Backflux with: the tutorial's Part 3 script, seeded.

The script is "A Neural Network in 11 lines of Python", Part 3 (dropout), as published, with two changes only:
np.random.seed(seed) before the weights are drawn (the published script draws them unseeded), and recording what
it computes (the mean absolute error, which it does not print, and the masks and weights) instead of printing.

Usage: python3 generate.py OUTDIR        (run in this directory to remake the checked-in cases)

Each case, seed-S-rate-R.txt, holds lines 'key value...' with every double as float.hex:
  case seed rate alpha hidden steps
  error STEP value                     the mean absolute error of layer_2 at some steps
  mask STEP m00 m01 ... (0 or 1)       the binomial draws of some steps, row-major (examples x hidden units)
  synapse_0 / synapse_1 values...      the weights after the last step, row-major
And binomial.txt: numpy's legacy np.random.binomial draws for several n and p from one seeded stream.
Exits with status 3 when numpy cannot be imported.
"""

import os
import sys

try:
    import numpy as np
except ImportError:
    print("numpy is not installed for " + sys.executable, file=sys.stderr)
    sys.exit(3)

STEPS = 60000
ERROR_STEPS = [0, 1, 2, 10, 100, 1000, 10000, 20000, 30000, 40000, 50000, STEPS - 1]
MASK_STEPS = [0, 1, 2, 3, 1000, STEPS - 1]


def part3(seed, dropout_percent, alpha=0.5, hidden_dim=4):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    y = np.array([[0, 1, 1, 0]]).T
    np.random.seed(seed)
    synapse_0 = 2 * np.random.random((3, hidden_dim)) - 1
    synapse_1 = 2 * np.random.random((hidden_dim, 1)) - 1
    errors = {}
    masks = {}
    for j in range(STEPS):
        layer_1 = (1 / (1 + np.exp(-(np.dot(X, synapse_0)))))
        draws = np.random.binomial([np.ones((len(X), hidden_dim))], 1 - dropout_percent)[0]
        layer_1 *= draws * (1.0 / (1 - dropout_percent))
        layer_2 = 1 / (1 + np.exp(-(np.dot(layer_1, synapse_1))))
        layer_2_delta = (layer_2 - y) * (layer_2 * (1 - layer_2))
        layer_1_delta = layer_2_delta.dot(synapse_1.T) * (layer_1 * (1 - layer_1))
        synapse_1 -= (alpha * layer_1.T.dot(layer_2_delta))
        synapse_0 -= (alpha * X.T.dot(layer_1_delta))
        if j in ERROR_STEPS:
            errors[j] = float(np.mean(np.abs(layer_2 - y)))
        if j in MASK_STEPS:
            masks[j] = [int(v) for v in draws.flatten()]
    return errors, masks, synapse_0, synapse_1, alpha, hidden_dim


def write(outdir, seed, rate):
    errors, masks, synapse_0, synapse_1, alpha, hidden = part3(seed, rate)
    lines = ["# the tutorial's Part 3 with np.random.seed(%d) and dropout_percent %s; numpy %s"
             % (seed, rate, np.__version__),
             "case %d %s %s %d %d" % (seed, float(rate).hex(), float(alpha).hex(), hidden, STEPS)]
    lines += ["error %d %s" % (step, errors[step].hex()) for step in ERROR_STEPS]
    lines += ["mask %d %s" % (step, " ".join(str(v) for v in masks[step])) for step in MASK_STEPS]
    lines.append("synapse_0 " + " ".join(float(v).hex() for v in synapse_0.flatten()))
    lines.append("synapse_1 " + " ".join(float(v).hex() for v in synapse_1.flatten()))
    name = "seed-%d-rate-%s.txt" % (seed, str(rate).replace(".", "_"))
    with open(os.path.join(outdir, name), "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def write_binomial(outdir):
    """np.random.binomial(n, p) for n of 1 to 3 and several p, 200 draws each from one seeded stream, then one
    random_sample() to show where the stream stands: the legacy sampler's draws and what they consume."""
    np.random.seed(5)
    lines = ["# np.random.seed(5), then for each line np.random.binomial(n, p, 200); numpy " + np.__version__]
    for n in (1, 2, 3):
        for p in (0.05, 0.3, 0.5, 0.7, 0.8, 0.95):
            draws = np.random.binomial(n, p, 200)
            lines.append("binomial %d %s %s" % (n, float(p).hex(), " ".join(str(int(v)) for v in draws)))
    lines.append("then %s" % float(np.random.random_sample()).hex())
    with open(os.path.join(outdir, "binomial.txt"), "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main(argv):
    outdir = argv[1] if len(argv) > 1 else "."
    os.makedirs(outdir, exist_ok=True)
    write_binomial(outdir)
    for seed in (1, 2):
        for rate in (0.2, 0.5):
            write(outdir, seed, rate)


if __name__ == "__main__":
    main(sys.argv)
