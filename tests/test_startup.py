"""Start-up: a missing, unreadable or incompatible database is (re)built, and the app says so kindly."""
from __future__ import annotations

import duckdb
from streamlit.testing.v1 import AppTest

from ocop_data.db import Database, ensure_database, read_build_info
from ocop_data.schema import SCHEMA_VERSION
from tests.conftest import ROOT


def test_missing_database_is_built(tmp_path, monkeypatch):
    monkeypatch.setenv("OCOP_DATA_DIR", str(tmp_path / "nodata"))
    path = tmp_path / "fresh.duckdb"
    assert ensure_database(path).reason == "missing"
    assert read_build_info(path)[0] == SCHEMA_VERSION
    assert ensure_database(path).action == "ok"


def test_unreadable_database_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("OCOP_DATA_DIR", str(tmp_path / "nodata"))
    path = tmp_path / "broken.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    status = ensure_database(path)
    assert (status.action, status.reason) == ("rebuilt", "unreadable")
    assert read_build_info(path) is not None


def test_incompatible_database_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("OCOP_DATA_DIR", str(tmp_path / "nodata"))
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE build_info AS SELECT 1 AS schema_version, 'x' AS data_version")
    con.close()
    assert ensure_database(path).reason == "incompatible"


def test_reader_sees_a_swapped_in_file(tmp_path, built_db):
    import shutil, os
    path = tmp_path / "live.duckdb"
    shutil.copy(built_db, path)
    db = Database(path)
    before = db.cursor().execute("SELECT count(*) FROM figure").fetchone()[0]
    con = duckdb.connect(str(tmp_path / "new.duckdb"))
    con.execute("ATTACH ? AS src (READ_ONLY)", [str(built_db)])
    con.execute("COPY FROM DATABASE src TO new")
    con.execute("DELETE FROM figure WHERE figure_id IN (SELECT figure_id FROM figure LIMIT 1)")
    con.execute("UPDATE build_info SET data_version = 'swapped'")
    con.close()
    os.replace(tmp_path / "new.duckdb", path)
    assert db.version == "swapped"
    assert db.cursor().execute("SELECT count(*) FROM figure").fetchone()[0] == before - 1
    db.close()


def test_app_rebuilds_an_unreadable_file_without_a_traceback(tmp_path, monkeypatch):
    path = tmp_path / "garbage.duckdb"
    path.write_bytes(b"\x00garbage" * 1000)
    monkeypatch.setenv("OCOP_DB", str(path))
    monkeypatch.setenv("OCOP_DATA_DIR", str(tmp_path / "nodata"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert any("dựng lại" in t.value for t in at.toast)
