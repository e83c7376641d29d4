"""Possible duplicates, decided by a person, never guessed (RULES.md §5).

A new product whose name is the same as, or close to, a recorded one ("Gạo Séng cù Trường Hương" ~
"Gạo séng cù Trường Hương Điện Biên") is not added until a person says which it is: the same
product (its evaluations then join the recorded product's history) or another one (added as new).
Undecided, the row is left out with a message; ``--yes`` alone never adds it. A choice names the
row as the preview shows it, sheet and row number (the command line's ``--same SHEET:ROW=ID`` and
``--different SHEET:ROW``). A product of the file on several rows is decided once, on its first.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..messages import Refused
from .values import fold

if TYPE_CHECKING:
    from .preview import Preview

SIMILAR = 0.82  # difflib ratio of the folded names from which two names may be one product
_VARIANT = re.compile(r"\d|^\w$")  # a word with a digit ("2", "0-1", "a1") or a single letter


@dataclass
class Possible:
    """A new product of the file that may be a recorded one, and what a person decided."""
    sheet: str
    row: int
    label: str  # the name in the file
    other: str  # the recorded product's name
    other_id: str
    decision: str = ""  # "" (undecided: left out), "same" or "different"

    @property
    def where(self) -> str:
        return f"{self.sheet}:{self.row}"


@dataclass
class Decisions:
    """A person's choices: (sheet, row) -> the recorded product it is, and the rows that are new."""
    same: dict = field(default_factory=dict)
    different: set = field(default_factory=set)

    @classmethod
    def from_json(cls, data: dict | None) -> Decisions:
        """From {"same": {"Sheet:Row": id}, "different": ["Sheet:Row"]} (the page keeps them so)."""
        data = data or {}
        return cls({parse_row(k): v for k, v in (data.get("same") or {}).items()},
                   {parse_row(k) for k in data.get("different") or []})

    def to_json(self) -> dict:
        return {"same": {f"{s}:{r}": pid for (s, r), pid in sorted(self.same.items())},
                "different": sorted(f"{s}:{r}" for s, r in self.different)}


def parse_row(text: str) -> tuple[str, int]:
    """'Sheet1:5' -> ('Sheet1', 5); a sheet's name may itself hold ':'."""
    sheet, _, row = str(text).strip().rpartition(":")
    if not sheet or not row.strip().isdigit():
        raise Refused("bad_row_ref", value=text)
    return sheet.strip(), int(row)


def maybe_same(a: str, b: str) -> bool:
    """Two folded names that may be one product: the same words; one name's words and more ("Gạo séng cù
    Trường Hương" / "… Điện Biên"); or the same words but for a misspelt one ("dẻo" / "dẽo" / "dao").
    A word of its own on each side ("Chè xanh" / "Chè đen"), or a number or letter that tells items of one
    line apart ("… số 1" / "… số 2", "… A" / "… B"), makes two products."""
    sa, sb = set(a.split()), set(b.split())
    only_a, only_b = sa - sb, sb - sa
    if any(_VARIANT.search(w) for w in only_a | only_b):
        return False
    if not only_a or not only_b:
        return True
    return all(any(difflib.SequenceMatcher(None, x, y).ratio() >= 0.6 for y in only_b) for x in only_a) and \
        all(any(difflib.SequenceMatcher(None, x, y).ratio() >= 0.6 for x in only_a) for y in only_b)


class NearMatches:
    """The recorded products, indexed by word, and the choices made on this upload's rows.

    Linear: candidates share one of the new name's three rarest words, never all pairs.
    """

    def __init__(self, products: dict, subjects: dict, decisions: Decisions | None):
        self.decisions = decisions or Decisions()
        self.products = products
        self.subjects = subjects
        self.index: dict[str, list] = {}
        for pid, p in products.items():
            f = fold(p["name"])
            for w in set(f.split()):
                if len(w) >= 3:
                    self.index.setdefault(w, []).append((f, pid, p["name"]))
        self.first: dict = {}  # product key -> (sheet, row) of its first row in the file
        self.seen: dict = {}  # (sheet, row) -> the recorded product's name (rows of recorded products)
        self.used: set = set()  # the (sheet, row) choices that applied
        self.asked: dict = {}  # product key -> its Possible

    def similar(self, name: str, producer: str = "") -> list[tuple[str, str]]:
        """The recorded products whose name is close to ``name``, the closest first (and, among equals,
        the one whose producer's name is closest to ``producer``)."""
        f = fold(name)
        cands: dict = {}
        for w in sorted(set(f.split()), key=lambda w: len(self.index.get(w, ())))[:3]:
            for c in self.index.get(w, [])[:300]:
                cands[c[1]] = c
        out = []
        for cf, cpid, cname in cands.values():
            if not maybe_same(f, cf):
                continue
            m = difflib.SequenceMatcher(None, f, cf)
            if m.real_quick_ratio() >= SIMILAR and m.quick_ratio() >= SIMILAR and m.ratio() >= SIMILAR:
                theirs = fold(self.subjects.get(self.products[cpid].get("subject_id") or "", {}).get("name"))
                by = difflib.SequenceMatcher(None, fold(producer), theirs).ratio() if producer and theirs else 0
                out.append((-m.ratio(), -by, cname, cpid))
        return [(cpid, cname) for _, _, cname, cpid in sorted(out)]

    def recorded(self, sheet: str, row: int, name: str) -> None:
        """A row whose product is recorded already (a choice naming it does not apply)."""
        self.seen[(sheet, row)] = name

    def decide(self, prev: Preview, sheet: str, row: int, name: str, pkey: tuple,
               producer: str = "") -> tuple[str, str]:
        """("new", ""), ("same", recorded id) or ("skip", "") for a row whose product is not recorded."""
        where = self.first.setdefault(pkey, (sheet, row))
        d = self.decisions
        if where in d.same:
            self.used.add(where)
            pid = d.same[where]
            if pid not in self.products:
                if where == (sheet, row):
                    prev.issue(sheet, row, None, "same_unknown_product", id=pid, where=f"{sheet}:{row}")
                return "skip", ""
            if pkey not in self.asked:
                self.asked[pkey] = Possible(*where, name, self.products[pid]["name"], pid, "same")
                prev.possibly_same.append(self.asked[pkey])
            return "same", pid
        if pkey in self.asked:
            return ("new", "") if self.asked[pkey].decision == "different" else ("skip", "")
        matches = self.similar(name, producer)
        if where in d.different:
            self.used.add(where)
        if not matches:
            return "new", ""
        pid, other = matches[0]
        decision = "different" if where in d.different else ""
        self.asked[pkey] = Possible(*where, name, other, pid, decision)
        prev.possibly_same.append(self.asked[pkey])
        if decision:
            return "new", ""
        prev.note(sheet, row, None, "possibly_same_left_out", label=name, other=other, id=pid,
                  where=f"{sheet}:{row}")
        return "skip", ""

    def unused(self, prev: Preview) -> None:
        """A choice naming no new product of the file is a mistake worth stopping for."""
        for where in sorted(set(self.decisions.same) | self.decisions.different):
            if where in self.used:
                continue
            text = f"{where[0]}:{where[1]}"
            if where in self.seen:
                prev.issue(where[0], where[1], None, "decision_not_new", where=text, label=self.seen[where])
            else:
                prev.issue(where[0], where[1] or None, None, "decision_no_row", where=text)
