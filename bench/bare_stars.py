"""Bare stars page, the dashboard's default view in shape: per province a stacked tier chart and a
rounds chart, each with its chart/table toggle, and a table of undated reports."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from bare_block import block

st.title("Phân hạng sao theo thời gian")
for key, name in (("14", "Sơn La"), ("08", "Tuyên Quang")):
    tiers = pd.DataFrame({"Báo cáo": ["12/2019", "12/2021", "12/2023", "02/2025"], "3 sao": [20, 60, 80, 150],
                          "4 sao": [8, 20, 30, 48], "5 sao": [0, 0, 1, 2]})
    fig = go.Figure([go.Bar(x=tiers["Báo cáo"], y=tiers[s], name=s) for s in ("3 sao", "4 sao", "5 sao")])
    fig.update_layout(barmode="stack", height=520)
    block(f"tiers_{key}", f"Sản phẩm OCOP theo hạng sao · {name}", fig, tiers)
    rounds = pd.DataFrame({"Đợt": ["2022", "2023", "2024"], "Mới": [40, 55, 61], "Đánh giá lại": [5, 9, 12]})
    fig = go.Figure([go.Bar(x=rounds["Đợt"], y=rounds[s], name=s) for s in ("Mới", "Đánh giá lại")])
    fig.update_layout(barmode="group", height=360)
    block(f"rounds_{key}", f"Các đợt đánh giá · {name}", fig, rounds)
    st.subheader("Báo cáo không ghi ngày", anchor=False)  # as the dashboard's undated reports
    st.dataframe(pd.DataFrame({"Tỉnh": [name] * 3, "Tổng": [120, 150, 202], "Nguồn": ["a", "b", "c"]}),
                 hide_index=True)
    st.divider()
