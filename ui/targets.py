"""Targets with their status, shared by the Overview (headline) and the Targets page."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ocop_data.words import t
from queries import core
from story import charts, findings, tables
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


def _sources(ev: pd.DataFrame) -> list[dict]:
    return ev[["source_id", "source_title", "source_address", "source_file"]].to_dict("records") + [
        {"source_id": r["latest_source"], "title": r["latest_source_title"], "address": r["latest_source_address"],
         "seed_file": r["latest_source_file"]} for r in ev.to_dict("records") if isinstance(r["latest_source"], str)]


def _view(c, key: str, lang: str, today: date) -> dict | None:
    """What one province's targets block says and lists (None without targets), worked out once per data
    version, language and day and shared by every viewer."""
    family = c.family(key)
    ev = evaluate(family, today)
    if ev.empty:
        return None
    head = findings.headline_target(ev, family)
    others = len(ev) - len(charts.target_rows(ev))
    return {
        "title": findings.target_finding(head, c.label(head["territory_key"]), lang) if head else
        f"{c.label(key)}: {charts.status_counts(ev, lang)}",
        "drawn": others < len(ev),
        "notes": [t("n_other_targets", lang).format(n=others)] if others else [],
        "subtitle": t("targets_chart_sub", lang).format(counts=charts.status_counts(ev, lang)),
        "sources": frame.sources_line(_sources(ev), lang),
        "short": tables.targets_short(ev, c.label, lang).map(md_escape),
        "detail": tables.targets_detail(ev, c.label, lang),
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
    title, subtitle = view["title"], view["subtitle"]
    frame.chart_block(
        key=f"targets_{key}", title=title, subtitle=subtitle,
        fig=(lambda: figure(("targets", lang, tuple(family)), lambda: charts.target_chart(
            evaluate(family, today), lang, c.label, title=title, subtitle=subtitle))) if view["drawn"] else None,
        table=lambda: derived("targets_view", lambda: _view(c, key, lang, today), lang, key, today)["detail"],
        sources=view["sources"], lang=lang, notes=view["notes"],
        figure_notes=[t("status_rule", lang)],
        file_name=f"ocop_targets_{key}", toggle=False)
    st.table(view["short"], hide_index=True)
    with st.expander(t("target_details", lang)):
        st.dataframe(view["detail"], hide_index=True, width="stretch")
