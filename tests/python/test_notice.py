"""The one-time notice from Python: Catalog.notice(code, answers) worked by hand
from the Yuyao bulletin's rules (tests/data/catalog/situations.json): the 三小
limits, the rental filing's exclusions and conditional materials, a registration
change that cannot be declared online; the materials as a DataFrame; answers of
the wrong type or outside the choices named with the allowed values."""
import datetime

import pandas as pd
import pytest

import onetrip
from conftest import SOURCE_DIR


@pytest.fixture(scope="module")
def situations():
    return onetrip.Catalog.load(SOURCE_DIR / "tests" / "data" / "catalog" / "situations.json")


def test_small_restaurant_within_the_limit(situations):
    n = situations.notice("SC-05", {"business": "小餐饮店", "area": 40, "foods": []})
    assert n.eligibility == "eligible" and n.eligible is True
    assert n.trips == 1
    assert list(n.materials["id"]) == ["application-form", "id-copy", "premises-proof"]
    assert n.open_questions == []
    assert "eligible, 3 material(s) to bring, 1 trip(s)" in repr(n)


@pytest.mark.parametrize("business,area,eligibility", [
    ("小餐饮店", 50, "eligible"), ("小餐饮店", 50.5, "not_eligible"),
    ("小食杂店", 50, "eligible"), ("小食杂店", 60, "not_eligible")])
def test_shop_area_limit_is_fifty_square_metres_inclusive(situations, business, area, eligibility):
    assert situations.notice("SC-05", {"business": business, "area": area, "foods": []}).eligibility == eligibility


def test_over_the_limit_is_sent_to_the_licence(situations):
    n = situations.notice("SC-05", {"business": "小餐饮店", "area": 60})
    assert n.eligible is False
    (refusal,) = n.refusals
    assert refusal.refusal == "elsewhere" and refusal.instead == "FL-01"
    assert "请改为申请：食品经营许可（FL-01）" in str(n)


@pytest.mark.parametrize("staff,area,eligibility", [(7, 100, "eligible"), (8, 100, "not_eligible"),
                                                    (7, 101, "not_eligible")])
def test_workshop_limits(situations, staff, area, eligibility):
    n = situations.notice("SC-05", {"business": "小作坊", "staff": staff, "area": area, "foods": []})
    assert n.eligibility == eligibility


def test_undetermined_names_the_deciding_questions(situations):
    n = situations.notice("SC-05", {"business": "小餐饮店", "area": 40})
    assert n.eligibility == "undetermined" and n.eligible is None
    assert n.deciding_questions == ["foods"]
    assert [q.id for q in n.open_questions] == ["foods"]
    assert "自酿酒" in n.open_questions[0].choices


def test_rental_exclusions_and_materials(situations):
    base = {"legal_proof": True, "use_changed": False, "dangerous": False, "protected_housing": False,
            "sublease": True, "agent": False}
    n = situations.notice("FW-01", base)
    assert n.eligible is True
    frame = n.materials
    assert isinstance(frame, pd.DataFrame)
    assert list(frame[~frame.shared]["id"]) == ["lease-form", "id-copy", "lease-contract", "sublease-consent"]
    assert list(frame[frame.shared]["id"]) == ["property-certificate-copy"]
    refused = situations.notice("FW-01", dict(base, legal_proof=False))
    assert refused.eligible is False
    assert "无合法证明的房屋" in refused.refusals[0].reason
    assert len(situations.notice("FW-01", dict(base, legal_proof=False, dangerous=True)).refusals) == 2


def test_registration_change_not_online_costs_the_worst_case(situations):
    assert situations.notice("SC-02", {"items": ["名称"]}).worst_case == 1
    n = situations.notice("SC-02", {"items": ["股东"]})
    assert n.worst_case == 2 and n.variants == ["股东变更、注册资本变更、执行事务合伙人变更还不能网上申报"]
    assert int(n.materials.set_index("id").loc["shareholder-resolution", "copies"]) == 2


def test_bundle_members_and_due_date(situations):
    n = situations.notice("open-shop", {"sells_food": True}, start=datetime.date(2017, 7, 3))
    assert n.members == ["SC-04", "SC-05", "FL-01"] and n.undetermined_members == ["FL-01"]
    assert n.due == datetime.date(2017, 7, 17)
    assert situations.notice("open-shop", {"sells_food": False}).members == ["SC-04"]


def test_bad_answers(situations):
    with pytest.raises(onetrip.InvalidArgumentError, match=r'"area".*a number \(平方米\)'):
        situations.notice("SC-05", {"area": "forty"})
    with pytest.raises(onetrip.InvalidArgumentError, match='one of "小餐饮店", "小食杂店", "小作坊"'):
        situations.notice("SC-05", {"business": "大饭店"})
    with pytest.raises(onetrip.InvalidArgumentError, match='unknown question "landlord"'):
        situations.notice("FW-01", {"landlord": True})
    with pytest.raises(onetrip.InvalidArgumentError, match="yes/no given, expected a number"):
        situations.notice("SC-05", {"area": True})
    with pytest.raises(TypeError, match=r'answers\["area"\]'):
        situations.notice("SC-05", {"area": object()})
    with pytest.raises(TypeError, match="answers: expected a dict"):
        situations.notice("SC-05", [("area", 40)])
    with pytest.raises(onetrip.NotFoundError):
        situations.notice("XX-99", {})


def test_json_and_text(situations):
    import json

    n = situations.notice("FW-01", {"legal_proof": False})
    assert json.loads(n.json)["eligibility"] == "not_eligible"
    assert str(n).startswith("一次性告知：房屋租赁合同备案（FW-01）")


def test_trip_list_is_typed_records_with_the_trip_rules_reasons(situations):
    # No bare dicts: each trip a NoticeTrip, each need a NoticeNeed whose kind and because
    # are the enums Catalog.trips gives; for a matter without situations the same needs.
    n = situations.notice("FL-01", {})
    trips = situations.trips("FL-01")
    assert len(n.trip_list) == n.trips == trips.trips
    for mine, theirs in zip(n.trip_list, trips.trip_list):
        assert isinstance(mine, onetrip.notice.NoticeTrip)
        assert (mine.hall, mine.moment, mine.window_contacts) == (theirs.hall, theirs.moment, theirs.window_contacts)
        assert [(x.matter, x.kind, x.because, x.window) for x in mine.needs] == \
            [(x.matter, x.kind, x.because, x.window) for x in theirs.needs]
        assert all(isinstance(x.kind, onetrip.NeedKind) and isinstance(x.because, onetrip.Reason) for x in mine.needs)


def test_reform_builders_take_a_situation(situations):
    """onetrip.reforms' builders carry `situation=` to the library: the reform holds there only."""
    from onetrip import reforms

    after = situations.apply(
        [reforms.online_application("pre_review", matters=["SC-02"], situation='items has "股东"')])
    assert after.notice("SC-02", {"items": ["股东"]}).worst_case == 1  # pre-review again
    assert after.notice("SC-02", {"items": ["注册资本"]}).worst_case == 2  # still not online
    assert situations.notice("SC-02", {"items": ["股东"]}).worst_case == 2  # the base untouched
    dropped = situations.apply(
        [reforms.drop_material("premises-proof", matters=["SC-05"], situation='business == "小餐饮店"')])

    def materials(catalog, business):
        return set(catalog.notice("SC-05", {"business": business}).materials["id"])

    assert "premises-proof" not in materials(dropped, "小餐饮店")
    assert "premises-proof" in materials(dropped, "小食杂店")
    for build in (reforms.express_delivery, reforms.postal_application, reforms.electronic_licence,
                  reforms.online_payment, reforms.tolerant_acceptance):
        r = build(matters=["SC-02"], situation='items has "股东"')
        assert r.to_json()["situation"] == 'items has "股东"'
    limited = situations.apply([reforms.promised_limit(2, matters=["SC-02"], situation='items has "名称"')])
    assert limited.notice("SC-02", {"items": ["名称"]}).workdays < situations.notice(
        "SC-02", {"items": ["名称"]}).workdays


def test_remove_eligibility_builder(situations):
    from onetrip import reforms

    answers = {"legal_proof": True, "use_changed": False, "dangerous": False, "protected_housing": True}
    assert situations.notice("FW-01", answers).eligibility == "not_eligible"
    after = situations.apply([reforms.remove_eligibility("protected_housing", matters=["FW-01"])])
    assert after.notice("FW-01", answers).eligibility == "eligible"
    with pytest.raises(onetrip.ScenarioError, match="protected"):
        situations.apply([reforms.remove_eligibility("not protected_housing", matters=["FW-01"])])
    with pytest.raises(onetrip.ScenarioError, match="does not apply to a situation"):
        situations.apply([reforms.fee(1, matters=["SC-02"], situation='items has "股东"')])


SITUATION_CASES = "matter,situation,volume\nSC-02,items=股东,30\nSC-02,items=名称,70\n"


def test_situation_volumes_weigh_the_indicators(situations):
    """SC-02's 30 股东 changes cost 2 trips in the worst case, its 70 名称 changes 1: weighed by its
    situations, the mean worst case is 1.3 whatever its default situation costs."""
    v = onetrip.Volumes.from_csv(situations, SITUATION_CASES)
    assert v.matters == {"SC-02": 100} and not v.situation_shares
    assert v.situations[0] == onetrip.SituationVolume("SC-02", "items=股东", ("items=股东",), 30.0, "line 2")
    ind = situations.indicators(situation_volumes=SITUATION_CASES)
    assert ind.weighted and ind.volume == 100
    assert ind.mean_worst_case == pytest.approx(1.3)
    # The same from a DataFrame of shares beside the matter's volume, and on an evaluation.
    shares = pd.DataFrame({"matter": ["SC-02", "SC-02"], "situation": ["items=股东", "items=名称"],
                           "share": [0.3, 0.7]})
    assert situations.indicators({"SC-02": 100}, missing="zero",
                                 situation_volumes=shares).mean_worst_case == pytest.approx(1.3)
    assert situations.evaluate().indicators(situation_volumes=SITUATION_CASES).mean_worst_case == pytest.approx(1.3)
    # The Volumes read from that CSV, given as the volumes: its situations count as situation volumes.
    assert situations.indicators(v, missing="zero") == ind
    assert situations.evaluate().indicators(v, missing="zero") == ind
    with pytest.raises(TypeError, match="give the situation volumes once"):
        situations.indicators(v, missing="zero", situation_volumes=SITUATION_CASES)
    # Bad rows are named by line (a DataFrame's row i is line i + 2).
    bad = shares.assign(situation=["items=股东", "itemz=名称"])
    with pytest.raises(onetrip.VolumesError, match="itemz") as e:
        situations.indicators(situation_volumes=bad)
    assert [p.path for p in e.value.problems] == ["line 3", "line 2"]  # and SC-02's shares then add up to 0.3
    with pytest.raises(onetrip.VolumesError, match="has 50 cases, but its situations add up to 100"):
        situations.indicators({"SC-02": 50}, missing="zero", situation_volumes=SITUATION_CASES)
    with pytest.raises(TypeError, match="matter, situation and volume or share"):
        situations.indicators(situation_volumes=pd.DataFrame({"matter": ["SC-02"], "cases": [1]}))


def test_situation_volumes_weigh_the_comparison(situations):
    from onetrip import reforms

    after = situations.apply(
        [reforms.online_application("pre_review", matters=["SC-02"], situation='items has "股东"')])
    plain = onetrip.compare(situations, after, {"SC-02": 100})
    assert plain.totals.worst_case_saved == 0  # the default situation did not change
    weighed = onetrip.compare(situations, after, situation_volumes=SITUATION_CASES)
    assert weighed.totals.worst_case_saved == 30  # the 股东 cases, one trip each
    assert weighed.volumes.situations and weighed.volumes.matters == {"SC-02": 100}
    # Matter volumes beside situation cases that add up to them: the same cases, counted once.
    both = onetrip.compare(situations, after, {"SC-02": 100}, situation_volumes=SITUATION_CASES)
    assert both.totals.worst_case_saved == 30 and both.volumes.matters == {"SC-02": 100}
    with pytest.raises(onetrip.VolumesError, match="given twice"):
        onetrip.Volumes.from_csv(situations, SITUATION_CASES) + onetrip.Volumes.from_csv(situations, SITUATION_CASES)


def test_situation_volumes_weigh_the_roadmap(situations):
    """"Allow 股东变更 online" from 2017-07-12: the 30 股东 cases of SC-02 save a worst-case trip
    each, in July for the 14 of its 21 working days the reform is in force (20), in August
    whole (30); by its matter volume alone the reform is not seen."""
    from onetrip import reforms

    plan = [reforms.dated(reforms.online_application("pre_review", matters=["SC-02"], situation='items has "股东"'),
                          datetime.date(2017, 7, 12))]
    r = situations.roadmap(plan, "2017-07", "2017-08", situation_volumes=SITUATION_CASES)
    months = r.to_pandas()
    assert list(months["worst_case_saved"]) == pytest.approx([30 * 14 / 21, 30])
    assert list(months["trips_saved"]) == [0, 0]
    assert list(months["volume"]) == [100, 100]
    # Shares of each month's cases, from a DataFrame: 300 in August, 90 of them 股东 changes.
    shares = pd.DataFrame({"matter": ["SC-02", "SC-02"], "situation": ["items=股东", "items=名称"],
                           "share": [0.3, 0.7]})
    by_share = onetrip.roadmap(situations, plan, "2017-07", "2017-08", monthly="month,id,volume\n2017-08,SC-02,300\n",
                               situation_volumes=shares)
    assert list(by_share.to_pandas()["worst_case_saved"]) == pytest.approx([0, 90])
    plain = situations.roadmap(plan, "2017-07", "2017-08", monthly="month,id,volume\n2017-08,SC-02,300\n")
    assert list(plain.to_pandas()["worst_case_saved"]) == [0, 0]
    with pytest.raises(onetrip.ScenarioError, match="give its situations as shares"):
        situations.roadmap(plan, "2017-07", "2017-08", monthly="month,id,volume\n2017-08,SC-02,300\n",
                           situation_volumes=SITUATION_CASES)
    with pytest.raises(onetrip.VolumesError, match="itemz"):
        situations.roadmap(plan, "2017-07", "2017-08",
                           situation_volumes="matter,situation,volume\nSC-02,itemz=股东,30\n")
