"""Case clocks and the monthly report from Python: CaseClock, the vectorised
clocks() over a DataFrame, Report from CSV and DataFrames, merge, strict mode;
and the Yuyao case log whose report reproduces both tables of the bulletin,
figure for figure, through Python and through the tool."""
import datetime
import os
import pathlib
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import onetrip

D = datetime.date


@pytest.fixture(scope="module")
def yuyao_dir():
    from conftest import SOURCE_DIR

    return SOURCE_DIR / "examples" / "yuyao-2017"


@pytest.fixture(scope="module")
def case_log(yuyao_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("cases") / "cases-2017.csv"
    with open(path, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(yuyao_dir / "make_cases.py")], stdout=out, check=True)
    return path


def test_case_clock():
    # A pause another law provides (中止), 7-12 July: 3 working days not counted.
    clock = onetrip.CaseClock([("accepted", D(2017, 7, 3), 20), ("paused", D(2017, 7, 7), "other"),
                               ("resumed", D(2017, 7, 12))])
    state = clock.as_of(D(2017, 7, 12))
    assert (state.due, state.paused_days, state.elapsed) == (D(2017, 8, 3), 3, 4)
    assert clock.as_of(D(2017, 8, 4)).status == "overdue"
    assert onetrip.CaseClock(clock.events, yellow_days_left=15).as_of(D(2017, 7, 14)).level == "yellow"
    with pytest.raises(onetrip.InvalidArgumentError, match="resumed without a pause"):
        onetrip.CaseClock([("accepted", D(2017, 7, 3), 5), ("resumed", D(2017, 7, 4))])
    with pytest.raises(ValueError, match="is not received"):
        onetrip.CaseClock([("opened", D(2017, 7, 3), 5)])
    with pytest.raises(onetrip.InvalidArgumentError, match="start with its receipt"):
        onetrip.CaseClock([])


def test_the_laws_clock():
    """行政许可法 第三十二、四十二、四十四、四十五条, worked by hand on the 2017 calendar."""
    # 第三十二条: received Monday 3 July; 5 working days to decide (by 10 July); without a decision,
    # accepted on receipt.
    waiting = onetrip.CaseClock([("received", D(2017, 7, 3), 20)])
    assert waiting.as_of(D(2017, 7, 5)).status == "received" and waiting.as_of(D(2017, 7, 5)).due is None
    assert waiting.as_of(D(2017, 7, 5)).acceptance_due == D(2017, 7, 10)
    deemed = waiting.as_of(D(2017, 7, 11))
    assert deemed.deemed_accepted and deemed.accepted == D(2017, 7, 3) and deemed.due == D(2017, 7, 31)
    # One 补正 notice; accepted when the corrected materials arrive; the limit runs from then.
    events = [("received", D(2017, 7, 3), 20), ("supplement_notice", D(2017, 7, 7))]
    assert onetrip.CaseClock(events).as_of(D(2017, 7, 20)).status == "awaiting correction"
    events.append(("accepted", D(2017, 7, 24)))
    assert onetrip.CaseClock(events).as_of(D(2017, 7, 25)).due == D(2017, 8, 21)
    # 第四十五条: 专家评审, notified as 10 days, 25-28 July: 3 working days apart from the limit.
    events += [("special_started", D(2017, 7, 25), "专家评审", 10), ("special_ended", D(2017, 7, 28))]
    s = onetrip.CaseClock(events).as_of(D(2017, 7, 31))
    assert (s.special_days, s.paused_days, s.due) == (3, 0, D(2017, 8, 24))
    assert s.special_periods[0].kind == "专家评审" and s.special_periods[0].notified_days == 10
    # 第四十二条: one extension, 10 days (15 for a joint handling, given as an option).
    with pytest.raises(onetrip.InvalidArgumentError, match="第四十二条"):
        onetrip.CaseClock(events + [("extended", D(2017, 8, 1), 12)])
    with pytest.raises(onetrip.InvalidArgumentError, match="extended once"):
        onetrip.CaseClock(events + [("extended", D(2017, 8, 1), 5), ("extended", D(2017, 8, 2), 5)])
    joint = onetrip.CaseClock(events + [("extended", D(2017, 8, 1), 12)], extension_limit=15)
    assert joint.as_of(D(2017, 8, 2)).limit == 32
    # 第四十四条: decided 1 September, issued by 15 September.
    done = onetrip.CaseClock(events + [("completed", D(2017, 9, 1)), ("issued", D(2017, 9, 18))])
    final = done.as_of(D(2017, 9, 30))
    assert final.issue_due == D(2017, 9, 15) and final.issued_late
    # 补正 after acceptance, or a special procedure as a pause: named by the article.
    with pytest.raises(onetrip.InvalidArgumentError, match="补正 comes before acceptance"):
        onetrip.CaseClock([("accepted", D(2017, 7, 3), 20), ("paused", D(2017, 7, 7), "补正")])
    with pytest.raises(onetrip.InvalidArgumentError, match="not a pause"):
        onetrip.CaseClock([("accepted", D(2017, 7, 3), 20), ("paused", D(2017, 7, 7), "检测")])


def test_vectorised_clocks():
    frame = pd.DataFrame({
        "accepted": pd.to_datetime(["2017-07-03", "2017-09-29", "2017-07-20"]),
        "limit": [20, 5, 20],
        "completed": pd.to_datetime([None, "2017-10-16", None]),
        "paused": [3, 0, 0],
    }, index=["a", "b", "c"])
    out = onetrip.clocks(frame, D(2017, 8, 4), completed="completed", paused_days="paused")
    assert list(out.index) == ["a", "b", "c"]
    assert out.loc["a", "due"] == pd.Timestamp("2017-08-03") and out.loc["a", "status"] == "overdue"
    # b's decision (16 October) is after 4 August: as of then it is not made yet (until the law's
    # clock the vectorised form called it "completed late" on any date).
    assert onetrip.clocks(frame, D(2017, 10, 20), completed="completed").loc["b", "status"] == "completed late"
    assert out.loc["c", "level"] == "normal"
    events = onetrip.CaseClock([("accepted", D(2017, 7, 20), 20)]).as_of(D(2017, 8, 4))
    assert out.loc["c", "remaining"] == events.remaining
    # A decision after the date asked is not made yet; one before the acceptance is an error (by row).
    early = onetrip.clocks(frame, D(2017, 10, 10), completed="completed", paused_days="paused")
    assert early.loc["b", "status"] == "running"
    bad = frame.assign(completed=pd.to_datetime([None, "2017-09-01", None]))
    with pytest.raises(onetrip.InvalidArgumentError, match="case 1: decided"):
        onetrip.clocks(bad, D(2017, 10, 20), completed="completed")


LOG = ("case_id,matter,department,hall,kind,received,completed,fee,joint\n"
       "c1,,住建,中心,promised,2016-12-28,2017-01-05,,0\n"
       "c2,,住建,中心,promised,2017-07-03,2017-07-10,300,0\n"
       "c3,,住建,中心,immediate,2017-07-03,2017-07-03,12.50,1\n"
       "c4,,公安,镇,promised,2017-07-05,,,0\n")


def test_report_merge_frames_and_bad_rows():
    whole = onetrip.Report()
    assert whole.add_csv(LOG) == []
    head, tail = LOG.split("c3,")
    part = onetrip.Report()
    part.add_csv(head)
    other = onetrip.Report()
    other.add_csv(LOG.splitlines(True)[0] + "c3," + tail)
    part.merge(other)
    assert part.finish(2017, 7).windows_csv("中心") == whole.finish(2017, 7).windows_csv("中心")
    table = whole.finish(2017, 7)
    windows = table.to_pandas("windows", hall="中心")
    assert windows.loc["住建", "recv_c"] == 2 and windows.loc["住建", "done_c"] == 3  # carry-over completed
    assert windows.loc["住建", "fee_m"] == 31250
    assert table.to_pandas("halls").loc["镇", "pending"] == 1
    frame = pd.read_csv(pd.io.common.StringIO(LOG), dtype=str, keep_default_na=False)
    by_frame = onetrip.Report()
    by_frame.add_frame(frame)
    assert by_frame.finish(2017, 7).halls_csv() == table.halls_csv()
    bad = LOG + "c5,,公安,镇,promised,2017-02-30,,,0\n"
    problems = onetrip.Report().add_csv(bad)
    assert [p.path for p in problems] == ["line 6"]
    strict = onetrip.Report()
    with pytest.raises(onetrip.CaseRecordsError) as info:
        strict.add_csv(bad, strict=True)
    assert info.value.problems[0].path == "line 6" and strict.cases == 0


def test_yuyao_tables_reproduced_exactly(yuyao_dir, case_log):
    catalog = onetrip.Catalog.load(yuyao_dir / "catalog.json")
    report = onetrip.Report(catalog=catalog)
    assert report.add_csv(case_log) == []
    table = report.finish(2017, 7)
    windows = (yuyao_dir / "volumes-2017-07-windows.csv").read_text(encoding="utf-8").replace("\r\n", "\n")
    halls = (yuyao_dir / "volumes-2017-07-subcentres.csv").read_text(encoding="utf-8").replace("\r\n", "\n")
    assert table.windows_csv("余姚市行政服务中心") == windows
    assert table.halls_csv("余姚市行政服务中心") == halls
    centre = table.to_pandas("halls").loc["余姚市行政服务中心"]
    # The bulletin's note: joint cases 0 this month, 9 this year, 9 completed, none pending.
    assert (centre.joint_recv_m, centre.joint_recv_c, centre.joint_done_c, centre.joint_pending) == (0, 9, 9, 0)


def test_yuyao_tables_through_the_tool(yuyao_dir, case_log):
    from conftest import SOURCE_DIR

    tool = os.environ.get("ONETRIP_TOOL", str(pathlib.Path(SOURCE_DIR) / "build" / "bin" / "onetrip"))
    for which, expected in (("windows", "volumes-2017-07-windows.csv"), ("halls", "volumes-2017-07-subcentres.csv")):
        out = subprocess.run([tool, "report", "--cases", str(case_log), "--month", "2017-07", "--catalog",
                              str(yuyao_dir / "catalog.json"), "--format", "csv", "--table", which],
                             capture_output=True, text=True, check=True).stdout
        assert out == (yuyao_dir / expected).read_text(encoding="utf-8").replace("\r\n", "\n")


# ---- one table of columns, RFC 4180, nothing lost, bounds, threads ----------------

TRICKY = ["住建", "中心, 东区", 'say "hi"', "two\nlines", " padded "]


def _records(names):
    for i, name in enumerate(names):
        yield [f"c{i}", "", name, names[(i + 1) % len(names)], "promised", "2017-07-03", "2017-07-04", "12.50", "0"]


def _whole(report):
    table = report.finish(2017, 7)
    return (tuple(table.csv(part) for part in ("windows", "halls", "total")), report.cases, report.skipped)


def test_report_reads_what_python_csv_and_pandas_write():
    import csv
    import io

    header = CASE_HEADER = ["case_id", "matter", "department", "hall", "kind", "received", "completed", "fee", "joint"]
    rows = list(_records(TRICKY))
    for terminator in ("\r\n", "\n"):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=terminator)
        writer.writerow(header)
        writer.writerows(rows)
        report = onetrip.Report()
        assert report.add_csv(out.getvalue(), strict=True) == []
        windows = report.finish(2017, 7).to_pandas("windows").reset_index()
        assert sorted(windows.window) == sorted(TRICKY) and sorted(set(windows.hall)) == sorted(TRICKY)
    by_pandas = onetrip.Report()
    by_pandas.add_csv(pd.DataFrame(rows, columns=CASE_HEADER).to_csv(index=False), strict=True)
    assert _whole(by_pandas) == _whole(report)
    # The report's own CSV is read back by both as the same names and figures.
    table = report.finish(2017, 7)
    read = list(csv.reader(io.StringIO(table.csv("windows"))))
    assert read[0] == [c.name for c in onetrip.Report.COLUMNS]
    assert sorted(r[1] for r in read[1:]) == sorted(TRICKY)
    frame = pd.read_csv(io.StringIO(table.csv("halls")), keep_default_na=False)
    assert sorted(frame.hall) == sorted(TRICKY) and list(frame.fee_m) == [12.5] * len(TRICKY)
    # A quoted plain name is the name: "住建" is the window 住建.
    quoted = onetrip.Report()
    quoted.add_csv(",".join(CASE_HEADER) + '\n"c1",,"住建","中心",promised,2017-07-03,,,0\n', strict=True)
    assert list(quoted.finish(2017, 7).to_pandas("windows").index.get_level_values("window")) == ["住建"]


def test_report_frames_have_every_column_of_the_table():
    report = onetrip.Report()
    report.add_csv(LOG)
    names = [c.name for c in onetrip.Report.COLUMNS]
    assert {"pending", "joint_pending", "on_time_m", "late_m", "overdue_pending", "on_time_rate"} <= set(names)
    assert {c.type for c in onetrip.Report.COLUMNS} == {"text", "count", "money_fen", "ratio"}
    table = report.finish(2017, 7)
    # Every column, the keys as the index: (hall, window), hall, or the one total row.
    assert list(table.to_pandas("windows").reset_index().columns) == names
    assert list(table.to_pandas("halls").reset_index().columns) == ["hall"] + names[2:]
    assert list(table.to_pandas("total").columns) == names[2:]
    assert table.to_pandas("total").loc["total", "fee_m"] == 31250  # money in integer fen
    assert table.to_pandas("total").loc["total", "recv_m"] == 3


def test_failed_strict_add_leaves_the_whole_report():
    report = onetrip.Report()
    report.add_csv(LOG)
    before = _whole(report)
    bad = LOG.splitlines(True)[0] + "p,,新窗口,PHANTOM,promised,2017-07-03,,,0\nx,,住建,中心,promised,2017-07-03,2017-07-01,,0\n"
    with pytest.raises(onetrip.CaseRecordsError):
        report.add_csv(bad, strict=True)
    assert _whole(report) == before
    assert "PHANTOM" not in report.finish(2017, 7).csv("halls")
    skipped = onetrip.Report()
    problems = skipped.add_csv(LOG + "p,,新窗口,PHANTOM,promised,2017-07-03,2017-07-01,,0\n")
    assert [p.path for p in problems] == ["line 6"]
    assert _whole(skipped)[0] == before[0]


def test_money_sums_never_wrap():
    log = LOG.splitlines(True)[0] + "".join(
        f"c{i},,住建,中心,promised,2017-07-03,2017-07-04,999999999999999.99,0\n" for i in range(100))
    report = onetrip.Report()
    with pytest.raises(onetrip.CaseRecordsError, match=r'case "c92": its fee of 999999999999999.99 yuan'):
        report.add_csv(log, strict=True)
    assert report.cases == 0
    lenient = onetrip.Report()
    assert len(lenient.add_csv(log)) == 8
    assert lenient.finish(2017, 7).to_pandas("total").loc["total", "fee_m"] == 92 * 99999999999999999


def test_threads_share_one_report_exactly():
    import threading

    header = LOG.splitlines(True)[0]
    chunk = header + "".join(f"t{i},,住建,中心,promised,2017-07-03,2017-07-04,1.25,0\n" for i in range(2000))
    report = onetrip.Report()
    errors = []

    def add():
        try:
            for _ in range(20):
                report.add_csv(chunk)
                report.finish(2017, 7)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=add) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert report.cases == 2 * 20 * 2000
    total = report.finish(2017, 7).to_pandas("total")
    assert total.loc["total", "done_m"] == 80000 and total.loc["total", "fee_m"] == 80000 * 125


def test_add_frame_reads_columns_as_add_csv_reads_text(yuyao_dir, case_log):
    """add_frame on pandas' own reading of the Yuyao log (floats with NaN for
    fees, text dates) gives every figure add_csv gives on the file; so do
    categoricals and datetime64 columns."""
    catalog = onetrip.Catalog.load(yuyao_dir / "catalog.json")
    by_csv = onetrip.Report(catalog=catalog)
    assert by_csv.add_csv(case_log) == []
    frame = pd.read_csv(case_log)
    by_frame = onetrip.Report(catalog=catalog)
    assert by_frame.add_frame(frame) == []
    assert by_frame.cases == by_csv.cases == len(frame)
    typed = frame.astype({"hall": "category", "department": "category", "kind": "category"})
    typed["received"] = pd.to_datetime(typed["received"])
    typed["completed"] = pd.to_datetime(typed["completed"])
    by_typed = onetrip.Report(catalog=catalog)
    assert by_typed.add_frame(typed) == []
    for month in (3, 7):
        expected = by_csv.finish(2017, month)
        for report in (by_frame, by_typed):
            table = report.finish(2017, month)
            for part in ("windows", "halls", "total"):
                assert table.csv(part) == expected.csv(part)


def test_add_frame_reads_dates_and_limits_as_they_are_or_refuses_them():
    """A zoned date column counts by its wall-clock dates (a case received on 1 August in Shanghai
    was counted in July, its UTC day); a time of day is refused naming the row (it was dropped); a
    limit outside 32 bits is refused naming the row (2**32 + 5 was counted as 5 days); nothing is
    added by a refused frame."""
    base = {"case_id": ["c1", "c2"], "department": ["住建", "住建"], "hall": ["中心", "中心"],
            "kind": ["promised", "promised"]}
    received = pd.to_datetime(["2017-07-31", "2017-08-01"])
    for zone in ("Asia/Shanghai", "America/New_York"):
        zoned = onetrip.Report()
        assert zoned.add_frame(pd.DataFrame({**base, "received": received.tz_localize(zone)})) == []
        plain = onetrip.Report()
        plain.add_frame(pd.DataFrame({**base, "received": received}))
        for month in (7, 8):
            assert zoned.finish(2017, month).csv("windows") == plain.finish(2017, month).csv("windows")
        objects = onetrip.Report()
        objects.add_frame(pd.DataFrame({**base, "received": pd.Series(list(received.tz_localize(zone)),
                                                                       dtype=object)}))
        assert objects.finish(2017, 7).csv("windows") == plain.finish(2017, 7).csv("windows")
    report = onetrip.Report()
    for column in ("received", "completed", "accepted"):
        frame = pd.DataFrame({**base, "received": received, column: pd.to_datetime(["2017-08-01", "2017-08-01 13:00"])})
        with pytest.raises(ValueError, match=f"{column}: 2017-08-01 13:00:00 at row 1 has a time of day"):
            report.add_frame(frame)
        frame[column] = frame[column].astype(object)
        with pytest.raises(ValueError, match=f"{column}: 2017-08-01 13:00:00 at row 1 has a time of day"):
            report.add_frame(frame)
    for limit in (np.array([5, 2**32 + 5], dtype=np.int64), np.array([5, 2**32 + 5], dtype=np.uint64),
                  np.array([5.0, 1e10]), np.array([5, -2**31 - 1], dtype=np.int64)):
        with pytest.raises(ValueError, match="limit: .* at row 1 is outside -2147483648..2147483647"):
            report.add_frame(pd.DataFrame({**base, "received": received, "limit": limit}))
    assert report.cases == 0
    # At the edge the limit reaches the report whole (then past the calendar: a bad row).
    [problem] = report.add_frame(pd.DataFrame({**base, "received": received,
                                               "limit": np.array([5, 2**31 - 1], dtype=np.int64)}))
    assert problem.path == "row 1" and "2147483647 working days" in problem.message


def test_add_frame_bad_rows_and_strict():
    frame = pd.read_csv(pd.io.common.StringIO(LOG + "c5,,公安,镇,sometimes,2017-07-03,,,0\n"
                                              "c6,,公安,镇,promised,2017-07-05,2017-07-01,0.125,0\n"))
    report = onetrip.Report()
    problems = report.add_frame(frame)
    assert [p.path for p in problems] == ["row 4", "row 5"]
    assert 'case "c5"' in problems[0].message and "sometimes" in problems[0].message
    assert 'case "c6"' in problems[1].message and "0.125" in problems[1].message
    assert report.cases == 4 and report.skipped == 2
    strict = onetrip.Report()
    strict.add_csv(LOG)
    before = strict.finish(2017, 7).csv("windows")
    with pytest.raises(onetrip.CaseRecordsError) as info:
        strict.add_frame(frame, strict=True)
    assert info.value.problems[0].path == "row 4"
    assert strict.cases == 4 and strict.finish(2017, 7).csv("windows") == before  # nothing added
    bad_date = frame.copy()
    bad_date.loc[0, "received"] = "2017-02-30"
    with pytest.raises(ValueError, match="2017-02-30"):
        strict.add_frame(bad_date)
    assert strict.cases == 4
    with pytest.raises(ValueError, match="no column hall"):
        strict.add_frame(frame.drop(columns=["hall"]))


def test_the_limit_counts_from_the_acceptance():
    # 行政许可法 第四十二条: received Monday 3 July 2017, 5 working days, completed Wednesday 12 July:
    # due 10 July from receipt (late); accepted 5 July, due 12 July (on time). CSV and frame alike.
    log = ("case_id,matter,department,hall,kind,received,completed,fee,joint,limit,accepted\n"
           "late,,住建,中心,promised,2017-07-03,2017-07-12,,0,5,\n"
           "on-time,,住建,中心,promised,2017-07-03,2017-07-12,,0,5,2017-07-05\n")
    by_csv, by_frame = onetrip.Report(), onetrip.Report()
    assert by_csv.add_csv(log) == []
    assert by_frame.add_frame(pd.read_csv(pd.io.common.StringIO(log), parse_dates=["accepted"])) == []
    for report in (by_csv, by_frame):
        row = report.finish(2017, 7).to_pandas("total").loc["total"]
        assert (row["on_time_m"], row["late_m"]) == (1, 1)
    early = onetrip.Report()
    problems = early.add_csv(log.replace("2017-07-05", "2017-07-02"))
    assert [p.path for p in problems] == ["line 3"] and "accepted (2017-07-02) before received" in problems[0].message
