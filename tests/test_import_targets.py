"""Issue 17 §3: targets in Vietnamese. The comparison, the quantity (a metric of metric.csv), the value and
the deadline read from the wording, said back in words, corrected by choices in words; "phát triển mới 31
sản phẩm" for a plan period compared with the sum of the period's rounds (a derived figure with its
formula), so that it has a status other than "no data" when round figures exist."""
from __future__ import annotations

import csv
import datetime as dt
import re

import pytest

from ocop_data import paths
from ocop_data.db import Database
from ocop_data.importer.apply import apply
from ocop_data.importer.preview import prepare
from ocop_data.importer.targets_wording import COMPARISON_WORDS, PERIOD_METRIC, QUANTITIES, in_words, read
from queries.core import target_progress
from tests import province_fixture as pf

HEAD = ["Tỉnh", "Văn bản", "Mục tiêu", "Hạn", "Nguồn", "Câu nguyên văn"]
PLAN = "Kế hoạch 90/KH-UBND ngày 02/06/2021"


def metric_ids() -> set:
    with open(paths.SHIPPED_DIR / "metric.csv", encoding="utf-8") as fh:
        return {r["metric"] for r in csv.DictReader(fh)}


@pytest.mark.parametrize("wording,deadline,expected", [
    ("ít nhất 100 sản phẩm 4 sao", "2025", ("at_least", 100, None, "products_4star", "2025")),
    ("phát triển mới 31 sản phẩm", "2025", ("exactly", 31, None, PERIOD_METRIC, "2025")),
    ("100% xã có sản phẩm OCOP", "2025", ("all", None, None, "communes_with_product", "2025")),
    ("Hơn 230 sản phẩm OCOP từ 3 sao trở lên", "2025", ("more_than", 230, None, "products_total", "2025")),
    ("15–20 sản phẩm xuất khẩu đến năm 2030", "", ("range", 15, 20, "products_exported", "2030")),
    ("3-4 sản phẩm tiềm năng 5 sao", "31/12/2025", ("range", 3, 4, "products_5p", "2025-12-31")),
    ("138/138 xã, phường, thị trấn có sản phẩm OCOP", "2025", ("all", 138, None, "communes_with_product", "2025")),
    ("Mỗi huyện, thành phố có ít nhất 1 sản phẩm OCOP 5 sao", "2025", ("all", None, None, "districts_with_5star",
                                                                      "2025")),
    ("Phát triển mới từ 40 sản phẩm OCOP đạt 3 sao trở lên", "2023", ("at_least", 40, None, PERIOD_METRIC, "2023")),
    ("Nâng cấp 02 sản phẩm từ 4 sao lên 5 sao", "2023", ("exactly", 2, None, "upgrades_4_to_5", "2023")),
    ("Ít nhất 40% chủ thể là hợp tác xã", "2025", ("at_least", 40, None, "subjects_htx_pct", "2025")),
    ("có 1.000 sản phẩm OCOP", "12/2030", ("exactly", 1000, None, "products_total", "2030-12")),
    ("ít nhất 10 sản phẩm 5 sao", "2030", ("at_least", 10, None, "products_5star", "2030")),
    ("giai đoạn 2021–2025 phát triển mới 31 sản phẩm", "", ("exactly", 31, None, PERIOD_METRIC, "2025")),
])
def test_the_wording_is_read(wording, deadline, expected):
    r = read(wording, deadline, "", PLAN, "2021-06-02", metric_ids())
    assert not r.problems, r.problems
    assert (r.comparison, r.value, r.value_high, r.metric, r.deadline) == expected


def test_a_period_starts_at_its_stated_start_or_the_plan_date():
    assert read("giai đoạn 2021–2025 phát triển mới 31 sản phẩm", "", "", PLAN, "2021-06-02").period_from == "2021"
    assert read("phát triển mới 31 sản phẩm", "2025", "", PLAN, "2021-06-02").period_from == "2021-06-02"
    assert read("phát triển mới 31 sản phẩm", "2025", "2022-2025", "", "").period_from == "2022"
    assert [p[1] for p in read("phát triển mới 31 sản phẩm", "2025", "", "Kế hoạch", "").problems] == ["target_period"]


def test_every_quantity_offered_is_a_metric_of_metric_csv():
    known = metric_ids()
    assert {m for _, m, _ in QUANTITIES} <= known
    from ocop_data.importer.targets_wording import PCT_METRICS
    assert set(PCT_METRICS.values()) <= known and PERIOD_METRIC in known


def test_what_was_read_is_said_back_in_words():
    assert in_words("at_least", 100, None, "Sản phẩm 4 sao", "2025", "vi") == "ít nhất 100 · Sản phẩm 4 sao · hạn 2025"
    assert in_words("range", 15, 20, "OCOP products exported", "2030-12-31", "en") == \
        "from 15 to 20 · OCOP products exported · by 31/12/2030"
    assert {w[0] for w in COMPARISON_WORDS.values()} == {"ít nhất", "hơn", "đúng", "từ … đến …", "tất cả"}


def book(*rows) -> bytes:
    return pf.xlsx({"Mục tiêu": [HEAD, *rows]})


def target(wording, deadline="2025", quote="", source="seed-003", province="Sơn La", document=PLAN) -> list:
    return [province, document, wording, deadline, source, quote]


def test_a_target_row_becomes_a_target(live):
    db, data_dir = live
    prev = prepare("m.xlsx", book(target("ít nhất 100 sản phẩm 4 sao",
                                         quote="phấn đấu có ít nhất 100 sản phẩm 4 sao")), data_dir)
    assert prev.ok, [i.message("en") for i in prev.issues]
    [g] = prev.tables["target"]
    assert {k: g[k] for k in ("territory_key", "plan_vi", "plan_en", "plan_number", "plan_date", "metric",
                              "comparison", "value", "deadline", "deadline_precision", "description_vi",
                              "quote_status")} == {
        "territory_key": "14", "plan_vi": "Kế hoạch 90/KH-UBND", "plan_en": "Plan 90/KH-UBND",
        "plan_number": "90/KH-UBND", "plan_date": "2021-06-02", "metric": "products_4star",
        "comparison": "at_least", "value": 100, "deadline": "2025", "deadline_precision": "year",
        "description_vi": "ít nhất 100 sản phẩm 4 sao", "quote_status": "verbatim"}
    assert g["description_en"] == "at least 100 4-star products by 2025"
    [reading] = prev.readings
    assert reading["metric"] == "products_4star" and not reading["problems"]
    apply(prev, "bien-tap", data_dir, db)


@pytest.mark.parametrize("row,column,rule", [
    (target("làm thật tốt công việc"), "Mục tiêu", "target_quantity"),
    (target("sản phẩm 4 sao thật nhiều"), "Mục tiêu", "target_value"),
    (target("phát triển mới 31 sản phẩm", deadline=""), "Hạn", "target_deadline"),
    (target("ít nhất 100 sản phẩm 4 sao", deadline="sớm"), "Hạn", "bad_date"),
    (target("phát triển mới 31 sản phẩm", document="Kế hoạch OCOP"), "Mục tiêu", "target_period"),
    (target("ít nhất 100 sản phẩm 4 sao", document=""), "Văn bản", "required"),
    (target("ít nhất 100 sản phẩm 4 sao", quote="phấn đấu có thêm nhiều sản phẩm 4 sao"), "Câu nguyên văn",
     "quote_lacks"),
    (target("ít nhất 100 sản phẩm 4 sao", source="không có nguồn này"), "Nguồn", "unknown_source_ref"),
    (target("ít nhất 100 sản phẩm 4 sao", province="Xứ Sở"), "Tỉnh", "unknown_province"),
])
def test_refusals_name_sheet_row_column_and_what_to_do(live, row, column, rule):
    db, data_dir = live
    prev = prepare("m.xlsx", book(row), data_dir)
    issue = next(i for i in prev.issues if i.rule == rule)
    assert (issue.sheet, issue.row, issue.column) == ("Mục tiêu", 2, column)
    assert issue.message("vi") != issue.message("en")
    if rule == "target_quantity":  # the quantities offered, in words
        assert "Sản phẩm 4 sao" in issue.message("vi") and "Sản phẩm mới trong kỳ kế hoạch" in \
            issue.message("vi")
    assert not prev.tables["target"]


def test_a_target_whose_document_gives_no_deadline_has_none(live):
    """'thời gian tới': no deadline stated, none invented (the status then claims nothing about a deadline)."""
    db, data_dir = live
    prev = prepare("m.xlsx", book(target("ít nhất 100 sản phẩm 4 sao trong thời gian tới", deadline="")), data_dir)
    assert prev.ok, [i.message("en") for i in prev.issues]
    [g] = prev.tables["target"]
    assert (g["deadline"], g["deadline_precision"]) == ("", "undated")
    apply(prev, "bien-tap", data_dir, db)


def test_a_person_corrects_the_reading_by_choices_in_words(live):
    """What the words did not say is chosen in the preview (kept in the mapping's fixes), and wins."""
    db, data_dir = live
    data = book(target("làm thật tốt công việc"), target("ít nhất 100 sản phẩm 4 sao"))
    first = prepare("m.xlsx", data, data_dir)
    assert [i.rule for i in first.issues] == ["target_quantity"]
    fixes = {"Mục tiêu": {"2": {"metric": "products_total", "comparison": "more_than", "value": "250",
                                "deadline": "31/12/2026"},
                          "3": {"comparison": "exactly"}}}
    prev = prepare("m.xlsx", data, data_dir, mapping=first.plan.to_json() | {"fixes": fixes})
    assert prev.ok, [i.message("en") for i in prev.issues]
    got = {g["description_vi"]: (g["metric"], g["comparison"], g["value"], g["deadline"]) for g in prev.tables["target"]}
    assert got == {"làm thật tốt công việc": ("products_total", "more_than", 250, "2026-12-31"),
                   "ít nhất 100 sản phẩm 4 sao": ("products_4star", "exactly", 100, "2025")}
    bad = prepare("m.xlsx", data, data_dir, mapping=first.plan.to_json() | {"fixes": {"Mục tiêu": {"2": {
        "metric": "products_total", "value": "1,234"}}}})
    assert [(i.column, i.rule) for i in bad.issues] == [("Mục tiêu", "ambiguous_number")]


def test_new_products_over_a_plan_period_meet_the_sum_of_its_rounds(live):
    """'phát triển mới 31 sản phẩm' (Kế hoạch of 15/03/2021, deadline 2025) against rounds of 12, 10 and 9:
    a status other than "no data", the figure derived with its formula adding up the rounds' values."""
    db, data_dir = live
    pf.add_province(data_dir, db)
    apply(prepare("nguon.csv", pf.sources_csv(), data_dir), "bien-tap", data_dir, db)
    apply(prepare("dien_bien.xlsx", pf.workbook(), data_dir), "bien-tap", data_dir, db)
    cur = Database(db).cursor()
    progress = target_progress(cur, [pf.KEY], dt.date(2025, 6, 1))
    row = progress[progress.metric == PERIOD_METRIC].iloc[0]
    assert row.status == "reached" and row.latest_value == 31 and row.percent == 100
    assert row.latest_formula == "12 + 10 + 9 = 31"  # the rounds' values (readers never meet a figure id)
    # only the rounds: with the first two (before 2023) the pace decides, from 0 at the period's start
    early = target_progress(cur, [pf.KEY], dt.date(2023, 1, 1))
    from queries.periods import period_figures
    figs = period_figures(cur, pf.KEY, dt.date(2021, 3, 15), dt.date(2022, 12, 31))
    assert list(figs.value) == [0, 12, 22] and figs.baseline.tolist() == [True, False, False]
    assert early[early.metric == PERIOD_METRIC].iloc[0].status != "no_data"


def test_a_period_sum_never_counts_an_undated_or_doubtful_round_or_one_round_twice(live):
    db, data_dir = live
    pf.add_province(data_dir, db)
    apply(prepare("nguon.csv", pf.sources_csv(), data_dir), "bien-tap", data_dir, db)
    head = ["Tỉnh", "Tính đến", "Mới công nhận trong đợt", "Nguồn"]
    rows = [["Điện Biên", "20/12/2021", 12, pf.A], ["Điện Biên", "20/12/2021", 12, pf.B],  # one round, two sources
            ["Điện Biên", "", 50, pf.A]]  # undated: never summed
    apply(prepare("d.xlsx", pf.xlsx({"Số liệu": [head, *rows]}), data_dir), "bien-tap", data_dir, db)
    from queries.periods import period_figures
    figs = period_figures(Database(db).cursor(), pf.KEY, dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    assert list(figs.value) == [0, 12]
