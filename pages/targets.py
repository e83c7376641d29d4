"""Mục tiêu / Targets: every plan target, the latest comparable figure, percent reached and status."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import fmt, frame, theme
from ui.i18n import t
from ui.shell import ctx
from ui.targets import status_table

c = ctx()
lang = c.lang
st.title(t("targets_title", lang), anchor=False)

ev = status_table(c, c.all_keys(), lang)
if not ev.empty:
    chart = ev[ev.percent.notna()].copy()
    if not chart.empty:
        labels = [f"{c.label(k)} · {p} · {d}"[:90] for k, p, d in zip(
            chart.territory_key, chart["plan_en" if lang == "en" else "plan_vi"],
            chart["description_en" if lang == "en" else "description_vi"])]
        fig = go.Figure(go.Bar(
            y=labels, x=chart.percent.astype(float), orientation="h",
            marker_color=[theme.STATUS_COLORS[s] for s in chart.status],
            text=[f"{fmt.percent(p, lang)} · {t(f'status_{s}', lang)}" for p, s in zip(chart.percent, chart.status)],
            textposition="auto",
            hovertext=[f"{frame.esc(lbl)}<br>{frame.esc(fmt.qualified(v, qq, lang))} / "
                       f"{frame.esc(fmt.number(g, lang))}<br>{t('figure_source', lang)}: {frame.esc(s)}"
                       for lbl, v, qq, g, s in zip(labels, chart.latest_value, chart.latest_qualifier, chart.value,
                                                   chart.latest_source)],
            hoverinfo="text"))
        fig.add_vline(x=100, line_dash="dash", line_color="#566573")
        fig.update_xaxes(title_text=t("percent_reached", lang), ticksuffix="%")
        fig.update_yaxes(autorange="reversed")
        table = chart[["territory_key", "plan_vi", "plan_number", "description_en" if lang == "en" else
                       "description_vi", "comparison", "value", "value_high", "deadline", "latest_value",
                       "latest_qualifier", "latest_as_of", "percent", "status", "source_id", "latest_source"]]
        frame.chart_block(
            key="targets_pct", title=t("progress_title", lang), subtitle=t("progress_subtitle", lang),
            fig=theme.style(fig, lang, height=140 + 46 * len(chart)), table=table,
            sources=chart.to_dict("records"), lang=lang, file_name="ocop_targets_percent")
    with st.expander(t("download_csv", lang) + " / " + t("download_xlsx", lang)):
        frame.downloads(ev.drop(columns=[c_ for c_ in ev.columns if c_.endswith("_date")], errors="ignore"),
                        "ocop_targets", lang, "targets_all")
