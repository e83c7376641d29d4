"""Data work without the browser: the named queries, the finder's query and the import preview.

Two measures are HOOKS for work other helpers are doing on their branches; each says plainly when its
code is not on this branch yet, and measures it as soon as it is:

- FINDER HOOK: the finder helper is building ``ocop_data/search.py`` and a query over it. The first of
  FINDER_CALLS found is called as ``fn(cursor, text)`` (plus ``today=`` or ``lang=`` when its signature
  requires them; its finder branch has ``queries.finder.find(cur, text, today, limit=100)``) on the
  national-scale database (20,000 products).
- IMPORT HOOK: the imports helper is making the import preview linear. A 100,000-row CSV is previewed
  with ``ocop_data.importer.preview.prepare(name, data, data_dir)`` in a child process (so that its peak memory
  is its own), stopped after a time limit.
"""
from __future__ import annotations

import csv
import importlib
import importlib.util
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# FINDER HOOK: where the finder's query may live, tried in this order ("module:function").
FINDER_CALLS = ["queries.finder:find", "queries:search", "queries:find_all", "ocop_data.search:search",
                "ocop_data.search:find", "ocop_data.search:query"]
# what people typed in the finder (issue 9 lists the ones that found nothing)
FINDER_TEXTS = ["toi den", "Kế hoạch 90", "KH 90", "4 sao Sơn La 2019", "xã", "training", "94,9", "hết hạn",
                "Chiềng Đi", "mận"]


def _median_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


# --- named queries ---------------------------------------------------------------------------------

def query_times(db: Path, runs: int) -> dict:
    """Each named query with typical arguments: median ms, or the error that stopped it."""
    from ocop_data.db import Database
    from queries import core

    d = Database(db)
    cur = d.cursor()
    keys = core.territory_family(cur, "08-2025") + ["14"]
    pid = cur.execute("SELECT product_id FROM product ORDER BY product_id LIMIT 1").fetchone()[0]
    src = cur.execute("SELECT source_id FROM figure GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    today = date.today()
    calls = {
        "territories": (), "focus_territories": (), "territory_family": ("08-2025",), "metrics": (),
        "year_bounds": (keys,), "tier_figures": (keys,), "tier_reports": (keys, 2019, 2026),
        "latest_total": ("14",), "previous_total": ("14",), "national_nearest": (date(2024, 7, 11),),
        "coverage": (keys,), "events": (keys,), "targets": (keys,),
        "comparable_figures": ("14", "products_total"), "target_progress": (keys, today),
        "product_table": (keys, "san pham"), "product_facets": (keys,), "product_history": (pid,),
        "subjects_by_type": (keys,), "subject_split": ("08",), "due_for_reevaluation": (keys, today),
        "sales_points": (keys,), "district_shapes": (["14", "08", "02"],), "products_per_district": (keys,),
        "round_figures": (keys,), "sources": (), "source_rows": ([src],), "figures_of_source": (src,),
        "find_figures": ("4 sao Sơn La 2019",), "data_version": (), "geo_note": (),
    }
    out = {}
    try:
        for name, args in calls.items():
            fn = getattr(core, name, None)
            if fn is None:
                out[name] = "not on this branch"
                continue
            try:
                out[name] = _median_ms(lambda fn=fn, args=args: fn(cur, *args), runs)
            except Exception as exc:  # noqa: BLE001 - a changed signature: say so, measure the rest
                out[name] = f"{type(exc).__name__}: {str(exc)[:120]}"
    finally:
        d.close()
    return out


# --- FINDER HOOK -------------------------------------------------------------------------------------

def _finder():
    if importlib.util.find_spec("ocop_data.search") is None:
        return None, "ocop_data/search.py is not on this branch yet (the finder helper is building it)"
    for spec in FINDER_CALLS:
        module, name = spec.split(":")
        fn = getattr(importlib.import_module(module), name, None)
        if callable(fn):
            return fn, spec
    return None, ("ocop_data/search.py is present but none of " + ", ".join(FINDER_CALLS) +
                  " exists: add the finder's query to FINDER_CALLS in bench/work.py")


# values for the finder's other required parameters, by name
FINDER_EXTRA = {"today": date.today, "lang": lambda: "vi", "language": lambda: "vi"}


def _finder_call(fn):
    """``fn(cursor, text)``, with today's date (or the language) where the finder asks for them."""
    import inspect

    params = list(inspect.signature(fn).parameters.values())[2:]
    extra = {p.name: FINDER_EXTRA[p.name]() for p in params
             if p.default is inspect.Parameter.empty and p.name in FINDER_EXTRA}
    return lambda cur, text: fn(cur, text, **extra)


def finder_times(db: Path, runs: int) -> dict:
    """{"call": ..., "times": {text: ms}, "products": n} or {"error": why}."""
    from ocop_data.db import Database

    fn, what = _finder()
    if fn is None:
        return {"error": what}
    fn = _finder_call(fn)
    d = Database(db)
    cur = d.cursor()
    try:
        products = cur.execute("SELECT count(*) FROM product").fetchone()[0]
        times, found = {}, {}
        for text in FINDER_TEXTS:
            try:
                result = fn(cur, text)
                found[text] = len(result) if hasattr(result, "__len__") else None
                times[text] = _median_ms(lambda text=text: fn(cur, text), runs)
            except Exception as exc:  # noqa: BLE001
                return {"error": f"{what}(cursor, {text!r}) failed: {type(exc).__name__}: {str(exc)[:200]}; "
                                 "adjust the call in bench/work.py"}
        return {"call": what, "times": times, "found": found, "products": products}
    finally:
        d.close()


# --- IMPORT HOOK: a 100,000-row CSV preview ------------------------------------------------------

HEADER = ["Tên sản phẩm", "Chủ thể", "Loại chủ thể", "Tỉnh", "Huyện (trước 2025)", "Hạng sao", "Ngày quyết định",
          "Nguồn"]
DISTRICTS = ["Mộc Châu", "Thuận Châu", "Mai Sơn", "Yên Châu"]


def write_csv(path: Path, rows: int) -> int:
    """A provincial list of ``rows`` products (distinct names, 500 producers), as an official might send."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(rows):
            w.writerow([f"Sản phẩm nhập thử {i:06d}", f"HTX nhập thử {i % 500:03d}", "Hợp tác xã", "14",
                        DISTRICTS[i % 4], ["3 sao", "4 sao"][i % 2], f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024",
                        "seed-003"])
    return path.stat().st_size


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM). Not getrusage's ru_maxrss: on Linux a child started
    with fork and exec inherits its parent's high-water mark there, so a large parent inflates it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _child_preview(csv_path: str, data_dir: str) -> None:
    """Run in a child process: preview the file, print one JSON line (time, peak memory, result)."""
    from ocop_data.importer.preview import prepare

    data = Path(csv_path).read_bytes()
    before = _peak_mb()
    t0 = time.perf_counter()
    try:
        prev = prepare(Path(csv_path).name, data, Path(data_dir), limit=1 << 31)
    except TypeError:
        prev = prepare(Path(csv_path).name, data, Path(data_dir))
    seconds = time.perf_counter() - t0
    peak = _peak_mb()
    issues = getattr(prev, "issues", [])
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "before_mb": before, "ok": bool(getattr(prev, "ok", True)),
                      "issues": len(issues),
                      "first_issue": issues[0].message("en") if issues and hasattr(issues[0], "message") else ""}))


def csv_preview(rows: int, limit_s: float, out_dir: Path) -> dict:
    """Preview a ``rows``-row CSV in a child process stopped after ``limit_s``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"import_{rows}.csv"
    size = write_csv(path, rows)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "instance"
        data_dir.mkdir()
        code = ("import sys; sys.path.insert(0, sys.argv[3]); from bench.work import _child_preview; "
                "_child_preview(sys.argv[1], sys.argv[2])")
        try:
            done = subprocess.run([sys.executable, "-c", code, str(path), str(data_dir), str(ROOT)], cwd=ROOT,
                                  capture_output=True, text=True, timeout=limit_s)
        except subprocess.TimeoutExpired:
            return {"rows": rows, "bytes": size, "error": f"not finished within {limit_s:.0f} s (stopped)"}
    if done.returncode != 0:
        return {"rows": rows, "bytes": size,
                "error": "the preview failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:300]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(rows=rows, bytes=size)
    return result


# --- the 20,000-row XLSX import (read, check, keep, build, swap in) -----------------------------------

def xlsx_import(shipped: Path) -> dict:
    from openpyxl import Workbook

    from ocop_data.importer.apply import apply
    from ocop_data.importer.preview import prepare

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sản phẩm")
    ws.append(HEADER)
    for i in range(20_000):
        ws.append([f"Sản phẩm nhập thử {i:05d}", f"HTX nhập thử {i % 500:03d}", "Hợp tác xã", "14",
                   DISTRICTS[i % 4], ["3 sao", "4 sao"][i % 2], f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024", "seed-003"])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "live.duckdb"
        shutil.copy(shipped, db)
        data_dir = Path(tmp) / "instance"
        data_dir.mkdir()
        t0 = time.perf_counter()
        prev = prepare("nhap_20000.xlsx", data, data_dir, limit=200 * 1024 * 1024)
        t1 = time.perf_counter()
        if not prev.ok:
            return {"error": "the preview refused the file: " + "; ".join(i.message("en") for i in prev.issues[:3])}
        apply(prev, "benchmark", data_dir, db)
        t2 = time.perf_counter()
    return {"prepare_s": t1 - t0, "apply_s": t2 - t1, "bytes": len(data)}
