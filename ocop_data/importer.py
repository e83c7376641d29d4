"""Imports of user files: read, recognise, normalise, validate, preview, apply, restore, retire.

An accepted import is kept as a folder in the local data folder (DATA-RULES §7):
``imports/NNNN-name/`` with ``rows/<table>.csv`` (the normalised rows), ``original/<file>`` (the
upload as received) and ``meta.json`` (who, when, file name, sha256, row counts). Every build
replays the accepted imports after the shipped files, so a rebuild never loses them. An import
adds and updates by identity; it never deletes. History lives in ``history.jsonl`` beside them.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .build import build
from .problems import BuildError
from .schema import DATA_FILES, FACT_TABLES, STARS, TABLES
from .text import fold, nfc
from .validate import import_dirs, load_dataset

MAX_BYTES = 20 * 1024 * 1024  # the app's own upload limit (Streamlit's server limit is set higher)


# --- refusals and row problems, in the user's words ---------------------------------------

MESSAGES = {
    "empty": ("Tệp trống: không có dòng dữ liệu nào. Hãy điền dữ liệu vào mẫu rồi tải lên lại.",
              "The file is empty: it has no data rows. Fill in the template and upload it again."),
    "too_large": ("Tệp lớn hơn giới hạn {limit} MB. Hãy chia thành nhiều tệp nhỏ hơn.",
                  "The file is larger than the {limit} MB limit. Split it into smaller files."),
    "legacy_xls": ("Tệp .xls (Excel 97–2003) không được hỗ trợ. Hãy mở trong Excel và lưu lại dưới dạng .xlsx.",
                   "Legacy .xls files are not supported. Open it in Excel and save it as .xlsx."),
    "password": ("Tệp Excel có mật khẩu. Hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi tải lên lại.",
                 "The workbook is password-protected. Remove the password (File › Info › Protect Workbook) "
                 "and upload it again."),
    "not_spreadsheet": ("Tệp này không phải bảng tính Excel (.xlsx) dù có đuôi .xlsx. Hãy lưu lại từ Excel.",
                        "This file is not an Excel workbook even though it is named .xlsx. Save it again from "
                        "Excel."),
    "bad_type": ("Chỉ nhận tệp .csv hoặc .xlsx.", "Only .csv or .xlsx files are accepted."),
    "no_header": ("Không tìm thấy dòng tiêu đề có các cột bắt buộc ({columns}). Hãy dùng mẫu, hoặc chọn cột "
                  "tương ứng ở bước ghép cột.",
                  "No header row with the required columns ({columns}) was found. Use the template, or map "
                  "the columns in the mapping step."),
    "missing_column": ("Thiếu cột bắt buộc “{column}”. Hãy thêm cột này (xem mẫu).",
                       "Required column “{column}” is missing. Add it (see the template)."),
    "required": ("Ô “{column}” không được để trống.", "Cell “{column}” must not be empty."),
    "bad_star": ("Hạng sao “{value}” không hợp lệ: hãy ghi 3, 4, 5 hoặc “tiềm năng 5 sao”.",
                 "Star value “{value}” is not valid: write 3, 4, 5 or “tiềm năng 5 sao” (potential 5-star)."),
    "bad_date": ("Ngày “{value}” không đọc được: hãy ghi dd/mm/yyyy hoặc chỉ năm (yyyy).",
                 "Date “{value}” cannot be read: write dd/mm/yyyy or a year (yyyy)."),
    "bad_number": ("“{value}” không phải là số.", "“{value}” is not a number."),
    "bad_choice": ("“{value}” không có trong danh sách: {choices}.", "“{value}” is not in the list: {choices}."),
    "unknown_district": ("Không tìm thấy huyện “{value}” trong danh sách huyện trước 2025 của tỉnh. Hãy chọn từ "
                         "danh sách thả xuống trong mẫu.",
                         "District “{value}” is not in the province's pre-2025 district list. Pick it from the "
                         "template's drop-down list."),
    "unknown_province": ("Không có tỉnh mã “{value}”. Hãy dùng mã tỉnh (ví dụ 14 = Sơn La, 08-2025 = Tuyên Quang).",
                         "There is no province with key “{value}”. Use a province key (e.g. 14 = Sơn La, "
                         "08-2025 = Tuyên Quang)."),
    "duplicate_product": ("Sản phẩm bị trùng với dòng {other} (cùng tên, cùng chủ thể, cùng lần xếp hạng).",
                          "Duplicate product: same as row {other} (same name, producer and rating)."),
    "outside_province": ("Tọa độ ({lat}, {lon}) nằm ngoài tỉnh. Hãy kiểm tra vĩ độ/kinh độ (có bị đảo không?).",
                         "Coordinates ({lat}, {lon}) lie outside the province. Check latitude/longitude (swapped?)."),
    "coords_pair": ("Hãy ghi cả vĩ độ và kinh độ, hoặc để trống cả hai.",
                    "Give both latitude and longitude, or leave both empty."),
    "unknown_source": ("Không có nguồn mã “{value}”. Hãy thêm nguồn vào sheet Nguồn hoặc dùng mã nguồn có sẵn.",
                       "There is no source with id “{value}”. Add it on the Sources sheet or use an existing id."),
    "subject_type_needed": ("Chủ thể mới “{value}” cần ghi loại chủ thể (HTX, doanh nghiệp, tổ hợp tác, hộ kinh "
                            "doanh).", "New producer “{value}” needs its type (cooperative, enterprise, "
                            "cooperative group, household)."),
    "validation": ("{detail}", "{detail}"),
}


@dataclass
class Issue:
    sheet: str
    row: int | None
    column: str | None
    rule: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str) -> str:
        vi, en = MESSAGES[self.rule]
        return (en if lang == "en" else vi).format(**self.params)

    def where(self, lang: str) -> str:
        parts = [f"{'Sheet' if lang == 'en' else 'Trang'} {self.sheet}"]
        if self.row:
            parts.append(f"{'row' if lang == 'en' else 'dòng'} {self.row}")
        if self.column:
            parts.append(f"{'column' if lang == 'en' else 'cột'} “{self.column}”")
        return ", ".join(parts)


class ImportRefused(Exception):
    def __init__(self, rule: str, **params):
        self.issue = Issue("", None, None, rule, params)
        super().__init__(self.issue.message("en"))


# --- reading ----------------------------------------------------------------------------------

@dataclass
class Sheet:
    name: str
    rows: list  # list[list[object]], first rows may be titles above the header


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258")  # Windows-1258, decoded in Python (no DuckDB extension offline)


def read_upload(name: str, data: bytes, limit: int = MAX_BYTES) -> list[Sheet]:
    """The sheets of an uploaded CSV or XLSX, or a refusal naming what is wrong with the file."""
    lower = name.lower()
    if len(data) > limit:
        raise ImportRefused("too_large", limit=limit // (1024 * 1024))
    if not data.strip():
        raise ImportRefused("empty")
    if lower.endswith(".xls"):
        raise ImportRefused("legacy_xls")
    if lower.endswith(".xlsx"):
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE container: encrypted workbook (or .xls)
            raise ImportRefused("password")
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ImportRefused("not_spreadsheet")
        import openpyxl
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # a zip that is not a workbook
            raise ImportRefused("not_spreadsheet") from exc
        sheets = [Sheet(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
        wb.close()
        return sheets
    if lower.endswith(".csv") or lower.endswith(".txt"):
        text = _decode(data)
        first = text.splitlines()[0] if text.splitlines() else ""
        delimiter = ";" if first.count(";") > first.count(",") else ","
        return [Sheet(Path(name).stem, [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)])]
    raise ImportRefused("bad_type")


# --- recognising the columns ------------------------------------------------------------------

# canonical field -> accepted header spellings (compared on the folded key)
PRODUCT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("Tên sản phẩm", "Ten san pham", "Sản phẩm", "San pham", "Product", "Product name"),
    "subject": ("Chủ thể", "Chu the", "Đơn vị", "Don vi", "Tên HTX", "Ten HTX", "Chủ thể sản xuất", "Producer"),
    "subject_type": ("Loại chủ thể", "Loai chu the", "Loại hình", "Subject type", "Producer type"),
    "province": ("Tỉnh", "Tinh", "Mã tỉnh", "Province"),
    "district": ("Huyện", "Huyen", "Huyện (trước 2025)", "District"),
    "commune": ("Xã", "Xa", "Xã/phường", "Commune"),
    "group": ("Nhóm sản phẩm", "Nhom san pham", "Nhóm", "Group", "Product group"),
    "stars": ("Hạng sao", "Hang sao", "Số sao", "So sao", "Xếp hạng", "Xep hang", "Stars", "Star rating"),
    "decided": ("Ngày quyết định", "Ngay quyet dinh", "Năm", "Nam", "Ngày công nhận", "Decision date", "Year"),
    "decision_no": ("Số quyết định", "So quyet dinh", "Quyết định", "Decision", "Decision no"),
    "level": ("Cấp", "Cap", "Cấp đánh giá", "Level"),
    "source": ("Nguồn", "Nguon", "Mã nguồn", "Source", "Source id"),
    "note": ("Ghi chú", "Ghi chu", "Note"),
}
REQUIRED = ("name", "stars", "province", "source")
TEMPLATE_HEADERS = {  # the template's Vietnamese headers, in order
    "name": "Tên sản phẩm", "subject": "Chủ thể", "subject_type": "Loại chủ thể", "province": "Tỉnh",
    "district": "Huyện (trước 2025)", "commune": "Xã", "group": "Nhóm sản phẩm", "stars": "Hạng sao",
    "decided": "Ngày quyết định", "decision_no": "Số quyết định", "level": "Cấp", "source": "Nguồn",
    "note": "Ghi chú",
}
_ALIASES = {fold(a): f for f, names in PRODUCT_FIELDS.items() for a in names}


def recognise(header: list) -> dict[int, str]:
    """Column index -> canonical field, for the header cells it recognises."""
    out = {}
    for i, cell in enumerate(header):
        key = fold(str(cell or "")).strip(" *:")
        if key in _ALIASES and _ALIASES[key] not in out.values():
            out[i] = _ALIASES[key]
    return out


def find_table(sheets: list[Sheet]) -> tuple[Sheet, int, dict[int, str]]:
    """The sheet and header row holding the table: the first row (of the first 15) naming a product."""
    best = None
    for sheet in sheets:
        for r, row in enumerate(sheet.rows[:15]):
            mapping = recognise(row)
            if "name" in mapping.values() and (best is None or len(mapping) > len(best[2])):
                best = (sheet, r, mapping)
        if best:
            return best
    raise ImportRefused("no_header", columns=", ".join(TEMPLATE_HEADERS[f] for f in REQUIRED))


# --- normalising values -------------------------------------------------------------------------

def clean(value) -> str:
    """Text as the database stores it: NFC, single spaces, trimmed; numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return nfc(unicodedata.normalize("NFC", str(value)))


def parse_stars(text: str) -> str | None:
    t = fold(text).replace("*", " ").strip()
    if not t:
        return None
    if "tiem nang" in t or t in ("5p", "potential 5"):
        return "5p"
    if set(text.strip()) <= {"★", "☆", " "}:
        n = text.count("★")
        return str(n) if str(n) in STARS else None
    m = re.fullmatch(r"(\d)\s*(sao|star|stars)?", t)
    return m.group(1) if m and m.group(1) in STARS else None


def parse_date(value) -> tuple[str, str] | None:
    """(ISO text, precision) from dd/mm/yyyy, a bare year, an ISO date or an Excel serial number."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d"), "day"
    text = clean(value)
    if not text:
        return "", "undated"
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if m:
        try:
            d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
        return d.isoformat(), "day"
    if re.fullmatch(r"(19|20)\d{2}", text):
        return text, "year"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return dt.date(*map(int, m.groups())).isoformat(), "day"
        except ValueError:
            return None
    if re.fullmatch(r"\d{5}(\.0+)?", text):  # Excel serial day number
        d = dt.date(1899, 12, 30) + dt.timedelta(days=int(float(text)))
        if 2000 <= d.year <= 2100:
            return d.isoformat(), "day"
    return None


def parse_number(text: str) -> float | None:
    t = text.replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", t):  # 1.234,5
        t = t.replace(".", "").replace(",", ".")
    else:
        t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


SUBJECT_TYPES = {"htx": ("htx", "hop tac xa", "cooperative"), "dn": ("dn", "doanh nghiep", "cong ty", "enterprise"),
                 "tht": ("tht", "to hop tac", "cooperative group"),
                 "hkd": ("hkd", "ho kinh doanh", "ho san xuat kinh doanh", "household", "household business")}
LEVELS = {"district": ("huyen", "cap huyen", "district"), "province": ("tinh", "cap tinh", "province"),
          "national": ("quoc gia", "trung uong", "national")}


def _choice(text: str, table: dict) -> str | None:
    f = fold(text)
    for key, names in table.items():
        if f in names:
            return key
    return None


# --- the whole import -------------------------------------------------------------------------

@dataclass
class Preview:
    file_name: str
    sha256: str
    sheet: str
    mapping: dict
    tables: dict  # table -> list[dict] normalised rows
    origin: dict  # (table, id) -> sheet row number
    added: list = field(default_factory=list)  # (table, id, label)
    changed: list = field(default_factory=list)  # (table, id, label, before, after)
    unchanged: list = field(default_factory=list)
    possibly_same: list = field(default_factory=list)  # (label, existing label, existing id)
    issues: list = field(default_factory=list)  # Issue
    original: bytes = b""

    @property
    def ok(self) -> bool:
        return not self.issues

    def counts(self) -> dict:
        return {t: len(rows) for t, rows in self.tables.items() if rows}


def _cells_quote(file_name: str, sheet: str, line: int, header: list, cells: list) -> str:
    """An imported row's own words (DATA-RULES §1): 'file, sheet, row N: header=cell; …'."""
    pairs = [f"{h}={clean(c)}" for h, c in zip(header, cells) if clean(c)]
    return f"{Path(file_name).name}, {sheet}, row {line}: " + "; ".join(pairs)


def _slug(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def _existing(data_dir: Path):
    ds = load_dataset(data_dir=data_dir)
    return {name: {r.values.get(TABLES[name].key): r.values for r in ds.rows[name]} if TABLES[name].key else {}
            for name in DATA_FILES}


def _generic_tables(sheets: list[Sheet]) -> list[tuple[Sheet, int, str]]:
    """Sheets laid out like a data file (a schema table's column names as the header) that hold data."""
    out = []
    for sheet in sheets:
        for r, row in enumerate(sheet.rows[:15]):
            cells = [clean(c) for c in row]
            for name in DATA_FILES:
                table = TABLES[name]
                required = {c.name for c in table.columns if c.required}
                if table.key and table.key in cells and required <= set(cells):
                    if any(any(clean(c) for c in rr) for rr in sheet.rows[r + 1:]):
                        out.append((sheet, r, name))
                    break
            else:
                continue
            break
    return out


def _prepare_generic(prev: Preview, found: list[tuple[Sheet, int, str]], data_dir: Path) -> Preview:
    existing = _existing(data_dir)
    for sheet, header_row, table in found:
        header = [clean(c) for c in sheet.rows[header_row]]
        seen = {}
        for offset, r in enumerate(sheet.rows[header_row + 1:]):
            line = header_row + 2 + offset
            if not any(clean(c) for c in r):
                continue
            row = {h: clean(v) for h, v in zip(header, r) if h in TABLES[table].column_names}
            for col in TABLES[table].columns:
                if col.type in ("int", "float") and row.get(col.name):
                    number = parse_number(row[col.name])
                    if number is None:
                        prev.issues.append(Issue(sheet.name, line, col.name, "bad_number", {"value": row[col.name]}))
                    else:
                        row[col.name] = f"{number:g}"
            key = row.get(TABLES[table].key)
            if key in seen:
                prev.issues.append(Issue(sheet.name, line, TABLES[table].key, "duplicate_product",
                                         {"other": seen[key]}))
                continue
            seen[key] = line
            if table in FACT_TABLES and not row.get("quote_status"):
                row["quote_status"] = "imported"
                row["quote"] = _cells_quote(prev.file_name, sheet.name, line, header, r)
            prev.tables[table].append(row)
            prev.origin[(table, key)] = line
    if not prev.issues:
        _classify(prev, existing)
        _validate_together(prev, data_dir)
    return prev


def prepare(name: str, data: bytes, data_dir: Path | None = None, mapping: dict[int, str] | None = None,
            limit: int = MAX_BYTES) -> Preview:
    """Read, recognise, normalise and validate an upload; nothing is written."""
    data_dir = data_dir or paths.local_data_dir()
    sheets = read_upload(name, data, limit)
    generic = _generic_tables(sheets) if mapping is None else []
    if generic:
        prev = Preview(name, hashlib.sha256(data).hexdigest(), generic[0][0].name, {},
                       {t: [] for t in DATA_FILES}, {}, original=data)
        return _prepare_generic(prev, generic, data_dir)
    sheet, header_row, found = find_table(sheets) if mapping is None else (sheets[0], 0, mapping)
    rows = sheet.rows[header_row + 1:]
    if not any(any(clean(c) for c in r) for r in rows):
        raise ImportRefused("empty")
    prev = Preview(name, hashlib.sha256(data).hexdigest(), sheet.name, found,
                   {t: [] for t in DATA_FILES}, {}, original=data)
    header = [clean(c) for c in sheet.rows[header_row]]
    for f in REQUIRED:
        if f not in found.values():
            prev.issues.append(Issue(sheet.name, header_row + 1, TEMPLATE_HEADERS[f], "missing_column",
                                     {"column": TEMPLATE_HEADERS[f]}))
    if prev.issues:
        return prev
    existing = _existing(data_dir)
    territories = existing["territory"]
    districts = _district_index(data_dir)
    subjects_by_key = {}
    for sid, s in existing["subject"].items():
        subjects_by_key[(fold(s["name"]), s["territory_key"])] = sid
    for a in load_dataset(data_dir=data_dir).rows["subject_alias"]:
        s = existing["subject"].get(a.values["subject_id"])
        if s:
            subjects_by_key[(fold(a.values["alias"]), s["territory_key"])] = a.values["subject_id"]
    seen_eval: dict = {}
    col = {f: i for i, f in found.items()}

    def cell(r, f):
        i = col.get(f)
        return clean(r[i]) if i is not None and i < len(r) else ""

    for offset, r in enumerate(rows):
        line = header_row + 2 + offset  # the row number as the spreadsheet shows it
        if not any(clean(c) for c in r):
            continue
        v = {f: cell(r, f) for f in PRODUCT_FIELDS}
        issues = []
        for f in REQUIRED:
            if not v[f]:
                issues.append(Issue(sheet.name, line, header[col[f]], "required", {"column": header[col[f]]}))
        stars = parse_stars(v["stars"]) if v["stars"] else None
        if v["stars"] and stars is None:
            issues.append(Issue(sheet.name, line, header[col["stars"]], "bad_star", {"value": v["stars"]}))
        decided = parse_date(r[col["decided"]] if "decided" in col and col["decided"] < len(r) else "")
        if decided is None:
            issues.append(Issue(sheet.name, line, header[col["decided"]], "bad_date", {"value": v["decided"]}))
        terr = v["province"]
        if terr and terr not in territories:
            match = [k for k, tv in territories.items() if fold(tv["name_vi"]) == fold(terr) and not tv.get("valid_to")]
            terr = match[0] if match else terr
            if terr not in territories:
                issues.append(Issue(sheet.name, line, header[col["province"]], "unknown_province", {"value": v["province"]}))
        district = ""
        if v["district"]:
            district = districts.get((fold(re.sub(r"^(huyen|thanh pho|thi xa|tp\.?)\s+", "", fold(v["district"]))), terr)) \
                or (v["district"] if v["district"] in {d for d, _ in districts.values()} else "")
            if isinstance(district, tuple):
                district = district[0]
            if not district:
                issues.append(Issue(sheet.name, line, header[col["district"]], "unknown_district", {"value": v["district"]}))
        if v["source"] and v["source"] not in existing["source"]:
            issues.append(Issue(sheet.name, line, header[col["source"]], "unknown_source", {"value": v["source"]}))
        subject_id = ""
        if v["subject"]:
            subject_id = subjects_by_key.get((fold(v["subject"]), terr), "")
            if not subject_id:
                stype = _choice(v["subject_type"], SUBJECT_TYPES) if v["subject_type"] else None
                if stype is None:
                    issues.append(Issue(sheet.name, line, header[col["subject_type"]] if "subject_type" in col else
                                        TEMPLATE_HEADERS["subject_type"], "subject_type_needed", {"value": v["subject"]}))
                else:
                    subject_id = "imp-s-" + _slug(fold(v["subject"]), terr)
                    subjects_by_key[(fold(v["subject"]), terr)] = subject_id
                    prev.tables["subject"].append(dict(
                        subject_id=subject_id, name=v["subject"], name_lang="vi", subject_type=stype,
                        territory_key=terr, district_code=district, commune=v["commune"], source_id=v["source"]))
                    prev.origin[("subject", subject_id)] = line
        level = _choice(v["level"], LEVELS) if v["level"] else ("province" if stars in ("4", "5p") else
                                                               "national" if stars == "5" else "province")
        if v["level"] and level is None:
            issues.append(Issue(sheet.name, line, header[col["level"]], "bad_choice",
                                {"value": v["level"], "choices": "huyện, tỉnh, quốc gia"}))
        if issues:
            prev.issues.extend(issues)
            continue
        product_id = "imp-p-" + _slug(fold(v["name"]), subject_id or terr, "" if subject_id else district)
        ekey = (product_id, decided[0], stars)
        if ekey in seen_eval:
            prev.issues.append(Issue(sheet.name, line, header[col["name"]], "duplicate_product",
                                     {"other": seen_eval[ekey]}))
            continue
        seen_eval[ekey] = line
        existing_product = _match_product(existing, fold(v["name"]), subject_id, terr, district)
        if existing_product:
            product_id = existing_product
        if not any(p["product_id"] == product_id for p in prev.tables["product"]):
            prev.tables["product"].append(dict(
                product_id=product_id, name=v["name"], name_lang="vi", subject_id=subject_id, territory_key=terr,
                district_code=district, commune=v["commune"], product_group=v["group"],
                group_decision="148/QĐ-TTg" if v["group"] else "", source_id=v["source"], note=v["note"]))
            prev.origin[("product", product_id)] = line
        eid = "imp-e-" + _slug(product_id, decided[0], stars)
        prev.tables["evaluation"].append(dict(
            evaluation_id=eid, product_id=product_id, stars=stars, decided=decided[0], decided_precision=decided[1],
            decision_no=v["decision_no"], level=level, kind="not_published", source_id=v["source"],
            quote_status="imported", quote=_cells_quote(prev.file_name, sheet.name, line, header, r)))
        prev.origin[("evaluation", eid)] = line
    if prev.issues:
        return prev
    _classify(prev, existing)
    _validate_together(prev, data_dir)
    return prev


def _district_index(data_dir: Path) -> dict:
    ds = load_dataset(data_dir=data_dir)
    out = {}
    terr = {r.values["territory_key"]: r.values for r in ds.rows["territory"]}

    def family(key):
        t = terr.get(key, {})
        keys = {t.get("code")}
        for p in (t.get("predecessors") or "").split(";"):
            if p:
                keys |= family(p)
        return keys

    for d in ds.geo["districts"]:
        for key in terr:
            if d["province_code"] in family(key):
                out[(fold(d["short_name"]), key)] = (d["district_code"], key)
    return out


def _match_product(existing, name_fold, subject_id, terr, district) -> str | None:
    index = existing.setdefault("_by_fold", {})
    if not index:
        for pid, p in existing["product"].items():
            index.setdefault(fold(p["name"]), []).append(pid)
    for pid in index.get(name_fold, []):
        p = existing["product"][pid]
        if subject_id and p.get("subject_id") == subject_id:
            return pid
        if not subject_id and not p.get("subject_id") and p["territory_key"] == terr and \
                (p.get("district_code") or "") == district:
            return pid
    return None


def _classify(prev: Preview, existing: dict) -> None:
    by_fold: dict = {}
    for pid, p in existing["product"].items():
        by_fold.setdefault(fold(p["name"]), []).append((pid, p["name"]))
    folded_names = list(by_fold)
    for table, rows in prev.tables.items():
        key = TABLES[table].key
        for row in rows:
            old = existing[table].get(row[key]) if key else None
            label = row.get("name") or row.get(key)
            if old is None:
                prev.added.append((table, row[key], label))
                if table == "product":  # near matches and same names from other producers: a person decides
                    for close in difflib.get_close_matches(fold(row["name"]), folded_names, n=3, cutoff=0.82):
                        for pid, other in by_fold[close]:
                            if pid != row[key]:
                                prev.possibly_same.append((row["name"], other, pid))
                continue
            before = {k: old.get(k) for k in row if str(old.get(k) or "") != str(row[k] or "")}
            if before:
                prev.changed.append((table, row[key], label, before, {k: row[k] for k in before}))
            else:
                prev.unchanged.append((table, row[key], label))


def _write_rows(folder: Path, prev: Preview) -> None:
    (folder / "rows").mkdir(parents=True, exist_ok=True)
    for table, rows in prev.tables.items():
        if not rows:
            continue
        with open(folder / "rows" / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=TABLES[table].column_names)
            w.writeheader()
            for r in rows:
                w.writerow({c: "" if r.get(c) is None else r.get(c) for c in TABLES[table].column_names})


def _validate_together(prev: Preview, data_dir: Path) -> None:
    """The same rules as the build, over the shipped files, the accepted imports and this one."""
    with tempfile.TemporaryDirectory() as tmp:
        shadow = Path(tmp)
        if (data_dir / "imports").is_dir():
            shutil.copytree(data_dir / "imports", shadow / "imports")
        if (data_dir / "retired.csv").exists():
            shutil.copy(data_dir / "retired.csv", shadow / "retired.csv")
        _write_rows(shadow / "imports" / "9999-candidate", prev)
        ds = load_dataset(data_dir=shadow)
    by_id = {}
    for table, rows in prev.tables.items():
        for i, r in enumerate(rows, start=2):
            by_id[(f"9999-candidate/{table}.csv", i)] = prev.origin.get((table, r.get(TABLES[table].key)))
    for p in ds.errors:
        line = by_id.get((p.file, p.line))
        if p.file.startswith("9999-candidate/") or line:
            rule = {"outside_province": "outside_province", "coords_pair": "coords_pair"}.get(p.rule, "validation")
            params = dict(p.params)
            prev.issues.append(Issue(prev.sheet, line, p.column, rule,
                                     {"lat": params.get("lat"), "lon": params.get("lon"),
                                      "detail": f"{p.message_vi} / {p.message_en}"}))


# --- apply, history, restore, retire ---------------------------------------------------------

def history(data_dir: Path | None = None) -> list[dict]:
    data_dir = data_dir or paths.local_data_dir()
    path = data_dir / "history.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _record(data_dir: Path, entry: dict) -> dict:
    entries = history(data_dir)
    entry = {"version": (entries[-1]["version"] + 1) if entries else 1,
             "when": dt.datetime.now().isoformat(timespec="seconds"), **entry}
    with open(data_dir / "history.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return entry


def apply(prev: Preview, user: str, data_dir: Path | None = None, db: Path | None = None) -> dict:
    """Keep the import as a folder, build a new database and swap it in; on failure nothing changes."""
    if not prev.ok:
        raise ValueError("a preview with problems cannot be applied")
    data_dir = data_dir or paths.local_data_dir()
    db = Path(db or paths.db_path())
    (data_dir / "imports").mkdir(parents=True, exist_ok=True)
    number = len(list((data_dir / "imports").iterdir())) + 1
    slug = re.sub(r"[^a-z0-9]+", "-", fold(Path(prev.file_name).stem))[:40].strip("-") or "import"
    final = data_dir / "imports" / f"{number:04d}-{slug}"
    staging = data_dir / "imports" / f".{number:04d}-{slug}.staging"
    if staging.exists():
        shutil.rmtree(staging)
    _write_rows(staging, prev)
    (staging / "original").mkdir()
    (staging / "original" / Path(prev.file_name).name).write_bytes(prev.original)
    meta = {"user": user, "when": dt.datetime.now().isoformat(timespec="seconds"), "file": prev.file_name,
            "sha256": prev.sha256, "rows": prev.counts(), "added": len(prev.added), "changed": len(prev.changed)}
    (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    # build the new version beside the live file; the live file is untouched until the last step
    pending = db.with_name(f".{db.name}.import-{os.getpid()}")
    try:
        build(pending, data_dir=data_dir, extra_imports=[staging])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        pending.unlink(missing_ok=True)
        raise
    os.replace(staging, final)  # now part of the data: every later build replays it
    entry = _record(data_dir, {"action": "import", "import": final.name, **meta})
    os.replace(pending, db)  # the swap: readers see the new version from their next query
    return entry


def restore(version: int, user: str, data_dir: Path | None = None, db: Path | None = None) -> dict:
    """Go back to version N: withdraw (not delete) the imports recorded after it, rebuild, record the step."""
    data_dir = data_dir or paths.local_data_dir()
    db = Path(db or paths.db_path())
    entries = history(data_dir)
    keep = {e["import"] for e in entries if e["version"] <= version and e.get("action") == "import"}
    withdrawn = []
    for folder in import_dirs(data_dir):
        if folder.name not in keep:
            (folder / "WITHDRAWN").write_text(json.dumps({"by": user, "restore_to": version}), encoding="utf-8")
            withdrawn.append(folder.name)
    try:
        build(db, data_dir=data_dir)
    except BaseException:
        for name in withdrawn:
            (data_dir / "imports" / name / "WITHDRAWN").unlink(missing_ok=True)
        raise
    return _record(data_dir, {"action": "restore", "user": user, "restore_to": version, "withdrawn": withdrawn})


def retire(table: str, row_id: str, user: str, reason: str = "", data_dir: Path | None = None,
           db: Path | None = None) -> dict:
    """Retire a row: a separate, explicit, recorded action (the build leaves the row out)."""
    data_dir = data_dir or paths.local_data_dir()
    db = Path(db or paths.db_path())
    if table not in TABLES or not TABLES[table].key:
        raise ValueError(f"unknown table {table}")
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "retired.csv"
    new = not path.exists()
    with open(path, "a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        if new:
            w.writerow(["table", "id", "user", "when", "reason"])
        w.writerow([table, row_id, user, dt.datetime.now().isoformat(timespec="seconds"), reason])
    try:
        build(db, data_dir=data_dir)
    except BuildError:
        lines = path.read_text(encoding="utf-8").splitlines()[:-1]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        raise
    return _record(data_dir, {"action": "retire", "user": user, "table": table, "id": row_id, "reason": reason})
