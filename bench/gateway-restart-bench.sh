#!/usr/bin/env bash
# Gateway restart bench: how long a gateway takes to come back when its log directory already holds a simulated
# scenario's exchanges, which it replays through the engine before it takes traffic (docs/gateway.md, "Restarts").
# Prints, per start, the seconds from launch to a healthy /healthz and the gateway's own replay line, then the
# exchanges replayed per second of replay.
#
#   bash bench/gateway-restart-bench.sh              # the `default` scenario (437,605 exchanges), three starts
#   SCALE=0.5 DAYS=7 RUNS=5 bash bench/gateway-restart-bench.sh
#   COMPRESS=1 bash bench/gateway-restart-bench.sh   # the log files gzipped first (gzip -1), as Log.CompressRotated leaves them
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-1}
DAYS=${DAYS:-14}
RUNS=${RUNS:-3}
COMPRESS=${COMPRESS:-0}
PORT=19300
WORK=$(mktemp -d /tmp/dg-restart-bench.XXXXXX)
GW_PID=
cleanup() { [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM HUP

dotnet build src/DistillGuard.Cli -c Release -v q -nologo >/dev/null
CLI="dotnet src/DistillGuard.Cli/bin/Release/net10.0/distillguard.dll"
$CLI simulate --scenario default --scale "$SCALE" --days "$DAYS" --out "$WORK/logs" >/dev/null 2>&1
rm -f "$WORK"/logs/truth.json "$WORK"/logs/models.jsonl
EXCHANGES=$(cat "$WORK"/logs/exchanges-*.jsonl | wc -l)
[ "$COMPRESS" = 1 ] && gzip -1 "$WORK"/logs/exchanges-*.jsonl
cat > "$WORK/gateway.json" <<JSON
{ "Gateway": { "Urls": ["http://127.0.0.1:$PORT"], "AdminToken": "bench-admin-token-0123456789",
  "Store": { "Path": "$WORK/gateway.db", "KeyPepper": "bench-pepper-0123456789" }, "Log": { "Directory": "$WORK/logs" },
  "Upstreams": [ { "Name": "none", "Api": "anthropic.messages", "BaseUrl": "http://127.0.0.1:9", "Models": ["m"] } ] } }
JSON

echo "gateway restart bench ($(date -u +%FT%TZ), $(nproc) cores): $EXCHANGES exchanges, $(du -sm "$WORK/logs" | cut -f1) MB in the log directory$([ "$COMPRESS" = 1 ] && echo ", gzipped")"
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  $CLI gateway --config "$WORK/gateway.json" >"$WORK/gateway-$run.log" 2>&1 & GW_PID=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null || curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" 2>/dev/null | grep -q 503; do
    kill -0 "$GW_PID" 2>/dev/null || { echo "the gateway exited:"; cat "$WORK/gateway-$run.log"; exit 1; }
    sleep 0.05
  done
  healthy=$(echo "$(date +%s.%N) - $start" | bc)
  kill "$GW_PID"; wait "$GW_PID" || true; GW_PID=
  replay=$(grep -o 'Replayed .*' "$WORK/gateway-$run.log")
  seconds=$(echo "$replay" | sed -E 's/.* in ([0-9.]+) s$/\1/')
  printf 'start %d: answering after %.2f s; %s (%s exchanges/s)\n' "$run" "$healthy" "$replay" "$(echo "$EXCHANGES / $seconds" | bc)"
done
