"""Text typed in a legacy Vietnamese encoding: TCVN3 (ABC, the .VnTime fonts) or VNI (the VNI-Times
fonts). Such a file's letters arrive as Latin-1 symbols ("Tªn s¶n phÈm", "Teân saûn phaåm" for
"Tên sản phẩm"); nothing in it can be recognised, and whatever were imported would be stored
garbled. The file is named as what it is, with what to do, instead of "no column recognised".
"""
from __future__ import annotations

import re

from .reading import Sheet

# TCVN3 puts Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ and the toned a's and ă's in the Latin-1 symbol block, which
# Vietnamese text in Unicode never uses for letters (« · », also TCVN3 letters, are left out as punctuation)
_TCVN3 = re.compile("[\u00a1-\u00aa\u00ac-\u00ae\u00b5\u00b6\u00b8\u00b9\u00bc-\u00be]")
# VNI writes a base letter followed by a mark; these marks are no Vietnamese letter in Unicode
_VNI = re.compile("[A-Za-z\u00c2\u00ca\u00d4\u00e2\u00ea\u00f4][\u00d8\u00db\u00cf\u00c5\u00c4\u00cb\u00f8\u00fb"
                  "\u00ef\u00e5\u00e4\u00eb]|[\u00d1\u00f1\u00d6\u00f6][A-Za-z\u00c0-\u00ff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
SAMPLE_ROWS = 200  # rows of each sheet looked at (the title and header rows, and the first products)
NAMES = {"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI (VNI-Times)"}


def legacy_encoding(sheets: list[Sheet]) -> dict | None:
    """{"encoding", "sheet", "row", "text"} when the visible sheets' text is in TCVN3 or VNI, else None.

    Counted over the cells that hold any non-ASCII letter: most of them must carry the encoding's
    marks (a brand's "®" in a Unicode list is one cell among many, not an encoding)."""
    counts = {"tcvn3": 0, "vni": 0}
    first: dict = {}
    accented = 0
    for sheet in sheets:
        if sheet.hidden:
            continue
        for number, row in zip(sheet.numbers[:SAMPLE_ROWS], sheet.rows[:SAMPLE_ROWS]):
            for cell in row:
                if not isinstance(cell, str) or cell.isascii() or not _NON_ASCII.search(cell):
                    continue
                accented += 1
                kind = "tcvn3" if _TCVN3.search(cell) else "vni" if _VNI.search(cell) else None
                if kind:
                    counts[kind] += 1
                    first.setdefault(kind, (sheet.name, number, cell))
    kind = max(counts, key=counts.get)
    if counts[kind] < 2 or counts[kind] < 0.5 * accented:
        return None
    sheet, row, text = first[kind]
    return {"encoding": NAMES[kind], "sheet": sheet, "row": row, "text": text[:60]}
