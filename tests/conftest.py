"""Shared fixtures: the tests' database (never the developer's), built from the shipped files only for the tests that
read it; the live data folder with an editor; one Chromium; the app opened at a page."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
EDITOR, PASSWORD = "bien-tap", "a long passphrase"  # the editor of the tests' data folders

# a word key missing from ocop_data/words.py raises instead of showing itself (here, in AppTest and in the
# servers the browser tests start, which inherit the environment)
os.environ["OCOP_STRICT_WORDS"] = "1"


SESSION_DB = "OCOP_TEST_SESSION_DB"  # the session's database path (the environment: conftest is imported twice,
# by pytest and as tests.conftest by the test modules)


@pytest.fixture(scope="session", autouse=True)
def session_dirs(tmp_path_factory):
    """The tests' database and data folder, never the developer's: the environment names them for every test
    (the app, AppTest and the servers the browser tests start read it). Nothing is built here."""
    base = tmp_path_factory.mktemp("ocop")
    data_dir = base / "instance"
    data_dir.mkdir()
    os.environ[SESSION_DB] = os.environ["OCOP_DB"] = str(base / "ocop.duckdb")
    os.environ["OCOP_DATA_DIR"] = str(data_dir)
    return base, data_dir


def session_db() -> Path:
    """The shipped data built into the session's database, the first time a test reads it (in each test
    process): pure unit tests build nothing."""
    from ocop_data.build import build

    path = Path(os.environ[SESSION_DB])
    if not path.exists():
        build(path, data_dir=path.parent / "instance")
    return path


@pytest.fixture(scope="session")
def built_db(session_dirs):
    """The session's database, built (tests that read it ask for this, or for ``cur``, or open the app)."""
    return session_db()


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


@pytest.fixture()
def live(tmp_path, monkeypatch):
    """A database and data folder of the test's own, with an editor ("bien-tap"), that the app and the
    command line use (tests of writes: imports, restores, retires)."""
    from ocop_data import accounts
    from ocop_data.build import build

    data_dir = tmp_path / "instance"
    data_dir.mkdir()
    db = tmp_path / "live.duckdb"
    build(db, data_dir=data_dir)
    accounts.set_password(EDITOR, PASSWORD, data_dir)
    monkeypatch.setenv("OCOP_DB", str(db))
    monkeypatch.setenv("OCOP_DATA_DIR", str(data_dir))
    return db, data_dir


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def plain(text: str) -> str:
    """A markdown body as the reader sees it: backslash escapes and invisible word joiners removed
    (pages escape data text with story.cite.md_escape)."""
    import re

    return re.sub(r"\\(.)", r"\1", text or "").replace("\u2060", "")


@pytest.fixture(scope="session")
def playwright():
    """Playwright, started once for the session's browser tests (Debian's chromium, never a download)."""
    from tests.browserkit import need_browser

    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    """One headless Chromium for every browser test; each test opens its own pages or contexts."""
    from tests.browserkit import ARGS, CHROMIUM

    b = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    yield b
    b.close()


def open_page(page: str | None = None, lang: str = "vi", timeout: int = 60, **params):
    """The app (AppTest) opened at ``page`` with these URL parameters, as a shared link to it opens it:
    the page runs first, with its own parameters (a run of another page first would drop them)."""
    from streamlit.testing.v1 import AppTest

    if os.environ.get("OCOP_DB") == os.environ.get(SESSION_DB):
        session_db()  # the app reads the session's database: built once, here rather than by its start-up
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    at.run()
    return at


def data_page(lang: str = "vi", timeout: int = 120):
    """The Data page (AppTest) with the editor logged in, on the database and data folder the environment
    names (the ``live`` fixture's, or a test's own with an account made with ``PASSWORD``)."""
    from ocop_data import accounts

    accounts.reset_delays()
    at = open_page("pages/data.py", lang, timeout)
    at.text_input[0].set_value(EDITOR)
    at.text_input[1].set_value(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and at.tabs, [e.message for e in at.exception]
    return at
