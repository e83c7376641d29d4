"""Issue 17, done when, in a real browser: an official logs in, adds a province the data does not hold through
its product list (issue 16's Điện Biên list, the province confirmed), uploads the province's Vietnamese
figures-and-targets workbook (test data), adds the two sources it cites in the upload step, applies; then the
overview, star-tier, targets, sources and present pages show its findings, charts, quotes as sentences and
citations. No CSV is edited by hand. Screenshots go to tests/artifacts/province-*.png."""
from __future__ import annotations

import pytest

from tests import province_fixture as pf
from tests.browserkit import need_browser, start_server, stop

pytestmark = pytest.mark.browser
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
CHARTS_DRAWN = ("() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
                ".every(c => c.querySelector('.main-svg'))")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_browser()
    from ocop_data import accounts
    from ocop_data.build import build

    base = tmp_path_factory.mktemp("province")
    data_dir = base / "instance"
    data_dir.mkdir()
    accounts.set_password("bien-tap", "mật khẩu thật dài", data_dir)
    db = base / "ocop.duckdb"
    build(db, data_dir=data_dir)
    (base / "dien_bien.xlsx").write_bytes(pf.workbook())
    proc, url = start_server(db, data_dir)
    yield url, base / "dien_bien.xlsx"
    stop(proc)


def _settled(page, text: str | None = None, timeout: int = 90_000) -> None:
    """Wait for the script run to end (and for ``text``, and for every chart to be drawn): no fixed pause."""
    if text:
        page.get_by_text(text, exact=False).first.wait_for(timeout=timeout)
    page.wait_for_function(IDLE, timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout)


def _open(browser, url: str, text: str | None = None):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    _settled(page, text)
    return page


def _no_error(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, page.locator(
        '[data-testid="stAlertContentError"]').first.inner_text()


def _add_source(page, src: dict) -> None:
    form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name="Thêm nguồn này"))
    form.get_by_role("textbox", name="Địa chỉ", exact=True).fill(src["address"])
    form.get_by_role("textbox", name="Tiêu đề", exact=True).fill(src["title"])
    form.get_by_role("textbox", name="Đơn vị đăng", exact=True).fill(src["publisher"])
    form.get_by_role("textbox", name="Ngày đăng", exact=True).fill(src["published"])
    form.get_by_role("textbox", name="Ghi chú", exact=True).fill(src["note"])
    form.get_by_role("button", name="Thêm nguồn này").click()
    page.get_by_text(src["title"]).first.wait_for(timeout=90_000)  # listed with its citation line
    page.wait_for_function(IDLE, timeout=90_000)


def test_an_official_keeps_a_province_current_from_the_web_page(server, browser, artifacts):
    url, workbook = server
    page = _open(browser, f"{url}/data")
    page.get_by_label("Tên đăng nhập").fill("bien-tap")
    page.get_by_label("Mật khẩu").fill("mật khẩu thật dài")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("tab", name="Nhập dữ liệu").wait_for(timeout=30_000)
    # the province comes in with its product list, on the official's confirmation (issue 16)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(pf.LIST))
    box = page.get_by_role("checkbox", name="Thêm Điện Biên (mã 11) vào dữ liệu")
    box.wait_for(timeout=90_000)
    page.wait_for_function(IDLE, timeout=90_000)
    box.check(force=True)  # Streamlit draws its own box over the input
    page.get_by_role("button", name="Kiểm tra lại với cách ghép này").click()
    _settled(page, "Tệp hợp lệ")
    page.get_by_role("button", name="Áp dụng").click()
    page.get_by_text("Đã áp dụng: phiên bản 1").wait_for(timeout=120_000)
    page.wait_for_function(IDLE, timeout=90_000)
    # then its figures and targets
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(workbook))
    _settled(page, "3. Áp dụng")
    body = page.inner_text("body")
    assert "vấn đề cần sửa" in body  # the two sources it cites are not recorded yet
    assert page.get_by_role("button", name="Áp dụng").is_disabled()
    page.screenshot(path=str(artifacts / "province-upload.png"), full_page=True)

    _add_source(page, pf.SOURCE_A)
    _add_source(page, pf.SOURCE_B)
    _settled(page, "Tệp hợp lệ")
    body = page.inner_text("body").replace("\u2060", "")
    # the citation lines a reporter would paste, what was read from the targets' words
    assert "Báo Điện Biên (mẫu thử), “Điện Biên thêm sản phẩm OCOP (mẫu thử)”, " \
           "https://baodienbien.example.vn/mau-thu/ocop-tang (không nêu: ngày đăng)" in body
    assert "Sở Nông nghiệp Điện Biên (mẫu thử), 15/01/2025, “Báo cáo kết quả OCOP (mẫu thử)”" in body
    assert "đúng 31 · Sản phẩm mới trong kỳ kế hoạch · từ 15/03/2021 · hạn 2025" in body
    assert "Quote: " not in body and "Nguyên văn nguồn: “phấn đấu đến năm 2025 có ít nhất 150 sản phẩm OCOP”" in body
    page.screenshot(path=str(artifacts / "province-preview.png"), full_page=True)
    page.get_by_role("heading", name="2. Xem trước").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "province-preview-2.png"))
    page.get_by_text("Mục tiêu: đọc được từ lời văn bản").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "province-preview-3.png"))
    page.get_by_role("button", name="Áp dụng").click()
    page.get_by_text("Đã áp dụng: phiên bản 2").wait_for(timeout=120_000)
    _no_error(page)
    page.close()

    # the overview: the row, the chart's finding, the undated reports beside it
    page = _open(browser, f"{url}/?province={pf.KEY}", "báo cáo không rõ ngày")
    _no_error(page)
    body = page.inner_text("body")
    assert "3 báo cáo không rõ ngày: 72, trên 109, 138" in body
    title = page.locator('[data-testid="stPlotlyChart"] .gtitle').filter(has_text="Điện Biên: 120")
    title.first.wait_for(timeout=60_000)  # the totals chart's finding
    assert "Điện Biên: 120 sản phẩm OCOP (10/2024, suy ra)" in title.first.text_content()
    page.screenshot(path=str(artifacts / "province-overview.png"), full_page=True)
    page.close()

    # the star tiers: the finding; the people's table with the quotes, a sentence in quotation marks, the
    # file's cells as where they came from
    page = _open(browser, f"{url}/stars?province={pf.KEY}", "phân hạng")
    _no_error(page)
    tier_title = page.locator('[data-testid="stPlotlyChart"] .gtitle').filter(has_text="gần nhất (06/2024)")
    tier_title.first.wait_for(timeout=60_000)  # the star-tier chart (the rounds' chart is drawn below it)
    title = tier_title.first.text_content()
    assert "(06/2024): 67 sản phẩm 3 sao" in title and "64 sản phẩm 3 sao" in title  # both sources of 06/2024
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    page.screenshot(path=str(artifacts / "province-stars.png"), full_page=True)
    page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').first.locator("button", has_text="Bảng").click()
    head = page.locator(f'[class*="st-key-tablehead-tiers_{pf.KEY}"]')  # the chart has turned into its table
    head.wait_for(timeout=30_000)
    page.wait_for_function(IDLE, timeout=60_000)
    head.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "province-stars-table.png"))
    page.close()

    # the targets: the headline target's finding; the plan period's sum with its formula; the plan's words
    page = _open(browser, f"{url}/targets?province={pf.KEY}", "Điện Biên")
    _no_error(page)
    title = page.locator('[data-testid="stPlotlyChart"] .gtitle').filter(has_text="Kế hoạch 45")
    title.first.wait_for(timeout=60_000)  # the headline target's finding
    assert "Điện Biên" in title.first.text_content() and "150" in title.first.text_content()
    body = page.inner_text("body")
    # the plan period's target ("phát triển mới 31 sản phẩm") in its row, met by the sum of three rounds
    assert "sản phẩm mới trong kỳ kế hoạch = 31" in body and "12 + 10 + 9 = 31" in body
    page.screenshot(path=str(artifacts / "province-targets.png"), full_page=True)
    page.close()

    # the sources of the province: each with its citation; the two that disagree (64 vs 67)
    page = _open(browser, f"{url}/sources?province={pf.KEY}", "Nguồn số liệu của Điện Biên")
    _no_error(page)
    body = page.inner_text("body")
    assert "Điện Biên thêm sản phẩm OCOP (mẫu thử)" in body and "Báo cáo kết quả OCOP (mẫu thử)" in body
    page.get_by_role("tab", name="Các nguồn vênh nhau").click()
    cells = page.locator('[role="tabpanel"]:visible td[role="gridcell"]')  # the grid's accessible cells
    cells.filter(has_text="Sản phẩm 3 sao").first.wait_for(state="attached", timeout=30_000)
    shown = " ".join(cells.all_text_contents())
    assert "64" in shown and "67" in shown and "Báo Điện Biên (mẫu thử)" in shown
    page.screenshot(path=str(artifacts / "province-sources-conflicts.png"), full_page=True)
    page.close()

    # the headline slide: the finding and the undated reports
    page = _open(browser, f"{url}/present?province={pf.KEY}&slide=2", "Điện Biên: 120 sản phẩm OCOP")
    _no_error(page)
    body = page.inner_text("body")
    assert "ghi số lớn hơn: 138" in body and "3 báo cáo không rõ ngày: 72, trên 109, 138" in body
    page.screenshot(path=str(artifacts / "province-present.png"))
    page.close()
