"""Producers (chủ thể) by type, and products per producer: the sentences and charts (no streamlit).

Two different things are never mixed: the split a province *published* (e.g. Tuyên Quang, 11/07/2024:
179 producers, 133 cooperatives, 12 enterprises, 6 cooperative groups, 28 household businesses) and
the producers *listed in this dashboard's product list* (a small, uneven sample). Each has one colour
everywhere (``theme.MEANING_COLORS``), its own legend line and its own number in the title.
"""
from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from ocop_data.missing import missing
from ocop_data.words import t

from . import fmt, theme
from .cite import esc, normalise_source, short_label

TYPES = ("htx", "dn", "tht", "hkd", "not_published")


def _n(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _direct(text: str, row: int, meaning: str) -> str:
    return f"{text} · {meaning}" if row == 0 else text


def split_table(published: pd.DataFrame, listed: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per type: the published count and the count listed here (empty where there is none)."""
    pub = dict(zip(published.subject_type, published.n)) if not published.empty else {}
    lst = dict(zip(listed.subject_type, listed.n)) if not listed.empty else {}
    rows = [t_ for t_ in TYPES if t_ in pub or t_ in lst]
    return pd.DataFrame({
        t("subject_type", lang): [t(f"type_{x}", lang) for x in rows],
        t("producers_published", lang): [fmt.number(pub[x], lang) if x in pub else t("not_published", lang)
                                         for x in rows],
        t("producers_listed", lang): [fmt.number(lst.get(x, 0), lang) for x in rows],
    })


def who(src: dict, lang: str) -> str:
    """Who published a count, named by its source (its publisher, else its short name): a university journal's
    count is never 'the province's'."""
    s = normalise_source(src)
    publisher = s.get("publisher")
    if not missing(publisher) and publisher and publisher != "not stated":
        return str(publisher)
    return short_label(s, lang)


def title(territory: str, published: pd.DataFrame, published_total: dict | None, listed_n: int, lang: str) -> str:
    """The finding: 'Tuyên Quang (đến 30/06/2025): nhandan.vn nêu 179 chủ thể (11/07/2024); danh sách này có 4'."""
    if not published.empty:
        total = int(published.n.sum())
        when = fmt.partial_date(published.as_of.iloc[0], published.as_of_precision.iloc[0], lang)
        head = t("producers_title_split", lang).format(n=fmt.number(total, lang), date=when,
                                                       who=who(published.iloc[0].to_dict(), lang))
    elif published_total:
        head = t("producers_title_total", lang).format(
            n=fmt.qualified(published_total["value"], published_total.get("qualifier"), lang),
            date=fmt.partial_date(published_total["as_of"], published_total["as_of_precision"], lang),
            who=who(published_total, lang))
    else:
        head = t("producers_title_none", lang)
    return f"{territory}: {head}; " + t("producers_title_listed", lang).format(n=fmt.number(listed_n, lang))


def chart(published: pd.DataFrame, listed: pd.DataFrame, lang: str, source_line: str) -> go.Figure:
    """Horizontal bars per type: what the province published beside what is listed here, one colour each,
    every bar labelled with its number (a 6 beside a 133 stays readable)."""
    pub = dict(zip(published.subject_type, published.n)) if not published.empty else {}
    lst = dict(zip(listed.subject_type, listed.n)) if not listed.empty else {}
    types = [x for x in TYPES if x in pub or x in lst]
    labels = [t(f"type_{x}", lang) for x in types]
    fig = go.Figure()
    if pub:
        when = fmt.partial_date(published.as_of.iloc[0], published.as_of_precision.iloc[0], lang)
        name = t("producers_published_legend", lang).format(date=when, source=published.source_id.iloc[0])
        fig.add_trace(go.Bar(
            y=labels, x=[pub.get(x) for x in types], orientation="h", name=name,
            marker_color=theme.MEANING_COLORS["published"],
            text=[_direct(fmt.number(pub[x], lang) if x in pub else t("not_published", lang), i,
                          t("producers_published_short", lang)) for i, x in enumerate(types)],
            textposition="outside", cliponaxis=False,
            hovertext=[f"{esc(lbl)}: {esc(fmt.number(pub[x], lang)) if x in pub else esc(t('not_published', lang))}"
                       f"<br>{esc(name)}" for lbl, x in zip(labels, types)], hoverinfo="text"))
    fig.add_trace(go.Bar(
        y=labels, x=[lst.get(x, 0) for x in types], orientation="h", name=t("producers_listed_legend", lang),
        marker_color=theme.MEANING_COLORS["listed"],
        text=[_direct(fmt.number(lst.get(x, 0), lang), i, t("producers_listed_short", lang))
              for i, x in enumerate(types)], textposition="outside", cliponaxis=False,
        hovertext=[f"{esc(lbl)}: {fmt.number(lst.get(x, 0), lang)}<br>{esc(t('producers_listed_legend', lang))}"
                   for lbl, x in zip(labels, types)], hoverinfo="text"))
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("count_listed", lang), rangemode="tozero")
    theme.style(fig, lang, height=110 + 62 * max(1, len(types)), bottom=90, source_line=source_line)
    # the first row's bars say what they are (direct labels, no legend to match colours against)
    longest = max((len(x) for tr in fig.data for x in (tr.text or ())), default=4)
    fig.update_layout(margin_r=int(7.5 * longest) + 20, margin_t=20, showlegend=False)
    return fig


def top_chart(top: pd.DataFrame, lang: str, label) -> go.Figure:
    """The producers with the most products listed here: one bar each in the 'listed' colour, its name
    written above it (long names never cut by a narrow screen), its count at its end."""
    names = [f"{s} · {label(k)}" for s, k in zip(top.subject, top.territory_key)]
    # a name and its territory on one line where it fits a phone, else the territory on its own line
    lines_of = [[n] if len(n) <= 40 else textwrap.wrap(str(s), 40) + [label(k)]
                for n, s, k in zip(names, top.subject, top.territory_key)]
    rows = list(range(len(names)))
    fig = go.Figure(go.Bar(
        y=rows, x=top.n.astype(int), orientation="h", marker_color=theme.MEANING_COLORS["listed"], width=0.45,
        text=[fmt.number(v, lang) for v in top.n], textposition="outside", cliponaxis=False,
        hovertext=[f"{esc(n)}<br>{esc(t(f'type_{ty}', lang))}: {fmt.number(v, lang)} {esc(t('unit_products', lang))}"
                   for n, ty, v in zip(names, top.subject_type.fillna('not_published'), top.n)],
        hoverinfo="text"))
    wrapped = ["<br>".join(esc(x) for x in lines) for lines in lines_of]
    lines = max(w.count("<br>") + 1 for w in wrapped) if wrapped else 1
    for i, name in enumerate(wrapped):
        fig.add_annotation(x=0, y=i, yshift=13, xref="x", yref="y", text=name, showarrow=False, align="left",
                           xanchor="left", yanchor="bottom", font=dict(size=13, color=theme.TEXT))
    fig.update_yaxes(autorange="reversed", showticklabels=False, range=[len(names) - 0.5, -0.9])
    fig.update_xaxes(title_text=t("products_listed_axis", lang), rangemode="tozero", dtick=1)
    theme.style(fig, lang, height=90 + (32 + 17 * lines) * max(1, len(top)), bottom=40)
    fig.update_layout(margin_r=30, margin_l=10, margin_t=10, showlegend=False)
    return fig
