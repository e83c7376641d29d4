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
                        source_markdown)

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def sources_line(sources: pd.DataFrame | Iterable[dict], lang: str) -> str:
    """The caption's line of sources ('**Nguồn:** …'), or '' when there are none. A page may make it once
    (``ui.data.derived``) and hand it to ``caption`` or ``chart_block`` as ``sources``."""
    if isinstance(sources, pd.DataFrame):  # one row a source before anything else (tables run long)
        sources = (sources.drop_duplicates("source_id") if "source_id" in sources else sources).to_dict("records")
    seen, parts = set(), []
    for r in sources:
        if r.get("source_id") in seen:  # the first row of each source, as before, without normalising the rest
            continue
        seen.add(r.get("source_id"))
        parts.append(source_markdown(normalise_source(r), lang))
    return f"**{t('sources', lang)}:** " + " · ".join(parts) if parts else ""


def caption(sources: pd.DataFrame | Iterable[dict] | str, lang: str, as_of: str | None = None,
            notes: Iterable[str] = ()) -> None:
    """The footer under a chart: sources (rows, or a line made by ``sources_line``), as-of date, notes."""
    line = sources if isinstance(sources, str) else sources_line(sources, lang)
    lines = [line] if line else []
    if as_of:
        lines.append(f"**{t('as_of', lang)}:** {as_of}")
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
# holds them). When the chart is narrower than those lines (a phone), the figure's own title and source
# line are hidden and the page's heading above the chart shows instead (a CSS container query).
CHART_CSS = """<style>
[class*="st-key-chartblock-"] { container-type: inline-size; }
[class*="st-key-charthead-"], [class*="st-key-chartnotes-"] { display: none; }
/* the chart's toolbar (the camera) stays reachable above the heading that may overlap the chart's top */
[class*="st-key-chartblock-"] .modebar-container { z-index: 5 !important; }
/* what follows a chart paints above the chart's (possibly overlapping, empty) foot */
[class*="st-key-chartblock-"] ~ *, [class*="st-key-chart_"] ~ * { position: relative; z-index: 1; }
[class*="st-key-charthead-"] h3 { font-size: 1.15rem !important; line-height: 1.35 !important;
  padding: 0 0 0.3rem 0 !important; }
[class*="st-key-charthead-"] [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
</style>"""


def narrow_css(key: str, fig) -> str:
    """Where the chart is narrow and its own title and source line are hidden, close the blank bands they
    leave: the plot moves up under the page's heading (less the legend's extra rows at that width) and
    the next element moves up over the empty foot."""
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
    return (f"<style>@container (max-width: 820px) {{ "
            f"{block} .st-key-charthead-{key}, {block} .st-key-chartnotes-{key} "
            f"{{ display: block; position: relative; z-index: 2; }} "
            f"{block} .stPlotlyChart .g-gtitle, {block} .stPlotlyChart .annotation[data-index=\"0\"] "
            f"{{ display: none; }} "
            f"{sel} {{ margin-top: -{pull(560)}px; margin-bottom: -{max(0, int(foot) - 6)}px; }} "
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

    return tables.tidy(table, lang, territory=ctx().label)


def _resolve(value):
    return value() if callable(value) else value


def _chart_or_table(key: str, title: str, subtitle: str, fig, table, lang: str, file_name: str,
                    alt: str | None, toggle: bool, figure_notes: tuple = ()) -> None:
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
        if figure_notes and fig is not None:
            st.caption("  \n".join(md_escape(n) for n in figure_notes))
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
        if figure_notes:  # drawn inside the figure; repeated here only where the figure's foot is hidden
            with st.container(key=f"chartnotes-{key}"):
                st.caption("  \n".join(md_escape(n) for n in figure_notes))
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


def chart_block(*, key: str, title: str, subtitle: str, fig, table, sources, lang: str,
                as_of: str | None = None, notes: Iterable[str] = (), file_name: str | None = None,
                alt: str | None = None, toggle: bool = True, figure_notes: Iterable[str] = ()) -> None:
    """A chart whose title is its finding, with a chart/table toggle, the caption and downloads.

    ``fig`` and ``table`` may be callables: only the half shown is built (the table when the reader
    asks for it or downloads it). The toggle runs as a fragment: switching reruns this block only.
    ``title`` (the finding) and ``subtitle`` are drawn inside the figure by ``story.theme.frame``; the
    page's heading repeats them only where the chart is too narrow for them, and in the table view.
    ``table`` is the people's table: translated columns, formatted values, qualifiers in words, source.
    ``figure_notes`` are the lines the figure draws under itself (shown again only where the figure
    hides them: a narrow screen, or the table view); ``notes`` go into the caption in every view.
    """
    st.html(CHART_CSS)
    name = file_name or key
    with st.container(key=f"chartblock-{key}"):
        _fragment()(key, title, subtitle, fig, table, lang, name, alt, toggle, tuple(figure_notes))
    caption(sources, lang, as_of, notes)
    downloads(lambda: people(_resolve(table), lang), name, lang, key)
