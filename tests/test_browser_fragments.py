"""A real browser: typing in the products search reruns only its fragment, and the address bar follows.

The server runs with $OCOP_RUN_LOG set, so app.py appends "full <page>" to that file on every full run
and the fragment wrapper (ui.shell.fragment) appends "fragment <name>" on every fragment rerun. The test
counts both lines around a search typed in the browser. Not timed (bench/run.py measures the speed).
On CI a missing browser is a failure, never a skip.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browserkit import idle, log_settled, need_browser, start_server, stop

SEARCH = "Search products or producers (with or without diacritics)"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def logged_server(built_db, session_dirs, tmp_path_factory):
    """`streamlit run app.py` on the shipped data, writing its run log to a file of its own."""
    need_browser()
    log = tmp_path_factory.mktemp("runlog") / "runs.log"
    proc, url = start_server(built_db, session_dirs[1], log)
    yield url, log
    stop(proc)


def _settled(log: Path, page) -> tuple[int, int]:
    """(full runs, fragment reruns) once the log has stopped growing for a while (the server may still be
    writing)."""
    lines = log_settled(log, page, quiet=1.5)
    return (sum(1 for line in lines if line.startswith("full ")),
            sum(1 for line in lines if line.startswith("fragment ")))


def _rows(page) -> int:
    return int(page.locator('[data-testid="stDataFrame"] [aria-rowcount]').first.get_attribute("aria-rowcount"))


def test_search_reruns_only_its_fragment(logged_server, browser, artifacts):
    url, log = logged_server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/products?lang=en&province=14")
    page.wait_for_selector('[data-testid="stDataFrame"] [aria-rowcount]', timeout=60_000, state="attached")
    full_before, fragment_before = _settled(log, page)
    assert full_before >= 1, "the run log is empty: is $OCOP_RUN_LOG honoured by app.py?"
    rows_before = _rows(page)

    box = page.get_by_label(SEARCH)
    for text in ("xoai say", "toi den"):
        box.fill(text)
        box.press("Enter")
        page.wait_for_function(f"() => new URLSearchParams(location.search).get('q') === {text!r}",
                               timeout=30_000)
    page.wait_for_function("""n => { const g = document.querySelector('[data-testid="stDataFrame"] [aria-rowcount]');
        return g && Number(g.getAttribute('aria-rowcount')) < n; }""", arg=rows_before, timeout=30_000)
    full_after, fragment_after = _settled(log, page)

    assert full_after == full_before, f"a search reran the whole page ({full_after - full_before} full runs)"
    assert fragment_after >= fragment_before + 2, "the search fragment did not rerun for each search"
    query = parse_qs(urlparse(page.url).query)
    assert query.get("q") == ["toi den"], page.url
    assert query.get("province") == ["Sơn La"] and query.get("lang") == ["English"], page.url  # the rest stays
    assert "fragment finder" in log.read_text(encoding="utf-8")
    page.screenshot(path=str(artifacts / "products-search-fragment.png"), full_page=True)

    # the address bar is a working link: opened in a new page it shows the same search
    fresh = browser.new_page(viewport={"width": 1400, "height": 1000})
    fresh.goto(page.url)
    fresh.wait_for_selector('[data-testid="stDataFrame"] [aria-rowcount]', timeout=60_000, state="attached")
    idle(fresh)
    assert fresh.get_by_label(SEARCH).input_value() == "toi den"
    assert _rows(fresh) == _rows(page)
    fresh.close()
    page.close()


# The chart/table toggle and the next-slide button: tests/test_browser_overview.py and
# tests/test_browser_present.py count their fragment reruns the same way.
