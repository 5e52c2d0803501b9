#!/usr/bin/env bash
# Installs what building, testing and running the scanner needs, from Debian 12's packages.
# Packages already present are left as they are; run as root (or through sudo).
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config git
    libboost-dev libcli11-dev nlohmann-json3-dev libspdlog-dev libyaml-cpp-dev doctest-dev
    clang-format clang libclang-rt-14-dev
    python3 python3-jsonschema
    iptables nftables iproute2 procps
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
