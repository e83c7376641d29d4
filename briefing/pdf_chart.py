"""A chart definition (``story.spec.Chart``) drawn as vector shapes on the one-page PDF (fpdf2).

The same marks as the page and the slide: bars from ``base`` to ``base + y`` (hatched when doubtful),
lines through their marks (hollow where the date is approximate), ✕ for doubtful figures, the year an
approximate date could be as a range, rules and levels, every label text of the definition, and a legend
of its series. Colours are registry colours. Sizes are in millimetres and points.
"""
from __future__ import annotations

import pandas as pd

from story import theme
from story.spec import Chart, Panel, Series

TEXT_PT = 6.5  # chart text: tick labels, direct labels, row words
SMALL_PT = 6.0


def _fill(pdf, key: str) -> None:
    pdf.set_fill_color(*theme.rgb(key))


def _draw(pdf, key: str, width: float = 0.3) -> None:
    pdf.set_draw_color(*theme.rgb(key))
    pdf.set_line_width(width)


def draw(pdf, chart: Chart, x: float, y: float, w: float, h: float) -> None:
    """Draw ``chart``'s panels and legend in the box (mm); ``pdf`` is a ``briefing.print_pdf.Page``."""
    legend = [s for s in chart.series if s.legend and s.name and (s.marks or s.decor)]
    seen, entries = set(), []
    for s in legend:
        if s.key not in seen and s.kind in ("bar", "line", "points", "range"):
            seen.add(s.key)
            entries.append(s)
    legend_h = 4.0 if entries else 0.0
    weights = [p.height or 200 for p in chart.panels]
    top = y
    for i, (panel, wgt) in enumerate(zip(chart.panels, weights)):
        ph = (h - legend_h) * wgt / sum(weights)
        own = chart.in_panel(i)
        if panel.kind == "rows":
            _rows(pdf, panel, own, x, top, w, ph)
        else:
            _time(pdf, panel, own, x, top, w, ph, last=i == len(chart.panels) - 1)
        top += ph
    if entries:
        _legend(pdf, entries, x, top + 0.6, w)


def _legend(pdf, entries: list[Series], x: float, y: float, w: float) -> None:
    lx = x
    for s in entries:
        name = s.name
        pdf.font(SMALL_PT, False, "ink")
        width = pdf.get_string_width(name) + 4.5
        if lx + width > x + w:
            break
        if s.kind in ("line", "range"):
            _draw(pdf, s.colour, 0.5)
            pdf.line(lx, y + 1.2, lx + 3, y + 1.2)
        elif s.symbol == "hatch":
            _fill(pdf, s.colour)
            pdf.rect(lx, y + 0.2, 2.2, 2.2, style="F")
            _hatch(pdf, lx, y + 0.2, 2.2, 2.2)
        elif s.kind == "points":
            _marker(pdf, s, lx + 1.1, y + 1.2, 1.0, hollow=False)
        else:
            _fill(pdf, s.colour)
            pdf.rect(lx, y + 0.2, 2.2, 2.2, style="F")
        pdf.set_xy(lx + 3.4, y - 0.2)
        pdf.cell(width - 3.4, 2.8, name)
        lx += width + 2


def _hatch(pdf, x: float, y: float, w: float, h: float, step: float = 0.9) -> None:
    """Diagonal lines (ink) over a doubtful bar, kept inside it."""
    _draw(pdf, "ink", 0.15)
    k = -h
    while k < w:
        x0, y0 = x + max(k, 0), y + h - max(0, -k)
        x1 = x + min(k + h, w)
        y1 = y + h - (x1 - x - k)
        if x1 > x0:
            pdf.line(x0, y0, x1, y1)
        k += step


def _place(pdf, m, cx: float, cy: float) -> None:
    """A mark's label beside it, on the side the definition chose (``Mark.place``)."""
    width = pdf.get_string_width(m.text) + 1
    x, y = {"right": (cx + 1.0, cy - 1.4), "left": (cx - 1.0 - width, cy - 1.4),
            "above": (cx - width / 2, cy - 4.0), "below": (cx - width / 2, cy + 1.2)}[m.place]
    pdf.set_xy(x, y)
    pdf.cell(width, 2.8, m.text)


def _marker(pdf, s: Series, cx: float, cy: float, r: float, hollow: bool) -> None:
    colour = s.colour
    if s.symbol == "x":
        _draw(pdf, colour, 0.35)
        pdf.line(cx - r, cy - r, cx + r, cy + r)
        pdf.line(cx - r, cy + r, cx + r, cy - r)
        return
    if s.symbol == "line":
        _draw(pdf, colour, 0.6)
        pdf.line(cx, cy - r * 1.8, cx, cy + r * 1.8)
        return
    if s.symbol == "diamond":
        _draw(pdf, colour, 0.35)
        _fill(pdf, "paper" if hollow else colour)
        pdf.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], style="DF")
        return
    _draw(pdf, colour, 0.35)
    _fill(pdf, "paper" if hollow else colour)
    pdf.circle(x=cx, y=cy, radius=r, style="DF")


# --- a time panel ---------------------------------------------------------------------------------

def _time(pdf, panel: Panel, series: list[Series], x: float, y: float, w: float, h: float, last: bool) -> None:
    head = 3.2 if panel.title else 0.0
    if panel.title:
        pdf.para(x, y, w, panel.title, TEXT_PT, True, "muted", lines=1)
    axis_h = 3.4
    categorical = bool(panel.rows)
    label_w = 0.0
    if categorical:
        pdf.font(SMALL_PT, False, "ink")
        label_w = max(pdf.get_string_width(r.head) for r in panel.rows) + 1.5
    px0, px1 = x + label_w, x + w
    py0, py1 = y + head + 2.5, y + h - axis_h  # plot top (room for labels above bars) and baseline
    lo, hi = (pd.Timestamp(v) for v in panel.x_range) if panel.x_range else (pd.Timestamp("2019-01-01"),
                                                                           pd.Timestamp("2026-01-01"))
    span_days = max(1.0, (hi - lo).days)

    def fx(when) -> float:
        return px0 + (pd.Timestamp(when) - lo).days / span_days * (px1 - px0)

    ymax = panel.y_max or 1.0

    def fy(v) -> float:
        if categorical:
            n = max(1, len(panel.rows))
            return py0 + (float(v) + 0.5) / n * (py1 - py0)
        return py1 - float(v) / ymax * (py1 - py0)

    # the baseline and the years
    _draw(pdf, "muted", 0.2)
    pdf.line(px0, py1, px1, py1)
    pdf.font(SMALL_PT, False, "muted")
    for year in range(lo.year, hi.year + 1):
        mid = pd.Timestamp(year=year, month=7, day=2)
        if lo <= mid <= hi:
            pdf.set_xy(fx(mid) - 5, py1 + 0.4)
            pdf.cell(10, 2.6, str(year), align="C")
    if categorical:
        for i, r in enumerate(panel.rows):
            pdf.font(SMALL_PT, False, "ink")
            pdf.set_xy(x, fy(i) - 1.3)
            pdf.cell(label_w - 1, 2.6, r.head)
    for rule in panel.rules:
        rx = fx(rule.x)
        _draw(pdf, rule.colour, 0.25)
        pdf.set_dash_pattern(dash=0.5, gap=0.5)
        pdf.line(rx, py0 - 1.5, rx, py1)
        pdf.set_dash_pattern()
        if rule.text:
            pdf.font(SMALL_PT, False, rule.colour)
            width = pdf.get_string_width(rule.text) + 1
            pdf.set_xy(rx - width - 0.5, py0 - 1.5)
            pdf.cell(width, 2.6, rule.text, align="R")
    for level in panel.levels:
        ly = fy(level.y)
        _draw(pdf, level.colour, 0.35)
        pdf.set_dash_pattern(dash=1.0, gap=0.7)
        pdf.line(px0, ly, px1, ly)
        pdf.set_dash_pattern()
        pdf.font(SMALL_PT, False, level.colour)
        pdf.set_fill_color(*theme.rgb("paper"))
        pdf.set_xy(px0 + 0.5, ly - 2.9)
        pdf.cell(pdf.get_string_width(level.text) + 1, 2.6, level.text, fill=True)
    day_mm = (px1 - px0) / span_days
    for s in series:
        marks = [m for m in s.marks if m.y is not None]
        if s.kind == "bar":
            bw = max(1.0, s.width * day_mm)
            for m in marks:
                top_, bottom = fy(m.base + m.y), fy(m.base)
                _fill(pdf, m.colour or s.colour)
                pdf.rect(fx(m.x) - bw / 2, top_, bw, bottom - top_, style="F")
                if m.doubtful:
                    _hatch(pdf, fx(m.x) - bw / 2, top_, bw, bottom - top_)
                if m.text:  # a bar's own label, over it
                    pdf.font(TEXT_PT, False, "ink")
                    width = pdf.get_string_width(m.text) + 1
                    pdf.set_xy(fx(m.x) - width / 2, top_ - 3.0)
                    pdf.cell(width, 2.8, m.text, align="C")
        elif s.kind == "line":
            pts = [(fx(m.x), fy(m.y)) for m in marks]
            _draw(pdf, s.colour, 0.45)
            if s.dash:
                pdf.set_dash_pattern(dash=1.0, gap=0.6)
            if len(pts) > 1:
                pdf.polyline(pts)
            pdf.set_dash_pattern()
            for m, (cx, cy) in zip(marks, pts):
                _marker(pdf, s, cx, cy, 0.75, hollow=m.approx)
                if m.text:
                    pdf.font(TEXT_PT, True, s.colour)
                    _place(pdf, m, cx, cy)
        elif s.kind == "points":
            for m in marks:
                _marker(pdf, s, fx(m.x), fy(m.y), 0.9, hollow=m.approx or s.symbol == "ring")
                if m.text:  # a doubtful figure's label, where the definition placed it
                    pdf.font(TEXT_PT, False, s.colour)
                    _place(pdf, m, fx(m.x), fy(m.y))
        elif s.kind == "labels":
            pdf.font(TEXT_PT, False, s.colour)
            for m in marks:
                if m.text:
                    width = pdf.get_string_width(m.text) + 1
                    pdf.set_xy(fx(m.x) - width / 2, fy(m.y) - 3.0)
                    pdf.cell(width, 2.8, m.text, align="C")
        elif s.kind == "range":
            _draw(pdf, s.colour, 0.25)
            for m in s.marks:
                if not m.span:
                    continue
                x0, x1, ry = fx(m.span[0]), fx(m.span[1]), fy(m.y) - 3.2  # above the bar's label
                if s.dash:
                    pdf.set_dash_pattern(dash=0.4, gap=0.4)
                pdf.line(x0, ry, x1, ry)
                pdf.set_dash_pattern()
                pdf.line(x0, ry - 0.7, x0, ry + 0.7)
                pdf.line(x1, ry - 0.7, x1, ry + 0.7)


# --- a rows panel ---------------------------------------------------------------------------------

def _rows(pdf, panel: Panel, series: list[Series], x: float, y: float, w: float, h: float) -> None:
    """Rows: a row with a result (a target) has its label, then its result, each on a line across the
    panel, then its bar; a row with only a label has it left of its bar; a row without words is a bar
    across the panel."""
    head = 3.2 if panel.title else 0.0
    if panel.title:
        pdf.para(x, y, w, panel.title, TEXT_PT, True, "muted", lines=1)
    n = max(1, len(panel.rows))
    words = any(r.head or r.value for r in panel.rows)
    stacked_words = any(r.value or r.value_lead for r in panel.rows)
    label_w = 0.0 if stacked_words or not words else w * 0.4
    lo, hi = panel.x_range or (0.0, 1.0)
    track = w - label_w - (10.0 if words else 0.0)  # room for a label at the bar's end
    row_h = (h - head) / n

    def fx(v) -> float:
        return x + label_w + (float(v) - lo) / max(hi - lo, 1e-9) * track

    def centre(i: float) -> float:  # where a row's bar stands: under its words when they take two lines
        ry = y + head + int(i) * row_h
        return ry + (row_h * 0.78 if stacked_words else row_h / 2) + (i - int(i)) * row_h

    for i, r in enumerate(panel.rows):
        ry = y + head + i * row_h
        if r.head:  # beside its bar: on two lines where it is long (a producer's full name)
            pdf.font(TEXT_PT + 0.5, True)
            two = not stacked_words and pdf.get_string_width(r.head) > label_w - 1
            pdf.para(x, ry + (0.2 if stacked_words else row_h / 2 - (2.8 if two else 1.4)),
                     w if stacked_words else label_w - 1, r.head, TEXT_PT + 0.5, True, "ink", lines=1 + two)
        if r.value or r.value_lead:
            pdf.font(TEXT_PT, True, r.value_colour or "ink")
            lead_w = pdf.get_string_width(r.value_lead) + 0.3 if r.value_lead else 0.0
            pdf.set_xy(x, ry + 3.1)
            if r.value_lead:
                pdf.cell(lead_w, 2.8, r.value_lead)
            pdf.font(TEXT_PT, False, "ink")
            pdf.set_xy(x + lead_w, ry + 3.1)
            pdf.cell(w - lead_w, 2.8, r.value)
    stacked = any(m.base for s in series for m in s.marks)
    for s in series:
        marks = [m for m in s.marks if m.y is not None]
        if s.kind == "bar":
            for m in marks:
                thick = max(0.8, s.width * row_h * (0.5 if stacked_words else 0.8))
                cy = centre(m.x + s.offset)
                x0, x1 = fx(m.base), fx(m.base + m.y)
                _fill(pdf, m.colour or s.colour)
                pdf.rect(x0, cy - thick / 2, max(0.2, x1 - x0), thick, style="F")
                if not m.text:
                    continue
                pdf.font(TEXT_PT, True, "ink")
                width = pdf.get_string_width(m.text) + 1
                if stacked:
                    inside = width <= x1 - x0
                    dark = s.colour in ("tier_4", "tier_5p", "tier_5")
                    pdf.font(TEXT_PT, True, "paper" if inside and dark else "ink")
                    px = (x0 + x1) / 2 - width / 2 if inside else min(x0, x + w - width)
                    pdf.set_xy(px, cy - 1.4 if inside else cy - thick / 2 - 3.0)
                else:
                    pdf.set_xy(x1 + 0.5, cy - 1.4)
                pdf.cell(width, 2.8, m.text)
        elif s.kind == "points":
            for m in marks:
                shape = s if not s.symbol.startswith("status_") else Series(s.key, s.name, s.colour, s.kind)
                _marker(pdf, shape, fx(m.y), centre(m.x + s.offset), 1.4 if s.symbol == "line" else 0.8,
                        hollow=False)
