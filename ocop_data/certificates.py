"""The certificate rule, once (RULES.md §5, Decision 148/QĐ-TTg): months, expiry, "expiring soon", evidence.

A certificate of 3★–5★ is valid 36 months from the day-precise date it runs from: the date a source says the
certificates run from, else the day of the decision that granted them. With a month, a year or an inferred date
the expiry is unknown. An expiry computed this way is a computation, never a published fact: the screens say
the rule and its basis ("theo quy định 36 tháng từ 17/01/2023: hết hạn 17/01/2026").

Status on a given day (``today`` is always a parameter, so tests freeze the clock):
``valid``; ``expiring`` (the expiry falls within 12 months); ``expired`` (on or after the expiry day, and no
later evidence); ``mentioned`` (the computed expiry has passed but a page dated after it still names the product
with its stars: an event of kind ``mention``, shown as the latest evidence); ``unknown`` (no day-precise basis).

The build (derived ``expires`` columns), the finder's index and query, and ``queries.citations`` all use these
functions; nothing else computes a certificate's validity.
"""
from __future__ import annotations

from datetime import date, datetime

CERTIFICATE_MONTHS = 36
EXPIRING_MONTHS = 12
STATUSES = ("valid", "expiring", "expired", "mentioned", "unknown")
# event kinds whose day-precise date is the day a decision granted certificates
DECISION_KINDS = ("decision",)


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the month's last day (31/01 + 1 month = 28/02 or 29/02)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][month - 1]
    return date(year, month, min(d.day, last))


def as_date(value) -> date | None:
    """A date from a date, a pandas Timestamp, an ISO text or a missing value (None, NaN, NaT)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp (NaT has none of its fields)
        try:
            return value.to_pydatetime().date()
        except (ValueError, AttributeError):
            return None
    if isinstance(value, float):  # NaN
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def expiry(when, precision: str | None) -> date | None:
    """36 months from a day-precise date; None ("unknown") for a month, a year, an inferred or no date."""
    if precision != "day":
        return None
    d = as_date(when)
    return add_months(d, CERTIFICATE_MONTHS) if d else None


def expiring_horizon(today: date) -> date:
    """The last expiry day that counts as "expiring within 12 months" on ``today``."""
    return add_months(today, EXPIRING_MONTHS)


def status(expires, today: date, evidence=None) -> str:
    """'valid', 'expiring' (within 12 months), 'expired' (on or after the expiry day), 'mentioned' (expired by
    the rule, but ``evidence``, the date of a later page naming the product with its stars, is after the expiry
    day) or 'unknown' (no expiry)."""
    exp = as_date(expires)
    if exp is None:
        return "unknown"
    if today >= exp:
        seen = as_date(evidence)
        return "mentioned" if seen is not None and seen > exp else "expired"
    if exp <= expiring_horizon(today):
        return "expiring"
    return "valid"


def days_left(expires, today: date) -> int | None:
    exp = as_date(expires)
    return None if exp is None else (exp - today).days


def event_basis(row: dict) -> tuple[str | None, str | None, str | None]:
    """(the date an event's certificates run from, its precision, the basis) for an event row.

    The basis is ``certificates_from`` (a source states when the certificates run from) or ``decision`` (the
    day-precise date of a decision granting certificates); (None, None, None) when the event grants none."""
    if row.get("certificates_from"):
        return row["certificates_from"], row.get("certificates_from_precision"), "certificates_from"
    if row.get("kind") in DECISION_KINDS and row.get("date_precision") == "day" and row.get("date"):
        return row["date"], "day", "decision"
    return None, None, None


def event_expiry(row: dict) -> date | None:
    """The computed expiry of the certificates an event granted (None when it has no day-precise basis)."""
    when, precision, _ = event_basis(row)
    return expiry(when, precision)
