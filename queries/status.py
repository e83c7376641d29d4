"""Target status by the rule of RULES.md §4, as a pure function of a target and its figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

STATUSES = ("reached", "on_track", "behind", "missed", "no_figure_at_deadline", "no_data", "unit_abolished")


@dataclass(frozen=True)
class Status:
    status: str
    latest: dict | None = None  # the latest comparable figure (a row as a dict)
    previous: dict | None = None
    percent: float | None = None
    projected: float | None = None
    flagged_about: bool = False
    different_sources: bool = False


def _meets(value: float, comparison: str, target: float, high: float | None = None) -> bool:
    if comparison == "more_than":
        return value > target
    if comparison in ("at_least", "all", "range"):
        return value >= target
    if comparison == "exactly":
        return value == target
    return False


def percent_reached(value: float | None, target: float | None) -> float | None:
    if value is None or not target:
        return None
    return 100.0 * value / target


def target_status(target: dict, figures: pd.DataFrame, today: date) -> Status:
    """Status of one target from its comparable figures (reported, not doubtful, same territory and metric).

    ``figures`` must hold only comparable rows, oldest first (``queries.comparable_figures``).
    A reported "more than X" / "at least X" counts as X; "about X" counts as X, flagged.
    """
    deadline = target.get("deadline_date")
    if isinstance(deadline, pd.Timestamp):
        deadline = deadline.date()
    if deadline is not None and pd.isna(deadline):
        deadline = None  # the source gives no deadline ('thời gian tới'): reached, or nothing more to claim
    abolished = target.get("unit_abolished_on_date")
    if isinstance(abolished, pd.Timestamp):
        abolished = abolished.date()
    rows = [] if figures is None or figures.empty else figures.to_dict("records")
    if target.get("comparable") is False or target.get("value") is None:
        return Status("no_data")
    latest = rows[-1] if rows else None
    latest_date = _as_date(latest["as_of_date"]) if latest else None
    value = latest["value"] if latest else None
    percent = percent_reached(value, target["value"])
    flagged = bool(latest and latest["qualifier"] == "about")
    prev = None
    if latest:
        earlier = [r for r in rows if _as_date(r["as_of_date"]) < latest_date]
        prev = earlier[-1] if earlier else None
    different = bool(prev and prev["source_id"] != latest["source_id"])
    common = dict(latest=latest, previous=prev, percent=percent, flagged_about=flagged,
                  different_sources=different)
    if abolished and pd.notna(abolished) and today >= abolished and not (
            latest and _meets(value, target["comparison"], target["value"])):
        return Status("unit_abolished", **common)
    if latest is None:
        return Status("no_data")
    if _meets(value, target["comparison"], target["value"]):
        return Status("reached", **common)
    if deadline is None:
        return Status("no_data", **common)
    if latest_date >= deadline:
        return Status("missed", **common)
    if today > deadline:
        return Status("no_figure_at_deadline", **common)
    if prev is None:
        return Status("no_data", **common)
    days = (latest_date - _as_date(prev["as_of_date"])).days
    pace = (value - prev["value"]) / days if days else 0.0
    projected = value + pace * (deadline - latest_date).days
    state = "on_track" if _meets(projected, target["comparison"], target["value"]) else "behind"
    return Status(state, projected=projected, **common)


def _as_date(value) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "date") and not isinstance(value, date):
        return value.date()
    return value
