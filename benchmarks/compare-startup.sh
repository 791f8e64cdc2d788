#!/usr/bin/env bash
# Times the tutorial's three-layer network as whole processes, side by side on this machine: the tutorial's
# numpy script (benchmarks/tutorial-three-layer.py: start Python, 60,000 steps, print, exit) and Backflux's
# three-layer example started by bin/examples (start the JVM, 60,000 steps, print, exit), with and without the
# class-data archive the build dumps. Runs alternate; it prints each one's median and mean wall time and the
# ratios.
#
#   benchmarks/compare-startup.sh          # from the repository root; RUNS=20 for more runs (default 10)
#
# Without python3 or numpy it says so and exits 0: the comparison is optional.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "import numpy" >/dev/null 2>&1; then
  echo "compare-startup: python3 with numpy is not installed; nothing to compare."
  exit 0
fi
./mvnw -q -pl examples -am package -DskipTests

runs=${RUNS:-10}
times=$(mktemp)
out=$(mktemp)
trap 'rm -f "$times" "$out"' EXIT
nanos() { # prints the wall time of "$@" in nanoseconds; fails unless it printed the tutorial's last error
  local start end status=0
  start=$(date +%s%N)
  "$@" >"$out" 2>&1 || status=$?
  end=$(date +%s%N)
  if [ "$status" -ne 0 ] || ! grep -q '^Error:0.0035' "$out"; then
    echo "compare-startup: '$*' failed (exit $status) or printed something else:" >&2
    cat "$out" >&2
    return 1
  fi
  echo $((end - start))
}
for ((i = 1; i <= runs; i++)); do
  t=$(nanos env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/tutorial-three-layer.py) || exit 1
  echo "python $t" >> "$times"
  t=$(nanos bin/examples three-layer) || exit 1
  echo "archive $t" >> "$times"
  t=$(EXAMPLES_CDS=off nanos bin/examples three-layer) || exit 1
  echo "no-archive $t" >> "$times"
done
python3 - "$times" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, value = line.split()
    runs.setdefault(name, []).append(int(value) / 1e9)
median = {name: statistics.median(values) for name, values in runs.items()}
for name, label in (("python", "numpy script"), ("archive", "Backflux, class-data archive"),
                    ("no-archive", "Backflux, no archive")):
    values = runs[name]
    print(f"{label:30s} median {median[name]:.3f} s  mean {statistics.mean(values):.3f} s  ({len(values)} runs)")
print(f"numpy script / Backflux: {median['python'] / median['archive']:.2f}x with the archive,"
      f" {median['python'] / median['no-archive']:.2f}x without")
PY
