"""'In / Print': the overview on one A4 landscape page, as a PDF (fpdf2; no browser, no system package).

The finding titles and headline numbers of each province, its main target, the star tiers over time,
the targets against 100%, what is not known in one line, and the sources in small print. Charts are
drawn as vector shapes with the same colours as the screens; the fonts (DejaVu Sans Condensed,
subset, Vietnamese included) ship in ``briefing/fonts``.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from fpdf import FPDF

from ocop_data.words import t
from queries import core
from story import findings, fmt, theme

from .content import Slide, build_slides, source_name
from .figures import APPROX, STATUS_TEXT, TIER_ORDER, _clip, _merge_agreeing, drawn_at

FONTS = Path(__file__).parent / "fonts"
W, H, M = 297.0, 210.0, 10.0  # A4 landscape, mm
INK, MUTED = "#1C2833", "#424949"


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _pale(hex_colour: str, amount: float = 0.5) -> tuple[int, int, int]:
    r, g, b = _rgb(hex_colour)
    return tuple(int(c + (255 - c) * amount) for c in (r, g, b))


class Page(FPDF):
    def __init__(self):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.add_font("Sans", "", str(FONTS / "DejaVuSansCondensed.ttf"))
        self.add_font("Sans", "B", str(FONTS / "DejaVuSansCondensed-Bold.ttf"))
        self.set_auto_page_break(False)
        self.set_margins(M, M, M)
        self.c_margin = 0.4

    def font(self, size: float, bold: bool = False, colour: str = INK):
        self.set_font("Sans", "B" if bold else "", size)
        self.set_text_color(*_rgb(colour))

    def para(self, x: float, y: float, w: float, text: str, size: float, bold: bool = False,
             colour: str = INK, lines: int = 2, align: str = "L") -> float:
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


def _tiers(pdf: Page, s: Slide, x: float, y: float, w: float, h: float, lang: str, short) -> None:
    """Stacked bars per report on a true time axis; one row per territory; pale: year only; ⚠ doubtful."""
    reports = s.data["reports"]
    keys = [k for k in s.data["family"] if (reports.territory_key == k).any()]
    drawn = [drawn_at(a, p) for a, p in zip(reports.as_of_date, reports.as_of_precision)]
    y0, y1 = min(drawn).year, max(drawn).year + 1
    ymax = max(float(v) for v in reports.total.fillna(0)) or 1.0
    label_w = 0.0
    axis_h = 4.0
    row_h = (h - axis_h) / max(1, len(keys))
    span = (pd.Timestamp(year=y1, month=1, day=1) - pd.Timestamp(year=y0, month=1, day=1)).days

    def xpos(when) -> float:
        return x + label_w + (pd.Timestamp(when) - pd.Timestamp(year=y0, month=1, day=1)).days / span * (w - label_w)

    bar_w = max(1.6, min(4.0, (w - label_w) / max(12, len(reports) * 2.2)))
    for r, key in enumerate(keys):
        top = y + r * row_h
        base = top + row_h - 0.5
        plot_h = row_h - (4.5 if len(keys) > 1 else 3.0)
        if len(keys) > 1:
            pdf.font(6.5, True, MUTED)
            pdf.set_xy(x, top)
            pdf.cell(w, 2.8, short(key))
        sub = _merge_agreeing(reports[reports.territory_key == key])
        dates = [drawn_at(a, p) for a, p in zip(sub.as_of_date, sub.as_of_precision)]
        # bars closer than a bar's width stand side by side
        xs = [xpos(d) for d in dates]
        for i in range(1, len(xs)):
            if xs[i] - xs[i - 1] < bar_w * 1.05:
                xs[i] = xs[i - 1] + bar_w * 1.05
        for xi, (_, rep), d in zip(xs, sub.iterrows(), dates):
            approx = rep.as_of_precision in APPROX
            acc = 0.0
            for col, star in TIER_ORDER:
                v = rep[col]
                if pd.isna(v) or v <= 0:
                    continue
                hh = float(v) / ymax * plot_h
                colour = theme.STAR_COLORS[star]
                pdf.set_fill_color(*(_pale(colour) if approx else _rgb(colour)))
                pdf.rect(xi - bar_w / 2, base - acc - hh, bar_w, hh, style="F")
                acc += hh
            if rep.doubtful:
                pdf.set_draw_color(*_rgb(INK))
                pdf.set_line_width(0.2)
                pdf.set_dash_pattern(dash=0.6, gap=0.5)
                pdf.rect(xi - bar_w / 2, base - acc, bar_w, acc)
                pdf.set_dash_pattern()
            total = rep.total if not pd.isna(rep.total) else sum(0 if pd.isna(rep[c]) else rep[c]
                                                                 for c in ("s3", "s4", "s5", "s5p"))
            pdf.font(5.5, False, INK)
            text = fmt.qualified(total, rep.qualifier, lang) + (" ⚠" if rep.doubtful else "")
            pdf.set_xy(xi - 6, base - acc - 2.6)
            pdf.cell(12, 2.4, text, align="C")
        pdf.set_draw_color(*_rgb("#909497"))
        pdf.set_line_width(0.2)
        pdf.line(x + label_w, base, x + w, base)
    pdf.font(6, False, MUTED)
    for year in range(y0, y1):
        mid = xpos(pd.Timestamp(year=year, month=7, day=1))
        pdf.set_xy(mid - 5, y + h - axis_h + 0.6)
        pdf.cell(10, 2.6, str(year), align="C")
    # legend: tier colours, one meaning everywhere
    lx = x
    for col, star in TIER_ORDER:
        if reports[col].isna().all():
            continue
        name = t("stars_total" if star == "total" else f"stars_{star}", lang).split(" (")[0]
        pdf.set_fill_color(*_rgb(theme.STAR_COLORS[star]))
        pdf.rect(lx, y + h + 0.8, 2.2, 2.2, style="F")
        pdf.font(6, False, INK)
        pdf.set_xy(lx + 2.6, y + h + 0.4)
        width = pdf.get_string_width(name) + 4
        pdf.cell(width, 3, name)
        lx += width + 3


def _targets(pdf: Page, s: Slide, x: float, y: float, w: float, h: float, lang: str, short) -> None:
    prog = s.data["progress"].head(8)
    row = min(10.0, h / max(1, len(prog)))
    label_w = w * 0.5
    track_w = (w - label_w) * 0.6
    scale = track_w / 125.0  # 100% at four fifths of the track
    for i, g in enumerate(prog.to_dict("records")):
        top = y + i * row
        pdf.para(x, top + 0.6, label_w - 1, f"{short(g['territory_key'])} · {findings.target_short(g, lang)}", 7, True,
                 lines=1)
        pdf.para(x, top + 3.6, label_w - 1, findings.status_label(g["status"], lang), 6.5, False,
                 STATUS_TEXT.get(g["status"], INK), lines=1)
        tx = x + label_w
        pdf.set_fill_color(*_rgb("#E5E8E8"))
        pdf.rect(tx, top + 1.2, 100 * scale, row - 3.2, style="F")
        pct = float(g["percent"])
        pdf.set_fill_color(*_rgb(theme.STATUS_COLORS[g["status"]]))
        pdf.rect(tx, top + 2.6, min(pct, 125.0) * scale, row - 6.0, style="F")
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.6)
        pdf.line(tx + 100 * scale, top + 0.6, tx + 100 * scale, top + row - 1.4)
        value = "" if pd.isna(g.get("latest_value")) else f" ({fmt.qualified(g['latest_value'], g['latest_qualifier'] or 'exact', lang)})"
        pdf.font(7, True, INK)
        pdf.set_xy(tx + 125 * scale + 1, top + 1.6)
        pdf.cell(w - label_w - track_w - 1, 3.4, f"{fmt.percent(pct, lang, 0)}{value} {findings.status_mark(g['status'], lang)}")
    pdf.font(6, False, MUTED)
    pdf.set_xy(x + label_w + 100 * scale - 4, y + len(prog) * row - 1.2)
    pdf.cell(8, 2.6, "100%", align="C")


def build_pdf(cur, lang: str, provinces: list[str], year_from: int | None = None, year_to: int | None = None,
              today: date | None = None) -> bytes:
    """The one-page A4 landscape overview as PDF bytes."""
    today = today or date.today()
    slides = build_slides(cur, lang, provinces, year_from, year_to, today)
    terr = core.territories(cur)
    shorts = fmt.short_labels(terr, lang)
    short = lambda k: shorts.get(k, k)  # noqa: E731
    names = fmt.territory_labels(terr, lang)[0]
    pdf = Page()
    pdf.set_title(t("brief_title", lang).format(provinces=", ".join(names.get(p, p) for p in provinces)))
    pdf.set_creator("OCOP dashboard")
    pdf.add_page()

    # header: what, for whom, when, from which data
    pdf.para(M, M, W - 2 * M - 90, t("brief_title", lang).format(
        provinces=", ".join(names.get(p, p) for p in provinces)), 15, True, lines=1)
    title = slides[0]
    pdf.para(W - M - 90, M + 1.2, 90, title.subtitle, 7, False, MUTED, lines=2, align="R")

    # one card per province: the finding, the big number, its age, the tiers, the main target
    heads = [s for s in slides if s.kind == "headline"]
    n = max(1, len(heads))
    gap = 5.0
    card_w = (W - 2 * M - gap * (n - 1)) / n
    top = M + 10
    card_h = 38.0
    for i, s in enumerate(heads):
        x = M + i * (card_w + gap)
        pdf.set_draw_color(*_rgb("#D5D8DC"))
        pdf.set_line_width(0.3)
        pdf.rect(x, top, card_w, card_h)
        yy = pdf.para(x + 2, top + 1.5, card_w - 4, s.title, 9.5, True, lines=2)
        big, g = s.data["big"], s.data["target"]
        if big:
            pdf.font(26, True, INK)
            pdf.set_xy(x + 2, yy + 1)
            number = fmt.qualified(big["value"], big["qualifier"], lang)
            pdf.cell(pdf.get_string_width(number) + 2, 11, number)
            nx = x + 4 + pdf.get_string_width(number) + 2
            old = f" · {t('months_old', lang).format(months=big['months'])}" if (big["months"] or 0) > 12 else ""
            pdf.para(nx, yy + 2.2, card_w - (nx - x) - 2, f"{t('big_label', lang)} · {t('as_of', lang)} "
                     f"{fmt.partial_date(big['as_of'], big['precision'], lang)}{old}", 7.5, False, INK, lines=2)
            tiers = " · ".join(f"{t('stars_' + k[1:], lang)}: {fmt.number(v, lang)}" for k, v in big["tiers"].items()
                               if v is not None and not pd.isna(v)) or t("split_not_published", lang)
            pdf.para(nx, yy + 8.2, card_w - (nx - x) - 2, tiers, 7, False, MUTED, lines=1)
        if g:
            gy = top + card_h - 11
            where = "" if g["territory_key"] == s.data["province"] else f" · {short(g['territory_key'])}"
            pdf.para(x + 2, gy, card_w * 0.55, f"{t('main_target', lang)}: {findings.target_short(g, lang)}{where}", 7, True,
                     lines=1)
            pct = g.get("percent")
            track_x, track_w = x + 2, card_w * 0.5
            pdf.set_fill_color(*_rgb("#E5E8E8"))
            pdf.rect(track_x, gy + 4, track_w, 4, style="F")
            if pct is not None and not pd.isna(pct):
                pdf.set_fill_color(*_rgb(theme.STATUS_COLORS[g["status"]]))
                pdf.rect(track_x, gy + 5, min(float(pct), 125.0) / 125 * track_w, 2, style="F")
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.6)
            pdf.line(track_x + track_w * 0.8, gy + 3.2, track_x + track_w * 0.8, gy + 8.8)
            reached = fmt.percent(pct, lang, 0) if pct is not None and not pd.isna(pct) else t("not_published", lang)
            pdf.para(track_x + track_w + 2, gy + 3.6, card_w - track_w - 6,
                     f"{reached} · {findings.status_label(g['status'], lang)}", 7.5, True, STATUS_TEXT.get(g["status"], INK),
                     lines=1)

    # middle: the star tiers of each province (left) and the targets (right)
    mid = top + card_h + 4
    mid_h = 104.0
    tiers = [s for s in slides if s.kind == "tiers"]
    left_w = (W - 2 * M) * 0.56
    # each province's chart gets room for its rows (a province with predecessors has one row each)
    weights = [1 + s.data["reports"].territory_key.nunique() for s in tiers]
    ty = mid
    for s, wgt in zip(tiers, weights):
        each = (mid_h - 4) * wgt / sum(weights)
        yy = pdf.para(M, ty, left_w, s.title, 8.5, True, lines=2)
        _tiers(pdf, s, M, yy + 0.5, left_w, each - (yy - ty) - 5.5, lang, short)
        ty += each
    pdf.para(M, mid + mid_h - 3, left_w, t("print_tiers_note", lang), 6, False, MUTED, lines=1)
    targets = next((s for s in slides if s.kind == "targets"), None)
    rx, rw = M + left_w + 6, W - 2 * M - left_w - 6
    if targets is not None:
        yy = pdf.para(rx, mid, rw, targets.title, 8.5, True, lines=2)
        yy = pdf.para(rx, yy + 0.5, rw, targets.subtitle, 6.5, False, MUTED, lines=1)
        _targets(pdf, targets, rx, yy + 1, rw, mid_h - (yy - mid) - 2, lang, short)

    # what is not known, in a line or two; then the sources in small print
    unknown = next((s for s in slides if s.kind == "unknown"), None)
    yy = mid + mid_h + 2
    if unknown is not None:
        items = " · ".join(f"{i['province']}: {i['text']}" for i in unknown.data["items"])
        yy = pdf.para(M, yy, W - 2 * M, f"{unknown.title}. {items}", 6.8, False, INK, lines=4)
    src = next(s for s in slides if s.kind == "sources")
    rows = core.source_rows(cur, src.source_ids).to_dict("records")
    text = f"{t('sources', lang)} ({len(rows)}): " + "; ".join(
        f"{_clip(source_name(r, lang), 60)}" + (f" <{r['address'].split('://', 1)[1]}>"
                                                 if isinstance(r.get("address"), str)
                                                 and r["address"].startswith("http") else "")
        for r in rows)
    pdf.para(M, yy + 1, W - 2 * M, text, 5.2, False, MUTED, lines=max(2, int((H - 6 - yy - 1) / 2.2)))
    return bytes(pdf.output())
