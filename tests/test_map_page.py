"""The map reads without hovering (issue 10 §5): fitted to the data, names drawn with a character set that
covers Vietnamese, Sơn La's 10 points at the province level, counts in circles sized by count, a legend
for phones, the coordinates table in an expander with people's column names, no basemap from the internet."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from story import maps
from tests.conftest import open_page


def run(lang: str, **params) -> AppTest:
    at = open_page("pages/map.py", lang, **params)
    assert not at.exception, [e.message for e in at.exception]
    return at


def deck(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def layers(at: AppTest) -> dict:
    return {layer["id"]: layer for layer in deck(at)["layers"]}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_names_are_drawn_with_a_vietnamese_character_set(lang):
    at = run(lang)
    ls = layers(at)
    texts = [layer for layer in ls.values() if layer["@@type"] == "TextLayer"]
    assert {"province_names", "province_notes", "district_names"} <= set(ls)
    # deck.gl's default atlas is ASCII; "auto" builds it from the data. "@@=auto" would be an accessor.
    assert all(layer["characterSet"] == "auto" for layer in texts)
    names = {d["text"] for d in ls["province_names"]["data"]}
    assert {"Sơn La", "Tuyên Quang", "Hà Giang"} <= names
    districts = {d["text"] for d in ls["district_names"]["data"]}
    assert {"Mộc Châu", "Thuận Châu", "Quỳnh Nhai", "TP Sơn La"} <= districts  # the four localities named


def test_son_la_ten_points_at_the_province_level_and_four_localities_marked():
    at = run("vi", province="14")
    ls = layers(at)
    notes = [d["text"] for d in ls["province_notes"]["data"]]
    assert "10 điểm" in notes
    assert "4 nơi ○ có điểm, chưa công bố số lượng" in notes
    rings = ls["localities"]["data"]
    assert len(rings) == 4 and all(r["count"] is None and r["label"] == "" for r in rings)
    legend = " ".join(h.proto.body for h in at.get("html"))
    assert "chưa công bố số lượng" in legend and "Chạm" in legend and "di chuột" in legend
    at = run("en", province="14")
    notes = [d["text"] for d in layers(at)["province_notes"]["data"]]
    assert "10 points" in notes


def test_counts_inside_circles_sized_by_count():
    at = run("en", province="08-2025")
    ls = layers(at)
    circles = ls["counted_points"]["data"]
    assert ls["counted_points"]["radiusUnits"] == "pixels"
    by_count = sorted((c["count"], c["radius"]) for c in circles if c["count"] is not None)
    assert [r for _, r in by_count] == sorted(r for _, r in by_count)  # more points, bigger circle
    assert by_count[-1][1] > by_count[0][1]
    labels = {(d["lon"], d["lat"]): d["label"] for d in ls["count_labels"]["data"]}
    assert all(labels[(c["lon"], c["lat"])] == str(int(c["count"])) for c in circles if c["count"] is not None)
    notes = [d["text"] for d in ls["province_notes"]["data"]]
    assert "more than 20 points" in notes and "(until 30 June 2025)" in notes


@pytest.mark.parametrize("params", [{}, {"province": "14"}, {"province": "08-2025"}])
def test_the_view_is_fitted_to_the_data(params):
    at = run("vi", **params)
    d = deck(at)
    view = d["initialViewState"]
    width, height = maps.DESKTOP
    points = [(f["lon"], f["lat"]) for f in layers(at)["district_names"]["data"]]
    for feature in layers(at)["districts"]["data"]["features"]:
        points += list(maps._coords(feature["geometry"]))
    xs, ys = zip(*(maps.project(view, lon, lat, width, height) for lon, lat in points))
    assert min(xs) >= 0 and max(xs) <= width and min(ys) >= 0 and max(ys) <= height
    # the data fills the frame: at least 60% of its width or of its height
    assert (max(xs) - min(xs)) / width > 0.6 or (max(ys) - min(ys)) / height > 0.6
    # no basemap from the internet: Streamlit's own sentinel, so it loads no Carto style
    assert d.get("mapStyle") == "__MAP_STYLE__" and "mapProvider" not in d


def test_coordinates_table_in_an_expander_with_peoples_columns():
    at = run("vi", province="08-2025")
    assert [e.label for e in at.expander] == ["Bảng tọa độ và nguồn của từng điểm"]
    df = at.expander[0].get("arrow_data_frame")[0].value if at.expander[0].get("arrow_data_frame") else \
        at.dataframe[0].value
    assert {"Vĩ độ", "Kinh độ", "Nơi", "Số điểm", "Nguồn"} <= set(df.columns)
    assert "không có tọa độ" in set(df["Vĩ độ"])  # the total and the ward without a centre
    assert not any(c in df.columns for c in ("lat", "lon", "source_id", "territory_key"))


def test_fit_view_keeps_the_box_inside_the_padding():
    box = maps.Box(103.2, 20.6, 105.6, 23.4)
    view = maps.fit_view(box, 560, 560, (60, 20, 80, 20))
    x0, y0 = maps.project(view, box.west, box.north, 560, 560)
    x1, y1 = maps.project(view, box.east, box.south, 560, 560)
    assert x0 >= 19.5 and x1 <= 540.5 and y0 >= 59.5 and y1 <= 480.5
    assert abs((y0 - 60) - (480 - y1)) < 1 or abs((x0 - 20) - (540 - x1)) < 1  # centred in the free room
