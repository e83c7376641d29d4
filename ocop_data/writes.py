"""Every write to the data: one writer at a time, crash-safe, reversible both ways.

- **One writer, in arrival order.** Imports, restores, retires and builds run inside ``write_lock``:
  each writer first takes a ticket in the data folder's ``queue/`` (numbered in arrival order, and
  locked by its holder for as long as it waits or writes, so a ticket left by a killed process is
  seen as dead and removed), waits until no live ticket is ahead of its own, then holds an ``fcntl``
  lock on ``.write.lock`` while it writes. A writer still waiting after ``$OCOP_LOCK_WAIT`` seconds
  (default 60) gives up its place and is told kindly to try again; nothing has changed.
- **Crash-safe.** A write first records a journal (what the data folder looked like before), then
  changes the files, builds the new database beside the live one, swaps it in, appends the history
  entry (with the version the database records), and only then drops the journal. Whoever takes the
  lock next (the app at start-up too) finds a journal left by a killed writer, puts the files back as
  they were and rebuilds the database if it is not the version history's last entry names. So
  history and database always agree: history never names a version the database lacks.
- **Reversible.** Each history entry records the state it leaves (active imports, retired rows).
  Restoring version N, forward or back, makes the data folder match N's state: imports withdrawn
  or brought back, retired rows retired or returned. A restore is itself a recorded version.
- **Private.** The data folder and everything written in it are readable by the service user alone.
"""
from __future__ import annotations

import contextlib
import copy
import csv
import datetime as dt
import errno
import fcntl
import io
import json
import math
import os
import re
import shutil
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb

from . import paths
from .messages import Busy, WriteRefused
from .tickets import QUEUE, Ticket

LOCK_FILE = ".write.lock"
DEFAULT_LOCK_WAIT = 60.0  # seconds a writer waits for its turn ($OCOP_LOCK_WAIT)
JOURNAL = "journal.json"
HISTORY = "history.jsonl"
RETIRED = "retired.csv"
RETIRED_HEADER = ["table", "id", "user", "when", "reason"]
WITHDRAWN = "WITHDRAWN"

_held = threading.local()


def lock_wait() -> float:
    """Seconds a writer waits for its turn before being refused ($OCOP_LOCK_WAIT, default 60).

    A value that is not a number of seconds (0 or more) is refused with a sentence naming the setting,
    never taken silently as some other wait.
    """
    raw = os.environ.get("OCOP_LOCK_WAIT", "").strip()
    if not raw:
        return DEFAULT_LOCK_WAIT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise WriteRefused("bad_lock_wait", value=raw[:40])
    return value


_CANNOT_WRITE = {errno.EROFS: "read_only_folder", errno.EACCES: "read_only_folder", errno.EPERM: "read_only_folder",
                 errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full"}


def write_refusal(exc: OSError) -> WriteRefused | None:
    """The sentence for a folder that cannot be written (read-only, no permission, a full disk), naming
    the folder; None for any other failure."""
    rule = _CANNOT_WRITE.get(exc.errno)
    if rule is None:
        return None
    where = Path(exc.filename) if exc.filename else None
    if where is not None and not where.is_dir():
        where = where.parent
    return WriteRefused(rule, path=str(where) if where is not None else "?")


def unwritable(folder: Path) -> Path | None:
    """``folder`` (or its nearest existing parent, when it does not exist yet) if it cannot be written."""
    folder = Path(folder)
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return None if os.access(folder, os.W_OK | os.X_OK) else folder


def crash_point(name: str) -> None:
    """Test hook: with $OCOP_TEST_CRASH_AT=name, the process kills itself here (as a power cut would)."""
    if os.environ.get("OCOP_TEST_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


# --- private files ------------------------------------------------------------------------------

def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
    except PermissionError:
        pass
    return path


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def private_write(path: Path, data: bytes | str) -> None:
    """Write a file readable by the service user alone, atomically (a temporary file renamed over it)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def private_copy_tree(folder: Path) -> None:
    """Make a folder written by this module private: 0700 folders, 0600 files."""
    for root, dirs, files in os.walk(folder):
        os.chmod(root, 0o700)
        for f in files:
            os.chmod(Path(root) / f, 0o600)


# --- history ----------------------------------------------------------------------------------------

def history(data_dir: Path | None = None) -> list[dict]:
    """The recorded versions, oldest first (a line torn by a crash is left out)."""
    data_dir = Path(data_dir or paths.local_data_dir())
    path = data_dir / HISTORY
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def last_version(data_dir: Path | None = None) -> int:
    entries = history(data_dir)
    return int(entries[-1]["version"]) if entries else 0


def _append_history(data_dir: Path, entry: dict) -> None:
    path = data_dir / HISTORY
    if path.exists():  # drop a line torn by an earlier crash, so the new line starts clean
        raw = path.read_bytes()
        if raw and not raw.endswith(b"\n"):
            private_write(path, raw[: raw.rfind(b"\n") + 1])
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


# --- the state a version leaves ---------------------------------------------------------------------

def import_folders(data_dir: Path) -> list[Path]:
    """Every accepted import folder, withdrawn or not (staging folders start with a dot)."""
    root = data_dir / "imports"
    if not root.is_dir():
        return []
    return sorted(d for d in root.iterdir() if d.is_dir() and not d.name.startswith("."))


def read_retired(data_dir: Path) -> list[list[str]]:
    path = data_dir / RETIRED
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [[r.get(h, "") or "" for h in RETIRED_HEADER] for r in csv.DictReader(fh)]


def _retired_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(RETIRED_HEADER)
    w.writerows(rows)
    return buf.getvalue()


def state_now(data_dir: Path) -> dict:
    return {"imports": [d.name for d in import_folders(data_dir) if not (d / WITHDRAWN).exists()],
            "retired": read_retired(data_dir)}


def states(entries: list[dict]) -> dict[int, dict]:
    """The state each recorded version leaves; version 0 is the shipped data alone.

    Entries written by this module carry their state; older entries are replayed.
    """
    state = {"imports": [], "retired": []}
    out = {0: copy.deepcopy(state)}
    for e in entries:
        if "state" in e:
            state = copy.deepcopy(e["state"])
        elif e.get("action") == "import" and e.get("import"):
            state["imports"].append(e["import"])
        elif e.get("action") == "retire":
            state["retired"].append([e.get("table", ""), e.get("id", ""), e.get("user", ""), e.get("when", ""),
                                     e.get("reason", "")])
        elif e.get("action") == "restore":
            back = out.get(int(e.get("restore_to", 0)), {"imports": []})
            state = {"imports": list(back["imports"]), "retired": state["retired"]}
        out[int(e["version"])] = copy.deepcopy(state)
    return out


def _same_state(a: dict, b: dict) -> bool:
    return sorted(a["imports"]) == sorted(b["imports"]) and \
        sorted((r[0], r[1]) for r in a["retired"]) == sorted((r[0], r[1]) for r in b["retired"])


# --- the journal, and putting things back ---------------------------------------------------------

def snapshot(data_dir: Path) -> dict:
    """What a write may change: the import folders, their withdrawal markers, the retired list."""
    folders = import_folders(data_dir)
    retired = data_dir / RETIRED
    return {"folders": [d.name for d in folders],
            "withdrawn": {d.name: (d / WITHDRAWN).read_text(encoding="utf-8") for d in folders
                          if (d / WITHDRAWN).exists()},
            "retired": retired.read_text(encoding="utf-8") if retired.exists() else None}


def put_back(data_dir: Path, before: dict) -> None:
    """Make the data folder as it was in ``before`` (a snapshot)."""
    for d in import_folders(data_dir):
        if d.name not in before["folders"]:
            shutil.rmtree(d, ignore_errors=True)  # made by the write that did not finish
    for name in before["folders"]:
        marker = data_dir / "imports" / name / WITHDRAWN
        if not marker.parent.is_dir():
            continue
        if name in before["withdrawn"]:
            private_write(marker, before["withdrawn"][name])
        elif marker.exists():
            marker.unlink()
    if before["retired"] is None:
        (data_dir / RETIRED).unlink(missing_ok=True)
    else:
        private_write(data_dir / RETIRED, before["retired"])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(data_dir: Path, db: Path) -> list[str]:
    """Staging folders and temporary database files left by writers that no longer run."""
    removed = []
    root = data_dir / "imports"
    if root.is_dir():
        for d in root.iterdir():
            if d.name.startswith(".") and d.name.endswith(".staging"):
                shutil.rmtree(d, ignore_errors=True)
                removed.append(d.name)
    for f in list((data_dir / QUEUE).glob(".*.new")) if (data_dir / QUEUE).is_dir() else []:
        m = re.search(r"\.(\d+)\.new$", f.name)  # a ticket its writer was killed before showing
        if m and not _pid_alive(int(m.group(1))):
            f.unlink(missing_ok=True)
            removed.append(f.name)
    for f in list(data_dir.glob(".*.part")):
        m = re.search(r"\.(\d+)\.part$", f.name)
        if m and not _pid_alive(int(m.group(1))):
            f.unlink(missing_ok=True)
            removed.append(f.name)
    if db.parent.is_dir():
        for f in db.parent.iterdir():
            if not (f.name.startswith(".") and db.name in f.name):
                continue
            pids = [int(a or b) for a, b in re.findall(r"(?:pending-|import-)(\d+)|\.(\d+)\.tmp", f.name)]
            if pids and not any(_pid_alive(p) for p in pids):
                f.unlink(missing_ok=True)
                removed.append(f.name)
    return removed


@dataclass
class Recovery:
    rolled_back: str = ""  # the action a journal was left by ("" when none)
    rebuilt: bool = False  # the database was rebuilt to match history
    cleaned: tuple = ()


def _db_history_version(db: Path) -> int | None:
    from .db import read_history_version
    return read_history_version(db)


def recover(data_dir: Path, db: Path) -> Recovery:
    """Under the lock: finish what a killed writer left (journal, leftovers) and make the database agree
    with history. Returns what was done."""
    out = Recovery()
    journal = data_dir / JOURNAL
    if journal.exists():
        try:
            j = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            j = None
        done = j is not None and any(int(e["version"]) == int(j["version"]) for e in history(data_dir))
        if j is not None and not done:
            put_back(data_dir, j["before"])
            out.rolled_back = j.get("action", "write")
        journal.unlink(missing_ok=True)
        _fsync_dir(data_dir)
    out.cleaned = tuple(clean_leftovers(data_dir, db))
    if db.exists():
        recorded = _db_history_version(db)
        last = last_version(data_dir)
        if recorded != -1 and (recorded if recorded is not None else 0) != last:  # -1: other data files
            from .build import build
            build(db, data_dir=data_dir, history_version=last)
            out.rebuilt = True
    return out


# --- the queue and the lock ---------------------------------------------------------------------------

@contextlib.contextmanager
def write_lock(data_dir: Path | None = None, db: Path | None = None, wait: float | None = None,
               on_wait: Callable[[int], None] | None = None):
    """Wait for this writer's turn, then hold the data folder's write lock (re-entrant within a thread);
    yields what recovery did.

    ``wait``: seconds to wait for the turn (default ``$OCOP_LOCK_WAIT``); ``on_wait(n)`` is told how
    many writers are ahead whenever that changes. Raises ``Busy`` when the turn has not come in time,
    and ``WriteRefused`` naming the folder when the data folder cannot be written.
    """
    data_dir = Path(data_dir or paths.local_data_dir())
    db = Path(db or paths.db_path())
    held = getattr(_held, "dirs", None)
    if held is None:
        held = _held.dirs = set()
    key = str(data_dir.resolve())
    if key in held:
        yield Recovery()
        return
    wait = lock_wait() if wait is None else wait
    try:
        ticket = Ticket(data_dir)
    except OSError as exc:  # named by the data folder, whichever file in it could not be made
        refusal = write_refusal(exc)
        raise (WriteRefused(refusal.rule, path=str(data_dir)) if refusal else exc) from None
    fd = None
    try:
        deadline = time.monotonic() + wait
        told = None
        while True:
            ahead = ticket.ahead()
            if not ahead:
                if fd is None:
                    fd = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    pass  # a writer of an older version, or one just letting go
            if time.monotonic() >= deadline:
                raise Busy(wait)
            if on_wait is not None and ahead != told:
                on_wait(ahead)
                told = ahead
            time.sleep(0.05)
        held.add(key)
        try:
            yield recover(data_dir, db)
        except OSError as exc:
            raise (write_refusal(exc) or exc) from None
        except duckdb.IOException:  # DuckDB's own words for a database folder it cannot write in
            folder = unwritable(db.parent)
            if folder is None:
                raise
            raise WriteRefused("read_only_folder", path=str(folder)) from None
        finally:
            held.discard(key)
            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError as exc:
        raise (write_refusal(exc) or exc) from None
    finally:
        if fd is not None:
            os.close(fd)
        ticket.close()


# --- one recorded write -----------------------------------------------------------------------------

def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def commit(data_dir: Path, db: Path, action: str, change: Callable[[], dict | None], fields: dict,
           staged: Path | None = None) -> dict:
    """Change the files, build and swap in the new database, record the version; the caller holds the lock.

    With ``staged`` (an import folder being applied), the database is built with it first and
    ``change`` (moving it into place) runs after the build, so a build cut short leaves only a
    staging folder, which no build reads and the next writer removes.

    On any failure before the history entry is written, the files are put back and the live
    database is left as it was (or rebuilt to match history, should it already have been swapped).
    """
    from .build import build
    from .db import read_build_info

    version = last_version(data_dir) + 1
    before = snapshot(data_dir)
    journal = data_dir / JOURNAL
    private_write(journal, json.dumps({"version": version, "action": action, "pid": os.getpid(),
                                       "started": _now(), "before": before}, ensure_ascii=False))
    crash_point(f"{action}:journal")
    pending = db.with_name(f".{db.name}.pending-{os.getpid()}")
    swapped = False
    try:
        if staged is None:
            extra = change() or {}
            crash_point(f"{action}:files")
        build(pending, data_dir=data_dir, history_version=version, extra_imports=[staged] if staged else ())
        crash_point(f"{action}:built")
        if staged is not None:
            extra = change() or {}
            crash_point(f"{action}:files")
        os.replace(pending, db)
        swapped = True
        crash_point(f"{action}:swapped")
        info = read_build_info(db)
        entry = {"version": version, "when": _now(), "action": action, **fields, **extra,
                 "state": state_now(data_dir), "data_version": info[1] if info else ""}
        _append_history(data_dir, entry)
    except BaseException:
        put_back(data_dir, before)
        pending.unlink(missing_ok=True)
        if swapped:  # the new database is live but not recorded: build the recorded state again
            build(db, data_dir=data_dir, history_version=version - 1)
        journal.unlink(missing_ok=True)
        raise
    crash_point(f"{action}:recorded")
    journal.unlink(missing_ok=True)
    _fsync_dir(data_dir)
    return entry


# --- restore and retire -------------------------------------------------------------------------------

def _known(entries: list[dict]) -> str:
    versions = [0] + [int(e["version"]) for e in entries]
    return f"0–{versions[-1]}" if versions == list(range(len(versions))) else ", ".join(map(str, versions))


def restore(version: int, user: str, data_dir: Path | None = None, db: Path | None = None,
            on_wait: Callable[[int], None] | None = None) -> dict:
    """Make the data what version N left, forward or back (imports and retired rows); a recorded step."""
    data_dir = Path(data_dir or paths.local_data_dir())
    db = Path(db or paths.db_path())
    with write_lock(data_dir, db, on_wait=on_wait):
        entries = history(data_dir)
        all_states = states(entries)
        if not isinstance(version, int) or version not in all_states:
            raise WriteRefused("unknown_version", version=version, known=_known(entries))
        target = all_states[version]
        if _same_state(target, state_now(data_dir)):
            raise WriteRefused("same_version", version=version)
        folders = {d.name: d for d in import_folders(data_dir)}
        for name in target["imports"]:
            if name not in folders:
                raise WriteRefused("missing_import", name=name)

        def change() -> dict:
            withdrawn, reapplied = [], []
            for name, folder in folders.items():
                marker = folder / WITHDRAWN
                if name in target["imports"] and marker.exists():
                    marker.unlink()
                    reapplied.append(name)
                elif name not in target["imports"] and not marker.exists():
                    private_write(marker, json.dumps({"by": user, "restore_to": version, "when": _now()}))
                    withdrawn.append(name)
            private_write(data_dir / RETIRED, _retired_text(target["retired"]))
            return {"withdrawn": withdrawn, "reapplied": reapplied}

        return commit(data_dir, db, "restore", change, {"user": user, "restore_to": version})


def retire(table: str, row_id: str, user: str, reason: str = "", data_dir: Path | None = None,
           db: Path | None = None, label: str = "", on_wait: Callable[[int], None] | None = None) -> dict:
    """Retire one row: a separate, explicit, recorded action (the build leaves the row out)."""
    from .schema import TABLES
    from .validate import load_dataset

    data_dir = Path(data_dir or paths.local_data_dir())
    db = Path(db or paths.db_path())
    if table not in TABLES or not TABLES[table].key:
        raise WriteRefused("unknown_table", table=table,
                           tables=", ".join(n for n, t in TABLES.items() if t.key))
    with write_lock(data_dir, db, on_wait=on_wait):
        key = TABLES[table].key
        ds = load_dataset(data_dir=data_dir)
        if not any(r.values.get(key) == row_id for r in ds.rows[table]):
            raise WriteRefused("unknown_row", table=table, id=row_id)

        def change() -> dict:
            rows = read_retired(data_dir) + [[table, row_id, user, _now(), reason]]
            private_write(data_dir / RETIRED, _retired_text(rows))
            return {}

        return commit(data_dir, db, "retire", change,
                      {"user": user, "table": table, "id": row_id, "reason": reason, "label": label})
