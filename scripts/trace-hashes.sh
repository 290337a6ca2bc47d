#!/usr/bin/env bash
# Prints "<scenario> <seed> <trace_hash>" for every scenario in scenarios/fast/ and seeds 1..N
# (default 10), using the given faultline binary. CI diffs the output of two builds (g++ and
# clang++) to prove they produce byte-identical traces.
set -euo pipefail
binary=${1:?usage: trace-hashes.sh FAULTLINE_BINARY [SEEDS]}
seeds=${2:-10}
cd "$(dirname "$0")/.."
for scenario in scenarios/fast/*.yaml; do
  for seed in $(seq 1 "$seeds"); do
    hash=$("$binary" run "$scenario" --seed "$seed" | sed -n 's/^trace_hash=//p')
    echo "$scenario $seed $hash"
  done
done
