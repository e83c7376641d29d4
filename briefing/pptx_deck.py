"""The briefing as a PowerPoint file: the slides' storyline and finding titles, native editable charts.

Every shape lies within the 13.333 × 7.5 in slide; every text run is at least 14 pt; chart text (axes,
legend, data labels) is set to at least 18 pt in the chart itself (``briefing.pptx_chart``, which draws
each slide's chart from the same definition as the page and the slide); each slide's notes hold the full
citations of its sources, named as readers see them (never an internal id). Long lists are summarised
(the rest counted), never run off the slide.
"""
from __future__ import annotations

import io
from datetime import date

import pandas as pd
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from ocop_data.words import t
from queries import core
from story import findings, fmt, spec
from story.cite import cite, source_line
from story.theme import clip

from .content import Slide, build_slides
from .pptx_chart import add_chart, rgb

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
BODY_TOP, BODY_BOTTOM = Inches(1.85), Inches(6.6)
MIN_PT = 14  # every text that is not a chart's


def _text(slide, parts, left, top, width, height, size: int = 18, bold: bool = False, colour: str = "ink",
          anchor=MSO_ANCHOR.TOP):
    """A text box; ``parts`` is a string, or a list of paragraphs, each a string or (text, size, bold, colour)
    (colours are registry keys)."""
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
        run.font.color.rgb = rgb(pcolour)
    return box


def _title_pt(title: str) -> int:
    """The title's size, so the finding fits its box (12.3 × 1.05 in) on two lines: 28 pt up to about
    100 characters, 24 pt up to 130, else 20 pt (a finding that names a conflict or a missing split runs
    longer; it is never cut)."""
    n = len(title)
    return 28 if n <= 100 else 24 if n <= 130 else 20


def _frame(prs, s: Slide, lang: str, sources: pd.DataFrame, names: spec.Names):
    """A blank slide with the finding as its title, the subtitle, a short source line at its foot and the
    full citations of its sources in the notes."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _text(slide, s.title, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.05), _title_pt(s.title), bold=True,
          anchor=MSO_ANCHOR.MIDDLE)
    if s.subtitle:
        _text(slide, clip(s.subtitle, 150), MARGIN, Inches(1.35), WIDTH - 2 * MARGIN, Inches(0.45), 16,
              colour="muted")
    rows = sources[sources.source_id.isin(s.source_ids)]
    if not rows.empty:
        chart = s.data.get("chart")
        ids = list(chart.sources) + [i for i in s.source_ids if i not in chart.sources] if chart else s.source_ids
        _text(slide, source_line(ids, names.source, lang), MARGIN, Inches(6.85), WIDTH - 2 * MARGIN, Inches(0.45),
              14, colour="muted")
        notes = slide.notes_slide.notes_text_frame
        notes.text = ""
        paras = [t("notes_sources", lang) + ":"] + [f"{names.source(r['source_id'])}: {cite(r, lang)}"
                                                   for r in rows.to_dict("records")]
        for i, text in enumerate(paras):
            p = notes.paragraphs[0] if i == 0 else notes.add_paragraph()
            run = p.add_run()
            run.text = text
            run.font.size = Pt(MIN_PT)
    return slide


# --- slides -----------------------------------------------------------------------------------------

def _cover(prs, s: Slide, lang: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, s.title, Inches(0.8), Inches(2.2), Inches(11.7), Inches(1.2), 44, bold=True)
    _text(slide, " · ".join(s.data["provinces"]), Inches(0.8), Inches(3.4), Inches(11.7), Inches(0.8), 28)
    _text(slide, s.subtitle, Inches(0.8), Inches(4.2), Inches(11.7), Inches(0.6), 18, colour="muted")
    return slide


def _chart(slide, s: Slide, left=MARGIN, top=BODY_TOP, width=WIDTH - 2 * MARGIN, height=BODY_BOTTOM - BODY_TOP):
    if s.data.get("chart") is not None:
        add_chart(slide, s.data["chart"], left, top, width, height)


def _headline(slide, s: Slide, lang: str, names: spec.Names):
    d = s.data
    big, g = d["big"], d["target"]
    left_w = Inches(4.4)
    if big:
        _text(slide, t("big_label", lang), MARGIN, BODY_TOP, left_w, Inches(0.45), 18, colour="muted")
        _text(slide, fmt.qualified(big["value"], big["qualifier"], lang), MARGIN, BODY_TOP + Inches(0.4), left_w,
              Inches(1.3), 80, bold=True)
        when = fmt.partial_date(big["as_of"], big["precision"], lang)
        old = f" · {t('months_old', lang).format(months=big['months'])}" if (big["months"] or 0) > 12 else ""
        tiers = " · ".join(f"{t('stars_' + k[1:], lang)}: {fmt.number(v, lang)}" for k, v in big["tiers"].items()
                           if v is not None and not pd.isna(v)) or t("split_not_published", lang)
        _text(slide, [f"{t('as_of', lang)} {when}{old}", (tiers, 16, False, "muted")], MARGIN,
              BODY_TOP + Inches(1.75), left_w, Inches(0.9), 18)
    else:
        _text(slide, t("not_published", lang), MARGIN, BODY_TOP, left_w, Inches(0.6), 24)
    if g:
        pct = g.get("percent")
        reached = fmt.percent(pct, lang, 0) if pct is not None and not pd.isna(pct) else t("not_published", lang)
        latest = "" if pd.isna(g.get("latest_value")) else (
            f" ({fmt.qualified(g['latest_value'], g['latest_qualifier'] or 'exact', lang)}, "
            f"{fmt.partial_date(g['latest_as_of'], g['latest_precision'], lang)})")
        status = f"status_{g['status']}"
        _text(slide, [(f"{t('main_target', lang)}: {findings.target_label(g, names.short(g['territory_key']), lang)}",
                       18, True, "ink"),
                      (f"{reached}{latest}", 28, True, status),
                      (findings.status_label(g["status"], lang), 18, False, status)],
              MARGIN, BODY_TOP + Inches(2.75), left_w, Inches(1.9), 18)
    # the trend: the page's totals chart, one XY line per territory (predecessors never joined)
    _chart(slide, s, MARGIN + left_w + Inches(0.2), BODY_TOP, WIDTH - 2 * MARGIN - left_w - Inches(0.2),
           BODY_BOTTOM - BODY_TOP)


def _tiers(slide, s: Slide, lang: str, names: spec.Names):
    _chart(slide, s, height=BODY_BOTTOM - BODY_TOP - Inches(0.35))
    _text(slide, t("pptx_tiers_note", lang), MARGIN, BODY_BOTTOM - Inches(0.35), WIDTH - 2 * MARGIN,
          Inches(0.4), 14, colour="muted")


def _targets(slide, s: Slide, lang: str, names: spec.Names):
    _chart(slide, s, height=BODY_BOTTOM - BODY_TOP - Inches(0.4))
    prog = s.data["progress"]
    marks = " · ".join(findings.status_label(st_, lang) for st_ in dict.fromkeys(prog.status))
    _text(slide, marks, MARGIN, BODY_BOTTOM - Inches(0.4), WIDTH - 2 * MARGIN, Inches(0.4), 14, colour="muted")


def _subjects(slide, s: Slide, lang: str, names: spec.Names):
    _chart(slide, s)


def _points(slide, s: Slide, lang: str, names: spec.Names):
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
        paras += [(head, 18, True, "ink"), (clip(items, 190), 16, False, "ink")]
    if len(groups) > 5:
        paras.append((t("places_more", lang).format(n=fmt.number(len(groups) - 5, lang)), 14, False, "muted"))
    _text(slide, paras, MARGIN, BODY_TOP, left_w, BODY_BOTTOM - BODY_TOP, 16)
    chart = s.data.get("chart")
    if chart is None:
        return
    left = MARGIN + left_w + Inches(0.3)  # the places with a published count, as a native chart
    _text(slide, chart.title, left, BODY_TOP, WIDTH - MARGIN - left, Inches(0.45), 16, bold=True)
    _chart(slide, s, left, BODY_TOP + Inches(0.5), WIDTH - MARGIN - left, BODY_BOTTOM - BODY_TOP - Inches(0.5))


def _unknown(slide, s: Slide, lang: str, names: spec.Names):
    items = s.data["items"]
    groups = list(dict.fromkeys(i["province"] for i in items))[:3] or [""]
    gap = Inches(0.4)
    width = int((WIDTH - 2 * MARGIN - gap * (len(groups) - 1)) / len(groups))
    for i, prov in enumerate(groups):
        mine = [it["text"] for it in items if it["province"] == prov][:6]
        _text(slide, [(prov, 22, True, "ink")] + [("• " + clip(x, 130), 16, False, "ink") for x in mine],
              MARGIN + (width + gap) * i, BODY_TOP, width, BODY_BOTTOM - BODY_TOP)


def _decide(slide, s: Slide, lang: str, names: spec.Names):
    """The closing slide: three columns (targets due this year, old figures, not known), body text ≥ 18 pt."""
    groups = s.data["groups"]
    gap = Inches(0.4)
    width = int((WIDTH - 2 * MARGIN - gap * (len(groups) - 1)) / len(groups))
    for i, (head, lines) in enumerate(groups):
        _text(slide, [(head, 22, True, "ink")] + [("• " + clip(x, 120), 18, False, "ink") for x in lines[:5]],
              MARGIN + (width + gap) * i, BODY_TOP, width, BODY_BOTTOM - BODY_TOP)


def _sources(slide, s: Slide, lang: str, names: spec.Names):
    paras = []
    for g in s.data["groups"]:
        named = [clip(x["label"], 48) for x in g["named"]] or [t("src_all_named", lang).format(
            n=fmt.number(g["n"], lang))]
        more = f" {t('src_more', lang).format(n=fmt.number(g['more'], lang))}" if g["more"] and g["named"] else ""
        paras.append((f"{g['title']}: " + " · ".join(named) + more, 18, False, "ink"))
    paras.append((t("pptx_sources_note", lang).format(n=fmt.number(len(s.source_ids), lang)), 16, False, "muted"))
    _text(slide, paras, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP, 18)


DRAW = {"headline": _headline, "tiers": _tiers, "targets": _targets, "subjects": _subjects, "map": _points,
        "unknown": _unknown, "decide": _decide, "sources": _sources}
TARGETS_PER_SLIDE = 7


def build_pptx(cur, lang: str, provinces: list[str], year_from: int | None = None, year_to: int | None = None,
               today: date | None = None) -> bytes:
    """The briefing as .pptx bytes, in the chosen language: the slides of the presentation."""
    from story import rows

    names = spec.names(core.territories(cur), core.sources(cur), lang)
    slides = build_slides(cur, lang, provinces, year_from, year_to, today)
    sources = core.source_rows(cur, sorted({x for s in slides for x in s.source_ids}))
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for s in slides:
        if s.kind == "title":
            _cover(prs, s, lang)
            prs.core_properties.comments = t("generated", lang).format(  # the data version: the file's properties
                date=fmt.day(s.data["today"], lang), version=s.data["version"])
            continue
        parts = [s]
        if s.kind == "targets" and len(s.data["progress"]) > TARGETS_PER_SLIDE:  # long lists split, never cut
            prog = s.data["progress"]
            parts = []
            for i in range(0, len(prog), TARGETS_PER_SLIDE):
                part = prog.iloc[i:i + TARGETS_PER_SLIDE].reset_index(drop=True)
                parts.append(Slide(s.kind, s.title, s.subtitle, s.source_ids, {
                    **s.data, "progress": part, "chart": rows.targets(part, names, title=s.title,
                                                                      subtitle=s.subtitle)}))
        for part in parts:
            if part.kind in ("tiers", "map"):  # no map here: say what is shown
                sub = t("pptx_tiers_sub" if part.kind == "tiers" else "points_by_place", lang)
                part = Slide(part.kind, part.title, sub, part.source_ids, part.data)
            slide = _frame(prs, part, lang, sources, names)
            DRAW[part.kind](slide, part, lang, names)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
