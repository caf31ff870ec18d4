"""The Yuyao 2017 example read against its bulletin (examples/yuyao-2017/bulletin-2017-07.txt),
sentence by sentence: every phrase the example quotes is the bulletin's, every day of a
reform is the bulletin's or marked 假定, every figure of a matter the bulletin does not give is
marked 假定, every case of the bulletin's two tables is given to a matter or listed as unassigned
exactly once, assumed volumes never carry half the weight of an indicator (measured on the
roadmap), taxes are not fees, catalog.json is the centre of July but for the reforms that cannot
be undone, and each number the bulletin gives (trips, days, materials 两份→一份, the 39 licences
against 63 registrations, 61.76 %, its counts) comes out of the model on the day the bulletin
gives. What the example cannot reproduce is listed in examples/yuyao-2017/README.md."""
import csv
import datetime
import json
import re

import pytest

import onetrip
from conftest import SOURCE_DIR

D = datetime.date
HERE = SOURCE_DIR / "examples" / "yuyao-2017"
SCENARIOS = ("before-2017.json", "roadmap-2017.json", "reforms-2017.json")


def _plain(text: str) -> str:
    """The bulletin's quotation marks, curly or straight, all as one ' (the example quotes inside quotes so)."""
    return re.sub("[“”‘’\"]", "'", text)


@pytest.fixture(scope="module")
def bulletin():
    return _plain((HERE / "bulletin-2017-07.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base():
    return onetrip.Catalog.load(HERE / "catalog.json").apply(HERE / "before-2017.json")


def scenario(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def sources():
    with open(HERE / "volumes-2017-07-sources.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def quotes(text):
    """The phrases a note quotes ("…"), each split at an elision ( … ) into the pieces the bulletin holds in order."""
    return [[p.strip() for p in q.split(" … ")] for q in re.findall(r'"([^"]+)"', text)]


def test_every_quoted_phrase_is_the_bulletins(bulletin):
    notes = [r["note"] for name in SCENARIOS for r in scenario(name)["reforms"]] + [r["source"] for r in sources()]
    checked = 0
    for note in notes:
        for pieces in quotes(note):
            at = 0
            for piece in pieces:
                found = bulletin.find(_plain(piece), at)
                assert found >= 0, f"not in the bulletin (in this order): {piece!r} — {note}"
                at = found + len(piece)
                checked += 1
    assert checked > 40


def test_every_phrase_the_catalogue_quotes_is_the_bulletins(bulletin):
    """The catalogue's notes, refusal reasons and variant notes quote the bulletin in “…” (an elision
    written …… or …, the pieces in the bulletin's order)."""
    document = json.loads((HERE / "catalog.json").read_text(encoding="utf-8"))
    texts = [m.get("note", "") for m in document["matters"]] + [b.get("note", "") for b in document["bundles"]]
    texts += [e["reason"] for m in document["matters"] for e in m.get("eligibility", [])]
    texts += [v.get("note", "") for m in document["matters"] for v in m.get("variants", [])]
    checked = 0
    for text in texts:
        for quoted in re.findall(r"“([^”]+)”", text):
            at = 0
            for piece in filter(None, (p.strip() for p in re.split(r"……|…", quoted))):
                found = bulletin.find(_plain(piece), at)
                assert found >= 0, f"not in the bulletin (in this order): {piece!r} — {text}"
                at = found + len(piece)
                checked += 1
    assert checked > 40


def test_every_reform_day_is_the_bulletins_or_assumed(bulletin):
    """A dated reform's note quotes the day (7月12日, 2017年8月1日 …) or says its day is assumed (假定)."""
    reforms = scenario("roadmap-2017.json")["reforms"]
    assert all("effective_from" in r for r in reforms)
    for r in reforms:
        day = D.fromisoformat(r["effective_from"])
        if "假定" in r["note"]:
            continue
        quoted = " ".join(" ".join(q) for q in quotes(r["note"]))
        assert f"{day.month}月{day.day}日" in quoted, r["note"]
    # The days the issue names, each in the roadmap.
    days = {(r["reform"], r["effective_from"]) for r in reforms}
    for expected in (("absorb", "2017-07-01"), ("online_application", "2017-07-05"),
                     ("online_application", "2017-07-12"), ("fee", "2017-08-01"), ("filing", "2017-09-01"),
                     ("immediate", "2017-05-01")):
        assert expected in days


def test_the_undated_reforms_are_the_roadmaps():
    """reforms-2017.json is roadmap-2017.json without its days (the filing keeps its own)."""
    dated = scenario("roadmap-2017.json")["reforms"]
    undated = scenario("reforms-2017.json")["reforms"]
    strip = [{k: v for k, v in r.items() if k != "effective_from" or r["reform"] == "filing"} for r in dated]
    assert strip == undated


def _table_rows():
    """The bulletin's two July tables: each window and sub-centre with its 本月收件数."""
    rows = {}
    with open(HERE / "volumes-2017-07-subcentres.csv", encoding="utf-8") as f:
        rows.update({r["subcentre"].replace(" ", ""): int(r["recv_m"]) for r in csv.DictReader(f)})
    total = rows.pop("合计")
    with open(HERE / "volumes-2017-07-windows.csv", encoding="utf-8") as f:
        windows = {r["window"]: int(r["recv_m"]) for r in csv.DictReader(f)}
    total += windows.pop("合计")
    rows.update(windows)
    assert sum(rows.values()) == total  # the tables' own 合计 (78410 + 14658)
    return rows


def test_volumes_trace_to_the_tables_and_assumptions_are_marked(base):
    rows = sources()
    with open(HERE / "volumes-2017-07.csv", encoding="utf-8") as f:
        given = [(r["id"], float(r["volume"])) for r in csv.DictReader(f)]
    assert given == [(r["id"], float(r["volume"])) for r in rows if r["basis"] != "unassigned"]
    assert {r["basis"] for r in rows} == {"bulletin", "假定", "unassigned"}
    for r in rows:
        if r["basis"] != "unassigned":  # an unassigned row may say what it leaves out on an assumption
            assert ("假定" in r["source"]) == (r["basis"] == "假定"), r
        assert (r["id"] == "") == (r["basis"] == "unassigned"), r
    # A case of a matter is one case of its row of the tables; a bundle's, one per member (水利's
    # "这两个事项"); an unassigned row's cases are its own.
    bundles = {b.id: len(b.members) for b in base.bundles}
    for r in rows:
        each = 1 if r["basis"] == "unassigned" or r["id"].startswith("330281-") else bundles[r["id"]]
        assert float(r["row_cases"]) == pytest.approx(float(r["volume"]) * each), r
    # Every case of both tables is given to a matter or bundle, or listed unassigned, exactly once.
    table = _table_rows()
    taken = {}
    for r in rows:
        assert r["row"] in table, r
        taken[r["row"]] = taken.get(r["row"], 0) + float(r["row_cases"])
    assert {k: pytest.approx(v) for k, v in taken.items()} == {k: v for k, v in table.items() if v}


def test_assumed_volumes_never_dominate_a_weighted_indicator(base):
    """The indicators (跑零次, 最多跑一次) weigh the matters in force by their volumes: in every month
    of the roadmap, the volumes marked 假定 carry less than half of that weight — measured on the
    roadmap itself, with and without them."""
    rows = sources()
    assumed = {r["id"] for r in rows if r["basis"] == "假定"}
    given = {r["id"]: float(r["volume"]) for r in rows if r["basis"] != "unassigned"}
    assert assumed and not assumed.isdisjoint(m.code for m in base.matters)  # a matter's volume is assumed
    plan = HERE / "roadmap-2017.json"
    weighed = base.roadmap(plan, "2017-01", "2017-12", volumes=given).to_pandas()
    bulletin_only = base.roadmap(plan, "2017-01", "2017-12",
                                 volumes={k: v for k, v in given.items() if k not in assumed}).to_pandas()
    share = 1 - bulletin_only["volume"] / weighed["volume"]
    assert ((share > 0) & (share < 0.5)).all(), share
    # Each indicator without the assumed volumes stays within their weight of its value with them.
    for indicator in ("share_at_most_one_trip", "share_zero_trips"):
        assert ((weighed[indicator] - bulletin_only[indicator]).abs() <= share + 1e-12).all(), indicator


def test_what_the_environment_split_moves(base):
    """环保's 36 July cases spread equally over its eleven matters (假定). From 1 September each of them is
    at no trip, so another split moves neither the trips saved nor the 跑零次 share; in July and August
    the 环评 of 餐饮、娱乐、洗浴 is still at one trip, and its share of the 36 moves both — as the
    volume notes say."""
    rows = sources()
    given = {r["id"]: float(r["volume"]) for r in rows if r["basis"] != "unassigned"}
    environment = [k for k in given if k.startswith("330281-HB-")]
    assert len(environment) == 11 and sum(given[k] for k in environment) == pytest.approx(36)
    other = {**given, **{k: 0.0 for k in environment}, "330281-HB-01": 36.0}  # all 36 at a licensing item
    plan = HERE / "roadmap-2017.json"
    equal = base.roadmap(plan, "2017-07", "2017-12", volumes=given).to_pandas()
    skewed = base.roadmap(plan, "2017-07", "2017-12", volumes=other).to_pandas()
    later = equal.index >= "2017-09-01"
    for figure in ("trips_saved", "share_zero_trips"):
        assert equal[figure][later].to_numpy() == pytest.approx(skewed[figure][later].to_numpy()), figure
        assert (equal[figure][~later] < skewed[figure][~later]).all(), figure


def test_taxes_are_not_fees(tmp_path):
    """财税's 81,303,675 yuan in July (税费收入 本月) are taxes, not administrative fees: the catalogue says
    its window collects taxes, and the report from the case log keeps them apart (tax_m), leaving the
    fees of the bulletin's 合计 81,347,716 − 81,303,675 = 44,041 yuan."""
    import subprocess
    import sys

    catalog = onetrip.Catalog.load(HERE / "catalog.json")
    assert [d.name for d in catalog.departments if d.collects_taxes] == ["财税"]
    assert not any(m.department == "caishui" for m in catalog.matters)  # no fee-charging matter of it
    log = tmp_path / "cases-2017.csv"
    with open(log, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(HERE / "make_cases.py")], stdout=out, check=True)
    report = onetrip.Report(catalog=catalog)
    report.add_csv(str(log))
    windows = report.finish(2017, 7).to_pandas("windows")
    with open(HERE / "volumes-2017-07-windows.csv", encoding="utf-8") as f:
        table = {r["window"]: int(r["fee_m"]) for r in csv.DictReader(f)}
    main = windows.loc["余姚市行政服务中心"]
    assert main.loc["财税", "tax_m"] == main.loc["财税", "fee_m"] == table["财税"] * 100
    assert (windows.drop(index="财税", level="window").tax_m == 0).all()
    assert main.fee_m.sum() == table["合计"] * 100  # the bulletin's 税费 column, whole
    assert main.fee_m.sum() - main.tax_m.sum() == (81_347_716 - 81_303_675) * 100


# --- the bulletin's numbers, on the bulletin's days --------------------------------------------


def on(base, day):
    return base.as_of(day, HERE / "roadmap-2017.json")


def trips(catalog, id):
    return catalog.trips(id).trips


def test_sanxiao_licence_to_registration(base, bulletin):
    """"当场即办，办证前不再现场核查" from "2017年5月1日"; "只需提交一份材料"; "共办理食品经营许可证39本，
    食品生产经营登记证63本，两者占总量的61.76%": 63 / (39 + 63)."""
    licence, registration = on(base, D(2017, 4, 30)), on(base, D(2017, 5, 1))
    old, new = licence.matter("330281-SC-05"), registration.matter("330281-SC-05")
    assert old.project_type == "promised" and old.site_inspection_days == 1
    assert new.project_type == "immediate" and new.site_inspection_days is None
    assert trips(licence, "330281-SC-05") == 2 and trips(registration, "330281-SC-05") == 1
    assert trips(licence, "sanxiao") == 2 and trips(registration, "sanxiao") == 1
    two, one = licence.prepared_materials("sanxiao"), registration.prepared_materials("sanxiao")
    assert two.after_merging == two.before_merging == 7 and (one.before_merging, one.after_merging) == (7, 4)
    licences, registrations, share = re.search(r"食品经营许可证(\d+)本，食品生产经营登记证(\d+)本，两者占总量的([\d.]+)%",
                                               bulletin).groups()
    assert round(100 * int(registrations) / (int(licences) + int(registrations)), 2) == float(share)
    # The July volume: the rate of 2017-05-01..06-20 over July's working days.
    calendar = onetrip.Calendar.china()
    rate = int(registrations) / calendar.count_workdays(D(2017, 4, 30), D(2017, 6, 20))
    july = next(float(r["volume"]) for r in sources() if r["id"] == "sanxiao")
    assert july == pytest.approx(rate * calendar.count_workdays(D(2017, 6, 30), D(2017, 7, 31)))


def test_seal_filing_online_from_7_12_and_its_fee_gone_from_8_1(base):
    """"7月12日 … 实现了全程网上办理，真正让老百姓'零跑'"; "自2017年8月1日起 … 取消印章治安管理信息系统收费"."""
    assert trips(on(base, D(2017, 7, 11)), "330281-GA-02") == 1
    assert trips(on(base, D(2017, 7, 12)), "330281-GA-02") == 0
    assert on(base, D(2017, 7, 31)).matter("330281-GA-02").fee_fen > 0
    assert on(base, D(2017, 8, 1)).matter("330281-GA-02").fee_fen == 0


def test_environment_no_trip_and_the_filing_from_9_1(base):
    """"环保行政许可事项已全部实现'一次不用跑'"; 环评 for 餐饮、娱乐、洗浴 "自2017年9月1日开始 … 一次都不用跑"."""
    june, july = on(base, D(2017, 6, 30)), on(base, D(2017, 7, 1))
    for i in range(1, 11):
        assert trips(june, f"330281-HB-{i:02d}") == 2 and trips(july, f"330281-HB-{i:02d}") == 0
    assert trips(on(base, D(2017, 8, 31)), "330281-HB-11") >= 1
    assert trips(on(base, D(2017, 9, 1)), "330281-HB-11") == 0


def test_water_one_trip_one_set_of_materials(base):
    """"只需跑一次就能把两个事项都办理好了"; "原先需要准备两份的申报材料的，现在整合到一份"."""
    before, after = on(base, D(2017, 7, 20)), on(base, D(2017, 7, 21))
    assert trips(before, "shuili-project") > 1 and trips(after, "shuili-project") == 1
    two, one = before.prepared_materials("shuili-project"), after.prepared_materials("shuili-project")
    assert two.after_merging == two.before_merging == 10  # two sets of five
    assert one.before_merging == 10 and one.after_merging == 6  # one set: the four both need, once


def test_road_excavation_one_window_instead_of_many_trips(base):
    """"省去群众跑多次、跑多个部门的麻烦"; "只需将 … 申请资料 … 统一受理，审批结束到发证窗口取件即可"."""
    before, after = on(base, D(2017, 6, 30)), on(base, D(2017, 7, 1))
    many, one = before.trips("road-excavation"), after.trips("road-excavation")
    assert many.trips >= 3 and one.trips == 2  # hand in once, collect once
    assert many.window_contacts > one.window_contacts


def test_the_other_dated_reforms(base):
    """商事登记 "从7月5日起" "实现真正的'最多跑一次'"; 产地证 "零跑腿"; 多证合一 "2017年7月1日起";
    规划 泗门 "提出了各项审批事项'最多跑一次'的目标"; 安监 合并审查 halves the wait."""
    for code in ("330281-SC-01", "330281-SC-02", "330281-SC-03"):  # "网上审核通过后…一次性提交登记材料"
        before, after = on(base, D(2017, 7, 4)).trips(code), on(base, D(2017, 7, 5)).trips(code)
        assert before.trips == after.trips == 1 and before.worst_case == 2 and after.worst_case == 1
    assert trips(on(base, D(2017, 5, 31)), "330281-SW-01") > 0 and trips(on(base, D(2017, 6, 1)), "330281-SW-01") == 0
    june, july = on(base, D(2017, 6, 30)), on(base, D(2017, 7, 1))
    for code in ("330281-GA-05", "330281-RS-01", "330281-ZJ-02", "330281-ZJ-03"):
        assert code in {m.code for m in june.matters} and code not in {m.code for m in july.matters}
    for code in ("330281-GH-01", "330281-GH-02", "330281-GH-03", "330281-GH-04"):  # "各项审批事项'最多跑一次'"
        assert trips(on(base, D(2017, 6, 10)), code) == 2 and trips(on(base, D(2017, 6, 11)), code) == 1
    assert july.schedule("anjian-hazchem").workdays == june.schedule("anjian-hazchem").workdays // 2


def test_the_catalogue_is_the_centre_of_july(base):
    """catalog.json is the centre the July bulletin describes: the catalogue in force on 31 July (after
    7/21, before 8/1) but for the reforms a scenario cannot undo — the 多证合一 filings still separate,
    road excavation's edge still the applicant's, the 安监 reviews still in series."""
    catalog = onetrip.Catalog.load(HERE / "catalog.json")
    left = sorted((c.item, c.change, c.id, c.field) for c in catalog.diff(on(base, D(2017, 7, 31))))
    assert left == sorted([("matter", "removed", code, "") for code in
                           ("330281-GA-05", "330281-RS-01", "330281-ZJ-02", "330281-ZJ-03")] +
                          [("bundle", "changed", "road-excavation", "edges"),
                           ("bundle", "changed", "anjian-hazchem", "edges")]), left


def test_company_registration_all_year_and_the_invoice_data_from_7_1(base):
    """多证合一 builds "在已实施的企业和农民专业合作社'五证合一、一照一码'…的基础上": 企业设立登记 is in force
    before 7月1日 too. "自7月1日起，企业需要提供开票资料" for the 产地证, received "邮寄后补" (容缺)."""
    for day in (D(2017, 1, 3), D(2017, 6, 30), D(2017, 7, 1)):
        assert "330281-SC-01" in {m.code for m in on(base, day).matters}
    before, after = on(base, D(2017, 6, 30)), on(base, D(2017, 7, 1))
    assert before.prepared_materials("330281-SW-01").after_merging == 1
    assert after.prepared_materials("330281-SW-01").after_merging == 2
    assert trips(after, "330281-SW-01") == 0 and after.trips("330281-SW-01").worst_case == 0  # tolerated


def test_passport_alipay_from_6_24(base):
    """"从6月24日起 … 出入境证件费用的支付宝移动支付": "申请人无需离开窗口就可完成出入境业务的全流程办理" —
    the applicant (in person by law) pays in the same visit, no longer at the window's cash desk."""
    before, after = on(base, D(2017, 6, 23)).trips("330281-GA-03"), on(base, D(2017, 6, 24)).trips("330281-GA-03")
    assert before.trips == after.trips == 1
    kinds = [{n.kind.value for n in t.needs} for t in before.trip_list], [{n.kind.value for n in t.needs} for t in
                                                                          after.trip_list]
    assert kinds == ([{"submit", "pay"}], [{"submit"}])


def test_the_counts_the_bulletin_gives(base):
    """"对环保窗口10项行政许可事项逐一进行梳理" (and the 环评 of 餐饮、娱乐、洗浴 beside them); "后续审批到工程证办理完成
    共有四个阶段"; the rental filing's five materials ("备案所需提交的材料") and four "不得办理" cases; 多证合一's
    first batch: the four filings the bulletin names of its "11项"."""
    licensing = [m for m in base.matters if m.department == "huanbao" and m.code != "330281-HB-11"]
    assert len(licensing) == 10 and all(m.kind == "行政许可" for m in licensing)
    assert len(base.bundle("guihua-simen").members) == 4
    rental = json.loads((HERE / "catalog.json").read_text(encoding="utf-8"))
    rental = next(m for m in rental["matters"] if m["code"] == "330281-FW-01")
    assert len([u for u in rental["materials"] if not (isinstance(u, dict) and u["material"] == "power-of-attorney")]) == 5
    assert len(rental["eligibility"]) == 4
    absorb = next(r for r in scenario("roadmap-2017.json")["reforms"] if r["reform"] == "absorb")
    assert len(absorb["matters"]) == 4 and "等11项" in _plain((HERE / "bulletin-2017-07.txt").read_text(encoding="utf-8"))


def test_every_reform_has_a_name_in_the_chart(base):
    """roadmap_chart.py names every dated change of the roadmap (an unnamed one would be left out of the chart)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("roadmap_chart", HERE / "roadmap_chart.py")
    chart = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(chart)
    labels = list(base.roadmap(HERE / "roadmap-2017.json", "2017-01", "2017-12").reforms["label"])
    assert len(labels) == len(scenario("roadmap-2017.json")["reforms"]) + 1  # and the catalogue's own period
    assert all(chart.short_name(label) for label in labels)


def test_every_figure_of_a_matter_the_bulletin_does_not_give_is_assumed():
    """The bulletin gives no matter's limits, fees, inspection or procedure days: wherever catalog.json
    has one, the matter's note names it in a clause marked （假定）."""
    def assumed(note, *words):
        return any(re.search(f"{w}[^；。]*（假定）", note) for w in words)

    matters = json.loads((HERE / "catalog.json").read_text(encoding="utf-8"))["matters"]
    for m in matters:
        note = m.get("note", "")
        if "anticipate_day" in m or "promise_day" in m:
            assert assumed(note, "时限"), m["code"]
        if m.get("fee"):
            assert assumed(note, r"\d+元", "工本费"), m["code"]
        if m.get("site_inspection_days"):
            assert assumed(note, rf"(踏勘|核查|审核){m['site_inspection_days']}个工作日"), m["code"]
        for procedure in m.get("special_procedures", []):
            assert assumed(note, procedure["name"]), (m["code"], procedure["name"])
    assert sum("假定" in m.get("note", "") for m in matters) > 30


def test_the_readme_quotes_the_roadmap_and_the_volumes_as_they_are(base):
    """examples/yuyao-2017/README.md quotes four months of the roadmap and the volumes' totals: they are
    what the example gives."""
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    frame = base.roadmap(HERE / "roadmap-2017.json", "2017-01", "2017-12",
                         volumes=HERE / "volumes-2017-07.csv").to_pandas()
    rows = re.findall(r"^(2017-\d\d) +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+)% +([\d.]+)%$", readme,
                      re.M)
    assert len(rows) == 4
    for month, *figures in rows:
        row = frame.loc[f"{month}-01"]
        expected = [row.volume, row.trips_saved, row.worst_case_saved, row.windows_saved, row.days_saved,
                    100 * row.share_at_most_one_trip, 100 * row.share_zero_trips]
        assert [float(f) for f in figures] == [round(e, 1) for e in expected], month
    unassigned = sum(float(r["row_cases"]) for r in sources() if r["basis"] == "unassigned")
    assert f"The other {unassigned:,.1f} cases of the two tables ({sum(_table_rows().values()):,} in all)" in readme
    assumed = sum(float(r["volume"]) for r in sources() if r["basis"] == "假定" and r["id"].startswith("330281-"))
    assert f"{frame.volume.iloc[0]:,.0f} cases a month, of which the assumed 环保 split\ncarries {assumed:.0f} " \
           f"({100 * assumed / frame.volume.iloc[0]:.1f} %)" in readme
