#!/usr/bin/env bash
# Runs the same networks in numpy (the tutorial's code, generalised to any depth) and in Backflux (JMH),
# one after the other on this machine, and prints the time per step of each and their ratio.
#
#   benchmarks/compare-numpy.sh            # from the repository root; builds benchmarks.jar if needed
#   QUICK=1 benchmarks/compare-numpy.sh    # fewer iterations: a rough look in about two minutes
#
# Without python3 or numpy it says so and exits 0: the comparison is optional.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v python3 >/dev/null 2>&1; then
  echo "compare-numpy: python3 is not installed; nothing to compare (install python3 and numpy to run it)."
  exit 0
fi
if ! python3 -c "import numpy" >/dev/null 2>&1; then
  echo "compare-numpy: numpy is not installed for $(command -v python3); nothing to compare (pip install numpy)."
  exit 0
fi

jar=benchmarks/target/benchmarks.jar
# Always (re)build, so that the jar measured is the code checked out; quick when nothing changed.
./mvnw -q -pl benchmarks -am package -DskipTests

if [ -n "${QUICK:-}" ]; then jmh_args=(-f 1 -wi 3 -i 3 -w 1 -r 1); steps=5; else jmh_args=(-f 1 -wi 5 -i 10 -w 2 -r 2); steps=20; fi
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "Backflux (JMH: ${jmh_args[*]}) ..."
java -jar "$jar" 'TutorialBenchmark\.(flux|bareLoop)$' "${jmh_args[@]}" -rf json -rff "$results/tutorial.json" >/dev/null
java -jar "$jar" '\.WideNetworkBenchmark\.step$' -p shape=4096x784-256-10,1024x64-64-64-1 "${jmh_args[@]}" \
  -rf json -rff "$results/wide.json" >/dev/null
# The native backend, in a JVM with no flag for the kernels; where no native BLAS loads, its rows say so.
if ! java -jar "$jar" 'NativeWideNetworkBenchmark\.step$' -p shape=4096x784-256-10,1024x64-64-64-1 "${jmh_args[@]}" \
    -foe true -rf json -rff "$results/native.json" >"$results/native.log" 2>&1; then
  grep -m1 -o 'backflux.kernels=native: .*' "$results/native.log" >"$results/native.missing" \
    || echo "the native benchmark failed: see java -jar $jar NativeWideNetworkBenchmark" >"$results/native.missing"
fi

echo "numpy ..."
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE force an older OpenBLAS kernel on some machines: not for this run.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 - "$results" "$steps" <<'PY'
import json, sys, time
import numpy as np

results, steps = sys.argv[1], int(sys.argv[2])

def numpy_seconds_per_step(examples, sizes, steps, warmup):
    """The tutorial's step for any depth: sigmoid layers, full batch, W += alpha * L.T.dot(D)."""
    rng = np.random.default_rng(42)
    X = rng.random((examples, sizes[0]))
    Y = np.zeros((examples, sizes[-1]))
    Y[np.arange(examples), rng.integers(0, sizes[-1], examples)] = 1
    np.random.seed(1)
    W = [2 * np.random.random((sizes[k], sizes[k + 1])) - 1 for k in range(len(sizes) - 1)]
    def step():
        L = [X]
        for w in W:
            L.append(1 / (1 + np.exp(-(L[-1].dot(w)))))
        E = Y - L[-1]
        error = np.mean(np.abs(E))
        D = [None] * len(W)
        for k in range(len(W) - 1, -1, -1):
            D[k] = E * (L[k + 1] * (1 - L[k + 1]))
            if k > 0:
                E = D[k].dot(W[k].T)
        for k in range(len(W)):
            W[k] += 0.01 * L[k].T.dot(D[k])
        return error
    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return (time.perf_counter() - start) / steps

def jmh(path):
    return {(r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1], r.get("params", {}).get("shape")): r
            for r in json.load(open(path))}

tutorial = jmh(results + "/tutorial.json")
wide = jmh(results + "/wide.json")
try:
    native_missing = open(results + "/native.missing").read().strip()
    native = {}
except OSError:
    native_missing = None
    native = jmh(results + "/native.json")
flux = tutorial[("TutorialBenchmark.flux", None)]["primaryMetric"]["score"] * 1e-9
bare = tutorial[("TutorialBenchmark.bareLoop", None)]["primaryMetric"]["score"] * 1e-9

rows = [("3-4-1, 4 examples (the tutorial)", numpy_seconds_per_step(4, [3, 4, 1], 20000 * steps // 20, 2000), flux, bare)]
for shape, examples, sizes, n in (("4096x784-256-10", 4096, [784, 256, 10], steps), ("1024x64-64-64-1", 1024, [64, 64, 64, 1], 10 * steps)):
    numpy_s = numpy_seconds_per_step(examples, sizes, n, max(2, n // 10))
    name = shape.replace("x", " examples x ", 1)
    backflux = 1 / wide[("WideNetworkBenchmark.step", shape)]["primaryMetric"]["score"]
    rows.append((name + ", SIMD", numpy_s, backflux, None))
    if ("NativeWideNetworkBenchmark.step", shape) in native:
        backflux = 1 / native[("NativeWideNetworkBenchmark.step", shape)]["primaryMetric"]["score"]
        rows.append((name + ", native", numpy_s, backflux, None))

def show(seconds):
    return "%.3f ms" % (seconds * 1e3) if seconds >= 1e-3 else "%.3f us" % (seconds * 1e6)

print()
print("%-44s %14s %14s %14s %14s" % ("network", "numpy", "Backflux Flux", "numpy/Backflux", "bare loop"))
for name, numpy_s, backflux_s, bare_s in rows:
    print("%-44s %14s %14s %14s %14s" % (name, show(numpy_s), show(backflux_s), "%.2fx" % (numpy_s / backflux_s),
                                          show(bare_s) if bare_s else "-"))
print()
print("SIMD: the Java kernels with --add-modules jdk.incubator.vector (-Dbackflux.kernels=java);"
      " native: the system's BLAS, no JVM flag (-Dbackflux.kernels=native)"
      + ("" if native_missing is None else "; native not measured: " + native_missing))
try:
    blas = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
    print("numpy %s; BLAS %s %s" % (np.__version__, blas.get("name", "?"), blas.get("version", "?")))
except TypeError:  # numpy older than 1.25 has no mode="dicts"
    print("numpy %s" % np.__version__)
PY
