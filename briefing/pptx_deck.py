"""Write the briefing's slides as a PowerPoint file with native, editable charts (python-pptx)."""
from __future__ import annotations

import io
from datetime import date

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from story import fmt, theme
from story.i18n import t

from .content import Slide, build_slides

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
TIER_SERIES = [("s3", "3"), ("s4", "4"), ("s5p", "5p"), ("s5", "5"), ("rest", "total")]


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(slide, text: str, left, top, width, height, size: int, bold: bool = False, colour: str = "#1C2833"):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(colour)
    return box


def _frame(prs, s: Slide, lang: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _text(slide, s.title, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.8), 30, bold=True)
    if s.subtitle:
        _text(slide, s.subtitle, Inches(0.5), Inches(1.05), Inches(12.3), Inches(0.6), 13, colour="#566573")
    # the source line of every slide, at its foot
    _text(slide, s.source_line(lang), Inches(0.5), Inches(6.85), Inches(12.3), Inches(0.5), 11, colour="#566573")
    return slide


def tier_categories(reports: pd.DataFrame, label) -> list[str]:
    return [f"{label(k)} · {fmt.partial_date(a, p, 'vi')} · {theme.short_source(s)}{' ⚠' if d else ''}"
            for k, a, p, s, d in zip(reports.territory_key, reports.as_of, reports.as_of_precision,
                                     reports.source_id, reports.doubtful)]


def _tiers(slide, s: Slide, lang: str, label):
    reports = s.data["reports"]
    data = CategoryChartData()
    data.categories = tier_categories(reports, label)
    series_colours = []
    for col, star in TIER_SERIES:
        if reports[col].isna().all():
            continue
        name = t("stars_total" if star == "total" else f"stars_{star}", lang)
        data.add_series(name, [None if pd.isna(v) else float(v) for v in reports[col]])
        series_colours.append(theme.STAR_COLORS[star])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, Inches(0.5), Inches(1.6), Inches(12.3),
                                   Inches(5.2), data).chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    for series, colour in zip(chart.series, series_colours):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colour)
    chart.category_axis.tick_labels.font.size = Pt(9)


def _targets(slide, s: Slide, lang: str, label):
    prog = s.data["progress"]
    data = CategoryChartData()
    data.categories = [f"{label(k)} · {d}"[:80] for k, d in zip(
        prog.territory_key, prog["description_en" if lang == "en" else "description_vi"])]
    data.add_series(t("percent_reached", lang), [round(float(p), 1) for p in prog.percent])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.5), Inches(1.6), Inches(12.3),
                                   Inches(5.2), data).chart
    chart.has_legend = False
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format = '0.0"%"'
    plot.data_labels.number_format_is_linked = False
    for point, status in zip(chart.series[0].points, prog.status):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(theme.STATUS_COLORS[status])
    chart.category_axis.reverse_order = True
    chart.category_axis.tick_labels.font.size = Pt(10)


def _subjects(slide, s: Slide, lang: str, label):
    counts = s.data["counts"]
    data = CategoryChartData()
    data.categories = [t(f"type_{v}", lang) for v in counts.subject_type]
    data.add_series(t("count_listed", lang), [int(v) for v in counts.n])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(1.6), Inches(12.3),
                                   Inches(5.2), data).chart
    chart.has_legend = False
    chart.plots[0].has_data_labels = True
    for point, v in zip(chart.series[0].points, counts.subject_type):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(theme.TYPE_COLORS.get(v, "#999999"))


def _table(slide, header: list[str], rows: list[list[str]], top=Inches(1.6), font=11):
    rows = rows[:18]
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(0.5), top, Inches(12.3),
                                   Emu(int(Inches(0.32)) * (len(rows) + 1)))
    table = shape.table
    for j, h in enumerate(header):
        table.cell(0, j).text = h
    for i, r in enumerate(rows, start=1):
        for j, v in enumerate(r):
            table.cell(i, j).text = str(v)
    for row in table.rows:
        for cell in row.cells:
            for p in cell.text_frame.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(font)


def _headline(slide, s: Slide, lang: str, label):
    NP = t("not_published", lang)
    rows = [[r["label"], fmt.qualified(r["total"], r["qualifier"], lang),
             *(fmt.number(r[k], lang) if r[k] is not None and not pd.isna(r[k]) else NP for k in ("s3", "s4", "s5", "s5p")),
             fmt.partial_date(r["as_of"], r["precision"], lang), r["source_id"]] for r in s.data["rows"]]
    _table(slide, [t("territory", lang), t("stars_total", lang).split(" (")[0], t("stars_3", lang), t("stars_4", lang),
                   t("stars_5", lang), t("stars_5p", lang), t("as_of", lang), t("source", lang)], rows, font=14)


def _points(slide, s: Slide, lang: str, label):
    p = s.data["points"]
    NP = t("not_published", lang)
    rows = [[label(k), t(f"entry_{e}", lang), d if isinstance(d, str) else (loc if isinstance(loc, str) else NP),
             fmt.qualified(n, q or "exact", lang) if pd.notna(n) else (t("split_not_published", lang)
                                                                       if e == "locality" else NP),
             t(f"prec_{pr}", lang), src]
            for k, e, d, loc, n, q, pr, src in zip(p.territory_key, p.entry_kind, p.district, p.locality, p["count"],
                                                  p.count_qualifier, p.precision, p.source_id)]
    _table(slide, [t("territory", lang), t("kind", lang), t("district", lang), t("count", lang), t("precision", lang),
                   t("source", lang)], rows, font=11)


def _sources(slide, s: Slide, lang: str, label):
    from story.cite import cite  # a pure function: the same citation as on screen
    src = s.data["sources"]
    rows = [[r["source_id"], cite(r, lang)[:160]] for r in src.to_dict("records")]
    _table(slide, [t("source", lang), t("copy_citation", lang).split(" (")[0]], rows, font=9)


DRAW = {"tiers": _tiers, "targets": _targets, "subjects": _subjects, "headline": _headline, "map": _points,
        "sources": _sources}


def build_pptx(cur, lang: str, provinces: list[str], year_from: int | None = None, year_to: int | None = None,
               today: date | None = None) -> bytes:
    """The briefing as .pptx bytes, in the chosen language."""
    from .content import territory_label
    import queries

    terr = queries.territories(cur)
    label = lambda k: territory_label(terr, k, lang)  # noqa: E731
    slides = build_slides(cur, lang, provinces, year_from, year_to, today)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    cover = prs.slides.add_slide(prs.slide_layouts[6])
    _text(cover, t("briefing_title", lang), Inches(0.8), Inches(2.4), Inches(11.7), Inches(1.2), 44, bold=True)
    _text(cover, ", ".join(label(p) for p in provinces), Inches(0.8), Inches(3.6), Inches(11.7), Inches(0.8), 24)
    _text(cover, t("generated", lang).format(date=fmt.day(today or date.today(), lang),
                                             version=queries.data_version(cur)),
          Inches(0.8), Inches(4.4), Inches(11.7), Inches(0.6), 14, colour="#566573")
    for s in slides:
        slide = _frame(prs, s, lang)
        DRAW[s.kind](slide, s, lang, label)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
