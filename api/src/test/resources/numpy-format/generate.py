#!/usr/bin/env python3
"""Writes the fixtures NumpyFormatTests compares Matrix.toString() with: what numpy's print(a) shows.

Usage:
    python3 generate.py OUTDIR              the checked-in cases (run in this directory to remake them)
    python3 generate.py OUTDIR --random N   N random cases instead, drawn from a fixed seed

Each case is a file NAME.txt:

    # a comment saying what the case covers
    shape ROWS COLUMNS
    one line a row: the elements as exact doubles (float.hex; nan, inf, -inf)
    str
    what print(a) shows, to the end of the file (with one final newline added)

Exits with status 3 when numpy cannot be imported, so that a test can skip rather than fail.
"""

import math
import os
import sys

try:
    import numpy as np
except ImportError:
    print("numpy is not installed for " + sys.executable, file=sys.stderr)
    sys.exit(3)

# numpy's defaults, stated rather than assumed: the tests compare with these and nothing else.
np.set_printoptions(precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False,
                    nanstr='nan', infstr='inf', formatter=None, sign='-', floatmode='maxprec',
                    legacy=False)


def write(outdir, name, comment, a):
    a = np.asarray(a, dtype=np.float64)
    assert a.ndim == 2 and a.size > 0, name
    lines = ["# " + comment, "# numpy " + np.__version__, "shape %d %d" % a.shape]
    lines += [" ".join(float(x).hex() for x in row) for row in a]
    lines += ["str", str(a)]
    with open(os.path.join(outdir, name + ".txt"), "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def sigmoid(x):
    """The sigmoid with Python's math.exp (the C library's), which does not change with the CPU as np.exp does."""
    return np.vectorize(lambda v: 1 / (1 + math.exp(-v)))(x)


def tutorial():
    """The two-layer network of 'A Neural Network in 11 lines of Python', part 1, after its 10,000 steps.

    The trained numbers are written here as the exact doubles numpy computed once, not trained again: numpy's
    np.exp picks its SIMD code by CPU (AVX-512 or AVX2), and the two round some results differently in the last
    bit, so the same script on another machine gave a weight one unit in the last place away. The values below
    print as the tutorial printed them ([[0.00966449] [0.00786506] [0.99358898] [0.99211957]]).
    """
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=np.float64)
    output = np.array([[float.fromhex(h)] for h in
                       ("0x1.3cafa1ddbb9a5p-7", "0x1.01b8e708e0d8fp-7", "0x1.fcb7b1e1cd3a4p-1", "0x1.fbf718c165b18p-1")])
    syn0 = np.array([[float.fromhex(h)] for h in
                     ("0x1.358928ac921c7p+3", "-0x1.a9a9da4047c48p-3", "-0x1.284bf7ad8ad00p+2")])
    return X, output, syn0


def fixed_cases(outdir):
    X, output, syn0 = tutorial()
    write(outdir, "tutorial-output", "the tutorial's output after training: a 4x1 column near 0 and 1", output)
    write(outdir, "tutorial-inputs", "the tutorial's inputs: integer values print as '0.' and '1.'", X)
    write(outdir, "tutorial-weights", "the tutorial's trained 3x1 weights, with negatives", syn0)
    np.random.seed(1)
    write(outdir, "weights-3x4", "a 3x4 weight matrix as the tutorial starts it: 2*random-1, with negatives",
          2 * np.random.random((3, 4)) - 1)
    write(outdir, "single", "a 1x1 matrix", [[0.5]])
    write(outdir, "zeros", "all zeros", np.zeros((2, 3)))
    write(outdir, "few-digits", "few digits: decimals padded on the right with spaces",
          [[1.0, 2.25, 0.5], [-3.125, 10.0, 0.1]])
    write(outdir, "tiny", "tiny values: scientific notation (min < 1e-4)",
          [[1e-5, 3.2e-7], [0.0, 4.56789e-12]])
    write(outdir, "huge", "huge values: scientific notation (max >= 1e8)",
          [[1e8, 2.5e9], [-123456789.0, 1.0]])
    write(outdir, "exponents", "three-digit exponents widen every exponent",
          [[1e100, 1e-5], [-2.5e-300, 3.0]])
    write(outdir, "mixed", "mixed magnitudes: max/min > 1e3 switches to scientific notation",
          [[0.5, 1234.5678], [-0.25, 3.0]])
    write(outdir, "ratio-below", "max/min = 900: fixed notation", [[0.001, 0.9], [0.5, -0.0125]])
    write(outdir, "ratio-exact", "max/min = 1000 exactly: fixed notation", [[0.001, 1.0]])
    write(outdir, "cutoffs", "just below the cutoffs: fixed notation", [[99999999.0, 0.0001]])
    write(outdir, "cutoff-max", "1e8 switches to scientific notation", [[1e8, 1.0]])
    write(outdir, "cutoff-min", "just below 1e-4 switches to scientific notation", [[0.0000999, 1.0]])
    write(outdir, "nonfinite", "nan, inf, -inf and -0.0 among fixed-notation values",
          [[np.nan, 1.5, -0.0], [np.inf, -np.inf, 0.25]])
    write(outdir, "nonfinite-only", "nothing finite", [[np.nan, np.inf], [np.nan, np.nan]])
    write(outdir, "nonfinite-scientific", "nan and -inf among scientific-notation values",
          [[np.nan, 1e-7], [-np.inf, 2.5e10]])
    write(outdir, "negative-zero", "-0.0 and 0.0", [[-0.0, 0.0]])
    write(outdir, "rounding", "more than 8 decimals: rounded to nearest (ties to even) on the exact binary value",
          [[1 / 3, 2 / 3, 0.123456785], [0.999999999, 0.5 + 2.0 ** -30, 0.100000005],
           [1 / 512, 3 / 512, 0.125000005]])
    write(outdir, "rounding-large", "more than 8 decimals above 1, one rounding up to 1000",
          [[12.345678915, 1.0000000049999999, 999.999999999]])
    write(outdir, "rounding-mixed", "scientific notation chosen by 8 digits' magnitudes",
          [[12345678.123456789, 0.000123456789, 1.0000000049999999]])
    write(outdir, "rounding-scientific", "more than 9 significant digits in scientific notation, one rounding up",
          [[9.999999999e-5, 1.23456789012e-9], [np.pi * 1e10, -2.0 ** -30]])
    write(outdir, "subnormal", "subnormals: digits beyond the fewest that identify a value are its exact value's",
          [[5e-324, 1.5], [3 * 5e-324, 1e-310]])
    write(outdir, "negative-zero-scientific", "-0.0 and 0.0 in scientific notation", [[-0.0, 1e-5], [0.0, -2.0]])
    halfway = 5.0000001e19  # the decimal lies halfway between this double (even) and the next (odd)
    write(outdir, "halfway", "a short decimal halfway between two doubles identifies the even one only",
          [[halfway, np.nextafter(halfway, np.inf)], [np.nextafter(halfway, 0), 1e19]])
    write(outdir, "sigmoid-extremes", "sigmoid outputs near 0 and 1", sigmoid(np.array([[-20.0, -5.0], [5.0, 20.0]])))
    rng = np.random.default_rng(9)
    write(outdir, "rows-2000x3", "2000x3: only 3 rows at each end, '...' between",
          rng.random((2000, 3)))
    write(outdir, "wide-3x200", "3x200 (600 elements, not summarised): rows wrapped at 75 characters",
          rng.standard_normal((3, 200)))
    write(outdir, "wide-3x400", "3x400 (1200 elements): only 3 columns at each end, '...' between",
          rng.standard_normal((3, 400)))
    write(outdir, "both-40x40", "40x40: rows and columns both summarised", rng.random((40, 40)))
    write(outdir, "threshold-10x100", "10x100 = 1000 elements, the threshold: printed in full",
          rng.random((10, 100)))
    write(outdir, "threshold-7x143", "7x143 = 1001 elements: summarised", rng.random((7, 143)))
    write(outdir, "column-1001x1", "1001x1: summarised rows", rng.random((1001, 1)))
    write(outdir, "row-1x1001", "1x1001: summarised columns", rng.random((1, 1001)))
    write(outdir, "row-1x12", "one long row wrapped", rng.random((1, 12)) * 1000)
    corners = rng.random((2000, 3))
    corners[1000, 1] = 1e20
    corners[999, 0] = 1e-20
    write(outdir, "hidden-extremes", "2000x3: values that are not printed do not choose the notation", corners)
    wrapped = rng.standard_normal((2, 30)) * 1e-5
    wrapped[0, 5] = np.nan
    write(outdir, "wide-scientific", "scientific notation wrapped over several lines, with a nan", wrapped)


def random_matrix(rng):
    """A matrix of one of several kinds, so that random cases reach the notations and their corners."""
    if rng.random() < 0.1:
        rows, columns = int(rng.integers(1, 60)), int(rng.integers(1, 60))
    else:
        rows, columns = int(rng.integers(1, 6)), int(rng.integers(1, 14))
    shape = (rows, columns)
    kind = int(rng.integers(0, 8))
    if kind == 0:
        a = rng.random(shape)
    elif kind == 1:
        a = rng.standard_normal(shape) * 10.0 ** int(rng.integers(-12, 13))
    elif kind == 2:
        a = rng.integers(-1000, 1000, shape).astype(np.float64)
    elif kind == 3:
        a = np.round(rng.standard_normal(shape), int(rng.integers(0, 10)))
    elif kind == 4:
        a = 1 / (1 + np.exp(-rng.standard_normal(shape) * 20))
    elif kind == 5:
        a = rng.standard_normal(shape) * 10.0 ** rng.integers(-6, 10, shape)
    elif kind == 6:
        a = (rng.random(shape) - 0.5) * 10.0 ** int(rng.integers(-4, 9))
    else:
        a = rng.choice(np.array([0.0, -0.0, 1.0, 0.5, 1e-4, 1e8, 99999999.5, 1e-300, 1e300,
                                 5e-324, 1.7976931348623157e308, 2.0 ** 52 + 1, 0.1, 1 / 3]), shape)
    special = rng.random()
    if special < 0.1:
        a.flat[int(rng.integers(0, a.size))] = np.nan
    elif special < 0.2:
        a.flat[int(rng.integers(0, a.size))] = -np.inf if rng.random() < 0.5 else np.inf
    return a


def random_cases(outdir, count):
    rng = np.random.default_rng(20240909)
    for i in range(count):
        write(outdir, "random-%03d" % i, "a random case", random_matrix(rng))


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--random"):
        print(__doc__, file=sys.stderr)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    if len(argv) == 4:
        random_cases(outdir, int(argv[3]))
    else:
        fixed_cases(outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
