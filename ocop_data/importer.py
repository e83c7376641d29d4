"""Imports of user files: read, map, normalise, validate, preview, apply (restore and retire in writes.py).

What officials send is a list: a title row or two ("UBND HUYỆN …", "DANH SÁCH SẢN PHẨM OCOP NĂM
2023"), then a header ("STT, Tên sản phẩm, Tên chủ thể, Phân hạng, Năm công nhận"), then a row per
product. ``prepare`` reads such a file into a **plan** (the mapping step: each column of each sheet
with its recognised meaning or "ignored", and the values that hold for the whole file: province,
source, decision date, level …, partly read from the title rows), applies the plan, and returns a
**preview**: what would be added, changed or is already there, and every problem by sheet, row and
column. Nothing is written until ``apply``. A saved plan (``Plan.to_json``) is reused with
``mapping=`` (the command line's ``--mapping FILE``).

Identity follows DATA-RULES §5: a row equal to what is recorded is "unchanged"; a product already
known with a new date or star rating gets a new evaluation (its history grows), never an overwrite.
Every imported fact row keeps its origin as its quote (file, sheet, row, the original cells) with
``quote_status`` "imported" (DATA-RULES §1).

An accepted import is kept as a folder in the local data folder (DATA-RULES §7):
``imports/NNNN-name/`` with ``rows/<table>.csv`` (the normalised rows), ``original/<file>`` (the
upload as received) and ``meta.json`` (who, when, file name, sha256, row counts, the plan). Every
build replays the accepted imports after the shipped files. History lives in ``history.jsonl``.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import hashlib
import json
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import paths
from .messages import MESSAGES, Busy, ImportRefused, Issue, PlanChanged, WriteRefused  # noqa: F401 (re-exported)
from .reading import MAX_BYTES, Sheet, read_upload  # noqa: F401 (re-exported)
from .schema import DATA_FILES, STARS, TABLES
from .text import fold as _fold_uncached, nfc
from .validate import load_dataset, parse_partial_date
from .writes import (commit, history, last_version, private_copy_tree, private_dir, private_write,  # noqa: F401
                     restore, retire, write_lock)

Progress = Callable[[float, str], None]
# folded keys of the values a list repeats (producers, districts, "3 sao", "Hợp tác xã") are computed once
fold = functools.lru_cache(maxsize=20_000)(_fold_uncached)

MAX_NAME = 250  # characters in a name or title
MAX_CELL = 4000  # characters in any cell
MAX_ISSUES = 1000  # problems listed (the count says how many more)
FUTURE_MARGIN_DAYS = 7
NAME_COLUMNS = {"name", "subject", "title", "name_vi", "name_en", "label_vi", "label_en", "alias"}

# --- the meanings a column of a product list can have --------------------------------------------

# field -> accepted header spellings (compared on the folded key, without "*", ":" and a trailing
# parenthesis); learned from district and provincial decision lists
PRODUCT_FIELDS: dict[str, tuple[str, ...]] = {
    "seq": ("STT", "TT", "Số TT", "Số thứ tự", "No", "No.", "#"),
    "name": ("Tên sản phẩm", "Sản phẩm", "Tên sản phẩm OCOP", "Tên SP", "Sản phẩm OCOP", "Tên gọi sản phẩm",
             "Tên sản phẩm/dịch vụ", "Product", "Product name"),
    "subject": ("Chủ thể", "Tên chủ thể", "Chủ thể sản xuất", "Chủ thể OCOP", "Tên chủ thể sản xuất",
                "Chủ thể sản xuất, kinh doanh", "Đơn vị", "Đơn vị sản xuất", "Cơ sở sản xuất", "Tên HTX",
                "Tên đơn vị", "Tên cơ sở", "Tên doanh nghiệp/HTX", "Chủ thể có sản phẩm", "Producer"),
    "subject_type": ("Loại chủ thể", "Loại hình", "Loại hình chủ thể", "Loại hình tổ chức", "Subject type",
                     "Producer type"),
    "province": ("Tỉnh", "Mã tỉnh", "Tỉnh/Thành phố", "Province"),
    "district": ("Huyện", "Huyện (trước 2025)", "Huyện/Thành phố", "Huyện/TP", "Huyện, thành phố",
                 "Huyện, thị xã, thành phố", "Đơn vị hành chính cấp huyện", "District"),
    "commune": ("Xã", "Xã/Phường", "Xã, phường", "Xã/Phường/Thị trấn", "Xã, phường, thị trấn", "Xã/Thị trấn",
                "Phường/Xã", "Commune"),
    "address": ("Địa chỉ", "Địa chỉ chủ thể", "Địa chỉ sản xuất", "Địa chỉ liên hệ", "Address"),
    "group": ("Nhóm sản phẩm", "Nhóm", "Bộ sản phẩm", "Phân nhóm", "Ngành hàng", "Nhóm ngành", "Group",
              "Product group"),
    "stars": ("Hạng sao", "Phân hạng", "Xếp hạng sao", "Số sao", "Xếp hạng", "Hạng", "Kết quả phân hạng",
              "Hạng sao đạt được", "Đạt hạng", "Kết quả xếp hạng", "Phân hạng sao", "Stars", "Star rating",
              "Rating"),
    "decided": ("Ngày quyết định", "Năm công nhận", "Năm", "Ngày công nhận", "Năm đánh giá", "Năm xếp hạng",
                "Ngày QĐ", "Thời gian công nhận", "Năm được công nhận", "Decision date", "Year"),
    "decision_no": ("Số quyết định", "Quyết định số", "Số QĐ", "Quyết định", "Quyết định công nhận", "QĐ số",
                    "Số, ngày quyết định", "Decision", "Decision no"),
    "level": ("Cấp", "Cấp đánh giá", "Cấp công nhận", "Cấp xếp hạng", "Level"),
    "kind": ("Hình thức", "Hình thức đánh giá", "Loại đánh giá", "Đánh giá mới/lại", "Kind"),
    "points": ("Điểm", "Tổng điểm", "Điểm đánh giá", "Điểm số", "Points", "Score"),
    "source": ("Nguồn", "Mã nguồn", "Source", "Source id"),
    "note": ("Ghi chú", "Note", "Notes"),
}
REQUIRED = ("name", "stars", "province", "source")
FILE_WIDE = ("province", "source", "decided", "level", "kind", "district", "decision_no")
TEMPLATE_HEADERS = {  # the template's Vietnamese headers, in order
    "name": "Tên sản phẩm", "subject": "Chủ thể", "subject_type": "Loại chủ thể", "province": "Tỉnh",
    "district": "Huyện (trước 2025)", "commune": "Xã", "group": "Nhóm sản phẩm", "stars": "Hạng sao",
    "decided": "Ngày quyết định", "decision_no": "Số quyết định", "level": "Cấp", "source": "Nguồn",
    "note": "Ghi chú",
}
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "seq": ("Số thứ tự (không nhập)", "Row number (not imported)"),
    "name": ("Tên sản phẩm", "Product name"), "subject": ("Chủ thể", "Producer"),
    "subject_type": ("Loại chủ thể", "Producer type"), "province": ("Tỉnh", "Province"),
    "district": ("Huyện (trước 2025)", "District (before 2025)"), "commune": ("Xã/Phường", "Commune"),
    "address": ("Địa chỉ", "Address"), "group": ("Nhóm sản phẩm", "Product group"),
    "stars": ("Hạng sao", "Stars"), "decided": ("Ngày/năm quyết định", "Decision date or year"),
    "decision_no": ("Số quyết định", "Decision number"), "level": ("Cấp", "Level"),
    "kind": ("Hình thức đánh giá", "Kind of evaluation"), "points": ("Điểm", "Points"),
    "source": ("Nguồn", "Source"), "note": ("Ghi chú", "Note"),
}
_ALIASES = {fold(a).strip(" *:."): f for f, names in PRODUCT_FIELDS.items() for a in names}
# rules for headers not spelled exactly like a known one (checked in order, on the folded header)
_HEADER_RULES = (
    (r"^(so )?(thu tu|stt|tt)\b", "seq"),
    (r"loai (hinh|chu the)", "subject_type"),
    (r"^(ten )?(san pham|sp)\b", "name"),
    (r"chu the|don vi san xuat|co so san xuat|ten (htx|doanh nghiep|co so)", "subject"),
    (r"dia chi", "address"),
    (r"^(xa|phuong)\b", "commune"),
    (r"^huyen\b", "district"),
    (r"^(so )?(quyet dinh|qd)( so)?$|^so (quyet dinh|qd)", "decision_no"),
    (r"^(ngay|nam|thoi gian)\b.*(quyet dinh|qd|cong nhan|danh gia|xep hang)|^nam$", "decided"),
    (r"(hang sao|phan hang|xep hang|so sao|ket qua)", "stars"),
    (r"^cap\b", "level"),
    (r"^(tong )?diem\b", "points"),
    (r"^nhom\b", "group"),
    (r"^ghi chu", "note"),
    (r"^(ma )?nguon\b", "source"),
    (r"^(ma )?tinh\b", "province"),
)

SUBJECT_TYPES = {"htx": ("htx", "hop tac xa", "cooperative"),
                 "dn": ("dn", "doanh nghiep", "cong ty", "enterprise", "company"),
                 "tht": ("tht", "to hop tac", "cooperative group"),
                 "hkd": ("hkd", "ho kinh doanh", "ho san xuat kinh doanh", "ho sxkd", "household",
                         "household business")}
# a producer's name that begins with its legal form states its type
_NAME_PREFIX_TYPES = (("htx", ("htx ", "hop tac xa ")), ("tht", ("to hop tac ", "tht ")),
                      ("dn", ("cong ty ", "cty ", "doanh nghiep ", "dntn ")),
                      ("hkd", ("ho kinh doanh ", "hkd ", "ho san xuat kinh doanh ", "ho sxkd ")))
LEVELS = {"district": ("huyen", "cap huyen", "district"), "province": ("tinh", "cap tinh", "province"),
          "national": ("quoc gia", "cap quoc gia", "trung uong", "national")}
KINDS = {"new": ("moi", "danh gia moi", "cong nhan moi", "new"),
         "re-evaluation": ("danh gia lai", "cong nhan lai", "xep hang lai", "re-evaluation", "reevaluation"),
         "upgrade": ("nang hang", "nang sao", "nang hang sao", "upgrade")}
FACT_TABLES = tuple(name for name in DATA_FILES if "quote" in TABLES[name].column_names)


def field_label(f: str, lang: str) -> str:
    vi, en = FIELD_LABELS.get(f, (f, f))
    return en if lang == "en" else vi


def _header_key(cell) -> str:
    key = fold(str(cell or "")).strip(" *:.")
    return re.sub(r"\s*\([^)]*\)$", "", key).strip() if key not in _ALIASES else key


def recognise_header(cell) -> str:
    """The meaning of one header cell ('' when not recognised)."""
    key = fold(str(cell or "")).strip(" *:.")
    if key in _ALIASES:
        return _ALIASES[key]
    key = _header_key(cell)
    if key in _ALIASES:
        return _ALIASES[key]
    for pattern, f in _HEADER_RULES:
        if re.search(pattern, key):
            return f
    return ""


def recognise(header: list) -> dict[int, str]:
    """Column index -> field, for the header cells it recognises (a meaning may repeat)."""
    return {i: f for i, cell in enumerate(header) if (f := recognise_header(cell))}


# --- normalising values ---------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u00ad"), None)
_SPACES = re.compile(r"\s+")
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


_ASCII_SPACES = re.compile(r"\s\s|[\t\n\r\x0b\x0c]")
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(value) -> str:
    """Text as the database stores it: NFC, single spaces, trimmed; numbers without '.0'; dates dd/mm/yyyy."""
    if value is None:
        return ""
    if type(value) is str:  # the common case, kept fast: a 100,000-row list has a million cells
        if value.isascii():
            return (_SPACES.sub(" ", value) if _ASCII_SPACES.search(value) else value).strip()
        return nfc(value.translate(_INVISIBLE))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value).translate(_INVISIBLE))


def bad_char(value) -> str | None:
    """The first control or direction-override character of a cell, as U+XXXX (None when clean)."""
    if not isinstance(value, str):
        return None
    m = _BAD_CHAR.search(value)
    return f"U+{ord(m.group(0)):04X}" if m else None


def parse_stars(text: str) -> str | None:
    t = fold(text).replace("*", " ").strip()
    if not t:
        return None
    if "tiem nang" in t or t in ("5p", "potential 5", "potential 5-star"):
        return "5p"
    if set(text.strip()) <= {"★", "☆", " "}:
        n = text.count("★")
        return str(n) if str(n) in STARS else None
    m = re.fullmatch(r"(?:hang\s*)?0?(\d)(?:\.0)?\s*(?:sao|star|stars)?(?:\s*ocop)?", t)
    return m.group(1) if m and m.group(1) in STARS else None


def parse_date(value) -> tuple[str, str] | None:
    """(ISO text, precision) from dd/mm/yyyy, 'ngày d tháng m năm y', mm/yyyy, a year, an ISO date or an
    Excel serial number; ('', 'undated') for an empty cell; None when it does not read."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d"), "day"
    text = clean(value)
    if not text:
        return "", "undated"
    t = fold(text)
    m = re.fullmatch(r"(?:ngay\s*)?(\d{1,2})\s*(?:[/.-]|\s+thang\s+)\s*(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*(\d{4})", t)
    if m:
        try:
            d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
        return d.isoformat(), "day"
    m = re.fullmatch(r"(?:nam\s*)?((?:19|20)\d{2})", t)
    if m:
        return m.group(1), "year"
    m = re.fullmatch(r"(?:thang\s*)?(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*((?:19|20)\d{2})", t)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}", "month"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ t]00:00(?::00)?)?", t)
    if m:
        try:
            return dt.date(*map(int, m.groups())).isoformat(), "day"
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d{2})", t)
    if m and 1 <= int(m.group(2)) <= 12:
        return t, "month"
    if re.fullmatch(r"\d{5}(\.0+)?", t):  # Excel serial day number
        d = dt.date(1899, 12, 30) + dt.timedelta(days=int(float(t)))
        if 2000 <= d.year <= 2100:
            return d.isoformat(), "day"
    return None


def _period_start(iso: str) -> dt.date:
    """The first day a partial date can mean (a year counts as its 1 January for the future check)."""
    if len(iso) == 4:
        return dt.date(int(iso), 1, 1)
    if len(iso) == 7:
        return dt.date(int(iso[:4]), int(iso[5:7]), 1)
    return dt.date.fromisoformat(iso)


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


def _choice(text: str, table: dict) -> str | None:
    f = fold(text)
    for key, names in table.items():
        if f == key or f in names:
            return key
    return None


def type_from_name(name: str) -> str | None:
    """A producer type the name itself states ('HTX …', 'Công ty …', 'Hộ kinh doanh …'), else None."""
    f = fold(name) + " "
    for key, prefixes in _NAME_PREFIX_TYPES:
        if f.startswith(prefixes):
            return key
    return None


# --- what is already recorded -------------------------------------------------------------------

class Known:
    """Indexes over the recorded data (shipped + accepted imports) and the rows this upload adds."""

    def __init__(self, data_dir: Path):
        ds = load_dataset(data_dir=data_dir)
        self.rows: dict[str, dict] = {name: {r.values.get(TABLES[name].key): r.values for r in ds.rows[name]}
                                      for name in DATA_FILES if TABLES[name].key}
        self.geo = ds.geo
        self.subject_by_key: dict = {}
        for sid, s in self.rows["subject"].items():
            self.subject_by_key.setdefault((fold(s["name"]), s["territory_key"]), sid)
        for a in ds.rows["subject_alias"]:
            s = self.rows["subject"].get(a.values["subject_id"])
            if s:
                self.subject_by_key.setdefault((fold(a.values["alias"]), s["territory_key"]), a.values["subject_id"])
        self.product_by_key: dict = {}
        for pid, p in self.rows["product"].items():
            self.product_by_key.setdefault(self.product_key(p), pid)
        self.evals: dict[str, list] = {}
        for e in self.rows["evaluation"].values():
            self.evals.setdefault(e["product_id"], []).append(e)
        self.generic_keys: dict = {}
        for name in IDENTITY:
            for rid, v in self.rows[name].items():
                self.generic_keys.setdefault((name, IDENTITY[name](v)), rid)
        self.districts: dict = {}  # (folded short name, territory) -> district code
        self.district_names = {d["district_code"]: d["short_name"] for d in self.geo["districts"]}
        self.district_province = {d["district_code"]: d["province_code"] for d in self.geo["districts"]}
        for d in self.geo["districts"]:
            for key in self.rows["territory"]:
                if d["province_code"] in self.family(key):
                    self.districts[(fold(d["short_name"]), key)] = d["district_code"]

    @staticmethod
    def product_key(p: dict) -> tuple:
        if p.get("subject_id"):
            return (fold(p["name"]), p["subject_id"])
        return (fold(p["name"]), p.get("territory_key") or "", p.get("district_code") or "", p.get("commune") or "")

    def family(self, key: str) -> set:
        t = self.rows["territory"].get(key)
        if not t:
            return set()
        out = {t["code"]}
        for p in (t.get("predecessors") or "").split(";"):
            if p.strip():
                out |= self.family(p.strip())
        return out

    def add(self, table: str, row: dict) -> None:
        key = TABLES[table].key
        self.rows[table][row[key]] = row
        if table == "subject":
            self.subject_by_key.setdefault((fold(row["name"]), row["territory_key"]), row["subject_id"])
        elif table == "product":
            self.product_by_key.setdefault(self.product_key(row), row["product_id"])
        elif table == "territory":
            for d in self.geo["districts"]:
                if d["province_code"] in self.family(row["territory_key"]):
                    self.districts[(fold(d["short_name"]), row["territory_key"])] = d["district_code"]

    def territory(self, text: str, when: str = "") -> str | None:
        """A territory key from a key or a name ('14', 'Sơn La', 'tỉnh Tuyên Quang'), valid at ``when``."""
        if text in self.rows["territory"]:
            return text
        f = re.sub(r"^(tinh|thanh pho)\s+", "", fold(text))
        matches = [k for k, t in self.rows["territory"].items()
                   if t.get("level") == "province" and f in (fold(t["name_vi"]), fold(t.get("name_en")))]
        if len(matches) <= 1:
            return matches[0] if matches else None
        if when:
            day = parse_partial_date(when[:10]) if len(when) >= 4 else None
            for k in matches:
                t = self.rows["territory"][k]
                start = parse_partial_date(t["valid_from"]) if t.get("valid_from") else None
                end = parse_partial_date(t["valid_to"]) if t.get("valid_to") else None
                if day and (start is None or start <= day) and (end is None or day <= end):
                    return k
        current = [k for k in matches if not self.rows["territory"][k].get("valid_to")]
        return current[0] if len(current) == 1 else matches[0]

    def district(self, text: str, territory: str) -> str | None:
        f = re.sub(r"^(huyen|thanh pho|thi xa|tp\.?)\s+", "", fold(text)).strip()
        code = self.districts.get((f, territory))
        if code:
            return code
        if text in self.district_names and self.district_province.get(text) in self.family(territory):
            return text
        return None

    def source_exists(self, sid: str) -> bool:
        return sid in self.rows["source"]


# identity of rows other than products and evaluations (DATA-RULES §5; the same keys as validate.py)
IDENTITY: dict[str, Callable[[dict], tuple]] = {
    "subject": lambda v: (fold(v.get("name")), v.get("territory_key") or ""),
    "product": lambda v: Known.product_key(v),
    "evaluation": lambda v: (v.get("product_id") or "", v.get("decided") or "", v.get("stars") or ""),
    "figure": lambda v: (v.get("territory_key") or "", v.get("district_code") or "", v.get("as_of") or "",
                         v.get("metric") or "", v.get("source_id") or ""),
    "target": lambda v: (v.get("territory_key") or "", fold(v.get("plan_vi")), v.get("metric") or "",
                         v.get("deadline") or "", fold(v.get("description_vi"))),
    "sales_point": lambda v: (v.get("territory_key") or "", v.get("district_code") or "", v.get("locality") or "",
                              fold(v.get("name") or v.get("address") or ""), v.get("entry_kind") or "",
                              v.get("part_of") or ""),
}


# --- the plan (the mapping step) ----------------------------------------------------------------------

@dataclass
class Column:
    index: int
    header: str  # as in the file ('' for a blank header cell)
    field: str  # '' = ignored
    auto: bool = True  # recognised automatically (False: chosen by a person or a saved mapping)
    samples: list = field(default_factory=list)


@dataclass
class SheetPlan:
    name: str
    use: str  # "products" | a table name | "ignore"
    header_index: int  # index into the sheet's rows of the header (-1: none)
    header_number: int  # the header's row number in the file (0: none)
    columns: list
    hidden: bool = False
    rows: int = 0  # data rows below the header
    title: list = field(default_factory=list)  # (row number, text) of the rows above the header
    detected: str = ""  # what the sheet was recognised as ("products", a table, or "")

    def fields(self) -> dict[str, list[Column]]:
        out: dict = {}
        for c in self.columns:
            if c.field:
                out.setdefault(c.field, []).append(c)
        return out

    @property
    def ignored(self) -> list[Column]:
        return [c for c in self.columns if not c.field]


@dataclass
class Plan:
    sheets: list
    file: dict  # the whole-file values: province, source, decided, level, kind, district, decision_no, planned
    hints: dict = field(default_factory=dict)  # field -> {"value", "row", "text"} read from title rows
    hinted: set = field(default_factory=set)  # whole-file values that are the title rows' (not a person's)

    def to_json(self) -> dict:
        return {"ocop_mapping": 1,
                "sheets": {s.name: {"use": s.use, "header_row": s.header_number,
                                    "columns": [{"index": c.index, "header": c.header, "field": c.field}
                                                for c in s.columns]} for s in self.sheets},
                "file": {k: v for k, v in self.file.items() if v not in ("", None, False) and k not in self.hinted}}

    def products_sheets(self) -> list:
        return [s for s in self.sheets if s.use == "products"]


GUIDE_SHEETS = ("huong dan", "guide", "instructions")  # the template's guide (its lists sheet is hidden)


def _generic_header(row: list) -> str | None:
    cells = {clean(c) for c in row}
    for name in DATA_FILES:
        table = TABLES[name]
        required = {c.name for c in table.columns if c.required}
        if (table.key in cells if table.key else len(required) >= 3) and required <= cells:
            return name
    return None


def _product_header(sheet: Sheet) -> tuple[int, dict] | None:
    """The row (of the first 30) that best reads as a product list's header."""
    best = None
    for i, row in enumerate(sheet.rows[:30]):
        if sum(1 for c in row if clean(c)) < 2:
            continue
        found = recognise(row)
        meanings = set(found.values()) - {"seq"}
        if "name" in meanings and len(meanings) >= 2 and (best is None or len(meanings) > len(best[1])):
            best = (i, found)
    return best


def _samples(sheet: Sheet, start: int, index: int, n: int = 3) -> list[str]:
    out = []
    for row in sheet.rows[start + 1:start + 40]:
        if index < len(row):
            v = clean(row[index])
            if v and v not in out:
                out.append(v[:60])
        if len(out) >= n:
            break
    return out


def _saved_sheet(mapping: dict | None, name: str, n_sheets: int) -> dict | None:
    if not mapping:
        return None
    sheets = mapping.get("sheets") or {}
    if name in sheets:
        return sheets[name]
    if len(sheets) == 1 and n_sheets == 1:
        return next(iter(sheets.values()))
    return None


def _legacy(mapping) -> dict | None:
    """The older form {column index: field} (for the first sheet, header in its first row)."""
    if mapping and all(isinstance(k, int) for k in mapping):
        return {"legacy": {int(k): v for k, v in mapping.items()}}
    return mapping


def make_plan(sheets: list[Sheet], known: Known, mapping: dict | None = None, overrides: dict | None = None) -> Plan:
    """Recognise every sheet and column; a saved mapping and the caller's values take precedence."""
    mapping = _legacy(mapping)
    legacy = (mapping or {}).get("legacy")
    out = []
    for n, sheet in enumerate(sheets):
        saved = _saved_sheet(mapping, sheet.name, len(sheets)) if not legacy else None
        header_index, use, found, detected = -1, "ignore", {}, ""
        for i, row in enumerate(sheet.rows[:30]):
            table = _generic_header(row)
            if table:
                header_index, use, detected = i, table, table
                break
        if header_index < 0:
            best = _product_header(sheet)
            if best:
                header_index, found = best
                use = detected = "products"
        guide = any(g in fold(sheet.name) for g in GUIDE_SHEETS)
        if use != "ignore" and (sheet.hidden or guide):
            use = "ignore"
        if legacy and n == 0:
            use, header_index = "products", 0
        elif saved:
            use = saved.get("use", use)
            number = int(saved.get("header_row") or 0)
            if number and number in sheet.numbers:
                header_index = sheet.numbers.index(number)
        if header_index < 0 and use == "ignore" and not sheet.hidden and not guide and len(sheets) == 1 and sheet.rows:
            use, header_index = "products", 0  # nothing recognised: the person maps the columns
        if use != "ignore" and header_index < 0:
            header_index = 0
        header = [clean(c) for c in sheet.rows[header_index]] if 0 <= header_index < len(sheet.rows) else []
        if use == "products" and not found and header:
            found = recognise(header)
        columns = []
        by_header = {fold(c.get("header", "")): c.get("field", "") for c in (saved or {}).get("columns", [])
                     if c.get("header")}
        by_index = {int(c["index"]): c.get("field", "") for c in (saved or {}).get("columns", [])
                    if not c.get("header")}
        for i, h in enumerate(header):
            if use == "products":
                f, auto = found.get(i, ""), True
            elif use in TABLES:
                f, auto = (h if h in TABLES[use].column_names else ""), True
            else:
                f, auto = "", True
            if legacy and n == 0:
                f, auto = legacy.get(i, ""), False
            elif h and fold(h) in by_header:
                f, auto = by_header[fold(h)], False
            elif not h and i in by_index:
                f, auto = by_index[i], False
            columns.append(Column(i, h, f, auto, _samples(sheet, header_index, i)))
        data_rows = sum(1 for r in sheet.rows[header_index + 1:] if any(clean(c) for c in r)) if header else 0
        title = [(sheet.numbers[i], " ".join(clean(c) for c in r if clean(c)))
                 for i, r in enumerate(sheet.rows[:max(0, header_index)])]
        out.append(SheetPlan(sheet.name, use, header_index, sheet.numbers[header_index] if header else 0, columns,
                             sheet.hidden, data_rows, title, detected))
    plan = Plan(out, {k: "" for k in FILE_WIDE} | {"planned": False})
    first = next((s for s in out if s.use == "products"), None)
    if first:
        plan.hints = read_hints(first.title, known)
        for f, h in plan.hints.items():
            if not first.fields().get(f):
                plan.file[f] = h["value"]
                plan.hinted.add(f)
    for k, v in ((mapping or {}).get("file") or {}).items():  # a person's choice ('' clears a title's value)
        if k in plan.file and v is not None:
            plan.file[k] = bool(v) if k == "planned" else str(v)
    for k, v in (overrides or {}).items():  # the command line's options win
        if k in plan.file and v not in (None, ""):
            plan.file[k] = bool(v) if k == "planned" else str(v)
    plan.hinted = {f for f in plan.hinted if plan.file.get(f) == plan.hints[f]["value"]}
    return plan


def read_hints(title: list[tuple[int, str]], known: Known) -> dict:
    """Whole-file values a list's title rows state: 'Quyết định số 321/QĐ-UBND ngày 06/8/2024', 'năm
    2023', 'tỉnh Sơn La', 'huyện Mộc Châu', 'cấp huyện', 'đánh giá lại'. Shown in the mapping step,
    where a person confirms or changes them."""
    hints: dict = {}
    month: list = []
    year: list = []
    for number, text in title:
        f = fold(text)
        m = re.search(r"(?:quyet dinh|qd)\s*(?:so)?\s*:?\s*(\d+[\w./-]*/[\w./-]+)", f)
        if m and "decision_no" not in hints:
            raw = re.search(re.escape(m.group(1)).replace("qd", "(?:QĐ|qđ|QD|qd)"), text, re.I)
            hints["decision_no"] = {"value": raw.group(0) if raw else m.group(1).upper(), "row": number, "text": text}
        m = re.search(r"ngay\s+(\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s+nam\s+)\s*(\d{4})", f)
        if m and "decided" not in hints:
            try:
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                hints["decided"] = {"value": d.strftime("%d/%m/%Y"), "row": number, "text": text}
            except ValueError:
                pass
        m = re.search(r"\bthang\s+(\d{1,2})\s*(?:/|-|\s+nam\s+)\s*((?:19|20)\d{2})\b", f)
        if m and 1 <= int(m.group(1)) <= 12:
            month.append({"value": f"{int(m.group(1)):02d}/{m.group(2)}", "row": number, "text": text})
        m = re.search(r"\bnam\s+((?:19|20)\d{2})\b", f)
        if m:
            year.append({"value": m.group(1), "row": number, "text": text})
        m = re.search(r"\bcap\s+(huyen|tinh|quoc gia)\b", f)
        if m and "level" not in hints:
            hints["level"] = {"value": {"huyen": "district", "tinh": "province"}.get(m.group(1), "national"),
                              "row": number, "text": text}
        m = re.search(r"\b(danh gia lai|cong nhan lai|nang hang|nang sao)\b", f)
        if m and "kind" not in hints:
            hints["kind"] = {"value": "upgrade" if m.group(1).startswith("nang") else "re-evaluation",
                             "row": number, "text": text}
        for key, t in known.rows["territory"].items():
            if t.get("level") == "province" and re.search(r"\btinh\s+" + re.escape(fold(t["name_vi"])) + r"\b", f):
                hints.setdefault("_province_names", []).append((key, number, text))
        m = re.search(r"\b(?:huyen|thi xa|thanh pho)\s+([a-z ]+?)(?:\s*[,;.(-]|\s+tinh\b|\s+nam\b|$)", f)
        if m and "district" not in hints:
            hints["district"] = {"value": m.group(1).strip().title(), "row": number, "text": text, "fold": m.group(1)}
    if "decided" not in hints and (month or year):
        hints["decided"] = (month or year)[0]
    names = hints.pop("_province_names", [])
    if names:
        when = ""
        if "decided" in hints:
            p = parse_date(hints["decided"]["value"])
            when = p[0] if p else ""
        keys = {k for k, _, _ in names}
        chosen = known.territory(known.rows["territory"][names[0][0]]["name_vi"], when) if len(keys) > 1 else names[0][0]
        if chosen:
            hints["province"] = {"value": chosen, "row": names[0][1], "text": names[0][2]}
    if "district" in hints:
        d = hints["district"]
        words = d.pop("fold")
        prov = hints.get("province", {}).get("value", "")
        if not prov:  # 'UBND HUYỆN MỘC CHÂU' names its province only through the district
            when = parse_date(hints["decided"]["value"])[0] if "decided" in hints and \
                parse_date(hints["decided"]["value"]) else ""
            keys = [k for k, t in known.rows["territory"].items() if t.get("level") == "province"
                    and known.district(words, k)]
            if len(keys) == 1:
                prov = keys[0]
            elif keys:
                prov = known.territory(known.rows["territory"][keys[0]]["name_vi"], when) or ""
                prov = prov if prov in keys else ""
            if prov:
                hints["province"] = {"value": prov, "row": d["row"], "text": d["text"]}
        code = known.district(words, prov) if prov else None
        if code:
            d["value"] = known.district_names[code]
        else:
            hints.pop("district")
    return hints


# --- the preview ----------------------------------------------------------------------------------------

class Origin:
    """(table, id) -> (sheet, row number), held per table (no key tuple for each of 200,000 rows)."""

    def __init__(self):
        self._by_table: dict[str, dict] = {}

    def __setitem__(self, key: tuple, value: tuple) -> None:
        self._by_table.setdefault(key[0], {})[key[1]] = value

    def __contains__(self, key: tuple) -> bool:
        return key[1] in self._by_table.get(key[0], ())

    def get(self, key: tuple, default=None):
        return self._by_table.get(key[0], {}).get(key[1], default)

    def __getitem__(self, key: tuple):
        return self._by_table[key[0]][key[1]]


@dataclass
class Preview:
    file_name: str
    sha256: str
    plan: Plan
    tables: dict  # table -> list[dict] normalised rows to write
    origin: Origin  # (table, id) -> (sheet, row number)
    added: list = field(default_factory=list)  # (table, id, label)
    changed: list = field(default_factory=list)  # (table, id, label, before, after)
    unchanged: list = field(default_factory=list)  # (table, id, label)
    possibly_same: list = field(default_factory=list)  # (label, existing label, existing id)
    issues: list = field(default_factory=list)  # Issue
    more_issues: int = 0  # problems beyond the ones listed
    original: bytes = b""
    base: int = 0  # the history version this preview was computed against
    names: dict = field(default_factory=dict)  # (table, id) -> a readable label, for the screens
    derived: list = field(default_factory=list)  # (sheet, row, what) values read rather than given
    sources: dict = field(default_factory=dict)  # source id -> its row, for the sources this upload cites
    skipped: list = field(default_factory=list)  # (sheet, row, text): unnumbered rows below the header

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed)

    @property
    def sheet(self) -> str:
        s = self.plan.products_sheets() or [s for s in self.plan.sheets if s.use != "ignore"] or self.plan.sheets
        return s[0].name if s else ""

    @property
    def mapping(self) -> dict:
        return self.plan.to_json()

    def counts(self) -> dict:
        return {t: len(rows) for t, rows in self.tables.items() if rows}

    def summary(self) -> dict:
        """table -> {"added": n, "changed": n, "unchanged": n}."""
        out: dict = {}
        for kind, rows in (("added", self.added), ("changed", self.changed), ("unchanged", self.unchanged)):
            for r in rows:
                out.setdefault(r[0], {"added": 0, "changed": 0, "unchanged": 0})[kind] += 1
        return out

    def issue(self, sheet, row, column, rule, /, **params) -> None:
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(Issue(sheet, row, column, rule, params))
        else:
            self.more_issues += 1


def _slug(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def _quote(file_name: str, sheet: Sheet | None, number: int, header: list, row: list, extra: list) -> str:
    """The row's origin in its own words: 'file, sheet, row N: Header=cell; …' (DATA-RULES §1)."""
    where = f"{file_name}, row {number}" if sheet is None else f"{file_name}, {sheet.name}, row {number}"
    cells = []
    for i, v in enumerate(row):
        text = v if type(v) is str else clean(v)
        if text:
            head = header[i] if i < len(header) and header[i] else f"#{i + 1}"
            cells.append(f"{head}={text}")
    out = f"{where}: " + "; ".join(cells)
    if extra:
        out += " | whole file: " + "; ".join(extra)
    return out if len(out) <= 2000 else out[:1999] + "…"


def _check_cells(prev: Preview, sheet: str, number: int, header: list, row: list, names: set) -> bool:
    ok = True
    for i, v in enumerate(row):
        if type(v) is not str:
            continue
        ch = _BAD_CHAR.search(v)
        limit = MAX_NAME if i in names else MAX_CELL
        if ch is None and len(v) <= limit:
            continue
        col = header[i] if i < len(header) and header[i] else f"#{i + 1}"
        if ch:
            prev.issue(sheet, number, col, "control_char", char=f"U+{ord(ch.group(0)):04X}")
        else:
            prev.issue(sheet, number, col, "too_long", length=f"{len(v):,}".replace(",", "."), limit=limit)
        ok = False
    return ok


def _future(iso: str, today: dt.date) -> bool:
    try:
        return bool(iso) and _period_start(iso) > today + dt.timedelta(days=FUTURE_MARGIN_DAYS)
    except ValueError:
        return False


def _fmt_day(iso: str) -> str:
    if len(iso) == 10:
        return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"
    if len(iso) == 7:
        return f"{iso[5:7]}/{iso[:4]}"
    return iso


def _plan_issues(prev: Preview, known: Known, upload_sources: set) -> None:
    plan = prev.plan
    for s in plan.sheets:
        if s.use == "ignore":
            continue
        for f, cols in s.fields().items():
            if len(cols) > 1 and f not in ("seq", "note"):
                prev.issue(s.name, s.header_number, None, "duplicate_meaning",
                           field=field_label(f, "vi") if s.use == "products" else f,
                           columns=", ".join(f"“{c.header or '#' + str(c.index + 1)}”" for c in cols))
        if s.use == "products":
            have = s.fields()
            if not have or set(have) <= {"seq"}:
                prev.issue(s.name, s.header_number or None, None, "no_header",
                           columns=", ".join(TEMPLATE_HEADERS[f] for f in REQUIRED))
                continue
            for f in REQUIRED:
                if f not in have and not (f in FILE_WIDE and plan.file.get(f)):
                    prev.issue(s.name, s.header_number or None, TEMPLATE_HEADERS[f], "missing_column",
                               column=field_label(f, "vi"))
    f = plan.file
    if f.get("province") and not known.territory(f["province"], ""):
        prev.issue("", None, field_label("province", "vi"), "bad_default", value=f["province"],
                   field=field_label("province", "vi"), detail=MESSAGES["unknown_province"][0].format(
                       value=f["province"]))
    if f.get("source") and not (known.source_exists(f["source"]) or f["source"] in upload_sources):
        prev.issue("", None, field_label("source", "vi"), "bad_default", value=f["source"],
                   field=field_label("source", "vi"), detail=MESSAGES["unknown_source"][0].format(value=f["source"]))
    if f.get("decided") and parse_date(f["decided"]) is None:
        prev.issue("", None, field_label("decided", "vi"), "bad_default", value=f["decided"],
                   field=field_label("decided", "vi"), detail=MESSAGES["bad_date"][0].format(value=f["decided"]))
    for key, table, choices in (("level", LEVELS, "huyện, tỉnh, quốc gia"),
                                ("kind", KINDS, "mới, đánh giá lại, nâng hạng")):
        if f.get(key) and _choice(f[key], table) is None:
            prev.issue("", None, field_label(key, "vi"), "bad_default", value=f[key], field=field_label(key, "vi"),
                       detail=MESSAGES["bad_choice"][0].format(value=f[key], choices=choices))


def _address_parts(address: str) -> tuple[str, str]:
    """(district words, commune) named in an address: 'Bản X, xã Chiềng Sơn, huyện Mộc Châu, tỉnh Sơn La'."""
    district, commune = "", ""
    m = re.search(r"(?:^|[,;]\s*|\s)(?:huyện|thành phố|thị xã|tp\.?)\s+([^,;]+)", address, re.I)
    if m:
        district = m.group(1).strip()
    m = re.search(r"(?:^|[,;]\s*|\s)(?:xã|phường|thị trấn)\s+([^,;]+)", address, re.I)
    if m:
        commune = m.group(1).strip()
    return district, commune


def _prepare_products(prev: Preview, sp: SheetPlan, sheet: Sheet, known: Known, today: dt.date,
                      seen_eval: dict, progress: Progress | None, done: list) -> None:
    plan = prev.plan
    header = [clean(c) for c in sheet.rows[sp.header_index]]
    col = {c.field: c.index for c in sp.columns if c.field and c.field != "seq"}
    names_idx = {col[f] for f in ("name", "subject") if f in col}

    def head(f: str) -> str:
        return header[col[f]] if f in col and col[f] < len(header) and header[col[f]] else field_label(f, "vi")

    seq = next((c.index for c in sp.columns if c.field == "seq"), None)
    numbered = None
    if seq is not None:  # official lists number every product; unnumbered rows are headings, totals, signatures
        numbered = [_is_seq(r[seq] if seq < len(r) else None) for r in sheet.rows[sp.header_index + 1:]]
        if sum(numbered) < len(numbered) / 2:
            seq = numbered = None
    wide = {f: plan.file.get(f, "") for f in FILE_WIDE}
    wide_level = _choice(wide["level"], LEVELS) if wide["level"] else None
    wide_kind = _choice(wide["kind"], KINDS) if wide["kind"] else None
    for offset, r in enumerate(sheet.rows[sp.header_index + 1:]):
        number = sheet.numbers[sp.header_index + 1 + offset]
        done[0] += 1
        if progress and done[0] % 2000 == 0:
            progress(min(0.99, done[0] / max(1, done[1])), "check")
        cells = [clean(c) for c in r]
        if not any(cells):
            continue
        if numbered is not None and not numbered[offset]:
            prev.skipped.append((sheet.name, number, " ".join(c for c in cells if c)[:80]))
            continue
        if not _check_cells(prev, sheet.name, number, header, r, names_idx):
            continue
        raw = {f: (r[i] if i < len(r) else None) for f, i in col.items()}
        v = {f: (cells[i] if i < len(cells) else "") for f, i in col.items()}
        used_wide = []
        for f in FILE_WIDE:
            if not v.get(f) and wide.get(f):
                v[f] = wide[f]
                used_wide.append(f)
        bad = False
        for f in REQUIRED:
            if not v.get(f):
                prev.issue(sheet.name, number, head(f), "required", column=head(f))
                bad = True
        stars = parse_stars(v["stars"]) if v.get("stars") else None
        if v.get("stars") and stars is None:
            prev.issue(sheet.name, number, head("stars"), "bad_star", value=v["stars"])
            bad = True
        decided = parse_date(raw["decided"] if "decided" in raw and "decided" not in used_wide else v.get("decided"))
        if decided is None:
            prev.issue(sheet.name, number, head("decided"), "bad_date", value=v.get("decided", ""))
            bad = True
        elif _future(decided[0], today) and not plan.file.get("planned"):
            prev.issue(sheet.name, number, head("decided"), "future_date", value=v.get("decided") or decided[0],
                       today=today.strftime("%d/%m/%Y"))
            bad = True
        province = v.get("province", "")
        if "province" in used_wide and "province" in plan.hinted and province in known.rows["territory"]:
            province = known.rows["territory"][province]["name_vi"]  # the title names it: the one valid then
        terr = known.territory(province, decided[0] if decided else "") if province else None
        if v.get("province") and terr is None:
            prev.issue(sheet.name, number, head("province"), "unknown_province", value=v["province"])
            bad = True
        district, commune = "", v.get("commune", "")
        addr_district, addr_commune = _address_parts(v["address"]) if v.get("address") else ("", "")
        district_text = v.get("district") or addr_district
        if district_text and terr:
            district = known.district(district_text, terr) or ""
            if not district and v.get("district"):
                prev.issue(sheet.name, number, head("district"), "unknown_district", value=district_text)
                bad = True
            elif district and not v.get("district"):
                prev.derived.append((sheet.name, number, f"{field_label('district', 'vi')} ← "
                                                         f"{field_label('address', 'vi')}"))
        if not commune and addr_commune:
            commune = addr_commune
        if district:
            prev.names[("district", district)] = known.district_names.get(district, district)
        source = v.get("source", "")
        if source and not known.source_exists(source):
            prev.issue(sheet.name, number, head("source"), "unknown_source", value=source)
            bad = True
        elif source and source not in prev.sources:
            prev.sources[source] = known.rows["source"][source]
        level = _choice(v["level"], LEVELS) if v.get("level") and "level" not in used_wide else wide_level
        level_stated = level is not None
        if v.get("level") and "level" not in used_wide and level is None:
            prev.issue(sheet.name, number, head("level"), "bad_choice", value=v["level"],
                       choices="huyện, tỉnh, quốc gia")
            bad = True
        kind = _choice(v["kind"], KINDS) if v.get("kind") and "kind" not in used_wide else wide_kind
        if v.get("kind") and "kind" not in used_wide and kind is None:
            prev.issue(sheet.name, number, head("kind"), "bad_choice", value=v["kind"],
                       choices="mới, đánh giá lại, nâng hạng")
            bad = True
        points = None
        if v.get("points"):
            points = parse_number(v["points"])
            if points is None:
                prev.issue(sheet.name, number, head("points"), "bad_number", value=v["points"])
                bad = True
        stype = None
        if v.get("subject_type"):
            stype = _choice(v["subject_type"], SUBJECT_TYPES)
            if stype is None:
                prev.issue(sheet.name, number, head("subject_type"), "subject_type_needed", value=v["subject_type"])
                bad = True
        if bad:
            continue
        # the producer: a known one (by name or alias in the province), else a new one
        subject_id = ""
        if v.get("subject"):
            skey = (fold(v["subject"]), terr)
            subject_id = known.subject_by_key.get(skey, "")
            if not subject_id:
                subject_id = "imp-s-" + _slug(*skey)
                t = stype or type_from_name(v["subject"]) or "not_published"
                if not stype and t != "not_published":
                    prev.derived.append((sheet.name, number, f"{field_label('subject_type', 'vi')} ← "
                                                             f"{field_label('subject', 'vi')}"))
                row = dict(subject_id=subject_id, name=v["subject"], name_lang="vi", subject_type=t,
                           territory_key=terr, district_code=district, commune=commune, source_id=source)
                known.add("subject", row)
                prev.tables["subject"].append(row)
                prev.origin[("subject", subject_id)] = (sheet.name, number)
            prev.names[("subject", subject_id)] = known.rows["subject"][subject_id]["name"]
        # the product: a known one (name + producer, or name + place), else a new one
        candidate = _lean(product_id="", name=v["name"], name_lang="vi", subject_id=subject_id, territory_key=terr,
                          district_code=district, commune=commune, product_group=v.get("group", ""),
                          source_id=source)
        pkey = (fold(v["name"]), subject_id) if subject_id else (fold(v["name"]), terr, district, commune)
        product_id = known.product_by_key.get(pkey)
        if product_id is None:
            product_id = "imp-p-" + _slug(*pkey)
            candidate["product_id"] = product_id
            known.rows["product"][product_id] = candidate
            known.product_by_key[pkey] = product_id
            prev.tables["product"].append(candidate)
            prev.origin[("product", product_id)] = (sheet.name, number)
        elif ("product", product_id) not in prev.origin:  # a recorded product: fill what it lacks, else unchanged
            old = known.rows["product"][product_id]
            filled = {k: candidate[k] for k in ("district_code", "commune", "product_group")
                      if candidate.get(k) and not old.get(k)}
            if filled:
                row = {c: old.get(c) for c in TABLES["product"].column_names} | filled
                known.rows["product"][product_id] = row
                prev.tables["product"].append(row)
                prev.origin[("product", product_id)] = (sheet.name, number)
            elif ("product", product_id) not in prev.names:
                prev.unchanged.append(("product", product_id, old["name"]))
            prev.names[("product", product_id)] = old["name"]  # a recorded product (new ones: their row)
        # the evaluation: a repeat of a recorded one is unchanged; a new date or rating is a new one
        ekey = (product_id, decided[0], stars)
        if ekey in seen_eval:
            prev.issue(sheet.name, number, head("name"), "duplicate_product", other=seen_eval[ekey])
            continue
        seen_eval[ekey] = number
        extra = [f"{field_label(f, 'en')}={wide[f]}" for f in used_wide]
        if not level_stated:  # no level in the file: the usual one for the rating, said in the quote
            level = "national" if stars == "5" else "province"
            extra.append(f"level=default for {stars} stars")
        quote = _quote(prev.file_name, sheet if prev.file_name.lower().endswith((".xlsx", ".xlsm")) else None,
                       number, header, cells, extra)
        # a recorded evaluation is compared with the row's own cells only: whole-file values (a title's
        # decision number, a list's "đánh giá lại") describe the new rows, not what is already recorded
        own = {f for f in ("decision_no", "level", "kind", "decided") if v.get(f) and f not in used_wide}
        stated = {"decision_no": v["decision_no"] if "decision_no" in own else "",
                  "level": level if "level" in own else "", "kind": kind if "kind" in own else "",
                  "points": f"{points:g}" if points is not None else ""}
        match = _match_evaluation(known.evals.get(product_id, []), decided, stars)
        if match is not None:
            before = {k: match.get(k) for k in ("decided", "decided_precision") if "decided" in own and
                      len(decided[0]) > len(match.get("decided") or "") and k in match}
            updates = {}
            if before:
                updates.update(decided=decided[0], decided_precision=decided[1])
            for k, val in stated.items():
                old = match.get(k)
                old_text = "" if old is None else (f"{old:g}" if isinstance(old, float) else str(old))
                if val and val != old_text:
                    updates[k] = float(val) if k == "points" else val
            eid = match["evaluation_id"]
            prev.names[("evaluation", eid)] = f"{v['name']} · {stars}★ · {_fmt_day(decided[0])}"  # a recorded one
            if not updates:
                prev.unchanged.append(("evaluation", eid, prev.names[("evaluation", eid)]))
                continue
            row = {c: match.get(c) for c in TABLES["evaluation"].column_names} | updates
            row.update(source_id=source, quote=quote, quote_status="imported")
            prev.tables["evaluation"].append(row)
            prev.origin[("evaluation", eid)] = (sheet.name, number)
            continue
        eid = "imp-e-" + _slug(product_id, decided[0], stars)
        row = _lean(evaluation_id=eid, product_id=product_id, stars=stars, decided=decided[0],
                    decided_precision=decided[1], decision_no=v.get("decision_no", ""), level=level,
                    kind=kind or "not_published", points=f"{points:g}" if points is not None else "",
                    source_id=source, note=v.get("note", ""), quote=quote, quote_status="imported")
        known.evals.setdefault(product_id, []).append(row)
        prev.tables["evaluation"].append(row)
        prev.origin[("evaluation", eid)] = (sheet.name, number)
    if progress:
        progress(min(0.99, done[0] / max(1, done[1])), "check")


_SEQ = re.compile(r"\s*\d{1,6}\.?\s*")


def _lean(**values) -> dict:
    """A row without its empty cells (a 100,000-row preview holds 200,000 of them)."""
    return {k: v for k, v in values.items() if v not in ("", None)}


def _is_seq(value) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return value > 0 and float(value).is_integer()
    return isinstance(value, str) and _SEQ.fullmatch(value) is not None


def _match_evaluation(evals: list, decided: tuple, stars: str) -> dict | None:
    """A recorded evaluation this row repeats: same stars and date, or the same year told more precisely."""
    for e in evals:
        if e.get("stars") != stars:
            continue
        old = e.get("decided") or ""
        new = decided[0]
        if old == new:
            return e
        if old and new and (len(old) == 4 or len(new) == 4) and old[:4] == new[:4]:
            return e
    return None


def _prepare_generic(prev: Preview, sp: SheetPlan, sheet: Sheet, known: Known, today: dt.date,
                     progress: Progress | None, done: list) -> None:
    table = TABLES[sp.use]
    header = [clean(c) for c in sheet.rows[sp.header_index]]
    col = {c.field: c.index for c in sp.columns if c.field in table.column_names}
    names_idx = {col[f] for f in NAME_COLUMNS if f in col}
    deadline_like = {"deadline", "unit_abolished_on"}
    seen: dict = {}
    for offset, r in enumerate(sheet.rows[sp.header_index + 1:]):
        number = sheet.numbers[sp.header_index + 1 + offset]
        done[0] += 1
        if progress and done[0] % 2000 == 0:
            progress(min(0.99, done[0] / max(1, done[1])), "check")
        if not any(clean(c) for c in r):
            continue
        if not _check_cells(prev, sheet.name, number, header, r, names_idx):
            continue
        row = {name: clean(r[i]) if i < len(r) else "" for name, i in col.items()}
        bad = False
        for c in table.columns:
            text = row.get(c.name, "")
            if not text:
                continue
            if c.type in ("int", "float"):
                n = parse_number(text)
                if n is None:
                    prev.issue(sheet.name, number, c.name, "bad_number", value=text)
                    bad = True
                else:
                    row[c.name] = f"{n:g}"
            elif c.type == "date":
                raw = r[col[c.name]]
                if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
                    parsed = parse_date(raw)
                    if parsed is None:
                        prev.issue(sheet.name, number, c.name, "bad_date", value=text)
                        bad = True
                        continue
                    row[c.name] = parsed[0]
                    pair = dict(table.date_pairs).get(c.name)
                    if pair and not row.get(pair):
                        row[pair] = parsed[1]
                if c.name not in deadline_like and _future(row[c.name], today) and not prev.plan.file.get("planned"):
                    prev.issue(sheet.name, number, c.name, "future_date", value=text,
                               today=today.strftime("%d/%m/%Y"))
                    bad = True
        if bad:
            continue
        key = row.get(table.key) if table.key else tuple(sorted(row.items()))
        if key in seen:
            prev.issue(sheet.name, number, table.key, "duplicate_product", other=seen[key])
            continue
        seen[key] = number
        if sp.use in FACT_TABLES:
            row["quote"] = _quote(prev.file_name, sheet if prev.file_name.lower().endswith((".xlsx", ".xlsm"))
                                  else None, number, header, r, [])
            row["quote_status"] = "imported"
        if sp.use in IDENTITY and key not in known.rows[sp.use]:
            same = known.generic_keys.get((sp.use, IDENTITY[sp.use](row)))
            if same and same != key:
                old = known.rows[sp.use][same]
                diff = {c: (old.get(c), row.get(c)) for c in row if c not in (table.key, "quote", "quote_status")
                        and _text(row.get(c)) and _text(old.get(c)) != _text(row.get(c))}  # what the file states
                label = _label(sp.use, old)
                if sp.use == "evaluation":
                    p = known.rows["product"].get(old.get("product_id"), {})
                    label = f"{p.get('name', old.get('product_id'))} · {old.get('stars')}★ · " \
                            f"{_fmt_day(old.get('decided') or '')}"
                if not diff:
                    prev.unchanged.append((sp.use, same, label))
                    continue
                prev.issue(sheet.name, number, None, "conflict", what=sp.use, label=label,
                           detail="; ".join(f"{c}: {_text(a) or '—'} → {_text(b) or '—'}" for c, (a, b) in diff.items()))
                continue
        if table.key:
            known.add(sp.use, row)
        if row.get("source_id") in known.rows["source"]:
            prev.sources.setdefault(row["source_id"], known.rows["source"][row["source_id"]])
        prev.tables[sp.use].append(row)
        prev.origin[(sp.use, key if table.key else None)] = (sheet.name, number)


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _label(table: str, v: dict) -> str:
    for c in ("name", "title", "name_vi", "title_vi", "description_vi", "label_vi", "alias", "locality", "address"):
        if v.get(c) and v.get(c) != "not stated":
            return str(v[c])
    if table == "figure":
        return f"{v.get('metric')} · {v.get('territory_key')} · {v.get('as_of') or ''}"
    return str(v.get(TABLES[table].key) or "")


def _classify(prev: Preview, known_before: dict) -> None:
    """Added, changed or unchanged, against what was recorded before this upload."""
    for table, rows in prev.tables.items():
        key = TABLES[table].key
        kept = []
        for row in rows:
            rid = row.get(key) if key else None
            old = known_before.get(table, {}).get(rid) if key else None
            label = prev.names.get((table, rid)) or row.get("name") or _label(table, row)
            if old is None:
                prev.added.append((table, rid, label))
                kept.append(row)
                continue
            ignore = {"quote", "quote_status"}
            before = {k: old.get(k) for k in row if k not in ignore and _text(old.get(k)) != _text(row.get(k))}
            if before:
                prev.changed.append((table, rid, label, before, {k: row.get(k) for k in before}))
                kept.append(row)
            else:
                prev.unchanged.append((table, rid, label))
        prev.tables[table] = kept


def _near_matches(prev: Preview, known_before: dict) -> None:
    """New products whose name is the same as, or close to, a recorded one: a person decides (§5).

    Linear: candidates share a word with the new name (through an index), never all pairs.
    """
    index: dict[str, list] = {}
    for pid, p in known_before.get("product", {}).items():
        f = fold(p["name"])
        for w in set(f.split()):
            if len(w) >= 3:
                index.setdefault(w, []).append((f, pid, p["name"]))
    for table, pid, label in prev.added:
        if table != "product":
            continue
        f = fold(label)
        cands: dict = {}
        for w in sorted(set(f.split()), key=lambda w: len(index.get(w, ())))[:3]:
            for c in index.get(w, [])[:300]:
                cands[c[1]] = c
        for cf, cpid, cname in cands.values():
            if cpid == pid:
                continue
            m = difflib.SequenceMatcher(None, f, cf)
            if m.real_quick_ratio() >= 0.82 and m.quick_ratio() >= 0.82 and m.ratio() >= 0.82:
                prev.possibly_same.append((label, cname, cpid))


def _write_rows(folder: Path, prev: Preview, private: bool = False) -> None:
    (folder / "rows").mkdir(parents=True, exist_ok=True)
    for table, rows in prev.tables.items():
        if not rows:
            continue
        path = folder / "rows" / f"{table}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=TABLES[table].column_names, extrasaction="ignore")
            w.writeheader()
            for r in rows:
                w.writerow({c: _text(r.get(c)) for c in TABLES[table].column_names})


def _validate_together(prev: Preview, data_dir: Path) -> None:
    """The same rules as the build, over the shipped files, the accepted imports and this one (in memory)."""
    def texts(label: str, rows: list):  # one row's texts at a time: nothing held twice
        for i, r in enumerate(rows, start=2):
            yield label, i, {c: _text(v) for c, v in r.items() if v not in (None, "") and not c.startswith("_")}

    extra = {table: texts(f"candidate/{table}.csv", rows) for table, rows in prev.tables.items() if rows}
    ds = load_dataset(data_dir=data_dir, extra_rows=extra, lean=True)
    where = {}
    for p in ds.errors:
        if p.file.startswith("candidate/") and p.file not in where:
            table = p.file.split("/")[1][:-4]
            key = TABLES[table].key
            where[p.file] = [prev.origin.get((table, r.get(key) if key else None)) for r in prev.tables[table]]
    for p in ds.errors:
        if not p.file.startswith("candidate/"):
            continue  # a problem of the recorded data, not of this file
        lines = where.get(p.file, [])
        at = lines[p.line - 2] if p.line and 0 <= p.line - 2 < len(lines) else None
        sheet, line = at or (prev.sheet, None)
        rule = {"outside_province": "outside_province", "coords_pair": "coords_pair"}.get(p.rule, "validation")
        params = dict(p.params)
        prev.issue(sheet, line, p.column, rule, lat=params.get("lat"), lon=params.get("lon"),
                   detail=f"{p.message_vi} / {p.message_en}")


def load_mapping(path: Path) -> dict:
    """A mapping saved from the Data page (JSON), for ``--mapping FILE``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ImportRefused("no_file", path=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused("bad_mapping", path=str(path), detail=str(exc)) from None
    if not isinstance(data, dict) or data.get("ocop_mapping") != 1:
        raise ImportRefused("bad_mapping", path=str(path), detail="not a mapping saved from the Data page")
    return data


def prepare(name: str, data: bytes, data_dir: Path | None = None, mapping: dict | None = None,
            limit: int = MAX_BYTES, progress: Progress | None = None, sheets: list[Sheet] | None = None,
            overrides: dict | None = None, today: dt.date | None = None) -> Preview:
    """Read, map, normalise and validate an upload; nothing is written.

    ``mapping``: a plan saved from the Data page (``Plan.to_json``); ``overrides``: whole-file values
    (province, source, decided, level, kind, district, decision_no, planned) that win over both the
    mapping and what the title rows say. ``sheets``: the file already read (the page reads once).
    """
    data_dir = Path(data_dir or paths.local_data_dir())
    today = today or dt.date.today()
    if sheets is None:
        sheets = read_upload(name, data, limit, (lambda f, s: progress(f * 0.4, s)) if progress else None)
    base = last_version(data_dir)
    known = Known(data_dir)
    before = {t: dict(rows) for t, rows in known.rows.items()}
    plan = make_plan(sheets, known, mapping, overrides)
    prev = Preview(name, hashlib.sha256(data).hexdigest(), plan, {t: [] for t in DATA_FILES}, Origin(),
                   original=data, base=base)
    used = [s for s in plan.sheets if s.use != "ignore"]
    if not any(s.rows for s in used):
        if any(s.rows for s in plan.sheets) and not used:
            prev.issue("", None, None, "no_header", columns=", ".join(TEMPLATE_HEADERS[f] for f in REQUIRED))
            return prev
        raise ImportRefused("empty")
    upload_sources = set()
    for sp in used:
        if sp.use == "source":
            sheet = sheets[[s.name for s in sheets].index(sp.name)]
            idx = next((c.index for c in sp.columns if c.field == "source_id"), None)
            if idx is not None:
                upload_sources |= {clean(r[idx]) for r in sheet.rows[sp.header_index + 1:] if idx < len(r)}
    _plan_issues(prev, known, upload_sources)
    if prev.issues:
        return prev
    by_name = {s.name: s for s in sheets}
    done = [0, sum(s.rows for s in used)]
    sub = (lambda f, s: progress(0.4 + f * 0.5, s)) if progress else None
    seen_eval: dict = {}
    for table in DATA_FILES:  # dependency order: sources, producers, products, evaluations, the rest
        for sp in used:
            if sp.use == table:
                _prepare_generic(prev, sp, by_name[sp.name], known, today, sub, done)
        if table == "product":
            for sp in plan.products_sheets():
                _prepare_products(prev, sp, by_name[sp.name], known, today, seen_eval, sub, done)
    if prev.issues:
        return prev
    _classify(prev, before)
    _near_matches(prev, before)
    if progress:
        progress(0.92, "validate")
    if prev.has_changes:
        _validate_together(prev, data_dir)
    if progress:
        progress(1.0, "done")
    return prev


# --- apply ---------------------------------------------------------------------------------------------

def _next_folder(data_dir: Path, file_name: str) -> tuple[Path, Path]:
    root = data_dir / "imports"
    numbers = [int(m.group(1)) for d in (root.iterdir() if root.is_dir() else [])
               if (m := re.match(r"^\.?(\d{4})-", d.name)) and d.is_dir() and not d.name.startswith(".")]
    number = max(numbers, default=0) + 1
    slug = re.sub(r"[^a-z0-9]+", "-", fold(Path(file_name).stem))[:40].strip("-") or "import"
    return root / f"{number:04d}-{slug}", root / f".{number:04d}-{slug}.staging"


def _outcome(prev: Preview) -> str:
    """What applying a preview does, as one comparable text: the rows it writes, and what the person was
    shown of them (added, changed, already there, possibly the same, problems)."""
    return json.dumps({"tables": prev.tables, "added": prev.added, "changed": prev.changed,
                       "unchanged": prev.unchanged, "possibly_same": prev.possibly_same,
                       "issues": [(i.sheet, i.row, i.column, i.rule, i.params) for i in prev.issues]},
                      sort_keys=True, default=str, ensure_ascii=False)


def replan(prev: Preview, data_dir: Path, version: int) -> Preview:
    """An import whose turn came after other changes, planned again against the version it now meets (the
    same file, mapping and whole-file values): returned when its result is the preview that was accepted,
    refused (``PlanChanged``, carrying the new preview) when it is not."""
    new = prepare(prev.file_name, prev.original, data_dir, mapping=prev.plan.to_json())
    if _outcome(new) != _outcome(prev):
        raise PlanChanged(new, version, prev, new)
    return new


def apply(prev: Preview, user: str, data_dir: Path | None = None, db: Path | None = None,
          on_wait: Callable[[int], None] | None = None) -> dict:
    """Keep the import as a folder, build the new database and swap it in; on any failure nothing changes.

    Waits its turn for the write lock (``on_wait`` is told how many changes are ahead); when other changes
    came first, the import is planned again against them and applied only if the result is the same as
    ``prev`` (``replan``).
    """
    if not prev.ok:
        raise ValueError("a preview with problems cannot be applied")
    data_dir = Path(data_dir or paths.local_data_dir())
    db = Path(db or paths.db_path())
    with write_lock(data_dir, db, on_wait=on_wait):
        current = last_version(data_dir)
        if prev.base != current:
            prev = replan(prev, data_dir, current)
        if not prev.has_changes:
            raise WriteRefused("nothing_to_apply")
        private_dir(data_dir / "imports")
        final, staging = _next_folder(data_dir, prev.file_name)
        shutil.rmtree(staging, ignore_errors=True)
        _write_rows(staging, prev)
        (staging / "original").mkdir()
        original = Path(prev.file_name).name or "upload"
        (staging / "original" / original).write_bytes(prev.original)
        meta = {"user": user, "when": dt.datetime.now().isoformat(timespec="seconds"), "file": prev.file_name,
                "sha256": prev.sha256, "rows": prev.counts(), "added": len(prev.added), "changed": len(prev.changed),
                "unchanged": len(prev.unchanged)}
        (staging / "meta.json").write_text(json.dumps(meta | {"mapping": prev.plan.to_json()}, ensure_ascii=False,
                                                      indent=1), encoding="utf-8")
        private_copy_tree(staging)

        def change() -> dict:
            import os
            os.replace(staging, final)  # now part of the data: every later build replays it
            return {"import": final.name}

        try:
            return commit(data_dir, db, "import", change, meta, staged=staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def row_labels(table: str, data_dir: Path | None = None) -> dict[str, str]:
    """Every current row of a table as id -> a readable label (for choosing a row to retire)."""
    data_dir = Path(data_dir or paths.local_data_dir())
    known = Known(data_dir)
    rows = known.rows.get(table, {})
    subjects, products = known.rows["subject"], known.rows["product"]
    out = {}
    for rid, v in rows.items():
        if table == "product":
            s = subjects.get(v.get("subject_id") or "", {})
            out[rid] = " · ".join(x for x in (v["name"], s.get("name"), v.get("territory_key")) if x)
        elif table == "evaluation":
            p = products.get(v["product_id"], {})
            out[rid] = f"{p.get('name', v['product_id'])} · {v['stars']}★ · {_fmt_day(v.get('decided') or '')}"
        else:
            label = _label(table, v)
            out[rid] = label if label == rid else f"{label} · {rid}"
    return out


__all__ = ["prepare", "apply", "restore", "retire", "history", "Preview", "Plan", "ImportRefused", "WriteRefused",
           "Busy", "Issue", "MESSAGES", "read_upload", "MAX_BYTES", "TEMPLATE_HEADERS", "load_mapping", "write_lock",
           "unicodedata"]
