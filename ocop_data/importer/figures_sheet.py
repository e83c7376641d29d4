"""Figures in Vietnamese: the "Số liệu" sheet, one row per report (Tỉnh, Tính đến, Tổng số sản phẩm OCOP,
3 sao, 4 sao, 5 sao, Số chủ thể, Mới công nhận trong đợt, Loại, Ghi chú, Nguồn, Câu nguyên văn). Each
non-empty value cell becomes one figure row, with the qualifier its cell carries ("hơn 150"). A report
the page does not date stays undated, unless the editor gives the date it stands for (Ngày suy ra, with
Lý do suy ra): that date is stored with precision ``inferred`` and the reason in the figure's note,
never as the source's date (DATA-RULES §3)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..quotes import check_figure
from .known import Known
from .reading import Sheet
from .report_headers import FIGURE_METRICS, label
from .report_rows import Rows, add_fact, quoted, source, territory
from .report_values import CONFIDENCE, KINDS, choice_of, figure_cell
from .row_checks import is_future, short_hash
from .values import parse_date

if TYPE_CHECKING:
    from .plan import SheetPlan
    from .preview import Preview

QUALIFIER_WORDS = {"more_than": "hơn / more than", "at_least": "ít nhất / at least", "about": "khoảng / about"}
STARS = {"products_3star": "3", "products_4star": "4", "products_5star": "5", "products_5p": "5p"}


def _date(rows: Rows, number: int, raw: dict, v: dict, fix: dict, today: dt.date, planned: bool):
    """(ISO date, precision, note in Vietnamese, note in English) of the report, or None (named)."""
    as_of = parse_date(raw.get("as_of")) if v.get("as_of") else ("", "undated")
    if as_of is None:
        rows.issue(number, "as_of", "bad_date", value=v["as_of"])
        return None
    if is_future(as_of[0], today) and not planned:
        rows.issue(number, "as_of", "future_date", value=v["as_of"], today=today.strftime("%d/%m/%Y"))
        return None
    inferred = str(fix.get("inferred_date") or v.get("inferred_date") or "").strip()
    reason = str(fix.get("inferred_reason") or v.get("inferred_reason") or "").strip()
    if not inferred:
        return as_of[0], as_of[1], "", ""
    if as_of[0]:
        rows.issue(number, "inferred_date", "inferred_but_dated", value=inferred, stated=v["as_of"])
        return None
    if not reason:
        rows.issue(number, "inferred_reason", "inferred_needs_reason", value=inferred)
        return None
    day = parse_date(inferred)
    if day is None or not day[0]:
        rows.issue(number, "inferred_date", "bad_date", value=inferred)
        return None
    if is_future(day[0], today):
        rows.issue(number, "inferred_date", "future_date", value=inferred, today=today.strftime("%d/%m/%Y"))
        return None
    return (day[0], "inferred", f"Ngày suy ra (nguồn không nêu ngày): {reason}",
            f"Date inferred (the source states none): {reason}")


def prepare_figures(prev: Preview, sp: SheetPlan, sheet: Sheet, known: Known, today: dt.date, seen: dict) -> None:
    rows = Rows(prev, sp, sheet)
    fixes = (prev.plan.fixes or {}).get(sheet.name, {})
    value_fields = [f for f in FIGURE_METRICS if f in rows.col]
    for number, cells, raw, v in rows:
        bad = False
        values = {}
        for f in value_fields:
            if not v.get(f):
                continue
            value, qualifier, rule = figure_cell(raw[f])
            if rule:
                rows.issue(number, f, rule, value=v[f])
                bad = True
            else:
                values[f] = (value, qualifier)
        if not values and not bad:
            rows.issue(number, None, "no_values", columns=", ".join(rows.head(f) for f in value_fields))
            continue
        when = _date(rows, number, raw, v, fixes.get(str(number), {}), today, bool(prev.plan.file.get("planned")))
        kind = choice_of(v["kind"], KINDS) if v.get("kind") else "reported"
        if kind is None:
            rows.issue(number, "kind", "bad_kind", value=v["kind"])
        confidence = choice_of(v["confidence"], CONFIDENCE) if v.get("confidence") else "H"
        if confidence is None:
            rows.issue(number, "confidence", "bad_choice", value=v["confidence"], choices="cao, vừa, thấp (H, M, L)")
        terr = territory(rows, known, number, v, when[0] if when else "")
        src = source(rows, known, number, v)
        if bad or when is None or kind is None or confidence is None or terr is None or src is None:
            continue
        as_of, precision, why_vi, why_en = when
        note_vi = "; ".join(x for x in (why_vi, v.get("note", "")) if x)
        note_en = "; ".join(x for x in (why_en, v.get("note", "")) if x)
        facts = []
        for f, (value, qualifier) in values.items():
            metric = FIGURE_METRICS[f]
            facts.append({"figure_id": "imp-f-" + short_hash(terr, as_of, metric, src), "territory_key": terr,
                          "as_of": as_of, "as_of_precision": precision, "metric": metric, "value": value,
                          "kind": kind, "qualifier": qualifier, "confidence": confidence, "source_id": src,
                          **({"note": note_en, "note_vi": note_vi} if note_vi else {})})
        words = quoted(rows, number, cells, v.get("quote", ""),
                       [(fact, lambda fact, q: _check(fact, q)) for fact in facts])
        if words is None:
            continue
        for fact in facts:
            fact.update(words)
            add_fact(rows, known, "figure", fact, number, seen)


def _check(fact: dict, quote: str):
    """What a sentence must state of one figure: its value and qualifier (ocop_data.quotes), named by the
    column it came from ('3 sao: 64')."""
    miss = check_figure(fact, STARS.get(fact["metric"]), quote)
    if miss is None:
        return None
    column = next(f for f, m in FIGURE_METRICS.items() if m == fact["metric"])
    value = QUALIFIER_WORDS.get(miss[2], miss[2]) if miss[1] == "qualifier" else miss[2]
    return miss[0], miss[1], f"{label(column, 'vi')}: {value}"
