"""Issue 17 §6: one set of checks. The preview runs ``check``'s validation on the data as it would be after
applying and lists what the upload adds; undated figures are never summed or compared; sources that
disagree are listed under "Các nguồn vênh nhau" whatever file they came from; the Sources page follows
the province choice (?province=KEY)."""
from __future__ import annotations

from ocop_data.db import Database
from ocop_data.importer.apply import apply
from ocop_data.importer.preview import prepare
from ocop_data.validate import load_dataset
from queries.citations import conflicts, sources_of_territories
from tests import province_fixture as pf
from tests.conftest import open_page, plain

HEAD = ["Tỉnh", "Tính đến", "Tổng số sản phẩm OCOP", "3 sao", "4 sao", "Nguồn"]


def book(*rows) -> bytes:
    return pf.xlsx({"Số liệu": [HEAD, *rows]})


def test_the_preview_lists_the_warnings_check_would_add(live):
    db, data_dir = live
    # Sơn La's 202 products of 03/2025 (recorded): tiers of another source at that date adding up to more
    prev = prepare("s.xlsx", book(["Sơn La", "03/2025", "", 150, 70, "seed-004"]), data_dir)
    assert prev.ok and len(prev.warnings) == 1
    [w] = prev.warnings
    assert (w.sheet, w.row, w.rule) == ("Số liệu", 2, "check_warning")
    assert "150+70" in w.message("vi") and "220 > tổng 202" in w.message("vi") and "add up to 220" in w.message("en")
    before = {str(p) for p in load_dataset(data_dir=data_dir).warnings}
    apply(prev, "bien-tap", data_dir, db)
    added = {str(p) for p in load_dataset(data_dir=data_dir).warnings} - before
    assert len(added) == 1 and "150+70" in added.pop()  # what check says after applying: the same one


def test_undated_figures_are_never_summed_or_compared(live):
    db, data_dir = live
    shipped = load_dataset(data_dir=data_dir)
    assert not [p for p in shipped.warnings if p.rule == "tier_sum" and "None" in str(p)]
    # undated tiers of one source, an undated total of another: figures of unknown times, never compared
    prev = prepare("s.xlsx", book(["Sơn La", "", "", 133, 5, "seed-004"], ["Sơn La", "", 72, "", "", "seed-003"]),
                   data_dir)
    assert prev.ok and not prev.warnings
    apply(prev, "bien-tap", data_dir, db)
    assert not [p for p in load_dataset(data_dir=data_dir).warnings if p.rule == "tier_sum" and "72" in str(p)]
    assert conflicts(Database(db).cursor()).query("a_as_of.isna() or b_as_of.isna()").empty


def test_sources_that_disagree_are_listed_whatever_file_they_came_from(live):
    db, data_dir = live
    pf.add_province(data_dir, db)
    apply(prepare("nguon.csv", pf.sources_csv(), data_dir), "bien-tap", data_dir, db)
    apply(prepare("dien_bien.xlsx", pf.workbook(), data_dir), "bien-tap", data_dir, db)
    # and one more source from another file, disagreeing with a recorded figure of Sơn La
    apply(prepare("khac.xlsx", book(["Sơn La", "03/2025", 199, "", "", "seed-004"]), data_dir), "bien-tap",
          data_dir, db)
    found = conflicts(Database(db).cursor())
    pairs = {(r.territory_key, r.metric, frozenset((r.a_value, r.b_value))) for r in found.itertuples()}
    assert ("11", "products_3star", frozenset((64.0, 67.0))) in pairs
    assert ("14", "products_total", frozenset((199.0, 202.0))) in pairs
    at = open_page("pages/sources.py", province="11")
    assert not at.exception
    from ocop_data.words import t
    table = next(df.value for df in at.dataframe if t("conflict_a", "vi") in df.value.columns)  # Các nguồn vênh nhau
    text = table.to_string()
    assert "64" in text and "67" in text and "Báo Điện Biên (mẫu thử)" in text and "199" not in text


def test_the_sources_page_follows_the_province_choice(live):
    db, data_dir = live
    cur = Database(db).cursor()
    son_la, tuyen_quang = set(sources_of_territories(cur, ["14"])), set(sources_of_territories(cur, ["08-2025", "08",
                                                                                                    "02"]))
    only_tq = sorted(tuyen_quang - son_la)
    assert only_tq and son_la
    every = open_page("pages/sources.py")
    mine = open_page("pages/sources.py", province="14")
    assert not mine.exception and not every.exception
    labels, all_labels = [plain(e.label) for e in mine.expander], [plain(e.label) for e in every.expander]
    assert len(labels) < len(all_labels)
    from story.cite import source_label
    from queries.core import sources
    srcs = sources(cur).set_index("source_id")
    tq_label = source_label(srcs.loc[only_tq[0]].to_dict() | {"source_id": only_tq[0]}, "vi")
    assert not any(tq_label in lab for lab in labels) and any(tq_label in lab for lab in all_labels)
    assert any("Nguồn số liệu của Sơn La" in c.value for c in mine.caption)
    assert mine.query_params.get("province") == ["14"] or mine.query_params.get("province") == "14"
