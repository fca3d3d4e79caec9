#!/usr/bin/env bash
# Gateway bench: added latency (p50/p99) and throughput of the DistillGuard gateway over a direct call to the
# stand-in model server, side by side with nginx as a plain reverse proxy, in one run. Loopback only. A fourth
# target, "yarp", is YARP's forwarder alone on the gateway's Kestrel/HttpClient settings (bench/DistillGuard.BareForwarder);
# a fifth, "yarp_1w", is the same forwarder reading the body first and sending it with the head in one write, as the
# gateway does (YARP's own content sends head and body in two writes): the floor under the gateway, so the gap to
# nginx splits into the framework's share and DistillGuard's own work.
#
#   bash bench/gateway-bench.sh            # DURATION=10 SLICES=5 CONNECTIONS=32 THREADS=2 to change the load
#   CLI_DIR=/tmp/dg-main bash bench/gateway-bench.sh   # run a prebuilt CLI (A/B against another build)
#   GATEWAY_GC_GEN0=0 bash bench/gateway-bench.sh  # run the gateway on the runtime's default gen0 budget instead of
#                                       # the verb's 64 MiB (or name another budget in hex, e.g. 100000)
#   COMPARE_CLI_DIR=/tmp/dg-before bash bench/gateway-bench.sh  # also run a second gateway from another CLI build
#                                       # (a `dotnet build -c Release` output folder), measured as target gateway_b
#   COMPARE_ENV="DOTNET_TieredPGO=0" bash bench/gateway-bench.sh  # also run a second gateway with these environment
#                                       # variables, measured as target gateway_b in the same interleaved slices
#
# Latency is measured with one connection sending back to back (wrk -t1 -c1), so it is the proxy's own added
# time, not queueing; throughput with CONNECTIONS connections (wrk -tTHREADS -cCONNECTIONS).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
# Each target's DURATION is cut into SLICES slices taken in turn with the other targets' (see below).
SLICES=${SLICES:-5}
SLICE_S=$(( DURATION / SLICES > 2 ? DURATION / SLICES : 2 ))
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
UP=19101; GW=19100; NG=19102; GB=19103; BY=19104; B1=19105
COMPARE_ENV=${COMPARE_ENV-}
COMPARE_CLI_DIR=${COMPARE_CLI_DIR-}
# gateway_b runs when either is set: the same build with other environment variables, or another build.
COMPARE=${COMPARE_ENV}${COMPARE_CLI_DIR}
# Unset by default: the gateway verb then runs with its own 64 MiB gen0 budget (GatewayGcBudget, docs/gateway.md);
# set it to another budget, or to 0 for the runtime's default, to compare.
GATEWAY_GC_GEN0=${GATEWAY_GC_GEN0-}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need nginx; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi

if [ -z "${CLI_DIR:-}" ]; then
  dotnet build src/DistillGuard.Cli -c Release -v q -nologo >/dev/null
  CLI_DIR=src/DistillGuard.Cli/bin/Release/net10.0
fi
CLI="dotnet $CLI_DIR/distillguard.dll"
CLI_B=${COMPARE_CLI_DIR:+dotnet $COMPARE_CLI_DIR/distillguard.dll}
CLI_B=${CLI_B:-$CLI}
dotnet build bench/DistillGuard.BareForwarder -c Release -v q -nologo >/dev/null
BARE="dotnet bench/DistillGuard.BareForwarder/bin/Release/net10.0/DistillGuard.BareForwarder.dll"
WORK=$(mktemp -d /tmp/dg-gateway-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM HUP

wait_for() { for _ in $(seq 1 200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "timed out waiting for $1" >&2; exit 1; }

$CLI gateway --stand-in-upstream --urls "http://127.0.0.1:$UP" 2>"$WORK/standin.log" & PIDS+=($!); UP_PID=$!
# Both YARP targets run with the gateway's gen0 budget (the verb's own, GatewayGcBudget, unless GATEWAY_GC_GEN0 names
# one), so they stay the floor under the gateway rather than differently tuned processes.
BARE_GEN0="DOTNET_GCgen0size=${GATEWAY_GC_GEN0:-4000000}"
env "$BARE_GEN0" $BARE "http://127.0.0.1:$BY" "http://127.0.0.1:$UP" >"$WORK/yarp.log" 2>&1 & PIDS+=($!); BY_PID=$!
env "$BARE_GEN0" $BARE "http://127.0.0.1:$B1" "http://127.0.0.1:$UP" --one-write >"$WORK/yarp_1w.log" 2>&1 & PIDS+=($!); B1_PID=$!
# gateway_config NAME PORT: a gateway config with its own store and log folder.
gateway_config() {
  cat > "$WORK/$1.json" <<JSON
{ "Gateway": {
  "Urls": ["http://127.0.0.1:$2"],
  "AdminToken": "bench-admin-token-0123456789",
  "Store": { "Path": "$WORK/$1.db", "KeyPepper": "bench-pepper-0123456789" },
  "Log": { "Directory": "$WORK/$1-logs" },
  "Upstreams": [ { "Name": "standin", "Api": "anthropic.messages", "BaseUrl": "http://127.0.0.1:$UP", "Models": ["bench-model"] } ]
} }
JSON
}
gateway_config gateway $GW
env ${GATEWAY_GC_GEN0:+DOTNET_GCgen0size=$GATEWAY_GC_GEN0} Logging__LogLevel__Default=Warning $CLI gateway --config "$WORK/gateway.json" >"$WORK/gateway.log" 2>&1 & PIDS+=($!); GW_PID=$!
if [ -n "$COMPARE" ]; then
  gateway_config gateway_b $GB
  # shellcheck disable=SC2086 # COMPARE_ENV is a list of NAME=value words
  env ${GATEWAY_GC_GEN0:+DOTNET_GCgen0size=$GATEWAY_GC_GEN0} $COMPARE_ENV Logging__LogLevel__Default=Warning $CLI_B gateway --config "$WORK/gateway_b.json" >"$WORK/gateway_b.log" 2>&1 & PIDS+=($!); GB_PID=$!
fi

cat > "$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream standin { server 127.0.0.1:$UP; keepalive 64; }
  server {
    listen 127.0.0.1:$NG;
    location / { proxy_pass http://standin; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
}
NGINX
nginx -c "$WORK/nginx.conf"

wait_for "http://127.0.0.1:$UP/health"
wait_for "http://127.0.0.1:$GW/healthz"
wait_for "http://127.0.0.1:$NG/health"
wait_for "http://127.0.0.1:$BY/healthz"
wait_for "http://127.0.0.1:$B1/healthz"
[ -n "$COMPARE" ] && wait_for "http://127.0.0.1:$GB/healthz"
# The gen0 budget the gateway runs with, as its runtime reports it.
gen0_budget() { curl -fsS "http://127.0.0.1:$1/metrics" | awk '/^distillguard_gateway_gc_gen0_max_budget_bytes / { print $2 }'; }
GW_GEN0=$(gen0_budget $GW)
GB_GEN0=$([ -n "$COMPARE" ] && gen0_budget $GB || true)
new_key() { curl -fsS -X POST "http://127.0.0.1:$1/admin/keys" -H "Authorization: Bearer bench-admin-token-0123456789" \
  -H 'content-type: application/json' -d '{"account_id":"acct_bench"}' | sed -E 's/.*"api_key":"([^"]+)".*/\1/'; }
# post_script FILE KEY: the wrk script for one non-streamed Messages call with that API key.
post_script() {
  cat > "$1" <<LUA
wrk.method = "POST"
wrk.path = "/v1/messages"
wrk.headers["content-type"] = "application/json"
wrk.headers["x-api-key"] = "$2"
wrk.body = '{"model":"bench-model","max_tokens":256,"messages":[{"role":"user","content":"Summarise the causes of the French Revolution in three sentences."}]}'
LUA
}
post_script "$WORK/post.lua" "$(new_key $GW)"
[ -n "$COMPARE" ] && post_script "$WORK/post_b.lua" "$(new_key $GB)"

# wrk prints "50%  1.23ms"; turn a percentile line into microseconds.
pct() { awk -v p="$1%" '$1==p { v=$2; u=v; sub(/[0-9.]+/,"",u); sub(/[a-z]+$/,"",v);
  f=(u=="us")?1:(u=="ms")?1000:(u=="s")?1000000:1; printf "%.0f", v*f }' "$2"; }
rps() { awk '/Requests\/sec/ { printf "%.0f", $2 }' "$1"; }

# The gateway's own view of a measurement: GC collections/pause time, allocations, log queue (from /metrics).
gwstats() { curl -fsS "http://127.0.0.1:$GW/metrics" 2>/dev/null | awk '/^distillguard_gateway_(gc_|allocated|log_backpressure|log_records_written|threadpool_work_items)/ { print $1, $2 }'; }
statdelta() { join <(sort "$1") <(sort "$2") | awk '{ d=$3-$2; if (d != 0) printf "  %s +%s\n", $1, d }'; }

# The targets are measured in interleaved slices (direct, nginx, yarp, gateway, then nginx, yarp, gateway, direct,
# ...) rather than one after the other, so a burst from another tenant of a small host lands on all of them alike;
# each slice starts one target later, so no target always follows the same one (with a fixed order, the slot after
# `yarp` had the higher p99 in four A/B runs of two gateways, whichever ran in it: docs/benchmarks.md, sixteenth
# pass). Each figure is the median of the per-slice figures (p50, p99, req/s), and the per-slice p99s are printed so
# the spread is visible.
median() { sort -n | awk '{ v[NR]=$1 } END { if (NR == 0) { print 0 } else if (NR % 2) { print v[(NR+1)/2] } else { printf "%.0f", (v[NR/2]+v[NR/2+1])/2 } }'; }
port_of() { case $1 in direct) echo $UP;; gateway) echo $GW;; nginx) echo $NG;; gateway_b) echo $GB;; yarp) echo $BY;; yarp_1w) echo $B1;; esac; }
script_of() { case $1 in gateway_b) echo "$WORK/post_b.lua";; *) echo "$WORK/post.lua";; esac; }
# CPU time (clock ticks, user + system, all threads) of a target's proxy processes; nginx = master + workers.
pids_of() { case $1 in direct) echo;; gateway) echo "$GW_PID";; gateway_b) echo "$GB_PID";; yarp) echo "$BY_PID";; yarp_1w) echo "$B1_PID";;
  nginx) local m; m=$(cat "$WORK/nginx.pid"); echo "$m $(pgrep -P "$m" | tr '\n' ' ')";; esac; }
ticks() { local t=0 pid; for pid in "$@"; do t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") )); done; echo $t; }
requests() { awk '/requests in/ { print $1 }' "$1"; }
# in_slice_order K: the targets, rotated by K (K = 0: as listed).
in_slice_order() { local n=${#TARGETS[@]} i; for ((i = 0; i < n; i++)); do echo "${TARGETS[$(( (i + $1) % n ))]}"; done; }
check_2xx() { if grep -q "Non-2xx" "$1"; then echo "$2 answered non-2xx:"; cat "$1"; exit 1; fi; }
TARGETS=(direct nginx yarp yarp_1w gateway)
[ -n "$COMPARE" ] && TARGETS+=(gateway_b)
for target in "${TARGETS[@]}"; do
  wrk -t2 -c16 -d3s -s "$(script_of $target)" "http://127.0.0.1:$(port_of $target)" >/dev/null   # warm-up (JIT, pools)
done

gwstats >"$WORK/gw0.txt"
for slice in $(seq 1 "$SLICES"); do
  for target in $(in_slice_order $(( slice - 1 ))); do
    out="$WORK/$target-lat-$slice.txt"
    wrk -t1 -c1 -d"${SLICE_S}s" --latency -s "$(script_of $target)" "http://127.0.0.1:$(port_of $target)" >"$out"
    check_2xx "$out" "$target"
  done
done
gwstats >"$WORK/gw1.txt"
for slice in $(seq 1 "$SLICES"); do
  for target in $(in_slice_order $(( slice - 1 ))); do
    out="$WORK/$target-tput-$slice.txt"
    read -ra procs <<<"$(pids_of "$target")"
    before=$(ticks "${procs[@]}"); before_up=$(ticks "$UP_PID")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SLICE_S}s" -s "$(script_of $target)" "http://127.0.0.1:$(port_of $target)" >"$out"
    check_2xx "$out" "$target"
    echo "$(( $(ticks "${procs[@]}") - before )) $(( $(ticks "$UP_PID") - before_up )) $(requests "$out")" >>"$WORK/$target-cpu.txt"
  done
done
gwstats >"$WORK/gw2.txt"

declare -A P50 P99 RPS SPREAD
for target in "${TARGETS[@]}"; do
  P50[$target]=$(for f in "$WORK/$target"-lat-*.txt; do pct 50 "$f"; echo; done | median)
  P99[$target]=$(for f in "$WORK/$target"-lat-*.txt; do pct 99 "$f"; echo; done | median)
  RPS[$target]=$(for f in "$WORK/$target"-tput-*.txt; do rps "$f"; echo; done | median)
  SPREAD[$target]=$(for f in "$WORK/$target"-lat-*.txt; do pct 99 "$f"; echo; done | sort -n | tr '\n' ' ')
done
# CPU µs per request over all throughput slices: the proxy's own, and the stand-in upstream's behind it.
HZ=$(getconf CLK_TCK)
cpu_per_request() { awk -v hz="$HZ" -v col="$2" '{ t += $col; n += $3 } END { printf "%.1f", t * 1000000 / hz / n }' "$WORK/$1-cpu.txt"; }

LOGGED=$(cat "$WORK"/gateway-logs/exchanges-*.jsonl 2>/dev/null | wc -l || true)
echo "gateway bench ($(date -u +%FT%TZ), $(nproc) cores, ${SLICES} interleaved slices of ${SLICE_S}s per target and measurement, throughput at -t$THREADS -c$CONNECTIONS, gateway gen0 budget $GW_GEN0 bytes${GB_GEN0:+, gateway_b $GB_GEN0 bytes})"
echo "figures are medians over the slices"
[ -n "$COMPARE_ENV" ] && echo "gateway_b: the same gateway run with $COMPARE_ENV"
[ -n "$COMPARE_CLI_DIR" ] && echo "gateway_b: the gateway built in $COMPARE_CLI_DIR"
printf '%-9s %10s %10s %12s %14s %14s\n' target p50_us p99_us req_per_s added_p50_us added_p99_us
for target in "${TARGETS[@]}"; do
  printf '%-9s %10s %10s %12s %14s %14s\n' "$target" "${P50[$target]}" "${P99[$target]}" "${RPS[$target]}" \
    "$(( ${P50[$target]} - ${P50[direct]} ))" "$(( ${P99[$target]} - ${P99[direct]} ))"
done
for target in "${TARGETS[@]}"; do
  printf 'CPU per request, %-10s proxy %6s µs, upstream %6s µs (throughput slices)\n' "$target:" \
    "$([ "$target" = direct ] && echo - || cpu_per_request "$target" 1)" "$(cpu_per_request "$target" 2)"
done
for target in "${TARGETS[@]}"; do printf 'p99 per slice, %-10s %s(us)\n' "$target:" "${SPREAD[$target]}"; done
for target in "${TARGETS[@]}"; do
  [[ $target == gateway* || $target == yarp* ]] && echo "$target throughput / nginx throughput: $(awk -v g="${RPS[$target]}" -v n="${RPS[nginx]}" 'BEGIN { printf "%.0f%%", 100*g/n }')"
done
echo "exchange records the gateway had logged by the end: $LOGGED"
if [ -s "$WORK/gw0.txt" ]; then
  echo "gateway during the latency run (-t1 -c1):"; statdelta "$WORK/gw0.txt" "$WORK/gw1.txt"
  echo "gateway during the throughput run (-t$THREADS -c$CONNECTIONS):"; statdelta "$WORK/gw1.txt" "$WORK/gw2.txt"
fi
