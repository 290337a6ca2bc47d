#!/usr/bin/env bash
# Configures and builds faultline into build/ (or the directory given as $1; extra arguments go
# to cmake's configure step, e.g. -DFAULTLINE_SANITIZE=ON or -DCMAKE_CXX_COMPILER=clang++).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
cmake -S . -B "$build_dir" -G Ninja "$@" > /dev/null
cmake --build "$build_dir" -j "$(nproc)"
