"""Producers (chủ thể) by type: the finding sentence and the table (no streamlit; the chart is
``story.rows.subjects``).

Two different things are never mixed: the split a province *published* (e.g. Tuyên Quang, 11/07/2024:
179 producers, 133 cooperatives, 12 enterprises, 6 cooperative groups, 28 household businesses) and
the producers *listed in this dashboard's product list* (a small, uneven sample). Each has one colour
everywhere (the registry's ``published`` and ``listed``), its own label and its own number in the title.
"""
from __future__ import annotations

import pandas as pd

from ocop_data.missing import missing
from ocop_data.words import t

from . import fmt
from .cite import normalise_source, short_label

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
