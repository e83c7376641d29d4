"""'In / Print': the overview on one A4 landscape page, as a PDF (fpdf2; no browser, no system package).

Per province a card: the finding, the big number with its age, the split, the main target (labelled as
every surface labels it) and the trend of reported totals; then the star tiers over time and the targets
against 100%; what is not known in a few lines; the sources by their short labels. Every chart is drawn
from the slide's definition (``briefing.pdf_chart``), so the print carries the same series, values, dates
and labels as the page, the slide and the .pptx. Fonts: DejaVu Sans Condensed (subset, Vietnamese
included) in ``briefing/fonts``.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from fpdf import FPDF

from ocop_data.words import t
from queries import core
from story import findings, fmt, spec, theme
from story.cite import source_line

from . import pdf_chart
from .content import build_slides

FONTS = Path(__file__).parent / "fonts"
W, H, M = 297.0, 210.0, 10.0  # A4 landscape, mm


class Page(FPDF):
    def __init__(self):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.add_font("Sans", "", str(FONTS / "DejaVuSansCondensed.ttf"))
        self.add_font("Sans", "B", str(FONTS / "DejaVuSansCondensed-Bold.ttf"))
        self.set_auto_page_break(False)
        self.set_margins(M, M, M)
        self.c_margin = 0.4

    def font(self, size: float, bold: bool = False, colour: str = "ink"):
        """The face, its size (pt) and a registry colour."""
        self.set_font("Sans", "B" if bold else "", size)
        self.set_text_color(*theme.rgb(colour))

    def para(self, x: float, y: float, w: float, text: str, size: float, bold: bool = False,
             colour: str = "ink", lines: int = 2, align: str = "L") -> float:
        """Text wrapped in ``w`` over at most ``lines`` lines (the last one cut with '…'); returns the y below."""
        self.font(size, bold, colour)
        lh = size * 0.42
        wrapped = self.multi_cell(w, lh, text, dry_run=True, output="LINES")
        if len(wrapped) > lines:
            wrapped = wrapped[:lines]
            last = wrapped[-1]
            while last and self.get_string_width(last + "…") > w - 1:
                last = last[:-1]
            wrapped[-1] = last.rstrip(" ,·") + "…"
        for i, line in enumerate(wrapped):
            self.set_xy(x, y + i * lh)
            self.cell(w, lh, line, align=align)
        return y + len(wrapped) * lh


def _card(pdf: Page, s, x: float, top: float, w: float, h: float, lang: str, names: spec.Names) -> None:
    """One province: the finding, the big number, the split, the main target and the trend."""
    pdf.set_draw_color(*theme.rgb("grid"))
    pdf.set_line_width(0.3)
    pdf.rect(x, top, w, h)
    yy = pdf.para(x + 2, top + 1.5, w - 4, s.title, 9.5, True, lines=2)
    big, g = s.data["big"], s.data["target"]
    left = w * 0.46
    if big:
        pdf.font(24, True)
        pdf.set_xy(x + 2, yy + 1)
        number = fmt.qualified(big["value"], big["qualifier"], lang)
        pdf.cell(pdf.get_string_width(number) + 2, 10, number)
        old = f" · {t('months_old', lang).format(months=big['months'])}" if (big["months"] or 0) > 12 else ""
        pdf.para(x + 2, yy + 11.5, left - 3, f"{t('big_label', lang)} · {t('as_of', lang)} "
                 f"{fmt.partial_date(big['as_of'], big['precision'], lang)}{old}", 7, False, "ink", lines=2)
        tiers = " · ".join(f"{t('stars_' + k[1:], lang)}: {fmt.number(v, lang)}" for k, v in big["tiers"].items()
                           if v is not None and not pd.isna(v)) or t("split_not_published", lang)
        pdf.para(x + 2, yy + 17.5, left - 3, tiers, 7, False, "muted", lines=1)
    if g:
        gy = top + h - 11
        pdf.para(x + 2, gy - 3, left - 3, f"{t('main_target', lang)}: "
                 f"{findings.target_label(g, names.short(g['territory_key']), lang)}", 7, True, lines=2)
        pct = g.get("percent")
        track_x, track_w = x + 2, left * 0.55
        pdf.set_fill_color(*theme.rgb("band"))
        pdf.rect(track_x, gy + 4, track_w * 0.8, 4, style="F")
        if pct is not None and not pd.isna(pct):
            pdf.set_fill_color(*theme.rgb(f"status_{g['status']}"))
            pdf.rect(track_x, gy + 5, min(float(pct), 125.0) / 125 * track_w, 2, style="F")
        pdf.set_draw_color(*theme.rgb("ink"))
        pdf.set_line_width(0.6)
        pdf.line(track_x + track_w * 0.8, gy + 3.2, track_x + track_w * 0.8, gy + 8.8)
        reached = fmt.percent(pct, lang, 0) if pct is not None and not pd.isna(pct) else t("not_published", lang)
        pdf.para(track_x + track_w + 1.5, gy + 2.6, left - track_w - 4,
                 f"{reached} · {findings.status_label(g['status'], lang)}", 7, True, f"status_{g['status']}", lines=2)
    chart = s.data.get("chart")
    if chart is not None:  # the trend: the page's totals chart
        pdf_chart.draw(pdf, chart, x + left + 1, yy + 0.5, w - left - 3, top + h - yy - 1.5)


def build_pdf(cur, lang: str, provinces: list[str], year_from: int | None = None, year_to: int | None = None,
              today: date | None = None) -> bytes:
    """The one-page A4 landscape overview as PDF bytes."""
    today = today or date.today()
    slides = build_slides(cur, lang, provinces, year_from, year_to, today)
    terr = core.territories(cur)
    names = spec.names(terr, core.sources(cur), lang)
    full = fmt.territory_labels(terr, lang)[0]
    pdf = Page()
    heading = t("brief_title", lang).format(provinces=", ".join(full.get(p, p) for p in provinces))
    pdf.set_title(heading)
    pdf.set_creator("OCOP dashboard")
    pdf.add_page()

    # header: what, for whom, when, from which data
    pdf.para(M, M, W - 2 * M - 90, heading, 15, True, lines=1)
    pdf.para(W - M - 90, M + 1.2, 90, slides[0].subtitle, 7, False, "muted", lines=2, align="R")

    # one card per province
    heads = [s for s in slides if s.kind == "headline"]
    n = max(1, len(heads))
    gap = 5.0
    card_w = (W - 2 * M - gap * (n - 1)) / n
    top, card_h = M + 10, 46.0
    for i, s in enumerate(heads):
        _card(pdf, s, M + i * (card_w + gap), top, card_w, card_h, lang, names)

    # middle: the star tiers of each province (left) and the targets (right), each with its source line
    mid = top + card_h + 4
    mid_h = 100.0
    tiers = [s for s in slides if s.kind == "tiers"]
    left_w = (W - 2 * M) * 0.56
    weights = [1 + s.data["reports"].territory_key.nunique() for s in tiers]
    ty = mid
    for s, wgt in zip(tiers, weights):
        each = mid_h * wgt / sum(weights)
        yy = pdf.para(M, ty, left_w, s.title, 8, True, lines=2)
        chart = s.data["chart"]
        pdf_chart.draw(pdf, chart, M, yy + 0.5, left_w, each - (yy - ty) - 4.5)
        pdf.para(M, ty + each - 3.6, left_w, source_line(chart.sources, names.source, lang), 5.8, False, "muted",
                 lines=1)
        ty += each
    targets = next((s for s in slides if s.kind == "targets"), None)
    rx, rw = M + left_w + 6, W - 2 * M - left_w - 6
    if targets is not None:
        chart = targets.data["chart"]
        yy = pdf.para(rx, mid, rw, targets.title, 8.5, True, lines=2)
        yy = pdf.para(rx, yy + 0.5, rw, targets.subtitle, 6.5, False, "muted", lines=1)
        rows = min(8, len(chart.panels[0].rows))
        pdf_chart.draw(pdf, _first_rows(chart, rows), rx, yy + 1, rw, min(mid_h - (yy - mid) - 6, 11.5 * rows))
        pdf.para(rx, mid + mid_h - 3.6, rw, source_line(chart.sources, names.source, lang), 5.8, False, "muted",
                 lines=2)

    # what is not known, in a few lines; then the sources by their short labels
    unknown = next((s for s in slides if s.kind == "unknown"), None)
    yy = mid + mid_h + 2
    if unknown is not None:
        items = " · ".join(f"{i['province']}: {i['text']}" for i in unknown.data["items"])
        yy = pdf.para(M, yy, W - 2 * M, f"{unknown.title}. {items}", 6.8, False, "ink", lines=4)
    src = next(s for s in slides if s.kind == "sources")
    text = f"{t('sources', lang)} ({len(src.source_ids)}): " + "; ".join(
        dict.fromkeys(names.source(i) for i in src.source_ids))
    pdf.para(M, yy + 1, W - 2 * M, text, 6, False, "muted", lines=max(2, int((H - 6 - yy - 1) / 2.6)))
    return bytes(pdf.output())


def _first_rows(chart, n: int):
    """The chart with its first ``n`` rows (a page has room for so many)."""
    import copy

    if len(chart.panels[0].rows) <= n:
        return chart
    cut = copy.deepcopy(chart)
    cut.panels[0].rows = cut.panels[0].rows[:n]
    for s in cut.series:
        s.marks = [m for m in s.marks if m.x < n]
    return cut
