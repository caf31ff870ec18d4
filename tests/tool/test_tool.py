"""The onetrip tool's command line (examples/cli): every command has --help; an
unknown option, or one the command does not take, is a usage error (exit 2, the
command's usage on stderr, nothing on stdout); every command printing figures
writes --format table, csv and json from the same records; every command using
dates honours --calendar; report --strict names every bad row.

Run by ctest (tool.cli) with ONETRIP_TOOL set to the built tool."""
import csv
import io
import json
import os
import pathlib
import re
import subprocess

import pytest

TOOL = os.environ.get("ONETRIP_TOOL", "build/bin/onetrip")
# Set by ctest when the tool is built with a sanitizer (the asan preset), where each run of the tool
# costs about 0.15 s of start-up: the runs that only repeat a code path are then left to `make test`.
SANITIZED = os.environ.get("ONETRIP_SANITIZED") == "1"
SOURCE = pathlib.Path(__file__).resolve().parents[2]
YUYAO = SOURCE / "examples" / "yuyao-2017"
CATALOG = str(YUYAO / "catalog.json")
ROADMAP = SOURCE / "tests" / "data" / "roadmap"
CASE_HEADER = "case_id,matter,department,hall,kind,received,completed,fee,joint,limit\n"


def run(*args):
    return subprocess.run([TOOL, *map(str, args)], capture_output=True, text=True, timeout=120)


def commands():
    out = run("--help")
    assert out.returncode == 0, out.stderr
    section = out.stdout.split("Subcommands:")[1]
    return [m.group(1) for m in re.finditer(r"^  ([a-z][a-z-]*) ", section, re.M) if m.group(1) != "help"]


def options(command):
    """The command's options, each with whether it takes a value (its help shows a type after it)."""
    out = run(command, "--help")
    return {m.group(1): bool(m.group(2)) for m in re.finditer(r"^  (?:-h,)?(--[a-z-]+)( \S+)?", out.stdout, re.M)}


COMMANDS = commands()


@pytest.fixture(scope="module")
def local_holiday(tmp_path_factory):
    """A calendar file making Wednesday 2017-07-05 a local holiday."""
    path = tmp_path_factory.mktemp("calendar") / "local-2017.json"
    path.write_text(json.dumps({"year": 2017, "days": [{"name": "本地假日", "date": "2017-07-05", "isOffDay": True}]}),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    """Three cases of 2 working days from 2017-07-03: due 07-05, or 07-06 with the local holiday; two bad rows."""
    d = tmp_path_factory.mktemp("cases")
    good = d / "cases.csv"
    rows = ["c1,,住建,中心,promised,2017-07-03,2017-07-06,12.50,0,2",
            "c2,,住建,中心,promised,2017-07-03,2017-07-05,,0,2",
            "c3,,公安,中心,immediate,2017-07-03,2017-07-03,,0,"]
    good.write_text(CASE_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    bad = d / "bad.csv"
    bad.write_text(CASE_HEADER + "\n".join([rows[0], "c4,,住建,中心,urgent,2017-07-03,,,0,", rows[1],
                                            "c5,,住建,中心,promised,2017-02-30,,,0,"]) + "\n", encoding="utf-8")
    return good, bad


# A run of every command that prints figures, and of every command that uses dates.
def samples(cases):
    return {
        "deadline": ["deadline", "--start", "2017-07-03", "--days", "5"],
        "calendar": ["calendar", "2017-07"],
        "clock": ["clock", "--event", "accepted:2017-07-03:5", "--as-of", "2017-07-06"],
        "validate": ["validate", CATALOG],
        "evaluate": ["evaluate", CATALOG, "--start", "2017-07-03"],
        "audit": ["audit", CATALOG],
        "bpmn": ["bpmn", CATALOG, "road-excavation", "--start", "2017-07-03"],
        "report": ["report", "--cases", cases[0], "--month", "2017-07"],
        "whatif": ["whatif", CATALOG, YUYAO / "reforms-2017.json", "--before", YUYAO / "before-2017.json",
                   "--volumes", YUYAO / "volumes-2017-07-windows.csv"],
        "roadmap": ["roadmap", ROADMAP / "small.json", ROADMAP / "express-b.json", "--from", "2017-06", "--to",
                    "2017-08", "--monthly", ROADMAP / "monthly.csv"],
        "diff": ["diff", CATALOG, ROADMAP / "small.json"],
        "format": ["format", CATALOG],
        "dot": ["dot", CATALOG, "road-excavation"],
        "asof": ["asof", CATALOG, "2017-09-01"],
        "generate": ["generate", "--matters", "3"],
        "snapshot": ["snapshot", CATALOG, cases[0].parent / "sample.snap"],
        "bpmn-import": ["bpmn-import", SOURCE / "tests" / "data" / "bpmn" / "foreign-modeller.bpmn"],
        "version": ["version"],
        "notice": ["notice", SOURCE / "tests" / "data" / "catalog" / "situations.json", "FL-01", "--start", "2017-07-03"],
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    out = run(command, "--help")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"Usage: onetrip {command}") or f"\nUsage: onetrip {command}" in out.stdout
    assert out.stderr == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_option_is_a_usage_error(command):
    out = run(command, "--no-such-option", "x")
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith(f"onetrip {command}: ") and f"Usage: onetrip {command}" in out.stderr


def test_an_option_of_another_command_is_a_usage_error(cases):
    runs = samples(cases)
    for command in COMMANDS:  # every sample works as it is
        if command in runs:
            assert run(*runs[command]).returncode == 0, command
    every = {c: options(c) for c in COMMANDS}
    known = {}
    for own in every.values():
        known.update(own)
    assert not known["--strict"] and known["--format"] and known["--calendar"]
    for command, own in every.items():
        for option in sorted(set(known) - set(own)):
            given = [option, "2017-07-03"] if known[option] else [option]
            # Alone, and after a run that works without it: never ignored. Under a sanitizer
            # (about 1,400 runs, 200 s) alone only: both forms go through the same parse.
            forms = [[command, *given], [*runs.get(command, [command]), *given]]
            for args in forms[:1] if SANITIZED else forms:
                out = run(*args)
                assert out.returncode == 2, (args, out.stdout)
                assert out.stdout == "" and f"Usage: onetrip {command}" in out.stderr, args


def test_usage_errors_and_help():
    assert run().returncode == 2  # no command
    assert run("no-such-command").returncode == 2
    for args in (["deadline", "--start", "2017-02-30", "--days", "5"], ["deadline", "--start", "2017-07-03"],
                 ["calendar", "2017-13"], ["evaluate", CATALOG, "--format", "xml"], ["validate", CATALOG, CATALOG]):
        out = run(*args)
        assert out.returncode == 2 and out.stdout == "" and "Usage: onetrip" in out.stderr, args
    assert "deadline" in run("help").stdout and run("help").returncode == 0
    assert run("help", "whatif").stdout == run("whatif", "--help").stdout
    assert run("help", "no-such-command").returncode == 2
    assert re.match(r"onetrip \d+\.\d+\.\d+", run("version").stdout)
    assert run("--version").stdout == run("version").stdout


def test_a_count_out_of_its_range_is_refused_not_saturated():
    # CLI11 alone reads a number past 64 bits as the largest one and "-1" into
    # an unsigned option as its largest value: each is a usage error naming the range.
    for args, named in ((["deadline", "--start", "2017-07-03", "--days", "99999999999999999999"], "--days"),
                        (["deadline", "--start", "2017-07-03", "--days", "-5"], "--days"),
                        (["deadline", "--start", "2017-07-03", "--days", "2.5"], "--days"),
                        (["generate", "--matters", "5", "--seed", "-1"], "--seed"),
                        (["generate", "--matters", "99999999999999999999"], "--matters"),
                        (["clock", "--event", "received:2017-07-03:20", "--as-of", "2017-08-01",
                          "--extension-limit", "9999999999"], "--extension-limit")):
        out = run(*args)
        assert out.returncode == 2 and out.stdout == "", args
        assert named in out.stderr and "is not a whole number from" in out.stderr, (args, out.stderr)
    # The generator keeps its own range, said once.
    out = run("generate", "--matters", "-3")
    assert out.returncode == 1 and "between 1 and 10000000" in out.stderr
    # A clock event's days: digits that do not fit are not taken for a reason.
    for event in ("received:2017-07-03:99999999999999999999", "special_started:2017-07-05:专家评审:1x"):
        out = run("clock", "--event", "received:2017-07-03:20", "--event", event, "--as-of", "2017-08-01")
        assert out.returncode == 1 and "are not a whole number from -2147483648 to 2147483647" in out.stderr, out.stderr
    assert run("deadline", "--start", "2017-07-03", "--days", "20").returncode == 0
    assert run("generate", "--matters", "2", "--seed", "18446744073709551615").returncode == 0


def test_every_command_printing_figures_has_the_three_formats(cases):
    runs = samples(cases)
    with_format = [c for c in COMMANDS if "--format" in options(c)]
    assert {"whatif", "audit", "validate", "deadline", "calendar", "evaluate", "report", "roadmap"} <= set(with_format)
    for command in with_format:
        assert command in runs, f"{command} takes --format: give it a sample here"
        table, as_csv, as_json = (run(*runs[command], "--format", f) for f in ("table", "csv", "json"))
        for out in (table, as_csv, as_json):
            assert out.returncode == 0, (command, out.stderr)
        assert table.stdout == run(*runs[command]).stdout  # table is the default
        document = json.loads(as_json.stdout)
        assert isinstance(document, dict) and document
        for name, part in document.items():
            records = part if isinstance(part, list) else [part]
            assert all(isinstance(r, dict) for r in records), (command, name)
            assert len({tuple(r) for r in records}) <= 1, (command, name)  # one set of fields a part
        # One table (report's bulletin tables: two, a blank line between), each with a header and rectangular.
        for block in as_csv.stdout.split("\n\n"):
            rows = list(csv.reader(io.StringIO(block)))
            assert rows and all(len(r) == len(rows[0]) for r in rows), command
        assert table.stdout not in (as_csv.stdout, as_json.stdout)


def test_json_and_csv_hold_the_tables_figures(cases):
    # deadline: the due date of the table is the JSON's and the last CSV row's.
    args = ["deadline", "--start", "2017-09-29", "--days", "20"]
    due = re.search(r"due +(\S+)", run(*args).stdout).group(1)
    document = json.loads(run(*args, "--format", "json").stdout)
    assert document["deadline"]["due"] == due == document["days"][-1]["date"]
    days = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").stdout)))
    assert days == [{k: str(v).lower() if isinstance(v, bool) else v for k, v in d.items()} for d in document["days"]]
    assert sum(d["workday"] for d in document["days"]) == 20
    # evaluate: a row for every matter and bundle the catalogue has, in both.
    summary = json.loads(run("validate", CATALOG, "--format", "json").stdout)["catalogue"]
    document = json.loads(run("evaluate", CATALOG, "--format", "json").stdout)
    assert len(document["matters"]) == summary["matters"] and len(document["bundles"]) == summary["bundles"]
    lines = list(csv.DictReader(io.StringIO(run("evaluate", CATALOG, "--format", "csv").stdout)))
    assert [r["id"] for r in lines] == [m["code"] for m in document["matters"]] + [b["id"] for b in document["bundles"]]
    assert [int(r["trips"]) for r in lines] == [m["trips"] for m in document["matters"] + document["bundles"]]
    # whatif: the JSON's totals are the table's.
    out = run(*samples(cases)["whatif"]).stdout
    total = re.search(r"TOTAL: ([0-9.]+) trips and ([0-9.]+) applicant", out)
    comparison = json.loads(run(*samples(cases)["whatif"], "--format", "json").stdout)["comparison"]
    assert f"{comparison['trips_saved']:.1f}" == total.group(1) and f"{comparison['days_saved']:.1f}" == total.group(2)
    # report: money in fen, the windows' sums are the total.
    document = json.loads(run(*samples(cases)["report"], "--format", "json").stdout)
    assert document["report"]["cases"] == 3
    assert document["total"]["fee_m_fen"] == 1250 == sum(w["fee_m_fen"] for w in document["windows"])
    # validate: an invalid catalogue gives its problems in every format, and exit 1.
    broken = SOURCE / "tests" / "data" / "catalog" / "many-problems.json"
    listed = json.loads(run("validate", broken, "--format", "json").stdout)
    assert not listed["catalogue"]["valid"] and len(listed["problems"]) == listed["catalogue"]["problems"] > 1
    assert run("validate", broken, "--format", "csv").returncode == 1


def test_every_command_using_dates_honours_calendar(cases, local_holiday):
    runs = samples(cases)
    with_calendar = [c for c in COMMANDS if "--calendar" in options(c)]
    assert {"deadline", "calendar", "clock", "evaluate", "report", "bpmn", "roadmap"} <= set(with_calendar)
    for command in with_calendar:
        assert command in runs, f"{command} takes --calendar: give it a sample here"
        args = runs[command]
        # The file is read: a missing one fails the command, naming it.
        out = run(*args, "--calendar", "no-such-calendar.json")
        assert out.returncode == 1 and "no-such-calendar.json" in out.stderr, command
        # And used: a local holiday on Wednesday 2017-07-05 changes the figures.
        plain, local = run(*args), run(*args, "--calendar", local_holiday)
        assert plain.returncode == 0 and local.returncode == 0, (command, local.stderr)
        assert plain.stdout != local.stdout, command
    # The figures, where the rule is plain: one working day later.
    due = lambda *extra: json.loads(run(*runs["deadline"], "--format", "json", *extra).stdout)["deadline"]["due"]
    assert (due(), due("--calendar", local_holiday)) == ("2017-07-10", "2017-07-11")
    on_time = lambda *extra: json.loads(run(*runs["report"], "--format", "json", *extra).stdout)["total"]
    assert (on_time()["on_time_m"], on_time()["late_m"]) == (1, 1)
    assert (on_time("--calendar", local_holiday)["on_time_m"], on_time("--calendar", local_holiday)["late_m"]) == (2, 0)


def test_report_strict_names_every_bad_row(cases):
    _, bad = cases
    lenient = run("report", "--cases", bad, "--month", "2017-07")
    assert lenient.returncode == 0
    named = re.findall(r"(line \d+): ", lenient.stderr)
    assert named == ["line 3", "line 5"]
    strict = run("report", "--cases", bad, "--month", "2017-07", "--strict")
    assert strict.returncode == 1 and strict.stdout == ""
    for line in named:
        assert f"{line}: " in strict.stderr


def test_validity_dates(tmp_path):
    """tests/data/catalog/dated.json, hand-worked: 公章刻制备案 goes fully online without the
    proof's original from 07-12 (1 trip on 07-11, 0 from 07-12), its fee ends on 07-31, N
    starts on 07-12; the notice and evaluate read the catalogue of their start day."""
    dated = SOURCE / "tests" / "data" / "catalog" / "dated.json"
    on = {day: json.loads(run("notice", dated, "A", "--start", day, "--json").stdout) for day in ("2017-07-11",
                                                                                             "2017-07-12")}
    assert (on["2017-07-11"]["trips"], on["2017-07-12"]["trips"]) == (1, 0)
    early = run("notice", dated, "N", "--start", "2017-07-11")
    assert early.returncode == 1 and early.stdout == ""
    assert 'matter "N" (新事项) is not in force on 2017-07-11: it holds 2017-07-12 to open' in early.stderr
    # evaluate with a start day: the catalogue in force that day; N and the bundle AB are not.
    whole = run("evaluate", dated, "--start", "2017-07-11", "--format", "json")
    assert whole.returncode == 0, whole.stderr
    document = json.loads(whole.stdout)
    assert document["evaluation"]["matters_not_in_force"] == 1 and document["evaluation"]["bundles_not_in_force"] == 1
    assert document["evaluation"]["not_in_force"] == "N AB"
    assert [m["trips"] for m in document["matters"]] == [1, 2, 0]
    assert document["indicators"]["matters"] == 2
    table = run("evaluate", dated, "--start", "2017-07-11").stdout
    assert "not in force on 2017-07-11, left out: 1 matters, 1 bundles (N AB)" in table
    assert "not offered on 2017-07-11" in table
    # asof: the fee and its period gone on 08-01, the other periods kept.
    august = run("asof", dated, "2017-08-01")
    assert august.returncode == 0, august.stderr
    a = json.loads(august.stdout)["matters"][0]
    assert "fee" not in a and list(a["periods"]) == ["online", "is_express"]
    saved = tmp_path / "august.json"
    saved.write_text(august.stdout, encoding="utf-8")
    changes = json.loads(run("diff", dated, saved, "--format", "json").stdout)
    assert any(c["id"] == "A" and c["field"] == "periods.fee" for c in changes["changes"]), changes
    # A period that ends before it starts: a problem at its JSON path.
    broken = tmp_path / "broken.json"
    broken.write_text(dated.read_text(encoding="utf-8").replace('"until": "2017-07-31"',
                                                                '"from": "2017-08-01", "until": "2017-07-31"'),
                      encoding="utf-8")
    listed = run("validate", broken, "--format", "json")
    assert listed.returncode == 1
    assert [p["path"] for p in json.loads(listed.stdout)["problems"]] == ["$.matters[0].periods.fee.until"]


def test_whatif_situation_volumes(tmp_path):
    """--situation-volumes weighs a matter by its situations: making the 股东 change of SC-02 pre-reviewed
    online saves a trip in the worst case for those cases only (30 of 100), which the matter's volume alone
    does not show; a bad row is named by its file and line."""
    situations = SOURCE / "tests" / "data" / "catalog" / "situations.json"
    scenario = tmp_path / "online.json"
    scenario.write_text(json.dumps({"schema": "onetrip-scenario/1", "reforms": [
        {"reform": "online_application", "online": "pre_review", "matter": "SC-02",
         "situation": 'items has "股东"'}]}, ensure_ascii=False), encoding="utf-8")
    by_situation = tmp_path / "situations.csv"
    by_situation.write_text("matter,situation,share\nSC-02,items=股东,0.3\nSC-02,items=名称,0.7\n", encoding="utf-8")
    matter = tmp_path / "volumes.csv"
    matter.write_text("id,volume\nSC-02,100\n", encoding="utf-8")

    def saved(*extra):
        r = run("whatif", situations, scenario, "--volumes", matter, *extra, "--format", "json")
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)["comparison"]["worst_case_saved"]

    assert saved() == 0
    assert saved("--situation-volumes", by_situation) == 30
    bad = tmp_path / "bad.csv"
    bad.write_text("matter,situation,volume\nSC-02,items=股东,30\nSC-02,itemz=名称,70\n", encoding="utf-8")
    r = run("whatif", situations, scenario, "--situation-volumes", bad)
    assert r.returncode != 0 and "line 3" in r.stderr and "itemz" in r.stderr and "bad.csv" in r.stderr
    # Matter volumes in --situation-volumes, situation volumes in --volumes: each refused, named.
    assert "--situation-volumes" in run("whatif", situations, scenario, "--volumes", by_situation).stderr
    assert "not situation volumes" in run("whatif", situations, scenario, "--situation-volumes", matter).stderr


def test_roadmap_situation_volumes(tmp_path):
    """roadmap --situation-volumes: the 股东 change of SC-02 online from 2017-07-12 saves its 30 股东 cases a
    worst-case trip each, in July for 14 of its 21 working days (20), in August whole (30); by the matter's
    volume alone nothing; shares split each month's cases; situation cases beside a month's volume of the
    matter are refused, named."""
    situations = SOURCE / "tests" / "data" / "catalog" / "situations.json"
    scenario = tmp_path / "dated.json"
    scenario.write_text(json.dumps({"schema": "onetrip-scenario/1", "reforms": [
        {"reform": "online_application", "online": "pre_review", "matter": "SC-02",
         "situation": 'items has "股东"', "effective_from": "2017-07-12"}]}, ensure_ascii=False), encoding="utf-8")
    cases = tmp_path / "cases.csv"
    cases.write_text("matter,situation,volume\nSC-02,items=股东,30\nSC-02,items=名称,70\n", encoding="utf-8")
    shares = tmp_path / "shares.csv"
    shares.write_text("matter,situation,share\nSC-02,items=股东,0.3\nSC-02,items=名称,0.7\n", encoding="utf-8")
    monthly = tmp_path / "monthly.csv"
    monthly.write_text("month,id,volume\n2017-08,SC-02,300\n", encoding="utf-8")

    def saved(*extra):
        r = run("roadmap", situations, scenario, "--from", "2017-07", "--to", "2017-08", *extra, "--format", "json")
        assert r.returncode == 0, r.stderr
        return [m["worst_case_saved"] for m in json.loads(r.stdout)["months"]]

    assert saved("--situation-volumes", cases) == pytest.approx([20, 30])
    assert saved("--monthly", monthly) == [0, 0]
    assert saved("--monthly", monthly, "--situation-volumes", shares) == pytest.approx([0, 90])
    r = run("roadmap", situations, scenario, "--from", "2017-07", "--to", "2017-08", "--monthly", monthly,
            "--situation-volumes", cases)
    assert r.returncode != 0 and "SC-02" in r.stderr and "shares" in r.stderr
    r = run("roadmap", situations, scenario, "--from", "2017-07", "--to", "2017-08", "--volumes", cases)
    assert r.returncode != 0 and "--situation-volumes" in r.stderr


def test_roadmap_case_log(tmp_path):
    """roadmap --case-log: tests/data/roadmap/cases.csv counted by hand by the month each case was accepted
    (June B 1 + C 1, July A 1 + B 2, August B 1); B by express from 2017-07-12 saves a trip per case, 2 x 14/21
    in July and 1 in August; the same figures as the counts given with --monthly. A bad row is skipped and named
    with its file and line on stderr; with --strict it fails the command; --monthly beside it is refused."""
    def months(*extra):
        r = run("roadmap", ROADMAP / "small.json", ROADMAP / "express-b.json", "--from", "2017-06", "--to",
                "2017-08", *extra, "--format", "json")
        assert r.returncode == 0, r.stderr
        return [(m["volume"], m["trips_saved"]) for m in json.loads(r.stdout)["months"]], r.stderr

    by_log, stderr = months("--case-log", ROADMAP / "cases.csv")
    assert by_log == pytest.approx([(2, 0), (3, 2 * 14 / 21), (1, 1)]) and stderr == ""
    by_hand = tmp_path / "by-hand.csv"
    by_hand.write_text("month,id,volume\n2017-06,B,1\n2017-06,C,1\n2017-07,A,1\n2017-07,B,2\n2017-08,B,1\n",
                       encoding="utf-8")
    assert months("--monthly", by_hand)[0] == by_log
    bad = tmp_path / "bad.csv"
    bad.write_text("case_id,matter,department,hall,kind,received,completed,fee,joint\n"
                   "ok,B,,中心,promised,2017-07-03,,,0\n"
                   "late,C,,中心,immediate,2017-07-03,2017-07-03,,0\n", encoding="utf-8")
    with_bad, stderr = months("--case-log", bad)
    assert [v for v, _ in with_bad] == [0, 1, 0]
    assert f"{bad} line 3: case \"late\"" in stderr and "not in force" in stderr and "(skipped)" in stderr
    table = run("roadmap", ROADMAP / "small.json", ROADMAP / "express-b.json", "--from", "2017-07", "--to", "2017-07",
                "--case-log", bad)
    assert table.returncode == 0 and "1 rows skipped" in table.stdout
    strict = run("roadmap", ROADMAP / "small.json", ROADMAP / "express-b.json", "--from", "2017-07", "--to",
                 "2017-07", "--case-log", bad, "--strict")
    assert strict.returncode != 0 and "line 3" in strict.stderr and "strict" in strict.stderr
    both = run("roadmap", ROADMAP / "small.json", ROADMAP / "express-b.json", "--from", "2017-07", "--to", "2017-07",
               "--case-log", bad, "--monthly", by_hand)
    assert both.returncode != 0 and "excludes" in both.stderr


def test_evaluate_prints_the_situation_ranges():
    """evaluate gives each situational matter's and bundle's range over its situations in every format,
    the figures of the library's situation_range (SC-02: worst case 1 for a 名称 change, 2 for a 股东 change
    not declarable online); a matter without situations has none (null)."""
    situations = SOURCE / "tests" / "data" / "catalog" / "situations.json"
    document = json.loads(run("evaluate", situations, "--format", "json").stdout)
    by_code = {m["code"]: m for m in document["matters"]}
    sc02 = by_code["SC-02"]
    assert (sc02["situations"], sc02["eligible_situations"]) == (4, 4)
    assert (sc02["best_worst_case"], sc02["worst_worst_case"]) == (1, 2) and sc02["situations_exact"] is True
    assert by_code["FL-01"]["situations"] is None and by_code["FL-01"]["worst_trips"] is None
    fw01 = by_code["FW-01"]
    assert fw01["situations"] == 64 and fw01["eligible_situations"] < 64  # the four exclusions refuse
    assert all(b["situations"] is not None for b in document["bundles"])  # members with situations
    lines = {r["id"]: r for r in csv.DictReader(io.StringIO(run("evaluate", situations, "--format", "csv").stdout))}
    assert (lines["SC-02"]["best_worst_case"], lines["SC-02"]["worst_worst_case"]) == ("1", "2")
    assert lines["FL-01"]["situations"] == ""
    table = run("evaluate", situations).stdout
    assert "situations: 4 (4 eligible): trips 1–1, worst case 1–2, working days 3–3 (enumerated: items)" in table


def test_snapshot_is_read_by_every_command(tmp_path, cases):
    """onetrip snapshot writes the binary snapshot; every command given it prints what it prints for
    the JSON; a damaged, truncated or foreign snapshot fails with exit 1 naming what."""
    snap = tmp_path / "yuyao.snap"
    out = run("snapshot", CATALOG, snap)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"{snap}: 39 matters, 5 bundles, ") and snap.read_bytes()[:4] == b"\x89OTS"
    for command, args in samples(cases).items():
        if CATALOG not in args or command == "snapshot":
            continue
        given = [snap if a == CATALOG else a for a in args]
        json_run, snap_run = run(*args), run(*given)
        assert snap_run.returncode == json_run.returncode == 0, (command, snap_run.stderr)
        assert snap_run.stdout.replace(str(snap), CATALOG) == json_run.stdout, command
    # A snapshot of a snapshot is the same file.
    again = tmp_path / "again.snap"
    assert run("snapshot", snap, again).returncode == 0 and again.read_bytes() == snap.read_bytes()

    data = snap.read_bytes()
    damaged = tmp_path / "damaged.snap"
    damaged.write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:])
    truncated = tmp_path / "truncated.snap"
    truncated.write_bytes(data[:-1])
    foreign = tmp_path / "foreign.snap"
    foreign.write_bytes(data[:8] + (99).to_bytes(4, "little") + data[12:])
    for path, message in ((damaged, "bad checksum"), (truncated, "truncated"),
                          (foreign, "format version 99 (written by onetrip ")):
        out = run("evaluate", path)
        assert out.returncode == 1 and out.stdout == "", path
        assert out.stderr.startswith(f"onetrip evaluate: {path}: snapshot: ") and message in out.stderr, out.stderr
