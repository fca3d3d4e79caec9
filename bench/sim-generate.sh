#!/usr/bin/env bash
# Times `distillguard simulate` (Release) on a scenario: wall and CPU time, exchanges/s, output size.
# Usage: bench/sim-generate.sh [scenario] [scale] [extra simulate args...]
set -euo pipefail
scenario="${1:-default}"
scale="${2:-1}"
shift $(( $# > 2 ? 2 : $# ))
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d /tmp/dg-sim-bench.XXXXXX)"
trap 'rm -rf "$out"' EXIT
dotnet build "$root/src/DistillGuard.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/DistillGuard.Cli/bin/Release/net10.0/distillguard.dll"
for mode in plain gzip; do
  args=(simulate --scenario "$scenario" --scale "$scale" --out "$out/$mode" "$@")
  [ "$mode" = gzip ] && args+=(--gzip)
  /usr/bin/time -f "$mode: wall %e s, cpu %U s user + %S s sys, max RSS %M KB" dotnet "$cli" "${args[@]}" 2>&1 | grep -E "wrote|wall"
  du -sh "$out/$mode" | sed "s/^/$mode size: /"
done
