"""Phân hạng sao theo thời gian / Star tiers over time: every report at its date, on a true time axis."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from story import charts, findings, fmt, tables
from story.cite import md_escape
from story.i18n import t
from ui import frame
from ui.data import figure, q
from ui.shell import ctx

c = ctx()
lang = c.lang
st.title(t("page_stars", lang), anchor=False)

territories = q("territories")


def breaks(family: list[str]) -> list[str]:
    """Where today's territory began, when it was formed from the others of its family."""
    row = territories[territories.territory_key == family[0]]
    start = row.valid_from.iloc[0] if not row.empty else None
    return [start] if len(family) > 1 and isinstance(start, str) and start else []


focus_rows = c.focus[c.focus.territory_key.isin(c.selected)]
for _, prov in focus_rows.iterrows():
    family = c.family(prov.territory_key)
    reports = q("tier_reports", family, c.year_from, c.year_to)
    dated = reports[reports.as_of_date.notna() & (reports.kind == "reported")]
    name = prov["name_en" if lang == "en" else "name_vi"]
    if len(family) > 1:
        preds = ", ".join(c.label(k) for k in family[1:])
        st.caption(md_escape(t("predecessor_note", lang).format(name=name, preds=preds)))
    last = dated.sort_values("as_of_date").iloc[-1] if not dated.empty else None
    latest = (last.as_of, last.as_of_precision) if last is not None else None
    title = findings.tier_finding(reports[reports.territory_key == family[0]], c.label(family[0]), lang)
    frame.chart_block(
        key=f"tiers_{prov.territory_key}", title=title, subtitle=t("stars_subtitle2", lang),
        fig=(lambda dated=dated, family=family, title=title: figure(
            ("tiers", lang, tuple(family), c.year_from, c.year_to),
            lambda: charts.tier_chart(dated, family, lang, c.label, title=title, breaks=breaks(family))))
        if not dated.empty else None,
        table=lambda dated=dated: tables.tier_table(dated, c.label, lang),
        sources=dated[["source_id", "source_title", "source_address", "source_file"]]
        .drop_duplicates().to_dict("records"), lang=lang,
        as_of=findings.date_short(*latest, lang) if latest is not None else None,
        figure_notes=charts.tier_notes(dated, lang), notes=[t("stars_footer_note", lang)], file_name=f"ocop_star_tiers_{prov.territory_key}")

    rounds = q("round_figures", family)
    rounds = rounds[rounds.as_of_date.isna() | rounds.as_of_date.dt.year.between(c.year_from, c.year_to)]
    prov_level = rounds[rounds.district_code.isna() & rounds.metric.isin(
        ["round_new_products", "round_reevaluated", "round_upgraded_3_to_4"])]
    if not prov_level.empty:
        rtitle = findings.round_finding(prov_level, c.label, lang)

        def rounds_table(rounds=rounds) -> pd.DataFrame:
            recs = rounds.to_dict("records")
            return pd.DataFrame({
                t("territory", lang): [c.label(r["territory_key"]) for r in recs],
                t("date", lang): [findings.date_short(r["as_of"], r["as_of_precision"], lang) for r in recs],
                t("district", lang): [tables.text(r["district"]) or t("entry_total", lang) for r in recs],
                t("metric", lang): [r["metric_en" if lang == "en" else "metric_vi"] for r in recs],
                t("value", lang): [fmt.qualified(r["value"], r["qualifier"], lang) for r in recs],
                t("confidence", lang): [t(f"conf_{r['confidence']}", lang) for r in recs],
                t("source", lang): [tables.source_cell(r, lang) for r in recs],
                t("note", lang): [tables.text(r["note"]) for r in recs]})

        frame.chart_block(
            key=f"rounds_{prov.territory_key}", title=rtitle, subtitle=t("rounds_subtitle", lang),
            fig=lambda prov_level=prov_level, rtitle=rtitle: figure(
                ("rounds", lang, tuple(family), c.year_from, c.year_to),
                lambda: charts.rounds_chart(prov_level, lang, c.label, title=rtitle,
                                            subtitle=t("rounds_subtitle", lang))),
            table=rounds_table, sources=rounds.to_dict("records"), lang=lang,
            file_name=f"ocop_rounds_{prov.territory_key}")

    other = reports[reports.as_of_date.isna() | (reports.kind != "reported")]
    if not other.empty:
        st.subheader(t("undated_title", lang), anchor=False)
        st.dataframe(tables.tier_table(other, c.label, lang), hide_index=True, width="stretch")
        frame.caption(other.to_dict("records"), lang)
    st.divider()
