"""The load benchmark's protocol client against a real server, so that the benchmark cannot rot silently:
a session opens and sees the overview's run finish, a province change and a search are answered, and
the load driver's viewers do the same under Locust."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import feel
from bench.protocol import ProtocolError, Session
from ocop_data.words import t

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(built_db, session_dirs, tmp_path_factory):
    import os

    logs = tmp_path_factory.mktemp("protocol-logs")
    srv = feel.serve("protocol", ROOT / "app.py", ROOT,
                     {"OCOP_DB": str(built_db), "OCOP_DATA_DIR": os.environ["OCOP_DATA_DIR"]}, logs)
    yield srv
    srv.stop()


def test_overview_then_province_then_search(server):
    s = Session(server.url, source_address="127.0.3.2").open()
    try:
        first = s.load()
        assert first.kind == "run" and first.page == "" and not first.errors
        assert s.session_id
        assert t("app_title", "vi") in first.texts  # the overview's title was drawn
        box = s.widget("selectbox", label=t("province", "vi"))
        assert box.key == "province" or box.label == t("province", "vi")
        assert box.options[0] == t("all", "vi") and len(box.options) >= 3

        province = box.options[1]
        answer = s.choose(box, province)
        assert answer.kind == "run" and not answer.errors
        assert "province=" in s.query_string  # the chosen province is in the address (bound: as a browser does)
        assert s.current(box) == province

        page = s.go_to("products")
        assert page.kind == "run" and page.page == "products" and not page.errors
        search = s.widget("text_input", label=t("search", "vi"))
        assert search.fragment_id  # the search box reruns its fragment alone
        found = s.type(search, "toi den")
        assert found.kind == "fragment" and not found.errors
        assert "q=toi" in s.query_string
    finally:
        s.close()


def test_unknown_widget_and_page_are_said_plainly(server):
    s = Session(server.url).open()
    try:
        s.load()
        with pytest.raises(ProtocolError, match="no selectbox"):
            s.widget("selectbox", label="nothing of the kind")
        with pytest.raises(ProtocolError, match="no page"):
            s.go_to("nowhere")
    finally:
        s.close()


def test_locust_viewers_act_without_error(server, tmp_path):
    """The driver as the benchmark runs it: two viewers open, load the overview and act, without error."""
    out = tmp_path / "load.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "load_users.py"), "--url", server.url, "--users", "2",
                    "--seconds", "15", "--first-within", "1", "--pids", str(server.proc.pid), "--settle", "0.5",
                    "--close-wait", "0", "--out", str(out)], cwd=ROOT, check=True, timeout=240)
    result = json.loads(out.read_text(encoding="utf-8"))
    opened = [r for r in result["records"] if r["phase"] == "open"]
    acted = [r for r in result["records"] if r["phase"] == "load"]
    assert len(opened) == 2 and acted
    errors = [(r["name"], r["error"]) for r in opened + acted if r["error"]]
    assert not errors, errors
    assert {r["name"] for r in acted} <= {"province", "search", "products page (link)"}
    assert result["rss_idle"][0] > 0


def test_the_readme_nginx_block_is_what_the_benchmark_serves(tmp_path):
    """bench/capacity.py runs the README's block with only the listening address and the ports changed,
    and nginx (where installed) accepts the result."""
    import shutil

    from bench import capacity

    block = capacity.readme_nginx()
    assert "ip_hash" in block and "Upgrade $http_upgrade" in block
    conf = capacity.nginx_conf(tmp_path, 18999, [18501, 18502])
    assert "listen 127.0.0.1:18999;" in conf and "listen 80;" not in conf
    assert "server 127.0.0.1:18501;" in conf and "server 127.0.0.1:18502;" in conf
    assert conf.count("proxy_read_timeout 86400;") == 1
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (apt-get install nginx): the configuration was not checked by nginx")
    (tmp_path / "nginx.conf").write_text(conf, encoding="utf-8")
    done = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e",
                           str(tmp_path / "error.log")], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
