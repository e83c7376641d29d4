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
    rows = [a["text"].replace("<b>", "").replace("</b>", "") for a in spec["layout"]["annotations"]]
    assert published["x"] == [133, 12, 6, 28] and all(
        name in rows for name in ["Hợp tác xã", "Doanh nghiệp", "Tổ hợp tác", "Hộ kinh doanh"])
    assert listed["x"] == [4, 1, 0, 0]  # 4 cooperatives and the Hàm Yên orange company
    # one colour per meaning (categories one colour), the same on every bar; each says what it is on its first bar
    assert set(published["marker"]["color"]) == {theme.MEANING_COLORS["published"]}
    assert set(listed["marker"]["color"]) == {theme.MEANING_COLORS["listed"]}
    assert published["text"][0] == "133 · đã công bố" and listed["text"][0] == "4 · có trong danh sách này"
    # the source in the figure, by its short label (never its id)
    assert "nhandan.vn (11/07/2024)" in " ".join(a["text"] for a in spec["layout"]["annotations"])


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


def test_the_first_lines_say_how_many_of_the_reported_total_are_named_here(cur):
    """Issue 19 §5: 'Sơn La: 49 of {latest reported total} reported products named here ({its date})' as the
    page's heading, computed: the count of products listed and the latest comparable total come from the data."""
    import re

    from queries import core
    from story import findings, fmt

    for lang in ("vi", "en"):
        at = run(lang, province="14")
        listed = core.coverage(cur, ["14"]).set_index("territory_key").listed["14"]
        figures = core.tier_figures(cur, ["14"])
        latest = findings.latest_total(figures[(figures.metric == "products_total") & (figures.territory_key == "14")])
        total = fmt.qualified(latest["value"], latest["qualifier"], lang)
        when = findings.date_short(latest["as_of"], latest["as_of_precision"], lang)
        want = (f"Sơn La: {listed} trong số {total} sản phẩm đã báo cáo có tên ở đây ({when})" if lang == "vi" else
                f"Sơn La: {listed} of {total} reported products named here ({when})")
        body = " ".join(el.proto.body for el in at.get("html"))
        head = re.search(r'<h1 class="ocop-finding">(.*?)</h1>', body)
        assert head and want in head.group(1), (want, head and head.group(1))
        assert listed < float(latest["value"])  # a share of the total, never read as the province's count
