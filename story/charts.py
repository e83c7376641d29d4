"""Chart builders shared by the pages, the presentation and print (one look, one logic; no streamlit).

Every builder takes query results and a language and returns a Plotly figure whose title is its
finding (``story.findings``), whose subtitle says what is measured, and whose source line sits
inside the figure below the tick labels (``theme.frame``), so an exported image keeps all three.
Time runs on a real date axis: unequal gaps between reports are information.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ocop_data.missing import missing
from ocop_data.words import lang_col, t

from . import findings, fmt, theme
from .cite import esc, normalise_source, short_label, source_label

TIERS = [("s3", "3"), ("s4", "4"), ("s5p", "5p"), ("s5", "5"), ("rest", "total")]
TIER_VALUES = ("total", "s3", "s4", "s5", "s5p")
DAY_MS = 86_400_000
BAR_DAYS = 62  # a report's bar is about two months wide: at least 8 px at 1440 px over a decade
PAD_DAYS = 150  # room either side of a panel's first and last report
MIN_PANEL_DAYS = 900  # a panel with one report still has room for its title


def tier_label(star: str, lang: str) -> str:
    return t("stars_total" if star == "total" else f"stars_{star}", lang)


def source_short(r) -> str:
    """Kept for the presentation: a compact source id (never drawn on an axis)."""
    label = theme.short_source(r["source_id"])
    if r["doubtful"]:
        label += " ⚠"
    return label


def _source_name(r: dict, lang: str) -> str:
    return source_label({"source_id": r.get("source_id"), "source_title": r.get("source_title"),
                         "source_address": r.get("source_address"), "source_file": r.get("source_file")}, lang)


# --- star tiers over time ----------------------------------------------------------------

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


def display_date(as_of, precision, as_of_date) -> pd.Timestamp:
    """Where a figure stands on a time axis: its date; a year-only or inferred year in the middle of its
    year (drawn with a whisker or a hollow dot across the year, so no month is suggested)."""
    if precision in ("year", "inferred") and as_of not in (None, "") and not missing(as_of):
        return pd.Timestamp(int(str(as_of)[:4]), 7, 2)
    return pd.Timestamp(as_of_date)


def _positions(dates: list[pd.Timestamp], width_days: int) -> list[pd.Timestamp]:
    """Bar centres: a report at its date; reports closer than a bar's width stand side by side around
    their mean date (the hover gives each one's own date)."""
    order = sorted(range(len(dates)), key=lambda i: dates[i])
    out = [None] * len(dates)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and (dates[order[j + 1]] - dates[order[j]]).days < width_days:
            j += 1
        group = order[i:j + 1]
        mid = min(dates[k] for k in group) + (max(dates[k] for k in group) - min(dates[k] for k in group)) / 2
        for n, k in enumerate(group):
            out[k] = mid + pd.Timedelta(days=(n - (len(group) - 1) / 2) * width_days)
        i = j + 1
    return out


def _tier_hover(r: dict, lang: str) -> str:
    lines = [f"<b>{esc(findings.date_short(r['as_of'], r['as_of_precision'], lang))}</b>"]
    if not missing(r.get("total")):
        lines.append(f"{esc(t('stars_total', lang).split(' (')[0])}: "
                     f"{esc(fmt.qualified(r['total'], r.get('total_q') or 'exact', lang))}")
    for col, star in (("s3", "3"), ("s4", "4"), ("s5", "5"), ("s5p", "5p")):
        if not missing(r.get(col)):
            lines.append(f"{esc(tier_label(star, lang))}: {esc(fmt.qualified(r[col], r.get(col + '_q') or 'exact', lang))}")
    if not any(not missing(r.get(c)) for c in ("s3", "s4", "s5", "s5p")):
        lines.append(esc(t("split_not_published", lang)))
    if r["doubtful"]:
        lines.append(esc(t("doubtful_flag", lang)))
    srcs = r.get("sources") or [r]
    if len(srcs) > 1:
        lines.append(esc(t("agreeing_sources", lang).format(n=len(srcs))))
    for s in srcs:
        lines.append(f"{t('source', lang)}: {esc(_source_name(s, lang))} ({esc(s['source_id'])})")
    if r.get("note"):
        lines.append(f"<i>{esc(str(r['note'])[:140])}</i>")
    return "<br>".join(lines)


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


def tier_chart(reports: pd.DataFrame, territory_keys: list[str], lang: str, label: Callable[[str], str],
               height: int | None = None, *, title: str | None = None, subtitle: str | None = None,
               source: str | None = None, latest_bar: bool = True, breaks: list[str] | None = None) -> go.Figure:
    """Star tiers over time on one true date axis, one panel per territory (oldest on top; time runs left
    to right, so a former territory ends where today's begins, with the merger marked).

    Each report is a stacked bar at its date, about two months wide; reports of the same time that
    disagree stand side by side, sources that agree share a bar (hover lists them). A year-only or
    inferred date carries a whisker across its year (dotted when inferred); a doubtful report is
    hatched and marked ⚠. Below the panels, the latest comparable split as one labelled bar, so a 5★
    count of 1 is readable. Source ids appear only in the hover and the source line. ``title``
    defaults to ``findings.tier_finding`` for the first (current) territory; ``breaks`` are dates
    (ISO) drawn as a dotted line across the panels: where today's territory began.
    """
    reports = reports[reports.as_of_date.notna()].copy()
    present = [k for k in territory_keys if (reports.territory_key == k).any()]
    present.sort(key=lambda k: reports[reports.territory_key == k].as_of_date.min())  # oldest first
    merged = merge_agreeing(reports)
    latest = _latest_split(reports, territory_keys) if latest_bar else None
    merged["x_date"] = [display_date(a, p, d) for a, p, d in zip(merged.as_of, merged.as_of_precision,
                                                                  merged.as_of_date)] if not merged.empty else []
    # one time axis for every panel: from the first report (or the start of its year) to the last
    lo = merged.x_date.min() - pd.Timedelta(days=PAD_DAYS) if not merged.empty else pd.Timestamp("2019-01-01")
    hi = merged.x_date.max() + pd.Timedelta(days=PAD_DAYS) if not merged.empty else pd.Timestamp("2026-01-01")
    years = merged[merged.as_of_precision.isin(["year", "inferred"])] if not merged.empty else merged
    if not years.empty:  # room for a whisker across the whole year
        lo = min(lo, pd.Timestamp(min(int(str(a)[:4]) for a in years.as_of), 1, 1) - pd.Timedelta(days=40))
        hi = max(hi, pd.Timestamp(max(int(str(a)[:4]) for a in years.as_of), 12, 31) + pd.Timedelta(days=40))
    n = max(1, len(present))
    rows = n + (1 if latest is not None else 0)
    panel_h, bar_h = 190 if n == 1 else 150, 64
    gap = 72  # px between panels: room for the tick labels above and a panel's title
    plot_h = n * panel_h + (bar_h + gap + 20 if latest is not None else 0) + gap * (n - 1)
    heights = [panel_h] * n + ([bar_h] if latest is not None else [])
    titles = [esc(label(k)) if n > 1 else "" for k in present] + (
        [esc(t("latest_split", lang).format(territory=label(latest["territory_key"]),
                                        date=findings.date_short(latest["as_of"], latest["as_of_precision"], lang)))]
        if latest is not None else [])
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=False, row_heights=heights,
                        vertical_spacing=min(0.3, gap / plot_h) if rows > 1 else 0.02, subplot_titles=titles)
    for ann in fig.layout.annotations:  # panel titles: left-aligned, above their panel
        ann.update(font=dict(size=13, color=theme.TEXT), x=0, xanchor="left", align="left")
    ymax_all = max([float(v) for v in merged.total.dropna()] + [
        sum(float(r[c]) for c in ("s3", "s4", "s5", "s5p", "rest") if not missing(r.get(c)))
        for r in merged.to_dict("records")] + [1.0]) if not merged.empty else 1.0
    shown_legend: set = set()
    notes = tier_notes(reports, lang)
    any_side, any_doubt = t("note_side", lang) in notes, False
    w_ms = BAR_DAYS * DAY_MS
    for i, key in enumerate(present, start=1):
        sub = merged[merged.territory_key == key].reset_index(drop=True)
        xs = _positions(list(sub.x_date), BAR_DAYS + 4)
        recs = sub.to_dict("records")
        hovers = [_tier_hover(r, lang) for r in recs]
        for col, star in TIERS:
            if sub[col].isna().all():
                continue
            fig.add_trace(go.Bar(
                x=xs, y=[None if missing(v) else float(v) for v in sub[col]], width=[w_ms] * len(xs),
                name=tier_label(star, lang) if star != "total" else t("legend_total_only", lang), legendgroup=star,
                showlegend=star not in shown_legend,
                marker=dict(color=theme.STAR_COLORS[star], line=dict(color="white", width=0.5),
                            pattern=dict(shape=["/" if d else "" for d in sub.doubtful], fillmode="overlay",
                                         fgcolor="#1C2833", size=7, solidity=0.25)),
                hovertext=hovers, hoverinfo="text",
                meta=dict(territory=key, tier=star, sources=[[s["source_id"] for s in r["sources"]] for r in recs]),
            ), row=i, col=1)
            shown_legend.add(star)
        tops = []
        for r in recs:
            parts = sum(float(r[c]) for c in ("s3", "s4", "s5", "s5p", "rest") if not missing(r.get(c)))
            tops.append(max(parts, float(r["total"]) if not missing(r.get("total")) else 0.0))
        # doubt where the eye is: ⚠ over a hatched bar
        doubt = [(x, y) for x, y, r in zip(xs, tops, recs) if r["doubtful"]]
        if doubt:
            any_doubt = True
            fig.add_trace(go.Scatter(x=[d[0] for d in doubt], y=[d[1] + 0.04 * ymax_all for d in doubt],
                                     mode="text", text=["⚠"] * len(doubt), textposition="top center",
                                     textfont=dict(size=15, color="#922B21"), showlegend=False, hoverinfo="skip",
                                     cliponaxis=False), row=i, col=1)
        # year-only / inferred dates: a whisker across the year the figure could belong to
        for prec, dash in (("year", "solid"), ("inferred", "dot")):
            seg_x, seg_y = [], []
            for x, top, r in zip(xs, tops, recs):
                if r["as_of_precision"] != prec:
                    continue
                year = int(str(r["as_of"])[:4])
                seg_x += [pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31), None]
                seg_y += [top + 0.04 * ymax_all] * 2 + [None]
            if seg_x:
                fig.add_trace(go.Scatter(x=seg_x, y=seg_y, mode="lines+markers",
                                         line=dict(color="#1C2833", width=1.5, dash=dash),
                                         marker=dict(symbol="line-ns", size=9, line=dict(width=1.5, color="#1C2833")),
                                         name=t("legend_year_only", lang), legendgroup="year",
                                         showlegend="year" not in shown_legend, hoverinfo="skip", cliponaxis=False),
                              row=i, col=1)
                shown_legend.add("year")
        fig.update_xaxes(type="date", range=[lo, hi], dtick="M12", tick0="2019-01-01", tickformat="%Y",
                         ticklabelmode="period", showgrid=True, gridcolor="#EEF0F0", row=i, col=1,
                         showticklabels=True, tickangle=0)
        fig.update_yaxes(range=[0, ymax_all * 1.2], row=i, col=1, automargin=True, zeroline=False, nticks=4)
    # a territory that began on a date (a merger): a dotted line across every panel
    for day in breaks or ():
        for i in range(1, n + 1):
            fig.add_vline(x=pd.Timestamp(day).value / 1e6, line=dict(color="#4D5656", width=1.2, dash="dot"),
                          row=i, col=1)
        # labelled inside today's territory's panel, left of the line, where that panel has no data
        ref = fig.get_subplot(n, 1)
        fig.add_annotation(x=pd.Timestamp(day), y=0.92, xref=ref.xaxis.plotly_name.replace("axis", ""),
                           yref=ref.yaxis.plotly_name.replace("axis", "") + " domain", yanchor="top", xanchor="right",
                           xshift=-4, showarrow=False, align="right",
                           text=esc(t("merger_line", lang).format(date=fmt.day(day, lang))),
                           font=dict(size=12, color="#4D5656"))
    # the explanation of what the drawing means, once, in the legend
    for flag, key, name, marker in (
            (any_side, "side", "▮▮ " + t("legend_two_sources", lang), dict(color="rgba(0,0,0,0)")),
            (any_doubt, "doubt", t("legend_doubtful", lang),
             dict(color="#D5D8DC", pattern=dict(shape="/", fgcolor="#1C2833", size=7, solidity=0.25)))):
        if flag:
            fig.add_trace(go.Bar(x=[None], y=[None], marker=marker, name=name, legendgroup=key, showlegend=True,
                                 hoverinfo="skip"), row=1, col=1)
    if latest is not None:
        _latest_bar(fig, latest, lang, rows)
    fig.update_layout(barmode="stack", bargap=0)
    for ann in fig.layout.annotations:  # the latest split's heading: on two lines
        if ann.text and ann.text.startswith(t("latest_split", lang).split(" · ")[0]):
            ann.update(text=ann.text.replace(" · ", "<br>", 1))
    # words
    first = territory_keys[0] if territory_keys else (present[0] if present else "")
    if title is None:
        title = findings.tier_finding(reports[reports.territory_key == first], label(first), lang) if first else ""
    if source is None:
        srcs = [normalise_source(s) for r in merged.to_dict("records") for s in r["sources"]]
        as_of = findings.date_short(*_last(reports), lang) if not reports.empty else None
        from .cite import source_line
        source = source_line(srcs, lang, as_of=as_of, notes=notes)
    theme.style(fig, lang, height=height or 520)
    theme.frame(fig, lang, title=title, subtitle=t("stars_subtitle2", lang) if subtitle is None else subtitle,
                source=source, plot_height=None if height else plot_h, legend_gap=30 if n > 1 else 0,
                ticks=16 if latest is not None else 34)  # the latest bar has no tick labels under it
    return fig


def tier_notes(reports: pd.DataFrame, lang: str) -> list[str]:
    """The lines under the star-tier chart that explain its drawing (side-by-side bars, shared bars, hatching,
    whiskers): only those that apply to these reports."""
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


def _latest_bar(fig: go.Figure, r: dict, lang: str, row: int) -> None:
    """One horizontal stacked bar of the latest split, every segment labelled directly."""
    parts = [(col, star, float(r[col])) for col, star in (("s3", "3"), ("s4", "4"), ("s5p", "5p"), ("s5", "5"))
             if not missing(r.get(col))]
    total = sum(v for _, _, v in parts) or 1.0
    x0 = 0.0
    labels = []
    for col, star, v in parts:
        fig.add_trace(go.Bar(
            x=[v], y=[""], base=[x0], orientation="h", width=[0.6], name=tier_label(star, lang), legendgroup=star,
            showlegend=False, marker=dict(color=theme.STAR_COLORS[star]),
            hovertext=[f"{esc(tier_label(star, lang))}: {esc(fmt.qualified(v, r.get(col + '_q') or 'exact', lang))}"
                       f"<br>{t('source', lang)}: {esc(_source_name(r, lang))} ({esc(r['source_id'])})"],
            hoverinfo="text", meta=dict(latest=True, tier=star)), row=row, col=1)
        labels.append((x0 + v / 2, v, star))
        x0 += v
    xref, yref = _refs(fig, row)
    narrow = 0
    for i, (cx, v, star) in enumerate(labels):
        text = f"{fmt.number(v, lang)} · {tier_label(star, lang)}"
        # inside the segment when it fits at about 900 px wide; else above it with a leader line,
        # successive narrow labels stepped up so they never overprint
        if v / total * 900 >= len(text) * 7.6 + 12:
            fig.add_annotation(x=cx, y=0, xref=xref, yref=yref, text=f"<b>{esc(text)}</b>", showarrow=False,
                               font=dict(size=13, color="white" if star == "4" else theme.TEXT))
        else:
            narrow += 1
            fig.add_annotation(x=cx, y=0.3, xref=xref, yref=yref, text=f"<b>{esc(text)}</b>", showarrow=True,
                               arrowhead=0, arrowwidth=1, arrowcolor=theme.TEXT, ax=0, ay=-16 - 17 * (narrow - 1),
                               xanchor="right" if cx / total > 0.6 else "left", font=dict(size=13, color=theme.TEXT))
    fig.update_xaxes(range=[0, total * 1.001], showticklabels=False, showgrid=False, zeroline=False, showline=False,
                     row=row, col=1)
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, showline=False, row=row, col=1)


def _refs(fig: go.Figure, row: int) -> tuple[str, str]:
    """The axis references of the subplot in ``row``, column 1 (the last axes made)."""
    sub = fig.get_subplot(row, 1)
    return sub.xaxis.plotly_name.replace("axis", ""), sub.yaxis.plotly_name.replace("axis", "")


# --- evaluation rounds -----------------------------------------------------------------------

ROUND_COLORS = ("#1F618D", "#B9770E", "#117A65", "#7D3C98", "#B03A2E", "#4D5656")


def rounds_chart(rounds: pd.DataFrame, lang: str, label: Callable[[str], str], *, title: str,
                 subtitle: str, source: str | None = None) -> go.Figure | None:
    """Figures 'new in a round' (never running totals) as bars at each round's date, one colour a measure,
    side by side; one panel per territory is not needed (each bar's hover names its territory)."""
    df = rounds[rounds.as_of_date.notna()]
    if df.empty:
        return None
    metrics = list(dict.fromkeys(df.metric))
    fig = go.Figure()
    width = 40
    for i, m in enumerate(metrics):
        grp = df[df.metric == m]
        xs = [display_date(a, p, d) + pd.Timedelta(days=(i - (len(metrics) - 1) / 2) * (width + 4))
              for a, p, d in zip(grp.as_of, grp.as_of_precision, grp.as_of_date)]
        name = str(grp[lang_col("metric", lang)].iloc[0])
        fig.add_trace(go.Bar(
            x=xs, y=[float(v) for v in grp.value], width=[width * DAY_MS] * len(grp), name=name,
            marker_color=ROUND_COLORS[i % len(ROUND_COLORS)],
            text=[fmt.number(v, lang) for v in grp.value], textposition="outside", cliponaxis=False,
            hovertext=[f"<b>{esc(label(r['territory_key']))}</b> · "
                       f"{esc(findings.date_short(r['as_of'], r['as_of_precision'], lang))}<br>{esc(name)}: "
                       f"{esc(fmt.qualified(r['value'], r['qualifier'], lang))}<br>{t('source', lang)}: "
                       f"{esc(_source_name(r, lang))} ({esc(r['source_id'])})" for r in grp.to_dict("records")],
            hoverinfo="text", meta=dict(metric=m)))
    xs = [display_date(a, p, d) for a, p, d in zip(df.as_of, df.as_of_precision, df.as_of_date)]
    fig.update_xaxes(type="date", range=[min(xs) - pd.Timedelta(days=200), max(xs) + pd.Timedelta(days=200)],
                     dtick="M12", tickformat="%Y", ticklabelmode="period", showgrid=False)
    fig.update_yaxes(automargin=True, range=[0, max(float(v) for v in df.value) * 1.2])
    fig.update_layout(barmode="overlay")
    theme.style(fig, lang)
    if source is None:
        from .cite import source_line
        source = source_line(df.drop_duplicates("source_id").to_dict("records"), lang)
    return theme.frame(fig, lang, title=title, subtitle=subtitle, source=source, plot_height=230)


# --- reported totals over time -------------------------------------------------------------

def totals_chart(figures: pd.DataFrame, families: list[list[str]], lang: str, label: Callable[[str], str],
                 territories: pd.DataFrame | None = None, *, title: str = "", subtitle: str | None = None,
                 source: str | None = None, plot_height: int = 230) -> go.Figure:
    """Reported totals over real time, one line per territory (never summed across a merger).

    ``figures``: products_total figures (any kind). Lines join comparable reported figures only;
    year-only or inferred dates are hollow dots; doubtful figures are ✕ markers, not joined;
    estimates are left out. ``families``: per chosen province its territory keys (current first):
    each territory has its own colour, former territories are dashed. Where a territory of the view began
    on a date (a merger), a dotted vertical line marks it.
    """
    fig = go.Figure()
    many = len(families) > 8
    reported = figures[(figures.kind == "reported") & figures.as_of_date.notna()]
    ends = []
    n_series = 0
    for fam in families:
        for j, key in enumerate(fam):
            color = theme.SERIES_COLORS[n_series % len(theme.SERIES_COLORS)] if not many else \
                theme.SERIES_COLORS[0]
            sub = reported[reported.territory_key == key]
            if sub.empty:
                continue
            n_series += 1
            comp = findings.comparable(sub)
            line = comp.drop_duplicates("as_of_date", keep="first")
            name = label(key)
            if not line.empty:
                hollow = line.as_of_precision.isin(["year", "inferred"])
                fig.add_trace(go.Scatter(
                    x=_xdates(line), y=[float(v) for v in line.value], mode="lines+markers", name=esc(name),
                    line=dict(color=color, width=1.4 if many else 2.5, dash="dash" if j > 0 else "solid"),
                    marker=dict(size=6 if many else 9, color=["white" if h else color for h in hollow],
                                line=dict(color=color, width=2)),
                    hovertext=[_total_hover(r, name, lang, comp) for r in line.to_dict("records")], hoverinfo="text",
                    showlegend=not many, meta=dict(territory=key)))
                last = line.iloc[-1]
                ends.append((_xdates(line)[-1], float(last.value), fmt.qualified(last.value, last.qualifier, lang),
                             color, name))
            doubt = sub[sub.confidence == "L"]
            if not doubt.empty:
                fig.add_trace(go.Scatter(
                    x=_xdates(doubt), y=[float(v) for v in doubt.value], mode="markers",
                    name=esc(f"{name}: {t('doubtful_point', lang)}"), showlegend=False,
                    marker=dict(symbol="x-thin-open", size=11, color=color, line=dict(color=color, width=2)),
                    hovertext=[_total_hover(r, name, lang, None) for r in doubt.to_dict("records")], hoverinfo="text",
                    meta=dict(territory=key, doubtful=True)))
    if not many:  # the latest value at each line's end
        for x, y, text, color, name in ends:
            fig.add_annotation(x=x, y=y, text=f"<b>{esc(text)}</b>", showarrow=False, xanchor="left", xshift=8,
                               font=dict(size=13, color=color))
    else:
        top, placed = [], []
        ymax = max((e[1] for e in ends), default=1.0) or 1.0
        for e in sorted(ends, key=lambda e: -e[1]):  # the five largest, never two labels on one spot
            if len(top) < 5 and all(abs(e[1] - p) > 0.05 * ymax for p in placed):
                top.append(e)
                placed.append(e[1])
        for x, y, text, color, name in top:
            fig.add_annotation(x=x, y=y, text=esc(f"{name} {text}"), showarrow=False, xanchor="left", xshift=6,
                               font=dict(size=11, color=color))
    # a merger: where a territory of the view began
    if territories is not None and not territories.empty:
        keys = [k for fam in families for k in fam]
        starts = territories[territories.territory_key.isin(keys) & territories.valid_from.notna()
                             & territories.predecessors.notna()]
        for r in starts.to_dict("records"):
            if not r["valid_from"]:
                continue
            x = pd.Timestamp(r["valid_from"])
            fig.add_vline(x=x.value / 1e6, line=dict(color="#4D5656", width=1.5, dash="dot"))
            fig.add_annotation(x=x, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False, xanchor="right",
                               text=esc(t("merger_line", lang).format(date=fmt.day(r["valid_from"], lang))),
                               font=dict(size=12, color="#4D5656"))
    xs = _xdates(reported)
    if xs:
        lo, hi = min(xs) - pd.Timedelta(days=120), max(xs) + pd.Timedelta(days=260)
        fig.update_xaxes(type="date", range=[lo, hi], dtick="M12", tickformat="%Y", ticklabelmode="period",
                         showgrid=False)
    ys = [float(v) for v in reported.value] or [1.0]
    fig.update_yaxes(range=[0, max(ys) * 1.12], title_text=None, automargin=True)
    theme.style(fig, lang)
    if source is None:
        from .cite import source_line
        srcs = reported[["source_id", "source_title", "source_address", "source_file"]].drop_duplicates(
            "source_id").to_dict("records") if not reported.empty else []
        source = source_line(srcs, lang, notes=[t("totals_notes", lang)])
    theme.frame(fig, lang, title=title, subtitle=t("totals_subtitle", lang) if subtitle is None else subtitle,
                source=source, legend=[] if many else None, legend_gap=18, plot_height=plot_height)
    return fig


def _xdates(df: pd.DataFrame) -> list:
    return [display_date(a, p, d) for a, p, d in zip(df.as_of, df.as_of_precision, df.as_of_date)]


def _total_hover(r: dict, name: str, lang: str, comp) -> str:
    lines = [f"<b>{esc(name)}</b>: {esc(fmt.qualified(r['value'], r['qualifier'], lang))}",
             f"{t('as_of', lang)}: {esc(findings.date_short(r['as_of'], r['as_of_precision'], lang))}",
             f"{t('source', lang)}: {esc(_source_name(r, lang))} ({esc(r['source_id'])})"]
    if comp is not None:
        others = comp[(comp.as_of_date == r["as_of_date"]) & (comp.source_id != r["source_id"])]
        for o in others.to_dict("records"):
            lines.append(f"{t('source', lang)}: {esc(_source_name(o, lang))} ({esc(o['source_id'])}): "
                         f"{esc(fmt.qualified(o['value'], o['qualifier'], lang))}")
    if r.get("confidence") == "L":
        lines.append(esc(t("doubtful_flag", lang)))
    return "<br>".join(lines)


# --- targets: bullet charts ----------------------------------------------------------------

def _short(text: str, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def target_rows(progress: pd.DataFrame) -> pd.DataFrame:
    """The targets a bullet chart draws: every one with a comparable figure, or whose unit was abolished."""
    if progress.empty:
        return progress
    keep = progress.latest_value.notna() | progress.status.eq("unit_abolished")
    return progress[keep & progress.value.notna()]


def target_chart(progress: pd.DataFrame, lang: str, label: Callable[[str], str], *, title: str = "",
                 subtitle: str | None = None, source: str | None = None) -> go.Figure | None:
    """Bullet rows: per target the actual as a bar in its status colour against the target (a black
    tick at 100%), its deadline, and its status in words with a symbol (seven statuses, seven colours,
    seven shapes). Short labels; the full wording is in the hover. A target whose unit was abolished
    still shows how far it had got, with its figure's date."""
    rows = target_rows(progress).reset_index(drop=True)
    if rows.empty:
        return None
    fig = go.Figure()
    n = len(rows)
    pcts = [None if missing(p) else float(p) for p in rows.percent]
    xmax = max([125.0] + [p + 20 for p in pcts if p is not None])
    ys = list(range(n))
    # the target band (0-100%, a range target's upper end a shade darker)
    fig.add_trace(go.Bar(x=[100.0] * n, y=ys, orientation="h", width=0.3, marker=dict(color="#E5E8E8"),
                         hoverinfo="skip", showlegend=False))
    highs = [(i, 100.0 * float(r["value_high"]) / float(r["value"])) for i, r in enumerate(rows.to_dict("records"))
             if r["comparison"] == "range" and not missing(r.get("value_high")) and r["value"]]
    if highs:
        fig.add_trace(go.Bar(x=[h - 100 for _, h in highs], y=[i for i, _ in highs], base=[100.0] * len(highs),
                             orientation="h", width=0.3, marker=dict(color="#CCD1D1"), hoverinfo="skip",
                             showlegend=False))
    recs = rows.to_dict("records")
    hovers = []
    for r in recs:
        lines = [f"<b>{esc(findings.target_finding(r, label(r['territory_key']), lang))}</b>",
                 esc(r[lang_col("description", lang)]),
                 f"{t('plan', lang)}: {esc(r[lang_col('plan', lang)])}",
                 f"{t('target_source', lang)}: {esc(_source_name(r, lang))} ({esc(r['source_id'])})"]
        if isinstance(r.get("latest_source"), str):
            lines.append(f"{t('figure_source', lang)}: {esc(_source_name({'source_id': r['latest_source'], 'source_title': r.get('latest_source_title'), 'source_address': r.get('latest_source_address'), 'source_file': r.get('latest_source_file')}, lang))} ({esc(r['latest_source'])})")  # noqa: E501
        hovers.append("<br>".join(lines))
    fig.add_trace(go.Bar(
        x=[p or 0 for p in pcts], y=ys, orientation="h", width=0.14,
        marker=dict(color=[theme.STATUS_COLORS[s] for s in rows.status]),
        hovertext=hovers, hoverinfo="text", showlegend=False,
        meta=dict(statuses=list(rows.status), targets=list(rows.target_id))))
    # the target: a black tick at 100%
    fig.add_trace(go.Scatter(x=[100.0] * n, y=ys, mode="markers", marker=dict(symbol="line-ns", size=24,
                                                                               line=dict(width=3, color="#1C2833")),
                             hoverinfo="skip", showlegend=False))
    # status shapes at the bar's end, one legend entry per status shown
    for status in theme.STATUS_ORDER:
        idx = [i for i, s in enumerate(rows.status) if s == status]
        if not idx:
            continue
        fig.add_trace(go.Scatter(
            x=[pcts[i] if pcts[i] is not None else 0 for i in idx], y=idx, mode="markers",
            marker=dict(symbol=theme.STATUS_MARKERS[status], size=13, color=theme.STATUS_COLORS[status],
                        line=dict(width=2, color=theme.STATUS_COLORS[status])),
            name=findings.status_label(status, lang), hovertext=[hovers[i] for i in idx], hoverinfo="text",
            meta=dict(status=status)))
    for i, r in enumerate(recs):
        # every line short enough for a phone: what and the target; where, which plan, when; then the bar;
        # then the status in words with its symbol and the figure with its date
        what = findings.what(r, lang) or str(r[lang_col("metric", lang)])
        head = f"{what[:1].upper()}{what[1:]}: {findings.target_value_text(r, lang)}"
        where = f"{label(r['territory_key'])} · {findings.plan_short(r, lang)} · {t('deadline', lang).lower()} " \
                f"{findings.deadline_text(r, lang)}"
        text = "<br>".join(f"<b>{esc(line)}</b>" for line in theme.wrap(head, 50)) + "<br>" + "<br>".join(
            f"<span style='font-size:12px;color:{theme.MUTED}'>{esc(line)}</span>" for line in theme.wrap(where, 58))
        fig.add_annotation(x=0, y=i - 0.25, xref="x", yref="y", text=text, showarrow=False, align="left",
                           xanchor="left", yanchor="bottom", font=dict(size=13, color=theme.TEXT))
        status = f"<span style='color:{theme.STATUS_COLORS[r['status']]}'>" \
                 f"<b>{esc(findings.status_label(r['status'], lang))}</b></span>"
        if pcts[i] is not None:
            value = f"{status} · <b>{esc(findings.actual_text(r, lang, words=False))}</b> " \
                    f"({esc(findings.date_short(r['latest_as_of'], r['latest_precision'], lang))}) · " \
                    f"{esc(fmt.percent(pcts[i], lang))}"
        else:
            value = f"{status} · {esc(t('no_figure', lang))}"
        fig.add_annotation(x=0, y=i + 0.13, xref="x", yref="y", text=value, showarrow=False, xanchor="left",
                           yanchor="top", font=dict(size=13, color=theme.TEXT))
    fig.update_yaxes(showticklabels=False, showgrid=False, range=[n - 0.4, -0.78], zeroline=False)
    fig.update_xaxes(range=[0, xmax], tickvals=[0, 50, 100], ticktext=["0%", "50%", "100%"], showgrid=True,
                     zeroline=False)
    fig.update_layout(barmode="overlay", bargap=0)
    theme.style(fig, lang)
    if source is None:
        from .cite import source_line
        srcs = [normalise_source(r) for r in recs] + [
            {"source_id": r["latest_source"], "title": r.get("latest_source_title"),
             "address": r.get("latest_source_address"), "seed_file": r.get("latest_source_file")}
            for r in recs if isinstance(r.get("latest_source"), str)]
        source = source_line(srcs, lang, notes=[t("status_rule", lang)])
    if subtitle is None:
        subtitle = t("targets_chart_sub", lang).format(counts=status_counts(progress, lang))
    fig.update_traces(cliponaxis=False, selector=dict(type="scatter"))
    fig.update_layout(margin_l=16, margin_r=16)
    theme.frame(fig, lang, title=title, subtitle=subtitle, source=source, plot_height=128 * n + 10)
    fig.update_yaxes(autorange=False)
    return fig


def status_counts(progress: pd.DataFrame, lang: str) -> str:
    """'6 mục tiêu: 1 ✓ Đã đạt · 1 ↘ Chậm tiến độ · …' in the order of the statuses."""
    if progress.empty:
        return t("n_targets", lang).format(n=0)
    counts = progress.status.value_counts()
    parts = [f"{counts[s]} {findings.status_label(s, lang)}" for s in theme.STATUS_ORDER if s in counts]
    return t("n_targets", lang).format(n=len(progress)) + ": " + " · ".join(parts)


def progress_chart(progress: pd.DataFrame, lang: str, label: Callable[[str], str]) -> go.Figure | None:
    """The presentation's name for the targets chart: the bullet chart."""
    return target_chart(progress, lang, label)


# --- producers by type ------------------------------------------------------------------

def subjects_chart(counts: pd.DataFrame, lang: str, source_line: str) -> go.Figure:
    """Producers by type: columns subject_type and n."""
    fig = go.Figure(go.Bar(
        x=[t(f"type_{v}", lang) for v in counts.subject_type], y=counts.n.astype(int),
        marker_color=[theme.TYPE_COLORS.get(v, "#999") for v in counts.subject_type],
        text=[fmt.number(v, lang) for v in counts.n], textposition="outside",
        hovertext=[f"{esc(t(f'type_{v}', lang))}: {x}" for v, x in zip(counts.subject_type, counts.n)],
        hoverinfo="text"))
    fig.update_yaxes(title_text=t("count_listed", lang))
    return theme.style(fig, lang, height=360, bottom=80, source_line=source_line)


def short_source_label(r: dict, lang: str) -> str:
    return short_label(normalise_source(r), lang)
