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

# Timed from Python (perf_counter_ns around each process): portable, unlike date +%N.
RUNS=${RUNS:-10} python3 - <<'PY'
import os, statistics, subprocess, sys, time

runs = int(os.environ["RUNS"])
python_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
no_archive_env = dict(os.environ, EXAMPLES_CDS="off")
commands = (
    ("python", "numpy script", [sys.executable, "benchmarks/tutorial-three-layer.py"], python_env),
    ("archive", "Backflux, class-data archive", ["bin/examples", "three-layer"], dict(os.environ)),
    ("no-archive", "Backflux, no archive", ["bin/examples", "three-layer"], no_archive_env),
)
times = {name: [] for name, _, _, _ in commands}
for _ in range(runs):
    for name, label, command, env in commands:
        start = time.perf_counter_ns()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        elapsed = (time.perf_counter_ns() - start) / 1e9
        if done.returncode != 0 or "Error:0.0035" not in done.stdout:
            sys.exit(f"compare-startup: {' '.join(command)} failed (exit {done.returncode}) or printed something"
                     f" else:\n{done.stdout}{done.stderr}")
        times[name].append(elapsed)
median = {name: statistics.median(values) for name, values in times.items()}
for name, label, _, _ in commands:
    values = times[name]
    print(f"{label:30s} median {median[name]:.3f} s  mean {statistics.mean(values):.3f} s  ({len(values)} runs)")
print(f"numpy script / Backflux: {median['python'] / median['archive']:.2f}x with the archive,"
      f" {median['python'] / median['no-archive']:.2f}x without")
PY
