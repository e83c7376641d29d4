"""What a person feels: from an action in the browser to the screen painted and still again.

Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) performs each action on the
dashboard and on the bare reference app (bench/bare_app.py), alternating the two so that a change in
the machine's load touches both alike. The clock runs inside the page:

- t0 is the browser's own timestamp of the action's input event (the Enter key, the pointer press);
- a MutationObserver records every change to the page after t0 (Streamlit's header and status widget
  excepted); the screen counts as settled once the app is idle (no status widget, no stale element)
  and nothing changed for QUIET_MS. "To paint" is the time of the last change, minus t0;
- "answer" is the first moment the action's expected result is on screen (the table holds the search
  result, the slide's title changed, ...), when the action has such a check.

Every run is verified afterwards (the table was filtered, the URL holds the province, ...): a run that
did not do what it should fails loudly rather than producing a fast figure.
"""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
QUIET_MS = 700  # nothing changed for this long: the screen is settled
READY_QUIET_MS = 600
TIMEOUT_S = 60


class BenchError(RuntimeError):
    """A measure that could not be taken; the message says why, in plain words."""


# --- servers ----------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    url: str
    log: Path
    started_s: float

    def stop(self) -> None:
        stop_process(self.proc)


def stop_process(proc: subprocess.Popen) -> None:
    """Ask a process to end; kill it when it has not within 20 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def serve(name: str, script: Path, cwd: Path, env: dict, logs: Path) -> Server:
    """`streamlit run script` on a free loopback port; waits for the health check (at most 120 s)."""
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{name}.log"
    port = free_port()
    t0 = time.perf_counter()
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1",
             "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none", "--server.runOnSave", "false"],
            cwd=cwd, env=dict(os.environ, **env), stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"the {name} server stopped at start (exit {proc.returncode}); its log "
                             f"{log} ends with:\n{tail(log)}")
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return Server(name, proc, url, log, time.perf_counter() - t0)
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise BenchError(f"the {name} server did not answer its health check within 120 s; log {log}:\n{tail(log)}")


def rss_mb(pid: int) -> float:
    """A process's resident memory (RSS) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise BenchError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


# --- the clock in the page -----------------------------------------------------------------------------

IGNORE = ('header, [data-testid="stHeader"], [data-testid="stStatusWidget"], [data-testid="stToolbar"], '
          '[data-testid="stDecoration"], .deck-tooltip')
BUSY = ('[data-testid="stStatusWidget"], [data-testid="stSkeleton"], [data-stale="true"], '
        '[data-testid="stAppSkeleton"]')

INSTALL_JS = """(ignore) => {
  if (window.__bench) return;
  const b = window.__bench = {t0: null, last: null, any: performance.now(), answer: null, check: null, n: 0};
  const relevant = (m) => {
    const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    return !(el && el.closest && el.closest(ignore));
  };
  new MutationObserver((muts) => {
    if (!muts.some(relevant)) return;
    const now = performance.now();
    b.any = now;
    if (b.t0 === null) return;
    b.last = now; b.n += 1;
    if (b.answer === null && b.check && b.check()) b.answer = now;
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

ARM_JS = """([event, check]) => {
  const b = window.__bench;
  b.t0 = null; b.last = null; b.answer = null; b.n = 0;
  b.check = check ? new Function('return (' + check + ')()') : null;
  document.addEventListener(event, () => { if (b.t0 === null) b.t0 = performance.now(); },
                            {capture: true, once: true});
}"""

STATE_JS = """(busy) => { const b = window.__bench;
  return [b.t0, b.last, b.answer, b.any, performance.now(), !!document.querySelector(busy), b.n]; }"""

# the time of the last websocket message from the server (the run's last delta or its end), for the split
# of "to paint" into the server's part (action to last message) and the browser's part (the rest)
WS_JS = """(() => {
  const Native = window.WebSocket;
  window.__ws = {last: null};
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', () => { window.__ws.last = performance.now(); });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();"""


def install(page) -> None:
    page.evaluate(INSTALL_JS, IGNORE)


def quiet(page, ms: int = READY_QUIET_MS, timeout: float = TIMEOUT_S) -> None:
    """Wait until the app is idle and nothing changed for ``ms``."""
    install(page)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, _, _, any_, now, busy, _ = page.evaluate(STATE_JS, BUSY)
        if not busy and now - any_ >= ms:
            return
        time.sleep(0.05)
    raise BenchError(f"the page at {page.url} never became still within {timeout:.0f} s")


@dataclass
class Measure:
    settled_ms: float  # action to the last change on screen
    answer_ms: float | None  # action to the expected answer on screen
    changes: int  # how many batches of changes the action caused
    server_ms: float | None = None  # action to the server's last message


def timed(page, event: str, act: Callable[[], None], check_js: str | None, label: str) -> Measure:
    """Arm the clock for the next ``event`` ("keydown" or "pointerdown"), act, wait until settled."""
    page.evaluate(ARM_JS, [event, check_js])
    act()
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        t0, last, answer, _, now, busy, n = page.evaluate(STATE_JS, BUSY)
        if t0 is not None and last is not None and not busy and now - last >= QUIET_MS:
            ws = page.evaluate("() => window.__ws ? window.__ws.last : null")
            return Measure(last - t0, (answer - t0) if answer is not None else None, n,
                           (ws - t0) if ws is not None and ws > t0 else None)
        if t0 is None and time.monotonic() > deadline - TIMEOUT_S + 10:
            raise BenchError(f"{label}: the browser saw no {event} within 10 s of the action")
        time.sleep(0.03)
    raise BenchError(f"{label}: the screen did not settle within {TIMEOUT_S} s after the action ({page.url})")


# --- the actions -------------------------------------------------------------------------------------

@dataclass
class Action:
    """One thing a person does: where they start, what they do, what they should then see."""
    name: str
    title: str
    path: str  # where each run starts (a fresh page load)
    ready: str  # a selector present once the start page is drawn
    event: str  # the input event that starts the clock
    prepare: Callable  # (page) -> None, before the clock (open a list, fill a box)
    act: Callable  # (page) -> None, the action itself
    check_js: str | None  # true once the expected answer is on screen
    verify: Callable  # (page, app: bool) -> str | None: an error message when the run did not do its job
    budget: float  # ratio to the bare app
    bare_path: str | None = None  # where the bare app starts, when it differs


def _rows_js(at_most: int) -> str:
    return ("() => { const g = document.querySelector('[data-testid=\"stMain\"] [data-testid=\"stDataFrame\"] "
            f"[aria-rowcount]'); return !!g && Number(g.getAttribute('aria-rowcount')) <= {at_most}; }}")


def _search_prepare(page):
    box = page.locator('[data-testid="stMain"] [data-testid="stTextInput"] input').first
    box.fill("toi den")


def _search_act(page):
    page.locator('[data-testid="stMain"] [data-testid="stTextInput"] input').first.press("Enter")


def _search_verify(page, app):
    g = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"] [aria-rowcount]').first
    rows = int(g.get_attribute("aria-rowcount"))
    if rows > 2:
        return f"the table still has {rows - 1} rows after searching 'toi den'"
    if app and "q=toi" not in page.url:
        return f"the address bar does not hold the search ({page.url})"
    return None


def _province_prepare(page):
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.wait_for_selector('[role="option"]', timeout=10_000)


def _province_act(page):
    page.get_by_role("option", name="Sơn La", exact=True).click()  # the dashboard's picker shows names


def _province_verify(page, app):
    if app and "province=14" not in page.url:
        return f"the address bar does not hold the province ({page.url})"
    if not app and "Province 14" not in page.locator('[data-testid="stMain"]').inner_text():
        return "the bare overview did not show the province"
    return None


def _slider_thumb(page):
    return page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]').nth(1)


def _years_prepare(page):
    _slider_thumb(page).focus()


def _years_act(page):
    page.keyboard.press("ArrowLeft")


def _years_verify(page, app):
    if app and "y1=" not in page.url:
        return f"the address bar does not hold the years ({page.url})"
    if not app and "2019–2025" not in page.locator('[data-testid="stMain"]').inner_text():
        return "the bare overview did not show the years"
    return None


_COUNT_JS = ("(sel) => document.querySelectorAll('[data-testid=\"stMain\"] ' + sel).length")


def _toggle_prepare(page):
    page.evaluate("""() => { window.__before = [
        document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot').length,
        document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]').length]; }""")


def _toggle_act(page):
    page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').first.locator("button").nth(1).click()


_TOGGLE_CHECK = """() => document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot').length < window.__before[0]
    && document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]').length > window.__before[1]"""


def _toggle_verify(page, app):
    ok = page.evaluate(_TOGGLE_CHECK)
    return None if ok else "the first chart did not turn into its table"


def _slide_prepare(page):
    page.evaluate("() => { window.__before = document.querySelector('h1').innerText; }")


def _slide_act(page):
    page.locator("button", has_text="▶").first.click()


_SLIDE_CHECK = "() => { const h = document.querySelector('h1'); return !!h && h.innerText !== window.__before; }"


def _slide_verify(page, app):
    if not page.evaluate(_SLIDE_CHECK):
        return "the slide's title did not change"
    if app and "slide=4" not in page.url:
        return f"the address bar does not hold the slide ({page.url})"
    return None


def _switch_prepare(page):
    pass


def _switch_act(page):
    page.locator('[data-testid="stSidebarNav"] a[href$="/stars"]').first.click()


_SWITCH_CHECK = """() => location.pathname.endsWith('/stars') && !!document.querySelector('h1')
    && document.querySelector('h1').innerText.includes('Phân hạng sao')
    && !!document.querySelector('[data-testid="stMain"] .js-plotly-plot .main-svg, [class*="st-key-open_stars_"]')"""
# with national data the stars page lists each province's finding (its charts drawn when opened)


def _switch_verify(page, app):
    return None if page.evaluate(_SWITCH_CHECK) else "the stars page with its chart (or its list) is not shown"


DATAFRAME = '[data-testid="stMain"] [data-testid="stDataFrame"] [aria-rowcount]'
PLOT = '[data-testid="stMain"] .js-plotly-plot .main-svg'
ACTIONS = [
    Action("search", "Search typed, table repainted (/products, 'toi den' + Enter)", "/products", DATAFRAME,
           "keydown", _search_prepare, _search_act, _rows_js(2), _search_verify, 1.3),
    Action("province", "Province chosen in the sidebar (overview, all → Sơn La)", "/", PLOT,
           "pointerdown", _province_prepare, _province_act, None, _province_verify, 1.3),
    Action("years", "Years narrowed in the sidebar (overview, last year dropped, keyboard)", "/", PLOT,
           "keydown", _years_prepare, _years_act, None, _years_verify, 1.3),
    Action("toggle", "Chart/table toggle (stars page, first chart to its table)", "/stars", PLOT,
           "pointerdown", _toggle_prepare, _toggle_act, _TOGGLE_CHECK, _toggle_verify, 1.3),
    Action("slide", "Slide change (presentation, from one chart slide to the next)", "/present?slide=3", PLOT,
           "pointerdown", _slide_prepare, _slide_act, _SLIDE_CHECK, _slide_verify, 1.3, "/present?slide=2"),
    Action("switch", "Page switch (overview → stars, sidebar link)", "/", PLOT + ', [class*="st-key-open_stars_"]',
           "pointerdown", _switch_prepare, _switch_act, _SWITCH_CHECK, _switch_verify, 1.2),
]


def run_once(browser, base: str, action: Action, app: bool) -> Measure:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(WS_JS)
    try:
        page.goto(base + (action.path if app or not action.bare_path else action.bare_path))
        page.wait_for_selector(action.ready, state="attached", timeout=TIMEOUT_S * 1000)
        quiet(page)
        action.prepare(page)
        quiet(page, 300)
        label = f"{action.name} on the {'dashboard' if app else 'bare app'}"
        m = timed(page, action.event, lambda: action.act(page), action.check_js, label)
        problem = action.verify(page, app)
        if problem:
            raise BenchError(f"{label}: {problem}")
        return m
    finally:
        page.close()


@dataclass
class Result:
    action: Action
    app: list = field(default_factory=list)
    bare: list = field(default_factory=list)
    error: str | None = None

    @staticmethod
    def _median(ms: list, attr: str) -> float | None:
        vals = [getattr(m, attr) for m in ms if getattr(m, attr) is not None]
        return statistics.median(vals) if vals else None

    def app_ms(self, attr="settled_ms"):
        return self._median(self.app, attr)

    def bare_ms(self, attr="settled_ms"):
        return self._median(self.bare, attr)

    def ratio(self, attr="settled_ms"):
        a, b = self.app_ms(attr), self.bare_ms(attr)
        return a / b if a is not None and b else None


def measure_all(browser, app_url: str, bare_url: str, runs: int, actions=ACTIONS, log=print) -> list[Result]:
    """Each action: one warm-up on each app, then ``runs`` alternating pairs (bare, app)."""
    results = []
    for action in actions:
        res = Result(action)
        try:
            run_once(browser, bare_url, action, False)
            run_once(browser, app_url, action, True)
            for _ in range(runs):
                res.bare.append(run_once(browser, bare_url, action, False))
                res.app.append(run_once(browser, app_url, action, True))
            log(f"  {action.name:9s} dashboard {res.app_ms():6.0f} ms  bare {res.bare_ms():6.0f} ms  "
                f"ratio {res.ratio():.2f}")
        except BenchError as exc:
            res.error = str(exc)
            log(f"  {action.name:9s} NOT MEASURED: {exc}")
        except Exception as exc:  # noqa: BLE001 - a Playwright timeout or a missing element: say which action
            res.error = f"{action.name}: {type(exc).__name__}: {str(exc).splitlines()[0]}"
            log(f"  {action.name:9s} NOT MEASURED: {res.error}")
        results.append(res)
    return results
