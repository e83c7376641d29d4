"""AppTest of the overview, star-tier and targets pages: titles are findings, time runs on a date axis,
bullets are drawn, the chart/table toggle builds only what it shows, and the table speaks to people."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from queries import core
from story import findings, fmt, theme
from tests.conftest import open_page, plain

RAW = {"territory_key", "as_of_precision", "s3", "s4", "s5", "s5p", "rest", "more_than", "source_id", "qualifier",
       "as_of", "total_q", "confidence", "kind", "latest_value", "status", "percent"}


def run(page: str, lang: str = "vi", **params) -> AppTest:
    at = open_page(page, lang, **params)
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def charts(at: AppTest) -> list[tuple[dict, dict, str]]:
    """(figure spec, config, alt text) of every Plotly chart."""
    return [(json.loads(el.proto.spec), json.loads(el.proto.config), el.proto.alt) for el in at.get("plotly_chart")]


def title_of(spec: dict) -> str:
    return re.sub(r"<br>", " ", spec["layout"]["title"]["text"]).replace("&amp;", "&")


def labels(cur, lang):
    return fmt.territory_labels(core.territories(cur), lang)[1]


def assert_people_table(df):
    assert not RAW & set(df.columns), RAW & set(df.columns)
    for col in df.columns:
        for v in df[col]:
            assert v is not None and str(v) not in ("None", "nan", "NaN", "<NA>"), (col, v)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overview_rows_and_the_totals_chart(cur, lang):
    at = run("pages/overview.py", lang)
    lab = labels(cur, lang)
    rows = " ".join(el.proto.body for el in at.get("html"))
    # one row per province: the big number with its unit, a trend, a bullet bar, an as-of line
    # Tuyên Quang's newest total: "gần 500" of 04/12/2025 (tq2025-2025-12-vietnamplus-total), about 500
    # (the qualifier in smaller type before the number, so "khoảng 500" stays on one line)
    for key, number in (("14", '<span class="c-n">202</span>'),
                        ("08-2025", f'<span class="c-q">{"khoảng" if lang == "vi" else "about"}</span> '
                                    '<span class="c-n">500</span>')):
        assert f'aria-label="{lab[key]}"' in rows and number in rows
    # a bullet bar for Sơn La's own target; today's Tuyên Quang has none of its own (issue 19 §3)
    assert rows.count('class="b-track"') == 1 and rows.count("data:image/svg+xml") == 2
    assert ("tháng trước" if lang == "vi" else "months ago") in rows
    # the chart's title is the finding of each province, inside the figure and in the page's heading
    spec, config, alt = charts(at)[0]
    totals = core.tier_figures(cur, ["14", "08-2025"])
    totals = totals[totals.metric == "products_total"]
    expected = " · ".join(findings.total_finding(totals[totals.territory_key == k], lab[k], lang)
                          for k in ("14", "08-2025"))
    assert title_of(spec) == expected
    assert expected in [plain(h.value) for h in at.subheader]
    assert alt.startswith(expected)
    assert spec["layout"]["xaxis"]["type"] == "date"
    # the merger drawn honestly: the old and the new Tuyên Quang are separate series, never summed
    series = {tr["meta"]["territory"] for tr in spec["data"] if (tr.get("meta") or {}).get("territory")}
    assert {"08", "02", "08-2025", "14"} <= series
    assert not any(454 + 240 == y or 450 + 240 == y for tr in spec["data"] for y in (tr.get("y") or []))


def test_overview_first_screen_words_tell_territories_apart(cur):
    at = run("pages/overview.py", "vi")
    rows = " ".join(el.proto.body for el in at.get("html"))
    assert "Tuyên Quang (từ 01/07/2025)" in rows and "Tuyên Quang (đến 30/06/2025)" in rows
    # the predecessor's reached target is context in the 'before the merger' line, named as the former
    # province's (issue 19 §3), never the new province's status
    before = rows.split('class="c-before"', 1)[1]
    assert "✓ Đã đạt" in before and "Tuyên Quang cũ" in before and "mục tiêu tổng sản phẩm &gt; 230" in before


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_star_tiers_on_a_date_axis_with_finding_titles(cur, lang):
    at = run("pages/stars.py", lang, province="08-2025")
    lab = labels(cur, lang)
    spec, config, alt = charts(at)[0]
    reports = core.tier_reports(cur, ["08-2025", "08", "02"])
    expected = findings.tier_finding(reports[reports.territory_key == "08-2025"], lab["08-2025"], lang)
    assert title_of(spec) == expected and alt.startswith(expected)
    time_axes = [k for k, v in spec["layout"].items() if k.startswith("xaxis") and v.get("type") == "date"]
    assert len(time_axes) >= 3  # one panel per territory, each on a date axis
    # source ids never on an axis: the time bars' x values are dates
    for tr in spec["data"]:
        if tr.get("type") == "bar" and tr.get("orientation") != "h" and "sources" in (tr.get("meta") or {}):
            assert all(re.match(r"\d{4}-\d{2}-\d{2}", str(x)) for x in tr["x"])
            assert tr["width"][0] >= 55 * 86_400_000  # about two months wide
    # the latest split (04/12/2025, vietnamplus.vn): one bar, every segment labelled (a count of 2 readable)
    texts = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert ("2 · 5 sao" if lang == "vi" else "2 · 5-star") in texts
    assert ("Hợp nhất tỉnh 01/07/2025" if lang == "vi" else "Provinces merged 1 July 2025") in texts


def test_toolbar_and_export(cur):
    at = run("pages/stars.py", "en", province="14", img="svg")
    spec, config, alt = charts(at)[0]
    assert {"zoom2d", "pan2d", "autoScale2d", "select2d", "lasso2d", "resetScale2d"} <= set(
        config["modeBarButtonsToRemove"])
    opts = config["toImageButtonOptions"]
    assert opts["format"] == "svg" and opts["width"] == 1200 and opts["height"] == spec["layout"]["height"]
    # the source line is the figure's first annotation, below the tick labels
    src = spec["layout"]["annotations"][0]
    assert src["text"].startswith("Sources: ") and src["yanchor"] == "top" and src["yshift"] < 0
    assert spec["layout"]["margin"]["b"] > -src["yshift"]


def test_toggle_shows_a_people_table_and_builds_only_that_half(cur):
    at = run("pages/stars.py", "en", province="14")
    n_charts = len(at.get("plotly_chart"))
    at.segmented_control(key="view_tiers_14").set_value("table").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == n_charts - 1  # the tier chart is not built while the table shows
    df = at.dataframe[0].value
    assert_people_table(df)
    assert {"Territory", "Report date", "3-star", "Source"} <= set(df.columns)
    row = df[df["Report date"].eq("2024, inferred")].iloc[0]
    assert row["Total products"] == "more than 150" and row["3-star"] == "–"
    at = run("pages/overview.py", "vi")
    at.segmented_control(key="view_totals").set_value("table").run()
    assert_people_table(at.dataframe[0].value)
    assert (at.dataframe[0].value["Tổng số sản phẩm"] == "trên 150").any()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_targets_bullets_first_then_the_table(cur, lang):
    at = run("pages/targets.py", lang, province="08-2025")
    spec, config, alt = charts(at)[0]
    actual = next(tr for tr in spec["data"] if (tr.get("meta") or {}).get("series") == "actual")
    statuses = [theme.meaning(c) for c in actual["marker"]["color"]]
    # the "every district a 5★" target states no number, so it has no bar (it stays in the table)
    assert sorted(statuses) == ["status_reached", "status_unit_abolished"]
    # each row labelled as every surface labels it: what it counts, where, by when
    texts = " ".join(a["text"] for a in spec["layout"]["annotations"])
    former = "Tuyên Quang cũ" if lang == "vi" else "Former Tuyên Quang"  # a label starts with a capital (issue 19 §9)
    assert (f"{former} · tổng sản phẩm &gt; 230 (2025)" if lang == "vi" else
            f"{former} · total products &gt; 230 (2025)") in texts
    p = core.target_progress(cur, ["08-2025", "08", "02"], date.today())
    head = findings.headline_target(p, ["08-2025", "08", "02"])
    assert title_of(spec) == findings.target_finding(head, labels(cur, lang)[head["territory_key"]], lang)
    # the abolished communes target still shows how far it had got, with its figure's date
    texts = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert ("· 121 (11/07/2024) ·" if lang == "vi" else "· 121 (11 July 2024) ·") in texts
    # then the table: four columns, people's words
    table = at.table[0].value
    assert len(table.columns) == 4
    assert_people_table(table)
    assert_people_table(at.dataframe[0].value)  # the detail in the expander


def test_many_provinces_become_a_table_and_the_chart_still_shows(tmp_path, monkeypatch):
    from ocop_data.synthetic import build_synthetic

    db = tmp_path / "synthetic.duckdb"
    build_synthetic(db, 20261124, 0.02)
    monkeypatch.setenv("OCOP_DB", str(db))
    at = run("pages/overview.py", "en")
    assert not at.get("html") or "ocop-row" not in " ".join(el.proto.body for el in at.get("html"))
    df = at.dataframe[0].value
    assert len(df) > 3 and {"Province", "Latest total", "Trend", "Status"} <= set(df.columns)
    assert df["Trend"].str.startswith("data:image/svg+xml").all()
    spec, config, alt = charts(at)[0]
    assert spec["layout"]["xaxis"]["type"] == "date" and title_of(spec).startswith(f"{len(df)} provinces")
