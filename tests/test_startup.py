"""Start-up: a missing, damaged, foreign or incompatible database is (re)built, and the app says so kindly;
a damaged file is also found by the first query that fails on it; a second process waits for the rebuild."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from ocop_data.db import Database, check_file, ensure_database, read_build_info
from ocop_data.schema import SCHEMA_VERSION
from tests.conftest import ROOT, open_page, plain
from tests.faults import damage, read_only, tickets, wait_for


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
    assert any("dựng lại" in w.value for w in at.warning)


# --- a damaged file (issue 22): found at start and at the first failing query, rebuilt, said ----------

def _with_an_import(live) -> tuple:
    """The live database and data folder holding one accepted import (the rebuild must keep it)."""
    from tests.test_writes import imp, products

    db, data_dir = live
    imp(data_dir, db, "Sản phẩm thử A")
    assert products(db) == ["Sản phẩm thử A"]
    return db, data_dir


KINDS = {"cut": "damaged", "zeros": "unreadable", "foreign": "foreign", "text": "unreadable"}


@pytest.mark.parametrize("how", list(KINDS))
def test_a_damaged_file_is_found_and_rebuilt_with_the_imports(live, how):
    from tests.test_writes import agree, products

    db, data_dir = _with_an_import(live)
    damage(db, how)
    assert check_file(db) == KINDS[how]
    status = ensure_database(db)
    assert (status.action, status.reason, status.imports) == ("rebuilt", KINDS[how], 1)
    assert check_file(db) == ""
    assert products(db) == ["Sản phẩm thử A"]  # rebuilt from the files and the import history
    agree(db, data_dir)


@pytest.mark.parametrize("how", ["cut", "zeros", "foreign"])
def test_the_page_says_the_file_was_damaged_and_rebuilt(live, how):
    db, _ = _with_an_import(live)
    damage(db, how)
    at = open_page()
    assert not at.exception
    assert not at.error
    said = " ".join(w.value for w in at.warning)
    assert "Đã dựng lại từ các tệp dữ liệu và lịch sử nhập (1 lần nhập đang dùng)" in said, said
    assert {"cut": "bị cắt ngắn", "zeros": "không đọc được", "foreign": "không phải của bảng theo dõi này"}[how] \
        in said
    assert at.title  # and the page itself is drawn


def test_a_query_that_fails_on_a_damaged_file_rebuilds_it_and_runs_again(live):
    """A file damaged under a running reader (same inode, length and time: no re-attach): the first
    statement that fails finds it damaged, rebuilds it, runs again and returns the right rows."""
    db, data_dir = _with_an_import(live)
    fresh = db.with_name("fresh.duckdb")
    fresh.write_bytes(db.read_bytes())
    reader = Database(db)
    told = reader.repairs
    before = reader.attached
    damage(db, "zeros_inside")
    want, got = Database(fresh), {}
    try:
        for table in ("product", "evaluation", "figure", "source", "territory", "commune"):
            sql = f"SELECT * FROM {table} ORDER BY ALL"
            got[table] = reader.cursor().execute(sql).fetchall()
            assert got[table] == want.cursor().execute(sql).fetchall(), table
    finally:
        reader.close(), want.close()
    assert [(s.action, s.imports) for s in told] == [("rebuilt", 1)]  # once, then sound
    assert told[0].reason in ("damaged", "unreadable")
    # a statement another thread ran on the damaged file, failing after the repair: run again, no new check
    assert reader.recover(before) is True and len(told) == 1
    assert check_file(db) == ""


def test_the_page_says_so_when_a_query_found_the_damage(live):
    """In the app: the file passed the start-up check, then was damaged under it; the query that fails
    rebuilds it, and the page says so (a toast) instead of Streamlit's error page."""
    db, _ = _with_an_import(live)
    script = f"""
import streamlit as st
from queries import core
from tests.faults import damage
from ui.data import begin_run, q, startup

startup("vi")
if not st.session_state.get("damaged"):
    st.session_state["damaged"] = True
    damage({str(db)!r}, "zeros_inside")
begin_run()
st.write(", ".join(sorted(q(core.focus_territories).territory_key)))
"""
    at = AppTest.from_string(script, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("bị hỏng" in t.value and "1 lần nhập" in t.value for t in at.toast), [t.value for t in at.toast]
    assert "14" in at.markdown[0].value
    assert check_file(db) == ""


def test_a_second_process_waits_for_the_rebuild_then_opens_it(live):
    """Two processes start on a damaged file: the one holding the write lock rebuilds it; the other waits
    for its turn, finds the file sound and opens what was built (no second rebuild)."""
    from ocop_data import writes
    from ocop_data.build import build
    from tests.test_writes import agree, products

    db, data_dir = _with_an_import(live)
    damage(db, "cut")
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir))
    code = "from ocop_data.db import ensure_database; s = ensure_database(); print(s.action, s.reason)"
    with writes.write_lock(data_dir, db):  # this process is the one rebuilding
        other = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        wait_for(lambda: len(tickets(data_dir)) == 2, "the second process to take its place in the queue")
        build(db, data_dir=data_dir)
        built = db.stat().st_ino
    out, err = other.communicate(timeout=180)
    assert other.returncode == 0, err
    assert out.split() == ["ok"]  # found sound after waiting: opened, not rebuilt again
    assert db.stat().st_ino == built
    assert products(db) == ["Sản phẩm thử A"]
    agree(db, data_dir)


def _app_result(argv_prefix, env) -> dict:
    """Run the app once (AppTest) in a process of its own; what it showed."""
    code = """
import json
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=120)
at.run()
print(json.dumps({"exception": [e.value for e in at.exception], "error": [e.value for e in at.error],
                  "warning": [w.value for w in at.warning], "title": [t.value for t in at.title]}))
"""
    done = subprocess.run(argv_prefix([sys.executable, "-c", code]), cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_damaged_file_and_a_read_only_data_folder_the_page_says_both(live):
    db, data_dir = _with_an_import(live)
    damage(db, "cut")
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir))
    with read_only(data_dir) as command:
        shown = _app_result(command, env)
    assert not shown["exception"] and not shown["error"]
    said = plain(" ".join(shown["warning"]))
    assert "bị cắt ngắn" in said and "1 lần nhập đang dùng" in said  # rebuilt, imports kept
    assert f"Thư mục dữ liệu “{data_dir}” chỉ cho đọc" in said  # and the folder that cannot be written
    assert shown["title"]
    assert check_file(db) == ""


def test_a_damaged_file_in_a_read_only_folder_is_explained_not_a_traceback(live, tmp_path):
    db, data_dir = _with_an_import(live)
    damage(db, "zeros")
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir))
    with read_only(db.parent) as command:  # the database's folder (and the data folder inside it)
        shown = _app_result(command, env)
    assert not shown["exception"]
    said = plain(" ".join(shown["error"]))
    assert f"Tệp cơ sở dữ liệu “{db}” bị hỏng" in said and f"thư mục “{db.parent}” không ghi được" in said, said


def test_a_damaged_file_in_a_read_only_folder_with_a_writable_data_folder(live, tmp_path):
    """The database's own folder is read-only (the data folder is not): the rebuild under the lock fails
    to write, and the page says which file and folder, never Streamlit's error page."""
    db, data_dir = _with_an_import(live)
    own = tmp_path / "db"
    own.mkdir()
    moved = own / "ocop.duckdb"
    db.rename(moved)
    damage(moved, "cut")
    env = dict(os.environ, OCOP_DB=str(moved), OCOP_DATA_DIR=str(data_dir))
    with read_only(own) as command:
        shown = _app_result(command, env)
    assert not shown["exception"]
    said = plain(" ".join(shown["error"]))
    assert f"Tệp cơ sở dữ liệu “{moved}” bị hỏng" in said and f"thư mục “{own}” không ghi được" in said, said
