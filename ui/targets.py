"""Targets with their status, shared by the Overview (headline) and the Targets page."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from story import fmt
from story.i18n import t

from . import frame
from .data import q

HEADLINE_METRICS = ("products_total", "communes_with_product", "products_4star", "products_5star")
COMPARISON_WORDS = {"vi": {"at_least": "ít nhất", "more_than": "trên", "exactly": "đúng", "range": "từ",
                           "all": "tất cả"},
                    "en": {"at_least": "at least", "more_than": "more than", "exactly": "exactly", "range": "from",
                           "all": "all"}}


def target_text(g: dict, lang: str) -> str:
    word = COMPARISON_WORDS[lang][g["comparison"]]
    if g["value"] is None or pd.isna(g["value"]):
        return g["description_en" if lang == "en" else "description_vi"]
    value = fmt.number(g["value"], lang, 0 if float(g["value"]).is_integer() else 1)
    if g["comparison"] == "range" and pd.notna(g.get("value_high")):
        value += "–" + fmt.number(g["value_high"], lang)
    unit = g["unit_en" if lang == "en" else "unit_vi"]
    return f"{word} {value} {unit}"


def evaluate(keys: list[str], today: date | None = None) -> pd.DataFrame:
    """Every target of the territories with its status, latest figure and percent reached."""
    return q("target_progress", keys, today or date.today())


def status_table(c, keys: list[str], lang: str, headline: bool = False) -> pd.DataFrame:
    ev = evaluate(keys)
    if ev.empty:
        st.info(t("no_rows", lang))
        return ev
    if headline:
        ev = ev[ev.metric.isin(HEADLINE_METRICS) & (ev.status != "no_data")]
    # targets with a comparable figure first, then by deadline
    ev = ev.assign(_nodata=ev.status.eq("no_data")).sort_values(["_nodata", "deadline_date", "territory_key"],
                                                                kind="stable").drop(columns="_nodata")
    shown = pd.DataFrame({
        t("target", lang): [f"{r['description_en' if lang == 'en' else 'description_vi']}" for r in
                            ev.to_dict("records")],
        t("status", lang): [t(f"status_{s}", lang) for s in ev.status],
        t("percent_reached", lang): [fmt.percent(p, lang) if pd.notna(p) else "–" for p in ev.percent],
        t("latest_figure", lang): [
            (f"{fmt.qualified(v, qq, lang)} ({fmt.partial_date(a, p, lang)})" if pd.notna(v) else
             t("not_published", lang))
            for v, qq, a, p in zip(ev.latest_value, ev.latest_qualifier, ev.latest_as_of, ev.latest_precision)],
        t("deadline", lang): [fmt.partial_date(d, p, lang) for d, p in zip(ev.deadline, ev.deadline_precision)],
        t("territory", lang): [c.label(k) for k in ev.territory_key],
        t("plan", lang): ev["plan_en" if lang == "en" else "plan_vi"],
        t("target_value", lang): [target_text(r, lang) for r in ev.to_dict("records")],
        t("target_source", lang): ev.source_id,
        t("figure_source", lang): ev.latest_source.fillna("–"),
    })
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        t("target", lang): st.column_config.TextColumn(width="large")})
    srcs = ev[["source_id", "source_title", "source_address", "source_file"]].to_dict("records") + [
        {"source_id": r["latest_source"], "title": r["latest_source_title"], "address": r["latest_source_address"],
         "seed_file": r["latest_source_file"]} for r in ev.to_dict("records") if isinstance(r["latest_source"], str)]
    frame.caption(srcs, lang, notes=[t("status_rule", lang)])
    return ev
