"""Who issued a list, from its title rows, and so the level of its recognitions.

"UBND HUYỆN X", "ỦY BAN NHÂN DÂN THỊ XÃ X" or "HỘI ĐỒNG … CẤP HUYỆN" is a district's list (district X,
checked to belong to the chosen province); "UBND TỈNH X" a province's. "UBND XÃ X" or "CẤP XÃ" is a
commune's: the data records the level of the recognising decision (district, province or national),
never a commune, so such a list's level is not guessed: the preview asks for the level of the decision
that recognised them.

A level read from the title holds for the ratings that level grants: a district recognises 3 stars,
a province up to 4 stars and "potential 5 stars"; any other row keeps the usual level of its rating
(said in its quote).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .known import Known
from .values import fold

if TYPE_CHECKING:
    from .plan import Plan
    from .preview import Preview

GRANTS = {"district": {"3"}, "province": {"3", "4", "5p"}, "national": {"3", "4", "5", "5p"}}
_UNIT = r"(huyen|quan|thi xa|thanh pho|tinh|xa|phuong|thi tran)"
_AUTHORITY = re.compile(r"\b(?:ubnd|uy ban nhan dan)\s+" + _UNIT + r"\s+([a-z0-9][^,;.:(/-]*)")
# where a unit's name ends when a one-line title goes on: "UBND HUYỆN X TỈNH Y", "… X NĂM 2023", "… X DANH SÁCH"
_NAME_END = re.compile(r"\s+(?:tinh|thanh pho|nam\s+\d|danh sach|quyet dinh|ve viec|so\s*\d|ngay\s+\d)\b.*$")
_COUNCIL = re.compile(r"\bcap\s+(huyen|xa)\b")
_LEVEL = {"huyen": "district", "quan": "district", "thi xa": "district", "tinh": "province", "xa": "commune",
          "phuong": "commune", "thi tran": "commune"}


def read_issuer(title: list[tuple[int, str]], known: Known) -> dict:
    """{"level", "name" (folded), "shown" (as written), "row", "text"} of the first title row naming its
    issuer ({} when none does)."""
    for number, text in title:
        f = fold(text)
        m = _AUTHORITY.search(f)
        if m:
            unit, name = m.group(1), _NAME_END.sub("", m.group(2)).strip()
            words = name.split()
            for k in range(len(words), 0, -1):  # the longest run of words that names a district somewhere
                if _districts_named(" ".join(words[:k]), known):
                    name = " ".join(words[:k])
                    break
            level = _LEVEL.get(unit)
            shown = text[m.start(2):m.start(2) + len(name)] if len(f) == len(text) else name.title()
            if unit == "thanh pho":  # a city: a province's (Hà Nội) or a district's (Sơn La city)
                level = "district" if _districts_named(name, known) else "province"
            return {"level": level, "name": name, "shown": shown, "row": number, "text": text}
        m = _COUNCIL.search(f)
        if m:
            return {"level": _LEVEL[m.group(1)], "name": "", "shown": "", "row": number, "text": text}
    return {}


def _districts_named(name: str, known: Known) -> list[str]:
    """The provinces of the data that have a (pre-2025) district of this folded name."""
    return [k for k, t in known.rows["territory"].items() if t.get("level") == "province" and known.district(name, k)]


def check_issuer(prev: Preview, plan: Plan, known: Known) -> None:
    """A district's list whose district is not in the chosen province is said (a warning); a commune's
    list needs the level of its recognitions from a person (or a column)."""
    issuer = plan.issuer
    if not issuer:
        return
    stated = bool(plan.file.get("level")) or any(c.field == "level" for s in plan.products_sheets()
                                                 for c in s.columns)
    if issuer["level"] == "commune" and not stated:
        prev.issue("", issuer["row"], None, "commune_level", row=issuer["row"], text=issuer["text"][:120])
    if issuer["level"] != "district" or not issuer["name"] or not plan.file.get("province"):
        return
    terr = known.territory(plan.file["province"], "")
    if not terr or known.district(issuer["name"], terr):
        return
    names = known.rows["territory"]
    district = issuer["shown"]
    elsewhere = _districts_named(issuer["name"], known)
    if elsewhere:
        prev.note("", issuer["row"], None, "title_district_elsewhere", row=issuer["row"], text=issuer["text"][:120],
                  district=district, other=names[elsewhere[0]]["name_vi"], province=names[terr]["name_vi"])
    else:
        prev.note("", issuer["row"], None, "title_district_unknown", row=issuer["row"], district=district,
                  province=names[terr]["name_vi"])
