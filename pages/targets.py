"""Mục tiêu / Targets: every plan target, the latest comparable figure, percent reached and status."""
from __future__ import annotations

import streamlit as st

from story import charts
from story.i18n import t
from ui import frame
from ui.shell import ctx
from ui.targets import status_table

c = ctx()
lang = c.lang
st.title(t("targets_title", lang), anchor=False)

ev = status_table(c, c.all_keys(), lang)
if not ev.empty:
    fig = charts.progress_chart(ev, lang, c.label)
    chart = ev[ev.percent.notna()]
    if fig is not None:
        table = chart[["territory_key", "plan_vi", "plan_number", "description_en" if lang == "en" else
                       "description_vi", "comparison", "value", "value_high", "deadline", "latest_value",
                       "latest_qualifier", "latest_as_of", "percent", "status", "source_id", "latest_source"]]
        frame.chart_block(
            key="targets_pct", title=t("progress_title", lang), subtitle=t("progress_subtitle", lang),
            fig=fig, table=table, sources=chart.to_dict("records"), lang=lang, file_name="ocop_targets_percent")
    with st.expander(t("download_csv", lang) + " / " + t("download_xlsx", lang)):
        frame.downloads(ev.drop(columns=[c_ for c_ in ev.columns if c_.endswith("_date")], errors="ignore"),
                        "ocop_targets", lang, "targets_all")
