"""The app's one stylesheet (contrast, the map's legend and tooltip), and what kind of screen asks.

Colours come from ``story.theme`` so charts, pages and slides agree. Text colours meet WCAG 2 AA
(4.5:1 for body text) on white and on the sidebar's grey, since projectors wash grey out first.
"""
from __future__ import annotations

import streamlit as st

from story import theme

CSS = f"""<style>
/* the element holding this stylesheet takes no room */
[data-testid="stElementContainer"]:has(.ocop-style) {{ display: none !important; }}
/* captions: Streamlit fades them with opacity 0.6 (3.9:1 on white, links 3:1); a solid grey instead */
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; color: {theme.MUTED} !important; }}
[data-testid="stCaptionContainer"] a {{ color: {theme.LINK} !important; }}
/* code blocks (citations, commands): one dark colour, no pale syntax colours */
[data-testid="stCode"] code, [data-testid="stCode"] code .token {{ color: {theme.TEXT} !important; }}
/* the map's tooltip: a card pinned to the map's lower right corner (deck.gl puts it at the pointer,
   where the map's frame cut it off near the right edge); on a phone, across the map's foot */
.deck-tooltip {{ transform: none !important; left: auto !important; top: auto !important; right: 8px !important;
                bottom: 8px !important; max-width: min(340px, calc(100% - 16px)) !important; }}
@media (max-width: 640px) {{
  .deck-tooltip {{ left: 6px !important; right: 6px !important; bottom: 6px !important; max-width: none !important; }}
}}
.ocop-legend {{ color: {theme.TEXT}; font-size: 0.95rem; line-height: 1.4; }}
.ocop-legend-item {{ display: flex; gap: 0.6rem; align-items: center; margin-bottom: 0.4rem; }}
.ocop-sym {{ flex: 0 0 28px; width: 28px; height: 28px; border-radius: 50%; box-sizing: border-box;
            display: inline-flex; align-items: center; justify-content: center; font-weight: 700; }}
.ocop-sym-count {{ background: {theme.MAP_COUNT}; border: 1.5px solid {theme.TEXT}; color: {theme.TEXT}; }}
.ocop-sym-ring {{ background: {theme.PAPER}; border: 3px solid {theme.MAP_RING}; width: 24px; height: 24px;
                 flex-basis: 24px; margin: 0 2px; }}
.ocop-legend p {{ margin: 0.3rem 0 0 0; }}
/* the browser's print (issue 19 §7): clean A4 pages, the page's content only, charts within the page width */
@media print {{
  @page {{ size: A4; margin: 12mm; }}
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stBaseButton-segmented_control"],
  [data-testid="stButtonGroup"], [data-testid="stPageLink"], [data-testid="stExpander"] summary svg,
  .modebar-container, [class*="st-key-view_"], [class*="st-key-dl_"], [data-testid="stElementToolbar"],
  [data-testid="stMultiSelect"] button, [data-testid="stSelectbox"] button {{ display: none !important; }}
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {{ overflow: visible !important; height: auto !important;
    position: static !important; }}
  [data-testid="stMain"] {{ margin-left: 0 !important; width: 100% !important; }}
  [data-testid="stMainBlockContainer"] {{ max-width: 100% !important; padding: 0 !important; }}
  .stPlotlyChart, .js-plotly-plot, .ocop-row, [data-testid="stTable"] {{ break-inside: avoid; max-width: 100%; }}
  .stPlotlyChart {{ overflow: hidden; }}
  [class*="st-key-charthead-"], h1, h2, h3 {{ break-after: avoid; }}
}}
</style>
<span class="ocop-style"></span>"""


def inject() -> None:
    """Once per run, from app.py (inside the sidebar): the stylesheet of every page.

    Not ``st.html``: a style-only ``st.html`` goes to Streamlit's event container, where it was seen to
    vanish after some page loads (captions back at 3.9:1). A markdown element at a fixed place in the
    sidebar stays; its style applies to the whole page, also where the sidebar is hidden (presentation).
    """
    st.markdown(CSS, unsafe_allow_html=True)


def is_phone() -> bool:
    """A phone's browser says so in its user agent ("Mobile"): the map then fits a phone-sized canvas."""
    try:
        agent = st.context.headers.get("User-Agent", "") or ""
    except Exception:  # no browser (tests, bare mode)
        return False
    return "Mobi" in agent or "Android" in agent and "Mobile" in agent
