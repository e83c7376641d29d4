"""The one home of the chart look: star colours, fonts, separators, layout."""
from __future__ import annotations

import plotly.graph_objects as go

# --- the colour registry -------------------------------------------------------------------------
# Every colour any figure, map, slide, .pptx, PDF or page style draws is one of these, and each colour
# has one meaning (tests/test_colours.py): a territory keeps its colour in every chart, a status colour
# never stands for a territory, star tiers run light to dark in their order, and categories (types of
# producer, places) are one colour. No hex colour is written anywhere else.
COLOURS: dict[str, str] = {
    # ink and paper: text and the marks that are not data
    "ink": "#1C2833",  # text, axes, the target's tick, hatching over a doubtful bar (15:1 on white)
    "muted": "#4D5656",  # secondary text: subtitles, notes, source lines; the merger rule (7.6:1)
    "paper": "#FFFFFF",  # the background; a hollow marker's fill; text on a dark bar
    "grid": "#E5E8E8",  # gridlines, borders and rules: structure, never data
    "track": "#F2F3F4",  # an empty bullet track
    "band": "#D5D8DC",  # the target: a bullet's band from 0 to 100%
    "band_high": "#ABB2B9",  # a range target's upper end beyond its lower one
    "link": "#1A5276",  # links (8.6:1)
    "stale": "#7E5109",  # data more than a year old: the badge's text and border
    "stale_bg": "#FEF9E7",  # ... and its background
    # star tiers: ordinal, light (3★) to dark (5★); a total whose split was not published is grey
    "tier_3": "#AED6F1",
    "tier_4": "#5DADE2",
    "tier_5p": "#2E86C1",
    "tier_5": "#154360",
    "tier_total": "#B3B6B7",
    # the seven target statuses (RULES.md §4), each also a marker shape and a symbol; text-safe on white
    "status_reached": "#1E8449",
    "status_on_track": "#2874A6",
    "status_behind": "#9C640C",
    "status_missed": "#B03A2E",
    "status_no_figure_at_deadline": "#7D3C98",
    "status_no_data": "#616A6B",
    "status_unit_abolished": "#2E4053",
    # territories: a fixed colour each, by the territory table's order (``territory_colours``)
    "territory_0": "#00798C",
    "territory_1": "#B5338A",
    "territory_2": "#3D3B8E",
    "territory_3": "#8C5E3C",
    "territory_4": "#6E7F1F",
    # what a count is: published by the province, or counted in this dashboard's own list
    "published": "#1B4F72",
    "listed": "#48C9B0",
    # what an evaluation round counted (a round's figures are never running totals)
    "round_new": "#D68910",
    "round_reevaluated": "#5B2C6F",
    "round_upgraded": "#148F77",
    "round_other": "#85929E",
    # the sales-point map
    "map_count": "#C9A227",  # a count published for a place: a gold circle with its number
    "map_ring": "#1F618D",  # a place with points whose number is not published: a ring
    "map_land": "#ECF0F1",  # a district
    "map_border": "#7F8C8D",  # district boundaries
    "map_shade": "#21618C",  # products per district (the choropleth), its opacity the count
}
TERRITORY_KEYS = tuple(k for k in COLOURS if k.startswith("territory_"))
ROUND_MEASURES = {"round_new_products": "round_new", "round_reevaluated": "round_reevaluated",
                  "round_upgraded_3_to_4": "round_upgraded"}


def colour(key: str) -> str:
    """The registry's colour for ``key`` (a KeyError for anything not in it)."""
    return COLOURS[key]


def rgb(key: str) -> tuple[int, int, int]:
    h = COLOURS[key].lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def rgba(key: str, alpha: int = 255) -> list[int]:
    """A registry colour as deck.gl wants it: [r, g, b, a]."""
    return [*rgb(key), alpha]


def meaning(hex_colour: str) -> str | None:
    """The registry key of a colour ('#1c2833' -> 'ink'), or None when it is not a registry colour."""
    wanted = hex_colour.strip().upper()
    return next((k for k, v in COLOURS.items() if v == wanted), None)


def territory_colours(keys) -> dict[str, str]:
    """A registry key per territory, fixed by the territory table's order (``keys``: every territory key
    of the data, in the table's order), so a territory has one colour in every chart."""
    order = [k for k in keys]
    return {k: TERRITORY_KEYS[i % len(TERRITORY_KEYS)] for i, k in enumerate(order)}


def round_colour(metric: str) -> str:
    return ROUND_MEASURES.get(metric, "round_other")


TEXT = COLOURS["ink"]
MUTED = COLOURS["muted"]
GRID = COLOURS["grid"]
LINK = COLOURS["link"]
PAPER = COLOURS["paper"]
STAR_COLORS = {star: COLOURS[f"tier_{star}"] for star in ("3", "4", "5p", "5", "total")}
STAR_ORDER = ("3", "4", "5p", "5")
# the seven statuses of RULES.md §4: seven distinct colours, and a marker shape each (``STATUS_MARKERS``)
# plus a text symbol (ocop_data.words ``sym_<status>``), so colour is never the only cue
STATUS_ORDER = ("reached", "on_track", "behind", "missed", "no_figure_at_deadline", "unit_abolished", "no_data")
STATUS_COLORS = {s: COLOURS[f"status_{s}"] for s in STATUS_ORDER}
STATUS_MARKERS = {"reached": "circle", "on_track": "triangle-up", "behind": "triangle-down", "missed": "x",
                  "no_figure_at_deadline": "hourglass", "no_data": "circle-open", "unit_abolished": "square-x-open"}
MEANING_COLORS = {"published": COLOURS["published"], "listed": COLOURS["listed"]}
MAP_COUNT = COLOURS["map_count"]
MAP_RING = COLOURS["map_ring"]
FONT = "Noto Sans, Segoe UI, Roboto, Arial, sans-serif"
# map labels (a canvas font atlas): the app's own face first, then faces that carry Vietnamese
MAP_FONT = '"Source Sans", "Source Sans 3", "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif'
# a slim template, built once: plotly's named templates cost several ms to apply on every rerun
TEMPLATE = go.layout.Template(layout=dict(
    plot_bgcolor=PAPER, paper_bgcolor=PAPER,
    xaxis=dict(gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID, ticks=""),
    yaxis=dict(gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID, ticks=""),
))


def separators(lang: str) -> str:
    """Plotly's separators: decimal mark then thousands mark (vi: 1.234,5; en: 1,234.5)."""
    return ",." if lang == "vi" else ".,"


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


def clip(text, n: int) -> str:
    """At most ``n`` characters, cut at a word (or a comma) with '…'."""
    text = "" if text is None or (not isinstance(text, str) and text != text) else str(text)
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    space = max(cut.rfind(" "), cut.rfind(","))
    if space > n // 2:
        cut = cut[:space]
    return cut.rstrip(" ,·") + "…"


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
        font=dict(family=FONT, size=14, color=TEXT),
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
                           xanchor="left", yanchor="top", font=dict(size=11, color=MUTED), align="left")
    return fig
