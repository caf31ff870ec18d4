#!/usr/bin/env python3
"""Importing a province's implementation list from CSV, from Python: 10^5 matters with 10^6
material rows (10^4 and 10^5 without BENCH_FULL=1), in the platforms' column names, the way
onetrip.listing.read reads them (the CSV parsed and mapped in C++), against the plain approach
a user would otherwise write (pandas.read_csv of the four tables, then a dict per matter and
materials interned by name and source in Python loops), in the same run. The target
(issue 19): under 10 s at full size.

    PYTHONPATH=build-release/python /usr/bin/python3 bench/listing_bench.py
"""
import csv
import os
import random
import tempfile
import time

import onetrip.listing as listing

FULL = os.environ.get("BENCH_FULL") == "1"
MATTERS = 100_000 if FULL else 10_000
PER_MATTER = 10  # material rows per matter


def write_listing(d):
    rng = random.Random(2017)
    names = [f"材料{i}" for i in range(2000)] + ["居民身份证", "营业执照", "申请表"]
    with open(os.path.join(d, "basic.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["task_code", "task_name", "catalog_code", "task_type", "dept_code", "dept_name",
                    "anticipate_day", "anticipate_type", "promise_day", "promise_type", "special_procedure",
                    "is_fee", "project_type", "handle_type", "limit_scene_num", "limit_scene_explain",
                    "transact_addr"])
        for i in range(MATTERS):
            immediate = rng.random() < 0.3
            promised = 0 if immediate else rng.choice([1, 3, 5, 7, 10, 15, 20])
            w.writerow([f"1133028100{i:07d}000000000000", f"事项{i}", "000104002000", rng.choice(["01", "07", "10", "21"]),
                        f"D{i % 300:03d}", f"部门{i % 300}", promised * 2 or 5, 1, promised, 1, "",
                        1 if i % 5 == 0 else 0, 1 if immediate else 2, "1,2" if i % 3 else "1",
                        rng.choice([0, 1, 1, 2]), "", f"行政服务中心{i % 20}"])
    with open(os.path.join(d, "extend.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["task_code", "is_express", "is_online", "is_pay_online", "online_handle_depth"])
        for i in range(MATTERS):
            w.writerow([f"1133028100{i:07d}000000000000", i % 2, 1 if i % 3 else 0, 0,
                        "1^2^3^4^5^6" if i % 3 == 1 else "1^2^3" if i % 3 == 2 else "1"])
    with open(os.path.join(d, "materials.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["task_code", "material_name", "material_type", "material_format", "is_need", "source_type"])
        for i in range(MATTERS):
            code = f"1133028100{i:07d}000000000000"
            for name in rng.sample(names, PER_MATTER):
                w.writerow([code, name, rng.choice([1, 2]), 1, rng.choice([1, 1, 1, 3]), 2 if name == "居民身份证" else 1])
    with open(os.path.join(d, "fees.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["task_code", "fee_name", "fee_stand"])
        for i in range(0, MATTERS, 5):
            w.writerow([f"1133028100{i:07d}000000000000", "工本费", "200"])


def plain(d):
    """What a user would write with pandas: the tables read, one dict per matter, materials interned."""
    import pandas as pd

    basic = pd.read_csv(os.path.join(d, "basic.csv"), dtype=str, keep_default_na=False)
    extend = pd.read_csv(os.path.join(d, "extend.csv"), dtype=str, keep_default_na=False)
    mats = pd.read_csv(os.path.join(d, "materials.csv"), dtype=str, keep_default_na=False)
    matters = {}
    for row in basic.itertuples(index=False):
        matters[row.task_code] = {"name": row.task_name, "kind": row.task_type, "dept": row.dept_name,
                                  "promise": int(row.promise_day or 0), "materials": []}
    for row in extend.itertuples(index=False):
        m = matters[row.task_code]
        m["express"] = row.is_express == "1"
        m["online"] = "full" if "4" in row.online_handle_depth else "pre" if "3" in row.online_handle_depth else "none"
    interned = {}
    for row in mats.itertuples(index=False):
        key = (row.material_name, row.source_type)
        mid = interned.setdefault(key, len(interned))
        matters[row.task_code]["materials"].append((mid, row.material_type == "1", row.is_need))
    return matters


def main():
    with tempfile.TemporaryDirectory() as d:
        write_listing(d)
        size = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            imported = listing.read(d)
            best = min(best, time.perf_counter() - start)
        assert len(imported.catalog.matters) == MATTERS
        report = len(imported.report)
        start = time.perf_counter()
        frame = imported.report.to_pandas()
        frame_s = time.perf_counter() - start
        start = time.perf_counter()
        plain(d)
        plain_s = time.perf_counter() - start
        print(f"onetrip.listing.read: {MATTERS} matters, {MATTERS * PER_MATTER} material rows, "
              f"{size / 1e6:.0f} MB of CSV: {best:.2f} s ({size / 1e6 / best:.0f} MB/s), "
              f"report of {report} lines; report frame {frame_s:.2f} s ({len(frame)} rows)")
        print(f"plain pandas + dicts (reads and interns only, no validation, no report): {plain_s:.2f} s "
              f"({plain_s / best:.1f}x onetrip)")


if __name__ == "__main__":
    main()
