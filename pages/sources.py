"""Nguồn số liệu / Sources: every source, what it states, the figures it gives, a figure finder,
the sources that disagree and the public corrections list (Đính chính)."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ocop_data.missing import records
from ocop_data.words import lang_col, t
from queries import citations, core
from story import cite as citing
from story import fmt, tables
from ui import finder, frame, state
from ui.data import derived, q
from ui.shell import ctx

c = ctx()
lang = c.lang
all_srcs = q(core.sources)
srcs = all_srcs
# the province chosen in the sidebar (?province=KEY): its sources (its own rows' and its predecessors')
chosen_keys = c.all_keys() if len(c.selected) < len(c.focus) else None
if chosen_keys is not None:
    srcs = srcs[srcs.source_id.isin(q(citations.sources_of_territories, chosen_keys))]


def stated(v) -> bool:
    return isinstance(v, str) and v not in ("", "not stated")


complete = sum(stated(s["title"]) and not s["title_descriptive"] and stated(s["publisher"]) and stated(s["published"])
               for s in records(srcs))
# the finding first (issue 19 §5): how many sources, and how many state who published what and when
frame.page_head(t("sources_title", lang), [t("find_sources_page", lang).format(
    n=fmt.number(complete, lang), total=fmt.number(len(srcs), lang))])


finder.render()  # search over figures, targets, events, products, producers and quotes (ui/finder.py)

st.divider()
# --- every source: what it states about itself, a citation line to paste, a working link ---------------
ns = t("not_stated", lang)
NOTE = "note_vi" if lang == "vi" else "note"

tab_sources, tab_figures, tab_conflicts, tab_corrections = st.tabs(
    [t("sources_list", lang), t("figures_given", lang), t("conflicts_title", lang), t("corrections_title", lang)])
chosen_ids = [i for i in state.sources() if i in set(all_srcs.source_id)]
with tab_sources:
    if chosen_keys is not None and not chosen_ids:
        st.caption(t("sources_of_province", lang).format(
            province=frame.md_escape(", ".join(c.label(k) for k in c.selected)), n=fmt.number(len(srcs), lang)))
    if chosen_ids:  # a chart's source line links here with its sources: those first, the rest one click away
        st.info(t("src_filter_note", lang).format(n=fmt.number(len(chosen_ids), lang)))
        st.button(t("src_filter_all", lang), key="src_show_all", icon=":material/list:",
                  on_click=state.show_all_sources)
    st.caption(t("sources_complete", lang).format(n=fmt.number(complete, lang), total=fmt.number(len(srcs), lang)))
shown = all_srcs[all_srcs.source_id.isin(chosen_ids)] if chosen_ids else srcs  # a chart's sources, whatever the province
if chosen_ids:  # in the order the chart named them
    shown = shown.set_index("source_id").loc[chosen_ids].reset_index()
for s in records(shown):
    # the label names the source by what it states (never a file name)
    label = frame.md_escape(citing.source_label(s, lang))
    rows_citing = t("n_rows_citing", lang).format(n=fmt.number(s["rows_citing"], lang))
    with tab_sources, st.expander(f"{label} · {rows_citing}", expanded=bool(chosen_ids)):
        mark = f" _({t('descriptive_title_mark', lang)})_" if s["title_descriptive"] else ""
        title = frame.md_escape(citing.title_text(s, lang)) + mark if stated(s["title"]) else ns
        lines = [
            f"- **{t('title', lang)}:** {title}",
            f"- **{t('publisher', lang)}:** {frame.md_escape(s['publisher']) if stated(s['publisher']) else ns}",
            f"- **{t('published', lang)}:** "
            f"{fmt.approx_date(s['published'], s['published_precision'], lang) if s['published'] else ns}",
            f"- **{t('address', lang)}:** "
            f"{citing.link(s['address'], s['address']) if citing.is_url(s['address']) else ns}",
            f"- **{t('gathered', lang)}:** "
            f"{fmt.partial_date(s['gathered'], s['gathered_precision'], lang) if s['gathered'] else ns}",
            f"- **{t('source_language', lang)}:** {t('lang_' + s['language'], lang)}",
            *([f"- **{t('seed_provenance', lang)}:** {frame.md_escape(s['seed_file'])}"] if s["seed_file"] else []),
            f"- **{t('source_code', lang)}:** {frame.md_escape(s['source_id'])}",
            *([f"- **{t('note', lang)}:** {frame.md_escape(s[NOTE] or s['note'])}"] if (s[NOTE] or s["note"]) else []),
        ]
        st.markdown("\n".join(lines))
        if citing.is_url(s["address"]):
            st.markdown(citing.link(t("open_source", lang) + " ↗", s["address"]))
        st.caption(t("copy_citation", lang))
        st.code(citing.cite(s, lang), language=None, wrap_lines=True)
        if s["figures"]:
            st.caption(t("figures_count", lang).format(n=fmt.number(s["figures"], lang)))


def source_figure_table(figs: pd.DataFrame) -> pd.DataFrame:
    """A source's figures: translated headers, vi-VN values with their units and qualifiers in words."""
    return pd.DataFrame({
        t("territory", lang): [c.label(k) for k in figs.territory_key],
        t("district", lang): figs.district.fillna(""),
        t("as_of", lang): [fmt.partial_date(a, p, lang) for a, p in zip(figs.as_of, figs.as_of_precision)],
        t("metric", lang): figs[lang_col("metric", lang)],
        t("value", lang): [fmt.figure_text(v, qq, u, lang) for v, qq, u in
                           zip(figs.value, figs.qualifier, figs[lang_col("unit", lang)])],
        t("kind", lang): [t("kind_derived" if k == "derived" else k, lang) for k in figs.kind],
        t("confidence", lang): [t(f"conf_{cf}", lang) for cf in figs.confidence],
        t("quote", lang): [citing.quote_line(r, lang) for r in records(figs)],
        t("source", lang): [c.source(x) for x in figs.source_id],
        t("note", lang): [tables.text(n_vi if lang == "vi" and isinstance(n_vi, str) and n_vi else n)
                          for n, n_vi in zip(figs.note, figs.note_vi)],
    })


with_figures = srcs[srcs.figures > 0]
src_names = state.distinct({r["source_id"]: citing.source_label(r, lang) for r in records(with_figures)})
with tab_figures:
    chosen = state.widget(st.selectbox, "src", t("choose_source", lang), options=[""] + list(src_names),
                          format_func=lambda v: "—" if v == "" else src_names.get(v, v), worded=True)
    if chosen:
        ft = source_figure_table(q(core.figures_of_source, chosen))
        st.dataframe(ft, hide_index=True, width="stretch")
        frame.downloads(ft, f"ocop_figures_{chosen}", lang, "source_figures")


def conflict_table(conf: pd.DataFrame) -> pd.DataFrame:
    """The sources that disagree, both cited, as people read them."""
    rows = records(conf)
    unit = lang_col("unit", lang)
    return pd.DataFrame({
        t("territory", lang): [c.label(r["territory_key"]) for r in rows],
        t("metric", lang): [r[lang_col("metric", lang)] for r in rows],
        t("conflict_a", lang): [f"{fmt.figure_text(r['a_value'], r['a_qualifier'], r[unit], lang)} · "
                                f"{fmt.partial_date(r['a_as_of'], r['a_as_of_precision'], lang)}" for r in rows],
        t("conflict_b", lang): [f"{fmt.figure_text(r['b_value'], r['b_qualifier'], r[unit], lang)} · "
                                f"{fmt.partial_date(r['b_as_of'], r['b_as_of_precision'], lang)}" for r in rows],
        t("citation", lang): [citing.cite_both(citing.prefixed(r, "a_"), citing.prefixed(r, "b_"), lang)
                              for r in rows],
    })


# --- sources that disagree: both cited ------------------------------------------------------------------
with tab_conflicts:
    st.caption(t("conflicts_intro", lang))
    conf = q(citations.conflicts)
    if chosen_keys is not None:
        conf = conf[conf.territory_key.isin(chosen_keys)]
    if conf.empty:
        st.info(t("no_conflicts", lang))
    else:
        ct = derived("sources_conflicts", lambda: conflict_table(conf), lang,  # once per data version
                     tuple(chosen_keys or ()))
        st.dataframe(ct, hide_index=True, width="stretch")
        frame.downloads(ct, "ocop_conflicts", lang, "conflicts")

# --- the public corrections list (Đính chính) -------------------------------------------------------------
ID_WORD = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in sorted(all_srcs.source_id, key=len, reverse=True))
                     + r")(?![\w-])") if len(all_srcs) else None


def named(text) -> str:
    """A correction's words with any source id in them named by the source's short label (readers never meet
    an id outside the 'Mã nguồn' line)."""
    text = "" if text is None else str(text)
    return ID_WORD.sub(lambda m: c.source(m.group(1)), text) if ID_WORD is not None else text


with tab_corrections:
    st.caption(t("corrections_intro", lang))
    corr = q(citations.corrections)
    if corr.empty:
        st.info(t("no_corrections", lang))
    else:
        rows = records(corr)
        cr = pd.DataFrame({
            t("corr_date", lang): [fmt.partial_date(r["date"], r["date_precision"], lang) for r in rows],
            t("corr_what", lang): [t(f"corr_table_{r['table_name']}", lang)
                                   + (f": {r[lang_col('what', lang)]}" if r[lang_col("what", lang)] else "") for r in rows],
            t("corr_change", lang): [t(f"change_{r['change']}", lang) + (
                f" · {t('corr_withdrawn_by', lang).format(id=r['withdrawn_by'])}" if r.get("withdrawn_by") else "")
                for r in rows],
            t("corr_old", lang): [named(r[lang_col("old", lang)]) for r in rows],
            t("corr_new", lang): [named(r[lang_col("new", lang)]) + (f" ({t('corr_successors', lang).lower()}: "
                                                    f"{r['successor_names'].replace(';', '; ')})"
                                                    if r["successor_names"] else "") for r in rows],
            t("corr_reason", lang): [r[lang_col("reason", lang)] for r in rows],
            t("corr_source", lang): [citing.cite(citing.prefixed(dict(r, source_source_id=r["source_id"]),
                                                                 "source_"), lang)
                                     if r["source_id"] else "–" for r in rows],
            t("corr_old_source", lang): [citing.cite(citing.prefixed(dict(r, old_source_source_id=r["old_source_id"]),
                                                                     "old_source_"), lang)
                                         if r["old_source_id"] else "–" for r in rows],
        })
        st.dataframe(cr, hide_index=True, width="stretch", column_config={
            t("corr_old", lang): st.column_config.TextColumn(width="medium"),
            t("corr_new", lang): st.column_config.TextColumn(width="medium"),
            t("corr_reason", lang): st.column_config.TextColumn(width="large")})
        frame.downloads(cr, "ocop_corrections", lang, "corrections")

st.divider()
st.subheader(t("licence_title", lang), anchor=False)
st.markdown(frame.md_escape(t("licence_text", lang)))
note = q(core.geo_note)
if note:
    st.caption(frame.md_escape(note))
