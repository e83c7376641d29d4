"""What a target counted over a plan period is compared with: the new products of the territory's rounds
dated within the period, summed (a derived figure, with its formula: the rounds' values added up).

"Phát triển mới 31 sản phẩm" in a plan of 02/06/2021 with the deadline 2025 is met by the new products
its rounds recognised from 02/06/2021 to the end of 2025. Only reported, dated, not doubtful,
province-level round figures are summed (DATA-RULES §3: an undated figure is never summed); a round
reported by two sources at one date is counted once (the more trusted figure). The running sum after
each round is one derived figure; before the first round of the period the sum is 0 by definition (the
start of the period, used only as the starting point of the pace, never shown as a figure).
"""
from __future__ import annotations

from datetime import date

import pandas as pd

ROUND_METRIC = "round_new_products"
PERIOD_METRICS = ("new_products_period",)


def period_start(text: str | None) -> date | None:
    """The first day a partial date can mean ('2021' -> 01/01/2021; '2021-06' -> 01/06/2021)."""
    if not text:
        return None
    parts = [int(p) for p in str(text)[:10].split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_figures(cur, key: str, start: date, end: date) -> pd.DataFrame:
    """The running sum of new products over the rounds of ``key`` dated from ``start`` to ``end``: one
    derived row per round date (kind 'derived', with its formula), oldest first; a first row of 0 at the
    period's start (``baseline``) when there is any round."""
    rounds = cur.execute("""
        SELECT f.figure_id, f.as_of, f.as_of_precision, f.as_of_date, f.value, f.qualifier, f.confidence,
               f.source_id, s.title AS source_title, s.address AS source_address, s.seed_file AS source_file
        FROM figure f JOIN source s ON s.source_id = f.source_id
        WHERE f.territory_key = ? AND f.metric = ? AND f.district_code IS NULL AND f.kind = 'reported'
          AND f.confidence <> 'L' AND f.as_of_date IS NOT NULL AND f.as_of_date BETWEEN ? AND ?
        ORDER BY f.as_of_date, f.as_of, CASE f.confidence WHEN 'H' THEN 0 ELSE 1 END, f.source_id""",
                         [key, ROUND_METRIC, start, end]).df()
    rounds = rounds.drop_duplicates("as_of", keep="first")  # one round, two sources: counted once
    rows, ids, values, total, qualifier = [], [], [], 0.0, "exact"
    for r in rounds.to_dict("records"):
        ids.append(r["figure_id"])
        values.append(r["value"])
        total += float(r["value"])
        if r["qualifier"] in ("more_than", "at_least"):
            qualifier = "at_least"
        elif r["qualifier"] == "about" and qualifier == "exact":
            qualifier = "about"
        shown = " + ".join(f"{v:g}" for v in values)
        rows.append({**r, "value": total, "qualifier": qualifier, "kind": "derived", "quote_status": "derived",
                     "metric": PERIOD_METRICS[0], "territory_key": key, "baseline": False,
                     # the rounds' values, as readers check them (their figures are the rows of the table)
                     "formula": f"{shown} = {total:g}" if len(ids) > 1 else f"{total:g}"})
    if rows:
        first = rows[0]
        rows.insert(0, {**first, "figure_id": None, "as_of": start.isoformat(), "as_of_precision": "day",
                        "as_of_date": pd.Timestamp(start), "value": 0.0, "qualifier": "exact", "baseline": True,
                        "formula": "0"})
    return pd.DataFrame(rows)
