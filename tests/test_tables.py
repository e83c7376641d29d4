"""Tables for people (issue 10 §6): every page in both languages, every chart/table toggle set to "table",
every expander, the product detail and the source figures; no raw database column name as a header and no
cell that shows None/nan/NaT/<NA>."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import EDITOR, PASSWORD, data_page, open_page

PAGES = ["pages/overview.py", "pages/stars.py", "pages/targets.py", "pages/products.py", "pages/map.py",
         "pages/sources.py", "pages/present.py", "pages/data.py"]
# a value that shows as a programmer's "missing", not as words
MISSING = re.compile(r"^(none|nan|nat|<na>|null|undefined)$", re.I)
# codes of the data files that are not words (an English label may equal a code that is a word: "reported")
CODES = {"5p", "htx", "dn", "tht", "hkd", "H", "M", "L", "exact", "more_than", "at_least", "count_at_unit",
         "district_centroid", "not_published", "re-evaluation", "evaluation_round", "trade_meeting",
         "no_figure_at_deadline", "no_data", "unit_abolished", "on_track", "day", "month", "inferred"}


def raw_names() -> set[str]:
    """Every column name of the database (schema); query aliases (s3, s5p, rest, more_than, listed…) are
    caught by their shape: a header people read is never an all-lowercase identifier."""
    from ocop_data.schema import TABLES

    return {c for table in TABLES.values() for c in table.column_names}


RAW_SHAPE = re.compile(r"[a-z][a-z0-9_]*")


def _frames(at: AppTest) -> list[tuple[str, pd.DataFrame]]:
    out = []
    for i, el in enumerate(at.dataframe):
        out.append((f"dataframe[{i}]", el.value))
    for i, el in enumerate(at.table):
        out.append((f"table[{i}]", el.value))
    return out


def problems(at: AppTest, raw: set[str]) -> list[str]:
    found = []
    for where, df in _frames(at):
        for col in df.columns:
            name = str(col)
            if name in raw or RAW_SHAPE.fullmatch(name):
                found.append(f"{where}: raw column name {name!r}")
        for col in df.columns:
            for v in df[col].tolist():
                if v is None or (not isinstance(v, (str, list, tuple, dict)) and pd.isna(v)) or \
                        (isinstance(v, str) and MISSING.match(v.strip())):
                    found.append(f"{where}: column {col!r} shows {v!r}")
                    break
                if isinstance(v, str) and v.strip() in CODES:
                    found.append(f"{where}: column {col!r} shows the code {v!r}")
                    break
    return found


def _run(page: str, lang: str, **params) -> AppTest:
    at = open_page(page, lang, timeout=90, **params)
    return at


def _open_everything(at: AppTest) -> AppTest:
    """Every chart/table toggle to "table" (expanders' content is in the tree whether open or not)."""
    for sc in at.segmented_control:
        if (sc.key or "").startswith("view_") and sc.value != "table":  # ui.frame.chart_block's toggle
            sc.set_value("table")
    at.run()
    return at


def walk(page: str, lang: str, **params) -> list[str]:
    at = _run(page, lang, **params)
    assert not at.exception, [e.message for e in at.exception]
    raw = raw_names()
    found = problems(at, raw)
    at = _open_everything(at)
    assert not at.exception, [e.message for e in at.exception]
    found += problems(at, raw)
    return sorted(set(found))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_tables_are_for_people(page, lang):
    found = walk(page, lang)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page,params", [
    ("pages/products.py", {"province": "14", "product": "FIRST"}),
    ("pages/sources.py", {"find": "4 sao Sơn La 2019", "src": "seed-001"}),
    ("pages/map.py", {"province": "08-2025"}),
    ("pages/stars.py", {"province": "08-2025"}),
    ("pages/targets.py", {"province": "08-2025"}),
])
def test_tables_with_details_open(page, params, lang, cur):
    if params.get("product") == "FIRST":  # a product with a star history
        params = dict(params, product=cur.execute(
            "SELECT product_id FROM evaluation e JOIN product p USING (product_id) WHERE p.territory_key = '14' "
            "ORDER BY product_id LIMIT 1").fetchone()[0])
    found = walk(page, lang, **params)
    assert not found, "\n".join(found)


# --- the helper itself (story/tables.py) -----------------------------------------------------------

def test_for_people_words_formats_and_no_codes():
    from story import tables

    raw = pd.DataFrame({
        "territory_key": ["08", "14"], "as_of": ["2024-07-11", "2023"], "as_of_precision": ["day", "inferred"],
        "total": [1234.0, None], "total_q": ["more_than", None], "s5p": [None, 2.0], "s5p_q": [None, "exact"],
        "confidence": ["H", "L"], "source_id": ["seed-001", "seed-000"], "note": [None, "x"],
        "note_vi": [None, "ghi chú"], "stars": ["5p", None], "status": ["unit_abolished", "on_track"],
    })
    label = {"08": "Tuyên Quang (đến 30/06/2025)", "14": "Sơn La"}.get
    vi = tables.for_people(raw, "vi", territory=label)
    assert list(vi.columns) == ["Địa bàn", "Tính đến", "Tổng số sản phẩm", "Tiềm năng 5 sao", "Độ tin cậy", "Nguồn",
                                "Ghi chú", "Hạng sao", "Tình trạng"]
    assert vi.iloc[0].tolist() == ["Tuyên Quang (đến 30/06/2025)", "11/07/2024", "trên 1.234", "chưa công bố",
                                   "cao", "nguồn không nêu tên", "", "Tiềm năng 5 sao", "Đơn vị không còn tồn tại"]
    assert vi.iloc[1]["Tính đến"] == "2023 (suy ra)" and vi.iloc[1]["Ghi chú"] == "ghi chú"
    assert vi.iloc[1]["Độ tin cậy"].startswith("thấp ⚠")
    en = tables.for_people(raw, "en", ["territory_key", "total", "note"])
    assert en.iloc[0].tolist() == ["08", "more than 1,234", ""]  # no label function: the key's own name
    assert en.iloc[1]["Note"] == "x"


def test_tidy_cleans_a_page_table_and_renders_raw_columns():
    from story import tables

    page = pd.DataFrame({"Tên": ["a", None], "Số": [1234.0, float("nan")], "Ngày": [pd.Timestamp("2024-07-11"), pd.NaT],
                         "Có": [True, None]})
    out = tables.tidy(page, "vi")
    assert out.iloc[0].tolist() == ["a", "1.234", "11/07/2024", "có"]
    assert out.iloc[1].tolist() == ["", "", "", ""]
    raw = pd.DataFrame({"territory_key": ["14"], "territory_vi": ["Sơn La"], "value": [3.0], "qualifier": ["about"],
                        "figure_id": ["f1"]})
    out = tables.tidy(raw, "vi")
    assert list(out.columns) == ["Địa bàn", "Giá trị"] and out.iloc[0].tolist() == ["Sơn La", "khoảng 3"]


def test_target_value_in_words():
    from story import tables

    assert tables.target_text({"comparison": "at_least", "value": 280, "unit_vi": "sản phẩm"}, "vi") == \
        "ít nhất 280 sản phẩm"
    assert tables.target_text({"comparison": "range", "value": 15, "value_high": 20, "unit_en": "products"},
                              "en") == "15–20 products"
    assert tables.target_text({"comparison": "all", "value": None}, "vi") == "tất cả"


def test_dates_without_their_precision_column_still_read_as_dates():
    from story import tables

    df = pd.DataFrame({"latest_as_of": ["2024-07-11", "2023", None], "rest": [None, 150.0, None],
                       "qualifier": [None, "more_than", None]})
    out = tables.for_people(df, "en", ["latest_as_of", "rest"])
    assert out.iloc[:, 0].tolist() == ["11 July 2024", "2023", ""]
    assert out.iloc[:, 1].tolist() == ["", "more than 150", ""]  # a split that was published: no total here


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_province_picker_shows_names_never_keys(lang):
    at = _run("pages/overview.py", lang)
    options = at.selectbox(key="province").options
    assert options[1:] == ["Sơn La", "Tuyên Quang"]
    assert not any(re.search(r"\d{2}-\d{4}|\(\d+\)", o) for o in options)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_data_page_tables_after_login(lang, tmp_path, monkeypatch, built_db):
    """The Data page's tables (history of imports) once an editor has logged in."""
    import shutil

    from ocop_data import accounts
    from ocop_data.importer.apply import apply
    from ocop_data.importer.preview import prepare

    data_dir = tmp_path / "instance"
    data_dir.mkdir()
    db = tmp_path / "ocop.duckdb"
    shutil.copy(built_db, db)
    monkeypatch.setenv("OCOP_DB", str(db))
    monkeypatch.setenv("OCOP_DATA_DIR", str(data_dir))
    accounts.set_password(EDITOR, PASSWORD, data_dir)
    csv_text = "Tên sản phẩm,Tỉnh,Hạng sao,Nguồn\nChè thử bảng,14,4,seed-003\n".encode("utf-8")
    apply(prepare("a.csv", csv_text, data_dir), "bien-tap", data_dir, db)
    at = data_page(lang)
    found = problems(at, raw_names())
    assert at.dataframe, "the history of imports is a table"
    assert not found, "\n".join(found)


def test_an_imports_changed_fields_are_named_in_words():
    """The data page's "rows that change" names each field in words, never by its column in the files."""
    from ocop_data.schema import TABLES
    from story.tables import column_label

    for table in ("product", "evaluation", "subject", "sales_point", "subject_alias"):
        for name in TABLES[table].column_names:
            for lang in ("vi", "en"):
                assert column_label(name, lang) != name, (table, name, lang)
    assert column_label("decided_precision", "vi") == "Ngày/năm quyết định (độ chính xác)"
