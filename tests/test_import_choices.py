"""The level from a list's title rows (issue 16 §4) and possible duplicates decided by a person, on the
command line and on the Data page (§5); each message in both languages."""
from __future__ import annotations

import json

import pytest

from ocop_data import paths
from ocop_data.db import Database
from ocop_data.importer.preview import prepare
from tests.conftest import data_page
from tests.test_import import HEAD, ROW, csv_bytes, row
from tests.test_third_province import _write
from tests.test_writes import cli

LIST_HEAD = ["STT", "Tên sản phẩm", "Tên chủ thể", "Phân hạng", "Năm công nhận", "Nguồn"]
MARK = "(tệp mẫu thử cho kiểm thử)"
# Điện Biên (11) and three of its districts, as the statistics office codes them; the squares are test
# geometry, used only when the shipped geography does not hold the province yet
DIEN_BIEN = (("094", "Thành phố Điện Biên Phủ"), ("100", "Huyện Điện Biên"), ("101", "Huyện Điện Biên Đông"))


@pytest.fixture()
def dien_bien(tmp_path, monkeypatch):
    """A data folder holding the province Điện Biên (a third province, as an editor adds one)."""
    data_dir = tmp_path / "instance"
    rows = data_dir / "imports" / "0001-dien-bien" / "rows"
    _write(rows / "source.csv", "source", [dict(source_id="test-db", title="Tệp mẫu thử Điện Biên", publisher="Test",
                                                published_precision="undated", address="not stated",
                                                gathered_precision="undated", language="vi")])
    _write(rows / "territory.csv", "territory", [dict(territory_key="11", code="11", name_vi="Điện Biên",
                                                      name_en="Điện Biên", level="province",
                                                      valid_from_precision="undated", valid_to_precision="undated",
                                                      source_id="test-db")])
    geo = json.loads(paths.DISTRICTS_GEOJSON.read_text(encoding="utf-8"))
    if not any(f["properties"]["province_code"] == "11" for f in geo["features"]):
        for i, (code, name) in enumerate(DIEN_BIEN):
            lon, lat = 103.0 + 0.2 * i, 21.3
            geo["features"].append({"type": "Feature", "properties": {
                "province_code": "11", "district_code": code, "district": name, "province": "Tỉnh Điện Biên",
                "merged_into_from_2025_07_01": "Tỉnh Điện Biên", "centroid_lat": lat + 0.05, "centroid_lon": lon + 0.05},
                "geometry": {"type": "Polygon", "coordinates": [[[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1],
                                                                 [lon, lat + 0.1], [lon, lat]]]}})
        path = tmp_path / "districts.geojson"
        path.write_text(json.dumps(geo, ensure_ascii=False), encoding="utf-8")
        monkeypatch.setattr(paths, "DISTRICTS_GEOJSON", path)
    return data_dir


def _list(title: list[str], rows: list[list]) -> bytes:
    return csv_bytes([[t] for t in title] + [LIST_HEAD] + rows)


def test_a_district_list_named_like_its_province(dien_bien):
    """"UBND HUYỆN ĐIỆN BIÊN" in province Điện Biên: the district (not the province, not Điện Biên Phủ or
    Điện Biên Đông), and district level for what a district recognises."""
    data = _list(["UBND HUYỆN ĐIỆN BIÊN", "DANH SÁCH SẢN PHẨM OCOP NĂM 2024 " + MARK],
                 [[1, "Gạo séng cù mẫu thử", "HTX mẫu thử Thanh An", "3 sao", 2024, "test-db"],
                  [2, "Miến dong mẫu thử", "HTX mẫu thử Thanh An", "4 sao", 2024, "test-db"]])
    prev = prepare("ds.csv", data, dien_bien)
    assert prev.ok, [i.message("en") for i in prev.issues]
    f = prev.plan.file
    assert (f["province"], f["district"], f["level"]) == ("11", "Điện Biên", "district")
    assert prev.plan.hints["level"]["row"] == 1 and not prev.notes
    assert {p["district_code"] for p in prev.tables["product"]} == {"100"}
    levels = {e["stars"]: (e["level"], e["quote"]) for e in prev.tables["evaluation"]}
    assert levels["3"][0] == "district"
    assert levels["4"][0] == "province" and "does not grant 4 stars" in levels["4"][1]  # a district grants 3★


def test_a_one_line_title_names_the_district_up_to_the_province(dien_bien):
    data = _list(["ỦY BAN NHÂN DÂN HUYỆN ĐIỆN BIÊN TỈNH ĐIỆN BIÊN DANH SÁCH SẢN PHẨM OCOP NĂM 2024 " + MARK],
                 [[1, "Gạo séng cù mẫu thử", "HTX mẫu thử Thanh An", "3 sao", 2024, "test-db"]])
    prev = prepare("ds.csv", data, dien_bien)
    assert prev.ok and prev.plan.issuer["name"] == "dien bien" and prev.plan.issuer["shown"] == "ĐIỆN BIÊN"
    assert (prev.plan.file["province"], prev.plan.file["level"]) == ("11", "district") and not prev.notes


def test_a_title_district_outside_the_chosen_province_is_said(dien_bien):
    data = _list(["UBND HUYỆN ĐIỆN BIÊN " + MARK], [[1, "Gạo séng cù mẫu thử", "HTX mẫu thử", "3 sao", 2024,
                                                     "test-db"]])
    prev = prepare("ds.csv", data, dien_bien, overrides={"province": "14"})
    assert [n.rule for n in prev.notes] == ["title_district_elsewhere"]
    assert prev.plan.file["level"] == "district"
    vi, en = prev.notes[0].message("vi"), prev.notes[0].message("en")
    assert "huyện ĐIỆN BIÊN thuộc tỉnh Điện Biên, không phải tỉnh Sơn La đã chọn" in vi
    assert "district ĐIỆN BIÊN belongs to Điện Biên, not to the chosen province Sơn La" in en


def test_a_title_district_unknown_in_the_province_is_said(live):
    db, data_dir = live
    data = _list(["UBND HUYỆN KHÔNG CÓ " + MARK], [[1, "Gạo mẫu thử", "HTX mẫu thử", "3 sao", 2024, "seed-003"]])
    prev = prepare("ds.csv", data, data_dir, overrides={"province": "14"})
    assert prev.ok and [n.rule for n in prev.notes] == ["title_district_unknown"]
    assert "không có huyện này" in prev.notes[0].message("vi") and "has no such district" in prev.notes[0].message("en")


def test_a_commune_list_asks_for_the_level(live):
    """From 1 July 2025 lists come from communes; the level of the recognising decision is asked, not guessed."""
    db, data_dir = live
    data = _list(["UBND XÃ MỘC CHÂU", "DANH SÁCH SẢN PHẨM OCOP TRÊN ĐỊA BÀN XÃ NĂM 2025 " + MARK],
                 [[1, "Chè mẫu thử", "HTX mẫu thử", "4 sao", 2024, "seed-003"]])
    prev = prepare("xa.csv", data, data_dir, overrides={"province": "14"})
    assert [i.rule for i in prev.issues] == ["commune_level"] and not prev.plan.file["level"]
    vi, en = prev.issues[0].message("vi"), prev.issues[0].message("en")
    assert "danh sách của cấp xã" in vi and "Hãy chọn “Cấp”" in vi
    assert "a commune's list" in en and "Choose the “Level”" in en
    done = prepare("xa.csv", data, data_dir, overrides={"province": "14", "level": "tỉnh"})
    assert done.ok and done.tables["evaluation"][0]["level"] == "province"


def test_the_issues_pair_is_a_possible_duplicate_and_a_line_of_products_is_not():
    from ocop_data.importer.duplicates import NearMatches
    near = NearMatches({"db-gao": {"name": "Gạo séng cù Trường Hương Điện Biên"},
                        "t-a": {"name": "Bộ quà tặng mẫu thử số 1"}}, {}, None)
    assert near.similar("Gạo Séng cù Trường Hương") == [("db-gao", "Gạo séng cù Trường Hương Điện Biên")]
    assert near.similar("Bộ quà tặng mẫu thử số 2") == []  # numbered products of one line are two products


def _dup_file() -> bytes:
    return csv_bytes([HEAD, row(**{"Tên sản phẩm": "Xoài sấy dẽo", "Chủ thể": "HTX Xuân Tiến"}),
                      row(**{"Tên sản phẩm": "Chè mẫu thử mới hẳn"})])


def _evaluations(db, product_id):
    return Database(db).cursor().execute("SELECT stars, decided FROM evaluation WHERE product_id = ? ORDER BY 2",
                                         [product_id]).fetchall()


@pytest.mark.slow
def test_possible_duplicates_on_the_command_line(live, tmp_path):
    db, data_dir = live
    f = tmp_path / "ds.csv"
    f.write_bytes(_dup_file())
    before = _evaluations(db, "sl-xoai-say-deo-xuan-tien")
    done = cli("import", f, "--user", "bien-tap", "--yes")  # --yes alone never adds a possible duplicate
    assert done.returncode == 0, done.stderr
    assert "ds:2 “Xoài sấy dẽo” ~ “Xoài sấy dẻo” (sl-xoai-say-deo-xuan-tien)" in done.stdout
    assert "--same ds:2=sl-xoai-say-deo-xuan-tien" in done.stdout and "chưa quyết định, bỏ qua" in done.stdout
    names = [r[0] for r in Database(db).cursor().execute("SELECT name FROM product").fetchall()]
    assert "Chè mẫu thử mới hẳn" in names and "Xoài sấy dẽo" not in names
    done = cli("import", f, "--user", "bien-tap", "--yes", "--same", "ds:2=sl-xoai-say-deo-xuan-tien")
    assert done.returncode == 0, done.stderr
    assert _evaluations(db, "sl-xoai-say-deo-xuan-tien") == sorted(before + [("4", "2024-05-12")])
    bad = cli("import", f, "--user", "bien-tap", "--yes", "--different", "ds")
    assert bad.returncode == 1 and "không đúng dạng TRANG:DÒNG" in bad.stderr and "is not SHEET:ROW" in bad.stderr
    wrong = cli("import", f, "--user", "bien-tap", "--yes", "--same", "ds:2=no-such-product")
    assert wrong.returncode == 1 and "Không có sản phẩm mã “no-such-product”" in wrong.stderr
    assert "There is no product with id “no-such-product”" in wrong.stderr


def test_a_row_said_to_be_another_product_is_added(live):
    db, data_dir = live
    from ocop_data.importer.duplicates import Decisions
    prev = prepare("ds.csv", _dup_file(), data_dir, decisions=Decisions(different={("ds", 2)}))
    assert prev.ok and {p["name"] for p in prev.tables["product"]} == {"Xoài sấy dẽo", "Chè mẫu thử mới hẳn"}
    assert [p.decision for p in prev.possibly_same] == ["different"] and not prev.notes
    other = prepare("ds.csv", _dup_file(), data_dir, decisions=Decisions(different={("ds", 3)}))
    assert [i.rule for i in other.issues] == []  # row 3 is new and near nothing: "another product" holds
    recorded = prepare("ds.csv", csv_bytes([HEAD, ROW]), data_dir, decisions=Decisions(different={("ds", 5)}))
    assert [i.rule for i in recorded.issues] == ["decision_no_row"]
    assert "Tệp không có dòng sản phẩm ds:5" in recorded.issues[0].message("vi")
    assert "The file has no product row ds:5" in recorded.issues[0].message("en")


@pytest.mark.slow
def test_possible_duplicates_are_decided_on_the_data_page(live):
    db, data_dir = live
    at = data_page()
    at.file_uploader[0].set_value(("ds.csv", _dup_file(), "text/csv"))
    at.run()
    assert not at.exception
    radio = next(r for r in at.radio if "“Xoài sấy dẽo”" in r.label and "“Xoài sấy dẻo”" in r.label)
    assert radio.value == "" and radio.label.startswith("ds\\:2")  # the row as the preview shows it
    assert any("dòng này chưa được nhập" in w.value for w in at.warning)
    radio.set_value("same")
    next(b for b in at.button if b.label == "Ghi nhận lựa chọn").click().run()
    assert not at.exception and not at.error
    radio = next(r for r in at.radio if "Xoài sấy dẽo" in r.label)
    assert radio.value == "same" and not any("dòng này chưa được nhập" in w.value for w in at.warning)
    before = _evaluations(db, "sl-xoai-say-deo-xuan-tien")
    next(b for b in at.button if b.label == "Áp dụng").click().run()
    assert not at.exception
    assert _evaluations(db, "sl-xoai-say-deo-xuan-tien") == sorted(before + [("4", "2024-05-12")])
