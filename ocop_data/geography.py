"""The administrative geography in ``ocop_data/geo/`` (see its README for sources and licences).

Districts (before 01/07/2025) are the statistics office's list of 01/03/2025 (``districts_pre2025.csv``),
joined by code to the 2019 polygons (``districts_pre2025.geojson``):
- a listed district whose polygon is its own (same code and the same proper name; 'Huyện Mộc Châu' in 2019
  and 'Thị xã Mộc Châu' in 2025 are one place) has ``boundary = "own"``;
- a listed district with no polygon, or whose code's 2019 polygon was another unit (Huế's 474 was the whole
  'Thành phố Huế' in 2019 and is 'Quận Thuận Hóa' in 2025), has ``boundary = None``: the map names it as
  having no boundary, and nothing is placed at a centroid it does not have;
- a 2019 polygon with no district of its name in the 2025 list keeps its 2019 name, ``boundary = "2019"``
  (``listed = False`` when its code left the list too, e.g. Yên Dũng, merged in 2025).
A province the polygons do not cover (Quảng Ninh, 22) has no boundaries at all; the map says so.

``district_in_address`` is the one reading of a district from a postal address.
"""
from __future__ import annotations

import csv
import json
import re
from functools import lru_cache

from . import paths
from .text import fold, fold_words, nfc

_UNIT = re.compile(r"^(huyện|quận|thành phố|thị xã|tp\.?)\s+", re.I)


def short_name(name: str) -> str:
    """'Huyện Mộc Châu' -> 'Mộc Châu'; 'Thị Xã Việt Yên' -> 'Việt Yên'."""
    return _UNIT.sub("", nfc(name))


def _rows(name: str) -> list[dict]:
    with open(paths.GEO_DIR / name, encoding="utf-8-sig", newline="") as fh:
        return [{k: nfc(v) for k, v in r.items()} for r in csv.DictReader(fh)]


def _flatten(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [coords]
    out = []
    for c in coords:
        out.extend(_flatten(c))
    return out


@lru_cache(maxsize=1)
def _load(mtimes: tuple) -> dict:
    gj = json.loads(paths.DISTRICTS_GEOJSON.read_text(encoding="utf-8"))
    pre = _rows("communes_pre2025.csv")
    successor = {r["code"]: r["successor_key"] for r in _rows("provinces.csv") if r["period"] == "before_2025"}
    new_name = {r["territory_key"]: r["name"] for r in _rows("provinces.csv") if r["period"] == "from_2025"}
    listed = {d["district_code"]: d for d in _rows("districts_pre2025.csv")}
    polygons = {f["properties"]["district_code"]: f for f in gj["features"]}
    bounds: dict = {}
    districts = []

    def row(code: str, province_code: str, province: str, name: str) -> dict:
        return {"district_code": code, "province_code": province_code, "name": name, "short_name": short_name(name),
                "province_name": re.sub(r"^(Tỉnh|Thành phố)\s+", "", province),
                "merged_into": new_name.get(successor.get(province_code, ""), ""),
                "listed": True, "boundary": None, "name_2019": None, "short_name_2019": None,
                "centroid_lat": None, "centroid_lon": None, "label_lat": None, "label_lon": None, "geometry": None}

    def shape(d: dict, feat: dict) -> None:
        p = feat["properties"]
        d["geometry"] = json.dumps(feat["geometry"], separators=(",", ":"))
        d["label_lat"], d["label_lon"] = float(p["centroid_lat"]), float(p["centroid_lon"])
        coords = _flatten(feat["geometry"]["coordinates"])
        lons, lats = [c[0] for c in coords], [c[1] for c in coords]
        b = bounds.setdefault(d["province_code"], [min(lats), max(lats), min(lons), max(lons)])
        b[0], b[1] = min(b[0], min(lats)), max(b[1], max(lats))
        b[2], b[3] = min(b[2], min(lons)), max(b[3], max(lons))

    for code, c in listed.items():
        d = row(code, c["province_code"], c["province"], c["district"])
        feat = polygons.get(code)
        if feat is not None:
            old = nfc(feat["properties"]["district"])
            shape(d, feat)
            if fold(short_name(old)) == fold(d["short_name"]):
                d["boundary"] = "own"
                d["centroid_lat"], d["centroid_lon"] = d["label_lat"], d["label_lon"]
            else:  # the code's 2019 polygon was another unit: drawn under that name, this one has none
                d.update(boundary="2019", name_2019=old, short_name_2019=short_name(old))
        districts.append(d)
    province_names = {d["province_code"]: d["province"] for d in listed.values()}
    for code, feat in polygons.items():
        if code in listed:
            continue
        p = feat["properties"]
        d = row(code, p["province_code"], province_names.get(p["province_code"], p["province"]), nfc(p["district"]))
        d.update(listed=False, boundary="2019", name_2019=d["name"], short_name_2019=d["short_name"])
        shape(d, feat)
        d["centroid_lat"], d["centroid_lon"] = d["label_lat"], d["label_lon"]  # the 2019 unit's own centre
        districts.append(d)
    return {
        "districts": districts,
        "bounds": bounds,
        "no_boundaries": list(gj.get("missing_provinces", [])),
        "communes_2025": _rows("communes_2025.csv"),
        "communes_pre2025": pre,
        "communes_2025_from_old": _rows("communes_2025_from_old.csv"),
        "note": gj.get("note", ""),
    }


def load_geo() -> dict:
    """Districts (listed and 2019), a bounding box per province code with boundaries, the commune lists.

    Read once per version of the files (the dicts are shared: callers copy before changing one)."""
    files = sorted(paths.GEO_DIR.glob("*"))
    return _load(tuple((f.name, f.stat().st_mtime_ns) for f in files))


def district_in_address(address: str, districts: list[dict]) -> dict | None:
    """The district an address names ('Bản X, xã Y, huyện Điện Biên, tỉnh Điện Biên'), among ``districts``
    (those of the province the row belongs to); None when it names none of them.

    The words after 'huyện', 'quận', 'thị xã', 'thành phố' or 'TP' are compared on the folded key with the
    districts' names (their 2025 and 2019 names), the longest name that begins them winning ('Điện Biên Phủ'
    before 'Điện Biên'); a listed district wins over a 2019 one of the same name. Nothing else is guessed."""
    if not address:
        return None
    by_name: dict[str, dict] = {}
    for d in sorted(districts, key=lambda d: not d["listed"]):
        for name in (d["short_name"], short_name(d["name_2019"] or "")):
            if name:
                by_name.setdefault(fold_words(name), d)
    names = sorted(by_name, key=len, reverse=True)
    for m in re.finditer(r"(?:^|[,;.\-–(]|\s)(?:huyện|quận|thị xã|thành phố|tp\.?)\s*([^,;()\n]+)", address, re.I):
        words = fold_words(m.group(1)) + " "
        for name in names:
            if words.startswith(name + " "):
                return by_name[name]
    return None
