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
            # Alone, and after a run that works without it: never ignored.
            for args in ([command, *given], [*runs.get(command, [command]), *given]):
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
    foreign.write_bytes(data[:8] + (2).to_bytes(4, "little") + data[12:])
    for path, message in ((damaged, "bad checksum"), (truncated, "truncated"),
                          (foreign, "format version 2 (written by onetrip ")):
        out = run("evaluate", path)
        assert out.returncode == 1 and out.stdout == "", path
        assert out.stderr.startswith(f"onetrip evaluate: {path}: snapshot: ") and message in out.stderr, out.stderr
