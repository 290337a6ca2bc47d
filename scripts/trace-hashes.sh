#!/usr/bin/env bash
# Prints "<scenario> <seed> <trace_hash>" for every scenario in scenarios/fast/ and
# scenarios/negative/ and seeds 1..N (default 10), using the given faultline binary's `sweep` (two
# worker processes, no self-check). CI diffs the output of builds (g++ -O2, clang++ -O0, g++ -Og
# with sanitizers) to prove they produce byte-identical traces. A seed that fails its checks
# still has a hash; a crash or bad input stops the script.
set -euo pipefail
binary=${1:?usage: trace-hashes.sh FAULTLINE_BINARY [SEEDS]}
seeds=${2:-10}
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
for scenario in scenarios/fast/*.yaml scenarios/negative/*.yaml; do
  out="$results/$(basename "$scenario" .yaml).jsonl"
  status=0
  "$binary" sweep "$scenario" --seeds "1..$seeds" --jobs 2 --self-check 0 --out "$out" \
    > "$results/log" 2>&1 || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
    cat "$results/log" >&2
    exit "$status"
  fi
  if grep -q '"verdict":"crash"' "$out"; then
    echo "trace-hashes: $scenario crashed:" >&2
    grep '"verdict":"crash"' "$out" >&2
    exit 1
  fi
  sed -E 's/.*"seed":([0-9]+).*"trace_hash":"([0-9a-f]{16})".*/\1 \2/' "$out" |
    while read -r seed hash; do echo "$scenario $seed $hash"; done
done
