"""What a product row and a row in a table's own form share: the cell checks, the future-date
check, the row's quote (its origin in its own words) and the ids of the rows an import adds."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import TYPE_CHECKING

from .. import numbers
from .reading import Sheet
from .values import clean, period_start

if TYPE_CHECKING:
    from .preview import Preview

MAX_NAME = 250  # characters in a name or title
MAX_CELL = 4000  # characters in any cell
FUTURE_MARGIN_DAYS = 7
NAME_COLUMNS = {"name", "subject", "title", "name_vi", "name_en", "label_vi", "label_en", "alias"}
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def number_issue(prev: Preview, sheet: str, number: int, column: str, text: str) -> None:
    """A cell that is not one number: not a number at all, or one whose separator reads two ways ("10,322":
    thousands or decimals; strict, never guessed: ocop_data/numbers.py)."""
    found = numbers.readings(text.replace(" ", ""))
    if len(found) > 1:
        sep = next(ch for ch in text if ch in ".,")
        prev.issue(sheet, number, column, "ambiguous_number", value=text, sep=sep, whole=f"{found[0]:g}")
    else:
        prev.issue(sheet, number, column, "bad_number", value=text)


def short_hash(*parts: str) -> str:
    """The stable part of an imported row's id: the same identity gives the same id in every import."""
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def row_quote(file_name: str, sheet: Sheet | None, number: int, header: list, row: list, extra: list) -> str:
    """The row's origin in its own words: 'file, sheet, row N: Header=cell; …' (RULES.md §1)."""
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


def check_cells(prev: Preview, sheet: str, number: int, header: list, row: list, names: set) -> bool:
    """False (with a problem per cell) when a cell holds a control character or is too long."""
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


def formulas_read(prev: Preview, sheet: Sheet, number: int, header: list, columns) -> bool:
    """False (with a problem per cell) when a used cell is a formula the file holds no value for."""
    ok = True
    for i in columns:
        if (number, i) in sheet.formulas:
            col = header[i] if i < len(header) and header[i] else f"#{i + 1}"
            prev.issue(sheet.name, number, col, "formula_no_value", column=col)
            ok = False
    return ok


def is_future(iso: str, today: dt.date) -> bool:
    """A (partial) date that starts more than a few days after today."""
    try:
        return bool(iso) and period_start(iso) > today + dt.timedelta(days=FUTURE_MARGIN_DAYS)
    except ValueError:
        return False

