"""Server time per page: AppTest reruns of app.py (the whole script, as a full run on a server) against an
empty Streamlit page measured in between (the floor), so that both see the same load.

AppTest compiles the script files again on every run, which a server does once (its script cache); the
benchmark gives AppTest one shared script cache so that a warm rerun costs what it costs on a server.
"""
from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "stars", "targets", "products", "map", "sources", "present", "data"]
FLOOR_SCRIPT = "import streamlit as st\nst.title('OCOP')\nst.write('empty page')\n"


def share_script_cache() -> None:
    """One script cache for every AppTest run, as a server keeps one (see the module's note)."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = local_runner.ScriptCache = lambda: shared


@dataclass
class PageTime:
    page: str
    first_ms: float | None = None
    warm_ms: float | None = None
    floor_ms: float | None = None
    cpu_ms: float | None = None  # the process's CPU time for the same reruns (less sensitive to other load)
    floor_cpu_ms: float | None = None
    runs: list = field(default_factory=list)
    error: str | None = None

    @property
    def ratio(self) -> float | None:
        return self.warm_ms / self.floor_ms if self.warm_ms and self.floor_ms else None

    @property
    def cpu_ratio(self) -> float | None:
        return self.cpu_ms / self.floor_cpu_ms if self.cpu_ms and self.floor_cpu_ms else None


def _problem(at, lang: str) -> str | None:
    from ocop_data.words import t

    if at.exception:
        return "exception: " + "; ".join(e.message for e in at.exception)[:300]
    kind = t("error_kind", lang)
    for e in at.error:
        if kind in e.value:
            return "the page showed its error message (see the server log: page failed)"
    return None


def page_times(db: Path, data_dir: Path, params: dict, runs: int, pages=PAGES, log=print) -> list[PageTime]:
    """Each page: one first run after switching to it, then ``runs`` warm reruns, each followed by a rerun
    of the empty page; medians of both."""
    from streamlit.testing.v1 import AppTest

    os.environ["OCOP_DB"] = str(db)
    os.environ["OCOP_DATA_DIR"] = str(data_dir)
    floor = AppTest.from_string(FLOOR_SCRIPT)
    floor.run()
    out = []
    for page in pages:
        res = PageTime(page)
        try:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
            for k, v in params.items():
                at.query_params[k] = v
            at.run()
            at.switch_page(f"pages/{page}.py")
            t0 = time.perf_counter()
            at.run()
            res.first_ms = (time.perf_counter() - t0) * 1000
            problem = _problem(at, params.get("lang", "vi"))
            if problem:
                raise RuntimeError(problem)
            warm, floors, cpu, floor_cpu = [], [], [], []
            for _ in range(runs):
                c0, t0 = time.process_time(), time.perf_counter()
                at.run()
                warm.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                c0, t0 = time.process_time(), time.perf_counter()
                floor.run()
                floors.append(time.perf_counter() - t0)
                floor_cpu.append(time.process_time() - c0)
            problem = _problem(at, params.get("lang", "vi"))
            if problem:
                raise RuntimeError(problem)
            res.runs = [w * 1000 for w in warm]
            res.warm_ms = statistics.median(warm) * 1000
            res.floor_ms = statistics.median(floors) * 1000
            res.cpu_ms = statistics.median(cpu) * 1000
            res.floor_cpu_ms = statistics.median(floor_cpu) * 1000
        except Exception as exc:  # noqa: BLE001 - recorded in the report, the other pages go on
            res.error = f"{type(exc).__name__}: {exc}"
            log(f"    {page}: NOT MEASURED ({res.error})")
        out.append(res)
    return out


def floor_alone(runs: int) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(FLOOR_SCRIPT)
    at.run()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000
