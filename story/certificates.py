"""Sentences about certificates (36 months, Decision 148/QĐ-TTg), in both languages; no streamlit.

The status itself is computed by ``queries.citations`` (pure functions, ``today`` a parameter); these
functions only put it into words for the overview line, the product detail and the round.
"""
from __future__ import annotations

from ocop_data.words import t

from . import fmt
from .cite import is_missing


def _day(value, lang: str) -> str:
    return fmt.day(value, lang)


def round_line(row: dict, lang: str) -> str:
    """'66 sản phẩm của đợt 2022, chứng nhận từ 17/01/2023, đã hết hạn từ 17/01/2026; chưa thấy công bố đánh giá lại'.

    ``row`` is one row of ``queries.citations.round_certificates``.
    """
    year = str(row.get("date") or "")[:4]
    n = row.get("products")
    if is_missing(n):
        head = t("round_only", lang).format(year=year)
    else:
        head = t("round_products", lang).format(n=fmt.number(n, lang), year=year)
    parts = [head]
    if not is_missing(row.get("certificates_from")):
        start = fmt.partial_date(row["certificates_from"], row.get("certificates_from_precision"), lang)
        parts.append(t("round_from", lang).format(start=start))
    status = row.get("status")
    expires = row.get("expires")
    if status in ("valid", "expiring", "expired") and not is_missing(expires):
        parts.append(t(f"round_{status}", lang).format(end=_day(expires, lang)))
    text = ", ".join(parts)
    if status == "expired":
        reeval = row.get("later_reevaluations")
        text += "; " + t("round_reeval" if not is_missing(reeval) and reeval > 0 else "round_no_reeval", lang)
    return text


def status_text(status: str | None, expires, lang: str) -> str:
    """A certificate's status in words, with its expiry day where one is known."""
    if status in ("valid", "expiring", "expired") and not is_missing(expires):
        return t(f"cert_line_{status}", lang).format(end=_day(expires, lang))
    return t(f"cert_{status or 'unknown'}", lang)


def product_summary(history, lang: str) -> str:
    """One plain-text line for a product's detail: the latest certificate's status and the source's words for it.

    ``history`` is ``queries.citations.product_certificates`` (oldest first). Escape it before markdown.
    """
    from .cite import quote_line  # local: cite imports fmt, which imports i18n

    if history is None or len(history) == 0:
        return ""
    last = history.iloc[-1].to_dict()
    parts = [f"{t('cert_status', lang)}: {status_text(last.get('status'), last.get('expires'), lang)}"]
    words = quote_line(last, lang)
    if words:
        parts.append(f"{t('quote', lang)}: {words}")
    return " · ".join(parts)
