"""The hostile-input corpus of issue 13 (tests/data/hostile/manifest.json)
through the Python API: each input raises the error class of its status code
with the expected message fragment, and never crashes the interpreter."""
import datetime
import json

import pytest

import onetrip
from onetrip import _onetrip
from conftest import SOURCE_DIR

HOSTILE = SOURCE_DIR / "tests" / "data" / "hostile"
MANIFEST = json.loads((HOSTILE / "manifest.json").read_text(encoding="utf-8"))
ENABLED = [e for e in MANIFEST["inputs"] if e.get("enabled", True)]


def run(entry):
    data = (HOSTILE / entry["file"]).read_bytes()
    text = data.decode("utf-8")
    surface = entry["surface"]
    if surface == "catalogue":
        return onetrip.Catalog.loads(text)
    if surface == "calendar":
        return onetrip.Calendar.from_json(data)
    if surface == "scenario":
        base = onetrip.Catalog.load(SOURCE_DIR / "examples" / "yuyao-2017" / "catalog.json")
        return _onetrip._apply_json(base, text)
    if surface == "evaluate":
        catalog = onetrip.Catalog.loads(text)
        return catalog.evaluate(datetime.date.fromisoformat(entry["start"]))
    pytest.skip(f"no Python surface {surface}")


@pytest.mark.parametrize("entry", ENABLED, ids=[e["file"] for e in ENABLED])
def test_corpus_input(entry):
    if entry["status"] == "OK":
        run(entry)
        return
    with pytest.raises(onetrip.Error) as raised:
        run(entry)
    assert raised.value.code == entry["status"]
    assert entry["message"] in str(raised.value)
