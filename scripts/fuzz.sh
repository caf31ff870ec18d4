#!/usr/bin/env bash
# Runs each libFuzzer target for a fixed time from a seed corpus built from the
# examples and tests/data. A crash fails the run and leaves the input in
# build-fuzz/crashes/ (add it to tests/data as a regression case).
set -euo pipefail
bin=${1:-build-fuzz/bin}
seconds=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(dirname "$bin")
mkdir -p "$work/crashes"
ran=()
run() {
  local target=$1; shift
  local corpus=$work/corpus-$target
  mkdir -p "$corpus"
  cp "$@" "$corpus"/ 2>/dev/null || true
  # The target's dictionary of field names and columns (tests/fuzz/<target>.dict or <name>.dict), when it has one.
  local dict=() dict_file
  for dict_file in "$root/tests/fuzz/$target.dict" "$root/tests/fuzz/${target%_fuzz}.dict"; do
    [[ -f $dict_file ]] && dict=(-dict="$dict_file") && break
  done
  [[ -x $bin/$target ]] || { echo "fuzz.sh: $bin/$target was not built" >&2; return 1; }
  ran+=("$target")
  echo "fuzzing $target for ${seconds}s"
  "$bin/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 "${dict[@]}" \
    -artifact_prefix="$work/crashes/$target-" "$corpus" 2>&1 | tail -n 3
  return "${PIPESTATUS[0]}"
}
run catalog_fuzz "$root"/examples/yuyao-2017/catalog.json "$root"/tests/data/catalog/*.json \
  "$root"/tests/data/catalog/broken/*.json "$root"/tests/data/fuzz-regressions/catalog-* \
  "$root"/tests/data/hostile/[!d]*.json
run calendar_fuzz "$root"/data/holidays-cn/20*.json "$root"/tests/data/fuzz-regressions/calendar-*
run scenario_fuzz "$root"/examples/yuyao-2017/*2017.json "$root"/tests/data/fuzz-seeds/scenario.json \
  "$root"/tests/data/fuzz-regressions/scenario-*
run csv_fuzz "$root"/examples/yuyao-2017/*.csv "$root"/tests/data/fuzz-seeds/*.csv "$root"/tests/data/fuzz-regressions/csv-*
run bpmn_fuzz "$root"/tests/data/bpmn/*.bpmn "$root"/tests/data/fuzz-regressions/bpmn-*
run condition_fuzz "$root"/tests/data/condition-seeds/*
run snapshot_fuzz "$root"/tests/data/snapshot/*.snap "$root"/tests/data/fuzz-regressions/snapshot-*
run capi_fuzz "$root"/tests/data/fuzz-seeds/* "$root"/tests/data/fuzz-regressions/capi-*
# A fuzzer that was built but has no line above would otherwise never run.
for built in "$bin"/*_fuzz; do
  [[ " ${ran[*]} " == *" $(basename "$built") "* ]] ||
    { echo "fuzz.sh: $(basename "$built") is built but not run here" >&2; exit 1; }
done
echo "fuzzing: no crash"
