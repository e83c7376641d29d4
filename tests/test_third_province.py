"""Nothing hard-codes the two provinces: a third province's data files make it appear."""
from __future__ import annotations

import csv
import json

from streamlit.testing.v1 import AppTest

from ocop_data.build import build
from ocop_data.schema import TABLES
from tests.conftest import ROOT


def _write(path, table, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=TABLES[table].column_names)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in TABLES[table].column_names})


def _lai_chau(data_dir, *others: dict):
    """An accepted import of Lai Châu (its source and territory row, and ``others``): its rows folder."""
    rows = data_dir / "imports" / "0001-lai-chau" / "rows"
    _write(rows / "source.csv", "source", [dict(source_id="test-lc", title="Test source", publisher="Test",
                                                published_precision="undated", address="not stated",
                                                gathered_precision="undated", language="vi")])
    _write(rows / "territory.csv", "territory", [dict(territory_key="12", code="12", name_vi="Lai Châu",
                                                      name_en="Lai Châu", level="province",
                                                      valid_from_precision="undated", valid_to_precision="undated",
                                                      source_id="test-lc"), *others])
    return rows


def test_a_third_province_appears(tmp_path, monkeypatch):
    data_dir = tmp_path / "instance"
    # a territory row with no data is not a province to choose
    rows = _lai_chau(data_dir, dict(territory_key="20", code="20", name_vi="Lạng Sơn", name_en="Lạng Sơn",
                                    level="province", valid_from_precision="undated", valid_to_precision="undated",
                                    source_id="test-lc"))
    _write(rows / "figure.csv", "figure", [dict(figure_id="lc-2024", territory_key="12", as_of="2024",
                                                as_of_precision="year", metric="products_total", value="77",
                                                kind="reported", qualifier="exact", confidence="H",
                                                source_id="test-lc", quote_status="imported",
                                                quote="lai-chau.csv, Sheet1, row 2: 77")])
    db = tmp_path / "three.duckdb"
    build(db, data_dir=data_dir)
    monkeypatch.setenv("OCOP_DB", str(db))
    monkeypatch.setenv("OCOP_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["province"] = "12"
    at.run()
    assert not at.exception
    assert "Lai Châu" in at.selectbox(key="province").options  # by name, never by key (issue 10 §10)
    assert "Lạng Sơn" not in at.selectbox(key="province").options  # pickers list territories with data
    assert at.selectbox(key="province").value == "12"
    assert 'class="c-n">77<' in " ".join(el.proto.body for el in at.get("html"))  # the province's row
    assert "Lai Châu" in at.caption[0].value or any("Lai Châu" in c.value for c in at.caption)
    at.switch_page("pages/stars.py")
    at.run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any(77 in (tr.get("y") or []) for tr in spec["data"])
    # its own map: its districts' outlines and names, and in words on the map that it has no sales point
    at.switch_page("pages/map.py")
    at.run()
    assert not at.exception
    layers = {x["id"]: x for x in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]}
    assert {d["text"] for d in layers["province_names"]["data"]} == {"Lai Châu"}
    assert len(layers["districts"]["data"]["features"]) == 8
    assert "Tam Đường" in {d["text"] for d in layers["district_names"]["data"]}
    assert [d["text"] for d in layers["map_notes"]["data"]] == ["Lai Châu: chưa có điểm bán nào đặt được trên bản đồ"]


def test_a_province_with_products_but_no_figures_says_not_published(tmp_path, monkeypatch):
    """Its overview says its total is not published, in words: never an empty chart (an x axis of -1..6)."""
    data_dir = tmp_path / "instance"
    rows = _lai_chau(data_dir)
    _write(rows / "product.csv", "product", [dict(product_id="lc-tra", name="Chè Tam Đường", name_lang="vi",
                                                  territory_key="12", source_id="test-lc")])
    db = tmp_path / "three.duckdb"
    build(db, data_dir=data_dir)
    monkeypatch.setenv("OCOP_DB", str(db))
    monkeypatch.setenv("OCOP_DATA_DIR", str(data_dir))
    for lang, words in (("vi", "chưa công bố"), ("en", "not published")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["province"] = "12"
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception
        assert at.selectbox(key="province").value == "12"
        for chart in at.get("plotly_chart"):  # no chart of totals that has none to draw
            spec = json.loads(chart.proto.spec)
            assert (spec["layout"].get("meta") or {}).get("chart") != "totals"
        text = " ".join([el.proto.body for el in at.get("html")] + [m.value for m in at.markdown]
                        + [m.value for m in at.subheader] + [i.value for i in at.info])
        assert "Lai Châu" in text and words in text.lower(), text[:600]
