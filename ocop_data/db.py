"""Opening the built database for reading, and making sure there is one.

Readers use an in-memory DuckDB connection with the file ATTACHed read-only. When the file
is replaced (a rebuild or an import swaps a new file in), the next ``cursor()`` notices the
changed (inode, mtime) stamp and re-attaches, so a running app serves the new data from its
next interaction without a restart, and several processes can read one file at once.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from . import paths
from .schema import SCHEMA_VERSION

ALIAS = "ocop"


@dataclass(frozen=True)
class StartupStatus:
    """What ``ensure_database`` did, for the app to tell the user in plain words."""
    action: str  # "ok" | "built" | "rebuilt" | "repaired"
    reason: str = ""  # "missing" | "unreadable" | "incompatible" | "history" | "journal"


def read_build_info(path: Path) -> tuple[int, str] | None:
    """(schema_version, data_version) of a database file, or None when it cannot be read."""
    try:
        con = duckdb.connect(":memory:")
        try:
            con.execute("ATTACH ? AS probe (READ_ONLY)", [str(path)])
            row = con.execute("SELECT schema_version, data_version FROM probe.build_info").fetchone()
        finally:
            con.close()
    except (duckdb.Error, OSError):
        return None
    return (int(row[0]), str(row[1])) if row else None


def read_history_version(path: Path) -> int | None:
    """The history version a database file holds (None: unreadable, or built before it was recorded)."""
    try:
        con = duckdb.connect(":memory:")
        try:
            con.execute("ATTACH ? AS probe (READ_ONLY)", [str(path)])
            row = con.execute("SELECT history_version FROM probe.build_info").fetchone()
        finally:
            con.close()
    except (duckdb.Error, OSError):
        return None
    return int(row[0]) if row and row[0] is not None else None


def _ensure(path: Path) -> StartupStatus:
    from .build import build  # imported lazily: readers need not load the build

    if not path.exists():
        build(path)
        return StartupStatus("built", "missing")
    info = read_build_info(path)
    if info is None:
        build(path)
        return StartupStatus("rebuilt", "unreadable")
    if info[0] != SCHEMA_VERSION:
        build(path)
        return StartupStatus("rebuilt", "incompatible")
    return StartupStatus("ok")


def ensure_database(path: Path | None = None) -> StartupStatus:
    """Build the database when it is missing, unreadable or from another schema version; under the write
    lock, first finish what a killed writer left and make the database agree with the history.

    A change another process is applying right now is left alone (it swaps its result in itself)
    unless there is no readable database at all, which is then awaited.
    """
    from .messages import Busy
    from .writes import write_lock

    path = Path(path or paths.db_path())
    data_dir = paths.local_data_dir()
    readable = path.exists() and (read_build_info(path) or (None,))[0] == SCHEMA_VERSION
    try:
        with write_lock(data_dir, path, wait=0 if readable else 120) as rec:
            status = _ensure(path)
            if rec.rolled_back:
                return StartupStatus("repaired", "journal")
            if rec.rebuilt and status.action == "ok":
                return StartupStatus("rebuilt", "history")
            return status
    except Busy:
        return StartupStatus("ok") if readable else _ensure(path)
    except OSError:  # a data folder that cannot be created or locked: no writer can run either
        return _ensure(path)


def _stamp(path: Path) -> tuple:
    st = os.stat(path)
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class _ReadWriteLock:
    """Many readers at once, or one writer (the re-attach) alone."""

    def __init__(self):
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False

    def acquire_read(self):
        with self._cond:
            while self._writer:
                self._cond.wait()
            self._readers += 1

    def release_read(self):
        with self._cond:
            self._readers -= 1
            if self._readers == 0:
                self._cond.notify_all()

    def acquire_write(self):
        with self._cond:
            while self._writer or self._readers:
                self._cond.wait()
            self._writer = True

    def release_write(self):
        with self._cond:
            self._writer = False
            self._cond.notify_all()


class Cursor:
    """A cursor whose every statement runs while the attached file cannot be swapped under it.

    ``execute`` only records the statement; ``df``, ``fetchone`` and ``fetchall`` run it, so a
    query sees either the old database or the new one, never a detached one.
    """

    def __init__(self, db: "Database"):
        self._db = db
        self._sql: str | None = None
        self._params: list = []

    def execute(self, sql: str, params=None) -> "Cursor":
        self._sql, self._params = sql, list(params or [])
        return self

    def _run(self, fetch):
        self._db.refresh()
        self._db._rw.acquire_read()
        try:
            cur = self._db._con.cursor()
            try:
                cur.execute("USE " + ALIAS)
                return fetch(cur.execute(self._sql, self._params))
            finally:
                cur.close()
        finally:
            self._db._rw.release_read()

    def df(self):
        return self._run(lambda r: r.df())

    def fetchone(self):
        return self._run(lambda r: r.fetchone())

    def fetchall(self):
        return self._run(lambda r: r.fetchall())


class Database:
    """A shared read-only handle on the database file; safe to use from many threads."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path or paths.db_path())
        self._lock = threading.Lock()
        self._rw = _ReadWriteLock()
        self._con = duckdb.connect(":memory:")
        self._stamp: tuple | None = None
        self._version = ""
        self._attach()

    def _attach(self) -> None:
        stamp = _stamp(self.path)
        if self._stamp is not None:
            self._con.execute("USE memory")
            self._con.execute("DETACH " + ALIAS)
        self._con.execute("ATTACH ? AS " + ALIAS + " (READ_ONLY)", [str(self.path)])
        self._con.execute("USE " + ALIAS)
        self._version = self._con.execute("SELECT data_version FROM build_info").fetchone()[0]
        self._stamp = stamp

    def refresh(self) -> None:
        """Re-attach when the file on disk was replaced since the last look (waiting for running queries)."""
        try:
            stamp = _stamp(self.path)
        except FileNotFoundError:
            return
        if stamp != self._stamp:
            with self._lock:
                if _stamp(self.path) != self._stamp:
                    self._rw.acquire_write()
                    try:
                        self._attach()
                    finally:
                        self._rw.release_write()

    @property
    def version(self) -> str:
        """The data version (a hash of the inputs): the key screens cache on."""
        self.refresh()
        return self._version

    def cursor(self) -> Cursor:
        return Cursor(self)

    def close(self) -> None:
        self._con.close()
