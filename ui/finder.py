"""The finder block: one search box over figures, targets, events, evaluations, products, producers and
sales points, whose results (value, date, territory, certificate, the source's words, the citation)
rerun alone; the URL keeps ``find=``."""
from __future__ import annotations

import threading
from datetime import date

import streamlit as st

from queries import finder as finder_query

from ocop_data.words import t
from story import finder, fmt
from story.cite import link, md_escape

from . import frame, shell, state
from .data import db, q

SHOWN = 20  # results drawn as cards; the download holds every result found (up to LIMIT)
LIMIT = 200
_CERT_COLOUR = {"expired": "red", "expiring": "orange"}


def card(r: dict, lang: str) -> str:
    """One result as markdown: every piece of data or source text escaped."""
    lines = [f"**{md_escape(r['title'])}**  ·  {md_escape(r['kind_label'])}"]
    if r["detail"]:
        lines.append(md_escape(r["detail"]))
    facts = [f"**{md_escape(r['value'])}**" if r["value"] else "", md_escape(r["date"]), md_escape(r["territory"])]
    lines.append(" · ".join(f for f in facts if f))
    if r["certificate"]:
        colour = _CERT_COLOUR.get(r["certificate_status"])
        lines.append(f":{colour}[{md_escape(r['certificate'])}]" if colour else md_escape(r["certificate"]))
        if r.get("certificate_quote"):  # the words that state the certificate date and its validity
            lines.append(md_escape(t("cert_basis_quote", lang).format(quote=r["certificate_quote"])))
    text = "  \n".join(lines)
    if r["quote"] is not None:
        quote = md_escape(" ".join(r["quote"].split()))
        text += "\n\n> " + (f"“{quote}”" if r["verbatim"] else f"_{quote}_")
    return text


def citation(r: dict, lang: str) -> str:
    """The citation line under a card: what the source states about itself, its address as a link."""
    short = r["citation_short"]
    if (not short or short.startswith("(")) and r["source_id"]:  # the source states nothing: name it by its id
        short = f"{r['source_id']} {short}".strip()
    parts = [md_escape(short)] if short else []
    if r["address"]:
        parts.append(link(r["address"].split("/")[2], r["address"]))
    return f"{t('source', lang)}: " + " · ".join(parts) if parts else ""


_warmed: set = set()  # data versions whose index a background thread has been asked to read


def _warm_index() -> None:
    """Read the index in the background while the box is empty, so the first search answers at once
    (at national scale reading it takes a few hundred milliseconds, once per data version)."""
    database = db()
    if database.version not in _warmed:
        _warmed.add(database.version)
        threading.Thread(target=finder_query.warm, args=(database.cursor(),), daemon=True).start()


def render() -> None:
    """The search box and its results (a fragment: typing reruns this block alone)."""
    _finder()


@shell.fragment
def _finder() -> None:
    c = shell.ctx()
    lang = c.lang
    text = state.widget(st.text_input, "find", t("finder_label", lang), placeholder=t("finder_placeholder", lang),
                        help=t("finder_help", lang))
    if not (text or "").strip():
        st.caption(t("finder_help", lang))
        _warm_index()
        return
    found = q(finder_query.find, text, date.today(), LIMIT)
    if found.empty:
        st.info(t("finder_none", lang))
        return
    recs = finder.records(found, lang, c.label)
    st.caption(t("finder_count", lang).format(n=fmt.number(len(recs), lang) + ("+" if len(recs) >= LIMIT else "")))
    for r in recs[:SHOWN]:
        with st.container(border=True):
            st.markdown(card(r, lang))
            cite_line = citation(r, lang)
            if cite_line:
                st.caption(cite_line)
    if len(recs) > SHOWN:
        st.caption(t("finder_shown", lang).format(shown=fmt.number(SHOWN, lang), n=fmt.number(len(recs), lang)))
    frame.downloads(finder.table(recs, lang), "ocop_tim_kiem", lang, "found")
