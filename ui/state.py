"""The view lives in the URL: ``/products?lang=English&province=Sơn La&years=2019&years=2024&stars=4-star``.

Every widget that holds part of the view is bound to its URL parameter by Streamlit (``widget()``:
``bind="query-params"``, the widget's key is the parameter's name). The URL holds the option as the widget
shows it; Streamlit reads it when a link is opened, writes it when the reader changes the widget (in a
fragment too) and leaves out an option equal to the widget's default.

The shim here keeps what no widget holds, through ``st.query_params``: ``present`` (any link opens the
presentation) and ``slide`` (the slide shown). It also rewrites links of the old forms: ``y0``/``y1``
(now ``years``), an option's code (``province=14``, ``lang=en``, ``district=123``, ``product=sl-toi-den``)
and a comma list (``stars=4,5``). The first time a widget meets such a value, the new form is written
to the address before the widget is bound, and the run starts again from it; a bound parameter is never
written (Streamlit refuses that: it owns it).
"""
from __future__ import annotations

from typing import Any, Callable

import streamlit as st

BIND = "query-params"
LANGS = {"vi": "Tiếng Việt", "en": "English"}  # the language switch shows each language in its own words
_MET = "_url_met"  # the parameters whose old form was already looked for in this session
_WORDED = "_url_worded"  # bound keys whose options are shown in words of the language
PRESENT = "present"  # ?present=1 on any link opens the presentation
SLIDE = "slide"  # the presentation's slide number (kept in the session too: back on the page, the same slide)
SOURCES = "source"  # /sources?source=ID,ID: the sources a chart's source line links to
UNBOUND = (PRESENT, SLIDE, SOURCES)  # what no widget holds
OWN = {SLIDE: "present", SOURCES: "sources"}  # an unbound parameter and the one page it belongs to
OLD_YEARS = ("y0", "y1")  # the year range of older links (now ``years``)


def widget(fn: Callable, key: str, label: str, *, options: list | None = None, format_func: Callable = str,
           worded: bool = False, **kwargs) -> Any:
    """``fn(label, key=key, bind="query-params", ...)``: st.selectbox, st.multiselect, st.segmented_control,
    st.text_input, st.toggle … holding URL parameter ``key``.

    ``options`` (with ``format_func``) are the widget's; an old link's codes are rewritten to them.
    ``worded``: the options are shown in words of the reader's language, so a language switch rewrites
    the parameter (``stars=4 sao`` becomes ``stars=4-star``).
    """
    if options is not None:
        many = fn is st.multiselect
        _rewrite_codes(key, options, format_func, many)
        _keep_to(key, options, many)
        kwargs.update(options=options, format_func=format_func)
    elif fn is st.toggle:
        _rewrite_flag(key)
    if worded:
        st.session_state.setdefault(_WORDED, set()).add(key)
    return fn(label, key=key, bind=BIND, **kwargs)


def distinct(labels: dict) -> dict:
    """Labels of a bound widget's options, made distinct (the link holds the label, so two options must not
    read alike): a label two codes share gets its code, 'Tỏi đen · chưa công bố · sl-toi-den'."""
    seen: dict = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    return {code: f"{label} · {code}" if seen[label] > 1 else label for code, label in labels.items()}


def reword() -> None:
    """After a language switch: hand every worded widget its value again, so Streamlit writes it to the URL
    in the new language's words (a link of ``stars=4 sao&lang=English`` would otherwise lose its filter)."""
    for key in st.session_state.get(_WORDED, ()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def lang() -> str:
    """The reader's language before the switch is drawn: this session's choice, else the link's."""
    chosen = st.session_state.get("lang")
    if chosen in LANGS:
        return chosen
    raw = st.query_params.get("lang", "")
    return next((code for code, name in LANGS.items() if raw in (code, name)), "vi")


def years(label: str, low: int, high: int) -> tuple[int, int]:
    """The year range slider (``?years=2019&years=2024``), from ``low`` to ``high``.

    Its bounds follow the chosen provinces, and Streamlit makes a new slider when they change; a range the
    reader chose is then kept, clamped to the new bounds (the whole range follows them)."""
    _rewrite_years(low, high)
    kept = st.session_state.get("_years_kept")  # (low, high, value) of the last run
    chosen = st.session_state.get("years")
    if kept and kept[:2] != (low, high):  # new bounds: the whole range follows them, a part is kept
        chosen = (low, high) if tuple(kept[2]) == tuple(kept[:2]) else kept[2]
    if chosen is not None:  # never a value outside the bounds (Streamlit refuses it)
        y0, y1 = (min(max(int(y), low), high) for y in chosen)
        fitted = (y0, y1) if y0 <= y1 else (low, high)
        if tuple(st.session_state.get("years") or ()) != fitted:
            st.session_state["years"] = fitted
    value = st.slider(label, min_value=low, max_value=high, value=(low, high), key="years", bind=BIND)
    st.session_state["_years_kept"] = (low, high, value)
    return value


def take_present() -> bool:
    """``?present=1`` on any link: True once, and the parameter is gone (the presentation has its own page)."""
    if st.query_params.get(PRESENT, "") not in ("1", "true", "yes"):
        return False
    del st.query_params[PRESENT]
    return True


def slide(count: int) -> int:
    """The slide shown (1 … ``count``): the link's ``slide``, else the one last shown in this session."""
    raw = st.query_params.get(SLIDE) or st.session_state.get(SLIDE) or 1
    try:
        i = min(max(int(raw), 1), count)
    except ValueError:
        i = 1
    go_to_slide(i)
    return i


def go_to_slide(i: int) -> None:
    """Show slide ``i`` (the first slide leaves the parameter out, as a default does)."""
    st.session_state[SLIDE] = i
    if i == 1 and SLIDE in st.query_params:
        del st.query_params[SLIDE]
    elif i != 1 and st.query_params.get(SLIDE) != str(i):
        st.query_params[SLIDE] = str(i)


def leave_page(page: str) -> None:
    """A page keeps only its own parameters: the slide number is the presentation's, the chosen sources the
    Sources page's."""
    for key, own in OWN.items():
        if page != own and key in st.query_params:
            del st.query_params[key]


def sources() -> list[str]:
    """The source ids a chart's link names (``?source=a,b`` or ``?source=a&source=b``), in its order."""
    return list(dict.fromkeys(i for v in st.query_params.get_all(SOURCES) for i in str(v).split(",") if i))


def show_all_sources() -> None:
    """'See every source': the Sources page without a chart's choice."""
    if SOURCES in st.query_params:
        del st.query_params[SOURCES]


def _met(key: str) -> bool:
    """True if ``key`` was already looked at in this session (the old form is rewritten only on arrival)."""
    met = st.session_state.setdefault(_MET, set())
    if key in met:
        return True
    met.add(key)
    return False


def _rewrite_codes(key: str, options: list, format_func: Callable, many: bool) -> None:
    if _met(key):
        return
    raw = st.query_params.get_all(key)
    shown = [format_func(o) for o in options]
    if not raw or all(r in shown for r in raw):
        return  # nothing, or the new form: Streamlit seeds the widget from it
    by_code = {str(o): s for o, s in zip(options, shown)}
    items = [i for r in raw for i in (r.split(",") if many else [r])]
    new = [by_code.get(i, i if i in shown else None) for i in items]
    new = [n for n in new if n is not None]
    if not new:
        return  # not an option in either form: Streamlit drops it
    st.query_params[key] = new if many else new[-1]
    st.rerun()


def _keep_to(key: str, options: list, many: bool) -> None:
    """Drop a chosen value the options no longer hold (another province chosen, a product filtered out)."""
    if key not in st.session_state:
        return
    value = st.session_state[key]
    if many:
        kept = [v for v in value or [] if v in options]
        if kept != list(value or []):
            st.session_state[key] = kept
    elif value is not None and value not in options and options:
        st.session_state[key] = options[0]  # the default: Streamlit takes it out of the URL


def _rewrite_flag(key: str) -> None:
    if _met(key):
        return
    raw = st.query_params.get(key, "")
    if raw.lower() in ("1", "yes", "0", "no"):
        st.query_params[key] = "true" if raw.lower() in ("1", "yes") else "false"
        st.rerun()


def _rewrite_years(low: int, high: int) -> None:
    if _met("years") or not (set(OLD_YEARS) & set(st.query_params.keys())):
        return

    def year(name: str, default: int) -> int:
        try:
            y = int(st.query_params.get(name) or 0)
        except ValueError:
            y = 0
        return min(max(y, low), high) if y else default  # 0 or nothing: the whole range

    y0, y1 = year(OLD_YEARS[0], low), year(OLD_YEARS[1], high)
    for name in OLD_YEARS:
        if name in st.query_params:
            del st.query_params[name]
    if "years" not in st.query_params and y0 <= y1 and (y0, y1) != (low, high):
        st.query_params["years"] = [str(y0), str(y1)]
    st.rerun()
