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
# the seven statuses of RULES.md §4: seven distinct colours, and a marker shape each (``STATUS_MARKERS``)
# plus a text symbol (ocop_data.words ``sym_<status>``), so colour is never the only cue
STATUS_COLORS = {"reached": "#1E8449", "on_track": "#2874A6", "behind": "#B9770E", "missed": "#C0392B",
                 "no_figure_at_deadline": "#7D3C98", "no_data": "#AAB7B8", "unit_abolished": "#4D5656"}
STATUS_MARKERS = {"reached": "circle", "on_track": "triangle-up", "behind": "triangle-down", "missed": "x",
                  "no_figure_at_deadline": "hourglass", "no_data": "circle-open", "unit_abolished": "square-x-open"}
STATUS_ORDER = ("reached", "on_track", "behind", "missed", "no_figure_at_deadline", "unit_abolished", "no_data")
TEXT = "#1C2833"
MUTED = "#4D5656"  # grey text that keeps 4.5:1 on white
# one colour per province family on the time charts (predecessors share it, drawn dashed)
SERIES_COLORS = ("#1F618D", "#B03A2E", "#117A65", "#7D3C98", "#B9770E", "#2E4053", "#A04000", "#196F3D")
# one colour per meaning: what a province published, and what this dashboard's own list holds
MEANING_COLORS = {"published": "#1B4F72", "listed": "#48C9B0"}
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


TITLE_SIZE, SUBTITLE_SIZE, SOURCE_SIZE = 17, 13, 11
# characters per line, so the in-figure title and source line fit a chart about 900 px wide (and the
# 1200 px image export); narrower charts hide them and show the page's heading and caption instead
TITLE_CHARS, SUBTITLE_CHARS, SOURCE_CHARS = 86, 124, 150
EXPORT_WIDTH = 1200


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken between words (never inside one)."""
    import textwrap

    out = []
    for para in str(text or "").split("\n"):
        out += textwrap.wrap(para, width, break_long_words=False, break_on_hyphens=False) or ([""] if para else [])
    return [line for line in out if line is not None]


def legend_rows(names: list[str], width: int = 880, size: int = 13) -> int:
    """How many rows a horizontal legend of these entries takes in ``width`` pixels (an estimate of
    Plotly's layout: one row when everything fits, else a grid whose columns are the widest entry)."""
    if not names:
        return 0
    widths = [46 + int(len(n) * size * 0.56) for n in names]
    if sum(widths) <= width:
        return 1
    cols = max(1, width // max(widths))
    return -(-len(names) // cols)


def frame(fig: go.Figure, lang: str, *, title: str = "", subtitle: str = "", source: str = "",
          legend: list[str] | None = None, ticks: int = 34, plot_height: int | None = None,
          legend_gap: int = 0) -> go.Figure:
    """Put the finding title, the subtitle and the source line inside the figure, wrapped.

    The image export (the toolbar's camera) then holds them: the title and subtitle above the plot,
    the legend under them, and the source line below the tick labels (``ticks`` pixels under the
    plot), never overprinting them. Margins are computed from the wrapped lines; with
    ``plot_height`` the figure's height is the plot's plus the margins. ``legend_gap`` lifts the
    legend that many pixels above the plot (room for panel titles). The source line
    is the figure's first annotation (the page hides it on narrow screens, where the caption under
    the chart says the same).
    """
    from .cite import esc

    title_lines = [esc(x) for x in wrap(title, TITLE_CHARS)]
    sub_lines = [esc(x) for x in wrap(subtitle, SUBTITLE_CHARS)]
    src_lines = [esc(x) for x in wrap(source, SOURCE_CHARS)]
    head = 14 + 22 * len(title_lines) + (17 * len(sub_lines) + 8 if sub_lines else 0)
    names = legend if legend is not None else [tr.name for tr in fig.data if tr.showlegend is not False and tr.name]
    leg = 24 * legend_rows(names) + (6 if names else 0)
    top = head + leg + legend_gap + 12
    bottom = ticks + (15 * len(src_lines) + 12 if src_lines else 8)
    if plot_height:
        fig.update_layout(height=plot_height + top + bottom)
    plot_h = (fig.layout.height or 450) - top - bottom
    fig.update_layout(
        margin=dict(t=top, b=bottom),
        # Plotly anchors a multi-line title's first line: "bottom" at 30 px from the top keeps every
        # title's first line at the same place, whatever its number of lines
        title=dict(text="<br>".join(title_lines), x=0, xref="container", xanchor="left",
                   y=1 - 30 / (fig.layout.height or 450), yref="container", yanchor="bottom", pad=dict(t=0, l=10),
                   font=dict(size=TITLE_SIZE, color=TEXT, family=FONT, weight=700),
                   subtitle=dict(text="<br>".join(sub_lines), font=dict(size=SUBTITLE_SIZE, color=MUTED))),
        legend=dict(orientation="h", x=0, xanchor="left", y=1 + legend_gap / max(plot_h, 1), yref="paper",
                    yanchor="bottom",
                    font=dict(size=13), title_text=""),
        # for the page: how tall the title block is, and the legend's rows at a few widths, so a narrow
        # screen (which hides the title) can close the gap exactly
        meta=dict(title=title, subtitle=subtitle, source=source, head=head, foot=bottom - ticks,
                  legend_rows={w: legend_rows(names, w) for w in (880, 560, 330)}),
    )
    if src_lines:
        note = go.layout.Annotation(text="<br>".join(src_lines), xref="paper", yref="paper", x=0, y=0,
                                    xanchor="left", yanchor="top", yshift=-ticks, align="left", showarrow=False,
                                    font=dict(size=SOURCE_SIZE, color=MUTED), name="source_line")
        fig.layout.annotations = (note,) + tuple(fig.layout.annotations or ())
    return fig


def alt_text(fig: go.Figure) -> str:
    """The chart's text alternative: its finding title and its source line."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    return " ".join(p for p in (meta.get("title", ""), meta.get("source", "")) if p).strip()


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
