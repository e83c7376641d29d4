"""Opening the built database for reading, and making sure there is a sound one.

Readers use an in-memory DuckDB connection with the file ATTACHed read-only. When the file
is replaced (a rebuild or an import swaps a new file in), the next ``cursor()`` notices the
changed (inode, mtime) stamp and re-attaches, so a running app serves the new data from its
next interaction without a restart, and several processes can read one file at once.

A damaged file (cut short, overwritten with zeros, another DuckDB file, not a DuckDB file at all) is
found at start (``check_file`` reads every table to its end) and at the first statement that fails
on it; either way it is rebuilt from the data files and the import history under the write lock (a
process finding the lock held waits, then opens what the other one built) and the statement runs again.
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from . import paths
from .schema import SCHEMA_VERSION

ALIAS = "ocop"
REBUILD_WAIT = 120.0  # seconds a reader waits for another process rebuilding a damaged file
DAMAGE = ("unreadable", "foreign", "damaged")  # check_file's findings that mean the file itself is broken
_PLAIN_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")  # every table the build writes is named so


@dataclass(frozen=True)
class StartupStatus:
    """What ``ensure_database`` did, for the app to tell the user in plain words."""
    action: str  # "ok" | "built" | "rebuilt" | "repaired"
    reason: str = ""  # "missing" | "unreadable" | "foreign" | "damaged" | "incompatible" | "history" | "journal"
    imports: int = 0  # accepted imports the rebuilt database holds
    read_only: str = ""  # the data folder, when it cannot be written (the rebuild then ran without the lock)


def check_file(path: Path) -> str:
    """What is wrong with a database file, read to the end of every table: "" (nothing), "missing",
    "unreadable" (not a DuckDB file: garbage, zeros, cut before its header), "foreign" (a DuckDB file
    without this project's version table), "incompatible" (another schema version) or "damaged" (a
    table cannot be read to its end: cut short, overwritten). Tens of milliseconds for the shipped data."""
    path = Path(path)
    if not path.exists():
        return "missing"
    con = duckdb.connect(":memory:")
    try:
        try:
            con.execute("ATTACH ? AS probe (READ_ONLY)", [str(path)])
        except (duckdb.Error, OSError):
            return "unreadable"
        try:
            tables = [r[0] for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'probe'").fetchall()]
        except duckdb.Error:
            return "damaged"
        if "build_info" not in tables or not all(_PLAIN_NAME.match(t) for t in tables):
            return "foreign"
        try:
            row = con.execute("SELECT schema_version FROM probe.build_info").fetchone()
        except duckdb.CatalogException:
            return "foreign"
        except duckdb.Error:
            return "damaged"
        if not row or row[0] != SCHEMA_VERSION:
            return "incompatible"
        for table in tables:  # a plain name (checked above): every column of every row is read
            try:
                con.execute("SELECT bit_xor(hash(COLUMNS(*))) FROM probe." + table).fetchall()
            except duckdb.Error:
                return "damaged"
        return ""
    finally:
        con.close()


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


def _active_imports(data_dir: Path) -> int:
    from .writes import state_now
    try:
        return len(state_now(data_dir)["imports"])
    except OSError:
        return 0


def _ensure(path: Path, problem: str, data_dir: Path) -> StartupStatus:
    """Build the database when ``problem`` (check_file's finding) says it must be."""
    from .build import build  # imported lazily: readers need not load the build
    from .messages import Refused
    from .writes import unwritable

    if not problem:
        return StartupStatus("ok")
    try:
        build(path)
    except (OSError, duckdb.IOException):
        folder = unwritable(path.parent)
        if folder is None:
            raise
        # the database's folder cannot be written: say which, and what is wrong with the file
        raise Refused("db_cannot_rebuild", path=str(path), problem=problem, folder=str(folder)) from None
    return StartupStatus("built" if problem == "missing" else "rebuilt", problem, _active_imports(data_dir))


def ensure_database(path: Path | None = None) -> StartupStatus:
    """Make sure the database file is sound: build it when it is missing, damaged, foreign or from another
    schema version; under the write lock, first finish what a killed writer left and make the database
    agree with the history.

    A sound file is checked once and left alone while another process writes (it swaps its result in
    itself). A broken one is rebuilt under the write lock; a process finding the lock held waits (up to
    ``REBUILD_WAIT``), then checks again and opens what the other one built. With a data folder that cannot
    be written the rebuild runs without the lock, and the status names the folder.
    """
    from .messages import Busy, WriteRefused
    from .writes import write_lock

    path = Path(path or paths.db_path())
    data_dir = paths.local_data_dir()
    problem = check_file(path)
    try:
        with write_lock(data_dir, path, wait=REBUILD_WAIT if problem else 0) as rec:
            if problem or rec.rebuilt:  # look again: the process that held the lock may have rebuilt it
                problem_now = check_file(path)
            else:
                problem_now = ""
            status = _ensure(path, problem_now, data_dir)
            if rec.rolled_back:
                return StartupStatus("repaired", "journal")
            if rec.rebuilt and status.action == "ok":
                return StartupStatus("rebuilt", problem if problem in DAMAGE else "history",
                                     _active_imports(data_dir))
            return status
    except Busy:
        return StartupStatus("ok") if not problem else _ensure(path, check_file(path), data_dir)
    except WriteRefused as exc:  # the data folder (or the database's) cannot be written: no writer can run either
        if exc.rule not in ("read_only_folder", "disk_full"):
            raise
        status = _ensure(path, check_file(path) if problem else "", data_dir)
        return StartupStatus(status.action, status.reason, status.imports, read_only=exc.params["path"])


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
    query sees either the old database or the new one, never a detached one. A statement that fails
    on a damaged file runs again once the file is rebuilt (``Database.recover``).
    """

    def __init__(self, db: "Database"):
        self._db = db
        self._sql: str | None = None
        self._params: list = []

    def execute(self, sql: str, params=None) -> "Cursor":
        self._sql, self._params = sql, list(params or [])
        return self

    def _once(self, fetch):
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

    def _run(self, fetch):
        attached = self._db.attached
        try:
            return self._once(fetch)
        except duckdb.Error:
            if not self._db.recover(attached):
                raise
        return self._once(fetch)

    def df(self):
        return self._run(lambda r: r.df())

    def fetchone(self):
        return self._run(lambda r: r.fetchone())

    def fetchall(self):
        return self._run(lambda r: r.fetchall())


class Database:
    """A shared read-only handle on the database file; safe to use from many threads.

    ``repairs`` lists what a failed statement found and did (a damaged file rebuilt), oldest first, so the
    app can say so to whoever is looking, whichever thread (or background task) came upon it.
    """

    def __init__(self, path: Path | None = None):
        self.path = Path(path or paths.db_path())
        self.repairs: list[StartupStatus] = []
        self._lock = threading.Lock()
        self._rw = _ReadWriteLock()
        self._con = duckdb.connect(":memory:")
        self._stamp: tuple | None = None
        self._sound: tuple | None = None  # the stamp last found sound after a failed statement
        self._version = ""
        self.attached = 0  # how many times a file was attached: a statement knows which one it ran on
        try:
            self._attach()
        except duckdb.Error:
            if not self.recover(self.attached):
                raise

    def _attach(self) -> None:
        stamp = _stamp(self.path)
        self._con.execute("USE memory")
        self._con.execute("DETACH DATABASE IF EXISTS " + ALIAS)
        self._stamp = None
        self._con.execute("ATTACH ? AS " + ALIAS + " (READ_ONLY)", [str(self.path)])
        self._con.execute("USE " + ALIAS)
        self._version = self._con.execute("SELECT data_version FROM build_info").fetchone()[0]
        self._stamp = stamp
        self.attached += 1

    def _reattach(self) -> None:
        self._rw.acquire_write()
        try:
            self._attach()
        finally:
            self._rw.release_write()

    def refresh(self) -> None:
        """Re-attach when the file on disk was replaced since the last look (waiting for running queries)."""
        try:
            stamp = _stamp(self.path)
        except FileNotFoundError:
            return
        if stamp != self._stamp:
            with self._lock:
                if _stamp(self.path) != self._stamp:
                    self._reattach()

    def recover(self, attached: int) -> bool:
        """After a statement failed on the file attached as number ``attached``: when the file is damaged,
        rebuild it (or wait for the process rebuilding it), attach the sound one and return True (run the
        statement again). True at once when another file was attached meanwhile (another thread repaired
        it); False when the file is sound and attached: the statement itself failed."""
        with self._lock:
            if self.attached != attached:
                return True
            try:
                stamp = _stamp(self.path)
            except OSError:
                stamp = None
            if stamp is not None and stamp == self._sound == self._stamp:
                return False  # already found sound as attached: nothing to repair
            problem = check_file(self.path)
            status = ensure_database(self.path) if problem else None
            try:
                self._reattach()
            except duckdb.Error:
                return False
            self._sound = self._stamp
            if status is not None:
                if status.action == "ok":  # another process rebuilt it while this one waited
                    status = StartupStatus("rebuilt", problem, status.imports, status.read_only)
                self.repairs.append(status)
            return True

    @property
    def version(self) -> str:
        """The data version (a hash of the inputs): the key screens cache on."""
        attached = self.attached
        try:
            self.refresh()
        except duckdb.Error:
            if not self.recover(attached):
                raise
        return self._version

    def cursor(self) -> Cursor:
        return Cursor(self)

    def close(self) -> None:
        self._con.close()
