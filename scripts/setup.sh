#!/usr/bin/env bash
# Installs what faultline needs to build and test on Debian 12, from Debian's packages only.
# Installs only what is missing; safe to run again. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build clang
  libboost-dev libboost-graph-dev libyaml-cpp-dev libcli11-dev catch2
  nlohmann-json3-dev libfmt-dev
  # Test only: trace_html_chromium_tests renders `faultline trace export --format html` headless.
  chromium
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all build dependencies are installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_prefix=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_prefix=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_prefix[@]}" apt-get update -qq
"${sudo_prefix[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
