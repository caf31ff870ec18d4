"""Validity dates from Python, hand-worked on tests/data/catalog/dated.json (公章刻制备案:
express from 07-05, fully online without the proof's original from 07-12, the fee gone
from 08-01; N starts on 07-12; the bundle AB is offered from 09-01): the catalogue as of a
day, the notice, due dates, schedule and evaluation on the acceptance day, a matter not in
force refused by name, bad periods at their JSON paths, the diff naming a period."""
import datetime
import pickle

import pytest

import onetrip

D = datetime.date


@pytest.fixture(scope="module")
def dated():
    from conftest import SOURCE_DIR

    return onetrip.Catalog.load(SOURCE_DIR / "tests" / "data" / "catalog" / "dated.json")


def test_the_periods_are_read(dated):
    a = dated.matters[0]
    assert a.periods == {"fee": (None, D(2017, 7, 31)), "online": (D(2017, 7, 12), None),
                         "is_express": (D(2017, 7, 5), None)}
    assert (a.materials[1].effective_from, a.materials[1].effective_until) == (None, D(2017, 7, 11))
    assert (dated.bundles[0].effective_from, dated.bundles[0].effective_until) == (D(2017, 9, 1), None)
    assert dated.matters[1].periods == {}


def test_as_of_leaves_out_what_does_not_hold(dated):
    assert dated.as_of(D(2017, 7, 4)).trips("A").trips == 2   # in person, collected in person
    assert dated.as_of(D(2017, 7, 11)).trips("A").trips == 1  # the result by express from 07-05
    assert onetrip.as_of(dated, "2017-07-12").trips("A").trips == 0  # fully online, no original
    assert [m.code for m in dated.as_of(D(2017, 7, 11)).matters] == ["A", "B"]  # N from 07-12
    assert [b.id for b in dated.as_of(D(2017, 9, 1)).bundles] == ["AB"]
    assert len(dated.as_of(D(2017, 8, 31)).bundles) == 0
    assert dated.as_of(D(2017, 8, 1)).matters[0].fee_fen == 0


def test_the_acceptance_day_decides(dated):
    n11 = dated.notice("A", start=D(2017, 7, 11))
    n12 = dated.notice("A", start=D(2017, 7, 12))
    assert (n11.trips, len(n11.materials)) == (1, 2)
    assert (n12.trips, len(n12.materials)) == (0, 1)
    with pytest.raises(onetrip.FailedPreconditionError, match=r'matter "N" \(新事项\) is not in force on 2017-07-11'):
        dated.due("N", D(2017, 7, 11))
    assert dated.due("N", D(2017, 7, 12)).due == D(2017, 7, 12)
    with pytest.raises(onetrip.FailedPreconditionError, match='bundle "AB" is not in force on 2017-08-31'):
        dated.schedule("AB", D(2017, 8, 31))
    assert dated.schedule("AB", D(2017, 9, 1)).due == D(2017, 9, 15)
    assert dated.evaluate(D(2017, 9, 1)).matter_trips[0] == 0
    assert dated.evaluate().matter_trips[0] == 1  # undated: every element, the proof shown


def test_the_whole_evaluation_on_a_day_names_what_is_not_in_force(dated):
    e = dated.evaluate(D(2017, 7, 11))
    assert e.matters_not_in_force == ["N"]  # from 07-12
    assert e.bundles_not_in_force == ["AB"]  # from 09-01
    assert list(e.matter_trips) == [1, 2, 0]  # A submitted in person; B; N left out
    direct = dated.as_of(D(2017, 7, 11)).evaluate(D(2017, 7, 11))
    assert list(direct.matter_trips) == [1, 2] and direct.matters_not_in_force == []
    assert e.indicators().matters == 2 and e.indicators().bundles == 0
    assert e.indicators().mean_trips == direct.indicators().mean_trips
    assert pickle.loads(pickle.dumps(e)) == e
    whole = dated.evaluate(D(2017, 9, 1))
    assert whole.matters_not_in_force == [] and whole.bundles_not_in_force == []


def test_bad_periods_at_their_paths(dated):
    text = dated.dumps().replace('"until": "2017-07-31"', '"from": "2017-08-01", "until": "2017-07-31"', 1)
    with pytest.raises(onetrip.CatalogError) as e:
        onetrip.Catalog.loads(text)
    assert [p.path for p in e.value.problems] == ["$.matters[0].periods.fee.until"]


def test_the_diff_names_a_period(dated):
    changes = onetrip.diff(dated, dated.as_of(D(2017, 8, 1)))
    fields = {c.field for c in changes if c.id == "A"}
    assert fields == {"fee", "materials", "online_payment", "periods.fee"}
    period = next(c for c in changes if c.field == "periods.fee")
    assert (period.before, period.after, period.affects_figures) == ('{"until":"2017-07-31"}', "", False)
