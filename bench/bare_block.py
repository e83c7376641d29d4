"""The bare app's chart frame, shaped like the dashboard's (title, caption, chart/table toggle, footer,
two downloads), written the plain way: no fragment, so a toggle reruns the whole page."""
import pandas as pd
import streamlit as st


def block(key: str, title: str, fig, table: pd.DataFrame) -> None:
    st.subheader(title, anchor=False)
    st.caption("Số sản phẩm theo hạng sao, theo từng báo cáo")
    view = st.segmented_control("Xem", ["chart", "table"], default="chart", key=f"view_{key}",
                                format_func=lambda v: {"chart": "Biểu đồ", "table": "Bảng"}[v],
                                label_visibility="collapsed")
    if view == "table":
        st.dataframe(table, hide_index=True)
    else:
        st.plotly_chart(fig, key=f"chart_{key}", width="stretch")
    st.caption("**Nguồn:** Báo Sơn La, 09/02/2025 · **Số liệu đến:** 09/02/2025")
    c1, c2 = st.columns(2)
    c1.download_button("Tải CSV", lambda: table.to_csv(index=False), file_name=f"{key}.csv", key=f"csv_{key}",
                       on_click="ignore")
    c2.download_button("Tải XLSX", lambda: table.to_csv(index=False), file_name=f"{key}.csv", key=f"xlsx_{key}",
                       on_click="ignore")
