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
    accounts.set_password("bien-tap", "mật khẩu thật dài", data_dir)
    db = base / "ocop.duckdb"
    build(db, data_dir=data_dir)
    proc, url = start_server(db, data_dir)
    return proc, url, data_dir


def shipped_app(base: Path, run_log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """The app on the shipped data, built into a database of its own under ``base``."""
    from ocop_data.build import build

    (base / "instance").mkdir(exist_ok=True)
    db = base / "ocop.duckdb"
    build(db, data_dir=base / "instance")
    return start_server(db, base / "instance", run_log)
