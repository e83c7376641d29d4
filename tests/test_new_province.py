"""A province the shipped data does not hold, by name (issue 16 §2 and its "Done when", the command line):
an official-shaped list whose title row names it is asked about, added with --yes, and then shown on the
overview, the products page and the map by name with its districts."""
from __future__ import annotations

import json
import os

from ocop_data.importer.preview import prepare
from ocop_data.importer.apply import apply
from tests.conftest import ROOT, open_page, plain
from tests.test_import import csv_bytes
from tests.test_writes import cli

LIST = ROOT / "tests" / "fixtures" / "imports" / "dien_bien_2024.xlsx"
HEAD = ["Tên sản phẩm", "Chủ thể", "Tỉnh", "Địa chỉ", "Hạng sao", "Ngày quyết định", "Nguồn"]


def test_a_province_not_in_the_data_is_asked_about_once_and_nothing_is_added(live):
    _, data_dir = live
    prev = prepare(LIST.name, LIST.read_bytes(), data_dir)
    assert prev.plan.hints["province"]["value"] == "11"  # 'UBND TỈNH ĐIỆN BIÊN', title row 2
    assert prev.new_provinces == ["11"]
    assert [i.rule for i in prev.issues] == ["province_not_in_data"]
    assert prev.issues[0].message("vi").startswith("Tỉnh Điện Biên (mã 11) chưa có trong dữ liệu.")
    assert "--yes" in prev.issues[0].message("en")
    assert not prev.has_changes


def test_a_province_column_with_or_without_diacritics_and_a_name_that_is_no_province(live):
    _, data_dir = live
    rows = [HEAD, ["Gạo (mẫu thử)", "HTX A (mẫu thử)", "Dien Bien", "huyện Điện Biên", "3 sao", "2024", "seed-002"],
            ["Chè (mẫu thử)", "HTX B (mẫu thử)", "tỉnh Điện Biên", "", "3 sao", "2024", "seed-002"],
            ["Mận (mẫu thử)", "HTX C (mẫu thử)", "Dien Bin", "", "3 sao", "2024", "seed-002"]]
    prev = prepare("a.csv", csv_bytes(rows), data_dir)
    assert [(i.row, i.rule) for i in prev.issues] == [(2, "province_not_in_data"), (4, "unknown_province")]
    assert "Tên gần nhất: Điện Biên, " in prev.issues[1].message("vi")  # the three closest real names
    assert len(prev.issues[1].params["closest"].split(", ")) == 3
    # confirmed: both spellings are the same province, and the address names the district
    prev = prepare("a.csv", csv_bytes(rows[:3]), data_dir, overrides={"add_province": "11"})
    assert prev.ok, [i.message("en") for i in prev.issues]
    assert [r["territory_key"] for r in prev.tables["territory"]] == ["11"]
    assert [(p["territory_key"], p.get("district_code") or "") for p in prev.tables["product"]] == [
        ("11", "100"), ("11", "")]


def test_a_merged_province_comes_with_its_merger(live):
    db, data_dir = live
    rows = [HEAD, ["Mật ong (mẫu thử)", "HTX D (mẫu thử)", "Yên Bái", "huyện Văn Chấn", "3 sao", "2024", "seed-002"]]
    prev = prepare("b.csv", csv_bytes(rows), data_dir)
    assert prev.new_provinces == ["15"] and "Yên Bái + Lào Cai → Lào Cai" in prev.issues[0].message("vi")
    prev = prepare("b.csv", csv_bytes(rows), data_dir, overrides={"add_province": "15"})
    assert prev.ok, [i.message("en") for i in prev.issues]
    # today's Lào Cai (15-2025) with the old Yên Bái (15) and old Lào Cai (10); a 2024 list is Yên Bái's
    assert [r["territory_key"] for r in prev.tables["territory"]] == ["15-2025", "15", "10"]
    assert prev.tables["product"][0]["territory_key"] == "15" and prev.tables["product"][0]["district_code"] == "140"
    apply(prev, "bien-tap", data_dir, db)
    at = open_page(None, "vi", province="15-2025")
    assert "Lào Cai" in at.selectbox(key="province").options  # by its name, never '15-2025'


def test_a_merged_province_knows_every_predecessors_districts_while_it_is_added(live):
    """Today's Lào Cai, confirmed in the same upload: a district of the old Lào Cai (10) is found as well as one of
    Yên Bái (15), whose code today's province took (a new user's list was refused on 'Bát Xát' and 'Sa Pa')."""
    _, data_dir = live
    head = HEAD[:4] + ["Huyện (trước 2025)"] + HEAD[4:]
    rows = [head, ["Gạo (mẫu thử)", "HTX E (mẫu thử)", "Lào Cai", "", "Bát Xát", "3 sao", "15/10/2025", "seed-002"],
            ["Chè (mẫu thử)", "HTX F (mẫu thử)", "Lào Cai", "", "Sa Pa", "3 sao", "15/10/2025", "seed-002"],
            ["Quế (mẫu thử)", "HTX G (mẫu thử)", "Lào Cai", "", "Văn Yên", "3 sao", "15/10/2025", "seed-002"]]
    prev = prepare("c.csv", csv_bytes(rows), data_dir, overrides={"add_province": "15-2025"})
    assert prev.ok, [i.message("en") for i in prev.issues]
    assert all(p["territory_key"] == "15-2025" and p.get("district_code") for p in prev.tables["product"])


def test_no_certificate_due_within_a_year_says_the_earliest_expiry(live):
    """Day-precise decisions of last month: none due within 12 months, and the page says when the first one
    expires (a new user read 'no decision date precise enough' beside products decided on 15/10/2025)."""
    import datetime as dt

    db, data_dir = live
    decided = dt.date.today() - dt.timedelta(days=30)
    head = HEAD[:4] + ["Huyện (trước 2025)"] + HEAD[4:]
    rows = [head, ["Gạo (mẫu thử)", "HTX E (mẫu thử)", "Lào Cai", "", "Bát Xát", "3 sao", decided.strftime("%d/%m/%Y"),
                   "seed-002"]]
    apply(prepare("d.csv", csv_bytes(rows), data_dir, overrides={"add_province": "15-2025"}), "bien-tap", data_dir, db)
    at = open_page("pages/products.py", "vi", province="15-2025")
    assert not at.exception
    expires = decided.replace(year=decided.year + 3) if (decided.month, decided.day) != (2, 29) else \
        decided.replace(year=decided.year + 3, day=28)
    said = " ".join(plain(i.value) for i in at.info)  # as read (the name is escaped markdown)
    assert f"Không có chứng nhận nào hết hạn trong 12 tháng tới; sớm nhất: {expires:%d/%m/%Y} (Gạo (mẫu thử))" in said


def test_the_command_line_adds_a_province_only_with_yes_and_the_dashboard_shows_it(live):
    env = dict(os.environ)
    no = cli("import", LIST, "--user", "bien-tap", env=env, input_="")
    assert no.returncode == 1 and "chưa có trong dữ liệu" in no.stderr and "--yes" in no.stderr
    yes = cli("import", LIST, "--user", "bien-tap", "--yes", env=env)
    assert yes.returncode == 0, yes.stderr
    assert "Tỉnh Điện Biên (11)" in yes.stdout and "Applied: version 1" in yes.stdout
    again = cli("import", LIST, "--user", "bien-tap", "--yes", env=env)  # now recorded: nothing asked or added
    assert again.returncode == 0 and "Nothing to import" in again.stdout and "--yes) /" not in again.stdout

    # the overview names it
    at = open_page(None, "vi", province="11")
    assert not at.exception
    assert "Điện Biên" in at.selectbox(key="province").options
    assert any("Điện Biên" in plain(m.value) and "4 sản phẩm" in plain(m.value) for m in at.markdown)
    # the products page lists its products with the districts their addresses name
    at = open_page("pages/products.py", "vi", province="11")
    assert not at.exception
    table = at.dataframe[0].value
    assert sorted(table["Huyện (trước 2025)"]) == ["Mường Ảng", "Tủa Chùa", "Điện Biên", "Điện Biên Phủ"]
    # the map draws it by name with its districts, and says it has no sales point placed
    at = open_page("pages/map.py", "vi", province="11")
    assert not at.exception
    layers = {x["id"]: x for x in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]}
    assert {d["text"] for d in layers["province_names"]["data"]} == {"Điện Biên"}
    assert len(layers["districts"]["data"]["features"]) == 10
    assert {"Tủa Chùa", "Mường Ảng"} <= {d["text"] for d in layers["district_names"]["data"]}
    assert [d["text"] for d in layers["map_notes"]["data"]] == ["Điện Biên: chưa có điểm bán nào đặt được trên bản đồ"]
