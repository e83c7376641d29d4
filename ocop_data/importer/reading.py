"""Reading an upload into sheets of cells, with every bound checked before the work it protects.

CSV and text exports: UTF-8 (with or without BOM), UTF-16 (with or without BOM), Windows-1258;
NFD text normalised to NFC; tab, semicolon or comma found from the lines themselves; a quote left
open is refused with its line. Workbooks (.xlsx and .xls) are read in ``workbook.py``. Cell values
are kept as read (text, numbers, dates); checks on their content happen per cell later, where the
problem can be named by sheet, row and column. Text in a legacy Vietnamese encoding (TCVN3, VNI)
is refused with its name (``encodings.py``).
"""
from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..messages import ImportRefused

MAX_BYTES = 20 * 1024 * 1024  # the app's own upload limit (Streamlit's server limit is set higher)
MAX_ROWS = 200_000  # data rows in one upload
MAX_COLUMNS = 200
MAX_UNPACKED = 300 * 1024 * 1024  # an XLSX archive's declared unpacked size
MAX_RATIO = 120  # unpacked / packed, for any large member of an XLSX archive
MAX_MEMBERS = 5_000
WORKBOOKS = (".xlsx", ".xlsm", ".xls")  # read by python-calamine (workbook.py)

Progress = Callable[[float, str], None]


@dataclass
class Sheet:
    name: str
    rows: list  # list[list[object]]: the non-empty rows, in order
    numbers: list = field(default_factory=list)  # the row number each row has in the file (1-based)
    hidden: bool = False
    merged: dict = field(default_factory=dict)  # (row number, column) -> the row a merged cell was given in
    formulas: set = field(default_factory=set)  # (row number, column) of formula cells without a cached value

    def __post_init__(self):
        if not self.numbers:
            self.numbers = list(range(1, len(self.rows) + 1))


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for BOM-less UTF-16 text (every other byte zero in ASCII text)."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes) -> str:
    """The text of a CSV/TXT upload, NFC-normalised (an older tool's NFD accents become NFC)."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif _looks_utf16(data):
        text = data.decode(_looks_utf16(data))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1258", errors="replace")  # Windows-1258, decoded in Python
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


def sniff_delimiter(text: str) -> str:
    """Tab, semicolon or comma: the one that splits the first lines into the most rows of one width."""
    lines = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ",", (-1, -1)
    for delimiter in ("\t", ";", ","):
        try:
            widths = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]
        except csv.Error:
            continue
        wide = [w for w in widths if w > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = (wide.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(name: str, data: bytes, progress: Progress | None = None) -> list[Sheet]:
    text = decode(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows, numbers = [], []
    total = max(1, text.count("\n"))
    try:
        # the row number as a spreadsheet shows it: one record a row (a multi-line cell is one row)
        for record_no, record in enumerate(reader, start=1):
            if not any(c.strip() for c in record):
                continue
            rows.append(record)
            numbers.append(record_no)
            if len(rows) > MAX_ROWS:
                raise ImportRefused("too_many_rows", limit=f"{MAX_ROWS:,}".replace(",", "."))
            if len(record) > MAX_COLUMNS:
                raise ImportRefused("too_many_columns", limit=MAX_COLUMNS)
            if progress and len(rows) % 5000 == 0:
                progress(min(0.99, reader.line_num / total), "read")
    except csv.Error as exc:
        raise ImportRefused("bad_csv", line=reader.line_num, detail=str(exc)) from None
    return [Sheet(Path(name).stem, rows, numbers, False)]


def check_archive(data: bytes) -> None:
    """Refuse an .xlsx whose declared unpacked size, member count or packing ratio is out of bounds.

    Python's zipfile never inflates a member beyond its declared size, so checking the declared
    sizes bounds the work before any XML is parsed.
    """
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused("not_spreadsheet") from None
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused("archive_too_large", size=len(infos), limit=MAX_MEMBERS)
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise ImportRefused("archive_too_large", size=f"{total / 2**20:,.0f} MB", limit=f"{MAX_UNPACKED // 2**20} MB")
    for i in infos:
        if i.file_size > 5 * 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise ImportRefused("archive_too_large", size=f"{i.file_size / 2**20:,.0f} MB",
                                limit=f"{MAX_RATIO}×")


def read_upload(name: str, data: bytes, limit: int = MAX_BYTES, progress: Progress | None = None) -> list[Sheet]:
    """The sheets of an uploaded CSV, XLSX or XLS, or a refusal naming what is wrong with the file."""
    from .encodings import legacy_encoding
    from .workbook import read_workbook

    lower = name.lower()
    if len(data) > limit:
        raise ImportRefused("too_large", limit=limit // (1024 * 1024))
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportRefused("empty")
    if lower.endswith(WORKBOOKS):
        sheets = read_workbook(name, data, progress)
    elif lower.endswith((".csv", ".txt", ".tsv")):
        sheets = read_csv(name, data, progress)
    else:
        raise ImportRefused("bad_type")
    if not any(s.rows for s in sheets):
        raise ImportRefused("empty")
    legacy = legacy_encoding(sheets)
    if legacy:
        raise ImportRefused("legacy_encoding", **legacy)
    return sheets
