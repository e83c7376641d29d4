"""Citations, escaping and the one link helper (no streamlit).

Every place that turns data or user text into markdown or HTML goes through these: ``md_escape``
for markdown, ``esc`` for HTML (Plotly hovers, tooltips), and ``link`` for an address, which
escapes the label and accepts only http(s) addresses, so a source address becomes a working link
and nothing else ever does.
"""
from __future__ import annotations

import html
import re

import pandas as pd

from ocop_data.missing import missing
from ocop_data.words import t

from . import fmt

_URL = re.compile(r"^https?://[^\s<>\"'`]+$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:&])")
# GFM turns a bare address into a link even when every character is escaped (its autolink pass runs
# on the decoded text): an invisible word joiner inside the pattern keeps "https://…", "www.…" and
# "…@…" as text
_WJ = "\u2060"
_AUTOLINK = ((re.compile(r"\\:(?=//)"), "\\:" + _WJ), (re.compile(r"(?i)\b(www)(?=\\\.)"), r"\1" + _WJ),
             (re.compile(r"@"), _WJ + "@"))


def md_escape(text) -> str:
    """Markdown-escape anything users or sources typed: it shows as plain text, never as markup."""
    if missing(text):
        return ""
    out = _MD_SPECIAL.sub(r"\\\1", str(text))
    for pattern, replacement in _AUTOLINK:
        out = pattern.sub(replacement, out)
    return out


def esc(text) -> str:
    """HTML-escape anything users or sources typed before it reaches HTML (hovers, tooltips)."""
    return html.escape("" if missing(text) else str(text), quote=True)


def is_url(address) -> bool:
    return isinstance(address, str) and bool(_URL.match(address))


def link(label, address) -> str:
    """A markdown link: the label escaped, the address used only when it is http(s); else the label alone."""
    text = md_escape(label)
    if not is_url(address):
        return text
    # parentheses and spaces inside the address would end the markdown link early
    target = str(address).replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{text}]({target})"


def link_html(label, address) -> str:
    """An HTML link for unsafe_allow_html blocks: escaped label, http(s) only."""
    if not is_url(address):
        return esc(label)
    return f'<a href="{esc(address)}" target="_blank" rel="noopener noreferrer">{esc(label)}</a>'


def host(address) -> str | None:
    """'https://lite.baomoi.com/x/y' -> 'lite.baomoi.com' (a short label; the link keeps the address)."""
    if is_url(address):
        return address.split("/")[2]
    return None


def normalise_source(r: dict) -> dict:
    """Accept rows of the source table or query rows with source_* columns."""
    def pick(*names):
        for n in names:
            v = r.get(n)
            if not missing(v):
                return v
        return None
    return {"source_id": r.get("source_id"), "title": pick("source_title", "title"),
            "address": pick("source_address", "address"), "seed_file": pick("source_file", "seed_file"),
            "publisher": pick("source_publisher", "publisher"), "published": pick("source_published", "published"),
            "published_precision": pick("source_published_precision", "published_precision"),
            "title_descriptive": _true(pick("source_title_descriptive", "title_descriptive"))}


def _true(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in ("true", "1")) or (
        not isinstance(value, str) and not missing(value) and bool(value))


def _stated(value) -> bool:
    return not missing(value) and str(value) != "not stated" and str(value) != ""


def source_label(src: dict, lang: str) -> str:
    """A short name for a source: its title, else its publisher and date, else its host (never a file name)."""
    s = normalise_source(src)
    if _stated(s["title"]):
        return str(s["title"])
    parts = [str(s["publisher"])] if _stated(s["publisher"]) else []
    if _stated(s["published"]):
        parts.append(fmt.approx_date(s["published"], s["published_precision"], lang))
    if parts:
        return ", ".join(parts)
    # a bare "www.host" would be turned into a link by markdown (a link inside a button, in an expander label)
    return (host(s["address"]) or "").removeprefix("www.") or str(s["source_id"])


def cite(src: dict, lang: str) -> str:
    """A citation a reporter can paste: publisher, date, 'title', address (plain text).

    Only what the source states about itself; a descriptive title (one the project wrote for a
    source that states none) stays in square brackets. A field not stated is left out, and the
    citation says once which fields the source does not state.
    """
    s = normalise_source(src)
    parts, missing = [], []
    if _stated(s["publisher"]):
        parts.append(str(s["publisher"]))
    else:
        missing.append(t("publisher", lang).lower())
    if _stated(s["published"]):
        # an inferred date (from an address or image path) says so: "khoảng 10/02/2025"
        parts.append(fmt.approx_date(s["published"], s["published_precision"], lang))
    else:
        missing.append(t("published", lang).lower())
    if _stated(s["title"]):
        title = str(s["title"])
        parts.append(title if s["title_descriptive"] else f"“{title}”")
    else:
        missing.append(t("title", lang).lower())
    if is_url(s["address"]):
        parts.append(str(s["address"]))
    text = ", ".join(parts)
    if missing:
        text += f" ({t('not_stated', lang)}: {', '.join(missing)})"
    return text


def source_markdown(src: dict, lang: str) -> str:
    """A short linked mention for captions: the source's name, linked to its address."""
    s = normalise_source(src)
    return link(source_label(s, lang), s["address"])


def cite_both(a: dict, b: dict, lang: str) -> str:
    """Two sources that disagree, cited side by side: 'citation A — differs from — citation B'."""
    return t("conflict_cite", lang).format(a=cite(a, lang), b=cite(b, lang))


def prefixed(row: dict, prefix: str) -> dict:
    """The source fields of a query row whose columns carry a prefix ('a_source_title' -> 'source_title')."""
    return {k[len(prefix):]: v for k, v in row.items() if k.startswith(prefix)}


def quote_reason(row: dict, lang: str) -> str:
    """Why a row's quote could not be checked, in the reader's language."""
    text = row.get("quote_reason_vi") if lang == "vi" else None
    if missing(text) or not text:
        text = row.get("quote_reason")
    return "" if missing(text) or not text else str(text)


def shown_quote(row: dict, lang: str) -> str | None:
    """The source's words as a reader sees them: where extraction lost letters and ``quote_display`` puts them
    back, that text marked "đã khôi phục dấu"; a garbled quote without it marked as such; None without a quote."""
    display, quote = row.get("quote_display"), row.get("quote")
    if not missing(display) and display:
        return f"{display} ({t('quote_restored', lang)})"
    if missing(quote) or not quote:
        return None
    garbled = row.get("quote_garbled")
    return f"{quote} ({t('quote_garbled', lang)})" if not missing(garbled) and garbled is True else str(quote)


def quote_line(row: dict, lang: str) -> str:
    """What backs a fact row, as plain text: the quote, the formula, or why it was not checked."""
    status = row.get("quote_status")
    if status == "derived" and not missing(row.get("formula")):
        return t("derived_from", lang).format(formula=row["formula"])
    if status == "not_retrieved":
        return t("not_retrieved_reason", lang).format(reason=quote_reason(row, lang))
    words = shown_quote(row, lang)
    if words:
        return f"“{words}”"
    return t(f"quote_status_{status}", lang) if isinstance(status, str) else ""


def short_label(src: dict, lang: str, limit: int = 48) -> str:
    """A compact name for a source in a chart's source line: its host ('baomoi.com'), else its name."""
    s = normalise_source(src)
    h = host(s["address"])
    if h:
        h = h[4:] if h.startswith("www.") else h
        if h.count(".") >= 2 and h.split(".")[0] in ("lite", "m", "en", "tv", "demo"):
            h = h.split(".", 1)[1]
        if h.strip("/") and "/" not in h:
            return h
    label = source_label(s, lang)
    return label if len(label) <= limit else label[: limit - 1].rsplit(" ", 1)[0] + "…"


def source_line(sources, lang: str, as_of: str | None = None, notes=()) -> str:
    """'Nguồn: baomoi.com, vietnam.vn · Tính đến 03/2025' for the foot of a chart image (plain text)."""
    rows = sources.to_dict("records") if isinstance(sources, pd.DataFrame) else list(sources)
    names: list[str] = []
    for r in rows:
        name = short_label(r, lang)
        if name and name not in names:
            names.append(name)
    parts = [f"{t('sources', lang)}: " + (", ".join(names) if names else t("not_stated", lang))]
    if as_of:
        parts.append(f"{t('as_of', lang)}: {as_of}")
    text = " · ".join(parts)
    for n in notes:
        if n:
            text += "\n" + n
    return text
