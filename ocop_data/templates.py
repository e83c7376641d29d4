"""Templates to download: the product sheet with Vietnamese headers and drop-down lists, and one
sheet per other table (columns as in ``schema.py``), as XLSX or CSV."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from .importer.headers import TEMPLATE_HEADERS
from .schema import TABLES
from .validate import load_dataset

EXAMPLE = {"name": "Miến dong Mường Khiêng", "subject": "HTX ví dụ", "subject_type": "Hợp tác xã",
           "province": "14", "district": "Thuận Châu", "commune": "", "group": "Thực phẩm", "stars": "4 sao",
           "decided": "12/05/2024", "decision_no": "", "level": "tỉnh", "source": "seed-003",
           "note": "Dòng ví dụ: hãy xóa trước khi tải lên"}
OTHER_SHEETS = {"subject": "Chủ thể", "sales_point": "Điểm bán", "figure": "Số liệu", "target": "Mục tiêu",
                "source": "Nguồn"}


def _lists(data_dir: Path | None):
    ds = load_dataset(data_dir=data_dir)
    codes = {r.values["code"] for r in ds.rows["territory"] if r.values["level"] == "province"}
    districts = sorted({d["short_name"] for d in ds.geo["districts"] if d["province_code"] in codes})  # the data's
    provinces = [r.values["territory_key"] for r in ds.rows["territory"]
                 if r.values["level"] == "province" and not r.values.get("valid_to")]
    sources = [r.values["source_id"] for r in ds.rows["source"]]
    return {
        "stars": ["3 sao", "4 sao", "5 sao", "tiềm năng 5 sao"],
        "subject_type": ["Hợp tác xã", "Doanh nghiệp", "Tổ hợp tác", "Hộ kinh doanh"],
        "group": ["Thực phẩm", "Đồ uống", "Dược liệu và sản phẩm từ dược liệu", "Hàng thủ công mỹ nghệ",
                  "Sinh vật cảnh", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"],
        "district": districts, "province": provinces, "level": ["huyện", "tỉnh", "quốc gia"], "source": sources,
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
    guide.append(["Mỗi dòng của trang “Sản phẩm” là một lần xếp hạng của một sản phẩm. Các cột có dấu * là bắt buộc: "
                  "Tên sản phẩm, Hạng sao, Tỉnh (mã tỉnh), Nguồn (mã nguồn đã có trong bảng theo dõi)."])
    guide.append(["Ngày quyết định: dd/mm/yyyy, hoặc chỉ năm. Hạng sao: 3, 4, 5 hoặc “tiềm năng 5 sao”."])
    guide.append(["Ví dụ:"])
    guide.append([TEMPLATE_HEADERS[f] for f in fields])
    guide.append([EXAMPLE[f] for f in fields])
    for table, title in OTHER_SHEETS.items():
        other = wb.create_sheet(title)
        other.append(TABLES[table].column_names)
        for cell in other[1]:
            cell.font = Font(bold=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_zip() -> bytes:
    """The same templates as CSV files (UTF-8 with BOM), zipped."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        s = io.StringIO()
        w = csv.writer(s)
        w.writerow([TEMPLATE_HEADERS[f] for f in TEMPLATE_HEADERS])
        z.writestr("san_pham.csv", "\ufeff" + s.getvalue())
        for table in OTHER_SHEETS:
            s = io.StringIO()
            csv.writer(s).writerow(TABLES[table].column_names)
            z.writestr(f"{table}.csv", "\ufeff" + s.getvalue())
    return buf.getvalue()
