"""A cell into the value the database stores: clean text, stars, dates, numbers, producer types,
levels and kinds of evaluation (each read leniently, as officials write them)."""
from __future__ import annotations

import datetime as dt
import functools
import re

from ..schema import STARS
from ..text import fold as _fold_uncached, nfc

# folded keys of the values a list repeats (producers, districts, "3 sao", "Hợp tác xã") are computed once
fold = functools.lru_cache(maxsize=20_000)(_fold_uncached)

SUBJECT_TYPES = {"htx": ("htx", "hop tac xa", "cooperative"),
                 "dn": ("dn", "doanh nghiep", "cong ty", "enterprise", "company"),
                 "tht": ("tht", "to hop tac", "cooperative group"),
                 "hkd": ("hkd", "ho kinh doanh", "ho san xuat kinh doanh", "ho sxkd", "household",
                         "household business")}
# a producer's name that begins with its legal form states its type
_NAME_PREFIX_TYPES = (("htx", ("htx ", "hop tac xa ")), ("tht", ("to hop tac ", "tht ")),
                      ("dn", ("cong ty ", "cty ", "doanh nghiep ", "dntn ")),
                      ("hkd", ("ho kinh doanh ", "hkd ", "ho san xuat kinh doanh ", "ho sxkd ")))
LEVELS = {"district": ("huyen", "cap huyen", "district"), "province": ("tinh", "cap tinh", "province"),
          "national": ("quoc gia", "cap quoc gia", "trung uong", "national")}
KINDS = {"new": ("moi", "danh gia moi", "cong nhan moi", "new"),
         "re-evaluation": ("danh gia lai", "cong nhan lai", "xep hang lai", "re-evaluation", "reevaluation"),
         "upgrade": ("nang hang", "nang sao", "nang hang sao", "upgrade")}

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u00ad"), None)
_SPACES = re.compile(r"\s+")
_ASCII_SPACES = re.compile(r"\s\s|[\t\n\r\x0b\x0c]")


def clean(value) -> str:
    """Text as the database stores it: NFC, single spaces, trimmed; numbers without '.0'; dates dd/mm/yyyy."""
    if value is None:
        return ""
    if type(value) is str:  # the common case, kept fast: a 100,000-row list has a million cells
        if value.isascii():
            return (_SPACES.sub(" ", value) if _ASCII_SPACES.search(value) else value).strip()
        return nfc(value.translate(_INVISIBLE))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value).translate(_INVISIBLE))


def parse_stars(text: str) -> str | None:
    t = fold(text).replace("*", " ").strip()
    if not t:
        return None
    if "tiem nang" in t or t in ("5p", "potential 5", "potential 5-star"):
        return "5p"
    if set(text.strip()) <= {"★", "☆", " "}:
        n = text.count("★")
        return str(n) if str(n) in STARS else None
    m = re.fullmatch(r"(?:hang\s*)?0?(\d)(?:\.0)?\s*(?:sao|star|stars)?(?:\s*ocop)?", t)
    return m.group(1) if m and m.group(1) in STARS else None


def parse_date(value) -> tuple[str, str] | None:
    """(ISO text, precision) from dd/mm/yyyy, 'ngày d tháng m năm y', mm/yyyy, a year, an ISO date or an
    Excel serial number; ('', 'undated') for an empty cell; None when it does not read."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d"), "day"
    text = clean(value)
    if not text:
        return "", "undated"
    t = fold(text)
    m = re.fullmatch(r"(?:ngay\s*)?(\d{1,2})\s*(?:[/.-]|\s+thang\s+)\s*(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*(\d{4})", t)
    if m:
        try:
            d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
        return d.isoformat(), "day"
    m = re.fullmatch(r"(?:nam\s*)?((?:19|20)\d{2})", t)
    if m:
        return m.group(1), "year"
    m = re.fullmatch(r"(?:thang\s*)?(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*((?:19|20)\d{2})", t)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}", "month"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ t]00:00(?::00)?)?", t)
    if m:
        try:
            return dt.date(*map(int, m.groups())).isoformat(), "day"
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d{2})", t)
    if m and 1 <= int(m.group(2)) <= 12:
        return t, "month"
    if re.fullmatch(r"\d{5}(\.0+)?", t):  # Excel serial day number
        d = dt.date(1899, 12, 30) + dt.timedelta(days=int(float(t)))
        if 2000 <= d.year <= 2100:
            return d.isoformat(), "day"
    return None


def period_start(iso: str) -> dt.date:
    """The first day a partial date can mean (a year counts as its 1 January for the future check)."""
    if len(iso) == 4:
        return dt.date(int(iso), 1, 1)
    if len(iso) == 7:
        return dt.date(int(iso[:4]), int(iso[5:7]), 1)
    return dt.date.fromisoformat(iso)


def choice(text: str, table: dict) -> str | None:
    f = fold(text)
    for key, names in table.items():
        if f == key or f in names:
            return key
    return None


def type_from_name(name: str) -> str | None:
    """A producer type the name itself states ('HTX …', 'Công ty …', 'Hộ kinh doanh …'), else None."""
    f = fold(name) + " "
    for key, prefixes in _NAME_PREFIX_TYPES:
        if f.startswith(prefixes):
            return key
    return None


_SEQ = re.compile(r"\s*\d{1,6}\.?\s*")


def is_seq(value) -> bool:
    """A cell of a list's "STT" column that numbers a product (1, "2", "3.")."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return value > 0 and float(value).is_integer()
    return isinstance(value, str) and _SEQ.fullmatch(value) is not None


def lean(**values) -> dict:
    """A row without its empty cells (a 100,000-row preview holds 200,000 of them)."""
    return {k: v for k, v in values.items() if v not in ("", None)}


def as_text(v) -> str:
    """A stored value as the text a CSV cell holds ('' for None, 3.0 as '3')."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)
