"""What the rows of the Vietnamese sheets (Nguồn, Số liệu, Mục tiêu) share: reading a row by its
columns' meanings, the province and the source a row names (or the whole file's), the row's quote
(the source's sentence when one is given, checked to state every value taken from the row; else the
file's cells, status ``imported``), and adding a fact row by identity (a repeat is unchanged, a
differing one a conflict a person resolves: never an overwrite)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from ..schema import TABLES
from . import new_provinces
from .known import IDENTITY, Known, label_of
from .reading import Sheet
from .report_headers import label
from .row_checks import NAME_COLUMNS, check_cells, row_quote
from .values import as_text, clean, fold

if TYPE_CHECKING:
    from .plan import SheetPlan
    from .preview import Preview


class Rows:
    """The data rows of one sheet, read by the meanings of its columns."""

    def __init__(self, prev: Preview, sp: SheetPlan, sheet: Sheet):
        self.prev, self.sp, self.sheet = prev, sp, sheet
        self.header = [clean(c) for c in sheet.rows[sp.header_index]] if sheet.rows else []
        self.col = {c.field: c.index for c in sp.columns if c.field}
        self.names = {i for f, i in self.col.items() if f in NAME_COLUMNS | {"document", "wording"}}

    def head(self, f: str) -> str:
        """The column as the file names it (its meaning when the file has no such column)."""
        i = self.col.get(f)
        return self.header[i] if i is not None and i < len(self.header) and self.header[i] else label(f, "vi")

    def __iter__(self) -> Iterator[tuple[int, list, dict, dict]]:
        """(row number, cells, raw value by field, text by field) of each non-empty row."""
        for offset, r in enumerate(self.sheet.rows[self.sp.header_index + 1:]):
            number = self.sheet.numbers[self.sp.header_index + 1 + offset]
            if not any(clean(c) for c in r):
                continue
            if not check_cells(self.prev, self.sheet.name, number, self.header, r, self.names):
                continue
            raw = {f: (r[i] if i < len(r) else None) for f, i in self.col.items()}
            yield number, r, raw, {f: clean(v) for f, v in raw.items()}

    def issue(self, number: int, f: str | None, rule: str, **params) -> None:
        self.prev.issue(self.sheet.name, number, self.head(f) if f else None, rule, **params)

    def quote(self, number: int, row: list) -> str:
        """The row's origin in its own words: 'file, sheet, row N: Header=cell; …' (DATA-RULES §1)."""
        xlsx = self.prev.file_name.lower().endswith((".xlsx", ".xlsm", ".xls"))
        return row_quote(self.prev.file_name, self.sheet if xlsx else None, number, self.header, row, [])


def territory(rows: Rows, known: Known, number: int, v: dict, when: str = "") -> str | None:
    """The row's province (its Tỉnh cell, else the whole file's), or None with the problem named."""
    text = v.get("province") or rows.prev.plan.file.get("province", "")
    if not text:
        rows.issue(number, "province", "required", column=rows.head("province"))
        return None
    key, ref = new_provinces.resolve(known, text, when)  # a province not in the data yet waits for confirmation
    column = rows.head("province") if v.get("province") else None
    if key is None and ref is None:
        new_provinces.unknown(rows.prev, rows.sheet.name, number, column, text)
    elif key is None:
        new_provinces.ask(rows.prev, ref, rows.sheet.name, number, column)
    return key


def source(rows: Rows, known: Known, number: int, v: dict) -> str | None:
    """The row's source (its Nguồn cell, else the whole file's) by id, address or title; or None, named."""
    text = v.get("source") or rows.prev.plan.file.get("source", "")
    if not text:
        rows.issue(number, "source", "required", column=rows.head("source"))
        return None
    sid = known.source_ref(text)
    if sid is None:
        rows.issue(number, "source" if v.get("source") else None, "unknown_source_ref", value=text)
        return None
    rows.prev.sources.setdefault(sid, known.rows["source"][sid])
    return sid


def quoted(rows: Rows, number: int, cells: list, given: str, checks: list[tuple[dict, Callable]]) -> dict | None:
    """The quote columns of the row's facts: the given sentence (``verbatim``) when it states every value
    the row gives (each check: (fact, check(fact, quote) -> miss)), else the file's cells (``imported``);
    None (with the value named) when a given sentence lacks one."""
    if not given:
        return {"quote": rows.quote(number, cells), "quote_status": "imported"}
    for fact, check in checks:
        miss = check(fact, given)
        if miss is not None:
            rows.issue(number, "quote", "quote_lacks", what=miss[0], what_en=miss[1], value=miss[2])
            return None
    return {"quote": given, "quote_status": "verbatim"}


def add_fact(rows: Rows, known: Known, table: str, row: dict, number: int, seen: dict) -> bool:
    """Add a fact row by identity: a repeat of a recorded one is unchanged, one that differs a conflict
    (a person retires the old row first), a repeat within the file a duplicate. True when added."""
    prev = rows.prev
    key = TABLES[table].key
    ident = IDENTITY[table](row)
    if ident in seen:
        rows.issue(number, None, "duplicate_row", other=seen[ident])
        return False
    seen[ident] = number
    same = row[key] if row[key] in known.rows[table] else known.generic_keys.get((table, ident))
    if same:
        old = known.rows[table][same]
        ignore = {key, "quote", "quote_status", "note", "note_vi", "description_en", "plan_en"}
        diff = {c: (old.get(c), row.get(c)) for c in row if c not in ignore and as_text(row.get(c))
                and as_text(old.get(c)) != as_text(row.get(c))}
        if not diff:
            prev.unchanged.append((table, same, label_of(table, old)))
            return False
        prev.issue(rows.sheet.name, number, None, "conflict", what=table, label=label_of(table, old),
                   detail="; ".join(f"{c}: {as_text(a) or '—'} → {as_text(b) or '—'}" for c, (a, b) in diff.items()))
        return False
    known.add(table, row)
    known.generic_keys.setdefault((table, ident), row[key])
    prev.tables[table].append(row)
    prev.origin[(table, row[key])] = (rows.sheet.name, number)
    return True


def note_cells(text: str) -> dict:
    """An editor's note, written in Vietnamese: kept in both note columns (untranslated)."""
    return {"note": text, "note_vi": text} if text else {}


def same_text(a: str, b: str) -> bool:
    return fold(a) == fold(b)
