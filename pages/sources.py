"""Nguồn số liệu / Sources: every source, what it states, the figures it gives, a figure finder."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from story import fmt
from story.i18n import t
from ui import frame, state
from ui.data import q
from ui.shell import ctx

PAGE = "sources"
state.define("find", "", page=PAGE)
state.define("src", "", page=PAGE)

c = ctx()
lang = c.lang
st.title(t("sources_title", lang), anchor=False)


def figure_table(figs: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("territory", lang): [c.label(k) for k in figs.territory_key],
        t("district", lang): figs.district.fillna(""),
        t("as_of", lang): [fmt.partial_date(a, p, lang) for a, p in zip(figs.as_of, figs.as_of_precision)],
        t("metric", lang): figs["metric_en" if lang == "en" else "metric_vi"],
        t("value", lang): [fmt.qualified(v, qq, lang) for v, qq in zip(figs.value, figs.qualifier)],
        t("kind", lang): [t(k, lang) for k in figs.kind],
        t("confidence", lang): [f"{cf} ⚠ {t('doubtful', lang)}" if cf == "L" else cf for cf in figs.confidence],
        t("source", lang): figs.source_id,
        t("note", lang): figs.note.fillna(""),
    })


find = state.widget(st.text_input, "find", t("finder", lang), placeholder="4 sao Sơn La 2019")
if find:
    found = q("find_figures", find)
    st.caption(t("finder_results", lang).format(n=fmt.number(len(found), lang)))
    if not found.empty:
        ft = figure_table(found)
        st.dataframe(ft, hide_index=True, width="stretch")
        frame.caption(found.drop_duplicates("source_id").to_dict("records"), lang)
        frame.downloads(ft, "ocop_figures_found", lang, "found")

st.divider()
srcs = q("sources")
ns = t("not_stated", lang)
for s in frame.records(srcs):
    label = frame.md_escape(s["title"] if s["title"] != "not stated" else (
        s["seed_file"] or frame.host(s["address"]) or ns))
    with st.expander(f"`{s['source_id']}` · {label} · "
                     f"{fmt.number(s['rows_citing'], lang)} {t('rows_citing', lang).lower()}"):
        st.markdown("\n".join([
            f"- **{t('title', lang)}:** {frame.md_escape(s['title']) if s['title'] != 'not stated' else ns}",
            f"- **{t('publisher', lang)}:** {frame.md_escape(s['publisher']) if s['publisher'] != 'not stated' else ns}",
            f"- **{t('published', lang)}:** "
            f"{fmt.partial_date(s['published'], s['published_precision'], lang) if s['published'] else ns}",
            f"- **{t('address', lang)}:** {frame.link(s['address'], s['address']) if s['address'] != 'not stated' else ns}",
            *([f"- **{t('seed_file', lang)}:** {frame.md_escape(s['seed_file'])}"] if s["seed_file"] else []),
            f"- **{t('gathered', lang)}:** "
            f"{fmt.partial_date(s['gathered'], s['gathered_precision'], lang) if s['gathered'] else ns}",
            f"- **{t('language', lang).split(' / ')[0 if lang == 'vi' else 1]}:** {s['language']}",
            *([f"- **{t('note', lang)}:** {frame.md_escape(s['note'])}"] if s["note"] else []),
        ]))
        st.caption(t("copy_citation", lang))
        st.code(frame.cite(s, lang), language=None, wrap_lines=True)
        if s["figures"]:
            st.caption(t("figures_count", lang).format(n=fmt.number(s["figures"], lang)))

st.divider()
st.subheader(t("figures_given", lang), anchor=False)
with_figures = srcs[srcs.figures > 0].source_id.tolist()
chosen = state.widget(st.selectbox, "src", t("choose_source", lang), options=[""] + with_figures,
                      format_func=lambda v: "—" if v == "" else v, valid=lambda v: v if v in with_figures else "")
if chosen:
    ft = figure_table(q("figures_of_source", chosen))
    st.dataframe(ft, hide_index=True, width="stretch")
    frame.downloads(ft, f"ocop_figures_{chosen}", lang, "source_figures")

st.divider()
st.subheader(t("licence_title", lang), anchor=False)
st.markdown(frame.md_escape(t("licence_text", lang)))
note = q("geo_note")
if note:
    st.caption(frame.md_escape(note))
