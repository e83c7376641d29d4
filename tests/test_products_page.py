"""Products page (issue 10 §7): the producers a province published beside those listed here, one colour
per meaning, and who has the most products; the search block is a fragment (its browser test is in
tests/test_browser_a11y.py)."""
from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from story import theme
from tests.conftest import open_page, plain


def run(lang: str, **params) -> AppTest:
    at = open_page("pages/products.py", lang, **params)
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_published_split_beside_the_producers_listed_here():
    at = run("vi", province="08-2025")
    titles = [plain(h.value) for h in at.subheader]
    title = next(x for x in titles if "179" in x)
    assert title.startswith("Tuyên Quang (đến 30/06/2025)") and "11/07/2024" in title and "5 chủ thể" in title
    spec = next(json.loads(el.proto.spec) for el in at.get("plotly_chart")
                if any("133" in str(tr.get("text")) for tr in json.loads(el.proto.spec)["data"]))
    published, listed = spec["data"]
    assert published["x"] == [133, 12, 6, 28] and published["y"] == ["Hợp tác xã", "Doanh nghiệp", "Tổ hợp tác",
                                                                      "Hộ kinh doanh"]
    assert listed["x"] == [4, 1, 0, 0]  # 4 cooperatives and the Hàm Yên orange company
    # one colour per meaning, the same on every bar of a series; each says what it is on its first bar
    assert published["marker"]["color"] == theme.MEANING_COLORS["published"]
    assert listed["marker"]["color"] == theme.MEANING_COLORS["listed"]
    assert published["text"][0] == "133 · đã công bố" and listed["text"][0] == "4 · có trong danh sách này"
    assert "seed-001" in " ".join(a["text"] for a in spec["layout"]["annotations"])  # the source in the figure


def test_a_province_that_published_only_a_total_says_so():
    at = run("en", province="14")
    title = next(plain(h.value) for h in at.subheader if plain(h.value).startswith("Sơn La:"))
    assert "78 producers (2023), not split by type" in title and "32 listed here" in title


def test_who_has_the_most_products():
    at = run("vi")
    title = next(plain(h.value) for h in at.subheader if plain(h.value).startswith("Chủ thể có nhiều sản phẩm nhất"))
    assert "(6 sản phẩm)" in title
    df = at.dataframe[0].value
    assert "Sản phẩm của chủ thể" in df.columns
