"""Issue 17 §2, §4, §5, §7: figures in Vietnamese. One row of "Số liệu" per report, each non-empty value one
figure row with the qualifier its cell carries; header variants and English headers; the source's sentence
checked to state every value of its row (else refused, naming the value), or the file's cells as the quote,
shown as "Theo tệp X, trang Y, dòng N" and never in quotation marks; an undated report kept undated or
given the date it stands for (precision inferred, the reason in its note); counts read strictly."""
from __future__ import annotations

import hashlib

import pytest

from ocop_data.importer.apply import apply
from ocop_data.importer.preview import prepare
from ocop_data.importer.report_headers import FIGURES, recognise_header
from ocop_data.importer.report_values import count_cell, figure_cell
from story.cite import quote_line
from tests import province_fixture as pf
from tests.test_import import csv_bytes

HEAD = ["Tỉnh", "Tính đến", "Tổng số sản phẩm OCOP", "3 sao", "4 sao", "5 sao", "Số chủ thể", "Loại", "Ghi chú",
        "Nguồn", "Câu nguyên văn"]
SRC = "seed-003"


def report(**cells) -> list:
    values = {"Tỉnh": "Sơn La", "Tính đến": "05/2026", "Nguồn": SRC}
    values.update(cells)
    return [values.get(h, "") for h in HEAD]


def book(*rows, head=HEAD) -> bytes:
    return pf.xlsx({"Số liệu": [head, *rows]})


def figures(prev) -> dict:
    return {f["metric"]: f for f in prev.tables["figure"]}


def test_one_row_per_report_each_value_one_figure(live):
    db, data_dir = live
    prev = prepare("s.xlsx", book(report(**{"Tổng số sản phẩm OCOP": 230, "3 sao": 150, "4 sao": 78, "5 sao": 2,
                                            "Số chủ thể": 160})), data_dir)
    assert prev.ok, [i.message("en") for i in prev.issues]
    got = {m: (f["value"], f["qualifier"], f["kind"], f["as_of"], f["as_of_precision"], f["source_id"])
           for m, f in figures(prev).items()}
    assert got == {m: (v, "exact", "reported", "2026-05", "month", SRC) for m, v in (
        ("products_total", 230), ("products_3star", 150), ("products_4star", 78), ("products_5star", 2),
        ("subjects_total", 160))}
    apply(prev, "bien-tap", data_dir, db)


@pytest.mark.parametrize("cell,value,qualifier", [
    ("hơn 150", 150, "more_than"), ("trên 150", 150, "more_than"), ("ít nhất 100", 100, "at_least"),
    ("khoảng 200", 200, "about"), ("gần 200", 200, "about"), ("150 trở lên", 150, "at_least"),
    ("more than 150", 150, "more_than"), ("about 200", 200, "about"), ("1.234", 1234, "exact"), (150, 150, "exact"),
    ("150 sản phẩm", 150, "exact"),
])
def test_a_cell_carries_its_qualifier(cell, value, qualifier):
    assert figure_cell(cell) == (value, qualifier, None)


@pytest.mark.parametrize("cell,rule", [("1,234", "ambiguous_number"), ("12,5", "not_whole"), ("12.5", "not_whole"),
                                       ("nhiều", "bad_count"), ("hơn", "bad_count"), (12.5, "not_whole")])
def test_a_count_is_read_strictly(cell, rule):
    assert figure_cell(cell)[2] == rule
    assert count_cell(1234) == (1234.0, None) and count_cell("1.234") == (1234.0, None)


def test_a_numeric_xlsx_cell_is_its_number_but_1234_with_a_comma_in_text_is_refused(live):
    db, data_dir = live
    ok = prepare("s.xlsx", book(report(**{"Tổng số sản phẩm OCOP": 1234})), data_dir)
    assert ok.ok and figures(ok)["products_total"]["value"] == 1234
    refused = prepare("s.xlsx", book(report(**{"Tổng số sản phẩm OCOP": "1,234"})), data_dir)
    [issue] = refused.issues
    assert (issue.sheet, issue.row, issue.column, issue.rule) == ("Số liệu", 2, "Tổng số sản phẩm OCOP",
                                                                   "ambiguous_number")
    assert "1.234" in issue.message("vi") and "1234" in issue.message("en")
    in_csv = prepare("so_lieu.csv", csv_bytes([HEAD, report(**{"Tổng số sản phẩm OCOP": "1,234"})]), data_dir)
    assert [(i.sheet, i.row, i.column, i.rule) for i in in_csv.issues] == [
        ("so_lieu", 2, "Tổng số sản phẩm OCOP", "ambiguous_number")]


@pytest.mark.parametrize("header,field", [
    ("Tổng số sản phẩm", "total"), ("Tổng số SP OCOP", "total"), ("Số sản phẩm OCOP", "total"), ("Total", "total"),
    ("Total OCOP products", "total"), ("Sản phẩm 3 sao", "s3"), ("SP hạng 4 sao", "s4"), ("Số lượng sản phẩm 5 sao", "s5"),
    ("3★", "s3"), ("4-star", "s4"), ("5 stars", "s5"), ("Tiềm năng 5 sao", "s5p"), ("Số chủ thể OCOP", "subjects"),
    ("Producers", "subjects"), ("Thời điểm", "as_of"), ("Số liệu tính đến", "as_of"), ("As of", "as_of"),
    ("Tỉnh/Thành phố", "province"), ("Province", "province"), ("Nguồn số liệu", "source"), ("Source", "source"),
    ("Trích dẫn", "quote"), ("Quote", "quote"), ("Loại số liệu", "kind"), ("Kind", "kind"),
    ("Ngày suy ra", "inferred_date"), ("Lý do suy ra", "inferred_reason"), ("Sản phẩm mới trong đợt", "round_new"),
])
def test_header_variants_are_recognised(header, field):
    assert recognise_header(FIGURES, header) == field


def test_english_headers_are_accepted(live):
    db, data_dir = live
    head = ["Province", "As of", "Total OCOP products", "3-star", "4-star", "Kind", "Source", "Quote"]
    prev = prepare("en.xlsx", pf.xlsx({"Figures": [head, ["Sơn La", "2026", "more than 210", 140, 70, "reported", SRC,
                                                           "more than 210 OCOP products: 140 three-star, 70 four-star"]]}),
                   data_dir)
    assert prev.plan.sheets[0].use == "figures" and prev.ok, [i.message("en") for i in prev.issues]
    assert figures(prev)["products_total"]["qualifier"] == "more_than"


def test_kind_reported_by_default_estimate_when_said(live):
    db, data_dir = live
    prev = prepare("s.xlsx", book(report(**{"Tổng số sản phẩm OCOP": 200}),
                                  report(**{"Tổng số sản phẩm OCOP": 250, "Loại": "ước tính", "Tính đến": "12/2026",
                                            "Nguồn": "seed-004"})), data_dir, overrides={"planned": True})
    assert sorted(f["kind"] for f in prev.tables["figure"]) == ["estimate", "reported"]
    bad = prepare("s.xlsx", book(report(**{"Tổng số sản phẩm OCOP": 200, "Loại": "đoán"})), data_dir)
    assert [(i.column, i.rule) for i in bad.issues] == [("Loại", "bad_kind")]


# --- §4 quotes ---------------------------------------------------------------------------------------

def test_a_given_sentence_is_the_quote_when_it_states_every_value(live):
    db, data_dir = live
    sentence = "Đến tháng 5/2026, Sơn La có hơn 230 sản phẩm OCOP, trong đó 150 sản phẩm 3 sao"
    prev = prepare("s.xlsx", book(report(**{"Tổng số sản phẩm OCOP": "hơn 230", "3 sao": 150,
                                            "Câu nguyên văn": sentence})), data_dir)
    assert prev.ok
    assert {(f["quote"], f["quote_status"]) for f in prev.tables["figure"]} == {(sentence, "verbatim")}
    apply(prev, "bien-tap", data_dir, db)  # the build checks the verbatim rows by the same rule
    assert quote_line(prev.tables["figure"][0], "vi") == f"“{sentence}”"


@pytest.mark.parametrize("cells,missing_vi,missing_en", [
    ({"4 sao": 78}, "giá trị “4 sao: 78”", "value “4 sao: 78”"),
    ({"Tổng số sản phẩm OCOP": "ít nhất 230"}, "từ định tính “Tổng số sản phẩm OCOP: ít nhất", "qualifier"),
])
def test_a_sentence_lacking_a_value_refuses_the_row_naming_it(live, cells, missing_vi, missing_en):
    db, data_dir = live
    sentence = "Sơn La có 230 sản phẩm OCOP, trong đó 150 sản phẩm 3 sao"
    base = {"Tổng số sản phẩm OCOP": 230, "3 sao": 150, "Câu nguyên văn": sentence}
    prev = prepare("s.xlsx", book(report(**(base | cells))), data_dir)
    [issue] = prev.issues
    assert (issue.sheet, issue.row, issue.column, issue.rule) == ("Số liệu", 2, "Câu nguyên văn", "quote_lacks")
    assert missing_vi in issue.message("vi") and missing_en in issue.message("en")
    assert not prev.tables["figure"]


def test_without_a_sentence_the_file_cells_are_the_quote_never_in_quotation_marks(live):
    db, data_dir = live
    prev = prepare("dien_bien.xlsx", book(report(**{"Tổng số sản phẩm OCOP": 230})), data_dir)
    [fig] = prev.tables["figure"]
    assert fig["quote_status"] == "imported"
    assert fig["quote"].startswith("dien_bien.xlsx, Số liệu, row 2: Tỉnh=Sơn La;")
    for lang, head in (("vi", "Theo tệp dien_bien.xlsx, trang Số liệu, dòng 2: "),
                       ("en", "From file dien_bien.xlsx, sheet Số liệu, row 2: ")):
        shown = quote_line(fig, lang)
        assert shown.startswith(head) and "“" not in shown and "Tổng số sản phẩm OCOP=230" in shown
    from story.finder import quote_text
    text, verbatim = quote_text({**fig, "has_quote": True}, "vi")
    assert text.startswith("Theo tệp dien_bien.xlsx") and not verbatim  # the finder: no quotation marks either
    csv_prev = prepare("so_lieu.csv", csv_bytes([HEAD, report(**{"Tổng số sản phẩm OCOP": 230})]), data_dir)
    assert quote_line(csv_prev.tables["figure"][0], "vi").startswith("Theo tệp so_lieu.csv, dòng 2: ")


# --- §5 undated figures -----------------------------------------------------------------------------

def test_an_undated_report_stays_undated(live):
    db, data_dir = live
    prev = prepare("s.xlsx", book(report(**{"Tính đến": "", "Tổng số sản phẩm OCOP": 138})), data_dir)
    [fig] = prev.tables["figure"]
    assert (fig["as_of"], fig["as_of_precision"]) == ("", "undated")


def test_the_date_an_undated_report_stands_for_is_inferred_with_its_reason(live):
    db, data_dir = live
    head = HEAD + ["Ngày suy ra", "Lý do suy ra"]
    reason = "bài ngày 05/11/2024 nói “hiện nay”"
    prev = prepare("s.xlsx", book(report(**{"Tính đến": "", "Tổng số sản phẩm OCOP": 138}) + ["10/2024", reason],
                                  head=head), data_dir)
    [fig] = prev.tables["figure"]
    assert (fig["as_of"], fig["as_of_precision"]) == ("2024-10", "inferred")
    assert reason in fig["note_vi"] and reason in fig["note"] and "suy ra" in fig["note_vi"]
    apply(prev, "bien-tap", data_dir, db)
    # the source's own date is untouched: the inferred date is the figure's, never the page's
    from ocop_data.db import Database
    published = Database(db).cursor().execute("SELECT published FROM source WHERE source_id = ?", [SRC]).fetchone()
    assert published[0] != "2024-10"


def test_a_date_given_in_the_upload_step_is_the_same(live):
    """The web form keeps the date an undated report stands for in the mapping's fixes."""
    db, data_dir = live
    data = book(report(**{"Tính đến": "", "Tổng số sản phẩm OCOP": 138}))
    first = prepare("s.xlsx", data, data_dir)
    mapping = first.plan.to_json() | {"fixes": {"Số liệu": {"2": {"inferred_date": "10/2024",
                                                                  "inferred_reason": "bài nói “hiện nay”"}}}}
    [fig] = prepare("s.xlsx", data, data_dir, mapping=mapping).tables["figure"]
    assert (fig["as_of"], fig["as_of_precision"]) == ("2024-10", "inferred")


@pytest.mark.parametrize("as_of,inferred,reason,rule,column", [
    ("", "10/2024", "", "inferred_needs_reason", "Lý do suy ra"),
    ("05/2026", "10/2024", "vì", "inferred_but_dated", "Ngày suy ra"),
    ("", "khoảng 2024", "vì", "bad_date", "Ngày suy ra"),
    ("13/2024", "", "", "bad_date", "Tính đến"),
    ("05/2099", "", "", "future_date", "Tính đến"),
])
def test_dates_refused_name_their_cell(live, as_of, inferred, reason, rule, column):
    db, data_dir = live
    head = HEAD + ["Ngày suy ra", "Lý do suy ra"]
    prev = prepare("s.xlsx", book(report(**{"Tính đến": as_of, "Tổng số sản phẩm OCOP": 138}) + [inferred, reason],
                                  head=head), data_dir)
    assert [(i.sheet, i.row, i.column, i.rule) for i in prev.issues] == [("Số liệu", 2, column, rule)]
    assert prev.issues[0].message("vi") and prev.issues[0].message("en")


# --- §7 refusals: named, in both languages, nothing written -------------------------------------------

@pytest.mark.parametrize("cells,column,rule", [
    ({"Tổng số sản phẩm OCOP": "1,234"}, "Tổng số sản phẩm OCOP", "ambiguous_number"),
    ({"3 sao": "12,5"}, "3 sao", "not_whole"),
    ({"4 sao": "nhiều"}, "4 sao", "bad_count"),
    ({"Tổng số sản phẩm OCOP": 10, "Tỉnh": "Atlantis"}, "Tỉnh", "unknown_province"),
    ({"Tổng số sản phẩm OCOP": 10, "Tỉnh": ""}, "Tỉnh", "required"),
    ({"Tổng số sản phẩm OCOP": 10, "Nguồn": "https://khong-co.example/x"}, "Nguồn", "unknown_source_ref"),
    ({"Tổng số sản phẩm OCOP": 10, "Nguồn": ""}, "Nguồn", "required"),
    ({}, None, "no_values"),
])
def test_every_refusal_is_named_and_writes_nothing(live, cells, column, rule):
    db, data_dir = live
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    prev = prepare("s.xlsx", book(report(**{"Tổng số sản phẩm OCOP": 5}), report(**({"Tính đến": "04/2026"} | cells))),
                   data_dir)
    issue = next(i for i in prev.issues if i.rule == rule)
    assert (issue.sheet, issue.row, issue.column) == ("Số liệu", 3, column)
    assert issue.message("vi") and issue.message("en") and issue.message("vi") != issue.message("en")
    with pytest.raises(ValueError):
        apply(prev, "bien-tap", data_dir, db)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (data_dir / "imports").exists() or not any((data_dir / "imports").iterdir())


def test_a_repeated_report_is_unchanged_a_changed_one_a_conflict(live):
    db, data_dir = live
    apply(prepare("s.xlsx", book(report(**{"Tổng số sản phẩm OCOP": 230})), data_dir), "bien-tap", data_dir, db)
    again = prepare("s2.xlsx", book(report(**{"Tổng số sản phẩm OCOP": 230})), data_dir)
    assert again.ok and not again.has_changes and [t for t, _, _ in again.unchanged] == ["figure"]
    changed = prepare("s3.xlsx", book(report(**{"Tổng số sản phẩm OCOP": 231})), data_dir)
    assert [i.rule for i in changed.issues] == ["conflict"]  # a person retires the old row first
    twice = prepare("s4.xlsx", book(report(**{"3 sao": 1}), report(**{"3 sao": 1})), data_dir)
    assert [(i.row, i.rule) for i in twice.issues] == [(3, "duplicate_row")]
