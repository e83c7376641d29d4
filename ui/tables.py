"""Tables for people on screen: ``show`` draws a table (``story.tables`` does the words and formats)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from story import tables
from story.tables import (for_people, rows_text, tidy, when_text,  # noqa: F401  (the pages' one import for tables)
                          words)

# a column holding sentences wraps in a wide column instead of being cut at the default width
_LONG = 60


def show(df: pd.DataFrame, lang: str, *, key: str | None = None, height: int | str | None = None,
         column_config: dict | None = None, territory=None, source=None, max_rows: int | None = None,
         tidied: bool = False) -> pd.DataFrame:
    """Draw ``df`` for people (``story.tables.tidy``: words, vi-VN formats, no None/nan) and return the frame
    shown, for the downloads of exactly what is on screen. ``tidied``: ``df`` is already ``tidy``'s output
    (a page that keeps it between reruns)."""
    if max_rows is not None:  # the rows drawn, before their words are made (tidy works row by row)
        df = df.head(max_rows)
    shown = df if tidied else tables.tidy(df, lang, territory=territory, source=source)
    config = {}
    for col in shown.columns:
        lengths = shown[col].astype(str).str.len()
        if len(lengths) and lengths.max() > _LONG:
            config[col] = st.column_config.TextColumn(width="large")
    config.update(column_config or {})
    kwargs = {"height": height} if height is not None else {}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, key=key, **kwargs)
    return shown
