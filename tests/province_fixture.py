"""A province kept current from the Vietnamese sheets (issue 17): Điện Biên (test data, marked "mẫu thử"),
added through its product list (issue 16's official-shaped fixture, the province confirmed by the editor),
then its figures and targets in a workbook of Vietnamese sheets citing two sources that the office adds
itself (in the upload step's form, or with a "Nguồn" file on the command line).

The figures are made up for the tests: never shipped, never in the default database."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ocop_data.schema import TABLES

KEY = "11"
NAME = "Điện Biên"
SOURCE_A = {"address": "https://dienbien.example.gov.vn/mau-thu/bao-cao-ocop", "title": "Báo cáo kết quả OCOP (mẫu thử)",
            "publisher": "Sở Nông nghiệp Điện Biên (mẫu thử)", "published": "15/01/2025", "gathered": "",
            "note": ""}
SOURCE_B = {"address": "https://baodienbien.example.vn/mau-thu/ocop-tang", "title": "Điện Biên thêm sản phẩm OCOP (mẫu thử)",
            "publisher": "Báo Điện Biên (mẫu thử)", "published": "", "gathered": "", "note": "Trang không nêu ngày đăng"}
SOURCE_C = {"address": "https://www.vietnam.example/mau-thu/dien-bien-ocop/", "title": "Sản phẩm OCOP Điện Biên (mẫu thử)",
            "publisher": "Cổng thông tin (mẫu thử)", "published": "2024", "gathered": "01/12/2026", "note": ""}
SOURCES = (SOURCE_A, SOURCE_B)  # added by the office in the upload step (or a "Nguồn" file)
A, B, C = SOURCE_A["address"], SOURCE_B["address"], SOURCE_C["address"]
FIGURE_HEAD = ["Tỉnh", "Tính đến", "Tổng số sản phẩm OCOP", "3 sao", "4 sao", "5 sao", "Số chủ thể",
               "Mới công nhận trong đợt", "Loại", "Ghi chú", "Nguồn", "Câu nguyên văn", "Ngày suy ra", "Lý do suy ra"]
FIGURES = [
    # a report with its sentence (verbatim)
    ["Điện Biên", "12/2022", 46, 40, 6, "", "", "", "báo cáo", "", A,
     "Đến tháng 12/2022, toàn tỉnh có 46 sản phẩm OCOP, trong đó 40 sản phẩm 3 sao và 6 sản phẩm 4 sao", "", ""],
    ["Điện Biên", "02/2023", 52, "", "", "", 38, "", "", "", A, "", "", ""],
    # the rounds ("phát triển mới 31 sản phẩm" is met by 12 + 10 + 9)
    ["Điện Biên", "20/12/2021", "", "", "", "", "", 12, "", "", A, "", "", ""],
    ["Điện Biên", "15/11/2022", "", "", "", "", "", 10, "", "", A, "", "", ""],
    ["Điện Biên", "05/12/2023", "", "", "", "", "", 9, "", "", B, "", "", ""],
    # two sources that disagree at one date (64 vs 67 three-star)
    ["Điện Biên", "06/2024", 95, 64, 31, "", "", "", "", "", A, "", "", ""],
    ["Điện Biên", "06/2024", "", 67, "", "", "", "", "", "", B, "", "", ""],
    # undated press figures: shown, never on the time axis
    ["Điện Biên", "", 72, "", "", "", "", "", "", "", B, "", "", ""],
    ["Điện Biên", "", "hơn 109", "", "", "", "", "", "", "", "Báo cáo kết quả OCOP (mẫu thử)", "", "", ""],
    # an undated report whose time the editor knows: stored as inferred, with the reason
    ["Điện Biên", "", 120, "", "", "", "", "", "", "", C, "", "10/2024",
     "bài ngày 05/11/2024 nói “hiện nay” (mẫu thử)"],
]
UNDATED_C = ["Điện Biên", "", 138, "", "", "", "", "", "", "", "Sản phẩm OCOP Điện Biên (mẫu thử)", "", "", ""]
TARGET_HEAD = ["Tỉnh", "Văn bản", "Mục tiêu", "Hạn", "Nguồn", "Câu nguyên văn"]
PLAN = "Kế hoạch 45/KH-UBND ngày 15/03/2021 (mẫu thử)"
TARGETS = [
    ["Điện Biên", PLAN, "phát triển mới 31 sản phẩm", "2025", A, ""],
    ["Điện Biên", PLAN, "ít nhất 150 sản phẩm OCOP", "2025", A, "phấn đấu đến năm 2025 có ít nhất 150 sản phẩm OCOP"],
    ["Điện Biên", PLAN, "ít nhất 40 sản phẩm 4 sao", "2025", A, ""],
    ["Điện Biên", PLAN, "100% xã có sản phẩm OCOP", "2025", B, ""],
    ["Điện Biên", PLAN, "3–5 sản phẩm tiềm năng 5 sao", "31/12/2025", B, ""],
]
SOURCE_HEAD = ["Địa chỉ", "Tiêu đề", "Đơn vị đăng", "Ngày đăng", "Ngày lấy", "Ghi chú"]
SOURCE_FIELDS = ("address", "title", "publisher", "published", "gathered", "note")


def xlsx(sheets: dict) -> bytes:
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def workbook(with_sources: bool = False) -> bytes:
    """The figures-and-targets workbook: its "Nguồn" sheet holds source C; A and B are added by the office
    (``with_sources``: all three on the sheet)."""
    sheets = {"Nguồn": [SOURCE_HEAD] + [[s[f] for f in SOURCE_FIELDS]
                                        for s in ((*SOURCES, SOURCE_C) if with_sources else (SOURCE_C,))]}
    sheets["Số liệu"] = [FIGURE_HEAD] + FIGURES + [UNDATED_C]
    sheets["Mục tiêu"] = [TARGET_HEAD] + TARGETS
    return xlsx(sheets)


def sources_csv() -> bytes:
    """The two sources as a "Nguồn" file (UTF-8 with BOM, as Excel saves it)."""
    s = io.StringIO()
    w = csv.writer(s)
    w.writerow(SOURCE_HEAD)
    for src in SOURCES:
        w.writerow([src[f] for f in SOURCE_FIELDS])
    return ("\ufeff" + s.getvalue()).encode("utf-8")


LIST = Path(__file__).resolve().parent / "fixtures" / "imports" / "dien_bien_2024.xlsx"  # issue 16's fixture


def territory_csv() -> bytes:
    """The province as a territory row (the way a province came in before issue 16's flow; kept for the
    territory-table test)."""
    row = {"territory_key": KEY, "code": KEY, "name_vi": NAME, "name_en": NAME, "level": "province",
           "valid_from_precision": "undated", "valid_to_precision": "undated", "lat": "21.386", "lon": "103.023",
           "source_id": "luatvietnam-202-2025"}
    s = io.StringIO()
    w = csv.DictWriter(s, fieldnames=TABLES["territory"].column_names)
    w.writeheader()
    w.writerow({c: row.get(c, "") for c in TABLES["territory"].column_names})
    return s.getvalue().encode("utf-8")


def add_province(data_dir, db) -> None:
    """Điện Biên in the data through its product list, the province confirmed as the editor does (a recorded
    version)."""
    from ocop_data.importer.apply import apply
    from ocop_data.importer.new_provinces import CONFIRM
    from ocop_data.importer.preview import prepare
    prev = prepare(LIST.name, LIST.read_bytes(), data_dir, overrides={CONFIRM: KEY})
    assert prev.ok, [i.message("en") for i in prev.issues]
    apply(prev, "bien-tap", data_dir, db)
