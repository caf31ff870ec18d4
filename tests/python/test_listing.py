"""onetrip.listing: the national implementation-list tables read, written back and audited."""
import csv
import io
import json
import os
import subprocess

import pytest

import onetrip
from onetrip import listing

SOURCE = os.environ.get("ONETRIP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(SOURCE, "tests", "data", "listing")
NAME = "测试实施清单"


@pytest.fixture(scope="module")
def expected():
    return onetrip.Catalog.load(os.path.join(DATA, "expected.json"))


def without_bundles(catalog):
    """The catalogue as the listing tables carry it: no bundles, no department flagged as collecting
    taxes and no situations (情形: questions, eligibility rules, variants, material conditions), which
    they have no column for. Validity periods (the Yuyao 开票资料 from 2017-07-01) stay: onetrip's
    columns carry them."""
    doc = json.loads(catalog.dumps())
    doc["bundles"] = []
    for department in doc["departments"]:
        department.pop("collects_taxes", None)
    for matter in doc["matters"]:
        for key in ("questions", "eligibility", "variants"):
            matter.pop(key, None)
        uses = []
        for use in matter.get("materials", []):
            if isinstance(use, dict):
                use = {k: v for k, v in use.items() if k not in ("when", "copies")}
                use = use["material"] if list(use) == ["material"] else use
            uses.append(use)
        if uses:
            matter["materials"] = uses
    return onetrip.Catalog.loads(json.dumps(doc, ensure_ascii=False))


def table(header, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header] + rows)
    return buf.getvalue().encode("utf-8")


BASIC_HEADER = ["task_code", "task_name", "task_type", "dept_code", "dept_name", "anticipate_day",
                "promise_day", "project_type", "limit_scene_num", "transact_addr"]


def basic_row(code, **over):
    row = {"task_code": code, "task_name": f"事项{code}", "task_type": "01", "dept_code": "D1",
           "dept_name": "住建局", "anticipate_day": "20", "promise_day": "5", "project_type": "2",
           "limit_scene_num": "1", "transact_addr": "行政服务中心"}
    row.update(over)
    return [row[h] for h in BASIC_HEADER]


@pytest.mark.parametrize("variant", ["numeric", "labels", "gb18030"])
def test_exports_import_to_the_hand_worked_catalogue(variant, expected):
    d = os.path.join(DATA, variant)
    imported = listing.read(basic=os.path.join(d, "basic.csv"), extend=os.path.join(d, "extend.csv"),
                            materials=os.path.join(d, "materials.csv"), fees=os.path.join(d, "fees.csv"),
                            name=NAME)
    assert imported.catalog == expected
    assert imported.rejected_rows == 0 and imported.problems == []
    # Materials interned across matters by name and source: 身份证 is one material.
    ids = [m.id for m in imported.catalog.materials]
    assert ids.count("居民身份证（政府部门核发）") == 1
    users = [m for m in imported.catalog.matters if any(u.material == "居民身份证（政府部门核发）" for u in m.materials)]
    assert len(users) > 1


def test_gb18030_is_detected_and_utf8_with_bom_read():
    with open(os.path.join(DATA, "gb18030", "basic.csv"), "rb") as f:
        data = f.read()
    assert listing.detect_encoding(data) == "GB18030"
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    with open(os.path.join(DATA, "gb18030", "extend.csv"), "rb") as f:
        bom = f.read()
    assert bom.startswith(b"\xef\xbb\xbf") and listing.detect_encoding(bom) == "UTF-8"


def test_xlsx_export_reads_like_the_csv(tmp_path, expected):
    openpyxl = pytest.importorskip("openpyxl")
    paths = {}
    for stem in ("basic", "extend", "materials", "fees"):
        book = openpyxl.Workbook()
        ws = book.active
        ws.title = "实施清单"
        with open(os.path.join(DATA, "labels", stem + ".csv"), encoding="utf-8") as f:
            for i, row in enumerate(csv.reader(f)):
                # Excel keeps numbers as numbers: write the counts as integers.
                ws.append([int(c) if i and c.isdigit() and len(c) < 6 else c for c in row])
        paths[stem] = tmp_path / f"{stem}.xlsx"
        book.save(paths[stem])
    imported = listing.read(**paths, name=NAME)
    assert imported.catalog == expected


def test_dataframes_read_like_the_csv(expected):
    pd = pytest.importorskip("pandas")
    frames = {stem: pd.read_csv(os.path.join(DATA, "numeric", stem + ".csv"), dtype=str, keep_default_na=False)
              for stem in ("basic", "extend", "materials", "fees")}
    assert listing.read(**frames, name=NAME).catalog == expected


def test_report_names_every_cell():
    imported = listing.read(os.path.join(DATA, "numeric"), name=NAME)
    frame = imported.report.to_pandas()
    assert len(frame) == len(imported.report)
    # One line per cell of every data row of every known column, plus the ignored columns once.
    with open(os.path.join(DATA, "numeric", "basic.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    basic = frame[frame.file == "basic.csv"]
    assert (basic.outcome == "ignored").sum() == 1  # by_law
    assert set(basic[basic.outcome == "ignored"].column) == {"by_law"}
    per_row = basic[basic.row >= 2].groupby("row").size()
    assert len(per_row) == len(rows) - 1
    assert (per_row == len(rows[0]) - 1).all()
    # A defaulted line says the default.
    legal = basic[(basic.column == "anticipate_day") & (basic.outcome == "defaulted")]
    assert len(legal) > 0 and (legal.note == "blank: no legal limit").all()
    # The CSV has the same lines.
    lines = list(csv.reader(io.StringIO(imported.report.csv())))
    assert lines[0] == list(listing.MappingReport.COLUMNS)
    assert len(lines) - 1 == len(frame)
    assert imported.report[0] == tuple(lines[1][:1]) + (int(lines[1][1]),) + tuple(lines[1][2:])


def bad_listing():
    basic = table(BASIC_HEADER, [
        basic_row("A1"),
        basic_row("A2", task_type="99"),                       # unknown code
        basic_row("A3", promise_day="30"),                     # promise over the legal limit
        basic_row("A1", task_name="重复"),                      # duplicate task code
        basic_row("A5", limit_scene_num="一次"),                # not understood, the matter kept
        basic_row("A6"),
    ])
    materials = table(["task_code", "material_name", "is_need", "source_type"], [
        ["A1", "身份证", "1", "2"],
        ["A9", "申请表", "1", "1"],                             # no such matter
        ["A3", "申请表", "1", "1"],                             # its matter was rejected
        ["A6", "申请表", "7", "1"],                             # unknown is_need: default kept
    ])
    return basic, materials


def test_bad_rows_are_reported_and_the_rest_imports():
    basic, materials = bad_listing()
    imported = listing.read(basic=basic, materials=materials)
    codes = [m.code for m in imported.catalog.matters]
    assert codes == ["A1", "A5", "A6"]
    assert imported.rejected_rows == 5
    rejected = imported.report.lines("rejected")
    where = {(f, r, c) for f, r, c, *_ in rejected}
    assert ("basic.csv", 3, "task_type") in where
    assert ("basic.csv", 4, "promise_day") in where
    assert ("basic.csv", 5, "task_code") in where
    assert ("materials.csv", 3, "task_code") in where
    assert ("materials.csv", 4, "task_code") in where
    notes = {(r, c): n for f, r, c, o, v, n in rejected}
    assert "already at row 2" in notes[(5, "task_code")]
    assert "longer than the legal limit of 20" in notes[(4, "promise_day")]
    assert "rejected at basic row 4" in notes[(4, "task_code")]
    assert "accepted: 01 行政许可" in notes[(3, "task_type")] or "1 行政许可" in notes[(3, "task_type")]
    not_understood = imported.report.lines("not_understood")
    assert ("basic.csv", 6, "limit_scene_num", "not_understood", "一次") == not_understood[0][:5]
    assert any(line[:3] == ("materials.csv", 5, "is_need") and line[4] == "7" for line in not_understood)
    assert imported.catalog.matter("A5").declared_trips is None
    assert imported.catalog.matter("A6").materials[0].necessity == "required"
    # The problems say the same, each with file, row and column.
    paths = {p.path for p in imported.problems}
    assert "basic.csv row 3 column task_type" in paths and "materials.csv row 3 column task_code" in paths


def test_strict_refuses_the_whole_listing():
    basic, materials = bad_listing()
    with pytest.raises(listing.ListingError) as e:
        listing.read(basic=basic, materials=materials, strict=True)
    paths = {p.path for p in e.value.problems}
    assert {"basic.csv row 3 column task_type", "basic.csv row 5 column task_code",
            "materials.csv row 3 column task_code", "basic.csv row 6 column limit_scene_num"} <= paths
    assert isinstance(e.value, onetrip.ProblemsError)
    # A clean listing imports the same with strict.
    assert listing.read(basic=table(BASIC_HEADER, [basic_row("A1")]), strict=True).catalog.matter("A1")


def test_unreadable_files_fail_naming_the_file():
    good = table(BASIC_HEADER, [basic_row("A1")])
    with pytest.raises(listing.ListingError, match="basic.csv: the file is empty"):
        listing.read(basic=b"")
    with pytest.raises(listing.ListingError, match="extend.csv: the file is empty"):
        listing.read(basic=good, extend=b"")
    # Neither UTF-8 nor GB18030: bytes GB18030 does not map (0x80 alone, 0xFF).
    with pytest.raises(listing.ListingError, match="neither UTF-8 .* nor GB18030"):
        listing.read(basic=good, materials=b"task_code,material_name\nA1,\x80\xff\xff\n")
    with pytest.raises(listing.ListingError, match="no column task_name"):
        listing.read(basic=b"task_code,task_type\nA1,01\n")
    with pytest.raises(listing.ListingError, match="no row forms a matter"):
        listing.read(basic=table(BASIC_HEADER, [basic_row("A1", project_type="9")]))
    with pytest.raises(listing.ListingError, match=r"\.xls format"):
        listing.read(basic="export.xls")


def test_unreadable_workbooks_and_wrong_arguments_are_named(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    fake = tmp_path / "basic.xlsx"
    fake.write_bytes(b"an HTML page saved as .xlsx")
    with pytest.raises(listing.ListingError, match="basic.xlsx: not a readable Excel workbook"):
        listing.read(basic=fake)
    book = openpyxl.Workbook()
    book.active.append(BASIC_HEADER)
    book.active.append(basic_row("A1"))
    book.save(fake)
    with pytest.raises(listing.ListingError, match="no sheet 'basic' \\(the sheets: Sheet\\)"):
        listing.read(basic=fake, sheet="basic")
    assert listing.read(basic=fake, sheet="Sheet").catalog.matter("A1")
    with pytest.raises(TypeError, match="^basic: a path, CSV bytes or a pandas DataFrame, not int"):
        listing.read(basic=5)
    with pytest.raises(TypeError, match="^fees: .* not float"):
        listing.read(basic=fake, fees=3.5)


def test_counts_past_their_bounds_are_named_at_their_cell():
    """A count past the catalogue's bound (docs/errors.md, "Bounds") is refused at its cell, as text
    that is no count is, and the rest imports; at the bound it imports. It failed the whole import
    with the catalogue's JSON paths ($.matters[0].anticipate_day) and called 2147483648 "not a whole
    number"."""
    header = BASIC_HEADER + ["anticipate_type", "promise_type", "special_procedure"]

    def row(code, **over):
        values = {"anticipate_type": "1", "promise_type": "1", "special_procedure": "", **over}
        return basic_row(code, **{k: v for k, v in over.items() if k in BASIC_HEADER}) + [
            values[h] for h in header[len(BASIC_HEADER):]]

    basic = table(header, [
        row("OK", anticipate_day="36500", promise_day="36500", limit_scene_num="1000",
            special_procedure="听证:36500"),
        row("OKM", anticipate_day="1200", anticipate_type="3", promise_day="1200", promise_type="3"),
        row("L", anticipate_day="36501"),
        row("LH", anticipate_day="99999999999999999999999"),
        row("LM", anticipate_day="1201", anticipate_type="3"),
        row("P", anticipate_day="", promise_day="2147483648"),
        row("PM", promise_day="1201", promise_type="3", anticipate_day=""),
        row("T", limit_scene_num="1001"),
        row("S", special_procedure="听证:36501"),
        row("SS", special_procedure="听证:20000;专家评审:20000"),
    ])
    extend = table(["task_code", "onetrip_site_inspection_days"], [["OK", "36500"], ["T", "36501"]])
    imported = listing.read(basic=basic, extend=extend)
    assert [m.code for m in imported.catalog.matters] == ["OK", "OKM", "T", "S", "SS"]
    lines = {(r, c): (o, n) for f, r, c, o, v, n in imported.report.lines() if o in ("rejected", "not_understood")}
    assert lines == {
        (4, "anticipate_day"): ("rejected", "over the largest number of days allowed, 36500"),
        (5, "anticipate_day"): ("rejected", "over the largest number of days allowed, 36500"),
        (6, "anticipate_day"): ("rejected", "over the largest number of months allowed, 1200"),
        (7, "promise_day"): ("rejected", "over the largest number of days allowed, 36500"),
        (8, "promise_day"): ("rejected", "over the largest number of months allowed, 1200"),
        (9, "limit_scene_num"): ("not_understood", "over the largest number of trips allowed, 1000: nothing declared"),
        (10, "special_procedure"): lines[(10, "special_procedure")],
        (11, "special_procedure"): lines[(11, "special_procedure")],
        (3, "onetrip_site_inspection_days"): (
            "not_understood", "over the largest number of days allowed, 36500: no site inspection"),
    }
    for r in (10, 11):
        assert lines[(r, "special_procedure")][0] == "not_understood"
        assert "over 36500 days together: none kept" in lines[(r, "special_procedure")][1]
    ok = imported.catalog.matter("OK")
    assert (ok.site_inspection_days, ok.declared_trips) == (36500, 1000)
    assert imported.catalog.matter("T").declared_trips is None
    assert imported.catalog.matter("T").site_inspection_days is None
    assert imported.catalog.matter("SS").special_procedures == []


def test_fee_rows_adding_up_past_a_trillion_yuan_are_rejected():
    """The catalogue's largest fee (a trillion yuan) bounds the sum of a matter's fee rows: the row
    taking it past is rejected, and the catalogue saves and loads again. The sum was let up to
    2^63 fen, and the catalogue written could not be loaded."""
    basic = table(BASIC_HEADER, [basic_row("A1")])
    fees = table(["task_code", "fee_name", "fee_stand"], [
        ["A1", "x", "999999999999.99"], ["A1", "y", "0.01"], ["A1", "z", "0.01"]])
    imported = listing.read(basic=basic, fees=fees)
    assert imported.catalog.matter("A1").fee_fen == 100_000_000_000_000
    [line] = imported.report.lines("rejected")
    assert line[:3] == ("fees.csv", 4, "fee_stand")
    assert "past a trillion yuan" in line[5]
    assert onetrip.Catalog.loads(imported.catalog.dumps()) == imported.catalog


def test_csv_syntax_error_rejects_the_row_naming_the_line():
    data = table(BASIC_HEADER, [basic_row("A1")]) + b'A2,"unclosed\n'
    imported = listing.read(basic=data)
    assert imported.rejected_rows == 1
    line = imported.report.lines("rejected")[0]
    assert line[:3] == ("basic.csv", 3, "") and "field" in line[5]


def test_audit_lists_matters_declaring_fewer_trips_than_their_data():
    imported = listing.read(os.path.join(DATA, "numeric"), name=NAME)
    audit = imported.audit()
    assert set(audit.columns) >= {"declared_trips", "computed_trips", "overclaims", "reasons", "findings"}
    over = audit[audit.overclaims]
    assert len(over) > 0
    assert (over.declared_trips <= 1).all() and (over.computed_trips > over.declared_trips).all()
    # Every overclaim agrees with evaluating the catalogue itself.
    evaluation = imported.catalog.evaluate()
    codes = [m.code for m in imported.catalog.matters]
    trips = dict(zip(codes, evaluation.matter_trips))
    for code, row in over.iterrows():
        assert trips[code] == row.computed_trips
    # A matter declaring 0 trips with paper submission and no express is among them.
    for m in imported.catalog.matters:
        if m.declared_trips == 0 and m.online == "none" and not m.postal_application:
            assert m.code in over.index


@pytest.mark.parametrize("codes", ["numeric", "labels"])
def test_write_then_read_gives_the_catalogue_back(tmp_path, codes):
    for catalog in (onetrip.generate(500, seed=7),
                    onetrip.Catalog.load(os.path.join(SOURCE, "examples", "yuyao-2017", "catalog.json"))):
        paths = listing.write(catalog, tmp_path / codes / catalog.name[:4], codes=codes)
        assert len(paths) == 7
        back = listing.read(os.path.dirname(paths[0]), name=catalog.name, strict=True)
        assert back.catalog == without_bundles(catalog)


DATED_FIELDS = ("fee", "online", "is_postal", "is_express", "electronic_licence", "online_payment",
                "tolerant_acceptance")


def dated(catalog, every_kind=True):
    """The catalogue with every kind of validity period, open at either end or closed: matters'
    (effective_from, effective_until), material uses' and a period of every field a matter offers
    (``every_kind``: each kind at least once)."""
    doc = json.loads(catalog.dumps())
    made = {kind: 0 for kind in ("matter", "material_use") + DATED_FIELDS}

    def ends(n):
        days = {}
        if n % 3 != 1:
            days["from"] = f"2019-{1 + n % 12:02d}-{1 + n % 28:02d}"
        if n % 3 != 0:
            days["until"] = f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}"
        return days

    for i, matter in enumerate(doc["matters"]):
        if i % 4:
            for end, key in (("from", "effective_from"), ("until", "effective_until")):
                if end in ends(i):
                    matter[key] = ends(i)[end]
            made["matter"] += 1
        uses = []
        for j, use in enumerate(matter.get("materials", [])):
            if (i + j) % 4:
                use = dict(use) if isinstance(use, dict) else {"material": use}
                for end, key in (("from", "effective_from"), ("until", "effective_until")):
                    if end in ends(i + j):
                        use[key] = ends(i + j)[end]
                made["material_use"] += 1
            uses.append(use)
        if uses:
            matter["materials"] = uses
        offered = {"fee": matter.get("fee", 0) != 0, "online": matter.get("online", "none") != "none"}
        periods = {}
        for f, field in enumerate(DATED_FIELDS):
            if offered.get(field, matter.get(field, False)) and (i + f) % 5:
                periods[field] = ends(i + f)
                made[field] += 1
        if periods:
            matter["periods"] = periods
    assert all(made.values()) or not every_kind, made
    return onetrip.Catalog.loads(json.dumps(doc, ensure_ascii=False))


@pytest.mark.parametrize("fmt,codes", [("csv", "numeric"), ("csv", "labels"), ("xlsx", "labels")])
def test_every_validity_period_round_trips(tmp_path, fmt, codes):
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    catalog = dated(onetrip.generate(200, seed=5))
    listing.write(catalog, tmp_path, format=fmt, codes=codes)
    back = listing.read(tmp_path, name=catalog.name, strict=True)
    assert back.catalog == without_bundles(catalog)
    assert back.catalog != without_bundles(onetrip.generate(200, seed=5))


def test_bad_dates_are_named_by_table_row_and_column(tmp_path):
    catalog = dated(onetrip.generate(20, seed=5), every_kind=False)
    listing.write(catalog, tmp_path)
    path = tmp_path / "materials.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = rows[0].index("onetrip_effective_until")
    rows[1][column] = "2019-13-01"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    back = listing.read(tmp_path, name=catalog.name)
    assert [p.path for p in back.problems] == ["materials.csv row 2 column onetrip_effective_until"]
    assert "not a date" in back.problems[0].message
    with pytest.raises(listing.ListingError):
        listing.read(tmp_path, name=catalog.name, strict=True)


def _changed(catalog, change):
    doc = json.loads(catalog.dumps())
    change(doc)
    return onetrip.Catalog.loads(json.dumps(doc, ensure_ascii=False))


def _special(doc, name):
    doc["matters"][2]["special_procedures"] = [{"name": name, "days": 3}]


# One catalogue per class of text the tables' syntax claims: the place write names.
REFUSED = [
    ("blanks", lambda d: d["matters"][2].update(name=" " + d["matters"][2]["name"]), "$.matters[2].name"),
    ("full-width blank", lambda d: d["halls"][0].update(name=d["halls"][0]["name"] + "\u3000"), "$.halls[0].name"),
    ("hall id ^", None, "$.halls[0].id"),
    ("special ;", lambda d: _special(d, "专家;评审"), "$.matters[2].special_procedures[0].name"),
    ("special ；", lambda d: _special(d, "专家；评审"), "$.matters[2].special_procedures[0].name"),
    ("special :", lambda d: _special(d, "专家:评审"), "$.matters[2].special_procedures[0].name"),
    ("special ：", lambda d: _special(d, "专家：评审"), "$.matters[2].special_procedures[0].name"),
    ("special kind", lambda d: d["matters"][2].update(special_procedures=[{"name": "专家论证", "days": 3,
                                                                        "kind": "专家评审"}]),
     "$.matters[2].special_procedures[0].kind"),
]


def _hall_id_caret(doc):
    old = doc["halls"][0]["id"]
    doc["halls"][0]["id"] = old + "^2"
    for item in doc["departments"] + doc["matters"]:
        if "halls" in item:
            item["halls"] = [h + "^2" if h == old else h for h in item["halls"]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("case", [c[0] for c in REFUSED])
def test_write_refuses_text_the_tables_would_read_back_different(tmp_path, case, fmt):
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    _, change, where = next(c for c in REFUSED if c[0] == case)
    base = onetrip.generate(20, seed=5)
    catalog = _changed(base, change or _hall_id_caret)
    out = tmp_path / "out"
    with pytest.raises(listing.ListingError) as e:
        listing.write(catalog, out, format=fmt)
    assert [p.path for p in e.value.problems] == [where]
    if where.startswith("$.matters"):
        assert base.matters[2].code in e.value.problems[0].message
    assert where in str(e.value)
    assert not out.exists()  # nothing written, not even the directory


def test_hall_ids_with_full_width_separators_round_trip(tmp_path):
    # onetrip's own hall columns are split at the "^" write joins with only: a hall id
    # holding 、 or ， (an address) comes back whole.
    doc = json.loads(onetrip.generate(20, seed=3).dumps())
    renamed = {h["id"]: f"{h['id']}、东区，二楼" for h in doc["halls"]}
    for hall in doc["halls"]:
        hall["id"] = renamed[hall["id"]]
    for item in doc["departments"] + doc["matters"]:
        if "halls" in item:
            item["halls"] = [renamed[h] for h in item["halls"]]
    catalog = onetrip.Catalog.loads(json.dumps(doc, ensure_ascii=False))
    listing.write(catalog, tmp_path)
    assert listing.read(tmp_path, name=catalog.name, strict=True).catalog == without_bundles(catalog)


def test_write_xlsx_round_trip(tmp_path):
    pytest.importorskip("openpyxl")
    catalog = onetrip.generate(60, seed=11)
    listing.write(catalog, tmp_path, format="xlsx", codes="labels")
    assert listing.read(tmp_path, name=catalog.name, strict=True).catalog == without_bundles(catalog)


def test_written_national_tables_alone_still_import(tmp_path, expected):
    # Without onetrip's own tables (as a platform would have them), the hand-worked listing
    # written back imports to itself.
    listing.write(expected, tmp_path)
    for stem in ("onetrip_halls", "onetrip_departments", "onetrip_materials"):
        os.remove(tmp_path / f"{stem}.csv")
    back = listing.read(tmp_path, name=NAME)
    assert back.rejected_rows == 0
    assert back.catalog == expected


def test_tool_import_listing(tmp_path, expected):
    tool = os.environ.get("ONETRIP_TOOL")
    if not tool:
        pytest.skip("ONETRIP_TOOL not set (run through ctest)")
    d = os.path.join(DATA, "labels")
    out = tmp_path / "catalog.json"
    report = tmp_path / "report.csv"
    run = subprocess.run([tool, "import-listing", "--basic", os.path.join(d, "basic.csv"),
                          "--extend", os.path.join(d, "extend.csv"), "--materials", os.path.join(d, "materials.csv"),
                          "--fees", os.path.join(d, "fees.csv"), "--name", NAME, "--report", str(report),
                          "--audit", "-", "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert onetrip.Catalog.load(out) == expected
    assert run.stdout.startswith("code,name,declared_trips,computed_trips,overclaims")
    assert "declares 0 trips" in run.stdout and "imported 36 matters" in run.stderr
    # A bad listing under --strict: exit 1, every problem named.
    bad = tmp_path / "bad.csv"
    bad.write_bytes(table(BASIC_HEADER, [basic_row("A1"), basic_row("A1")]))
    run = subprocess.run([tool, "import-listing", "--basic", str(bad), "--strict"], capture_output=True, text=True)
    assert run.returncode == 1 and "bad.csv row 3 column task_code" in run.stderr
    run = subprocess.run([tool, "import-listing", "--basic", "x.xlsx"], capture_output=True, text=True)
    assert run.returncode == 1 and "save the sheet as CSV" in run.stderr
    assert report.read_text(encoding="utf-8").startswith("file,row,column,outcome,value,note")

