"""Shared fixtures: the source tree's data files."""
import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("ONETRIP_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture
def holidays_dir():
    return SOURCE_DIR / "data" / "holidays-cn"
