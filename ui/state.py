"""The view's state lives in the URL: province (by code), years, filters and language.

Each parameter has a store key in session state (``f_<name>``) that survives page switches,
and widgets are bound to it through ``widget()``. The URL is read once per session (so a
shared link reproduces the view in a new browser) and rewritten after every run from the
store, so the address bar always holds the current view on every page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import streamlit as st


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    kind: str = "str"  # str | int | list | bool
    # the page that owns the parameter ("" = shared across pages)
    page: str = ""


PARAMS: dict[str, Param] = {}


def define(name: str, default: Any, kind: str = "str", page: str = "") -> Param:
    PARAMS[name] = Param(name, default, kind, page)
    return PARAMS[name]


def _decode(p: Param, raw: list[str]) -> Any:
    if not raw:
        return p.default
    try:
        if p.kind == "int":
            return int(raw[-1])
        if p.kind == "bool":
            return raw[-1] in ("1", "true", "yes")
        if p.kind == "list":
            return [v for item in raw for v in item.split(",") if v != ""] if raw != [""] else []
        return raw[-1]
    except ValueError:
        return p.default


def _encode(p: Param, value: Any) -> str | None:
    if value == p.default or value is None:
        return None
    if p.kind == "list":
        return ",".join(str(v) for v in value)
    if p.kind == "bool":
        return "1" if value else "0"
    return str(value)


def init_from_url() -> None:
    """Take every defined parameter from the URL the first time this session sees it."""
    for p in PARAMS.values():
        store = "f_" + p.name
        if store not in st.session_state:
            st.session_state[store] = _decode(p, st.query_params.get_all(p.name))


def get(name: str) -> Any:
    store = "f_" + name
    if store not in st.session_state:
        p = PARAMS[name]
        st.session_state[store] = _decode(p, st.query_params.get_all(p.name))
    return st.session_state[store]


def set_value(name: str, value: Any) -> None:
    st.session_state["f_" + name] = value


def _copy(name: str) -> None:
    st.session_state["f_" + name] = st.session_state["w_" + name]


def widget(fn: Callable, name: str, label: str, valid: Callable[[Any], Any] | None = None, **kwargs) -> Any:
    """Draw ``fn`` (st.selectbox, st.multiselect, …) bound to parameter ``name``.

    ``valid`` turns a stored value into one the widget accepts (unknown codes from an old
    link are dropped rather than raising).
    """
    value = get(name)
    if valid is not None:
        value = valid(value)
        set_value(name, value)
    st.session_state["w_" + name] = value
    return fn(label, key="w_" + name, on_change=_copy, args=(name,), **kwargs)


def sync_to_url(page: str) -> None:
    """Write the current view to the address bar: shared parameters and this page's own."""
    wanted: dict[str, str] = {}
    for p in PARAMS.values():
        if p.page and p.page != page:
            continue
        enc = _encode(p, get(p.name))
        if enc is not None:
            wanted[p.name] = enc
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if current != wanted:
        st.query_params.from_dict(wanted)
