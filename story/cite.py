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


_DESCRIBED = re.compile(r"^\[bài về (?P<what>.+?)(?P<unknown>; không rõ báo, ngày)?\]$")


def title_text(s: dict, lang: str) -> str:
    """A source's title in the reader's language: as the source states it, or the project's descriptive
    title ('[bài về Kế hoạch 77 …; không rõ báo, ngày]') in its English form ('[article on Kế hoạch 77 …;
    outlet and date not known]'); what the article is about keeps its own Vietnamese name."""
    title = str(s["title"])
    found = _DESCRIBED.match(title) if s.get("title_descriptive") and lang == "en" else None
    if not found:
        return title
    return t("described_title_unknown" if found["unknown"] else "described_title", lang).format(what=found["what"])


def source_label(src: dict, lang: str) -> str:
    """A short name for a source: its title, else its publisher and date, else its host (never a file name)."""
    s = normalise_source(src)
    if _stated(s["title"]):
        return title_text(s, lang)
    parts = [str(s["publisher"])] if _stated(s["publisher"]) else []
    if _stated(s["published"]):
        parts.append(fmt.approx_date(s["published"], s["published_precision"], lang))
    if parts:
        return ", ".join(parts)
    # a bare "www.host" would be turned into a link by markdown (a link inside a button, in an expander label)
    return (host(s["address"]) or "").removeprefix("www.") or t("source_unnamed", lang)


def cite(src: dict, lang: str) -> str:
    """A citation a reporter can paste: publisher, date, 'title', address (plain text).

    Only what the source states about itself; a descriptive title (one the project wrote for a
    source that states none) stays in square brackets. A field not stated is left out, and the
    citation says once which fields the source does not state.
    """
    s = normalise_source(src)
    parts, unstated = [], []
    if _stated(s["publisher"]):
        parts.append(str(s["publisher"]))
    else:
        unstated.append(t("publisher", lang).lower())
    if _stated(s["published"]):
        # an inferred date (from an address or image path) says so: "khoảng 10/02/2025"
        parts.append(fmt.approx_date(s["published"], s["published_precision"], lang))
    else:
        unstated.append(t("published", lang).lower())
    if _stated(s["title"]):
        title = title_text(s, lang)
        parts.append(title if s["title_descriptive"] else f"“{title}”")
    else:
        unstated.append(t("title", lang).lower())
    if is_url(s["address"]):
        parts.append(str(s["address"]))
    text = ", ".join(parts)
    if unstated:
        text += f" ({t('not_stated', lang)}: {', '.join(unstated)})"
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


_IMPORTED = re.compile(r"^(?P<file>.+?\.(?:xlsx|xlsm|xls|csv|txt|tsv)), (?:(?P<sheet>.+?), )?row (?P<row>\d+): "
                       r"(?P<cells>.*)$", re.S | re.I)


def imported_origin(quote: str, lang: str) -> str:
    """An imported row's quote (the file's own cells, RULES.md §1) said as what it is: 'Theo tệp X, trang Y,
    dòng N: Tỉnh=…; Tổng số=…', never in quotation marks as if it were a sentence of the source."""
    m = _IMPORTED.match(quote or "")
    if not m:
        return t("imported_cells", lang).format(cells=quote)
    head = t("imported_from_sheet" if m["sheet"] else "imported_from", lang).format(
        file=m["file"], sheet=m["sheet"] or "", row=m["row"])
    cells = m["cells"].replace(" | whole file: ", " | " + t("imported_whole_file", lang) + ": ")
    return f"{head}: {cells}" if cells.strip() else head


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
    """What backs a fact row, as plain text: the source's sentence in quotation marks, the formula, why it
    was not checked, or for an imported row the file, sheet and row it came from (never in quotation marks)."""
    status = row.get("quote_status")
    if status == "derived" and not missing(row.get("formula")):
        return t("derived_from", lang).format(formula=row["formula"])
    if status == "not_retrieved":
        return t("not_retrieved_reason", lang).format(reason=quote_reason(row, lang))
    if status == "imported" and not missing(row.get("quote")) and row.get("quote"):
        return imported_origin(str(row["quote"]), lang)
    words = shown_quote(row, lang)
    if words:
        return f"“{words}”"
    return t(f"quote_status_{status}", lang) if isinstance(status, str) else ""


def outlet(src: dict) -> str | None:
    """Who published a source, in a few words: its stated publisher without the notes in brackets
    ('Dân Việt (tv.danviet.vn)' -> 'Dân Việt'; '…, theo baotintuc.vn' dropped), else its address's host."""
    s = normalise_source(src)
    if _stated(s["publisher"]):
        name = re.split(r"\s+\(|,\s+(?:theo|via|according to)\s", str(s["publisher"]), maxsplit=1)[0].strip()
        if name:
            return name
    h = host(s["address"])
    if h:
        h = h[4:] if h.startswith("www.") else h
        if h.count(".") >= 2 and h.split(".")[0] in ("lite", "m", "en", "tv", "demo", "ven", "news", "english"):
            h = h.split(".", 1)[1]
        return h
    return None


def _clip(text: str, limit: int) -> str:
    text = str(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:·–-")
    return cut + ("…]" if text.startswith("[") else "…")


def short_label(src: dict, lang: str, limit: int = 40) -> str:
    """What readers see where a source is named (hover texts, captions, tables, slides, the .pptx and the
    PDF): its outlet with its date ('Báo Sơn La (12/2024)'), else its title cut short, never an internal id.
    A source stating nothing about itself is named by its address's host."""
    s = normalise_source(src)
    name = outlet(s)
    if name is None and _stated(s["title"]):
        name = _clip(title_text(s, lang), limit)
    if name is None:
        return t("source_unnamed", lang)
    if _stated(s["published"]):
        name += f" ({fmt.approx_date(s['published'], s['published_precision'], lang)})"
    return name


def source_labels(sources, lang: str) -> dict[str, str]:
    """Every source's short label by id (``sources``: rows of the source table). Two sources that would read
    the same are told apart by their titles ('Làng nghề Việt – Sơn La: Huyện Mộc Châu…')."""
    rows = sources.to_dict("records") if isinstance(sources, pd.DataFrame) else list(sources)
    labels = {r["source_id"]: short_label(r, lang) for r in rows}
    seen: dict[str, int] = {}
    for v in labels.values():
        seen[v] = seen.get(v, 0) + 1
    for r in rows:
        label = labels[r["source_id"]]
        if seen[label] > 1:
            s = normalise_source(r)
            extra = _clip(s["title"], 28) if _stated(s["title"]) and not s["title_descriptive"] else _slug(s["address"])
            labels[r["source_id"]] = f"{label} – {extra}" if extra else label
    return labels


def _slug(address) -> str | None:
    """The words of an address's last part ('…/thoi-diem-ket-thuc-hoat-dong-1522769.ldo' -> 'thoi diem ket
    thuc hoat…'): what tells apart two untitled pages of one outlet."""
    if not is_url(address):
        return None
    last = str(address).rstrip("/").rsplit("/", 1)[-1].split(".")[0]
    words = [w for w in re.split(r"[-_]+", last) if w and not w.isdigit() and not w.startswith("post")]
    return _clip(" ".join(words), 28) if words else None


def sources_href(source_ids, lang: str = "vi") -> str:
    """The Sources page showing these sources only: '/sources?source=seed-002,baomoi-c51438864'."""
    from urllib.parse import quote

    ids = ",".join(quote(str(i), safe="-_.~") for i in dict.fromkeys(source_ids) if i)
    return f"/sources?source={ids}" + ("&lang=en" if lang == "en" else "")


SHOWN_SOURCES = 3  # a chart's source line names this many sources and counts the rest


def source_line(source_ids, labels, lang: str, as_of: str | None = None, notes=()) -> str:
    """'Nguồn: Báo Sơn La (12/2024), Dân Việt (28/02/2023), Vietnam.vn (22/03/2025) và 5 nguồn khác' for the
    foot of a chart (plain text): the first few short labels (``labels``: id -> label, or a function), then
    how many others; ``notes`` on lines of their own."""
    name = labels if callable(labels) else (lambda i: labels.get(i, t("source_unnamed", lang)))
    ids = list(dict.fromkeys(i for i in source_ids if i))
    names = list(dict.fromkeys(name(i) for i in ids))
    head = ", ".join(names[:SHOWN_SOURCES]) if names else t("not_stated", lang)
    if len(names) > SHOWN_SOURCES:
        head += " " + t("src_more", lang).format(n=fmt.number(len(names) - SHOWN_SOURCES, lang))
    text = f"{t('sources', lang)}: {head}"
    if as_of:
        text += f" · {t('as_of', lang)}: {as_of}"
    for n in notes:
        if n:
            text += "\n" + n
    return text
