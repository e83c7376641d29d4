"""Bare products page: a text box filtering a 60-row table (diacritics folded), as the dashboard's search."""
from unicodedata import normalize

import pandas as pd
import streamlit as st

names = ["tỏi đen", "măng trúc muối ớt", "mận sấy gừng"] + [f"sản phẩm {i}" for i in range(57)]
df = pd.DataFrame({"Sản phẩm": names, "Chủ thể": [f"HTX {i}" for i in range(60)], "Hạng sao": ["3 sao"] * 60})


def fold(s: str) -> str:
    return "".join(c for c in normalize("NFD", s.lower().replace("đ", "d")) if not 0x300 <= ord(c) <= 0x36F)


st.title("Sản phẩm")
q = st.text_input("Tìm sản phẩm hoặc chủ thể")
shown = df[[fold(q) in fold(n) for n in df["Sản phẩm"]]] if q else df
st.caption(f"{len(shown)} sản phẩm")
st.dataframe(shown, hide_index=True)
