#!/usr/bin/env bash
# Installs the Debian 12 packages onetrip builds and tests with, when missing.
# As root it runs apt-get; otherwise it prints the exact command and stops.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache clang clang-format libclang-rt-14-dev valgrind
  libboost-graph-dev libboost-date-time-dev libabsl-dev nlohmann-json3-dev libsimdjson-dev libpugixml-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev abi-dumper abi-compliance-checker universal-ctags
  python3 python3-dev pybind11-dev python3-pytest python3-numpy python3-pandas python3-openpyxl python3-jsonschema python3-matplotlib
  python3-setuptools python3-wheel python3-pip python3-venv  # pip install . / pip wheel . (tests/consumer/pip_install.sh)
  python3-tqdm  # optional for users (progress=True falls back to a text bar); tested when present
  chromium fonts-wqy-zenhei
  python3-dask python3-distributed python3-psutil
  graphviz
  libxxhash-dev  # the snapshot's checksum (lib/snapshot.cpp, header only)
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

command=(apt-get install -y --no-install-recommends "${missing[@]}")
if [[ $(id -u) -ne 0 ]]; then
  echo "onetrip needs these Debian packages: ${missing[*]}" >&2
  echo "install them as root with:" >&2
  echo "  apt-get update && ${command[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
"${command[@]}"
