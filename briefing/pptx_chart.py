"""A chart definition (``story.spec.Chart``) as native, editable PowerPoint charts (python-pptx).

The series, values, date labels and label texts are the definition's: a time panel of bars becomes a
stacked column chart whose categories are the reports' dates as published ('2019', '03/2025', '⚠' when
doubtful, '(1)', '(2)' for two reports of one date); a time panel of lines an XY chart on decimal years
(hollow markers where the date is approximate, the latest value labelled); a rows panel a bar chart whose
categories are the rows' words. Colours are registry colours; a doubtful bar keeps its hatching (a
pattern fill). Every chart text is 18 pt, set in the chart itself.
"""
from __future__ import annotations

import pandas as pd
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN_TYPE
from pptx.util import Emu, Pt

from story import theme
from story.spec import Chart, Panel, decimal_year

CHART_PT = 18  # every chart text
PLACES = {"right": XL_LABEL_POSITION.RIGHT, "left": XL_LABEL_POSITION.LEFT, "above": XL_LABEL_POSITION.ABOVE,
          "below": XL_LABEL_POSITION.BELOW}  # Mark.place


def rgb(key: str) -> RGBColor:
    """A registry colour (``story.theme.COLOURS``) for python-pptx."""
    return RGBColor.from_string(theme.colour(key).lstrip("#"))


def chart_text(chart, legend: bool = False) -> None:
    """All of a chart's text at 18 pt, set in the chart (the default it renders at otherwise is 10 pt)."""
    chart.font.size = Pt(CHART_PT)
    chart.font.color.rgb = rgb("ink")
    chart.has_title = False
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(CHART_PT)
    for getter in ("category_axis", "value_axis"):
        try:
            axis = getattr(chart, getter)
        except ValueError:
            continue
        axis.tick_labels.font.size = Pt(CHART_PT)
        axis.tick_labels.font.color.rgb = rgb("ink")


def _label(point, text: str, position=None) -> None:
    """A data label with the definition's own text."""
    frame = point.data_label.text_frame
    frame.text = text
    for p in frame.paragraphs:
        for run in p.runs:
            run.font.size = Pt(CHART_PT)
            run.font.color.rgb = rgb("ink")
    if position is not None:
        point.data_label.position = position


def _horizontal(axis) -> None:
    """Category labels written across (a renderer would otherwise turn long ones on their side)."""
    from pptx.oxml.ns import qn

    tx = axis._element.find(qn("c:txPr"))
    if tx is not None:
        tx.find(qn("a:bodyPr")).set("rot", "0")
        tx.find(qn("a:bodyPr")).set("vert", "horz")


def _groups(chart: Chart) -> list[tuple[str, list[int]]]:
    """Panels drawn as one PowerPoint chart: consecutive time panels of bars together; each other panel alone."""
    out: list[tuple[str, list[int]]] = []
    for i, p in enumerate(chart.panels):
        kind = "rows" if p.kind == "rows" else ("bars" if any(s.kind == "bar" and s.marks for s in chart.in_panel(i))
                                                else "lines")
        if kind == "bars" and out and out[-1][0] == "bars":
            out[-1][1].append(i)
        else:
            out.append((kind, [i]))
    return out


def add_chart(slide, chart: Chart, left: int, top: int, width: int, height: int) -> list:
    """Draw ``chart`` in the box (EMU); returns the python-pptx charts made, in order."""
    groups = _groups(chart)
    weight = [sum(chart.panels[i].height or 200 for i in g) for _, g in groups]
    made, y = [], top
    side = [g for g in groups if g[0] == "rows"] if all(k == "rows" for k, _ in groups) and len(groups) > 1 else []
    if side:  # several rows panels (producers of two territories): side by side
        gap = Emu(int(width * 0.03))
        w = int((width - gap * (len(side) - 1)) / len(side))
        for j, (_, idx) in enumerate(side):
            made.append(_rows(slide, chart, chart.panels[idx[0]], idx[0], left + (w + gap) * j, top, w, height))
        return made
    floor = Emu(1_100_000)  # a rows panel below others (the latest split) keeps room for its labels
    heights = [int(height * wgt / sum(weight)) for wgt in weight]
    if len(groups) > 1:
        for j, (kind, _) in enumerate(groups):
            if kind == "rows" and heights[j] < floor:
                short = floor - heights[j]
                heights[j] = floor
                others = [k for k in range(len(groups)) if k != j]
                for k in others:
                    heights[k] -= int(short / len(others))
    for (kind, idx), h in zip(groups, heights):
        if kind == "bars":
            made.append(_bars(slide, chart, idx, left, y, width, h))
        elif kind == "lines":
            made.append(_lines(slide, chart, idx[0], left, y, width, h))
        else:
            made.append(_rows(slide, chart, chart.panels[idx[0]], idx[0], left, y, width, h))
        y += h
    return made


# --- bars over time: a stacked column chart, one category per report -------------------------------

def categories(chart: Chart, panel: int) -> list[tuple[object, str]]:
    """(x, label) of each report of a time panel of bars, in time order: its date as published, '⚠' when
    doubtful, '(1)', '(2)' where two reports share a date."""
    marks = {}
    for s in chart.in_panel(panel):
        if s.kind == "bar":
            for m in s.marks:
                if m.y is not None:
                    marks.setdefault(m.x, m)
    xs = sorted(marks)
    dates = [marks[x].date for x in xs]
    counts = pd.Series(dates, dtype=object).value_counts().to_dict() if dates else {}
    seen: dict[str, int] = {}
    out = []
    for x, d in zip(xs, dates):
        seen[d] = seen.get(d, 0) + 1
        out.append((x, d + (f" ({seen[d]})" if counts[d] > 1 else "") + (" ⚠" if marks[x].doubtful else "")))
    return out


def _bars(slide, chart: Chart, panels: list[int], left, top, width, height):
    data = CategoryChartData()
    cats: list[tuple[int, object, str]] = []
    for p in panels:
        these = categories(chart, p)
        if len(panels) > 1:
            parent = data.add_category(chart.panels[p].title)
            for _, text in these:
                parent.add_sub_category(text)
        else:
            for _, text in these:
                data.add_category(text)
        cats += [(p, x, text) for x, text in these]
    keys = list(dict.fromkeys(s.key for p in panels for s in chart.in_panel(p) if s.kind == "bar" and s.marks))
    drawn = []
    for key in keys:
        by_cat = {}
        ser = None
        for p in panels:
            for s in chart.in_panel(p):
                if s.key == key and s.kind == "bar":
                    ser = s
                    for m in s.marks:
                        by_cat[(p, m.x)] = m
        data.add_series(ser.name, [None if (p, x) not in by_cat else by_cat[(p, x)].y for p, x, _ in cats])
        drawn.append((ser, by_cat))
    made = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, left, top, width, height, data).chart
    chart_text(made, legend=True)
    made.legend.position = XL_LEGEND_POSITION.RIGHT
    _horizontal(made.category_axis)
    made.plots[0].gap_width = 40
    made.plots[0].overlap = 100
    tops: dict[tuple, tuple] = {}  # category -> (series index, point) of its top segment
    for j, ((ser, by_cat), series) in enumerate(zip(drawn, made.series)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(ser.colour)
        for k, (p, x, _) in enumerate(cats):
            m = by_cat.get((p, x))
            if m is None:
                continue
            tops[(p, x)] = series.points[k]
            if m.doubtful:  # hatched, as on the page and the print
                point = series.points[k]
                point.format.fill.patterned()
                point.format.fill.pattern = MSO_PATTERN_TYPE.WIDE_UPWARD_DIAGONAL
                point.format.fill.fore_color.rgb = rgb("ink")
                point.format.fill.back_color.rgb = rgb(ser.colour)
    for (ser, by_cat), series in zip(drawn, made.series):  # a bar's own label (a round's count)
        for k, (p, x, _) in enumerate(cats):
            m = by_cat.get((p, x))
            if m is not None and m.text:
                _label(series.points[k], m.text, XL_LABEL_POSITION.INSIDE_END)
    for p in panels:  # the total over each report, on its top segment
        for s in chart.in_panel(p):
            if s.kind == "labels":
                for m in s.marks:
                    if m.text and (p, m.x) in tops:
                        _label(tops[(p, m.x)], m.text, XL_LABEL_POSITION.INSIDE_END)
    value = made.value_axis
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = rgb("grid")
    value.tick_labels.number_format = "#,##0"
    value.tick_labels.number_format_is_linked = False
    value.minimum_scale = 0
    if chart.panels[panels[0]].y_max:
        value.maximum_scale = float(chart.panels[panels[0]].y_max)
    return made


# --- lines over time: an XY chart on decimal years ---------------------------------------------------

def _lines(slide, chart: Chart, panel: int, left, top, width, height):
    p = chart.panels[panel]
    data = XyChartData()
    own = [s for s in chart.in_panel(panel) if s.kind in ("line", "points") and not s.decor and s.marks]
    # the longest series first (LibreOffice drops a one-point first series of an XY chart)
    own.sort(key=lambda s: -len(s.marks))
    xs = []
    for s in own:
        series = data.add_series(s.name)
        for m in s.marks:
            series.add_data_point(decimal_year(m.x), float(m.y))
            xs.append(decimal_year(m.x))
    for level in p.levels:  # a target: a dashed level from the first report to its deadline
        target = next((s for s in chart.in_panel(panel) if s.key == "target"), None)
        end = decimal_year(target.marks[0].x) if target and target.marks else max(xs or [2025.0])
        series = data.add_series(level.text)
        for x in (min(xs + [end]), end):
            series.add_data_point(x, float(level.y))
        xs.append(end)
    made = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, left, top, width, height, data).chart
    chart_text(made, legend=True)
    x_axis, y_axis = made.category_axis, made.value_axis
    x_axis.minimum_scale = int(min(xs)) if xs else 2019
    x_axis.maximum_scale = int(max(xs)) + 1 if xs else 2026
    x_axis.major_unit = 1
    x_axis.tick_labels.number_format = "0"
    x_axis.tick_labels.number_format_is_linked = False
    x_axis.has_major_gridlines = False
    y_axis.minimum_scale = 0
    if p.y_max:
        y_axis.maximum_scale = float(p.y_max)
    y_axis.has_major_gridlines = True
    y_axis.major_gridlines.format.line.color.rgb = rgb("grid")
    y_axis.tick_labels.number_format = "#,##0"
    y_axis.tick_labels.number_format_is_linked = False
    for s, series in zip(own, made.plots[0].series):
        colour = rgb(s.colour)
        series.smooth = False
        series.marker.size = 10
        series.marker.format.line.color.rgb = colour
        if s.kind == "points":  # doubtful figures: hollow rings, never joined
            series.format.line.fill.background()
            series.marker.style = XL_MARKER_STYLE.CIRCLE
        else:
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(3)
            if s.dash:
                series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            series.marker.style = XL_MARKER_STYLE.CIRCLE
        for j, m in enumerate(s.marks):
            point = series.points[j]
            point.marker.style = XL_MARKER_STYLE.CIRCLE
            point.marker.size = 10
            point.marker.format.fill.solid()
            point.marker.format.fill.fore_color.rgb = rgb("paper") if m.approx or s.kind == "points" else colour
            point.marker.format.line.color.rgb = colour
            if m.text:  # the latest value (and a doubtful figure's word), where the definition placed it
                _label(point, m.text, PLACES[m.place])
                point.data_label.font.bold = s.kind == "line"
    for level, series in zip(p.levels, list(made.plots[0].series)[len(own):]):
        series.format.line.color.rgb = rgb(level.colour)
        series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        series.format.line.width = Pt(2)
        series.marker.style = XL_MARKER_STYLE.NONE
    return made


# --- rows: a bar chart, one category per row ----------------------------------------------------------

def row_label(row) -> str:
    """A row's category text: its label, and its result on a second line."""
    value = (row.value_lead + row.value).strip()
    return row.head + (f"\n{value}" if value else "") if row.head else value


def _rows(slide, chart: Chart, panel: Panel, index: int, left, top, width, height):
    own = [s for s in chart.in_panel(index) if s.kind == "bar" and not s.decor and s.marks]
    stacked = any(m.base for s in own for m in s.marks)
    data = CategoryChartData()
    words = any(r.head or r.value for r in panel.rows)
    data.categories = [row_label(r) for r in panel.rows] if words else [""] * len(panel.rows)
    for s in own:
        by_row = {m.x: m for m in s.marks}
        data.add_series(s.name, [None if i not in by_row or by_row[i].y is None else round(float(by_row[i].y), 1)
                                 for i in range(len(panel.rows))])
    kind = XL_CHART_TYPE.BAR_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED
    made = slide.shapes.add_chart(kind, left, top, width, height, data).chart
    chart_text(made, legend=len(own) > 1 and not stacked)
    if panel.title and not words:  # a panel named by its title alone (the latest split): the chart's title
        made.has_title = True
        made.chart_title.text_frame.text = panel.title
        for para in made.chart_title.text_frame.paragraphs:
            for run in para.runs:
                run.font.size = Pt(CHART_PT)
                run.font.bold = False
                run.font.color.rgb = rgb("ink")
    plot = made.plots[0]
    plot.gap_width = 60
    if stacked:
        plot.overlap = 100
    for s, series in zip(own, made.series):
        by_row = {m.x: m for m in s.marks}
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(s.colour)
        for i in range(len(panel.rows)):
            m = by_row.get(i)
            if m is None or m.y is None:
                continue
            point = series.points[i]
            if m.colour:
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = rgb(m.colour)
            if m.text:
                _label(point, m.text, XL_LABEL_POSITION.CENTER if stacked else XL_LABEL_POSITION.OUTSIDE_END)
    made.category_axis.reverse_order = True
    _horizontal(made.category_axis)
    value = made.value_axis
    lo, hi = panel.x_range or (0.0, None)
    value.minimum_scale = float(lo)
    if hi:
        value.maximum_scale = float(hi)
    ticks = [v for v, _ in panel.ticks]
    if 100.0 in ticks:  # a bullet's target: the value axis's own gridline at 100%, drawn dark
        value.major_unit = 100
        value.has_major_gridlines = True
        value.major_gridlines.format.line.color.rgb = rgb("ink")
        value.major_gridlines.format.line.width = Pt(2.5)
        value.tick_labels.number_format = '0"%"'
        value.tick_labels.number_format_is_linked = False
    else:
        value.has_major_gridlines = False
        value.visible = panel.axis and not stacked
        value.tick_labels.number_format = "#,##0"
        value.tick_labels.number_format_is_linked = False
    return made

