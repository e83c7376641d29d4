"""Faults as an operator meets them, for the tests of issue 22: a database file cut short, zeroed,
foreign or not a database at all; a folder that cannot be written; a process waiting its turn."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

HEADER = 3 * 4096  # a DuckDB file's headers; the catalogue and the tables come after


def damage(path: Path, how: str) -> None:
    """Damage a database file the way ``how`` says:

    - ``cut``: cut to half its length (a disk that filled up, a copy stopped midway);
    - ``zeros``: every byte zero, the length kept (a file system that lost its blocks);
    - ``zeros_inside``: everything after the headers zeroed in place, keeping the length and the
      modification time, so a process that has it open does not see a new file;
    - ``foreign``: another DuckDB file (no version table of this project);
    - ``text``: not a database at all.
    """
    path = Path(path)
    size = path.stat().st_size
    if how == "cut":
        with open(path, "r+b") as fh:
            fh.truncate(size // 2)
    elif how == "zeros":
        path.write_bytes(bytes(size))
    elif how == "zeros_inside":
        st = path.stat()
        with open(path, "r+b") as fh:
            fh.seek(HEADER)
            fh.write(bytes(size - HEADER))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    elif how == "foreign":
        path.unlink()
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE notes AS SELECT 'a note' AS note")
        con.close()
    elif how == "text":
        path.write_text("Đây không phải là cơ sở dữ liệu. This is not a database.\n" * 200, encoding="utf-8")
    else:
        raise ValueError(how)


def _can_mount() -> bool:
    if not shutil.which("unshare"):
        return False
    done = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return done.returncode == 0


_MOUNT = ('n=$1; shift; i=0; while [ "$i" -lt "$n" ]; do mount --bind -o ro "$1" "$1" || exit 97; shift; '
          'i=$((i+1)); done; exec "$@"')


@contextlib.contextmanager
def read_only(*folders: Path):
    """Yields a function that turns a command into the same command seeing ``folders`` read-only.

    As root, file permissions stop nothing, so the command runs in a mount namespace of its own where the
    folders are bind-mounted read-only (a read-only file system, as an operator's mount makes it); as any
    other user the folders are made 0500 for the time of the block.
    """
    folders = tuple(Path(f) for f in folders)
    if os.geteuid() == 0:
        if not _can_mount():
            pytest.skip("running as root without mount namespaces: no way to make a folder read-only here")
        yield lambda argv: ["unshare", "-m", "sh", "-c", _MOUNT, "sh", str(len(folders)), *map(str, folders),
                            *map(str, argv)]
        return
    modes = {f: f.stat().st_mode for f in folders}
    for f in folders:
        f.chmod(0o500)
    try:
        yield lambda argv: list(map(str, argv))
    finally:
        for f, mode in modes.items():
            f.chmod(mode)


def wait_for(condition, what: str, timeout: float = 120) -> None:
    """Wait until ``condition()`` holds (an event another process causes); fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def tickets(data_dir: Path) -> list[str]:
    """The live tickets in the data folder's write queue, in their order."""
    folder = Path(data_dir) / "queue"
    return sorted(f.name for f in folder.iterdir() if f.name[0].isdigit()) if folder.is_dir() else []
