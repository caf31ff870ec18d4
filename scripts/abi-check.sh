#!/usr/bin/env bash
# The ABI promise, checked: the C library built with debug information is
# dumped with abi-dumper (only what onetrip.h declares) and compared with
# abi-compliance-checker against the committed baseline of its major version,
# abi/onetrip-<major>.dump. Adding to the ABI passes; removing or changing
# anything fails. An incompatible change therefore needs a new major version,
# whose first baseline is written with `scripts/abi-check.sh --baseline`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ABI_BUILD_DIR:-$root/build-abi}
header=$root/capi/onetrip.h
major=$(sed -n 's/^#define ONETRIP_VERSION_MAJOR \([0-9]*\).*/\1/p' "$header")
minor=$(sed -n 's/^#define ONETRIP_VERSION_MINOR \([0-9]*\).*/\1/p' "$header")
patch=$(sed -n 's/^#define ONETRIP_VERSION_PATCH \([0-9]*\).*/\1/p' "$header")
version=$major.$minor.$patch
baseline=$root/abi/onetrip-$major.dump

cmake --preset abi >/dev/null
cmake --build --preset abi
library=$build/lib/libonetrip.so.$version
current=$build/onetrip-$version.dump
mkdir -p "$build/public"  # abi-dumper takes a directory of public headers: onetrip.h alone
cp "$header" "$build/public/"
cd "$build"  # the tools write their logs/ where they run
abi-dumper "$library" -o "$current" -lver "$version" -public-headers "$build/public" -skip-cxx -sort -quiet

if [[ "${1:-}" == --baseline ]]; then
  mkdir -p "$root/abi"
  cp "$current" "$baseline"
  echo "ABI baseline written: ${baseline#$root/}"
  exit 0
fi
if [[ ! -f "$baseline" ]]; then
  echo "no ABI baseline for major version $major (abi/onetrip-$major.dump):" >&2
  echo "a new major version starts one with scripts/abi-check.sh --baseline" >&2
  exit 1
fi
report=$build/abi-report.html
if abi-compliance-checker -l onetrip -old "$baseline" -new "$current" -report-path "$report" -quiet; then
  echo "ABI: compatible with abi/onetrip-$major.dump"
else
  echo "ABI: incompatible with abi/onetrip-$major.dump (report: $report)." >&2
  echo "Restore what was removed or changed, or make the change in a new major version." >&2
  exit 1
fi
