"""What officials really send: the official-style fixtures end to end (command line and Data page), the
mapping step, whole-file values, the template's sheets together, and every input named in issue 12."""
from __future__ import annotations

import io
import os
import sys
import time
import unicodedata
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from ocop_data import accounts, templates, writes
from ocop_data.importer import preview
from ocop_data.importer.apply import apply
from ocop_data.importer.preview import prepare
from ocop_data.messages import ImportRefused
from ocop_data.db import Database
from ocop_data.schema import TABLES
from queries import core
from story.cite import source_labels
from tests.conftest import ROOT
from tests.test_import import HEAD, ROW, csv_bytes, row, xlsx_bytes
from tests.test_writes import cli

FIXTURES = ROOT / "tests" / "fixtures" / "imports"
# fixture -> (command-line options, new products it adds, (product, stars, decided) it records,
#             preview entries already recorded: products and evaluations)
CASES = {
    "huyen_moc_chau_2023.xlsx": (["--source", "langngheviet-30074"],
                                 ["sữa chua nếp cẩm (mẫu thử)", "mận hậu sấy dẻo (mẫu thử)"],
                                 [("sữa chua nếp cẩm (mẫu thử)", "3", "2023"), ("mận hậu sấy dẻo (mẫu thử)", "3", "2023")],
                                 10),
    "phu_luc_qd_321_tuyen_quang_2024.xlsx": (["--source", "santmdt-18896"], ["chè xanh Mỹ Bằng (mẫu thử)"],
                                             [("chè xanh Mỹ Bằng (mẫu thử)", "4", "2024-08-06")], 8),
    "danh_gia_lai_son_la_2022.xlsx": ([], [], [("Cá tép dầu khô", "4", "2022"), ("mận sấy gừng", "3", "2022"),
                                              ("trà vỏ cà phê", "4", "2022")], 5),
    "thuan_chau_2024_nfd_bom.csv": (["--province", "14", "--source", "baosonla-thuanchau-2024"],
                                    ["gà đen hun khói (mẫu thử)"], [("gà đen hun khói (mẫu thử)", "3", "2024")], 14),
    "tuyen_quang_2020_utf16_tab.txt": (["--province", "08", "--source", "baotuyenquang-612"],
                                       ["mật ong hoa rừng Na Hang (mẫu thử)"],
                                       [("mật ong hoa rừng Na Hang (mẫu thử)", "3", "2020-10")], 8),
}


def query(db, sql, params=()):
    d = Database(db)
    try:
        return d.cursor().execute(sql, list(params)).fetchall()
    finally:
        d.close()


def test_the_fixtures_are_the_committed_ones(tmp_path):
    """The committed files are what make_fixtures.py writes (the script is the fixtures' source)."""
    sys.path.insert(0, str(FIXTURES))
    from make_fixtures import write_all
    sys.path.remove(str(FIXTURES))
    for path in write_all(tmp_path):
        assert path.exists()
        if path.suffix != ".xlsx":  # XLSX bytes carry zip timestamps; CSV/TXT must match byte for byte
            assert path.read_bytes() == (FIXTURES / path.name).read_bytes(), path.name


def test_the_shapes_officials_send(live):
    """Each fixture is read as it is: the title rows, STT, the headers, the encodings, the separators."""
    db, data_dir = live
    raw = (FIXTURES / "thuan_chau_2024_nfd_bom.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not unicodedata.is_normalized("NFC", raw[3:].decode())
    assert (FIXTURES / "tuyen_quang_2020_utf16_tab.txt").read_bytes()[:2] == b"\xff\xfe"
    prev = prepare("huyen_moc_chau_2023.xlsx", (FIXTURES / "huyen_moc_chau_2023.xlsx").read_bytes(),
                            data_dir)
    sheet = prev.plan.sheets[0]
    assert sheet.use == "products" and sheet.header_number == 5  # three title rows and a blank one above
    assert [(c.header, c.field) for c in sheet.columns] == [
        ("STT", "seq"), ("Tên sản phẩm", "name"), ("Tên chủ thể", "subject"), ("Phân hạng", "stars"),
        ("Năm công nhận", "decided")]
    assert prev.plan.file["province"] == "14" and prev.plan.hints["province"]["row"] == 1  # "HUYỆN MỘC CHÂU"
    assert [i.rule for i in prev.issues] == ["missing_column"]  # the source: chosen once for the file
    assert "Nguồn" in prev.issues[0].message("vi")
    annex = prepare("a.xlsx", (FIXTURES / "phu_luc_qd_321_tuyen_quang_2024.xlsx").read_bytes(), data_dir)
    assert {k: annex.plan.file[k] for k in ("decision_no", "decided", "level", "province")} == {
        "decision_no": "321/QĐ-UBND", "decided": "06/08/2024", "level": "province", "province": "08"}
    assert [c.field for c in annex.plan.sheets[0].columns] == ["seq", "name", "subject", "address", "stars", "note"]
    tab = prepare("t.txt", (FIXTURES / "tuyen_quang_2020_utf16_tab.txt").read_bytes(), data_dir,
                           overrides={"source": "baotuyenquang-612"})
    assert tab.ok and len(tab.plan.sheets[0].columns) == 7 and tab.plan.file["province"] == "08"


@pytest.mark.slow
def test_fixtures_end_to_end_through_the_command_line(live):
    db, data_dir = live
    env = dict(os.environ)
    for name, (options, new, ratings, repeated) in CASES.items():
        done = cli("import", FIXTURES / name, "--user", "bien-tap", "--yes", *options, env=env)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert f"unchanged {repeated}" in done.stdout, done.stdout
        for product, stars, decided in ratings:
            got = query(db, "SELECT e.stars, e.decided, e.source_id, e.quote, e.quote_status, s.name "
                            "FROM evaluation e JOIN product p USING (product_id) LEFT JOIN subject s USING (subject_id) "
                            "WHERE p.name = ? AND e.decided = ?", [product, decided])
            assert len(got) == 1, (name, product)
            got_stars, _, source, quote, status, producer = got[0]
            assert got_stars == stars and status == "imported" and producer
            assert quote.startswith(f"{name}, ") and "row " in quote and f"{product}" in quote
            expected_source = options[options.index("--source") + 1] if "--source" in options else \
                "mau-thu-danh-gia-lai-2022"
            assert source == expected_source
        # the same file again: every row is already there, nothing is applied, no version is recorded
        versions = len(writes.history(data_dir))
        again = cli("import", FIXTURES / name, "--user", "bien-tap", "--yes", *options, env=env)
        assert again.returncode == 0 and "Nothing to import" in again.stdout, again.stderr
        assert len(writes.history(data_dir)) == versions
    # a changed rating is a new evaluation: the history of the product grows
    hist = query(db, "SELECT e.stars, e.decided, e.kind FROM evaluation e JOIN product p USING (product_id) "
                     "WHERE p.name = 'mận sấy gừng' ORDER BY e.decided")
    assert hist == [("4", "2019", "new"), ("3", "2022", "re-evaluation")]
    assert query(db, "SELECT count(*) FROM evaluation WHERE quote_status = 'imported' AND quote IS NULL")[0][0] == 0
    assert query(db, "SELECT count(*) FROM source WHERE source_id = 'mau-thu-danh-gia-lai-2022'")[0][0] == 1


@pytest.mark.slow
def test_fixtures_appear_on_the_dashboard_with_their_sources(live):
    """After the imports, every new product, its producer and its rating are on the Products page with
    the source they came from."""
    db, data_dir = live
    for name, (options, *_rest) in CASES.items():
        assert cli("import", FIXTURES / name, "--user", "bien-tap", "--yes", *options).returncode == 0
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["q"] = "mau thu"
    at.run()
    at.switch_page("pages/products.py")
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    names = set(table["Sản phẩm"])
    d = Database(db)
    try:
        labels = source_labels(core.sources(d.cursor()), "vi")
    finally:
        d.close()
    expected = {p for _, new, _, _ in CASES.values() for p in new}
    assert expected <= names, expected - names
    for _, (options, new, ratings, _) in CASES.items():
        for product, stars, decided in ratings:
            if product not in new:
                continue
            line = table[table["Sản phẩm"] == product].iloc[0]
            assert line["Hạng sao"] == f"{stars} sao"
            source_id = options[options.index("--source") + 1]
            # the source by its short name, as every table for people names it (never its id)
            assert line["Nguồn"] == labels[source_id]
            assert line["Chủ thể"] and line["Chủ thể"] != "chưa công bố"
    caption = " ".join(c.value for c in at.caption)
    # the caption's one link opens the Sources page on the sources of what is shown, the imports' among them
    linked = caption.split("/sources?source=", 1)[1].split(")", 1)[0].split(",")
    used = {o[o.index("--source") + 1] for o, *_ in CASES.values() if "--source" in o}
    assert used <= set(linked), (used, linked)


def test_a_saved_mapping_is_reused_on_the_command_line(live, tmp_path):
    """The mapping downloaded from the page (Plan.to_json) imports the next file of the same shape."""
    db, data_dir = live
    data = (FIXTURES / "huyen_moc_chau_2023.xlsx").read_bytes()
    prev = prepare("huyen_moc_chau_2023.xlsx", data, data_dir, overrides={"source": "langngheviet-30074"})
    saved = prev.plan.to_json()
    assert saved["file"] == {"source": "langngheviet-30074"}  # the title's values are not frozen into it
    import json
    (tmp_path / "cach_ghep.json").write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    done = cli("import", FIXTURES / "huyen_moc_chau_2023.xlsx", "--user", "bien-tap", "--yes", "--mapping",
               tmp_path / "cach_ghep.json")
    assert done.returncode == 0, done.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    done = cli("import", FIXTURES / "huyen_moc_chau_2023.xlsx", "--user", "bien-tap", "--mapping", bad)
    assert done.returncode == 1 and "cannot be read" in done.stderr and "Traceback" not in done.stderr


def test_a_mapping_by_hand_and_ignored_columns(live):
    db, data_dir = live
    data = csv_bytes([["Cột A", "Sản phẩm", "Mã vạch", "Sao"], ["1", "Chè tay", "893000", "4"]])
    prev = prepare("x.csv", data, data_dir, overrides={"province": "14", "source": "seed-003"})
    sheet = prev.plan.sheets[0]
    assert [c.field for c in sheet.columns] == ["", "name", "", ""]  # "Sao" alone is not recognised
    assert [c.header for c in sheet.ignored] == ["Cột A", "Mã vạch", "Sao"]
    assert [i.rule for i in prev.issues] == ["missing_column"]
    mapping = prev.plan.to_json()
    mapping["sheets"]["x"]["columns"][3]["field"] = "stars"
    prev = prepare("x.csv", data, data_dir, mapping=mapping, overrides={"province": "14",
                                                                                 "source": "seed-003"})
    assert prev.ok and [p["name"] for p in prev.tables["product"]] == ["Chè tay"]
    assert [c.header for c in prev.plan.sheets[0].ignored] == ["Cột A", "Mã vạch"]
    assert "Mã vạch=893000" in prev.tables["evaluation"][0]["quote"]  # the ignored cells stay in the quote


def test_the_template_imports_all_its_sheets_in_dependency_order(live):
    """A new source on "Nguồn", a new producer on "Chủ thể", products on "Sản phẩm" citing both."""
    from openpyxl import load_workbook

    db, data_dir = live
    wb = load_workbook(io.BytesIO(templates.xlsx(data_dir)))
    src = wb["Nguồn"]  # the Vietnamese sheet: a source by what its page states (its id is made)
    values = {"Tiêu đề": "Danh sách mẫu thử", "Địa chỉ": "https://nguon.example/danh-sach"}
    src.append([values.get(h.value, "") for h in src[1]])
    subj = wb["Chủ thể"]  # a table's own columns: the source by its address
    values = {"subject_id": "mau-thu-htx-moi", "name": "HTX Mẫu Thử Mới", "name_lang": "vi", "subject_type": "htx",
              "territory_key": "14", "source_id": "https://nguon.example/danh-sach"}
    subj.append([values.get(h.value, "") for h in subj[1]])
    ws = wb["Sản phẩm"]
    headers = [c.value for c in ws[1]]
    for name, stars in (("Chè mẫu thử một", "4 sao"), ("Mật ong mẫu thử hai", "3 sao")):
        values = {"Tên sản phẩm": name, "Chủ thể": "HTX Mẫu Thử Mới", "Tỉnh": "14", "Huyện (trước 2025)": "Mộc Châu",
                  "Hạng sao": stars, "Ngày quyết định": "15/03/2025", "Nguồn": "Danh sách mẫu thử"}
        ws.append([values.get(h, "") for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    prev = prepare("mau.xlsx", buf.getvalue(), data_dir)
    assert prev.ok, [i.message("en") for i in prev.issues]
    uses = {s.name: s.use for s in prev.plan.sheets}
    assert uses["Sản phẩm"] == "products" and uses["Nguồn"] == "sources" and uses["Chủ thể"] == "subject"
    assert uses["Số liệu"] == "figures" and uses["Mục tiêu"] == "targets"  # empty: nothing to add
    assert uses["Hướng dẫn"] == "ignore" and uses["Danh sách"] == "ignore"  # the guide's example is not data
    apply(prev, "bien-tap", data_dir, db)
    sid = query(db, "SELECT source_id FROM source WHERE address = 'https://nguon.example/danh-sach'")[0][0]
    got = query(db, "SELECT p.name, s.subject_id, e.source_id FROM product p JOIN subject s USING (subject_id) "
                    "JOIN evaluation e USING (product_id) WHERE p.origin <> 'shipped' ORDER BY p.name")
    assert got == [("Chè mẫu thử một", "mau-thu-htx-moi", sid), ("Mật ong mẫu thử hai", "mau-thu-htx-moi", sid)]


# --- every input named in "Why", with its result ------------------------------------------------------

def test_a_recorded_rating_is_unchanged_not_an_error(live):
    db, data_dir = live
    data = csv_bytes([["Tên sản phẩm", "Chủ thể", "Tỉnh", "Hạng sao", "Năm", "Nguồn"],
                      ["Xoài sấy dẻo", "HTX nông nghiệp Xuân Tiến", "14", "3 sao", "2019", "seed-002"],
                      ["Xoài sấy dẻo", "HTX nông nghiệp Xuân Tiến", "14", "4 sao", "2023", "seed-004"]])
    prev = prepare("a.csv", data, data_dir)
    assert prev.ok, [i.message("en") for i in prev.issues]
    assert ("evaluation", "ev-sl-xoai-say-deo-xuan-tien-2019") in {(t, i) for t, i, _ in prev.unchanged}
    assert [t for t, _, _ in prev.added] == ["evaluation"]  # the 2023 rating: a new evaluation
    apply(prev, "bien-tap", data_dir, db)
    assert query(db, "SELECT stars, decided FROM evaluation WHERE product_id = 'sl-xoai-say-deo-xuan-tien' "
                     "ORDER BY decided") == [("3", "2019"), ("4", "2023")]


def test_the_same_row_twice_names_its_row_in_the_file(live):
    db, data_dir = live
    prev = prepare("a.csv", csv_bytes([HEAD, ROW, ROW]), data_dir)
    issue = next(i for i in prev.issues if i.rule == "duplicate_product")
    assert issue.row == 3 and "dòng 2 của tệp" in issue.message("vi") and "row 2 of the file" in issue.message("en")


def utf16_without_bom() -> bytes:
    return "\n".join("\t".join(r) for r in [HEAD, ROW]).encode("utf-16-le")


@pytest.mark.parametrize("case,name,data,expected", [
    ("utf16_no_bom_tab", "a.txt", utf16_without_bom(), "ok"),
    ("utf16_bom_tab", "a.txt", "\n".join("\t".join(r) for r in [HEAD, ROW]).encode("utf-16"), "ok"),
    ("tab_utf8_commas_in_cells", "a.tsv", "\n".join("\t".join(r) for r in [HEAD, row(**{
        "Tên sản phẩm": "Chè, mật ong"})]).encode(), "ok"),
    ("nfd_bom", "a.csv", b"\xef\xbb\xbf" + unicodedata.normalize("NFD", "\n".join(",".join(r) for r in
                                                                                  [HEAD, ROW])).encode(), "ok"),
    ("year_2099", "a.csv", csv_bytes([HEAD, row(**{"Ngày quyết định": "12/05/2099"})]), "future_date"),
    ("year_only_2099", "a.csv", csv_bytes([HEAD, row(**{"Ngày quyết định": "2099"})]), "future_date"),
    ("nul_character", "a.csv", csv_bytes([HEAD, row(**{"Tên sản phẩm": "Chè\x00xanh"})]), "control_char"),
    ("control_character", "a.csv", csv_bytes([HEAD, row(**{"Chủ thể": "HTX\x07 Chè"})]), "control_char"),
    ("direction_override", "a.csv", csv_bytes([HEAD, row(**{"Tên sản phẩm": "Chè \u202eanhx"})]), "control_char"),
    ("duplicated_headers", "a.csv", csv_bytes([HEAD + ["Tên sản phẩm"], ROW + ["Khác"]]), "duplicate_meaning"),
    ("two_star_columns", "a.csv", csv_bytes([HEAD + ["Phân hạng"], ROW + ["3 sao"]]), "duplicate_meaning"),
    ("name_100000_chars", "a.csv", csv_bytes([HEAD, row(**{"Tên sản phẩm": "Chè " * 25_000})]), "too_long"),
    ("unterminated_quote", "a.csv", ",".join(HEAD).encode() + b'\n"Mi\xe1\xba\xbfn dong,HTX,14\n', "bad_csv"),
    ("too_many_columns", "a.csv", csv_bytes([[f"c{i}" for i in range(300)], ["x"] * 300]), "too_many_columns"),
])
def test_inputs_named_in_the_issue(live, case, name, data, expected):
    db, data_dir = live
    before = writes.last_version(data_dir)
    try:
        prev = prepare(name, data, data_dir)
    except ImportRefused as exc:
        assert exc.rule == expected, exc.both()
        assert exc.issue.message("vi") and exc.issue.message("en")
        return
    if expected == "ok":
        assert prev.ok, [(i.where("en"), i.message("en")) for i in prev.issues]
        apply(prev, "bien-tap", data_dir, db)
        got = query(db, "SELECT p.name, e.stars FROM product p JOIN evaluation e USING (product_id) "
                        "WHERE p.origin <> 'shipped'")
        assert len(got) == 1 and unicodedata.is_normalized("NFC", got[0][0])
        return
    rules = [i.rule for i in prev.issues]
    assert expected in rules, [i.message("en") for i in prev.issues]
    issue = next(i for i in prev.issues if i.rule == expected)
    assert issue.message("vi") and issue.message("en") and issue.where("en")
    assert writes.last_version(data_dir) == before


def test_a_planned_date_passes_when_the_file_says_so(live):
    db, data_dir = live
    data = csv_bytes([HEAD, row(**{"Ngày quyết định": "12/05/2099"})])
    assert not prepare("a.csv", data, data_dir).ok
    assert prepare("a.csv", data, data_dir, overrides={"planned": True}).ok


def test_dates_up_to_a_week_ahead_pass(live):
    import datetime as dt
    db, data_dir = live
    soon = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    assert prepare("a.csv", csv_bytes([HEAD, row(**{"Ngày quyết định": soon})]), data_dir).ok


def _zip_bomb(unpacked: int) -> bytes:
    """A workbook-shaped archive whose one sheet unpacks to ``unpacked`` bytes (written in chunks)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = b"<row><c><v>1</v></c></row>" * 40_000
            written = 0
            while written < unpacked:
                fh.write(chunk)
                written += len(chunk)
    return buf.getvalue()


@pytest.mark.slow
def test_a_zip_bomb_is_refused_in_under_two_seconds(live):
    db, data_dir = live
    bomb = _zip_bomb(1_900_000_000)  # 1.9 GB unpacked, as in the issue
    assert len(bomb) < 20 * 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(ImportRefused) as exc:
        prepare("bom.xlsx", bomb, data_dir)
    assert time.perf_counter() - start < 2
    assert exc.value.rule == "archive_too_large"
    assert "refused before being read" in exc.value.issue.message("en")
    small_ratio_bomb = _zip_bomb(60_000_000)  # under the size limit, but packed 100s of times over
    start = time.perf_counter()
    with pytest.raises(ImportRefused) as exc:
        prepare("bom.xlsx", small_ratio_bomb, data_dir)
    assert exc.value.rule == "archive_too_large" and time.perf_counter() - start < 2


def test_a_forged_sheet_dimension_does_not_pad_rows(live):
    """A sheet claiming A1:XFD1048576 is read by its cells, not by its claim."""
    from openpyxl import load_workbook

    db, data_dir = live
    data = xlsx_bytes({"Sản phẩm": [HEAD, ROW]})
    wb = load_workbook(io.BytesIO(data))
    buf = io.BytesIO()
    wb.save(buf)
    raw = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = content.replace(b'<dimension ref="A1:H2"/>', b'<dimension ref="A1:XFD1048576"/>')
            dst.writestr(item, content)
    start = time.perf_counter()
    prev = prepare("a.xlsx", raw.getvalue(), data_dir)
    assert time.perf_counter() - start < 5 and prev.ok


def test_the_preview_is_linear_in_the_rows(live):
    """10,000 rows (mostly new products of many producers) take a few seconds, not minutes; the
    benchmark (bench/run.py) measures 100,000."""
    db, data_dir = live
    rows = [HEAD] + [row(**{"Tên sản phẩm": f"Sản phẩm số {i}", "Chủ thể": f"HTX số {i % 700}"})
                     for i in range(10_000)]
    start = time.perf_counter()
    prev = prepare("big.csv", csv_bytes(rows), data_dir)
    took = time.perf_counter() - start
    assert prev.ok and len(prev.tables["product"]) == 10_000
    assert took < 30, took


# --- the Data page ----------------------------------------------------------------------------------

def _logged_in(data_dir):
    accounts.reset_delays()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    at.text_input[0].set_value("bien-tap")
    at.text_input[1].set_value("a long passphrase")
    at.button[0].click().run()
    assert not at.exception and [tab.label for tab in at.tabs][0] == "Nhập dữ liệu"
    return at


@pytest.mark.slow
def test_the_data_page_maps_previews_and_applies_a_district_list(live):
    db, data_dir = live
    at = _logged_in(data_dir)
    fx = FIXTURES / "huyen_moc_chau_2023.xlsx"
    at.file_uploader[0].set_value((fx.name, fx.read_bytes(), "application/vnd.ms-excel"))
    at.run()
    assert not at.exception
    # the mapping step is shown although every column was recognised
    labels = {s.label: s.value for s in at.selectbox}
    assert labels["Tên sản phẩm"] == "name" and labels["Phân hạng"] == "stars" and labels["STT"] == "seq"
    assert labels["Tỉnh"] == "14"  # read from the title row "ỦY BAN NHÂN DÂN HUYỆN MỘC CHÂU"
    assert any("Đọc từ dòng tiêu đề 1" in c.value for c in at.caption)
    assert any("Nguồn" in str(df.value) for df in at.dataframe) or at.error  # the source is missing
    apply_button = next(b for b in at.button if b.label == "Áp dụng")
    assert apply_button.disabled
    next(s for s in at.selectbox if s.label == "Nguồn").set_value("langngheviet-30074")
    next(b for b in at.button if "Kiểm tra lại" in b.label).click().run()
    assert not at.exception and not at.error
    assert any("thêm 4 dòng" in s.value and "10 dòng đã có" in s.value for s in at.success)
    assert any("Bỏ qua" in c.value or "Không bỏ qua" in c.value for c in at.caption)
    tables = [df.value for df in at.dataframe]
    products = next(t for t in tables if "Chủ thể" in t.columns and "Huyện (trước 2025)" in t.columns)
    assert set(products["Sản phẩm"]) == {"sữa chua nếp cẩm (mẫu thử)", "mận hậu sấy dẻo (mẫu thử)"}
    assert "langngheviet-30074" in products["Nguồn"].iloc[0] and "imp-" not in products.to_string()
    assert "None" not in products.to_string()
    ratings = next(t for t in tables if "Hạng sao" in t.columns and "Cấp" in t.columns)
    assert set(ratings["Sản phẩm"]) == set(products["Sản phẩm"]) and set(ratings["Hạng sao"]) == {"3 sao"}
    next(b for b in at.button if b.label == "Áp dụng").click().run()
    assert not at.exception
    assert any("Đã áp dụng: phiên bản 1" in s.value for s in at.success)
    assert writes.last_version(data_dir) == 1
    history = at.tabs[1]
    assert history.dataframe[0].value.iloc[0]["Thao tác"] == "Nhập tệp"
    assert "huyen_moc_chau_2023.xlsx" in history.dataframe[0].value.iloc[0]["Nội dung"]


@pytest.mark.slow
def test_the_data_page_restores_and_retires_with_messages(live):
    db, data_dir = live
    at = _logged_in(data_dir)
    data = csv_bytes([HEAD, row(**{"Tên sản phẩm": "Sản phẩm trang dữ liệu"})])
    apply(prepare("a.csv", data, data_dir), "bien-tap", data_dir, db)
    at.run()
    retire = at.tabs[3]
    retire.selectbox(key="retire_table").set_value("product").run()
    box = at.selectbox(key="retire_id_product")
    label = next(o for o in box.options if "Sản phẩm trang dữ liệu" in o)  # labels, not raw ids
    assert "imp-" not in label
    box.select_index(box.options.index(label)).run()
    at.button(key="retire").click().run()
    assert any("Đã ngừng sử dụng" in s.value for s in at.success)
    at.selectbox(key="restore_to").set_value(0).run()
    at.button(key="restore").click().run()
    assert any("Đã khôi phục về phiên bản 0" in s.value for s in at.success)
    at.run()
    at.selectbox(key="restore_to").set_value(3).run()  # back to "restore to 0" again: nothing to do
    at.button(key="restore").click().run()
    assert any("nothing to restore" in e.value or "không có gì để khôi phục" in e.value for e in at.error)
    hist = at.tabs[1].dataframe[0].value
    assert list(hist["Thao tác"]) == ["Nhập tệp", "Ngừng sử dụng", "Khôi phục"]
    assert "None" not in hist.to_string() and "T" not in "".join(hist["Thời điểm"])


def test_a_template_row_repeating_a_recorded_one_names_it_not_a_line(live):
    """In the template's table form a repeat under a new id is unchanged; a differing one names the
    recorded row by what it is (never "Same as line 23" of a file the user cannot see)."""
    db, data_dir = live
    cols = TABLES["evaluation"].column_names
    row_ = {"evaluation_id": "moi", "product_id": "sl-toi-den", "stars": "3", "decided": "2019",
            "decided_precision": "year", "level": "province", "kind": "new", "source_id": "seed-002"}
    prev = prepare("e.csv", csv_bytes([cols, [row_.get(c, "") for c in cols]]), data_dir)
    assert prev.ok and [t for t, _, _ in prev.unchanged] == ["evaluation"] and not prev.has_changes
    row_["level"] = "district"
    prev = prepare("e.csv", csv_bytes([cols, [row_.get(c, "") for c in cols]]), data_dir)
    assert [i.rule for i in prev.issues] == ["conflict"]
    text = prev.issues[0].message("vi")
    assert "tỏi đen · 3★ · 2019" in text and "dòng" not in text.split("(")[0]


@pytest.mark.slow
def test_the_preview_is_computed_once_per_upload(live, monkeypatch):
    db, data_dir = live
    calls = []
    real = preview.prepare
    monkeypatch.setattr(preview, "prepare", lambda *a, **k: calls.append(1) or real(*a, **k))
    at = _logged_in(data_dir)
    fx = FIXTURES / "thuan_chau_2024_nfd_bom.csv"
    at.file_uploader[0].set_value((fx.name, fx.read_bytes(), "text/csv"))
    at.run()
    at.run()  # any later click reruns the page: the preview is reused
    at.selectbox(key="retire_table").set_value("subject").run()
    assert not at.exception and len(calls) == 1
    next(s for s in at.selectbox if s.label == "Nguồn").set_value("baosonla-thuanchau-2024")
    next(b for b in at.button if "Kiểm tra lại" in b.label).click().run()
    assert len(calls) == 2  # a new mapping: checked again, once
    at.run()
    assert len(calls) == 2 and any("thêm 2 dòng" in s.value for s in at.success)
