"""The app's one way to the data: a shared read-only handle and query results cached on the data version."""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

import streamlit as st

import queries
from ocop_data import paths
from ocop_data.db import Database, StartupStatus, ensure_database
from ocop_data.problems import BuildError

from story.i18n import t


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    return Database(path)


_checked: set = set()  # (path, stamp) of database files already found sound in this process


def _stamp(path) -> tuple | None:
    try:
        st_ = path.stat()
    except OSError:
        return None
    return (str(path), st_.st_ino, st_.st_mtime_ns, st_.st_size)


def startup(lang: str) -> Database:
    """Make sure a database exists (building it with a spinner), then open it; never a traceback."""
    path = paths.db_path()
    if _stamp(path) in _checked:
        return _database(str(path))
    try:
        with st.spinner(t("building_db", lang)):
            status: StartupStatus = ensure_database(path)
    except BuildError as exc:
        st.error(t("db_failed", lang))
        with st.expander("Chi tiết / Details"):
            st.code("\n".join(str(p) for p in exc.problems[:50]), language=None)
        st.stop()
    if status.action != "ok":
        st.toast(t(f"db_{status.action}_{status.reason}", lang))
        _database.clear()
    _checked.add(_stamp(path))
    return _database(str(path))


def db() -> Database:
    return _database(str(paths.db_path()))


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(version: str, name: str, args: tuple, kwargs: tuple) -> Any:
    fn: Callable = getattr(queries, name)
    args = [list(a) if isinstance(a, tuple) else a for a in args]
    kwargs = {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs}
    return fn(db().cursor(), *args, **kwargs)


MEMO = "_q_memo"  # results fetched in this run and its fragment reruns (app.py empties it each full run)


def q(name: str, *args, **kwargs) -> Any:
    """Run the named query, cached on the data version (an import or rebuild invalidates it)."""
    frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(kwargs.items()))
    args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    memo = st.session_state.setdefault(MEMO, {})
    version = db().version
    key = (version, name, args, frozen)
    if key not in memo:
        memo[key] = _cached(version, name, args, frozen)  # st.cache_data hands out a fresh copy
    return memo[key]


@st.cache_data(show_spinner=False, max_entries=64)
def _slides(version: str, lang: str, provinces: tuple, year_from: int, year_to: int, today: date):
    from briefing.content import build_slides
    return build_slides(db().cursor(), lang, list(provinces), year_from, year_to, today)


def slides(lang: str, provinces: list[str], year_from: int, year_to: int):
    """The presentation's slides, cached on the data version (and the day: findings count months)."""
    return _slides(db().version, lang, tuple(provinces), year_from, year_to, date.today())


@st.cache_data(show_spinner=False, max_entries=16)
def _pptx(version: str, lang: str, provinces: tuple, year_from: int, year_to: int, today: date) -> bytes:
    from briefing.pptx_deck import build_pptx
    return build_pptx(db().cursor(), lang, list(provinces), year_from, year_to, today)


def pptx(lang: str, provinces: list[str], year_from: int, year_to: int) -> bytes:
    """The PowerPoint briefing of the same slides, cached on the data version."""
    return _pptx(db().version, lang, tuple(provinces), year_from, year_to, date.today())


@st.cache_data(show_spinner=False, max_entries=16)
def _print_pdf(version: str, lang: str, provinces: tuple, year_from: int, year_to: int, today: date) -> bytes:
    from briefing.print_pdf import build_pdf
    return build_pdf(db().cursor(), lang, list(provinces), year_from, year_to, today)


def print_pdf(lang: str, provinces: list[str], year_from: int, year_to: int) -> bytes:
    """The one-page A4 overview ("In / Print") as PDF bytes, cached on the data version."""
    return _print_pdf(db().version, lang, tuple(provinces), year_from, year_to, date.today())


@st.cache_resource(show_spinner=False)
def _figures() -> dict:
    return {}


def figure(key: tuple, build: Callable[[], Any]) -> Any:
    """A chart built once per data version and view, shared by every viewer (charts are not mutated)."""
    cache = _figures()
    k = (db().version,) + key
    if k not in cache:
        if len(cache) > 512:
            cache.clear()
        cache[k] = build()
    return cache[k]
