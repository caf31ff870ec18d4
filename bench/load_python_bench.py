#!/usr/bin/env python3
"""Loading a catalogue from Python, in one run: its JSON (`onetrip.Catalog.load`, validated), its
binary snapshot (`onetrip.Catalog.load_snapshot`, from the file and from bytes), a pickle round
trip (which goes through the snapshot), and the same followed by a first pass over every matter
(which builds the matters a snapshot's load leaves to their first read); beside them the plain
approach of a Python user, the standard library's `json.load` into dicts (no validation). CPU time,
best of 3 (`time.process_time`, which counts the snapshot's second thread too), and wall time.
Not a test: the figures go to bench/README.md.

    PYTHONPATH=build-release/python /usr/bin/python3 bench/load_python_bench.py [--matters N]

The default is 10^5 matters; BENCH_FULL=1 makes it 10^6.
"""
import argparse
import json
import os
import pickle
import tempfile
import time

import onetrip


def best(fn, runs=3):
    """The best CPU and wall seconds of `runs` calls of fn (its result freed between calls)."""
    cpu, wall = float("inf"), float("inf")
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        c1, w1 = time.process_time(), time.perf_counter()
        del result
        cpu, wall = min(cpu, c1 - c0), min(wall, w1 - w0)
    return cpu, wall


def every_matter(catalog):
    """A first pass over every matter (what builds a loaded snapshot's matters); the catalogue is
    returned with the sum, so that it is freed outside the timed call as the other rows' are."""
    return catalog, sum(len(m.name) for m in catalog.matters)


def main():
    parser = argparse.ArgumentParser()
    full = os.environ.get("BENCH_FULL") == "1"
    parser.add_argument("--matters", type=int, default=1_000_000 if full else 100_000)
    args = parser.parse_args()

    catalog = onetrip.generate(matters=args.matters, seed=2017)
    with tempfile.TemporaryDirectory() as tmp:
        json_path = os.path.join(tmp, "catalog.json")
        snap_path = os.path.join(tmp, "catalog.snap")
        catalog.save(json_path)
        catalog.save_snapshot(snap_path)
        snapshot = catalog.dumps_snapshot()
        pickled = pickle.dumps(catalog)
        json_mb = os.path.getsize(json_path) / 1e6
        snap_mb = os.path.getsize(snap_path) / 1e6

        def plain():
            with open(json_path, encoding="utf-8") as f:
                return json.load(f)

        rows = [
            ("onetrip.Catalog.load(json), validated", lambda: onetrip.Catalog.load(json_path), json_mb),
            ("json.load into dicts (plain, not validated)", plain, json_mb),
            ("onetrip.Catalog.load_snapshot(path)", lambda: onetrip.Catalog.load_snapshot(snap_path), snap_mb),
            ("onetrip.Catalog.load_snapshot(bytes)", lambda: onetrip.Catalog.load_snapshot(snapshot), snap_mb),
            ("pickle.loads", lambda: pickle.loads(pickled), snap_mb),
            ("load_snapshot(path) + every matter read",
             lambda: every_matter(onetrip.Catalog.load_snapshot(snap_path)), snap_mb),
            ("load(json) + every matter read", lambda: every_matter(onetrip.Catalog.load(json_path)), json_mb),
        ]
        print(f"{args.matters} matters: JSON {json_mb:.1f} MB, snapshot {snap_mb:.1f} MB")
        results = {}
        for name, fn, mb in rows:
            cpu, wall = best(fn)
            results[name] = cpu
            print(f"{name:48s} CPU {cpu * 1e3:9.1f} ms  wall {wall * 1e3:9.1f} ms  {mb / wall:8.1f} MB/s of wall")
        plain_cpu = results["json.load into dicts (plain, not validated)"]
        for name in ("onetrip.Catalog.load(json), validated", "onetrip.Catalog.load_snapshot(path)"):
            print(f"{name}: {plain_cpu / results[name]:.1f}x the plain json.load, same run (CPU)")


if __name__ == "__main__":
    main()
