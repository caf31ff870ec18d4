#!/usr/bin/env bash
# The C library exports onetrip_* and nothing else.
set -euo pipefail
lib=$1
symbols=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^$')
stray=$(grep -v '^onetrip_' <<<"$symbols" || true)
count=$(grep -c '^onetrip_' <<<"$symbols" || true)
if [[ -n "$stray" ]]; then
  echo "symbols exported from $lib that are not onetrip_*:"
  echo "$stray"
  exit 1
fi
[[ $count -gt 0 ]] || { echo "no onetrip_* symbol exported from $lib"; exit 1; }
echo "$count symbols, all onetrip_*"
