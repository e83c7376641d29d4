"""Bare overview, the dashboard's default view in shape: a card per province (metrics, tiers, date,
source), a table of headline targets and a timeline chart in its frame."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from bare_block import block

province = st.session_state.get("province", "all")
y0, y1 = st.session_state.get("years", (2019, 2026))
st.title("Chương trình Mỗi xã một sản phẩm (OCOP)")
st.caption(f"Province {province} · {y0}–{y1}")
shown = [("14", "Sơn La", 202), ("08", "Tuyên Quang", 233)]
shown = [p for p in shown if province in ("all", p[0])]
for col, (key, name, total) in zip(st.columns(len(shown)), shown):
    with col, st.container(border=True):
        st.subheader(name, anchor=False)
        st.metric("Tổng số sản phẩm OCOP", f"{total}", delta="+12 so với 150 (12/2023)")
        st.markdown("3 sao: 150 · 4 sao: 48 · 5 sao: 4")
        st.caption("Số liệu đến 02/2025. Cập nhật 9 tháng trước.")
        st.caption("**Nguồn:** Báo Sơn La, 09/02/2025")
        st.markdown("**Độ phủ**")
        st.caption(f"{name}: 48 sản phẩm có trong danh sách / {total} (02/2025)")
st.divider()
st.subheader("Mục tiêu chính", anchor=False)
names = [name for _, name, _ in shown]
targets = pd.DataFrame({"Mục tiêu": [f"Mục tiêu {i}" for i in range(8)], "Trạng thái": ["đạt"] * 8,
                        "Tỉnh": ["Sơn La", "Tuyên Quang"] * 4})
st.dataframe(targets[targets["Tỉnh"].isin(names)], hide_index=True)
st.caption("**Nguồn:** Kế hoạch 77, 2023")
st.divider()
# the timeline follows the province and the years, as the dashboard's does
events = pd.DataFrame([{"Năm": y, "Tỉnh": name, "Sự kiện": f"Sự kiện {y}"} for y in range(2019, 2027)
                       for name in names if y0 <= y <= y1])
fig = go.Figure(go.Scatter(x=events["Năm"], y=events["Tỉnh"], mode="markers", marker=dict(size=14)))
fig.update_layout(height=380)
block("timeline", "Dòng thời gian", fig, events)
