"""A province the upload names that the data does not hold yet (issue 16 §2).

Any of the 63 provinces before 01/07/2025 and the 34 from then is recognised (``ocop_data.provinces``: a
name with or without diacritics, 'UBND TỈNH ĐIỆN BIÊN' in a title row, or a code). One not yet in the
data is added only on the editor's confirmation: the preview asks (one question per province, and that
province's rows wait), the Data page answers with a checkbox, the command line with ``--yes``. A confirmed
province comes with the territories of its merger (``provinces.territory_rows``). A name that is no province
lists the three closest real ones.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import provinces
from .known import Known

if TYPE_CHECKING:
    from .preview import Preview

CONFIRM = "add_province"  # the whole-file value: the territory keys the editor confirmed, ';'-separated


def confirmed_keys(*choices: dict | None) -> list[str]:
    """The provinces confirmed in a saved mapping's whole-file values or the command line's overrides."""
    out: list[str] = []
    for values in choices:
        for key in str((values or {}).get(CONFIRM) or "").split(";"):
            key = key.strip()
            if key and provinces.get(key) and key not in out:
                out.append(key)
    return out


def add_confirmed(known: Known, keys: list[str]) -> list[dict]:
    """Territory rows for the confirmed provinces not yet recorded (added to ``known`` at once, so every row of
    the upload finds them); the rows the preview will write."""
    added = []
    for key in keys:
        for row in provinces.territory_rows(key):
            if row["territory_key"] not in known.rows["territory"]:
                known.add("territory", row)
                added.append(row)
    return added


def resolve(known: Known, text: str, when: str = "") -> tuple[str | None, provinces.Province | None]:
    """(the territory key in the data the text names, or None; the province of the reference list it names,
    or None). A province the data does not hold gives (None, that province)."""
    key = known.territory(text, when)
    if key:
        return key, provinces.get(key)
    p = provinces.recognise(text, when)
    if p is None:
        return None, None
    return (p.key if p.key in known.rows["territory"] else None), p


def in_title(title: list[tuple[int, str]], when: str = "") -> dict | None:
    """The province a title row names, when the data does not hold it yet ('UBND TỈNH ĐIỆN BIÊN'): a hint
    {"value": territory key, "row", "text"} for the mapping step."""
    for number, text in title:
        p = provinces.in_title(text, when)
        if p is not None:
            return {"value": p.key, "row": number, "text": text}
    return None


def ask(prev: Preview, p: provinces.Province, sheet: str, row: int | None, column: str | None) -> None:
    """One question per province: add it to the data? (its rows wait for the answer)."""
    if p.key in prev.new_provinces:
        return
    prev.new_provinces.append(p.key)
    today = provinces.get(p.successor) or p
    merged = " + ".join(provinces.get(k).name for k in today.predecessors)
    prev.issue(sheet, row, column, "province_not_in_data", name=p.name, full_name=p.full_name, code=p.code,
               merged=f" ({merged} → {today.name}, 01/07/2025)" if merged else "")


def unknown(prev: Preview, sheet: str, row: int | None, column: str | None, value: str) -> None:
    prev.issue(sheet, row, column, "unknown_province", value=value, closest=", ".join(provinces.closest(value)))
