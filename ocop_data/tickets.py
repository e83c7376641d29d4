"""The write queue: writers wait their turn in arrival order, with a ticket in the data folder.

A ticket is a file ``queue/NNNNNNNNNNNN-PID`` numbered under a lock on ``queue/.counter``. Its holder
keeps an ``flock`` on it from before anyone can see it until it is removed, so a ticket nobody holds
was left by a killed process, and whoever finds one removes it. ``ocop_data.writes.write_lock`` takes
a ticket, waits until no live ticket is ahead of its own, then takes the write lock.
"""
from __future__ import annotations

import fcntl
import os
import re
from pathlib import Path

QUEUE = "queue"  # the folder of tickets, in the data folder
_TICKET = re.compile(r"^(\d{12})-(\d+)$")


def _locked_by_someone(path: Path) -> bool:
    """True while the ticket's holder lives (it keeps an ``flock`` on it); False for a dead or gone one."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops a lock taken here
    return False


class Ticket:
    """A writer's place in the data folder's queue (its holder calls ``close`` when done)."""

    def __init__(self, data_dir: Path):
        from .writes import private_dir

        private_dir(data_dir)  # the data folder itself first: made private, not by the queue's parents=True
        self.folder = private_dir(data_dir / QUEUE)
        counter = os.open(self.folder / ".counter", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(counter, fcntl.LOCK_EX)  # one number at a time; dropped when closed
            raw = os.pread(counter, 32, 0).strip()
            self.number = (int(raw) if raw.isdigit() else 0) + 1
            os.ftruncate(counter, 0)
            os.pwrite(counter, str(self.number).encode(), 0)
            temp = self.folder / f".{self.number}.{os.getpid()}.new"
            self._fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)  # held before anyone can see the ticket
            self.path = self.folder / f"{self.number:012d}-{os.getpid()}"
            os.rename(temp, self.path)
        finally:
            os.close(counter)

    def ahead(self) -> int:
        """Live tickets ahead of this one (dead ones are removed on the way)."""
        n = 0
        for f in self.folder.iterdir():
            m = _TICKET.match(f.name)
            if not m or int(m.group(1)) >= self.number:
                continue
            if _locked_by_someone(f):
                n += 1
            else:
                f.unlink(missing_ok=True)
        return n

    def close(self) -> None:
        self.path.unlink(missing_ok=True)
        os.close(self._fd)
