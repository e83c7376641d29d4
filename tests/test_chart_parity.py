"""One definition per chart, the same on every surface (issue 18 §1): for every chart of the shipped data
(the page's and the slide's), what the Plotly figure (page and projector), the native .pptx chart and the
PDF carry is read back from each and compared with the definition: the same series, values, dates (a
time axis) and label texts.

- Plotly: each trace's series, panel, x, y, base and text (and each row's words in the annotations or tick
  labels).
- .pptx: each chart's series names and values, its categories (the reports' dates as published, or the
  rows' words), its XY x values (decimal years) and its data labels, from the chart XML.
- PDF: every label text, row word, panel title and legend name in the page's text; and from its content
  stream, each panel's bars (a rectangle per mark: heights or widths in proportion to the values, centres
  in proportion to the dates) and lines (points in proportion to values and dates).
"""
from __future__ import annotations

import copy
import html
import re
from datetime import date

import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Inches

from queries import core
from briefing import pdf_chart, pptx_chart
from briefing.content import build_slides
from briefing.print_pdf import Page
from story import charts, findings, plot, rows, spec, theme
from ocop_data.words import t
from tests.surfaces import pdf_drawing, pdf_text

TODAY = date(2026, 11, 25)
BOTH = ["14", "08-2025"]


def every_chart(cur, lang: str) -> list[tuple[str, spec.Chart]]:
    """Every chart of the shipped data, made as the pages and the slides make them."""
    terr = core.territories(cur)
    n = spec.names(terr, core.sources(cur), lang)
    out = []
    families = {p: core.territory_family(cur, p) for p in BOTH}
    keys = [k for f in families.values() for k in f]
    figures = core.tier_figures(cur, keys)
    out.append(("overview totals", charts.totals(figures[figures.metric == "products_total"], list(families.values()),
                                                 n, terr, title="x")))
    events = core.events(cur, keys)
    out.append(("timeline", charts.timeline(events, n, title="x", subtitle="y")))
    for p, fam in families.items():
        reports = core.tier_reports(cur, fam)
        dated = reports[reports.as_of_date.notna() & (reports.kind == "reported")]
        out.append((f"tiers page {p}", charts.tiers(dated, fam, n, breaks=["2025-07-01"] if len(fam) > 1 else None)))
        rounds = core.round_figures(cur, fam)
        prov = rounds[rounds.district_code.isna() & rounds.metric.isin(
            ["round_new_products", "round_reevaluated", "round_upgraded_3_to_4"])]
        if not prov.empty:
            out.append((f"rounds {p}", charts.rounds(prov, n, title="x", subtitle="y")))
        progress = core.target_progress(cur, fam, TODAY)
        out.append((f"targets page {p}", rows.targets(progress, n, title="x")))
        for k in fam:
            published, listed = core.subject_split(cur, k), core.subjects_by_type(cur, fam)
            listed = listed[listed.territory_key == k]
            if not (published.empty and listed.empty):
                out.append((f"producers {k}", rows.subjects([{"territory_key": k, "published": published,
                                                              "listed": listed, "listed_sources": []}], n)))
    top = core.producers_by_products(cur, keys, 10)
    out.append(("top producers", rows.top_producers(top, n, title="x", subtitle="y", sources=[])))
    for s in build_slides(cur, lang, BOTH, today=TODAY):
        if s.data.get("chart") is not None:
            out.append((f"slide {s.kind} {s.data.get('province', '')}", s.data["chart"]))
    return [(name, c) for name, c in out if c is not None]


@pytest.fixture(scope="module", params=["vi", "en"])
def shipped(request, built_db):
    from ocop_data.db import Database
    db = Database(built_db)
    try:
        return request.param, every_chart(db.cursor(), request.param)
    finally:
        db.close()


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", str(text))).replace("  ", " ").strip()


def _words(text: str) -> str:
    return " ".join(_plain(text).split())


def _same(a, b) -> bool:
    return a is None and b is None or (a is not None and b is not None and abs(float(a) - float(b)) < 1e-6)


def _data_marks(s: spec.Series) -> list[spec.Mark]:
    return [m for m in s.marks if m.y is not None]


# --- Plotly: the page and the projector ---------------------------------------------------------------

def _traces(fig, s: spec.Series) -> list:
    return [tr for tr in fig.data if isinstance(tr.meta, dict) and tr.meta.get("series") == s.key
            and tr.meta.get("panel") == s.panel]


def test_plotly_carries_the_definition(shipped):
    lang, every = shipped
    for name, chart in every:
        for surface in ("screen", "projector"):
            fig = plot.figure(chart, surface)
            where = f"{name} ({surface})"
            for s in chart.data_series():
                marks = _data_marks(s)
                if not marks:
                    continue
                traces = _traces(fig, s)
                assert len(traces) == 1, (where, s.key)
                tr = traces[0]
                rows_panel = chart.panels[s.panel].kind == "rows"
                xs, ys = (list(tr.y), list(tr.x)) if rows_panel and s.kind == "bar" else (list(tr.x), list(tr.y))
                if rows_panel and s.kind == "points":
                    xs, ys = list(tr.y), list(tr.x)
                assert all(_same(y, m.y) for y, m in zip(ys, marks)) and len(ys) == len(marks), (where, s.key)
                if rows_panel:
                    assert all(abs(x - (m.x + s.offset)) < 1e-9 for x, m in zip(xs, marks)), (where, s.key)
                else:
                    assert [pd.Timestamp(x) for x in xs] == [pd.Timestamp(m.x) for m in marks], (where, s.key)
                if s.kind == "bar":
                    assert all(_same(b, m.base) for b, m in zip(tr.base, marks)), (where, s.key)
                if s.kind in ("labels", "line") or (s.kind == "bar" and not rows_panel):
                    texts = [_plain(x) for x in (tr.text or [""] * len(marks))]
                    assert texts == [m.text for m in marks], (where, s.key, texts)
            shown = " ".join(_words(a.text) for a in fig.layout.annotations) + " " + " ".join(
                _words(x) for ax in fig.layout if ax.startswith("yaxis") for x in (fig.layout[ax].ticktext or ()))
            for p in chart.panels:
                if p.title:
                    assert _words(p.title) in shown, (where, p.title)
                for r in p.rows:
                    assert _words(r.head) in shown, (where, r.head)
                    if r.value or r.value_lead:
                        assert _words(r.value_lead + r.value) in shown, (where, r.value)
            stacked = [m.text for s in chart.data_series() if s.kind == "bar" and chart.panels[s.panel].kind == "rows"
                       for m in s.marks if m.text and any(x.base for x in s.marks)]
            for text in stacked:  # a stacked bar's segments: each labelled (in an annotation)
                assert _words(text) in shown, (where, text)


# --- the .pptx: native charts, read back from their XML ---------------------------------------------

def _pptx(chart: spec.Chart):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    return pptx_chart.add_chart(slide, chart, Inches(0.5), Inches(0.5), Inches(12), Inches(6))


def _labels(made) -> list[str]:
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    out = []
    for dl in made._chartSpace.iter(f"{C}dLbl"):
        text = "".join(r.text or "" for r in dl.iter(f"{A}t"))
        if text:
            out.append(text)
    return out


def _label_sides(made) -> list[tuple[str, str]]:
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    out = []
    for dl in made._chartSpace.iter(f"{C}dLbl"):
        text = "".join(r.text or "" for r in dl.iter(f"{A}t"))
        pos = dl.find(f"{C}dLblPos")
        if text:
            out.append((text, pos.get("val") if pos is not None else ""))
    return out


def test_the_pptx_carries_the_definition(shipped):
    lang, every = shipped
    for name, chart in every:
        made = _pptx(chart)
        groups = pptx_chart._groups(chart)
        assert len(made) == len(groups), name
        for (kind, panels), pc in zip(groups, made):
            own = [s for p in panels for s in chart.in_panel(p)]
            if kind == "bars":
                cats, values = [], {}
                for p in panels:
                    by_x = {}
                    for s in chart.in_panel(p):
                        if s.kind == "bar":
                            for m in _data_marks(s):
                                by_x.setdefault(m.x, m)
                    xs = sorted(by_x)
                    cats += [(p, x) for x in xs]
                    for s in chart.in_panel(p):
                        if s.kind == "bar" and s.marks:
                            marks = {m.x: m.y for m in _data_marks(s)}
                            values.setdefault(s.name, {}).update({(p, x): marks.get(x) for x in xs})
                labels = [str(c) for c in pc.plots[0].categories]
                assert len(labels) == len(cats), name
                for (p, x), label in zip(cats, labels):  # the report's date as published
                    date_ = next(m.date for s in chart.in_panel(p) if s.kind == "bar" for m in s.marks if m.x == x)
                    assert label.startswith(date_), (name, label, date_)
                series = {s.name: list(s.values) for s in pc.plots[0].series}
                for sname, by_cat in values.items():
                    assert all(_same(a, by_cat.get(c)) for a, c in zip(series[sname], cats)), (name, sname)
                texts = sorted(m.text for s in own if s.kind in ("labels", "bar") for m in s.marks if m.text)
                assert sorted(_labels(pc)) == texts, name
            elif kind == "lines":
                for s in [x for x in own if x.kind in ("line", "points") and not x.decor and x.marks]:
                    ser = next(x for x in pc.plots[0].series if x.name == s.name)
                    el = ser._element
                    xv = [float(v.text) for v in el.xVal.iter("{http://schemas.openxmlformats.org/drawingml/2006/chart}v")]
                    yv = [float(v.text) for v in el.yVal.iter("{http://schemas.openxmlformats.org/drawingml/2006/chart}v")]
                    assert yv == [m.y for m in s.marks], (name, s.key)
                    assert all(abs(a - spec.decimal_year(m.x)) < 1e-3 for a, m in zip(xv, s.marks)), (name, s.key)
                texts = sorted(m.text for s in own if s.kind in ("line", "points") for m in s.marks if m.text)
                assert sorted(_labels(pc)) == texts, name
                # each label on the side the definition placed it (issue 19 §1: the label moves, never the mark)
                sides = {"right": "r", "left": "l", "above": "t", "below": "b"}
                want = sorted((m.text, sides[m.place]) for s in own if s.kind in ("line", "points")
                              for m in s.marks if m.text)
                assert sorted(_label_sides(pc)) == want, name
                names = [x.name for x in pc.plots[0].series]
                for level in chart.panels[panels[0]].levels:
                    assert level.text in names, name
            else:
                p = chart.panels[panels[0]]
                words = any(r.head or r.value for r in p.rows)
                # python-pptx reads an empty category (<c:v/>) back as 'None'
                cats = ["" if c is None or str(c) == "None" else str(c) for c in pc.plots[0].categories]
                assert cats == ([pptx_chart.row_label(r) for r in p.rows] if words else [""] * len(p.rows)), name
                data = [s for s in own if s.kind == "bar" and not s.decor and s.marks]
                series = {x.name: list(x.values) for x in pc.plots[0].series}
                for s in data:
                    by_row = {m.x: m.y for m in s.marks}
                    want = [None if by_row.get(i) is None else round(float(by_row[i]), 1) for i in range(len(p.rows))]
                    assert series[s.name] == want, (name, s.key)
                texts = sorted(m.text for s in data for m in s.marks if m.text)
                assert sorted(_labels(pc)) == texts, name
                if p.title and not words:
                    assert pc.chart_title.text_frame.text == p.title, name


# --- the PDF: its text, and its shapes read from the content stream ------------------------------------

def _pdf(chart: spec.Chart, w: float = 250.0, h: float = 150.0) -> bytes:
    pdf = Page()
    pdf.add_page()
    pdf_chart.draw(pdf, chart, 10, 10, w, h)
    return bytes(pdf.output())


def _one_panel(chart: spec.Chart, i: int) -> spec.Chart:
    """The chart's panel ``i`` alone, with no legend (so every rectangle of a colour is a mark)."""
    one = copy.deepcopy(chart)
    one.panels = [one.panels[i]]
    one.series = [s for s in one.series if s.panel == i]
    for s in one.series:
        s.panel, s.legend = 0, False
    return one


def _linear(pairs, tol=0.02) -> bool:
    """Points (value, size) lie on one straight line through the origin's offset: size = a + b * value."""
    pairs = sorted(pairs)
    if len(pairs) < 2 or pairs[0][0] == pairs[-1][0]:
        return all(abs(s - pairs[0][1]) < 0.3 for _, s in pairs)
    (v0, s0), (v1, s1) = pairs[0], pairs[-1]
    b = (s1 - s0) / (v1 - v0)
    return all(abs(s - (s0 + b * (v - v0))) <= tol * max(1.0, abs(s1 - s0)) + 0.05 for v, s in pairs)


def test_the_pdf_carries_the_definition(shipped):
    lang, every = shipped
    for name, chart in every:
        text = pdf_text(_pdf(chart))
        flat = " ".join(text.split())
        for s in chart.series:
            for m in s.marks:
                if m.text and s.kind in ("labels", "line", "bar"):
                    assert _words(m.text) in flat, (name, m.text)
            if s.legend and s.name and (s.marks or s.decor) and s.kind in ("bar", "line", "points", "range"):
                pass  # the legend may stop where the line is full; its names are checked below where it fits
        for p in chart.panels:
            if p.title:
                assert _words(p.title) in flat, (name, p.title)
            for r in p.rows:
                if r.head:
                    assert _words(r.head) in flat, (name, r.head)
                if r.value or r.value_lead:
                    assert _words(r.value_lead + r.value) in flat, (name, r.value)
        for i, panel in enumerate(chart.panels):
            one = _one_panel(chart, i)
            rects, paths, _ = pdf_drawing(_pdf(one))
            for s in one.data_series():
                marks = _data_marks(s)
                if s.kind == "bar" and marks:
                    by_colour: dict[str, list] = {}
                    for m in marks:
                        by_colour.setdefault(theme.colour(m.colour or s.colour).upper(), []).append(m)
                    for colour, ms in by_colour.items():
                        drawn = [r for r in rects if r.fill == colour]
                        assert len(drawn) == len(ms), (name, i, s.key, colour, len(drawn), len(ms))
                        if panel.kind == "time":
                            drawn.sort(key=lambda r: r.x)
                            ms = sorted(ms, key=lambda m: m.x)
                            assert _linear([(m.y, r.h) for m, r in zip(ms, drawn)]), (name, s.key, "values")
                            assert _linear([((m.x - pd.Timestamp("2000-01-01")).days, r.x + r.w / 2)
                                            for m, r in zip(ms, drawn)]), (name, s.key, "dates")
                        else:
                            drawn.sort(key=lambda r: (r.y, r.x))
                            ms = sorted(ms, key=lambda m: (m.x + s.offset, m.base))
                            # a count of 0 stays a visible sliver: the others are in proportion
                            assert _linear([(m.y, r.w) for m, r in zip(ms, drawn) if m.y]), (name, s.key, "values")
                elif s.kind == "line" and len(marks) > 2:
                    colour = theme.colour(s.colour).upper()
                    lines = [pth for pth in paths if pth.stroke == colour and len(pth.points) == len(marks)]
                    assert lines, (name, s.key)
                    pts = lines[0].points
                    base = max(y for pth in paths if pth.stroke == theme.colour("muted").upper()
                               for _, y in pth.points)
                    assert _linear([(m.y, base - y) for m, (_, y) in zip(marks, pts)]), (name, s.key, "values")
                    assert _linear([((m.x - pd.Timestamp("2000-01-01")).days, x) for m, (x, _) in zip(marks, pts)]), \
                        (name, s.key, "dates")


def test_every_chart_of_the_briefing_is_the_pages_chart(cur):
    """The slide's tier chart is the star-tier page's, from the same data: the same definition."""
    slides = build_slides(cur, "vi", BOTH, today=TODAY)
    terr = core.territories(cur)
    n = spec.names(terr, core.sources(cur), "vi")
    for s in [x for x in slides if x.kind == "tiers"]:
        fam = s.data["family"]
        reports = core.tier_reports(cur, fam)
        dated = reports[reports.as_of_date.notna() & (reports.kind == "reported")]
        page = charts.tiers(dated, fam, n, breaks=s.data["chart"].panels[0].rules and ["2025-07-01"] or None)
        assert [(x.key, x.panel, [(m.x, m.y, m.base, m.text, m.date) for m in x.marks]) for x in page.series] == \
            [(x.key, x.panel, [(m.x, m.y, m.base, m.text, m.date) for m in x.marks]) for x in s.data["chart"].series]


def test_a_year_only_report_stands_on_2_july_marked_approximate_and_sorts_as_year_end(cur):
    reports = core.tier_reports(cur, ["14"])
    year_only = reports[reports.as_of_precision == "year"].iloc[0]
    assert pd.Timestamp(year_only.as_of_date) == pd.Timestamp(int(year_only.as_of[:4]), 12, 31)  # sorts as year end
    n = spec.names(core.territories(cur), core.sources(cur), "vi")
    chart = charts.tiers(reports[reports.as_of_date.notna() & (reports.kind == "reported")], ["14"], n)
    marks = [m for s in chart.series if s.kind == "bar" for m in s.marks if m.date == year_only.as_of[:4]]
    year = int(year_only.as_of[:4])
    assert marks and all(m.approx and m.span == (pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)) for m in marks)
    # the reports of that year stand side by side around 2 July (their mean date), never 1 July
    xs = sorted({m.x for m in marks})
    assert xs[0] + (xs[-1] - xs[0]) / 2 == pd.Timestamp(year, 7, 2)
    assert spec.display_date(year_only.as_of, "year", year_only.as_of_date) == pd.Timestamp(year, 7, 2)


def test_target_labels_name_their_quantity_territory_and_deadline(cur):
    progress = core.target_progress(cur, ["14"], TODAY)
    four = progress[progress.metric == "products_4star"].iloc[0].to_dict()
    assert findings.target_label(four, "Sơn La", "vi") == "Sơn La · 4 sao ≥ 100 (2025)"
    assert findings.target_label(four, "Sơn La", "en") == "Sơn La · 4-star ≥ 100 (2025)"
    # the same words on the page, the slide, the .pptx and the print (each surface's chart carries the row)
    n = spec.names(core.territories(cur), core.sources(cur), "vi")
    chart = rows.targets(progress, n)
    assert "Sơn La · 4 sao ≥ 100 (2025)" in [r.head for r in chart.panels[0].rows]
    slide = next(s for s in build_slides(cur, "vi", BOTH, today=TODAY) if s.kind == "targets")
    assert "Sơn La · 4 sao ≥ 100 (2025)" in [r.head for r in slide.data["chart"].panels[0].rows]
    assert t("qty_products_4star", "vi") == "4 sao"


def test_the_overview_totals_keep_time_in_order_and_doubt_beneath(cur):
    """Issue 19 §1: an inferred month stands in its month (never on 2 July of its year), so no line runs back;
    a doubtful total is a hollow ring at its own date and value, drawn beneath every line, with its label
    placed clear of the lines, markers and rules (nominal pixels); a doubtful figure a trusted one confirms
    at its date is not drawn twice."""
    figures = core.tier_figures(cur, ["14", "08-2025", "08", "02"])
    totals = figures[figures.metric == "products_total"]
    inferred = totals[(totals.as_of_precision == "inferred") & (totals.as_of.str.len() == 7)].iloc[0]
    assert spec.display_date(inferred.as_of, "inferred", inferred.as_of_date) == pd.Timestamp(inferred.as_of_date)
    assert spec.year_span(inferred.as_of, "inferred") is None
    n = spec.names(core.territories(cur), core.sources(cur), "vi")
    chart = charts.totals(totals, [["14"], ["08-2025", "08", "02"]], n, core.territories(cur))
    lines = [s for s in chart.series if s.kind == "line"]
    for s in lines:
        assert [m.x for m in s.marks] == sorted(m.x for m in s.marks), s.key
        assert s.marks[-1].text and not any(m.text for m in s.marks[:-1])
    doubt = [s for s in chart.series if s.key.endswith(":doubtful")]
    first_line = chart.series.index(lines[0])
    assert doubt and all(chart.series.index(s) < first_line and s.symbol == "ring" for s in doubt)
    low = totals[totals.confidence == "L"]
    drawn = {(s.key.split(":")[0], m.x, m.y) for s in doubt for m in s.marks}
    for r in low.dropna(subset=["as_of_date"]).to_dict("records"):
        confirmed = any(m.y == r["value"] and m.sources and
                        pd.Timestamp(m.x) == spec.display_date(r["as_of"], r["as_of_precision"], r["as_of_date"])
                        for s in lines if s.key == r["territory_key"] for m in s.marks)
        mine = (r["territory_key"], spec.display_date(r["as_of"], r["as_of_precision"], r["as_of_date"]),
                float(r["value"])) in drawn
        assert mine != confirmed, r["figure_id"]
    panel = chart.panels[0]
    x0, x1 = (pd.Timestamp(v) for v in panel.x_range)
    W, H = spec.NOMINAL["width"], spec.NOMINAL["height"]

    def pt(m):
        return (W * (pd.Timestamp(m.x) - x0).total_seconds() / (x1 - x0).total_seconds(), H - H * m.y / panel.y_max)

    for s in chart.series:
        for m in s.marks:
            if not m.text or s.kind not in ("line", "points"):
                continue
            box = spec.label_box(*pt(m), m.text, m.place)
            for other in lines:
                pts = [pt(o) for o in other.marks]
                assert not any(spec._hits_segment(box, a, b) for a, b in zip(pts, pts[1:])), (m.text, other.key)


def test_producers_compared_on_one_scale_on_the_slide_and_in_the_pptx(cur):
    """Issue 19 §2: the published split (133 of 179) and the list's count (21 of 32) share one value scale in
    the definition, on the slide (Plotly) and in the .pptx; each series has one colour for its meaning; the
    bars' labels keep their size beside thin bars."""
    from briefing.content import build_slides

    slide = next(s for s in build_slides(cur, "vi", ["14", "08-2025"]) if s.kind == "subjects")
    chart = slide.data["chart"]
    assert len(chart.panels) >= 2 and len({p.x_range for p in chart.panels}) == 1
    fig = plot.figure(chart, "projector")
    ranges = {tuple(fig.layout[f"xaxis{i if i > 1 else ''}"].range) for i in range(1, len(chart.panels) + 1)}
    assert len(ranges) == 1
    for tr in fig.data:
        if tr.type == "bar":
            assert len(set(tr.marker.color)) == 1 and tr.constraintext == "none"
    made = _pptx(chart)
    scales = {pc.value_axis.maximum_scale for pc in made}
    assert scales == {chart.panels[0].x_range[1]}
