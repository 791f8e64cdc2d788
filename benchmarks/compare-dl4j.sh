#!/usr/bin/env bash
# Runs the same networks with Deeplearning4j's ND4J (native CPU backend, its bundled OpenBLAS) and with Backflux,
# the same full-batch step from the same data and initial weights, one after the other on this machine (JMH, the
# same settings for both, network by network), and prints the time per step of each and their ratio.
#
#   benchmarks/compare-dl4j.sh             # from the repository root; builds benchmarks-dl4j.jar (-Pdl4j)
#   QUICK=1 benchmarks/compare-dl4j.sh     # fewer iterations: a rough look in about three minutes
#
# The first build downloads ND4J (about 130 MB, of it 105 MB native code for linux-x86_64; -Dnd4j.platform=...
# elsewhere, through MAVEN_ARGS). Nothing else in the build does: the dl4j profile is off by default.
# Before timing anything it checks that ND4J computes what Backflux computes (Nd4jCheck), and stops if not.
#
# Cores: both use every core the JVM sees. Backflux's products run on the calling thread and one helper per other
# core; ND4J runs OpenBLAS and its own element-wise ops on OMP_NUM_THREADS threads, set here to that same number
# unless it is set already (ND4J's own default counts physical cores, which a VM may report as fewer).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks-dl4j.jar
# Always (re)build, so that the jar measured is the code checked out; quick when nothing changed.
./mvnw -q -B -ntp -Pdl4j -pl benchmarks -am package -DskipTests

cores=$(nproc)
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$cores}"
# Unlike compare-numpy.sh, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are left as they are: where they are set,
# they keep an older OpenBLAS from computing wrong results, and ND4J's OpenBLAS (0.3.19) is an older one.
java=(java -Duser.language=en -Duser.country=US)

echo "Checking that ND4J computes the same steps as Backflux ..."
"${java[@]}" --add-modules jdk.incubator.vector -cp "$jar" dev.backflux.benchmarks.Nd4jCheck 2>&1 \
  | grep -v 'Using incubator modules'

if [ -n "${QUICK:-}" ]; then jmh_args=(-f 1 -wi 3 -i 3 -w 1 -r 1); else jmh_args=(-f 1 -wi 5 -i 10 -w 2 -r 2); fi
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# name | Backflux's benchmark and its parameters | ND4J's parameter
runs=(
  "tutorial|TutorialBenchmark\.flux$|tutorial"
  "4096x784-256-10|WideNetworkBenchmark\.step$ -p shape=4096x784-256-10|4096x784-256-10"
  "1024x64-64-64-1|WideNetworkBenchmark\.step$ -p shape=1024x64-64-64-1|1024x64-64-64-1"
)
echo "JMH (${jmh_args[*]}), network by network, Backflux then ND4J; ${cores} cores, OMP_NUM_THREADS=${OMP_NUM_THREADS} ..."
for run in "${runs[@]}"; do
  IFS='|' read -r name backflux nd4j <<<"$run"
  # shellcheck disable=SC2086 # $backflux is a pattern and its -p option
  "${java[@]}" -jar "$jar" $backflux "${jmh_args[@]}" -rf csv -rff "$results/backflux-$name.csv" >"$results/log" 2>&1 \
    || { cat "$results/log" >&2; exit 1; }
  "${java[@]}" -jar "$jar" 'Nd4jBenchmark\.step$' -p network="$nd4j" "${jmh_args[@]}" \
    -rf csv -rff "$results/nd4j-$name.csv" >"$results/log" 2>&1 || { cat "$results/log" >&2; exit 1; }
done

# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params...
# Prints the time per step in seconds and its error, from the first row (the benchmark, not its counters).
seconds() {
  awk -F, 'NR == 2 {
    for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
    score = $5; error = $6; unit = $7
    if (error == "NaN") error = 0
    if (unit == "ops/s") { printf "%.12g %.12g\n", 1 / score, error / (score * score) }
    else if (unit == "ns/op") { printf "%.12g %.12g\n", score * 1e-9, error * 1e-9 }
    else if (unit == "us/op") { printf "%.12g %.12g\n", score * 1e-6, error * 1e-6 }
    else if (unit == "ms/op") { printf "%.12g %.12g\n", score * 1e-3, error * 1e-3 }
    else { print "unknown unit " unit > "/dev/stderr"; exit 1 }
  }' "$1"
}
show() {
  awk -v s="$1" -v e="$2" 'BEGIN {
    if (s >= 1e-3) printf "%.3f ms +- %.3f", s * 1e3, e * 1e3
    else printf "%.3f us +- %.3f", s * 1e6, e * 1e6
  }'
}

echo
printf '%-36s %24s %24s %14s\n' "network (time per step)" "ND4J" "Backflux Flux" "ND4J/Backflux"
for run in "${runs[@]}"; do
  IFS='|' read -r name _ _ <<<"$run"
  read -r nd4j_s nd4j_e < <(seconds "$results/nd4j-$name.csv")
  read -r flux_s flux_e < <(seconds "$results/backflux-$name.csv")
  if [ "$name" = tutorial ]; then label="3-4-1, 4 examples (the tutorial)"; else label="${name/x/ examples x }"; fi
  printf '%-36s %24s %24s %14s\n' "$label" "$(show "$nd4j_s" "$nd4j_e")" "$(show "$flux_s" "$flux_e")" \
    "$(awk -v a="$nd4j_s" -v b="$flux_s" 'BEGIN { printf "%.2fx", a / b }')"
done
echo
echo "ND4J ${OMP_NUM_THREADS} threads (OMP_NUM_THREADS), Backflux ${cores} (the JVM's processors); +- is JMH's 99.9% interval."
