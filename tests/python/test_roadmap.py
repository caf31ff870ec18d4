"""The catalogue over time from Python, hand-worked on tests/data/roadmap/small.json:
as_of a day, the roadmap as a DataFrame indexed by month (B's 21 cases a month lose
a trip from 2017-07-12, 14 of July's 21 working days), its chart, its bad inputs at
their paths and lines, and the diff naming a department move."""
import datetime
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
