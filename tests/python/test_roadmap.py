"""The catalogue over time from Python, hand-worked on tests/data/roadmap/small.json:
as_of a day, the roadmap as a DataFrame indexed by month (B's 21 cases a month lose
a trip from 2017-07-12, 14 of July's 21 working days), its chart, its bad inputs at
their paths and lines, the months' volumes counted from a case log (path, text or
DataFrame; its bad rows skipped at their lines, or refused with strict), and the diff
naming a department move."""
import datetime
import io
import json

import pandas as pd
import pytest

import onetrip
from onetrip import reforms


@pytest.fixture(scope="module")
def small():
    from conftest import SOURCE_DIR

    return onetrip.Catalog.load(SOURCE_DIR / "tests" / "data" / "roadmap" / "small.json")


def express_b():
    return [reforms.dated(reforms.express_delivery(matters=["B"]), "2017-07-12")]


def test_as_of_a_day(small):
    before = small.as_of(datetime.date(2017, 7, 11), express_b())
    after = onetrip.as_of(small, "2017-07-12", express_b())
    assert before.trips("B").trips == 2
    assert after.trips("B").trips == 1
    assert [m.code for m in after.matters] == ["A", "B"]  # C is in force until 2017-06-30
    assert small.matters[2].effective_until == datetime.date(2017, 6, 30)
    assert isinstance(after, onetrip.Catalog)


def test_roadmap_month_by_month(small):
    r = small.roadmap(express_b(), "2017-06", "2017-08", monthly="month,id,volume\n2017-07,B,21\n2017-08,B,21\n")
    frame = r.to_pandas()
    assert list(frame.index) == list(pd.to_datetime(["2017-06-01", "2017-07-01", "2017-08-01"]))
    assert list(frame.trips_saved) == pytest.approx([0, 14, 21])
    assert list(frame.windows_saved) == pytest.approx([0, 14, 21])
    assert list(frame.days_saved) == pytest.approx([0, 0, 0])
    assert frame.workdays.iloc[1] == 21
    assert frame.share_at_most_one_trip.iloc[2] == pytest.approx(1.0)
    table = r.by_reform("share_in_force")
    # C's validity ends on 2017-06-30: a change of the roadmap on 07-01, before the reform.
    assert list(table.columns) == ["R1 period: C in force until 2017-06-30", "R2 express_delivery B"]
    assert table.iloc[1, 1] == pytest.approx(14 / 21)
    assert r.reforms.effective_from[0] == datetime.date(2017, 7, 12)
    assert list(r.reforms.period) == [True, False] and list(r.reforms.index) == [1, 0]
    assert r.reforms.effective_from[1] == datetime.date(2017, 7, 1)
    assert list(r.by_reform("trips_saved").iloc[:, 0]) == pytest.approx([0, 0, 0])  # C leaving saves nothing
    assert "1 dated reforms, 1 period changes" in repr(r)


def test_roadmap_chart(small):
    import matplotlib

    matplotlib.use("Agg")
    r = small.roadmap(express_b(), "2017-06", "2017-08", volumes={"B": 21})
    ax = r.plot()
    assert ax.get_ylabel() == "trips saved per month"
    assert len(ax.lines) == 1  # the reform's date, marked


def test_roadmap_bad_input(small):
    outside = [reforms.dated(reforms.express_delivery(matters=["B"]), "2031-01-01")]
    with pytest.raises(onetrip.ScenarioError) as e:
        small.roadmap(outside, "2017-01", "2017-12")
    assert [p.path for p in e.value.problems] == ["$.reforms[0].effective_from"]
    with pytest.raises(onetrip.VolumesError) as e:
        small.roadmap(express_b(), "2017-01", "2017-12", monthly="month,id,volume\n2017-07,C,3\n")
    assert e.value.problems[0].path == "line 2"
    with pytest.raises(ValueError):
        small.roadmap(express_b(), "2017-13", "2017-12")


def test_diff_names_a_department_move(small):
    doc = json.loads(small.dumps())
    doc["matters"][0]["department"] = "b"  # A moves from 甲局 to 乙局
    moved = onetrip.Catalog.loads(json.dumps(doc, ensure_ascii=False))
    changes = onetrip.diff(small, moved)
    assert [str(c) for c in changes] == ['matter A department: "a" -> "b"']
    assert changes[0].affects_figures
    assert small.diff(small) == []
    # compare says the move changed A, though no channel did
    assert onetrip.compare(small, moved).totals.matters_changed == 1


def test_yuyao_roadmap_agrees_with_the_comparison():
    """The bulletin's reforms on their days (examples/yuyao-2017/roadmap-2017.json, the
    reforms of reforms-2017.json dated): once all are in force, a month saves what
    compare() says the whole scenario saves; 商事登记's online application counts from
    Wednesday 5 July, 19 of July's 21 working days."""
    from conftest import SOURCE_DIR

    d = SOURCE_DIR / "examples" / "yuyao-2017"
    base = onetrip.Catalog.load(d / "catalog.json").apply(d / "before-2017.json")
    volumes = d / "volumes-2017-07.csv"
    r = base.roadmap(d / "roadmap-2017.json", "2017-01", "2017-12", volumes=volumes)
    frame = r.to_pandas()
    whole = onetrip.compare(base, base.apply(d / "reforms-2017.json"), volumes)
    assert frame.trips_saved.iloc[0] == 0
    assert frame.trips_saved.iloc[-1] == pytest.approx(whole.trips_saved)
    assert frame.days_saved.iloc[-1] == pytest.approx(whole.days_saved)
    assert frame.share_at_most_one_trip.iloc[-1] == pytest.approx(whole.totals.share_at_most_one_trip_after)
    shares = r.by_reform("share_in_force")
    commerce = [c for c in shares.columns if "330281-SC-01" in c and "period:" not in c][0]
    assert shares[commerce].iloc[6] == pytest.approx(19 / 21)
    filing = [c for c in shares.columns if "filing" in c and "period:" not in c][0]
    assert list(shares[filing].iloc[5:9]) == [0, 0, 0, 1]


# tests/data/roadmap/cases.csv counted by hand by the month each case was accepted:
# June B 1 + C 1; July A 1 + B 2 (c1 received 06-30, accepted 07-03; c3 a joint case of A);
# August B 1. B by express from 07-12 saves a trip per case: 2 x 14/21 in July, 1 in August.
LOG_VOLUMES = [2, 3, 1]
LOG_TRIPS_SAVED = [0, 2 * 14 / 21, 1]
BAD_LOG = ("case_id,matter,department,hall,kind,received,completed,fee,joint\n"
           "ok,B,,中心,promised,2017-07-03,,,0\n"
           "late,C,,中心,immediate,2017-07-03,2017-07-03,,0\n"   # C ended 06-30
           "dept,,甲局,中心,promised,2017-07-04,,,0\n"          # no matter
           "when,B,,中心,promised,2017-07-32,,,0\n")             # no such day


def log_path():
    from conftest import SOURCE_DIR

    return SOURCE_DIR / "tests" / "data" / "roadmap" / "cases.csv"


def test_roadmap_from_a_case_log(small):
    for log in (log_path(), str(log_path()), log_path().read_text(encoding="utf-8"), pd.read_csv(log_path())):
        r = small.roadmap(express_b(), "2017-06", "2017-08", case_log=log)
        frame = r.to_pandas()
        assert list(frame.volume) == pytest.approx(LOG_VOLUMES)
        assert list(frame.trips_saved) == pytest.approx(LOG_TRIPS_SAVED)
        assert r.volume_weighted and r.skipped == []
    # The same figures as the counts written by hand.
    by_hand = small.roadmap(express_b(), "2017-06", "2017-08", monthly=(
        "month,id,volume\n2017-06,B,1\n2017-06,C,1\n2017-07,A,1\n2017-07,B,2\n2017-08,B,1\n"))
    assert by_hand.to_pandas().equals(r.to_pandas())
    # Only the roadmap's months: the other months' cases are passed over.
    july = onetrip.roadmap(small, express_b(), "2017-07", "2017-07", case_log=log_path(), strict=True)
    assert list(july.to_pandas().volume) == [3]


def test_roadmap_case_log_as_a_typed_frame(small):
    """Categoricals, datetime64 dates and an accepted column, as Report.add_frame takes them."""
    frame = pd.read_csv(log_path(), parse_dates=["received", "completed", "accepted"])
    frame["matter"] = frame["matter"].astype("category")
    frame["hall"] = frame["hall"].astype("category")
    r = small.roadmap(express_b(), "2017-06", "2017-08", case_log=frame)
    assert list(r.to_pandas().volume) == pytest.approx(LOG_VOLUMES)
    # Without the accepted column, c1 counts in June, the month it was received.
    r = small.roadmap(express_b(), "2017-06", "2017-08", case_log=frame.drop(columns="accepted"))
    assert list(r.to_pandas().volume) == pytest.approx([3, 2, 1])


def test_roadmap_case_log_bad_rows(small):
    r = small.roadmap(express_b(), "2017-07", "2017-07", case_log=BAD_LOG)
    assert list(r.to_pandas().volume) == [1]
    assert [p.path for p in r.skipped] == ["line 3", "line 4", "line 5"]
    assert 'case "late"' in r.skipped[0].message and "not in force" in r.skipped[0].message
    assert "no matter" in r.skipped[1].message
    assert "3 case-log rows skipped" in repr(r)
    # The report skips the third bad row the same way, with the same words.
    report = onetrip.Report(catalog=small)
    assert report.add_csv(BAD_LOG) == [r.skipped[2]]
    # As a frame: rows named by position, from 0.
    frame = pd.read_csv(io.StringIO(BAD_LOG), dtype=str, keep_default_na=False)
    with pytest.raises(ValueError, match="received"):  # 2017-07-32 is not a date: the column cannot be read
        small.roadmap(express_b(), "2017-07", "2017-07", case_log=frame)
    r = small.roadmap(express_b(), "2017-07", "2017-07", case_log=frame.iloc[:3])
    assert [p.path for p in r.skipped] == ["row 1", "row 2"]
    # Strict: every bad row named, nothing made.
    with pytest.raises(onetrip.CaseRecordsError) as e:
        small.roadmap(express_b(), "2017-07", "2017-07", case_log=BAD_LOG, strict=True)
    assert [p.path for p in e.value.problems] == ["line 3", "line 4", "line 5"]
    with pytest.raises(onetrip.CaseRecordsError) as e:
        small.roadmap(express_b(), "2017-07", "2017-07", case_log="month,id,volume\n2017-07,B,1\n")
    assert e.value.problems[0].path == "line 1"
    with pytest.raises(ValueError, match="monthly= or case_log="):
        small.roadmap(express_b(), "2017-07", "2017-07", monthly="month,id,volume\n", case_log=BAD_LOG)
    with pytest.raises(onetrip.MissingFileError):
        small.roadmap(express_b(), "2017-07", "2017-07", case_log="no-such-log.csv")
    with pytest.raises(TypeError, match="case_log"):
        small.roadmap(express_b(), "2017-07", "2017-07", case_log=42)


def test_roadmap_with_skipped_rows_pickles(small):
    import pickle

    r = small.roadmap(express_b(), "2017-07", "2017-07", case_log=BAD_LOG)
    again = pickle.loads(pickle.dumps(r))
    assert again == r and again.skipped == r.skipped
