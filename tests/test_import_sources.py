"""Issue 17 §1: sources as data entry. The "Nguồn" sheet and the upload step's form give the same source:
the date as the page states it (empty = "không nêu", a guess refused), the date gathered (today by
default), the citation line a reporter would paste; an address already recorded is recognised, not added
twice; ``--source`` and a row's Nguồn accept an id, an address or a title."""
from __future__ import annotations

import datetime as dt

import pytest

from ocop_data.importer.apply import apply
from ocop_data.importer.preview import prepare
from ocop_data.importer.sources_sheet import address_key
from story.cite import cite
from tests import province_fixture as pf
from tests.test_import import HEAD, csv_bytes, row
from tests.test_writes import cli

HEADS = ["Địa chỉ", "Tiêu đề", "Đơn vị đăng", "Ngày đăng", "Ngày lấy", "Ghi chú"]


def one_source(**cells) -> bytes:
    values = {"Địa chỉ": "https://bao.example.vn/bai-moi", "Tiêu đề": "Bài mới (mẫu thử)", "Đơn vị đăng": "Báo mẫu"}
    values.update(cells)
    return pf.xlsx({"Nguồn": [HEADS, [values.get(h, "") for h in HEADS]]})


@pytest.mark.parametrize("cell,stored,shown", [
    ("15/03/2025", ("2025-03-15", "day"), "15/03/2025"),
    ("03/2025", ("2025-03", "month"), "03/2025"),
    ("2025", ("2025", "year"), "2025"),
    ("", ("", "undated"), "không nêu: ngày đăng"),
])
def test_the_date_as_the_page_states_it_and_its_citation(live, cell, stored, shown):
    db, data_dir = live
    prev = prepare("n.xlsx", one_source(**{"Ngày đăng": cell}), data_dir)
    assert prev.ok, [i.message("en") for i in prev.issues]
    [src] = prev.tables["source"]
    assert (src["published"], src["published_precision"]) == stored
    assert (src["gathered"], src["gathered_precision"]) == (dt.date.today().isoformat(), "day")  # Ngày lấy: today
    assert src["title"] == "Bài mới (mẫu thử)" and src["publisher"] == "Báo mẫu" and src["language"] == "vi"
    line = cite(src, "vi")
    assert line.startswith("Báo mẫu") and "“Bài mới (mẫu thử)”" in line and shown in line
    assert "https://bao.example.vn/bai-moi" in line
    apply(prev, "bien-tap", data_dir, db)
    out = cli("import", _write(data_dir.parent / "again.xlsx", one_source(**{"Ngày đăng": cell})), "--user",
              "bien-tap", "--yes")
    assert out.returncode == 0 and "Nothing to import" in out.stdout  # recorded: not added twice


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("guess", ["khoảng 2023", "đầu năm 2024", "2023?", "~03/2024", "cuối 2022", "around 2023",
                                   "có lẽ 12/2023"])
def test_a_guessed_date_is_refused(live, guess):
    db, data_dir = live
    prev = prepare("n.xlsx", one_source(**{"Ngày đăng": guess}), data_dir)
    [issue] = prev.issues
    assert (issue.sheet, issue.row, issue.column, issue.rule) == ("Nguồn", 2, "Ngày đăng", "guessed_date")
    assert "để trống nếu trang không nêu" in issue.message("vi") and "leave it empty" in issue.message("en")


@pytest.mark.parametrize("cells,rule,column", [
    ({"Địa chỉ": "", "Tiêu đề": ""}, "source_needs_address_or_title", "Địa chỉ"),
    ({"Địa chỉ": "bao.example.vn/khong-co-giao-thuc"}, "bad_address", "Địa chỉ"),
    ({"Ngày đăng": "31/02/2025"}, "bad_stated_date", "Ngày đăng"),
    ({"Ngày đăng": "12/05/2099"}, "future_date", "Ngày đăng"),
    ({"Ngày lấy": "hôm qua"}, "bad_date", "Ngày lấy"),
])
def test_each_refusal_names_sheet_row_column_and_what_to_do(live, cells, rule, column):
    db, data_dir = live
    prev = prepare("n.xlsx", one_source(**cells), data_dir)
    issue = next(i for i in prev.issues if i.rule == rule)
    assert (issue.sheet, issue.row, issue.column) == ("Nguồn", 2, column)
    assert issue.message("vi") != issue.message("en") and issue.where("en").startswith("Sheet Nguồn, row 2")
    with pytest.raises(ValueError):
        apply(prev, "bien-tap", data_dir, db)


@pytest.mark.parametrize("written", ["https://lite.baomoi.com/x", "http://lite.baomoi.com/x/", "https://www.lite.baomoi.com/x#top"])
def test_address_key_is_the_page_not_its_spelling(written):
    assert address_key(written) == address_key("https://lite.baomoi.com/x")
    assert address_key("https://lite.baomoi.com/y") != address_key(written)


def test_a_recorded_address_is_recognised_not_added_twice(live):
    db, data_dir = live
    from ocop_data.importer.known import Known
    known = Known(data_dir)
    sid, rec = next((k, v) for k, v in known.rows["source"].items() if v["address"].startswith("http"))
    recorded = rec["address"].replace("https://", "http://").rstrip("/") + "/"
    prev = prepare("n.xlsx", one_source(**{"Địa chỉ": recorded, "Tiêu đề": "Một tiêu đề khác"}), data_dir)
    assert prev.ok and not prev.tables["source"]
    assert ("source", sid) in {(t, i) for t, i, _ in prev.unchanged}


def test_the_form_adds_a_source_like_the_sheet(live):
    """A source typed in the upload step's form (kept in the mapping) is read by the same rules."""
    db, data_dir = live
    data = csv_bytes([HEAD, row(**{"Nguồn": pf.SOURCE_B["address"]})])
    refused = prepare("a.csv", data, data_dir)
    assert [i.rule for i in refused.issues] == ["unknown_source"]  # not recorded yet
    mapping = refused.plan.to_json() | {"sources": [dict(pf.SOURCE_B)]}
    prev = prepare("a.csv", data, data_dir, mapping=mapping)
    assert prev.ok, [i.message("en") for i in prev.issues]
    [src] = prev.tables["source"]
    assert src["published_precision"] == "undated" and src["note_vi"] == "Trang không nêu ngày đăng"
    assert prev.tables["evaluation"][0]["source_id"] == src["source_id"]
    guess = prepare("a.csv", data, data_dir, mapping=mapping | {"sources": [dict(pf.SOURCE_B, published="khoảng 2025")]})
    [issue] = guess.issues
    assert (issue.sheet, issue.row, issue.column, issue.rule) == ("Thêm nguồn", 1, "Ngày đăng", "guessed_date")


@pytest.mark.parametrize("given", ["id", "address", "title"])
def test_whole_file_source_by_id_address_or_title(live, given):
    db, data_dir = live
    from ocop_data.importer.known import Known
    known = Known(data_dir)
    sid, rec = next((k, v) for k, v in known.rows["source"].items()
                    if v["address"].startswith("http") and v["title"] != "not stated"
                    and sum(fold_eq(v["title"], w["title"]) for w in known.rows["source"].values()) == 1)
    value = {"id": sid, "address": rec["address"], "title": rec["title"]}[given]
    expected = sid
    data = csv_bytes([[h for h in HEAD if h != "Nguồn"], [c for h, c in zip(HEAD, row()) if h != "Nguồn"]])
    prev = prepare("a.csv", data, data_dir, overrides={"source": value})
    assert prev.ok, [i.message("en") for i in prev.issues]
    assert prev.tables["evaluation"][0]["source_id"] == expected
    row_cited = prepare("b.csv", csv_bytes([HEAD, row(**{"Nguồn": value})]), data_dir)
    assert row_cited.ok and row_cited.tables["evaluation"][0]["source_id"] == expected


def fold_eq(a, b) -> bool:
    from ocop_data.text import fold
    return fold(a) == fold(b)


def test_the_command_line_source_by_address(live, tmp_path):
    db, data_dir = live
    path = _write(tmp_path / "ds.csv", csv_bytes([[h for h in HEAD if h != "Nguồn"],
                                                  [c for h, c in zip(HEAD, row()) if h != "Nguồn"]]))
    from ocop_data.importer.known import Known
    rec = Known(data_dir).rows["source"]["langngheviet-30074"]
    done = cli("import", path, "--user", "bien-tap", "--yes", "--source", rec["address"])
    assert done.returncode == 0, done.stderr
    unknown = cli("import", path, "--user", "bien-tap", "--yes", "--source", "https://khong-co.example/x")
    assert unknown.returncode == 1 and "https://khong-co.example/x" in unknown.stderr


def test_the_command_line_shows_each_new_source_with_its_citation(live, tmp_path):
    db, data_dir = live
    done = cli("import", _write(tmp_path / "nguon.csv", pf.sources_csv()), "--user", "bien-tap", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Nguồn mới / new source" in done.stdout
    assert "Báo Điện Biên (mẫu thử), “Điện Biên thêm sản phẩm OCOP (mẫu thử)”" in done.stdout
    assert "(không nêu: ngày đăng)" in done.stdout
