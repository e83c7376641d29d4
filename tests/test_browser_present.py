"""The presentation in a real browser at projector sizes: every slide fits, keeps its navigation in
view, carries a chart, a map or a big number, has working links, no sidebar; chart text ≥ 20 px at
1920 wide; each slide opens from its URL showing "N/M"; keys move slides; ?present=1 never shows a
sidebar; a slide change reruns only the slide (a fragment). Screenshots of every slide at the three
sizes go to tests/artifacts/ (present-<lang>-<w>x<h>-<NN>.png)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browserkit import canvas_drawn, log_settled, need_browser, settled, start_server, stop
from tests.test_browser import _no_exception

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1366, 768), (1920, 1080)]
CONTENT_KINDS = ("headline", "tiers", "targets", "subjects", "map")  # between the title and the closing pair


@pytest.fixture(scope="module")
def run_log(tmp_path_factory):
    return tmp_path_factory.mktemp("present-log") / "runs.log"


@pytest.fixture(scope="module")
def present_server(built_db, session_dirs, run_log):
    """The app on the shipped data, logging each full run and fragment rerun (OCOP_RUN_LOG)."""
    need_browser()
    proc, url = start_server(Path(built_db), session_dirs[1], run_log)
    yield url
    stop(proc)


def _kinds(lang):
    from briefing.content import build_slides
    from ocop_data.db import Database
    db = Database(os.environ["OCOP_DB"])
    try:
        return [s.kind for s in build_slides(db.cursor(), lang, ["14", "08-2025"])]
    finally:
        db.close()


def _settle(page, timeout=60_000):
    page.wait_for_selector(".ocop-counter", timeout=timeout)
    settled(page, timeout)


def _wait_counter(page, text):
    page.wait_for_function(f"() => (document.querySelector('.ocop-counter') || {{}}).textContent === '{text}'",
                           timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)


MEASURE = """() => {
  const de = document.documentElement, main = document.querySelector('[data-testid="stMain"]');
  const vh = window.innerHeight, vw = window.innerWidth;
  const inView = sel => { const b = document.querySelector(sel); if (!b) return false;
      const r = b.getBoundingClientRect(); return r.top >= 0 && r.bottom <= vh && r.left >= 0 && r.right <= vw; };
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const big = [...document.querySelectorAll('.st-key-slide_body *')].some(e => e.childElementCount === 0 &&
      e.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) >= 60 && visible(e));
  const svgText = [...document.querySelectorAll('.js-plotly-plot svg text')]
      .filter(e => e.textContent.trim() && visible(e)).map(e => parseFloat(getComputedStyle(e).fontSize));
  const body = [...document.querySelectorAll('.st-key-slide_body p, .st-key-slide_body li, .st-key-slide_head p,'
      + ' .st-key-slide_body .ocop-target, .st-key-slide button p')]
      .filter(e => e.textContent.trim() && visible(e)).map(e => parseFloat(getComputedStyle(e).fontSize));
  const foot = [...document.querySelectorAll('.st-key-slide_src p')]
      .map(e => parseFloat(getComputedStyle(e).fontSize));
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    docScroll: de.scrollHeight - de.clientHeight, mainScroll: main ? main.scrollHeight - main.clientHeight : 0,
    navInView: inView('.st-key-prev button') && inView('.st-key-next button') && inView('.ocop-counter'),
    counter: (document.querySelector('.ocop-counter') || {}).textContent,
    charts: document.querySelectorAll('.st-key-slide_body .js-plotly-plot').length,
    maps: document.querySelectorAll('.st-key-slide_body [data-testid="stDeckGlJsonChart"]').length,
    metrics: document.querySelectorAll('.st-key-slide_body [data-testid="stMetric"]').length, big,
    badLinks: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
        .filter(h => h.includes('%5C') || h.includes('%5c') || h.includes('\\\\')),
    links: document.querySelectorAll('.st-key-slide a[href^="http"]').length,
    sidebar: !!(sidebar && visible(sidebar)),
    minSvg: svgText.length ? Math.min(...svgText) : null, minBody: body.length ? Math.min(...body) : null,
    minFoot: foot.length ? Math.min(...foot) : null,
    h1: (document.querySelector('h1') || {}).textContent,
  };
}"""


def _check_slide(page, kind, i, n, width, where):
    if kind in ("headline", "tiers", "targets", "subjects"):
        page.wait_for_selector(".st-key-slide_body .js-plotly-plot .main-svg", timeout=30_000)
    if kind == "map":
        canvas_drawn(page.locator(".st-key-slide_body canvas").first)
    settled(page)
    m = page.evaluate(MEASURE)
    assert m["counter"] == f"{i}/{n}", where
    assert m["docScroll"] <= 1 and m["mainScroll"] <= 1, (where, m)
    assert m["navInView"], where
    assert not m["sidebar"], where
    assert not m["badLinks"], (where, m["badLinks"])
    if kind in CONTENT_KINDS:
        assert m["charts"] or m["maps"] or m["metrics"] or m["big"], (where, m)
    assert m["minBody"] is None or m["minBody"] >= 24, (where, m["minBody"])
    assert m["minFoot"] is None or m["minFoot"] >= 20, (where, m["minFoot"])
    if width == 1920 and m["charts"]:
        assert m["minSvg"] >= 20, (where, m["minSvg"])
    if kind == "sources":
        assert m["links"] >= 3, where
        assert page.locator('[data-testid="stPageLink"] a[href*="sources"]').count() == 1, where
    return m


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_slide_fits_the_projector(present_server, browser, artifacts, lang, size):
    width, height = size
    kinds = _kinds(lang)
    n = len(kinds)
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{present_server}/present?lang={lang}&slide=1")
    _settle(page)
    for i, kind in enumerate(kinds, start=1):
        if i > 1:  # the presenter's Next (a fragment rerun), then the URL names the slide
            page.locator(".st-key-next button").click()
            _wait_counter(page, f"{i}/{n}")
            page.wait_for_function(f"() => location.search.includes('slide={i}')", timeout=30_000)
        _no_exception(page)
        _check_slide(page, kind, i, n, width, f"{lang} {width}x{height} slide {i} ({kind})")
        page.screenshot(path=str(artifacts / f"present-{lang}-{width}x{height}-{i:02d}.png"))
    page.close()


def test_each_slide_opens_from_its_url(present_server, browser):
    kinds = _kinds("vi")
    n = len(kinds)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    for i, kind in enumerate(kinds, start=1):
        page.goto(f"{present_server}/present?slide={i}")
        _settle(page)
        _no_exception(page)
        assert page.inner_text(".ocop-counter") == f"{i}/{n}"
        assert f"{i}/{n}" in page.inner_text("body")
        _check_slide(page, kind, i, n, 1366, f"url slide {i}")
    page.close()


def test_keys_move_slides_and_only_the_slide_reruns(present_server, browser, run_log):
    n = len(_kinds("vi"))
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{present_server}/present?slide=2")
    _settle(page)
    before = run_log.read_text(encoding="utf-8").splitlines()
    page.mouse.click(5, 400)  # the presenter clicked on the slide: no input has focus
    for key, expected in (("PageDown", 3), ("ArrowRight", 4), ("ArrowLeft", 3), ("PageUp", 2), ("ArrowDown", 3),
                          ("ArrowUp", 2)):
        page.keyboard.press(key)
        _wait_counter(page, f"{expected}/{n}")
        page.wait_for_function(f"() => location.search.includes('slide={expected}')", timeout=30_000)
    after = log_settled(run_log, page)[len(before):]
    assert after and all(line.startswith("fragment ") for line in after), after  # no full app run
    page.keyboard.press("PageUp")
    _wait_counter(page, f"1/{n}")
    page.keyboard.press("PageUp")  # the first slide stays the first
    log_settled(run_log, page)
    assert page.inner_text(".ocop-counter") == f"1/{n}"
    page.close()


def test_present_link_never_shows_a_sidebar(present_server, browser):
    """?present=1 on any link opens the slides directly: no sidebar and no other page is ever drawn."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.add_init_script("""
      window.__seen = {sidebar: false, nav: false, otherTitle: false};
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="stSidebar"], [data-testid="stSidebarNav"]')) window.__seen.sidebar = true;
        if (document.querySelector('[data-testid="stSidebarCollapsedControl"]')) window.__seen.nav = true;
        const h = document.querySelector('h1');
        if (h && !document.querySelector('.st-key-slide')) window.__seen.otherTitle = true;
      }).observe(document, {childList: true, subtree: true});
    """)
    page.goto(f"{present_server}/?present=1&slide=3&province=14")
    _settle(page)
    assert "/present" in page.url and "slide=3" in page.url
    assert page.evaluate("window.__seen") == {"sidebar": False, "nav": False, "otherTitle": False}
    n = page.inner_text(".ocop-counter").split("/")[1]
    assert page.inner_text(".ocop-counter") == f"3/{n}"
    page.close()
