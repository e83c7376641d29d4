"""Benchmark: server time, what a person feels in the browser and how many viewers a process serves, in one run.

    /work/main/.venv/bin/python bench/run.py            # full run (about 35 minutes), writes docs/benchmarks.md
    /work/main/.venv/bin/python bench/run.py --quick    # a short run (about 3 minutes), writes bench/out/benchmarks-quick.md
    /work/main/.venv/bin/python bench/run.py --only server,browser --out /tmp/b.md
    /work/main/.venv/bin/python bench/run.py --only browser --actions search,slide --browser-runs 8

Sections (--only picks some):
  server   every page's warm server time (AppTest reruns of app.py) against the empty page measured in between:
           default view (all provinces) and one province, Vietnamese and English, shipped data and national
           scale (synthetic: 34 provinces, 20,000 products). Budget on the default view: <= 30 floors (shipped),
           <= 40 floors (national).
  browser  action-to-paint in headless Chromium for a search, a province and a years change, a chart/table toggle,
           a slide change and a page switch, each against a bare Streamlit app of the same shape (bench/bare_*.py)
           in the same run (bench/feel.py says how the clock works). Budget: <= 1.3x the bare app, page switch
           <= 1.2x.
  finder   the finder's query with 20,000 products (hook: measured once ocop_data/search.py is on the branch).
           Budget <= 50 ms.
  imports  preview of a 100,000-row CSV: time and peak memory of the process (hook for the linear preview;
           issue 12's budget <= 30 s and <= 500 MB); a province's workbook (200 products, 40 figures, 10
           targets, 10 sources: issue 17's budget, preview <= 3 s, apply <= 10 s); full run also: a 20,000-row
           XLSX imported end to end.
  queries  every named query at both scales (full run only unless named).
  startup  cold start, first paint of a chart and of the map, server memory with 1 and 20 sessions, map
           tooltip latency (full run only unless named).
  load     many viewers at the protocol, no browser (bench/capacity.py): Locust sessions speaking Streamlit's
           websocket protocol, 10, 30 and 100 against one process and against two behind nginx (Debian's
           package); answer time per interaction, errors, server memory; a profile of the server under load
           (py-spy). Budgets: 30 sessions on one process with p95 <= 1 s and no error; 100 behind two with no
           error; <= 5 MB per idle session, returned after they close (full run only unless named; --quick: 10
           and 30 sessions, 30 s each, no wait for the closed sessions to expire).

Every measure is taken in this run beside its reference; the machine's load is recorded with each section,
since the machine is shared. A measure that cannot be taken is reported as such, with the reason, and the
script exits with status 2; budgets not met are reported, not errors. Loopback only; every wait is bounded.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import feel, province, server_time, work  # noqa: E402

OUT = ROOT / "bench" / "out"
SECTIONS = ["server", "browser", "finder", "imports", "queries", "startup", "load"]
QUICK_SECTIONS = ["server", "browser", "finder", "imports"]
BUDGET_SHIPPED, BUDGET_NATIONAL = 30, 40
FINDER_BUDGET_MS = 50
IMPORT_BUDGET_S, IMPORT_BUDGET_MB = 30, 500


def say(text: str = "") -> None:
    print(text, flush=True)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def busy_machine() -> bool:
    return os.getloadavg()[0] > 1.5 * (os.cpu_count() or 1)


class Report:
    def __init__(self):
        self.lines: list[str] = []
        self.failures: list[str] = []
        self.loads: dict[str, str] = {}

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def fail(self, section: str, why: str) -> None:
        self.failures.append(f"{section}: {why}")
        self.add(f"**Not measured:** {why}", "")


# --- databases --------------------------------------------------------------------------------------

def databases(report: Report) -> tuple[Path, Path, dict, float]:
    from ocop_data.build import build
    from ocop_data.synthetic import build_synthetic

    OUT.mkdir(parents=True, exist_ok=True)
    empty = OUT / "nodata"
    empty.mkdir(exist_ok=True)
    shipped = OUT / "shipped.duckdb"
    say("Building the shipped database and the national-scale synthetic one ...")
    build(shipped, data_dir=empty)
    national = OUT / "synthetic.duckdb"
    t0 = time.perf_counter()
    counts = build_synthetic(national)
    return shipped, national, counts, time.perf_counter() - t0


# --- server -----------------------------------------------------------------------------------------------

def section_server(report: Report, shipped: Path, national: Path, quick: bool, runs: int) -> None:
    server_time.share_script_cache()
    langs = ["vi"] if quick else ["vi", "en"]
    views = [("all", {})] if quick else [("all", {}), ("14", {"province": "14"})]
    results = {}
    for scale, db in (("shipped", shipped), ("national", national)):
        for lang in langs:
            for view, params in views:
                say(f"  server: {scale}, {lang}, {'default view' if view == 'all' else 'province ' + view} "
                    f"(load {load()})")
                results[(scale, lang, view)] = server_time.page_times(db, OUT / "nodata", dict(params, lang=lang),
                                                                     runs, log=say)
    floor = statistics.median([p.floor_ms for r in results.values() for p in r if p.floor_ms])
    report.add("## Server time per page", "",
               f"AppTest reruns of `app.py` on each page (the whole script, as a full run on a server): the median "
               f"of {runs} warm reruns, each followed by a rerun of an empty Streamlit page (the floor) so that both "
               f"see the same load; the ratio is the page's median over the floor's median in its own block. The "
               f"floor was {floor:.1f} ms in this run (median of all blocks). AppTest is given one shared script "
               "cache, as a server keeps one (AppTest alone recompiles app.py and the page on every run, which a "
               "server does not).", "")
    pages = server_time.PAGES
    for view, title in (("all", "Default view (all provinces): the budget"), ("14", "One province (Sơn La, 14)")):
        cols = [(scale, lang) for scale in ("shipped", "national") for lang in langs if (scale, lang, view) in results]
        if not cols:
            continue
        report.add(f"### {title}", "")
        head = "| page | " + " | ".join(f"{s} {lang}" for s, lang in cols) + (" | budget |" if view == "all" else " |")
        report.add(head, "|" + "---|" * (len(cols) + 1 + (view == "all")))
        for i, page in enumerate(pages):
            cells, met = [], True
            for scale, lang in cols:
                p = results[(scale, lang, view)][i]
                if p.error:
                    cells.append("**not measured**")
                    met = False
                    continue
                limit = BUDGET_SHIPPED if scale == "shipped" else BUDGET_NATIONAL
                over = p.ratio > limit
                met &= not over
                cell = f"{p.warm_ms:.1f} ms = {p.ratio:.1f}× (CPU {p.cpu_ratio:.0f}×)"
                cells.append(f"**{cell}**" if over and view == "all" else cell)
            row = f"| {page} | " + " | ".join(cells)
            if view == "all":
                row += f" | {'met' if met else '**not met**'} |"
            else:
                row += " |"
            report.add(row)
        report.add("")
        if view == "all":
            report.add(f"Budget: ≤ {BUDGET_SHIPPED}× the floor on shipped data, ≤ {BUDGET_NATIONAL}× at national "
                       "scale, in each language, judged on the wall-clock ratio; a figure over its budget is in bold. "
                       "In brackets, the same ratio of the process's CPU time, which other processes on a shared "
                       "machine disturb less (the floor's CPU time is about half its wall time, AppTest waiting "
                       "in 1 ms steps for the run to end, so CPU ratios run higher).", "")
    errors = [(k, p) for k, r in results.items() for p in r if p.error]
    for (scale, lang, view), p in errors:
        report.fail("server", f"{p.page} ({scale}, {lang}, view {view}): {p.error}")
    firsts = [(k, p) for k, r in results.items() for p in r if p.first_ms and k[2] == "all" and k[1] == "vi"]
    if firsts:
        report.add("First run of each page after switching to it (default view, vi; caches warm from earlier "
                   "blocks): " + "; ".join(f"{p.page} {p.first_ms:.0f} ms ({k[0]})" for k, p in firsts) + ".", "")


# --- browser ----------------------------------------------------------------------------------------------

ACTIONS: list[str] | None = None  # --actions: only these browser actions


def section_browser(report: Report, shipped: Path, national: Path, quick: bool, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    env = {"OCOP_DB": str(shipped), "OCOP_DATA_DIR": str(OUT / "nodata")}
    servers = []
    chosen = [a for a in feel.ACTIONS if ACTIONS is None or a.name in ACTIONS]
    scales = [("shipped", shipped, chosen)]
    if not quick:
        scales.append(("national", national, [a for a in chosen if a.name in ("search", "province", "switch")]))
    results = {}
    try:
        bare = feel.serve("bare", ROOT / "bench" / "bare_app.py", ROOT / "bench", env, OUT / "logs")
        servers.append(bare)
        with sync_playwright() as p:
            browser = feel.launch(p)
            try:
                for scale, db, actions in scales:
                    app = feel.serve(f"app-{scale}", ROOT / "app.py", ROOT, dict(env, OCOP_DB=str(db)), OUT / "logs")
                    servers.append(app)
                    n = runs if scale == "shipped" else max(2, runs - 2)  # the national pages are slow: fewer
                    say(f"  browser: {scale} data, {n} runs an action (load {load()})")
                    results[scale] = feel.measure_all(browser, app.url, bare.url, n, actions, log=say)
                    app.stop()
            finally:
                browser.close()
    finally:
        for s in servers:
            s.stop()
    report.add("## What a person feels (headless Chromium)", "",
               "From the input event of an action (the Enter key, the pointer press) to the last change it caused "
               f"on screen, once the app is idle and nothing has changed for {feel.QUIET_MS} ms; the clock is the "
               "page's own (`bench/feel.py`). Each action starts from a fresh page load and is verified afterwards "
               "(the table was filtered, the address bar holds the province, the slide changed, ...). The bare app "
               "(`bench/bare_app.py` and its pages) has the dashboard's shape: the same sidebar controls and "
               "navigation, a text box over a 60-row table, a chart frame with a chart/table toggle, province cards, "
               "a slide with previous/next; it is written the plain way (every interaction reruns the whole "
               f"script). Runs alternate bare, dashboard; median of {runs} runs each (national scale: "
               f"{max(2, runs - 2)}), after one warm-up each. "
               "The Vietnamese interface, default view (all provinces).", "")
    for scale, res in results.items():
        report.add(f"### {'Shipped data' if scale == 'shipped' else 'National scale (the same bare app)'}", "",
                   *(["The synthetic products have made-up names, so the search empties the table there.", ""]
                     if scale == "national" else []),
                   "| action | dashboard | bare app | ratio | budget | answer shown (dashboard / bare) | "
                   "dashboard runs (ms) |", "|---|---|---|---|---|---|---|")
        for r in res:
            a = r.action
            if r.error:
                report.add(f"| {a.title} | **not measured** | | | ≤ {a.budget}× | | |")
                report.fail("browser", f"{a.name} ({scale}): {r.error}")
                continue
            ratio = r.ratio()
            met = ratio <= a.budget
            ans_a, ans_b = r.app_ms("answer_ms"), r.bare_ms("answer_ms")
            answer = f"{ans_a:.0f} / {ans_b:.0f} ms" if ans_a is not None and ans_b is not None else "–"
            spread = ", ".join(f"{m.settled_ms:.0f}" for m in r.app)
            report.add(f"| {a.title} | {r.app_ms():.0f} ms | {r.bare_ms():.0f} ms | "
                       f"{'**' if not met else ''}{ratio:.2f}×{'**' if not met else ''} | ≤ {a.budget}×: "
                       f"{'met' if met else '**not met**'} | {answer} | {spread} |")
        report.add("")


# --- finder, imports, queries ---------------------------------------------------------------------

def section_finder(report: Report, shipped: Path, national: Path, quick: bool, runs: int) -> None:
    report.add("## The finder's query", "")
    res = work.finder_times(national, runs)
    if "error" in res:
        report.add(f"**Not measured yet (hook):** {res['error']}. Budget ≤ {FINDER_BUDGET_MS} ms with "
                   "20,000 products.", "")
        say(f"  finder: not measured: {res['error']}")
        return
    worst = max(res["times"].values())
    report.add(f"`{res['call']}(cursor, text)` on the national-scale database ({res['products']:,} products), "
               f"median of {runs} runs per text: slowest **{worst:.1f} ms** (budget ≤ {FINDER_BUDGET_MS} ms: "
               f"{'met' if worst <= FINDER_BUDGET_MS else '**not met**'}).", "",
               "| text | ms | rows found |", "|---|---|---|")
    for text, ms in res["times"].items():
        report.add(f"| {text} | {ms:.1f} | {res['found'].get(text, '')} |")
    report.add("")


def section_imports(report: Report, shipped: Path, national: Path, quick: bool, runs: int) -> None:
    limit = 90 if quick else 180
    report.add("## Imports", "")
    say(f"  imports: 100,000-row CSV preview (stopped after {limit} s; load {load()})")
    res = work.csv_preview(100_000, limit, OUT)
    size = f"{res['bytes'] / 1e6:.1f} MB"
    if "error" in res:
        report.add(f"A 100,000-row CSV ({size}) preview (`importer.preview.prepare`): **{res['error']}** — issue 12's budget "
                   f"is ≤ {IMPORT_BUDGET_S} s and ≤ {IMPORT_BUDGET_MB} MB (hook: the imports helper is making the "
                   "duplicate check linear).", "")
    else:
        met = res["seconds"] <= IMPORT_BUDGET_S and res["peak_mb"] <= IMPORT_BUDGET_MB
        report.add(f"A 100,000-row CSV ({size}) previewed by `importer.preview.prepare` in a process of its own: "
                   f"**{res['seconds']:.1f} s**, peak memory **{res['peak_mb']:.0f} MB** (of which "
                   f"{res['before_mb']:.0f} MB before the preview began: Python, pandas, the file); budget "
                   f"≤ {IMPORT_BUDGET_S} s and ≤ {IMPORT_BUDGET_MB} MB: {'met' if met else '**not met**'}. "
                   f"Preview {'accepted' if res['ok'] else 'refused'} the file ({res['issues']} issues"
                   + (f"; first: {res['first_issue']}" if res.get("first_issue") else "") + ").", "")
    say("  imports: a province's workbook (issue 17)")
    pv = province.measure(shipped, OUT)
    if "error" in pv:
        report.fail("imports", f"province workbook: {pv['error']}")
    else:
        met = pv["preview_s"] <= province.PREVIEW_BUDGET_S and pv["apply_s"] <= province.APPLY_BUDGET_S
        report.add(f"A province's workbook in the template's Vietnamese sheets ({pv['bytes'] / 1e3:.0f} kB: "
                   + ", ".join(f"{n} {k}" for k, n in pv["counts"].items()) + f") on the shipped data: preview "
                   f"**{pv['preview_s']:.2f} s** (budget ≤ {province.PREVIEW_BUDGET_S:g} s), apply "
                   f"**{pv['apply_s']:.2f} s** (budget ≤ {province.APPLY_BUDGET_S:g} s): "
                   f"{'met' if met else '**not met**'} (`bench/province.py`).", "")
    if not quick:
        say("  imports: 20,000-row XLSX end to end")
        x = work.xlsx_import(shipped)
        if "error" in x:
            report.fail("imports", f"20,000-row XLSX: {x['error']}")
        else:
            total = x["prepare_s"] + x["apply_s"]
            report.add(f"A 20,000-row XLSX ({x['bytes'] / 1e6:.1f} MB): read, recognise, normalise and validate "
                       f"{x['prepare_s']:.1f} s; keep, build and swap in {x['apply_s']:.1f} s; total "
                       f"**{total:.1f} s** (budget ≤ 15 s: {'met' if total <= 15 else '**not met**'}).", "")


def section_queries(report: Report, shipped: Path, national: Path, quick: bool, runs: int) -> None:
    small, big = work.query_times(shipped, runs), work.query_times(national, runs)
    report.add(f"## Named queries (median of {runs} runs)", "", "| query | shipped | national | budget ≤ 50 ms |",
               "|---|---|---|---|")
    for name in small:
        a, b = small[name], big.get(name)
        if isinstance(a, str) or isinstance(b, str):
            report.add(f"| `{name}` | {a if isinstance(a, str) else f'{a:.2f} ms'} | "
                       f"{b if isinstance(b, str) else f'{b:.2f} ms'} | not measured |")
            continue
        report.add(f"| `{name}` | {a:.2f} ms | {b:.2f} ms | {'met' if b <= 50 else '**not met**'} |")
    report.add("")


# --- start-up, first paint, memory, tooltip (the earlier benchmark's browser part) -------------------------

def _paint(browser, url: str, selector: str) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(selector, timeout=120_000, state="attached")
    elapsed = time.perf_counter() - t0
    page.close()
    return elapsed


def section_startup(report: Report, shipped: Path, national: Path, quick: bool, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    empty_app = OUT / "empty_app.py"
    empty_app.write_text(
        "import streamlit as st\npage = st.query_params.get('c', '')\nst.title('OCOP')\n"
        "if page == 'plotly':\n    import plotly.graph_objects as go\n"
        "    st.plotly_chart(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))\n"
        "if page == 'deck':\n    import pydeck as pdk\n"
        "    st.pydeck_chart(pdk.Deck(layers=[pdk.Layer('ScatterplotLayer', [{'p': [105, 21]}], get_position='p',"
        " get_radius=1000)], map_provider=None, initial_view_state=pdk.ViewState(latitude=21, longitude=105, zoom=6)))\n",
        encoding="utf-8")
    env = {"OCOP_DB": str(national), "OCOP_DATA_DIR": str(OUT / "nodata")}
    t_start = time.perf_counter()
    app = feel.serve("app-startup", ROOT / "app.py", ROOT, env, OUT / "logs")
    empty = feel.serve("empty", empty_app, OUT, env, OUT / "logs")
    b = {}
    try:
        with sync_playwright() as p:
            browser = feel.launch(p)
            page = browser.new_page()
            page.goto(app.url + "/")
            page.wait_for_selector("h1", timeout=120_000)
            b["cold"] = time.perf_counter() - t_start
            feel.quiet(page)
            page.close()
            plot, deck = ".js-plotly-plot .main-svg", '[data-testid="stDeckGlJsonChart"] canvas'
            _paint(browser, empty.url, "h1")
            _paint(browser, app.url + "/map", deck)
            b["empty"] = [_paint(browser, empty.url, "h1") for _ in range(runs)]
            _paint(browser, empty.url + "/?c=plotly", plot)
            b["plotly"] = [_paint(browser, empty.url + "/?c=plotly", plot) for _ in range(runs)]
            b["deck"] = [_paint(browser, empty.url + "/?c=deck", deck) for _ in range(runs)]
            b["overview"] = [_paint(browser, app.url + "/", plot) for _ in range(runs)]
            b["map"] = [_paint(browser, app.url + "/map", deck) for _ in range(runs)]
            first = browser.new_page()
            first.goto(app.url + "/")
            feel.quiet(first)
            b["rss_1"] = feel.rss_mb(app.proc.pid)
            contexts = [browser.new_context() for _ in range(19)]
            pages = []
            for i, ctx in enumerate(contexts):
                pg = ctx.new_page()
                pg.goto(app.url + f"/{['', 'stars', 'map', 'products'][i % 4]}")
                pages.append(pg)
            for pg in pages:
                pg.wait_for_selector("h1", timeout=120_000)
                feel.quiet(pg, 300)
            b["rss_20"] = feel.rss_mb(app.proc.pid)
            for ctx in contexts:
                ctx.close()
            first.close()
            b["tooltip"], b["points"] = tooltip_latency(browser, app.url, national)
            browser.close()
    finally:
        app.stop()
        empty.stop()
    med = lambda k: statistics.median(b[k]) * 1000  # noqa: E731
    report.add("## Start-up, first paint and memory (national scale, default view)", "",
               f"- Cold start, process start to the first page drawn: {b['cold']:.1f} s (health check after "
               f"{app.started_s:.1f} s).",
               f"- First paint of a fresh page load (median of {runs}): empty page {med('empty'):.0f} ms; an otherwise "
               f"empty page with one Plotly chart {med('plotly'):.0f} ms, with a one-point deck.gl map "
               f"{med('deck'):.0f} ms; the Overview's first chart {med('overview'):.0f} ms "
               f"({med('overview') / med('plotly'):.2f}× the one-chart page); the Map's canvas {med('map'):.0f} ms "
               f"({med('map') / med('deck'):.2f}× the one-map page). Most of a first chart's paint is the browser "
               "loading Streamlit's Plotly or deck.gl bundle.",
               f"- Server memory (RSS): {b['rss_1']:.0f} MB with 1 session, {b['rss_20']:.0f} MB with 20 "
               f"(budget ≤ 600 MB: {'met' if b['rss_20'] <= 600 else '**not met**'}).",
               (f"- Tooltip over a map of {b['points']:,} points: shown {b['tooltip'] * 1000:.0f} ms after the "
                f"pointer arrives (budget ≤ 0.5 s: {'met' if b['tooltip'] <= 0.5 else '**not met**'})."
                if b["tooltip"] is not None else
                f"- Tooltip over a map of {b['points']:,} points: **not measured** (the pointer found no point "
                "within 3 s at the computed position)."), "")


def tooltip_latency(browser, url: str, db: Path):
    """Pointer onto a sales point of the national map (all provinces): time until its tooltip shows."""
    import math

    from ocop_data.db import Database

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url + "/map")
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.wait_for(timeout=120_000)
    feel.quiet(page)
    page.wait_for_timeout(1500)
    d = Database(db)
    cur = d.cursor()
    lat, lon = cur.execute("SELECT lat, lon FROM sales_point WHERE lat IS NOT NULL ORDER BY point_id LIMIT 1").fetchone()
    clat, clon = cur.execute("SELECT avg(centroid_lat), avg(centroid_lon) FROM district "
                             "WHERE province_code IN ('14', '08', '02')").fetchone()  # the benchmark's provinces
    drawn = cur.execute("SELECT count(*) FROM sales_point WHERE lat IS NOT NULL").fetchone()[0]
    d.close()
    box = canvas.bounding_box()
    scale = 512 * 2 ** 6.6
    merc = lambda p: math.log(math.tan(math.pi / 4 + math.radians(p) / 2))  # noqa: E731
    x = box["x"] + box["width"] / 2 + (lon - clon) * scale / 360
    y = box["y"] + box["height"] / 2 + (merc(clat) - merc(lat)) * scale / (2 * math.pi)
    best = None
    for dx, dy in [(0, 0), (2, 2), (-2, -2), (4, 0), (0, 4)]:
        page.mouse.move(10, 10)
        page.wait_for_timeout(300)
        t0 = time.perf_counter()
        page.mouse.move(x + dx, y + dy)
        try:
            page.wait_for_function("() => { const t = document.querySelector('.deck-tooltip'); "
                                   "return t && t.innerText.includes('Điểm bán'); }", timeout=3000)
            best = time.perf_counter() - t0
            break
        except Exception:  # noqa: BLE001 - no point under the pointer at this offset: try the next
            continue
    page.close()
    return best, drawn


# --- the report -----------------------------------------------------------------------------------------

def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))) / 1024 / 1024
    import duckdb
    import pandas
    import plotly
    import pydeck
    import streamlit
    try:
        chromium = subprocess.run([feel.CHROMIUM, "--version"], capture_output=True, text=True,
                                  timeout=20).stdout.strip()
    except OSError:
        chromium = "not found"
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM; Python {platform.python_version()}; "
            f"streamlit {streamlit.__version__}, pandas {pandas.__version__}, plotly {plotly.__version__}, "
            f"duckdb {duckdb.__version__}, pydeck {pydeck.__version__}; {chromium}")


def git_head() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True,
                              text=True, timeout=10).stdout.strip()[:100]
    except OSError:
        return "?"


def section_load(report: Report, shipped: Path, national: Path, quick: bool, runs: int) -> None:
    from bench import capacity

    results, profile, failures = capacity.measure(shipped, OUT / "nodata", OUT / "logs", quick, log=say)
    if results:
        report.add(*capacity.report_lines(results, profile))
    else:
        report.add("## Many viewers, at the protocol (Locust, no browser)", "")
    for why in failures:
        report.fail("load", why)


RUNNERS = {"server": section_server, "browser": section_browser, "finder": section_finder,
           "imports": section_imports, "queries": section_queries, "startup": section_startup,
           "load": section_load}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a short run: fewer runs, Vietnamese and the default view "
                    "only on the server, no national browser pass, no queries/startup sections")
    ap.add_argument("--only", help="comma-separated sections: " + ",".join(SECTIONS))
    ap.add_argument("--runs", type=int, help="warm server reruns per page (default 10, quick 4)")
    ap.add_argument("--browser-runs", type=int, help="browser runs per action and app (default 5, quick 2)")
    ap.add_argument("--actions", help="comma-separated browser actions: " + ",".join(a.name for a in feel.ACTIONS))
    ap.add_argument("--out", type=Path, help="where to write the report (default docs/benchmarks.md; quick: "
                    "bench/out/benchmarks-quick.md)")
    a = ap.parse_args(argv)
    sections = (a.only.split(",") if a.only else (QUICK_SECTIONS if a.quick else SECTIONS))
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    if a.actions:
        global ACTIONS
        ACTIONS = a.actions.split(",")
        bad = [x for x in ACTIONS if x not in {act.name for act in feel.ACTIONS}]
        if bad:
            ap.error(f"unknown action(s) {', '.join(bad)}; choose from {', '.join(a.name for a in feel.ACTIONS)}")
    runs = a.runs or (4 if a.quick else 10)
    browser_runs = a.browser_runs or (2 if a.quick else 5)
    partial = a.quick or a.only or a.actions
    out = a.out or (OUT / "benchmarks-quick.md" if partial else ROOT / "docs" / "benchmarks.md")
    if "browser" in sections or "startup" in sections:
        import importlib.util

        if importlib.util.find_spec("playwright") is None:
            ap.error("the browser sections need Playwright: pip install -r requirements-dev.txt")
        if not Path(feel.CHROMIUM).exists():
            ap.error(f"the browser sections need {feel.CHROMIUM} (apt-get install chromium), or leave them out "
                     "with --only server,finder,imports,queries")

    started = time.perf_counter()
    load_start = load()
    report = Report()
    try:
        shipped, national, counts, synth_s = databases(report)
    except Exception as exc:  # noqa: BLE001
        say(f"Could not build the databases: {type(exc).__name__}: {exc}")
        traceback.print_exc()
        return 2
    for name in sections:
        say(f"[{name}] (load {load()})")
        before = load()
        t0 = time.perf_counter()
        try:
            RUNNERS[name](report, shipped, national, a.quick, browser_runs if name == "browser" else
                          (browser_runs if name == "startup" else runs))
        except Exception as exc:  # noqa: BLE001 - one section failing must not lose the others
            traceback.print_exc()
            report.fail(name, f"the section stopped: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        report.loads[name] = f"{before} → {load()} ({time.perf_counter() - t0:.0f} s)"

    noisy = any(float(v.split("/")[0]) > 1.5 * (os.cpu_count() or 1) for v in
                [load_start] + [x.split(" → ")[1].split(" ")[0] for x in report.loads.values()])
    head = [
        "# Benchmarks", "",
        f"Measured {datetime.now():%d/%m/%Y %H:%M} by `bench/run.py{' --quick' if a.quick else ''}"
        f"{' --only ' + a.only if a.only else ''}{' --actions ' + a.actions if a.actions else ''}` in one run ({time.perf_counter() - started:.0f} s), "
        f"at commit {git_head()}.",
        f"Machine: {machine()}.",
        "",
        f"Load average (1 min / 5 min) while measuring, a shared machine: start {load_start}; "
        + "; ".join(f"{k} {v}" for k, v in report.loads.items()) + "."
        + (" **The machine was busy (load above 1.5 per core) during part of this run: figures are noisier than "
           "usual; rerun when it is quieter.**" if noisy else ""),
        "",
        f"National scale: synthetic data (`python -m ocop_data synthetic`, built in {synth_s:.1f} s): "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items()) + ". Shipped: the real data files.",
        "",
    ]
    if report.failures:
        head += ["Not measured in this run: " + "; ".join(report.failures), ""]
    text = "\n".join(head + report.lines) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    say()
    say(text)
    say(f"Written to {out}")
    return 2 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
