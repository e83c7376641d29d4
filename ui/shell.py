"""Shared state for every page: language, province and years, held by the sidebar's controls and the URL."""
from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import pandas as pd
import streamlit as st

from ocop_data.words import lang_col, t
from queries import core
from story import fmt, spec
from story.cite import md_escape

from . import state, streamlit_internals
from .data import begin_run, derived, q, say_told, startup

log = logging.getLogger("ocop")


@dataclass(frozen=True)
class Context:
    lang: str
    focus: pd.DataFrame  # today's provinces with data, each a row
    selected: list  # territory keys of the chosen provinces (today's)
    year_from: int
    year_to: int
    year_min: int
    year_max: int
    names: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    page: str = ""  # the url path of the page being shown ("overview", "stars", ...)
    chart_names: object = None  # story.spec.Names: territory labels, source labels and colours for charts

    def subtitle(self) -> str:
        """The app's subtitle, naming the provinces the data holds (none is hard-coded)."""
        names = self.focus[lang_col("name", self.lang)].tolist()
        if len(names) > COMPACT_AFTER:  # national data: a count, not a paragraph of names
            return t("app_subtitle", self.lang).format(provinces=t("n_provinces", self.lang).format(n=len(names)))
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {t('and', self.lang)} " + names[-1]
        return t("app_subtitle", self.lang).format(provinces=md_escape(joined))  # shown as markdown

    def family(self, key: str) -> list[str]:
        return q(core.territory_family, key)

    def all_keys(self) -> list[str]:
        """Every territory the chosen provinces span, predecessors included."""
        out = []
        for k in self.selected:
            for f in self.family(k):
                if f not in out:
                    out.append(f)
        return out

    def name(self, key: str) -> str:
        return self.names.get(key, key)

    def label(self, key: str) -> str:
        """A territory's name with its validity when it is a former one: 'Tuyên Quang (đến 30/06/2025)'."""
        return self.labels.get(key, key)

    def source(self, source_id: str) -> str:
        """A source's short label ('Báo Sơn La (12/2024)'): what readers see, never its id."""
        return self.chart_names.source(source_id)


def setup(sidebar: bool = True) -> Context:
    """Open the data and draw the shared controls (language, province, years, chart image format), each
    bound to its URL parameter (ui/state.py).

    With ``sidebar=False`` (the presentation) the same controls are drawn hidden, so the link keeps them and
    the page opens without a sidebar ever appearing.
    """
    lang = state.lang()
    startup(lang)
    begin_run()  # the data version, looked up once a run
    focus = q(core.focus_territories)
    keys = focus.territory_key.tolist()
    box = st.sidebar if sidebar else st.container(key="url_state")
    with box:
        if not sidebar:  # drawn, so the link keeps them, but never shown nor given room (the style comes first)
            st.markdown('<style>[data-testid="stLayoutWrapper"]:has(> .st-key-url_state) { display: none !important; }'
                        '</style>', unsafe_allow_html=True)
        lang = state.widget(st.segmented_control, "lang", t("language", lang), options=list(state.LANGS),
                            format_func=state.LANGS.get, default="vi", on_change=state.reword) or "vi"
        names = dict(zip(focus.territory_key, focus[lang_col("name", lang)]))
        _, labels = derived("territory_labels", lambda: fmt.territory_labels(q(core.territories), lang), lang)
        # a province by its name; by its label ('Tuyên Quang (từ 01/07/2025)') only where two share a
        # name; never by its key ('08-2025' reads like a date)
        shown = {k: labels.get(k, names[k]) if list(names.values()).count(names[k]) > 1 else names[k]
                 for k in keys}
        province = state.widget(st.selectbox, "province", t("province", lang), options=["all"] + keys,
                                format_func=lambda k: t("all", lang) if k == "all" else shown[k], worded=True)
        selected = keys if province in (None, "all") else [province]
        all_keys = []
        for k in selected:
            all_keys += q(core.territory_family, k)
        y_min, y_max = q(core.year_bounds, all_keys)
        y_max = max(y_max, date.today().year)
        years = state.years(t("years", lang), y_min, y_max)
        state.widget(st.segmented_control, "img", t("image_format", lang), options=["png", "svg"],
                     format_func=str.upper, default="png", help=t("image_format_help", lang))
    say_told()  # what start-up found (a damaged file rebuilt), once the controls can no longer restart the run
    names, labels = derived("territory_labels", lambda: fmt.territory_labels(q(core.territories), lang), lang)
    chart_names = derived("chart_names", lambda: spec.names(q(core.territories), q(core.sources), lang), lang)
    return Context(lang, focus, selected, years[0], years[1], y_min, y_max, names, labels, chart_names=chart_names)


CTX_KEY = "_ctx"
RUNNING_KEY = "_app_running"  # True while app.py runs this script run (False between runs)
FRAGMENT_KEY = "_fragment_running"  # True while a fragment reruns alone (set by fragment())


def in_fragment_rerun() -> bool:
    """True when only a fragment is rerunning (app.py did not run this time)."""
    return bool(st.session_state.get(FRAGMENT_KEY))


def ctx() -> Context:
    """The context app.py set up in its last full run (a fragment rerun reads the same one).

    With a ``pages/`` folder beside it, Streamlit's legacy multipage mode may run a page file
    directly, without app.py, on the first run after the server starts (and in AppTest after a
    page switch). Then the page stops at once, the legacy mode is switched off, and the run
    starts again through app.py.
    """
    context = st.session_state.get(CTX_KEY)
    if context is None or not (st.session_state.get(RUNNING_KEY) or in_fragment_rerun()):
        streamlit_internals.legacy_pages_off()
        st.rerun()
    return context


def log_run(kind: str, name: str) -> None:
    """Test-only: with $OCOP_RUN_LOG set, append one line per full run or fragment rerun."""
    path = os.environ.get("OCOP_RUN_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{kind} {name}\n")


def fragment(fn: Callable) -> Callable:
    """``st.fragment`` for a block that reruns alone (a search box, a toggle, the slide navigation); a widget
    in it that holds a URL parameter updates the address itself."""
    @functools.wraps(fn)
    def body(*args, **kwargs):
        if st.session_state.get(RUNNING_KEY):
            return fn(*args, **kwargs)  # part of a full run: app.py handles what goes wrong
        st.session_state[FRAGMENT_KEY] = True  # app.py is not running: this block reruns alone
        try:
            begin_run()  # an import may have changed the data since the full run
            out = fn(*args, **kwargs)
        except Exception:  # app.py's kind message does not cover a fragment rerun: the same here
            log.exception("fragment %s failed", fn.__name__)
            st.error(t("error_kind", ctx().lang))
            return None
        finally:
            st.session_state[FRAGMENT_KEY] = False
        log_run("fragment", fn.__name__)
        return out

    return st.fragment(body)


def expander(label: str, *, key: str, expanded: bool = False, **kwargs):
    """An expander whose content is sent only while it is open: the container when open, else None.

        box = shell.expander(label, key="src_seed-003")
        if box:
            with box:
                st.dataframe(...)  # never serialised while the expander is closed

    Opening it reruns the script (or the fragment it is in) to draw the content; for light content
    a plain ``st.expander`` is better (the text stays findable with the browser's find-in-page).
    """
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun", **kwargs)
    return box if box.open else None


COMPACT_AFTER = 3  # more provinces than this (national data): one line each, the charts when opened


def per_province(keys: list[str], lang: str, page: str, label: Callable[[str], str],
                 draw: Callable[[str], None]) -> None:
    """Draw each province's blocks (``draw(key)``). With more provinces than COMPACT_AFTER (national data)
    each province is one line, its finding (``label(key)``), in a closed expander whose blocks are built
    and sent only when it is opened; the page says so above the list."""
    if len(keys) <= COMPACT_AFTER:
        for key in keys:
            draw(key)
            st.divider()
        return
    st.caption(t("many_provinces_hint", lang).format(n=len(keys)))
    for key in keys:
        box = expander(md_escape(label(key)), key=f"open_{page}_{key}")
        if box is not None:  # a closed province sends nothing
            with box:
                draw(key)
