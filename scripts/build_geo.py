"""Build the administrative geography in ocop_data/geo/ from the two public repositories it comes from.

    python scripts/build_geo.py OLD_GIT_DIR NEW_GIT_DIR

OLD_GIT_DIR: a git directory of github.com/daohoangson/dvhcvn (GPL-3.0): ``data/dvhcvn.json`` (the statistics
office's list of 01/03/2025: provinces, districts, communes) and ``data/gis/<code>.json`` (district polygons
from gis.chinhphu.vn, 2019). NEW_GIT_DIR: a git directory of github.com/dvhcvn/20250701 (MIT):
``input/docs/915_CTK-CSCL.csv`` (the 34 provinces' codes), ``input/docs/1027_CTK-CSCL.md`` (the communes from
01/07/2025), ``input/docs/60-NQ_TW.md`` (the list of which provinces merge) and ``mapping/merges.json``
(machine-extracted: new communes from old ones).

Run once when the sources change; the app never runs it (no geometry library at run time: the polygons are
simplified here with a small Douglas-Peucker). Every file it writes is described, with its origin and
licence, in ocop_data/geo/README.md.
"""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ocop_data" / "geo"
TOLERANCE = 0.003  # degrees, about 300 m, as the first three provinces were simplified
DIGITS = 4  # decimals kept (about 10 m)


def show(git_dir: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip()


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d").replace("Đ", "d"))
    return " ".join("".join(c for c in s if unicodedata.category(c) != "Mn").split())


def full_new_name(name: str) -> str:
    """'Cao Bằng' -> 'Tỉnh Cao Bằng'; 'Thành phố Huế' stays (the letter 915/CTK-CSCL names cities in full)."""
    name = nfc(name)
    return name if name.startswith("Thành phố") else f"Tỉnh {name}"


def short(name: str) -> str:
    return re.sub(r"^(Tỉnh|Thành phố)\s+", "", nfc(name))


# --- Douglas-Peucker ----------------------------------------------------------------------------

def _dist(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify_line(points: list, tol: float) -> list:
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, None
        for k in range(i + 1, j):
            d = _dist(points[k], points[i], points[j])
            if d > best:
                best, at = d, k
        if at is not None and best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list, tol: float) -> list | None:
    """A closed ring, simplified and rounded; None when it shrinks below a triangle (a tiny island)."""
    out = []
    for x, y in simplify_line([tuple(p[:2]) for p in ring], tol):
        q = [round(x, DIGITS), round(y, DIGITS)]
        if not out or q != out[-1]:
            out.append(q)
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def simplify_geometry(coords: list) -> dict:
    """MultiPolygon coordinates -> a simplified Polygon or MultiPolygon (rings too small are dropped)."""
    polys = []
    for poly in coords:
        outer = simplify_ring(poly[0], TOLERANCE)
        if outer is None:
            continue
        holes = [h for h in (simplify_ring(r, TOLERANCE) for r in poly[1:]) if h]
        polys.append([outer] + holes)
    if not polys:  # every part smaller than the tolerance: keep the largest part, less simplified
        big = max(coords, key=lambda p: abs(_area(p[0])))
        polys = [[simplify_ring(big[0], TOLERANCE / 10) or big[0]]]
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def _area(ring) -> float:
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2


def centroid(coords: list) -> tuple[float, float]:
    """The area centroid of a MultiPolygon's outer rings minus holes (lat, lon)."""
    a_sum = cx = cy = 0.0
    for poly in coords:
        for n, ring in enumerate(poly):
            sign = 1 if n == 0 else -1
            a = _area(ring)
            if a == 0:
                continue
            x = sum((ring[i][0] + ring[i + 1][0]) * (ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1])
                    for i in range(len(ring) - 1)) / (6 * a)
            y = sum((ring[i][1] + ring[i + 1][1]) * (ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1])
                    for i in range(len(ring) - 1)) / (6 * a)
            w = sign * abs(a)
            a_sum += w
            cx += w * x
            cy += w * y
    return round(cy / a_sum, 4), round(cx / a_sum, 4)


# --- provinces ----------------------------------------------------------------------------------

def provinces(old: list, new_git: str) -> tuple[list[dict], dict]:
    """The 63 provinces before 01/07/2025 and the 34 from then, with which old ones formed each new one."""
    new = list(csv.DictReader(show(new_git, "input/docs/915_CTK-CSCL.csv").splitlines()))
    old_by_fold = {fold(short(p["name"])): p["level1_id"] for p in old}
    new_by_fold = {fold(short(r["Tên 34 tỉnh sau sáp nhập"])): r["Mã số"] for r in new}
    # 60-NQ/TW, appendix: I. the provinces not merged; II. 'Hợp nhất tỉnh A và tỉnh B, lấy tên là tỉnh X'
    text = show(new_git, "input/docs/60-NQ_TW.md")
    text = re.sub(r"\s+", " ", text.replace("\\", ""))
    part1 = text[text.index("I- Các đơn vị hành chính cấp tỉnh không thực hiện"):text.index("II- Các đơn vị")]
    part2 = text[text.index("II- Các đơn vị"):]
    formed: dict[str, list[str]] = {}
    for name in re.findall(r"\d+\. (?:Tỉnh|Thành phố) ([^.]+)\.", part1):
        formed[new_by_fold[fold(name)]] = [old_by_fold[fold(name)]]
    for olds, newname in re.findall(r"\d+\. Hợp nhất (.+?)[,;] lấy tên là (.+?), trung tâm", part2):
        names = [fold(n) for n in re.split(r",|\bvà\b", olds)]
        names = [re.sub(r"^(tinh|thanh pho)\s+", "", n.strip()) for n in names if n.strip()]
        code = new_by_fold[re.sub(r"^(tinh|thanh pho)\s+", "", fold(newname))]
        formed[code] = [old_by_fold[n] for n in names]
    # the machine-made mapping of dvhcvn/20250701 must agree (it was built from the same lists)
    merges = json.loads(show(new_git, "mapping/merges.json"))["data"]
    for p in merges:
        machine = sorted(m["old_id"] for m in p["merges"])
        if machine != sorted(formed[p["level1_id"]]):
            raise SystemExit(f"{p['level1_id']}: 60-NQ/TW gives {formed[p['level1_id']]}, merges.json {machine}")
    rows = []
    successor = {o: n for n, olds in formed.items() for o in olds}
    if sorted(successor) != sorted(p["level1_id"] for p in old) or len(successor) != 63:
        raise SystemExit("not every old province maps to exactly one new one")
    names_new = {r["Mã số"]: nfc(r["Tên 34 tỉnh sau sáp nhập"]) for r in new}

    def key(new_code: str) -> str:
        return new_code if formed[new_code] == [new_code] else f"{new_code}-2025"

    for p in old:
        code = p["level1_id"]
        rows.append({"period": "before_2025", "code": code, "name": short(p["name"]),
                     "full_name": nfc(p["name"]), "territory_key": code,
                     "successor_key": key(successor[code]), "predecessor_keys": "",
                     "valid_from": "", "valid_to": "" if key(successor[code]) == code else "2025-06-30"})
    for code in sorted(formed):
        full = full_new_name(names_new[code])
        merged = formed[code] != [code]
        rows.append({"period": "from_2025", "code": code, "name": short(full), "full_name": full,
                     "territory_key": key(code), "successor_key": "",
                     "predecessor_keys": ";".join(sorted(formed[code], key=lambda c: (c != code, c))) if merged
                     else "",
                     "valid_from": "2025-07-01" if merged else "", "valid_to": ""})
    return rows, {o: names_new[n] for o, n in successor.items()}


# --- communes -----------------------------------------------------------------------------------

def communes_pre2025(old: list) -> list[dict]:
    out = []
    for p in old:
        for d in p["level2s"]:
            for c in d["level3s"]:
                out.append({"province_code": p["level1_id"], "province": nfc(p["name"]),
                            "district_code": d["level2_id"], "district": nfc(d["name"]),
                            "commune_code": c["level3_id"], "commune": nfc(c["name"]), "type": nfc(c["type"])})
    return out


def districts_pre2025(old: list) -> list[dict]:
    """Every district-level unit of 01/03/2025, with or without communes (island districts have none)."""
    return [{"province_code": p["level1_id"], "province": nfc(p["name"]), "district_code": d["level2_id"],
             "district": nfc(d["name"]), "type": nfc(d["type"])} for p in old for d in p["level2s"]]


def communes_2025(new_git: str) -> list[dict]:
    """Appendix I of 1027/CTK-CSCL (markdown tables): code, name, province, in the letter's order."""
    new = list(csv.DictReader(show(new_git, "input/docs/915_CTK-CSCL.csv").splitlines()))
    codes = {fold(short(r["Tên 34 tỉnh sau sáp nhập"])): r["Mã số"] for r in new}
    full = {r["Mã số"]: full_new_name(r["Tên 34 tỉnh sau sáp nhập"]) for r in new}
    out = []
    for line in show(new_git, "input/docs/1027_CTK-CSCL.md").splitlines():
        cells = [re.sub(r"\s+", " ", re.sub(r"<br\s*/?>", " ", c)).strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not re.fullmatch(r"\d+", cells[0]) or not re.fullmatch(r"\d{5}", cells[1]):
            continue
        name = nfc(cells[2])
        code = codes[fold(short(re.sub(r"^Tp\.? ", "Thành phố ", nfc(cells[3]))))]
        out.append({"province_code": code, "province": full[code],
                    "commune_code": cells[1], "commune": name})
    return out


def communes_from_old(new_git: str, pre: list[dict]) -> list[dict]:
    by_code = {c["commune_code"]: c for c in pre}
    merges = json.loads(show(new_git, "mapping/merges.json"))["data"]
    out = []
    for p in merges:
        for c in p["level2s"]:
            for m in c["merges"]:
                o = by_code.get(m["old_id"], {})
                out.append({"province_code": p["level1_id"], "province": nfc(p["name"]),
                            "commune_code": c["level2_id"], "commune": nfc(c["name"]),
                            "old_commune_code": m["old_id"], "old_commune": nfc(m["name"]),
                            "old_district_code": o.get("district_code", ""), "old_district": o.get("district", ""),
                            "old_province_code": o.get("province_code", ""), "old_province": o.get("province", ""),
                            "share": m["type"]})
    return out


# --- district boundaries ------------------------------------------------------------------------

def districts(old_git: str, old: list, new_name_of: dict) -> tuple[dict, list[str]]:
    features, missing = [], []
    for p in old:
        code = p["level1_id"]
        try:
            gis = json.loads(show(old_git, f"data/gis/{code}.json"))
        except subprocess.CalledProcessError:
            missing.append(code)
            continue
        for d in gis["level2s"]:
            coords = d["coordinates"] if d["type"] == "MultiPolygon" else [d["coordinates"]]
            lat, lon = centroid(coords)
            features.append({"type": "Feature", "properties": {
                "province_code": code, "province": short(p["name"]), "district_code": d["level2_id"],
                "district": nfc(d["name"]), "merged_into_from_2025_07_01": new_name_of[code],
                "centroid_lat": lat, "centroid_lon": lon}, "geometry": simplify_geometry(coords)})
    return features, missing


def check_composition(prov: list[dict], pre: list[dict], new_communes: list[dict]) -> None:
    """An independent check from the official codes alone: a commune from 01/07/2025 mostly keeps the code
    of one of the communes it was formed from, so the old provinces of those codes are the new province's
    predecessors, exactly."""
    old_province = {c["commune_code"]: c["province_code"] for c in pre}
    seen: dict[str, set] = {}
    for c in new_communes:
        if c["commune_code"] in old_province:
            seen.setdefault(c["province_code"], set()).add(old_province[c["commune_code"]])
    for r in prov:
        if r["period"] == "from_2025":
            expected = set((r["predecessor_keys"] or r["code"]).split(";"))
            if seen.get(r["code"]) != expected:
                raise SystemExit(f"{r['code']}: the commune codes say {seen.get(r['code'])}, the list {expected}")


def write_csv(name: str, rows: list[dict]) -> None:
    with open(OUT / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(old_git: str, new_git: str) -> None:
    old = json.loads(show(old_git, "data/dvhcvn.json"))["data"]
    prov, new_name_of = provinces(old, new_git)
    write_csv("provinces.csv", prov)
    write_csv("districts_pre2025.csv", districts_pre2025(old))
    pre = communes_pre2025(old)
    write_csv("communes_pre2025.csv", pre)
    new_communes = communes_2025(new_git)
    check_composition(prov, pre, new_communes)
    write_csv("communes_2025.csv", new_communes)
    write_csv("communes_2025_from_old.csv", communes_from_old(new_git, pre))
    features, missing = districts(old_git, old, new_name_of)
    note = ("District boundaries of the provinces before 1 July 2025 (when the district level was abolished), "
            f"simplified (tolerance {TOLERANCE} degrees) from data/gis/<province code>.json of the public repository "
            "daohoangson/dvhcvn (GPL-3.0), which took them from the government administrative map portal "
            "gis.chinhphu.vn. The polygons date from 2019: names are as of then."
            + (f" No boundaries for province codes {', '.join(missing)} (the file is absent from the copy used)."
               if missing else ""))
    gj = {"type": "FeatureCollection", "note": note, "missing_provinces": missing, "features": features}
    (OUT / "districts_pre2025.geojson").write_text(json.dumps(gj, ensure_ascii=False, separators=(",", ":")),
                                                    encoding="utf-8")
    print(f"{len(prov)} province rows, {len(pre)} old communes, {len(features)} district polygons; "
          f"no boundaries: {missing}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
