#!/usr/bin/env python3
"""The monthly report from the case log a user has, a CSV file, end to end in
one process: onetrip (Report.add_csv(path) + finish, and the tool's C++ path
MonthlyReport::add_csv_file through the same binding) against pandas
(read_csv + the groupbys that give the same counts: received per window, kind
and month; completed and fees per window, kind and month); then
Report.add_frame on pandas' frame against add_csv on the same rows. Best of 3
each, single thread.

The log is the Yuyao 2017 one (examples/yuyao-2017/make_cases.py, 514,329
cases) and, with BENCH_FULL=1, the same rows repeated to 10^7 records.

    PYTHONPATH=build-release/python /usr/bin/python3 bench/report_csv_bench.py
"""
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import pandas as pd

import onetrip

SOURCE = pathlib.Path(__file__).resolve().parent.parent


def best_of(n, f):
    best, result = float("inf"), None
    for _ in range(n):
        start = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - start)
    return best, result


def onetrip_from_file(path, catalog=None):
    report = onetrip.Report(catalog=catalog)
    report.add_csv(path)
    report.finish(2017, 7)
    return report.cases


def pandas_from_file(path):
    frame = pd.read_csv(path)
    received = frame["received"].str.slice(0, 7)
    completed = frame["completed"].str.slice(0, 7)
    by_received = frame.groupby([frame["hall"], frame["department"], frame["kind"], received]).size()
    by_completed = frame.groupby([frame["hall"], frame["department"], frame["kind"], completed])["fee"].agg(
        ["size", "sum"])
    return len(frame), by_received, by_completed


def line(what, seconds, rows, size, ratio=None):
    text = f"{what:<58} {seconds * 1000:8.0f} ms  {rows / seconds / 1e6:6.2f} M rows/s  {size / seconds / 1e6:6.0f} MB/s"
    if ratio is not None:
        text += f"  {ratio:5.1f}x pandas"
    print(text, flush=True)


def main():
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="onetrip-bench-"))
    log = workdir / "cases-2017.csv"
    with open(log, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(SOURCE / "examples" / "yuyao-2017" / "make_cases.py")], stdout=out,
                       check=True)
    catalog = onetrip.Catalog.load(SOURCE / "examples" / "yuyao-2017" / "catalog.json")
    logs = [log]
    if os.environ.get("BENCH_FULL") == "1":
        big = workdir / "cases-10m.csv"
        lines = log.read_text(encoding="utf-8").splitlines(True)
        header, body = lines[0], lines[1:]
        with open(big, "w", encoding="utf-8") as out:
            out.write(header)
            written = 0
            while written < 10_000_000:
                chunk = body[: 10_000_000 - written]
                out.writelines(chunk)
                written += len(chunk)
        logs.append(big)
    for path in logs:
        size = path.stat().st_size
        big = size > 200e6
        rounds = 1 if big else 3
        if big:  # pandas would need several GB for 10^7 rows of text: onetrip alone
            rows, pandas_s = sum(1 for _ in open(path, encoding="utf-8")) - 1, None
        else:
            pandas_s, (rows, *_) = best_of(rounds, lambda: pandas_from_file(path))
        print(f"{path.name}: {rows:,} case records, {size / 1e6:.1f} MB")
        if pandas_s:
            line("pandas read_csv + groupby (same counts)", pandas_s, rows, size)
        ours, cases = best_of(rounds, lambda: onetrip_from_file(path))
        assert cases == rows
        line("onetrip Report.add_csv(path) + finish", ours, rows, size, pandas_s and pandas_s / ours)
        ours_c, cases = best_of(rounds, lambda: onetrip_from_file(path, catalog))
        line("onetrip Report(catalog).add_csv(path) + finish (on-time)", ours_c, rows, size,
             pandas_s and pandas_s / ours_c)

    # A DataFrame in hand: add_frame against add_csv on the same rows.
    frame = pd.read_csv(log)
    text = log.read_text(encoding="utf-8")
    size = len(text.encode("utf-8"))
    rows = len(frame)

    def add(method, value):
        report = onetrip.Report(catalog=catalog)
        getattr(report, method)(value)
        return report.cases

    print(f"{log.name} as a DataFrame (pandas.read_csv, default dtypes): {rows:,} rows")
    csv_s, _ = best_of(3, lambda: add("add_csv", text))
    line("Report.add_csv(text)", csv_s, rows, size)
    frame_s, _ = best_of(3, lambda: add("add_frame", frame))
    line("Report.add_frame(frame)", frame_s, rows, size)
    typed = frame.astype({"hall": "category", "department": "category", "kind": "category"})
    typed["received"] = pd.to_datetime(typed["received"])
    typed["completed"] = pd.to_datetime(typed["completed"])
    typed_s, _ = best_of(3, lambda: add("add_frame", typed))
    line("Report.add_frame(frame with categories and datetime64)", typed_s, rows, size)
    print(f"add_frame / add_csv: {csv_s / frame_s:.1f}x as fast (typed frame: {csv_s / typed_s:.1f}x)")


if __name__ == "__main__":
    main()
