"""A real browser for issue 12: an editor imports an official-style list through the Data page (log in,
upload, map, preview, apply) and finds it on the dashboard with its source; with links, images and
HTML in every text field of every table, no page has a link to or an image from the attacker."""
from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tests.browserkit import editor_app, stop
from tests.test_browser import _need_browser, _no_exception, _open, _start_server
from tests.test_markup import _html_links

pytestmark = pytest.mark.browser
FIXTURES = ROOT / "tests" / "fixtures" / "imports"


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    _need_browser()
    proc, url, data_dir = editor_app(tmp_path_factory.mktemp("imports"))
    yield url, data_dir
    stop(proc)


def _login(browser, url):  # noqa: F811
    page, _ = _open(browser, f"{url}/data")
    page.get_by_label("Tên đăng nhập").fill("bien-tap")
    page.get_by_label("Mật khẩu").fill("mật khẩu thật dài")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("tab", name="Nhập dữ liệu").wait_for(timeout=30_000)
    return page


def _idle(page):
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)
    page.wait_for_timeout(500)


def _choose(page, label: str, typed: str):
    """Pick an option of a Streamlit selectbox by typing part of it."""
    box = page.get_by_role("combobox", name=label, exact=True).first
    box.click()
    box.fill(typed)
    page.get_by_role("option").filter(has_text=typed).first.click()


def test_an_editor_imports_a_district_list_in_the_browser(editor_server, browser, artifacts):  # noqa: F811
    url, data_dir = editor_server
    page = _login(browser, url)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(FIXTURES / "huyen_moc_chau_2023.xlsx"))
    page.get_by_text("3. Áp dụng").wait_for(timeout=60_000)
    _idle(page)
    body = page.inner_text("body")
    assert "Đọc từ dòng tiêu đề 1" in body  # the province, read from "ỦY BAN NHÂN DÂN HUYỆN MỘC CHÂU"
    assert "vấn đề cần sửa" in body  # no source yet: it is chosen once for the whole file
    assert page.get_by_role("button", name="Áp dụng").is_disabled()
    page.screenshot(path=str(artifacts / "import-mapping.png"), full_page=True)
    _choose(page, "Nguồn", "langngheviet-30074")
    page.get_by_role("button", name="Kiểm tra lại với cách ghép này").click()
    page.get_by_text("Tệp hợp lệ").wait_for(timeout=60_000)
    _idle(page)
    body = page.inner_text("body")
    assert "thêm 4 dòng" in body and "10 dòng đã có" in body
    assert "Không bỏ qua cột nào" in body or "Bỏ qua" in body
    page.screenshot(path=str(artifacts / "import-preview-district-list.png"), full_page=True)
    page.get_by_role("button", name="Áp dụng").click()
    page.get_by_text("Đã áp dụng: phiên bản 1").wait_for(timeout=60_000)
    _idle(page)
    _no_exception(page)
    page.close()

    page, _ = _open(browser, f"{url}/products?q=mau%20thu")
    _no_exception(page)
    body = page.inner_text("body")
    assert "2 sản phẩm" in body
    # the source of the rows, in the caption under the table: named by its short label (outlet, title cut
    # short), its one link opening the Sources page on it
    assert "Làng nghề Việt – Sơn La: Huyện Mộc Châu" in body
    assert page.locator('a[href*="/sources?source="][href*="langngheviet-30074"]').count() >= 1
    page.screenshot(path=str(artifacts / "import-found-district-list.png"), full_page=True)
    # one product's view: the producer and the rating with its source
    _choose(page, "Chọn sản phẩm để xem lịch sử hạng sao", "sữa chua nếp cẩm")
    page.get_by_text("Chủ thể: Hộ kinh doanh Amifarm Mộc Châu").wait_for(timeout=30_000)
    page.screenshot(path=str(artifacts / "import-product-view.png"), full_page=True)
    page.close()


def test_the_history_tab_restores_in_the_browser(editor_server, browser, artifacts):  # noqa: F811
    url, data_dir = editor_server
    page = _login(browser, url)
    page.get_by_role("tab", name="Lịch sử và khôi phục").click()
    page.get_by_role("button", name="Khôi phục").click()
    page.get_by_text("Đã khôi phục về phiên bản 0").wait_for(timeout=60_000)
    page.screenshot(path=str(artifacts / "import-history.png"), full_page=True)
    page.close()
    page, _ = _open(browser, f"{url}/products?q=mau%20thu")
    assert "0 sản phẩm" in page.inner_text("body")
    page.close()


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory):
    from ocop_data.importer.apply import apply
    from ocop_data.importer.preview import prepare
    from ocop_data.build import build
    from tests.test_markup import evil_workbook

    _need_browser()
    base = tmp_path_factory.mktemp("evil-browser")
    data_dir = base / "instance"
    data_dir.mkdir()
    db = base / "ocop.duckdb"
    build(db, data_dir=data_dir)
    apply(prepare("evil.xlsx", evil_workbook(), data_dir), "bien-tap", data_dir, db)
    from ocop_data.db import Database
    d = Database(db)
    # the issue's own example: a producer named with a markdown link and image, from a product list
    issue_product = d.cursor().execute("SELECT product_id FROM product WHERE name LIKE 'Chè [tải]%'").fetchone()[0]
    d.close()
    EVIL_VIEWS.append(f"products?product={issue_product}")
    proc, url = _start_server(db, data_dir)
    yield url
    stop(proc)


EVIL_VIEWS = ["", "?province=99", "stars", "targets", "products?product=evil-prod",
              "products?province=99&product=evil-prod99", "map", "sources?src=evil-src&find=evil"]
SLIDES = 7


CHARTS_DRAWN = ("() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
                ".every(c => c.querySelector('.main-svg'))")


def _nothing_from_data_is_markup(page, dialogs, view: str) -> None:
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)  # Plotly draws its own markup (<a>, <br>) in SVG
    page.wait_for_timeout(400)
    html = page.content()
    assert page.locator('a[href*="evil.example"]').count() == 0, view
    assert page.locator('img[src*="evil"]').count() == 0, view
    # the page's HTML as a browser reads it: no tag links to or loads from the attack's address
    # (an escaped attack inside an attribute, e.g. a chart's alt text, is text)
    # (our own link to the Sources page names sources by their ids, an attack's id among them: not a link from data)
    assert not [x for x in _html_links(html) if "evil" in x[1] and not x[1].startswith("/sources?source=")], view
    assert not dialogs, view


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_link_or_image_from_data_in_the_browser(evil_server, browser, artifacts, lang):  # noqa: F811
    for view in EVIL_VIEWS:
        sep = "&" if "?" in view else "?"
        page, dialogs = _open(browser, f"{evil_server}/{view}{sep}lang={lang}")
        _nothing_from_data_is_markup(page, dialogs, view)
        if view.startswith(("products", "sources")):
            assert "evil.example" in page.inner_text("body"), view  # the text is there, as text
        if view == "sources?src=evil-src&find=evil":  # the one link a source may have: its address
            assert page.locator('a[href="https://nguon.example/bai-viet"]').count() >= 1
        if view in ("", "products?product=evil-prod", "sources?src=evil-src&find=evil"):
            name = re.sub(r"[^a-z0-9]+", "-", view)[:30].strip("-") or "overview"
            page.screenshot(path=str(artifacts / f"markup-{name}-{lang}.png"), full_page=True)
        page.close()
    # the slides, moved through with Next as a presenter does (each slide is a fragment rerun)
    page, dialogs = _open(browser, f"{evil_server}/present?slide=1&lang={lang}")
    for i in range(1, SLIDES + 1):
        if i > 1:
            page.locator(".st-key-next button").click()
            page.wait_for_function(f"() => (document.querySelector('.ocop-counter') || {{}}).textContent"
                                   f".startsWith('{i}/')", timeout=30_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                   timeout=30_000)
        _nothing_from_data_is_markup(page, dialogs, f"present?slide={i}")
    page.close()
