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
