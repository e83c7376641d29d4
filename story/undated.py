"""Undated reports, said where they cannot be drawn (DATA-RULES §3: an undated figure is listed with its source,
never put on a time axis, never summed or compared): the list beside a chart ("3 báo cáo không rõ ngày: 72,
109, 138") and the clause a finding adds when they are larger than the newest dated figure."""
from __future__ import annotations

import pandas as pd

from ocop_data.words import t

from . import fmt
from .cite import is_missing


def values(figures, value_key: str = "value") -> list[tuple[float, str]]:
    """(value, qualifier) of the undated reports among ``figures`` (totals of one territory, or
    ``tier_reports`` rows with ``value_key='total'``), smallest first; derived rows are not reports."""
    rows = figures.to_dict("records") if isinstance(figures, pd.DataFrame) else list(figures or [])
    found = [r for r in rows if is_missing(r.get("as_of_date")) and not is_missing(r.get(value_key))
             and r.get("kind") != "derived" and not r.get("has_derived")]
    return sorted(((float(r[value_key]), r.get("qualifier") or "exact") for r in found), key=lambda x: x[0])


def _listed(found: list, lang: str) -> str:
    return ", ".join(fmt.qualified(v, q, lang) for v, q in found)


def note(figures, lang: str, value_key: str = "value", territory: str | None = None) -> str | None:
    """'3 báo cáo không rõ ngày: 72, 109, 138' (shown beside the chart they have no place on); None if none."""
    found = values(figures, value_key)
    if not found:
        return None
    text = t("f_undated_list" if len(found) > 1 else "f_undated_list_1", lang).format(
        n=fmt.number(len(found), lang), values=_listed(found, lang))
    return f"{territory}: {text}" if territory else text


def larger_clause(figures, latest: float | None, lang: str, value_key: str = "value") -> str:
    """'; 2 báo cáo không rõ ngày ghi số lớn hơn: 109, 138' when undated reports exceed the newest dated figure
    (every undated report when there is no dated one); '' otherwise."""
    found = [(v, q) for v, q in values(figures, value_key) if latest is None or v > float(latest)]
    if not found:
        return ""
    return "; " + t(("f_undated_larger" if latest is not None else "f_undated_list") + ("" if len(found) > 1 else "_1"),
                    lang).format(n=fmt.number(len(found), lang), values=_listed(found, lang))
