"""Garbage collection for a server with many viewers: a full pass now and then, not after every run.

Streamlit runs ``gc.collect(2)`` after every script run by default (``runner.postScriptGC``). With pandas,
pyarrow, duckdb and plotly loaded that pass walks ~170,000 objects and takes 60-170 ms with the GIL held,
so every viewer waits for it: with 30 viewers it was half of the server's time (issue 23; bench/capacity.py,
docs/benchmarks.md). .streamlit/config.toml switches it off and app.py calls ``collect_now_and_then()``
at the end of each run instead: the same full pass, at most once every ``EVERY_S`` seconds per process, so
the memory of closed sessions (forgotten by the server two minutes after they close,
``server.disconnectedSessionTTL``) is given back within two minutes more, at a cost of one pass per two
minutes (a pass every 30 s was a tenth of the server's time on a busy machine).
"""
from __future__ import annotations

import gc
import threading
import time

EVERY_S = 120.0
_lock = threading.Lock()
_last = [time.monotonic()]


def collect_now_and_then() -> bool:
    """A full garbage collection when the last one was ``EVERY_S`` ago or more (one thread at a time);
    True when it ran."""
    now = time.monotonic()
    if now - _last[0] < EVERY_S or not _lock.acquire(blocking=False):
        return False
    try:
        _last[0] = now
        gc.collect(2)
        return True
    finally:
        _lock.release()
