"""A real browser: `streamlit run` on 127.0.0.1, Playwright driving Debian's /usr/bin/chromium.

A URL with query parameters restores the filters, the map draws its points where they are, text
named like an attack stays text, the editor's walkthrough, and two processes serving one file
through a swap. Every page in both languages is visited by tests/test_browser_a11y.py (failing on
any exception on screen). Screenshots go to tests/artifacts/ (git-ignored). On CI a missing
browser is a failure, never a skip.
"""
from __future__ import annotations

import os

import pytest

from tests.browserkit import need_browser as _need_browser
from tests.browserkit import start_server as _start_server
from tests.browserkit import canvas_drawn, editor_app, log_in, settled, stop
from tests.browserkit import write_rows as _write
from tests.conftest import ROOT  # noqa: F401

XSS = "<img src=x onerror=alert(1)>"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app served from a database that also holds a product and a point named like an attack."""
    from ocop_data.build import build
    from ocop_data.schema import TABLES

    _need_browser()
    base = tmp_path_factory.mktemp("browser")
    rows = base / "instance" / "imports" / "0001-xss" / "rows"

    def full(table, **values):
        return {c: values.get(c, "") for c in TABLES[table].column_names}

    _write(rows / "product.csv", [full("product", product_id="xss-product", name=XSS, name_lang="vi",
                                        territory_key="14", source_id="seed-000", note="test row")])
    _write(rows / "evaluation.csv", [full("evaluation", evaluation_id="xss-eval", product_id="xss-product",
                                          stars="3", decided="2024-05-02", decided_precision="day",
                                          level="province", kind="new", source_id="seed-000",
                                          quote_status="imported", quote=f"xss.csv, Sheet1, row 2: {XSS}")])
    _write(rows / "sales_point.csv", [full("sales_point", point_id="xss-point", territory_key="14",
                                           entry_kind="point", district_code="125", name=XSS, address=XSS,
                                           precision="district_centroid", opened_precision="undated",
                                           as_of_precision="undated", source_id="seed-000",
                                           quote_status="imported", quote=f"xss.csv, Sheet1, row 2: {XSS}")])
    db = base / "ocop.duckdb"
    build(db, data_dir=base / "instance")
    os.environ["OCOP_DB_BROWSER"] = str(db)
    proc, url = _start_server(db, base / "instance")
    yield url
    stop(proc)


def _open(browser, url: str, width: int = 1400, height: int = 1000):
    page = browser.new_page(viewport={"width": width, "height": height})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    settled(page)  # the script has finished and the page drawn
    return page, dialogs


def _no_exception(page):
    assert "Page not found" not in page.inner_text("body")
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, page.locator(
        '[data-testid="stAlertContentError"]').first.inner_text()


# Every page in both languages, with no exception or error on screen and its charts drawn, is
# tests/test_browser_a11y.py's axe walk; every page at 390 px without sideways scrolling is
# test_browser_overview.py's and test_browser_a11y.py's phone tests.


def test_url_restores_filters(server, browser, artifacts):
    page, _ = _open(browser, f"{server}/products?lang=en&province=14&q=xoai%20say")
    _no_exception(page)
    from playwright.sync_api import expect

    # wait for the run that applies the URL (the server may still be busy with the previous visitor's run)
    expect(page.get_by_label("Search products or producers (with or without diacritics)")).to_have_value(
        "xoai say", timeout=30_000)
    assert page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').input_value() == "Sơn La"
    assert "4 products" in page.inner_text("body")  # two in the 2019 list, Sông Mã's, Mộc Châu's Cường Hoa
    assert page.locator('[data-testid="stSidebar"] button[aria-checked="true"], '
                        '[data-testid="stSidebar"] [aria-pressed="true"]').first.inner_text().strip() == "English"
    page.close()


def _pixel(view: dict, lat: float, lon: float, width: float, height: float) -> tuple[float, float]:
    """Where deck.gl's Web Mercator view draws (lat, lon) on a canvas of the given size."""
    import math

    scale = 512 * 2 ** view["zoom"]
    merc = lambda φ: math.log(math.tan(math.pi / 4 + math.radians(φ) / 2))  # noqa: E731
    x = width / 2 + (lon - view["longitude"]) * scale / 360
    y = height / 2 + (merc(view["latitude"]) - merc(lat)) * scale / (2 * math.pi)
    return x, y


def test_attack_text_stays_text(server, browser, artifacts):
    """A product and a point named like an attack show as plain text: product view and map tooltip."""
    page, dialogs = _open(browser, f"{server}/products?lang=en&province=14&q=img&product=xss-product")
    _no_exception(page)
    assert page.locator("img[src='x']").count() == 0
    assert XSS in page.locator('[data-testid="stMain"]').inner_text()  # the product view's heading
    page.screenshot(path=str(artifacts / "products-attack.png"), full_page=True)
    page.close()

    page, dialogs = _open(browser, f"{server}/map?lang=en&province=14")
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    shot = artifacts / "map-attack-canvas.png"
    shot.write_bytes(canvas_drawn(canvas, (0xC9, 0xA2, 0x27)))  # the gold circle drawn
    box = canvas.bounding_box()
    # the view is fitted to the data (story.maps.fit_view): find the point's circle on screen, the only
    # gold (counted) circle in Sơn La, whose other places are rings
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    gold = [(i % image.width, i // image.width) for i, (r, g, b) in enumerate(image.getdata())
            if abs(r - 0xC9) < 20 and abs(g - 0xA2) < 20 and abs(b - 0x27) < 20]
    assert gold, "the point's circle is drawn"
    scale = image.width / box["width"]
    x = sum(p[0] for p in gold) / len(gold) / scale
    y = sum(p[1] for p in gold) / len(gold) / scale
    from playwright.sync_api import TimeoutError as NotShown

    tooltip = None
    for dx, dy in [(0, 0), (3, 0), (-3, 0), (0, 3), (0, -3), (6, 6), (-6, -6)]:
        page.mouse.move(box["x"] + x + dx, box["y"] + y + dy)
        shown = page.locator(".deck-tooltip").filter(has_text=XSS).first
        try:  # the tooltip of what is under the mouse, if anything is
            shown.wait_for(timeout=2_000)
        except NotShown:
            continue
        tooltip = shown
        break
    page.screenshot(path=str(artifacts / "map-attack-tooltip.png"))
    assert tooltip is not None, "the tooltip of the point did not show its name"
    assert tooltip.locator("img").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert not dialogs
    page.close()


def test_presentation_on_a_projector(server, browser, artifacts):
    """1920×1080: no sidebar, body text at least 24 px, next/previous, the slide number in the URL."""
    page, dialogs = _open(browser, f"{server}/?present=1&slide=2&province=14", width=1920, height=1080)
    _no_exception(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    assert "/present" in page.url and "slide=2" in page.url
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.count() == 0 or not sidebar.first.is_visible()
    size = page.evaluate("""() => parseFloat(getComputedStyle([...document.querySelectorAll(
        '[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"] p')].find(e => e.getClientRects().length)
        ).fontSize)""")  # the first text shown (the controls the link keeps are drawn hidden)
    assert size >= 24, size
    page.screenshot(path=str(artifacts / "present-slide2.png"))
    title = page.locator("h1").first.inner_text()
    page.get_by_role("button", name="Sau ▶").click()
    page.wait_for_function("() => location.search.includes('slide=3')", timeout=30_000)
    page.wait_for_function("t => document.querySelector('h1').innerText !== t", arg=title, timeout=30_000)
    page.get_by_role("button", name="◀ Trước").click()
    page.wait_for_function("() => location.search.includes('slide=2')", timeout=30_000)
    page.wait_for_function("t => document.querySelector('h1').innerText === t", arg=title, timeout=30_000)
    page.close()
    # the link with the slide number restores that slide in a new browser page
    page, _ = _open(browser, f"{server}/present?slide=3&province=14", width=1920, height=1080)
    _no_exception(page)
    page.screenshot(path=str(artifacts / "present-slide3.png"))
    assert "slide=3" in page.url
    page.close()


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    """The app with an editor account, an empty data folder and a database of its own."""
    _need_browser()
    proc, url, _ = editor_app(tmp_path_factory.mktemp("editor"))
    yield url
    stop(proc)


def _login(browser, url: str, tab: str):
    """Open the Data page, log in as the editor, and open one of its tabs."""
    page, _ = _open(browser, f"{url}/data")
    log_in(page)
    page.get_by_role("tab", name=tab).click()
    return page


def test_editor_walkthrough(editor_server, browser, artifacts, tmp_path):
    """Log in, download the template, fill three products, upload, read the preview, apply, find them on
    the dashboard, restore the previous version."""
    from openpyxl import load_workbook

    page = _login(browser, editor_server, "Tải mẫu")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Tải mẫu Excel (.xlsx)").click()
    template = tmp_path / "mau.xlsx"
    dl.value.save_as(template)
    wb = load_workbook(template)
    ws = wb["Sản phẩm"]
    headers = [c.value for c in ws[1]]
    for name, stars in (("Thử nghiệm chè xanh", "4 sao"), ("Thử nghiệm mật ong", "3 sao"),
                        ("Thử nghiệm miến dong", "tiềm năng 5 sao")):
        values = {"Tên sản phẩm": name, "Chủ thể": "HTX Thử Nghiệm", "Loại chủ thể": "Hợp tác xã", "Tỉnh": "14",
                  "Huyện (trước 2025)": "Mộc Châu", "Hạng sao": stars, "Ngày quyết định": "15/03/2025",
                  "Nguồn": "seed-003"}
        ws.append([values.get(h, "") for h in headers])
    filled = tmp_path / "ba_san_pham.xlsx"
    wb.save(filled)

    page.get_by_role("tab", name="Nhập dữ liệu").click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(filled))
    page.get_by_text("Tệp hợp lệ").wait_for(timeout=60_000)
    assert "thêm 7 dòng" in page.inner_text("body")  # 1 producer, 3 products, 3 evaluations
    page.screenshot(path=str(artifacts / "import-preview.png"), full_page=True)
    page.get_by_role("button", name="Áp dụng").click()
    page.get_by_text("Đã áp dụng").wait_for(timeout=60_000)
    page.close()

    page, _ = _open(browser, f"{editor_server}/products?q=thu%20nghiem")
    assert "3 sản phẩm" in page.inner_text("body")
    page.screenshot(path=str(artifacts / "import-found.png"), full_page=True)
    page.close()

    page = _login(browser, editor_server, "Lịch sử và khôi phục")
    page.get_by_role("button", name="Khôi phục").click()
    page.get_by_text("Đã khôi phục").wait_for(timeout=60_000)
    page.close()
    page, _ = _open(browser, f"{editor_server}/products?q=thu%20nghiem")
    assert "0 sản phẩm" in page.inner_text("body")
    page.close()


def test_two_processes_serve_one_file_through_a_swap(browser, tmp_path, artifacts):
    """Two app processes read the same database file; an import is swapped in under them; both serve the
    new data from their next interaction, with no error."""
    from ocop_data.importer.apply import apply
    from ocop_data.importer.preview import prepare
    from ocop_data.build import build

    _need_browser()
    data_dir = tmp_path / "instance"
    data_dir.mkdir()
    db = tmp_path / "shared.duckdb"
    build(db, data_dir=data_dir)
    servers = [_start_server(db, data_dir) for _ in range(2)]
    try:
        pages = []
        for _, url in servers:
            page, _ = _open(browser, f"{url}/products?q=hai%20tien%20trinh")
            assert "0 sản phẩm" in page.inner_text("body")
            pages.append(page)
        csv_text = ("Tên sản phẩm,Tỉnh,Hạng sao,Nguồn\nChè hai tiến trình,14,4,seed-003\n").encode("utf-8")
        apply(prepare("a.csv", csv_text, data_dir), "t", data_dir, db)
        for page in pages:  # the next interaction: type the search again
            box = page.get_by_label("Tìm sản phẩm hoặc chủ thể (có dấu hoặc không dấu)")
            box.fill("hai tien trinh ")
            box.press("Enter")
            page.get_by_text("1 sản phẩm").first.wait_for(timeout=30_000)
            _no_exception(page)
            page.close()
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(10)
