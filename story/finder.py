"""The finder's results in words (no streamlit): value with unit and qualifier, date at its precision,
territory, certificate status, the source's own words and the citation, in the reader's language."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from ocop_data.words import lang_col, t

from . import fmt
from .cite import cite, imported_origin, is_missing, is_url, normalise_source, quote_reason, shown_quote

_DATE_ROLES = {"deadline": "finder_date_deadline", "as_of": "finder_date_as_of", "decided": "finder_date_decided"}


def _v(row: dict, key: str):
    value = row.get(key)
    return None if is_missing(value) else value


def _number(value, lang: str) -> str:
    return fmt.number(value, lang, 0 if float(value).is_integer() else 1)


def _with_unit(text: str, unit: str | None) -> str:
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def value_text(row: dict, lang: str) -> str:
    """'trên 70 học viên', 'ít nhất 40 sản phẩm', '40–50 sản phẩm', 'tiềm năng 5 sao · 94,9 điểm'."""
    kind, value = row["kind"], _v(row, "value")
    unit = _v(row, lang_col("unit", lang))
    qualifier = _v(row, "qualifier")
    if kind == "figure" and value is not None:
        text = _with_unit(fmt.qualified(value, qualifier, lang), unit)
        if row.get("fact_kind") == "estimate":
            text += f" ({t('estimate', lang)})"
        if row.get("confidence") == "L":
            text += f" ⚠ {t('doubtful', lang)}"
        return text
    if kind == "target":
        if value is None:
            return t("finder_all_bare", lang) if qualifier == "all" else ""
        number = _number(value, lang)
        high = _v(row, "value_high")
        if qualifier == "range" and high is not None:
            return _with_unit(f"{number}–{_number(high, lang)}", unit)
        if qualifier == "all":
            return _with_unit(t("finder_all", lang).format(number), unit)
        if qualifier in ("at_least", "more_than"):
            return _with_unit(t(f"q_{qualifier}", lang).format(number), unit)
        return _with_unit(number, unit)
    if kind == "evaluation":
        parts = [t(f"stars_{row['stars']}", lang)] if _v(row, "stars") else []
        if value is not None:
            parts.append(f"{_number(value, lang)} {t('finder_points', lang)}")
        return " · ".join(parts)
    if kind == "sales_point" and value is not None:
        return f"{fmt.qualified(value, qualifier, lang)} {t('finder_sales_points', lang)}"
    if kind == "event" and _v(row, "fact_kind"):
        return t(f"ev_{row['fact_kind']}", lang)
    if kind == "subject" and _v(row, "fact_kind"):
        return t(f"type_{row['fact_kind']}", lang)
    return ""


def date_text(row: dict, lang: str) -> str:
    """The date at its precision, with what it is: 'hạn 2025', 'tính đến 11/07/2024', '04/2023'."""
    text = _v(row, "date")
    if text is None or row.get("date_precision") in (None, "undated"):
        return t("undated", lang) if _v(row, "date_role") else ""
    shown = fmt.partial_date(text, row["date_precision"], lang)
    role = _DATE_ROLES.get(row.get("date_role"))
    return t(role, lang).format(shown) if role else shown


def certificate(row: dict, lang: str) -> str:
    """The certificate's status in words, said as computed with its basis ('Theo quy định 36 tháng từ 17/01/2023:
    hết hạn 17/01/2026; …'; the query set it as of its ``today``), with the later evidence where a page still names
    the product; '' without an expiry."""
    from .certificates import evidence_text  # local: certificates imports cite, which imports fmt

    status = _v(row, "certificate_status")
    if status is None:
        return ""
    day = fmt.day(pd.Timestamp(row["expires"]).date(), lang)
    days = fmt.number(row["days_left"], lang)
    start = _v(row, "cert_start")
    head = t("cert_rule_decision" if _v(row, "cert_basis") == "decision" else "cert_rule", lang).format(
        start=fmt.partial_date(start, "day", lang) if start else "–")
    head = head[0].upper() + head[1:]
    evidence = ""
    if _v(row, "evidence_date") is not None:
        evidence = evidence_text(_v(row, "evidence_stars"), _v(row, "evidence_level"),
                                 pd.Timestamp(row["evidence_date"]).date(), lang)
    return t(f"finder_cert_{status}", lang).format(head=head, date=day, days=days, evidence=evidence)


def certificate_quote(row: dict, lang: str) -> str | None:
    """The source's words that state the date a certificate's computation starts from (a round's certificate
    date and validity), where they are not the row's own quote; None otherwise."""
    words = _v(row, "cert_quote")
    if _v(row, "certificate_status") is None or not words or words == _v(row, "quote"):
        return None
    return " ".join(str(words).split())


def quote_text(row: dict, lang: str) -> tuple[str | None, bool]:
    """(the source's words, whether they are verbatim); None for a kind that carries no quote."""
    if not row.get("has_quote"):
        return None, False
    status = _v(row, "quote_status")
    if status == "derived" and _v(row, "formula"):
        return t("finder_quote_derived", lang).format(row["formula"]), False
    if _v(row, "quote") and status == "imported":  # the file's cells: where they came from, never a quoted sentence
        return imported_origin(str(row["quote"]), lang), False
    words = shown_quote({k: _v(row, k) for k in ("quote", "quote_display", "quote_garbled")}, lang)
    if words:
        return words, True
    if status == "synthetic":
        return t("finder_quote_synthetic", lang), False
    reason = quote_reason({k: _v(row, k) for k in ("quote_reason", "quote_reason_vi")}, lang)
    missing = t("finder_quote_missing", lang)
    return (f"{missing}: {reason}" if reason else missing), False


def title_text(row: dict, lang: str) -> str:
    vi, en = _v(row, "title_vi") or "", _v(row, "title_en") or ""
    if lang == "en" and en and en != vi and row["kind"] in ("product", "evaluation"):
        return f"{en} ({vi})"  # an English rendering beside the name as published
    return (en or vi) if lang == "en" else (vi or en)


def records(found: pd.DataFrame, lang: str, label: Callable[[str], str]) -> list[dict]:
    """One dict of display text per result, in the order found; ``label`` names a territory key."""
    out = []
    for row in found.to_dict("records"):
        src = normalise_source(row)
        address = src["address"] if is_url(src["address"]) else None
        quote, verbatim = quote_text(row, lang)
        territory = label(row["territory_key"]) if _v(row, "territory_key") else ""
        if _v(row, "district"):
            territory = f"{territory} · {row['district']}" if territory else row["district"]
        out.append({
            "kind": row["kind"], "kind_label": t(f"finder_kind_{row['kind']}", lang),
            "title": title_text(row, lang), "detail": _v(row, lang_col("detail", lang)) or "",
            "value": value_text(row, lang), "date": date_text(row, lang), "territory": territory,
            "certificate_status": _v(row, "certificate_status") or "", "certificate": certificate(row, lang),
            "certificate_quote": certificate_quote(row, lang),
            "quote": quote, "verbatim": verbatim,
            "citation": cite(src, lang).strip(), "citation_short": cite(dict(src, address=None), lang).strip(),
            "address": address, "source_id": row.get("source_id"), "row_id": row["row_id"],
            "product_id": _v(row, "product_id"),
        })
    return out


def table(recs: list[dict], lang: str) -> pd.DataFrame:
    """The results as a table for download: people's words for columns, no codes but the row id."""
    return pd.DataFrame({
        t("finder_col_kind", lang): [r["kind_label"] for r in recs],
        t("finder_col_result", lang): [r["title"] for r in recs],
        t("finder_col_detail", lang): [r["detail"] for r in recs],
        t("value", lang): [r["value"] for r in recs],
        t("date", lang): [r["date"] for r in recs],
        t("territory", lang): [r["territory"] for r in recs],
        t("finder_col_certificate", lang): [r["certificate"] for r in recs],
        t("finder_col_quote", lang): [r["quote"] or "" for r in recs],
        t("finder_col_citation", lang): [r["citation"] for r in recs],
        t("source_code", lang): [r["source_id"] for r in recs],
        t("finder_col_row", lang): [r["row_id"] for r in recs],
    })
