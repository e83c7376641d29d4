"""The geography of every province (ocop_data/geography.py over ocop_data/geo/)."""
from __future__ import annotations

import pytest

from ocop_data import paths, provinces
from ocop_data.geography import district_in_address, load_geo


@pytest.fixture(scope="module")
def geo():
    return load_geo()


def test_which_provinces_have_boundaries(geo):
    """62 of the 63 provinces before 01/07/2025 have district boundaries; Quảng Ninh has none (its polygon file
    is missing from every copy of the source): the map says so."""
    with_boundaries = {d["province_code"] for d in geo["districts"] if d["geometry"]}
    old = {p.code for p in provinces.reference().values() if not p.valid_from}
    assert old - with_boundaries == {"22"}
    assert geo["no_boundaries"] == ["22"]
    assert {"14", "08", "02", "11"} <= with_boundaries
    # so every province from 01/07/2025 but Quảng Ninh is drawn from its predecessors' outlines
    new = [p for p in provinces.reference().values() if p.current]
    drawn = [p.name for p in new if all(c in with_boundaries for c in (p.predecessors or (p.code,)))]
    assert len(drawn) == 33 and "Quảng Ninh" not in drawn


def test_every_listed_district_and_every_polygon_is_kept(geo):
    """No district and no polygon is dropped: a listed district without a polygon has no boundary; a 2019
    polygon with no district of its name in the 2025 list keeps its 2019 name."""
    listed = [d for d in geo["districts"] if d["listed"]]
    assert len(listed) == 696
    assert len([d for d in geo["districts"] if d["geometry"]]) == 692
    no_boundary = sorted(d["name"] for d in listed if d["boundary"] is None)
    assert len(no_boundary) == 15 and "Quận Phú Xuân" in no_boundary and "Thị xã Chũ" in no_boundary
    old_2019 = {d["district_code"]: d["name_2019"] for d in geo["districts"] if d["boundary"] == "2019"}
    assert old_2019["474"] == "Thành phố Huế" and old_2019["221"] == "Huyện Yên Dũng" and len(old_2019) == 14
    # a district with no boundary of its own has no centroid (nothing is placed there)
    assert all(d["centroid_lat"] is None for d in listed if d["boundary"] != "own")
    # a change of unit type only is the same place: Mộc Châu became a town (thị xã) in 2025
    moc_chau = next(d for d in geo["districts"] if d["district_code"] == "123")
    assert (moc_chau["name"], moc_chau["short_name"], moc_chau["boundary"]) == ("Thị xã Mộc Châu", "Mộc Châu", "own")


def test_dien_bien_has_its_districts(geo):
    dien_bien = sorted(d["short_name"] for d in geo["districts"] if d["province_code"] == "11")
    assert len(dien_bien) == 10 and "Điện Biên" in dien_bien and "Điện Biên Phủ" in dien_bien


def test_the_geography_stays_small():
    assert sum(f.stat().st_size for f in paths.GEO_DIR.iterdir()) < 10 * 1024 * 1024


@pytest.mark.parametrize("address, district", [
    ("Đội 5, xã Thanh Xương, huyện Điện Biên, tỉnh Điện Biên", "Điện Biên"),
    ("Tổ 3, phường Mường Thanh, thành phố Điện Biên Phủ, tỉnh Điện Biên", "Điện Biên Phủ"),
    ("TP. Điện Biên Phủ - Điện Biên", "Điện Biên Phủ"),
    ("xã Nà Tấu, Huyện Dien Bien, Dien Bien", "Điện Biên"),
    ("Thị trấn Tuần Giáo, H. Tuần Giáo", None),  # 'H.' is not read as huyện: nothing guessed
    ("xã Mường Phăng, tỉnh Điện Biên", None),  # a commune and the province only
    ("", None),
])
def test_a_district_is_read_from_an_address(geo, address, district):
    districts = [d for d in geo["districts"] if d["province_code"] == "11"]
    found = district_in_address(address, districts)
    assert (found["short_name"] if found else None) == district


def test_an_address_names_a_district_of_its_province_only(geo):
    son_la = [d for d in geo["districts"] if d["province_code"] == "14"]
    found = district_in_address("Bản Phiêng Hin, xã Chiềng Sơn, huyện Mộc Châu, tỉnh Sơn La", son_la)
    assert found["district_code"] == "123"
    assert district_in_address("xã Thanh Xương, huyện Điện Biên, tỉnh Điện Biên", son_la) is None
