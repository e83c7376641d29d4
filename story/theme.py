"""The one home of the chart look: star colours, fonts, separators, layout."""
from __future__ import annotations

import plotly.graph_objects as go

# the same star colours on every page, every chart, every export
STAR_COLORS = {
    "3": "#7FB3D5",
    "4": "#1F618D",
    "5p": "#E67E22",
    "5": "#C9A227",
    "total": "#B3B6B7",
}
STAR_ORDER = ("3", "4", "5p", "5")
TYPE_COLORS = {"htx": "#148F77", "dn": "#7D3C98", "tht": "#D68910", "hkd": "#2874A6", "not_published": "#B3B6B7"}
# one colour per meaning: what a province published, and what this dashboard's own list holds
MEANING_COLORS = {"published": "#1B4F72", "listed": "#48C9B0"}
STATUS_COLORS = {"reached": "#1E8449", "on_track": "#2874A6", "behind": "#CA6F1E", "missed": "#C0392B",
                 "no_figure_at_deadline": "#7F8C8D", "no_data": "#95A5A6", "unit_abolished": "#7F8C8D"}
FONT = "Noto Sans, Segoe UI, Roboto, Arial, sans-serif"
# map labels (a canvas font atlas): the app's own face first, then faces that carry Vietnamese
MAP_FONT = '"Source Sans", "Source Sans 3", "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif'
GRID = "#E5E8E8"
TEXT = "#1C2833"  # body text: 15:1 on white
MUTED_TEXT = "#4D5656"  # captions, notes: 7.6:1 on white, 6.9:1 on the sidebar's grey
LINK = "#1A5276"  # links: 8.6:1 on white
MAP_COUNT = STAR_COLORS["5"]  # a count published for a place: a gold circle with its number
MAP_RING = "#1F618D"  # a place with points whose number is not published: a ring
# a slim template, built once: plotly's named templates cost several ms to apply on every rerun
TEMPLATE = go.layout.Template(layout=dict(
    plot_bgcolor="white", paper_bgcolor="white",
    xaxis=dict(gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID, ticks=""),
    yaxis=dict(gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID, ticks=""),
))


def separators(lang: str) -> str:
    """Plotly's separators: decimal mark then thousands mark (vi: 1.234,5; en: 1,234.5)."""
    return ",." if lang == "vi" else ".,"


def short_source(source_id: str) -> str:
    """A compact label for a source on an axis: 'seed-002', 'tapchicongthuong', 'vietnamvn'."""
    if source_id.startswith("seed-"):
        return source_id
    return source_id.split("-")[0][:16]


def style(fig: go.Figure, lang: str, height: int = 420, source_line: str = "", bottom: int = 120) -> go.Figure:
    """Apply the house look; ``source_line`` is drawn into the figure so exports keep it."""
    fig.update_layout(
        template=TEMPLATE,
        separators=separators(lang),
        font=dict(family=FONT, size=14, color="#1C2833"),
        height=height,
        margin=dict(l=10, r=10, t=40, b=bottom if source_line else 40),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text=""),
        hoverlabel=dict(font_size=13, font_family=FONT),
        barmode=fig.layout.barmode or "stack",
    )
    if source_line:
        # below the axis labels, inside the figure: the browser's PNG/SVG export keeps it
        fig.add_annotation(text=source_line, xref="paper", yref="paper", x=0, y=0, yshift=-(bottom - 24),
                           showarrow=False,
                           xanchor="left", yanchor="top", font=dict(size=11, color="#566573"), align="left")
    return fig
