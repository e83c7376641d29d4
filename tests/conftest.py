"""Shared fixtures: one database built from the shipped files, used by every test (never the dev one)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def session_dirs(tmp_path_factory):
    base = tmp_path_factory.mktemp("ocop")
    data_dir = base / "instance"
    data_dir.mkdir()
    return base, data_dir


@pytest.fixture(scope="session", autouse=True)
def built_db(session_dirs):
    """Build the shipped data once into a temporary file and point the app at it."""
    from ocop_data.build import build

    base, data_dir = session_dirs
    path = base / "ocop.duckdb"
    os.environ["OCOP_DB"] = str(path)
    os.environ["OCOP_DATA_DIR"] = str(data_dir)
    build(path, data_dir=data_dir)
    return path


@pytest.fixture()
def cur(built_db):
    from ocop_data.db import Database

    db = Database(built_db)
    yield db.cursor()
    db.close()


@pytest.fixture()
def shipped_copy(tmp_path):
    """A writable copy of the shipped data files, for tests that break one."""
    from ocop_data import paths

    dst = tmp_path / "data"
    shutil.copytree(paths.SHIPPED_DIR, dst)
    return dst


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def plain(text: str) -> str:
    """A markdown body as the reader sees it: backslash escapes and invisible word joiners removed
    (pages escape data text with story.cite.md_escape)."""
    import re

    return re.sub(r"\\(.)", r"\1", text or "").replace("\u2060", "")
