"""Every defect of DATA-AUDIT.md §1.1 by row id, in its corrected state; the §1.2 facts present; certificates
with a frozen clock; figures written with their units."""
from __future__ import annotations

from datetime import date

import pytest

from queries import citations, core
from story import certificates as cert_words
from story import fmt


def fig(cur, fid):
    r = cur.execute("""SELECT value, kind, qualifier, confidence, source_id, as_of, as_of_precision, quote_status,
                              formula, note FROM figure WHERE figure_id = ?""", [fid]).fetchone()
    if r is None:
        return None
    keys = ("value", "kind", "qualifier", "confidence", "source_id", "as_of", "as_of_precision", "quote_status",
            "formula", "note")
    return dict(zip(keys, r))


def one(cur, sql, *params):
    return cur.execute(sql, list(params)).fetchone()


# --- DATA-AUDIT §1.1, one test per defect ------------------------------------------------------------------

def test_01_national_2023_recited_to_sources_that_state_it(cur):
    assert fig(cur, "vn-2023-12-06")["value"] == 10322
    for fid in ("vn-2023-12-06", "vn-2023-12-06-5"):
        f = fig(cur, fid)
        assert (f["source_id"], f["as_of"], f["as_of_precision"]) == ("ictvietnam-67874", "2023-10", "month")
    assert fig(cur, "vn-2023-12-06-5")["value"] == 42
    f = fig(cur, "vn-2023-12-06-subjects")
    assert (f["value"], f["source_id"]) == (5361, "lmhtx-493721")


def test_02_14642_cites_viet_nam_news(cur):
    f = fig(cur, "vn-2025-01")
    assert (f["value"], f["source_id"], f["as_of"], f["as_of_precision"]) == (14642, "vietnamnews-1690849",
                                                                             "2025-01-17", "day")


def test_03_16000_and_126_recited(cur):
    for fid, v, q in (("vn-2025-06", 16000, "more_than"), ("vn-2025-06-5", 126, "exact")):
        f = fig(cur, fid)
        assert (f["value"], f["qualifier"], f["source_id"], f["as_of"]) == (v, q, "hanoitimes-746415", "2025-06-24")


def test_04_5401_recited_and_dated_as_inferred(cur):
    f = fig(cur, "vn-2022")
    assert (f["value"], f["source_id"], f["as_of_precision"]) == (5401, "baotuyenquang-154824", "inferred")


def test_05_3200_removed(cur):
    assert fig(cur, "vn-2020") is None
    assert one(cur, "SELECT count(*) FROM figure WHERE territory_key = 'VN' AND value = 3200")[0] == 0


def test_06_hagiang_233_is_derived_as_of_06_01_2022(cur):
    f = fig(cur, "hg-2021-total")
    assert (f["value"], f["kind"], f["quote_status"]) == (233, "derived", "derived")
    assert "hg-2021-3star" in f["formula"] and "194 + 37 + 2" in f["formula"]
    for fid in ("hg-2021-total", "hg-2021-3star", "hg-2021-4star", "hg-2021-5star"):
        assert (fig(cur, fid)["as_of"], fig(cur, fid)["as_of_precision"]) == ("2022-01-06", "day")


def test_07_caphebichthao_28_derived_0_removed(cur):
    f = fig(cur, "sl-2019-caphebichthao-total")
    assert (f["value"], f["kind"]) == (28, "derived") and "9 + 19" in f["formula"]
    assert fig(cur, "sl-2019-caphebichthao-5star") is None
    assert (fig(cur, "sl-2019-caphebichthao-4star")["value"], fig(cur, "sl-2019-caphebichthao-3star")["value"]) == (9, 19)


def test_08_hagiang_split_recited_to_agrimate(cur):
    for fid, v in (("hg-2022-3star", 229), ("hg-2022-4star", 39), ("hg-2022-5star", 2)):
        assert (fig(cur, fid)["value"], fig(cur, fid)["source_id"]) == (v, "agrimate-1771")
    assert fig(cur, "hg-2022-total")["source_id"] == "thitruongbiz-9161"


def test_09_tomatoes_and_potatoes_are_two_products(cur):
    assert one(cur, "SELECT count(*) FROM product WHERE product_id = 'sl-ca-chua-khoai-tay-tu-nhien'")[0] == 0
    rows = cur.execute("""SELECT p.name, e.stars, p.subject_id FROM product p JOIN evaluation e USING (product_id)
                          WHERE p.product_id IN ('sl-ca-chua-tu-nhien', 'sl-khoai-tay-tu-nhien')
                          ORDER BY p.name""").fetchall()
    assert rows == [("Cà chua an toàn", "4", "sl-htx-tu-nhien"), ("Khoai tây an toàn", "4", "sl-htx-tu-nhien")]


def test_10_orange_producer_named(cur):
    r = one(cur, """SELECT p.name, p.name_en, s.name, s.district_code, p.district_code FROM product p
                    JOIN subject s USING (subject_id) WHERE p.product_id = 'tq-cam-sanh-ham-yen'""")
    assert r == ("Cam sành Hàm Yên", "Ham Yen King oranges", "Ham Yen King Orange Joint Stock Company", "074", "074")


def test_11_phin_ho_two_products_with_their_cooperative(cur):
    rows = cur.execute("""SELECT p.name, p.commune_2025_code, p.district_code, p.district_derived, s.name, e.stars,
                                 e.decided, e.decided_precision, e.level
                          FROM product p JOIN subject s USING (subject_id) JOIN evaluation e USING (product_id)
                          WHERE s.subject_id = 'hg-htx-che-phin-ho' ORDER BY p.name""").fetchall()
    assert [r[0] for r in rows] == ["Hồng trà hộp 100gr", "Trà xanh hộp 100gr"]
    for r in rows:
        assert r[1:] == ("01090", "032", None, "HTX chế biến chè Phìn Hồ", "5", "2021-06-30", "day", "national")
    assert one(cur, "SELECT count(*) FROM product WHERE product_id = 'hg-che-shan-tuyet-phin-ho'")[0] == 0


def test_12_tq_2020_round_2_has_no_month(cur):
    for fid in ("tq-2020-r2-new", "tq-2020-r2-3", "tq-2020-r2-4"):
        assert (fig(cur, fid)["as_of"], fig(cur, fid)["as_of_precision"]) == ("2020", "year")


def test_13_quang_truong_published_name_festival_space(cur):
    name, note = one(cur, "SELECT name, note FROM sales_point WHERE point_id = 'hg-point-quang-truong-26-3'")
    assert name == ("Không gian trưng bày, giới thiệu sản phẩm OCOP, sản phẩm đặc trưng tiêu biểu và Không gian "
                    "thưởng trà Shan tuyết")
    assert "festival" in note and "not published" in note


def test_14_thuan_hoa_published_name_district_derived(cur):
    r = one(cur, """SELECT name, district_code, district_derived, district_rule FROM sales_point
                    WHERE point_id = 'hg-point-thuan-hoa'""")
    assert r[0] == "Điểm trưng bày, giới thiệu sản phẩm OCOP và sản phẩm tiêu biểu của tỉnh Hà Giang"
    assert r[1] == "030" and r[2] is True and "communes_pre2025" in r[3]


TWENTY = {
    "sl-long-nhan-hoa-muoi": "Long nhãn sấy khô", "sl-long-nhan-hung-loc": "Long nhãn sấy khô", "sl-nho-den-ha": "Nho hạ đen",
    "sl-nep-tan-luong": "Gạo nếp tan lương", "sl-thit-trau-le-duc-anh": "Thịt trâu hun khói",
    "sl-xoai-say-toan-thang": "xoài sấy dẻo", "sl-mat-ong-quyet-thang": "mật ong Quyết Thắng", "sl-ruoc-ga-den": "Ruốc gà đen",
    "sl-ga-den-hut-chan-khong": "gà đen nguyên con hút chân không", "sl-bot-mac-khen": "bột mắc khén",
    "sl-du-lich-pha-din": "Sản phẩm du lịch", "sl-tra-gaba-vien": "trà viên Gaba", "sl-tra-xanh-vien": "trà viên xanh",
    "sl-tra-oolong-thu-dan": "trà Oolong", "sl-ca-chua-tu-nhien": "Cà chua an toàn", "sl-khoai-tay-tu-nhien": "Khoai tây an toàn",
    "sl-sua-chua-amifarm": "Bộ sản phẩm sữa chua nguyên kem Amifarm Mộc Châu (Sữa chua nguyên kem, sữa chua nếp cẩm, sữa chua chanh leo)",
    "sl-xoai-say-cuong-hoa": "xoài sấy dẻo Cường Hoa", "sl-man-say-cuong-hoa": "mận sấy dẻo Cường Hoa",
    "tq-tra-xanh-non-ngoc-thuy": "Chè xanh Ngọc Thuý Nõn", "tq-banh-gai-chiem-hoa": "Bánh gai Chiêm Hoá",
    "sl-nep-tan-ngoc-chien": "gạo nếp tan",
}


def test_15_published_vietnamese_names_english_kept_as_rendering(cur):
    for pid, name in TWENTY.items():
        r = one(cur, "SELECT name, name_lang, name_en, name_note FROM product WHERE product_id = ?", pid)
        assert r[0] == name and r[1] == "vi" and r[2], pid
        assert "rendering" in r[3] or "English" in r[3], pid
    assert one(cur, "SELECT name_en FROM product WHERE product_id = 'sl-nho-den-ha'")[0] != "black Hạ grapes"


def test_16_baomoi_202_is_february_2025_inferred(cur):
    for s in ("total", "3star", "4star", "5star"):
        f = fig(cur, f"sl-2025-baomoi-{s}")
        assert (f["as_of"], f["as_of_precision"]) == ("2025-02", "inferred")


def test_17_at_least_only_where_the_source_says_it(cur):
    comp = dict(cur.execute("""SELECT target_id, comparison FROM target WHERE target_id IN
                               ('sl-2020-plan-new', 'sl-2020-plan-4to5', 'sl-2025-new', 'sl-2020-plan-3to4')""").fetchall())
    assert comp == {"sl-2020-plan-new": "exactly", "sl-2020-plan-4to5": "exactly", "sl-2025-new": "exactly",
                    "sl-2020-plan-3to4": "at_least"}


def test_18_son_la_communes_abolished_before_deadline(cur):
    assert one(cur, "SELECT unit_abolished_on FROM target WHERE target_id = 'sl-2025-communes'")[0] == "2025-07-01"


def test_19_kh90_5star_has_no_count_the_source_does_not_state(cur):
    value, comparison, note = one(cur, "SELECT value, comparison, note FROM target WHERE target_id = 'tq-kh90-5star'")
    assert value is None and comparison == "all" and "no number" in note


def test_20_congthuong_points_doubtful(cur):
    assert fig(cur, "tq2025-2025-11-congthuong-points")["confidence"] == "L"


def test_21_zero_five_star_rows(cur):
    assert fig(cur, "sl-2019-seed002-5star") is None  # the seed states no 5★ count: removed
    f = fig(cur, "tq-2020-kinhtenongthon-5star")
    assert (f["kind"], f["quote_status"]) == ("derived", "derived") and "79 − 17 − 62" in f["formula"]
    assert fig(cur, "tq-2022-end-5star")["quote_status"] == "verbatim"  # "3 đến 4 sao" states it


def test_22_producer_names_as_published(cur):
    names = {r[0] for r in cur.execute("SELECT name FROM subject").fetchall()}
    assert not [n for n in names if n.startswith(("Cty ", "HKD ")) or " DV " in n]
    for n in ("Công ty TNHH Trà Thu Đan", "Công ty TNHH Nông lâm nghiệp Sông Mã", "HTX Dịch vụ nông nghiệp Hoa Mười",
              "HTX Dịch vụ nông nghiệp Toàn Thắng", "Hộ kinh doanh Lê Đức Anh"):
        assert n in names


def test_23_levels_not_stated_are_not_published(cur):
    levels = dict(cur.execute("""SELECT evaluation_id, level FROM evaluation WHERE evaluation_id IN
        ('ev-sl-du-lich-pha-din-2024', 'ev-sl-tra-gaba-vien-2024', 'ev-sl-tra-xanh-vien-2024',
         'ev-sl-tra-oolong-thu-dan-2024', 'ev-sl-ca-chua-tu-nhien-2023', 'ev-sl-khoai-tay-tu-nhien-2023')""").fetchall())
    assert len(levels) == 6 and set(levels.values()) == {"not_published"}


def test_24_source_dates_filled(cur):
    got = dict(cur.execute("""SELECT source_id, published FROM source WHERE source_id IN
        ('vietnamnews-1690849', 'sggp-122563', 'einpresswire-713679356', 'trangtraiviet-20240309')""").fetchall())
    assert got == {"vietnamnews-1690849": "2025-01-17", "sggp-122563": "2025-12-17",
                   "einpresswire-713679356": "2024-05-22", "trangtraiviet-20240309": "2024-03-09"}


def test_25_capital_coordinates_cite_the_fact_sheet(cur):
    rows = cur.execute("SELECT territory_key, coords_source_id FROM territory WHERE lat IS NOT NULL").fetchall()
    assert rows and all(src == "facts-sheet" for _, src in rows)
    assert one(cur, "SELECT count(*) FROM source WHERE source_id = 'vietnamnews-1720781'")[0] == 0


def test_26_seed000_110_noted_as_early_2023(cur):
    f = fig(cur, "sl-2023-seed000-total")
    assert (f["as_of"], f["as_of_precision"]) == ("2023", "inferred") and "early-2023" in f["note"]


# --- DATA-AUDIT §1.2: the missing facts are rows now ------------------------------------------------------

@pytest.mark.parametrize("fid,value,metric", [
    ("tq-2022-r-recognised", 66, "round_recognised"), ("tq-2022-r-new", 63, "round_new_products"),
    ("tq-2022-snn-upg", 3, "round_upgraded_3_to_4"), ("tq-2022-r-subjects", 55, "round_subjects"),
    ("vn-2023-subjects-htx-pct", 38.1, "subjects_htx_pct"), ("vn-2023-subjects-dn-pct", 24.2, "subjects_dn_pct"),
    ("vn-2023-subjects-hkd-pct", 34.9, "subjects_hkd_pct"),
    ("sl-mocchau-2023-03-products-dn", 9, "products_of_dn"), ("sl-mocchau-2023-03-products-htx", 17, "products_of_htx"),
    ("sl-mocchau-2023-03-products-hkd", 4, "products_of_hkd"),
    ("hg-2021-r-3star", 40, "round_recognised_3star"), ("hg-2021-r-subjects", 29, "round_subjects"),
    ("hg-2021-r-evaluated", 77, "round_evaluated"), ("hg-2021-r-evaluated-subjects", 48, "round_evaluated_subjects"),
    ("hg-2022-r-recognised", 37, "round_recognised"), ("hg-2022-r-4star", 1, "round_recognised_4star"),
    ("hg-2022-r-3star", 36, "round_recognised_3star"), ("hg-2022-r-evaluated", 53, "round_evaluated"),
    ("hg-2022-r-evaluated-subjects", 35, "round_evaluated_subjects"), ("hg-2022-r-evaluated-new", 43, "round_evaluated_new"),
    ("hg-2022-r-reeval", 10, "round_reevaluated"), ("hg-2022-registered", 154, "round_registered"),
    ("sl-2019-caphebichthao-evaluated", 30, "round_evaluated"),
])
def test_missing_facts_are_figures(cur, fid, value, metric):
    r = one(cur, "SELECT value, metric, quote_status FROM figure WHERE figure_id = ?", fid)
    assert r == (value, metric, "verbatim")


def test_missing_facts_kh77_requirement_danviet_targets_and_decision_3073(cur):
    assert one(cur, "SELECT comparison, source_id FROM target WHERE target_id = 'sl-kh77-ntm'") == ("all", "seed-000")
    assert one(cur, "SELECT value, comparison FROM target WHERE target_id = 'sl-2023-danviet-new'") == (80, "exactly")
    assert one(cur, "SELECT value, comparison FROM target WHERE target_id = 'sl-2023-danviet-total'") == (200, "more_than")
    assert one(cur, "SELECT date, kind FROM event WHERE event_id = 'sl-2020-d3073'") == ("2020-12-31", "decision")


def test_one_headline_target_per_province(cur):
    rows = cur.execute("SELECT territory_key, target_id FROM target WHERE headline ORDER BY territory_key").fetchall()
    assert rows == [("08", "tq-kh90-total"), ("14", "sl-project-total")]


def test_every_note_has_vietnamese_and_events_describe_in_both(cur):
    for table in ("figure", "target", "evaluation", "sales_point", "product", "subject", "source", "territory", "metric"):
        # table names come from the list above, never from user text
        n = one(cur, "SELECT count(*) FROM " + table + " WHERE note IS NOT NULL AND note_vi IS NULL")[0]
        assert n == 0, table
    assert one(cur, "SELECT count(*) FROM event WHERE description_en IS NOT NULL AND description_vi IS NULL")[0] == 0


def test_every_metric_has_its_unit(cur):
    assert one(cur, "SELECT count(*) FROM metric WHERE unit_vi IS NULL OR unit_en IS NULL")[0] == 0


# --- certificates with a frozen clock --------------------------------------------------------------------

def test_tq_2022_round_certificates(cur):
    rows = citations.round_certificates(cur, ["08-2025", "08", "02"], date(2026, 11, 25))
    r = rows[rows.event_id == "tq-2022-council"].iloc[0].to_dict()
    assert (r["products"], r["certificates_from"], r["expires"], r["status"]) == (66, "2023-01-17", date(2026, 1, 17),
                                                                                  "expired")
    # said as a computation, with its rule and basis (DATA-AUDIT-2, S2)
    assert cert_words.round_line(r, "vi") == ("66 sản phẩm của đợt 2022, chứng nhận từ 17/01/2023; theo quy định 36 "
                                              "tháng từ 17/01/2023: hết hạn 17/01/2026; chưa thấy công bố đánh giá lại")
    assert cert_words.round_line(r, "en") == ("66 products of the 2022 round, certified from 17 January 2023; by the "
                                              "36-month rule from 17 January 2023: expires 17 January 2026; no re-evaluation "
                                              "published yet")


@pytest.mark.parametrize("today,status", [(date(2024, 12, 31), "valid"), (date(2025, 1, 17), "expiring"),
                                          (date(2026, 1, 16), "expiring"), (date(2026, 1, 17), "expired")])
def test_round_status_moves_with_the_clock(cur, today, status):
    r = citations.round_certificates(cur, ["08"], today).iloc[0].to_dict()
    assert r["status"] == status
    assert "17/01/2026" in cert_words.round_line(r, "vi")


def test_certificate_expiry_only_from_a_day(cur):
    assert citations.certificate_expiry("2024-08-06", "day") == date(2027, 8, 6)
    assert citations.certificate_expiry("2024", "year") is None and citations.certificate_expiry("2020-10", "inferred") is None
    assert citations.certificate_status(None, date(2026, 1, 1)) == "unknown"


def test_product_history_certificate_status(cur):
    h = citations.product_certificates(cur, "tq-che-shan-tuyet-hong-thai", date(2026, 11, 25))
    # the 2020 rating, then the decision of 25/11/2024: valid to 25/11/2027, so within 12 months of 25/11/2026
    assert list(h.status) == ["superseded", "expiring"]
    assert h.iloc[-1].expires == date(2027, 11, 25)
    # past the rule's expiry, but a later page still names it national 5★: 'mentioned', never 'expired' (S1)
    h = citations.product_certificates(cur, "hg-tra-xanh-phin-ho", date(2026, 11, 25))
    assert (h.iloc[0].status, h.iloc[0].expires) == ("mentioned", date(2024, 6, 30))
    h = citations.product_certificates(cur, "sl-toi-den", date(2026, 11, 25))
    assert list(h.status) == ["unknown"]
    assert cert_words.status_text("expired", date(2024, 6, 30), "vi") == "theo quy định 36 tháng: hết hạn 30/06/2024"


# --- units ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,qualifier,unit,lang,expected", [
    (82_400_000, "about", "USD", "vi", "khoảng 82,4 triệu USD"),
    (82_400_000, "about", "USD", "en", "about USD 82.4 million"),
    (20_000_000_000, "about", "đồng", "vi", "khoảng 20 tỷ đồng"),
    (20_000_000_000, "about", "VND", "en", "about VND 20 billion"),
    (720_000_000, "exact", "đồng", "vi", "720 triệu đồng"),
    (10_000_000, "exact", "VND", "en", "VND 10 million"),
    (87, "exact", "%", "vi", "87%"), (104.3, "exact", "%", "vi", "104,3%"), (104.3, "exact", "%", "en", "104.3%"),
    (94.9, "exact", "điểm", "vi", "94,9 điểm"), (94.9, "exact", "points", "en", "94.9 points"),
    (70, "more_than", "học viên", "vi", "trên 70 học viên"), (70, "more_than", "trainees", "en", "more than 70 trainees"),
    (10322, "exact", "sản phẩm", "vi", "10.322 sản phẩm"), (1, "exact", "products", "en", "1 product"),
    (None, "exact", "USD", "vi", "chưa công bố"),
])
def test_figure_text_never_a_bare_number(value, qualifier, unit, lang, expected):
    assert fmt.figure_text(value, qualifier, unit, lang) == expected


def test_every_shipped_figure_reads_with_its_unit(cur):
    rows = cur.execute("""SELECT f.value, f.qualifier, m.unit_vi, m.unit_en FROM figure f JOIN metric m USING (metric)""").fetchall()
    for v, q, uvi, uen in rows:
        vi, en = fmt.figure_text(v, q, uvi, "vi"), fmt.figure_text(v, q, uen, "en")
        assert any(ch.isalpha() or ch == "%" for ch in vi.split()[-1]) and any(ch.isalpha() or ch == "%" for ch in en)


def test_every_event_is_described_in_vietnamese(cur):
    assert one(cur, "SELECT count(*) FROM event WHERE description_vi IS NULL")[0] == 0


# --- DATA-AUDIT-2 (December 2026): every id in its corrected state ------------------------------------------

def corr(cur, table, row_id, change=None):
    sql = "SELECT correction_id, change, source_id, old_source_id FROM correction WHERE table_name = ? AND row_id = ?"
    rows = cur.execute(sql, [table, row_id]).fetchall()
    return [r for r in rows if change is None or r[1] == change]


def test_r1_plan_90_dated_as_the_seed_states_and_c108_withdrawn(cur):
    assert one(cur, "SELECT date, date_precision FROM event WHERE event_id = 'tq-2021-kh90'") == ("2021-06-02", "day")
    quote = one(cur, "SELECT quote FROM event WHERE event_id = 'tq-2021-kh90'")[0]
    assert "Kế hoạch số 90/KH-UBND ngày 2/6/2021" in quote
    for tid in ("tq-kh90-total", "tq-kh90-communes", "tq-kh90-5star"):
        assert one(cur, "SELECT plan_date, plan_date_precision FROM target WHERE target_id = ?", tid) == (
            "2021-06-02", "day")
    assert corr(cur, "correction", "c108", "withdrawn")
    withdrawn = citations.corrections(cur)
    assert withdrawn.set_index("correction_id").loc["c108", "withdrawn_by"] == "c110"


def test_r2_hagiang_june_2023_checked_against_the_page(cur):
    for fid, value in (("hg-2023-06-total", 278), ("hg-2023-06-3star", 231), ("hg-2023-06-4star", 45),
                       ("hg-2023-06-5star", 2)):
        f = fig(cur, fid)
        assert (f["value"], f["quote_status"], f["as_of"]) == (value, "verbatim", "2023-06")
        assert corr(cur, "figure", fid, "source")


def test_r3_decision_321_rows_checked_against_the_page(cur):
    rows = cur.execute("""SELECT evaluation_id, quote_status, quote, decided, source_id FROM evaluation
                          WHERE decision_no = '321/QĐ-UBND' ORDER BY evaluation_id""").fetchall()
    assert len(rows) == 4
    for rid, status, quote, decided, source in rows:
        assert (status, decided, source) == ("verbatim", "2024-08-06", "santmdt-18896") and "4 sao" in quote, rid
    assert one(cur, "SELECT quote_status FROM event WHERE event_id = 'tq-2024-d321'")[0] == "verbatim"
    assert one(cur, "SELECT count(*) FROM figure WHERE quote_status = 'not_retrieved'")[0] == 0
    for table in ("evaluation", "event", "target", "sales_point"):
        # table names come from this list, never from user text
        assert one(cur, "SELECT count(*) FROM " + table + " WHERE quote_status = 'not_retrieved'")[0] == 0


def test_r4_ngoc_thuy_tea_named_as_published(cur):
    assert one(cur, "SELECT name, name_lang, name_en FROM product WHERE product_id = 'tq-tra-ngoc-thuy'") == (
        "Trà Ngọc Thuý", "vi", "Ngoc Thuy tea")
    assert corr(cur, "product", "tq-tra-ngoc-thuy", "name")


def test_r5_78_producers_of_every_type(cur):
    f = fig(cur, "sl-2023-tailieu-subjects")
    assert f["value"] == 78 and "every type" in f["note"] and "tổ hợp tác hộ kinh doanh" in f["note"]
    display = one(cur, "SELECT quote_display FROM figure WHERE figure_id = 'sl-2023-tailieu-subjects'")[0]
    assert display.endswith("78 doanh nghiệp")


def test_r6_district_counts_recorded_as_recognised(cur):
    rows = cur.execute("""SELECT figure_id, metric FROM figure WHERE figure_id LIKE 'tq-2022-r-new-07%'""").fetchall()
    assert len(rows) == 7 and {m for _, m in rows} == {"round_recognised"}
    assert one(cur, "SELECT sum(value) FROM figure WHERE figure_id LIKE 'tq-2022-r-new-07%'")[0] == 63
    assert fig(cur, "tq-2022-r-new")["value"] == 63  # the province's new products stay as the source states


def test_r7_press_targets_have_no_deadline(cur):
    for tid in ("sl-2023-danviet-new", "sl-2023-danviet-total"):
        assert one(cur, "SELECT deadline, deadline_precision FROM target WHERE target_id = ?", tid) == (None, "undated")
    row = core.target_progress(cur, ["14"], date(2026, 12, 7)).set_index("target_id").loc["sl-2023-danviet-total"]
    assert row.status == "reached" and row.latest_value > 200  # reached, with no deadline to miss


def test_r8_thirty_percent_is_exact(cur):
    assert one(cur, "SELECT comparison, value FROM target WHERE target_id = 'sl-kh77-share-sme'") == ("exactly", 30)


def test_r9_nep_tan_level_not_published(cur):
    assert one(cur, "SELECT level FROM evaluation WHERE evaluation_id = 'ev-sl-nep-tan-ngoc-chien'")[0] == "not_published"


def test_r10_project_date_not_published(cur):
    rows = cur.execute("SELECT plan_date, plan_date_precision FROM target WHERE target_id LIKE 'sl-project-%'").fetchall()
    assert len(rows) == 4 and set(rows) == {(None, "undated")}


def test_r11_one_national_round_said_as_one(cur):
    notes = [one(cur, "SELECT note FROM evaluation WHERE evaluation_id = ?", e)[0] for e in
             ("ev-sl-ca-phe-bot-bich-thao-2020", "ev-hg-tra-xanh-phin-ho-2021", "ev-hg-hong-tra-phin-ho-2021")]
    assert all("2020 national round" in n and "2890" in n for n in notes)
    h = citations.product_certificates(cur, "sl-ca-phe-bot-bich-thao", date(2026, 12, 7))
    assert h.set_index("evaluation_id").loc["ev-sl-ca-phe-bot-bich-thao-2020", "expires"] is None


def test_r12_one_paragraph_one_as_of_date(cur):
    dates = {fig(cur, f)["as_of"] for f in ("vn-2023-12-06", "vn-2023-12-06-subjects", "vn-2023-subjects-htx-pct",
                                            "vn-2023-subjects-dn-pct", "vn-2023-subjects-hkd-pct")}
    assert dates == {"2023-10"}


def test_r13_producer_name_corrections_recited(cur):
    got = dict(cur.execute("""SELECT correction_id, source_id FROM correction
                              WHERE correction_id IN ('c060', 'c062', 'c063')""").fetchall())
    assert got == {"c060": "santmdt-18896", "c062": "santmdt-18896", "c063": "langngheviet-31558"}
    for cid in got:
        assert corr(cur, "correction", cid, "source")


def test_r14_c048_recited_to_a_page_on_the_communes(cur):
    assert one(cur, "SELECT source_id FROM correction WHERE correction_id = 'c048'")[0] == "laodong-1524699"
    assert corr(cur, "correction", "c048", "source")[0][3] == "laodong-1522769"


def test_r15_hagiang_source_is_the_article(cur):
    address = one(cur, "SELECT address FROM source WHERE source_id = 'hagiang-137078'")[0]
    assert address.endswith("newsId=137078") and "jsessionid" not in address


def test_r16_danviet_title_matches_its_address(cur):
    title, address = one(cur, "SELECT title, address FROM source WHERE source_id = 'danviet-20230721'")
    assert title == "Sản phẩm OCOP góp phần nâng cao thu nhập cho nông dân" and "gop-phan-nang-cao-thu-nhap" in address


def test_r17_xahoingaynay_title_stated(cur):
    assert one(cur, "SELECT title FROM source WHERE source_id = 'xahoingaynay-hg-2023'")[0] == (
        "Hà Giang: Đẩy mạnh phát triển các sản phẩm OCOP chủ lực theo hướng hàng hóa")


def test_s1_phin_ho_not_called_expired_later_page_is_the_latest_evidence(cur):
    for pid in ("hg-tra-xanh-phin-ho", "hg-hong-tra-phin-ho"):
        h = citations.product_certificates(cur, pid, date(2026, 12, 7)).iloc[-1]
        assert (h.status, h.expires, h.evidence_date, h.evidence_level) == (
            "mentioned", date(2024, 6, 30), "2025-09-04", "national")
        assert one(cur, "SELECT count(*) FROM evaluation WHERE product_id = ?", pid)[0] == 1  # a mention is no evaluation
    due = core.due_for_reevaluation(cur, ["02"], date(2026, 12, 7))
    assert set(due.status) == {"mentioned"}
    line = cert_words.status_text("mentioned", date(2024, 6, 30), "vi", start="2021-06-30",
                                  evidence=due.iloc[0].to_dict())
    assert line == ("theo quy định 36 tháng từ ngày quyết định 30/06/2021: hết hạn 30/06/2024; còn được nêu là 5 sao "
                    "quốc gia, 04/09/2025")


def test_s2_round_expiry_said_as_computed_with_the_sentence_that_states_the_date(cur):
    r = citations.round_certificates(cur, ["08"], date(2026, 12, 7)).set_index("event_id").loc["tq-2022-council"]
    line = cert_words.round_line(r.to_dict(), "vi")
    assert "theo quy định 36 tháng từ 17/01/2023: hết hạn 17/01/2026" in line and "đã hết hạn" not in line
    assert cert_words.basis_quote_line(r.to_dict(), "vi") == (
        "Nguồn nêu: “Kết quả chứng nhận xếp hạng sao sản phẩm có giá trị trong 36 tháng kể từ ngày 17.1.2023.”")


def test_c1_every_day_precise_decision_gets_its_computed_expiry(cur):
    rounds = citations.round_certificates(cur, ["14", "08", "02", "08-2025"], date(2026, 12, 7)).set_index("event_id")
    assert rounds.loc["hg-2022-d20", "expires"] == date(2025, 1, 5) and rounds.loc["hg-2022-d20", "products"] == 40
    assert rounds.loc["sl-2020-d3073", "expires"] == date(2023, 12, 31)
    assert rounds.loc["hg-2022-d20", "certificate_basis"] == "decision"
    decisions = cur.execute("""SELECT event_id FROM event WHERE kind = 'decision' AND date_precision = 'day'""").fetchall()
    assert {d for (d,) in decisions} <= set(rounds.index)
    line = cert_words.round_line(rounds.loc["hg-2022-d20"].to_dict(), "vi")
    assert line.startswith("40 sản phẩm của Quyết định 20/QĐ-UBND (05/01/2022); theo quy định 36 tháng từ ngày quyết "
                           "định 05/01/2022: hết hạn 05/01/2025")


def test_c2_2024_products_expiring_from_checked_rows(cur):
    due = core.due_for_reevaluation(cur, ["08"], date(2026, 12, 7)).set_index("product_id")
    for pid in ("tq-tra-xanh-non-ngoc-thuy", "tq-tra-ngoc-thuy", "tq-banh-gai-chiem-hoa", "tq-mat-ong-huong-rung",
                "tq-che-shan-tuyet-hong-thai"):
        assert due.loc[pid, "status"] == "expiring"
        quote_status = one(cur, """SELECT e.quote_status FROM evaluation e WHERE e.product_id = ?
                                   ORDER BY e.decided_date DESC LIMIT 1""", pid)[0]
        assert quote_status == "verbatim", pid


def test_g1_garbled_quotes_shown_restored_and_marked(cur):
    from story import cite
    rows = cur.execute("""SELECT figure_id, quote, quote_display, quote_garbled FROM figure
                          WHERE source_id = 'tailieu-2881129'""").fetchall()
    assert rows and all(g for *_, g in rows)
    from ocop_data import quotes as q
    for fid, quote, display, _ in rows:
        assert q.restores(display, quote), fid
        shown = cite.quote_line({"quote": quote, "quote_display": display, "quote_garbled": True,
                                 "quote_status": "verbatim"}, "vi")
        assert shown.endswith("(đã khôi phục dấu)”") and not {"phm", "sn", "huyn", "ph"} & set(shown.split())
    assert not q.restores("Đến năm 2023 có 110 sản phẩm", "Đến năm 2023 có 111 sản phm")  # a digit is no lost letter


# --- certificates: each wording on a frozen clock ------------------------------------------------------------

@pytest.mark.parametrize("today,vi,en", [
    (date(2024, 1, 1), "66 sản phẩm của đợt 2022, chứng nhận từ 17/01/2023; theo quy định 36 tháng từ 17/01/2023: "
                       "còn hiệu lực đến 17/01/2026",
     "66 products of the 2022 round, certified from 17 January 2023; by the 36-month rule from 17 January 2023: valid until "
     "17 January 2026"),
    (date(2025, 6, 1), "66 sản phẩm của đợt 2022, chứng nhận từ 17/01/2023; theo quy định 36 tháng từ 17/01/2023: "
                       "hết hạn 17/01/2026 (trong 12 tháng tới)",
     "66 products of the 2022 round, certified from 17 January 2023; by the 36-month rule from 17 January 2023: expires "
     "17 January 2026 (within 12 months)"),
    (date(2026, 12, 7), "66 sản phẩm của đợt 2022, chứng nhận từ 17/01/2023; theo quy định 36 tháng từ 17/01/2023: "
                        "hết hạn 17/01/2026; chưa thấy công bố đánh giá lại",
     "66 products of the 2022 round, certified from 17 January 2023; by the 36-month rule from 17 January 2023: expires "
     "17 January 2026; no re-evaluation published yet"),
])
def test_round_wording_on_a_frozen_clock(cur, today, vi, en):
    r = citations.round_certificates(cur, ["08"], today).set_index("event_id").loc["tq-2022-council"].to_dict()
    assert (cert_words.round_line(r, "vi"), cert_words.round_line(r, "en")) == (vi, en)


@pytest.mark.parametrize("pid,today,vi,en", [
    # later evidence: past the rule's expiry, still named national 5★ by a page of 04/09/2025
    ("hg-tra-xanh-phin-ho", date(2026, 12, 7),
     "theo quy định 36 tháng từ ngày quyết định 30/06/2021: hết hạn 30/06/2024; còn được nêu là 5 sao quốc gia, "
     "04/09/2025",
     "by the 36-month rule from the decision of 30 June 2021: expires 30 June 2024; still named as a national 5-star "
     "product, 4 September 2025"),
    # before the evidence appeared the same certificate had expired by the rule
    ("hg-tra-xanh-phin-ho", date(2025, 1, 1),
     "theo quy định 36 tháng từ ngày quyết định 30/06/2021: hết hạn 30/06/2024; chưa thấy công bố đánh giá lại",
     "by the 36-month rule from the decision of 30 June 2021: expires 30 June 2024; no re-evaluation published yet"),
    # expiring within 12 months
    ("tq-che-shan-tuyet-hong-thai", date(2026, 12, 7),
     "theo quy định 36 tháng từ ngày quyết định 25/11/2024: hết hạn 25/11/2027 (trong 12 tháng tới)",
     "by the 36-month rule from the decision of 25 November 2024: expires 25 November 2027 (within 12 months)"),
    ("tq-che-shan-tuyet-hong-thai", date(2025, 6, 1),
     "theo quy định 36 tháng từ ngày quyết định 25/11/2024: còn hiệu lực đến 25/11/2027",
     "by the 36-month rule from the decision of 25 November 2024: valid until 25 November 2027"),
])
def test_product_certificate_wording_on_a_frozen_clock(cur, pid, today, vi, en):
    h = citations.product_certificates(cur, pid, today).iloc[-1].to_dict()  # a page not yet written is not seen
    for lang, expected in (("vi", vi), ("en", en)):
        line = cert_words.status_text(h["status"], h["expires"], lang, start=h["decided"],
                                      evidence=h if h["evidence_date"] else None)
        assert line == expected


# --- issue 20 §6: the newest pages found (07/12/2026) -------------------------------------------------------

def test_2024_national_re_recognition_is_later_evidence_never_an_evaluation(cur):
    """clpl.vn of 18/11/2024: the ministry re-recognised the Phìn Hồ teas and the Bích Thao coffee as national 5★
    'tính từ ngày 1/7/2024' (events hg-2024-11-mention-*, sl-2024-11-mention-bich-thao), stored as mentions with the
    page's own date; no evaluation cites the page (it states no decision number or date)."""
    rows = cur.execute("""SELECT product_id, kind, stars, level, date, date_precision, quote FROM event
                          WHERE source_id = 'clpl-5sao-2024-d2' ORDER BY product_id""").fetchall()
    assert [r[0] for r in rows] == ["hg-hong-tra-phin-ho", "hg-tra-xanh-phin-ho", "sl-ca-phe-bot-bich-thao"]
    assert {r[1:6] for r in rows} == {("mention", "5", "national", "2024-11-18", "day")}
    assert all("tính từ ngày 1/7/2024" in r[6] for r in rows)
    assert one(cur, "SELECT count(*) FROM evaluation WHERE source_id = 'clpl-5sao-2024-d2'")[0] == 0
    # the latest evidence is still the page of 04/09/2025: past the rule's expiry, never called expired
    h = citations.product_certificates(cur, "hg-tra-xanh-phin-ho", date(2026, 12, 7)).iloc[-1]
    assert (h.status, str(h.evidence_date)[:10]) == ("mentioned", "2025-09-04")


def test_undated_post_merger_page_feeds_no_comparison(cur):
    """dantocmiennui.baotintuc.vn post360731 states no date: its 157 (old Hà Giang) and 240 (old Tuyên Quang) are
    undated rows; its '191 … hồi cuối năm 2022' is dated by its own words (2022)."""
    for fid, value, precision in (("hg-undated-360731-total", 157, "undated"), ("tq-undated-360731-total", 240, "undated"),
                                  ("tq-2022-360731-total", 191, "year")):
        f = fig(cur, fid)
        assert (f["value"], f["as_of_precision"], f["source_id"]) == (value, precision, "dantocmiennui-360731")
    assert fig(cur, "hg-undated-360731-total")["confidence"] == "L"
