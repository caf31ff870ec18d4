#!/usr/bin/env python3
"""A synthetic province on Dask: 90 counties of 3,000 matters each (onetrip.generate) and a case
log of 10^7 records across 90 × 12 monthly files, then the monthly report and a what-if
comparison on 1 and 2 Dask workers (distributed.LocalCluster, one thread each) against the
single-process path in the same run. Not a test: the figures go to bench/README.md.

    PYTHONPATH=build/python /usr/bin/python3 bench/province_bench.py generate   # once, under build/province
    PYTHONPATH=build/python /usr/bin/python3 bench/province_bench.py run

generate --cases N sets the log's size (default 10^7, about 0.8 GB); the files are written once
and reused. The report is the province's: every hall of every county (a hall's name carries its
county) and every window, from records that name their department, so no catalogue is needed; the
comparison applies one scenario (express delivery and online payment everywhere) to every
county's catalogue on the workers, at volumes per matter.
"""
import argparse
import datetime
import glob
import json
import os
import sys
import time

import numpy as np

import onetrip
import onetrip.dask as od
from onetrip import reforms

HEADER = "case_id,matter,department,hall,kind,received,completed,fee,joint\n"


def generate(out, counties, matters, cases, year):
    os.makedirs(os.path.join(out, "catalogs"), exist_ok=True)
    os.makedirs(os.path.join(out, "cases"), exist_ok=True)
    per_file = cases // (counties * 12)
    started = time.perf_counter()
    volumes = {}
    for c in range(counties):
        county = f"county-{c:02d}"
        catalog = onetrip.generate(matters, seed=1000 + c)
        catalog.save(os.path.join(out, "catalogs", f"{county}.json"))
        departments = {d.id: d.name for d in catalog.departments}
        halls = {h.id: h.name for h in catalog.halls}
        rows = []
        for m in catalog.matters:
            hall = halls[m.halls[0]] if m.halls else next(iter(halls.values()))
            rows.append((f",{m.code},{departments[m.department]},{county} {hall},{m.project_type},",
                         m.project_type == "immediate", m.fee_fen))
        rng = np.random.default_rng(c)
        # A few matters get most cases (Zipf-like), as in a real hall.
        weights = 1.0 / np.arange(1, len(rows) + 1) ** 0.9
        weights /= weights.sum()
        counts = np.zeros(len(rows))
        for month in range(1, 13):
            first = datetime.date(year, month, 1)
            days = ((first.replace(month=month % 12 + 1) if month < 12 else datetime.date(year + 1, 1, 1)) - first).days
            which = rng.choice(len(rows), size=per_file, p=weights)
            counts += np.bincount(which, minlength=len(rows))
            received = rng.integers(0, days, size=per_file)
            took = rng.integers(0, 40, size=per_file)
            pending = rng.random(per_file) < 0.08
            joint = rng.random(per_file) < 0.05
            lines = [HEADER]
            for i in range(per_file):
                prefix, immediate, fee = rows[which[i]]
                r = first + datetime.timedelta(days=int(received[i]))
                done = "" if pending[i] and not immediate else (r if immediate else r + datetime.timedelta(
                    days=int(took[i]))).isoformat()
                lines.append(f"C{c:02d}{month:02d}{i:07d}{prefix}{r.isoformat()},{done},"
                             f"{fee // 100 if fee and done else ''},{1 if joint[i] else 0}\n")
            with open(os.path.join(out, "cases", f"{county}-{year}-{month:02d}.csv"), "w", encoding="utf-8") as f:
                f.write("".join(lines))
        volumes[county] = {m.code: round(n / 12, 3) for m, n in zip(catalog.matters, counts) if n}
        print(f"\r{county}: {(c + 1) * per_file * 12:,} records, {time.perf_counter() - started:.0f} s",
              end="", file=sys.stderr, flush=True)
    with open(os.path.join(out, "volumes.json"), "w", encoding="utf-8") as f:
        json.dump(volumes, f)
    print(file=sys.stderr)


def timed(what, f, repeat=1):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        value = f()
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else min(best, elapsed)
    print(f"  {what}: {best:.2f} s", flush=True)
    return value, best


def run(root, workers, repeat):
    import distributed

    files = sorted(glob.glob(os.path.join(root, "cases", "*.csv")))
    catalogs = {os.path.basename(p)[:-5]: p for p in sorted(glob.glob(os.path.join(root, "catalogs", "*.json")))}
    with open(os.path.join(root, "volumes.json"), encoding="utf-8") as f:
        volumes = json.load(f)
    size = sum(os.path.getsize(p) for p in files)
    print(f"{len(files)} case files ({size / 1e9:.2f} GB), {len(catalogs)} catalogues", flush=True)
    scenario = onetrip.Scenario([reforms.express_delivery(), reforms.online_payment()], name="everywhere")
    results = {}

    def single_report():
        report = onetrip.Report()
        for p in files:
            report.add_csv(p)
        return report.finish(2017, 12)

    def single_compare():
        saved = 0.0
        for county, path in catalogs.items():
            base = onetrip.Catalog.load(path)
            saved += onetrip.compare(base, base.apply(scenario), volumes[county]).totals.trips_saved
        return saved

    print("single process", flush=True)
    table, results["report", 0] = timed("report", single_report, repeat)
    saved, results["compare", 0] = timed("compare", single_compare, repeat)
    cases = int(table.to_pandas("total").recv_c.iloc[0])
    empty = os.path.join(root, "empty")
    os.makedirs(empty, exist_ok=True)
    for i in range(len(files)):  # as many partitions, without records: the overhead alone
        path = os.path.join(empty, f"{i:04d}.csv")
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as f:
                f.write(HEADER + "x,,w,h,promised,2017-01-02,,,0\n")
    for n in workers:
        cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        with distributed.Client(cluster):
            print(f"Dask, {n} worker{'s' if n > 1 else ''}", flush=True)
            got, results["report", n] = timed("report", lambda: od.report(files, "2017-12"), repeat)
            assert got.csv("windows") == table.csv("windows"), "the report differs from the single process"
            got, results["compare", n] = timed("compare", lambda: od.compare(catalogs, scenario, volumes), repeat)
            assert got.total.trips_saved == saved, "the comparison differs from the single process"
            _, results["overhead", n] = timed(f"{len(files)} partitions of one record", lambda: od.report(
                sorted(glob.glob(os.path.join(empty, "*.csv"))), "2017-12"), repeat)
        cluster.close()
    print(f"\n{cases:,} cases in the year; figures equal to the single process: yes")
    for what in ("report", "compare"):
        base = results[what, 0]
        for n in workers:
            t = results[what, n]
            print(f"{what}: {n} worker(s) {t:.2f} s, speed-up {base / t:.2f}× over one process, "
                  f"efficiency {base / t / n:.0%}" + (f"; 1 → {n} workers {results[what, 1] / t:.2f}×"
                                                     if n > 1 and (what, 1) in results else ""))
    for n in workers:
        print(f"overhead per partition, {n} worker(s): {results['overhead', n] / len(files) * 1e3:.1f} ms")
    print(f"report throughput, single process: {cases / results['report', 0] / 1e6:.2f} M cases/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--out", default="build/province")
    g.add_argument("--counties", type=int, default=90)
    g.add_argument("--matters", type=int, default=3000)
    g.add_argument("--cases", type=int, default=10_000_000)
    g.add_argument("--year", type=int, default=2017)
    r = sub.add_parser("run")
    r.add_argument("--dir", default="build/province")
    r.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    r.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.out, args.counties, args.matters, args.cases, args.year)
    else:
        run(args.dir, args.workers, args.repeat)


if __name__ == "__main__":
    main()
