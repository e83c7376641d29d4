"""The app's only uses of Streamlit's undocumented internals: two, both forced by the layout.

1. **The ``pages/`` folder.** The project's layout names a top-level ``pages/``, and Streamlit treats a
   ``pages/`` folder beside the main script as a legacy multipage app (each file a page run without
   app.py) until ``st.navigation`` runs. Streamlit has no public switch for that detection, so on the
   first run after the server starts (and in AppTest after a page switch) a page file can run alone.
   ``legacy_pages_off()`` turns the legacy mode off (``PagesManager.uses_pages_directory``); the page then
   starts the run again through app.py (ui.shell.ctx).
2. **The page before the navigation.** The presentation opens with no sidebar and no navigation menu, not
   even for a moment, so app.py chooses the navigation's position before ``st.navigation`` draws anything.
   Streamlit resolves the page the browser asked for only inside ``st.navigation``; ``requested_page()``
   reads the same request (the script run context's pages manager: the page's hash after a click, its
   URL path on a first load).

Nothing else in app.py, ui/ or pages/ imports from ``streamlit.runtime`` or reads a private attribute
(tests/test_streamlit_internals.py checks both, and fails loudly when an upgrade removes what is used here).
"""
from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx


def legacy_pages_off() -> None:
    """Stop Streamlit treating ``pages/`` as a folder of pages run on their own (see 1. above)."""
    PagesManager.uses_pages_directory = False


def requested_page(pages: list, default: str) -> str:
    """The url path of the page this run will show (see 2. above); ``default`` when the request names none."""
    run = get_script_run_ctx(suppress_warning=True)
    manager = getattr(run, "pages_manager", None)
    wanted_hash = getattr(manager, "intended_page_script_hash", None)
    wanted_name = (getattr(manager, "intended_page_name", None) or "").strip("/")
    for p in pages:
        if wanted_hash and p._script_hash == wanted_hash:
            return p.url_path
    for p in pages:
        if wanted_name and p.url_path == wanted_name:
            return p.url_path
    return default
