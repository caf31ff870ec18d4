#!/usr/bin/env python3
"""Python against C++ on the same work: a generated catalogue of 10^6 matters
(10^5 without BENCH_FULL=1) evaluated with catalog.evaluate(), arrays out, on one
thread and on two. Compare with BM_EvaluateMatters_onetrip of the C++ suite.

    PYTHONPATH=build-release/python /usr/bin/python3 bench/python_bench.py
"""
import datetime
import os
import time

import onetrip

matters = 1_000_000 if os.environ.get("BENCH_FULL") == "1" else 100_000
catalog = onetrip.generate(matters=matters, seed=2017)
items = len(catalog.matters) + len(catalog.bundles)
for threads in (1, 2):
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        result = catalog.evaluate(datetime.date(2017, 7, 3), threads=threads)
        trips = result.matter_trips  # the NumPy array a user reads
        best = min(best, time.perf_counter() - start)
    print(f"python catalog.evaluate(threads={threads}): {matters} matters, {best * 1000:.1f} ms, "
          f"{items / best / 1e6:.2f} M items/s")
