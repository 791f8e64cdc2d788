#!/usr/bin/env bash
# Runs the same networks with Deeplearning4j's ND4J (native CPU backend, its bundled OpenBLAS), with a Deeplearning4j
# MultiLayerNetwork and with Backflux, the same full-batch step from the same data and initial weights, one after
# the other on this machine (JMH, the same settings for all, network by network), and prints the time per step of
# each and their ratios to Backflux's.
#
#   benchmarks/compare-dl4j.sh             # from the repository root; builds benchmarks-dl4j.jar (-Pdl4j)
#   QUICK=1 benchmarks/compare-dl4j.sh     # fewer iterations: a rough look in about four minutes (a full run: ten)
#
# The first build downloads ND4J and DL4J (about 150 MB, 105 MB of it native code for linux-x86_64; on another
# platform set MAVEN_ARGS=-Dnd4j.platform=...). Nothing else in the build does: the dl4j profile is off by default.
# Before timing anything it checks that ND4J and DL4J compute what Backflux computes (Nd4jCheck), and stops if not.
#
# Cores: Backflux's products run on the calling thread and one helper per other core the JVM sees. ND4J runs OpenBLAS
# and its own element-wise ops on OMP_NUM_THREADS threads: it is timed at that same number of cores (OMP_NUM_THREADS
# is set to it unless set already: ND4J's own default counts physical cores, which a VM may report as fewer), and
# on 1 thread, which is faster for small steps on few cores (on 2 cores, 1024 x 64-64-64-1 takes about 3 times as
# long on 2 threads, and as long with only OpenBLAS on 1 thread as with all of ND4J on 1: its OpenBLAS's threads cost
# more than they bring on such products); the table compares Backflux with the faster of the two.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks-dl4j.jar
# Always (re)build, so that the jar measured is the code checked out; quick when nothing changed.
./mvnw -q -B -ntp -Pdl4j -pl benchmarks -am package -DskipTests

cores=$(nproc)
threads="${OMP_NUM_THREADS:-$cores}"
export OMP_NUM_THREADS="$threads"
# Unlike compare-numpy.sh, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are left as they are: where they are set,
# they keep an older OpenBLAS from computing wrong results, and ND4J's OpenBLAS (0.3.19) is an older one.
java=(java -Duser.language=en -Duser.country=US)

echo "Checking that ND4J and DL4J compute the same steps as Backflux ..."
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
echo "JMH (${jmh_args[*]}), network by network: Backflux on ${cores} cores, then ND4J and DL4J on 1 thread and" \
  "on ${threads} (OMP_NUM_THREADS) ..."
for run in "${runs[@]}"; do
  IFS='|' read -r name backflux nd4j <<<"$run"
  # shellcheck disable=SC2086 # $backflux is a pattern and its -p option
  "${java[@]}" -jar "$jar" $backflux "${jmh_args[@]}" -rf csv -rff "$results/backflux-$name.csv" >"$results/log" 2>&1 \
    || { cat "$results/log" >&2; exit 1; }
  for t in 1 "$threads"; do
    OMP_NUM_THREADS=$t "${java[@]}" -jar "$jar" 'Nd4jBenchmark\.(step|multiLayerNetwork)$' -p network="$nd4j" \
      "${jmh_args[@]}" -rf csv -rff "$results/nd4j-$t-$name.csv" >"$results/log" 2>&1 \
      || { cat "$results/log" >&2; exit 1; }
  done
done

# JMH's CSV (CRLF lines): "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params...
# Prints the time per step in seconds and its error, from the row of the benchmark method named (not its counters).
seconds() {
  awk -F, -v method="$2" '{
    sub(/\r$/, "")
    for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
  }
  $1 ~ ("\\." method "$") {
    found = 1; score = $5; error = $6; unit = $7
    if (error == "NaN") error = 0
    if (unit == "ops/s") { printf "%.12g %.12g\n", 1 / score, error / (score * score) }
    else if (unit == "ns/op") { printf "%.12g %.12g\n", score * 1e-9, error * 1e-9 }
    else if (unit == "us/op") { printf "%.12g %.12g\n", score * 1e-6, error * 1e-6 }
    else if (unit == "ms/op") { printf "%.12g %.12g\n", score * 1e-3, error * 1e-3 }
    else { print "unknown unit " unit > "/dev/stderr"; exit 1 }
  }
  END { if (!found) { print "no result for " method " in " FILENAME > "/dev/stderr"; exit 1 } }' "$1"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
faster() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
show() {
  awk -v s="$1" -v e="$2" 'BEGIN {
    if (s >= 1e-3) printf "%.2f ms +-%.2f", s * 1e3, e * 1e3
    else printf "%.2f us +-%.2f", s * 1e6, e * 1e6
  }'
}

echo
printf '%-32s %20s %20s %20s %20s %20s %8s %8s\n' "network (time per step)" "ND4J, 1 thread" "ND4J, $threads threads" \
  "DL4J, 1 thread" "DL4J, $threads threads" "Backflux Flux" "ND4J/BF" "DL4J/BF"
for run in "${runs[@]}"; do
  IFS='|' read -r name _ _ <<<"$run"
  times=$(seconds "$results/nd4j-1-$name.csv" step); read -r nd4j1_s nd4j1_e <<<"$times"
  times=$(seconds "$results/nd4j-$threads-$name.csv" step); read -r nd4jn_s nd4jn_e <<<"$times"
  times=$(seconds "$results/nd4j-1-$name.csv" multiLayerNetwork); read -r dl4j1_s dl4j1_e <<<"$times"
  times=$(seconds "$results/nd4j-$threads-$name.csv" multiLayerNetwork); read -r dl4jn_s dl4jn_e <<<"$times"
  method=step; [ "$name" = tutorial ] && method=flux
  times=$(seconds "$results/backflux-$name.csv" "$method"); read -r flux_s flux_e <<<"$times"
  if [ "$name" = tutorial ]; then label="3-4-1, 4 examples (the tutorial)"; else label="${name/x/ examples x }"; fi
  printf '%-32s %20s %20s %20s %20s %20s %8s %8s\n' "$label" "$(show "$nd4j1_s" "$nd4j1_e")" \
    "$(show "$nd4jn_s" "$nd4jn_e")" "$(show "$dl4j1_s" "$dl4j1_e")" "$(show "$dl4jn_s" "$dl4jn_e")" \
    "$(show "$flux_s" "$flux_e")" "$(ratio "$(faster "$nd4j1_s" "$nd4jn_s")" "$flux_s")" \
    "$(ratio "$(faster "$dl4j1_s" "$dl4jn_s")" "$flux_s")"
done
echo
echo "ND4J: its ops written by hand (Nd4jNetwork); DL4J: MultiLayerNetwork.fit on the whole batch (Dl4jNetwork);"
echo "BF: Backflux on ${cores} cores; the ratios take ND4J's and DL4J's faster figure; +- is JMH's 99.9% interval."
