"""Every province by name or code (ocop_data/provinces.py) and the reference list it reads."""
from __future__ import annotations

import csv
from collections import Counter

import pytest

from ocop_data import paths, provinces
from ocop_data.schema import TABLES
from ocop_data.validate import _convert


def _csv(name):
    with open(paths.GEO_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_63_old_and_34_new_provinces_each_old_in_exactly_one_new():
    rows = _csv("provinces.csv")
    old = [r for r in rows if r["period"] == "before_2025"]
    new = [r for r in rows if r["period"] == "from_2025"]
    assert len(old) == 63 and len({r["code"] for r in old}) == 63
    assert len(new) == 34 and len({r["code"] for r in new}) == 34
    # the new provinces' predecessors (a province not merged is its own) cover every old one exactly once
    formed = Counter(k for r in new for k in (r["predecessor_keys"].split(";") if r["predecessor_keys"]
                                              else [r["territory_key"]]))
    assert sorted(formed) == sorted(r["territory_key"] for r in old)
    assert set(formed.values()) == {1}
    # and every old province names the one it became (part of), which lists it back
    new_by_key = {r["territory_key"]: r for r in new}
    for r in old:
        succ = new_by_key[r["successor_key"]]
        assert r["territory_key"] in (succ["predecessor_keys"].split(";") if succ["predecessor_keys"]
                                      else [succ["territory_key"]])
    # 11 not merged (the same territory key), 23 formed from 52: 'code-2025' keys
    assert sum(1 for r in new if not r["predecessor_keys"]) == 11
    assert sum(len(r["predecessor_keys"].split(";")) for r in new if r["predecessor_keys"]) == 52
    assert all(r["territory_key"] == r["code"] + "-2025" for r in new if r["predecessor_keys"])


def test_the_commune_codes_agree_with_the_mergers():
    """Independent of the mergers' list: a new commune keeps an old commune's code (letter 1027/CTK-CSCL), so
    the old provinces of a new province's commune codes are its predecessors."""
    old_province = {c["commune_code"]: c["province_code"] for c in _csv("communes_pre2025.csv")}
    seen: dict = {}
    for c in _csv("communes_2025.csv"):
        if c["commune_code"] in old_province:
            seen.setdefault(c["province_code"], set()).add(old_province[c["commune_code"]])
    for p in provinces.reference().values():
        if p.current:
            assert seen[p.code] == set(p.predecessors or (p.code,)), p.name


def test_the_shipped_territories_agree_with_the_reference():
    with open(paths.SHIPPED_DIR / "territory.csv", encoding="utf-8", newline="") as fh:
        shipped = {r["territory_key"]: r for r in csv.DictReader(fh) if r["level"] == "province"}
    for key, t in shipped.items():
        p = provinces.get(key)
        assert p is not None, key
        assert (t["code"], t["name_vi"], t["valid_from"], t["valid_to"]) == (p.code, p.name, p.valid_from, p.valid_to)
        assert set(filter(None, t["predecessors"].split(";"))) == set(p.predecessors)
        assert t["successor"] == p.successor


@pytest.mark.parametrize("text, key", [
    ("Điện Biên", "11"), ("Dien Bien", "11"), ("dien  bien", "11"), ("tỉnh Điện Biên", "11"),
    ("UBND TỈNH ĐIỆN BIÊN", "11"), ("Ủy ban nhân dân tỉnh Điện Biên", "11"), ("11", "11"), ("Mã tỉnh 11", "11"),
    ("Sở Nông nghiệp và Phát triển nông thôn tỉnh Điện Biên", "11"),
    ("14", "14"), ("Son La", "14"), ("08-2025", "08-2025"), ("Hà Giang", "02"), ("Yen Bai", "15"),
    ("Thành phố Hồ Chí Minh", "79-2025"), ("TP Hồ Chí Minh", "79-2025"), ("Ba Ria Vung Tau", "77"),
    ("Bà Rịa - Vũng Tàu", "77"), ("Thanh Hoá", "38"), ("Thanh Hóa", "38"),
])
def test_a_province_is_recognised_by_name_or_code(text, key):
    assert provinces.recognise(text).key == key


def test_a_name_shared_before_and_after_the_merger_is_the_one_valid_then():
    assert provinces.recognise("Tuyên Quang").key == "08-2025"  # today's
    assert provinces.recognise("Tuyên Quang", "2024-07-11").key == "08"
    assert provinces.recognise("tuyen quang", "2023").key == "08"
    assert provinces.recognise("Lào Cai", "2025-08-01").key == "15-2025"
    assert provinces.recognise("Lào Cai", "2024").key == "10"  # the old Lào Cai had code 10


@pytest.mark.parametrize("text", ["Điện Biên Phủ", "huyện Điện Biên", "Sơn La Tuyên Quang", "", "  ", "99"])
def test_not_a_province(text):
    assert provinces.recognise(text) is None


@pytest.mark.parametrize("title, key", [
    ("UBND TỈNH ĐIỆN BIÊN", "11"),
    ("DANH SÁCH SẢN PHẨM OCOP TỈNH ĐIỆN BIÊN NĂM 2024", "11"),
    ("UBND HUYỆN ĐIỆN BIÊN, TỈNH ĐIỆN BIÊN", "11"),
    ("Hội đồng đánh giá, phân hạng sản phẩm OCOP thành phố Hà Nội", "01"),
    ("UBND TP. HỒ CHÍ MINH", "79-2025"),
])
def test_the_province_a_title_row_names(title, key):
    assert provinces.in_title(title).key == key


@pytest.mark.parametrize("title", ["UBND HUYỆN ĐIỆN BIÊN", "UBND THÀNH PHỐ SƠN LA", "Quyết định số 12/QĐ-UBND",
                                   "HỘI ĐỒNG CẤP TỈNH NĂM 2024", "Điện Biên"])
def test_a_title_that_names_no_province(title):
    assert provinces.in_title(title) is None


def test_an_unknown_name_gives_the_three_closest_real_ones():
    assert provinces.closest("Dien Bin")[0] == "Điện Biên"
    assert len(provinces.closest("Dien Bin")) == 3
    assert provinces.closest("tỉnh Lai Chu")[0] == "Lai Châu"
    assert "Quảng Ninh" in provinces.closest("Quang Ninhh")


def _valid(rows):
    problems = []
    for i, r in enumerate(rows, start=2):
        _convert(TABLES["territory"], i, r, "territory.csv", problems)
    assert set(rows[0]) == set(TABLES["territory"].column_names)
    return problems


def test_a_province_not_merged_is_one_territory():
    rows = provinces.territory_rows("11")
    assert [r["territory_key"] for r in rows] == ["11"]
    assert rows[0]["name_vi"] == "Điện Biên" and not rows[0]["valid_to"] and not rows[0]["predecessors"]
    assert _valid(rows) == []


def test_a_merged_province_comes_with_its_predecessors():
    rows = provinces.territory_rows("15-2025")
    assert [r["territory_key"] for r in rows] == ["15-2025", "15", "10"]
    assert rows[0]["predecessors"] == "15;10" and rows[0]["valid_from"] == "2025-07-01"
    assert [(r["name_vi"], r["valid_to"], r["successor"]) for r in rows[1:]] == [
        ("Yên Bái", "2025-06-30", "15-2025"), ("Lào Cai", "2025-06-30", "15-2025")]
    assert _valid(rows) == []
    # an old province brings the province it became part of, and that province's other predecessors
    assert [r["territory_key"] for r in provinces.territory_rows("10")] == ["15-2025", "15", "10"]
