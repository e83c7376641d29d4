"""No markup from data: markdown links, images and HTML put in every text field of every table (through an
import) render as text on every page; the only links are source addresses through story.cite.link and a
chart's one link to its sources on the Sources page (story.cite.sources_href)."""
from __future__ import annotations

import io
import json
import re
import shutil

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from ocop_data import accounts
from ocop_data.importer.apply import apply
from ocop_data.importer.preview import prepare
from ocop_data.build import build
from ocop_data.schema import DATA_FILES, TABLES
from story.cite import is_url
from tests.conftest import open_page
from tests.surfaces import nodes as _nodes

EVIL = ("HTX [liên kết](https://evil.example/l) ![x](https://evil.example/p.png) "
        "<img src=https://evil.example/i.png> <a href=\"https://evil.example/a\">a</a> `mã` *đậm* # tiêu đề")
GOOD_ADDRESS = "https://nguon.example/bai-viet"
TEXT_TYPES = ("text",)


def _row(table: str, **values) -> dict:
    """Every free-text column gets the attack (a variant per column), then the given values."""
    out = {}
    for col in TABLES[table].columns:
        # quote_display may only put back letters a quote lost (the build refuses anything else): left empty
        if col.type in TEXT_TYPES and col.name not in ("code", "predecessors", "successor", "family",
                                                       "quote_display"):
            out[col.name] = f"{EVIL} ({table}.{col.name})"
    out.update(values)
    return out


def evil_rows() -> dict[str, list[dict]]:
    src = "evil-src"
    return {
        "source": [_row("source", source_id=src, published="2024-05-01", published_precision="day",
                        address=GOOD_ADDRESS, gathered_precision="undated", language="vi", title_descriptive=""),
                   _row("source", source_id="evil-src2", title="not stated", publisher="not stated",
                        published_precision="undated", gathered_precision="undated", language="vi",
                        address="[bấm vào](https://evil.example/s) <img src=https://evil.example/s.png>")],
        "metric": [_row("metric", metric="evil_metric", family="other", star="")],
        "territory": [_row("territory", territory_key="99", code="99", level="province",
                           valid_from_precision="undated", valid_to_precision="undated", source_id=src)],
        "subject": [_row("subject", subject_id="evil-subj", name_lang="vi", subject_type="htx", territory_key="14",
                         district_code="123", source_id=src),
                    _row("subject", subject_id="evil-subj99", name=f"{EVIL} 99", name_lang="vi", subject_type="dn",
                         territory_key="99", district_code="", source_id=src)],
        "subject_alias": [_row("subject_alias", subject_id="evil-subj", source_id=src)],
        "product": [_row("product", product_id="evil-prod", name_lang="vi", subject_id="evil-subj", territory_key="14",
                         district_code="123", district_derived="true", group_classified="true", group_decision="",
                         commune_2025_code="", source_id=src),
                    _row("product", product_id="evil-prod99", name=f"{EVIL} 99", name_lang="vi",
                         subject_id="evil-subj99", territory_key="99", district_code="", commune_2025_code="",
                         group_decision="", source_id=src)],
        "evaluation": [_row("evaluation", evaluation_id="evil-ev", product_id="evil-prod", stars="4",
                            decided="2024-05-02", decided_precision="day", level="province", kind="new", points="",
                            source_id=src, quote_status=""),
                       _row("evaluation", evaluation_id="evil-ev99", product_id="evil-prod99", stars="5",
                            decided="2025-02-02", decided_precision="day", level="national", kind="upgrade",
                            points="", source_id="evil-src2", quote_status="")],
        "sales_point": [_row("sales_point", point_id="evil-pt", territory_key="14", entry_kind="point",
                             district_code="123", lat="", lon="", precision="district_centroid", count="",
                             count_qualifier="", part_of="", opened="", opened_precision="undated", as_of="",
                             as_of_precision="undated", source_id=src, quote_status=""),
                        _row("sales_point", point_id="evil-pt2", territory_key="14", entry_kind="point",
                             district_code="", lat="", lon="", precision="address", count="", count_qualifier="",
                             part_of="", opened_precision="undated", as_of_precision="undated", source_id=src,
                             quote_status="")],
        "figure": [_row("figure", figure_id="evil-fig", territory_key="14", district_code="", as_of="2024-06-30",
                        as_of_precision="day", metric="evil_metric", value="7", kind="reported", qualifier="exact",
                        confidence="L", source_id=src, quote_status=""),
                   _row("figure", figure_id="evil-fig-round", territory_key="14", district_code="", as_of="2024-07-31",
                        as_of_precision="day", metric="round_new_products", value="3", kind="reported",
                        qualifier="exact", confidence="M", source_id=src, quote_status=""),
                   _row("figure", figure_id="evil-fig99", territory_key="99", district_code="", as_of="2025-06-30",
                        as_of_precision="day", metric="products_total", value="5", kind="reported",
                        qualifier="more_than", confidence="H", source_id="evil-src2", quote_status="")],
        "target": [_row("target", target_id="evil-tgt", territory_key="14", plan_date="", plan_date_precision="undated",
                        metric="products_total", comparison="at_least", value="10", value_high="", deadline="2030",
                        deadline_precision="year", unit_abolished_on="", unit_abolished_on_precision="undated",
                        comparable="", source_id=src, quote_status=""),
                   _row("target", target_id="evil-tgt99", territory_key="99", plan_date="",
                        plan_date_precision="undated", metric="products_total", comparison="at_least", value="4",
                        value_high="", deadline="2025", deadline_precision="year", unit_abolished_on="",
                        unit_abolished_on_precision="undated", comparable="", source_id=src, quote_status="")],
        "event": [_row("event", event_id="evil-evt", date="2024-05-02", date_precision="day", territory_key="14",
                       kind="fair", certificates_from="", certificates_from_precision="", source_id=src,
                       quote_status=""),
                  _row("event", event_id="evil-evt99", date="2025-03-02", date_precision="day", territory_key="99",
                       kind="evaluation_round", certificates_from="", certificates_from_precision="",
                       source_id=src, quote_status="")],
        "correction": [_row("correction", correction_id="evil-corr", date="2024-05-03", date_precision="day",
                            table_name="figure", row_id="evil-fig", change="value", successors="",
                            source_id=src, old_source_id="")],
    }


def evil_workbook() -> bytes:
    """The template's shape: one sheet per table (schema columns), plus a product list with the issue's
    producer name."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for table, rows in evil_rows().items():
        ws = wb.create_sheet(table)
        ws.append(TABLES[table].column_names)
        for r in rows:
            ws.append([r.get(c, "") for c in TABLES[table].column_names])
    ws = wb.create_sheet("Danh sách")
    ws.append(["STT", "Tên sản phẩm", "Tên chủ thể", "Tỉnh", "Phân hạng", "Năm công nhận", "Nguồn", "Ghi chú"])
    ws.append([1, "Chè [tải](https://evil.example/t) <img src=https://evil.example/c.png>",
               "HTX [liên kết](https://evil.example) ![x](https://evil.example/p.png)", "14", "3 sao", "2024",
               "evil-src", EVIL])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def evil(tmp_path_factory):
    base = tmp_path_factory.mktemp("evil")
    data_dir = base / "instance"
    data_dir.mkdir()
    db = base / "ocop.duckdb"
    build(db, data_dir=data_dir)
    prev = prepare("evil.xlsx", evil_workbook(), data_dir)
    assert prev.ok, [(i.where("en"), i.message("en")) for i in prev.issues[:10]]
    counts = prev.counts()
    assert set(counts) == set(DATA_FILES), counts  # every table gets rows
    apply(prev, "bien-tap", data_dir, db)
    accounts.set_password("bien-tap", "a long passphrase", data_dir)
    return db, data_dir


# --- reading what a page renders -------------------------------------------------------------------

MARKDOWN_KEYS = {"body", "label", "help", "caption", "placeholder", "text"}
PLAIN_TYPES = {"arrow_data_frame", "dataframe", "code", "text", "json", "deck_gl_json_chart", "table"}
LINK = re.compile(r"(?<!\\)\]\((\S*?)\)")
PLOTLY_TAG = re.compile(r".{0,60}<\s*(a|img)\b.{0,60}", re.I)
TAG = re.compile(r"(?<!\\)<\s*(img|a|iframe|script)\b", re.I)
# a chart's one link to its sources on the Sources page: ids percent-encoded, nothing else (story.cite.sources_href)
SOURCES_LINK = re.compile(r"/sources\?source=[A-Za-z0-9._~%,-]+(&lang=en)?")


def _strings(d, keys=MARKDOWN_KEYS):
    if isinstance(d, dict):
        for k, v in d.items():
            if isinstance(v, str) and k in keys:
                yield k, v
            else:
                yield from _strings(v, keys)
    elif isinstance(d, list):
        for v in d:
            yield from _strings(v, keys)


def _all_strings(d):
    if isinstance(d, str):
        yield d
    elif isinstance(d, dict):
        for k, v in d.items():
            if k != "meta":  # a figure's meta is data for the page, never drawn
                yield from _all_strings(v)
    elif isinstance(d, list):
        for v in d:
            yield from _all_strings(v)


def _html_links(text: str) -> list[tuple[str, str]]:
    """(tag, address) of every link, image, frame or script an HTML text would really create."""
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if tag in ("a", "img", "image", "iframe", "script", "link") and name in ("href", "src", "xlink:href") \
                        and value:
                    found.append((tag, value))

    Parser().feed(text)
    return found


def offending(at: AppTest, allowed: set[str]) -> list[str]:
    """Markdown that would render a link (other than an allowed address), an image or an HTML tag; and
    Plotly text that would render a link or image."""
    bad = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is None or kind in PLAIN_TYPES:
            continue
        try:
            d = MessageToDict(proto)
        except Exception:  # noqa: BLE001
            continue
        if kind == "html":  # raw HTML (st.html): markdown is not read there; data must arrive as escaped text
            for text in _all_strings(d):
                for tag, attr in _html_links(text):
                    if "evil" in attr:
                        bad.append(f"html: <{tag}> to {attr}")
            continue
        if kind == "plotly_chart":  # Plotly draws <a href> and <b>… inside any text of a figure
            for text in _all_strings(json.loads(d.get("spec", "{}"))):
                found = PLOTLY_TAG.search(text)
                if found:
                    bad.append("plotly: " + found.group(0))
            continue
        for key, text in _strings(d):
            for target in LINK.findall(text):
                if target not in allowed and not SOURCES_LINK.fullmatch(target):
                    bad.append(f"{kind}.{key}: link to {target}: {text[:160]}")
            if TAG.search(text):
                bad.append(f"{kind}.{key}: tag: {text[:160]}")
            if re.search(r"(?<!\\)!\[", text):
                bad.append(f"{kind}.{key}: image: {text[:160]}")
            bare = LINK.sub("](…)", text)  # a bare address becomes a link too (GFM autolink literal)
            if key == "placeholder":  # an input's placeholder is plain text (never markdown): 'https://…' shows the form
                continue
            if re.search(r"(?i)\bhttps?://|\bwww\.|[\w.]@\w", bare):
                bad.append(f"{kind}.{key}: bare address: {text[:160]}")
    return bad


def allowed_links() -> set[str]:
    import csv
    from ocop_data import paths
    out = {GOOD_ADDRESS}
    with open(paths.SHIPPED_DIR / "source.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if is_url(r["address"]):
                out.add(r["address"].replace("(", "%28").replace(")", "%29").replace(" ", "%20"))
    return out


def run(page: str, lang: str, **params) -> AppTest:
    at = open_page(page, lang, timeout=120, **params)
    assert not at.exception, [e.message for e in at.exception]
    return at


VIEWS = [("pages/overview.py", {}), ("pages/overview.py", {"province": "99"}), ("pages/stars.py", {}),
         ("pages/targets.py", {}), ("pages/products.py", {"product": "evil-prod"}),
         ("pages/products.py", {"province": "99", "product": "evil-prod99"}), ("pages/map.py", {}),
         ("pages/sources.py", {"src": "evil-src", "find": "evil"})]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page,params", VIEWS, ids=[f"{p.split('/')[-1]}-{'-'.join(v.values()) or 'all'}"
                                                    for p, v in VIEWS])
def test_no_markup_from_data_on_any_page(evil, monkeypatch, page, params, lang):
    db, data_dir = evil
    monkeypatch.setenv("OCOP_DB", str(db))
    monkeypatch.setenv("OCOP_DATA_DIR", str(data_dir))
    at = run(page, lang, **params)
    text = " ".join(v for n in _nodes(at._tree) if getattr(n, "proto", None) is not None
                    for _, v in _strings(MessageToDict(n.proto)))
    if page.endswith(("products.py", "sources.py")):
        assert "evil.example" in text or "evil" in text  # the attack text is on the page, as text
    assert offending(at, allowed_links()) == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_markup_in_the_presentation(evil, monkeypatch, lang):
    db, data_dir = evil
    monkeypatch.setenv("OCOP_DB", str(db))
    monkeypatch.setenv("OCOP_DATA_DIR", str(data_dir))
    at = run("pages/present.py", lang)
    found = re.search(r"(?:/|of)\s*(\d+)\**$", " ".join(m.value for m in at.markdown if "**" in m.value))
    n = int(found.group(1)) if found else 6
    for slide in range(1, n + 1):
        at = run("pages/present.py", lang, slide=str(slide))
        assert offending(at, allowed_links()) == [], slide


@pytest.mark.slow
def test_no_markup_on_the_data_page_with_the_attack_uploaded(evil, monkeypatch, tmp_path):
    db, data_dir = evil
    local = tmp_path / "instance"
    shutil.copytree(data_dir, local)
    monkeypatch.setenv("OCOP_DB", str(db))
    monkeypatch.setenv("OCOP_DATA_DIR", str(local))
    accounts.reset_delays()
    at = run("pages/data.py", "vi")
    at.text_input[0].set_value("bien-tap")
    at.text_input[1].set_value("a long passphrase")
    at.button[0].click().run()
    at.file_uploader[0].set_value(("evil [x](https://evil.example).xlsx", evil_workbook(), "application/x"))
    at.run()
    assert not at.exception
    assert offending(at, allowed_links()) == []
    at.tabs  # the history and retire tabs are drawn in the same run
    at.selectbox(key="retire_table").set_value("product").run()
    assert offending(at, allowed_links()) == []
