"""The charts over time, defined once (no streamlit, no plotly): reported totals, star tiers, evaluation
rounds and the programme's timeline.

Each function turns query results into a ``story.spec.Chart`` whose title is its finding
(``story.findings``); the page and the slide draw it with ``story.plot``, the .pptx with
``briefing.pptx_chart`` and the print with ``briefing.pdf_chart``. Time runs on a real date axis:
unequal gaps between reports are information. A year-only or inferred date stands on 2 July of its year,
marked approximate; it sorts as the year's end.
"""
from __future__ import annotations

import pandas as pd

from ocop_data.missing import missing
from ocop_data.words import lang_col, t

from . import findings, fmt, undated
from .cite import source_line
from .spec import (Chart, Level, Mark, Names, Panel, Row, Rule, Series, display_date, place_labels,
                   side_by_side, year_span)

TIERS = [("s3", "3"), ("s4", "4"), ("s5p", "5p"), ("s5", "5"), ("rest", "total")]
TIER_VALUES = ("total", "s3", "s4", "s5", "s5p")
BAR_DAYS = 62  # a report's bar is about two months wide: at least 8 px at 1440 px over a decade
PAD_DAYS = 150  # room either side of a panel's first and last report


def tier_label(star: str, lang: str) -> str:
    return t("stars_total" if star == "total" else f"stars_{star}", lang)



def _newest_first(rows: pd.DataFrame, *cols: str) -> list[str]:
    """The source ids of these rows, those of the latest figures first (a chart's source line names these)."""
    if rows.empty:
        return []
    order = rows.sort_values("as_of_date", ascending=False, kind="stable", na_position="last") \
        if "as_of_date" in rows else rows
    out: list[str] = []
    for c in cols or ("source_id",):
        if c in order:
            out += [s for s in order[c] if isinstance(s, str)]
    return list(dict.fromkeys(out))


def _lines(*parts) -> str:
    return "\n".join(p for p in parts if p)


# --- reported totals over time ------------------------------------------------------------------

def totals(figures: pd.DataFrame, families: list[list[str]], n: Names, territories: pd.DataFrame | None = None,
           *, title: str = "", subtitle: str | None = None, target: dict | None = None) -> Chart:
    """Reported totals over real time, one line per territory (never summed across a merger).

    ``figures``: products_total figures (any kind). Lines join comparable reported figures, one per date
    (the most trusted source; another source's figure at that date is in the hover); year-only or
    inferred dates are hollow; doubtful figures are ✕ marks, not joined; estimates are left out. Each
    territory has its own colour, a former territory is dashed. Where a territory of the view began on a
    date (a merger), a rule marks it. ``target``: a target to draw as a level with a diamond at its
    deadline (the headline slide's main target).
    """
    lang = n.lang
    many = sum(len(f) for f in families) > 8
    reported = figures[(figures.kind == "reported") & figures.as_of_date.notna()]
    series: list[Series] = []
    xs: list[pd.Timestamp] = []
    for fam in families:
        for j, key in enumerate(fam):
            sub = reported[reported.territory_key == key]
            if sub.empty:
                continue
            name = n.label(key)
            comp = findings.comparable(sub)
            line = comp.drop_duplicates("as_of_date", keep="first")
            if not line.empty:  # time in order: by where each figure stands on the axis, never back
                line = line.assign(_x=[display_date(a, p, d) for a, p, d in
                                       zip(line.as_of, line.as_of_precision, line.as_of_date)])
                recs = line.sort_values(["_x", "as_of_date"], kind="stable").to_dict("records")
                marks = []
                for i, r in enumerate(recs):
                    x = display_date(r["as_of"], r["as_of_precision"], r["as_of_date"])
                    xs.append(x)
                    marks.append(Mark(x, float(r["value"]), text=fmt.qualified(r["value"], r["qualifier"], lang)
                                      if i == len(recs) - 1 else "",
                                      hover=_total_hover(r, name, n, comp), approx=r["as_of_precision"] in
                                      ("year", "inferred"), date=findings.date_short(r["as_of"], r["as_of_precision"],
                                                                                      lang),
                                      sources=(r["source_id"],)))
                series.append(Series(key, name, n.colour(key), "line", marks, dash=j > 0, legend=not many))
            doubt = sub[sub.confidence == "L"]
            if not line.empty:  # a doubtful figure that a trusted one confirms at its date adds nothing
                agreed = {(d, float(v)) for d, v in zip(line.as_of_date, line.value)}
                doubt = doubt[[(d, float(v)) not in agreed for d, v in zip(doubt.as_of_date, doubt.value)]]
            if not doubt.empty:  # at its true date and value, hollow, beneath the lines; its label moves
                marks = []
                for r in doubt.to_dict("records"):
                    x = display_date(r["as_of"], r["as_of_precision"], r["as_of_date"])
                    xs.append(x)
                    marks.append(Mark(x, float(r["value"]), hover=_total_hover(r, name, n, None), doubtful=True,
                                      text=t("doubtful_label", lang).format(
                                          value=fmt.qualified(r["value"], r["qualifier"], lang)),
                                      date=findings.date_short(r["as_of"], r["as_of_precision"], lang),
                                      sources=(r["source_id"],)))
                series.insert(0, Series(f"{key}:doubtful", f"{name}: {t('doubtful_point', lang)}", n.colour(key),
                                        "points", marks, legend=False, symbol="ring"))
    if many:  # the five largest latest values keep their label, never two on one spot
        ends = sorted(((s, s.marks[-1]) for s in series if s.kind == "line"), key=lambda e: -e[1].y)
        ymax = max((m.y for _, m in ends), default=1.0) or 1.0
        placed: list[float] = []
        for s, m in ends:
            if len(placed) < 5 and all(abs(m.y - p) > 0.05 * ymax for p in placed):
                placed.append(m.y)
                m.text = f"{s.name} {m.text}"
            else:
                m.text = ""
    panel = Panel("time", unit=t("unit_products", lang))
    if territories is not None and not territories.empty:
        keys = [k for fam in families for k in fam]
        starts = territories[territories.territory_key.isin(keys) & territories.valid_from.notna()
                             & territories.predecessors.notna()]
        for r in starts.to_dict("records"):
            if r["valid_from"]:
                panel.rules.append(Rule(pd.Timestamp(r["valid_from"]),
                                        t("merger_line", lang).format(date=fmt.day(r["valid_from"], lang))))
    ys = [float(v) for v in reported.value]
    if target is not None and not missing(target.get("value")):
        when = pd.Timestamp(target["deadline_date"])
        xs.append(when)
        ys.append(float(target["value"]))
        words = t("target_line", lang).format(v=findings.target_label(target, n.short(target["territory_key"]),
                                                                      lang))
        panel.levels.append(Level(float(target["value"]), words, "ink"))
        series.append(Series("target", words, "ink", "points", [Mark(when, float(target["value"]), approx=True,
                                                                     date=findings.deadline_text(target, lang))],
                             legend=False, symbol="diamond", decor=True))
    if xs:
        panel.x_range = (min(xs) - pd.Timedelta(days=120), max(xs) + pd.Timedelta(days=260))
    panel.y_max = max(ys or [1.0]) * 1.12
    place_labels(panel, series)
    ids = _newest_first(reported)
    return Chart("totals", title, t("totals_subtitle", lang) if subtitle is None else subtitle, [panel], series,
                 sources=ids, source_text=source_line(ids, n.source, lang),
                 notes=[t("totals_notes", lang)] + undated_notes(figures, families, n), lang=lang)


def undated_notes(figures: pd.DataFrame, families: list[list[str]], n: Names) -> list[str]:
    """Per territory shown, its undated reports ('Sơn La: 3 báo cáo không rõ ngày: 72, 109, 138'): they have
    no place on a time axis, so they are listed beside it (RULES.md §3)."""
    keys = [k for fam in families for k in fam]
    many = len(keys) > 1
    notes = [undated.note(figures[figures.territory_key == k], n.lang, territory=n.label(k) if many else None)
             for k in keys]
    return [x for x in notes if x]


def _total_hover(r: dict, name: str, n: Names, comp) -> str:
    lang = n.lang
    lines = [f"{name}: {fmt.qualified(r['value'], r['qualifier'], lang)}",
             f"{t('as_of', lang)}: {findings.date_short(r['as_of'], r['as_of_precision'], lang)}",
             f"{t('source', lang)}: {n.source(r['source_id'])}"]
    if comp is not None:
        others = comp[(comp.as_of_date == r["as_of_date"]) & (comp.source_id != r["source_id"])]
        for o in others.to_dict("records"):
            lines.append(f"{t('source', lang)}: {n.source(o['source_id'])}: "
                         f"{fmt.qualified(o['value'], o['qualifier'], lang)}")
    if r.get("confidence") == "L":
        lines.append(t("doubtful_flag", lang))
    return "\n".join(lines)


# --- star tiers over time -----------------------------------------------------------------------

def merge_agreeing(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct report: sources that published the same figures at the same date (same
    territory, kind, precision, doubt) become one bar listing every source; disagreeing ones stay apart."""
    if reports.empty:
        return reports.assign(sources=[])
    rows, seen = [], {}
    for r in reports.to_dict("records"):
        key = (r["territory_key"], r["as_of_date"], r["as_of_precision"], r["kind"], bool(r["doubtful"])) + tuple(
            None if missing(r.get(c)) else float(r[c]) for c in TIER_VALUES)
        if key in seen:
            seen[key]["sources"].append(r)
            continue
        r = dict(r)
        r["sources"] = [dict(r)]
        seen[key] = r
        rows.append(r)
    return pd.DataFrame(rows)


def _tier_hover(r: dict, n: Names) -> str:
    lang = n.lang
    lines = [findings.date_short(r["as_of"], r["as_of_precision"], lang)]
    if not missing(r.get("total")):
        lines.append(f"{t('stars_total', lang).split(' (')[0]}: "
                     f"{fmt.qualified(r['total'], r.get('total_q') or 'exact', lang)}")
    for col, star in (("s3", "3"), ("s4", "4"), ("s5", "5"), ("s5p", "5p")):
        if not missing(r.get(col)):
            lines.append(f"{tier_label(star, lang)}: {fmt.qualified(r[col], r.get(col + '_q') or 'exact', lang)}")
    if not any(not missing(r.get(c)) for c in ("s3", "s4", "s5", "s5p")):
        lines.append(t("split_not_published", lang))
    if r["doubtful"]:
        lines.append(t("doubtful_flag", lang))
    srcs = r.get("sources") or [r]
    if len(srcs) > 1:
        lines.append(t("agreeing_sources", lang).format(n=len(srcs)))
    for s in srcs:
        lines.append(f"{t('source', lang)}: {n.source(s['source_id'])}")
    if r.get("note"):
        lines.append(str(r["note"])[:140])
    return "\n".join(lines)


def _latest_split(reports: pd.DataFrame, keys: list[str]) -> dict | None:
    """The latest comparable report with a split: the current territory first, then its predecessors."""
    for k in keys:
        sub = findings.comparable(reports[reports.territory_key == k].rename(columns={"total": "value"}))
        sub = sub[[any(not missing(r.get(c)) for c in ("s3", "s4", "s5", "s5p")) for r in sub.to_dict("records")]]
        if not sub.empty:
            r = sub[sub.as_of_date == sub.as_of_date.max()].iloc[0].to_dict()
            r["total"] = r.pop("value")
            return r
    return None


def _top(r: dict) -> float:
    parts = sum(float(r[c]) for c in ("s3", "s4", "s5", "s5p", "rest") if not missing(r.get(c)))
    return max(parts, float(r["total"]) if not missing(r.get("total")) else 0.0)


def tiers(reports: pd.DataFrame, territory_keys: list[str], n: Names, *, title: str | None = None,
          subtitle: str | None = None, breaks: list[str] | None = None, latest_bar: bool = True) -> Chart:
    """Star tiers over time on one true date axis, one panel per territory (oldest on top; a former
    territory ends where today's begins, with the merger as a rule).

    Each report is a stacked bar at its date, about two months wide, its total written above it (⚠ when
    doubtful); reports of the same time that disagree stand side by side, sources that agree share a bar.
    A year-only or inferred date stands on 2 July with its year drawn as a range; a doubtful report is
    hatched. Below the panels, the latest comparable split as one labelled bar, so a 5★ count of 1 is
    readable. ``reports``: ``queries.tier_reports`` rows that are dated and reported.
    """
    lang = n.lang
    reports = reports[reports.as_of_date.notna()].copy()
    present = [k for k in territory_keys if (reports.territory_key == k).any()]
    present.sort(key=lambda k: reports[reports.territory_key == k].as_of_date.min())  # oldest first
    merged = merge_agreeing(reports)
    latest = _latest_split(reports, territory_keys) if latest_bar else None
    if not merged.empty:
        merged["x_date"] = [display_date(a, p, d) for a, p, d in zip(merged.as_of, merged.as_of_precision,
                                                                      merged.as_of_date)]
        lo, hi = merged.x_date.min() - pd.Timedelta(days=PAD_DAYS), merged.x_date.max() + pd.Timedelta(days=PAD_DAYS)
        for a, p in zip(merged.as_of, merged.as_of_precision):  # room for the whole year of an approximate date
            span = year_span(a, p)
            if span:
                lo, hi = min(lo, span[0] - pd.Timedelta(days=40)), max(hi, span[1] + pd.Timedelta(days=40))
    else:
        lo, hi = pd.Timestamp("2019-01-01"), pd.Timestamp("2026-01-01")
    ymax = max([_top(r) for r in merged.to_dict("records")] + [1.0]) if not merged.empty else 1.0
    many = len(present) > 1
    panels = [Panel("time", title=n.label(k) if many else "", key=k, x_range=(lo, hi), y_max=ymax * 1.25,
                    unit=t("unit_products", lang), height=150 if many else 190) for k in present]
    series: list[Series] = []
    for i, key in enumerate(present):
        sub = merged[merged.territory_key == key].reset_index(drop=True)
        recs = sub.to_dict("records")
        xs = side_by_side(list(sub.x_date), BAR_DAYS + 4)
        hovers = [_tier_hover(r, n) for r in recs]
        dates = [findings.date_short(r["as_of"], r["as_of_precision"], lang) for r in recs]
        base = [0.0] * len(recs)
        for col, star in TIERS:
            marks = []
            for j, r in enumerate(recs):
                if missing(r.get(col)):
                    continue
                v = float(r[col])
                marks.append(Mark(xs[j], v, base=base[j], hover=hovers[j], date=dates[j],
                                  approx=r["as_of_precision"] in ("year", "inferred"),
                                  span=year_span(r["as_of"], r["as_of_precision"]), doubtful=bool(r["doubtful"]),
                                  sources=tuple(s["source_id"] for s in r["sources"])))
                base[j] += v
            if marks:
                series.append(Series(star, tier_label(star, lang) if star != "total" else
                                     t("legend_total_only", lang), f"tier_{star}", "bar", marks, panel=i,
                                     width=BAR_DAYS))
        tops = [_top(r) for r in recs]
        series.append(Series("total_label", "", "ink", "labels", [
            Mark(x, top, text=fmt.qualified(top, r.get("total_q") if not missing(r.get("total")) else "exact", lang)
                 + (" ⚠" if r["doubtful"] else ""), date=d, doubtful=bool(r["doubtful"]),
                 approx=r["as_of_precision"] in ("year", "inferred"),
                 sources=tuple(s["source_id"] for s in r["sources"]))
            for x, top, r, d in zip(xs, tops, recs, dates)], panel=i, legend=False))
        for prec, dash in (("year", False), ("inferred", True)):  # the year an approximate date could be
            marks = [Mark(x, top + 0.17 * ymax, span=year_span(r["as_of"], r["as_of_precision"]), date=d, approx=True)
                     for x, top, r, d in zip(xs, tops, recs, dates) if r["as_of_precision"] == prec]
            if marks:
                series.append(Series(f"range_{prec}", t("legend_year_only" if prec == "year" else
                                                        "legend_year_inferred", lang), "ink", "range", marks,
                                     panel=i, dash=dash, legend=True))
    for day in breaks or ():  # where today's territory began: a rule across every panel, named in the last
        for i, p in enumerate(panels):
            p.rules.append(Rule(pd.Timestamp(day), t("merger_line", lang).format(date=fmt.day(day, lang))
                                if i == len(panels) - 1 else ""))
    notes = tier_notes(reports, lang)
    if t("note_side", lang) in notes:
        series.append(Series("side", "▮▮ " + t("legend_two_sources", lang), "paper", "bar", [], decor=True))
    if reports.doubtful.fillna(False).astype(bool).any():
        series.append(Series("doubtful", t("legend_doubtful", lang), "band", "bar", [], decor=True, symbol="hatch"))
    if latest is not None:
        _latest_panel(panels, series, latest, n)
    first = territory_keys[0] if territory_keys else (present[0] if present else "")
    if title is None:
        title = findings.tier_finding(reports[reports.territory_key == first], n.label(first), lang) if first else ""
    ids = _newest_first(reports)
    as_of = findings.date_short(*_last(reports), lang) if not reports.empty else None
    return Chart("tiers", title, t("stars_subtitle2", lang) if subtitle is None else subtitle, panels, series,
                 sources=ids, source_text=source_line(ids, n.source, lang, as_of=as_of), notes=notes, as_of=as_of,
                 lang=lang)


def _latest_panel(panels: list[Panel], series: list[Series], r: dict, n: Names) -> None:
    """One horizontal stacked bar of the latest split, every segment labelled with its count and tier."""
    lang = n.lang
    parts = [(col, star, float(r[col])) for col, star in (("s3", "3"), ("s4", "4"), ("s5p", "5p"), ("s5", "5"))
             if not missing(r.get(col))]
    total = sum(v for _, _, v in parts) or 1.0
    when = findings.date_short(r["as_of"], r["as_of_precision"], lang)
    heading = t("latest_split", lang).format(territory=n.label(r["territory_key"]), date=when)
    panels.append(Panel("rows", title=heading, rows=[Row("")], x_range=(0.0, total), axis=False, height=64))
    x0 = 0.0
    for col, star, v in parts:
        series.append(Series(star, tier_label(star, lang), f"tier_{star}", "bar", [Mark(
            0, v, base=x0, text=f"{fmt.number(v, lang)} · {tier_label(star, lang)}", date=when,
            hover=f"{tier_label(star, lang)}: {fmt.qualified(v, r.get(col + '_q') or 'exact', lang)}\n"
                  f"{t('source', lang)}: {n.source(r['source_id'])}", sources=(r["source_id"],))],
            panel=len(panels) - 1, width=0.6, legend=False))
        x0 += v


def tier_notes(reports: pd.DataFrame, lang: str) -> list[str]:
    """The lines under the star-tier chart that explain its drawing (side-by-side bars, shared bars, hatching,
    year ranges): only those that apply to these reports."""
    dated = reports[reports.as_of_date.notna()]
    if dated.empty:
        return []
    merged = merge_agreeing(dated)
    xs = [display_date(a, p, d) for a, p, d in zip(merged.as_of, merged.as_of_precision, merged.as_of_date)]
    side = False
    for k in merged.territory_key.unique():
        days = sorted(x for x, kk in zip(xs, merged.territory_key) if kk == k)
        side |= any((b - a).days < BAR_DAYS + 4 for a, b in zip(days, days[1:]))
    notes = [t("note_side", lang)] if side else []
    if (merged.sources.map(len) > 1).any():
        notes.append(t("note_agree", lang))
    if dated.doubtful.fillna(False).astype(bool).any():
        notes.append(t("note_doubtful", lang))
    if dated.as_of_precision.isin(["year", "inferred"]).any():
        notes.append(t("note_year_range", lang))
    return notes


def _last(reports: pd.DataFrame) -> tuple:
    r = reports.sort_values("as_of_date").iloc[-1]
    return r["as_of"], r["as_of_precision"]


# --- evaluation rounds ----------------------------------------------------------------------------

def rounds(figures: pd.DataFrame, n: Names, *, title: str, subtitle: str) -> Chart | None:
    """Figures 'new in a round' (never running totals) as bars at each round's date, one colour for what
    a round counted (the same in every chart), side by side, each labelled with its number."""
    lang = n.lang
    df = figures[figures.as_of_date.notna()]
    if df.empty:
        return None
    metrics = list(dict.fromkeys(df.metric))
    width = 40
    series = []
    for i, m in enumerate(metrics):
        grp = df[df.metric == m]
        name = str(grp[lang_col("metric", lang)].iloc[0])
        marks = []
        for r in grp.to_dict("records"):
            x = display_date(r["as_of"], r["as_of_precision"], r["as_of_date"])
            marks.append(Mark(x + pd.Timedelta(days=(i - (len(metrics) - 1) / 2) * (width + 4)), float(r["value"]),
                              text=fmt.number(r["value"], lang),
                              hover=_lines(f"{n.label(r['territory_key'])} · "
                                           f"{findings.date_short(r['as_of'], r['as_of_precision'], lang)}",
                                           f"{name}: {fmt.qualified(r['value'], r['qualifier'], lang)}",
                                           f"{t('source', lang)}: {n.source(r['source_id'])}"),
                              date=findings.date_short(r["as_of"], r["as_of_precision"], lang),
                              approx=r["as_of_precision"] in ("year", "inferred"), sources=(r["source_id"],)))
        from .theme import round_colour

        series.append(Series(m, name, round_colour(m), "bar", marks, width=width))
    xs = [display_date(a, p, d) for a, p, d in zip(df.as_of, df.as_of_precision, df.as_of_date)]
    panel = Panel("time", x_range=(min(xs) - pd.Timedelta(days=200), max(xs) + pd.Timedelta(days=200)),
                  y_max=max(float(v) for v in df.value) * 1.2, unit=t("unit_products", lang), height=230)
    ids = _newest_first(df)
    return Chart("rounds", title, subtitle, [panel], series, sources=ids, source_text=source_line(ids, n.source, lang),
                 lang=lang)


# --- the programme's timeline -----------------------------------------------------------------------

def timeline(events: pd.DataFrame, n: Names, *, title: str, subtitle: str) -> Chart | None:
    """Dated events on a time axis, one row per kind of event, each territory in its own colour."""
    lang = n.lang
    dated = events[events.date_date.notna()]
    if dated.empty:
        return None
    kinds = sorted(dated.kind.unique())
    series = []
    for key in dict.fromkeys(dated.territory_key):
        grp = dated[dated.territory_key == key]
        marks = [Mark(display_date(r["date"], r["date_precision"], r["date_date"]), float(kinds.index(r["kind"])),
                      hover=_lines(findings.date_short(r["date"], r["date_precision"], lang),
                                   str(r[lang_col("title", lang)] or ""),
                                   f"{t('source', lang)}: {n.source(r['source_id'])}"),
                      date=findings.date_short(r["date"], r["date_precision"], lang),
                      approx=r["date_precision"] in ("year", "inferred"), sources=(r["source_id"],))
                 for r in grp.to_dict("records")]
        series.append(Series(key, n.label(key), n.colour(key), "points", marks, symbol="diamond"))
    xs = [m.x for s in series for m in s.marks]
    panel = Panel("time", rows=[Row(t(f"ev_{k}", lang)) for k in kinds],
                  x_range=(min(xs) - pd.Timedelta(days=120), max(xs) + pd.Timedelta(days=120)),
                  height=40 + 30 * len(kinds))
    ids = _newest_first(dated.rename(columns={"date_date": "as_of_date"}))
    return Chart("timeline", title, subtitle, [panel], series, sources=ids,
                 source_text=source_line(ids, n.source, lang), lang=lang)
