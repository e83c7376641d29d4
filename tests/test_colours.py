"""One colour meaning per thing (issue 18 §5): one registry (story.theme.COLOURS) in which each colour has
one meaning; star tiers ordinal; every colour of every figure (Plotly spec, pydeck JSON, .pptx XML, PDF)
a registry entry; a territory's colour a territory colour, never a status colour; no hex colour written
anywhere else in the code."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from briefing.pptx_deck import build_pptx
from briefing.print_pdf import build_pdf
from story import theme
from tests.conftest import ROOT, open_page
from tests.surfaces import deck_specs, pdf_drawing, plotly_specs, pptx_colours

TODAY = date(2026, 11, 25)
BOTH = ["14", "08-2025"]
REGISTRY = {v.upper() for v in theme.COLOURS.values()}
TERRITORIES = {"VN", "14", "08", "02", "08-2025"}
PAGES = [("pages/overview.py", {}), ("pages/stars.py", {}), ("pages/targets.py", {}), ("pages/products.py", {}),
         ("pages/map.py", {}), ("pages/map.py", {"shade": "1"})]


def lum(hex_colour: str) -> float:
    def ch(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


# --- the registry ----------------------------------------------------------------------------------

def test_each_colour_has_one_meaning_and_tiers_run_light_to_dark():
    values = [v.upper() for v in theme.COLOURS.values()]
    assert len(values) == len(set(values)), "a colour with two meanings"
    assert all(re.fullmatch(r"#[0-9A-F]{6}", v) for v in values)
    tiers = [lum(theme.COLOURS[f"tier_{s}"]) for s in theme.STAR_ORDER]  # 3, 4, 5p, 5
    assert tiers == sorted(tiers, reverse=True)
    statuses = {theme.COLOURS[f"status_{s}"] for s in theme.STATUS_ORDER}
    territories = {theme.COLOURS[k] for k in theme.TERRITORY_KEYS}
    assert len(statuses) == 7 and not statuses & territories
    for s in theme.STATUS_ORDER:  # a status word may be written in its colour: 4.5:1 on white
        assert (1.05) / (lum(theme.COLOURS[f"status_{s}"]) + 0.05) >= 4.5, s


def test_no_hex_colour_outside_the_registry():
    code = [p for d in ("story", "ui", "pages", "briefing", "queries", "ocop_data", "bench") for p in
            (ROOT / d).rglob("*.py")] + [ROOT / "app.py"]
    bad = []
    for path in code:
        if path == ROOT / "story" / "theme.py":
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b(?![\w-])", line) and not line.lstrip().startswith("#"):
                bad.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()[:100]}")
            if re.search(r"""["'](white|black)["']|["']rgba?\(""", line):
                bad.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()[:100]}")
    assert bad == []


# --- every figure's colours ----------------------------------------------------------------------------

def plotly_colours(spec) -> set[str]:
    """Every colour a Plotly spec sets (marker, line, pattern, font, background…, and colour styles in its
    texts)."""
    out = set()

    def walk(d, key=""):
        if isinstance(d, dict):
            for k, v in d.items():
                if k != "meta":
                    walk(v, k)
        elif isinstance(d, list):
            for v in d:
                walk(v, key)
        elif isinstance(d, str):
            if key.lower().endswith("color") and d:
                out.add(d)
            out.update(re.findall(r"color:\s*(#[0-9A-Fa-f]{6})", d))
    walk(spec)
    return {c.upper() if c.startswith("#") else c for c in out}


def deck_colours(spec) -> set[str]:
    """Every colour of a pydeck JSON: [r, g, b(, a)] lists under a colour or fill key, and its tooltip style."""
    out = set()

    def walk(d, key=""):
        if isinstance(d, dict):
            for k, v in d.items():
                walk(v, k)
        elif isinstance(d, list):
            if ("color" in key.lower() or key == "fill") and 3 <= len(d) <= 4 and all(isinstance(x, int) for x in d):
                out.add("#" + "".join(f"{x:02X}" for x in d[:3]))
            else:
                for v in d:
                    walk(v, key)
        elif isinstance(d, str) and "color" in key.lower() and d.startswith("#"):
            out.add(d.upper())
    walk(spec)
    return out


def territory_traces_use_territory_colours(spec) -> list[str]:
    """A trace that stands for a territory (its meta names one) is drawn in a territory colour; a status
    trace in its status colour; a tier in its tier colour."""
    bad = []
    for tr in spec["data"]:
        meta = tr.get("meta") or {}
        series = meta.get("series") or ""
        colours = []
        for part in ("marker", "line"):
            c = (tr.get(part) or {}).get("color")
            colours += c if isinstance(c, list) else [c]
            lc = ((tr.get(part) or {}).get("line") or {}).get("color")
            colours += lc if isinstance(lc, list) else [lc]
        meanings = {theme.meaning(c) for c in colours if isinstance(c, str)} - {None, "paper", "ink"}
        if tr.get("type") == "scatter" and series.split(":")[0] in TERRITORIES:
            if not all(m.startswith("territory_") for m in meanings):
                bad.append(f"{series}: {meanings}")
        if series.startswith("status_") and meanings != {series}:
            bad.append(f"{series}: {meanings}")
        if tr.get("type") == "bar" and series in ("3", "4", "5", "5p", "total") and not meta.get("decor"):
            if meanings != {f"tier_{series}"}:
                bad.append(f"{series}: {meanings}")
    return bad


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page,params", PAGES, ids=[f"{p.split('/')[-1]}-{'-'.join(v.values()) or 'all'}"
                                                    for p, v in PAGES])
def test_every_page_figure_draws_registry_colours(page, params, lang):
    at = open_page(page, lang, timeout=120, **params)
    assert not at.exception
    specs, decks = plotly_specs(at), deck_specs(at)
    assert specs or decks
    for spec in specs:
        colours = plotly_colours(spec)
        assert colours and colours <= REGISTRY, colours - REGISTRY
        assert territory_traces_use_territory_colours(spec) == []
    for deck in decks:
        colours = deck_colours(deck)
        assert colours and colours <= REGISTRY, colours - REGISTRY


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_slide_figure_draws_registry_colours(cur, lang):
    from briefing.content import build_slides

    for slide in range(1, len(build_slides(cur, lang, BOTH)) + 1):
        at = open_page(None, lang, timeout=120, present="1", slide=str(slide))
        for spec in plotly_specs(at):
            assert plotly_colours(spec) <= REGISTRY, (slide, plotly_colours(spec) - REGISTRY)
            assert territory_traces_use_territory_colours(spec) == [], slide
        for deck in deck_specs(at):
            assert deck_colours(deck) <= REGISTRY, (slide, deck_colours(deck) - REGISTRY)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_pptx_and_the_pdf_draw_registry_colours(cur, lang):
    pptx = pptx_colours(build_pptx(cur, lang, BOTH, today=TODAY))
    assert pptx and pptx <= REGISTRY, pptx - REGISTRY
    rects, paths, colours = pdf_drawing(build_pdf(cur, lang, BOTH, today=TODAY))
    assert rects and paths and colours <= REGISTRY, colours - REGISTRY


def test_a_territory_has_one_colour_in_every_chart(cur):
    """The same territory in the overview's chart, the headline slide and the star-tier panel titles' page:
    one registry colour, from the territory table's order."""
    from queries import core
    from story import spec

    n = spec.names(core.territories(cur), core.sources(cur), "vi")
    colours = [n.colour(k) for k in ("14", "08", "02", "08-2025")]
    assert len(set(colours)) == 4 and all(c.startswith("territory_") for c in colours)
    at = open_page("pages/overview.py", "vi")
    spec_ = plotly_specs(at)[0]
    for tr in spec_["data"]:
        meta = tr.get("meta") or {}
        if meta.get("series") in ("14", "08", "02", "08-2025"):
            assert theme.meaning(tr["line"]["color"]) == n.colour(meta["series"])
    html = " ".join(el.proto.body for el in at.get("html"))
    assert json.dumps(theme.colour(n.colour("14")))[1:-1] in html or theme.colour(n.colour("14")) in \
        __import__("base64").b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1)).decode()
