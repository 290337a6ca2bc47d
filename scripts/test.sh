#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: install what is missing, build into
# build/ (or $1, with extra cmake arguments after it), run every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
scripts/setup.sh
scripts/build.sh "$build_dir" "$@"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
