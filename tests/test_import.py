"""Imports: a catalogue of messy and bad files (each with its exact outcome), atomic apply under
concurrent readers, accounts and the Data page. (A killed write, restore and retire: tests/test_writes.py.)"""
from __future__ import annotations

import csv
import hashlib
import io
import shutil
import threading
import time
import unicodedata
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from ocop_data import accounts
from ocop_data.importer.apply import apply
from ocop_data.importer.preview import prepare
from ocop_data.importer.reading import MAX_BYTES
from ocop_data.messages import ImportRefused
from ocop_data.db import Database
from tests.conftest import ROOT

HEAD = ["Tên sản phẩm", "Chủ thể", "Loại chủ thể", "Tỉnh", "Huyện (trước 2025)", "Hạng sao", "Ngày quyết định",
        "Nguồn"]
ROW = ["Miến dong Mường Khiêng", "HTX Miến Mường Khiêng", "Hợp tác xã", "14", "Thuận Châu", "4 sao", "12/05/2024",
       "seed-003"]


def csv_bytes(rows, delimiter=",", encoding="utf-8") -> bytes:
    s = io.StringIO()
    csv.writer(s, delimiter=delimiter).writerows(rows)
    return s.getvalue().encode(encoding)


def cp1258(text: str) -> bytes:
    """Windows-1258: base letters with their vowel marks, tone marks as combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", d[0] + "".join(m for m in d[1:] if m not in tones))
            out += base.encode("cp1258") + "".join(m for m in d[1:] if m in tones).encode("cp1258")
    return out


def xlsx_bytes(sheets: dict, title_rows: int = 0, merged: bool = False) -> bytes:
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for i in range(title_rows):
            ws.append([f"BÁO CÁO SẢN PHẨM OCOP — dòng tiêu đề {i + 1}"])
        if merged and title_rows:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEAD))
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(**changes):
    r = dict(zip(HEAD, ROW))
    r.update(changes)
    return [r[h] for h in HEAD]


# (case id, file name, bytes, expected: "ok" with a check, or the refusal / issue rule)
def _cases():
    nfd = [unicodedata.normalize("NFD", c) for c in ROW]
    unaccented = ["Ten san pham", "Chu the", "Loai chu the", "Tinh", "Huyen", "So sao", "Ngay quyet dinh", "Nguon"]
    return [
        ("utf8", "a.csv", csv_bytes([HEAD, ROW]), "ok"),
        ("utf8_bom", "a.csv", b"\xef\xbb\xbf" + csv_bytes([HEAD, ROW]), "ok"),
        ("utf16", "a.csv", csv_bytes([HEAD, ROW], encoding="utf-16"), "ok"),
        ("windows_1258", "a.csv", cp1258("\n".join(",".join(r) for r in [HEAD, ROW]) + "\n"), "ok"),
        ("semicolons", "a.csv", csv_bytes([HEAD, ROW], delimiter=";"), "ok"),
        ("no_diacritics_headers", "a.csv", csv_bytes([unaccented, ROW]), "ok"),
        ("nfd_text", "a.csv", csv_bytes([HEAD, nfd]), "ok"),
        ("old_tone_placement", "a.csv", csv_bytes([HEAD, row(**{"Tên sản phẩm": "Chè thuỷ hoà"})]), "ok"),
        ("stars_4", "a.csv", csv_bytes([HEAD, row(**{"Hạng sao": "4"})]), "ok"),
        ("stars_4_star_sign", "a.csv", csv_bytes([HEAD, row(**{"Hạng sao": "4*"})]), "ok"),
        ("stars_black_stars", "a.csv", csv_bytes([HEAD, row(**{"Hạng sao": "★★★★"})]), "ok"),
        ("stars_potential_5", "a.csv", csv_bytes([HEAD, row(**{"Hạng sao": "tiềm năng 5 sao"})]), "ok"),
        ("bare_year", "a.csv", csv_bytes([HEAD, row(**{"Ngày quyết định": "2024"})]), "ok"),
        ("excel_serial", "a.csv", csv_bytes([HEAD, row(**{"Ngày quyết định": "45424"})]), "ok"),
        ("stray_spaces", "a.csv", csv_bytes([HEAD, [f"  {c}  " for c in ROW]]), "ok"),
        ("empty_trailing_rows", "a.csv", csv_bytes([HEAD, ROW, [""] * 8, [""] * 8]), "ok"),
        ("xlsx_title_rows", "a.xlsx", xlsx_bytes({"Sản phẩm": [HEAD, ROW]}, title_rows=2), "ok"),
        ("xlsx_merged_title", "a.xlsx", xlsx_bytes({"Sản phẩm": [HEAD, ROW]}, title_rows=1, merged=True), "ok"),
        ("xlsx_second_sheet", "a.xlsx", xlsx_bytes({"Ghi chú": [["Xem trang sau"]], "Dữ liệu": [HEAD, ROW]}), "ok"),
        ("formula_cell", "a.csv", csv_bytes([HEAD, row(**{"Tên sản phẩm": "=HYPERLINK(\"http://x\")"})]), "ok"),
        ("missing_column", "a.csv", csv_bytes([[h for h in HEAD if h != "Hạng sao"],
                                               [c for h, c in zip(HEAD, ROW) if h != "Hạng sao"]]),
         "missing_column"),
        ("duplicate_product", "a.csv", csv_bytes([HEAD, ROW, ROW]), "duplicate_product"),
        ("stars_outside_scale", "a.csv", csv_bytes([HEAD, row(**{"Hạng sao": "7"})]), "bad_star"),
        ("two_stars", "a.csv", csv_bytes([HEAD, row(**{"Hạng sao": "2 sao"})]), "bad_star"),
        ("bad_date", "a.csv", csv_bytes([HEAD, row(**{"Ngày quyết định": "31/02/2024"})]), "bad_date"),
        ("unknown_district", "a.csv", csv_bytes([HEAD, row(**{"Huyện (trước 2025)": "Hà Đông"})]),
         "unknown_district"),
        ("unknown_source", "a.csv", csv_bytes([HEAD, row(**{"Nguồn": "no-such"})]), "unknown_source"),
        ("unknown_province", "a.csv", csv_bytes([HEAD, row(**{"Tỉnh": "99"})]), "unknown_province"),
        # a new producer's type is read from its name ("HTX …") when the file gives none
        ("subject_type_from_name", "a.csv", csv_bytes([HEAD, row(**{"Loại chủ thể": ""})]), "ok"),
        ("unknown_subject_type", "a.csv", csv_bytes([HEAD, row(**{"Loại chủ thể": "linh tinh"})]),
         "subject_type_needed"),
        ("empty_file", "a.csv", b"", "empty"),
        ("header_only", "a.csv", csv_bytes([HEAD]), "empty"),
        ("too_large", "a.csv", csv_bytes([HEAD, ROW]) + b" " * (MAX_BYTES + 1), "too_large"),
        ("renamed_not_xlsx", "a.xlsx", b"%PDF-1.4 this is not a workbook", "not_spreadsheet"),
        ("password_protected", "a.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password"),
        ("broken_xls", "a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "not_xls"),
        ("not_a_table", "a.csv", csv_bytes([["a", "b"], ["1", "2"]]), "no_header"),
        ("sales_point_outside_province", "a.csv", csv_bytes([
            ["point_id", "territory_key", "entry_kind", "name", "lat", "lon", "precision", "opened_precision",
             "as_of_precision", "source_id"],
            ["p-hanoi", "14", "point", "Cửa hàng Hà Nội", "21,03", "105,85", "address", "undated", "undated",
             "seed-000"]]), "outside_province"),
    ]


CASES = _cases()



def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_catalogue_has_at_least_25_files():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case,name,data,expected", CASES, ids=[c[0] for c in CASES])
def test_catalogue(live, case, name, data, expected):
    db, data_dir = live
    before = sha(db)
    try:
        prev = prepare(name, data, data_dir)
    except ImportRefused as exc:
        assert exc.issue.rule == expected, exc.issue.message("en")
        assert exc.issue.message("vi") and exc.issue.message("en")
        assert sha(db) == before
        return
    if expected != "ok":
        rules = [i.rule for i in prev.issues]
        assert expected in rules, [i.message("en") for i in prev.issues]
        issue = next(i for i in prev.issues if i.rule == expected)
        assert issue.sheet and (issue.row or expected in ("missing_column", "no_header"))
        assert "Traceback" not in issue.message("vi")
        assert sha(db) == before
        with pytest.raises(ValueError):
            apply(prev, "tester", data_dir, db)
        assert sha(db) == before
        return
    assert prev.ok, [(i.where("en"), i.message("en")) for i in prev.issues]
    apply(prev, "tester", data_dir, db)
    rows = Database(db).cursor().execute(
        "SELECT p.name, e.stars, e.decided, e.decided_precision, p.district_code, s.subject_type FROM product p "
        "JOIN evaluation e USING (product_id) LEFT JOIN subject s USING (subject_id) "
        "WHERE p.origin <> 'shipped'").fetchall()
    assert len(rows) == 1
    name_, stars, decided, precision, district, stype = rows[0]
    assert unicodedata.is_normalized("NFC", name_) and name_ == name_.strip()
    expected_stars = {"stars_potential_5": "5p"}.get(case, "4")
    assert stars == expected_stars
    if case == "bare_year":
        assert (decided, precision) == ("2024", "year")
    elif case == "excel_serial":
        assert (decided, precision) == ("2024-05-12", "day")
    else:
        assert (decided, precision) == ("2024-05-12", "day")
    assert district == "119" and stype == "htx"
    if case == "formula_cell":
        from ui.frame import csv_bytes as export
        import pandas as pd
        assert name_.startswith("=")  # stored as the text it is
        assert "'=HYPERLINK" in export(pd.DataFrame({"name": [name_]})).decode("utf-8-sig")


def test_possibly_the_same_as_an_existing_product(live):
    db, data_dir = live
    prev = prepare("a.csv", csv_bytes([HEAD, row(**{"Tên sản phẩm": "Xoài sấy dẽo",
                                                             "Chủ thể": "HTX Xuân Tiến mới"})]), data_dir)
    assert prev.ok and [(p.where, p.label, p.other, p.decision) for p in prev.possibly_same] == [
        ("a:2", "Xoài sấy dẽo", "Xoài sấy dẻo", "")]
    assert not prev.has_changes and [n.rule for n in prev.notes] == ["possibly_same_left_out"]  # a person decides


def test_same_product_again_is_a_change_not_a_duplicate(live):
    db, data_dir = live
    apply(prepare("a.csv", csv_bytes([HEAD, ROW]), data_dir), "t", data_dir, db)
    prev = prepare("b.csv", csv_bytes([HEAD, row(**{"Hạng sao": "3"})]), data_dir)
    assert prev.ok
    assert not any(t == "product" for t, _, _ in prev.added)  # the product is known; a new evaluation is added
    assert any(t == "evaluation" for t, _, _ in prev.added)


def test_readers_never_see_an_error_or_half_an_import(live):
    db, data_dir = live
    reader = Database(db)
    base = reader.cursor().execute("SELECT count(*) FROM product").fetchone()[0]
    seen, errors, stop = set(), [], threading.Event()

    def read():
        while not stop.is_set():
            try:
                cur = reader.cursor()
                seen.add(cur.execute("SELECT count(*) FROM product").fetchone()[0])
            except Exception as exc:  # noqa: BLE001
                errors.append(repr(exc))

    threads = [threading.Thread(target=read) for _ in range(3)]
    for th in threads:
        th.start()
    try:
        for i in range(3):
            rows = [HEAD] + [row(**{"Tên sản phẩm": f"Sản phẩm thử {i}-{k}"}) for k in range(2)]
            apply(prepare(f"{i}.csv", csv_bytes(rows), data_dir), "t", data_dir, db)
            deadline = time.monotonic() + 30
            while base + 2 * (i + 1) not in seen and not errors and time.monotonic() < deadline:
                stop.wait(0.01)  # until a reader has seen this version (they read without pause)
    finally:
        stop.set()
        for th in threads:
            th.join(10)
    assert not errors, errors[:3]
    assert seen <= {base, base + 2, base + 4, base + 6}
    assert base + 6 in seen or reader.cursor().execute("SELECT count(*) FROM product").fetchone()[0] == base + 6


def test_accounts_hash_and_growing_delay(tmp_path, monkeypatch):
    with pytest.raises(ValueError):
        accounts.set_password("ana", "short", tmp_path)
    accounts.set_password("ana", "a long passphrase", tmp_path)
    stored = (tmp_path / "accounts.json").read_text()
    assert "a long passphrase" not in stored
    assert accounts.attempt("ana", "a long passphrase", tmp_path).ok
    clock = [1000.0]
    monkeypatch.setattr(accounts, "_clock", lambda: clock[0])
    assert not accounts.attempt("ana", "wrong", tmp_path).ok
    assert accounts.wait_seconds("ana", data_dir=tmp_path) == 1
    assert accounts.attempt("ana", "a long passphrase", tmp_path).wait == 1  # during the delay: refused, unchecked
    clock[0] += 1
    assert accounts.attempt("ana", "a long passphrase", tmp_path).ok  # slowed down, never locked out


def test_data_page_needs_a_login(tmp_path, monkeypatch, built_db):
    later = [0.0]  # seconds added to the clock the login's delay reads (its own: the app's clock is left alone)
    monkeypatch.setattr(accounts, "time", SimpleNamespace(monotonic=lambda: time.monotonic() + later[0]))
    data_dir = tmp_path / "instance"
    data_dir.mkdir()
    db = tmp_path / "ocop.duckdb"
    shutil.copy(built_db, db)
    monkeypatch.setenv("OCOP_DB", str(db))
    monkeypatch.setenv("OCOP_DATA_DIR", str(data_dir))
    clock = [1000.0]
    monkeypatch.setattr(accounts, "_clock", lambda: clock[0])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception
    assert any("set-password" in c.value for c in at.code)  # no account, no default password
    accounts.set_password("bien-tap", "mật khẩu dài đủ", data_dir)
    at.run()
    at.text_input[0].set_value("bien-tap")
    at.text_input[1].set_value("sai mật khẩu rồi")
    at.button[0].click().run()
    assert any("không đúng" in e.value for e in at.error)
    at.text_input[1].set_value("mật khẩu dài đủ")
    at.button[0].click().run()  # at once: the growing delay (1 s after one failure) asks to wait
    assert any("chờ 1 giây" in e.value for e in at.error)
    clock[0] += 1  # the second has passed
    at.button[0].click().run()
    assert not at.exception
    assert [tab.label for tab in at.tabs][:2] == ["Nhập dữ liệu", "Lịch sử và khôi phục"]


def test_unknown_headers_can_be_mapped_by_hand(live):
    db, data_dir = live
    data = csv_bytes([["Cột A", "Cột B", "Cột C", "Cột D"], ["Chè tay", "14", "4", "seed-003"]])
    first = prepare("x.csv", data, data_dir)  # the mapping step is shown, nothing recognised
    assert [i.rule for i in first.issues] == ["no_header"]
    assert [c.header for c in first.plan.sheets[0].columns] == ["Cột A", "Cột B", "Cột C", "Cột D"]
    prev = prepare("x.csv", data, data_dir, mapping={0: "name", 1: "province", 2: "stars", 3: "source"})
    assert prev.ok and [p["name"] for p in prev.tables["product"]] == ["Chè tay"]
