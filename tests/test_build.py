"""The build: seed facts present with their sources, bad files refused exactly, atomic and deterministic."""
from __future__ import annotations

import csv
import hashlib

import duckdb
import pytest

from ocop_data.build import build
from ocop_data.problems import BuildError
from ocop_data.schema import DATA_FILES, TABLES
from ocop_data.text import fold


def fig(cur, territory, metric, source=None, year=None):
    sql = "SELECT value, qualifier, confidence, source_id, as_of FROM figure WHERE territory_key = ? AND metric = ?"
    params = [territory, metric]
    if source:
        sql += " AND source_id = ?"
        params.append(source)
    if year:
        sql += " AND as_of LIKE ?"
        params.append(f"{year}%")
    return cur.execute(sql + " ORDER BY source_id", params).fetchall()


# --- the seed figures are in the database, each with its source ----------------------

def test_son_la_2019_from_seed_002(cur):
    assert fig(cur, "14", "products_total", "seed-002", 2019)[0][0] == 28
    assert fig(cur, "14", "products_3star", "seed-002", 2019)[0][0] == 19
    assert fig(cur, "14", "products_4star", "seed-002", 2019)[0][0] == 9


def test_son_la_2019_doubtful_row_kept_and_flagged(cur):
    rows = cur.execute("""SELECT value, confidence FROM figure WHERE territory_key = '14' AND as_of LIKE '2019%'
                          AND metric = 'products_3star' AND value = 18""").fetchall()
    assert rows == [(18, "L")]


def test_son_la_2023_both_splits_kept(cur):
    s3 = sorted(r[0] for r in fig(cur, "14", "products_3star", year=2023))
    s4 = sorted(r[0] for r in fig(cur, "14", "products_4star", year=2023))
    assert 68 in s3 and 58 in s3
    assert 41 in s4 and 51 in s4
    assert (110, "exact", "H", "seed-000", "2023") in [tuple(r) for r in fig(cur, "14", "products_total", "seed-000")]


def test_son_la_more_than_150_from_seed_003(cur):
    rows = fig(cur, "14", "products_total", "seed-003")
    assert [(r[0], r[1]) for r in rows] == [(150, "more_than")]


def test_tuyen_quang_july_2024_from_seed_001(cur):
    assert fig(cur, "08", "products_total", "seed-001", 2024)[0][0] == 240
    assert fig(cur, "08", "products_3star", "seed-001", 2024)[0][0] == 201
    assert fig(cur, "08", "products_4star", "seed-001", 2024)[0][0] == 38
    assert fig(cur, "08", "products_5p", "seed-001", 2024)[0][0] == 1
    assert fig(cur, "08", "subjects_total", "seed-001", 2024)[0][0] == 179
    types = {m: fig(cur, "08", m, "seed-001", 2024)[0][0]
             for m in ("subjects_htx", "subjects_dn", "subjects_tht", "subjects_hkd")}
    assert types == {"subjects_htx": 133, "subjects_dn": 12, "subjects_tht": 6, "subjects_hkd": 28}
    assert fig(cur, "08", "communes_with_product", "seed-001")[0][0] == 121
    assert fig(cur, "08", "products_total", "seed-001", 2020)[0][0] == 79


def test_rounds_are_not_running_totals(cur):
    rows = cur.execute("""SELECT metric, value FROM figure WHERE territory_key = '08'
                          AND metric = 'round_new_products' AND district_code IS NULL ORDER BY as_of""").fetchall()
    values = [r[1] for r in rows]
    assert 26 in values and 53 in values and 63 in values


def test_son_la_2019_list_has_28_products_and_17_subjects(cur):
    n = cur.execute("""SELECT count(DISTINCT p.product_id), count(DISTINCT p.subject_id)
                       FROM product p JOIN evaluation e USING (product_id)
                       WHERE p.territory_key = '14' AND e.source_id = 'seed-002'""").fetchone()
    assert n == (28, 17)
    stars = dict(cur.execute("""SELECT stars, count(*) FROM evaluation WHERE source_id = 'seed-002'
                                GROUP BY stars""").fetchall())
    assert stars == {"3": 19, "4": 9}


def test_two_xoai_say_deo_products(cur):
    # the 2019 list (seed 002) has "xoài sấy dẻo" from two cooperatives: two products (RULES.md §5)
    rows = cur.execute("""SELECT count(*) FROM product WHERE name_fold = 'xoai say deo' AND territory_key='14'
                          AND source_id = 'seed-002'""").fetchone()
    assert rows[0] == 2


def test_subject_types_of_2019_list(cur):
    types = dict(cur.execute("""SELECT subject_type, count(DISTINCT s.subject_id) FROM subject s
                                JOIN product p USING (subject_id) JOIN evaluation e USING (product_id)
                                WHERE e.source_id = 'seed-002' GROUP BY ALL""").fetchall())
    assert sum(types.values()) == 17
    assert set(types) <= {"htx", "dn", "tht", "hkd"}
    assert types["dn"] == 1 and types["tht"] == 1


def test_targets_kh90_and_kh77(cur):
    kh90 = cur.execute("""SELECT value, comparison FROM target WHERE territory_key = '08'
                          AND metric = 'products_total'""").fetchall()
    assert (230, "more_than") in kh90
    kh77 = cur.execute("""SELECT count(*) FROM target WHERE territory_key = '14' AND source_id = 'seed-000'""").fetchone()
    assert kh77[0] >= 7


def test_sales_points_as_published(cur):
    total = cur.execute("""SELECT count, count_qualifier FROM sales_point WHERE territory_key='08'
                           AND entry_kind='total'""").fetchall()
    assert total == [(20, "more_than")]
    listed = cur.execute("""SELECT sum(count) FROM sales_point WHERE territory_key='08'
                            AND entry_kind='count_at_unit'""").fetchone()[0]
    assert listed == 20
    sl = cur.execute("""SELECT district_code, count FROM sales_point WHERE territory_key='14'
                        AND entry_kind='locality' ORDER BY district_code""").fetchall()
    assert sl == [("116", None), ("118", None), ("119", None), ("123", None)]
    sl_total = cur.execute("SELECT count FROM sales_point WHERE territory_key='14' AND entry_kind='total'").fetchall()
    assert sl_total == [(10,)]


def test_seed_sources_state_only_what_they_state(cur):
    rows = {r[0]: r[1:] for r in cur.execute(
        "SELECT source_id, title, publisher, published, seed_file, title_descriptive FROM source "
        "WHERE source_id LIKE 'seed-%'").fetchall()}
    assert set(rows) == {"seed-000", "seed-001", "seed-002", "seed-003", "seed-004"}
    # seed 000 states no title or publisher: a descriptive title written by the project, marked as such
    assert rows["seed-000"][0].startswith("[bài về Kế hoạch 77") and rows["seed-000"][4] is True
    assert rows["seed-000"][1] == "not stated"
    assert rows["seed-001"][2] == "2024-07-11"
    assert rows["seed-004"][2] == "2023-11-16"
    assert rows["seed-002"][3] == "002_aa76186a8a779352.txt"


def test_every_fact_row_cites_a_known_source(cur):
    for table in ("figure", "target", "product", "evaluation", "subject", "sales_point", "event"):
        # table names come from the list above, never from user text
        orphans = cur.execute("SELECT count(*) FROM " + table + " t LEFT JOIN source s USING (source_id) "
                              "WHERE s.source_id IS NULL").fetchone()[0]
        assert orphans == 0, table


def test_merged_territory_has_its_predecessors(cur):
    row = cur.execute("SELECT predecessors, valid_from FROM territory WHERE territory_key = '08-2025'").fetchone()
    assert set(row[0].split(";")) == {"08", "02"} and row[1] == "2025-07-01"
    # the districts of Sơn La, the old Tuyên Quang and Hà Giang, each with its own boundary
    assert cur.execute("SELECT count(*) FROM district WHERE province_code IN ('14', '08', '02') "
                       "AND boundary = 'own'").fetchone()[0] == 30
    # the communes from 01/07/2025 of Sơn La (75) and today's Tuyên Quang (124) belong to them
    assert cur.execute("SELECT count(*) FROM commune WHERE territory_key IN ('14', '08-2025')").fetchone()[0] == 199


def test_certificate_expiry_only_from_day_precise_dates(cur):
    rows = cur.execute("SELECT decided_precision, expires FROM evaluation").fetchall()
    assert all((p == "day") == (e is not None) for p, e in rows)


# --- bad input is refused with its exact message; nothing is written ------------------

def _append(path, row: dict):
    with open(path, encoding="utf-8") as fh:
        header = next(csv.reader(fh))
        lines = sum(1 for _ in fh) + 1
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow([row.get(h, "") for h in header])
    return lines + 1  # the new row's line number


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _first_eval(shipped_copy):
    with open(shipped_copy / "evaluation.csv", encoding="utf-8") as fh:
        return next(csv.DictReader(fh))


@pytest.fixture()
def live_db(tmp_path, shipped_copy):
    target = tmp_path / "live.duckdb"
    build(target, shipped_dir=shipped_copy, data_dir=tmp_path / "nodata")
    return target


CASES = [
    ("evaluation", lambda e: dict(e, evaluation_id="bad-star", stars="6"), "stars", "bad_star",
     "Hạng sao “6” nằm ngoài thang (3, 4, 5 hoặc 5p = tiềm năng 5 sao). / "
     "Star value “6” is outside the scale (3, 4, 5 or 5p = potential 5-star)."),
    ("evaluation", lambda e: dict(e, evaluation_id="bad-source", stars="5", source_id="no-such-source"),
     "source_id", "broken_ref", "“no-such-source” không có trong source.csv. / “no-such-source” does not exist in source.csv."),
    ("evaluation", lambda e: dict(e, evaluation_id="bad-date", decided="2023-13-45", decided_precision="day"),
     "decided", "bad_date",
     "Ngày “2023-13-45” không đọc được (dạng YYYY, YYYY-MM hoặc YYYY-MM-DD). / "
     "Date “2023-13-45” does not parse (YYYY, YYYY-MM or YYYY-MM-DD)."),
    ("evaluation", lambda e: dict(e), "evaluation_id", "duplicate_id", None),
]


@pytest.mark.parametrize("table,make,column,rule,message", CASES, ids=[c[3] for c in CASES])
def test_bad_row_is_refused_and_live_db_untouched(tmp_path, shipped_copy, live_db, table, make, column, rule, message):
    before = _sha(live_db)
    line = _append(shipped_copy / f"{table}.csv", make(_first_eval(shipped_copy)))
    with pytest.raises(BuildError) as exc:
        build(live_db, shipped_dir=shipped_copy, data_dir=tmp_path / "nodata")
    hits = [p for p in exc.value.problems if p.rule == rule and p.file == f"{table}.csv"]
    assert hits, exc.value.problems
    p = hits[0]
    assert p.line == line and p.column == column
    if message:
        assert f"{p.message_vi} / {p.message_en}" == message
        assert str(p) == f"ERROR {table}.csv, line {line}, column {column} [{rule}]: {message}"
    assert _sha(live_db) == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_coordinates_outside_the_province_are_refused(tmp_path, shipped_copy, live_db):
    before = _sha(live_db)
    line = _append(shipped_copy / "sales_point.csv", {
        "point_id": "far-away", "territory_key": "14", "entry_kind": "point", "name": "Hà Nội shop",
        "lat": "21.03", "lon": "105.85", "precision": "address", "opened_precision": "undated",
        "as_of_precision": "undated", "source_id": "seed-000"})
    with pytest.raises(BuildError) as exc:
        build(live_db, shipped_dir=shipped_copy, data_dir=tmp_path / "nodata")
    p = [p for p in exc.value.problems if p.rule == "outside_province"][0]
    assert (p.file, p.line, p.column) == ("sales_point.csv", line, "lat")
    assert p.message_en == "Coordinates (21.03, 105.85) lie outside the bounds of province 14."
    assert _sha(live_db) == before


def test_same_subject_with_other_tone_placement_is_refused(tmp_path, shipped_copy, live_db):
    base = {"name_lang": "vi", "subject_type": "htx", "territory_key": "14", "source_id": "seed-000"}
    _append(shipped_copy / "subject.csv", dict(base, subject_id="hoa-1", name="HTX Thuỷ Hoà"))
    line = _append(shipped_copy / "subject.csv", dict(base, subject_id="hoa-2", name="htx  thủy hòa"))
    with pytest.raises(BuildError) as exc:
        build(live_db, shipped_dir=shipped_copy, data_dir=tmp_path / "nodata")
    p = [p for p in exc.value.problems if p.rule == "duplicate_identity"][0]
    assert (p.file, p.line, p.column) == ("subject.csv", line, "name")


def test_fold_unifies_tone_placement_and_d():
    assert fold("Hoà") == fold("hòa") == "hoa"
    assert fold("Thuỷ") == fold("thủy") == "thuy"
    assert fold("Đồng  Lộc") == "dong loc"


def test_nfd_text_is_normalised_not_refused(tmp_path, shipped_copy):
    import unicodedata
    path = shipped_copy / "event.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    target = tmp_path / "nfd.duckdb"
    build(target, shipped_dir=shipped_copy, data_dir=tmp_path / "nodata")
    con = duckdb.connect(str(target), read_only=True)
    titles = [r[0] for r in con.execute("SELECT title_vi FROM event").fetchall()]
    con.close()
    assert all(unicodedata.is_normalized("NFC", t) for t in titles)


def test_tier_parts_above_total_warn_naming_both_sources(tmp_path, shipped_copy):
    from ocop_data.validate import load_dataset
    _append(shipped_copy / "figure.csv", {
        "figure_id": "too-many", "territory_key": "14", "as_of": "2019", "as_of_precision": "year",
        "metric": "products_3star", "value": "40", "kind": "reported", "qualifier": "exact", "confidence": "L",
        "source_id": "seed-004", "quote_status": "not_retrieved", "quote_reason": "test row",
        "quote_reason_vi": "dòng thử"})
    ds = load_dataset(shipped_copy, tmp_path / "nodata")
    warnings = [w for w in ds.warnings if w.rule == "tier_sum" and "seed-004" in w.message_en]
    assert warnings and "seed-002" in " ".join(w.message_en for w in warnings)
    assert not ds.errors


def test_two_builds_give_the_same_tables(tmp_path):
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    build(a, data_dir=tmp_path / "nodata")
    build(b, data_dir=tmp_path / "nodata")
    ca, cb = duckdb.connect(str(a), read_only=True), duckdb.connect(str(b), read_only=True)
    for name in list(DATA_FILES) + ["district", "commune", "commune_pre2025", "commune_origin", "build_info"]:
        sql = "SELECT * FROM " + name  # schema table names only
        assert ca.execute(sql).fetchall() == cb.execute(sql).fetchall(), name
    ca.close(), cb.close()


def test_schema_and_files_agree():
    from ocop_data import paths
    for name in DATA_FILES:
        with open(paths.SHIPPED_DIR / f"{name}.csv", encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == TABLES[name].column_names, name


def test_a_table_without_rows_keeps_its_derived_columns(tmp_path, shipped_copy):
    """An empty data file (a new province's, or the benchmark's) still builds every column the queries read."""
    from queries import citations
    from ocop_data.db import Database

    header = (shipped_copy / "correction.csv").read_text(encoding="utf-8").splitlines()[0]
    (shipped_copy / "correction.csv").write_text(header + "\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    build(db, shipped_dir=shipped_copy, data_dir=tmp_path / "nodata")
    d = Database(db)
    try:
        assert citations.corrections(d.cursor()).empty  # sorts on date_date
    finally:
        d.close()


# --- issue 20: restored quotes, mentions, formulas ------------------------------------------------------------

def _set(path, key_col, key, **values):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        fields = list(rows[0].keys())
    hit = [r for r in rows if r[key_col] == key]
    assert hit, key
    hit[0].update(values)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@pytest.mark.parametrize("display", ["Đến năm 2023, tỉnh Sơn La đã 111 sản phẩm OCOP do 78 doanh nghiệp",  # a digit
                                     "Đến năm 2023, tỉnh Sơn La đã 110 sản phẩm OCOP do 78 doanh nghiệp nhỏ"])  # a word
def test_a_restored_quote_may_only_put_back_lost_letters(tmp_path, shipped_copy, display):
    _set(shipped_copy / "figure.csv", "figure_id", "sl-2023-tailieu-total", quote_display=display)
    with pytest.raises(BuildError) as err:
        build(tmp_path / "x.duckdb", shipped_dir=shipped_copy, data_dir=tmp_path / "nodata")
    assert any(p.rule == "quote_display" for p in err.value.problems)


def test_a_mention_states_the_stars_names_the_product_and_is_dated_by_its_page(tmp_path, shipped_copy):
    _set(shipped_copy / "event.csv", "event_id", "sl-2024-07-mention-bich-thao", stars="4")
    with pytest.raises(BuildError) as err:
        build(tmp_path / "x.duckdb", shipped_dir=shipped_copy, data_dir=tmp_path / "nodata")
    assert any(p.rule == "quote_mismatch" and p.column == "quote" for p in err.value.problems)
    _set(shipped_copy / "event.csv", "event_id", "sl-2024-07-mention-bich-thao", stars="5", date="2024-07-09")
    with pytest.raises(BuildError):  # not the page's own date (08/07/2024)
        build(tmp_path / "x.duckdb", shipped_dir=shipped_copy, data_dir=tmp_path / "nodata")


def test_every_derived_formula_recomputes(shipped_copy):
    from ocop_data.citations import check_formulas
    from ocop_data.validate import load_dataset

    checks = check_formulas(load_dataset(shipped_copy, shipped_copy / "none"))
    assert len(checks) == 3 and all(c.ok for c in checks), checks
    _set(shipped_copy / "figure.csv", "figure_id", "hg-2021-total", value="234")
    bad = [c for c in check_formulas(load_dataset(shipped_copy, shipped_copy / "none")) if not c.ok]
    assert [c.row_id for c in bad] == ["hg-2021-total"]


def test_check_reports_every_share_the_issue_asks_for(capsys):
    from ocop_data.__main__ import main

    assert main(["check"]) == 0
    out = capsys.readouterr().out
    import re
    m = re.search(r"non-derived rows (\d+)/(\d+)", out)
    assert m and int(m.group(1)) / int(m.group(2)) >= 0.98
    assert re.search(r"seed rows (\d+)/\1 \(100\.0%\)", out)
    assert "3/3 formulas recompute" in out and "trang không nêu" in out
