"""The finder (issue 9 §4): the tokeniser, the expected searches in both interfaces with and without
diacritics, the Sources page's finder with its citations, and the index of the synthetic national build."""
from __future__ import annotations

import csv
from datetime import date

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from queries import core
from queries import finder as finder_query
from ocop_data.search import analyse, number_forms, number_token, query_terms
from story import finder, fmt
from story.cite import cite, md_escape, normalise_source
from tests.conftest import ROOT, session_db

TODAY = date(2026, 11, 25)  # the clock is frozen: certificate status is relative to it


def toks(text: str) -> list[str]:
    """The tokens a query needs (the first alternative of each term)."""
    return [term.alts[0] for term in query_terms(text)]


def all_tokens(text: str) -> set[str]:
    return {tok for term in analyse(text) for tok in term.tokens()}


# --- the tokeniser ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("94,9", ["94.9"]), ("94.9", ["94.9"]), ("94,90", ["94.9"]),
    ("10.322", ["10322"]), ("10,322", ["10322"]), ("1.234.567", ["1234567"]),  # thousands first; 10.322 too
    ("1.234,5", ["1234.5"]), ("1,234.5", ["1234.5"]), ("0,5%", ["0.5"]), ("02", ["2"]),
    ("17.01.2023", ["17", "1", "2023"]), ("24–26/12/2019", ["24", "26", "12", "2019"]),
    ("104,3%", ["104.3"]), ("82.400.000", ["82400000"]),
])
def test_numbers(text, expected):
    assert toks(text) == expected
    if text.replace(".", "").replace(",", "").isdigit():
        assert [forms[0] for forms in number_forms(text)] == expected


@pytest.mark.parametrize("value", [94.9, 10322, 121, 82_400_000, 104.3, 0.5, 2, 1_000_000])
def test_numbers_stored_as_numbers_are_found_by_every_printed_form(value):
    token = number_token(value)
    for lang in ("vi", "en"):
        printed = fmt.number(value, lang, 0 if float(value).is_integer() else 1)
        assert toks(printed) == [token], (printed, lang)
    assert toks(repr(float(value)).rstrip("0").rstrip(".")) == [token]


def test_punctuation_splits_words_but_not_numbers():
    assert toks("Xã, phường, thị trấn") == ["~commune", "phuong", "thi", "tran"]
    assert "xa" in all_tokens("xã,") and "xa," not in all_tokens("xã,")
    assert toks("(tỏi đen)") == ["toi", "den"]
    assert toks("3★") == ["3", "~star"]
    assert toks("Km11, Quốc lộ 4C") == ["km11", "quoc", "lo", "4", "c"]


def test_diacritics_and_d_fold():
    assert toks("Chiềng Đi") == toks("chieng di") == toks("CHIỀNG  ĐI") == ["chieng", "di"]
    assert toks("Đồng Lộc") == ["dong", "loc"]
    assert toks("hoà") == toks("hòa") == ["hoa"]
    # NFD input folds the same as NFC
    import unicodedata
    assert toks(unicodedata.normalize("NFD", "Tuyên Quang")) == ["tuyen", "quang"]


@pytest.mark.parametrize("text", ["Kế hoạch 90", "ke hoach 90", "KH 90", "90/KH-UBND", "Kế hoạch số 90/KH-UBND",
                                  "kh90", "Plan 90", "Kế hoạch 90/KH-UBND"])
def test_plan_names_are_one_token(text):
    assert toks(text) == ["kh90"]


def test_plan_names_keep_their_number_and_plan_word_for_documents():
    assert {"kh77", "77", "~plan"} <= all_tokens("Plan 77 (Kế hoạch 77)")
    assert toks("Kế hoạch 77") == ["kh77"]
    assert toks("Kế hoạch OCOP năm 2020") == ["~plan", "ocop", "nam", "2020"]  # no number: not a plan name


@pytest.mark.parametrize("words, concept", [
    (["tập huấn", "tap huan", "training", "trainees", "trained", "học viên"], "~training"),
    (["xuất khẩu", "xuat khau", "export", "exported"], "~export"),
    (["hết hạn", "het han", "expire", "expired", "expiring"], "~expire"),
    (["chủ thể", "chu the", "producer", "producers", "subject"], "~producer"),
    (["điểm bán", "diem ban", "sales point", "point of sale", "points of sale"], "~sales_point"),
    (["sản phẩm", "san pham", "product", "products"], "~product"),
])
def test_synonyms(words, concept):
    for w in words:
        assert query_terms(w)[0].alts[0] == concept, w


def test_the_query_tokeniser_is_the_document_tokeniser():
    # every token a query needs is among the tokens of the same text indexed as a document
    for text in ["Kế hoạch số 90/KH-UBND", "Xã, phường, thị trấn có sản phẩm OCOP", "94,9 điểm", "tập huấn"]:
        for term in query_terms(text):
            assert set(term.alts) & all_tokens(text)


# --- the expected searches, with the shipped data --------------------------------------------

def top5(cur, text):
    return finder_query.find(cur, text, TODAY).head(5)


EXPECTED = {
    # query variants (with and without diacritics) -> a test of the top five rows
    ("Kế hoạch 90", "Ke hoach 90", "KH 90", "90/KH-UBND"):
        lambda df: ((df.kind == "target") & df.row_id.str.startswith("tq-kh90") & (df.territory_key == "08")).any(),
    ("Kế hoạch 77", "ke hoach 77", "KH 77"):
        lambda df: ((df.kind == "target") & df.row_id.str.startswith("sl-kh77") & (df.territory_key == "14")).any(),
    ("2030",):
        lambda df: ((df.kind == "target") & (df.territory_key == "14") & (df.date == "2030")).any(),
    ("Chiềng Đi", "chieng di"):
        lambda df: (df.row_id.isin(["sl-tra-xanh-huu-co-chieng-di", "ev-sl-tra-xanh-huu-co-chieng-di-2024"])
                    & df.detail_vi.str.contains("Công ty cổ phần Chè Chiềng Đi")).any(),
    ("tỏi đen", "toi den"):
        lambda df: ((df.row_id == "sl-toi-den") & df.detail_vi.str.contains("Phù Yên")).any(),
    ("94,9", "94.9"):
        lambda df: ((df.row_id == "ev-tq-che-shan-tuyet-hong-thai-2024") & (df.value == 94.9)).any(),
    ("tập huấn", "tap huan", "training"):
        lambda df: ((df.kind == "figure") & df.row_id.str.startswith("sl-trainees-2023")
                    & (df.territory_key == "14")).sum() == 2,
    ("xã", "xa"):
        lambda df: ((df.row_id == "tq-2024-07-communes") & (df.value == 121)).any(),
}


@pytest.mark.parametrize("variants, check", EXPECTED.items(), ids=[k[0] for k in EXPECTED])
def test_expected_searches(cur, variants, check):
    for text in variants:
        assert check(top5(cur, text)), (text, top5(cur, text)[["doc_id", "score"]].to_dict("records"))


@pytest.mark.parametrize("text", ["hết hạn", "het han", "expired", "expiring", "Hết hạn"])
def test_expired_or_expiring_certificates(cur, text):
    df = finder_query.find(cur, text, TODAY).head(10)
    assert len(df) == 10
    assert set(df.certificate_status) <= {"expired", "expiring", "mentioned"}
    assert df.expires.is_monotonic_increasing  # soonest first
    # day-precise decisions have their computed expiry too (C1): 3073/QĐ-UBND of 31/12/2020, 20/QĐ-UBND of 05/01/2022
    assert {"sl-2020-d3073", "hg-2022-d20"} <= set(df.row_id)
    # the Phìn Hồ teas: past the rule's expiry, but a later page still names them national 5★ (S1)
    assert set(df[df.row_id.str.contains("phin-ho")].certificate_status) == {"mentioned"}
    # the 2024 round 1 decision (06/08/2024) expires 06/08/2027, within 12 months of TODAY
    row = df[df.row_id == "ev-tq-banh-gai-chiem-hoa-2024"].iloc[0]
    assert row.expires.date() == date(2027, 8, 6) and row.days_left == 254 and row.certificate_status == "expiring"
    # a frozen clock moves the status: three years later every one of them has expired
    later = finder_query.find(cur, text, date(2029, 11, 25)).head(5)
    assert set(later.certificate_status) <= {"expired", "mentioned"} and "expired" in set(later.certificate_status)
    # and far earlier none is due, so none is found by its status
    assert "expiring" not in set(finder_query.find(cur, text, date(2021, 1, 1)).certificate_status)


# what the result says, in each interface: value with unit and qualifier in words, date at its precision,
# territory (a former one labelled), the source's words (or that they were not retrieved), the citation
SHOWN = {
    "94,9": ("ev-tq-che-shan-tuyet-hong-thai-2024",
             {"vi": ["Tiềm năng 5 sao · 94,9 điểm", "quyết định 25/11/2024", "Tuyên Quang (đến 30/06/2025)"],
              "en": ["Potential 5-star · 94.9 points", "decided 25 November 2024", "Tuyên Quang (until 30 June 2025)"]}),
    "xa": ("tq-2024-07-communes", {"vi": ["121 xã", "tính đến 11/07/2024", "Tuyên Quang (đến 30/06/2025)"],
                                   "en": ["121 communes", "as of 11 July 2024", "Tuyên Quang (until 30 June 2025)"]}),
    "training": ("sl-trainees-2023-04", {"vi": ["trên 70 học viên", "tính đến 04/2023", "Sơn La"],
                                         "en": ["more than 70 trainees", "as of April 2023", "Sơn La"]}),
    "Ke hoach 90": ("tq-kh90-total", {"vi": ["trên 230 sản phẩm", "hạn 2025", "Kế hoạch 90/KH-UBND"],
                                      "en": ["more than 230 products", "deadline 2025", "Plan 90/KH-UBND"]}),
    "het han": ("ev-tq-banh-gai-chiem-hoa-2024",
                {"vi": ["Theo quy định 36 tháng từ ngày quyết định 06/08/2024: hết hạn 06/08/2027 (còn 254 ngày)"],
                 "en": ["By the 36-month rule from the decision of 6 August 2024: expires 6 August 2027 (254 days left)"]}),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("text", SHOWN)
def test_results_in_words_in_each_interface(cur, text, lang):
    row_id, words = SHOWN[text]
    names, labels = fmt.territory_labels(core.territories(cur), lang)
    found = finder_query.find(cur, text, TODAY).head(20)
    recs = finder.records(found, lang, lambda k: labels.get(k, k))
    rec = next(r for r in recs if r["row_id"] == row_id)
    shown = " | ".join(str(rec[k]) for k in ("value", "date", "territory", "detail", "certificate"))
    for w in words[lang]:
        assert w in shown, (w, shown)
    missing = "chưa đối chiếu nguyên văn" if lang == "vi" else "quote not retrieved"
    assert rec["verbatim"] or rec["quote"].startswith(missing) or rec["quote"].startswith(
        "tính từ" if lang == "vi" else "derived from")
    src = normalise_source(found[found.row_id == row_id].iloc[0].to_dict())
    assert rec["citation"] == cite(src, lang).strip() and rec["citation"]
    table = finder.table(recs, lang)
    assert table.columns[0] == ("Loại" if lang == "vi" else "Kind") and len(table) == len(recs)


def test_empty_and_unmatched_queries(cur):
    assert finder_query.find(cur, "", TODAY).empty
    assert finder_query.find(cur, " , . ", TODAY).empty
    assert finder_query.find(cur, "zzzzqqq", TODAY).empty
    # every word must match: a real word plus a missing one finds nothing
    assert finder_query.find(cur, "tỏi zzzzqqq", TODAY).empty


def test_ties_are_deterministic(cur):
    a = finder_query.find(cur, "sản phẩm", TODAY).doc_id.tolist()
    b = finder_query.find(cur, "san pham", TODAY).doc_id.tolist()
    assert a == b and len(a) > 20


# --- the index picks up the schema's columns (rows the data branch is adding) ------------------

def _edit(path, key_col, key, **values):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        fields = list(rows[0].keys())
    for r in rows:
        if r[key_col] == key:
            r.update(values)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def test_round_certificates_and_quotes_are_picked_up_from_the_data(tmp_path, shipped_copy):
    """Tuyên Quang's 2022 round with its certificate date (the data branch adds it) is found as expired,
    first; a quote filled in is findable and shown verbatim."""
    from ocop_data.build import build
    from ocop_data.db import Database

    _edit(shipped_copy / "event.csv", "event_id", "tq-2022-council", certificates_from="2023-01-17",
          certificates_from_precision="day")
    _edit(shipped_copy / "figure.csv", "figure_id", "tq-2024-07-communes",
          quote="Toàn tỉnh có 121/138 xã, phường, thị trấn có sản phẩm OCOP, đạt 87% kế hoạch", quote_status="verbatim")
    empty = tmp_path / "nodata"
    empty.mkdir()
    build(tmp_path / "t.duckdb", shipped_dir=shipped_copy, data_dir=empty)
    db = Database(tmp_path / "t.duckdb")
    try:
        cur = db.cursor()
        for text in ("hết hạn", "expired"):
            top = finder_query.find(cur, text, TODAY).head(5)
            council = top[top.row_id == "tq-2022-council"].iloc[0]
            assert council.certificate_status == "expired" and council.expires.date() == date(2026, 1, 17)
        assert finder_query.find(cur, "toàn tỉnh có 121/138", TODAY).iloc[0].row_id == "tq-2024-07-communes"
        rec = finder.records(finder_query.find(cur, "xã", TODAY).head(1), "vi", lambda k: k)[0]
        assert rec["verbatim"] and rec["quote"].startswith("Toàn tỉnh có 121/138")
        rec = finder.records(finder_query.find(cur, "2022 council", TODAY).head(1), "vi", lambda k: k)[0]
        assert rec["certificate"] == "Theo quy định 36 tháng từ 17/01/2023: hết hạn 17/01/2026"
        assert "có giá trị trong 36 tháng kể từ ngày 17.1.2023" in rec["certificate_quote"]
    finally:
        db.close()


# --- the Sources page's finder -----------------------------------------------------------------

def page(lang: str, find: str) -> AppTest:
    """The Sources page with ``find`` typed in the box (AppTest starts on the overview, whose run rewrites
    the URL before the Sources page has defined ``find=``; the browser test below opens the URL itself)."""
    session_db()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/sources.py")
    at.run()
    at.text_input(key="find").input(find).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.parametrize("lang, text, title, value", [
    ("vi", "Kế hoạch 90", "Hơn 230 sản phẩm OCOP từ 3 sao trở lên", "trên 230 sản phẩm"),
    ("en", "ke hoach 90", "More than 230 OCOP products of 3★ or more", "more than 230 products"),
    ("en", "94.9", "", "94.9 points"),
])
def test_sources_page_finder_shows_results_with_citation(lang, text, title, value):
    at = page(lang, text)
    cards = [m.value for m in at.markdown if m.value.startswith("**" + md_escape(title)) and "  ·  " in m.value
             and md_escape(value) in m.value]
    assert cards, [m.value[:80] for m in at.markdown]
    # the source's words: verbatim in quotation marks, or said to be not retrieved
    quote_missing = "chưa đối chiếu nguyên văn" if lang == "vi" else "quote not retrieved"
    assert "\n\n> “" in cards[0] or quote_missing in cards[0]
    # the citation under the card: what the source states about itself, and its address as a link
    captions = [c.value for c in at.caption]
    source = "Nguồn: " if lang == "vi" else "Source: "
    assert any(c.startswith(source) and "](http" in c for c in captions), captions
    assert any(c.endswith("kết quả" if lang == "vi" else "results") for c in captions), captions
    assert at.get("download_button"), "the results can be downloaded"


# each expected search on the Sources page itself, in each interface (with diacritics in Vietnamese,
# without in English): what the first five cards must show
ON_PAGE = {
    ("Kế hoạch 90", "ke hoach 90"): {"vi": ["Kế hoạch 90/KH-UBND", "Tuyên Quang"], "en": ["Plan 90/KH-UBND"]},
    ("Kế hoạch 77", "ke hoach 77"): {"vi": ["Kế hoạch 77", "Sơn La"], "en": ["Plan 77", "Sơn La"]},
    ("2030", "2030"): {"vi": ["hạn 2030", "Sơn La"], "en": ["deadline 2030", "Sơn La"]},
    ("Chiềng Đi", "chieng di"): {"vi": ["trà xanh hữu cơ", "Công ty cổ phần Chè Chiềng Đi"],
                                 "en": ["trà xanh hữu cơ", "Công ty cổ phần Chè Chiềng Đi"]},
    ("tỏi đen", "toi den"): {"vi": ["tỏi đen", "Phù Yên"], "en": ["tỏi đen", "Phù Yên"]},
    ("94,9", "94.9"): {"vi": ["94,9 điểm"], "en": ["94.9 points"]},
    ("hết hạn", "expired"): {"vi": ["Theo quy định 36 tháng"], "en": ["By the 36-month rule"]},
    ("tập huấn", "training"): {"vi": ["Học viên được tập huấn", "Sơn La"], "en": ["People trained", "Sơn La"]},
    ("xã", "xa"): {"vi": ["121 xã"], "en": ["121 communes"]},
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("queries_", ON_PAGE, ids=[k[0] for k in ON_PAGE])
def test_expected_searches_on_the_page(queries_, lang):
    text = queries_[0] if lang == "vi" else queries_[1]
    at = page(lang, text)
    cards = [m.value.replace("\\", "") for m in at.markdown if "  ·  " in m.value][:5]
    assert any(all(w in card for w in ON_PAGE[queries_][lang]) for card in cards), (text, cards)


def test_sources_page_finder_reruns_with_a_new_query():
    at = page("vi", "Kế hoạch 77")
    at.text_input(key="find").input("xa").run()
    assert not at.exception
    cards = [m.value for m in at.markdown if m.value.startswith("**Xã, phường, thị trấn có sản phẩm OCOP**")]
    assert cards and "**121 xã**" in cards[0]
    assert at.session_state["find"] == "xa"


# --- the synthetic national-scale build --------------------------------------------------------

def test_synthetic_build_has_the_index(tmp_path):
    from ocop_data.synthetic import build_synthetic
    from ocop_data.db import Database

    out = tmp_path / "synthetic.duckdb"
    counts = build_synthetic(out, scale=0.02)
    con = duckdb.connect(str(out), read_only=True)
    try:
        kinds = dict(con.execute("SELECT kind, count(*) FROM search_doc GROUP BY kind").fetchall())
        assert kinds["product"] == counts["products"] and kinds["evaluation"] == counts["evaluations"]
        assert kinds["subject"] == counts["subjects"] and kinds["sales_point"] == counts["sales_points"]
        assert kinds["figure"] == counts["figures"]
        assert con.execute("SELECT count(*) FROM search_token").fetchone()[0] > 10 * sum(kinds.values())
    finally:
        con.close()
    db = Database(out)
    try:
        cur = db.cursor()
        found = finder_query.find(cur, "san pham tong hop 00042", TODAY)
        assert found.iloc[0].row_id == "syn-p00042"
        rec = finder.records(found.head(1), "en", lambda k: k)[0]
        assert rec["quote"] is None  # products carry no quote column
        ev = finder_query.find(cur, "het han", TODAY)
        assert len(ev) and set(ev.certificate_status) <= {"expired", "expiring"}
        rec = finder.records(ev.head(1), "vi", lambda k: k)[0]
        assert rec["quote"] == "dữ liệu tổng hợp để đo tốc độ, không có nguyên văn" or rec["quote"].startswith("chưa")
    finally:
        db.close()


# --- in a real browser: the URL opens a search, typing reruns the finder alone -----------------

@pytest.fixture(scope="module")
def finder_server(tmp_path_factory):
    """The app with a product named like an attack (imported), so the finder must keep it text."""
    from ocop_data.build import build
    from ocop_data.schema import TABLES
    from tests.browserkit import need_browser, start_server, stop, write_rows
    from tests.test_browser import XSS

    need_browser()
    base = tmp_path_factory.mktemp("finder")
    rows = base / "instance" / "imports" / "0001-xss" / "rows"
    full = lambda table, **v: {c: v.get(c, "") for c in TABLES[table].column_names}  # noqa: E731
    write_rows(rows / "product.csv", [full("product", product_id="xss-product", name=XSS, name_lang="vi",
                                        territory_key="14", source_id="seed-000", note="test row")])
    db = base / "ocop.duckdb"
    build(db, data_dir=base / "instance")
    proc, url = start_server(db, base / "instance")
    yield url
    stop(proc)


@pytest.mark.browser
def test_finder_in_a_browser(finder_server, browser, artifacts):
    from tests.test_browser import XSS, _no_exception, _open

    page, dialogs = _open(browser, f"{finder_server}/sources?lang=vi&find=K%E1%BA%BF%20ho%E1%BA%A1ch%2090")
    _no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    page.get_by_text("Hơn 230 sản phẩm OCOP từ 3 sao trở lên").first.wait_for(timeout=30_000)
    assert "trên 230 sản phẩm" in main.inner_text()
    assert main.locator("blockquote").count() >= 1  # the source's words (or that they were not retrieved)
    assert main.locator("a[href^='https://nhandan.vn']").count() >= 1  # the citation links its source
    page.screenshot(path=str(artifacts / "finder-vi.png"), full_page=False)
    box = page.get_by_role("textbox", name="Tìm trong số liệu")
    box.fill("img src")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('find=img')", timeout=30_000)
    page.get_by_text(XSS).first.wait_for(timeout=30_000)
    assert page.locator("img[src='x']").count() == 0 and not dialogs
    assert "Hơn 230 sản phẩm" not in main.inner_text()
    page.close()
    page, _ = _open(browser, f"{finder_server}/sources?lang=en&find=94%2C9", width=390, height=844)
    page.get_by_text("94.9 points").first.wait_for(timeout=30_000)
    page.wait_for_function(  # the URL's query is in the box
        """() => document.querySelector('[data-testid="stMain"] input[type=text]')?.value === '94,9'""",
        timeout=30_000)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(artifacts / "finder-en-390px.png"), full_page=False)
    page.close()


# --- the finder ranks the row, then the words (DATA-AUDIT-2, issue 20) -------------------------------------------

@pytest.mark.parametrize("text", ["Sơn La 2023", "Son La 2023", "sơn la 2023", "son la 2023"])
def test_son_la_2023_both_province_wide_reports_first(cur, text):
    top = finder_query.find(cur, text, TODAY).head(5)
    # a row of each province-wide 2023 report (seed 000, 68/41 split; the Tây Bắc University journal, 58/51)
    assert {"seed-000", "tailieu-2881129"} <= set(top.source_id), top[["doc_id", "score"]]
    assert (top.kind == "figure").all() and (top.territory_key == "14").all()
    assert all(str(d)[:4] == "2023" for d in top.sort_date)
    found = finder_query.find(cur, text, TODAY)
    district = found[found.district.notna() & (found.kind == "figure")]
    province = found[found.district.isna() & (found.kind == "figure") & (found.fact_kind == "reported")]
    # a district's figure ranks below every province-wide reported figure of the same score
    for score in set(district.score) & set(province.score):
        assert district[district.score == score].index.min() > province[province.score == score].index.max()


def test_own_territory_and_year_rank_above_a_match_inside_a_quote(cur):
    found = finder_query.find(cur, "Sơn La 2023", TODAY).reset_index(drop=True)
    own = found[(found.territory_key == "14") & found.sort_date.dt.year.eq(2023)]
    other = found[found.territory_key != "14"]  # rows that only mention the words (in a quote or a note)
    assert len(own) and (other.empty or own.index.min() < other.index.min())
    assert own.score.max() > (other.score.max() if len(other) else 0)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("text", ["Bích Thao", "bich thao", "BÍCH THAO"])
def test_bich_thao_finds_the_sentence_naming_son_las_first_5_star(cur, text, lang):
    found = finder_query.find(cur, text, TODAY)
    top = found.head(3)
    row = top[top.row_id == "sl-2024-07-mention-bich-thao"]
    assert len(row) == 1 and row.iloc[0].source_id == "nongnghiep-i392311"
    rec = next(r for r in finder.records(top, lang, lambda k: k) if r["row_id"] == "sl-2024-07-mention-bich-thao")
    assert rec["verbatim"] and "HTX Bích Thao là nơi đầu tiên ở Sơn La có sản phẩm OCOP 5 sao" in rec["quote"]
    assert rec["value"] == ("Được nêu về sau" if lang == "vi" else "Later mention")
    assert "Nông nghiệp" in rec["citation"] and ("08/07/2024" if lang == "vi" else "8 July 2024") in rec["citation"]
