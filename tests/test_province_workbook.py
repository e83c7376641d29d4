"""Issue 17, done when: a province kept current with no programmer. Điện Biên (test data) is added, its two
sources and its figures-and-targets workbook go through ``python -m ocop_data import FILE --user U --yes``,
and the overview, star-tier, targets, sources and present pages show its findings, charts, quotes as
sentences and citations (the browser test, tests/test_browser_province.py, does the same from the web page).
"""
from __future__ import annotations

import json

import pytest

from ocop_data.db import Database
from ocop_data.words import t
from tests import province_fixture as pf
from tests.conftest import open_page, plain
from tests.test_writes import cli


@pytest.fixture()
def province(live, tmp_path):
    db, data_dir = live
    pf.add_province(data_dir, db)
    (tmp_path / "nguon.csv").write_bytes(pf.sources_csv())
    (tmp_path / "dien_bien.xlsx").write_bytes(pf.workbook())
    return db, data_dir, tmp_path


def test_the_workbook_through_the_command_line(province):
    db, data_dir, folder = province
    sources = cli("import", folder / "nguon.csv", "--user", "bien-tap", "--yes")
    assert sources.returncode == 0, sources.stderr
    done = cli("import", folder / "dien_bien.xlsx", "--user", "bien-tap", "--yes")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "[Số liệu] Số liệu / figures" in out and "Tổng số sản phẩm OCOP → Tổng số sản phẩm OCOP" in out
    assert "Nguồn mới / new source" in out and "Cổng thông tin (mẫu thử), 2024, “Sản phẩm OCOP Điện Biên (mẫu thử)”" in out
    assert "“phát triển mới 31 sản phẩm” → đúng 31 · Sản phẩm mới trong kỳ kế hoạch" in out
    assert "“3–5 sản phẩm tiềm năng 5 sao” → từ 3 đến 5 · Sản phẩm tiềm năng 5 sao · hạn 31/12/2025" in out
    cur = Database(db).cursor()
    assert cur.execute("SELECT count(*) FROM figure WHERE territory_key = '11'").fetchone()[0] == 16
    assert cur.execute("SELECT count(*) FROM target WHERE territory_key = '11'").fetchone()[0] == 5
    assert cur.execute("SELECT count(*) FROM source WHERE address LIKE '%mau-thu%'").fetchone()[0] == 3
    again = cli("import", folder / "dien_bien.xlsx", "--user", "bien-tap", "--yes")
    assert again.returncode == 0 and "Nothing to import" in again.stdout


def _imported(province):
    db, data_dir, folder = province
    for name in ("nguon.csv", "dien_bien.xlsx"):
        assert cli("import", folder / name, "--user", "bien-tap", "--yes").returncode == 0


def test_the_pages_show_its_findings_quotes_and_citations(province):
    _imported(province)
    overview = open_page(None, province=pf.KEY)
    assert not overview.exception
    rows = " ".join(el.proto.body for el in overview.get("html"))
    assert "120" in rows and "3 báo cáo không rõ ngày: 72, trên 109, 138" in rows  # the row lists the undated
    spec = json.loads(overview.get("plotly_chart")[0].proto.spec)
    title = spec["layout"]["title"]["text"].replace("<br>", " ")
    assert "Điện Biên: 120 sản phẩm OCOP (10/2024, suy ra)" in title and "ghi số lớn hơn: 138" in title
    captions = " ".join(plain(c.value) for c in overview.caption)
    assert "3 báo cáo không rõ ngày: 72, trên 109, 138" in captions  # beside the chart

    stars = open_page("pages/stars.py", province=pf.KEY)
    assert not stars.exception
    spec = json.loads(stars.get("plotly_chart")[0].proto.spec)
    title = spec["layout"]["title"]["text"].replace("<br>", " ")
    assert title.startswith("Điện Biên: 120 sản phẩm OCOP (10/2024, suy ra), chưa công bố phân hạng sao; phân hạng gần "
                            "nhất (06/2024): 67 sản phẩm 3 sao; nguồn khác cùng thời điểm: 64 sản phẩm 3 sao và 31 "
                            "sản phẩm 4 sao")  # the split the chart's latest bar shows, and the other source's
    assert title.endswith("1 báo cáo không rõ ngày ghi số lớn hơn: 138")
    assert "3 báo cáo không rõ ngày: 72, trên 109, 138" in " ".join(plain(c.value) for c in stars.caption)
    stars.session_state[f"view_tiers_{pf.KEY}"] = "table"  # the chart's people's table (the toggle)
    stars.run()
    tables = [df.value for df in stars.dataframe]
    quotes = " ".join(" ".join(map(str, tb.get(t("quote", "vi"), []))) for tb in tables)
    assert "“Đến tháng 12/2022, toàn tỉnh có 46 sản phẩm OCOP" in quotes  # the source's sentence, as a sentence
    assert "Theo tệp dien_bien.xlsx, trang Số liệu, dòng 7:" in quotes and "“Theo tệp" not in quotes

    targets = open_page("pages/targets.py", province=pf.KEY)
    assert not targets.exception
    spec = json.loads(targets.get("plotly_chart")[0].proto.spec)
    assert "Điện Biên" in spec["layout"]["title"]["text"] and "150" in spec["layout"]["title"]["text"]
    detail = next(df.value for df in targets.dataframe if t("col_achieved", "vi") in df.value.columns)
    row = detail[detail[t("col_target_full", "vi")] == "phát triển mới 31 sản phẩm"].iloc[0]
    assert row[t("status", "vi")].endswith("Đã đạt") and "12 + 10 + 9 = 31" in row[t("col_achieved", "vi")]
    said = detail[detail[t("col_target_full", "vi")] == "ít nhất 150 sản phẩm OCOP"].iloc[0][t("quote", "vi")]
    assert said == "“phấn đấu đến năm 2025 có ít nhất 150 sản phẩm OCOP”"

    sources = open_page("pages/sources.py", province=pf.KEY)
    assert not sources.exception
    labels = [plain(e.label) for e in sources.expander]
    assert any("Báo Điện Biên (mẫu thử)" in x or "Điện Biên thêm sản phẩm OCOP (mẫu thử)" in x for x in labels)
    code = " ".join(c.value for c in sources.code)
    assert "Báo Điện Biên (mẫu thử), “Điện Biên thêm sản phẩm OCOP (mẫu thử)”, " \
           "https://baodienbien.example.vn/mau-thu/ocop-tang (không nêu: ngày đăng)" in code

    present = open_page("pages/present.py", province=pf.KEY, slide="2")  # the province's headline slide
    assert not present.exception
    body = " ".join(plain(x.value) for x in [*present.title, *present.markdown]) + " ".join(
        el.proto.body for el in present.get("html"))
    assert "Điện Biên: 120 sản phẩm OCOP (10/2024, suy ra)" in body and "ghi số lớn hơn: 138" in body
    assert "3 báo cáo không rõ ngày: 72, trên 109, 138" in body


def test_the_template_has_the_vietnamese_sheets_with_lists_and_notes(live, tmp_path):
    """`python -m ocop_data template` writes Nguồn, Số liệu and Mục tiêu with the README's columns, drop-down
    lists for the province, the kind and the source, and a note on the headers that need one; the CSV
    template has the same sheets."""
    import zipfile

    from openpyxl import load_workbook

    from ocop_data.importer.report_headers import TEMPLATE
    assert cli("template", "--out", tmp_path).returncode == 0
    wb = load_workbook(tmp_path / "mau_nhap_ocop.xlsx")
    for use, sheet in (("sources", "Nguồn"), ("figures", "Số liệu"), ("targets", "Mục tiêu")):
        ws = wb[sheet]
        heads = [c.value for c in ws[1]]
        assert heads == list(TEMPLATE[use].values())
        noted = {c.value for c in ws[1] if c.comment}
        validated = {heads[ws[next(iter(r.sqref.ranges)).coord.split(":")[0]].column - 1]
                     for r in ws.data_validations.dataValidation}
        if use == "sources":
            assert {"Ngày đăng", "Ngày lấy", "Địa chỉ"} <= noted and not validated
        else:
            assert {"Tỉnh", "Nguồn"} <= validated and {"Câu nguyên văn", "Nguồn"} <= noted
    assert {"Tổng số sản phẩm OCOP", "Tính đến", "Ngày suy ra"} <= {c.value for c in wb["Số liệu"][1] if c.comment}
    lists = wb["Danh sách"]
    names = [c.value for c in next(col for col in lists.iter_cols() if col[0].value == "province_name")[1:] if c.value]
    assert "Sơn La" in names and "Tuyên Quang" in names
    # the product sheet's Tỉnh list names every province too (a new user met only the codes 14 and 08-2025)
    product_list = [c.value for c in next(col for col in lists.iter_cols() if col[0].value == "province")[1:] if c.value]
    assert product_list == names and "Lào Cai" in product_list and "14" not in product_list
    (tmp_path / "csv").mkdir()  # the CSV template is a folder of files: --out names a folder that exists
    assert cli("template", "--out", tmp_path / "csv", "--format", "csv").returncode == 0
    with zipfile.ZipFile(tmp_path / "csv" / "mau_nhap_ocop_csv.zip") as z:
        head = z.read("so_lieu.csv").decode("utf-8-sig").splitlines()[0]
        assert head.split(",") == list(TEMPLATE["figures"].values())
        assert {"nguon.csv", "so_lieu.csv", "muc_tieu.csv"} <= set(z.namelist())


def test_the_filled_template_imports_as_the_readme_says(province):
    """The README's steps on the template itself: its sheets filled as an office would (the example rows of
    the guide sheet are not data), the whole workbook imported at once."""
    from openpyxl import load_workbook

    db, data_dir, folder = province
    assert cli("template", "--out", folder).returncode == 0
    wb = load_workbook(folder / "mau_nhap_ocop.xlsx")

    def fill(name, rows):
        ws = wb[name]
        heads = [c.value for c in ws[1]]
        for r in rows:
            ws.append([r.get(h, "") for h in heads])

    fill("Nguồn", [dict(zip(pf.SOURCE_HEAD, [pf.SOURCE_A[f] for f in pf.SOURCE_FIELDS]))])
    fill("Sản phẩm", [{"Tên sản phẩm": "Gạo Điện Biên (mẫu thử)", "Chủ thể": "HTX gạo (mẫu thử)", "Tỉnh": "Điện Biên",
                       "Hạng sao": "4 sao", "Ngày quyết định": "15/11/2024", "Nguồn": pf.A}])
    fill("Số liệu", [dict(zip(pf.FIGURE_HEAD, pf.FIGURES[0]))])
    fill("Mục tiêu", [dict(zip(pf.TARGET_HEAD, pf.TARGETS[1]))])
    wb.save(folder / "mau_da_dien.xlsx")
    done = cli("import", folder / "mau_da_dien.xlsx", "--user", "bien-tap", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Thêm 8," in done.stdout  # a source, a producer, a product, its rating, 3 figures, a target: no example row
    assert "“Danh sách”" not in done.stdout + done.stderr  # the template's hidden lists are not data: no note
    cur = Database(db).cursor()
    assert cur.execute("SELECT count(*) FROM product WHERE name = 'Gạo Điện Biên (mẫu thử)'").fetchone()[0] == 1
    assert cur.execute("SELECT count(*) FROM target WHERE territory_key = '11'").fetchone()[0] == 1
