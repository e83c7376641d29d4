"""Templates to download: the product sheet, and the sheets an office keeps its province current with
("Nguồn", "Số liệu", "Mục tiêu"), with Vietnamese headers, drop-down lists and a note on each header that
needs one; producers and sales points in their tables' own columns (``schema.py``). As XLSX or CSV."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from .importer.headers import TEMPLATE_HEADERS
from .importer.report_headers import FIGURES, SHEET_NAMES, SOURCES, TARGETS, TEMPLATE as REPORT_HEADERS
from . import provinces as provinces_ref
from .schema import TABLES
from .text import fold
from .validate import load_dataset

EXAMPLE = {"name": "Miến dong Mường Khiêng", "subject": "HTX ví dụ", "subject_type": "Hợp tác xã",
           "province": "Sơn La", "district": "Thuận Châu", "commune": "", "group": "Thực phẩm", "stars": "4 sao",
           "decided": "12/05/2024", "decision_no": "", "level": "tỉnh", "source": "seed-003",
           "note": "Dòng ví dụ: hãy xóa trước khi tải lên"}
OTHER_SHEETS = {"subject": "Chủ thể", "sales_point": "Điểm bán"}  # in their tables' own columns
# the Vietnamese sheets, in the order an office fills them (a source first: the others cite it)
REPORT_SHEETS = (SOURCES, FIGURES, TARGETS)
CSV_NAMES = {SOURCES: "nguon.csv", FIGURES: "so_lieu.csv", TARGETS: "muc_tieu.csv"}
# a note on the header cells that need one (shown when the cell is pointed at in Excel)
NOTES = {
    "published": "Ngày đăng như trang ghi: dd/mm/yyyy, mm/yyyy hoặc yyyy. Để trống nếu trang không nêu (ghi là "
                 "“không nêu”). Không ghi ngày đoán (“khoảng 2023” bị từ chối).",
    "gathered": "Ngày lấy số liệu từ trang. Để trống = hôm nay.",
    "address": "Địa chỉ trang (https://…). Nguồn đã có (cùng địa chỉ) được nhận ra, không thêm lần nữa.",
    "as_of": "Ngày của số liệu như nguồn nêu (dd/mm/yyyy, mm/yyyy hoặc yyyy). Để trống nếu nguồn không nêu: số "
             "liệu vẫn hiện, ghi là “không rõ ngày”.",
    "total": "Mỗi ô có số là một số liệu. Có thể ghi kèm “hơn”, “ít nhất”, “khoảng” (ví dụ “hơn 150”). Số đếm "
             "không dùng dấu phẩy: 1234 hoặc 1.234.",
    "round_new": "Số sản phẩm được công nhận mới trong một đợt đánh giá (Tính đến = ngày của đợt). Dùng để so với "
                 "mục tiêu “phát triển mới … sản phẩm”.",
    "kind": "“báo cáo” (số đã đạt) hoặc “ước tính”. Để trống = báo cáo.",
    "source": "Mã, địa chỉ hoặc tiêu đề của nguồn (đã có, hoặc ghi ở trang “Nguồn” của tệp này).",
    "quote": "Câu của nguồn nêu các số của dòng, chép đúng nguyên văn. Phải nêu mọi số của dòng, nếu không dòng bị "
             "từ chối. Để trống: dòng trích các ô của tệp.",
    "inferred_date": "Chỉ khi nguồn không nêu ngày: ngày số liệu ứng với (lưu là “suy ra”, không phải ngày của "
                     "nguồn). Cần ghi Lý do suy ra.",
    "inferred_reason": "Vì sao số liệu ứng với ngày suy ra (ví dụ: bài ngày 12/03/2024 nói “hiện nay”).",
    "document": "Tên văn bản, số và ngày: “Kế hoạch 90/KH-UBND ngày 02/06/2021”.",
    "wording": "Mục tiêu như văn bản viết: “ít nhất 100 sản phẩm 4 sao”, “phát triển mới 31 sản phẩm”, “100% xã có "
               "sản phẩm OCOP”, “15–20 sản phẩm xuất khẩu”.",
    "deadline": "Hạn: yyyy hoặc dd/mm/yyyy. Để trống nếu mục tiêu ghi “đến năm 2025”.",
}
EXAMPLES = {
    SOURCES: {"address": "https://baodienbienphu.info.vn/vi-du", "title": "Tiêu đề bài như trang ghi",
              "publisher": "Báo Điện Biên Phủ", "published": "15/03/2025", "gathered": "", "note": ""},
    FIGURES: {"province": "Điện Biên", "as_of": "03/2025", "total": "hơn 150", "s3": "120", "s4": "30", "s5": "",
              "subjects": "", "round_new": "", "kind": "báo cáo", "note": "",
              "source": "https://baodienbienphu.info.vn/vi-du", "quote": "", "inferred_date": "",
              "inferred_reason": ""},
    TARGETS: {"province": "Điện Biên", "document": "Kế hoạch 90/KH-UBND ngày 02/06/2021",
              "wording": "ít nhất 100 sản phẩm 4 sao", "deadline": "2025",
              "source": "https://baodienbienphu.info.vn/vi-du", "quote": "", "note": ""},
}


def _lists(data_dir: Path | None):
    ds = load_dataset(data_dir=data_dir)
    codes = {r.values["code"] for r in ds.rows["territory"] if r.values["level"] == "province"}
    districts = sorted({d["short_name"] for d in ds.geo["districts"] if d["province_code"] in codes})  # the data's
    current = [r.values for r in ds.rows["territory"]
               if r.values["level"] == "province" and not r.values.get("valid_to")]
    # every province by name (a province not in the data yet is added when the editor confirms it)
    names = sorted({p.name for p in provinces_ref.reference().values() if p.current} | {v["name_vi"] for v in current},
                   key=fold)
    sources = [r.values["source_id"] for r in ds.rows["source"]]
    return {
        "stars": ["3 sao", "4 sao", "5 sao", "tiềm năng 5 sao"],
        "subject_type": ["Hợp tác xã", "Doanh nghiệp", "Tổ hợp tác", "Hộ kinh doanh"],
        "group": ["Thực phẩm", "Đồ uống", "Dược liệu và sản phẩm từ dược liệu", "Hàng thủ công mỹ nghệ",
                  "Sinh vật cảnh", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"],
        "district": districts, "province": names, "level": ["huyện", "tỉnh", "quốc gia"], "source": sources,
        "province_name": names,
        "kind": ["báo cáo", "ước tính"],
    }


def xlsx(data_dir: Path | None = None) -> bytes:
    """The workbook: 'Sản phẩm' with drop-downs (lists on a hidden sheet), then the other tables."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = _lists(data_dir)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sản phẩm"
    fields = list(TEMPLATE_HEADERS)
    ws.append([TEMPLATE_HEADERS[f] for f in fields])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F618D")
    for i, f in enumerate(fields, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = 22 if f not in ("name", "subject") else 34
    hidden = wb.create_sheet("Danh sách")
    for j, (key, values) in enumerate(lists.items(), start=1):
        hidden.cell(1, j, key)
        for k, v in enumerate(values, start=2):
            hidden.cell(k, j, v)
        if key in fields:
            col = ws.cell(1, fields.index(key) + 1).column_letter
            ref = f"'Danh sách'!${hidden.cell(1, j).column_letter}$2:${hidden.cell(1, j).column_letter}${len(values) + 1}"
            dv = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=False)
            ws.add_data_validation(dv)
            dv.add(f"{col}2:{col}2000")
    hidden.sheet_state = "hidden"
    guide = wb.create_sheet("Hướng dẫn")
    guide.append(["Mỗi dòng của trang “Sản phẩm” là một lần xếp hạng của một sản phẩm. Cần có: Tên sản phẩm, Hạng sao, "
                  "Tỉnh (tên hoặc mã tỉnh) và Nguồn (địa chỉ, tiêu đề hoặc mã của nguồn; hoặc chọn một nguồn cho cả "
                  "tệp khi tải lên). Huyện: chọn trong danh sách, hoặc ghi tên huyện trước 2025."])
    guide.append(["Ngày quyết định: dd/mm/yyyy, hoặc chỉ năm. Hạng sao: 3, 4, 5 hoặc “tiềm năng 5 sao”."])
    guide.append(["Ví dụ:"])
    guide.append([TEMPLATE_HEADERS[f] for f in fields])
    guide.append([EXAMPLE[f] for f in fields])
    ranges = {key: f"'Danh sách'!${hidden.cell(1, j).column_letter}$2:${hidden.cell(1, j).column_letter}$"
                   f"{len(values) + 1}" for j, (key, values) in enumerate(lists.items(), start=1)}
    guide.append([])
    guide.append(["Các trang “Nguồn”, “Số liệu”, “Mục tiêu”: nguồn trước (các trang khác ghi địa chỉ hoặc tiêu đề "
                  "của nguồn), mỗi dòng “Số liệu” là một báo cáo (mỗi ô có số là một số liệu), mỗi dòng “Mục tiêu” là "
                  "một mục tiêu như văn bản viết. Trỏ chuột vào tiêu đề cột để xem hướng dẫn."])
    for use in REPORT_SHEETS:
        guide.append([f"Ví dụ trang “{SHEET_NAMES[use]}”:"])
        guide.append(list(REPORT_HEADERS[use].values()))
        guide.append([EXAMPLES[use][f] for f in REPORT_HEADERS[use]])
        _report_sheet(wb, use, ranges)
    for table, title in OTHER_SHEETS.items():
        other = wb.create_sheet(title)
        other.append(TABLES[table].column_names)
        for cell in other[1]:
            cell.font = Font(bold=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _report_sheet(wb, use: str, ranges: dict) -> None:
    """One of the Vietnamese sheets: its headers (bold, with a note where one helps), drop-downs for the
    province, the kind and the source (any other text is still accepted: a new source's address)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(SHEET_NAMES[use])
    fields = list(REPORT_HEADERS[use])
    ws.append([REPORT_HEADERS[use][f] for f in fields])
    for i, f in enumerate(fields, start=1):
        cell = ws.cell(1, i)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F618D")
        if f in NOTES:
            cell.comment = Comment(NOTES[f], "OCOP")
            cell.comment.width, cell.comment.height = 320, 140
        ws.column_dimensions[cell.column_letter].width = {"address": 40, "title": 40, "wording": 44, "quote": 50,
                                                          "document": 36}.get(f, 18)
        lst = {"province": "province_name", "kind": "kind", "source": "source"}.get(f)
        if lst:
            dv = DataValidation(type="list", formula1=ranges[lst], allow_blank=True, showErrorMessage=False)
            ws.add_data_validation(dv)
            dv.add(f"{cell.column_letter}2:{cell.column_letter}1000")
    ws.freeze_panes = "A2"


def csv_zip() -> bytes:
    """The same templates as CSV files (UTF-8 with BOM), zipped."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        s = io.StringIO()
        w = csv.writer(s)
        w.writerow([TEMPLATE_HEADERS[f] for f in TEMPLATE_HEADERS])
        z.writestr("san_pham.csv", "\ufeff" + s.getvalue())
        for use in REPORT_SHEETS:
            s = io.StringIO()
            csv.writer(s).writerow(list(REPORT_HEADERS[use].values()))
            z.writestr(CSV_NAMES[use], "\ufeff" + s.getvalue())
        for table in OTHER_SHEETS:
            s = io.StringIO()
            csv.writer(s).writerow(TABLES[table].column_names)
            z.writestr(f"{table}.csv", "\ufeff" + s.getvalue())
    return buf.getvalue()
