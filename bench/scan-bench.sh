#!/usr/bin/env bash
# End-to-end scan benchmark: generates simulated gzip traffic, then times `distillguard scan` against merely
# decompressing and reading the same files, and prints exchanges/s for both.
# Usage: bench/scan-bench.sh [SCALE] [DAYS] [THREADS]   (defaults: 1, 14, processor count)
#        NATIVE=1 bench/scan-bench.sh ...   times the native build (dotnet publish -p:PublishAot=true) instead of the JIT one
#        RUNS=5 bench/scan-bench.sh ...     times the read and the scan five times each, alternated, and prints the medians
#                                           (a 2-core cloud host's speed moves by ±20 % within minutes; one run says little)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-1}
DAYS=${2:-14}
THREADS=${3:-$(nproc)}
WORK=${DG_BENCH_DIR:-$(mktemp -d /tmp/dg-scan-bench.XXXXXX)}
CLI=src/DistillGuard.Cli/bin/Release/net10.0/distillguard

dotnet build src/DistillGuard.Cli -c Release -v quiet -nologo >/dev/null
if [ "${NATIVE:-0}" = 1 ]; then
  dotnet publish src/DistillGuard.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$WORK/native" -v quiet -nologo >/dev/null
  SIM_CLI=$CLI
  CLI=$WORK/native/distillguard
fi
if [ ! -f "$WORK/truth.json" ]; then
  "${SIM_CLI:-$CLI}" simulate --scenario default --scale "$SCALE" --days "$DAYS" --gzip --out "$WORK" >/dev/null 2>&1
fi
LOGS=("$WORK"/exchanges-*.jsonl.gz)
BYTES=$(cat "${LOGS[@]}" | wc -c)

RUNS=${RUNS:-1}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
READS=(); SCANS=(); CPUS=(); RSS_MAX=0
for run in $(seq 1 "$RUNS"); do
  # Baseline: decompress every file (in parallel, as scan does) and read every line.
  start=$(date +%s.%N)
  LINES=$(printf '%s\n' "${LOGS[@]}" | xargs -P "$THREADS" -n 1 gzip -dc | wc -l)
  READS+=("$(echo "$(date +%s.%N) - $start" | bc -l)")

  start=$(date +%s.%N)
  /usr/bin/env time -f "%M %U %S" -o "$WORK/scan.rss" "$CLI" scan --threads "$THREADS" --accounts "$WORK/accounts.jsonl" \
    --models "$WORK/models.jsonl" --out "$WORK/findings.json" "${LOGS[@]}" >/dev/null 2>"$WORK/scan.err"
  SCANS+=("$(echo "$(date +%s.%N) - $start" | bc -l)")
  read -r RSS_KB USER_S SYS_S < "$WORK/scan.rss"
  CPUS+=("$(echo "$USER_S + $SYS_S" | bc -l)")
  RSS_MAX=$((RSS_KB > RSS_MAX ? RSS_KB : RSS_MAX))
  if [ "$RUNS" -gt 1 ]; then
    printf 'run %d:  read %5.2f s  scan %5.2f s = %7.0f exchanges/s (%.2fx)  CPU %5.2f s\n' "$run" "${READS[-1]}" "${SCANS[-1]}" \
      "$(echo "$LINES/${SCANS[-1]}" | bc -l)" "$(echo "${SCANS[-1]}/${READS[-1]}" | bc -l)" "${CPUS[-1]}"
  fi
done
read_s=$(printf '%s\n' "${READS[@]}" | median)
scan_s=$(printf '%s\n' "${SCANS[@]}" | median)
CPU_S=$(printf '%s\n' "${CPUS[@]}" | median)
ACCOUNTS=$(wc -l < "$WORK/accounts.jsonl")
OF=$([ "$RUNS" -gt 1 ] && echo "median of $RUNS runs: " || true)

printf 'input:           %s exchanges, %s accounts, %.1f MiB gzip (scale %s, %s days, %s threads, %s build)\n' "$LINES" "$ACCOUNTS" "$(echo "$BYTES/1048576" | bc -l)" "$SCALE" "$DAYS" "$THREADS" "$([ "${NATIVE:-0}" = 1 ] && echo native || echo JIT)"
printf 'decompress+read: %s%6.2f s  %10.0f exchanges/s\n' "$OF" "$read_s" "$(echo "$LINES/$read_s" | bc -l)"
printf 'scan:            %s%6.2f s  %10.0f exchanges/s  (%.2fx the read time, peak RSS %d MiB)\n' "$OF" "$scan_s" "$(echo "$LINES/$scan_s" | bc -l)" "$(echo "$scan_s/$read_s" | bc -l)" "$((RSS_MAX / 1024))"
# CPU time is less disturbed than wall time by other tenants of a small host (it still counts cache contention).
printf 'scan CPU:        %s%6.2f s  %10.1f µs per exchange (user + sys, all threads)\n' "$OF" "$CPU_S" "$(echo "$CPU_S*1000000/$LINES" | bc -l)"
echo "files kept in $WORK"
