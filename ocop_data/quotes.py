"""The source's own words for a fact row (RULES.md §1): when a quote states its row.

Every shipped fact row (figure, target, evaluation, sales point, event) carries the shortest span of
its source that states it. This module decides whether a quote *matches* its row; the build refuses
a shipped row whose quote is missing or does not match (``validate.check_quotes``). The rules are
written out in ``ocop_data/data/README.md`` ("Quotes"); in short, on the quote's folded text
(lower case, no diacritics, đ→d, single spaces):

- a number matches in any of the source's forms: ``10.322``/``10,322`` for 10322, ``82,4 triệu`` /
  ``82.4 million`` for 82400000 (triệu/million, tỷ/billion, nghìn/ngàn/thousand), ``02`` for 2,
  ``94,9``/``94.9`` for 94.9, English number words (``two``) for 0–20;
- a qualifier matches its words: more than = hơn/trên/more than/over; about = khoảng/gần/about/
  around/nearly; at least = ít nhất/tối thiểu/từ/trở lên/at least; "all" targets = mỗi/mọi/tất cả/
  đều/every/each/all or an "N/N" count;
- a star tier matches "4 sao", "4-star", "four-star", "hạng 4 sao", a list heading "Sản phẩm xếp hạng 4
  sao gồm: …", and "tiềm năng 5 sao"/"potential 5-star" for 5p; a zero count of 5★ products matches
  a total given as "3 đến 4 sao"/"3-4 sao" (the source's own range excludes 5★);
- a date matches at its precision: day "28/12", "28-12", "17.1.2023", "ngày 28 tháng 12", "December
  28"; month "10/2023", "tháng 10"; year "2023"; an inferred or undated date is not checked;
- an evaluation names its product (every word of the name, of its English rendering, or of its
  producer's name occurs in the quote) and states its stars (and its points, when the row has any);
- a sales point states its count (and qualifier), or, without a count, its name or locality.
"""
from __future__ import annotations

import re
import unicodedata

from .numbers import readings
from .text import fold

ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_WS = re.compile(r"\s+")
_NUMBER = re.compile(r"(?<![\d])(\d+(?:[.,]\d+)*)(?![\d])")
_SCALE = re.compile(r"\s*(trieu|million|ty|ti|billion|nghin|ngan|thousand)\b")
SCALES = {"trieu": 1e6, "million": 1e6, "ty": 1e9, "ti": 1e9, "billion": 1e9, "nghin": 1e3, "ngan": 1e3,
          "thousand": 1e3}
WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen twenty").split()
VI_WORDS = {"mot": 1.0, "hai": 2.0}  # "một sản phẩm", "hai sản phẩm"
MONTHS = ("january february march april may june july august september october november december").split()

QUALIFIER_WORDS = {
    "more_than": ("hon", "tren", "more than", "over", "upwards of", "vuot"),
    "about": ("khoang", "gan", "about", "around", "approximately", "nearly", "almost", "xap xi"),
    "at_least": ("it nhat", "toi thieu", "tu", "tro len", "at least", "or more", "or higher"),
}
ALL_WORDS = ("moi", "tat ca", "deu", "toan bo", "phai", "every", "each", "all")


def normalise(text: str) -> str:
    """NFC with white space collapsed: how quotes and seed texts are compared."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def segments(quote: str) -> list[str]:
    """The verbatim pieces of a quote shortened with '…' (or '...')."""
    return [s for s in (normalise(p) for p in ELLIPSIS.split(normalise(quote))) if s]


def occurs_in(quote: str, text: str) -> bool:
    """Each piece of the quote occurs in the text, in order (NFC, spaces normalised)."""
    hay = normalise(text)
    pos = 0
    for seg in segments(quote):
        i = hay.find(seg, pos)
        if i < 0:
            return False
        pos = i + len(seg)
    return True


def _folded(text: str) -> str:
    return fold(normalise(text))


def numbers(text: str) -> set[float]:
    """Every value a text can be read to state: both separator conventions, scales, number words."""
    t = _folded(text)
    out: set[float] = set()
    for m in _NUMBER.finditer(t):
        cands = set(readings(m.group(1)))  # both separator conventions (ocop_data/numbers.py)
        scale = _SCALE.match(t, m.end())
        if scale:
            cands |= {c * SCALES[scale.group(1)] for c in cands}
        out |= cands
    for i, w in enumerate(WORDS):
        if re.search(rf"\b{w}\b", t):
            out.add(float(i))
    for w, v in VI_WORDS.items():
        if re.search(rf"(?<![a-z]){w}(?![a-z])", t):
            out.add(v)
    return out


def states_number(value: float, text: str) -> bool:
    return any(abs(c - float(value)) <= 1e-9 * max(1.0, abs(float(value))) for c in numbers(text))


def has_words(text: str, words) -> bool:
    t = _folded(text)
    return any(re.search(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", t) for w in words)


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", _folded(text)))


def names(name: str | None, text: str) -> bool:
    """Every word of a name occurs in the text (folded): 'Cà chua an toàn' in 'Cà chua và khoai tây an toàn'."""
    words = _tokens(name or "")
    return bool(words) and words <= _tokens(text)


def states_stars(stars: str, text: str) -> bool:
    t = _folded(text)
    if stars == "5p":
        return bool(re.search(r"tiem nang\W+(?:\w+\W+){0,4}?5\W*sao|potential\W+(?:5|five)\W*stars?", t))
    n = int(stars)
    return bool(re.search(rf"(?<!\d){n}\W{{0,3}}sao|(?<!\d){n}\W{{0,3}}stars?\b|\b{WORDS[n]}\W{{0,3}}stars?\b", t))


def states_date(text_date: str | None, precision: str | None, text: str) -> bool:
    """The date at its precision; inferred and undated dates are not checked."""
    if not text_date or precision in ("inferred", "undated", None):
        return True
    t = _folded(text)
    y = text_date[:4]
    if precision == "year":
        return bool(re.search(rf"(?<!\d){y}(?!\d)", t))
    m = int(text_date[5:7])
    month = MONTHS[m - 1]
    if precision == "month":
        return bool(re.search(rf"(?<!\d)0?{m}\s*[/.-]\s*{y}(?!\d)|thang 0?{m}(?!\d)|\b{month}\b"
                              rf"|(?<![\d/.-])\d{{1,2}}\s*[/.-]\s*0?{m}(?![\d])", t))
    d = int(text_date[8:10])
    return bool(re.search(rf"(?<![\d/.-])0?{d}\s*[/.-]\s*0?{m}(?![\d])|ngay 0?{d} thang 0?{m}(?!\d)"
                          rf"|\b{month} 0?{d}(?!\d)|(?<!\d)0?{d}(?:st|nd|rd|th)? {month}\b", t))


def states_qualifier(qualifier: str | None, text: str) -> bool:
    if not qualifier or qualifier in ("exact", "exactly", "range"):
        return True
    if qualifier == "all":
        t = _folded(text)
        return has_words(text, ALL_WORDS) or bool(re.search(r"(?<!\d)(\d+)\s*/\s*\1(?!\d)|(?<!\d)100\s*%", t))
    return has_words(text, QUALIFIER_WORDS.get(qualifier, ()))


def _zero_five_star(text: str) -> bool:
    """'191 sản phẩm … 3 đến 4 sao', '28 sản phẩm đạt từ 3-4 sao': the source's range excludes 5★."""
    return bool(re.search(r"3\s*(?:den|toi|-|–)\s*4\s*sao|three to four stars?", _folded(text)))


# (what failed in Vietnamese, in English, the value shown) or None when the quote states the row
Miss = tuple[str, str, str] | None


def _fmt(value) -> str:
    return f"{float(value):g}" if value is not None else ""


def check_figure(row: dict, metric_star: str | None, quote: str) -> Miss:
    value = row.get("value")
    if value is not None and not states_number(value, quote):
        if not (float(value) == 0 and metric_star == "5" and _zero_five_star(quote)):
            return ("giá trị", "value", _fmt(value))
    if row.get("kind") != "estimate" and not states_qualifier(row.get("qualifier"), quote):
        return ("từ định tính", "qualifier", row.get("qualifier") or "")
    return None


def check_target(row: dict, quote: str) -> Miss:
    for col in ("value", "value_high"):
        if row.get(col) is not None and not states_number(row[col], quote):
            return ("giá trị", "value", _fmt(row[col]))
    if not states_qualifier(row.get("comparison"), quote):
        return ("phép so sánh", "comparison", row.get("comparison") or "")
    return None


def check_evaluation(row: dict, product: dict, subject_name: str | None, quote: str) -> Miss:
    if not states_stars(row.get("stars") or "", quote):
        return ("hạng sao", "stars", row.get("stars") or "")
    if not (names(product.get("name"), quote) or names(product.get("name_en"), quote)
            or names(subject_name, quote)):
        return ("tên sản phẩm hoặc chủ thể", "product or producer name", product.get("name") or "")
    if row.get("points") is not None and not states_number(row["points"], quote):
        return ("số điểm", "points", _fmt(row["points"]))
    return None


def check_sales_point(row: dict, quote: str) -> Miss:
    if row.get("count") is not None:
        if not states_number(row["count"], quote):
            return ("số điểm bán", "count", _fmt(row["count"]))
        if not states_qualifier(row.get("count_qualifier"), quote):
            return ("từ định tính", "qualifier", row.get("count_qualifier") or "")
        return None
    if names(row.get("name"), quote) or names(row.get("locality"), quote):
        return None
    return ("tên hoặc địa danh", "name or locality", row.get("name") or row.get("locality") or "")


def check_event(row: dict, quote: str) -> Miss:
    if not states_date(row.get("date"), row.get("date_precision"), quote):
        return ("ngày", "date", row.get("date") or "")
    return None


# the words of a producer's name that say what it is, not who: a mention may name the producer by the rest
# ("Phìn Hồ" in "the Shan Tuyet Phin Ho tea product" for "HTX chế biến chè Phìn Hồ")
_PRODUCER_WORDS = ("hop tac xa", "htx", "cong ty co phan", "cong ty tnhh", "cong ty", "ho kinh doanh", "to hop tac",
                   "che bien", "dich vu", "san xuat", "nong nghiep", "kinh doanh", "che", "tra", "ca phe")


def producer_core(name: str | None) -> str:
    """A producer's name without its legal form and trade words: 'HTX chế biến chè Phìn Hồ' -> 'phin ho'."""
    text = f" {_folded(name or '')} "
    for w in _PRODUCER_WORDS:
        text = text.replace(f" {w} ", " ")
    return " ".join(text.split())


def check_mention(row: dict, product: dict, subject_name: str | None, published: tuple, quote: str) -> Miss:
    """A mention (a later page naming a product with its stars, never an evaluation): the quote states the stars and
    names the product (its name, English rendering, producer, or the producer's own words without its legal
    form); the row's date is the page's own date (``published``: the source's date and precision)."""
    if not row.get("product_id") or not row.get("stars"):
        return ("sản phẩm và hạng sao", "product and stars", row.get("product_id") or "")
    if not states_stars(row["stars"], quote):
        return ("hạng sao", "stars", row["stars"])
    core = producer_core(subject_name)
    if not (names(product.get("name"), quote) or names(product.get("name_en"), quote) or names(subject_name, quote)
            or (len(core) > 3 and names(core, quote))):
        return ("tên sản phẩm hoặc chủ thể", "product or producer name", product.get("name") or "")
    if (row.get("date"), row.get("date_precision")) != published:
        return ("ngày của trang", "the page's date", row.get("date") or "")
    return None


# letters that extraction from some PDFs loses (Latin Extended Additional: ạ ả ấ … ỹ)
_LOST = range(0x1EA0, 0x1F00)


def restores(display: str, quote: str) -> bool:
    """True when ``display`` is ``quote`` with letters put back: deleting some letters of U+1EA0–U+1EFF from
    ``display`` (NFC) gives ``quote`` exactly, and at least one was put back."""
    d, q = unicodedata.normalize("NFC", display or ""), unicodedata.normalize("NFC", quote or "")
    if not d or d == q:
        return False
    i = 0
    for ch in d:
        if i < len(q) and ch == q[i]:
            i += 1
        elif ord(ch) not in _LOST:
            return False
    return i == len(q)


def check_certificates(row: dict) -> Miss:
    """A round's certificate date is stated by its own quote (certificates_quote)."""
    if not row.get("certificates_from"):
        return None
    words = row.get("certificates_quote") or ""
    if not words or not states_date(row["certificates_from"], row.get("certificates_from_precision"), words):
        return ("ngày chứng nhận", "certificate date", row["certificates_from"])
    return None
