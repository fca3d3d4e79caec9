#!/usr/bin/env bash
# End-to-end scan benchmark: generates simulated gzip traffic, then times `distillguard scan` against merely
# decompressing and reading the same files, and prints exchanges/s for both.
# Usage: bench/scan-bench.sh [SCALE] [DAYS] [THREADS]   (defaults: 1, 14, processor count)
#        NATIVE=1 bench/scan-bench.sh ...   times the native build (dotnet publish -p:PublishAot=true) instead of the JIT one
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

# Baseline: decompress every file (in parallel, as scan does) and read every line.
start=$(date +%s.%N)
LINES=$(printf '%s\n' "${LOGS[@]}" | xargs -P "$THREADS" -n 1 gzip -dc | wc -l)
read_s=$(echo "$(date +%s.%N) - $start" | bc -l)

start=$(date +%s.%N)
/usr/bin/env time -f "%M %U %S" -o "$WORK/scan.rss" "$CLI" scan --threads "$THREADS" --accounts "$WORK/accounts.jsonl" \
  --models "$WORK/models.jsonl" --out "$WORK/findings.json" "${LOGS[@]}" >/dev/null 2>"$WORK/scan.err"
scan_s=$(echo "$(date +%s.%N) - $start" | bc -l)
read -r RSS_KB USER_S SYS_S < "$WORK/scan.rss"
CPU_S=$(echo "$USER_S + $SYS_S" | bc -l)
ACCOUNTS=$(wc -l < "$WORK/accounts.jsonl")

printf 'input:           %s exchanges, %s accounts, %.1f MiB gzip (scale %s, %s days, %s threads, %s build)\n' "$LINES" "$ACCOUNTS" "$(echo "$BYTES/1048576" | bc -l)" "$SCALE" "$DAYS" "$THREADS" "$([ "${NATIVE:-0}" = 1 ] && echo native || echo JIT)"
printf 'decompress+read: %6.2f s  %10.0f exchanges/s\n' "$read_s" "$(echo "$LINES/$read_s" | bc -l)"
printf 'scan:            %6.2f s  %10.0f exchanges/s  (%.2fx the read time, peak RSS %d MiB)\n' "$scan_s" "$(echo "$LINES/$scan_s" | bc -l)" "$(echo "$scan_s/$read_s" | bc -l)" "$((RSS_KB / 1024))"
# CPU time is less disturbed than wall time by other tenants of a small host (it still counts cache contention).
printf 'scan CPU:        %6.2f s  %10.1f µs per exchange (user + sys, all threads)\n' "$CPU_S" "$(echo "$CPU_S*1000000/$LINES" | bc -l)"
echo "files kept in $WORK"
