"""The one home of writing a date at its precision (RULES.md §3): '11/07/2024', '07/2024', '2024'.

A date is stored as an ISO prefix ('2024', '2024-07', '2024-07-11') with a precision: day, month, year,
inferred or undated. ``date_text`` writes it the way the programme's documents do (dd/mm/yyyy in both
and dd/mm/yyyy in Vietnamese, d Month yyyy in English), never more precise than the precision says; an inferred date is written at the precision its
text has. The words around a date ('undated', '(inferred)', 'năm 2019') are story/fmt.py's and the findings'.
"""
from __future__ import annotations

from datetime import date, datetime

from .missing import missing

_LENGTH = {"day": 10, "month": 7, "year": 4}


def iso(value) -> str:
    """A date value as its ISO prefix: '2024-07-11' from a date or a timestamp, a text as it is ('' if missing)."""
    if missing(value):
        return ""
    if isinstance(value, (datetime, date)):  # pandas' Timestamp is a datetime
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def date_text(value, precision: str | None = None, lang: str = "vi") -> str:
    """'11/07/2024' (day), '07/2024' (month), '2024' (year) as the programme's documents write them; in English
    '11 July 2024', 'July 2024', '2024'. An inferred or unstated precision follows the text's length; '' when
    the date is missing or undated."""
    text = iso(value)
    if not text or precision == "undated":
        return ""
    length = _LENGTH.get(precision or "", len(text))
    year = text[:4]
    if length >= 7 and len(text) >= 7:
        month, day = text[5:7], text[8:10] if length >= 10 and len(text) >= 10 else None
        if lang == "en":
            name = MONTHS_EN[int(month) - 1]
            return f"{int(day)} {name} {year}" if day else f"{name} {year}"
        return f"{day}/{month}/{year}" if day else f"{month}/{year}"
    return year
