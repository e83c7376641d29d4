"""Numbers and dates in the reader's words (vi-VN: 1.234 · 104,3% · dd/mm/yyyy; en: 1,234 · 104.3% · d Month
yyyy); a date itself is written by ocop_data/dates.py, the one home of dates at their precision."""
from __future__ import annotations

from datetime import date

import pandas as pd

from ocop_data.dates import date_text
from ocop_data.missing import missing
from ocop_data.words import lang_col, t


def sentence(text: str) -> str:
    """A text that begins a sentence or a label starts with a capital ('former Tuyên Quang · …' -> 'Former
    Tuyên Quang · …'); the rest is left as written."""
    return text[:1].upper() + text[1:] if text else text


def number(value, lang: str, decimals: int = 0) -> str:
    """1234 -> '1.234' (vi) or '1,234' (en); missing -> 'not published'."""
    if missing(value):
        return t("not_published", lang)
    value = float(value)
    if decimals == 0 and abs(value - round(value)) < 1e-9:
        text = f"{round(value):,}"
    else:
        text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(value, lang: str, decimals: int = 1) -> str:
    """104.347 -> '104,3%' (vi) or '104.3%' (en)."""
    if missing(value):
        return t("not_published", lang)
    return number(value, lang, decimals) + "%"


def qualified(value, qualifier: str | None, lang: str) -> str:
    """A figure with its qualifier: 'trên 150', 'khoảng 20', 'more than 150'."""
    text = number(value, lang, 1 if not missing(value) and float(value) % 1 else 0)
    if qualifier and qualifier != "exact" and not missing(value):
        return t(f"q_{qualifier}", lang).format(text)
    return text




def day(value, lang: str) -> str:
    """A date to the day: '11/07/2024' (vi), '11 July 2024' (en); 'not stated' when missing."""
    return date_text(value, "day", lang) or t("not_stated", lang)


def partial_date(value, precision: str | None, lang: str) -> str:
    """A date at its precision (ocop_data/dates.py: '11/07/2024', '07/2024', '2024'; '11 July 2024', 'July
    2024'), an inferred one marked '2023 (inferred)', a missing or undated one 'undated'."""
    text = date_text(value, precision, lang)
    if not text:
        return t("undated", lang)
    return f"{text} {t('inferred_suffix', lang)}" if precision == "inferred" else text


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def territory_labels(territories: pd.DataFrame, lang: str) -> tuple[dict, dict]:
    """(names, labels) by territory key; a label adds the validity of a former or new territory:
    'Tuyên Quang (đến 30/06/2025)', 'Tuyên Quang (từ 01/07/2025)'."""
    names, labels = {}, {}
    for r in territories.to_dict("records"):
        name = str(r[lang_col("name", lang)])
        names[r["territory_key"]] = name
        if isinstance(r["valid_to"], str) and r["valid_to"]:
            labels[r["territory_key"]] = f"{name} ({t('territory_until', lang, date=day(r['valid_to'], lang))})"
        elif isinstance(r["valid_from"], str) and r["valid_from"]:
            labels[r["territory_key"]] = f"{name} ({t('territory_from', lang, date=day(r['valid_from'], lang))})"
        else:
            labels[r["territory_key"]] = name
    return names, labels


def short_labels(terr: pd.DataFrame, lang: str) -> dict:
    """Short names for direct labels: 'Hà Giang cũ', 'Tuyên Quang mới', 'Sơn La' (the dates are in the title)."""
    names = territory_labels(terr, lang)[0]
    out = {}
    for r in terr.to_dict("records"):
        key, name = r["territory_key"], names[r["territory_key"]]
        if isinstance(r["valid_to"], str) and r["valid_to"]:
            out[key] = t("former_territory", lang).format(name=name)
        elif isinstance(r["valid_from"], str) and r["valid_from"]:
            out[key] = t("new_territory", lang).format(name=name)
        else:
            out[key] = name
    return out


def approx_date(text, precision: str | None, lang: str) -> str:
    """A date for a citation: an inferred date reads 'khoảng 10/02/2025' / 'about 10/02/2025'."""
    if precision == "inferred" and not missing(text) and text:
        return t("about_date", lang).format(partial_date(text, None, lang))
    return partial_date(text, precision, lang)


MONEY_UNITS = {"usd": "USD", "đồng": "VND", "vnd": "VND", "dong": "VND"}
_EN_SINGULAR = {"countries": "country"}


def _scaled(value: float, lang: str) -> tuple[str, str | None]:
    """82400000 -> ('82,4', 'million'-word); money is written with its scale, never as a long bare number."""
    for limit, key in ((1e9, "scale_billion"), (1e6, "scale_million")):
        if abs(value) >= limit:
            v = value / limit
            return number(v, lang, 0 if abs(v - round(v)) < 1e-9 else (1 if abs(v * 10 - round(v * 10)) < 1e-9 else 2)), \
                t(key, lang)
    return number(value, lang, 0 if abs(value - round(value)) < 1e-9 else 1), None


def figure_text(value, qualifier: str | None, unit: str | None, lang: str) -> str:
    """A figure with its qualifier and unit, never a bare number.

    Money carries its currency and scale ('khoảng 82,4 triệu USD', 'about USD 82.4 million', 'khoảng 20 tỷ
    đồng', 'about VND 20 billion'); percent '87%'; points '94,9 điểm'; counts their unit ('60 học viên',
    'more than 70 trainees'). A missing value is 'chưa công bố' / 'not published'.
    """
    if missing(value):
        return t("not_published", lang)
    value = float(value)
    u = (unit or "").strip()
    currency = MONEY_UNITS.get(u.lower())
    if currency:
        amount, scale = _scaled(value, lang)
        if lang == "en":
            text = f"{currency} {amount}" + (f" {scale}" if scale else "")
        else:
            text = amount + (f" {scale}" if scale else "") + (" đồng" if currency == "VND" else f" {currency}")
    elif u == "%":
        text = number(value, lang, 0 if value.is_integer() else 1) + "%"
    else:
        text = number(value, lang, 0 if value.is_integer() else 1)
        if u:
            word = u
            if lang == "en" and value == 1:
                word = _EN_SINGULAR.get(u, u[:-1] if u.endswith("s") else u)
            text = f"{text} {word}"
    if qualifier and qualifier not in ("exact", "exactly"):
        return t(f"q_{qualifier}", lang).format(text)
    return text
