"""Bare slides, the presentation in shape: a headline slide of metrics, then one chart a slide, and a row
of previous / slide number / next / download / exit."""
import plotly.graph_objects as go
import streamlit as st

N = 6
i = st.session_state.setdefault("slide", int(st.query_params.get("slide", 1)))


def go_to(delta: int) -> None:
    st.session_state["slide"] = min(max(st.session_state["slide"] + delta, 1), N)


st.title(f"Trang {i}: Sản phẩm OCOP")
st.caption("Sơn La, Tuyên Quang · 2019–2026")
if i == 1:
    for col, (name, total) in zip(st.columns(2), (("Sơn La", 202), ("Tuyên Quang", 233))):
        col.metric(name, f"{total}", border=True)
        col.markdown("3 sao: 150 · 4 sao: 48 · 5 sao: 4  \nSố liệu đến 02/2025 · `seed-003`")
else:
    reports = ["12/2019", "12/2021", "12/2023", "02/2025", "09/2025"]  # a stacked tier chart, as the slides'
    fig = go.Figure([go.Bar(x=reports, y=[v * i for v in values], name=name) for name, values in (
        ("3 sao", [20, 60, 80, 150, 160]), ("4 sao", [8, 20, 30, 48, 52]), ("5 sao", [0, 0, 1, 2, 4]),
        ("chưa rõ hạng", [0, 3, 5, 2, 0]))])
    fig.update_layout(barmode="stack", height=720, font=dict(size=22))
    st.plotly_chart(fig, key=f"slide_{i}", width="stretch")
st.caption("Nguồn: Báo Sơn La, 09/02/2025")
left, mid, right, dl, leave = st.columns([1, 1, 1, 2, 1.4])
left.button("◀ Trước", on_click=go_to, args=(-1,), disabled=i == 1, key="prev", width="stretch")
mid.markdown(f"**{i} / {N}**")
right.button("Sau ▶", on_click=go_to, args=(1,), disabled=i == N, key="next", width="stretch")
dl.download_button("Tải bản trình chiếu", b"pptx", file_name="bare.pptx", on_click="ignore", width="stretch")
leave.button("Thoát trình chiếu", key="leave", width="stretch")
