"""What the real-browser tests share: Debian's chromium, a `streamlit run app.py` on a free loopback
port, and the rule that on CI a missing browser is a failure, never a skip.

The browser itself is one Chromium for the whole test session (``browser`` and ``playwright`` in
tests/conftest.py); each module starts the server it needs (its own database and data folder).
"""
from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import EDITOR, PASSWORD

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# without the background-networking flags Chromium's connections are refused by a closed network
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def need_browser() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's chromium is missing on CI: install it (./test.sh does)")
        pytest.skip("chromium not installed (./test.sh installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, data_dir: Path, run_log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on a free loopback port, serving ``db``; waits for its health check.

    With ``run_log`` the app appends "full <page>" for every full run and "fragment <name>" for every
    fragment rerun to that file ($OCOP_RUN_LOG, test-only).
    """
    port = free_port()
    env = dict(os.environ, OCOP_DB=str(db), OCOP_DATA_DIR=str(data_dir))
    env.pop("OCOP_RUN_LOG", None)
    if run_log is not None:
        Path(run_log).touch()
        env["OCOP_RUN_LOG"] = str(run_log)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                             "--server.address", "127.0.0.1", "--server.port", str(port),
                             "--server.headless", "true", "--browser.gatherUsageStats", "false",
                             "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.25)
    proc.kill()
    pytest.fail("streamlit did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def write_rows(path: Path, rows: list[dict]) -> None:
    """A data file of an accepted import (instance/imports/<id>/rows/<table>.csv)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def editor_app(base: Path) -> tuple[subprocess.Popen, str, Path]:
    """The app with an editor account ("bien-tap"), an empty data folder and a database of its own."""
    from ocop_data import accounts
    from ocop_data.build import build

    data_dir = base / "instance"
    data_dir.mkdir()
    accounts.set_password(EDITOR, PASSWORD, data_dir)
    db = base / "ocop.duckdb"
    build(db, data_dir=data_dir)
    proc, url = start_server(db, data_dir)
    return proc, url, data_dir


def log_in(page) -> None:
    """On the Data page: log in as editor_app's editor and wait for the editor's tabs."""
    page.get_by_label("Tên đăng nhập").fill(EDITOR)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("tab", name="Nhập dữ liệu").wait_for(timeout=30_000)


def shipped_app(base: Path, run_log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """The app on the shipped data, built into a database of its own under ``base``."""
    from ocop_data.build import build

    (base / "instance").mkdir(exist_ok=True)
    db = base / "ocop.duckdb"
    build(db, data_dir=base / "instance")
    return start_server(db, base / "instance", run_log)


# --- waiting for what a test needs (never a fixed pause) ---------------------------------------------

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
# true once the page has not changed for `quiet` ms (a chart relaid out, a stylesheet applied, a block redrawn);
# false if it is still changing after `limit` ms
_QUIET = """([quiet, limit]) => new Promise(done => {
  let timer = setTimeout(() => finish(true), quiet);
  const give_up = setTimeout(() => finish(false), limit);
  const watch = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(() => finish(true), quiet); });
  function finish(still) { watch.disconnect(); clearTimeout(timer); clearTimeout(give_up); done(still); }
  watch.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
})"""


def idle(page, timeout: int = 60_000) -> None:
    """No script run is going on (Streamlit's running indicator is gone)."""
    page.wait_for_function(IDLE, timeout=timeout)


def settled(page, timeout: int = 60_000) -> None:
    """No run is going on and the page has stopped changing: what a screenshot, a measure or axe needs."""
    idle(page, timeout)
    assert page.evaluate(_QUIET, [300, timeout]), f"the page was still changing after {timeout / 1000:g} s"
    idle(page, timeout)


def canvas_drawn(canvas, colour: tuple[int, int, int] | None = None, timeout: float = 30.0) -> bytes:
    """deck.gl draws its layers after its canvas appears: wait until two pictures of the canvas in a row are
    alike and hold more than one colour (and ``colour``, within 20 per channel, when the test needs it, such as
    the gold of the counted circles); returns the picture (PNG)."""
    from io import BytesIO

    from PIL import Image

    def near(rgb) -> bool:
        return all(abs(a - b) < 20 for a, b in zip(rgb, colour))

    canvas.wait_for(timeout=timeout * 1000)
    last, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        shot = canvas.screenshot()
        if shot == last:
            colours = [c for _, c in Image.open(BytesIO(shot)).convert("RGB").getcolors(1 << 24) or []]
            if len(colours) > 1 and (colour is None or any(near(c) for c in colours)):
                return shot
        last = shot
    raise AssertionError(f"the map's canvas was never drawn{f' with {colour}' if colour else ''}")


def log_settled(path: Path, page, quiet: float = 1.0, timeout: float = 30.0) -> list[str]:
    """The run log ($OCOP_RUN_LOG) once the page is idle and the log has stopped growing for ``quiet`` seconds
    (a run writes its line when it starts or ends, and the server may still be writing)."""
    idle(page)
    lines, since, deadline = path.read_text(encoding="utf-8").splitlines(), time.monotonic(), time.monotonic() + timeout
    while time.monotonic() - since < quiet:
        assert time.monotonic() < deadline, f"the app was still running after {timeout:g} s: {lines[-5:]}"
        time.sleep(0.1)
        now = path.read_text(encoding="utf-8").splitlines()
        if now != lines:
            lines, since = now, time.monotonic()
    return lines
