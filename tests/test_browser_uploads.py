"""Uploads bounded before memory (issue 22): a 30 MB file is refused by the uploader in the browser and,
sent straight to the server as a script would (with or without a Content-Length), refused before the
server holds it; the server's memory does not grow by it. The limit is one number: the app's
(ocop_data/importer/reading.py), the server's (.streamlit/config.toml) and the one the Data page states."""
from __future__ import annotations

import http.client
import tomllib
from urllib.parse import urlsplit

import pytest

from ocop_data.importer.reading import MAX_BYTES
from tests.browserkit import editor_app, stop
from tests.conftest import ROOT
from tests.test_browser import _need_browser
from tests.test_browser_imports import _idle, _login

pytestmark = pytest.mark.browser
MB = 1024 * 1024
BIG = 30 * MB


def test_the_server_limit_is_the_apps_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * MB == MAX_BYTES == 20 * MB


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory):
    _need_browser()
    proc, url, data_dir = editor_app(tmp_path_factory.mktemp("uploads"))
    yield proc, url
    stop(proc)


def _rss_kb(pid: int) -> int:
    """The server process's resident memory now, in kB."""
    for line in open(f"/proc/{pid}/status", encoding="ascii"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _put(url: str, headers: dict, size: int, chunked: bool) -> int:
    """A PUT of a ``size``-byte file as a script sends it (with its Content-Length, or chunked, hiding its
    size); the status the server answers."""
    parts = urlsplit(url)
    boundary = "ocopboundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lon.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.putrequest("PUT", parts.path)
    for k, v in headers.items():
        conn.putheader(k, v)
    conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    if chunked:
        conn.putheader("Transfer-Encoding", "chunked")
    else:
        conn.putheader("Content-Length", str(len(head) + size + len(tail)))
    conn.endheaders()
    body = [b"x" * MB] * (size // MB) + ([b"x" * (size % MB)] if size % MB else [])
    try:
        for piece in [head] + body + [tail]:
            conn.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece)
        if chunked:
            conn.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server stopped reading: what it answered is what counts
    try:
        return conn.getresponse().status
    finally:
        conn.close()


def test_a_30_mb_upload_is_refused_before_the_server_holds_it(upload_server, browser, artifacts, tmp_path):
    proc, url = upload_server
    page = _login(browser, url)
    page.get_by_text("Mỗi tệp tối đa 20 MB").wait_for(timeout=60_000)  # the limit, in the user's language
    puts = []
    page.on("request", lambda r: puts.append(r) if r.method == "PUT" and "/_stcore/upload_file/" in r.url else None)
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    # a small file first: the upload address and headers the browser uses (its session, its XSRF token)
    with page.expect_request(lambda r: r.method == "PUT" and "/_stcore/upload_file/" in r.url) as sent_small:
        uploader.set_input_files(files=[{"name": "nho.csv", "mimeType": "text/csv",
                                         "buffer": "Tên sản phẩm\nA\n".encode()}])
    small = sent_small.value
    _idle(page)
    headers = {k: v for k, v in small.headers.items() if k.lower() in ("x-xsrftoken", "cookie")}
    if "cookie" not in headers:
        headers["Cookie"] = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    before = _rss_kb(proc.pid)

    # in the browser: the uploader itself refuses it and never sends it
    sent = len(puts)
    big = tmp_path / "lon.csv"
    with open(big, "wb") as fh:
        fh.truncate(BIG)
    uploader.set_input_files(str(big))
    page.get_by_text("lon.csv").wait_for(timeout=60_000)  # shown refused (a red mark), kept in the browser
    _idle(page)
    assert len(puts) == sent
    page.screenshot(path=str(artifacts / "upload-too-large.png"), full_page=True)

    # straight to the server with the browser's session, as a script would: refused on its Content-Length,
    # unread; and without one, once 20 MB have arrived, never held whole
    target = small.url.rsplit("/", 1)[0] + "/lon-file-id"
    assert _put(target, headers, BIG, chunked=False) == 413
    assert _put(target, headers, BIG, chunked=True) == 413
    assert _put(target, headers, 1024, chunked=False) == 204  # the same request with a small file is taken

    grown_mb = (_rss_kb(proc.pid) - before) / 1024
    assert grown_mb < 10, f"the server grew by {grown_mb:.0f} MB"
    page.close()
