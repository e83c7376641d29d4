"""Phân hạng sao theo thời gian / Star tiers over time."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from story import charts, fmt, theme
from story.i18n import t
from ui import frame
from ui.data import figure, q
from ui.shell import ctx

c = ctx()
lang = c.lang
st.title(t("page_stars", lang), anchor=False)

focus_rows = c.focus[c.focus.territory_key.isin(c.selected)]
for _, prov in focus_rows.iterrows():
    family = c.family(prov.territory_key)
    reports = q("tier_reports", family, c.year_from, c.year_to)
    dated = reports[reports.as_of_date.notna() & (reports.kind == "reported")]
    name = prov["name_en" if lang == "en" else "name_vi"]
    if len(family) > 1:
        preds = ", ".join(c.label(k) for k in family[1:])
        st.info(t("predecessor_note", lang).format(name=frame.md_escape(name), preds=frame.md_escape(preds)))
    latest = dated.as_of_date.max() if not dated.empty else None
    table = dated[["territory_key", "as_of", "as_of_precision", "source_id", "total", "qualifier", "s3",
                   "s4", "s5", "s5p", "rest", "confidence", "note"]].copy()
    table.insert(1, "territory", [c.label(k) for k in table.territory_key])
    frame.chart_block(
        key=f"tiers_{prov.territory_key}",
        title=f"{t('stars_title', lang)} · {frame.md_escape(name)}",
        subtitle=t("stars_subtitle", lang).format(date=fmt.day(latest, lang) if latest is not None else "–"),
        fig=figure(("tiers", lang, tuple(family), c.year_from, c.year_to),
                   lambda: charts.tier_chart(dated, family, lang, c.label))
        if not dated.empty else None,
        table=table, sources=dated[["source_id", "source_title", "source_address", "source_file"]]
        .drop_duplicates().to_dict("records"), lang=lang,
        as_of=fmt.day(latest, lang) if latest is not None else None,
        notes=[t("stars_footer_note", lang)], file_name=f"ocop_star_tiers_{prov.territory_key}")

    rounds = q("round_figures", family)
    rounds = rounds[rounds.as_of_date.isna() | rounds.as_of_date.dt.year.between(c.year_from, c.year_to)]
    if not rounds.empty:
        rt = rounds.assign(
            territory=[c.label(k) for k in rounds.territory_key],
            when=[fmt.partial_date(a, p, lang) for a, p in zip(rounds.as_of, rounds.as_of_precision)],
            what=rounds["metric_en" if lang == "en" else "metric_vi"],
        )
        prov_level = rt[rt.district_code.isna() & rt.metric.isin(
            ["round_new_products", "round_reevaluated", "round_upgraded_3_to_4"])]
        fig = go.Figure()
        round_colors = {"round_new_products": theme.STAR_COLORS["3"], "round_reevaluated": theme.STAR_COLORS["4"],
                        "round_upgraded_3_to_4": theme.STAR_COLORS["5p"]}
        for metric, grp in prov_level.groupby("metric", sort=False):
            fig.add_trace(go.Bar(
                x=[[w for w in grp.when], [frame.esc(c.name(tk)) for tk in grp.territory_key]],
                y=grp.value.astype(float), name=frame.esc(grp.what.iloc[0]), marker_color=round_colors.get(metric),
                hovertext=[f"{frame.esc(w)}: {frame.esc(fmt.qualified(v, qq, lang))}<br>{t('source', lang)}: "
                           f"{frame.esc(s)}" for w, v, qq, s in zip(grp.what, grp.value, grp.qualifier, grp.source_id)],
                hoverinfo="text"))
        fig.update_layout(barmode="group")
        frame.chart_block(
            key=f"rounds_{prov.territory_key}", title=f"{t('rounds_title', lang)} · {frame.md_escape(name)}",
            subtitle=t("rounds_subtitle", lang),
            fig=theme.style(fig, lang, height=360) if len(fig.data) else None,
            table=rt[["territory", "when", "district", "what", "value", "qualifier", "confidence", "source_id",
                      "note"]],
            sources=rounds.to_dict("records"), lang=lang, file_name=f"ocop_rounds_{prov.territory_key}")

    other = reports[reports.as_of_date.isna() | (reports.kind != "reported")]
    if not other.empty:
        st.subheader(t("undated_title", lang), anchor=False)
        ot = pd.DataFrame({
            t("territory", lang): [c.label(k) for k in other.territory_key],
            t("as_of", lang): [fmt.partial_date(a, p, lang) for a, p in zip(other.as_of, other.as_of_precision)],
            t("kind", lang): [t(k, lang) for k in other.kind],
            t("stars_total", lang).split(" (")[0]: [fmt.qualified(v, q_, lang) for v, q_ in
                                                   zip(other.total, other.qualifier)],
            t("stars_3", lang): [fmt.number(v, lang) for v in other.s3],
            t("stars_4", lang): [fmt.number(v, lang) for v in other.s4],
            t("stars_5", lang): [fmt.number(v, lang) for v in other.s5],
            t("confidence", lang): [f"{cf} ⚠" if cf == "L" else cf for cf in other.confidence],
            t("source", lang): other.source_id, t("note", lang): other.note})
        st.dataframe(ot, hide_index=True, width="stretch")
        frame.caption(other.to_dict("records"), lang)
    st.divider()
