"""No internal source id where readers look (issue 18 §3): every page in both languages (Plotly specs and
pydeck JSON included), every slide, the .pptx's XML and the PDF's text name a source by its short label.

Exceptions, as the issue allows: the Data page (editors) and the Sources page's "Mã nguồn" line; a link
target is not text (a chart's one link to its sources, /sources?source=ID,ID, carries ids)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from queries import core
from briefing.content import build_slides
from briefing.pptx_deck import build_pptx
from briefing.print_pdf import build_pdf
from story import cite
from tests.conftest import open_page, plain
from tests.surfaces import LINK_TARGET, page_texts, pdf_text, pptx_texts

TODAY = date(2026, 11, 25)
BOTH = ["14", "08-2025"]
VIEWS = [("pages/overview.py", {}), ("pages/stars.py", {"province": "14"}), ("pages/stars.py", {"province": "08-2025"}),
         ("pages/targets.py", {}), ("pages/products.py", {"province": "14", "product": "sl-man-say-gung"}),
         ("pages/products.py", {"province": "08-2025"}), ("pages/map.py", {}), ("pages/sources.py", {"find": "Sơn La"}),
         ("pages/sources.py", {"source": "seed-002,baomoi-c51438864"})]
CODE_LINE = re.compile(r"^- \*\*(Mã nguồn|Source id):\*\* .*$", re.M)


@pytest.fixture(scope="module")
def ids(built_db):
    from ocop_data.db import Database
    db = Database(built_db)
    try:
        return sorted(core.sources(db.cursor()).source_id, key=len, reverse=True)
    finally:
        db.close()


def found(texts, ids) -> list[tuple[str, str]]:
    """(id, the text it stands in) for every source id standing as a word in the texts."""
    out = []
    for text in texts:
        text = plain(CODE_LINE.sub("", text))
        for i in ids:
            if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text):
                out.append((i, text[:160]))
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page,params", VIEWS, ids=[f"{p.split('/')[-1]}-{'-'.join(v.values()) or 'all'}"
                                                    for p, v in VIEWS])
def test_no_source_id_on_any_page(ids, page, params, lang):
    at = open_page(page, lang, timeout=120, **params)
    assert not at.exception, [e.message for e in at.exception]
    texts = page_texts(at)
    assert texts
    assert found(texts, ids) == []


def test_the_sources_page_names_its_ids_only_in_its_code_line(ids):
    at = open_page("pages/sources.py", "vi", source="seed-002,baomoi-c51438864")
    bodies = [m.value for m in at.markdown]
    code_lines = [line for b in bodies for line in CODE_LINE.findall(b)]
    assert code_lines  # the exception exists, and the test above leaves it out
    lines = [line for b in bodies for line in b.splitlines() if line.startswith("- **Mã nguồn:**")]
    assert any("seed\\-002" in line or "seed-002" in line for line in lines)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_source_id_on_any_slide(ids, lang, cur):
    n = len(build_slides(cur, lang, BOTH))
    for slide in range(1, n + 1):
        at = open_page(None, lang, timeout=120, present="1", slide=str(slide))
        assert not at.exception
        assert found(page_texts(at), ids) == [], slide


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_source_id_in_the_pptx_or_the_pdf(ids, cur, lang):
    pptx = pptx_texts(build_pptx(cur, lang, BOTH, today=TODAY))
    assert pptx and found(pptx, ids) == []
    text = pdf_text(build_pdf(cur, lang, BOTH, today=TODAY))
    assert "202" in text and found([text], ids) == []


def test_the_test_sees_an_id_where_one_is():
    assert found(["Nguồn: agrimate.vn (agrimate-1771)"], ["agrimate-1771"]) == [
        ("agrimate-1771", "Nguồn: agrimate.vn (agrimate-1771)")]
    # a link target is not text: the page's reader leaves it out
    assert found([LINK_TARGET.sub("](…)", "[Xem nguồn](/sources?source=agrimate-1771)")], ["agrimate-1771"]) == []


def test_short_labels_never_fall_back_to_an_id(cur, ids):
    for lang in ("vi", "en"):
        labels = cite.source_labels(core.sources(cur), lang)
        assert set(labels) == set(ids)
        assert all(label and not found([label], ids) for label in labels.values())
        assert len(set(labels.values())) == len(labels)  # two sources never read the same
    assert cite.source_labels([{"source_id": "x-1", "title": "not stated", "publisher": "not stated",
                                "address": "not stated"}], "vi")["x-1"] == "nguồn không nêu tên"
