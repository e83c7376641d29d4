"""The one home of the frame around every chart: title, subtitle, chart/table toggle, caption
(source, as-of date, notes) and downloads of exactly the data shown (CSV with BOM, XLSX)."""
from __future__ import annotations

import io
from typing import Iterable

import pandas as pd
import streamlit as st

from ocop_data.words import t
from story import tables
from story.cite import (cite, esc, host, link, md_escape, normalise_source, source_label,  # noqa: F401
                        source_line, source_markdown, sources_href)

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _head_css() -> str:
    from story import theme

    return HEAD_CSS.replace("MUTED", theme.MUTED)


HEAD_CSS = """<style>
.ocop-head { margin: 0 0 0.4rem 0; }
.ocop-head .ocop-topic { font-size: 0.95rem; font-weight: 600; color: MUTED; margin: 0 0 0.15rem 0;
  letter-spacing: 0.02em; }
.ocop-head h1.ocop-finding { font-size: 1.5rem; line-height: 1.3; font-weight: 700; margin: 0; padding: 0; }
.ocop-head h1.ocop-finding span { display: block; }
@media (max-width: 560px) { .ocop-head h1.ocop-finding { font-size: 1.3rem; } }
</style>"""


def page_head(topic: str, findings: list[str]) -> None:
    """A page's first lines: its topic small, its finding (one line a province) as the page's heading and
    the largest text on the first screen (issue 19 §5). Everything escaped."""
    lines = "".join(f"<span>{esc(x)}</span>" for x in findings if x)
    st.html(_head_css() + f'<div class="ocop-head"><p class="ocop-topic">{esc(topic)}</p>'
            f'<h1 class="ocop-finding">{lines or esc(topic)}</h1></div>')


def _source_ids(sources) -> list[str]:
    """Source ids, in order, from ids or from rows carrying a ``source_id`` (and ``latest_source``)."""
    if isinstance(sources, pd.DataFrame):
        sources = sources.to_dict("records")
    ids = []
    for r in sources or ():
        if isinstance(r, str):
            ids.append(r)
        elif isinstance(r, dict):
            ids += [r.get(k) for k in ("source_id", "latest_source")]
    return list(dict.fromkeys(i for i in ids if isinstance(i, str) and i))


def sources_line(sources, lang: str) -> str:
    """The one quiet source line under a chart or a list: the first few sources by their short label, how
    many others, and one link to the Sources page showing exactly these ('**Nguồn:** Báo Sơn La (12/2024),
    Dân Việt (28/02/2023), Vietnam.vn (22/03/2025) và 5 nguồn khác · [Xem 8 nguồn](/sources?source=…)').
    ``sources``: source ids, or rows with a ``source_id``; '' when there are none."""
    from .shell import ctx

    ids = _source_ids(sources)
    if not ids:
        return ""
    text = source_line(ids, ctx().source, lang).split(": ", 1)[1]
    more = t("src_line_link", lang).format(n=len(ids)) if len(ids) > 1 else t("src_line_link_1", lang)
    return f"**{t('sources', lang)}:** {md_escape(text)} · [{md_escape(more)}]({sources_href(ids, lang)})"


def caption(sources, lang: str, as_of: str | None = None, notes: Iterable[str] = ()) -> None:
    """The footer under a chart or a list: the quiet source line (``sources``: ids, rows, or a line made by
    ``sources_line``), the as-of date, notes."""
    line = sources if isinstance(sources, str) else sources_line(sources, lang)
    lines = [line] if line else []
    if as_of:
        lines.append(f"**{t('as_of', lang)}:** {md_escape(as_of)}")
    for n in notes:
        if n:
            lines.append(md_escape(n) if not n.startswith("!") else n[1:])
    st.caption("  \n".join(lines))


def safe_cell(value):
    """Neutralise text that a spreadsheet would run as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_cell)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel shows the diacritics."""
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    out = safe_frame(df)
    for col in out.columns:  # Excel has no time zones and no nullable dtypes
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.tz_localize(None) if getattr(out[col].dt, "tz", None) else out[col]
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        out.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()


def downloads(df, name: str, lang: str, key: str) -> None:
    """CSV and XLSX of exactly the data shown, made only when the user clicks (deferred); ``df`` may be a
    callable that builds the table."""
    get = df if callable(df) else (lambda: df)
    c1, c2 = st.columns(2)
    c1.download_button(t("download_csv", lang), lambda: csv_bytes(get()), file_name=f"{name}.csv", mime="text/csv",
                       key=f"dl_csv_{key}", on_click="ignore", icon=":material/download:")
    c2.download_button(t("download_xlsx", lang), lambda: xlsx_bytes(get()), file_name=f"{name}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"dl_xlsx_{key}", on_click="ignore", icon=":material/table:")


MODEBAR_REMOVE = ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "resetScale2d",
                  "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian", "toggleHover",
                  "hoverClosestGl2d", "hoverClosestPie", "resetViews", "zoom3d", "pan3d", "orbitRotation",
                  "tableRotation", "resetCameraDefault3d", "resetCameraLastSave3d", "hoverClosest3d",
                  "zoomInGeo", "zoomOutGeo", "resetGeo", "hoverClosestGeo", "resetViewMapbox", "resetViewMap"]

# A chart's finding title, subtitle and source line are drawn inside the figure (so the image export
# holds them). On the page the figure's own source line is hidden: the one quiet source line under the
# chart (with its link to the sources) says it. When the chart is narrower than the title (a phone), the
# figure's own title is hidden and the page's heading above the chart shows instead (a container query).
CHART_CSS = """<style>
[class*="st-key-chartblock-"] { container-type: inline-size; }
[class*="st-key-charthead-"] { display: none; }
/* the chart's toolbar (the camera) stays reachable above the heading that may overlap the chart's top */
[class*="st-key-chartblock-"] .modebar-container { z-index: 5 !important; }
/* what follows a chart paints above the chart's (possibly overlapping, empty) foot */
[class*="st-key-chartblock-"] ~ *, [class*="st-key-chart_"] ~ * { position: relative; z-index: 1; }
[class*="st-key-charthead-"] h3 { font-size: 1.15rem !important; line-height: 1.35 !important;
  padding: 0 0 0.3rem 0 !important; }
[class*="st-key-charthead-"] [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
</style>"""


def narrow_css(key: str, fig) -> str:
    """Hide the figure's own source line (the caption under the chart says it, with its link) and close
    the band it leaves; where the chart is narrow, hide its title too: the plot moves up under the page's
    heading (less the legend's extra rows at that width)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    head, foot, rows = meta.get("head"), meta.get("foot") or 0, meta.get("legend_rows") or {}
    if not head:
        return "<style></style>"
    desk = rows.get(880, rows.get("880", 0))

    def pull(width) -> int:
        extra = rows.get(width, rows.get(str(width), desk)) - desk
        return max(0, int(head) - 20 * extra)

    block = f".st-key-chartblock-{key}"
    sel = f"{block} .st-key-chart_{key}"  # the chart's element (a flex item: margins apply)
    foot_css = (f"{block} .stPlotlyChart .annotation[data-index=\"0\"] {{ display: none; }} "
                f"{sel} {{ margin-bottom: -{max(0, int(foot) - 6)}px; }} ") if meta.get("source") else ""
    return (f"<style>{foot_css}@container (max-width: 820px) {{ "
            f"{block} .st-key-charthead-{key} {{ display: block; position: relative; z-index: 2; }} "
            f"{block} .stPlotlyChart .g-gtitle {{ display: none; }} "
            f"{sel} {{ margin-top: -{pull(560)}px; }} "
            f".st-key-view_{key} {{ position: relative; z-index: 2; }} }}"
            f"@container (max-width: 560px) {{ {sel} {{ margin-top: -{pull(330)}px; }} }}</style>")


def plotly_config(file_name: str, fig=None) -> dict:
    """The chart toolbar: no zoom/pan/select buttons; the camera saves PNG or SVG at a fixed width, so the
    wrapped title and source line inside the figure are never cut, whatever the screen."""
    from story import theme

    height = getattr(fig.layout, "height", None) if fig is not None else None
    return {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": MODEBAR_REMOVE,
            "toImageButtonOptions": {"format": st.session_state.get("img") or "png", "filename": file_name,
                                     "width": theme.EXPORT_WIDTH, "height": height or 520, "scale": 2}}


def show_chart(fig, *, key: str, file_name: str, alt: str | None = None) -> None:
    """A Plotly figure with the house toolbar and its text alternative (finding title and source)."""
    from story import theme

    st.plotly_chart(fig, width="stretch", key=f"chart_{key}", config=plotly_config(file_name, fig),
                    alt=alt or theme.alt_text(fig) or None)


def people(table, lang: str):
    """The last pass over a table people read and download (story.tables.tidy: words, vi-VN formats, no
    raw codes or None)."""
    if table is None:
        return table
    from .shell import ctx

    return tables.tidy(table, lang, territory=ctx().label, source=ctx().source)


def _resolve(value):
    return value() if callable(value) else value


def _chart_or_table(key: str, title: str, subtitle: str, fig, table, lang: str, file_name: str,
                    alt: str | None, toggle: bool) -> None:
    """The chart (or, when chosen, its table). Only the half shown is built and sent."""
    view = st.session_state.get(f"view_{key}") or "chart" if toggle and fig is not None else "chart"
    figure = _resolve(fig) if view == "chart" else None
    if figure is None:
        with st.container(key=f"tablehead-{key}"):
            st.subheader(md_escape(title), anchor=False)
            if subtitle:
                st.caption(md_escape(subtitle))
        data = people(_resolve(table), lang)
        if data is None or data.empty:
            st.info(t("no_rows", lang))
        else:
            st.dataframe(data, hide_index=True, width="stretch")
    else:
        meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
        # a figure that draws its own title (story.theme.frame) needs the page's heading only when narrow;
        # any other figure keeps the heading at every width
        with st.container(key=f"{'charthead' if meta.get('title') else 'chartlabel'}-{key}"):
            st.subheader(md_escape(title), anchor=False)
            if subtitle:
                st.caption(md_escape(subtitle))
        st.html(narrow_css(key, figure))
        show_chart(figure, key=key, file_name=file_name, alt=alt)
    if toggle and fig is not None:  # under the chart, beside its caption: the chart keeps the space above
        st.segmented_control(t("view", lang), ["chart", "table"], default="chart", key=f"view_{key}",
                             format_func=lambda v: t(f"view_{v}", lang), label_visibility="collapsed")


_chart_fragment = None


def _fragment():
    global _chart_fragment
    if _chart_fragment is None:
        from .shell import fragment

        _chart_fragment = fragment(_chart_or_table)
    return _chart_fragment


def chart_block(*, key: str, fig, table, lang: str, chart=None, title: str | None = None,
                subtitle: str | None = None, sources=None, as_of: str | None = None, notes: Iterable[str] = (),
                file_name: str | None = None, alt: str | None = None, toggle: bool = True,
                figure_notes: Iterable[str] | None = None) -> None:
    """A chart whose title is its finding, with a chart/table toggle, one quiet source line and downloads.

    ``chart``: the chart's definition (``story.spec.Chart``): its title, subtitle, sources, notes and
    as-of date are used unless given. ``fig`` and ``table`` may be callables: only the half shown is built
    (the table when the reader asks for it or downloads it). The toggle runs as a fragment: switching
    reruns this block only. The title (the finding) and subtitle are drawn inside the figure by
    ``story.theme.frame``; the page's heading repeats them only where the chart is too narrow for them,
    and in the table view. ``table`` is the people's table. Under the chart: the source line (``sources``:
    ids or rows), the as-of date, the lines that explain the drawing (``figure_notes``) and ``notes``.
    """
    if chart is not None:
        title = chart.title if title is None else title
        subtitle = chart.subtitle if subtitle is None else subtitle
        sources = chart.sources if sources is None else sources
        as_of = chart.as_of if as_of is None else as_of
        figure_notes = chart.notes if figure_notes is None else figure_notes
    st.html(CHART_CSS)
    name = file_name or key
    with st.container(key=f"chartblock-{key}"):
        _fragment()(key, title or "", subtitle or "", fig, table, lang, name, alt, toggle)
    caption(sources or [], lang, as_of, list(figure_notes or ()) + list(notes))
    downloads(lambda: people(_resolve(table), lang), name, lang, key)
