"""Tổng quan / Overview: the first screen a leader reads in five seconds, then the detail.

Above the fold: one compact row per chosen province (latest total, trend, headline target, age of
the data), then one chart of the reported totals over real time. With more than three provinces
the rows become a sortable table with trend images, so the chart still shows. Below: the headline
targets and coverage as sentences, the national context and the programme's timeline.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ocop_data.missing import records
from ocop_data.words import lang_col, t
from queries import citations, core
from story import cards, charts, findings, fmt, plot, tables
from story import certificates as cert_words
from story.cite import md_escape
from ui import frame
from ui.data import derived, figure, q
from ui.shell import ctx
from ui.targets import evaluate

c = ctx()
lang = c.lang
today = date.today()

# a compact head, so the rows and the chart fit a 1440×900 screen without scrolling
st.html("""<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.6rem !important; }
h1 { font-size: 2rem !important; padding-bottom: 0.1rem !important; }
</style>""")
st.title(t("app_title", lang), anchor=False)
focus_rows = c.focus[c.focus.territory_key.isin(c.selected)]
st.caption(c.subtitle() if len(focus_rows) <= 3 else  # many provinces: a count, not a paragraph of names
           t("app_subtitle", lang).format(provinces=t("n_provinces", lang).format(n=len(focus_rows))))

provinces = [(k, c.family(k)) for k in focus_rows.territory_key]
keys = c.all_keys()
tiers = q(core.tier_figures, keys)
totals = tiers[tiers.metric == "products_total"]
progress = evaluate(keys)
territories = q(core.territories)
span = cards.time_span(totals)


def merger_of(family: list[str]) -> str | None:
    """The date today's territory began, when it was formed from others (drawn on its trend)."""
    if len(family) < 2:
        return None
    row = territories[territories.territory_key == family[0]]
    return str(row.valid_from.iloc[0]) if not row.empty and isinstance(row.valid_from.iloc[0], str) else None


# the rows, the chart's title and the headline lines are worked out once per data version, language,
# choice of provinces and day (shared by every viewer), not on every rerun
chosen = tuple(k for k, _ in provinces)
if len(provinces) <= 3:
    st.html(derived("overview_rows", lambda: cards.rows_html([
        cards.province_row(k, fam, totals[totals.territory_key.isin(fam)],
                           progress[progress.territory_key.isin(fam)] if not progress.empty else progress,
                           c.chart_names, today, span, merger=merger_of(fam))
        for k, fam in provinces]), lang, chosen, today))
else:
    table = derived("overview_table", lambda: cards.overview_table(provinces, totals, progress, c.chart_names, today,
                                                                   span), lang, chosen, today)
    st.dataframe(table, hide_index=True, width="stretch", height=260, row_height=40, column_config={
        t("tbl_trend", lang): st.column_config.ImageColumn(width="medium"),
        t("tbl_latest", lang): st.column_config.NumberColumn(format="%d"),
        t("tbl_age", lang): st.column_config.NumberColumn(format="%d"),
        t("tbl_pct", lang): st.column_config.NumberColumn(format="%.1f%%"),
    })


# one chart: reported totals over real time, former and new territories as separate lines
def totals_title() -> str:
    if len(provinces) <= 3:
        return " · ".join(findings.total_finding(totals[totals.territory_key == k], c.label(k), lang)
                          for k, _ in provinces)
    latest = [(k, findings.latest_total(totals[totals.territory_key == k])) for k, _ in provinces]
    latest = [(k, r) for k, r in latest if r is not None]
    top = max(latest, key=lambda x: float(x[1]["value"]), default=None)
    return t("totals_title_many", lang).format(n=len(provinces), top=(
        f"{c.label(top[0])} {fmt.qualified(top[1]['value'], top[1]['qualifier'], lang)} "
        f"({findings.date_short(top[1]['as_of'], top[1]['as_of_precision'], lang)})") if top else "–")


chart_title = derived("overview_totals_title", totals_title, lang, chosen)
families = [fam for _, fam in provinces]
drawable = totals[(totals.kind == "reported") & totals.as_of_date.notna()
                  & totals.territory_key.isin([k for fam in families for k in fam])]
if drawable.empty:  # nothing published to draw: say so in words, never an empty chart
    st.subheader(md_escape(chart_title), anchor=False)
    st.info(md_escape(t("totals_not_published", lang).format(
        provinces=", ".join(c.label(k) for k, _ in provinces))))
else:
    totals_chart = derived("overview_totals_chart", lambda: charts.totals(totals, families, c.chart_names,
                                                                          territories, title=chart_title), lang,
                           chosen)
    frame.chart_block(
        key="totals", chart=totals_chart,
        fig=lambda: figure(("totals", lang, tuple(keys), chart_title), lambda: plot.figure(totals_chart)),
        table=lambda: tables.totals_table(totals, c.label, lang, c.source), lang=lang, file_name="ocop_totals")

# --- below the fold: headline targets, coverage, national context, timeline -----------------
st.divider()
st.subheader(t("overview_headline_title", lang), anchor=False)
if progress.empty:
    st.info(t("no_rows", lang))


def headline_lines(k: str, fam: list[str]) -> list[str]:
    """One province's headline targets, coverage, certificates of rounds and national context (markdown)."""
    shown = progress[progress.territory_key.isin(fam) & progress.metric.isin(
        ["products_total", "communes_with_product", "products_4star", "products_5star"])] if not progress.empty \
        else progress
    shown = tables.order_targets(shown[(shown.status != "no_data")]) if not shown.empty else shown
    lines = []
    newest = findings.nothing_after(totals[totals.territory_key == k], c.label(k), lang)
    if newest:  # what the search of the stored pages did not find (README, "Newest figures")
        lines.append(f"- {md_escape(newest)}")
    for r in shown.to_dict("records"):
        lines.append(f"- **{md_escape(findings.status_label(r['status'], lang))}** · "
                     f"{md_escape(findings.target_finding(r, c.label(r['territory_key']), lang))}")
        if r["comparison"] == "all" and pd.notna(r.get("latest_value")) and pd.notna(r.get("value")):
            pct = q(core.published_percent, r["territory_key"], r["metric"], r["latest_as_of"])
            label = r[lang_col("metric", lang)]
            lines.append(f"  - {md_escape(findings.coverage_finding(label, r, lang, pct))}")
    cov = q(core.coverage, fam)
    for r in cov.itertuples():
        latest = findings.latest_total(totals[totals.territory_key == r.territory_key])
        if latest is None and r.listed == 0:
            continue
        tot = fmt.qualified(latest["value"], latest["qualifier"], lang) if latest else t("not_published", lang)
        when = findings.date_short(latest["as_of"], latest["as_of_precision"], lang) if latest else "–"
        lines.append(f"- {md_escape(c.label(r.territory_key))}: " + md_escape(t("coverage_text", lang).format(
            listed=fmt.number(r.listed, lang), total=tot, date=when)))
    for r in records(q(citations.round_certificates, fam, today)):  # certificates of rounds (36 months)
        lines.append("- " + md_escape(f"{c.label(r['territory_key'])}: {cert_words.round_line(r, lang)}"))
        words = cert_words.basis_quote_line(r, lang)  # the sentence that states the date (and validity)
        if words:
            lines.append("  - " + md_escape(words))
    latest = findings.latest_total(totals[totals.territory_key == k])
    if latest is not None:
        nat = q(core.national_nearest, pd.Timestamp(latest["as_of_date"]).date())
        if not nat.empty:
            n = nat.iloc[0]
            lines.append("- " + md_escape(t("national_context", lang).format(
                value=fmt.qualified(n.value, n.qualifier, lang),
                date=findings.date_short(n.as_of, n.as_of_precision, lang))) + f" · {md_escape(c.source(n.source_id))}")
    return lines


for k, fam in provinces:
    lines = derived("overview_lines", lambda k=k, fam=fam: headline_lines(k, fam), lang, chosen, k, today)
    if lines:
        st.markdown(f"**{md_escape(c.label(k))}**  \n" + "\n".join(lines))
frame.caption(progress, lang, notes=[t("status_rule", lang)])

st.divider()
events = q(core.events, keys)
events = events[events.date_date.isna() | events.date_date.dt.year.between(c.year_from, c.year_to)]
dated = events[events.date_date.notna()].copy()
if dated.empty:
    timeline_title = t("timeline_none", lang)
else:
    last = dated.sort_values("date_date").iloc[-1]
    timeline_title = t("timeline_finding", lang).format(
        n=len(dated), title=last[lang_col("title", lang)],
        date=findings.date_short(last.date, last.date_precision, lang))


timeline_chart = derived("overview_timeline", lambda: charts.timeline(
    events, c.chart_names, title=timeline_title, subtitle=t("timeline_subtitle", lang)), lang, tuple(keys),
    c.year_from, c.year_to) if not dated.empty else None


def timeline_table() -> pd.DataFrame:
    recs = events.to_dict("records")
    return pd.DataFrame({
        t("date", lang): [findings.date_short(r["date"], r["date_precision"], lang) for r in recs],
        t("territory", lang): [c.label(r["territory_key"]) for r in recs],
        t("event_kind", lang): [t(f"ev_{r['kind']}", lang) for r in recs],
        t("title", lang): [tables.text(r[lang_col("title", lang)]) for r in recs],
        t("note", lang): [tables.text(r[lang_col("description", lang)]) for r in recs],
        t("source", lang): [tables.source_cell(r, lang, c.source) for r in recs],
    })


frame.chart_block(
    key="timeline", chart=timeline_chart, title=timeline_title, subtitle=t("timeline_subtitle", lang),
    fig=(lambda: figure(("timeline", lang, tuple(keys), c.year_from, c.year_to), lambda: plot.figure(timeline_chart)))
    if timeline_chart is not None else None,
    table=timeline_table, sources=list(events.source_id), lang=lang, file_name="ocop_timeline")
