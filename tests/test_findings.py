"""Finding sentences (story/findings.py): computed from query results, bound by the data rules (RULES.md), in both languages."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from queries import core
from queries.status import STATUSES, target_status
from story import charts, findings, fmt, plot, rows, spec, theme


def fig(key, as_of, precision, value, source, kind="reported", confidence="H", qualifier="exact",
        metric="products_total"):
    if precision == "year" or precision == "inferred":
        d = pd.Timestamp(int(as_of[:4]), 12, 31)
    elif precision == "month":
        d = pd.Timestamp(as_of + "-01") + pd.offsets.MonthEnd(0)
    elif precision == "day":
        d = pd.Timestamp(as_of)
    else:
        d = pd.NaT
    return dict(territory_key=key, as_of=as_of, as_of_precision=precision, as_of_date=d, metric=metric,
                value=float(value), kind=kind, qualifier=qualifier, confidence=confidence, source_id=source,
                source_title="not stated", source_address=f"https://{source}.example.vn/a", source_file=None,
                note="")


def frame(*rows):
    return pd.DataFrame(list(rows))


# --- totals ------------------------------------------------------------------------------

def test_total_with_change_between_two_sources_says_so():
    df = frame(fig("14", "2019", "year", 28, "seed-002"), fig("14", "2025-03", "month", 202, "baomoi"))
    assert findings.total_finding(df, "Sơn La", "vi") == \
        "Sơn La: 202 sản phẩm OCOP (03/2025), tăng từ 28 năm 2019 (hai nguồn khác nhau)"
    assert findings.total_finding(df, "Sơn La", "en") == \
        "Sơn La: 202 OCOP products (March 2025), up from 28 in 2019 (two different sources)"


def test_total_change_from_one_source_does_not_claim_two():
    df = frame(fig("08", "2020", "year", 79, "seed-001"), fig("08", "2024-07-11", "day", 240, "seed-001"))
    text = findings.total_finding(df, "Tuyên Quang (đến 30/06/2025)", "vi")
    assert text == "Tuyên Quang (đến 30/06/2025): 240 sản phẩm OCOP (11/07/2024), tăng từ 79 năm 2020"
    assert "hai nguồn" not in text


def test_estimates_and_doubtful_figures_never_feed_the_change():
    df = frame(fig("14", "2019", "year", 28, "a"), fig("14", "2023", "year", 180, "b", kind="estimate",
                                                       qualifier="more_than"),
               fig("14", "2024-05", "month", 999, "c", confidence="L"), fig("14", "2022", "year", 60, "a"))
    text = findings.total_finding(df, "Sơn La", "en")
    assert text == "Sơn La: 60 OCOP products (2022), up from 28 in 2019"
    assert "180" not in text and "999" not in text


def test_conflicting_sources_at_the_latest_date_are_both_named():
    df = frame(fig("14", "2019", "year", 28, "a"), fig("14", "2023", "year", 110, "b"),
               fig("14", "2023", "year", 104, "c", confidence="M"))
    vi = findings.total_finding(df, "Sơn La", "vi")
    assert "110 sản phẩm OCOP (2023)" in vi and "nguồn khác cùng thời điểm: 104" in vi
    en = findings.total_finding(df, "Sơn La", "en")
    assert "another source at the same date: 104" in en


def test_inferred_date_is_marked_and_qualifier_kept():
    df = frame(fig("14", "2021", "inferred", 83, "vov"), fig("14", "2024", "inferred", 150, "seed-003",
                                                              qualifier="more_than"))
    assert findings.total_finding(df, "Sơn La", "vi") == \
        "Sơn La: trên 150 sản phẩm OCOP (2024, suy ra), tăng từ 83 năm 2021 (suy ra) (hai nguồn khác nhau)"
    assert findings.total_finding(df, "Sơn La", "en") == \
        "Sơn La: more than 150 OCOP products (2024, inferred), up from 83 in 2021 (inferred) (two different sources)"


def test_missing_data_is_said_in_words():
    assert findings.total_finding(frame(), "Lai Châu", "vi") == "Lai Châu: chưa có tổng số sản phẩm OCOP đã báo cáo"
    only_bad = frame(fig("12", "2024", "year", 77, "x", kind="estimate"), fig("12", "", "undated", 70, "y"))
    assert findings.total_finding(only_bad, "Lai Châu", "en") == \
        "Lai Châu: no reported total of OCOP products yet (only estimates or doubtful figures); 1 undated report: 70"


def test_a_single_report_has_no_change():
    df = frame(fig("08-2025", "2025-11-29", "day", 450, "danviet", confidence="M"),
               fig("08-2025", "2025-11-25", "day", 454, "congthuong", confidence="L"))
    assert findings.total_finding(df, "Tuyên Quang (từ 01/07/2025)", "vi") == \
        "Tuyên Quang (từ 01/07/2025): 450 sản phẩm OCOP (29/11/2025)"
    assert findings.change_phrase(df, "vi") is None


# --- star tiers --------------------------------------------------------------------------

def report(key, as_of, precision, total, s3=None, s4=None, s5=None, s5p=None, source="s", doubtful=False,
           kind="reported"):
    r = fig(key, as_of, precision, total, source, kind=kind, confidence="L" if doubtful else "H")
    r.update(total=float(total), s3=s3, s4=s4, s5=s5, s5p=s5p, total_q="exact", s3_q="exact", s4_q="exact",
             s5_q="exact", s5p_q="exact", doubtful=doubtful)
    del r["value"]
    return r


def test_tier_finding_latest_split_and_four_star_change():
    df = frame(report("14", "2019", "year", 28, 19, 9, 0, source="seed-002"),
               report("14", "2019", "year", 28, 18, 9, 0, source="tapchi", doubtful=True),
               report("14", "2025-03", "month", 202, 139, 62, 1, source="baomoi"))
    assert findings.tier_finding(df, "Sơn La", "vi") == (
        "Sơn La: 139 sản phẩm 3 sao, 62 sản phẩm 4 sao và 1 sản phẩm 5 sao (03/2025); số 4 sao tăng từ 9 năm 2019 "
        "(hai nguồn khác nhau)")
    assert findings.tier_finding(df, "Sơn La", "en") == (
        "Sơn La: 139 three-star, 62 four-star and 1 five-star products (March 2025); four-star up from 9 in 2019 "
        "(two different sources)")


def test_tier_finding_without_a_published_split():
    df = frame(report("08-2025", "2025-11-25", "day", 454, 428, 24, source="congthuong", doubtful=True),
               report("08-2025", "2025-11-29", "day", 450, source="danviet"))
    assert findings.tier_finding(df, "Tuyên Quang (từ 01/07/2025)", "vi") == (
        "Tuyên Quang (từ 01/07/2025): 450 sản phẩm OCOP (29/11/2025), chưa công bố phân hạng sao "
        "(phân hạng duy nhất được công bố bị đánh dấu đáng ngờ)")
    assert "star split not published" in findings.tier_finding(df, "Tuyên Quang", "en")


def test_tier_finding_conflicting_splits_at_one_date():
    df = frame(report("14", "2023", "inferred", 110, 68, 41, 1, source="seed-000"),
               report("14", "2023", "year", 110, 58, 51, 1, source="tailieu"))
    text = findings.tier_finding(df, "Sơn La", "en")
    assert "(2023" in text and "another source at the same date: 58 three-star" in text


def test_tier_finding_missing():
    assert findings.tier_finding(frame(), "Hà Giang", "vi") == "Hà Giang: chưa có số liệu phân hạng sao đã báo cáo"


# --- targets: the seven statuses ------------------------------------------------------------

def target(comparison="more_than", value=230, deadline="2025", abolished=None, **extra):
    g = dict(target_id="t", territory_key="08", plan_vi="Kế hoạch 90/KH-UBND", plan_en="Plan 90/KH-UBND",
             metric="products_total", metric_vi="Sản phẩm OCOP từ 3 sao trở lên",
             metric_en="OCOP products of 3★ or more", unit_vi="sản phẩm", unit_en="products",
             description_vi="Hơn 230 sản phẩm", description_en="More than 230 products", comparison=comparison,
             value=value, value_high=None, deadline=deadline, deadline_precision="year",
             deadline_date=pd.Timestamp(int(deadline[:4]), 12, 31).date(), unit_abolished_on=abolished,
             unit_abolished_on_precision="day" if abolished else "undated",
             unit_abolished_on_date=pd.Timestamp(abolished).date() if abolished else None, comparable=True)
    g.update(extra)
    return g


def progress_row(g, figures, today):
    """What queries.core.target_progress returns for one target (the status from queries/status.py)."""
    s = target_status(g, figures, today)
    latest = s.latest or {}
    return {**g, "status": s.status, "latest_value": latest.get("value"),
            "latest_qualifier": latest.get("qualifier"), "latest_as_of": latest.get("as_of"),
            "latest_precision": latest.get("as_of_precision"), "latest_source": latest.get("source_id"),
            "percent": s.percent, "projected": s.projected, "different_sources": s.different_sources}


CASES = {
    "reached": (target(), [fig("08", "2024-07-11", "day", 240, "seed-001")], date(2025, 1, 1),
                "Tuyên Quang vượt mục tiêu Kế hoạch 90: 240 sản phẩm OCOP từ 3 sao trở lên (11/07/2024) so với trên 230",
                "Tuyên Quang beat the Plan 90 target: 240 OCOP products of 3★ or more (11 July 2024) against more "
                "than 230"),
    "on_track": (target(comparison="at_least", value=300, deadline="2026"),
                 [fig("08", "2022", "year", 191, "a"), fig("08", "2024-07-11", "day", 240, "b")], date(2025, 1, 1),
                 "Tuyên Quang đúng tiến độ mục tiêu Kế hoạch 90: 240 sản phẩm OCOP từ 3 sao trở lên (11/07/2024), "
                 "cần ít nhất 300 trước hạn 2026 (hai nguồn khác nhau)",
                 "Tuyên Quang is on track for the Plan 90 target: 240 OCOP products of 3★ or more (11 July 2024), "
                 "needs at least 300 by 2026 (two different sources)"),
    "behind": (target(comparison="at_least", value=1000, deadline="2026"),
               [fig("08", "2022", "year", 191, "a"), fig("08", "2024-07-11", "day", 240, "a")], date(2025, 1, 1),
               "Tuyên Quang chậm tiến độ mục tiêu Kế hoạch 90: 240 sản phẩm OCOP từ 3 sao trở lên (11/07/2024), "
               "cần ít nhất 1.000 trước hạn 2026",
               "Tuyên Quang is behind the Plan 90 target: 240 OCOP products of 3★ or more (11 July 2024), needs at "
               "least 1,000 by 2026"),
    "missed": (target(comparison="at_least", value=300, deadline="2023"),
               [fig("08", "2024-07-11", "day", 240, "a")], date(2025, 1, 1),
               "Tuyên Quang không đạt mục tiêu Kế hoạch 90: 240 sản phẩm OCOP từ 3 sao trở lên (11/07/2024) so với "
               "ít nhất 300, hạn 2023",
               "Tuyên Quang missed the Plan 90 target: 240 OCOP products of 3★ or more (11 July 2024) against at "
               "least 300, deadline 2023"),
    "no_figure_at_deadline": (target(comparison="at_least", value=280, deadline="2025"),
                              [fig("08", "2025-03", "month", 202, "a")], date(2026, 11, 25),
                              "Tuyên Quang: chưa có số liệu tại hạn 2025 của mục tiêu Kế hoạch 90 (ít nhất 280 sản "
                              "phẩm OCOP từ 3 sao trở lên); số liệu gần nhất 202 (03/2025)",
                              "Tuyên Quang: no figure at the deadline (2025) of the Plan 90 target (at least 280 OCOP "
                              "products of 3★ or more); the latest is 202 (March 2025)"),
    "no_data": (target(comparison="at_least", value=40, metric_vi="Sản phẩm mới trong năm",
                       metric_en="New products in the year"), [], date(2025, 1, 1),
                "Tuyên Quang: chưa có số liệu đã báo cáo để đối chiếu mục tiêu Kế hoạch 90 (ít nhất 40 sản phẩm mới "
                "trong năm)",
                "Tuyên Quang: no reported figure to compare with the Plan 90 target (at least 40 new products in "
                "the year)"),
    "unit_abolished": (target(comparison="all", value=138, abolished="2025-07-01", metric="communes_with_product",
                              metric_vi="Xã, phường, thị trấn có sản phẩm OCOP",
                              metric_en="Communes with an OCOP product", unit_vi="xã", unit_en="communes"),
                       [fig("08", "2024-07-11", "day", 121, "seed-001", metric="communes_with_product")],
                       date(2026, 11, 25),
                       "Tuyên Quang: mục tiêu Kế hoạch 90 (tất cả 138 xã, phường, thị trấn có sản phẩm OCOP) tính "
                       "theo đơn vị không còn từ 01/07/2025; đến 11/07/2024 đã đạt 121",
                       "Tuyên Quang: the Plan 90 target (all 138 communes with an OCOP product) counts units "
                       "abolished on 1 July 2025; by 11 July 2024 it had reached 121"),
}


@pytest.mark.parametrize("status", STATUSES)
def test_target_finding_for_each_of_the_seven_statuses(status):
    g, figures, today, vi, en = CASES[status]
    row = progress_row(g, frame(*figures) if figures else pd.DataFrame(), today)
    assert row["status"] == status  # the status comes from queries/status.py, RULES.md §4
    assert findings.target_finding(row, "Tuyên Quang", "vi") == vi
    assert findings.target_finding(row, "Tuyên Quang", "en") == en


def test_status_labels_never_rely_on_colour_alone():
    vi = [findings.status_label(s, "vi") for s in STATUSES]
    en = [findings.status_label(s, "en") for s in STATUSES]
    assert len(set(vi)) == len(set(en)) == 7
    assert len({v.split(" ")[0] for v in vi}) == 7  # seven distinct symbols
    assert len({theme.STATUS_COLORS[s] for s in STATUSES}) == 7
    assert len({theme.STATUS_MARKERS[s] for s in STATUSES}) == 7


def test_one_report_before_the_deadline_is_said_with_its_figure():
    """One report and no pace to judge: the status is 'not enough data' and the finding gives the figure, never
    'no reported figure' beside it (a new user met '– Chưa có dữ liệu · 25 (09/2025) · 62,5%')."""
    g = target(comparison="at_least", value=40, deadline="2030", metric_vi="Sản phẩm 4 sao",
               metric_en="4-star products")
    row = progress_row(g, frame(fig("08", "2025-09", "month", 25, "a")), date(2026, 1, 1))
    assert row["status"] == "no_data" and row["percent"] == 62.5
    assert findings.status_label("no_data", "vi").endswith("Chưa đủ số liệu")
    assert findings.target_finding(row, "Tuyên Quang", "vi") == (
        "Tuyên Quang: mục tiêu Kế hoạch 90 (ít nhất 40 sản phẩm 4 sao), hạn 2030: mới có một báo cáo, 25 "
        "(09/2025), chưa đủ để biết nhịp tăng")
    assert findings.target_finding(row, "Tuyên Quang", "en") == (
        "Tuyên Quang: the Plan 90 target (at least 40 4-star products), by 2030: one report so far, 25 "
        "(September 2025), not enough to tell the pace")


def test_unit_abolished_without_a_figure_says_so():
    g = target(comparison="all", value=7, abolished="2025-07-01", metric_vi="Huyện/thành phố có ít nhất 1 sản phẩm "
               "5 sao", metric_en="Districts/cities with at least one 5★ product", unit_vi="huyện", unit_en="districts")
    row = progress_row(g, pd.DataFrame(), date(2026, 1, 1))
    assert row["status"] == "unit_abolished"
    assert findings.target_finding(row, "Tuyên Quang", "vi").endswith("chưa có số liệu trước đó")
    assert findings.target_finding(row, "Tuyên Quang", "en").endswith("no figure before that")


# --- coverage: the published percentage --------------------------------------------------------

def test_coverage_quotes_the_published_percentage():
    g, figures, today, *_ = CASES["unit_abolished"]
    row = progress_row(g, frame(*figures), today)
    assert findings.coverage_finding("Xã có sản phẩm OCOP", row, "vi", published_pct=87) == \
        "Xã có sản phẩm OCOP: 121/138 (87%, 11/07/2024); đơn vị xã cũ không còn từ 01/07/2025"
    assert findings.coverage_finding("Communes with an OCOP product", row, "en", published_pct=87) == \
        "Communes with an OCOP product: 121/138 (87%, 11 July 2024); the former communes ceased to exist on 1 July 2025"
    # without a published percentage the share is computed, with its decimal (121/138 = 87.7%)
    assert "(87,7%, 11/07/2024)" in findings.coverage_finding("Xã có sản phẩm OCOP", row, "vi")


def test_coverage_missing_figure():
    g, *_ = CASES["unit_abolished"]
    row = progress_row(g, pd.DataFrame(), date(2024, 1, 1))
    assert findings.coverage_finding("Xã có sản phẩm OCOP", row, "vi") == "Xã có sản phẩm OCOP: chưa có số liệu đã báo cáo"


# --- the headline target is a flag in the data, with a fallback ---------------------------------

def test_headline_target_reads_the_flag_and_falls_back_without_it():
    a = progress_row(target(target_id="a", comparison="at_least", value=100, metric="products_4star"),
                     pd.DataFrame(), date(2025, 1, 1))
    b = progress_row(target(target_id="b"), pd.DataFrame(), date(2025, 1, 1))
    no_flag = pd.DataFrame([a, b])
    assert findings.headline_target(no_flag, ["08"])["target_id"] == "b"  # the total's comparable target
    flagged = no_flag.assign(headline=["true", ""])
    assert findings.headline_target(flagged, ["08"])["target_id"] == "a"
    assert findings.headline_target(flagged, ["14"]) is None
    # today's territory first, then its predecessors
    assert findings.headline_target(flagged, ["08-2025", "08"])["target_id"] == "a"


# --- the shipped data, through the real queries -------------------------------------------------

def test_shipped_data_findings(cur):
    terr = core.territories(cur)
    for lang in ("vi", "en"):
        labels = fmt.territory_labels(terr, lang)[1]
        totals = core.tier_figures(cur, ["14"])
        text = findings.total_finding(totals[totals.metric == "products_total"], labels["14"], lang)
        assert text.startswith("Sơn La: 202 ") and "2019" in text
        p = core.target_progress(cur, ["08"], date(2026, 11, 25))
        kh90 = p[(p.metric == "products_total")].iloc[0].to_dict()
        assert findings.target_finding(kh90, labels["08"], lang) == (
            "Tuyên Quang (đến 30/06/2025) vượt mục tiêu Kế hoạch 90: 240 sản phẩm OCOP từ 3 sao trở lên "
            "(11/07/2024) so với trên 230" if lang == "vi" else
            "Tuyên Quang (until 30 June 2025) beat the Plan 90 target: 240 OCOP products of 3★ or more (11 July 2024) "
            "against more than 230")
        communes = p[p.metric == "communes_with_product"].iloc[0].to_dict()
        pct = core.published_percent(cur, "08", "communes_with_product", communes["latest_as_of"])
        assert pct == 87
        assert f"121/138 (87%, {'11/07/2024' if lang == 'vi' else '11 July 2024'})" in \
        findings.coverage_finding("x", communes, lang, pct)


def test_chart_titles_are_the_findings(cur):
    """The figure's own title (what the image export shows) is the finding, and its alt text adds the source."""
    terr = core.territories(cur)
    fam = core.territory_family(cur, "14")
    reports = core.tier_reports(cur, fam)
    dated = reports[reports.as_of_date.notna() & (reports.kind == "reported")]
    n = spec.names(terr, core.sources(cur), "vi")
    f = plot.figure(charts.tiers(dated, fam, n))
    expected = findings.tier_finding(dated[dated.territory_key == "14"], "Sơn La", "vi")
    assert f.layout.meta["title"] == expected
    assert f.layout.title.text.replace("<br>", " ") == expected
    assert theme.alt_text(f).startswith(expected) and "Nguồn:" in theme.alt_text(f)
    assert f.layout.xaxis.type == "date"


def test_headline_target_fallback_needs_a_value_and_breaks_ties_by_id():
    day = date(2025, 1, 1)
    rows = [progress_row(target(target_id="z"), pd.DataFrame(), day),
            progress_row(target(target_id="y"), pd.DataFrame(), day),
            progress_row(target(target_id="x", value=None, deadline="2030"), pd.DataFrame(), day)]
    # the latest deadline has no value (nothing to draw a bar to); of the two left, the first id
    assert findings.headline_target(pd.DataFrame(rows), ["08"])["target_id"] == "y"


# --- the briefing's sentences (slides, print), in the same home ---------------------------------

def test_target_label_and_status_mark():
    """A target's label names what it counts, its territory and its deadline (issue 18 §2)."""
    g = target(comparison="at_least", value=280)
    assert findings.target_label(g, "Sơn La", "vi") == "Sơn La · tổng sản phẩm ≥ 280 (2025)"
    assert findings.target_label(target(), "Tuyên Quang cũ", "en") == "Tuyên Quang cũ · total products > 230 (2025)"
    four = target(comparison="at_least", value=100, metric="products_4star")
    assert findings.target_label(four, "Sơn La", "vi") == "Sơn La · 4 sao ≥ 100 (2025)"
    assert findings.target_label(target(comparison="all", value=138, metric="communes_with_product"), "Tuyên Quang cũ",
                                 "vi") == "Tuyên Quang cũ · xã có sản phẩm: tất cả 138 (2025)"
    assert findings.target_label(target(comparison="range", value=15, value_high=20, metric="products_exported"),
                                 "Sơn La", "en") == "Sơn La · exported products 15–20 (2025)"
    # a metric with no shorter words: its own, lower-cased
    assert findings.target_label(target(metric="other", metric_vi="Điểm bán OCOP", unit_vi="điểm"), "X", "vi") == \
        "X · điểm bán OCOP > 230 (2025)"
    marks = [findings.status_mark(s, "vi") for s in STATUSES]
    assert len(set(marks)) == 7
    assert all(findings.status_label(s, "en").startswith(findings.status_mark(s, "en") + " ") for s in STATUSES)


def test_targets_subjects_points_unknown_and_sources_findings():
    progress = pd.DataFrame({"percent": [104.3, 50.0, None], "status": ["reached", "behind", "no_data"]})
    assert findings.targets_finding(progress, "vi") == \
        "Mục tiêu: 1/2 mục tiêu có số liệu đã đạt; 1 mục tiêu chưa có số liệu để so sánh"
    counts = pd.DataFrame({"subject_type": ["htx", "dn", "tht", "hkd"], "n": [133, 12, 6, 28]})
    assert findings.subjects_finding("Tuyên Quang cũ", counts, "vi", {"date": "11/07/2024"}) == \
        "Tuyên Quang cũ: hợp tác xã là 133/179 chủ thể (11/07/2024)"
    assert findings.subjects_finding("Sơn La", counts, "en", None) == \
        "Sơn La: 179 producers listed, no provincial split published"
    totals = [{"label": "Sơn La", "count": "10", "date": findings.date_short("2023", "inferred", "vi")}]
    assert findings.points_finding(totals, "vi") == "Điểm bán sản phẩm OCOP: Sơn La 10 điểm (2023, suy ra)"
    assert findings.points_finding([], "en") == "OCOP display-and-sale points"
    assert findings.unknown_finding(23, [{"name": "Sơn La", "months": 20}], "en") == \
        "Not known: 23 targets without a figure; Sơn La's latest total is 20 months old"
    assert findings.unknown_finding(0, [], "vi") == "Những điều chưa biết"
    assert findings.sources_finding(28, "vi") == "Số liệu trong bài lấy từ 28 nguồn công khai"


# --- DATA-AUDIT-2 S3–S8: each finding function on the shipped rows it rests on ----------------------------------

TODAY_AUDIT = date(2026, 12, 7)


def test_s3_other_targets_without_a_figure_have_none_to_compare(cur):
    """ui/targets' note "N other targets have no reported figure to compare" (story.rows.target_rows): rests on
    every Sơn La target row; sl-2023-danviet-total (more than 200) is compared with Sơn La's totals (sl-2025-* 202)."""
    ev = core.target_progress(cur, ["14"], TODAY_AUDIT)
    drawn = set(rows.target_rows(ev).target_id)
    assert "sl-2023-danviet-total" in drawn
    for r in ev[~ev.target_id.isin(drawn)].to_dict("records"):
        n = cur.execute("""SELECT count(*) FROM figure WHERE territory_key = ? AND metric = ? AND kind = 'reported'
                           AND district_code IS NULL""", [r["territory_key"], r["metric"]]).fetchone()[0]
        assert n == 0, r["target_id"]  # the sentence is true of every target it counts
    n_other = len(ev) - len(drawn)
    assert findings.targets_finding(ev, "en").endswith(f"{n_other} have no figure to compare")


def test_s4_one_of_the_2030_goals(cur):
    """target_finding on sl-2030-5star (the only one of the three 2030 goals with a figure: sl-2025-*-5star)."""
    ev = core.target_progress(cur, ["14"], TODAY_AUDIT).set_index("target_id")
    row = ev.loc["sl-2030-5star"].to_dict()
    assert row["status"] == "behind" and ev.loc["sl-2030-export", "status"] == "no_data"
    en = findings.target_finding(row, "Sơn La", "en")
    vi = findings.target_finding(row, "Sơn La", "vi")
    assert en.startswith("Sơn La is behind one of the 2030 goals: 1 5-star product") and "at least 10" in en
    assert vi.startswith("Sơn La chậm tiến độ một trong các mục tiêu đến năm 2030")


def test_s5_producer_count_named_by_who_published_it(cur):
    """producers.title on sl-2023-tailieu-subjects (78, a university journal) and the seed-001 split (179)."""
    from story import producers
    total = cur.execute("SELECT * FROM figure WHERE figure_id = 'sl-2023-tailieu-subjects'").df()
    rec = core.comparable_figures(cur, "14", "subjects_total").tail(1).iloc[0].to_dict()
    assert rec["figure_id"] == total.figure_id.iloc[0]
    en = producers.title("Sơn La", pd.DataFrame(), rec, 20, "en")
    vi = producers.title("Sơn La", pd.DataFrame(), rec, 20, "vi")
    assert "Journal of Science, Tây Bắc University" in en and "province" not in en
    assert "tỉnh công bố" not in vi and "nêu 78 chủ thể" in vi
    split = core.subject_split(cur, "08")
    assert "nhandan.vn nêu 179 chủ thể" in producers.title("Tuyên Quang", split, None, 4, "vi")


def test_s6_hagiang_lists_its_two_named_products(cur):
    """coverage on hg-tra-xanh-phin-ho and hg-hong-tra-phin-ho, recognised in Hà Giang (02) in 2021."""
    cov = core.coverage(cur, ["08-2025", "08", "02"]).set_index("territory_key")
    assert cov.loc["02", "listed"] == 2
    assert set(r[0] for r in cur.execute("SELECT product_id FROM product WHERE territory_key = '02'").fetchall()) == {
        "hg-tra-xanh-phin-ho", "hg-hong-tra-phin-ho"}


def test_s7_due_table_cites_the_decision_source(cur):
    """due_for_reevaluation on ev-tq-tra-ngoc-thuy-2024 (santmdt-18896), not the product's 2020 source."""
    due = core.due_for_reevaluation(cur, ["08"], TODAY_AUDIT).set_index("product_id")
    assert due.loc["tq-tra-ngoc-thuy", "source_id"] == "santmdt-18896"
    assert one_source(cur, "tq-tra-ngoc-thuy") == "baotuyenquang-612"


def one_source(cur, pid):
    return cur.execute("SELECT source_id FROM product WHERE product_id = ?", [pid]).fetchone()[0]


def test_s8_hagiang_round_told_by_what_it_recognised(cur):
    """round_finding on hg-2022-r-recognised (37) and hg-2022-r-reeval (10)."""
    rounds = core.round_figures(cur, ["02"])
    prov = rounds[rounds.district_code.isna() & rounds.metric.isin(list(findings.ROUND_METRICS))]
    en = findings.round_finding(prov, lambda k: "Hà Giang", "en")
    vi = findings.round_finding(prov, lambda k: "Hà Giang", "vi")
    assert "37 products recognised in the round" in en and en.index("37") < en.index("10")
    assert "37 sản phẩm được công nhận trong đợt" in vi


def test_newest_figure_said_as_what_was_not_found(cur):
    """nothing_after on each province's latest total (sl-2025-*; tq2025-2025-12-vietnamplus-total, 'gần 500' of
    04/12/2025, newer than tq2025-2025-11-danviet's 450 of 29/11/2025)."""
    tiers = core.tier_figures(cur, ["14", "08-2025"])
    totals = tiers[tiers.metric == "products_total"]
    assert findings.nothing_after(totals[totals.territory_key == "14"], "Sơn La", "vi") == \
        "Sơn La: chưa thấy số liệu sau 03/2025"
    tq = totals[totals.territory_key == "08-2025"]
    latest = findings.latest_total(tq)
    assert (latest["value"], latest["qualifier"], latest["source_id"]) == (500, "about", "vietnamplus-1080817")
    assert findings.nothing_after(tq, "Tuyên Quang", "en") == "Tuyên Quang: no figure found after December 2025"


def test_dates_in_the_readers_way_and_english_starts_with_a_capital(cur):
    """Issue 19 §9: dd/mm/yyyy and mm/yyyy in Vietnamese, d Month yyyy and Month yyyy in English, from the one
    home (story.fmt); a label or sentence that begins with a former province's short name starts with a capital."""
    assert fmt.day("2024-07-11", "vi") == "11/07/2024" and fmt.day("2024-07-11", "en") == "11 July 2024"
    assert fmt.day("2025-07-01", "en") == "1 July 2025"
    assert fmt.partial_date("2025-03", "month", "vi") == "03/2025"
    assert fmt.partial_date("2025-03", "month", "en") == "March 2025"
    assert fmt.partial_date("2019", "year", "en") == "2019"
    assert findings.date_short("2025-12-04", "day", "en") == "4 December 2025"
    terr = core.territories(cur)
    labels = fmt.territory_labels(terr, "en")[1]
    assert labels["08-2025"] == "Tuyên Quang (from 1 July 2025)" and labels["08"] == "Tuyên Quang (until 30 June 2025)"
    p = core.target_progress(cur, ["08"], date(2026, 11, 25))
    row = p[p.metric == "products_total"].iloc[0].to_dict()
    short = fmt.short_labels(terr, "en")["08"]
    assert short.startswith("former ")  # mid-sentence it stays lower-case
    assert findings.target_label(row, short, "en").startswith("Former Tuyên Quang · ")
    assert findings.target_label(row, fmt.short_labels(terr, "vi")["08"], "vi").startswith("Tuyên Quang cũ · ")
