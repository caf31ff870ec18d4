"""Python as pandas and NumPy users expect it (issue 18):

* missing values are pd.NA / NaN / NaT, never -1, in every frame; every frame
  is indexed by its natural key, the same way across the catalogue, the
  evaluation, the comparison, the report and the roadmap;
* results are objects with reprs, typed attributes and _repr_html_; a need's
  kind and reason are str enums; a bundle's graph renders as SVG through
  Graphviz's dot;
* one naming scheme, to_pandas(), the old names warning DeprecationWarning;
  compare(volumes=DataFrame); every generator count as a keyword; partial
  volumes named, not weighted 0;
* a missing file is FileNotFoundError (onetrip.MissingFileError, also an
  onetrip.NotFoundError) from every call that takes a path."""
import datetime
import inspect
import os
import pathlib
import shutil

import numpy as np
import pandas as pd
import pytest

import onetrip
import onetrip.bpmn  # noqa: F401
import onetrip.listing  # noqa: F401
from onetrip import _onetrip, reforms
from conftest import SOURCE_DIR

D = datetime.date
YUYAO = SOURCE_DIR / "examples" / "yuyao-2017"
CASES = ("case_id,matter,department,hall,kind,received,completed,fee,joint\n"
         "c1,330281-GA-03,gongan,余姚市行政服务中心,promised,2017-07-03,2017-07-10,12.50,0\n"
         "c2,,住建,余姚市行政服务中心,immediate,2017-07-04,,,0\n")


@pytest.fixture(scope="module")
def yuyao():
    return onetrip.Catalog.load(YUYAO / "catalog.json")


@pytest.fixture(scope="module")
def after(yuyao):
    return yuyao.apply([reforms.express_delivery(department="gongan"), reforms.single_window("road-excavation")])


@pytest.fixture(scope="module")
def comparison(yuyao, after):
    return onetrip.compare(yuyao, after, volumes=YUYAO / "volumes-2017-07-windows.csv")


@pytest.fixture(scope="module")
def table():
    report = onetrip.Report()
    report.add_csv(CASES)
    return report.finish(2017, 7)


@pytest.fixture(scope="module")
def roadmap(yuyao):
    return yuyao.roadmap([reforms.dated(reforms.express_delivery(department="gongan"), "2017-07-12")],
                         "2017-06", "2017-08", volumes={m.code: 2 for m in yuyao.matters})


def every_frame(yuyao, comparison, table, roadmap):
    """(label, frame) for every frame the package makes."""
    evaluation = yuyao.evaluate()
    dated = yuyao.evaluate(D(2017, 7, 3))
    out = [("Catalog.to_pandas()", yuyao.to_pandas()), ("generate().to_pandas()", onetrip.generate(300).to_pandas())]
    for part in ("all", "matters", "bundles"):
        out += [(f"evaluate().to_pandas({part!r})", evaluation.to_pandas(part)),
                (f"evaluate(start).to_pandas({part!r})", dated.to_pandas(part))]
    out += [(f"Comparison.to_pandas({p!r})", comparison.to_pandas(p)) for p in ("matters", "bundles", "departments")]
    out += [(f"ReportTable.to_pandas({p!r})", table.to_pandas(p)) for p in ("windows", "halls", "total")]
    out += [("Roadmap.to_pandas()", roadmap.to_pandas()), ("Roadmap.reforms", roadmap.reforms),
            ("Roadmap.by_reform()", roadmap.by_reform())]
    return out


# ---- missing values and indexes ----------------------------------------------


def test_no_frame_holds_minus_one_for_missing(yuyao, comparison, table, roadmap):
    # A figure that can be negative is a difference (savings); a count, a limit or
    # a number of days that is absent is pd.NA / NaN / NaT.
    differences = {"remaining", "trips_saved", "worst_case_saved", "windows_saved", "days_saved"}
    for label, frame in every_frame(yuyao, comparison, table, roadmap):
        for column in frame.columns:
            values = frame[column]
            if column in differences or values.dtype.kind not in "iuf" and str(values.dtype) != "Int64":
                continue
            assert not (values == -1).any(), f"{label}: column {column} holds -1"


def test_what_a_matter_lacks_is_pd_na(yuyao):
    frame = yuyao.to_pandas()
    for column, attribute in (("legal_limit", "legal_limit"), ("declared_trips", "declared_trips"),
                              ("site_inspection_days", "site_inspection_days")):
        assert str(frame[column].dtype) == "Int64", column
        for matter in yuyao.matters:
            value = getattr(matter, attribute)
            cell = frame.loc[matter.code, column]
            assert (cell is pd.NA) if value is None else cell == value, (matter.code, column)
    assert frame.legal_limit.isna().any() and frame.legal_limit.notna().any()  # the example has both
    assert frame.legal_limit.mean() == pytest.approx(np.mean([m.legal_limit for m in yuyao.matters
                                                                if m.legal_limit is not None]))


def test_dates_not_computed_are_nat_and_ratios_without_cases_nan(yuyao, table):
    assert yuyao.evaluate().to_pandas("all").due.isna().all()
    assert yuyao.evaluate(D(2017, 7, 3)).to_pandas("all").due.notna().all()
    windows = table.to_pandas("windows")
    counted = windows.on_time_m + windows.late_m
    assert windows.on_time_rate[counted == 0].isna().all() and (counted == 0).any()


def test_frames_are_indexed_by_their_natural_key(yuyao, comparison, table, roadmap):
    codes = pd.Index([m.code for m in yuyao.matters], name="code")
    bundles = pd.Index([b.id for b in yuyao.bundles], name="bundle")
    evaluation = yuyao.evaluate()
    assert yuyao.to_pandas().index.equals(codes) and yuyao.to_pandas().index.name == "code"
    for frame in (evaluation.to_pandas(), comparison.to_pandas(), evaluation.to_pandas("matters")):
        assert frame.index.equals(codes) and frame.index.name == "code"
    for frame in (evaluation.to_pandas("bundles"), comparison.to_pandas("bundles")):
        assert frame.index.equals(bundles) and frame.index.name == "bundle"
    assert evaluation.to_pandas("all").index.names == ["kind", "id"]
    assert evaluation.to_pandas("all").loc["matter"].index.equals(codes.rename("id"))
    joined = yuyao.to_pandas().join(evaluation.to_pandas(), rsuffix="_evaluated").join(
        comparison.to_pandas(), rsuffix="_compared")  # one key: they align row for row
    assert len(joined) == len(codes) and joined.trips.equals(comparison.to_pandas().trips_before.astype("int32"))
    departments = comparison.to_pandas("departments")
    assert departments.index.name == "department"
    assert set(departments.index) <= {d.id for d in yuyao.departments}
    assert table.to_pandas("windows").index.names == ["hall", "window"]
    assert table.to_pandas("halls").index.name == "hall"
    assert list(table.to_pandas("total").index) == ["total"]
    assert table.to_pandas("windows", hall="余姚市行政服务中心").index.name == "window"
    assert roadmap.to_pandas().index.name == "month"
    for label, frame in every_frame(yuyao, comparison, table, roadmap):
        assert frame.index.is_unique, label
        assert not isinstance(frame.index, pd.RangeIndex), label
    assert roadmap.reforms.index.name == "position"


def test_comparison_changed_only_and_parts(comparison):
    changed = comparison.to_pandas(changed_only=True)
    assert len(changed) == comparison.totals.matters_changed and (changed.change != "").all()
    assert len(comparison.to_pandas("bundles", changed_only=True)) == comparison.totals.bundles_changed
    with pytest.raises(ValueError, match="part"):
        comparison.to_pandas("halls")


# ---- result objects ---------------------------------------------------------


def result_samples(yuyao, comparison, table, roadmap):
    trips = yuyao.trips("road-excavation")
    schedule = yuyao.schedule("guihua-simen", D(2017, 7, 3))
    report = onetrip.Report()
    report.add_csv(CASES)
    return [trips, trips.trip_list[0], trips.trip_list[0].needs[0], schedule, schedule.members[0],
            yuyao.due("330281-AJ-01", D(2017, 9, 29)), yuyao.indicators(), yuyao.evaluate(),
            yuyao.prepared_materials("shuili-project"), comparison, comparison.totals, report, table, roadmap,
            onetrip.CaseClock([("accepted", D(2017, 7, 3), 5)]),
            onetrip.CaseClock([("accepted", D(2017, 7, 3), 5)]).as_of(D(2017, 7, 4)), yuyao]


def test_results_have_reprs_and_html(yuyao, comparison, table, roadmap):
    for value in result_samples(yuyao, comparison, table, roadmap):
        text = repr(value)
        assert " object at 0x" not in text, text
        assert type(value).__name__ in text or "onetrip" in text, text
        html = value._repr_html_()
        assert isinstance(html, str) and html.lstrip().startswith("<"), type(value)


def test_record_html_lists_every_field(yuyao):
    due = yuyao.due("330281-AJ-01", D(2017, 9, 29))
    html = due._repr_html_()
    for field in due._fields:
        assert f">{field}<" in html, field
    assert "2017-" in html


def test_need_kind_and_reason_are_str_enums(yuyao):
    needs = [n for b in yuyao.bundles for t in yuyao.trips(b.id).trip_list for n in t.needs]
    needs += [n for m in yuyao.matters for t in yuyao.trips(m.code).trip_list for n in t.needs]
    assert {type(n.kind) for n in needs} == {onetrip.NeedKind}
    assert {type(n.because) for n in needs} == {onetrip.Reason}
    assert len({n.because for n in needs}) >= 4
    for n in needs:
        assert isinstance(n.because, str) and n.because.sentence in n.text
        assert onetrip.Reason(n.because.sentence) is n.because  # the old text still names it
    assert [r.number for r in onetrip.Reason] == list(range(len(onetrip.Reason)))
    assert onetrip.NeedKind("pay") is onetrip.NeedKind.PAY and onetrip.NeedKind.PAY == "pay"
    frame = pd.DataFrame({"because": [n.because for n in needs]})
    assert frame.because.isin(["statutory_presence"]).any()


def test_a_bundles_graph_renders_as_svg(yuyao):
    bundle = yuyao.bundle("guihua-simen")
    schedule = yuyao.schedule("guihua-simen")
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (Debian: graphviz; scripts/install-deps.sh installs it)")
    for value in (bundle, schedule):
        svg = value._repr_svg_()
        assert "<svg" in svg and "</svg>" in svg
        for code in bundle.members:
            assert yuyao.matter(code).name in svg
    assert "<svg" in schedule._repr_html_()


def test_without_dot_there_is_no_svg(yuyao, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    bundle = yuyao.bundle("guihua-simen")
    assert bundle._repr_svg_() is None
    assert "<svg" not in yuyao.schedule("guihua-simen")._repr_html_()


def test_report_and_table_reprs(table):
    report = onetrip.Report()
    report.add_csv(CASES)
    assert repr(report) == "Report(2 cases, 0 rows skipped)"
    assert repr(table) == "ReportTable(2017-07)"
    assert "余姚市行政服务中心" in table._repr_html_()


# ---- one naming scheme ----------------------------------------------------


def walked_classes():
    import onetrip.listing  # noqa: F401

    modules = [onetrip, onetrip.listing, onetrip.bpmn, onetrip.cases]
    seen = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__.startswith("onetrip"):
                seen[value.__qualname__] = value
    return seen.values()


def test_every_conversion_is_to_pandas():
    """A method named *_frame or frame that gives a frame is an old name: it says so and
    points at to_pandas() (add_frame takes one in)."""
    for cls in walked_classes():
        for name, member in inspect.getmembers(cls):
            if (name == "frame" or name.endswith("_frame")) and not name.startswith("add_"):
                doc = inspect.getdoc(member) or ""
                assert doc.startswith("Deprecated"), f"{cls.__qualname__}.{name}: {doc!r}"
                assert "to_pandas" in doc, f"{cls.__qualname__}.{name}"


def test_old_names_warn_and_still_work(yuyao, comparison, table):
    with pytest.warns(DeprecationWarning, match=r"matters_frame\(\) is deprecated: use .to_pandas\(\)"):
        assert yuyao.matters_frame().equals(yuyao.to_pandas())
    with pytest.warns(DeprecationWarning, match="to_pandas"):
        bundles = comparison.bundles_frame()
    assert list(bundles.id) == [b.id for b in yuyao.bundles]
    with pytest.warns(DeprecationWarning, match="to_pandas"):
        assert comparison.departments_frame().department.tolist() == comparison.to_pandas("departments").index.tolist()
    with pytest.warns(DeprecationWarning, match="to_pandas"):
        assert comparison.to_pandas(True).equals(comparison.to_pandas(changed_only=True))
    with pytest.warns(DeprecationWarning, match="to_pandas"):
        flat = table.frame("windows")
    assert flat.set_index(["hall", "window"]).equals(table.to_pandas("windows"))
    with pytest.warns(DeprecationWarning, match="to_pandas"):
        assert table.halls_frame().set_index("hall").drop(columns="window").equals(table.to_pandas("halls"))
    with pytest.warns(DeprecationWarning, match="to_pandas"):
        assert len(table.windows_frame("余姚市行政服务中心")) == 2
    listing = onetrip.listing.read(SOURCE_DIR / "tests" / "data" / "listing" / "numeric")
    with pytest.warns(DeprecationWarning, match="to_pandas"):
        assert listing.report.frame().equals(listing.report.to_pandas())


@pytest.mark.parametrize("shape", ["id_volume", "code_volume", "indexed", "one_column"])
def test_compare_takes_volumes_as_a_dataframe(yuyao, after, shape):
    volumes = {m.code: float(3 + i % 5) for i, m in enumerate(yuyao.matters)}
    volumes["road-excavation"] = 7.0
    ids, values = list(volumes), list(volumes.values())
    frame = {
        "id_volume": pd.DataFrame({"id": ids, "volume": values}),
        "code_volume": pd.DataFrame({"code": ids, "volume": values}),
        "indexed": pd.DataFrame({"volume": values, "other": 1}, index=pd.Index(ids, name="id")),
        "one_column": pd.DataFrame({"cases": values}, index=ids),
    }[shape]
    expected = onetrip.compare(yuyao, after, volumes=volumes)
    got = onetrip.compare(yuyao, after, volumes=frame)
    assert got.totals == expected.totals and got.to_pandas().equals(expected.to_pandas())
    assert got.volumes.bundles == {"road-excavation": 7.0}


def test_volume_frames_that_say_nothing_clear_are_refused(yuyao, after):
    with pytest.raises(TypeError, match="'volume' column"):
        onetrip.compare(yuyao, after, volumes=pd.DataFrame({"a": [1], "b": [2]}))
    with pytest.raises(onetrip.InvalidArgumentError, match="330281-GA-03 given more than once"):
        onetrip.compare(yuyao, after, volumes=pd.DataFrame({"id": ["330281-GA-03"] * 2, "volume": [1, 2]}))


def test_generate_takes_every_count_as_a_keyword():
    catalog = onetrip.generate(matters=10, departments=5)
    assert len(catalog) == 10 and len(catalog.departments) == 5
    catalog = onetrip.generate(matters=40, seed=3, departments=3, halls=2, materials=12, bundle_members=4,
                               bundles_per_matter=0.1)
    assert (len(catalog.matters), len(catalog.departments), len(catalog.halls), len(catalog.materials)) == \
        (40, 3, 2, 12)
    assert len(catalog.bundles) == 4 and all(len(b.members) == 4 for b in catalog.bundles)
    assert onetrip.generate(matters=40, seed=3, departments=3) == onetrip.generate(40, 3, departments=3)
    for keyword in ("departments", "halls", "materials"):
        with pytest.raises(onetrip.InvalidArgumentError):
            onetrip.generate(matters=10, **{keyword: 0})
        with pytest.raises(TypeError, match=keyword):
            onetrip.generate(matters=10, **{keyword: 2.5})
    # Every option of the C++ GeneratorOptions (docs/generator.md) is a keyword here.
    header = (SOURCE_DIR / "include" / "onetrip" / "generate.hpp").read_text(encoding="utf-8")
    options = header.split("struct GeneratorOptions {")[1].split("};")[0]
    fields = [line.split("=")[0].split()[-1] for line in options.splitlines() if "=" in line]
    assert set(fields) <= set(inspect.signature(onetrip.generate).parameters), fields


def test_indicators_name_the_matters_without_volumes(yuyao):
    some = {m.code: 10 for m in yuyao.matters[:3]}
    with pytest.raises(onetrip.VolumesError) as info:
        yuyao.indicators(volumes=some)
    missing = [m.code for m in yuyao.matters[3:]]
    assert [p.path for p in info.value.problems] == missing
    assert missing[0] in str(info.value) and "missing='zero'" in str(info.value)
    with pytest.raises(onetrip.VolumesError):
        yuyao.evaluate().indicators(some)
    zero = yuyao.indicators(volumes=some, missing="zero")
    explicit = yuyao.indicators(volumes={**some, **{code: 0 for code in missing}})
    assert zero == explicit and zero.weighted
    assert yuyao.evaluate().indicators(some, missing="zero") == explicit
    full = {m.code: 1 for m in yuyao.matters}
    assert yuyao.indicators(volumes=pd.Series(full)) == yuyao.indicators(volumes=full)
    assert yuyao.indicators(volumes=pd.DataFrame({"id": list(full), "volume": 1})) == yuyao.indicators(volumes=full)
    with pytest.raises(ValueError, match="missing"):
        yuyao.indicators(volumes=full, missing="ignore")


# ---- a missing file ----------------------------------------------------------


def path_calls(yuyao, missing):
    """(label, call) for every call that takes a path, each given `missing`."""
    listing_dir = SOURCE_DIR / "tests" / "data" / "listing" / "numeric"
    return [
        ("Catalog.load", lambda: onetrip.Catalog.load(missing)),
        ("_onetrip.Catalog.load", lambda: _onetrip.Catalog.load(missing)),
        ("Calendar.from_json", lambda: onetrip.Calendar.from_json(missing)),
        ("Calendar.with_json", lambda: onetrip.Calendar.china().with_json(missing)),
        ("compare(volumes=…)", lambda: onetrip.compare(yuyao, yuyao, volumes=missing)),
        ("Volumes.from_csv", lambda: onetrip.Volumes.from_csv(yuyao, missing)),
        ("Report.add_csv", lambda: onetrip.Report().add_csv(missing)),
        ("Catalog.apply", lambda: yuyao.apply(missing)),
        ("reforms.apply", lambda: reforms.apply(yuyao, missing)),
        ("as_of", lambda: onetrip.as_of(yuyao, "2017-07-01", missing)),
        ("roadmap(scenario)", lambda: onetrip.roadmap(yuyao, missing, "2017-06", "2017-07")),
        ("roadmap(monthly=…)", lambda: onetrip.roadmap(yuyao, [], "2017-06", "2017-07", monthly=missing)),
        ("roadmap(case_log=…)", lambda: onetrip.roadmap(yuyao, [], "2017-06", "2017-07", case_log=missing)),
        ("listing.read", lambda: onetrip.listing.read(missing)),
        ("listing.read(extend=…)", lambda: onetrip.listing.read(listing_dir / "basic.csv", extend=missing)),
        ("bpmn.read", lambda: onetrip.bpmn.read(missing)),
    ]


@pytest.mark.parametrize("kind", [str, pathlib.Path])
def test_a_missing_file_is_file_not_found_everywhere(yuyao, tmp_path, kind):
    missing = tmp_path / "no-such-file.csv"
    for label, call in path_calls(yuyao, kind(missing)):
        with pytest.raises(FileNotFoundError) as info:
            call()
        error = info.value
        assert isinstance(error, onetrip.NotFoundError) and isinstance(error, onetrip.Error), label
        assert type(error) is onetrip.MissingFileError, label
        assert error.filename == str(missing) and error.errno == 2, (label, error.filename)
        assert str(missing) in str(error), label


def test_a_file_name_that_is_not_utf8_is_read_and_named(yuyao, tmp_path):
    """Linux file names are bytes; Python hands one that is not UTF-8 over as a str with surrogate
    escapes. Such a file is read, and such a missing one is MissingFileError with the caller's own
    name (it was RuntimeError "Unable to cast Python instance to C++ type", or UnicodeDecodeError in
    place of the library's message)."""
    directory = os.fsencode(str(tmp_path))
    missing = os.fsdecode(directory + b"/no-such-\xff.csv")
    for label, call in path_calls(yuyao, missing):
        with pytest.raises(onetrip.MissingFileError) as info:
            call()
        assert info.value.filename == missing, label
    source = SOURCE_DIR / "tests" / "data"
    catalogue = os.fsdecode(directory + b"/c\xff.json")
    shutil.copy(source / "catalog" / "small.json", catalogue)
    assert onetrip.Catalog.load(catalogue) == onetrip.Catalog.load(source / "catalog" / "small.json")
    assert onetrip.Catalog.load(pathlib.Path(catalogue)).matters
    year = os.fsdecode(directory + b"/y\xff.json")
    shutil.copy(SOURCE_DIR / "data" / "holidays-cn" / "2017.json", year)
    assert onetrip.Calendar.from_json(year).is_workday(datetime.date(2017, 10, 9))
    broken = os.fsdecode(directory + b"/broken\xff.json")
    pathlib.Path(broken).write_text("{", encoding="utf-8")
    with pytest.raises(onetrip.CatalogError, match=r"broken\\xff\.json"):
        onetrip.Catalog.load(broken)
    basic = os.fsdecode(directory + b"/basic\xff.csv")
    shutil.copy(source / "listing" / "numeric" / "basic.csv", basic)
    assert {line[0] for line in onetrip.listing.read(basic=basic).report} == {"basic\\xff.csv", "extend"}


def test_text_is_still_text(yuyao):
    # A str with a line break is CSV text, one starting with "{" JSON: never a path.
    report = onetrip.Report()
    assert report.add_csv(CASES) == [] and report.cases == 2
    assert report.add_csv(CASES.encode("utf-8")) == [] and report.cases == 4  # bytes are text too
    volumes = onetrip.Volumes.from_csv(yuyao, "id,volume\n330281-GA-03,5\n")
    assert volumes.matters == {"330281-GA-03": 5}
    assert yuyao.apply('{"schema": "onetrip-scenario/1", "reforms": []}') == yuyao
