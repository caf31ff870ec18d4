"""Runs every enabled input of manifest.json through the onetrip tool: the
tool must fail (or succeed) cleanly — no signal, no abort — and print the
expected message fragment. Usage: run_tool.py ONETRIP_TOOL"""
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parents[2]
YUYAO = SOURCE / "examples" / "yuyao-2017" / "catalog.json"


def command(tool, entry):
    path = str(HERE / entry["file"])
    surface = entry["surface"]
    if surface == "catalogue":
        return [tool, "validate", path]
    if surface == "evaluate":
        return [tool, "evaluate", path, "--start", entry["start"]]
    if surface == "calendar":
        return [tool, "deadline", "--start", "2017-07-03", "--days", "5", "--calendar", path]
    if surface == "scenario":
        return [tool, "whatif", str(YUYAO), path]
    return None


def main():
    tool = sys.argv[1]
    failures = 0
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["inputs"]:
        if not entry.get("enabled", True):
            continue
        args = command(tool, entry)
        if args is None:
            continue  # a surface the tool does not have
        run = subprocess.run(args, capture_output=True, timeout=120)
        out = (run.stdout + run.stderr).decode("utf-8")  # strict: every message is valid UTF-8
        ok = run.returncode == (0 if entry["status"] == "OK" else 1) and entry["message"] in out
        if not ok:
            failures += 1
            print(f"FAIL {entry['file']}: exit {run.returncode}\n{out[:2000]}")
        else:
            print(f"ok   {entry['file']}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
