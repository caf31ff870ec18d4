#!/usr/bin/env bash
# Every function the C library exports is driven by the C ABI fuzzer: lists the
# onetrip_* symbols of libonetrip.so (nm -D) that tests/fuzz/capi_fuzz.cpp never
# names, and fails if there is one. A new entry point therefore comes with its
# fuzzing.
set -euo pipefail
lib=$1
fuzzer=${2:-$(dirname "$0")/capi_fuzz.cpp}
exported=$(nm -D --defined-only "$lib" | awk '$2 == "T" && $3 ~ /^onetrip_/ {print $3}' | sort -u)
[[ -n "$exported" ]] || { echo "no onetrip_* function exported from $lib"; exit 1; }
named=$(sed 's://.*$::' "$fuzzer" | grep -o 'onetrip_[a-z0-9_]*' | sort -u)  # names in code, not in comments
missing=$(comm -23 <(echo "$exported") <(echo "$named"))
if [[ -n "$missing" ]]; then
  echo "exported from $lib but never called by ${fuzzer#"$PWD"/}:"
  echo "$missing"
  exit 1
fi
echo "$(wc -l <<<"$exported") exported functions, every one named by ${fuzzer##*/}"
