#!/usr/bin/env python3
"""Per-call cost of a catalogue's lookups by code from Python, the calls an
analyst makes one at a time, beside the plain approaches a Python user has, in
one run:

* a dict of dataclass records, one per matter, built from the catalogue's own
  frame (Catalog.to_pandas()) and the evaluation's (Evaluation.to_pandas());
* pandas `.loc[code]` / `.at[code, column]` on those frames, indexed by code.

The operations: a matter by code (`catalog.matter(code)`) and a field of it,
the trips of a matter (`catalog.trips(code).trips`, `evaluation.trips(code)`),
and its due date (`catalog.due(code, accepted).due`, against the day loop of a
pure-Python calendar, bench/calendar_python_bench.py's DictCalendar, over the
promised limit from the record). Every answer of the first 256 codes is checked
equal to the plain approach's. CPU time (time.process_time_ns): the machine is
shared; each row is the best of five loops over 4,096 codes of a generated
catalogue of 10^5 matters (10^6 with BENCH_FULL=1).

    PYTHONPATH=build-release/python /usr/bin/python3 bench/catalog_python_bench.py
"""
import dataclasses
import datetime
import os
import random
import sys
import time

import onetrip

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calendar_python_bench import DictCalendar  # noqa: E402


@dataclasses.dataclass(frozen=True)
class MatterRecord:
    """What an analyst keeps per matter without onetrip: the catalogue's row."""

    code: str
    name: str
    department: str
    promised_limit: int
    fee_fen: int
    trips: int
    worst_case: int


def per_call(fn, codes, reps=5):
    """Best CPU time per call in ns of fn(code) over the codes."""
    best = float("inf")
    for _ in range(reps):
        t = time.process_time_ns()
        for c in codes:
            fn(c)
        best = min(best, (time.process_time_ns() - t) / len(codes))
    return best


def first_calls(catalog, codes, reps=5):
    """Best CPU time per call in ns of catalog.trips(code).trips on a catalogue that has
    answered none of the codes yet (a new handle on the same catalogue each loop)."""
    best = float("inf")
    for _ in range(reps):
        fresh = onetrip.Catalog(catalog)
        t = time.process_time_ns()
        for c in codes:
            fresh.trips(c).trips
        best = min(best, (time.process_time_ns() - t) / len(codes))
    return best


def main():
    matters = 1_000_000 if os.environ.get("BENCH_FULL") == "1" else 100_000
    catalog = onetrip.generate(matters=matters, seed=2017)
    evaluation = catalog.evaluate()
    frame = catalog.to_pandas()
    trips_frame = evaluation.to_pandas()
    records = {
        code: MatterRecord(code, name, department, int(limit), int(fee), int(t), int(w))
        for code, name, department, limit, fee, t, w in zip(
            frame.index, frame["name"], frame["department"], frame["promised_limit"], frame["fee_fen"],
            trips_frame["trips"], trips_frame["worst_case"])
    }
    rng = random.Random(42)
    codes = rng.sample(list(records), 4096)
    plain_calendar = DictCalendar()
    accepted = datetime.date(2017, 9, 29)

    # The answers agree before anything is timed.
    for code in codes[:256]:
        m, r = catalog.matter(code), records[code]
        assert (m.code, m.name, m.department, m.promised_limit, m.fee_fen) == (
            r.code, r.name, r.department, r.promised_limit, r.fee_fen), code
        t = catalog.trips(code)
        assert (t.trips, t.worst_case) == (r.trips, r.worst_case), code
        assert evaluation.trips(code).trips == r.trips, code
        assert frame.at[code, "name"] == r.name and trips_frame.at[code, "trips"] == r.trips, code
        if m.promised_unit == "workdays":
            assert catalog.due(code, accepted).due == plain_calendar.add_workdays(accepted, r.promised_limit), code

    rows = [
        ("catalog.matter(code)", per_call(catalog.matter, codes),
         "dict of records: records[code]", per_call(records.__getitem__, codes)),
        ("catalog.matter(code).name", per_call(lambda c: catalog.matter(c).name, codes),
         "records[code].name", per_call(lambda c: records[c].name, codes)),
        ("catalog.matter(code).name", per_call(lambda c: catalog.matter(c).name, codes),
         "frame.at[code, 'name']", per_call(lambda c: frame.at[c, "name"], codes)),
        ("catalog.matter(code) (five fields)",
         per_call(lambda c: (lambda m: (m.name, m.department, m.promised_limit, m.fee_fen, m.kind))(
             catalog.matter(c)), codes),
         "frame.loc[code] (the row)", per_call(frame.loc.__getitem__, codes)),
        ("catalog.trips(code).trips", per_call(lambda c: catalog.trips(c).trips, codes),
         "records[code].trips", per_call(lambda c: records[c].trips, codes)),
        # The first call of a code evaluates its trips (kept after): a fresh catalogue each loop.
        ("catalog.trips(code).trips, first call", first_calls(catalog, codes),
         "records[code].trips", per_call(lambda c: records[c].trips, codes)),
        ("evaluation.trips(code).trips", per_call(lambda c: evaluation.trips(c).trips, codes),
         "trips_frame.at[code, 'trips']", per_call(lambda c: trips_frame.at[c, "trips"], codes)),
        ("catalog.due(code, accepted).due", per_call(lambda c: catalog.due(c, accepted).due, codes),
         "day loop over records[code].promised_limit",
         per_call(lambda c: plain_calendar.add_workdays(accepted, records[c].promised_limit), codes)),
    ]
    print(f"catalogue of {matters:,} matters; CPU ns per call, best of 5 loops over 4,096 codes")
    print(f"{'onetrip':<38} {'ns':>8}   {'plain approach, same run':<44} {'ns':>8}  ratio")
    for name, ns, plain, plain_ns in rows:
        print(f"{name:<38} {ns:>8,.0f}   {plain:<44} {plain_ns:>8,.0f}  {plain_ns / ns:.2f}x")


if __name__ == "__main__":
    main()
