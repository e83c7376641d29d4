"""The map draws any province (issue 16 §3): its districts' 2019 outlines, what it cannot draw said on it."""
from __future__ import annotations

import json

from queries import core
from story import maps


def _deck(cur, codes, provinces=(), lang="vi"):
    points = core.sales_points(cur, ["no-such-territory"])  # the columns, no rows
    shapes = core.district_shapes(cur, codes)
    deck, mapped, _ = maps.build_deck(points, shapes, {}, False, lang, lambda k: k, provinces=provinces)
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}, shapes, mapped


def test_a_province_with_no_point_is_drawn_and_says_so(cur):
    layers, shapes, mapped = _deck(cur, ["11"], [("Điện Biên", ("11",))])
    assert len(layers["districts"]["data"]["features"]) == 10
    assert {d["text"] for d in layers["province_names"]["data"]} == {"Điện Biên"}
    assert "TP Điện Biên Phủ" in {d["text"] for d in layers["district_names"]["data"]}
    assert [d["text"] for d in layers["map_notes"]["data"]] == ["Điện Biên: chưa có điểm bán nào đặt được trên bản đồ"]
    assert maps.map_notes(shapes, mapped, [("Điện Biên", ("11",))], "en") == [
        "Điện Biên: no sales point can be placed on the map"]


def test_a_province_without_boundaries_says_so_on_the_map(cur):
    layers, shapes, _ = _deck(cur, ["22"])
    assert len(shapes) == 13 and shapes.geometry.isna().all()
    assert "districts" not in layers or not layers["districts"]["data"]["features"]
    assert [d["text"] for d in layers["map_notes"]["data"]] == ["Quảng Ninh: chưa có ranh giới"]


def test_districts_without_a_boundary_are_named_and_2019_outlines_marked(cur):
    layers, _, _ = _deck(cur, ["24", "46"])
    notes = " ".join(d["text"] for d in layers["map_notes"]["data"])
    # Chũ (Bắc Giang) and Phú Xuân (Huế) are listed with no polygon; Thuận Hóa's code had the whole of 2019 Huế
    assert notes.startswith("Không có ranh giới:")
    assert set(notes.split(": ", 1)[1].split(", ")) == {"Chũ", "Phú Xuân", "Thuận Hóa"}
    titles = {f["properties"]["tt_title"]: f["properties"]["tt_body"] for f in layers["districts"]["data"]["features"]}
    assert "Huyện Yên Dũng (2019)" in titles and "Thành phố Huế (2019)" in titles
    assert "Ranh giới và tên năm 2019" in titles["Huyện Yên Dũng (2019)"]
    assert "Huyện Lạng Giang" in titles  # a district with its own boundary keeps its name
    drawn = {d["text"] for d in layers["district_names"]["data"]}
    assert not drawn & {"Chũ", "Phú Xuân", "Thuận Hóa"}  # nothing drawn where it has no outline


def test_a_merged_province_is_drawn_as_its_predecessors(cur):
    layers, shapes, _ = _deck(cur, ["15", "10"], [("Lào Cai", ("15-2025", "15", "10"))])
    assert set(shapes.province_code) == {"15", "10"} and shapes.geometry.notna().all()
    assert {d["text"] for d in layers["province_names"]["data"]} == {"Yên Bái", "Lào Cai"}
    assert len(layers["districts"]["data"]["features"]) == len(shapes)
