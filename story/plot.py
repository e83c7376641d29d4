"""Plotly drawing of a chart definition (``story.spec.Chart``), for the page and for the slide.

One drawing for both: the ``screen`` surface puts the finding title, the subtitle and the source line
inside the figure (``theme.frame``, so an exported image keeps them) and sizes text for a page; the
``projector`` surface leaves the title and the source line to the slide, sets no height (the slide gives
the room) and writes every text at 20 px or more. Nothing here decides what is drawn: values, dates,
positions, labels and colours come from the definition.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import theme
from .cite import esc
from .spec import DAY_MS, Chart, Mark, Panel, Series

SIZES = {
    "screen": dict(text=13, label=13, tick=12, small=12, marker=9, line=2.5, gap=72, status=13, tick_mark=24),
    "projector": dict(text=20, label=22, tick=20, small=20, marker=15, line=4, gap=80, status=18, tick_mark=34),
}
SYMBOLS = {"circle": "circle", "x": "x-thin-open", "diamond": "diamond", "line": "line-ns", "ring": "circle-open"}
POSITIONS = {"right": "middle right", "left": "middle left", "above": "top center", "below": "bottom center"}


def _c(key: str) -> str:
    return theme.colour(key)


def _hover(m: Mark) -> str:
    return "<br>".join(esc(line) for line in m.hover.split("\n")) if m.hover else ""


def _symbol(s: Series) -> str:
    if s.symbol.startswith("status_"):
        return theme.STATUS_MARKERS[s.symbol[len("status_"):]]
    return SYMBOLS.get(s.symbol, "circle")


def figure(chart: Chart, surface: str = "screen") -> go.Figure:
    """The chart as a Plotly figure on ``surface`` ('screen' or 'projector')."""
    sz = SIZES[surface]
    panels = chart.panels or [Panel()]
    heights = [p.height or 230 for p in panels]
    n = len(panels)
    plot_h = sum(heights) + sz["gap"] * (n - 1)
    titles = [esc(p.title) for p in panels] if any(p.title for p in panels) else None
    fig = make_subplots(rows=n, cols=1, row_heights=heights, subplot_titles=titles,
                        vertical_spacing=min(0.3, sz["gap"] / plot_h) if n > 1 else 0.02)
    for ann in fig.layout.annotations:  # panel titles: left-aligned, above their panel
        ann.update(font=dict(size=sz["text"], color=theme.TEXT), x=0, xanchor="left", align="left")
    shown: set = set()
    for i, panel in enumerate(panels, start=1):
        own = [s for s in chart.series if s.panel == i - 1]
        if panel.kind == "rows":  # the value axis's name once, under the last panel that shares its unit
            later = [p for p in panels[i:] if p.kind == "rows" and p.axis and p.unit == panel.unit]
            _rows(fig, panel, own, i, sz, shown, name_axis=not later)
        else:
            _time(fig, panel, own, i, sz, shown, chart)
    for s in chart.series:  # legend entries that stand for a drawing, not for data (hatching, side by side)
        if s.decor and s.kind == "bar" and not s.marks and s.legend:
            marker = dict(color=_c(s.colour))
            if s.symbol == "hatch":
                marker["pattern"] = dict(shape="/", fgcolor=theme.TEXT, size=7, solidity=0.25)
            fig.add_trace(go.Bar(x=[None], y=[None], marker=marker, name=esc(s.name), legendgroup=s.key,
                                 showlegend=True, hoverinfo="skip"), row=1, col=1)
    fig.update_layout(barmode="overlay", bargap=0)
    if surface == "projector":
        _projector(fig, chart, sz)
        return fig
    theme.style(fig, chart.lang, height=520)
    foot = "\n".join([chart.source_text] + [x for x in chart.notes if x])
    names = [tr.name for tr in fig.data if tr.showlegend is not False and tr.name]
    theme.frame(fig, chart.lang, title=chart.title, subtitle=chart.subtitle, source=foot,
                plot_height=plot_h + 10, legend=names, legend_gap=30 if panels[0].title else 0,
                ticks=16 if panels[-1].kind == "rows" and not panels[-1].axis else 34)
    fig.update_layout(meta=dict(fig.layout.meta, chart=chart.key, sources=chart.sources))
    return fig


def _refs(fig: go.Figure, row: int) -> tuple[str, str]:
    sub = fig.get_subplot(row, 1)
    return sub.xaxis.plotly_name.replace("axis", ""), sub.yaxis.plotly_name.replace("axis", "")


def _meta(s: Series, panel: Panel, marks: list[Mark]) -> dict:
    """What a trace is, for the page and the tests (never drawn): its series, panel, territory, sources."""
    territory = panel.key or (s.key.split(":")[0] if s.colour.startswith("territory_") else None)
    return dict(series=s.key, panel=s.panel, tier=s.key, territory=territory, decor=s.decor,
                sources=[list(m.sources) for m in marks], dates=[m.date for m in marks],
                doubtful=s.key.endswith(":doubtful") or None)


# --- a time panel ---------------------------------------------------------------------------------

def _time(fig, panel: Panel, series: list[Series], row: int, sz: dict, shown: set, chart: Chart) -> None:
    categorical = bool(panel.rows)
    many = sum(1 for s in series if s.kind == "line") > 8
    for s in series:
        marks = [m for m in s.marks if m.y is not None]
        if not marks and s.kind != "range":
            continue
        first = s.legend and s.name and s.key not in shown
        common = dict(name=esc(s.name), legendgroup=s.key, showlegend=bool(first))
        if s.kind == "bar":
            fig.add_trace(go.Bar(
                x=[m.x for m in marks], y=[m.y for m in marks], base=[m.base for m in marks],
                width=[s.width * DAY_MS] * len(marks),
                marker=dict(color=[_c(m.colour or s.colour) for m in marks], line=dict(color=theme.PAPER, width=0.5),
                            pattern=dict(shape=["/" if m.doubtful else "" for m in marks], fillmode="overlay",
                                         fgcolor=theme.TEXT, size=7, solidity=0.25)),
                text=[esc(m.text) for m in marks], textposition="outside", cliponaxis=False,
                textfont=dict(size=sz["label"] - 2, color=theme.TEXT),
                hovertext=[_hover(m) for m in marks], hoverinfo="text", meta=_meta(s, panel, marks), **common),
                row=row, col=1)
        elif s.kind == "line":
            colour = _c(s.colour)
            fig.add_trace(go.Scatter(
                x=[m.x for m in marks], y=[m.y for m in marks], mode="lines+markers+text",
                line=dict(color=colour, width=1.4 if many else sz["line"], dash="dash" if s.dash else "solid"),
                marker=dict(size=6 if many else sz["marker"],
                            color=[theme.PAPER if m.approx else colour for m in marks],
                            line=dict(color=colour, width=2)),
                text=[f"<b>{esc(m.text)}</b>" if m.text else "" for m in marks],
                textposition=[POSITIONS[m.place] for m in marks],
                textfont=dict(size=11 if many else sz["label"], color=colour), cliponaxis=False,
                hovertext=[_hover(m) for m in marks], hoverinfo="text", meta=_meta(s, panel, marks), **common),
                row=row, col=1)
        elif s.kind == "points":
            colour = _c(s.colour)
            hollow = s.symbol in ("x", "diamond", "line", "ring") or s.symbol.startswith("status_")
            size = sz["tick_mark"] if s.symbol == "line" else sz["marker"] + (6 if s.symbol == "diamond" else 3)
            labelled = any(m.text for m in marks)
            fig.add_trace(go.Scatter(
                x=[m.x for m in marks], y=[m.y for m in marks], mode="markers+text" if labelled else "markers",
                text=[esc(m.text) for m in marks] if labelled else None,
                textposition=[POSITIONS[m.place] for m in marks] if labelled else None,
                textfont=dict(size=sz["small"], color=colour),
                marker=dict(symbol=[_symbol(s) + ("-open" if m.approx and s.symbol == "diamond" else "")
                                    for m in marks], size=size,
                            color=[theme.PAPER if (m.approx and not hollow) else colour for m in marks],
                            line=dict(color=colour, width=2 if s.symbol != "line" else 3)),
                cliponaxis=False, hovertext=[_hover(m) for m in marks],
                hoverinfo="text" if any(m.hover for m in marks) else "skip", meta=_meta(s, panel, marks), **common),
                row=row, col=1)
        elif s.kind == "labels":
            fig.add_trace(go.Scatter(
                x=[m.x for m in marks], y=[m.y for m in marks], mode="text", text=[esc(m.text) for m in marks],
                textposition="top center", textfont=dict(size=sz["label"] - (1 if sz is SIZES["screen"] else 0),
                                                         color=_c(s.colour)),
                cliponaxis=False, hoverinfo="skip", showlegend=False, meta=_meta(s, panel, marks)), row=row, col=1)
        elif s.kind == "range":  # the year an approximate date could be: a line across it, ticks at its ends
            seg_x, seg_y = [], []
            for m in s.marks:
                if m.span:
                    seg_x += [m.span[0], m.span[1], None]
                    seg_y += [m.y, m.y, None]
            if seg_x:
                fig.add_trace(go.Scatter(
                    x=seg_x, y=seg_y, mode="lines+markers", line=dict(color=_c(s.colour), width=1.5,
                                                                      dash="dot" if s.dash else "solid"),
                    marker=dict(symbol="line-ns", size=9, line=dict(width=1.5, color=_c(s.colour))),
                    hoverinfo="skip", cliponaxis=False, meta=_meta(s, panel, []), **common), row=row, col=1)
        if first:
            shown.add(s.key)
    xref, yref = _refs(fig, row)
    for rule in panel.rules:
        fig.add_vline(x=pd.Timestamp(rule.x).value / 1e6, line=dict(color=_c(rule.colour), width=1.3, dash="dot"),
                      row=row, col=1)
        if rule.text:
            fig.add_annotation(x=pd.Timestamp(rule.x), y=0.97, xref=xref, yref=f"{yref} domain", yanchor="top",
                               xanchor="right", xshift=-4, showarrow=False, align="right", text=esc(rule.text),
                               font=dict(size=sz["small"], color=_c(rule.colour)))
    for level in panel.levels:
        fig.add_hline(y=level.y, line=dict(color=_c(level.colour), width=2, dash="dash"), row=row, col=1)
        fig.add_annotation(x=0, y=level.y, xref=f"{xref} domain", yref=yref, yanchor="bottom", xanchor="left",
                           showarrow=False, text="╌╌ ◇ " + esc(level.text), font=dict(size=sz["text"],
                                                                                    color=_c(level.colour)),
                           bgcolor=theme.PAPER)
    axis = dict(type="date", dtick="M12", tickformat="%Y", ticklabelmode="period", showgrid=categorical is False,
                gridcolor=theme.GRID, tickfont=dict(size=sz["tick"], color=theme.TEXT), showticklabels=True,
                tickangle=0)
    if panel.x_range:
        axis["range"] = list(panel.x_range)
    fig.update_xaxes(row=row, col=1, **axis)
    if categorical:
        fig.update_yaxes(row=row, col=1, tickvals=list(range(len(panel.rows))),
                         ticktext=[esc(r.head) for r in panel.rows], range=[len(panel.rows) - 0.5, -0.5],
                         automargin=True, showgrid=True, gridcolor=theme.GRID, tickfont=dict(size=sz["tick"]))
    else:
        fig.update_yaxes(row=row, col=1, range=[0, panel.y_max or 1.0], automargin=True, zeroline=False, nticks=4,
                         gridcolor=theme.GRID, tickfont=dict(size=sz["tick"], color=theme.TEXT))


# --- a rows panel ---------------------------------------------------------------------------------

def _rows(fig, panel: Panel, series: list[Series], row: int, sz: dict, shown: set, name_axis: bool = True) -> None:
    n = max(1, len(panel.rows))
    xref, yref = _refs(fig, row)
    total = (panel.x_range or (0.0, 1.0))[1] or 1.0
    narrow = 0
    screen = sz is SIZES["screen"]
    for s in series:
        marks = [m for m in s.marks if m.y is not None]
        if not marks:
            continue
        first = s.legend and s.name and s.key not in shown
        common = dict(name=esc(s.name), legendgroup=s.key, showlegend=bool(first), meta=_meta(s, panel, marks))
        if s.kind == "bar":
            stacked = any(m.base for m in marks) or any(x.kind == "bar" and x is not s and not x.decor and
                                                        any(m.base for m in x.marks) for x in series)
            fig.add_trace(go.Bar(
                x=[m.y for m in marks], y=[m.x + s.offset for m in marks], base=[m.base for m in marks],
                orientation="h", width=s.width,
                marker=dict(color=[_c(m.colour or s.colour) for m in marks]),
                text=None if stacked else [esc(m.text) for m in marks],
                textposition=None if stacked else "outside", cliponaxis=False,
                constraintext="none",  # a label keeps its size beside a thin bar (never shrunk to the bar)
                textfont=dict(size=sz["label"] - (0 if screen else 0), color=theme.TEXT),
                hovertext=[_hover(m) for m in marks], hoverinfo="text" if any(m.hover for m in marks) else "skip",
                **common), row=row, col=1)
            if stacked:  # each segment's label inside it where it fits, else above it with a leader line
                for m in marks:
                    if not m.text:
                        continue
                    cx = m.base + m.y / 2
                    if m.y / total * 900 >= len(m.text) * 7.6 + 12:
                        dark = theme.meaning(_c(m.colour or s.colour)) in ("tier_5", "tier_5p", "tier_4")
                        fig.add_annotation(x=cx, y=m.x, xref=xref, yref=yref, text=f"<b>{esc(m.text)}</b>",
                                           showarrow=False, font=dict(size=sz["label"],
                                                                      color=theme.PAPER if dark else theme.TEXT))
                    else:
                        narrow += 1
                        fig.add_annotation(x=cx, y=m.x - 0.3, xref=xref, yref=yref, text=f"<b>{esc(m.text)}</b>",
                                           showarrow=True, arrowhead=0, arrowwidth=1, arrowcolor=theme.TEXT, ax=0,
                                           ay=-16 - 17 * (narrow - 1), xanchor="right" if cx / total > 0.6 else "left",
                                           font=dict(size=sz["label"], color=theme.TEXT))
        elif s.kind == "points":
            colour = _c(s.colour)
            fig.add_trace(go.Scatter(
                x=[m.y for m in marks], y=[m.x + s.offset for m in marks], mode="markers",
                marker=dict(symbol=_symbol(s), size=sz["tick_mark"] if s.symbol == "line" else sz["status"],
                            color=colour, line=dict(width=3 if s.symbol == "line" else 2, color=colour)),
                cliponaxis=False, hovertext=[_hover(m) for m in marks],
                hoverinfo="text" if any(m.hover for m in marks) else "skip", **common), row=row, col=1)
        if first:
            shown.add(s.key)
    has_words = any(r.head or r.sub or r.value for r in panel.rows)
    if screen:  # each row's words above its bar (a phone keeps them whole), the result under it
        for i, r in enumerate(panel.rows):
            if r.head or r.sub:
                lines = "<br>".join(f"<b>{esc(x)}</b>" for x in theme.wrap(r.head, 50))
                if r.sub:
                    lines += "<br>" + "<br>".join(f"<span style='font-size:{sz['small']}px;color:{theme.MUTED}'>"
                                                  f"{esc(x)}</span>" for x in theme.wrap(r.sub, 58))
                fig.add_annotation(x=0, y=i - 0.25, xref=xref, yref=yref, text=lines, showarrow=False, align="left",
                                   xanchor="left", yanchor="bottom", font=dict(size=sz["text"], color=theme.TEXT))
            if r.value or r.value_lead:
                fig.add_annotation(x=0, y=i + 0.13, xref=xref, yref=yref, text=_value(r), showarrow=False,
                                   xanchor="left", yanchor="top", font=dict(size=sz["text"], color=theme.TEXT))
        fig.update_yaxes(row=row, col=1, showticklabels=False, showgrid=False, zeroline=False, showline=False,
                         range=[n - 0.4, -0.78] if has_words else [n - 0.5, -0.5], autorange=False)
    else:  # a projector: the words left of the bars, the head bold, the result under it
        text = [f"<b>{esc(r.head)}</b>" + (f"<br>{_value(r)}" if r.value or r.value_lead else "")
                for r in panel.rows]
        fig.update_yaxes(row=row, col=1, tickvals=list(range(n)), ticktext=text, showticklabels=has_words,
                         showgrid=False, zeroline=False, showline=False, range=[n - 0.5, -0.5], autorange=False,
                         tickfont=dict(size=sz["tick"], color=theme.TEXT), automargin=True)
    axis = dict(range=list(panel.x_range or (0, 1)), zeroline=False, showgrid=bool(panel.ticks), gridcolor=theme.GRID,
                showticklabels=panel.axis, showline=False, tickfont=dict(size=sz["tick"], color=theme.TEXT))
    if panel.ticks:
        axis.update(tickvals=[v for v, _ in panel.ticks], ticktext=[esc(x) for _, x in panel.ticks])
    elif (panel.x_range or (0, 0))[1] <= 12:  # counts: whole numbers (never a tick at 0.2 producers)
        axis.update(dtick=1, tickformat="d")
    if panel.unit and panel.axis and name_axis:
        axis.update(title_text=esc(panel.unit), title_font=dict(size=sz["tick"], color=theme.TEXT))
    fig.update_xaxes(row=row, col=1, **axis)


def _value(r) -> str:
    """A row's result: the status word in its colour, then the figure, its date and the percent."""
    lead = (f"<span style='color:{_c(r.value_colour)}'><b>{esc(r.value_lead)}</b></span>"
            if r.value_lead and r.value_colour else esc(r.value_lead))
    return lead + esc(r.value)


# --- the projector --------------------------------------------------------------------------------

def _projector(fig: go.Figure, chart: Chart, sz: dict) -> None:
    names = [tr.name for tr in fig.data if tr.showlegend is not False and tr.name]
    titled = bool(chart.panels and chart.panels[0].title)
    fig.update_layout(
        template=theme.TEMPLATE, separators=theme.separators(chart.lang), autosize=True,
        font=dict(family=theme.FONT, size=sz["text"], color=theme.TEXT),
        margin=dict(l=10, r=30, t=(56 if names else 16) + (34 if titled else 0), b=40),
        hoverlabel=dict(font_size=sz["text"], font_family=theme.FONT), showlegend=bool(names),
        # the legend at the figure's top, above the first panel's title
        legend=dict(orientation="h", yref="container", yanchor="top", y=1, xanchor="left", x=0,
                    font=dict(size=sz["text"]), title_text=""),
        meta=dict(chart=chart.key, sources=chart.sources),
    )
