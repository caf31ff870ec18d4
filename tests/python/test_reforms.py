"""What if from Python: reform constructors and predicates, composition, the
base left untouched, ScenarioError with paths, compare() with volumes, the
Yuyao example script, and the same totals through the tool."""
import datetime
import json
import pathlib
import re
import subprocess
import sys

import pandas as pd
import pytest

import onetrip
from onetrip import reforms


@pytest.fixture(scope="module")
def yuyao_dir():
    from conftest import SOURCE_DIR

    return SOURCE_DIR / "examples" / "yuyao-2017"


@pytest.fixture(scope="module")
def yuyao(yuyao_dir):
    return onetrip.Catalog.load(yuyao_dir / "catalog.json")


def test_constructors_predicates_and_immutability(yuyao):
    before_text = yuyao.dumps()
    after = yuyao.apply([
        reforms.express_delivery(department="gongan", where=lambda m: m.project_type == "promised"),
        reforms.share_material("business-licence-copy"),
        reforms.single_window("anjian-hazchem"),
    ])
    assert after.matter("330281-GA-01").express_delivery
    assert not after.matter("330281-GA-02").express_delivery  # immediate: not matched
    assert after.material("business-licence-copy").shared
    assert after.bundle("anjian-hazchem").acceptance == "single_window"
    assert yuyao.dumps() == before_text and not yuyao.matter("330281-GA-01").express_delivery


def test_composition_order(yuyao):
    on, off = reforms.express_delivery(matters=["330281-GA-01"]), reforms.express_delivery(
        matters=["330281-GA-01"], enable=False)
    assert not yuyao.apply([on, off]).matter("330281-GA-01").express_delivery
    assert yuyao.apply([off, on]).matter("330281-GA-01").express_delivery


def test_filing_absorb_and_limits(yuyao):
    after = yuyao.apply([
        reforms.filing(matters=["330281-HB-11"], effective_from="2017-09-01"),
        reforms.absorb("330281-SC-01", ["330281-GA-05", "330281-RS-01", "330281-ZJ-02", "330281-ZJ-03"]),
        reforms.promised_limit(5, department="shuili"),
        reforms.drop_material("tobacco-distance-proof", department="yancao"),
    ])
    assert after.trips("330281-HB-11").trips == 0
    assert after.matter("330281-HB-11").effective_from.isoformat() == "2017-09-01"
    assert len(after.matters) == len(yuyao.matters) - 4
    assert after.matter("330281-SL-01").promised_limit == 5
    assert "tobacco-distance-proof" not in [u.material for u in after.matter("330281-YC-01").materials]
    cmp = onetrip.compare(yuyao, after, volumes={"330281-GA-05": 10, "330281-HB-11": 2})
    frame = cmp.to_pandas()
    assert frame.loc["330281-GA-05", "removed"]
    assert frame.loc["330281-GA-05", "trips_saved"] == 20  # two trips each, absorbed
    assert frame.loc["330281-HB-11", "days_saved"] == 20


def test_immediate_site_inspection_and_fee(yuyao):
    """The 三小 licence and registration, and a fee set then abolished, as values and as JSON alike."""
    licence = yuyao.apply([reforms.immediate(False, days=10, matters=["330281-SC-05"]),
                           reforms.site_inspection(1, matters=["330281-SC-05"]),
                           reforms.fee("12.50", matters=["330281-GA-02"])])
    m = licence.matter("330281-SC-05")
    assert (m.project_type, m.promised_limit, m.site_inspection_days) == ("promised", 10, 1)
    assert licence.trips("330281-SC-05").trips == 2
    assert licence.matter("330281-GA-02").fee_fen == 1250
    registration = licence.apply([reforms.immediate(matters=["330281-SC-05"]), reforms.fee(0, matter="330281-GA-02")])
    assert registration.matter("330281-SC-05").site_inspection_days is None
    assert registration.trips("330281-SC-05").trips == 1
    assert registration.matter("330281-GA-02").fee_fen == 0
    as_json = reforms.Scenario([reforms.fee("12.50", matter="330281-GA-02")]).to_json()
    assert json.loads(as_json)["reforms"][0]["fee"] == "12.50"
    assert yuyao.apply(as_json).matter("330281-GA-02").fee_fen == 1250
    with pytest.raises(ValueError, match="at most two decimals"):
        reforms.fee("12.505", matter="330281-GA-02")
    with pytest.raises(TypeError, match="fee"):
        reforms.fee(12.5, matter="330281-GA-02")
    with pytest.raises(TypeError, match="days is required"):
        reforms.immediate(False, matters=["330281-SC-05"])
    with pytest.raises(onetrip.ScenarioError, match="decided at the visit"):
        yuyao.apply([reforms.site_inspection(2, matters=["330281-SC-05"])])


def test_scenario_errors(yuyao):
    with pytest.raises(onetrip.ScenarioError) as info:
        yuyao.apply([reforms.express_delivery(department="nope"), reforms.single_window("nowhere"),
                     reforms.merge_serial("anjian-hazchem", "330281-AJ-02", "330281-AJ-01")])
    paths = [p.path for p in info.value.problems]
    assert paths == ["$.reforms[0].department", "$.reforms[1].bundle", "$.reforms[2]"]
    with pytest.raises(ValueError, match="matches no matter"):
        yuyao.apply([reforms.express_delivery(where=lambda m: False)])
    with pytest.raises(onetrip.ScenarioError):
        yuyao.apply('{"schema": "onetrip-scenario/1", "reforms": [{"reform": "teleport"}]}')


def test_a_failed_apply_leaves_the_catalogue_as_it_was(yuyao):
    before = yuyao.dumps()
    # Good reforms first, then one that breaks a rule of the reformed catalogue.
    with pytest.raises(onetrip.InvalidArgumentError, match="over the legal limit"):
        yuyao.apply([reforms.express_delivery(department="huanbao"), reforms.share_material("business-licence"),
                     reforms.promised_limit(300, department="zhujian")])
    assert yuyao.dumps() == before


def test_volumes(yuyao, yuyao_dir):
    v = onetrip.Volumes.from_csv(yuyao, yuyao_dir / "volumes-2017-07-windows.csv")
    assert v.matters["330281-GA-01"] == pytest.approx(1494 / 2)  # the passport is not offered at the main hall
    assert "330281-GA-03" not in v.matters
    assert any("财税" in note for note in v.unassigned)
    with pytest.raises(onetrip.VolumesError) as info:
        onetrip.Volumes.from_csv(yuyao, "id,volume\nnope,1\n")
    assert info.value.problems[0].path == "line 2"
    series = onetrip.compare(yuyao, yuyao, volumes=pd.Series({"330281-GA-03": 10.0, "road-excavation": 2.0}))
    assert series.trips_saved == 0 and series.volumes.bundles == {"road-excavation": 2.0}


def test_the_example_and_the_tool_agree(yuyao_dir, tmp_path):
    from conftest import SOURCE_DIR

    chart = tmp_path / "whatif.png"
    run = subprocess.run([sys.executable, str(yuyao_dir / "whatif.py"), "--chart", str(chart)],
                         capture_output=True, text=True, check=True)
    assert chart.stat().st_size > 10_000
    saved = re.search(r"trips saved per month: ([0-9.]+)", run.stdout)
    days = re.search(r"applicant working days saved per month: ([0-9.]+)", run.stdout)
    assert saved and days and float(saved.group(1)) > 0
    tool = pathlib.Path(SOURCE_DIR).parent / "build" / "bin" / "onetrip"
    tool = pathlib.Path(__import__("os").environ.get("ONETRIP_TOOL", tool))
    out = subprocess.run([str(tool), "whatif", str(yuyao_dir / "catalog.json"), str(yuyao_dir / "reforms-2017.json"),
                          "--before", str(yuyao_dir / "before-2017.json"),
                          "--volumes", str(yuyao_dir / "volumes-2017-07.csv")],
                         capture_output=True, text=True, check=True).stdout
    total = re.search(r"TOTAL: ([0-9.]+) trips and ([0-9.]+) applicant working days", out)
    assert total and total.group(1) == saved.group(1) and total.group(2) == days.group(1)


def test_compare_on_threads_gives_the_same_figures():
    base = onetrip.generate(matters=40000, seed=5)
    after = base.apply([reforms.express_delivery(department="d3")])
    volumes = {m.code: 2.0 + i % 7 for i, m in enumerate(base.matters)}
    one = onetrip.compare(base, after, volumes)
    four = onetrip.compare(base, after, volumes, threads=4)
    assert one.trips_saved > 0
    assert one.totals == four.totals
    assert one.to_pandas().equals(four.to_pandas())
    with pytest.raises(ValueError):
        onetrip.compare(base, after, volumes, threads=-1)


def test_reforms_are_values_not_json(yuyao, tmp_path, monkeypatch):
    scenario = [reforms.express_delivery(department="gongan", where=lambda m: m.fee_fen == 0),
                reforms.promised_limit(5, department="shuili"), reforms.single_window("road-excavation"),
                reforms.filing(matters=["330281-HB-11"], effective_from=datetime.date(2017, 9, 1))]
    path = tmp_path / "scenario.json"
    onetrip.Scenario(scenario, name="t").save(path, yuyao)
    from_file = yuyao.apply(path)
    # A list of reforms reaches the library without JSON text.
    monkeypatch.setattr(onetrip._onetrip, "_apply_json", lambda *a: pytest.fail("went through JSON text"))
    from_values = yuyao.apply(scenario)
    assert type(from_values) is onetrip.Catalog and from_values == from_file
    assert reforms.promised_limit(5, department="shuili").value().reform == "promised_limit"
    # Each field is checked when the reform is made, and named.
    with pytest.raises(TypeError, match="promised_limit: days: expected an integer, got float"):
        reforms.promised_limit(2.7, department="shuili")
    with pytest.raises(TypeError, match="days is required"):
        reforms.promised_limit(None, department="shuili")
    with pytest.raises(TypeError, match="matters: expected an iterable of str"):
        reforms.express_delivery(matters="330281-GA-01")
    with pytest.raises(TypeError, match="enable: expected True or False, got str"):
        reforms.express_delivery(enable="no")
    with pytest.raises(TypeError, match="unexpected keyword argument 'departmnet'"):
        reforms.express_delivery(departmnet="gongan")
    with pytest.raises(ValueError, match='online: "fully" is not one of "none", "pre_review", "full"'):
        reforms.online_application("fully")
    with pytest.raises(TypeError, match=r"scenario\[1\]: expected a Reform"):
        yuyao.apply([reforms.express_delivery(), {"reform": "express_delivery"}])


def test_comparison_totals_are_a_record(yuyao):
    after = yuyao.apply([reforms.express_delivery(department="gongan")])
    totals = onetrip.compare(yuyao, after, volumes={"330281-GA-01": 10}).totals
    assert isinstance(totals, onetrip.ComparisonTotals) and totals.matters_changed > 0
    assert totals.to_dict()["trips_saved"] == totals.trips_saved == 10
    with pytest.warns(DeprecationWarning, match="use .trips_saved"):
        assert totals["trips_saved"] == 10


def test_volumes_given_as_a_mapping_are_finite_counts(yuyao):
    for bad in (float("inf"), float("nan"), -1):
        with pytest.raises(onetrip.InvalidArgumentError, match=r'volumes\["330281-GA-03"\]: .* is not a finite'):
            onetrip.compare(yuyao, yuyao, volumes={"330281-GA-03": bad})
    with pytest.raises(TypeError, match=r'volumes\["330281-GA-03"\]: expected a number of cases, got str'):
        onetrip.compare(yuyao, yuyao, volumes={"330281-GA-03": "0x10"})
    with pytest.raises(onetrip.InvalidArgumentError, match="is not a finite number"):
        yuyao.indicators(volumes={"330281-GA-03": float("inf")})


def test_compare_reads_volumes_in_any_order(yuyao):
    """_compare reads a dict of volumes entry by entry into the library's map:
    the same figures whatever the dict's order (sorted or not), the same as a
    Volumes; the per-matter rows name the base's matters in order (their
    codes and names shared from the catalogue); a key that is not a str or a
    value that is not a number is a TypeError naming it."""
    from onetrip import _onetrip, reforms

    after = yuyao.apply([reforms.express_delivery()])
    codes = [m.code for m in yuyao.matters]
    volumes = {code: float(i % 7) for i, code in enumerate(codes)}
    reverse = dict(sorted(volumes.items(), reverse=True))
    in_order = onetrip.compare(yuyao, after, volumes)
    reversed_order = onetrip.compare(yuyao, after, reverse)
    assert in_order.totals == reversed_order.totals
    assert in_order.to_pandas().equals(reversed_order.to_pandas())
    assert in_order.to_pandas().equals(onetrip.compare(yuyao, after, onetrip.Volumes(matters=volumes)).to_pandas())
    frame = in_order.to_pandas()
    assert list(frame.index) == codes and list(frame.name) == [m.name for m in yuyao.matters]
    assert list(frame.volume) == [volumes[c] for c in codes]
    raw = _onetrip._compare(yuyao, after, volumes, {})
    raw["matters"]["id"][0] = "changed"  # a row's list is the caller's own: the catalogue's is not touched
    assert _onetrip._compare(yuyao, after, volumes, {})["matters"]["id"][0] == codes[0]
    with pytest.raises(TypeError, match="matter_volumes: the ids are str, got a int"):
        _onetrip._compare(yuyao, after, {3: 1.0}, {})
    with pytest.raises(TypeError, match=f'matter_volumes\\["{codes[0]}"\\]: expected a number of cases, got str'):
        _onetrip._compare(yuyao, after, {codes[0]: "three"}, {})


def test_volumes_split_in_one_pass_as_in_python(yuyao):
    """A plain dict of volumes is split into matters and bundles by the compiled
    _split_volumes exactly as the Python path splits it (floats, by the
    catalogue's bundle ids); an entry it does not take (a str subclass, a bool,
    a numpy number, NaN, a negative count) leaves it to the Python path, which
    accepts or refuses it as before."""
    import numpy as np
    import importlib

    from onetrip import _onetrip

    compare_module = importlib.import_module("onetrip.compare")

    class Code(str):
        pass

    code, bundle = yuyao.matters[0].code, yuyao.bundles[0].id
    plain = {code: 3, bundle: 2.5, yuyao.matters[1].code: 0}
    matters, bundles = _onetrip._split_volumes(yuyao, plain)
    assert matters == {code: 3.0, yuyao.matters[1].code: 0.0} and bundles == {bundle: 2.5}
    assert all(type(v) is float for v in [*matters.values(), *bundles.values()])
    assert compare_module._volumes(yuyao, plain) == onetrip.Volumes(matters, bundles)
    for odd in ({Code(code): 1}, {code: True}, {code: np.float64(2.0)}, {code: float("nan")}, {code: -1},
                {code: "3"}, {3: 1.0}):
        assert _onetrip._split_volumes(yuyao, odd) is None
    assert compare_module._volumes(yuyao, {Code(code): 1}).matters == {code: 1.0}
    assert compare_module._volumes(yuyao, {code: np.float64(2.0)}).matters == {code: 2.0}
    with pytest.raises(TypeError, match="expected a number of cases, got bool"):
        compare_module._volumes(yuyao, {code: True})
    with pytest.raises(onetrip.InvalidArgumentError, match="not a finite, non-negative number of cases"):
        compare_module._volumes(yuyao, {code: -1})
    assert _onetrip._split_volumes(yuyao, dict(plain).items()) is None



def test_a_plain_dict_is_compared_in_one_pass_as_through_volumes(yuyao):
    """onetrip.compare with a plain dict of volumes reads it in one compiled pass
    (_compare_plain) and gives what the Volumes path gives: the same figures,
    rows and Comparison.volumes (split on first read, from a copy of the dict
    taken at the call); a dict it does not take (an odd entry, bundles only, an
    empty one) is None and goes the Python way, whose errors come first; an id
    of no matter or bundle is the same NOT_FOUND either way."""
    import pickle

    from onetrip import _onetrip, reforms

    after = yuyao.apply([reforms.express_delivery(), reforms.single_window(bundle=yuyao.bundles[0].id)])
    codes = [m.code for m in yuyao.matters]
    plain = {code: i % 5 for i, code in enumerate(codes)}  # ints, read as floats
    plain[yuyao.bundles[0].id] = 2.5
    through_volumes = onetrip.compare(yuyao, after, onetrip.Volumes(
        matters={c: float(v) for c, v in plain.items() if c in codes}, bundles={yuyao.bundles[0].id: 2.5}))
    raw = _onetrip._compare_plain(yuyao, after, plain)
    assert raw is not None and raw["totals"]["weighted"]
    given = dict(plain)
    fast = onetrip.compare(yuyao, after, given)
    given[codes[0]] = 100  # changed after the call: the comparison keeps what it was given
    assert fast.totals == through_volumes.totals and fast.trips_saved > 0
    for part in ("matters", "bundles", "departments"):
        assert fast.to_pandas(part).equals(through_volumes.to_pandas(part))
    assert fast.volumes == through_volumes.volumes and fast == through_volumes
    assert pickle.loads(pickle.dumps(fast)) == through_volumes
    for odd in ({codes[0]: True}, {codes[0]: -1}, {codes[0]: float("nan")}, {yuyao.bundles[0].id: 1}, {}):
        assert _onetrip._compare_plain(yuyao, after, odd) is None
    assert onetrip.compare(yuyao, after, {yuyao.bundles[0].id: 1}).volumes.bundles == {yuyao.bundles[0].id: 1.0}
    with pytest.raises(onetrip.InvalidArgumentError, match=r'volumes\["330281-GA-03"\]: -1 is not a finite'):
        onetrip.compare(yuyao, after, {"no-such-matter": 1, "330281-GA-03": -1})
    # A bundle id that is also a matter code is the bundle's, as the Python split has it.
    data = json.loads(yuyao.dumps())
    data["bundles"][0]["id"] = codes[0]
    shadowing = onetrip.Catalog.loads(json.dumps(data))
    entries = {codes[0]: 2, codes[1]: 1}
    raw = _onetrip._compare_plain(shadowing, shadowing, entries)
    assert raw["bundles"]["volume"][0] == 2 and list(raw["matters"]["volume"][:2]) == [0, 1]
    assert onetrip.compare(shadowing, shadowing, entries).volumes == onetrip.Volumes({codes[1]: 1.0}, {codes[0]: 2.0})
    for volumes in ({"no-such-matter": 1, codes[0]: 1}, onetrip.Volumes(matters={"no-such-matter": 1, codes[0]: 1})):
        with pytest.raises(onetrip.NotFoundError, match='volumes: no matter "no-such-matter" in the base'):
            onetrip.compare(yuyao, after, volumes)
