"""OCOP dashboard: navigation and shared state. Run with `streamlit run app.py`."""
from __future__ import annotations

import dataclasses
import logging

import streamlit as st

from ocop_data.words import t
from ui import memory, shell, state, streamlit_internals, style

st.set_page_config(page_title="OCOP", page_icon="⭐", layout="wide")

log = logging.getLogger("ocop")

PAGES = [
    ("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    ("pages/stars.py", "page_stars", "stars", ":material/bar_chart:"),
    ("pages/targets.py", "page_targets", "targets", ":material/flag:"),
    ("pages/products.py", "page_products", "products", ":material/inventory_2:"),
    ("pages/map.py", "page_map", "map", ":material/map:"),
    ("pages/sources.py", "page_sources", "sources", ":material/menu_book:"),
    ("pages/present.py", "page_present", "present", ":material/slideshow:"),
    ("pages/data.py", "page_data", "data", ":material/database:"),
]


def main() -> None:
    lang = state.lang()
    pages = [st.Page(path, title=t(title, lang), url_path=url, icon=icon, default=(url == "overview"))
             for path, title, url, icon in PAGES]
    # The layout is chosen before anything is drawn: the presentation (its own page, or ?present=1 on
    # any link) gets no sidebar and no navigation menu, so neither flashes up before it.
    wanted = streamlit_internals.requested_page(pages, default="overview")
    to_present = state.take_present() and wanted != "present"  # an entry alias: the presentation has its page
    presenting = wanted == "present" or to_present
    nav = st.navigation(pages, position="hidden" if presenting else "sidebar")
    if to_present:  # the link's other parameters go along (nothing is bound yet in this run)
        st.switch_page("pages/present.py", query_params={k: st.query_params.get_all(k) for k in st.query_params})
    context = shell.setup(sidebar=not presenting)
    lang = context.lang
    context = dataclasses.replace(context, page=nav.url_path)
    state.leave_page(nav.url_path)
    st.session_state[shell.CTX_KEY] = context  # kept after the run: fragment reruns read it
    shell.log_run("full", nav.url_path)
    if not presenting:
        with st.sidebar:
            st.caption(context.subtitle())
            print_button(context)
            style.inject()  # the app's stylesheet, last in the sidebar: a stable place, no room taken
    try:
        nav.run()
    except Exception:  # a kind message in the user's language, never a traceback
        log.exception("page failed")
        st.error(t("error_kind", lang))
    finally:
        if presenting:  # no sidebar on a slide: at the page's end, in a container the stylesheet hides
            style.inject()


def print_button(context) -> None:
    """"In / Print": the one-page A4 overview as a PDF, made when clicked (every page but the slides)."""
    from ui.data import print_pdf

    lang, selected, years = context.lang, list(context.selected), (context.year_from, context.year_to)
    st.download_button(t("print", lang), lambda: print_pdf(lang, selected, *years), file_name=f"ocop_{lang}.pdf",
                       mime="application/pdf", on_click="ignore", key="dl_print", icon=":material/print:",
                       help=t("print_help", lang), width="stretch")


st.session_state[shell.RUNNING_KEY] = True
try:
    main()
finally:
    # a page run without this script (Streamlit's legacy pages/ mode) notices (ui.shell.ctx)
    st.session_state[shell.RUNNING_KEY] = False
    memory.collect_now_and_then()  # Streamlit's collection after every run is off (.streamlit/config.toml)
