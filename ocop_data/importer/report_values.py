"""A cell of the Vietnamese sheets into the value stored: counts (strict: "1,234" is refused as
ambiguous in text, a numeric XLSX cell is its number), a figure with its qualifier ("hơn 150"), the
kind of a figure, its confidence, and a date as the page states it (a guess is refused).

The number reading is one small function (``count_cell``) so that it can give way to the project's one
home of number parsing when that lands."""
from __future__ import annotations

import datetime as dt
import re

from .values import clean, fold, parse_date

# qualifier words before the number ('hơn 150', 'ít nhất 100', 'khoảng 200') and after it ('150 trở lên')
_BEFORE = (
    ("more_than", ("hon", "tren", "vuot", "vuot qua", "more than", "over", "above", ">")),
    ("at_least", ("it nhat", "toi thieu", "tu", "at least", "no fewer than", "≥", ">=")),
    ("about", ("khoang", "gan", "xap xi", "chung", "uoc", "about", "around", "approximately", "nearly", "almost",
               "~", "≈")),
)
_AFTER = (("at_least", ("tro len", "or more", "+")),)
KINDS = {"reported": ("bao cao", "thuc hien", "da dat", "reported", "report", "actual"),
         "estimate": ("uoc tinh", "uoc", "uoc thuc hien", "du kien", "du bao", "estimate", "estimated",
                      "projection", "projected")}
CONFIDENCE = {"H": ("h", "cao", "high"), "M": ("m", "vua", "trung binh", "medium"), "L": ("l", "thap", "low",
                                                                                          "nghi ngo", "doubtful")}
# words that make a date a guess rather than what the page states ('khoảng 2023', 'đầu năm 2024', '2023?')
_GUESS = re.compile(r"\b(khoang|co le|co the|uoc|du doan|dau|cuoi|giua|truoc|sau|chung|tam|about|around|circa|"
                    r"approx\w*|probably|maybe|early|late|mid|before|after|c)\b|[?~≈]")


def count_cell(raw) -> tuple[float | None, str | None]:
    """(whole number, None), or (None, the refusal rule): a count as written in a cell.

    A numeric XLSX cell is its number. In text: '150', '1.234' (a thousands dot) and '1 234' read; '1,234'
    is refused as ambiguous (a thousands comma or a decimal comma); '12,5' is not a whole number."""
    if isinstance(raw, bool):
        return None, "bad_count"
    if isinstance(raw, (int, float)):
        return (float(raw), None) if float(raw).is_integer() and raw >= 0 else (None, "not_whole")
    t = re.sub(r"[\s\u00a0\u202f]", "", clean(raw))
    if re.fullmatch(r"\d+", t):
        return float(t), None
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        return float(t.replace(".", "")), None
    if re.fullmatch(r"\d{1,3}(,\d{3})+", t):
        return None, "ambiguous_number"
    if re.fullmatch(r"\d+[.,]\d+", t):
        return None, "not_whole"
    return None, "bad_count"


def number_cell(raw) -> tuple[float | None, str | None]:
    """A value that may have decimals (a percentage): '87,5', '87.5', 87.5; '1,234' refused as ambiguous."""
    if isinstance(raw, bool):
        return None, "bad_value"
    if isinstance(raw, (int, float)):
        return float(raw), None
    t = re.sub(r"[\s\u00a0\u202f%]", "", clean(raw))
    if re.fullmatch(r"\d{1,3}(,\d{3})+", t):
        return None, "ambiguous_number"
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        return float(t.replace(".", "")), None
    try:
        return float(t.replace(",", ".")), None
    except ValueError:
        return None, "bad_value"


def figure_cell(raw) -> tuple[float | None, str, str | None]:
    """(value, qualifier, refusal rule) of a figure's cell: '150', 'hơn 150', 'ít nhất 100', 'khoảng 200',
    '150 trở lên', 'more than 150', or a numeric cell."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value, rule = count_cell(raw)
        return value, "exact", rule
    f = fold(clean(raw))
    qualifier = "exact"
    for q, words in _BEFORE:
        for w in sorted(words, key=len, reverse=True):
            if f.startswith(w) and (not w[-1].isalpha() or f[len(w):len(w) + 1] in (" ", "")):
                qualifier, f = q, f[len(w):].strip()
                break
        if qualifier != "exact":
            break
    for q, words in _AFTER:
        for w in words:
            if f.endswith(w) and qualifier == "exact":
                qualifier, f = q, f[: -len(w)].strip()
    f = re.sub(r"\s*(san pham|sp|products?|chu the|producers?)$", "", f).strip()
    value, rule = count_cell(f)
    return value, qualifier, rule


def choice_of(text: str, table: dict) -> str | None:
    f = fold(text).strip(" .")
    for key, words in table.items():
        if f == key.lower() or f in words:
            return key
    return None


def stated_date(raw) -> tuple[str, str] | str:
    """(ISO text, precision) of a date as the page states it (dd/mm/yyyy, mm/yyyy, yyyy, or a date cell);
    ('', 'undated') for an empty cell; else the refusal rule: 'guessed_date' for a guess ('khoảng 2023',
    'đầu năm 2024', '2023?'), 'bad_stated_date' for anything else."""
    if isinstance(raw, (dt.datetime, dt.date)):
        return parse_date(raw)
    text = clean(raw)
    if not text:
        return "", "undated"
    if _GUESS.search(fold(text)):
        return "guessed_date"
    parsed = parse_date(text)
    return parsed if parsed else "bad_stated_date"
