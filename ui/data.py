"""The app's one way to the data: a shared read-only handle and query results cached on the data version."""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from datetime import date
from typing import Any, Callable

import pandas as pd
import streamlit as st

from ocop_data import paths
from ocop_data.db import DAMAGE, Database, StartupStatus, ensure_database
from ocop_data.messages import Refused
from ocop_data.problems import BuildError

from ocop_data.words import t
from story.cite import md_escape

log = logging.getLogger("ocop")


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
    """Make sure a sound database exists (building it with a spinner), then open it; never a traceback."""
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
    except Refused as exc:  # damaged, and its folder cannot be written: say both, and what to do
        log.error("database %s: %s", path, exc.both())
        st.error(md_escape(exc.issue.message(lang)))
        st.stop()
    tell(status, lang)
    if status.action != "ok":
        _database.clear()
    _checked.add(_stamp(path))
    return _database(str(path))


def tell(status: StartupStatus, lang: str) -> None:
    """Say in plain words what start-up or a failed query found and did: a damaged file stays on the page
    (with a data folder that cannot be written, that too); a routine build is a toast."""
    if status.action == "ok":
        return
    words = t(f"db_{status.action}_{status.reason}", lang).format(n=status.imports)
    if status.reason in DAMAGE:
        log.warning("database %s was %s and was rebuilt (%s imports)", paths.db_path(), status.reason,
                    status.imports)
        said = [("warning", words, ":material/build:")]
        if status.read_only:
            said.append(("warning", t("data_folder_read_only", lang).format(path=md_escape(status.read_only)),
                         ":material/lock:"))
    else:
        said = [("toast", words, None)]
    # said once the shared controls are drawn: rewriting an old link's parameters starts the run again
    st.session_state[TOLD] = st.session_state.get(TOLD, []) + said


TOLD = "_db_told"


def say_told() -> None:
    """What start-up found and did (``tell``), drawn in the run that completes."""
    for kind, words, icon in st.session_state.pop(TOLD, []):
        if kind == "warning":
            st.warning(words, icon=icon)
        else:
            st.toast(words)


REPAIRS_SEEN = "_db_repairs_seen"


def tell_repairs(handle: Database) -> None:
    """Say (once to each session) that a query found the database damaged and it was rebuilt: the query of
    this run, of another session or of a background task. A session opened later is not told old news."""
    seen = st.session_state.get(REPAIRS_SEEN)
    st.session_state[REPAIRS_SEEN] = len(handle.repairs)
    if seen is None:
        return
    from .state import lang as reader_lang

    lang = reader_lang()
    for status in handle.repairs[seen:]:
        log.warning("a query found the database %s %s; it was rebuilt", handle.path, status.reason)
        st.toast(t(f"db_{status.action}_{status.reason}", lang).format(n=status.imports), icon=":material/build:")


def db() -> Database:
    return _database(str(paths.db_path()))


class _Results:
    """Query results shared by every session of this process, per database file and data version.

    A result is computed once and handed out as a shallow copy (pandas 3 copies on write, so a page
    that adds a column or sorts in place changes only its own copy): no pickling and no hashing of
    arguments on every rerun, as ``st.cache_data`` would do. Bounded by entries and by bytes (least
    recently used first out); a new data version of a file drops that file's older results.
    """

    MAX_ENTRIES = 2048
    MAX_BYTES = 128 * 1024 * 1024  # a national product table is under 3 MB
    MAX_ONE = 32 * 1024 * 1024  # a larger result is not kept (it is rare and would evict many others)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict = OrderedDict()  # key -> (value, bytes)
        self._bytes = 0
        self._versions: dict[str, str] = {}  # database path -> the version last seen

    def get(self, key: tuple) -> tuple[bool, Any]:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return False, None
            self._items.move_to_end(key)
            return True, item[0]

    def put(self, key: tuple, value: Any) -> None:
        size = _size(value)
        if size > self.MAX_ONE:
            return
        path, version = key[0], key[1]
        with self._lock:
            if self._versions.get(path) != version:
                self._versions[path] = version
                for k in [k for k in self._items if k[0] == path and k[1] != version]:
                    self._bytes -= self._items.pop(k)[1]
            if key in self._items:
                return
            self._items[key] = (value, size)
            self._bytes += size
            while self._items and (len(self._items) > self.MAX_ENTRIES or self._bytes > self.MAX_BYTES):
                self._bytes -= self._items.popitem(last=False)[1][1]


def _size(value: Any) -> int:
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(deep=True).sum())
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values()) + 64
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value) + 64
    return 64


def _share(value: Any) -> Any:
    """A copy a page may change without touching the stored result (cheap: no data is copied)."""
    if isinstance(value, pd.DataFrame):
        return value.copy(deep=False)
    if isinstance(value, dict):
        return {k: _share(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_share(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_share(v) for v in value)
    return value


_RESULTS = _Results()
RUN = "_q_run"  # (path, database, version) looked up once per run or fragment rerun


def begin_run() -> None:
    """Look the database file and its data version up once for this run (app.py and every fragment call this)."""
    path = str(paths.db_path())
    handle = _database(path)
    st.session_state.setdefault(REPAIRS_SEEN, len(handle.repairs))
    st.session_state[RUN] = (path, handle, handle.version)
    tell_repairs(handle)


def _run() -> tuple:
    run = st.session_state.get(RUN)
    if run is None:
        begin_run()
        run = st.session_state[RUN]
    return run


def q(query: Callable, *args, **kwargs) -> Any:
    """``query(cursor, *args, **kwargs)`` (a function of queries/), cached on the data version (an import or
    rebuild invalidates it): ``q(core.year_bounds, keys)``."""
    frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(kwargs.items()))
    args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    path, handle, version = _run()
    key = (path, version, query, args, frozen)
    hit, value = _RESULTS.get(key)
    if not hit:
        value = query(handle.cursor(), *[list(a) if isinstance(a, tuple) else a for a in args],
                   **{k: list(v) if isinstance(v, tuple) else v for k, v in frozen})
        _RESULTS.put(key, value)
        tell_repairs(handle)  # this query may have found the file damaged (and had it rebuilt)
    return _share(value)


def derived(name: str, build: Callable[[], Any], *key) -> Any:
    """A value worked out from query results (labels, lookups) once per data version and ``key``, shared
    like a query result."""
    path, _, version = _run()
    k = (path, version, "derived:" + name, key, ())
    hit, value = _RESULTS.get(k)
    if not hit:
        value = build()
        _RESULTS.put(k, value)
    return _share(value)


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
    """A chart built once per data version and view, shared by every viewer (charts are not mutated).

    The chart comes back frozen: its dictionary form, which st.plotly_chart asks for on every rerun
    (a deep copy, then JSON), is made once, as plain JSON values.
    """
    cache = _figures()
    path, _, version = _run()
    k = (path, version) + key
    if k not in cache:
        if len(cache) > 512:
            cache.clear()
        fig = build()
        cache[k] = _freeze(fig) if fig is not None else None
    return cache[k]


def _freeze(fig):
    import plotly.graph_objects as go

    if type(fig) is not go.Figure:
        return fig
    import json

    import plotly.io as pio

    frozen = FrozenFigure(fig)
    # plain lists and strings (what its JSON reads back as): sent again on every rerun, it then encodes
    # without converting numpy arrays and dates one by one; the JSON is the same
    frozen._frozen = json.loads(pio.to_json(fig, validate=False))
    return frozen


def _frozen_class():
    import plotly.graph_objects as go

    class FrozenFigure(go.Figure):
        """A figure whose dictionary form is computed once (it must not be changed after ``figure()``)."""

        _frozen = None

        def to_dict(self):
            return self._frozen if self._frozen is not None else super().to_dict()

    return FrozenFigure


FrozenFigure = _frozen_class()
