"""AppTest for every page in both languages, reading the Plotly spec and the pydeck JSON for content."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page

PAGES = ["pages/overview.py", "pages/stars.py", "pages/targets.py", "pages/products.py", "pages/map.py",
         "pages/sources.py"]


def run(page: str | None = None, lang: str = "vi", **params) -> AppTest:
    at = open_page(page, lang, **params)
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def deck(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_both_languages(page, lang):
    at = run(page, lang)
    # a page's heading: st.title, or its finding as the page's h1 (frame.page_head, issue 19 §5)
    assert at.title or '<h1 class="ocop-finding">' in html(at), "every page has a title"
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    if lang == "en":
        assert "Source" in text or "source" in text
    else:
        assert "Nguồn" in text or "nguồn" in text


def _bars(spec: dict) -> dict:
    """{(trace name, year of the bar's date, sources of the bar): y} over the star-tier chart's time bars."""
    out = {}
    for tr in spec["data"]:
        meta = tr.get("meta") or {}
        if tr.get("type") != "bar" or "sources" not in meta:
            continue
        for x, y, srcs in zip(tr["x"], tr["y"], meta["sources"]):
            out[(tr["name"], str(x)[:4], tuple(srcs))] = y
    return out


def _has(key: tuple, source: str) -> bool:
    return source in key[2]


def test_son_la_2019_bar_and_the_doubtful_one_beside_it():
    at = run("pages/stars.py", "vi", province="14")
    spec = specs(at)[0]
    bars = _bars(spec)
    seed = {k[0]: v for k, v in bars.items() if k[1] == "2019" and _has(k, "seed-002")}
    assert seed["3 sao"] == 19 and seed["4 sao"] == 9
    doubtful = {k[0]: v for k, v in bars.items() if k[1] == "2019" and _has(k, "tapchicongthuong-73075")}
    assert doubtful["3 sao"] == 18 and doubtful["4 sao"] == 9
    # beside it, not on top of it: the two reports stand at different places on the time axis, and the
    # doubtful one is hatched
    trace = next(tr for tr in spec["data"] if tr.get("type") == "bar" and tr["name"] == "3 sao"
                 and "sources" in (tr.get("meta") or {}))
    xs = {tuple(s): x for x, s in zip(trace["x"], trace["meta"]["sources"])}
    seed_x = next(x for s, x in xs.items() if "seed-002" in s)
    doubt_x = next(x for s, x in xs.items() if "tapchicongthuong-73075" in s)
    assert seed_x != doubt_x
    shapes = dict(zip(map(tuple, trace["meta"]["sources"]), trace["marker"]["pattern"]["shape"]))
    assert shapes[next(s for s in shapes if "tapchicongthuong-73075" in s)] == "/"


def test_son_la_2023_disagreeing_reports_both_visible():
    at = run("pages/stars.py", "en", province="14")
    bars = _bars(specs(at)[0])
    at_2023 = {k: v for k, v in bars.items() if k[1] == "2023" and k[0] == "3-star"}
    assert sorted(at_2023.values()) == [58, 68]
    assert any(_has(k, "seed-000") for k in at_2023)


def test_total_only_reports_are_marked_split_not_published():
    at = run("pages/stars.py", "en", province="14")
    spec = specs(at)[0]
    totals = [tr for tr in spec["data"] if (tr.get("meta") or {}).get("tier") == "total"
              and "sources" in tr["meta"]]
    assert totals, "a report with only a total is drawn as a total"
    pairs = {tuple(s): y for s, y in zip(totals[0]["meta"]["sources"], totals[0]["y"])}
    assert any(v == 150 and "seed-003" in s for s, v in pairs.items())
    assert any("more than 150" in h and "split not published" in h for h in totals[0]["hovertext"])


def test_merged_tuyen_quang_predecessors_side_by_side():
    at = run("pages/stars.py", "vi", province="08-2025")
    spec = specs(at)[0]
    titles = [a["text"] for a in spec["layout"]["annotations"] if "Tuyên Quang" in a["text"] or "Hà Giang" in a["text"]]
    assert any("Hà Giang" in t for t in titles) and any("30/06/2025" in t for t in titles)
    territories = {tr["meta"]["territory"] for tr in spec["data"] if (tr.get("meta") or {}).get("territory")}
    assert {"08", "02"} <= territories
    # the old Tuyên Quang's 240 and Hà Giang's 278 sit on different panels, never one line
    xaxes = {tr["meta"]["territory"]: tr.get("xaxis", "x") for tr in spec["data"]
             if (tr.get("meta") or {}).get("territory")}
    assert xaxes["08"] != xaxes["02"]


def test_vietnamese_number_format_in_charts():
    at = run("pages/stars.py", "vi", province="14")
    assert specs(at)[0]["layout"]["separators"] == ",."
    at = run("pages/stars.py", "en", province="14")
    assert specs(at)[0]["layout"]["separators"] == ".,"


def test_map_tuyen_quang_markers_sum_to_20_under_more_than_20():
    at = run("pages/map.py", "en", province="08-2025")
    layers = {layer["id"]: layer for layer in deck(at)["layers"]}
    counted = [d for d in layers["counted_points"]["data"] if d["territory_key"] == "08"]
    assert len(counted) == 7 and sum(d["count"] for d in counted) == 20
    text = " ".join(m.value for m in at.markdown)
    assert "more than 20" in text and "add up to 20" in text
    # a place's tooltip names its source by its short label (outlet and date), never by its id
    assert all(d["tt_source"] == "Source: nhandan.vn (11 July 2024)" for d in counted)
    # no basemap from the internet: no map provider, no style address (the boundaries are the basemap)
    assert deck(at).get("mapProvider") in (None, "") and "http" not in str(deck(at).get("mapStyle") or "")


def test_map_son_la_four_localities_without_counts():
    at = run("pages/map.py", "vi", province="14")
    d = deck(at)
    layers = {layer["id"]: layer for layer in d["layers"]}
    loc = layers["localities"]["data"]
    assert len(loc) == 4
    assert all(x["count"] is None and x["label"] == "" for x in loc)
    assert all("thuộc" in x["tt_count"] and "chưa công bố" in x["tt_count"] for x in loc)
    assert "districts" in layers  # the boundary layer draws with no internet


def test_map_draws_hagiang_districts_for_todays_tuyen_quang():
    at = run("pages/map.py", "vi", province="08-2025")
    features = {layer["id"]: layer for layer in deck(at)["layers"]}["districts"]["data"]["features"]
    assert len(features) == 18  # 7 of the old Tuyên Quang + 11 of the old Hà Giang


def test_products_search_ignores_diacritics_and_sorts_vietnamese():
    at = run("pages/products.py", "vi", province="14", q="xoai say deo")
    df = at.dataframe[0].value
    assert len(df) == 4  # two in the 2019 list, Sông Mã's, Mộc Châu's "xoài sấy dẻo Cường Hoa"
    at = run("pages/products.py", "vi", province="14", q="đồng")
    at2 = run("pages/products.py", "vi", province="14", q="dong")
    assert len(at.dataframe[0].value) == len(at2.dataframe[0].value) > 0


def test_products_facet_not_published_and_url_filters():
    at = run("pages/products.py", "en", province="14", stars="4")
    df = at.dataframe[0].value
    assert set(df["Stars"]) == {"4-star"}
    ms = at.multiselect(key="district")
    assert "" in ms.options or any("not published" in o for o in ms.options)


def test_subjects_chart_is_labelled_among_listed():
    at = run("pages/products.py", "en", province="14")
    captions = " ".join(c.value for c in at.caption)
    # the producers listed here are never presented as the province's split (issue 10 §7)
    assert "Two different things" in captions and "product list here" in captions


def test_targets_status_of_kh90():
    at = run("pages/targets.py", "en", province="08-2025")
    df = at.table[0].value.map(lambda v: v.replace("\\", ""))  # the table under the bullets (markdown-escaped)
    row = df[df["Target"].str.contains("230")].iloc[0]
    assert "Reached" in row["Status"] and "104.3%" in row["Reached"]
    at = run("pages/targets.py", "vi", province="08-2025")
    df = at.table[0].value
    assert df["Đạt được"].str.contains("104,3%").any()


def test_sources_finder():
    at = run("pages/sources.py", "vi")
    at.text_input(key="find").input("4 sao Sơn La 2019").run()
    cards = [m.value for m in at.markdown if m.value.startswith("**Sản phẩm 4 sao**")]
    assert cards and "**9 sản phẩm**" in cards[0] and "Sơn La" in cards[0]


def html(at: AppTest) -> str:
    return " ".join(el.proto.body for el in at.get("html"))


def test_overview_shows_latest_totals_with_sources():
    at = run("pages/overview.py", "en")
    rows = html(at)
    assert "Sơn La" in rows and 'class="c-n">202<' in rows and "Vietnam.vn (22 March 2025)" in rows  # the latest report of 202
    text = " ".join(m.value for m in at.markdown)
    assert "Nationwide" in text


def test_a_merged_province_card_keeps_its_own_status(cur):
    """Issue 19 §3: today's Tuyên Quang has no target of its own, and its card says so; the former provinces'
    results (a target status included) stand in the 'before the merger' line as context, never in the
    card's target column beside the new province's headline."""
    from datetime import date

    from queries import core
    from story import findings

    fam = ["08-2025", "08", "02"]
    progress = core.target_progress(cur, fam, date.today())
    assert findings.headline_target(progress, ["08-2025"]) is None  # from the data: none of its own
    old = findings.headline_target(progress, ["08"])
    assert old is not None
    for lang, none_words in (("vi", "Tỉnh mới chưa có mục tiêu riêng"), ("en", "no target of its own")):
        at = run("pages/overview.py", lang)
        card = html(at).split('aria-label="Tuyên Quang', 1)[1].split('class="ocop-row"', 1)[0]
        target_col, before = card.split('class="c-bullet"', 1)[1].split('class="c-before"', 1)
        assert none_words in target_col and "b-track" not in target_col
        status = findings.status_label(old["status"], lang)
        assert status not in target_col and status in before


def test_chart_image_export_format_follows_the_choice():
    at = run("pages/stars.py", "en", province="14", img="svg")
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["format"] == "svg"
    spec = specs(at)[0]
    # the caption (sources, as-of date) is drawn inside the figure, so the exported image keeps it
    assert any(a["text"].startswith("Sources: ") and "As of" in a["text"] for a in spec["layout"]["annotations"])


def test_map_and_sources_headings_are_their_findings(cur):
    """Issue 19 §5: the map page's heading is the published sales-point totals, the sources page's how many
    sources state their title, publisher and date, each computed from the data."""
    import re

    from queries import core
    from story import findings, fmt

    def heading(at):
        found = re.search(r'<h1 class="ocop-finding">(.*?)</h1>', html(at))
        return found and re.sub(r"<[^>]+>", "", found.group(1))

    points = core.sales_points(cur, ["14", "08-2025", "08", "02"])
    totals = points[points.entry_kind == "total"]
    assert not totals.empty
    for lang in ("vi", "en"):
        got = heading(run("pages/map.py", lang))
        for r in totals.to_dict("records"):
            assert fmt.qualified(r["count"], r["count_qualifier"] or "exact", lang) in got, got
            assert findings.date_short(r["as_of"], r["as_of_precision"], lang) in got, got
        srcs = core.sources(cur)
        complete = sum(isinstance(s["title"], str) and s["title"] not in ("", "not stated") and not s["title_descriptive"]
                       and isinstance(s["publisher"], str) and s["publisher"] not in ("", "not stated")
                       and isinstance(s["published"], str) and s["published"] != ""
                       for s in srcs.to_dict("records"))
        got = heading(run("pages/sources.py", lang))
        assert got.startswith(f"{len(srcs)} ") and f"; {complete} " in got, (got, complete)
