"""Files as they come (issue 16 §6, §7): .xls workbooks, cells merged over several products, formula
cells without a value, hidden sheets, legacy TCVN3/VNI text and sheets that reach too far; each
message in both languages."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from ocop_data.db import Database
from ocop_data.importer.apply import apply
from ocop_data.importer.preview import prepare
from ocop_data.messages import ImportRefused
from tests.test_import import HEAD, ROW, csv_bytes, row, xlsx_bytes

LIST_HEAD = ["STT", "Tên sản phẩm", "Tên chủ thể", "Phân hạng", "Năm công nhận"]
TITLE = "DANH SÁCH SẢN PHẨM OCOP NĂM 2024 (tệp mẫu thử cho kiểm thử)"

# TCVN3 (ABC): the .VnTime fonts' codes for Vietnamese letters; an upper-case font (.VnTimeH) shows the
# lower-case codes as capitals, so capitals are written with them too
_TCVN3 = dict(zip(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ",
    "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ"))


def tcvn3(text: str) -> str:
    return "".join(_TCVN3.get(ch.lower(), ch) if not ch.isascii() else ch for ch in text)


def xls_bytes(sheets: dict, hidden: tuple = (), merged: tuple = ()) -> bytes:
    """An Excel 97–2003 workbook (xlwt); ``merged``: (sheet, first row, last row, column) 0-based."""
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    day = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        spans = {(r1, c): r2 for s, r1, r2, c in merged if s == name}
        covered = {(r, c) for (r1, c), r2 in spans.items() for r in range(r1 + 1, r2 + 1)}
        for i, cells in enumerate(rows):
            for j, v in enumerate(cells):
                if (i, j) in covered:
                    continue
                if (i, j) in spans:
                    ws.write_merge(i, spans[(i, j)], j, j, v)
                elif isinstance(v, dt.date):
                    ws.write(i, j, v, day)
                else:
                    ws.write(i, j, v)
        if name in hidden:
            ws.visibility = 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def products(db, names):
    return Database(db).cursor().execute(
        "SELECT p.name, s.name, e.stars, e.decided FROM product p JOIN evaluation e USING (product_id) "
        "LEFT JOIN subject s USING (subject_id) WHERE p.name IN (SELECT unnest(?)) ORDER BY p.name",
        [list(names)]).fetchall()


def test_an_xls_workbook_is_read_like_an_xlsx(live):
    db, data_dir = live
    day = dt.date(2024, 5, 12)
    data = xls_bytes({"Sản phẩm": [[TITLE], HEAD, row(**{"Ngày quyết định": day})]})
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    prev = prepare("danh_sach.xls", data, data_dir)
    assert prev.ok, [i.message("en") for i in prev.issues]
    assert prev.plan.sheets[0].header_number == 2
    quote = prev.tables["evaluation"][0]["quote"]
    assert quote.startswith("danh_sach.xls, Sản phẩm, row 3: ")  # the sheet is named, as for .xlsx
    apply(prev, "bien-tap", data_dir, db)
    assert products(db, [ROW[0]]) == [(ROW[0], ROW[1], "4", "2024-05-12")]


def test_a_file_named_xls_that_is_no_workbook_says_so(live):
    db, data_dir = live
    with pytest.raises(ImportRefused) as exc:
        prepare("bao_cao.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", data_dir)
    assert exc.value.rule == "not_xls"
    assert ".xls" in exc.value.issue.message("vi") and "lưu lại dạng .xlsx" in exc.value.issue.message("vi")
    assert "save it as .xlsx" in exc.value.issue.message("en")


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_producer_merged_over_its_products_belongs_to_each(live, kind):
    """Official lists merge one producer (and its address, its decision) over its products."""
    db, data_dir = live
    rows = [[TITLE], LIST_HEAD + ["Nguồn"],
            [1, "Gạo séng cù mẫu thử A", "HTX mẫu thử Mường Thanh", "3 sao", 2024, "seed-003"],
            [2, "Gạo séng cù mẫu thử B", None, "4 sao", 2024, "seed-003"],
            [3, "Chè mẫu thử C", "HTX mẫu thử khác", "3 sao", 2024, "seed-003"]]
    if kind == "xls":
        data = xls_bytes({"DS": [[c if c is not None else "" for c in r] for r in rows]}, merged=(("DS", 2, 3, 2),))
    else:
        from openpyxl import Workbook
        wb = Workbook()
        ws = wb.active
        ws.title = "DS"
        for r in rows:
            ws.append(r)
        ws.merge_cells("C3:C4")
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    prev = prepare(f"a.{kind}", data, data_dir, overrides={"province": "14"})
    assert prev.ok, [i.message("en") for i in prev.issues]
    assert ("DS", 4, "Tên chủ thể ← ô gộp từ dòng 3") in prev.derived  # said, not silent
    apply(prev, "bien-tap", data_dir, db)
    got = {p: s for p, s, _, _ in products(db, ["Gạo séng cù mẫu thử A", "Gạo séng cù mẫu thử B", "Chè mẫu thử C"])}
    assert got == {"Gạo séng cù mẫu thử A": "HTX mẫu thử Mường Thanh", "Gạo séng cù mẫu thử B": "HTX mẫu thử Mường Thanh",
                   "Chè mẫu thử C": "HTX mẫu thử khác"}


def test_a_merged_title_is_not_repeated_across_columns(live):
    db, data_dir = live
    prev = prepare("a.xlsx", xlsx_bytes({"Sản phẩm": [HEAD, ROW]}, title_rows=1, merged=True), data_dir)
    assert prev.ok and prev.plan.sheets[0].title == [(1, "BÁO CÁO SẢN PHẨM OCOP — dòng tiêu đề 1")]


def test_a_formula_without_a_cached_value_says_so(live):
    """A workbook written by a program and never opened in Excel holds formulas without values."""
    from openpyxl import Workbook

    db, data_dir = live
    wb = Workbook()
    ws = wb.active
    ws.append(HEAD)
    ws.append(row(**{"Hạng sao": '=CONCATENATE("4", " sao")'}))
    buf = io.BytesIO()
    wb.save(buf)
    prev = prepare("a.xlsx", buf.getvalue(), data_dir)
    assert [i.rule for i in prev.issues] == ["formula_no_value"]  # not "must not be empty"
    issue = prev.issues[0]
    assert (issue.row, issue.column) == (2, "Hạng sao")
    assert "công thức chưa có giá trị" in issue.message("vi") and "Excel" in issue.message("vi")
    assert "formula with no computed value" in issue.message("en")


def test_a_hidden_sheet_is_named_as_skipped_and_why(live):
    db, data_dir = live
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(xlsx_bytes({"Sản phẩm": [HEAD, ROW],
                                              "Năm trước": [HEAD, row(**{"Tên sản phẩm": "Chè ẩn"})]})))
    wb["Năm trước"].sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    for name, data in (("a.xlsx", buf.getvalue()),
                       ("a.xls", xls_bytes({"Sản phẩm": [HEAD, ROW], "Năm trước": [HEAD, ROW]},
                                           hidden=("Năm trước",)))):
        prev = prepare(name, data, data_dir)
        assert prev.ok and [n.rule for n in prev.notes] == ["hidden_sheet"], name
        assert "Trang “Năm trước” bị ẩn" in prev.notes[0].message("vi") and "bỏ ẩn" in prev.notes[0].message("vi")
        assert "Sheet “Năm trước” is hidden" in prev.notes[0].message("en")
        assert [p["name"] for p in prev.tables["product"]] == [ROW[0]]


@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
def test_a_legacy_encoding_is_named(live, encoding):
    db, data_dir = live
    if encoding == "TCVN3":
        head, first = [tcvn3(h) for h in LIST_HEAD], [1, tcvn3("Gạo séng cù"), tcvn3("Hợp tác xã Mường Thanh"),
                                                      tcvn3("3 sao"), 2024]
        assert head[1] == "Tªn s¶n phÈm"
    else:  # VNI-Windows: a base letter, then its marks
        head = ["STT", "Teân saûn phaåm", "Teân chuû theå", "Phaân haïng", "Naêm coâng nhaän"]
        first = [1, "Gaïo seùng cuø", "Hôïp taùc xaõ Möôøng Thanh", "3 sao", 2024]
    for name, data in (("a.xlsx", xlsx_bytes({"DS": [head, first]})),
                       ("a.csv", csv_bytes([head, first], encoding="latin-1" if encoding == "TCVN3" else "cp1252"))):
        with pytest.raises(ImportRefused) as exc:
            prepare(name, data, data_dir)
        assert exc.value.rule == "legacy_encoding", name
        vi, en = exc.value.issue.message("vi"), exc.value.issue.message("en")
        assert f"Tệp dùng bảng mã {encoding}" in vi and "lưu lại dạng Unicode" in vi
        assert f"uses the {encoding}" in en and "save it as Unicode" in en


def test_unicode_text_with_a_brand_sign_is_no_legacy_encoding(live):
    db, data_dir = live
    rows = [HEAD] + [row(**{"Tên sản phẩm": f"Cà phê Bích Thao® số {i}"}) for i in range(3)]
    assert prepare("a.csv", csv_bytes(rows), data_dir).ok


def test_a_sheet_reaching_too_far_is_refused_before_it_is_laid_out(live):
    from openpyxl import Workbook

    db, data_dir = live
    for far, rule, words in (("AZ1048576", "sheet_too_large", ("dòng 1.048.576", "row 1.048.576")),
                             ("XFD1", "too_many_columns", ("200 cột", "200 columns"))):
        wb = Workbook()
        ws = wb.active
        ws.append(HEAD)
        ws.append(ROW)
        ws[far] = "x"
        buf = io.BytesIO()
        wb.save(buf)
        with pytest.raises(ImportRefused) as exc:
            prepare("a.xlsx", buf.getvalue(), data_dir)
        assert exc.value.rule == rule
        assert words[0] in exc.value.issue.message("vi") and words[1] in exc.value.issue.message("en")
