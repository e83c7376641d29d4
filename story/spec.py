"""What a chart says, once, for every surface: the page and the slide (Plotly, ``story.plot``), the .pptx
(python-pptx native charts, ``briefing.pptx_chart``) and the one-page PDF (fpdf2, ``briefing.pdf_chart``).

A chart definition (``story.charts``, ``story.rows``) turns query results into a ``Chart``: its finding
title, its panels, its series of marks with their values, dates, label texts and hover lines, and the
ids of its sources. Renderers only draw: they never merge, date, place or word anything themselves, so
the three surfaces carry the same series, values, dates and labels (tests/test_chart_parity.py).

Two kinds of panel:
- ``time``: a true time axis; marks stand at dates (a year-only or inferred date in the middle of its
  year, marked approximate, with the year it could be as its ``span``); bars, lines, points, labels;
  vertical rules (where a territory began) and levels (a target).
- ``rows``: one row per thing (a target, a type of producer, a place); horizontal bars from ``base`` to
  ``base + y``; each row has its own words (``Row``).

Colours are registry keys (``story.theme.COLOURS``), never hex values.
"""
from __future__ import annotations

from ocop_data.missing import missing

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

APPROX = ("year", "inferred")
DAY_MS = 86_400_000


@dataclass
class Mark:
    x: Any  # time panel: the date the mark stands at (pd.Timestamp); rows panel: the row's index
    y: float | None  # its value (None: nothing drawn)
    base: float = 0.0  # where a bar begins (stacked bars, a bullet's band)
    text: str = ""  # its direct label, drawn by every surface ('' for none)
    hover: str = ""  # what a hover or tooltip says, lines joined by "\n" (plain text)
    date: str = ""  # the date as published, in words ('2019', '03/2025', '2023, suy ra')
    approx: bool = False  # a year-only or inferred date: drawn hollow, or with its year as a range
    span: tuple | None = None  # (first, last day) of the year an approximate date could be
    doubtful: bool = False  # hatched, or hollow and beneath the lines (a doubtful total)
    place: str = "right"  # where its label sits beside its mark: 'right' | 'left' | 'above' | 'below'
    colour: str | None = None  # a registry key for this mark alone (a status), else the series'
    sources: tuple = ()  # source ids behind it (never drawn as text)


@dataclass
class Series:
    key: str  # what it is ('3' a tier, a territory key, 'published', 'actual', 'band', …)
    name: str  # its name in a legend, and the .pptx series name
    colour: str  # a registry key
    kind: str  # 'bar' | 'line' | 'points' | 'labels' | 'range'
    marks: list[Mark] = field(default_factory=list)
    panel: int = 0
    width: float = 0.6  # a bar's width: days on a time panel, a fraction of a row on a rows panel
    dash: bool = False  # a line drawn dashed (a former territory)
    legend: bool = True  # named in the legend
    symbol: str = "circle"  # points: 'circle', 'x', 'diamond', 'line', or a status's marker
    decor: bool = False  # structure rather than data (a bullet's band, the 100% tick): not compared
    offset: float = 0.0  # rows panel: where the bar stands within its row (grouped bars), in rows


@dataclass
class Row:
    head: str  # the row's label ('Sơn La · 4 sao ≥ 100 (2025)')
    sub: str = ""  # a second, quieter line (the plan, the deadline)
    value: str = ""  # the row's result in words ('✓ Đã đạt · 240 (11/07/2024) · 104%')
    value_colour: str | None = None  # a registry key for the first part of ``value`` (a status word)
    value_lead: str = ""  # that first part


@dataclass
class Rule:
    x: Any  # a date (time panel)
    text: str  # 'Hợp nhất tỉnh 01/07/2025'
    colour: str = "muted"


@dataclass
class Level:
    y: float  # a value across the panel (a target)
    text: str  # 'mục tiêu ≥ 280 sản phẩm (2025)'
    colour: str = "ink"


@dataclass
class Panel:
    kind: str = "time"  # 'time' | 'rows'
    title: str = ""
    key: str = ""  # the territory a panel shows (tiers), else ''
    x_range: tuple | None = None  # (first, last) shown: dates on a time panel, values on a rows panel
    y_max: float | None = None  # the value axis's top (time panels)
    rows: list[Row] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)  # value ticks of a rows panel
    unit: str = ""  # what the values count ('sản phẩm')
    height: int = 0  # the room it needs on a screen, in px (0: the renderer's default)
    axis: bool = True  # a rows panel shows its value axis


@dataclass
class Chart:
    key: str  # which chart: 'totals', 'tiers', 'targets', 'subjects', 'rounds', 'timeline', …
    title: str  # the finding
    subtitle: str  # what is measured, where, when
    panels: list[Panel]
    series: list[Series]
    sources: list[str] = field(default_factory=list)  # ids, the most telling first (never drawn as text)
    source_text: str = ""  # 'Nguồn: A, B, C và 5 nguồn khác' (names, never ids)
    notes: list[str] = field(default_factory=list)  # lines under the chart that explain its drawing
    as_of: str | None = None
    lang: str = "vi"

    def data_series(self) -> list[Series]:
        """The series that carry data (what every surface must show alike)."""
        return [s for s in self.series if not s.decor and s.kind != "range"]

    def in_panel(self, i: int) -> list[Series]:
        return [s for s in self.series if s.panel == i]


# --- dates on a time axis: one rule for every surface ---------------------------------------------


def display_date(as_of, precision, as_of_date) -> pd.Timestamp:
    """Where a figure stands on a time axis: its date; a year-only or inferred year on 2 July of that year
    (drawn approximate: hollow, or with the whole year as a range). It still sorts and compares as the end
    of its year (``as_of_date``, RULES.md §3)."""
    if _year_only(as_of, precision):
        return pd.Timestamp(int(str(as_of)[:4]), 7, 2)
    return pd.Timestamp(as_of_date)


def _year_only(as_of, precision) -> bool:
    """A date that names a year and no more: year precision, or an inferred year ('2023', never an inferred
    month '2025-02', which stands in its month)."""
    if precision not in APPROX or missing(as_of) or as_of == "":
        return False
    return precision == "year" or len(str(as_of)) <= 4


def year_span(as_of, precision) -> tuple | None:
    """The year an approximate date could be: (1 January, 31 December), else None."""
    if _year_only(as_of, precision):
        year = int(str(as_of)[:4])
        return pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    return None


def side_by_side(dates: list[pd.Timestamp], width_days: float) -> list[pd.Timestamp]:
    """Bar centres: a report at its date; reports closer than a bar's width stand side by side around their
    mean date (each one's own date is in its label and hover). The one bar-offset rule of every surface."""
    order = sorted(range(len(dates)), key=lambda i: dates[i])
    out = [None] * len(dates)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and (dates[order[j + 1]] - dates[order[j]]).days < width_days:
            j += 1
        group = order[i:j + 1]
        lo, hi = min(dates[k] for k in group), max(dates[k] for k in group)
        mid = lo + (hi - lo) / 2
        for n, k in enumerate(group):
            out[k] = mid + pd.Timedelta(days=(n - (len(group) - 1) / 2) * width_days)
        i = j + 1
    return out


def decimal_year(when) -> float:
    """A date as a decimal year (2025-07-02 -> 2025.5): an XY chart's x in PowerPoint and LibreOffice."""
    when = pd.Timestamp(when)
    return round(when.year + (when.dayofyear - 1) / (366 if when.is_leap_year else 365), 4)


# --- direct labels that never collide: one placement for every surface -------------------------------

PLACES = ("right", "above", "below", "left")
NOMINAL = dict(width=880.0, height=230.0, font=13.0, marker=7.0)  # a time panel at 1440 px, in px


def _hits_segment(box: tuple, a: tuple, b: tuple) -> bool:
    """Does the segment a-b cross or touch the box (x0, y0, x1, y1)? (sampled: exact enough for labels)"""
    steps = max(2, int(max(abs(b[0] - a[0]), abs(b[1] - a[1])) / 2))
    for i in range(steps + 1):
        x = a[0] + (b[0] - a[0]) * i / steps
        y = a[1] + (b[1] - a[1]) * i / steps
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            return True
    return False


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_box(px: float, py: float, text: str, place: str, size: dict = NOMINAL) -> tuple:
    """The box a label takes beside its mark at (px, py), in the nominal pixels of ``size``."""
    w = len(text) * size["font"] * 0.62 + 4
    h = size["font"] * 1.3
    gap = size["marker"] / 2 + 3
    if place == "right":
        return px + gap, py - h / 2, px + gap + w, py + h / 2
    if place == "left":
        return px - gap - w, py - h / 2, px - gap, py + h / 2
    if place == "above":
        return px - w / 2, py - gap - h, px + w / 2, py - gap
    return px - w / 2, py + gap, px + w / 2, py + gap + h


def place_labels(panel: "Panel", series: list["Series"], size: dict = NOMINAL) -> None:
    """Set each labelled mark's ``place`` so that its label covers no line, marker, rule or other label
    (Datawrapper's rule: the label moves, the mark never does). Headline labels (the lines' latest values)
    are placed first, a doubtful point's label after them. Works in the nominal pixels of a page's chart;
    the projector and the .pptx keep the same relative places."""
    if panel.kind != "time" or not panel.x_range:
        return
    x0, x1 = (pd.Timestamp(v) for v in panel.x_range)
    span = max((x1 - x0).total_seconds(), 1.0)
    ymax = panel.y_max or 1.0
    W, H = size["width"], size["height"]

    def pt(m: Mark) -> tuple:
        return (W * (pd.Timestamp(m.x) - x0).total_seconds() / span, H - H * float(m.y) / ymax)

    segments, markers = [], []
    for s in series:
        drawn = [m for m in s.marks if m.y is not None]
        if s.kind == "line":
            pts = [pt(m) for m in drawn]
            segments += list(zip(pts, pts[1:]))
        if s.kind in ("line", "points"):
            markers += [(pt(m), m) for m in drawn]
    for rule in panel.rules:  # a rule runs top to bottom; its words stand at its top left
        rx = W * (pd.Timestamp(rule.x) - x0).total_seconds() / span
        segments.append(((rx, 0.0), (rx, H)))
    taken = [(W * (pd.Timestamp(r.x) - x0).total_seconds() / span - len(r.text) * size["font"] * 0.6 - 4, 0.0,
              W * (pd.Timestamp(r.x) - x0).total_seconds() / span, size["font"] * 1.4) for r in panel.rules if r.text]
    for level in panel.levels:
        ly = H - H * level.y / ymax
        segments.append(((0.0, ly), (W, ly)))
    r = size["marker"] / 2 + 1
    order = sorted(((s, m) for s in series if s.kind in ("line", "points") for m in s.marks
                    if m.text and m.y is not None), key=lambda e: e[1].doubtful)
    for s, m in order:
        px, py = pt(m)
        best, score = m.place, None
        for place in PLACES:
            box = label_box(px, py, m.text, place, size)
            bad = sum(_hits_segment(box, a, b) for a, b in segments)
            bad += sum(_overlap(box, (q[0] - r, q[1] - r, q[0] + r, q[1] + r)) for q, other in markers
                       if other is not m)
            bad += sum(_overlap(box, t) for t in taken)
            bad += 0.5 * (box[1] < 0 or box[3] > H)  # above or below the plot: allowed, but worse
            bad += 1.0 * (box[2] > W * 0.97)  # past the right edge: cut on a narrow screen or a printed page
            if score is None or bad < score:
                best, score = place, bad
            if bad == 0:
                break
        m.place = best
        taken.append(label_box(px, py, m.text, best, size))


# --- the names a chart needs: territories, sources, colours -----------------------------------------

@dataclass(frozen=True)
class Names:
    """How a chart names and colours what it draws, in one language: a territory's label ('Tuyên Quang
    (đến 30/06/2025)') and short label ('Tuyên Quang cũ'), a source's short label ('Báo Sơn La (12/2024)',
    never its id) and a territory's colour (a registry key, the same in every chart)."""
    lang: str
    labels: dict
    shorts: dict
    sources: dict
    colours: dict

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def short(self, key: str) -> str:
        return self.shorts.get(key, self.label(key))

    def source(self, source_id: str) -> str:
        from ocop_data.words import t

        return self.sources.get(source_id) or t("source_unnamed", self.lang)

    def colour(self, key: str) -> str:
        return self.colours.get(key, "territory_0")


def names(territories: pd.DataFrame, sources: pd.DataFrame, lang: str) -> Names:
    """The names of every territory and source of the data (``queries.territories``, ``queries.sources``)."""
    from . import fmt, theme
    from .cite import source_labels

    labels = fmt.territory_labels(territories, lang)[1]
    return Names(lang, labels, fmt.short_labels(territories, lang), source_labels(sources, lang),
                 theme.territory_colours(list(territories.territory_key)))
