"""Issue 16, "Done when", in a real browser: an official with no programmer logs in, uploads an official-shaped
list of a province the shipped data does not hold (its title row names Điện Biên), confirms the province,
applies; the overview, the products page and the map then show it by name with its districts."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.test_browser import _login, _no_exception, editor_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser
LIST = ROOT / "tests" / "fixtures" / "imports" / "dien_bien_2024.xlsx"
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def _page(browser, url: str, wait_text: str, device: dict | None = None):
    page = browser.new_context(**device).new_page() if device else browser.new_page(
        viewport={"width": 1440, "height": 1000})
    page.goto(url)
    page.get_by_text(wait_text).first.wait_for(timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    return page


def test_an_official_adds_a_province_by_uploading_its_list(editor_server, browser, playwright, artifacts):  # noqa: F811
    url = editor_server
    page = _login(browser, url, "Nhập dữ liệu")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(LIST))
    # the title row names a province the data does not hold: the preview asks, and nothing can be applied yet
    box = page.get_by_role("checkbox", name="Thêm Điện Biên (mã 11) vào dữ liệu")
    box.wait_for(timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    # the question, in the table of problems (a grid: its cells are in the page, drawn on a canvas)
    page.get_by_text("Tỉnh Điện Biên (mã 11) chưa có trong dữ liệu").first.wait_for(state="attached")
    assert page.get_by_role("button", name="Áp dụng").is_disabled()
    page.screenshot(path=str(artifacts / "new-province-asked.png"), full_page=True)
    box.check(force=True)  # Streamlit draws its own box over the input
    page.get_by_role("button", name="Kiểm tra lại với cách ghép này").click()
    page.get_by_text("Tệp hợp lệ").wait_for(timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    # the products to add, in the province to add (the preview's grid)
    page.get_by_text("Điện Biên (chưa có trong dữ liệu)").first.wait_for(state="attached")
    page.screenshot(path=str(artifacts / "new-province-preview.png"), full_page=True)
    page.get_by_role("button", name="Áp dụng").click()
    page.get_by_text("Đã áp dụng: phiên bản 1").wait_for(timeout=60_000)
    _no_exception(page)
    page.close()

    # the overview: the province by name, with its products counted
    page = _page(browser, f"{url}/?province=11", "liệt kê 4 sản phẩm")
    _no_exception(page)
    assert "Điện Biên: Cơ sở dữ liệu liệt kê 4 sản phẩm" in page.inner_text("body")
    page.close()
    # the products page: each product with the district its address names
    page = _page(browser, f"{url}/products?province=11", "4 sản phẩm")
    _no_exception(page)
    page.screenshot(path=str(artifacts / "new-province-products.png"), full_page=True)
    page.get_by_role("combobox", name="Huyện (trước 2025)").first.click()  # the district filter: its districts
    options = page.get_by_role("option")
    options.first.wait_for(timeout=30_000)
    assert {o.strip().split(" (")[0] for o in options.all_inner_texts()} >= {"Điện Biên", "Điện Biên Phủ",
                                                                            "Mường Ảng", "Tủa Chùa"}
    page.close()
    # the map: its districts' outlines and names, and that it has no sales point placed, on the map and beside it
    for name, device in (("1440", None), ("390", playwright.devices["iPhone 13"])):
        page = _page(browser, f"{url}/map?province=11", "Điện Biên: chưa có điểm bán nào", device)
        _no_exception(page)
        page.locator("canvas").first.wait_for(timeout=30_000)
        page.screenshot(path=str(artifacts / f"new-province-map-{name}.png"), full_page=True)
        page.context.close() if device else page.close()
