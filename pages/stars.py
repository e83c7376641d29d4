"""Phân hạng sao theo thời gian / Star tiers over time."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from ui import fmt, frame, theme
from ui.data import q
from ui.i18n import t
from ui.shell import ctx

c = ctx()
lang = c.lang
st.title(t("page_stars", lang), anchor=False)

TIERS = [("s3", "3"), ("s4", "4"), ("s5p", "5p"), ("s5", "5"), ("rest", "total")]


def tier_label(star: str) -> str:
    return t("stars_total" if star == "total" else f"stars_{star}", lang)


def source_short(r) -> str:
    label = theme.short_source(r["source_id"])
    if r["doubtful"]:
        label += " ⚠"
    return label


def hover(r, col: str, star: str) -> str:
    value = r[col]
    q_ = r.get(col + "_q") if col != "rest" else None
    lines = [f"<b>{frame.esc(tier_label(star))}</b>: {frame.esc(fmt.qualified(value, q_ or 'exact', lang))}"]
    if col == "rest":
        lines.append(frame.esc(t("split_not_published", lang)))
    lines.append(f"{t('as_of', lang)}: {frame.esc(fmt.partial_date(r['as_of'], r['as_of_precision'], lang))}")
    if pd.notna(r.get("total")):
        lines.append(f"{t('stars_total', lang).split(' (')[0]}: "
                     f"{frame.esc(fmt.qualified(r['total'], r.get('total_q') or 'exact', lang))}")
    title = r["source_title"] if r["source_title"] != "not stated" else (r["source_file"] or r["source_address"])
    lines.append(f"{t('source', lang)}: {frame.esc(r['source_id'])} · {frame.esc(title)}")
    if r["doubtful"]:
        lines.append(frame.esc(t("doubtful_flag", lang)))
    if r["note"]:
        lines.append(f"<i>{frame.esc(r['note'][:140])}</i>")
    return "<br>".join(lines)


def tier_figure(reports: pd.DataFrame, territory_keys: list[str]) -> go.Figure:
    """Stacked bars per report; one column per territory (predecessors side by side)."""
    present = [k for k in territory_keys if (reports.territory_key == k).any()]
    widths = [max(1, (reports.territory_key == k).sum()) for k in present]
    fig = make_subplots(rows=1, cols=len(present), shared_yaxes=True, horizontal_spacing=0.03,
                        subplot_titles=[c.label(k) for k in present] if len(present) > 1 else None,
                        column_widths=[w / sum(widths) for w in widths])
    for i, key in enumerate(present, start=1):
        sub = reports[reports.territory_key == key]
        x = [[fmt.partial_date(a, p, lang) for a, p in zip(sub.as_of, sub.as_of_precision)],
             [source_short(r) for _, r in sub.iterrows()]]
        for col, star in TIERS:
            if sub[col].isna().all():
                continue
            fig.add_trace(go.Bar(
                x=x, y=[None if pd.isna(v) else float(v) for v in sub[col]],
                name=tier_label(star), legendgroup=star, showlegend=i == 1 or not any(
                    tr.legendgroup == star for tr in fig.data),
                marker=dict(color=theme.STAR_COLORS[star],
                            pattern=dict(shape=["/" if d else "" for d in sub.doubtful], fillmode="overlay",
                                         fgcolor="#566573")),
                hovertext=[hover(r, col, star) for _, r in sub.iterrows()], hoverinfo="text",
                meta=dict(territory=key, tier=star, sources=sub.source_id.tolist()),
            ), row=1, col=i)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=t("unit_products", lang), row=1, col=1)
    return fig


def tier_figure_styled(dated: pd.DataFrame, family: list[str]) -> go.Figure:
    fig = tier_figure(dated, family)
    theme.style(fig, lang, height=520, bottom=170,
                source_line=f"{t('sources', lang)}: " + ", ".join(sorted(dated.source_id.unique())))
    if len(family) > 1:  # room for the subplot titles under the legend
        fig.update_layout(margin_t=110, legend_y=1.18)
    return fig


focus_rows = c.focus[c.focus.territory_key.isin(c.selected)]
for _, prov in focus_rows.iterrows():
    family = c.family(prov.territory_key)
    reports = q("tier_reports", family, c.year_from, c.year_to)
    dated = reports[reports.as_of_date.notna() & (reports.kind == "reported")]
    name = prov["name_en" if lang == "en" else "name_vi"]
    if len(family) > 1:
        preds = ", ".join(c.label(k) for k in family[1:])
        st.info(t("predecessor_note", lang).format(name=name, preds=preds))
    latest = dated.as_of_date.max() if not dated.empty else None
    table = dated[["territory_key", "as_of", "as_of_precision", "source_id", "total", "qualifier", "s3",
                   "s4", "s5", "s5p", "rest", "confidence", "note"]].copy()
    table.insert(1, "territory", [c.label(k) for k in table.territory_key])
    frame.chart_block(
        key=f"tiers_{prov.territory_key}",
        title=f"{t('stars_title', lang)} · {name}",
        subtitle=t("stars_subtitle", lang).format(date=fmt.day(latest, lang) if latest is not None else "–"),
        fig=tier_figure_styled(dated, family)
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
                x=[[w for w in grp.when], [c.name(tk) for tk in grp.territory_key]], y=grp.value.astype(float),
                name=str(grp.what.iloc[0]), marker_color=round_colors.get(metric),
                hovertext=[f"{frame.esc(w)}: {frame.esc(fmt.qualified(v, qq, lang))}<br>{t('source', lang)}: "
                           f"{frame.esc(s)}" for w, v, qq, s in zip(grp.what, grp.value, grp.qualifier, grp.source_id)],
                hoverinfo="text"))
        fig.update_layout(barmode="group")
        frame.chart_block(
            key=f"rounds_{prov.territory_key}", title=f"{t('rounds_title', lang)} · {name}",
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
