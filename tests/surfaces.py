"""Reading what each surface carries, for the tests of issue 18: the text a reader meets on a page
(AppTest's element tree, Plotly specs and pydeck JSON included), the text of a .pptx's XML, the text of a
PDF, and the colours and shapes a PDF draws (its content stream)."""
from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass

from google.protobuf.json_format import MessageToDict

# keys of an element's proto that are machinery, never read by a person
TECHNICAL = {"id", "formId", "fragmentId", "url", "key", "data", "styler", "arrowData", "spec_json", "config",
             "dataframeSchema", "columns", "selectionMode", "icon", "useContainerWidth", "height", "width"}
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
HREF = re.compile(r"""\b(href|src)\s*=\s*("[^"]*"|'[^']*')""", re.I)


def nodes(node):
    """Every element of an AppTest tree."""
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from nodes(child)


def _strings(d, skip=frozenset()):
    if isinstance(d, str):
        yield d
    elif isinstance(d, dict):
        for k, v in d.items():
            if k not in skip:
                yield from _strings(v, skip)
    elif isinstance(d, list):
        for v in d:
            yield from _strings(v, skip)


def plotly_specs(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def deck_specs(at) -> list[dict]:
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]


def page_texts(at) -> list[str]:
    """Every text a reader meets on an AppTest page: markdown and captions (link targets left out), HTML
    (without its link targets), widget labels and options, table cells and headers, and every string of
    each Plotly spec (its ``meta``, data for the page and never drawn, left out) and pydeck JSON."""
    out: list[str] = []
    for node in nodes(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is None:
            continue
        if kind == "plotly_chart":
            out += list(_strings(json.loads(proto.spec), skip={"meta"}))
            continue
        if kind == "deck_gl_json_chart":
            out += list(_strings(json.loads(proto.json)))
            continue
        if kind in ("arrow_data_frame", "dataframe", "table"):
            value = getattr(node, "value", None)
            if value is not None:
                out += [str(c) for c in value.columns]
                out += [str(v) for v in value.astype(str).to_numpy().ravel()]
            continue
        try:
            d = MessageToDict(proto)
        except Exception:  # noqa: BLE001
            continue
        for text in _strings(d, skip=TECHNICAL):
            text = LINK_TARGET.sub("](…)", text)
            text = HREF.sub(r"\1=…", text)
            out.append(text)
    return out


def pptx_texts(data: bytes) -> list[str]:
    """Every text of a .pptx's slides, charts (series names, categories, labels) and notes, from its XML."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith(("ppt/slides/", "ppt/charts/", "ppt/notesSlides/")) and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                out += re.findall(r"<a:t>([^<]*)</a:t>", xml) + re.findall(r"<c:v>([^<]*)</c:v>", xml)
    return out


def pptx_colours(data: bytes) -> set[str]:
    """Every colour a .pptx's slides and charts set (``<a:srgbClr val=…>``): the presentation's own theme
    (its template's palette, which nothing here draws with) is left out."""
    found = set()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith(("ppt/slides/", "ppt/charts/", "ppt/notesSlides/")) and name.endswith(".xml"):
                found |= {"#" + v.upper() for v in re.findall(r'<a:srgbClr val="([0-9A-Fa-f]{6})"',
                                                                  z.read(name).decode("utf-8"))}
    return found


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


# --- a PDF's drawing, from its content stream ---------------------------------------------------------

@dataclass
class Rect:
    x: float
    y: float  # top, in mm from the page's top
    w: float
    h: float
    fill: str  # '#RRGGBB'


@dataclass
class Path:
    points: list  # [(x, y)] in mm, y from the page's top
    stroke: str


def _hex(parts) -> str:
    return "#" + "".join(f"{round(float(v) * 255):02X}" for v in parts)


def pdf_drawing(data: bytes) -> tuple[list[Rect], list[Path], set[str]]:
    """(filled rectangles, stroked open paths, every colour set) of a one-page PDF made by fpdf2 (units mm)."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(data)).pages[0]
    height = float(page.mediabox.height)
    stream = page.get_contents().get_data().decode("latin-1")
    k = 72 / 25.4
    tokens = re.findall(r"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>|\[[^\]]*\]|/?[^\s()<>\[\]/]+", stream)
    stack: list[str] = []
    fill, stroke = "#000000", "#000000"
    colours: set[str] = set()
    rects, paths = [], []
    current: list = []
    pending_rect = None
    saved: list[tuple[str, str]] = []
    for tok in tokens:
        if tok == "q":  # the graphics state (colours) is saved and restored around each text
            saved.append((fill, stroke))
        elif tok == "Q" and saved:
            fill, stroke = saved.pop()
        elif tok in ("rg", "RG"):
            c = _hex(stack[-3:])
            colours.add(c)
            if tok == "rg":
                fill = c
            else:
                stroke = c
        elif tok in ("g", "G"):
            c = _hex(stack[-1:] * 3)
            colours.add(c)
            if tok == "g":
                fill = c
            else:
                stroke = c
        elif tok == "re":
            x, y, w, h = (float(v) for v in stack[-4:])
            pending_rect = (x / k, (height - y) / k, w / k, -h / k)
        elif tok == "m":
            current = [(float(stack[-2]) / k, (height - float(stack[-1])) / k)]
        elif tok == "l":
            current.append((float(stack[-2]) / k, (height - float(stack[-1])) / k))
        elif tok in ("f", "F", "f*", "B", "b", "B*", "b*"):
            if pending_rect is not None:
                x, y, w, h = pending_rect
                top = min(y, y + h)
                rects.append(Rect(x, top, w, abs(h), fill))
            pending_rect, current = None, []
        elif tok in ("S", "s"):
            if len(current) > 1:
                paths.append(Path(current, stroke))
            pending_rect, current = None, []
        elif tok == "n":
            pending_rect, current = None, []
        if re.fullmatch(r"-?\d*\.?\d+", tok):
            stack.append(tok)
        elif tok not in ("re", "m", "l", "c", "rg", "RG", "g", "G"):
            stack = []
        else:
            stack = []
    return rects, paths, colours
