"""Targets in Vietnamese: the "Mục tiêu" sheet (Tỉnh, Văn bản, Mục tiêu, Hạn, Nguồn, Câu nguyên văn), one
row per target in the plan's own words. ``targets_wording.read`` reads the comparison, quantity, value
and deadline from the words; a person's corrections from the preview (by choices in words, kept in the
mapping as ``fixes``) win over what was read."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..quotes import check_target
from ..schema import COMPARISONS
from .known import Known
from .reading import Sheet
from .report_rows import Rows, add_fact, note_cells, quoted, source, territory
from .report_values import number_cell
from .row_checks import short_hash
from .targets_wording import PERIOD_METRIC, in_words, plan_english, plan_parts, read
from .values import fold, parse_date

if TYPE_CHECKING:
    from .plan import SheetPlan
    from .preview import Preview

# a correction settles the problem of what it corrects
_SETTLES = {"metric": ("target_quantity",), "value": ("target_value",), "deadline": ("target_deadline", "bad_date"),
            "period_from": ("target_period",)}


def _correct(reading, fix: dict, rows: Rows, number: int) -> bool:
    """Apply a person's corrections to what the words gave; False (named) when one does not read."""
    ok = True
    settled = set()
    if fix.get("comparison") in COMPARISONS:
        reading.comparison = fix["comparison"]
    if fix.get("metric"):
        reading.metric = fix["metric"]
        settled |= set(_SETTLES["metric"])
    for f in ("value", "value_high"):
        if f in fix:
            text = str(fix[f] if fix[f] is not None else "").strip()
            if not text:
                setattr(reading, f, None)
            else:
                value, rule = number_cell(text)
                if rule:
                    rows.issue(number, "wording", rule, value=text)
                    ok = False
                setattr(reading, f, value)
            if f == "value":
                settled |= set(_SETTLES["value"])
    for f in ("deadline", "period_from"):
        text = str(fix.get(f) or "").strip()
        if text:
            parsed = parse_date(text)
            if not parsed or not parsed[0]:
                rows.issue(number, "deadline" if f == "deadline" else "wording", "bad_date", value=text)
                ok = False
                continue
            setattr(reading, f, parsed[0])
            setattr(reading, f + "_precision", parsed[1])
            settled |= set(_SETTLES[f])
    reading.problems = [p for p in reading.problems if p[1] not in settled]
    return ok


def target_row(reading, v: dict, plan: dict, terr: str, src: str, metric_row: dict) -> dict:
    what = metric_row.get("label_en", "")
    what = what[0].lower() + what[1:] if len(what) > 1 and what[1].islower() else what  # 'OCOP products' stays
    description_en = in_words(reading.comparison, reading.value, reading.value_high, what, reading.deadline,
                              "en", no_deadline=False).replace(" · ", " ")
    return {"target_id": "imp-t-" + short_hash(terr, fold(plan["plan_vi"]), reading.metric, reading.deadline,
                                               fold(v["wording"])),
            "territory_key": terr, "plan_vi": plan["plan_vi"],
            "plan_en": plan_english(plan["plan_vi"], plan["plan_number"]), "plan_number": plan["plan_number"],
            "plan_date": plan["plan_date"], "plan_date_precision": plan["plan_date_precision"],
            "metric": reading.metric, "description_vi": v["wording"], "description_en": description_en,
            "comparison": reading.comparison, "value": reading.value, "value_high": reading.value_high,
            "deadline": reading.deadline, "deadline_precision": reading.deadline_precision,
            "period_from": reading.period_from if reading.metric == PERIOD_METRIC else "",
            "period_from_precision": reading.period_from_precision if reading.metric == PERIOD_METRIC else "",
            "unit_abolished_on_precision": "undated", "comparable": True,  # a province's own target: its figures
            "source_id": src, **note_cells(v.get("note", ""))}


def prepare_targets(prev: Preview, sp: SheetPlan, sheet: Sheet, known: Known, today: dt.date, seen: dict) -> None:
    rows = Rows(prev, sp, sheet)
    fixes = (prev.plan.fixes or {}).get(sheet.name, {})
    metrics = known.rows["metric"]
    for number, cells, raw, v in rows:
        if not v.get("wording"):
            rows.issue(number, "wording", "required", column=rows.head("wording"))
            continue
        if not v.get("document"):
            rows.issue(number, "document", "required", column=rows.head("document"))
            continue
        plan = plan_parts(v["document"])
        reading = read(v["wording"], raw.get("deadline"), v.get("period", ""), v["document"], plan["plan_date"],
                       set(metrics))
        ok = _correct(reading, fixes.get(str(number), {}), rows, number)
        prev.readings.append({"sheet": sheet.name, "row": number, "wording": v["wording"], "document": v["document"],
                              "comparison": reading.comparison, "value": reading.value,
                              "value_high": reading.value_high, "metric": reading.metric,
                              "deadline": reading.deadline, "period_from": reading.period_from,
                              "problems": [p[1] for p in reading.problems], "fixed": str(number) in fixes})
        for f, rule, params in reading.problems:
            if rule == "target_quantity":
                params = dict(params, choices=quantity_list(metrics))
            rows.issue(number, f, rule, **params)
        if ok and reading.metric and not reading.problems and (
                reading.comparison == "range" and reading.value_high is None
                or reading.comparison != "all" and reading.value is None):
            rows.issue(number, "wording", "target_value", value=v["wording"])
            ok = False
        terr = territory(rows, known, number, v, reading.deadline)
        src = source(rows, known, number, v)
        if reading.problems or not ok or terr is None or src is None:
            continue
        row = target_row(reading, v, plan, terr, src, metrics.get(reading.metric, {}))
        words = quoted(rows, number, cells, v.get("quote", ""), [(row, check_target)])
        if words is None:
            continue
        row.update(words)
        add_fact(rows, known, "target", row, number, seen)


def quantity_list(metrics: dict) -> str:
    """The quantities a target may count, in words (for a refusal)."""
    return "; ".join(m["label_vi"] for m in metrics.values()
                     if m.get("family") in ("products", "tiers", "period", "coverage"))
