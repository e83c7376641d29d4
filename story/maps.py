"""The sales-point map (pydeck), shared by the map page and the presentation.

It reads without hovering: the view is fitted to the data's bounds; province names (with each
province's published total: "Sơn La · 10 điểm") and district names are drawn with a text layer whose
character set covers Vietnamese (deck.gl's default atlas is ASCII only); a count published for a
district is drawn inside a circle sized by the count; a locality that is part of a total without its
own count is a ring, explained in the legend ("có điểm, chưa công bố số lượng").

Points are drawn at the precision published. The district boundaries (GeoJsonLayer) are the basemap,
so the map renders with no internet (``map_provider=None``). Tooltip values are plain text: Streamlit
escapes ``{field}`` values.
"""
from __future__ import annotations

import json
import math
import textwrap
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import pandas as pd
import pydeck as pdk

from ocop_data.missing import records
from ocop_data.words import t

from . import fmt, theme
from .cite import short_label

# deck.gl builds its font atlas from the characters in the data ("auto"), so ơ, ư, ạ, ắ… are drawn.
# A plain "auto" would be sent as the accessor "@@=auto": pydeck.types.String keeps it a string.
CHARSET = pdk.types.String("auto")
FONT = pdk.types.String(theme.MAP_FONT)

# the canvas the view is fitted to: the map column at 1440 px, and a 390 px phone
DESKTOP = (560, 560)
PHONE = (350, 420)

# text sizes in pixels (province name, its notes, district names, a note line's height) on a desktop and a phone
SIZES = {False: (18, 14, 13, 17), True: (15, 12, 11, 14)}
GAP, MARGIN = 8, 12  # between a province and its label; kept free at the canvas's edge
# colours from the registry (story.theme.COLOURS), as deck.gl wants them
INK = theme.rgba("ink")
MUTED_INK = theme.rgba("muted")  # district names, 6.9:1 on the district fill
COUNT_FILL = theme.rgba("map_count")  # gold, opaque: dark text on it is 6.6:1
RING = theme.rgba("map_ring")
DISTRICT_FILL = theme.rgba("map_land")
DISTRICT_LINE = theme.rgba("map_border")
HALO = theme.rgba("paper", 235)  # paper behind a label, a ring's fill


class FrozenDeck(pdk.Deck):
    """A deck serialised once: a map of thousands of points is JSON-encoded once, not on every rerun."""

    def to_json(self):
        if getattr(self, "_frozen_json", None) is None:
            self._frozen_json = super().to_json()
        return self._frozen_json


def _mercator(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _coords(geometry: dict) -> Iterable[tuple[float, float]]:
    def walk(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            yield float(c[0]), float(c[1])
        elif isinstance(c, (list, tuple)):
            for x in c:
                yield from walk(x)
    yield from walk(geometry.get("coordinates", []))


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def of(cls, lonlats: Iterable[tuple[float, float]]) -> "Box | None":
        pts = list(lonlats)
        if not pts:
            return None
        lons, lats = [p[0] for p in pts], [p[1] for p in pts]
        return cls(min(lons), min(lats), max(lons), max(lats))

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def fit_view(box: Box, width: int, height: int, pad: tuple[int, int, int, int] = (24, 24, 24, 24),
             max_zoom: float = 11.0) -> dict:
    """(latitude, longitude, zoom) that shows ``box`` inside a width × height canvas, keeping ``pad``
    pixels (top, right, bottom, left) free, in deck.gl's Web Mercator (512 px world at zoom 0)."""
    top, right, bottom, left = pad
    dx = max((box.east - box.west) / 360.0, 1e-6)
    dy = max((_mercator(box.north) - _mercator(box.south)) / (2 * math.pi), 1e-6)
    zoom = math.log2(min(max(width - left - right, 50) / (512 * dx), max(height - top - bottom, 50) / (512 * dy)))
    zoom = min(zoom, max_zoom)
    scale = 512 * 2 ** zoom
    # centre of the box, shifted so the padding is kept on each side
    cx = (box.west + box.east) / 2 + (right - left) / 2 * 360 / scale
    my = (_mercator(box.north) + _mercator(box.south)) / 2 + (top - bottom) / 2 * 2 * math.pi / scale
    cy = math.degrees(2 * math.atan(math.exp(my)) - math.pi / 2)
    return {"latitude": round(cy, 5), "longitude": round(cx, 5), "zoom": round(zoom, 3)}


def project(view: dict, lon: float, lat: float, width: int, height: int) -> tuple[float, float]:
    """Where deck.gl's Web Mercator view draws (lon, lat) on a width × height canvas."""
    scale = 512 * 2 ** view["zoom"]
    x = width / 2 + (lon - view["longitude"]) * scale / 360
    y = height / 2 + (_mercator(view["latitude"]) - _mercator(lat)) * scale / (2 * math.pi)
    return x, y


def unproject(view: dict, x: float, y: float, width: int, height: int) -> tuple[float, float]:
    """The (lon, lat) deck.gl's view draws at pixel (x, y) of a width × height canvas."""
    scale = 512 * 2 ** view["zoom"]
    lon = view["longitude"] + (x - width / 2) * 360 / scale
    my = _mercator(view["latitude"]) - (y - height / 2) * 2 * math.pi / scale
    return lon, math.degrees(2 * math.atan(math.exp(my)) - math.pi / 2)


def _rect(side: str, box_px: tuple, w: float, h: float) -> tuple[float, float, float, float]:
    """The label's rectangle (x0, y0, x1, y1) on the given side of a province's pixel box."""
    x0, y0, x1, y1 = box_px
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return {"south": (cx - w / 2, y1 + GAP, cx + w / 2, y1 + GAP + h),
            "north": (cx - w / 2, y0 - GAP - h, cx + w / 2, y0 - GAP),
            "east": (x1 + GAP, cy - h / 2, x1 + GAP + w, cy + h / 2),
            "west": (x0 - GAP - w, cy - h / 2, x0 - GAP, cy + h / 2)}[side]


def _overlap(a: tuple, b: tuple) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _place_labels(labels: list[dict], districts: dict, whole: Box, width: int, height: int, top: float = 0) -> dict:
    """Choose for each province label a side (south, north, east, west) that covers no district of another
    province and no other label, and needs the least room beyond the data; then fit the view so the data
    and the labels fit the canvas. ``districts``: province code -> the boxes of its districts.
    ``top``: pixels kept free above everything (the map's notes).
    Returns {code: side}, the final view under "_view" and the labels' rectangles under "_rects"."""
    pad = [MARGIN + top, MARGIN, MARGIN, MARGIN]  # top, right, bottom, left
    view = fit_view(whole, width, height, tuple(pad))
    sides: dict = {}
    taken: list = []

    def px(b: Box) -> tuple:
        return (*project(view, b.west, b.north, width, height), *project(view, b.east, b.south, width, height))

    for _ in range(5):  # the labels' room changes the zoom, which changes where they fall: settle it
        own = {c: px(Box(min(b.west for b in bs), min(b.south for b in bs), max(b.east for b in bs),
                          max(b.north for b in bs))) for c, bs in districts.items() if bs}
        others = {c: [px(b) for b in bs] for c, bs in districts.items()}
        data = px(whole)
        taken, sides = [], {}
        for lab in labels:
            best = None
            for side in ("south", "north", "east", "west"):
                r = _rect(side, own[lab["code"]], lab["w"], lab["h"])
                covered = sum(_overlap(r, d) for c, ds in others.items() if c != lab["code"] for d in ds)
                covered += sum(_overlap(r, t_) for t_ in taken)
                area = (r[2] - r[0]) * (r[3] - r[1])
                outside = area - _overlap(r, data)
                # under or over its province reads as its name; beside it, less so
                cost = 10 * covered + outside + area * {"south": 0, "north": 0.15, "east": 0.4, "west": 0.4}[side]
                if best is None or cost < best[0] - 1:
                    best = (cost, side, r)
            sides[lab["code"]] = best[1]
            taken.append(best[2])
        x0, y0, x1, y1 = data
        need = [MARGIN + top, MARGIN, MARGIN, MARGIN]  # the room the labels need beyond the data's box, in pixels
        for r in taken:
            need[0] = max(need[0], MARGIN + top + y0 - r[1])
            need[1] = max(need[1], MARGIN + r[2] - x1)
            need[2] = max(need[2], MARGIN + r[3] - y1)
            need[3] = max(need[3], MARGIN + x0 - r[0])
        if all(abs(a - b) < 2 for a, b in zip(need, pad)):
            break
        pad = need
        view = fit_view(whole, width, height, tuple(pad))
    out: dict = dict(sides)
    out["_view"] = view
    out["_rects"] = taken
    return out


def district_name(name: str, short: str) -> str:
    """The name drawn for a district: 'TP Sơn La' for a city (never a bare 'Sơn La' beside the province)."""
    return f"TP {short}" if isinstance(name, str) and name.lower().startswith("thành phố") else short


def circle_radius(count) -> float:
    """Pixels: the area grows with the count (1 → 12 px, 8 → 21 px, 20 → 29 px)."""
    n = 1 if count is None or pd.isna(count) else max(float(count), 1.0)
    return round(7 + 5 * math.sqrt(n), 1)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def map_notes(shapes: pd.DataFrame, mapped: pd.DataFrame, provinces: Sequence[tuple[str, Sequence[str]]],
              lang: str, limit: int = 6) -> list[str]:
    """What the map cannot draw, in words drawn on it: a province with no boundaries ('Quảng Ninh: chưa có
    ranh giới'), districts listed with no boundary of their own, and each chosen province (name, its territory
    keys) with no sales point placed."""
    def some(names: list[str]) -> str:
        if len(names) <= limit:
            return ", ".join(names)
        return t("map_and_more", lang).format(names=", ".join(names[:limit - 1]), n=len(names) - limit + 1)

    lines = []
    drawn = set(shapes.loc[shapes.geometry.notna(), "province_code"]) if not shapes.empty else set()
    for code, rows in shapes.groupby("province_code", sort=False):
        if code not in drawn:
            lines.append(t("map_no_boundaries", lang).format(province=rows.province_name.iloc[0]))
    if not shapes.empty:
        missing = shapes[shapes.listed.fillna(False).astype(bool) & (shapes.boundary.fillna("") != "own")
                         & shapes.province_code.isin(drawn)]
        if not missing.empty:
            names = [district_name(r.name, r.short_name) for r in missing.itertuples()]
            lines.append(t("map_no_boundary_districts", lang).format(names=some(names)))
    placed = set(mapped.territory_key) if not mapped.empty else set()
    empty = [name for name, keys in provinces if not placed & set(keys)]
    if len(empty) > 3:
        lines.append(t("map_provinces_no_points", lang).format(n=fmt.number(len(empty), lang)))
    else:
        lines += [t("map_no_points", lang).format(province=name) for name in empty]
    return lines


def build_deck(points: pd.DataFrame, shapes: pd.DataFrame, per_district: dict, shade: bool, lang: str,
               name: Callable[[str], str], zoom: float | None = None, *,
               province_label: Callable[[str], str] | None = None, compact: bool = False,
               size: tuple[int, int] | None = None, scale: float = 1.0,
               provinces: Sequence[tuple[str, Sequence[str]]] = (), source: Callable[[str], str] | None = None):
    """(deck, mapped entries, unmapped entries) for the given sales-point rows and district shapes.

    ``name``: territory key -> the name used in words ("part of Sơn La's 10 points").
    ``province_label``: province code -> the label drawn on the map ("Tuyên Quang (đến 30/06/2025)");
    without it, the boundary data's province name. ``compact``: fit the view to a phone-sized canvas.
    ``size``: the canvas (width, height) in pixels the view is fitted to. ``scale``: text and circles
    larger by this factor (a projector: 1.5 at 1920 px wide). ``provinces``: the chosen provinces (name,
    territory keys): one with no sales point placed is named in the notes drawn at the map's top (``map_notes``,
    which the page also puts in words beside the map), with the provinces and districts that have no boundary.
    Districts without a polygon are not drawn; a 2019 polygon is drawn under its 2019 name, marked '(2019)'.
    ``source``: a source id -> its short label (the tooltip names a source, never by its id).
    """
    grow = (0.75 if compact else 1.0) * scale
    totals = points[points.entry_kind == "total"].set_index("point_id")

    def total_text(point_id) -> str:
        if point_id not in totals.index:
            return ""
        tot = totals.loc[point_id]
        return fmt.qualified(tot["count"], tot["count_qualifier"], lang)

    def count_text(r: dict) -> str:
        if r["entry_kind"] == "locality":
            total = total_text(r["part_of"]) or "?"
            return t("part_of_total", lang).format(total=total, territory=name(r["territory_key"]))
        if pd.notna(r["count"]):
            return t("points_at", lang).format(n=fmt.qualified(r["count"], r["count_qualifier"] or "exact", lang))
        return t("point_one", lang) if r["entry_kind"] == "point" else ""

    def source_text(r: dict) -> str:  # its short label, never its id
        return source(r["source_id"]) if source is not None else short_label(r, lang)

    district_of = {s.district_code: s for s in shapes.itertuples()}
    drawn = shapes[shapes.geometry.notna()] if not shapes.empty else shapes
    rows = []
    for r in points.to_dict("records"):
        if r["entry_kind"] == "total":
            continue
        place = _text(r["district"]) or _text(r["locality"])
        count = None if pd.isna(r["count"]) else int(r["count"])
        rows.append({
            "point_id": r["point_id"], "territory_key": r["territory_key"], "entry_kind": r["entry_kind"],
            "district_code": _text(r["district_code"]), "part_of": _text(r["part_of"]),
            "lat": None if pd.isna(r["lat"]) else float(r["lat"]), "lon": None if pd.isna(r["lon"]) else float(r["lon"]),
            "count": count,
            "label": str(count) if count is not None else ("" if r["entry_kind"] == "locality" else "1"),
            "radius": round((circle_radius(count) if r["entry_kind"] != "locality" else 11.0) * grow, 1),
            # tooltip fields: plain text; Streamlit escapes {field} values inside tooltip.html
            "tt_title": _text(r["name"]) or place,
            "tt_district": f"{t('district', lang)}: {place or t('not_published', lang)}",
            "tt_count": count_text(r),
            "tt_precision": f"{t('precision', lang)}: {t('prec_' + r['precision'], lang)}",
            "tt_source": f"{t('source', lang)}: {source_text(r)}",
            "tt_extra": _text(r["address"]),
        })
        rows[-1]["tt_body"] = "\n".join(x for x in (rows[-1]["tt_district"], rows[-1]["tt_count"],
                                                     rows[-1]["tt_precision"], rows[-1]["tt_extra"]) if x)
    entries = pd.DataFrame(rows, columns=["point_id", "territory_key", "entry_kind", "district_code", "part_of",
                                          "lat", "lon", "count", "label", "radius", "tt_title", "tt_district",
                                          "tt_count", "tt_precision", "tt_source", "tt_extra", "tt_body"])
    entries["count"] = entries["count"].astype(object).where(entries["count"].notna(), None)
    mapped = entries[entries.lat.notna()]
    unmapped = entries[entries.lat.isna()]

    # --- the basemap: district boundaries -----------------------------------------------------------
    features, province_points, district_boxes = [], {}, {}
    max_products = max(per_district.values()) if per_district else 1
    for s in drawn.itertuples():
        geometry = json.loads(s.geometry)
        coords = list(_coords(geometry))
        province_points.setdefault(s.province_code, []).extend(coords)
        district_boxes.setdefault(s.province_code, []).append(Box.of(coords))
        own = s.boundary == "own"
        n = per_district.get(s.district_code, 0) if own else 0  # a 2019 outline is not the listed district
        province = province_label(s.province_code) if province_label else s.province_name
        features.append({"type": "Feature", "geometry": geometry, "properties": {
            "tt_title": s.name if own else t("map_year_2019", lang).format(name=s.name_2019),
            "tt_district": province,
            "tt_count": f"{t('unit_products', lang)}: {n}" if shade and own else "",
            "tt_precision": "", "tt_source": t("map_credit", lang), "tt_extra": "",
            "tt_body": "\n".join(x for x in (province, f"{t('unit_products', lang)}: {n}" if shade and own else "",
                                             "" if own else t("map_boundary_2019", lang)) if x),
            "fill": theme.rgba("map_shade", int(30 + 170 * n / max_products)) if shade and n
            else DISTRICT_FILL,
        }})
    layers = [pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="districts",
                        stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=DISTRICT_LINE,
                        line_width_min_pixels=1, pickable=True)]
    boxes = {code: Box.of(pts) for code, pts in province_points.items()}

    # --- where each province's total belongs: the province of the districts its parts lie in ---------
    totals_by_province: dict[str, list[str]] = {}
    for r in mapped.itertuples():
        if r.part_of and r.district_code in district_of:
            code = district_of[r.district_code].province_code
            if r.part_of not in totals_by_province.setdefault(code, []):
                totals_by_province[code].append(r.part_of)

    def province_lines(code: str) -> list[str]:
        lines = []
        for pid in totals_by_province.get(code, []):
            total = total_text(pid)
            if total:
                lines.append(t("points_at", lang).format(n=total))
            parts = mapped[(mapped.part_of == pid)]
            if (parts.entry_kind == "locality").any():
                lines.append(t("map_localities_note", lang).format(n=fmt.number(
                    int((parts.entry_kind == "locality").sum()), lang)))
        return lines

    # --- province labels, outside the province, where no other province or label is ----------------
    width, height = size or (PHONE if compact else DESKTOP)
    NAME_SIZE, NOTE_SIZE, DISTRICT_SIZE, LINE = (round(x * scale) for x in SIZES[bool(compact)])
    whole = Box.of([p for pts in province_points.values() for p in pts] +
                   [(r.lon, r.lat) for r in mapped.itertuples()])
    labels = []
    for s in drawn.drop_duplicates("province_code").itertuples():
        if boxes.get(s.province_code) is None:
            continue
        full = province_label(s.province_code) if province_label else s.province_name
        title, _, validity = full.partition(" (")  # 'Tuyên Quang' · '(đến 30/06/2025)' on a line of its own
        lines = ([f"({validity}"] if validity else []) + province_lines(s.province_code)
        if compact:  # a narrow screen: notes wrapped to short lines
            lines = [part for x in lines for part in textwrap.wrap(x, 22)]
        w = max([len(title) * NAME_SIZE * 0.58] + [len(x) * NOTE_SIZE * 0.52 for x in lines]) + 12
        h = NAME_SIZE + 6 + LINE * len(lines)
        labels.append({"code": s.province_code, "title": title, "lines": lines, "w": w, "h": h})
    notes_text = map_notes(shapes, mapped, provinces, lang)
    notes_lines = [part for x in notes_text for part in textwrap.wrap(x, 40 if compact else 64)]
    top = LINE * len(notes_lines) + 8 if notes_lines else 0
    placed = _place_labels(labels, district_boxes, whole, width, height, top) if whole is not None else {}
    names, notes = [], []
    for lab in labels:
        if lab["code"] not in placed:
            continue
        side = placed[lab["code"]]
        box = boxes[lab["code"]]
        anchor = {"south": ((box.west + box.east) / 2, box.south), "north": ((box.west + box.east) / 2, box.north),
                  "east": (box.east, (box.south + box.north) / 2), "west": (box.west, (box.south + box.north) / 2)}[side]
        # pixel offsets of the name line and each note line from the anchor, the block's text centred on it
        if side == "south":
            top, dx = GAP, 0
        elif side == "north":
            top, dx = -GAP - lab["h"], 0
        else:
            top, dx = -lab["h"] / 2, (GAP + lab["w"] / 2) * (1 if side == "east" else -1)
        names.append({"text": lab["title"], "lon": anchor[0], "lat": anchor[1], "offset": [dx, top],
                      "baseline": "top"})
        for i, line in enumerate(lab["lines"]):
            notes.append({"text": line, "lon": anchor[0], "lat": anchor[1],
                          "offset": [dx, top + NAME_SIZE + 6 + LINE * i], "baseline": "top"})
    view = placed.get("_view")

    if view is None:
        view = fit_view(whole, width, height) if whole is not None else {"latitude": 21.5, "longitude": 105.0,
                                                                          "zoom": 6.5}
    if zoom:
        view["zoom"] = zoom

    # --- district names: beside the district's marker, else at its centre; a name that would cover
    # a circle, a province label or another name at the first view is left out (zooming in shows the
    # districts' boundaries; a tap shows the name) ---------------------------------------------------
    def at(lon, lat):
        return project(view, lon, lat, width, height)

    circles = [(r.district_code, *at(r.lon, r.lat), r.radius) for r in mapped.itertuples()]
    obstacles = [(x - rad, y - rad, x + rad, y + rad) for _, x, y, rad in circles] + list(placed.get("_rects", []))
    marker = {code: rad for code, _, _, rad in circles if code}
    order = sorted(drawn.itertuples(), key=lambda s: (s.district_code not in marker, -marker.get(s.district_code, 0)))
    district_names = []
    for s in order:
        x, y = at(float(s.label_lon), float(s.label_lat))
        text = district_name(s.name, s.short_name) if s.boundary == "own" else \
            t("map_year_2019", lang).format(name=district_name(s.name_2019, s.short_name_2019))
        w, h = len(text) * DISTRICT_SIZE * 0.56 + 4, DISTRICT_SIZE + 3
        rad = marker.get(s.district_code)
        if rad:  # below, right of, left of, above its own circle
            options = [((0, rad + 2), "middle", "top"), ((rad + 3, 0), "start", "center"),
                       ((-rad - 3, 0), "end", "center"), ((0, -rad - 2), "middle", "bottom")]
        else:
            options = [((0, 0), "middle", "center")]
        own = (x - rad, y - rad, x + rad, y + rad) if rad else None
        for (dx, dy), anchor, baseline in options:
            x0 = x + dx - (w / 2 if anchor == "middle" else (w if anchor == "end" else 0))
            y0 = y + dy - (h / 2 if baseline == "center" else (h if baseline == "bottom" else 0))
            r = (x0, y0, x0 + w, y0 + h)
            if r[0] < 0 or r[2] > width or r[1] < 0 or r[3] > height:
                continue
            if any(_overlap(r, o) > 0 for o in obstacles if o is not own):
                continue
            obstacles.append(r)
            district_names.append({
                "text": text, "lon": float(s.label_lon), "lat": float(s.label_lat),
                "offset": [dx, dy], "anchor": anchor, "baseline": baseline,
                "color": INK if rad else MUTED_INK})
            break

    text_common = dict(character_set=CHARSET, font_family=FONT, size_units="'pixels'", get_position=["lon", "lat"],
                       get_text="text", get_text_anchor="'middle'", get_alignment_baseline="baseline",
                       get_pixel_offset="offset")
    layers.append(pdk.Layer("TextLayer", district_names, id="district_names", get_size=DISTRICT_SIZE,
                            get_color="color", font_weight=600, **dict(text_common, get_text_anchor="anchor"),
                            font_settings={"sdf": True}, outline_width=4, outline_color=HALO))

    if not mapped.empty:
        counted = mapped[mapped.entry_kind != "locality"].sort_values("radius", ascending=False)
        localities = mapped[mapped.entry_kind == "locality"]
        if not counted.empty:
            layers.append(pdk.Layer("ScatterplotLayer", records(counted), id="counted_points",
                                    get_position=["lon", "lat"], get_radius="radius", radius_units="'pixels'",
                                    get_fill_color=COUNT_FILL, get_line_color=INK, stroked=True,
                                    line_width_min_pixels=1.5, pickable=True))
        if not localities.empty:
            layers.append(pdk.Layer("ScatterplotLayer", records(localities), id="localities",
                                    get_position=["lon", "lat"], get_radius="radius", radius_units="'pixels'",
                                    get_fill_color=HALO, get_line_color=RING,
                                    stroked=True, line_width_min_pixels=3, pickable=True))
        labelled = mapped[mapped.label != ""]
        if not labelled.empty:
            layers.append(pdk.Layer("TextLayer", records(labelled), id="count_labels",
                                    get_position=["lon", "lat"], get_text="label", get_size=round(15 * grow),
                                    size_units="'pixels'",
                                    get_color=INK, font_weight=700, character_set=CHARSET, font_family=FONT,
                                    get_text_anchor="'middle'", get_alignment_baseline="'center'"))

    label_common = dict(text_common, background=True, get_background_color=HALO,
                        background_padding=[5, 2, 5, 2], pickable=False)
    if notes:
        layers.append(pdk.Layer("TextLayer", notes, id="province_notes", get_size=NOTE_SIZE, get_color=INK,
                                font_weight=400, **label_common))
    if names:
        layers.append(pdk.Layer("TextLayer", names, id="province_names", get_size=NAME_SIZE, get_color=INK,
                                font_weight=700, **label_common))
    if notes_lines:  # centred at the canvas's top, above the data (the view keeps that room free): a canvas
        # narrower or wider than the one the view was fitted to keeps its middle
        lon, lat = unproject(view, width / 2, MARGIN, width, height)
        layers.append(pdk.Layer("TextLayer", [{"text": line, "lon": lon, "lat": lat, "offset": [0, LINE * i]}
                                              for i, line in enumerate(notes_lines)], id="map_notes",
                                get_size=NOTE_SIZE, get_color=INK, font_weight=600,
                                **dict(label_common, get_alignment_baseline="'top'")))

    deck = FrozenDeck(
        # map_provider=None and the default map_style: Streamlit then draws no basemap (map_style=None would
        # make it fetch its default Carto style from the internet); the boundaries are the basemap
        layers=layers, map_provider=None,
        initial_view_state=pdk.ViewState(**view),
        # one text field for the lines a place has (no empty lines); its line breaks show (pre-line)
        tooltip={"html": "<b>{tt_title}</b><br/>{tt_body}<br/><i>{tt_source}</i>",
                 "style": {"backgroundColor": theme.TEXT, "color": theme.PAPER, "fontSize": "14px",
                           "maxWidth": "min(320px, 80vw)", "whiteSpace": "pre-line", "lineHeight": "1.4"}},
    )
    return deck, mapped, unmapped
