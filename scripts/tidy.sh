#!/usr/bin/env bash
# Mechanical checks of the dependency rules and banned APIs (DESIGN.md "Folders", STYLE.md 1-4,
# 12). Run by ctest as `tidy`. Prints every offending line and exits 1 if there is any.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

report() {
  local what=$1 lines=$2
  if [ -n "$lines" ]; then
    echo "tidy: $what"
    echo "$lines"
    status=1
  fi
}

sources() { find "$@" -name '*.h' -o -name '*.cc' | grep -v '/testing/' | sort; }

# Protocols see only sim/env and sim/base: they must run unchanged over a socket-backed NodeEnv.
report "protocols/ may include only sim/env and sim/base" \
  "$(sources protocols | xargs grep -nE '#include "(sim/(engine|cluster|check|scenario|runner)|models|tools)/|yaml-cpp|boost/graph' || true)"
# Models return decisions and schedule nothing.
report "models/ may include only sim/base" \
  "$(sources models | xargs grep -nE '#include "(sim/(engine|env|cluster|check|scenario|runner)|protocols|tools)/' || true)"
report "sim/engine/ may include only sim/base" \
  "$(sources sim/engine | xargs grep -nE '#include "(sim/(env|cluster|check|scenario|runner)|models|protocols|tools)/' || true)"
report "sim/check/ may include only sim/base and sim/env" \
  "$(sources sim/check | xargs grep -nE '#include "(sim/(engine|cluster|scenario|runner)|models|protocols|tools)/' || true)"
# The linearizability checker is a library of its own: sim/base (and itself), fmt, nlohmann-json.
report "sim/check/linearizability/ may include only sim/base and itself" \
  "$(sources sim/check/linearizability | xargs grep -nE '#include "(sim/(engine|env|cluster|scenario|runner)|sim/check/[a-z_]+\.h|models|protocols|tools)' || true)"
report "sim/scenario/ may include only sim/base" \
  "$(sources sim/scenario | xargs grep -nE '#include "(sim/(engine|env|cluster|check|runner)|models|protocols|tools)/' || true)"

# No wall clock, OS randomness, threads or std:: distributions where behaviour is decided.
report "banned API in sim/, models/ or protocols/ (wall clock, OS randomness, threads, std:: distributions)" \
  "$(sources sim models protocols | xargs grep -nE 'std::random_device|[^a-z_.]rand\(|srand\(|system_clock|steady_clock|high_resolution_clock|std::thread|std::(uniform_int|uniform_real|normal|exponential|lognormal|bernoulli|poisson)_distribution|getenv\(' || true)"

# Every header starts with a banner and has #pragma once.
for header in $(sources sim models protocols tools); do
  case "$header" in *.h)
    head -n 1 "$header" | grep -q '^// File: ' || report "missing '// File:' banner" "$header"
    grep -q '^#pragma once' "$header" || report "missing #pragma once" "$header"
  esac
done

if [ $status -eq 0 ]; then
  echo "tidy: dependency rules, banned APIs and banners are clean"
fi
exit $status
