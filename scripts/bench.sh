#!/usr/bin/env bash
# Runs the benchmark suites: quick by default, the full sizes with BENCH_FULL=1.
# Results go to the console and to bench-results.json beside the binary.
set -euo pipefail
bench=${1:-build-release/bin/onetrip_bench}
out=$(dirname "$bench")/bench-results.json
if [[ "${BENCH_FULL:-}" == 1 ]]; then
  min_time=1.0
else
  min_time=0.05
fi
"$bench" --benchmark_min_time="$min_time" --benchmark_out="$out" --benchmark_out_format=json
echo "results: $out"
