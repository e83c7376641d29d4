"""Named queries and the target-status rule, tested without Streamlit."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from queries import core
from queries.status import target_status


def figs(*rows):
    return pd.DataFrame([{"as_of_date": pd.Timestamp(d), "value": v, "qualifier": q, "source_id": s,
                          "as_of": str(d), "as_of_precision": "day"} for d, v, q, s in rows])


def target(**kw):
    base = {"deadline_date": pd.Timestamp("2025-12-31"), "comparison": "at_least", "value": 100.0,
            "comparable": True, "unit_abolished_on_date": None}
    base.update(kw)
    return base


def test_status_reached_more_than_needs_strictly_more():
    tg = target(comparison="more_than", value=230.0)
    assert target_status(tg, figs(("2024-07-11", 240, "exact", "a")), date(2024, 8, 1)).status == "reached"
    assert target_status(tg, figs(("2024-07-11", 230, "exact", "a")), date(2024, 8, 1)).status != "reached"
    s = target_status(tg, figs(("2024-07-11", 240, "exact", "a")), date(2024, 8, 1))
    assert round(s.percent, 1) == 104.3


def test_status_on_track_and_behind_by_pace():
    tg = target(value=100.0, deadline_date=pd.Timestamp("2025-12-31"))
    on = figs(("2023-12-31", 60, "exact", "a"), ("2024-12-31", 85, "exact", "a"))
    assert target_status(tg, on, date(2025, 1, 5)).status == "on_track"
    slow = figs(("2023-12-31", 60, "exact", "a"), ("2024-12-31", 65, "exact", "a"))
    assert target_status(tg, slow, date(2025, 1, 5)).status == "behind"


def test_status_missed_no_figure_at_deadline_no_data():
    tg = target(value=280.0, deadline_date=pd.Timestamp("2025-12-31"))
    late = figs(("2025-03-22", 202, "exact", "a"), ("2026-01-15", 250, "exact", "a"))
    assert target_status(tg, late, date(2026, 2, 1)).status == "missed"
    early = figs(("2025-03-22", 202, "exact", "a"))
    assert target_status(tg, early, date(2026, 11, 24)).status == "no_figure_at_deadline"
    assert target_status(tg, figs(), date(2026, 11, 24)).status == "no_data"
    assert target_status(target(comparable=False), early, date(2026, 11, 24)).status == "no_data"


def test_status_unit_abolished():
    tg = target(comparison="all", value=138.0, unit_abolished_on_date=pd.Timestamp("2025-07-01"))
    s = target_status(tg, figs(("2024-07-11", 121, "exact", "a")), date(2026, 11, 24))
    assert s.status == "unit_abolished" and s.latest["value"] == 121


def test_status_says_when_sources_differ_and_flags_about():
    tg = target(value=100.0)
    s = target_status(tg, figs(("2023-12-31", 60, "exact", "a"), ("2024-12-31", 80, "about", "b")), date(2025, 1, 5))
    assert s.different_sources and s.flagged_about


def test_comparable_figures_exclude_doubtful_and_estimates(cur):
    rows = core.comparable_figures(cur, "14", "products_total")
    assert not rows.empty
    assert set(rows.kind) == {"reported"} and "L" not in set(rows.confidence)


def test_product_search_folds_diacritics(cur):
    a = core.product_table(cur, ["14"], "xoài sấy dẻo")
    b = core.product_table(cur, ["14"], "XOAI SAY DEO")
    # the two of the 2019 list, Sông Mã's and Mộc Châu's "xoài sấy dẻo Cường Hoa"
    assert len(a) == len(b) == 4
    assert a.name.tolist() == b.name.tolist()


def test_product_table_sorts_the_vietnamese_way(cur):
    names = core.product_table(cur, ["14", "08", "02", "08-2025"]).name.tolist()
    import duckdb
    expected = [r[0] for r in duckdb.connect().execute(
        "SELECT n FROM (SELECT unnest(?) AS n) ORDER BY n COLLATE vi", [names]).fetchall()]
    assert names == expected


def test_find_figures(cur):
    found = core.find_figures(cur, "4 sao Sơn La 2019")
    assert not found.empty
    assert set(found.metric) == {"products_4star"} and set(found.territory_key) == {"14"}
    assert 9 in found.value.tolist()
    assert core.find_figures(cur, "").empty


def test_territory_family(cur):
    assert core.territory_family(cur, "08-2025")[0] == "08-2025"
    assert set(core.territory_family(cur, "08-2025")) == {"08-2025", "08", "02"}
    assert core.territory_family(cur, "14") == ["14"]


def test_tier_reports_keep_sources_apart(cur):
    rep = core.tier_reports(cur, ["14"], 2019, 2019)
    by_source = {r.source_id: r for r in rep.itertuples()}
    assert len(by_source) >= 2
    doubtful = [r for r in rep.itertuples() if r.doubtful]
    assert doubtful and doubtful[0].s3 == 18 and doubtful[0].rest == 1  # 28 - (18 + 9): split not published


@pytest.mark.parametrize("value,lang,expected", [(1234, "vi", "1.234"), (1234, "en", "1,234")])
def test_number_format(value, lang, expected):
    from story import fmt
    assert fmt.number(value, lang) == expected


def test_percent_and_date_format():
    from story import fmt
    assert fmt.percent(104.347, "vi") == "104,3%"
    assert fmt.percent(104.347, "en") == "104.3%"
    assert fmt.day(date(2024, 7, 11), "vi") == "11/07/2024"
    assert fmt.partial_date("2024-07", "month", "vi") == "07/2024"
    assert fmt.qualified(150, "more_than", "vi") == "trên 150"


def test_csv_download_has_bom_and_neutralises_formulas():
    from ui import frame
    data = frame.csv_bytes(pd.DataFrame({"tên": ["Chè Đồng Lộc", "=HYPERLINK(\"x\")", "@SUM(1)", "-2+3"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Chè Đồng Lộc" in text and "'=HYPERLINK" in text and "'@SUM" in text and "'-2+3" in text


def test_the_app_calls_queries_as_functions():
    """``q(core.territories)``, never ``q("territories")``: a reader (or an editor's go-to-definition) follows
    every call from a page to its SQL; the queries package re-exports nothing."""
    import ast

    import queries
    from tests.conftest import ROOT

    by_name = []
    for part in ("app.py", "ui", "pages", "briefing", "story"):
        path = ROOT / part
        for f in [path] if path.is_file() else sorted(path.rglob("*.py")):
            for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                if (isinstance(n, ast.Call) and getattr(n.func, "id", None) == "q" and n.args
                        and not (isinstance(n.args[0], ast.Attribute) and isinstance(n.args[0].value, ast.Name))):
                    by_name.append(f"{f.relative_to(ROOT)}:{n.lineno}")
    assert not by_name, by_name
    assert not [k for k in vars(queries) if not k.startswith("_") and k not in ("core", "citations", "finder",
                                                                                 "status", "periods", "annotations")]
