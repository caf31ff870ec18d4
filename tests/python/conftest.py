"""Shared fixtures: the source tree's data files."""
import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("ONETRIP_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture
def holidays_dir():
    return SOURCE_DIR / "data" / "holidays-cn"


@pytest.fixture
def yuyao_path():
    return SOURCE_DIR / "examples" / "yuyao-2017" / "catalog.json"


@pytest.fixture
def catalog_data():
    return SOURCE_DIR / "tests" / "data" / "catalog"
