"""The bare reference: a plain Streamlit app of the dashboard's shape, written the simplest way (every
interaction reruns the whole script, no fragments, no caching layer). bench/run.py measures each action
on it and on the dashboard in the same run; the ratio is what the dashboard adds to the framework.

Shape: a sidebar with the navigation, a language switch, a province box, a years slider and an image
format switch; an overview (metrics per province, a table, a chart), a products page (a text box
filtering a 60-row table), a stars page (two chart/table toggles) and a slide page (previous/next).
"""
import streamlit as st

st.set_page_config(page_title="bare", layout="wide")
nav = st.navigation([st.Page("bare_home.py", title="Tổng quan", url_path="overview", default=True),
                     st.Page("bare_stars.py", title="Phân hạng sao", url_path="stars"),
                     st.Page("bare_products.py", title="Sản phẩm", url_path="products"),
                     st.Page("bare_present.py", title="Trình chiếu", url_path="present")])
with st.sidebar:
    st.segmented_control("Ngôn ngữ / Language", ["vi", "en"], default="vi", key="lang")
    st.selectbox("Tỉnh", ["all", "14", "08"], key="province",
                 format_func=lambda k: {"all": "Tất cả", "14": "Sơn La", "08": "Tuyên Quang"}[k])
    st.slider("Khoảng năm", 2019, 2026, (2019, 2026), key="years")
    st.segmented_control("Định dạng ảnh biểu đồ", ["png", "svg"], default="png", key="img")
    st.caption("Bare Streamlit reference app (bench/bare_app.py)")
nav.run()
