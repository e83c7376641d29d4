"""With national data (34 provinces) the star-tier and targets pages list each province by its finding, in
a closed expander whose charts are built and sent only when it is opened; with three provinces or fewer
every block is drawn (tests/test_pages.py)."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def national_db(tmp_path_factory):
    from ocop_data.synthetic import build_synthetic

    db = tmp_path_factory.mktemp("national") / "national.duckdb"
    build_synthetic(db, scale=0.02)
    return db


@pytest.mark.parametrize("page", ["pages/stars.py", "pages/targets.py"])
def test_national_pages_list_each_province_by_its_finding(national_db, tmp_path, monkeypatch, page):
    monkeypatch.setenv("OCOP_DB", str(national_db))
    monkeypatch.setenv("OCOP_DATA_DIR", str(tmp_path / "nodata"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    assert any("34" in c.value and ("tỉnh" in c.value) for c in at.caption), [c.value for c in at.caption][:5]
    labels = [e.label for e in at.expander]
    assert len([x for x in labels if ":" in x]) >= 34, labels[:5]  # "<province>: <finding>"
    assert not at.get("plotly_chart")  # every province closed: no chart built or sent
    # the sidebar names the provinces by a count, not a paragraph of 34 names
    assert not any("S01" in c.value for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]
