"""Reading an Excel workbook, .xlsx or .xls (Excel 97–2003), through python-calamine.

Every bound is checked before the work it protects: an .xlsx archive's unpacked size, member count
and packing ratio (a zip bomb is refused at once), then the extent each sheet's cells claim (a
single cell at XFD1048576 would otherwise make the reader lay out billions of empty cells). Then:

- a cell merged down over several rows belongs to each of them (an official list merges one
  producer, address or decision over its products): its value is repeated in each row it covers,
  and the sheet remembers which cells were filled so;
- a formula cell with no cached value (a file written by a program and never opened in Excel) is
  remembered by its place, so that the row can say so rather than "must not be empty";
- a hidden sheet is read and marked hidden (the plan leaves it out and the preview says why).
"""
from __future__ import annotations

import io
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

from ..messages import ImportRefused
from .reading import MAX_COLUMNS, MAX_ROWS, Progress, Sheet, check_archive

MAX_CELLS = 10_000_000  # the cells a sheet's extent spans (rows × columns), empty ones included
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of an .xls workbook (and of an encrypted .xlsx)

_FAR_COLUMN = re.compile(rb'<c\b[^>]*?\br="(?:[A-Z]{3,}|[H-Z][A-Z]|G[S-Z])\d')  # beyond column GR (200)
_CELL_ROW = re.compile(rb'<c\b[^>]*?\br="[A-Z]{1,3}(\d{1,7})"')
_CELL_COLUMN = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})\d')
_ROW = re.compile(rb'<row\b[^>]*?\br="(\d{1,7})"')
_HAS_FORMULA = re.compile(rb"<f[\s>/]")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_VALUE = re.compile(rb"<v>[^<]+</v>|<is>", re.S)
_STR = re.compile(rb'\bt="str"')
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the archive (from xl/workbook.xml and its relationships)."""
    try:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for s in book.iter():
        if s.tag.endswith("}sheet") and s.get("name") is not None:
            target = targets.get(s.get(_NS_REL), "")
            if target:
                out[s.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


def _check_extent(name: str, xml: bytes) -> None:
    """Refuse a sheet whose cells reach beyond what a list can hold, before the reader lays it out."""
    if _FAR_COLUMN.search(xml):
        raise ImportRefused("too_many_columns", limit=MAX_COLUMNS)
    last = max(map(int, _ROW.findall(xml) + _CELL_ROW.findall(xml)), default=0)
    if last * MAX_COLUMNS <= MAX_CELLS:
        return  # 50,000 rows of any width a list may have
    width = max((_column_index(c) + 1 for c in _CELL_COLUMN.findall(xml)), default=1)
    if last * width > MAX_CELLS:
        raise ImportRefused("sheet_too_large", sheet=name, rows=f"{last:,}".replace(",", "."), columns=width)


def _uncached_formulas(xml: bytes) -> set[tuple[int, int]]:
    """(row number, column index) of each formula cell that holds no cached value."""
    if not _HAS_FORMULA.search(xml):
        return set()
    out = set()
    for m in _CELL.finditer(xml):
        body = m.group(2) or b""
        if b"<f" not in body or _VALUE.search(body) or _STR.search(m.group(1)):
            continue
        ref = _REF.search(m.group(1))
        if ref:
            out.add((int(ref.group(2)), _column_index(ref.group(1))))
    return out


def _xlsx_extras(data: bytes) -> dict[str, set]:
    """Per sheet name: its uncached formula cells; every sheet's extent checked on the way."""
    out: dict[str, set] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = _sheet_parts(z)
        names = {part: sheet for sheet, part in parts.items()}
        for info in z.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            xml = z.read(info.filename)
            sheet = names.get(info.filename, info.filename)
            _check_extent(sheet, xml)
            out[sheet] = _uncached_formulas(xml)
    return out


def _open(data: bytes, xls: bool):
    import python_calamine as pc
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise ImportRefused("password") from None
    except Exception:  # noqa: BLE001 - any file that is not a workbook of its kind
        raise ImportRefused("not_xls" if xls else "not_spreadsheet") from None


def read_workbook(name: str, data: bytes, progress: Progress | None = None) -> list[Sheet]:
    """The sheets of an .xlsx or .xls upload (the kind is read from the bytes, not from the name)."""
    xls = name.lower().endswith(".xls")
    if data[:8] == OLE:
        if not xls:  # an .xlsx inside an OLE container is an encrypted workbook
            raise ImportRefused("password")
        extras: dict[str, set] = {}
    elif zipfile.is_zipfile(io.BytesIO(data)):
        check_archive(data)
        try:
            extras = _xlsx_extras(data)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise ImportRefused("not_spreadsheet") from None
    else:
        raise ImportRefused("not_xls" if xls else "not_spreadsheet")
    import python_calamine as pc
    book = _open(data, xls)
    sheets, count = [], 0
    try:
        for index, meta in enumerate(book.sheets_metadata):
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            ws = book.get_sheet_by_index(index)
            sheet, count = _read_sheet(meta.name, ws, meta.visible != pc.SheetVisibleEnum.Visible,
                                       extras.get(meta.name, set()), count, progress)
            sheets.append(sheet)
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - a damaged part inside a valid container
        raise ImportRefused("not_xls" if xls else "not_spreadsheet") from None
    finally:
        book.close()
    return sheets


def _read_sheet(name: str, ws, hidden: bool, formulas: set, count: int, progress: Progress | None):
    end = ws.end
    if end is None:
        return Sheet(name, [], [], hidden), count
    if end[1] + 1 > MAX_COLUMNS and ws.width > MAX_COLUMNS:
        raise ImportRefused("too_many_columns", limit=MAX_COLUMNS)
    if ws.height * ws.width > MAX_CELLS:
        raise ImportRefused("sheet_too_large", sheet=name, rows=f"{end[0] + 1:,}".replace(",", "."),
                            columns=end[1] + 1)
    rows, at = [], []  # the non-empty rows, and the index each has among the rows read
    offset = 0
    for i, row in enumerate(ws.iter_rows()):
        offset = end[1] + 1 - len(row)  # the reader starts at the sheet's first used column
        cells = [None] * offset + [unicodedata.normalize("NFC", c) if isinstance(c, str) else c for c in row]
        rows.append(cells)
        at.append(i)
        if progress and i % 5000 == 0 and i:
            progress(min(0.99, i / max(1, end[0] + 1)), "read")
    first = end[0] + 1 - len(rows)  # the reader's first row (0 for the sheet's top)
    merged = _fill_merged(rows, first, ws.merged_cell_ranges or [])
    kept, numbers = [], []
    for i, cells in zip(at, rows):
        while cells and (cells[-1] is None or (isinstance(cells[-1], str) and not cells[-1].strip())):
            cells.pop()
        if not cells:
            continue
        kept.append(cells)
        numbers.append(first + i + 1)
        count += 1
        if count > MAX_ROWS:
            raise ImportRefused("too_many_rows", limit=f"{MAX_ROWS:,}".replace(",", "."))
    return Sheet(name, kept, numbers, hidden, merged=merged, formulas=formulas), count


def _fill_merged(rows: list, first: int, ranges: list) -> dict:
    """Repeat a cell merged down over several rows in each row it covers (its first column only: a
    merge across columns is one cell, as Excel shows it). Returns (row number, column) -> the row
    number the value was given in."""
    merged = {}
    for (r1, c1), (r2, _c2) in ranges:
        if r2 <= r1 or not (0 <= r1 - first < len(rows)):
            continue
        top = rows[r1 - first]
        value = top[c1] if c1 < len(top) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        for r in range(r1 + 1, min(r2, first + len(rows) - 1) + 1):
            cells = rows[r - first]
            if c1 >= len(cells):
                cells.extend([None] * (c1 + 1 - len(cells)))
            if cells[c1] is None or (isinstance(cells[c1], str) and not cells[c1].strip()):
                cells[c1] = value
                merged[(r + 1, c1)] = r1 + 1
    return merged
