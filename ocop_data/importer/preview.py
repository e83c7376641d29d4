"""The preview: ``prepare`` reads an upload, applies the plan and returns what would be added,
changed or is already there, and every problem by sheet, row and column. Nothing is written."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..messages import ImportRefused, Issue
from ..schema import DATA_FILES, TABLES
from ..validate import load_dataset
from ..words import t
from ..writes import last_version
from .headers import FILE_WIDE, REQUIRED, TEMPLATE_HEADERS, field_label
from . import new_provinces
from .duplicates import Decisions, NearMatches
from .issuer import check_issuer
from .known import Known, label_of
from .plan import Plan, make_plan
from .product_rows import prepare_products
from . import report_sheets
from .report_headers import REPORT_USES, label as report_label
from .reading import MAX_BYTES, Progress, Sheet, read_upload
from .table_rows import prepare_table
from .values import KINDS, LEVELS, as_text, choice, clean, parse_date

MAX_ISSUES = 1000  # problems listed (the count says how many more)


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
    possibly_same: list = field(default_factory=list)  # duplicates.Possible: a person decides
    issues: list = field(default_factory=list)  # Issue
    notes: list = field(default_factory=list)  # Issue that does not stop the import (a row left out, a warning)
    more_issues: int = 0  # problems beyond the ones listed
    original: bytes = b""
    base: int = 0  # the history version this preview was computed against
    names: dict = field(default_factory=dict)  # (table, id) -> a readable label, for the screens
    derived: list = field(default_factory=list)  # (sheet, row, what) values read rather than given
    sources: dict = field(default_factory=dict)  # source id -> its row, for the sources this upload cites
    skipped: list = field(default_factory=list)  # (sheet, row, text): unnumbered rows below the header
    warnings: list = field(default_factory=list)  # Issue: what check would warn of after applying, not before
    readings: list = field(default_factory=list)  # what each target row's words were read as (targets_sheet)
    new_provinces: list = field(default_factory=list)  # keys of provinces named, not in the data, not confirmed
    decisions: Decisions = field(default_factory=Decisions)  # a person's choices on possible duplicates

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

    def note(self, sheet, row, column, rule, /, **params) -> None:
        if len(self.notes) < MAX_ISSUES:
            self.notes.append(Issue(sheet, row, column, rule, params))



def _plan_issues(prev: Preview, known: Known, upload_sources: set) -> None:
    plan = prev.plan
    for s in plan.sheets:
        if s.use == "ignore":
            continue
        for f, cols in s.fields().items():
            if len(cols) > 1 and f not in ("seq", "note"):
                prev.issue(s.name, s.header_number, None, "duplicate_meaning",
                           field=field_label(f, "vi") if s.use == "products" else report_label(f, "vi")
                           if s.use in REPORT_USES else f,
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
    if f.get("province"):
        key, ref = new_provinces.resolve(known, f["province"])
        if ref is None and key is None:
            new_provinces.unknown(prev, "", None, field_label("province", "vi"), f["province"])
        elif key is None:
            new_provinces.ask(prev, ref, "", None, field_label("province", "vi"))
    if f.get("source") and not (known.source_ref(f["source"]) or f["source"] in upload_sources):
        prev.issue("", None, field_label("source", "vi"), "bad_default", value=f["source"],
                   field=field_label("source", "vi"), detail=t("msg_unknown_source", "vi", value=f["source"]))
    if f.get("decided") and parse_date(f["decided"]) is None:
        prev.issue("", None, field_label("decided", "vi"), "bad_default", value=f["decided"],
                   field=field_label("decided", "vi"), detail=t("msg_bad_date", "vi", value=f["decided"]))
    for key, table, choices in (("level", LEVELS, "huyện, tỉnh, quốc gia"),
                                ("kind", KINDS, "mới, đánh giá lại, nâng hạng")):
        if f.get(key) and choice(f[key], table) is None:
            prev.issue("", None, field_label(key, "vi"), "bad_default", value=f[key], field=field_label(key, "vi"),
                       detail=t("msg_bad_choice", "vi", value=f[key], choices=choices))



def _classify(prev: Preview, known_before: dict) -> None:
    """Added, changed or unchanged, against what was recorded before this upload."""
    for table, rows in prev.tables.items():
        key = TABLES[table].key
        kept = []
        for row in rows:
            rid = row.get(key) if key else None
            old = known_before.get(table, {}).get(rid) if key else None
            label = prev.names.get((table, rid)) or row.get("name") or label_of(table, row)
            if old is None:
                prev.added.append((table, rid, label))
                kept.append(row)
                continue
            ignore = {"quote", "quote_status"}
            before = {k: old.get(k) for k in row if k not in ignore and as_text(old.get(k)) != as_text(row.get(k))}
            if before:
                prev.changed.append((table, rid, label, before, {k: row.get(k) for k in before}))
                kept.append(row)
            else:
                prev.unchanged.append((table, rid, label))
        prev.tables[table] = kept


def _validate_together(prev: Preview, data_dir: Path) -> None:
    """The same rules as the build, over the shipped files, the accepted imports and this one (in memory)."""
    def texts(label: str, rows: list):  # one row's texts at a time: nothing held twice
        for i, r in enumerate(rows, start=2):
            yield label, i, {c: as_text(v) for c, v in r.items() if v not in (None, "") and not c.startswith("_")}

    extra = {table: texts(f"candidate/{table}.csv", rows) for table, rows in prev.tables.items() if rows}
    ds = load_dataset(data_dir=data_dir, extra_rows=extra, lean=True)
    _name_errors(prev, ds)
    return ds


def _name_errors(prev: Preview, ds) -> None:
    """The build's errors in this upload's rows, at their sheet and row."""
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



def prepare(name: str, data: bytes, data_dir: Path | None = None, mapping: dict | None = None,
            limit: int = MAX_BYTES, progress: Progress | None = None, sheets: list[Sheet] | None = None,
            overrides: dict | None = None, today: dt.date | None = None,
            decisions: Decisions | None = None) -> Preview:
    """Read, map, normalise and validate an upload; nothing is written.

    ``mapping``: a plan saved from the Data page (``Plan.to_json``); ``overrides``: whole-file values
    (province, source, decided, level, kind, district, decision_no, planned) that win over both the
    mapping and what the title rows say. ``sheets``: the file already read (the page reads once).
    ``decisions``: a person's choices on possible duplicates (duplicates.py).
    """
    data_dir = Path(data_dir or paths.local_data_dir())
    today = today or dt.date.today()
    if sheets is None:
        sheets = read_upload(name, data, limit, (lambda f, s: progress(f * 0.4, s)) if progress else None)
    base = last_version(data_dir)
    known = Known(data_dir)
    before = {t: dict(rows) for t, rows in known.rows.items()}
    # provinces the editor confirmed adding (issue 16): recorded before the rows are read, so they find them
    territories = new_provinces.add_confirmed(known, new_provinces.confirmed_keys(
        (mapping or {}).get("file") if isinstance(mapping, dict) else None, overrides))
    plan = make_plan(sheets, known, mapping, overrides)
    prev = Preview(name, hashlib.sha256(data).hexdigest(), plan, {t: [] for t in DATA_FILES}, Origin(),
                   original=data, base=base, decisions=decisions or Decisions())
    for row in territories:
        prev.tables["territory"].append(row)
        prev.origin[("territory", row["territory_key"])] = (prev.sheet, None)
    for s in plan.sheets:
        if s.hidden and s.use == "ignore" and s.detected:
            prev.note("", None, None, "hidden_sheet", sheet=s.name)  # the message names the sheet
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
    by_name = {s.name: s for s in sheets}
    report_sheets.prepare_sources_first(prev, by_name, known, today)  # cited by the rest, by address or title
    _plan_issues(prev, known, upload_sources)
    report_sheets.plan_issues(prev)
    check_issuer(prev, plan, known)
    if prev.issues:
        return prev
    done = [0, sum(s.rows for s in used)]
    sub = (lambda f, s: progress(0.4 + f * 0.5, s)) if progress else None
    seen_eval: dict = {}
    near = NearMatches(before["product"], before["subject"], prev.decisions)
    for table in DATA_FILES:  # dependency order: sources, producers, products, evaluations, the rest
        for sp in used:
            if sp.use == table:
                prepare_table(prev, sp, by_name[sp.name], known, today, sub, done)
        if table in ("figure", "target"):
            report_sheets.prepare_facts(prev, table, by_name, known, today)
        if table == "product":
            for sp in plan.products_sheets():
                prepare_products(prev, sp, by_name[sp.name], known, today, seen_eval, near, sub, done)
    near.unused(prev)
    if prev.issues:
        return prev
    _classify(prev, before)
    if progress:
        progress(0.92, "validate")
    if prev.has_changes:
        after = _validate_together(prev, data_dir)
        if not prev.issues:
            report_sheets.added_warnings(prev, data_dir, after)
    if progress:
        progress(1.0, "done")
    return prev

