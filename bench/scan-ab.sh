#!/usr/bin/env bash
# Interleaved A/B of `distillguard scan` builds on the scan benchmark's input: one scan per build per round, so a
# noisy host slows every build alike; prints each run and, per build, the minimum wall and CPU (user + sys) time.
#
#   DG_BENCH_DIR=/tmp/scanbench bash bench/scan-bench.sh 1 14      # once: simulate the input
#   cp -r src/DistillGuard.Cli/bin/Release/net10.0 /tmp/cli-before  # a build to compare against, then change and build
#   DG_BENCH_DIR=/tmp/scanbench bash bench/scan-ab.sh 3 /tmp/cli-before src/DistillGuard.Cli/bin/Release/net10.0
set -euo pipefail
WORK=${DG_BENCH_DIR:?set DG_BENCH_DIR to the folder bench/scan-bench.sh simulated into}
ROUNDS=${1:?usage: scan-ab.sh ROUNDS BUILD_DIR...}
shift
BUILDS=()
for dir in "$@"; do BUILDS+=("$(cd "$dir" && pwd)"); done
LOGS=("$WORK"/exchanges-*.jsonl.gz)
TIMES=$(mktemp)
trap 'rm -f "$TIMES"' EXIT
declare -A WALL CPU
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!BUILDS[@]}"; do
    /usr/bin/env time -o "$TIMES" -f "%e %U %S" "${BUILDS[$i]}/distillguard" scan --accounts "$WORK/accounts.jsonl" \
      --models "$WORK/models.jsonl" --out "$WORK/findings-ab-$i.json" "${LOGS[@]}" >/dev/null 2>&1
    read -r wall user sys <"$TIMES"
    cpu=$(echo "$user + $sys" | bc)
    printf 'round %s  build %s  wall %6.2f s  cpu %6.2f s  (%s)\n' "$round" "$i" "$wall" "$cpu" "${BUILDS[$i]}"
    if [ -z "${WALL[$i]:-}" ] || (( $(echo "$wall < ${WALL[$i]}" | bc) )); then WALL[$i]=$wall; fi
    if [ -z "${CPU[$i]:-}" ] || (( $(echo "$cpu < ${CPU[$i]}" | bc) )); then CPU[$i]=$cpu; fi
  done
done
for i in "${!BUILDS[@]}"; do
  printf 'build %s  min wall %6.2f s  min cpu %6.2f s  (%s)\n' "$i" "${WALL[$i]}" "${CPU[$i]}" "${BUILDS[$i]}"
done
