"""The catalogue from Python: the Yuyao example loads, reads as objects and as a
DataFrame, and round-trips; every broken catalogue of the shared corpus raises
CatalogError with its problem at its JSON path."""
import datetime

import pandas as pd
import pytest

import onetrip


@pytest.fixture(scope="module")
def yuyao():
    from conftest import SOURCE_DIR

    return onetrip.Catalog.load(SOURCE_DIR / "examples" / "yuyao-2017" / "catalog.json")


def test_yuyao_holds_the_bulletin(yuyao):
    assert len(yuyao.halls) == 8 and len(yuyao.departments) == 32
    assert "simen" in yuyao.department("guihua").halls
    lease = yuyao.matter("330281-FW-01")
    assert lease.project_type == "immediate"
    consent = lease.materials[-1]
    assert (consent.material, consent.applies_by_default, consent.condition) == ("sublease-consent", False, "转租房屋时提供")
    passport = yuyao.matter("330281-GA-03")
    assert passport.fee_fen == 20000 and passport.personal_presence
    assert passport.halls == ["churujing", "simen"]
    # A dated fact: the 产地证 asks for the 开票资料 "自7月1日起"; 企业设立登记 was always in force.
    assert yuyao.matter("330281-SC-01").effective_from is None
    invoice = yuyao.matter("330281-SW-01").materials[-1]
    assert (invoice.material, invoice.effective_from) == ("invoice-data", datetime.date(2017, 7, 1))
    assert yuyao.matter("330281-AJ-01").special_procedures == [("专家评审", 10)]
    road = yuyao.bundle("road-excavation")
    assert (road.lead, road.acceptance, road.results, road.joint_inspection) == ("zhujian", "single_window", "together", True)
    assert yuyao.bundle("anjian-hazchem").edges == [("330281-AJ-01", "330281-AJ-02", "applicant", 0)]
    assert yuyao.bundle("guihua-simen").members == ["330281-GH-01", "330281-GH-02", "330281-GH-03", "330281-GH-04"]
    with pytest.raises(onetrip.NotFoundError, match='no matter "nope"'):
        yuyao.matter("nope")


def test_lookups_by_id(yuyao):
    """The lookups by id answer alike on every path: an exact str (the fast
    path, whose views are cached per catalogue), a keyword, a str subclass, the
    compiled base class without a __dict__; an unknown id or a non-str is the
    error it always was. The fast field getters read every matter as the frame."""

    class Code(str):
        pass

    frame = yuyao.to_pandas()
    for m in yuyao.matters:
        for got in (yuyao.matter(m.code), yuyao.matter(code=m.code), yuyao.matter(Code(m.code)),
                    onetrip._onetrip.Catalog(yuyao).matter(m.code)):
            assert got == m
            assert (got.code, got.name, got.department, got.promised_limit, got.fee_fen) == (
                m.code, frame.at[m.code, "name"], frame.at[m.code, "department"],
                frame.at[m.code, "promised_limit"], frame.at[m.code, "fee_fen"])
        assert yuyao.matter(m.code) is yuyao.matter(m.code)
    for kind in ("hall", "department", "material", "bundle"):
        for view in getattr(yuyao, kind + "s"):
            assert getattr(yuyao, kind)(view.id) == view and getattr(yuyao, kind)(id=view.id) == view
        with pytest.raises(onetrip.NotFoundError, match=f'no {kind} "nowhere"'):
            getattr(yuyao, kind)("nowhere")
    with pytest.raises(onetrip.NotFoundError, match='no matter "330281-XX-99"'):
        yuyao.matter("330281-XX-99")
    with pytest.raises(TypeError):
        yuyao.matter(330281)
    with pytest.raises(TypeError):
        yuyao.matter(cod="330281-FW-01")
    with pytest.raises(TypeError, match="expected a Matter"):
        type(yuyao.matter("330281-FW-01")).name.fget(yuyao)


def test_trips_by_id(yuyao):
    """catalog.trips and evaluation.trips answer alike on the fast path (an
    exact str, no materials forced) and the general one (a str subclass, forced
    materials given as empty lists, a keyword); an unknown id is NotFoundError
    on both; a Trips' builtin getters agree with its trip list."""

    class Code(str):
        pass

    evaluation = yuyao.evaluate("2017-07-03")
    for id in [m.code for m in yuyao.matters] + [b.id for b in yuyao.bundles]:
        fast = yuyao.trips(id)
        assert fast == yuyao.trips(Code(id)) == yuyao.trips(id, materials_present=[], materials_absent=[])
        assert fast == evaluation.trips(id) == evaluation.trips(id=id) == evaluation.trips(Code(id))
        assert fast.id == id and type(fast.id) is str
        assert fast.trips == len(fast.trip_list)
        assert fast.worst_case >= fast.trips and fast.window_contacts >= 0
    for lookup in (yuyao.trips, evaluation.trips):
        with pytest.raises(onetrip.NotFoundError, match='no matter or bundle "nowhere"'):
            lookup("nowhere")
        with pytest.raises(TypeError):
            lookup(3)
    with pytest.raises(TypeError, match="expected a Trips"):
        type(yuyao.trips("road-excavation")).trips.fget(yuyao)


def test_trips_kept_per_catalogue(yuyao):
    """A catalogue is immutable, so catalog.trips(id) with no materials forced
    is evaluated once: later calls return the same Trips, equal to a fresh
    evaluation (_onetrip._trips, which keeps nothing); forced materials are
    evaluated on every call; a catalogue derived by apply keeps its own.
    Its arguments are checked as a Python method's are."""
    from onetrip import _onetrip, reforms

    for id in [m.code for m in yuyao.matters] + [b.id for b in yuyao.bundles]:
        kept = yuyao.trips(id)
        assert yuyao.trips(id) is kept and yuyao.trips(id=id) is kept
        assert kept == _onetrip._trips(yuyao, id, (), ()) and kept is not _onetrip._trips(yuyao, id, (), ())
    matter = next(m for m in yuyao.matters if m.materials)
    material = matter.materials[0].material
    forced = yuyao.trips(matter.code, materials_absent=[material])
    assert forced is not yuyao.trips(matter.code, materials_absent=[material])
    assert forced == _onetrip._trips(yuyao, matter.code, (), [material])
    after = yuyao.apply([reforms.express_delivery()])
    changed = next(m.code for m in yuyao.matters if after.trips(m.code) != yuyao.trips(m.code))
    assert after.trips(changed) == _onetrip._trips(after, changed, (), ())
    assert yuyao.trips(changed) == _onetrip._trips(yuyao, changed, (), ())
    with pytest.raises(TypeError, match="takes 1 positional argument but 2 were given"):
        yuyao.trips(changed, [])
    with pytest.raises(TypeError, match="unexpected keyword argument 'material'"):
        yuyao.trips(changed, material=[])
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'id'"):
        yuyao.trips()
    with pytest.raises(TypeError, match="multiple values for argument 'id'"):
        yuyao.trips(changed, id=changed)


def test_matters_frame(yuyao):
    frame = yuyao.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(yuyao.matters)
    huanbao = frame[frame.department == "huanbao"]
    assert ((huanbao.online == "full") & huanbao.express_delivery).sum() == 10
    assert frame.loc["330281-GA-03", "fee_fen"] == 20000
    assert frame.loc["330281-MZ-01", "personal_presence"]


def test_round_trip(yuyao, yuyao_path, tmp_path):
    text = yuyao.dumps()
    assert text == yuyao_path.read_text(encoding="utf-8")
    assert onetrip.Catalog.loads(text) == yuyao
    out = tmp_path / "saved.json"
    yuyao.save(out)
    assert onetrip.Catalog.load(out) == yuyao


def broken_cases():
    from conftest import SOURCE_DIR

    manifest = SOURCE_DIR / "tests" / "data" / "catalog" / "broken" / "expected.tsv"
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield tuple(line.split("\t"))


@pytest.mark.parametrize("file,path,message", list(broken_cases()))
def test_broken_catalogue(catalog_data, file, path, message):
    with pytest.raises(onetrip.CatalogError) as info:
        onetrip.Catalog.load(catalog_data / "broken" / file)
    assert any(p.path == path and message in p.message for p in info.value.problems), info.value.problems
    assert isinstance(info.value, onetrip.InvalidArgumentError)


def test_every_problem_is_reported(catalog_data):
    with pytest.raises(onetrip.CatalogError) as info:
        onetrip.Catalog.load(catalog_data / "many-problems.json")
    assert [p.path for p in info.value.problems] == [
        "$.matters[0].department", "$.matters[0].fee", "$.bundles[0].members[3]", "$.matters[0].promise_day"]
    assert "4 problems" in str(info.value)


def test_unreadable_file():
    with pytest.raises(onetrip.NotFoundError):
        onetrip.Catalog.load("/nonexistent/catalog.json")
    with pytest.raises(onetrip.CatalogError, match="line 1"):
        onetrip.Catalog.loads("{ nope")


def test_the_published_json_schema_agrees_with_the_loader(yuyao_path, catalog_data):
    import json

    import jsonschema
    from conftest import SOURCE_DIR

    schema = json.loads((SOURCE_DIR / "docs" / "catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for good in (yuyao_path, catalog_data / "small.json", catalog_data / "situations.json", catalog_data / "dated.json"):
        validator.validate(json.loads(good.read_text(encoding="utf-8")))
    # Broken shapes the schema can see are refused by it as by the loader.
    for file in ("wrong-type", "missing-field", "bad-enum", "unknown-field", "fee-float", "negative-days",
                 "schema-unknown", "not-an-object", "empty-bundle"):
        doc = json.loads((catalog_data / "broken" / f"{file}.json").read_text(encoding="utf-8"))
        assert not validator.is_valid(doc), file
