#!/usr/bin/env python3
"""Python against C++ on the same work: a generated catalogue of 10^6 matters
(10^5 without BENCH_FULL=1) evaluated with catalog.evaluate(), arrays out, on one
thread and on two (compare with BM_EvaluateMatters_onetrip of the C++ suite);
then the comparison of catalog_bench.cpp's BM_Compare_onetrip from Python:
express delivery for department d3 applied, and onetrip.compare() of the two
catalogues with 3 cases a month for every matter, on one thread and on two,
the volumes given as a dict code -> cases (the mapping a user has) and as an
onetrip.Volumes made once. CPU time beside the wall time: the machine is shared.
In the same run, the C++ figure it is compared with: BM_Compare_onetrip of the
onetrip_bench binary of the same build (build-release/bin beside the module),
run as a child process on the same catalogue (same generator, seed and size)
with its CPU time read from its JSON output, and the ratio of the two.

    PYTHONPATH=build-release/python /usr/bin/python3 bench/python_bench.py
"""
import datetime
import json
import os
import subprocess
import time

import onetrip
from onetrip import reforms

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

after = catalog.apply([reforms.express_delivery(department="d3")])
by_code = {m.code: 3 for m in catalog.matters}
made_once = onetrip.Volumes(matters=by_code)
python_cpu = {}
for threads in (1, 2):
    for label, volumes in (("dict", by_code), ("Volumes", made_once)):
        best, best_cpu = float("inf"), float("inf")
        for _ in range(3):
            start, cpu = time.perf_counter(), time.process_time()
            comparison = onetrip.compare(catalog, after, volumes, threads=threads)
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - cpu)
        print(f"python onetrip.compare(threads={threads}, volumes as {label}): {matters} matters, "
              f"{best * 1000:.0f} ms wall, {best_cpu * 1000:.0f} ms CPU, trips saved {comparison.trips_saved:.0f}")
        if threads == 1:
            python_cpu[label] = best_cpu


def cpp_compare_cpu_ms():
    """BM_Compare_onetrip/threads:1's CPU time per comparison (ms), from the onetrip_bench of
    this module's build; None when there is no such binary."""
    module_dir = os.path.dirname(os.path.dirname(os.path.abspath(onetrip.__file__)))
    binary = os.path.join(os.path.dirname(module_dir), "bin", "onetrip_bench")
    if not os.path.exists(binary):
        return None
    run = subprocess.run([binary, "--benchmark_filter=BM_Compare_onetrip/threads:1/", "--benchmark_format=json",
                          "--benchmark_repetitions=3"], check=True, capture_output=True, text=True)
    rows = [b for b in json.loads(run.stdout)["benchmarks"] if b.get("run_type") == "iteration"]
    return min(b["cpu_time"] for b in rows)  # the unit is ms (Unit(kMillisecond))


cpp_ms = cpp_compare_cpu_ms()
if cpp_ms is None:
    print("C++ BM_Compare_onetrip: no onetrip_bench beside the module; no same-run ratio")
else:
    for label, cpu in python_cpu.items():
        print(f"python onetrip.compare(volumes as {label}) against C++ onetrip::compare (same run, one thread, "
              f"CPU): {cpu * 1000:.0f} ms / {cpp_ms:.0f} ms = {cpu * 1000 / cpp_ms:.2f}x")
