"""progress= on the long calls: a callable sees every phase from 0 to its total,
an exception it raises cancels the call, propagates, and changes nothing;
progress=True draws tqdm's bars when tqdm is installed, else a text bar on stderr."""
import builtins
import io
import sys

import pytest

import onetrip
from onetrip import _progress


class Recorder:
    def __init__(self, raise_at=None, error=None):
        self.calls = []
        self.raise_at = raise_at
        self.error = error

    def __call__(self, done, total, phase):
        self.calls.append((done, total, phase))
        if self.raise_at is not None and len(self.calls) - 1 == self.raise_at:
            raise self.error

    def phases(self):
        out = []
        for _, _, phase in self.calls:
            if not out or out[-1] != phase:
                out.append(phase)
        return out

    def check(self):
        by_phase = {}
        for done, total, phase in self.calls:
            by_phase.setdefault(phase, []).append((done, total))
        for phase, seq in by_phase.items():
            assert seq[0][0] == 0, phase
            assert seq[-1][0] == seq[-1][1], phase
            assert all(b[0] > a[0] and b[1] == a[1] for a, b in zip(seq, seq[1:])), phase
            assert len(seq) <= 600, phase


class Stop(Exception):
    pass


@pytest.fixture(scope="module")
def province():
    return onetrip.generate(20000, seed=3)


def case_log(rows):
    lines = ["case_id,matter,department,hall,kind,received,completed,fee,joint"]
    for i in range(rows):
        kind = "promised" if i % 3 else "immediate"
        completed = "2017-07-10" if i % 4 else ""
        lines.append(f"c{i},,w{i % 23},中心,{kind},2017-07-0{3 + i % 5},{completed},{i % 7},0")
    return "\n".join(lines) + "\n"


def test_generate_and_load_report_their_phases(province):
    rec = Recorder()
    generated = onetrip.generate(20000, seed=3, progress=rec)
    rec.check()
    assert rec.phases() == ["matters", "bundles", "check"]
    assert rec.calls[0] == (0, 20000, "matters")
    assert generated.dumps() == province.dumps()

    text = province.dumps()
    rec = Recorder()
    loaded = onetrip.Catalog.loads(text, progress=rec)
    rec.check()
    assert rec.phases() == ["read", "check"]
    assert rec.calls[0][1] == len(text.encode("utf-8"))
    assert len(rec.calls) > 10
    assert isinstance(loaded, onetrip.Catalog) and len(loaded.matters) == 20000


def test_load_from_a_file_cancelled_by_an_exception(province, tmp_path):
    path = tmp_path / "province.json"
    path.write_text(province.dumps(), encoding="utf-8")
    with pytest.raises(Stop):
        onetrip.Catalog.load(path, progress=Recorder(raise_at=3, error=Stop("enough")))
    assert len(onetrip.Catalog.load(path, progress=Recorder()).matters) == 20000


def test_evaluate_compare_apply(province):
    rec = Recorder()
    evaluation = province.evaluate(threads=2, progress=rec)
    rec.check()
    assert rec.phases() == ["matters", "bundles"]
    assert list(evaluation.to_pandas()["trips"]) == list(province.evaluate().to_pandas()["trips"])

    reform = onetrip.reforms.express_delivery()
    rec = Recorder()
    after = province.apply([reform], progress=rec)
    rec.check()
    assert rec.phases() == ["reforms", "check"]
    with pytest.raises(Stop):
        province.apply([reform], progress=Recorder(raise_at=0, error=Stop()))

    rec = Recorder()
    comparison = onetrip.compare(province, after, progress=rec)
    rec.check()
    assert rec.phases() == ["before matters", "before bundles", "after matters", "after bundles", "compare"]
    assert comparison.totals.matters_changed == onetrip.compare(province, after).totals.matters_changed
    with pytest.raises(Stop):
        onetrip.compare(province, after, progress=Recorder(raise_at=len(rec.calls) - 1, error=Stop()))


@pytest.mark.parametrize("strict", [False, True])
def test_report_cancelled_by_an_exception_is_unchanged(strict):
    report = onetrip.Report()
    report.add_csv(case_log(50))
    before = report.__getstate__()["state"]
    big = case_log(100000)
    with pytest.raises(Stop, match="halfway"):
        report.add_csv(big, strict=strict, progress=Recorder(raise_at=5, error=Stop("halfway")))
    assert report.__getstate__()["state"] == before
    assert report.cases == 50

    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(big), dtype={"case_id": str, "matter": str})
    with pytest.raises(Stop):
        report.add_frame(frame, strict=strict, progress=Recorder(raise_at=2, error=Stop()))
    assert report.__getstate__()["state"] == before
    rec = Recorder()
    report.add_frame(frame, strict=strict, progress=rec)
    rec.check()
    assert rec.phases() == ["rows"] and report.cases == 100050


def test_keyboard_interrupt_propagates(province):
    with pytest.raises(KeyboardInterrupt):
        province.evaluate(progress=Recorder(raise_at=0, error=KeyboardInterrupt()))


def test_progress_true_without_tqdm_draws_a_text_bar(province, monkeypatch, capsys):
    real_import = builtins.__import__

    def no_tqdm(name, *args, **kwargs):
        if name.startswith("tqdm"):
            raise ImportError("no tqdm here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    monkeypatch.delitem(sys.modules, "tqdm", raising=False)
    monkeypatch.delitem(sys.modules, "tqdm.auto", raising=False)
    province.evaluate(progress=True)
    err = capsys.readouterr().err
    assert "matters" in err and "bundles" in err and "100%" in err
    assert err.endswith("\n")


def test_progress_true_with_tqdm(province, capsys):
    pytest.importorskip("tqdm")
    province.evaluate(progress=True)
    err = capsys.readouterr().err
    assert "matters" in err and "bundles" in err


def test_text_bar_draws_each_phase_on_its_line():
    stream = io.StringIO()
    bar = _progress.TextBar(stream, width=10)
    for done in (0, 5, 10):
        bar(done, 10, "matters")
    bar(0, 2048, "read")
    bar(2048, 2048, "read")
    lines = stream.getvalue().split("\n")
    assert lines[0].endswith("[##########] 100% 10/10")
    assert "read" in lines[1] and "MB" in lines[1]
    assert lines[2] == ""


@pytest.mark.parametrize("bad", ["yes", 1, object()])
def test_progress_must_be_a_flag_or_a_callable(province, bad):
    with pytest.raises(TypeError, match="progress"):
        province.evaluate(progress=bad)
