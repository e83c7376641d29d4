"""Phân hạng sao theo thời gian / Star tiers over time: every report at its date, on a true time axis."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ocop_data.words import lang_col, t
from queries import core
from story import charts, findings, fmt, plot, tables, undated
from story.cite import md_escape
from ui import frame, shell
from ui.data import derived, figure, q
from ui.shell import ctx

c = ctx()
lang = c.lang
st.title(t("page_stars", lang), anchor=False)

territories = q(core.territories)


def breaks(family: list[str]) -> list[str]:
    """Where today's territory began, when it was formed from the others of its family."""
    row = territories[territories.territory_key == family[0]]
    start = row.valid_from.iloc[0] if not row.empty else None
    return [start] if len(family) > 1 and isinstance(start, str) and start else []


def frames(key: str) -> dict:
    """One province's reports and rounds in the chosen years (the charts and tables are made from these)."""
    family = c.family(key)
    reports = q(core.tier_reports, family, c.year_from, c.year_to)
    rounds = q(core.round_figures, family)
    rounds = rounds[rounds.as_of_date.isna() | rounds.as_of_date.dt.year.between(c.year_from, c.year_to)]
    return {
        "family": family, "reports": reports,
        "dated": reports[reports.as_of_date.notna() & (reports.kind == "reported")],
        "other": reports[reports.as_of_date.isna() | (reports.kind != "reported")],
        "rounds": rounds,
        "prov_level": rounds[rounds.district_code.isna() & rounds.metric.isin(list(findings.ROUND_METRICS))],
    }


def province_view(key: str) -> dict:
    """One province's charts' definitions (star tiers, rounds) and the source line of its undated reports,
    worked out once per data version, language and years and shared by every viewer."""
    f = frames(key)
    family, dated, prov_level, other = f["family"], f["dated"], f["prov_level"], f["other"]
    n = c.chart_names
    title = findings.tier_finding(f["reports"][f["reports"].territory_key == family[0]], c.label(family[0]), lang)
    rtitle = findings.round_finding(prov_level, c.label, lang) if not prov_level.empty else None
    # undated reports have no place on the time axis: listed under the chart (RULES.md §3)
    listed = [x for x in (undated.note(f["reports"][f["reports"].territory_key == k], lang, "total",
                                       c.label(k) if len(family) > 1 else None) for k in family) if x]
    tiers = charts.tiers(dated, family, n, title=title, breaks=breaks(family)) if not dated.empty else None
    if tiers is not None:
        tiers.notes = tiers.notes + listed
    return {
        "family": tuple(family), "title": title, "tiers": tiers, "undated": listed if tiers is None else [],
        "rounds": charts.rounds(prov_level, n, title=rtitle, subtitle=t("rounds_subtitle", lang))
        if rtitle else None,
        "rounds_sources": list(f["rounds"].source_id), "has_other": not other.empty,
        "other_sources": list(other.source_id),
        "sources": list(dated.source_id),
    }


def rounds_table(key: str) -> pd.DataFrame:
    recs = derived("stars_frames", lambda: frames(key), key, c.year_from, c.year_to)["rounds"].to_dict("records")
    return pd.DataFrame({
        t("territory", lang): [c.label(r["territory_key"]) for r in recs],
        t("date", lang): [findings.date_short(r["as_of"], r["as_of_precision"], lang) for r in recs],
        t("district", lang): [tables.text(r["district"]) or t("entry_total", lang) for r in recs],
        t("metric", lang): [r[lang_col("metric", lang)] for r in recs],
        t("value", lang): [fmt.qualified(r["value"], r["qualifier"], lang) for r in recs],
        t("confidence", lang): [t(f"conf_{r['confidence']}", lang) for r in recs],
        t("source", lang): [tables.source_cell(r, lang, c.source) for r in recs],
        t("note", lang): [tables.text(r["note"]) for r in recs]})


def province_frames(key: str) -> dict:
    return derived("stars_frames", lambda: frames(key), key, c.year_from, c.year_to)


def view_of(key: str) -> dict:
    return derived("stars_view", lambda: province_view(key), lang, key, c.year_from, c.year_to)


def province_blocks(key: str) -> None:
    """One province's star-tier chart, its rounds and its undated reports."""
    view = view_of(key)
    family, title, tiers = list(view["family"]), view["title"], view["tiers"]
    name = names[key]
    if len(family) > 1:
        preds = ", ".join(c.label(k) for k in family[1:])
        st.caption(md_escape(t("predecessor_note", lang).format(name=name, preds=preds)))
    frame.chart_block(
        key=f"tiers_{key}", chart=tiers, title=title, subtitle=t("stars_subtitle2", lang),
        fig=(lambda: figure(("tiers", lang, tuple(family), c.year_from, c.year_to), lambda: plot.figure(tiers)))
        if tiers is not None else None,
        table=lambda key=key: tables.tier_table(province_frames(key)["dated"], c.label, lang, c.source),
        sources=None if tiers is not None else view["sources"], lang=lang,
        notes=view["undated"] + [t("stars_footer_note", lang)],
        file_name=f"ocop_star_tiers_{key}")

    rounds = view["rounds"]
    if rounds is not None:
        frame.chart_block(
            key=f"rounds_{key}", chart=rounds,
            fig=lambda: figure(("rounds", lang, tuple(family), c.year_from, c.year_to), lambda: plot.figure(rounds)),
            table=lambda key=key: rounds_table(key), sources=view["rounds_sources"], lang=lang,
            file_name=f"ocop_rounds_{key}")

    if view["has_other"]:
        st.subheader(t("undated_title", lang), anchor=False)
        st.dataframe(tables.tier_table(province_frames(key)["other"], c.label, lang, c.source), hide_index=True,
                     width="stretch")
        frame.caption(view["other_sources"], lang)


focus_rows = c.focus[c.focus.territory_key.isin(c.selected)]
names = dict(zip(focus_rows.territory_key, focus_rows[lang_col("name", lang)]))
shell.per_province(list(names), lang, "stars", lambda key: view_of(key)["title"], province_blocks)
