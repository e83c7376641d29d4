"""Every province of Việt Nam, by name or code: the reference list ``geo/provinces.csv`` (63 before
01/07/2025, 34 from then; its README says where each fact comes from).

- ``recognise("Dien Bien")``, ``recognise("tỉnh Điện Biên")``, ``recognise("11")``: the province a cell names;
- ``in_title("UBND TỈNH ĐIỆN BIÊN")``: the province a list's title row names ('tỉnh X', or 'thành phố X' for
  the centrally-run cities only: 'UBND THÀNH PHỐ SƠN LA' is a district-level city);
- ``closest("Dien Bin")``: the three real names nearest to one that is not a province;
- ``territory_rows(key)``: the ``territory.csv`` rows that add a province to the data, with the territories of
  its merger (its predecessors, or the province it became part of and that province's other predecessors),
  since figures are compared only within one territory (RULES.md §2).
"""
from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from . import paths
from .text import fold_words, nfc

REFORM = "2025-07-01"
SOURCE_ID = "luatvietnam-202-2025"  # Resolution 202/2025/QH15 (source.csv): the territories and their mergers


@dataclass(frozen=True)
class Province:
    key: str  # territory key: '14', '08' (until 30/06/2025), '02', '08-2025'
    code: str  # the statistics office's code
    name: str  # 'Điện Biên', 'Hà Nội'
    full_name: str  # 'Tỉnh Điện Biên', 'Thành phố Hà Nội'
    valid_from: str  # '' or '2025-07-01'
    valid_to: str  # '' or '2025-06-30'
    predecessors: tuple[str, ...]  # territory keys, for a province formed by merging
    successor: str  # the key of the province it became part of ('' when it continues)

    @property
    def city(self) -> bool:
        """A centrally-run city ('Thành phố Hà Nội'): 'thành phố X' names it in a title."""
        return self.full_name.startswith("Thành phố")

    @property
    def current(self) -> bool:
        return not self.valid_to


@lru_cache(maxsize=1)
def reference() -> dict[str, Province]:
    """Every territory of the reference list by key (a province not merged is one territory)."""
    with open(paths.GEO_DIR / "provinces.csv", encoding="utf-8", newline="") as fh:
        rows = [{k: nfc(v) for k, v in r.items()} for r in csv.DictReader(fh)]
    out: dict[str, Province] = {}
    for r in rows:
        if r["territory_key"] in out and r["period"] == "before_2025":
            continue
        out[r["territory_key"]] = Province(
            key=r["territory_key"], code=r["code"], name=r["name"], full_name=r["full_name"],
            valid_from=r["valid_from"], valid_to=r["valid_to"],
            predecessors=tuple(p for p in r["predecessor_keys"].split(";") if p),
            successor="" if r["successor_key"] == r["territory_key"] else r["successor_key"])
    return out


def get(key: str) -> Province | None:
    return reference().get(key)


def _by_name() -> dict[str, list[Province]]:
    out: dict[str, list[Province]] = {}
    for p in reference().values():
        out.setdefault(fold_words(p.name), []).append(p)
    return out


def _valid_at(found: list[Province], when: str) -> Province:
    """Of the territories sharing a name (Tuyên Quang until 30/06/2025 and from 01/07/2025), the one valid at
    ``when`` (an ISO date or year), else today's."""
    if len(found) > 1 and when:
        day = when[:10] if len(when) >= 10 else f"{when[:4]}-12-31"
        for p in found:
            if (not p.valid_from or p.valid_from <= day) and (not p.valid_to or day <= p.valid_to):
                return p
    return next((p for p in found if p.current), found[0])


_PREFIX = re.compile(r"^(?:(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan|so [a-z ]+? )\s*)?"
                     r"(?:tinh|thanh pho|tp)\s+")


def recognise(text: str, when: str = "") -> Province | None:
    """The province a cell names: a territory key or code ('11', '08-2025'), or a name with or without
    diacritics and its kind ('Dien Bien', 'tỉnh Điện Biên', 'UBND TỈNH ĐIỆN BIÊN', 'TP Hồ Chí Minh').
    A code or name shared by a territory before and after 01/07/2025 gives the one valid at ``when``."""
    if not text or not text.strip():
        return None
    raw = nfc(text)
    ref = reference()
    if raw in ref:
        return ref[raw]
    m = re.fullmatch(r"(?:mã\s*(?:tỉnh)?\s*:?\s*)?(\d{1,2})", raw, re.I)
    if m:
        code = m.group(1).zfill(2)
        found = [p for p in ref.values() if p.code == code]
        return _valid_at(found, when) if found else None
    words = fold_words(raw)
    found = _by_name().get(words) or _by_name().get(_PREFIX.sub("", words))
    return _valid_at(found, when) if found else None


def in_title(text: str, when: str = "") -> Province | None:
    """The province a title row names: 'UBND TỈNH ĐIỆN BIÊN', 'Danh sách sản phẩm OCOP tỉnh Điện Biên năm
    2024', 'THÀNH PHỐ HÀ NỘI'. 'Thành phố X' names a province only for the centrally-run cities; a name alone
    ('huyện Điện Biên') names none. The longest name wins ('Bà Rịa - Vũng Tàu' over 'Vũng Tàu')."""
    words = " " + fold_words(text) + " "
    best: tuple[int, int, list] | None = None
    for name, found in _by_name().items():
        for kind in ("tinh", "thanh pho", "tp"):
            if kind != "tinh" and not any(p.city for p in found):
                continue
            at = words.find(f" {kind} {name} ")
            if at >= 0 and (best is None or len(name) > best[1]):
                best = (at, len(name), [p for p in found if kind == "tinh" or p.city])
    return _valid_at(best[2], when) if best else None


def closest(text: str, n: int = 3) -> list[str]:
    """The ``n`` real province names (before or after 01/07/2025) nearest to ``text``."""
    words = _PREFIX.sub("", fold_words(text or ""))
    names: dict[str, str] = {}
    for p in reference().values():
        names.setdefault(fold_words(p.name), p.name)
    ranked = sorted(names, key=lambda k: (-difflib.SequenceMatcher(None, words, k).ratio(), k))
    return [names[k] for k in ranked[:n]]


def territory_rows(key: str) -> list[dict]:
    """``territory.csv`` rows that bring a province into the data: today's province it is or became part of,
    then that province's predecessors (each valid until 30/06/2025, naming its successor)."""
    ref = reference()
    p = ref[key]
    today = ref[p.successor] if p.successor else p
    out = [_row(today)]
    for pred in today.predecessors:
        out.append(_row(ref[pred]))
    return out


def _row(p: Province) -> dict:
    merged_from = [reference()[k].name for k in p.predecessors]
    if p.predecessors:
        note = (f"{p.name} from 01/07/2025: formed from {' and '.join(merged_from)} (Resolution 202/2025/QH15).",
                f"Tỉnh {p.name} từ 01/07/2025: hình thành từ {' và '.join(merged_from)} (Nghị quyết 202/2025/QH15)."
                if not p.city else f"Thành phố {p.name} từ 01/07/2025: hình thành từ {' và '.join(merged_from)} "
                f"(Nghị quyết 202/2025/QH15).")
    elif p.successor:
        into = reference()[p.successor].name
        note = (f"{p.full_name} before 01/07/2025; merged into {into} (Resolution 202/2025/QH15).",
                f"{p.full_name} trước 01/07/2025; hợp nhất vào {into} (Nghị quyết 202/2025/QH15).")
    else:
        note = ("Not merged by the 2025 reform (Resolution 202/2025/QH15).",
                "Không sáp nhập trong đợt sắp xếp năm 2025 (Nghị quyết 202/2025/QH15).")
    return {"territory_key": p.key, "code": p.code, "name_vi": p.name, "name_en": p.name, "level": "province",
            "valid_from": p.valid_from, "valid_from_precision": "day" if p.valid_from else "undated",
            "valid_to": p.valid_to, "valid_to_precision": "day" if p.valid_to else "undated",
            "predecessors": ";".join(p.predecessors), "successor": p.successor, "lat": "", "lon": "",
            "coords_source_id": "", "source_id": SOURCE_ID,
            "note": note[0] + " Added from the reference list of provinces (ocop_data/geo/provinces.csv).",
            "note_vi": note[1] + " Thêm từ danh mục tỉnh (ocop_data/geo/provinces.csv)."}
