"""Vietnamese text helpers: NFC normalisation and the folded matching key.

The folded key (RULES.md §5): lower case, no diacritics, đ→d, one tone-mark
placement (hoà = hòa follows from removing every mark), single spaces.
"""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """Normalise to NFC and trim; collapse runs of white space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str | None) -> str:
    """The matching key of a name: 'Hoà Bình' and 'hòa  binh' give 'hoa binh'."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold_words(value: str | None) -> str:
    """The folded key without punctuation, for place names: 'Bà Rịa - Vũng Tàu' and 'ba ria vung tau' give
    'ba ria vung tau'; 'TP. Điện Biên Phủ' gives 'tp dien bien phu'."""
    return " ".join(_NOT_WORD.sub(" ", fold(value)).split())
