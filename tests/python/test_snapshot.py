"""The binary snapshot from Python: Catalog.save_snapshot / dumps_snapshot and
Catalog.load_snapshot (a path or bytes) give back the catalogue saved (the same
canonical JSON and evaluation) for the Yuyao example, the test catalogues and a
generated one; pickling goes through the snapshot (and an earlier release's
pickle, deflated JSON, still loads); a damaged, truncated or foreign snapshot
raises an Error naming what."""
import pickle
import struct
import zlib

import pytest

import onetrip
from onetrip import _onetrip
from conftest import SOURCE_DIR

CATALOGUES = [
    SOURCE_DIR / "examples" / "yuyao-2017" / "catalog.json",
    SOURCE_DIR / "tests" / "data" / "catalog" / "small.json",
    SOURCE_DIR / "tests" / "data" / "catalog" / "situations.json",
]


def same(a, b):
    assert a == b
    assert a.dumps() == b.dumps()
    x, y = a.evaluate("2017-07-03"), b.evaluate("2017-07-03")
    assert x == y
    for name in ("matters", "bundles"):
        pd_x, pd_y = x.to_pandas(name), y.to_pandas(name)
        assert pd_x.equals(pd_y)


@pytest.fixture(scope="module", params=[p.name for p in CATALOGUES] + ["generated"])
def catalog(request):
    if request.param == "generated":
        return onetrip.generate(2000, seed=5, bundles_per_matter=0.05)
    return onetrip.Catalog.load(next(p for p in CATALOGUES if p.name == request.param))


def test_round_trip_through_bytes_and_files(catalog, tmp_path):
    data = catalog.dumps_snapshot()
    assert isinstance(data, bytes) and data[:4] == b"\x89OTS"
    back = onetrip.Catalog.load_snapshot(data)
    assert type(back) is onetrip.Catalog
    same(back, catalog)
    assert back.dumps_snapshot() == data
    path = tmp_path / "c.snap"
    catalog.save_snapshot(path)
    assert path.read_bytes() == data
    same(onetrip.Catalog.load_snapshot(path), catalog)
    same(onetrip.Catalog.load_snapshot(str(path)), catalog)
    same(onetrip.Catalog.load_snapshot(bytearray(data)), catalog)
    same(onetrip.Catalog.load_snapshot(memoryview(data)), catalog)


def test_pickling_uses_the_snapshot(catalog):
    state = catalog.__reduce__()[1][0]
    assert state == catalog.dumps_snapshot()
    back = pickle.loads(pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(back) is onetrip.Catalog
    same(back, catalog)
    private = _onetrip.Catalog(catalog)
    back = pickle.loads(pickle.dumps(private))
    assert type(back) is _onetrip.Catalog and back == private


def test_an_earlier_releases_pickle_still_loads(catalog):
    from onetrip.catalog import _unpickle

    old = zlib.compress(catalog.dumps().encode("utf-8"), 6)
    same(_unpickle(old), catalog)
    private = _onetrip.Catalog.__new__(_onetrip.Catalog)
    private.__setstate__(old)
    assert private == catalog


@pytest.fixture(scope="module")
def yuyao_snapshot():
    return onetrip.Catalog.load(CATALOGUES[0]).dumps_snapshot()


def test_a_changed_byte_is_refused(yuyao_snapshot):
    for at in (40, len(yuyao_snapshot) // 2, len(yuyao_snapshot) - 1):
        damaged = bytearray(yuyao_snapshot)
        damaged[at] ^= 0x20
        with pytest.raises(onetrip.InvalidArgumentError, match="bad checksum"):
            onetrip.Catalog.load_snapshot(bytes(damaged))


def test_a_truncated_snapshot_is_refused(yuyao_snapshot, tmp_path):
    with pytest.raises(onetrip.InvalidArgumentError, match="truncated"):
        onetrip.Catalog.load_snapshot(yuyao_snapshot[:-10])
    path = tmp_path / "short.snap"
    path.write_bytes(yuyao_snapshot[:20])
    with pytest.raises(onetrip.InvalidArgumentError, match=r"short\.snap: snapshot: truncated"):
        onetrip.Catalog.load_snapshot(path)


def test_another_format_version_is_refused(yuyao_snapshot):
    foreign = bytearray(yuyao_snapshot)
    (current,) = struct.unpack_from("<I", yuyao_snapshot, 8)  # the format this library writes
    foreign[8:16] = struct.pack("<II", 99, 20304)  # format 99, written by onetrip 2.3.4
    with pytest.raises(onetrip.FailedPreconditionError,
                       match=rf"format version 99 \(written by onetrip 2\.3\.4\).*reads format version {current}"):
        onetrip.Catalog.load_snapshot(bytes(foreign))


def test_not_a_snapshot(yuyao_path):
    with pytest.raises(onetrip.InvalidArgumentError, match="not a snapshot"):
        onetrip.Catalog.load_snapshot(yuyao_path.read_bytes())
    with pytest.raises(onetrip.NotFoundError):
        onetrip.Catalog.load_snapshot("/nonexistent.snap")
    with pytest.raises(TypeError):
        onetrip.Catalog.load_snapshot(12)
    with pytest.raises(onetrip.NotFoundError):
        onetrip.Catalog.load(CATALOGUES[0]).save_snapshot("/nonexistent/dir/x.snap")


def test_a_snapshot_is_told_from_the_json_by_its_first_bytes(yuyao_snapshot, yuyao_path, tmp_path):
    assert onetrip.Catalog.is_snapshot(yuyao_snapshot)
    assert onetrip.Catalog.is_snapshot(yuyao_snapshot[:8])  # the rest is for loading to check
    assert onetrip.Catalog.is_snapshot(bytearray(yuyao_snapshot)) and onetrip.Catalog.is_snapshot(memoryview(yuyao_snapshot))
    assert not onetrip.Catalog.is_snapshot(yuyao_snapshot[:7])
    assert not onetrip.Catalog.is_snapshot(b"")
    assert not onetrip.Catalog.is_snapshot(yuyao_snapshot[:6] + b"\n\n")  # a transfer that mangled the magic
    assert not onetrip.Catalog.is_snapshot(yuyao_path.read_bytes())
    saved = tmp_path / "catalog.json"  # told by its bytes, not its name
    saved.write_bytes(yuyao_snapshot)
    assert onetrip.Catalog.is_snapshot(saved) and onetrip.Catalog.is_snapshot(str(saved))
    assert not onetrip.Catalog.is_snapshot(yuyao_path)
    with pytest.raises(FileNotFoundError):
        onetrip.Catalog.is_snapshot(tmp_path / "missing.snap")
