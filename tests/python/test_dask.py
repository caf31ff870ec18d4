"""onetrip on Dask (onetrip.dask) and the pickling it rests on.

Pickling: every value Dask ships (Catalog, Calendar, Report partials, Reform,
Scenario, the result records) is equal after a round trip; a report state is
refused on another calendar or catalogue, and garbage is refused. Reports
made on different calendars or catalogues are refused at the merge.

On a real cluster (distributed.LocalCluster, 2 worker processes): the monthly
report over the Yuyao case log split into 16 files, read by the workers or as
a Dask DataFrame, equals the single-machine report figure for figure and row
for row; bad rows are named by file and line; evaluate and compare over
counties equal the single-process results, with province totals from the
county sums, and so does a roadmap of dated reforms; a worker killed after it computed partitions loses nothing and
counts nothing twice.
"""
import datetime
import io
import os
import pickle
import signal
import subprocess
import sys
import time

import pandas as pd
import pandas.testing as pd_testing
import pytest

import onetrip
from onetrip import reforms

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
import onetrip.dask as od  # noqa: E402

from conftest import SOURCE_DIR  # noqa: E402

PARTS = ("windows", "halls", "total")


def roundtrip(value):
    return pickle.loads(pickle.dumps(value))


@pytest.fixture(scope="module")
def yuyao():
    return onetrip.Catalog.load(SOURCE_DIR / "examples" / "yuyao-2017" / "catalog.json")


@pytest.fixture(scope="module")
def case_log(tmp_path_factory):
    """The Yuyao case log (make_cases.py), whole and split into 16 files."""
    text = subprocess.run([sys.executable, str(SOURCE_DIR / "examples" / "yuyao-2017" / "make_cases.py")],
                          check=True, capture_output=True, text=True, encoding="utf-8").stdout
    folder = tmp_path_factory.mktemp("yuyao-cases")
    lines = text.splitlines(True)
    header, rows = lines[0], lines[1:]
    size = -(-len(rows) // 16)
    for i in range(16):
        (folder / f"cases-{i:02d}.csv").write_text(header + "".join(rows[i * size:(i + 1) * size]), encoding="utf-8")
    return text, folder


@pytest.fixture(scope="module")
def single(yuyao, case_log):
    report = onetrip.Report(catalog=yuyao)
    assert report.add_csv(case_log[0]) == []
    return report


@pytest.fixture(scope="module")
def client():
    # Under the sanitizer presets the runtime is preloaded into every process the
    # cluster spawns; the pickling and state tests above still run there, and the
    # C++ tests of the state run under ASan.
    if any(name in os.environ.get("LD_PRELOAD", "") for name in ("libasan", "libtsan")):
        pytest.skip("the cluster's worker processes are not run under a sanitizer")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def same_tables(a, b):
    for part in PARTS:
        assert a.csv(part) == b.csv(part), part
        assert a.to_pandas(part).equals(b.to_pandas(part)), part


# ---- pickling ---------------------------------------------------------------


def test_import_onetrip_does_not_import_dask():
    code = "import sys, onetrip; print('dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"


def test_catalogs_pickle_equal(yuyao):
    generated = onetrip.generate(300, seed=5)
    for catalog in (yuyao, generated, onetrip._onetrip.Catalog(yuyao)):
        back = roundtrip(catalog)
        assert back == catalog and back.dumps() == catalog.dumps()
        assert type(back) is type(catalog)
    # The binary snapshot (docs/catalog-format.md): smaller than the text, and loaded without checking again.
    assert len(pickle.dumps(generated)) < len(generated.dumps().encode()) / 2


def test_calendars_pickle_equal(holidays_dir):
    china = onetrip.Calendar.china()
    custom = onetrip.Calendar.from_rules("2017-01-01", "2017-12-31", holidays=[("2017-07-10", "local fair")],
                                         makeup_workdays=["2017-07-15"], weekdays=[1, 2, 3, 4, 5, 6], name="hall")
    for calendar in (china, custom, china.with_json(holidays_dir / "2017.json")):
        back = roundtrip(calendar)
        assert back == calendar and hash(back) == hash(calendar)
        assert back.special_days(2017, 7) == calendar.special_days(2017, 7)
        assert back.add_workdays(datetime.date(2017, 7, 3), 20) == calendar.add_workdays(datetime.date(2017, 7, 3), 20)
    assert custom != china
    assert roundtrip(china.special_days(2017, 10)) == china.special_days(2017, 10)


def test_records_and_reforms_pickle_equal(yuyao):
    indicators = yuyao.indicators(volumes={"330281-GA-03": 1768}, missing="zero")
    assert roundtrip(indicators) == indicators
    due = yuyao.due("330281-AJ-01", "2017-09-29", extension="single")
    assert roundtrip(due) == due
    reform = reforms.express_delivery(department="gongan")
    scenario = onetrip.Scenario([reform, reforms.single_window("road-excavation")], name="2017")
    assert roundtrip(reform) == reform and roundtrip(scenario) == scenario
    after = yuyao.apply(scenario)
    result = onetrip.compare(yuyao, after, volumes=SOURCE_DIR / "examples" / "yuyao-2017" /
                             "volumes-2017-07-windows.csv")
    assert roundtrip(result.totals) == result.totals
    back = roundtrip(result)
    assert back.totals == result.totals and back.to_pandas().equals(result.to_pandas())


def test_missing_case_files_are_file_not_found(yuyao, tmp_path):
    for cases in (tmp_path / "no-such.csv", str(tmp_path / "cases-*.csv"), [str(tmp_path / "no-such.csv")]):
        with pytest.raises(onetrip.MissingFileError) as info:
            od.accumulate(cases, catalog=yuyao)
        assert isinstance(info.value, FileNotFoundError) and str(tmp_path) in info.value.filename
    with pytest.raises(FileNotFoundError):
        od.evaluate({"nowhere": tmp_path / "no-such.json"})  # read on the worker by Catalog.load


def test_report_pickles_exactly(yuyao, single):
    back = roundtrip(single)
    assert (back.cases, back.skipped) == (single.cases, single.skipped)
    assert back._report.__getstate__()[1] == single._report.__getstate__()[1]
    assert back.catalog == yuyao
    same_tables(back.finish(2017, 7), single.finish(2017, 7))
    # A restored partial goes on accumulating and merging like the original.
    more = "case_id,matter,department,hall,kind,received,completed,fee,joint\nx1,,发改,余姚市行政服务中心,promised,2017-07-03,,12.50,0\n"
    back.add_csv(more)
    assert back.cases == single.cases + 1
    empty = roundtrip(onetrip.Report())
    assert empty.cases == 0 and empty.catalog is None


def test_report_state_refused_elsewhere(yuyao, single):
    calendar, state = single._report.__getstate__()
    other = onetrip.Calendar.from_rules("2017-01-01", "2017-12-31")
    with pytest.raises(onetrip.FailedPreconditionError, match="another calendar"):
        onetrip._onetrip._Report._from_state(other, yuyao, state)
    with pytest.raises(onetrip.FailedPreconditionError, match="another catalogue"):
        onetrip._onetrip._Report._from_state(calendar, onetrip.generate(10), state)
    with pytest.raises(onetrip.FailedPreconditionError, match="another catalogue"):
        onetrip._onetrip._Report._from_state(calendar, None, state)
    for bad in (b"", b"not a state", state[:-1], state[:60], state + b"\0"):
        with pytest.raises(onetrip.InvalidArgumentError, match="not a report's state"):
            onetrip._onetrip._Report._from_state(calendar, yuyao, bad)


def test_merge_refuses_other_calendars_and_catalogues(yuyao):
    log = "case_id,matter,department,hall,kind,received,completed,fee,joint\nc1,,发改,中心,promised,2017-07-03,,,0\n"
    china, hall = onetrip.Report(), onetrip.Report(calendar=onetrip.Calendar.from_rules("2017-01-01", "2017-12-31"))
    china.add_csv(log)
    hall.add_csv(log)
    with pytest.raises(onetrip.FailedPreconditionError, match="different calendars"):
        china.merge(hall)
    assert china.cases == 1  # nothing merged
    with pytest.raises(onetrip.FailedPreconditionError, match="different catalogues"):
        china.merge(onetrip.Report(catalog=yuyao))
    same = onetrip.Report()
    same.add_csv(log)
    china.merge(roundtrip(same))  # the same calendar, pickled: merges
    assert china.cases == 2


# ---- on a cluster -------------------------------------------------------------


def test_report_over_16_files_equals_one_machine(client, yuyao, case_log, single):
    files = sorted(str(p) for p in case_log[1].glob("cases-*.csv"))
    assert len(files) == 16
    expected = single.finish(2017, 7)
    problems = []
    same_tables(od.report(str(case_log[1] / "cases-*.csv"), "2017-07", catalog=yuyao, problems=problems), expected)
    assert problems == []
    # Any grouping of the merge tree gives the same report.
    same_tables(od.report(files, (2017, 7), catalog=yuyao, split_every=2), expected)
    # Without a catalogue, another month.
    whole = onetrip.Report()
    whole.add_csv(case_log[0])
    same_tables(od.report(files, datetime.date(2017, 3, 1)), whole.finish(2017, 3))


def test_report_over_a_dask_dataframe_equals_one_machine(client, yuyao, case_log, single):
    cases = od.read_cases(str(case_log[1] / "cases-*.csv"))
    assert cases.npartitions == 16
    merged = od.accumulate(cases, catalog=yuyao)
    assert (merged.cases, merged.skipped) == (single.cases, single.skipped)
    same_tables(merged.finish(2017, 7), single.finish(2017, 7))


def test_the_acceptance_day_travels_with_the_partitions(client):
    # 第四十二条: a limit counts from the acceptance; a Dask DataFrame with an accepted column gives
    # the on-time figures of Report.add_frame on the same rows.
    import pandas as pd

    log = ("case_id,matter,department,hall,kind,received,completed,fee,joint,limit,accepted\n"
           "late,,住建,中心,promised,2017-07-03,2017-07-12,,0,5,\n"
           "on-time,,住建,中心,promised,2017-07-03,2017-07-12,,0,5,2017-07-05\n")
    frame = pd.read_csv(io.StringIO(log), parse_dates=["received", "completed", "accepted"])
    single = onetrip.Report()
    assert single.add_frame(frame) == []
    merged = od.accumulate(dask.dataframe.from_pandas(frame, npartitions=2))
    row = merged.finish(2017, 7).to_pandas("total").loc["total"]
    assert (row["on_time_m"], row["late_m"]) == (1, 1)
    same_tables(merged.finish(2017, 7), single.finish(2017, 7))


BAD = ("case_id,matter,department,hall,kind,received,completed,fee,joint\n"
       "a1,,发改,中心,promised,2017-07-03,,,0\n"
       "\"a2\nsecond line\",,发改,中心,promised,2017-07-03,,,0\n"
       "a3,,发改,中心,sometimes,2017-07-03,,,0\n"
       "a4,,发改,中心,promised,2017-07-05,2017-07-04,,0\n")
GOOD = "case_id,matter,department,hall,kind,received,completed,fee,joint\nb1,,住建,中心,immediate,2017-07-03,2017-07-03,5,1\n"


def test_bad_rows_named_by_file_and_line(client, tmp_path):
    (tmp_path / "a.csv").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.csv").write_text(GOOD, encoding="utf-8")
    files = [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")]
    one = onetrip.Report()
    expected_problems = one.add_csv(BAD)
    one.add_csv(GOOD)
    assert [p.path for p in expected_problems] == ["line 5", "line 6"]
    for cases in (files, od.read_cases(files)):
        problems = []
        merged = od.accumulate(cases, problems=problems)
        assert [(p.path, p.message) for p in problems] == [
            (f"{files[0]}, line 5", expected_problems[0].message), (f"{files[0]}, line 6", expected_problems[1].message)]
        assert (merged.cases, merged.skipped) == (one.cases, one.skipped) == (3, 2)
        same_tables(merged.finish(2017, 7), one.finish(2017, 7))
        with pytest.raises(onetrip.CaseRecordsError) as e:
            od.accumulate(cases, strict=True)
        # Strict names every bad row too, not only the first.
        assert [p.path for p in e.value.problems] == [f"{files[0]}, line 5", f"{files[0]}, line 6"]


def test_merge_of_partials_refuses_other_calendars(client):
    log = "case_id,matter,department,hall,kind,received,completed,fee,joint\nc1,,发改,中心,promised,2017-07-03,,,0\n"
    parts = []
    for calendar in (None, None, onetrip.Calendar.from_rules("2017-01-01", "2017-12-31", name="hall")):
        r = onetrip.Report(calendar=calendar)
        r.add_csv(log)
        parts.append(r)
    assert od.merge(dask.bag.from_sequence(parts[:2], npartitions=2)).cases == 2
    with pytest.raises(onetrip.FailedPreconditionError, match="different calendars.*\"hall\""):
        od.merge(parts, split_every=2)


@pytest.fixture(scope="module")
def counties(yuyao):
    return {"yuyao": yuyao, "a": onetrip.generate(400, seed=1), "b": onetrip.generate(300, seed=2)}


def test_evaluate_over_counties_equals_one_process(client, counties):
    start = datetime.date(2017, 7, 3)
    result = od.evaluate(dask.bag.from_sequence(list(counties.items()), npartitions=3), start)
    assert list(result.frames) == list(counties)
    for county, catalog in counties.items():
        expected = catalog.evaluate(start).to_pandas("all")
        assert result.frames[county].equals(expected)
        assert result.indicators[county] == catalog.indicators()
    # The province from the counties' sums: counts add up, shares are of the whole.
    total = result.total
    assert isinstance(total, od.ProvinceIndicators)  # a record, not a dict
    matters = sum(len(c) for c in counties.values())
    assert total.matters == matters
    zero = sum(round(result.indicators[c].share_zero_trips * len(counties[c])) for c in counties)
    assert total.share_zero_trips == zero / matters
    assert total.mean_trips == sum(int(f.loc["matter"].trips.sum()) for f in result.frames.values()) / matters
    with pytest.warns(DeprecationWarning, match="no longer a dict"):
        assert total["matters"] == matters
    # One county alone: the province is that county.
    alone = od.evaluate({"yuyao": counties["yuyao"]}).total
    for name, value in counties["yuyao"].indicators().to_dict().items():
        assert getattr(alone, name) == pytest.approx(value, rel=1e-12), name
    rows = result.to_pandas()
    assert rows.index.names == ["county", "kind", "id"] and len(rows) == sum(len(f) for f in result.frames.values())
    back = roundtrip(result)  # the province's answer pickles too (test_pickle.py walks the rest)
    assert back.total == result.total
    assert back.to_pandas().equals(rows) and back.to_pandas("counties").equals(result.to_pandas("counties"))
    assert list(result.to_pandas("counties").index) == list(counties) + ["province"]
    with pytest.warns(DeprecationWarning, match="to_pandas"):
        assert len(result.counties_frame()) == len(counties) + 1 and result.frame().equals(rows.reset_index())


def test_a_county_given_as_a_snapshot_file_is_read_on_the_worker_as_its_json(client, counties, tmp_path):
    # Told by its bytes whatever its name: the snapshot loads many times faster on every worker.
    json_path, snapshot_path = tmp_path / "a.json", tmp_path / "b.catalog"
    counties["a"].save(json_path)
    counties["b"].save_snapshot(snapshot_path)
    from_paths = od.evaluate({"yuyao": counties["yuyao"], "a": json_path, "b": str(snapshot_path)}, "2017-07-03")
    in_process = od.evaluate(counties, "2017-07-03")
    assert from_paths.total == in_process.total
    for county in counties:
        assert from_paths.frames[county].equals(in_process.frames[county])
    damaged = bytearray(snapshot_path.read_bytes())
    damaged[-1] ^= 0xFF
    (tmp_path / "damaged.snap").write_bytes(bytes(damaged))
    with pytest.raises(onetrip.InvalidArgumentError, match="bad checksum"):
        od.evaluate({"b": tmp_path / "damaged.snap"})


def test_compare_over_counties_applies_the_scenario_on_workers(client, counties, tmp_path):
    scenario = onetrip.Scenario([reforms.express_delivery(), reforms.online_payment()], name="express everywhere")
    path = tmp_path / "a.json"
    counties["a"].save(path)
    catalogs = {"yuyao": counties["yuyao"], "a": str(path), "b": counties["b"]}  # a path is read on the worker
    volumes = {"yuyao": SOURCE_DIR / "examples" / "yuyao-2017" / "volumes-2017-07-windows.csv",
               "a": {m.code: 10 + i % 7 for i, m in enumerate(counties["a"].matters)},
               "b": {m.code: 3 for m in counties["b"].matters}}
    result = od.compare(catalogs, scenario, volumes)
    trips = 0.0
    for county, catalog in counties.items():
        expected = onetrip.compare(catalog, catalog.apply(scenario), volumes[county])
        assert result.totals[county] == expected.totals
        assert result.frames[county].equals(expected.to_pandas())
        trips += expected.totals.trips_saved
    assert result.total.trips_saved == trips and trips > 0
    back = roundtrip(result)
    assert back.total == result.total and back.to_pandas().equals(result.to_pandas())
    assert result.to_pandas().index.names == ["county", "code"]
    assert result.total.matters_changed == sum(t.matters_changed for t in result.totals.values())
    assert result.total.weighted
    with pytest.raises(onetrip.ScenarioError):
        od.compare(catalogs, onetrip.Scenario([reforms.single_window("no-such-bundle")]), volumes)


def test_roadmap_over_counties_equals_one_process(client, counties):
    plan = onetrip.Scenario([reforms.express_delivery(effective_from="2017-07-12"),
                             reforms.online_payment(effective_from="2017-09-01")], name="dated")
    volumes = {"a": {m.code: 10 + i % 7 for i, m in enumerate(counties["a"].matters)},
               "b": {m.code: 3 for m in counties["b"].matters}}
    result = od.roadmap(counties, plan, "2017-01", "2017-12", volumes)
    assert list(result.roadmaps) == list(counties)
    frames = {}
    for county, catalog in counties.items():
        frames[county] = onetrip.roadmap(catalog, plan, "2017-01", "2017-12", volumes.get(county)).to_pandas()
        pd_testing.assert_frame_equal(result.roadmaps[county].to_pandas(), frames[county])
    total = result.total
    assert list(total.index) == list(frames["a"].index) and len(total) == 12
    # Savings add up; nothing is saved before the first reform's day, something after.
    for key in ("trips_saved", "days_saved", "volume"):
        assert total[key].to_numpy() == pytest.approx(sum(f[key].to_numpy() for f in frames.values()))
    assert (total.loc["2017-01":"2017-06", "trips_saved"] == 0).all() and total.loc["2017-07", "trips_saved"].item() > 0
    # A share is the counties' shares weighted by their weight that month: yuyao (no volumes) by its
    # matters in force, a and b by their cases. Worked for one month by hand:
    month = pd.Timestamp("2017-12-01")
    w = {"yuyao": len(onetrip.as_of(counties["yuyao"], "2017-12-31", plan)),
         "a": frames["a"].loc[month, "volume"], "b": frames["b"].loc[month, "volume"]}
    expected = sum(frames[c].loc[month, "share_at_most_one_trip"] * w[c] for c in w) / sum(w.values())
    assert total.loc[month, "share_at_most_one_trip"] == pytest.approx(expected, rel=1e-12)
    assert result.to_pandas("counties").shape == (12, 4) and result.to_pandas() is result.total
    with pytest.raises(onetrip.ScenarioError):
        od.roadmap(counties, onetrip.Scenario([reforms.single_window("no-such-bundle")]), "2017-01", "2017-02")


def test_roadmap_over_counties_from_their_case_logs_and_situations_equals_one_process(client, counties, case_log, tmp_path):
    plan = onetrip.Scenario([reforms.express_delivery(effective_from="2017-07-12")], name="dated")
    log = tmp_path / "yuyao-cases.csv"  # read by the worker, from its path
    log.write_text(case_log[0], encoding="utf-8")
    # County a's log in a frame: two months of its matters, and a row naming no matter.
    codes = [m.code for m in counties["a"].matters][:40]
    rows = [{"case_id": f"a{i}", "matter": code, "department": "", "hall": "中心", "kind": "promised",
             "received": f"2017-0{6 + i % 2}-1{i % 9}", "completed": "", "fee": "", "joint": 0}
            for i, code in enumerate(codes)]
    rows.append(dict(rows[0], case_id="a-stray", matter="no-such-matter"))
    frame = pd.DataFrame(rows)
    logs = {"yuyao": str(log), "a": frame}
    result = od.roadmap(counties, plan, "2017-05", "2017-09", case_log=logs)
    for county, catalog in counties.items():
        expected = onetrip.roadmap(catalog, plan, "2017-05", "2017-09", case_log=logs.get(county))
        pd_testing.assert_frame_equal(result.roadmaps[county].to_pandas(), expected.to_pandas())
        assert result.roadmaps[county].skipped == expected.skipped
    assert [p.path for p in result.roadmaps["a"].skipped] == [f"row {len(rows) - 1}"]
    assert result.roadmaps["a"].volume_weighted and result.total["volume"].sum() > 0
    with pytest.raises(onetrip.CaseRecordsError, match="no-such-matter"):
        od.roadmap(counties, plan, "2017-05", "2017-09", case_log=logs, strict=True)
    with pytest.raises(TypeError, match="case_log: expected a mapping"):
        od.roadmap(counties, plan, "2017-05", "2017-09", case_log=str(log))
    # Cases per situation, county by county, weigh a matter with situations as on one machine.
    situational = onetrip.Catalog.load(SOURCE_DIR / "tests" / "data" / "catalog" / "situations.json")
    cases = {"s": "matter,situation,volume\nSC-02,items=股东,30\nSC-02,items=名称,70\n"}
    by_situation = od.roadmap({"s": situational}, plan, "2017-06", "2017-08", {"s": {"SC-02": 100}},
                              situation_volumes=cases)
    expected = onetrip.roadmap(situational, plan, "2017-06", "2017-08", {"SC-02": 100}, situation_volumes=cases["s"])
    pd_testing.assert_frame_equal(by_situation.roadmaps["s"].to_pandas(), expected.to_pandas())
    unweighed = onetrip.roadmap(situational, plan, "2017-06", "2017-08", {"SC-02": 100})
    assert not unweighed.to_pandas().equals(expected.to_pandas())


def test_a_killed_worker_loses_nothing_and_counts_nothing_twice(client, yuyao, case_log, single):
    cases = od.read_cases(str(case_log[1] / "cases-*.csv")).persist()
    distributed.wait(cases)
    holders = client.who_has(cases)
    by_worker = {}
    for key, workers in holders.items():
        for w in workers:
            by_worker.setdefault(w, []).append(key)
    assert len(by_worker) == 2, "both workers hold partitions"
    victim = max(by_worker, key=lambda w: len(by_worker[w]))
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while victim in client.scheduler_info()["workers"] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert victim not in client.scheduler_info()["workers"]
    # The lost partitions are recomputed from their files, each counted once.
    merged = od.accumulate(cases, catalog=yuyao)
    assert (merged.cases, merged.skipped) == (single.cases, 0)
    same_tables(merged.finish(2017, 7), single.finish(2017, 7))
    client.wait_for_workers(2, timeout=60)  # the nanny brings a new worker up
