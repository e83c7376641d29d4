"""Projector charts of the slides and the printed page (Plotly, no streamlit).

Sized for a room: every text ≥ 20 px, direct labels instead of legends where there are few series,
time on a true time axis, the 100% line drawn on the targets. Colours come from ``story.theme`` so a
tier or a status keeps its colour on every page, slide, .pptx and print. The figures set no height:
the slide gives them the room the screen has.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ocop_data.words import t
from story import findings, fmt, theme
from story.cite import esc


TEXT = 20  # the smallest text on a projected chart, in px at 1920 wide
LABEL = 22
INK = "#1C2833"
MUTED = "#424949"  # contrast 9.9:1 on white, survives a washed-out projector
TERRITORY_COLOURS = ["#1F618D", "#B9770E", "#6C3483", "#117A65"]
TIER_ORDER = [("s3", "3"), ("s4", "4"), ("s5p", "5p"), ("s5", "5"), ("rest", "total")]
APPROX = ("year", "inferred")
# status words in a darker shade of the status colour: at least 4.5:1 on white (the bars keep the colour)
STATUS_TEXT = {"reached": "#1D6E3D", "on_track": "#1F5F8B", "behind": "#9C4A0B", "missed": "#A93226",
               "no_figure_at_deadline": "#424949", "no_data": "#424949", "unit_abolished": "#424949"}


def _look(fig: go.Figure, lang: str, margin: dict | None = None) -> go.Figure:
    fig.update_layout(
        template=theme.TEMPLATE, separators=theme.separators(lang), autosize=True,
        font=dict(family=theme.FONT, size=TEXT, color=INK),
        margin=dict(l=10, r=20, t=20, b=10, **{}) if margin is None else margin,
        hoverlabel=dict(font_size=TEXT, font_family=theme.FONT), showlegend=False,
    )
    fig.update_xaxes(tickfont=dict(size=TEXT, color=INK), title_font=dict(size=TEXT, color=INK), automargin=True,
                     linecolor="#909497", showline=True)
    fig.update_yaxes(tickfont=dict(size=TEXT, color=INK), title_font=dict(size=TEXT, color=INK), automargin=True,
                     gridcolor=theme.GRID)
    return fig


def drawn_at(as_of_date, precision) -> pd.Timestamp:
    """Where a report stands on the time axis: a year-only (or inferred) date in the middle of its year,
    under its year's label, drawn hollow or pale (it sorts and compares as the year's end, RULES.md §3);
    a month or a day where it is."""
    when = pd.Timestamp(as_of_date)
    if precision in APPROX:
        return pd.Timestamp(year=when.year, month=7, day=1)
    return when


# --- the headline slide: the total over time and the main target ----------------------------------

def trend_figure(series: dict, family: list[str], label: Callable[[str], str], lang: str,
                 target: dict | None = None, short_label: Callable[[str], str] | None = None) -> go.Figure:
    """Comparable reported totals of a province and its predecessors, one line each (never joined),
    on a true time axis; the latest value labelled at the line's end; the main target as a hollow
    diamond at its deadline."""
    fig = go.Figure()
    short_label = short_label or label
    xs: list = []
    keys = [k for k in family if k in series and not series[k].empty]
    for i, key in enumerate(keys):
        s = series[key].sort_values("as_of_date", kind="stable")
        # one point per date (two sources that agree are one point; a disagreement shows both)
        s = s.drop_duplicates(["as_of_date", "value"])
        s = s.assign(as_of_date=[drawn_at(a, p) for a, p in zip(s.as_of_date, s.as_of_precision)])
        colour = TERRITORY_COLOURS[i % len(TERRITORY_COLOURS)]
        approx = [p in APPROX for p in s.as_of_precision]
        xs += list(s.as_of_date)
        n = len(s)
        names = "" if len(keys) == 1 else short_label(key)
        fig.add_trace(go.Scatter(
            x=s.as_of_date, y=s.value.astype(float), mode="lines+markers+text",
            line=dict(color=colour, width=4),
            marker=dict(size=16, color=["white" if a else colour for a in approx], line=dict(color=colour, width=3),
                        symbol="circle"),
            text=[""] * (n - 1) + [fmt.qualified(s.value.iloc[-1], s.qualifier.iloc[-1], lang)],
            textposition="top center", showlegend=False,
            textfont=dict(size=LABEL, color=colour),
            hovertext=[f"{esc(label(key))}<br>{esc(fmt.partial_date(a, p, lang))}: "
                       f"{esc(fmt.qualified(v, q, lang))}<br>{t('source', lang)}: {esc(src)}"
                       for a, p, v, q, src in zip(s.as_of, s.as_of_precision, s.value, s.qualifier, s.source_id)],
            hoverinfo="text", name=esc(names or label(key)), cliponaxis=False))
        if names:  # the legend's sample: a plain line and a filled marker
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines+markers", name=esc(names),
                                     line=dict(color=colour, width=4), marker=dict(size=14, color=colour)))
    if target and not pd.isna(target.get("value")):
        when = pd.Timestamp(target["deadline_date"])
        xs.append(when)
        colour = TERRITORY_COLOURS[keys.index(target["territory_key"]) % len(TERRITORY_COLOURS)] \
            if target["territory_key"] in keys else INK
        # the target as a dashed level across the chart (how far, at a glance) and a diamond at its deadline
        fig.add_hline(y=float(target["value"]), line=dict(color=colour, width=2, dash="dash"))
        fig.add_annotation(xref="paper", yref="paper", x=0.0, y=0.98, yanchor="top", xanchor="left",
                           showarrow=False, text="╌╌ ◇ " + esc(t("target_line", lang).format(
                               v=findings.target_short(target, lang))),
                           font=dict(size=TEXT, color=colour), bgcolor="rgba(255,255,255,0.9)")
        fig.add_trace(go.Scatter(
            x=[when], y=[float(target["value"])], mode="markers",
            marker=dict(symbol="diamond-open", size=22, color=colour, line=dict(width=3)),
            hoverinfo="skip", cliponaxis=False, showlegend=False))
    if xs:
        lo, hi = min(xs), max(xs)
        pad = max(pd.Timedelta(days=120), (hi - lo) * 0.08)
        right = (hi - lo) * 0.04 + pd.Timedelta(days=60)
        fig.update_xaxes(range=[lo - pad, hi + right])
    fig.update_xaxes(type="date", tickformat="%Y", dtick="M12", ticklabelmode="period", showgrid=False)
    ymax = max([float(s.value.max()) for k, s in series.items() if k in keys] +
               ([float(target["value"])] if target and not pd.isna(target.get("value")) else []) + [1])
    fig.update_yaxes(range=[0, ymax * 1.18], title_text=t("unit_products", lang), rangemode="tozero")
    _look(fig, lang, margin=dict(l=10, r=30, t=30 if len(keys) == 1 else 60, b=10))
    if len(keys) > 1:
        fig.update_layout(showlegend=True, legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left",
                                                       x=0, font=dict(size=TEXT), title_text=""))
    return fig


# --- star tiers over time ----------------------------------------------------------------------------

def _merge_agreeing(sub: pd.DataFrame) -> pd.DataFrame:
    """Reports of one territory at one date that give the same figures become one bar (their sources
    listed together); disagreeing ones stay separate bars side by side."""
    cols = ["total", "s3", "s4", "s5", "s5p"]
    sub = sub.assign(_sig=[tuple(None if pd.isna(v) else float(v) for v in r) for r in sub[cols].itertuples(index=False)])
    out = []
    for (_, _, _), grp in sub.groupby(["as_of_date", "_sig", "doubtful"], sort=False, dropna=False):
        first = grp.iloc[0].copy()
        first["sources"] = ", ".join(sorted(grp.source_id))
        out.append(first)
    merged = pd.DataFrame(out).drop(columns="_sig")
    return merged.sort_values(["as_of_date", "doubtful", "source_id"], kind="stable").reset_index(drop=True)


def _positions(dates: list, gap_days: float, width_days: float) -> list:
    """Where each bar stands (bars closer than ``gap_days`` side by side around their mean date), and the
    index of the first bar of each bar's group."""
    out, cluster, i = list(dates), [0] * len(dates), 0
    while i < len(dates):
        j = i
        while j + 1 < len(dates) and (dates[j + 1] - dates[i]).days < gap_days:
            j += 1
        k = j - i + 1
        for m in range(k):
            cluster[i + m] = i
        if k > 1:
            centre = dates[i] + (dates[j] - dates[i]) / 2
            for m in range(k):
                out[i + m] = centre + pd.Timedelta(days=(m - (k - 1) / 2) * width_days * 1.06)
        i = j + 1
    return out, cluster


def tier_time_figure(reports: pd.DataFrame, family: list[str], label: Callable[[str], str],
                     lang: str) -> go.Figure:
    """Stacked bars per report on a true time axis; one row per territory (predecessors one under the
    other on the same time axis, never one series); year-only dates pale, doubtful reports hatched,
    the total labelled on top."""
    keys = [k for k in family if (reports.territory_key == k).any()]
    rows = max(1, len(keys))
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.16 if rows > 1 else 0.02,
                        subplot_titles=[label(k) for k in keys] if rows > 1 else None)
    dates = pd.to_datetime(reports.as_of_date)
    span = max(365, (dates.max() - dates.min()).days) if not reports.empty else 365
    width_days = min(150.0, max(45.0, span / 28))
    shown_tiers: set = set()
    ymax = 1.0
    for r, key in enumerate(keys, start=1):
        sub = _merge_agreeing(reports[reports.territory_key == key])
        d = [drawn_at(a, p) for a, p in zip(sub.as_of_date, sub.as_of_precision)]
        x, cluster = _positions(d, width_days * 1.2, width_days)
        approx = [p in APPROX for p in sub.as_of_precision]
        for col, star in TIER_ORDER:
            if sub[col].isna().all():
                continue
            fig.add_trace(go.Bar(
                x=x, y=[None if pd.isna(v) else float(v) for v in sub[col]], width=width_days * 86_400_000,
                name=t("stars_total" if star == "total" else f"stars_{star}", lang),
                marker=dict(color=theme.STAR_COLORS[star], opacity=None,
                            line=dict(color="white", width=1),
                            pattern=dict(shape=["/" if dd else "" for dd in sub.doubtful], fillmode="overlay",
                                         fgcolor="#1C2833", size=10)),
                opacity=1.0, showlegend=False, legendgroup=star,
                hovertext=[f"{esc(label(key))} · {esc(fmt.partial_date(a, p, lang))}<br>"
                           f"{esc(t('stars_total' if star == 'total' else f'stars_{star}', lang))}: "
                           f"{esc(fmt.number(v, lang))}<br>{t('sources', lang)}: {esc(s)}"
                           for a, p, v, s in zip(sub.as_of, sub.as_of_precision, sub[col], sub.sources)],
                hoverinfo="text"), row=r, col=1)
            shown_tiers.add(star)
            # year-only bars pale: the colour stays (one meaning everywhere), the certainty reads lower
            fig.data[-1].marker.opacity = [0.5 if a else 1.0 for a in approx]
        tops = [float(v) if not pd.isna(v) else float(sum(0 if pd.isna(sub.iloc[i][c]) else sub.iloc[i][c]
                                                          for c in ("s3", "s4", "s5", "s5p")))
                for i, v in enumerate(sub.total)]
        ymax = max([ymax] + tops)
        # one label over each group of bars: the total (once when the sources agree on it), ⚠ when doubtful,
        # and a count of five-star products, which no bar could show at this scale
        lx, ly, lt = [], [], []
        for first in sorted(set(cluster)):
            idx = [m for m, g in enumerate(cluster) if g == first]
            texts = list(dict.fromkeys(fmt.qualified(tops[m], sub.qualifier.iloc[m], lang)
                                       + (" ⚠" if sub.doubtful.iloc[m] else "") for m in idx))
            five = {fmt.number(sub.s5.iloc[m], lang) for m in idx if not pd.isna(sub.s5.iloc[m]) and sub.s5.iloc[m] > 0}
            label_ = " · ".join(texts) + (f"<br>{t('stars_5', lang)}: {', '.join(sorted(five))}" if five else "")
            lx.append(x[idx[0]] + (x[idx[-1]] - x[idx[0]]) / 2)
            ly.append(max(tops[m] for m in idx))
            lt.append(label_)
        fig.add_trace(go.Scatter(
            x=lx, y=ly, mode="text", cliponaxis=False, hoverinfo="skip", showlegend=False, text=lt,
            textposition="top center", textfont=dict(size=LABEL, color=INK)), row=r, col=1)
    for col, star in TIER_ORDER:  # the legend shows each tier's plain colour (not a hatched or pale bar)
        if star in shown_tiers:
            fig.add_trace(go.Bar(x=[None], y=[None], name=t("stars_total" if star == "total" else f"stars_{star}",
                                                                lang),
                                 marker_color=theme.STAR_COLORS[star], showlegend=True, legendgroup=star,
                                 hoverinfo="skip"), row=1, col=1)
    fig.update_layout(barmode="stack", bargap=0)
    _look(fig, lang, margin=dict(l=10, r=20, t=50 if rows == 1 else 80, b=10))
    fig.update_layout(showlegend=True, legend=dict(orientation="h", yanchor="bottom", y=1.02 + 0.05 * (rows - 1),
                                                   xanchor="left", x=0, font=dict(size=TEXT), title_text="",
                                                   traceorder="normal"))
    for ann in fig.layout.annotations:  # the territory names over each row
        ann.font = dict(size=LABEL, color=INK)
        ann.x, ann.xanchor = 0, "left"
    fig.update_yaxes(range=[0, ymax * 1.25], nticks=4)
    fig.update_yaxes(title_text=t("unit_products", lang), row=1, col=1)
    if not reports.empty:
        drawn = [drawn_at(a, p) for a, p in zip(reports.as_of_date, reports.as_of_precision)]
        lo, hi = min(drawn), max(drawn)
        fig.update_xaxes(range=[lo - pd.Timedelta(days=width_days * 2), hi + pd.Timedelta(days=width_days * 2)])
    fig.update_xaxes(type="date", tickformat="%Y", dtick="M12", ticklabelmode="period", showgrid=False)
    return fig


# --- targets: bullet bars against the 100% line -------------------------------------------------------

def bullet_figure(progress: pd.DataFrame, label: Callable[[str], str], lang: str) -> go.Figure:
    """One bullet bar per target with a comparable figure: the grey band is the target (100%), the
    coloured bar what was reached; the black line at 100%; the value at the bar's end; the status in
    words and a mark (✓ ↗ ↘ ✗ ? ⊘) next to the target's name, not by colour alone."""
    p = progress.reset_index(drop=True)
    cats = [f"<b>{esc(label(k))}</b> · {esc(findings.target_short(g, lang))}<br>"
            f"<span style='color:{STATUS_TEXT.get(g['status'], INK)}'>"
            f"{esc(findings.status_label(g['status'], lang))}</span>"
            for k, g in zip(p.territory_key, p.to_dict("records"))]
    y = list(range(len(p)))
    pct = [float(v) for v in p.percent]
    top = max([100.0] + pct)
    fig = go.Figure()
    fig.add_trace(go.Bar(y=y, x=[100.0] * len(p), orientation="h", width=0.72, marker_color="#E5E8E8",
                         hoverinfo="skip"))
    fig.add_trace(go.Bar(
        y=y, x=pct, orientation="h", width=0.36,
        marker=dict(color=[theme.STATUS_COLORS.get(s, INK) for s in p.status]),
        hovertext=[f"{esc(fmt.qualified(v, q or 'exact', lang))} / {esc(fmt.number(g, lang))} "
                   f"({esc(fmt.partial_date(a, pr, lang))})<br>{t('figure_source', lang)}: {esc(s)}"
                   for v, q, g, a, pr, s in zip(p.latest_value, p.latest_qualifier, p.value, p.latest_as_of,
                                                p.latest_precision, p.latest_source)], hoverinfo="text"))
    fig.add_trace(go.Scatter(
        y=y, x=[max(v, 100.0) for v in pct], mode="text", cliponaxis=False, hoverinfo="skip",
        text=[f"  {fmt.percent(v, lang, 0)} ({fmt.qualified(lv, q or 'exact', lang)}, "
              f"{fmt.partial_date(a, pr, lang)})"
              for v, lv, q, a, pr in zip(pct, p.latest_value, p.latest_qualifier, p.latest_as_of,
                                         p.latest_precision)],
        textposition="middle right", textfont=dict(size=LABEL, color=INK)))
    fig.add_shape(type="line", x0=100, x1=100, y0=-0.5, y1=len(p) - 0.5, line=dict(color="#000000", width=4))
    fig.add_annotation(x=100, y=-0.5, yref="y", text="100%", showarrow=False, yanchor="bottom",
                       font=dict(size=LABEL, color="#000000"), yshift=-2)
    fig.update_layout(barmode="overlay", bargap=0.2)
    _look(fig, lang, margin=dict(l=10, r=10, t=40, b=10))
    fig.update_yaxes(tickvals=y, ticktext=cats, autorange="reversed", showgrid=False, range=[len(p) - 0.5, -0.9])
    ticks = [0, 50, 100] + ([150] if top > 140 else [])
    fig.update_xaxes(range=[0, top * 1.75], tickvals=ticks, ticktext=[f"{v}%" for v in ticks], showgrid=True,
                     gridcolor=theme.GRID, zeroline=False)
    return fig


# --- producers by type ------------------------------------------------------------------------------

def subjects_figure(panels: list[dict], lang: str) -> go.Figure:
    """One panel per territory: producers by type, with the count at each bar's end."""
    n = max(1, len(panels))
    titles = [f"<b>{esc(p['label'])}</b><br>" + esc(
        t("subjects_published_note", lang).format(date=p["published"]["date"]) if p["published"] else
        t("subjects_listed_note", lang).format(n=fmt.number(int(p["counts"].n.sum()), lang)))
        for p in panels]
    fig = make_subplots(rows=1, cols=n, subplot_titles=titles, horizontal_spacing=0.12)
    order = ["htx", "dn", "tht", "hkd"]
    for i, p in enumerate(panels, start=1):
        c = p["counts"].set_index("subject_type").reindex([o for o in order if o in set(p["counts"].subject_type)])
        c = c.reset_index()
        fig.add_trace(go.Bar(
            y=[t(f"type_{v}", lang) for v in c.subject_type], x=c.n.astype(int), orientation="h",
            marker_color=[theme.TYPE_COLORS.get(v, "#999999") for v in c.subject_type],
            text=[fmt.number(v, lang) for v in c.n], textposition="outside", cliponaxis=False,
            textfont=dict(size=LABEL, color=INK),
            hovertext=[f"{esc(t(f'type_{v}', lang))}: {x}" for v, x in zip(c.subject_type, c.n)],
            hoverinfo="text"), row=1, col=i)
        fig.update_xaxes(range=[0, float(c.n.max()) * 1.3], row=1, col=i, showticklabels=False, showgrid=False)
        fig.update_yaxes(autorange="reversed", row=1, col=i)
    _look(fig, lang, margin=dict(l=10, r=20, t=90, b=10))
    for ann in fig.layout.annotations:
        ann.font = dict(size=TEXT, color=INK)
        ann.x, ann.xanchor, ann.align = ann.x - (0.5 / n) * 0.9 if n else ann.x, "left", "left"
    fig.update_layout(bargap=0.35)
    return fig


# --- the sales-point map ----------------------------------------------------------------------------

def slide_deck(points: pd.DataFrame, shapes: pd.DataFrame, lang: str, name: Callable[[str], str]):
    """The map page's deck (``story.maps.build_deck``) for a projector: larger circles with the count
    inside, drawn in a character set deck.gl is given (the place names stand in a list beside the map:
    seven districts a few millimetres apart cannot carry 20 px names without covering each other)."""
    import pydeck as pdk

    from story import maps

    deck, mapped, unmapped = maps.build_deck(points, shapes, {}, False, lang, name, zoom=fit_zoom(shapes))
    for layer in deck.layers:
        if getattr(layer, "id", "") in ("counted_points", "localities"):
            layer.radius_min_pixels = 17
            layer.line_width_min_pixels = 2
    deck.layers = [layer for layer in deck.layers if getattr(layer, "id", "") != "count_labels"]
    labelled = mapped[mapped.label != ""] if not mapped.empty else mapped
    if not labelled.empty:
        # pydeck reads a plain string as an expression: a quoted one is a literal
        chars = "".join(sorted(set("".join(labelled.label.astype(str))) | set("0123456789")))
        deck.layers.append(pdk.Layer(
            "TextLayer", labelled.to_dict("records"), id="count_labels", get_position=["lon", "lat"],
            get_text="label", get_size=22, get_color=[28, 40, 51], font_weight=700, character_set=f"'{chars}'",
            font_family="'Noto Sans, Arial, sans-serif'", get_alignment_baseline="'center'"))
    return deck, mapped, unmapped


def fit_zoom(shapes: pd.DataFrame, height_px: int = 430, width_px: int = 1100) -> float | None:
    """A zoom at which the provinces' districts fill a slide's map (the smallest projector's room)."""
    import json
    import math

    if shapes.empty:
        return None
    lats, lons = [], []
    for g in shapes.geometry:
        def walk(c):
            if isinstance(c[0], (int, float)):
                lons.append(c[0]); lats.append(c[1])  # noqa: E702
            else:
                for x in c:
                    walk(x)
        walk(json.loads(g)["coordinates"])
    def merc(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    span_y = (merc(max(lats)) - merc(min(lats))) / (2 * math.pi) * 512
    span_x = (max(lons) - min(lons)) / 360 * 512
    return round(min(math.log2(height_px / span_y), math.log2(width_px / span_x)), 2)


def _clip(text, n: int) -> str:
    """At most ``n`` characters, cut at a word (or a comma) with '…'."""
    text = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    space = max(cut.rfind(" "), cut.rfind(","))
    if space > n // 2:
        cut = cut[:space]
    return cut.rstrip(" ,·") + "…"
