"""The address bar is the view, in a real browser (AppTest does not show the query parameters a run writes).

Every old link form (``y0``/``y1``, a code, a comma list, ``present=1``) opens its view and the address becomes
the new form; the new form, opened in a fresh page, shows the same view and stays as it is; changing a
control writes the address; a language switch rewrites the options shown in words; a page keeps only its own
parameters. Waits for what it needs, never a fixed pause. On CI a missing browser is a failure, never a skip.
"""
from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browserkit import need_browser, shipped_app, stop

pytestmark = pytest.mark.browser
THIS_YEAR = str(date.today().year)
TOI_DEN = "tỏi đen · THT sản xuất và kinh doanh tỏi Phù Yên"

# (an old link, the page it shows, the parameters its address holds once rewritten)
OLD = [
    ("/stars?lang=en&province=14&y0=2020&y1=2024", "/stars",
     {"lang": ["English"], "province": ["Sơn La"], "years": ["2020", "2024"]}),
    ("/?y0=2021", "/", {"years": ["2021", THIS_YEAR]}),
    ("/?y0=0&y1=0&img=svg", "/", {"img": ["SVG"]}),
    ("/products?province=14&stars=4,5&q=xoai", "/products",
     {"province": ["Sơn La"], "stars": ["4 sao", "5 sao"], "q": ["xoai"]}),
    ("/products?province=14&district=123&product=sl-toi-den", "/products",
     {"province": ["Sơn La"], "district": ["Mộc Châu"], "product": [TOI_DEN]}),
    ("/map?shade=1", "/map", {"shade": ["true"]}),
    ("/?present=1&slide=3&province=14", "/present", {"slide": ["3"], "province": ["Sơn La"]}),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_browser()
    proc, url = shipped_app(tmp_path_factory.mktemp("links"))
    yield url
    stop(proc)


def _query(page) -> dict:
    return parse_qs(urlparse(page.url).query)


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    return page


def _settled(page, query: dict) -> None:
    """Wait until the address holds ``query`` and no run is going on."""
    page.wait_for_function("""want => { const q = new URLSearchParams(location.search);
        return Object.entries(want).every(([k, v]) => JSON.stringify(q.getAll(k)) === JSON.stringify(v)); }""",
                           arg=query, timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


@pytest.mark.parametrize("old, path, query", OLD, ids=[o for o, _, _ in OLD])
def test_an_old_link_becomes_the_new_form_and_the_new_form_stays(server, browser, old, path, query):
    page = _open(browser, server + old)
    _settled(page, query)
    assert urlparse(page.url).path == path
    assert {k: v for k, v in _query(page).items()} == query, page.url  # nothing of the old form is left
    new = page.url
    shown = page.locator("h1").first.inner_text()
    page.close()
    fresh = _open(browser, new)
    _settled(fresh, query)
    assert fresh.url == new and fresh.locator("h1").first.inner_text() == shown
    fresh.close()


def test_controls_write_the_address_and_a_language_switch_rewords_it(server, browser):
    page = _open(browser, f"{server}/products?province=S%C6%A1n+La")
    _settled(page, {"province": ["Sơn La"]})
    page.locator('[data-testid="stMultiSelect"]').filter(has_text="Hạng sao").click()
    page.get_by_role("option", name="4 sao").click()
    page.keyboard.press("Escape")
    _settled(page, {"province": ["Sơn La"], "stars": ["4 sao"]})
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    _settled(page, {"lang": ["English"], "province": ["Sơn La"], "stars": ["4-star"]})
    # another page keeps the shared parameters and drops the products page's; coming back brings them again
    page.locator('[data-testid="stSidebarNav"] a[href$="/stars"]').click()
    _settled(page, {"lang": ["English"], "province": ["Sơn La"], "stars": []})
    page.locator('[data-testid="stSidebarNav"] a[href$="/products"]').click()
    _settled(page, {"lang": ["English"], "province": ["Sơn La"], "stars": ["4-star"]})
    page.close()


def test_the_slide_number_follows_the_slides_and_leaves_with_them(server, browser):
    page = _open(browser, f"{server}/present?slide=2&lang=English")
    _settled(page, {"slide": ["2"], "lang": ["English"]})
    page.get_by_role("button", name="Next ▶").click()
    _settled(page, {"slide": ["3"], "lang": ["English"]})
    page.get_by_role("link", name="Exit").click()
    page.wait_for_function("() => !location.pathname.endsWith('/present')", timeout=60_000)
    _settled(page, {"slide": [], "lang": ["English"]})
    page.close()
