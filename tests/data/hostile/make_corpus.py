"""Writes the hostile-input corpus of issue 13 (run once; the files are committed).

Every input has one entry in manifest.json: the surface it is given to, the
status code expected and a fragment of the message. Entries with "enabled":
false belong to another area's fix and are switched on when it lands.
"""
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
SMALL = json.loads((HERE.parents[1] / "data" / "catalog" / "small.json").read_text(encoding="utf-8"))


def catalogue(**matter_changes):
    doc = json.loads(json.dumps(SMALL))
    doc["matters"][0].update(matter_changes)
    return doc


def write(name, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    (HERE / name).write_bytes(data)


def dumps(doc):
    return json.dumps(doc, ensure_ascii=False, indent=1)


entries = []


def entry(file, item, surface, status, message, enabled=True, owner=None, **extra):
    e = {"file": file, "item": item, "surface": surface, "status": status, "message": message}
    if not enabled:
        e["enabled"] = False
        e["owner"] = owner
    e.update(extra)
    entries.append(e)


# 1. Deep nesting, on every JSON loader.
deep = 100_000
write("deep-catalogue.json", '{"schema":' + "[" * deep + "]" * deep + "}")
entry("deep-catalogue.json", 1, "catalogue", "INVALID_ARGUMENT", "nested deeper than 64")
write("deep-catalogue-objects.json", '{"schema":"onetrip/1","halls":' + '{"a":' * deep + "1" + "}" * deep + "}")
entry("deep-catalogue-objects.json", 1, "catalogue", "INVALID_ARGUMENT", "nested deeper than 64")
write("deep-scenario.json", '{"schema":"onetrip-scenario/1","reforms":' + "[" * deep + "]" * deep + "}")
entry("deep-scenario.json", 1, "scenario", "INVALID_ARGUMENT", "nested deeper than 64")
write("deep-calendar.json", "[" * deep + "]" * deep)
entry("deep-calendar.json", 1, "calendar", "INVALID_ARGUMENT", "nested deeper than 64")
# 4. A limit that leaves the calendar: refused at load over the bound, OUT_OF_RANGE at evaluation under it.
write("limit-3000000-natural-days.json", dumps(catalogue(promise_day=3_000_000, promise_type="natural_days",
                                                        anticipate_day=3_000_000, anticipate_type="natural_days")))
entry("limit-3000000-natural-days.json", 4, "catalogue", "INVALID_ARGUMENT", "over the largest limit")
write("limit-36500-natural-days.json", dumps(catalogue(promise_day=36_500, promise_type="natural_days",
                                                      anticipate_day=36_500, anticipate_type="natural_days")))
entry("limit-36500-natural-days.json", 4, "evaluate", "OUT_OF_RANGE", 'matter "A"', start="2017-07-03")
write("limit-1200-months.json", dumps(catalogue(promise_day=1200, promise_type="months", anticipate_day=1200,
                                               anticipate_type="months")))
entry("limit-1200-months.json", 4, "evaluate", "OUT_OF_RANGE", 'matter "A"', start="2017-07-03")
write("limit-36500-workdays.json", dumps(catalogue(promise_day=36_500, anticipate_day=36_500)))
entry("limit-36500-workdays.json", 4, "evaluate", "OUT_OF_RANGE", 'matter "A"', start="2017-07-03")
# 5. Sums of days that overflowed 32 bits.
write("special-procedures-int32-max.json", dumps(catalogue(special_procedures=[
    {"name": "听证", "days": 2147483647}, {"name": "检测", "days": 2147483647}])))
entry("special-procedures-int32-max.json", 5, "catalogue", "INVALID_ARGUMENT", "over the largest allowed")
write("special-procedures-sum.json", dumps(catalogue(special_procedures=[
    {"name": "听证", "days": 30000}, {"name": "检测", "days": 30000}])))
entry("special-procedures-sum.json", 5, "catalogue", "INVALID_ARGUMENT", "take 60000 days together")
edge = json.loads(json.dumps(SMALL))
edge["bundles"][0]["edges"][0]["days"] = 2147483647
write("edge-int32-max.json", dumps(edge))
entry("edge-int32-max.json", 5, "catalogue", "INVALID_ARGUMENT", "over the largest allowed on an edge")
write("fee-sum.csv", "received,hall,window,matter,fee\n" + "".join(
    f"2017-07-03,main,zj,A,999999999999999.99\n" for _ in range(100)))
entry("fee-sum.csv", 5, "report_csv", "OUT_OF_RANGE", "fee", enabled=False, owner="report (money sums)")
# 6. Volumes that are not finite decimals.
write("volumes-inf.csv", "id,volume\nA,inf\n")
entry("volumes-inf.csv", 6, "volumes", "INVALID_ARGUMENT", "volume", enabled=False, owner="volumes")
write("volumes-hex.csv", "id,volume\nA,0x10\n")
entry("volumes-hex.csv", 6, "volumes", "INVALID_ARGUMENT", "volume", enabled=False, owner="volumes")
# 8. Bytes after the document.
text = dumps(SMALL)
write("trailing-nul-garbage.json", text.encode("utf-8") + b"\0garbage")
entry("trailing-nul-garbage.json", 8, "catalogue", "INVALID_ARGUMENT", "a NUL byte")
write("trailing-second-document.json", text + "{}")
entry("trailing-second-document.json", 8, "catalogue", "INVALID_ARGUMENT", "expected end of input")
write("trailing-nul-calendar.json", (HERE.parents[2] / "data" / "holidays-cn" / "2017.json").read_bytes() + b"\0[]")
entry("trailing-nul-calendar.json", 8, "calendar", "INVALID_ARGUMENT", "a NUL byte")
write("trailing-nul-scenario.json", b'{"schema":"onetrip-scenario/1","reforms":[]}\0x')
entry("trailing-nul-scenario.json", 8, "scenario", "INVALID_ARGUMENT", "a NUL byte")
# 9, 10. CSV quoting and failed strict reads.
write("csv-quoted-window.csv", 'received,hall,window,matter\n2017-07-03,main,"住建",A\n2017-07-03,main,"a,b",A\n')
entry("csv-quoted-window.csv", 9, "report_csv", "OK", "", enabled=False, owner="report (CSV)")
write("csv-phantom-hall.csv", "received,hall,window,matter\n2017-07-03,PHANTOM,zj,A\nnot-a-date,main,zj,A\n")
entry("csv-phantom-hall.csv", 10, "report_csv", "INVALID_ARGUMENT", "not-a-date", enabled=False,
      owner="report (CSV)")
# 11. NUL in ids and names.
nul_id = json.loads(json.dumps(SMALL))
nul_id["halls"][0]["id"] = "main\u0000x"
write("nul-in-id.json", json.dumps(nul_id, ensure_ascii=True, indent=1))
entry("nul-in-id.json", 11, "catalogue", "INVALID_ARGUMENT", "NUL character")
nul_name = json.loads(json.dumps(SMALL))
nul_name["matters"][1]["name"] = "乙\u0000丙"
write("nul-in-name.json", json.dumps(nul_name, ensure_ascii=True, indent=1))
entry("nul-in-name.json", 11, "catalogue", "INVALID_ARGUMENT", "NUL character")
write("nul-in-calendar-name.json", '{"year": 2017, "days": [{"name": "x\\u0000y", "date": "2017-10-02", "isOffDay": true}]}')
entry("nul-in-calendar-name.json", 11, "calendar", "INVALID_ARGUMENT", "NUL character")
# 12. A huge number of problems: capped, with a count of the rest.
many = {"schema": "onetrip/1", "halls": [{"id": 1} for _ in range(5000)], "departments": [], "matters": []}
write("many-invalid-halls.json", json.dumps(many))
entry("many-invalid-halls.json", 12, "catalogue", "INVALID_ARGUMENT", "more problems not listed")
big_bundle = json.loads(json.dumps(SMALL))
big_bundle["bundles"][0]["members"] = ["A"] * 50_001
big_bundle["bundles"][0]["edges"] = []
write("bundle-too-many-members.json", json.dumps(big_bundle, ensure_ascii=False))
entry("bundle-too-many-members.json", 12, "catalogue", "INVALID_ARGUMENT", "over the largest bundle allowed")

# 13. A string followed by a colon where an array's element ends: a syntax error that simdjson On-Demand,
# stepping over a string it was not asked to read, took for a key and its value, and a stray "}" after it for
# the end of their object (found by catalog_fuzz in a matters array; the other places are guarded alike).
def with_text(doc, placeholder, text):
    return dumps(doc).replace(json.dumps(placeholder), text)


colon = json.loads(json.dumps(SMALL))
colon["matters"].insert(1, "@E")
write("colon-in-matters.json", with_text(colon, "@E", '"code": "Z"}'))
entry("colon-in-matters.json", 13, "catalogue", "INVALID_ARGUMENT", "unexpected ':'")
write("colon-in-materials.json", with_text(catalogue(materials="@M"), "@M", '["form": "id"}, "form"]'))
entry("colon-in-materials.json", 13, "catalogue", "INVALID_ARGUMENT", "unexpected ':'")
colon = json.loads(json.dumps(SMALL))
colon["bundles"][0]["members"].insert(1, "@B")
write("colon-in-members.json", with_text(colon, "@B", '"x": "A"}'))
entry("colon-in-members.json", 13, "catalogue", "INVALID_ARGUMENT", "unexpected ':'")
write("colon-in-scenario.json", '{"schema": "onetrip-scenario/1", "reforms": [{"reform": "immediate", "matter": "A"}, '
      '"x": 1}, {"reform": "immediate", "matter": "A"}]}')
entry("colon-in-scenario.json", 13, "scenario", "INVALID_ARGUMENT", "unexpected ':'")
write("colon-in-calendar.json", '{"year": 2017, "days": [{"name": "a", "date": "2017-10-02", "isOffDay": true}, "x": 1}, '
      '{"name": "b", "date": "2017-10-03", "isOffDay": true}]}')
entry("colon-in-calendar.json", 13, "calendar", "INVALID_ARGUMENT", "unexpected ':'")

# 14. Integer literals JSON does not allow, where the loader reads digits itself: a leading zero, a plus sign.
write("leading-zero-days.json", with_text(catalogue(promise_day="@D"), "@D", "05"))
entry("leading-zero-days.json", 14, "catalogue", "INVALID_ARGUMENT", "parse error")
write("plus-sign-fee.json", with_text(catalogue(fee="@F"), "@F", "+12"))
entry("plus-sign-fee.json", 14, "catalogue", "INVALID_ARGUMENT", "parse error")

(HERE / "manifest.json").write_text(json.dumps({
    "about": "Hostile inputs of issue 13 and what each surface must answer; see docs/errors.md. "
             "Written by make_corpus.py.",
    "inputs": entries}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
