"""Garbage collection under many viewers: Streamlit's pass after every run is off, the app's runs at most
every two minutes (ui/memory.py; measured in bench/capacity.py)."""
from __future__ import annotations

import gc
import time
import tomllib
from pathlib import Path

from ui import memory

ROOT = Path(__file__).resolve().parent.parent


def test_streamlit_does_not_collect_after_every_run_the_app_does_now_and_then(monkeypatch):
    from tests.conftest import open_page

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
    calls = []
    monkeypatch.setattr(memory, "collect_now_and_then", lambda: calls.append(1))
    at = open_page()
    assert not at.exception and calls  # every run of app.py ends with it


def test_a_full_collection_at_most_every_two_minutes(monkeypatch):
    monkeypatch.setattr(memory, "_last", [time.monotonic() - memory.EVERY_S - 1])
    passes = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: passes.append(generation))
    assert memory.collect_now_and_then() is True
    assert memory.collect_now_and_then() is False  # again at once: nothing
    assert passes == [2]
    memory._last[0] -= memory.EVERY_S
    assert memory.collect_now_and_then() is True and passes == [2, 2]
