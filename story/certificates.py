"""Sentences about certificates, in both languages; no streamlit.

The rule and the statuses live in ``ocop_data.certificates`` (36 months, Decision 148/QĐ-TTg; ``today`` a
parameter); the queries (``queries.citations``) apply it. These functions only put a status into words, and say
a computed expiry as a computation, with its rule and basis: "theo quy định 36 tháng từ 17/01/2023: hết hạn
17/01/2026; chưa thấy công bố đánh giá lại". A later page that still names the product with its stars (an event
of kind ``mention``) is said as the latest evidence: "còn được nêu là 5 sao quốc gia, 04/09/2025".
"""
from __future__ import annotations

import re
from ocop_data.missing import missing
from ocop_data.words import lang_col, t

from . import fmt

_DECISION_NO = re.compile(r"\d+/QĐ-[A-ZĐ-]*[A-ZĐ]")


def _day(value, lang: str) -> str:
    return fmt.day(value, lang)


def evidence_text(stars, level, when, lang: str) -> str:
    """'còn được nêu là 5 sao quốc gia, 04/09/2025' / 'still named as a national 5★ product, 04/09/2025'."""
    tier = t(f"stars_{stars}", lang) if not missing(stars) and stars else ""
    if lang == "vi":
        tier = tier[0].lower() + tier[1:] if tier else tier
    key = "cert_evidence_national" if level == "national" else "cert_evidence"
    return t(key, lang).format(stars=tier, date=_day(when, lang))


def rule_text(start, expires, status: str | None, lang: str, *, decision: bool = False, evidence: dict | None = None,
              later_reevaluation: bool = False) -> str:
    """The computed expiry as a computation: 'theo quy định 36 tháng từ 17/01/2023: hết hạn 17/01/2026' and what
    follows from the status (valid until, within 12 months, no re-evaluation seen, or the later evidence).
    ``decision``: the basis is a decision's day (not a date the source gives for the certificates)."""
    head = t("cert_rule_decision" if decision else "cert_rule", lang).format(start=_day(start, lang))
    end = _day(expires, lang)
    if status == "valid":
        return f"{head}: " + t("cert_rule_valid", lang).format(end=end)
    if status == "expiring":
        return f"{head}: " + t("cert_rule_expiring", lang).format(end=end)
    text = f"{head}: " + t("cert_rule_expires", lang).format(end=end)
    if status == "mentioned" and evidence:
        return text + "; " + evidence_text(evidence.get("evidence_stars"), evidence.get("evidence_level"),
                                          evidence.get("evidence_date"), lang)
    if status == "expired":
        return text + "; " + t("round_reeval" if later_reevaluation else "round_no_reeval", lang)
    return text


def round_line(row: dict, lang: str) -> str:
    """'66 sản phẩm của đợt 2022, chứng nhận từ 17/01/2023; theo quy định 36 tháng từ 17/01/2023: hết hạn
    17/01/2026; chưa thấy công bố đánh giá lại', or for a decision '40 sản phẩm của Quyết định 20/QĐ-UBND
    (05/01/2022); theo quy định 36 tháng từ ngày quyết định 05/01/2022: hết hạn 05/01/2025; …'.

    ``row`` is one row of ``queries.citations.round_certificates``.
    """
    decision = row.get("certificate_basis") == "decision"
    n = row.get("products")
    if decision:
        title = str(row.get(lang_col("title", lang)) or "")
        number = _DECISION_NO.search(str(row.get("title_vi") or ""))
        what = t("decision_ref", lang).format(no=number.group(0) if number else title, date=_day(row.get("date"), lang))
        head = what if missing(n) else t("decision_products", lang).format(n=fmt.number(n, lang), what=what)
    else:
        year = str(row.get("date") or "")[:4]
        head = t("round_only", lang).format(year=year) if missing(n) else \
            t("round_products", lang).format(n=fmt.number(n, lang), year=year)
        if not missing(row.get("certificates_from")):
            start = fmt.partial_date(row["certificates_from"], row.get("certificates_from_precision"), lang)
            head += ", " + t("round_from", lang).format(start=start)
    status, expires = row.get("status"), row.get("expires")
    if status not in ("valid", "expiring", "expired") or missing(expires):
        return head
    reeval = row.get("later_reevaluations")
    return head + "; " + rule_text(row.get("basis_date"), expires, status, lang, decision=decision,
                                   later_reevaluation=not missing(reeval) and reeval > 0)


def basis_quote_line(row: dict, lang: str) -> str:
    """'Nguồn nêu: “Kết quả chứng nhận … có giá trị trong 36 tháng kể từ ngày 17.1.2023.”': the source's words that
    state the date the computation starts from (a round's certificate date, or the decision's day)."""
    words = row.get("basis_quote")
    if missing(words) or not words:
        return ""
    return t("cert_basis_quote", lang).format(quote=" ".join(str(words).split()))


def status_text(status: str | None, expires, lang: str, *, start=None, evidence: dict | None = None) -> str:
    """A certificate's status in words: with its basis, the computation ('theo quy định 36 tháng từ …'); without
    a day-precise basis, 'không tính được'."""
    if status in ("valid", "expiring", "expired", "mentioned") and not missing(expires) and not missing(start):
        return rule_text(start, expires, status, lang, decision=True, evidence=evidence)
    if status in ("valid", "expiring", "expired") and not missing(expires):
        return t(f"cert_line_{status}", lang).format(end=_day(expires, lang))
    return t(f"cert_{status or 'unknown'}", lang)


def product_summary(history, lang: str) -> str:
    """One plain-text line for a product's detail: the latest certificate's status (said as computed), the latest
    evidence, and the source's words for the decision.

    ``history`` is ``queries.citations.product_certificates`` (oldest first). Escape it before markdown.
    """
    from .cite import quote_line  # local: cite imports fmt, which imports i18n

    if history is None or len(history) == 0:
        return ""
    last = history.iloc[-1].to_dict()
    evidence = last if not missing(last.get("evidence_date")) else None
    start = last.get("decided") if last.get("decided_precision") == "day" else None
    text = status_text(last.get("status"), last.get("expires"), lang, start=start, evidence=evidence)
    if evidence and last.get("status") != "mentioned":
        text += "; " + evidence_text(evidence.get("evidence_stars"), evidence.get("evidence_level"),
                                     evidence.get("evidence_date"), lang)
    parts = [f"{t('cert_status', lang)}: {text}"]
    words = quote_line(last, lang)
    if words:
        parts.append(f"{t('quote', lang)}: {words}")
    return " · ".join(parts)
