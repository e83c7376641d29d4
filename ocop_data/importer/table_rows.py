"""The rows of a sheet in a table's own form (the template's sheets for producers, sales points,
figures, targets, sources …): each cell read by its column's type; a row equal by identity to a
recorded one is unchanged, one that differs is a conflict a person resolves."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..schema import FACT_TABLES, TABLES
from .known import IDENTITY, Known, label_of
from .reading import WORKBOOKS, Progress, Sheet
from .row_checks import NAME_COLUMNS, check_cells, formulas_read, is_future, row_quote
from .values import as_text, clean, fmt_day, parse_date, parse_number

if TYPE_CHECKING:
    from .plan import SheetPlan
    from .preview import Preview


def prepare_table(prev: Preview, sp: SheetPlan, sheet: Sheet, known: Known, today: dt.date,
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
        if not check_cells(prev, sheet.name, number, header, r, names_idx):
            continue
        if sheet.formulas and not formulas_read(prev, sheet, number, header, col.values()):
            continue
        row = {name: clean(r[i]) if i < len(r) else "" for name, i in col.items()}
        if row.get("source_id") and row["source_id"] not in known.rows["source"]:  # an address or a title
            row["source_id"] = known.source_ref(row["source_id"]) or row["source_id"]
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
                if c.name not in deadline_like and is_future(row[c.name], today) and not prev.plan.file.get("planned"):
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
            row["quote"] = row_quote(prev.file_name, sheet if prev.file_name.lower().endswith(WORKBOOKS) else None,
                                     number, header, r, [])
            row["quote_status"] = "imported"
        if sp.use in IDENTITY and key not in known.rows[sp.use]:
            same = known.generic_keys.get((sp.use, IDENTITY[sp.use](row)))
            if same and same != key:
                old = known.rows[sp.use][same]
                diff = {c: (old.get(c), row.get(c)) for c in row if c not in (table.key, "quote", "quote_status")
                        and as_text(row.get(c)) and as_text(old.get(c)) != as_text(row.get(c))}  # what the file states
                label = label_of(sp.use, old)
                if sp.use == "evaluation":
                    p = known.rows["product"].get(old.get("product_id"), {})
                    label = f"{p.get('name', old.get('product_id'))} · {old.get('stars')}★ · " \
                            f"{fmt_day(old.get('decided') or '')}"
                if not diff:
                    prev.unchanged.append((sp.use, same, label))
                    continue
                prev.issue(sheet.name, number, None, "conflict", what=sp.use, label=label,
                           detail="; ".join(f"{c}: {as_text(a) or '—'} → {as_text(b) or '—'}" for c, (a, b) in diff.items()))
                continue
        if table.key:
            known.add(sp.use, row)
        if row.get("source_id") in known.rows["source"]:
            prev.sources.setdefault(row["source_id"], known.rows["source"][row["source_id"]])
        prev.tables[sp.use].append(row)
        prev.origin[(sp.use, key if table.key else None)] = (sheet.name, number)
