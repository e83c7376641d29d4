"""Issue 9 §3: citable sources, a citation line for each, conflicts cited with both, the corrections list."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from queries import citations, core
from ocop_data.citations import source_gaps
from ocop_data.validate import load_dataset
from story import cite
from tests.conftest import plain
from tests.test_pages import run

SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


# --- sources state what they state; no source is cited by a file name -------------------------------------

def test_no_source_is_cited_by_a_file_name(cur):
    srcs = core.sources(cur).to_dict("records")
    for s in srcs:
        for lang in ("vi", "en"):
            assert not SEED_FILE.search(cite.cite(s, lang)), s["source_id"]
            assert not SEED_FILE.search(cite.source_label(s, lang)), s["source_id"]
        assert not SEED_FILE.search(str(s["title"]))
        assert not SEED_FILE.search(str(s["publisher"]))


def test_seeds_000_and_002_have_descriptive_titles_marked_as_such(cur):
    rows = {r["source_id"]: r for r in core.sources(cur).to_dict("records")}
    for sid in ("seed-000", "seed-002"):
        assert rows[sid]["title"].startswith("[bài về ") and rows[sid]["title"].endswith("]")
        assert rows[sid]["title_descriptive"] is True
        assert rows[sid]["seed_file"]  # kept as a provenance field
    assert rows["seed-000"]["title"] == "[bài về Kế hoạch 77 của UBND tỉnh Sơn La năm 2023; không rõ báo, ngày]"


def test_audit_item_24_dates_filled(cur):
    rows = {r["source_id"]: r for r in core.sources(cur).to_dict("records")}
    assert (rows["vietnamnews-1690849"]["published"], rows["vietnamnews-1690849"]["published_precision"]) == \
        ("2025-01-17", "day")
    assert rows["sggp-122563"]["published"] == "2025-12-17"
    assert rows["einpresswire-713679356"]["published"] == "2024-05-22"
    assert (rows["trangtraiviet-20240309"]["published"], rows["trangtraiviet-20240309"]["published_precision"]) == \
        ("2024-03-09", "inferred")


def test_source_completeness_is_reported_and_gaps_listed():
    ds = load_dataset()
    total, gaps = source_gaps(ds)
    assert total == len(ds.rows["source"])
    ids = {g[0] for g in gaps}
    assert {"seed-000", "seed-002"} <= ids  # no title, publisher or date stated
    assert "hagiang-137078" not in ids  # title, portal and 06/01/2022 all stated
    for _, missing in gaps:
        assert set(missing) <= {"title", "publisher", "published"} and missing


# --- citation lines --------------------------------------------------------------------------------------

def test_citation_line_publisher_date_title_address():
    src = {"source_id": "x", "title": "Nâng cao giá trị các sản phẩm OCOP", "publisher": "Báo Sơn La",
           "published": "2025-02-09", "published_precision": "day", "address": "https://baosonla.vn/x.html"}
    assert cite.cite(src, "vi") == "Báo Sơn La, 09/02/2025, “Nâng cao giá trị các sản phẩm OCOP”, https://baosonla.vn/x.html"


def test_inferred_date_says_about():
    src = {"source_id": "x", "title": "T", "publisher": "P", "published": "2025-02-10",
           "published_precision": "inferred", "address": "https://a.vn/"}
    assert cite.cite(src, "vi") == "P, khoảng 10/02/2025, “T”, https://a.vn/"
    assert cite.cite(src, "en") == "P, about 10 February 2025, “T”, https://a.vn/"


def test_descriptive_title_stays_in_brackets_and_missing_fields_are_named():
    src = {"source_id": "seed-000", "title": "[bài về Kế hoạch 77]", "title_descriptive": True,
           "publisher": "not stated", "published": None, "published_precision": "undated", "address": "not stated",
           "seed_file": "000_f8b1a05d07ed94d9.txt"}
    assert cite.cite(src, "vi") == "[bài về Kế hoạch 77] (không nêu: đơn vị đăng, ngày đăng)"


def test_every_source_has_a_citation_line(cur):
    for s in core.sources(cur).to_dict("records"):
        line = cite.cite(s, "vi")
        assert line and not re.search(r"\b(None|nan|NaN)\b", line)


def test_conflict_is_cited_with_both_sources(cur):
    conf = citations.conflicts(cur)
    # Sơn La 2023: 110 products split 68/41/1 (seed 000) and 58/51/1 (Tây Bắc University journal)
    row = conf[(conf.metric == "products_3star") & (conf.a_as_of == "2023")].iloc[0].to_dict()
    line = cite.cite_both(cite.prefixed(row, "a_"), cite.prefixed(row, "b_"), "vi")
    assert "[bài về Kế hoạch 77" in line and "Journal of Science" in line and "khác với" in line


# --- corrections list and split products ------------------------------------------------------------------

def test_corrections_name_every_changed_figure(cur):
    corr = citations.corrections(cur)
    ids = set(corr.row_id)
    for rid in ("vn-2023-12-06", "vn-2023-12-06-5", "vn-2023-12-06-subjects", "vn-2025-01", "vn-2025-06",
                "vn-2025-06-5", "vn-2022", "vn-2020", "hg-2021-total", "sl-2019-caphebichthao-total",
                "hg-2022-3star", "sl-ca-chua-khoai-tay-tu-nhien", "tq-cam-sanh-ham-yen", "hg-che-shan-tuyet-phin-ho"):
        assert rid in ids, rid
    for col in ("old_vi", "old_en", "new_vi", "new_en", "reason_vi", "reason_en"):
        assert corr[col].notna().all() and (corr[col].str.len() > 0).all(), col
    assert set(corr.date) == {"2026-11-25", "2026-12-07"}  # the first audit's corrections, then the second's


def test_split_product_stays_resolvable(cur):
    succ = citations.product_successors(cur, "sl-ca-chua-khoai-tay-tu-nhien")
    assert set(succ.product_id) == {"sl-ca-chua-tu-nhien", "sl-khoai-tay-tu-nhien"}
    assert set(succ.name) == {"Cà chua an toàn", "Khoai tây an toàn"}
    assert citations.product_successors(cur, "sl-toi-den").empty


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sources_page_tables_are_translated_and_clean(lang):
    at = run("pages/sources.py", lang)
    tabs = [tab.label for tab in at.tabs]
    assert ("Đính chính" if lang == "vi" else "Corrections") in tabs
    assert ("Các nguồn vênh nhau" if lang == "vi" else "Sources that disagree") in tabs
    frames = [d.value for d in at.dataframe]
    corr = frames[-1]
    assert ("Trước đây" if lang == "vi" else "Before") in corr.columns
    for df in frames:
        text = " ".join(str(v) for v in df.astype(str).to_numpy().ravel())
        assert not re.search(r"\b(None|nan|NaN|<NA>)\b", text)
    # citation lines are shown as code blocks a reporter can copy; none names a seed file
    codes = [c.value for c in at.code]
    assert codes and not any(SEED_FILE.search(c) for c in codes)
    md = " ".join(m.value for m in at.markdown)
    assert "](https://" in md  # working links


def test_sources_page_figures_have_units_and_words(cur):
    at = run("pages/sources.py", "vi", src="seed-004")
    df = at.dataframe[0].value
    values = set(df["Giá trị"])
    assert "khoảng 82,4 triệu USD" in values and "trên 70 học viên" in values
    assert set(df["Độ tin cậy"]) <= {"cao", "trung bình", "thấp, đáng ngờ"}
    assert isinstance(df, pd.DataFrame) and "Nguyên văn nguồn" in df.columns


# --- the one call each added to the overview and the product detail -----------------------------------

@pytest.mark.parametrize("lang,expected", [
    ("vi", "66 sản phẩm của đợt 2022, chứng nhận từ 17/01/2023; theo quy định 36 tháng từ 17/01/2023: hết hạn "
           "17/01/2026; chưa thấy công bố đánh giá lại"),
    ("en", "66 products of the 2022 round, certified from 17 January 2023; by the 36-month rule from 17 January 2023: "
           "expires 17 January 2026; no re-evaluation published yet")])
def test_overview_says_the_2022_round_certificates_expired(lang, expected):
    # today is after 17/01/2026 (the tests run in or after November 2026)
    at = run("pages/overview.py", lang, province="08-2025")
    texts = [plain(el.value) for el in list(at.caption) + list(at.markdown)]
    assert any(expected in text for text in texts), texts
    # the line is followed by the source's sentence that states the certificate date and its validity
    assert any("có giá trị trong 36 tháng kể từ ngày 17.1.2023" in text for text in texts)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_product_link_to_a_split_product_names_its_successors(lang):
    at = run("pages/products.py", lang, province="14", product="sl-ca-chua-khoai-tay-tu-nhien")
    at = run("pages/products.py", lang, province="14", product="sl-ca-chua-khoai-tay-tu-nhien")
    assert any("Cà chua an toàn; Khoai tây an toàn" in i.value for i in at.info)


def test_product_detail_shows_certificate_status_and_quote():
    at = run("pages/products.py", "vi", province="08-2025", product="hg-tra-xanh-phin-ho")
    line = [c.value for c in at.caption if c.value.startswith("Chứng nhận")][0]
    line = plain(line)
    # the expiry is said as computed, and the later page that still names the product is the latest evidence
    assert "theo quy định 36 tháng từ ngày quyết định 30/06/2021: hết hạn 30/06/2024" in line
    assert "còn được nêu là 5 sao quốc gia, 04/09/2025" in line and "Trà xanh hộp 100gr" in line
    assert "đã hết hạn" not in line


# --- a chart's one link to its sources: /sources?source=ID,ID (issue 18 §4) ------------------------------

def test_the_sources_page_shows_the_sources_a_chart_links_to():
    at = run("pages/sources.py", "vi", source="baomoi-c51438864,seed-002")
    labels = [plain(e.label) for e in at.expander]
    assert len(labels) == 2 and labels[0].startswith("Sơn La: nỗ lực") and labels[1].startswith("[bài về Hội nghị")
    assert any("2 nguồn của một biểu đồ" in i.value for i in at.info)
    codes = [line for m in at.markdown for line in m.value.splitlines() if line.startswith("- **Mã nguồn:**")]
    assert [c.replace("\\", "") for c in codes] == ["- **Mã nguồn:** baomoi-c51438864", "- **Mã nguồn:** seed-002"]
    at.button(key="src_show_all").click().run()
    assert len(at.expander) == len(queries_sources()) and not at.info


def test_a_charts_source_line_links_to_its_sources():
    at = run("pages/stars.py", "en", province="14")
    line = next(c.value for c in at.caption if c.value.startswith("**Sources:**"))
    target = re.search(r"\]\((/sources\?source=[^)]+)\)", line).group(1)
    ids = target.split("source=")[1].split("&")[0].split(",")
    assert target.endswith("&lang=en") and "seed-002" in ids and len(ids) == len(set(ids)) > 3
    assert " and " in line and " more · [See the " in line  # three named, the rest counted, one link
    assert line.count("](") == 1


def queries_sources():
    import os

    from ocop_data.db import Database
    db = Database(os.environ["OCOP_DB"])
    try:
        return core.sources(db.cursor())
    finally:
        db.close()


def test_a_descriptive_title_has_its_english_form(cur):
    """Issue 19 §9: '[bài về …; không rõ báo, ngày]' reads '[article on …; outlet and date not known]' in
    English, on every surface that names the source (its label, its citation); Vietnamese keeps it as written."""
    from queries import core

    srcs = core.sources(cur)
    described = srcs[srcs.title.str.startswith("[bài về ")].to_dict("records")
    assert described
    for r in described:
        what = r["title"][len("[bài về "):].split("; không rõ báo, ngày]")[0].rstrip("]")
        en = cite.cite(r, "en")
        assert "bài về" not in en and "không rõ" not in en and f"[article on {what}" in en
        assert cite.source_label(r, "en").startswith(f"[article on {what}")
        assert cite.source_label(r, "vi") == r["title"]
        if r["title"].endswith("; không rõ báo, ngày]"):
            assert cite.title_text(r, "en").endswith("; outlet and date not known]")
