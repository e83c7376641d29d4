"""The mapping step: each sheet's use (a product list, a table in its own form, or ignored), its
header row and each column's meaning, and the values that hold for the whole file. A plan saved
from the Data page (``Plan.to_json``) is reused as ``mapping=`` (the command line's ``--mapping``)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import ImportRefused
from ..schema import DATA_FILES, TABLES
from .headers import FILE_WIDE, recognise
from .issuer import read_issuer
from .known import Known
from .reading import Sheet
from .new_provinces import CONFIRM
from .report_headers import REPORT_USES, detect as detect_report, recognise as recognise_report
from .title_rows import read_hints
from .values import clean, fold


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
    sources: list = field(default_factory=list)  # sources added in the upload step's form (their fields)
    fixes: dict = field(default_factory=dict)  # sheet -> row number -> a person's corrections of a row
    issuer: dict = field(default_factory=dict)  # who issued the list, per its title rows (issuer.py)

    def to_json(self) -> dict:
        return {"ocop_mapping": 1, **({"sources": self.sources} if self.sources else {}),
                **({"fixes": self.fixes} if self.fixes else {}),
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
            report = detect_report(sheet.rows, sheet.name)
            if report:
                header_index, use, found = report
                detected = use
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
        if use == "products" and header and (not found or detected != "products"):
            found = recognise(header)
        elif use in REPORT_USES and header and (not found or detected != use):
            found = recognise_report(use, header)
        columns = []
        by_header = {fold(c.get("header", "")): c.get("field", "") for c in (saved or {}).get("columns", [])
                     if c.get("header")}
        by_index = {int(c["index"]): c.get("field", "") for c in (saved or {}).get("columns", [])
                    if not c.get("header")}
        for i, h in enumerate(header):
            if use == "products" or use in REPORT_USES:
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
    plan = Plan(out, {k: "" for k in FILE_WIDE} | {"planned": False, CONFIRM: ""})
    first = next((s for s in out if s.use == "products"), None)
    if first:
        plan.issuer = read_issuer(first.title, known)
        plan.hints = read_hints(first.title, known, plan.issuer)
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
    plan.sources = [dict(s) for s in (mapping or {}).get("sources") or [] if isinstance(s, dict)]
    plan.fixes = {str(k): {str(n): dict(f) for n, f in v.items()} for k, v in ((mapping or {}).get("fixes") or {}).items()
                  if isinstance(v, dict)}
    return plan


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
