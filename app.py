"""OCOP dashboard: navigation and shared state. Run with `streamlit run app.py`."""
from __future__ import annotations

import dataclasses
import logging

import streamlit as st

from story.i18n import t
from ui import shell, state

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
    context = shell.setup()
    lang = context.lang
    nav = st.navigation([st.Page(path, title=t(title, lang), url_path=url, icon=icon, default=(url == "overview"))
                         for path, title, url, icon in PAGES])
    context = dataclasses.replace(context, page=nav.url_path)
    st.session_state[shell.CTX_KEY] = context  # kept after the run: fragment reruns read it
    shell.log_run("full", nav.url_path)
    if state.get("present") and nav.url_path != "present":
        state.set_value("present", False)  # an entry alias: the presentation has its own page
        st.switch_page("pages/present.py")
    with st.sidebar:
        st.caption(context.subtitle())
    try:
        nav.run()
    except Exception:  # a kind message in the user's language, never a traceback
        log.exception("page failed")
        st.error(t("error_kind", lang))
    finally:
        state.sync_to_url(nav.url_path)


st.session_state[shell.RUNNING_KEY] = True
try:
    main()
finally:
    # a page run without this script (Streamlit's legacy pages/ mode) notices (ui.shell.ctx)
    st.session_state[shell.RUNNING_KEY] = False
