"""The briefing as a PowerPoint file: the slides' storyline and finding titles, native editable charts.

Every shape lies within the 13.333 × 7.5 in slide; every text run is at least 14 pt; chart text (axes,
legend, data labels) is set to at least 18 pt in the chart itself; each slide's notes hold the full
citations of its sources. Long lists are summarised (the rest counted), never run off the slide.
"""
from __future__ import annotations

import io
from datetime import date

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from ocop_data.words import t
from queries import core
from story import findings, fmt, theme
from story.cite import cite

from .content import Slide, build_slides, source_name
from .figures import APPROX, STATUS_TEXT, TERRITORY_COLOURS, TIER_ORDER, _clip, _merge_agreeing, drawn_at

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
BODY_TOP, BODY_BOTTOM = Inches(1.85), Inches(6.6)
INK, MUTED = "#1C2833", "#424949"
CHART_PT = 18  # every chart text
MIN_PT = 14  # every other text


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(slide, parts, left, top, width, height, size: int = 18, bold: bool = False, colour: str = INK,
          anchor=MSO_ANCHOR.TOP):
    """A text box; ``parts`` is a string, or a list of paragraphs, each a string or (text, size, bold, colour)."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.05)
    paragraphs = parts if isinstance(parts, list) else [parts]
    for i, para in enumerate(paragraphs):
        text, psize, pbold, pcolour = (para, size, bold, colour) if isinstance(para, str) else para
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = p.add_run()
        run.text = text
        run.font.size = Pt(max(MIN_PT, psize))
        run.font.bold = pbold
        run.font.color.rgb = _rgb(pcolour)
    return box


def _chart_text(chart, legend: bool = False) -> None:
    """All of a chart's text at 18 pt, set in the chart (the default it renders at otherwise is 10 pt)."""
    chart.font.size = Pt(CHART_PT)
    chart.font.color.rgb = _rgb(INK)
    chart.has_title = False
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(CHART_PT)
    for axis in _axes(chart):
        axis.tick_labels.font.size = Pt(CHART_PT)
        axis.tick_labels.font.color.rgb = _rgb(INK)


def _axes(chart):
    out = []
    for getter in ("category_axis", "value_axis"):
        try:
            out.append(getattr(chart, getter))
        except ValueError:
            pass
    return out


def _labels(plot_or_series, number_format: str | None = None, position=None):
    labels = plot_or_series.data_labels
    labels.font.size = Pt(CHART_PT)
    labels.font.color.rgb = _rgb(INK)
    if number_format:
        labels.number_format = number_format
        labels.number_format_is_linked = False
    if position is not None:
        labels.position = position
    return labels


def _title_pt(title: str) -> int:
    """The title's size, so the finding fits its box (12.3 × 1.05 in) on two lines: 28 pt up to about
    100 characters, 24 pt up to 130, else 20 pt (a finding that names a conflict or a missing split runs
    longer; it is never cut)."""
    n = len(title)
    return 28 if n <= 100 else 24 if n <= 130 else 20


def _frame(prs, s: Slide, lang: str, sources: pd.DataFrame):
    """A blank slide with the finding as its title, the subtitle, a short source line at its foot and the
    full citations of its sources in the notes."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _text(slide, s.title, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.05), _title_pt(s.title), bold=True,
          anchor=MSO_ANCHOR.MIDDLE)
    if s.subtitle:
        _text(slide, _clip(s.subtitle, 150), MARGIN, Inches(1.35), WIDTH - 2 * MARGIN, Inches(0.45), 16,
              colour=MUTED)
    rows = sources[sources.source_id.isin(s.source_ids)]
    if not rows.empty:
        rows = rows.assign(_p=rows.published.astype(str)).sort_values(["_p", "source_id"], ascending=False)
        named = [_clip(source_name(r, lang), 40) for r in rows.head(3).to_dict("records")]
        more = len(rows) - len(named)
        line = f"{t('sources', lang)}: " + " · ".join(named) + (
            f" {t('src_more', lang).format(n=fmt.number(more, lang))}" if more > 0 else "")
        _text(slide, line, MARGIN, Inches(6.85), WIDTH - 2 * MARGIN, Inches(0.45), 14, colour=MUTED)
        notes = slide.notes_slide.notes_text_frame
        notes.text = ""
        paras = [t("notes_sources", lang) + ":"] + [f"{r['source_id']}: {cite(r, lang)}"
                                                   for r in rows.to_dict("records")]
        for i, text in enumerate(paras):
            p = notes.paragraphs[0] if i == 0 else notes.add_paragraph()
            run = p.add_run()
            run.text = text
            run.font.size = Pt(MIN_PT)
    return slide


def _year(when) -> float:
    """A date as a decimal year (2025-07-01 -> 2025.5): an XY chart's x axis is then a true time axis whose
    ticks read as plain years in PowerPoint and LibreOffice alike."""
    when = pd.Timestamp(when)
    return round(when.year + (when.dayofyear - 1) / (366 if when.is_leap_year else 365), 4)


# --- slides -----------------------------------------------------------------------------------------

def _cover(prs, s: Slide, lang: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, s.title, Inches(0.8), Inches(2.2), Inches(11.7), Inches(1.2), 44, bold=True)
    _text(slide, " · ".join(s.data["provinces"]), Inches(0.8), Inches(3.4), Inches(11.7), Inches(0.8), 28)
    _text(slide, s.subtitle, Inches(0.8), Inches(4.2), Inches(11.7), Inches(0.6), 18, colour=MUTED)
    return slide


def _headline(slide, s: Slide, lang: str, label, short):
    d = s.data
    big, g = d["big"], d["target"]
    left_w = Inches(4.4)
    if big:
        _text(slide, t("big_label", lang), MARGIN, BODY_TOP, left_w, Inches(0.45), 18, colour=MUTED)
        _text(slide, fmt.qualified(big["value"], big["qualifier"], lang), MARGIN, BODY_TOP + Inches(0.4), left_w,
              Inches(1.3), 80, bold=True)
        when = fmt.partial_date(big["as_of"], big["precision"], lang)
        old = f" · {t('months_old', lang).format(months=big['months'])}" if (big["months"] or 0) > 12 else ""
        tiers = " · ".join(f"{t('stars_' + k[1:], lang)}: {fmt.number(v, lang)}" for k, v in big["tiers"].items()
                           if v is not None and not pd.isna(v)) or t("split_not_published", lang)
        _text(slide, [f"{t('as_of', lang)} {when}{old}", (tiers, 16, False, MUTED)], MARGIN,
              BODY_TOP + Inches(1.75), left_w, Inches(0.9), 18)
    else:
        _text(slide, t("not_published", lang), MARGIN, BODY_TOP, left_w, Inches(0.6), 24)
    if g:
        pct = g.get("percent")
        reached = fmt.percent(pct, lang, 0) if pct is not None and not pd.isna(pct) else t("not_published", lang)
        where = "" if g["territory_key"] == d["province"] else f" · {label(g['territory_key'])}"
        latest = "" if pd.isna(g.get("latest_value")) else (
            f" ({fmt.qualified(g['latest_value'], g['latest_qualifier'] or 'exact', lang)}, "
            f"{fmt.partial_date(g['latest_as_of'], g['latest_precision'], lang)})")
        _text(slide, [(f"{t('main_target', lang)}: {findings.target_short(g, lang)}{where}", 18, True, INK),
                      (f"{reached}{latest}", 28, True, STATUS_TEXT.get(g["status"], INK)),
                      (findings.status_label(g["status"], lang), 18, False, STATUS_TEXT.get(g["status"], INK))],
              MARGIN, BODY_TOP + Inches(2.75), left_w, Inches(1.9), 18)
    # the trend: one XY line per territory (predecessors never joined), on a true time axis
    data = XyChartData()
    keys = [k for k in d["family"] if k in d["series"] and not d["series"][k].empty]
    # colours follow the family (as on screen); the longest series first (LibreOffice drops a one-point
    # first series of an XY chart)
    colour_of = {k: TERRITORY_COLOURS[i % len(TERRITORY_COLOURS)] for i, k in enumerate(keys)}
    keys.sort(key=lambda k: -d["series"][k].as_of_date.nunique())
    xs, points_of = [], {}
    for key in keys:
        sr = d["series"][key].sort_values("as_of_date").drop_duplicates(["as_of_date", "value"])
        series = data.add_series(short(key))
        pts = []
        for a, p, v in zip(sr.as_of_date, sr.as_of_precision, sr.value):
            x = _year(drawn_at(a, p))
            series.add_data_point(x, float(v))
            xs.append(x)
            pts.append(p in APPROX)
        points_of[key] = pts
    if g and not pd.isna(g.get("value")) and xs:
        target = data.add_series(t("target_line", lang).format(v=findings.target_short(g, lang)))
        end = _year(g["deadline_date"])
        xs.append(end)
        for x in (min(xs), end):
            target.add_data_point(x, float(g["value"]))
    if not xs:
        return
    shape = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, MARGIN + left_w + Inches(0.2), BODY_TOP,
                                   WIDTH - 2 * MARGIN - left_w - Inches(0.2), BODY_BOTTOM - BODY_TOP, data)
    chart = shape.chart
    _chart_text(chart, legend=True)
    x_axis, y_axis = chart.category_axis, chart.value_axis
    x_axis.minimum_scale = int(min(xs))
    x_axis.maximum_scale = int(max(xs)) + 1
    x_axis.major_unit = 1
    x_axis.tick_labels.number_format = "0"
    x_axis.tick_labels.number_format_is_linked = False
    x_axis.has_major_gridlines = False
    y_axis.minimum_scale = 0
    y_axis.has_major_gridlines = True
    y_axis.major_gridlines.format.line.color.rgb = _rgb("#D5D8DC")
    y_axis.tick_labels.number_format = "#,##0"
    y_axis.tick_labels.number_format_is_linked = False
    for key, series in zip(keys, chart.plots[0].series):
        colour = _rgb(colour_of[key])
        series.format.line.color.rgb = colour
        series.format.line.width = Pt(3)
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 10
        series.marker.format.line.color.rgb = colour
        for j, hollow in enumerate(points_of[key]):  # year-only dates hollow, as on screen
            point = series.points[j]
            point.marker.style = XL_MARKER_STYLE.CIRCLE
            point.marker.size = 10
            point.marker.format.fill.solid()
            point.marker.format.fill.fore_color.rgb = _rgb("#FFFFFF") if hollow else colour
            point.marker.format.line.color.rgb = colour
        last = series.points[len(points_of[key]) - 1]
        last.data_label.has_text_frame = False
        last.data_label.show_value = True
        last.data_label.position = XL_LABEL_POSITION.ABOVE
        last.data_label.font.size = Pt(CHART_PT)
        last.data_label.font.bold = True
    if len(chart.plots[0].series) > len(keys):  # the target: a dashed level across the chart
        target = chart.plots[0].series[len(keys)]
        target.format.line.color.rgb = _rgb(INK)
        target.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        target.format.line.width = Pt(2)
        target.marker.style = XL_MARKER_STYLE.NONE


def _tiers(slide, s: Slide, lang: str, label, short):
    reports = s.data["reports"]
    keys = [k for k in s.data["family"] if (reports.territory_key == k).any()]
    data = CategoryChartData()
    rows = []
    for key in keys:
        sub = _merge_agreeing(reports[reports.territory_key == key])
        names = tier_categories(sub, lang)
        if len(keys) > 1:
            cat = data.add_category(short(key))
            for n in names:
                cat.add_sub_category(n)
        else:
            for n in names:
                data.add_category(n)
        rows.append(sub)
    allrows = pd.concat(rows, ignore_index=True)
    colours = []
    for col, star in TIER_ORDER:
        if allrows[col].isna().all():
            continue
        data.add_series(t("stars_total" if star == "total" else f"stars_{star}", lang),
                        [None if pd.isna(v) else float(v) for v in allrows[col]])
        colours.append(theme.STAR_COLORS[star])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN,
                                   BODY_BOTTOM - BODY_TOP - Inches(0.35), data).chart
    _chart_text(chart, legend=True)
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    _horizontal_labels(chart.category_axis)
    chart.plots[0].gap_width = 40
    for series, colour in zip(chart.series, colours):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colour)
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = _rgb("#D5D8DC")
    chart.value_axis.tick_labels.number_format = "#,##0"
    chart.value_axis.tick_labels.number_format_is_linked = False
    _text(slide, t("pptx_tiers_note", lang), MARGIN, BODY_BOTTOM - Inches(0.35), WIDTH - 2 * MARGIN,
          Inches(0.4), 14, colour=MUTED)


def _horizontal_labels(axis) -> None:
    """Category labels written across (a renderer would otherwise turn long ones on their side)."""
    from pptx.oxml.ns import qn

    txPr = axis._element.find(qn("c:txPr"))
    if txPr is not None:
        txPr.find(qn("a:bodyPr")).set("rot", "0")
        txPr.find(qn("a:bodyPr")).set("vert", "horz")


def tier_categories(reports: pd.DataFrame, lang: str) -> list[str]:
    """Short category labels: the date as published ('2019', '03/2025'), '⚠' for a doubtful report, and
    '(1)', '(2)' for two disagreeing reports of one date."""
    dates = [fmt.partial_date(a, p, lang).replace(f" {t('inferred_suffix', lang)}", "*")
             for a, p in zip(reports.as_of, reports.as_of_precision)]
    out, seen = [], {}
    counts = pd.Series(dates).value_counts().to_dict()
    for d, doubt in zip(dates, reports.doubtful):
        seen[d] = seen.get(d, 0) + 1
        label = d + (f" ({seen[d]})" if counts[d] > 1 else "") + (" ⚠" if doubt else "")
        out.append(label)
    return out


def _targets(slide, s: Slide, lang: str, label, short):
    prog = s.data["progress"]
    data = CategoryChartData()
    data.categories = [f"{short(k)} · {findings.target_short(g, lang)}" for k, g in zip(prog.territory_key,
                                                                               prog.to_dict("records"))]
    data.add_series(t("percent_reached", lang), [round(float(p), 1) for p in prog.percent])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN,
                                   BODY_BOTTOM - BODY_TOP - Inches(0.4), data).chart
    _chart_text(chart)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    _labels(plot, '0"%"', XL_LABEL_POSITION.OUTSIDE_END)
    for point, g in zip(chart.series[0].points, prog.to_dict("records")):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(theme.STATUS_COLORS[g["status"]])
        # the value and the status mark (✓ ↗ ↘ ✗ ? ⊘), not colour alone
        frame = point.data_label.text_frame
        frame.text = f"{fmt.percent(g['percent'], lang, 0)} {findings.status_mark(g['status'], lang)}"
        for p in frame.paragraphs:
            for run in p.runs:
                run.font.size = Pt(CHART_PT)
                run.font.color.rgb = _rgb(INK)
        point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    chart.category_axis.reverse_order = True
    value = chart.value_axis
    # the 100% mark is the value axis's own major gridline: 0% and 100% only, drawn dark
    value.minimum_scale = 0
    value.maximum_scale = max(150.0, float(prog.percent.max()) * 1.25)
    value.major_unit = 100
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = _rgb("#000000")
    value.major_gridlines.format.line.width = Pt(2.5)
    value.has_minor_gridlines = False
    value.tick_labels.number_format = '0"%"'
    value.tick_labels.number_format_is_linked = False
    marks = " · ".join(findings.status_label(st_, lang) for st_ in dict.fromkeys(prog.status))
    _text(slide, marks, MARGIN, BODY_BOTTOM - Inches(0.4), WIDTH - 2 * MARGIN, Inches(0.4), 14, colour=MUTED)


def _subjects(slide, s: Slide, lang: str, label, short):
    panels = s.data["panels"][:3]
    gap = Inches(0.4)
    width = int((WIDTH - 2 * MARGIN - gap * (len(panels) - 1)) / len(panels))
    for i, p in enumerate(panels):
        left = MARGIN + (width + gap) * i
        note = (t("subjects_published_note", lang).format(date=p["published"]["date"]) if p["published"] else
                t("subjects_listed_note", lang).format(n=fmt.number(int(p["counts"].n.sum()), lang)))
        _text(slide, [(p["label"], 18, True, INK), (note, 14, False, MUTED)], left, BODY_TOP, width, Inches(0.8))
        counts = p["counts"]
        data = CategoryChartData()
        data.categories = [t(f"type_{v}", lang) for v in counts.subject_type]
        data.add_series(t("count_listed", lang), [int(v) for v in counts.n])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, BODY_TOP + Inches(0.85), width,
                                       BODY_BOTTOM - BODY_TOP - Inches(0.85), data).chart
        _chart_text(chart)
        chart.plots[0].has_data_labels = True
        _labels(chart.plots[0], "#,##0", XL_LABEL_POSITION.OUTSIDE_END)
        chart.category_axis.reverse_order = True
        chart.value_axis.visible = False
        chart.value_axis.has_major_gridlines = False
        chart.value_axis.minimum_scale = 0
        chart.value_axis.maximum_scale = float(counts.n.max()) * 1.25
        for point, v in zip(chart.series[0].points, counts.subject_type):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(theme.TYPE_COLORS.get(v, "#999999"))


def _points(slide, s: Slide, lang: str, label, short):
    groups = s.data["places"]
    left_w = Inches(6.6)
    paras = []
    for g in groups[:5]:
        head = f"{g['label']} · {g['head']}" + (f" ({g['date']})" if g["date"] else "")
        items = " · ".join(p + (f" {n}" if n else "") for p, n in g["items"][:9])
        more = len(g["items"]) - 9
        if more > 0:
            items += " " + t("places_more", lang).format(n=fmt.number(more, lang))
        if g["split_unknown"]:
            items += f" ({t('split_per_place', lang)})"
        paras += [(head, 18, True, INK), (_clip(items, 190), 16, False, INK)]
    if len(groups) > 5:
        paras.append((t("places_more", lang).format(n=fmt.number(len(groups) - 5, lang)), 14, False, MUTED))
    _text(slide, paras, MARGIN, BODY_TOP, left_w, BODY_BOTTOM - BODY_TOP, 16)
    counted = [g for g in groups if any(n for _, n in g["items"])]
    if not counted:
        return
    g = counted[0]  # the places with a published count, as a native chart
    items = [(p, int(n.replace(".", "").replace(",", ""))) for p, n in g["items"] if n][:10]
    data = CategoryChartData()
    data.categories = [_clip(p, 22) for p, _ in items]
    data.add_series(t("count", lang), [n for _, n in items])
    left = MARGIN + left_w + Inches(0.3)
    _text(slide, f"{g['label']}: {t('points_by_place', lang).lower()}", left, BODY_TOP,
          WIDTH - MARGIN - left, Inches(0.45), 16, bold=True)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, BODY_TOP + Inches(0.5), WIDTH - MARGIN - left,
                                   BODY_BOTTOM - BODY_TOP - Inches(0.5), data).chart
    _chart_text(chart)
    chart.plots[0].has_data_labels = True
    _labels(chart.plots[0], "#,##0", XL_LABEL_POSITION.OUTSIDE_END)
    chart.category_axis.reverse_order = True
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.minimum_scale = 0
    chart.series[0].format.fill.solid()
    chart.series[0].format.fill.fore_color.rgb = _rgb("#C9A227")


def _unknown(slide, s: Slide, lang: str, label, short):
    items = s.data["items"]
    groups = list(dict.fromkeys(i["province"] for i in items))[:3] or [""]
    gap = Inches(0.4)
    width = int((WIDTH - 2 * MARGIN - gap * (len(groups) - 1)) / len(groups))
    for i, prov in enumerate(groups):
        mine = [it["text"] for it in items if it["province"] == prov][:6]
        _text(slide, [(prov, 22, True, INK)] + [("• " + _clip(x, 130), 16, False, INK) for x in mine],
              MARGIN + (width + gap) * i, BODY_TOP, width, BODY_BOTTOM - BODY_TOP)


def _sources(slide, s: Slide, lang: str, label, short):
    paras = []
    for g in s.data["groups"]:
        named = [_clip(x["label"], 48) for x in g["named"]] or [t("src_all_named", lang).format(
            n=fmt.number(g["n"], lang))]
        more = f" {t('src_more', lang).format(n=fmt.number(g['more'], lang))}" if g["more"] and g["named"] else ""
        paras.append((f"{g['title']}: " + " · ".join(named) + more, 18, False, INK))
    paras.append((t("pptx_sources_note", lang).format(n=fmt.number(len(s.source_ids), lang)), 16, False, MUTED))
    _text(slide, paras, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP, 18)


DRAW = {"headline": _headline, "tiers": _tiers, "targets": _targets, "subjects": _subjects, "map": _points,
        "unknown": _unknown, "sources": _sources}
TARGETS_PER_SLIDE = 7


def build_pptx(cur, lang: str, provinces: list[str], year_from: int | None = None, year_to: int | None = None,
               today: date | None = None) -> bytes:
    """The briefing as .pptx bytes, in the chosen language: the slides of the presentation."""
    terr = core.territories(cur)
    labels = fmt.territory_labels(terr, lang)[1]
    label = lambda k: labels.get(k, k)  # noqa: E731
    shorts = fmt.short_labels(terr, lang)
    short = lambda k: shorts.get(k, k)  # noqa: E731
    slides = build_slides(cur, lang, provinces, year_from, year_to, today)
    sources = core.source_rows(cur, sorted({x for s in slides for x in s.source_ids}))
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for s in slides:
        if s.kind == "title":
            _cover(prs, s, lang)
            continue
        parts = [s]
        if s.kind == "targets" and len(s.data["progress"]) > TARGETS_PER_SLIDE:  # long lists split, never cut
            prog = s.data["progress"]
            parts = [Slide(s.kind, s.title, s.subtitle, s.source_ids,
                           {**s.data, "progress": prog.iloc[i:i + TARGETS_PER_SLIDE].reset_index(drop=True)})
                     for i in range(0, len(prog), TARGETS_PER_SLIDE)]
        for part in parts:
            if part.kind in ("tiers", "map"):  # no pale or hatched columns, no map here: say what is shown
                sub = t("pptx_tiers_sub" if part.kind == "tiers" else "points_by_place", lang)
                part = Slide(part.kind, part.title, sub, part.source_ids, part.data)
            slide = _frame(prs, part, lang, sources)
            DRAW[part.kind](slide, part, lang, label, short)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
