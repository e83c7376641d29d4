"""Targets with their status, shared by the Overview (headline) and the Targets page."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ocop_data.words import t
from queries import core
from story import findings, plot, rows, tables
from story.cite import md_escape

from . import frame
from .data import derived, figure, q

HEADLINE_METRICS = ("products_total", "communes_with_product", "products_4star", "products_5star")


def target_text(g: dict, lang: str) -> str:
    """The target as a phrase with its unit: 'trên 230 sản phẩm' (the description if it has no value)."""
    return findings.target_value_text(g, lang, unit=True)


def evaluate(keys: list[str], today: date | None = None) -> pd.DataFrame:
    """Every target of the territories with its status, latest figure and percent reached."""
    return q(core.target_progress, keys, today or date.today())


def _view(c, key: str, lang: str, today: date) -> dict | None:
    """What one province's targets block says and lists (None without targets), worked out once per data
    version, language and day and shared by every viewer: the chart's definition (``story.rows.targets``)
    and the tables."""
    family = c.family(key)
    ev = evaluate(family, today)
    if ev.empty:
        return None
    n = c.chart_names
    head = findings.headline_target(ev, family)
    others = len(ev) - len(rows.target_rows(ev))
    title = findings.target_finding(head, c.label(head["territory_key"]), lang) if head else \
        f"{c.label(key)}: {rows.status_counts(ev, lang)}"
    chart = rows.targets(ev, n, title=title)
    return {
        "title": title, "chart": chart,
        "subtitle": chart.subtitle if chart is not None else
        t("targets_chart_sub", lang).format(counts=rows.status_counts(ev, lang)),
        "notes": [t("n_other_targets", lang).format(n=others)] if others else [],
        "sources": list(dict.fromkeys(s for s in (chart.sources if chart else []) + list(ev.source_id)
                                      + list(ev.latest_source) if isinstance(s, str))),
        "short": tables.targets_short(ev, n.short, lang).map(md_escape),
        "detail": tables.targets_detail(ev, c.label, lang, c.source),
    }


def targets_title(c, key: str, lang: str) -> str:
    """The finding of one province's targets (its headline target), or its name where it has none."""
    today = date.today()
    view = derived("targets_view", lambda: _view(c, key, lang, today), lang, key, today)
    return view["title"] if view else f"{c.label(key)}: {t('no_rows', lang)}"


def province_targets(c, key: str, lang: str) -> None:
    """One province's targets: the bullet chart first (its title the headline target's finding), then a
    table that fits the page, then every detail and source in an expander."""
    today = date.today()
    view = derived("targets_view", lambda: _view(c, key, lang, today), lang, key, today)
    if view is None:
        st.info(t("no_rows", lang))
        return
    family = c.family(key)
    chart = view["chart"]
    frame.chart_block(
        key=f"targets_{key}", chart=chart, title=view["title"],
        subtitle=view["subtitle"],
        fig=(lambda: figure(("targets", lang, tuple(family)), lambda: plot.figure(chart))) if chart is not None
        else None,
        table=lambda: derived("targets_view", lambda: _view(c, key, lang, today), lang, key, today)["detail"],
        sources=view["sources"], lang=lang, notes=view["notes"], file_name=f"ocop_targets_{key}", toggle=False)
    st.table(view["short"], hide_index=True)
    with st.expander(t("target_details", lang)):
        st.dataframe(view["detail"], hide_index=True, width="stretch")
