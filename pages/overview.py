"""Tổng quan / Overview: per province, the latest figures, their age, targets, coverage and timeline."""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from story import fmt, theme
from story.i18n import t
from ui import frame
from ui.data import figure, q
from ui.shell import ctx
from ui.targets import status_table

c = ctx()
lang = c.lang
today = date.today()

st.title(t("app_title", lang), anchor=False)
st.caption(c.subtitle())

focus_rows = c.focus[c.focus.territory_key.isin(c.selected)]
cols = st.columns(max(1, len(focus_rows)))
for col, (_, prov) in zip(cols, focus_rows.iterrows()):
    with col, st.container(border=True):
        name = prov["name_en" if lang == "en" else "name_vi"]
        st.subheader(frame.md_escape(name), anchor=False)
        family = c.family(prov.territory_key)
        for key in family:
            latest = q("latest_total", key)
            total = latest[latest.metric == "products_total"]
            if total.empty:
                continue
            first = total.iloc[0]
            as_of = pd.Timestamp(first.as_of_date).date()
            months = fmt.months_between(as_of, today)
            prev = q("previous_total", key)
            delta, help_ = None, None
            if not prev.empty:
                p = prev.iloc[0]
                delta = fmt.number(first.value - p.value, lang)
                if first.value - p.value > 0:
                    delta = "+" + delta
                delta += " " + t("change_since", lang).format(
                    prev=fmt.qualified(p.value, p.qualifier, lang), date=fmt.partial_date(p.as_of, p.as_of_precision, lang))
                if p.source_id != first.source_id:
                    help_ = t("change_sources_differ", lang)
            st.metric(f"{t('latest_total', lang)} · {frame.md_escape(c.label(key))}",
                      fmt.qualified(first.value, first.qualifier, lang), delta=delta, delta_color="off"
                      if delta is None else "normal", help=help_, border=False)
            tiers = {r.metric: r for r in latest[latest.source_id == first.source_id].itertuples()}

            def tv(metric):
                r = tiers.get(metric)
                return fmt.qualified(r.value, r.qualifier, lang) if r else t("not_published", lang)

            st.markdown(t("tiers_line", lang).format(s3=tv("products_3star"), s4=tv("products_4star"),
                                                      s5=tv("products_5star"), s5p=tv("products_5p")))
            others = total[total.source_id != first.source_id]
            for o in others.itertuples():
                st.caption(t("other_source_at_date", lang).format(
                    text=f"{fmt.qualified(o.value, o.qualifier, lang)} ({o.source_id})"))
            age = t("age_warning" if months > 12 else "age_ok", lang).format(months=months)
            (st.warning if months > 12 else st.caption)(
                f"{t('as_of', lang)} {fmt.partial_date(first.as_of, first.as_of_precision, lang)}. {age}")
            nat = q("national_nearest", as_of)
            if not nat.empty:
                n = nat.iloc[0]
                st.caption(t("national_context", lang).format(
                    value=fmt.qualified(n.value, n.qualifier, lang), date=fmt.partial_date(n.as_of, n.as_of_precision,
                                                                                          lang)) + f" · `{n.source_id}`")
            frame.caption(total.to_dict("records") + nat.to_dict("records"), lang)
        # coverage: products listed here against the latest reported total of the same territory
        cov = q("coverage", family)
        st.markdown(f"**{t('coverage', lang)}**")
        for r in cov.itertuples():
            latest = q("latest_total", r.territory_key)
            total = latest[latest.metric == "products_total"]
            if total.empty and r.listed == 0:
                continue
            tot = fmt.qualified(total.iloc[0].value, total.iloc[0].qualifier, lang) if not total.empty else \
                t("not_published", lang)
            when = fmt.partial_date(total.iloc[0].as_of, total.iloc[0].as_of_precision, lang) if not total.empty \
                else "–"
            st.caption(f"{frame.md_escape(c.label(r.territory_key))}: " + t("coverage_text", lang).format(
                listed=fmt.number(r.listed, lang), total=tot, date=when))

st.divider()
st.subheader(t("headline_targets", lang), anchor=False)
status_table(c, c.all_keys(), lang, headline=True)

st.divider()
events = q("events", c.all_keys())
events = events[events.date_date.isna() | events.date_date.dt.year.between(c.year_from, c.year_to)]
dated = events[events.date_date.notna()].copy()
def timeline() -> go.Figure:
    fig = go.Figure()
    if dated.empty:
        return fig
    kinds = sorted(dated.kind.unique())
    palette = ["#1F618D", "#C9A227", "#148F77", "#7D3C98", "#CA6F1E", "#566573", "#2E86C1", "#A93226", "#117A65"]
    for i, kind in enumerate(kinds):
        grp = dated[dated.kind == kind]
        fig.add_trace(go.Scatter(
            x=grp.date_date, y=[frame.esc(c.label(k)) for k in grp.territory_key], mode="markers",
            name=t(f"ev_{kind}", lang),
            marker=dict(size=14, color=palette[i % len(palette)], symbol="diamond"),
            hovertext=[f"<b>{frame.esc(fmt.partial_date(d, p, lang))}</b><br>{frame.esc(tt)}<br>"
                       f"{t('source', lang)}: {frame.esc(s)}"
                       for d, p, tt, s in zip(grp.date, grp.date_precision,
                                              grp["title_en" if lang == "en" else "title_vi"], grp.source_id)],
            hoverinfo="text"))
    fig.update_xaxes(tickformat="%m/%Y")
    return theme.style(fig, lang, height=380)


fig = figure(("timeline", lang, tuple(c.all_keys()), c.year_from, c.year_to), timeline)
table = events.assign(
    when=[fmt.partial_date(d, p, lang) for d, p in zip(events.date, events.date_precision)],
    territory=[c.label(k) for k in events.territory_key],
    kind_label=[t(f"ev_{k}", lang) for k in events.kind],
)[["when", "territory", "kind_label", "title_en" if lang == "en" else "title_vi",
   "description_en" if lang == "en" else "description_vi", "source_id"]]
table.columns = [t("date", lang), t("territory", lang), t("event_kind", lang), t("title", lang), t("note", lang),
                 t("source", lang)]
frame.chart_block(key="timeline", title=t("timeline", lang), subtitle="", fig=fig if len(fig.data) else None, table=table, sources=events.to_dict("records"), lang=lang,
                  file_name="ocop_timeline")
