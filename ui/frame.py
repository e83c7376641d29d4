"""The one home of the frame around every chart: title, subtitle, chart/table toggle, caption
(source, as-of date, notes) and downloads of exactly the data shown (CSV with BOM, XLSX)."""
from __future__ import annotations

import io
from typing import Iterable

import pandas as pd
import streamlit as st

from story import fmt
from story.cite import (cite, esc, host, link, md_escape, normalise_source, source_label,  # noqa: F401
                        source_markdown)
from story.i18n import t

from . import state
from .shell import fragment

_FORMULA = ("=", "+", "-", "@", "\t", "\r")



def records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None (never NaN) for missing cells."""
    return [{k: (None if not isinstance(v, (list, tuple, dict)) and pd.isna(v) else v) for k, v in r.items()}
            for r in df.to_dict("records")]


def caption(sources: pd.DataFrame | Iterable[dict], lang: str, as_of: str | None = None,
            notes: Iterable[str] = ()) -> None:
    """The footer under a chart: sources, as-of date, notes."""
    if isinstance(sources, pd.DataFrame):  # one row a source before anything else (tables run long)
        sources = (sources.drop_duplicates("source_id") if "source_id" in sources else sources).to_dict("records")
    seen, parts = set(), []
    for r in sources:
        if r.get("source_id") in seen:  # the first row of each source, as before, without normalising the rest
            continue
        seen.add(r.get("source_id"))
        parts.append(source_markdown(normalise_source(r), lang))
    lines = []
    if parts:
        lines.append(f"**{t('sources', lang)}:** " + " · ".join(parts))
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


def downloads(df: pd.DataFrame, name: str, lang: str, key: str) -> None:
    """CSV and XLSX of exactly the data shown, made only when the user clicks (deferred)."""
    c1, c2 = st.columns(2)
    c1.download_button(t("download_csv", lang), lambda: csv_bytes(df), file_name=f"{name}.csv", mime="text/csv",
                       key=f"dl_csv_{key}", on_click="ignore", icon=":material/download:")
    c2.download_button(t("download_xlsx", lang), lambda: xlsx_bytes(df), file_name=f"{name}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"dl_xlsx_{key}", on_click="ignore", icon=":material/table:")


def chart_block(*, key: str, title: str, subtitle: str, fig, table: pd.DataFrame, sources, lang: str,
                as_of: str | None = None, notes: Iterable[str] = (), file_name: str | None = None) -> None:
    """Title, subtitle, chart or table (toggle), footer caption and downloads of the data shown.

    A fragment: the toggle reruns this block alone, and only the half shown is sent to the browser.
    """
    _chart_block(key=key, title=title, subtitle=subtitle, fig=fig, table=table, sources=sources, lang=lang,
                 as_of=as_of, notes=notes, file_name=file_name)


@fragment
def _chart_block(*, key: str, title: str, subtitle: str, fig, table: pd.DataFrame, sources, lang: str,
                 as_of: str | None, notes: Iterable[str], file_name: str | None) -> None:
    st.subheader(title, anchor=False)
    st.caption(subtitle)
    view = st.segmented_control(t("view", lang), ["chart", "table"], default="chart", key=f"view_{key}",
                                format_func=lambda v: t(f"view_{v}", lang), label_visibility="collapsed")
    if view == "table" or fig is None:
        if table.empty:
            st.info(t("no_rows", lang))
        else:
            st.dataframe(table, hide_index=True, width="stretch")
    else:
        st.plotly_chart(fig, width="stretch", key=f"chart_{key}", config={
            "displaylogo": False, "responsive": True,
            "toImageButtonOptions": {"format": state.get("img") or "png", "filename": file_name or key, "scale": 2},
        })
    caption(sources, lang, as_of, notes)
    downloads(table, file_name or key, lang, key)


