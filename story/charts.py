"""Chart builders shared by the pages and the presentation (one look, one logic)."""
from __future__ import annotations

from typing import Callable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import fmt, theme
from .cite import esc
from .i18n import t

TIERS = [("s3", "3"), ("s4", "4"), ("s5p", "5p"), ("s5", "5"), ("rest", "total")]


def tier_label(star: str, lang: str) -> str:
    return t("stars_total" if star == "total" else f"stars_{star}", lang)


def source_short(r) -> str:
    label = theme.short_source(r["source_id"])
    if r["doubtful"]:
        label += " ⚠"
    return label


def _hover(r, col: str, star: str, lang: str) -> str:
    value = r[col]
    q_ = r.get(col + "_q") if col != "rest" else None
    lines = [f"<b>{esc(tier_label(star, lang))}</b>: {esc(fmt.qualified(value, q_ or 'exact', lang))}"]
    if col == "rest":
        lines.append(esc(t("split_not_published", lang)))
    lines.append(f"{t('as_of', lang)}: {esc(fmt.partial_date(r['as_of'], r['as_of_precision'], lang))}")
    if pd.notna(r.get("total")):
        lines.append(f"{t('stars_total', lang).split(' (')[0]}: "
                     f"{esc(fmt.qualified(r['total'], r.get('total_q') or 'exact', lang))}")
    title = r["source_title"] if r["source_title"] != "not stated" else (r["source_file"] or r["source_address"])
    lines.append(f"{t('source', lang)}: {esc(r['source_id'])} · {esc(title)}")
    if r["doubtful"]:
        lines.append(esc(t("doubtful_flag", lang)))
    if r["note"]:
        lines.append(f"<i>{esc(r['note'][:140])}</i>")
    return "<br>".join(lines)


def tier_chart(reports: pd.DataFrame, territory_keys: list[str], lang: str, label: Callable[[str], str],
               height: int = 520) -> go.Figure:
    """Stacked bars per report (date × source); one column per territory, predecessors side by side."""
    present = [k for k in territory_keys if (reports.territory_key == k).any()]
    widths = [max(1, (reports.territory_key == k).sum()) for k in present]
    fig = make_subplots(rows=1, cols=max(1, len(present)), shared_yaxes=True, horizontal_spacing=0.03,
                        subplot_titles=[esc(label(k)) for k in present] if len(present) > 1 else None,
                        column_widths=[w / sum(widths) for w in widths] if widths else None)
    for i, key in enumerate(present, start=1):
        sub = reports[reports.territory_key == key]
        x = [[fmt.partial_date(a, p, lang) for a, p in zip(sub.as_of, sub.as_of_precision)],
             [source_short(r) for _, r in sub.iterrows()]]
        for col, star in TIERS:
            if sub[col].isna().all():
                continue
            fig.add_trace(go.Bar(
                x=x, y=[None if pd.isna(v) else float(v) for v in sub[col]],
                name=tier_label(star, lang), legendgroup=star, showlegend=not any(
                    tr.legendgroup == star for tr in fig.data),
                marker=dict(color=theme.STAR_COLORS[star],
                            pattern=dict(shape=["/" if d else "" for d in sub.doubtful], fillmode="overlay",
                                         fgcolor="#566573")),
                hovertext=[_hover(r, col, star, lang) for _, r in sub.iterrows()], hoverinfo="text",
                meta=dict(territory=key, tier=star, sources=sub.source_id.tolist()),
            ), row=1, col=i)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=t("unit_products", lang), row=1, col=1)
    latest = reports.as_of_date.max() if not reports.empty else None
    as_of = f" · {t('as_of', lang)}: {fmt.day(latest, lang)}" if latest is not None and pd.notna(latest) else ""
    theme.style(fig, lang, height=height, bottom=170,
                source_line=f"{t('sources', lang)}: " + ", ".join(sorted(reports.source_id.unique())) + as_of)
    if len(present) > 1:  # room for the subplot titles under the legend
        fig.update_layout(margin_t=110, legend_y=1.18)
    return fig


def progress_chart(progress: pd.DataFrame, lang: str, label: Callable[[str], str]) -> go.Figure | None:
    """Percent reached per target with a comparable figure, coloured by status."""
    chart = progress[progress.percent.notna()]
    if chart.empty:
        return None
    # Plotly draws markup inside axis labels too: the labels are escaped text
    labels = [esc(f"{label(k)} · {p} · {d}"[:90]) for k, p, d in zip(
        chart.territory_key, chart["plan_en" if lang == "en" else "plan_vi"],
        chart["description_en" if lang == "en" else "description_vi"])]
    fig = go.Figure(go.Bar(
        y=labels, x=chart.percent.astype(float), orientation="h",
        marker_color=[theme.STATUS_COLORS[s] for s in chart.status],
        text=[f"{fmt.percent(p, lang)} · {t(f'status_{s}', lang)}" for p, s in zip(chart.percent, chart.status)],
        textposition="auto",
        hovertext=[f"{lbl}<br>{esc(fmt.qualified(v, qq, lang))} / "
                   f"{esc(fmt.number(g, lang))}<br>{t('figure_source', lang)}: {esc(s)}"
                   for lbl, v, qq, g, s in zip(labels, chart.latest_value, chart.latest_qualifier, chart.value,
                                               chart.latest_source)],
        hoverinfo="text"))
    fig.add_vline(x=100, line_dash="dash", line_color="#566573")
    fig.update_xaxes(title_text=t("percent_reached", lang), ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    sources = sorted(set(chart.source_id) | set(chart.latest_source.dropna()))
    return theme.style(fig, lang, height=160 + 46 * len(chart), bottom=90,
                       source_line=f"{t('sources', lang)}: " + ", ".join(sources))


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
