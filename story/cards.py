"""The overview's first screen as HTML (no streamlit): one compact row per province.

A row holds what a leader reads in five seconds: the latest reported total in large type with its
qualifier and date, a small trend line of the reported totals on a true time axis (former
territories dashed, never joined to today's), progress to the province's headline target as a
bullet bar (value, target, deadline, status colour and symbol), and one as-of line with the data's
age as a small badge. Everything is escaped (``cite.esc``); the page renders it with ``st.html``.
With more than three provinces the page shows ``overview_table`` instead: one sortable table row a
province, with the same trend as a small image.
"""
from __future__ import annotations

import base64
from datetime import date

import pandas as pd

from ocop_data.missing import missing
from ocop_data.words import t

from . import findings, fmt, theme, undated
from .cite import esc
from .spec import Names, display_date

CSS = """
<style>
.ocop-rows {{ display: grid; gap: 10px; margin: 0 0 4px 0; font-family: "Noto Sans", "Segoe UI", Roboto, Arial,
  sans-serif; color: {ink}; }}
.ocop-row {{ display: grid; grid-template-columns: minmax(250px, 1.45fr) minmax(130px, 0.8fr) minmax(220px, 1.35fr)
  minmax(150px, 0.85fr); gap: 18px; align-items: center; border: 1px solid {grid}; border-radius: 8px;
  padding: 10px 16px; background: {paper}; }}
.ocop-row .c-name {{ font-size: 15px; font-weight: 700; line-height: 1.25; }}
.ocop-row .c-big {{ font-size: 38px; font-weight: 700; line-height: 1.1; letter-spacing: -0.5px; }}
.ocop-row .c-big .c-n {{ white-space: nowrap; }}
.ocop-row .c-big .c-q {{ font-size: 22px; font-weight: 600; letter-spacing: 0; }}
.ocop-row .c-big .c-unit {{ font-size: 14px; font-weight: 400; letter-spacing: 0; color: {muted}; }}
.ocop-row .c-sub {{ font-size: 13px; color: {muted}; line-height: 1.35; }}
.ocop-row .c-sub b {{ color: {ink}; font-weight: 600; }}
.ocop-row .c-trend img {{ display: block; width: 100%; height: 52px; }}
.ocop-row .c-before {{ grid-column: 1 / -1; font-size: 13px; color: {muted}; margin-top: -6px; }}
.ocop-row .c-before b {{ color: {ink}; font-weight: 600; }}
.ocop-row .c-axis {{ display: flex; justify-content: space-between; font-size: 12px; color: {muted}; }}
.ocop-row .c-blabel {{ font-size: 13px; line-height: 1.3; margin-bottom: 4px; }}
.ocop-row .b-track {{ position: relative; height: 16px; background: {track}; border-radius: 2px; }}
.ocop-row .b-band {{ position: absolute; left: 0; top: 0; bottom: 0; background: {band}; }}
.ocop-row .b-bar {{ position: absolute; left: 0; top: 4px; height: 8px; border-radius: 1px; }}
.ocop-row .b-tick {{ position: absolute; top: -3px; bottom: -3px; width: 3px; background: {ink}; }}
.ocop-row .c-status {{ font-size: 13px; margin-top: 4px; line-height: 1.3; }}
.ocop-row .c-asof {{ font-size: 13px; line-height: 1.45; }}
.ocop-row .badge {{ display: inline-block; font-size: 12px; line-height: 1.2; padding: 1px 7px; border-radius: 10px;
  border: 1px solid {muted}; color: {muted}; white-space: nowrap; }}
.ocop-row .badge.stale {{ border-color: {stale}; color: {stale}; background: {stale_bg}; }}
@media (max-width: 900px) {{
  .ocop-row {{ grid-template-columns: 1fr 1fr; gap: 10px 16px; }}
}}
@media (max-width: 560px) {{
  .ocop-row {{ grid-template-columns: 1fr; gap: 8px; padding: 10px 12px; }}
  .ocop-row .c-big {{ font-size: 34px; }}
}}
</style>
""".format(**theme.COLOURS)


def _series(figures: pd.DataFrame, keys: list[str]) -> list[tuple[str, pd.DataFrame]]:
    """Per territory its comparable reported totals, one per date (the most trusted source)."""
    out = []
    for k in keys:
        comp = findings.comparable(figures[figures.territory_key == k])
        if not comp.empty:
            out.append((k, comp.drop_duplicates("as_of_date", keep="first")))
    return out


def time_span(figures: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The time axis shared by every row's trend: from the first to the last comparable report."""
    comp = findings.comparable(figures)
    if comp.empty:
        return None
    xs = [display_date(a, p, d) for a, p, d in zip(comp.as_of, comp.as_of_precision, comp.as_of_date)]
    return min(xs), max(xs)


def sparkline_svg(figures: pd.DataFrame, keys: list[str], span: tuple | None, n: Names,
                  width: int = 200, height: int = 52, merger: str | None = None) -> str:
    """A trend line of reported totals on a true time axis (an inline SVG with a text alternative).

    One line per territory of ``keys``, each in its own colour as in every chart (the first solid,
    predecessors dashed); year-only or inferred dates are hollow dots; a dotted vertical line marks
    ``merger`` (an ISO date).
    """
    label, lang = n.label, n.lang
    series = _series(figures, keys)
    if not series or span is None:
        return ""
    t0, t1 = span
    if t1 <= t0:
        t0, t1 = t0 - pd.Timedelta(days=180), t1 + pd.Timedelta(days=180)
    ymax = max(float(v) for _, s in series for v in s.value) or 1.0
    pad_x, pad_y = 6, 6

    def px(x) -> float:
        return pad_x + (width - 2 * pad_x) * (x - t0).total_seconds() / max((t1 - t0).total_seconds(), 1)

    def py(v) -> float:
        return height - pad_y - (height - 2 * pad_y) * float(v) / ymax

    parts = [f'<svg viewBox="0 0 {width} {height}" preserveAspectRatio="none" role="img" aria-label="{{alt}}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    parts.append(f'<line x1="{pad_x}" y1="{height - pad_y}" x2="{width - pad_x}" y2="{height - pad_y}" '
                 f'stroke="{theme.GRID}" stroke-width="1" vector-effect="non-scaling-stroke"/>')
    if merger:
        mx = px(pd.Timestamp(merger))
        if pad_x <= mx <= width - pad_x:
            parts.append(f'<line x1="{mx:.1f}" y1="2" x2="{mx:.1f}" y2="{height - 2}" stroke="{theme.MUTED}" '
                         f'stroke-width="1" stroke-dasharray="2 2" vector-effect="non-scaling-stroke"/>')
    alt = []
    for j, (k, s) in enumerate(series):
        color = theme.colour(n.colour(k))
        xs = [display_date(a, p, d) for a, p, d in zip(s.as_of, s.as_of_precision, s.as_of_date)]
        pts = " ".join(f"{px(x):.1f},{py(v):.1f}" for x, v in zip(xs, s.value))
        dash = 'stroke-dasharray="4 3" ' if j else ""
        if len(xs) > 1:
            parts.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2" '
                         f'{dash}vector-effect="non-scaling-stroke"/>')
        for x, v, p in zip(xs, s.value, s.as_of_precision):
            hollow = p in ("year", "inferred")
            parts.append(f'<circle cx="{px(x):.1f}" cy="{py(v):.1f}" r="3" fill="{theme.PAPER if hollow else color}" '
                         f'stroke="{color}" stroke-width="1.5" vector-effect="non-scaling-stroke"/>')
        first, last = s.iloc[0], s.iloc[-1]
        alt.append(f"{label(k)} {fmt.qualified(first.value, first.qualifier, lang)} "
                   f"({findings.date_short(first.as_of, first.as_of_precision, lang)}) → "
                   f"{fmt.qualified(last.value, last.qualifier, lang)} "
                   f"({findings.date_short(last.as_of, last.as_of_precision, lang)})")
    parts.append("</svg>")
    return "".join(parts).replace("{alt}", esc(t("card_trend_alt", lang).format(
        territory=label(keys[0]), points="; ".join(alt))))


def bullet_html(row: dict | None, n: Names, current: str) -> str:
    """The headline target as a bullet bar: its label as every surface writes it ('Sơn La · tổng sản phẩm
    ≥ 280 (2025)'), the band to the target, the actual in the status colour, a tick at the target, and the
    status in words with its symbol."""
    label, lang = n.label, n.lang
    if row is None:
        return f'<div class="c-blabel">{esc(t("card_target", lang))}</div>' \
               f'<div class="c-sub">{esc(t("card_no_target", lang))}</div>'
    status = row.get("status") or "no_data"
    pct = None if missing(row.get("percent")) else float(row["percent"])
    scale = max(125.0, (pct or 0) + 10)
    band = 100.0 / scale * 100
    bar = min(pct or 0, scale) / scale * 100
    color = theme.STATUS_COLORS[status]
    head = findings.target_label(row, n.short(row["territory_key"]), lang)
    if pct is not None:
        figure = f"{findings.actual_text(row, lang, words=False)} " \
                 f"({findings.date_short(row.get('latest_as_of'), row.get('latest_precision'), lang)}) · " \
                 f"{fmt.percent(pct, lang)}"
    else:
        figure = t("card_no_figure", lang)
    finding = findings.target_finding(row, label(row["territory_key"]), lang)
    return (f'<div class="c-blabel" title="{esc(finding)}">{esc(head)}</div>'
            f'<div class="b-track" role="img" aria-label="{esc(finding)}">'
            f'<div class="b-band" style="width:{band:.1f}%"></div>'
            f'<div class="b-bar" style="width:{bar:.1f}%;background:{color}"></div>'
            f'<div class="b-tick" style="left:calc({band:.1f}% - 1px)"></div></div>'
            f'<div class="c-status"><b style="color:{color}">{esc(findings.status_label(status, lang))}</b> · '
            f'{esc(figure)}</div>')


def _big_number(value, qualifier, lang: str) -> str:
    """The latest total for the card: the number large, its qualifier ('khoảng', 'trên') in smaller type
    before it, on one line ('khoảng 500' reads whole and never pushes the row taller)."""
    text = fmt.qualified(value, qualifier, lang)
    plain = fmt.qualified(value, None, lang)
    if text == plain or plain not in text:
        return f'<span class="c-n">{esc(text)}</span>'
    head, tail = text.split(plain, 1)
    out = f'<span class="c-q">{esc(head.strip())}</span> ' if head.strip() else ""
    out += f'<span class="c-n">{esc(plain)}</span>'
    return out + (f' <span class="c-q">{esc(tail.strip())}</span>' if tail.strip() else "")


def province_row(key: str, keys: list[str], figures: pd.DataFrame, progress: pd.DataFrame, n: Names,
                 today: date, span: tuple | None, merger: str | None = None) -> str:
    """One province's compact row (HTML). ``keys``: the province's territories, today's first.

    ``figures``: products_total figures of those territories (any kind; only comparable ones count);
    ``progress``: ``queries.core.target_progress`` rows of those territories.
    """
    label, lang = n.label, n.lang
    own = figures[figures.territory_key == key]
    latest = findings.latest_total(own)
    name = label(key)
    listed = undated.note(own, lang)  # undated reports: listed here, never on the trend
    listed = f'<div class="c-sub">{esc(listed)}</div>' if listed else ""
    if latest is None:
        big = f'<div class="c-big">–</div><div class="c-sub">{esc(t("card_no_figure", lang))}</div>'
        asof = f'<div class="c-asof">{esc(t("card_no_figure", lang))}{listed}</div>'
    else:
        comp = findings.comparable(own)
        change = findings.change_phrase(own, lang) or t("no_previous", lang).rstrip(".")
        big = (f'<div class="c-big">{_big_number(latest["value"], latest["qualifier"], lang)} '
               f'<span class="c-unit">{esc(t("card_unit", lang))}</span></div>'
               f'<div class="c-sub">{esc(change)}</div>')
        months = findings.age_months(latest["as_of_date"], today)
        stale = months is not None and months > 12
        at_date = comp[comp.as_of_date == latest["as_of_date"]]
        names = list(dict.fromkeys(n.source(s) for s in at_date.source_id))
        asof = (f'<div class="c-asof">{esc(t("as_of", lang))} '
                f'<b>{esc(findings.date_short(latest["as_of"], latest["as_of_precision"], lang))}</b> '
                f'<span class="badge{" stale" if stale else ""}">'
                f'{esc(findings.age_text(latest["as_of_date"], today, lang))}</span>'
                f'<div class="c-sub">{esc(t("card_sources", lang).format(names=", ".join(names)))}</div>{listed}</div>')
    own_target = findings.headline_target(progress, [key])
    before = []
    for k in keys[1:]:  # the predecessors' results: context, never the new province's own status
        lt = findings.latest_total(figures[figures.territory_key == k])
        words = []
        if lt is not None:
            words.append(f"{esc(fmt.qualified(lt['value'], lt['qualifier'], lang))} "
                         f"({esc(findings.date_short(lt['as_of'], lt['as_of_precision'], lang))})")
        old = findings.headline_target(progress, [k])
        if old is not None:
            words.append(esc(t("card_before_target", lang).format(
                target=findings.target_label(old, n.short(k), lang).split(" · ", 1)[-1],
                status=findings.status_label(old.get("status") or "no_data", lang))))
        if words:
            before.append(f"<b>{esc(n.short(k))}</b> " + ", ".join(words))
    preds = f'<div class="c-before">{esc(t("card_before", lang))}: {" · ".join(before)}</div>' if before else ""
    svg = sparkline_svg(figures, keys, span, n, merger=merger)
    if svg:  # an image (the page's HTML sanitiser keeps <img>, not inline <svg>), with its text alternative
        alt = svg.split('aria-label="', 1)[1].split('"', 1)[0]
        svg = f'<img src="{svg_data_url(svg)}" alt="{alt}" title="{esc(t("card_trend", lang))}">'

    axis = ""
    if span is not None and svg:
        axis = f'<div class="c-axis"><span>{span[0].year}</span><span>{span[1].year}</span></div>'
    if own_target is None and len(keys) > 1:  # a new province without a target of its own says so
        bullet = (f'<div class="c-blabel">{esc(t("card_target", lang))}</div>'
                  f'<div class="c-sub">{esc(t("card_no_own_target", lang))}</div>')
    else:
        bullet = bullet_html(own_target, n, key)
    return (f'<div class="ocop-row" role="group" aria-label="{esc(name)}">'
            f'<div class="c-num"><div class="c-name">{esc(name)}</div>{big}</div>'
            f'<div class="c-trend">{svg}{axis}</div>'
            f'<div class="c-bullet">{bullet}</div>'
            f'{asof}{preds}</div>')


def rows_html(rows: list[str]) -> str:
    return CSS + '<div class="ocop-rows">' + "".join(rows) + "</div>"


NO_TREND = ('<svg viewBox="0 0 160 36" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="–">'
            f'<line x1="70" y1="18" x2="90" y2="18" stroke="{theme.MUTED}" stroke-width="2"/></svg>')


def svg_data_url(svg: str) -> str:
    """An inline SVG as a data URL (for a table's image column)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def overview_table(provinces: list[tuple[str, list[str]]], figures: pd.DataFrame, progress: pd.DataFrame,
                   n: Names, today: date, span: tuple | None) -> pd.DataFrame:
    """One row a province (for more than three): people's column names, numbers that sort, a trend image."""
    label, lang = n.label, n.lang
    out = []
    for key, keys in provinces:
        latest = findings.latest_total(figures[figures.territory_key == key])
        target = findings.headline_target(progress, keys)
        svg = sparkline_svg(figures, keys, span, n, width=160, height=36)
        out.append({
            t("tbl_province", lang): label(key),
            t("tbl_latest", lang): None if latest is None else float(latest["value"]),
            t("tbl_qualifier", lang): "" if latest is None or (latest["qualifier"] or "exact") == "exact" else
            t(f"q_word_{latest['qualifier']}", lang),
            t("tbl_as_of", lang): t("card_no_figure", lang) if latest is None else
            findings.date_short(latest["as_of"], latest["as_of_precision"], lang),
            t("tbl_age", lang): None if latest is None else findings.age_months(latest["as_of_date"], today),
            t("tbl_trend", lang): svg_data_url(svg or NO_TREND),
            t("tbl_target", lang): t("card_no_target", lang) if target is None else
            findings.target_label(target, n.short(target["territory_key"]), lang),
            t("tbl_pct", lang): None if target is None or missing(target.get("percent")) else
            round(float(target["percent"]), 1),
            t("tbl_status", lang): "" if target is None else findings.status_label(target["status"], lang),
            t("tbl_source", lang): "" if latest is None else n.source(latest["source_id"]),
        })
    return pd.DataFrame(out)
