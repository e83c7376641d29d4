"""People's tables for the charts' table view and downloads (no streamlit).

The same figures as the chart, with translated column names, vi-VN numbers and dates, qualifiers
in words ("trên 150"), the source by name, and no raw codes, None or nan.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from . import findings, fmt
from .cite import source_label
from .i18n import t


def _missing(v) -> bool:
    return v is None or (not isinstance(v, (str, list, tuple, dict)) and pd.isna(v))


def _text(v) -> str:
    return "" if _missing(v) else str(v)


def _src(r: dict, lang: str, prefix: str = "source") -> str:
    sid = r.get(f"{prefix}_id") if prefix != "source" else r.get("source_id")
    if prefix == "source":
        row = {"source_id": r.get("source_id"), "source_title": r.get("source_title"),
               "source_address": r.get("source_address"), "source_file": r.get("source_file")}
    else:
        row = {"source_id": r.get(prefix), "source_title": r.get(f"{prefix}_title"),
               "source_address": r.get(f"{prefix}_address"), "source_file": r.get(f"{prefix}_file")}
        sid = r.get(prefix)
    if _missing(sid):
        return "–"
    return f"{source_label(row, lang)} ({sid})"


def source_cell(r: dict, lang: str, prefix: str = "source") -> str:
    """A source for a table cell: its name and, in brackets, its id."""
    return _src(r, lang, prefix)


def text(v) -> str:
    """A cell's text: '' for a missing value (never None or nan)."""
    return _text(v)


def _kind(r: dict, lang: str) -> str:
    word = t(r.get("kind") or "reported", lang)
    if r.get("confidence") == "L" or r.get("doubtful"):
        word += f" · {t('doubtful_flag', lang).split(',')[0]}"
    return word


def totals_table(figures: pd.DataFrame, label: Callable[[str], str], lang: str) -> pd.DataFrame:
    """The overview chart's figures: every reported or estimated total of the territories shown."""
    rows = figures.sort_values(["territory_key", "as_of_date"], na_position="last", kind="stable")
    return pd.DataFrame({
        t("territory", lang): [label(k) for k in rows.territory_key],
        t("col_report_date", lang): [findings.date_short(a, p, lang) for a, p in zip(rows.as_of, rows.as_of_precision)],
        t("col_total", lang): [fmt.qualified(v, q, lang) for v, q in zip(rows.value, rows.qualifier)],
        t("col_kind", lang): [_kind(r, lang) for r in rows.to_dict("records")],
        t("source", lang): [_src(r, lang) for r in rows.to_dict("records")],
        t("note", lang): [_text(n) for n in rows.note],
    })


def tier_table(reports: pd.DataFrame, label: Callable[[str], str], lang: str) -> pd.DataFrame:
    """The star-tier chart's reports: one row per report (date × source), tiers as published."""
    def tier(r, col):
        return "–" if _missing(r.get(col)) else fmt.qualified(r[col], r.get(col + "_q") or "exact", lang)

    recs = reports.to_dict("records")
    return pd.DataFrame({
        t("territory", lang): [label(r["territory_key"]) for r in recs],
        t("col_report_date", lang): [findings.date_short(r["as_of"], r["as_of_precision"], lang) for r in recs],
        t("col_total", lang): [tier(r, "total") for r in recs],
        t("stars_3", lang): [tier(r, "s3") for r in recs],
        t("stars_4", lang): [tier(r, "s4") for r in recs],
        t("stars_5", lang): [tier(r, "s5") for r in recs],
        t("stars_5p", lang): [tier(r, "s5p") for r in recs],
        t("col_kind", lang): [_kind(r, lang) for r in recs],
        t("source", lang): [_src(r, lang) for r in recs],
        t("note", lang): [_text(r.get("note")) for r in recs],
    })


def _achieved(r: dict, lang: str) -> str:
    if _missing(r.get("latest_value")):
        return t("not_published", lang)
    text = f"{findings.actual_text(r, lang, words=False)} " \
           f"({findings.date_short(r.get('latest_as_of'), r.get('latest_precision'), lang)})"
    if not _missing(r.get("percent")):
        text += f" · {fmt.percent(r['percent'], lang)}"
    return text


def order_targets(progress: pd.DataFrame) -> pd.DataFrame:
    """Targets with a figure first (by deadline), then those without."""
    if progress.empty:
        return progress
    return progress.assign(_nofig=progress.latest_value.isna()).sort_values(
        ["_nofig", "deadline_date", "territory_key"], kind="stable").drop(columns="_nofig")


def targets_short(progress: pd.DataFrame, label: Callable[[str], str], lang: str) -> pd.DataFrame:
    """Four columns that fit a page (and a phone): target, status, reached, deadline."""
    recs = order_targets(progress).to_dict("records")
    return pd.DataFrame({
        t("col_target_short", lang): [f"{label(r['territory_key'])}: "
                                      f"{_text(r['description_en' if lang == 'en' else 'description_vi'])}"
                                      for r in recs],
        t("status", lang): [findings.status_label(r["status"], lang) for r in recs],
        t("col_achieved", lang): [_achieved(r, lang) for r in recs],
        t("deadline", lang): [findings.deadline_text(r, lang) for r in recs],
    })


def targets_detail(progress: pd.DataFrame, label: Callable[[str], str], lang: str) -> pd.DataFrame:
    """Every target in full: plan, the target as worded and as a value, the finding, both sources."""
    recs = order_targets(progress).to_dict("records")
    return pd.DataFrame({
        t("territory", lang): [label(r["territory_key"]) for r in recs],
        t("plan", lang): [_text(r["plan_en" if lang == "en" else "plan_vi"]) for r in recs],
        t("col_target_full", lang): [_text(r["description_en" if lang == "en" else "description_vi"]) for r in recs],
        t("target_value", lang): [findings.target_value_text(r, lang) for r in recs],
        t("deadline", lang): [findings.deadline_text(r, lang) for r in recs],
        t("status", lang): [findings.status_label(r["status"], lang) for r in recs],
        t("col_achieved", lang): [_achieved(r, lang) for r in recs],
        t("note", lang): [findings.target_finding(r, label(r["territory_key"]), lang) for r in recs],
        t("target_source", lang): [_src(r, lang) for r in recs],
        t("figure_source", lang): [_src(r, lang, "latest_source") for r in recs],
    })
