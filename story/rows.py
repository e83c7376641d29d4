"""The charts of rows, defined once (no streamlit, no plotly): targets as bullet rows, producers by type,
the producers with the most products, and sales points by place.

Like ``story.charts``, each function returns a ``story.spec.Chart`` that the page and the slide
(``story.plot``), the .pptx (``briefing.pptx_chart``) and the print (``briefing.pdf_chart``) draw
alike: the same rows, values and words on every surface.
"""
from __future__ import annotations

import pandas as pd

from ocop_data.missing import missing
from ocop_data.words import lang_col, t

from . import findings, fmt
from .cite import source_line
from .spec import Chart, Mark, Names, Panel, Row, Series
from .theme import STATUS_ORDER

SUBJECT_TYPES = ("htx", "dn", "tht", "hkd", "not_published")



def _ids(*groups) -> list[str]:
    return list(dict.fromkeys(s for g in groups for s in g if isinstance(s, str) and s))


# --- targets: bullet rows -------------------------------------------------------------------------

def target_rows(progress: pd.DataFrame) -> pd.DataFrame:
    """The targets a bullet chart draws: every one with a comparable figure, or whose unit was abolished."""
    if progress.empty:
        return progress
    keep = progress.latest_value.notna() | progress.status.eq("unit_abolished")
    return progress[keep & progress.value.notna()]


def status_counts(progress: pd.DataFrame, lang: str) -> str:
    """'6 mục tiêu: 1 ✓ Đã đạt · 1 ↘ Chậm tiến độ · …' in the order of the statuses."""
    if progress.empty:
        return t("n_targets", lang).format(n=0)
    counts = progress.status.value_counts()
    parts = [f"{counts[s]} {findings.status_label(s, lang)}" for s in STATUS_ORDER if s in counts]
    return t("n_targets", lang).format(n=len(progress)) + ": " + " · ".join(parts)


def targets(progress: pd.DataFrame, n: Names, *, title: str = "", subtitle: str | None = None) -> Chart | None:
    """Bullet rows: per target its label ('Sơn La · 4 sao ≥ 100 (2025)'), the actual as a bar in its status
    colour against the target (a band to 100% and a tick at 100%), the status in words with a symbol and
    a shape, and the figure with its date. A target whose unit was abolished still shows how far it had
    got, with its figure's date."""
    lang = n.lang
    rows = target_rows(progress).reset_index(drop=True)
    if rows.empty:
        return None
    recs = rows.to_dict("records")
    pcts = [None if missing(p) else float(p) for p in rows.percent]
    xmax = max([125.0] + [p + 20 for p in pcts if p is not None])
    panel = Panel("rows", x_range=(0.0, xmax), ticks=[(0.0, "0%"), (50.0, "50%"), (100.0, "100%")],
                  height=128 * len(recs))
    band = Series("band", "", "band", "bar", [Mark(i, 100.0) for i in range(len(recs))], width=0.3, legend=False,
                  decor=True)
    high = Series("band_high", "", "band_high", "bar", [
        Mark(i, 100.0 * float(r["value_high"]) / float(r["value"]) - 100.0, base=100.0)
        for i, r in enumerate(recs) if r["comparison"] == "range" and not missing(r.get("value_high")) and r["value"]],
        width=0.3, legend=False, decor=True)
    actual = Series("actual", t("percent_reached", lang), "ink", "bar", [], width=0.14, legend=False)
    for i, (r, pct) in enumerate(zip(recs, pcts)):
        territory = n.short(r["territory_key"])
        head = findings.target_label(r, territory, lang)
        lead = findings.status_label(r["status"], lang)
        if pct is not None:
            value = f" · {findings.actual_text(r, lang, words=False)} " \
                    f"({findings.date_short(r['latest_as_of'], r['latest_precision'], lang)}) · " \
                    f"{fmt.percent(pct, lang)}"
        else:
            value = f" · {t('no_figure', lang)}"
        panel.rows.append(Row(head, findings.plan_short(r, lang), value, f"status_{r['status']}", lead))
        hover = [findings.target_finding(r, n.label(r["territory_key"]), lang),
                 str(r[lang_col("description", lang)] or ""),
                 f"{t('plan', lang)}: {r['plan_en' if lang == 'en' else 'plan_vi']}",
                 f"{t('target_source', lang)}: {n.source(r['source_id'])}"]
        if isinstance(r.get("latest_source"), str):
            hover.append(f"{t('figure_source', lang)}: {n.source(r['latest_source'])}")
        actual.marks.append(Mark(i, pct or 0.0,
                                 hover="\n".join(h for h in hover if h), colour=f"status_{r['status']}",
                                 date=findings.date_short(r.get("latest_as_of"), r.get("latest_precision"), lang)
                                 if pct is not None else "",
                                 sources=tuple(_ids([r["source_id"], r.get("latest_source")]))))
    tick = Series("tick", "", "ink", "points", [Mark(i, 100.0) for i in range(len(recs))], symbol="line",
                  legend=False, decor=True)
    shapes = []
    for status in STATUS_ORDER:  # the status's shape at the bar's end, one legend entry per status shown
        idx = [i for i, r in enumerate(recs) if r["status"] == status]
        if idx:
            shapes.append(Series(f"status_{status}", findings.status_label(status, lang), f"status_{status}",
                                 "points", [Mark(i, pcts[i] or 0.0, hover=actual.marks[i].hover) for i in idx],
                                 symbol=f"status_{status}", decor=True))
    ids = _ids(rows.source_id, rows.latest_source)
    if subtitle is None:
        subtitle = t("targets_chart_sub", lang).format(counts=status_counts(progress, lang))
    return Chart("targets", title, subtitle, [panel], [band, high, actual, tick] + shapes, sources=ids,
                 source_text=source_line(ids, n.source, lang), notes=[t("status_rule", lang)], lang=lang)


# --- producers by type ----------------------------------------------------------------------------

def subjects(panels: list[dict], n: Names, *, title: str = "", subtitle: str = "") -> Chart:
    """Producers by type, per territory: what the province published beside what this dashboard's own
    list holds, each in its one colour on one shared scale, every bar labelled with its number (a 6 beside
    a 133 stays readable). ``panels``: per territory {territory_key, published (subject_type, n, as_of,
    as_of_precision, source_id), listed (subject_type, n), listed_sources}."""
    lang = n.lang
    out_panels, series, ids, top = [], [], [], 1.0
    for i, p in enumerate(panels):
        pub = dict(zip(p["published"].subject_type, p["published"].n)) if not p["published"].empty else {}
        lst = dict(zip(p["listed"].subject_type, p["listed"].n)) if not p["listed"].empty else {}
        types = [x for x in SUBJECT_TYPES if x in pub or x in lst]
        if not types:
            continue
        k = len(out_panels)
        if pub:
            first = p["published"].iloc[0]
            when = fmt.partial_date(first.as_of, first.as_of_precision, lang)
            note = t("subjects_published_note", lang).format(date=when)
            ids += list(p["published"].source_id)
        else:
            note = t("subjects_listed_note", lang).format(n=fmt.number(sum(lst.values()), lang))
        ids += list(p.get("listed_sources") or [])
        out_panels.append(Panel("rows", title=f"{n.label(p['territory_key'])} · {note}",
                                rows=[Row(t(f"type_{x}", lang)) for x in types], height=40 + 70 * len(types),
                                unit=t("count_listed", lang)))
        for key, values, word in (("published", pub, "producers_published_short"),
                                  ("listed", lst, "producers_listed_short")):
            if key == "published" and not pub:
                continue
            marks = []
            for j, x in enumerate(types):
                v = values.get(x) if key == "published" else values.get(x, 0)
                text = fmt.number(v, lang) if v is not None else t("not_published", lang)
                if j == 0:  # the first row's bars say what they are (no legend to match colours against)
                    text += f" · {t(word, lang)}"
                marks.append(Mark(j, None if v is None else float(v), text=text,
                                  hover=f"{t(f'type_{x}', lang)}: {text}"))
                top = max(top, float(v or 0))
            series.append(Series(key, t(f"producers_{key}", lang), key, "bar", marks, panel=k,
                                 width=0.28 if pub else 0.36, legend=False,
                                 offset=(-0.15 if key == "published" else 0.15) if pub else 0.0))
    for p in out_panels:  # one scale for every panel: 133 and 21 are never bars of one length
        p.x_range = (0.0, top * 1.35)
    ids = _ids(ids)
    return Chart("subjects", title, subtitle, out_panels, series, sources=ids,
                 source_text=source_line(ids, n.source, lang), lang=lang)


def top_producers(top: pd.DataFrame, n: Names, *, title: str, subtitle: str, sources: list[str]) -> Chart:
    """The producers with the most products listed here: one bar each in the 'listed' colour, its name and
    territory as the row's label, its count at its end."""
    lang = n.lang
    recs = top.to_dict("records")
    rows = [Row(f"{r['subject']} · {n.label(r['territory_key'])}") for r in recs]
    marks = []
    for i, r in enumerate(recs):
        kind = r.get("subject_type") if isinstance(r.get("subject_type"), str) else "not_published"
        marks.append(Mark(i, float(r["n"]), text=fmt.number(r["n"], lang),
                          hover=f"{rows[i].head}\n{t(f'type_{kind}', lang)}: {fmt.number(r['n'], lang)} "
                                f"{t('unit_products', lang)}"))
    panel = Panel("rows", rows=rows, x_range=(0.0, max([float(r["n"]) for r in recs] + [1.0]) * 1.15),
                  unit=t("products_listed_axis", lang), height=70 * max(1, len(recs)))
    ids = _ids(sources)
    return Chart("top_producers", title, subtitle, [panel], [Series("listed", t("products_listed_axis", lang),
                                                                    "listed", "bar", marks, width=0.45,
                                                                    legend=False)],
                 sources=ids, source_text=source_line(ids, n.source, lang), lang=lang)


def places(group: dict, n: Names, *, title: str, sources: list[str]) -> Chart:
    """Sales points by place, as published (``group``: a ``briefing.content.place_list`` entry whose
    places have counts)."""
    lang = n.lang
    items = [(p, c) for p, c in group["items"] if c][:10]
    marks = [Mark(i, float(c), text=fmt.number(c, lang), hover=f"{p}: {fmt.number(c, lang)}")
             for i, (p, c) in enumerate(items)]
    panel = Panel("rows", rows=[Row(p) for p, _ in items],
                  x_range=(0.0, max([float(c) for _, c in items] + [1.0]) * 1.25), height=40 * max(1, len(items)))
    ids = _ids(sources)
    return Chart("places", title, "", [panel], [Series("count", t("count", lang), "map_count", "bar", marks,
                                                       width=0.6, legend=False)],
                 sources=ids, source_text=source_line(ids, n.source, lang), lang=lang)
