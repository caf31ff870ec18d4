#!/usr/bin/env bash
# Runs the benchmark suites: quick by default, the full sizes with BENCH_FULL=1.
# The Google Benchmark suites (C++ and the C ABI) first, their results to the
# console and to bench-results.json beside the binary; then the Python
# scripts against the module of the same build (the Python surface: the
# calendar's scalar calls and the catalogue's lookups by code against plain
# Python and pandas, evaluate and compare against C++; the report from a CSV
# file against pandas, add_frame against add_csv).
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
python_dir=$(cd "$(dirname "$bench")/.." && pwd)/python
if [[ -d "$python_dir/onetrip" ]]; then
  here=$(cd "$(dirname "$0")/.." && pwd)
  for script in "$here"/bench/*.py; do
    echo "\$ python3 bench/${script##*/}"
    PYTHONPATH="$python_dir" /usr/bin/python3 "$script"
  done
else
  echo "no Python module in $python_dir: the Python benchmarks are skipped"
fi
