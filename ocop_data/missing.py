"""The one home of "is this value missing?": a figure nobody published stays empty (RULES.md §3), and every
layer asks the same question of a cell, a query result or a record.

``missing(v)``: None, NaN, NaT or pd.NA. A list, a tuple or a dict is a value (never "missing", even empty),
and so is text. ``blank(v)``: missing, or text with nothing but spaces (a cell a person left empty).
``records(df)``: a DataFrame's rows as dicts, a missing cell as None (never NaN: JSON, templates, ``or``).
"""
from __future__ import annotations

import math

import pandas as pd


def missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (str, list, tuple, dict, set)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # an array or another container: a value
        return False


def blank(value) -> bool:
    return missing(value) or (isinstance(value, str) and not value.strip())


def records(df: pd.DataFrame) -> list[dict]:
    return [{k: None if missing(v) else v for k, v in r.items()} for r in df.to_dict("records")]
