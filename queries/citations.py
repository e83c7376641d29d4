"""Questions about citations, corrections and certificates (issue 9): one named query each.

Certificate rules (DATA-RULES §5, Decision 148/QĐ-TTg): a certificate is valid 36 months from the day-precise
date of its decision (or the date the source says the certificates run from); with a month or a year only the
expiry is "unknown". Status on a given day: ``valid``, ``expiring`` (within 12 months), ``expired`` or
``unknown``. ``today`` is always a parameter, so tests freeze the clock.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from ocop_data import certificates

__all__ = ["corrections", "product_successors", "conflicts", "sources_of_territories", "certificate_expiry",
           "certificate_status",
           "product_certificates", "round_certificates", "latest_mentions", "CERTIFICATE_MONTHS",
           "EXPIRING_MONTHS"]

CERTIFICATE_MONTHS = certificates.CERTIFICATE_MONTHS
EXPIRING_MONTHS = certificates.EXPIRING_MONTHS
certificate_expiry = certificates.expiry  # the one rule (ocop_data.certificates), named as the queries export it
certificate_status = certificates.status


def _df(cur, sql: str, params: list | None = None) -> pd.DataFrame:
    return cur.execute(sql, params or []).df()


def corrections(cur) -> pd.DataFrame:
    """The public corrections list (Đính chính), newest first, with the sources' titles and, for a row that
    still exists, what it is in words (``what_vi``/``what_en``: a figure's metric, territory and date; a
    product's name; a target's description…); successor names for a split."""
    df = _df(cur, """
        SELECT c.*, s.title AS source_title, s.address AS source_address, s.publisher AS source_publisher,
               s.published AS source_published, s.published_precision AS source_published_precision,
               s.title_descriptive AS source_title_descriptive,
               o.title AS old_source_title, o.address AS old_source_address, o.publisher AS old_source_publisher,
               o.published AS old_source_published, o.published_precision AS old_source_published_precision,
               o.title_descriptive AS old_source_title_descriptive
        FROM correction c
        LEFT JOIN source s ON s.source_id = c.source_id
        LEFT JOIN source o ON o.source_id = c.old_source_id
        ORDER BY c.date_date DESC, c.correction_id""")
    # a correction found wrong is withdrawn by a later one (table_name 'correction', change 'withdrawn')
    withdrawn = dict(_df(cur, """SELECT row_id, correction_id FROM correction
                                 WHERE table_name = 'correction' AND change = 'withdrawn'""").itertuples(index=False))
    df = df.assign(withdrawn_by=[withdrawn.get(c) for c in df.correction_id])
    labels = _df(cur, """
        SELECT 'figure' AS t, f.figure_id AS id,
               m.label_vi || ' · ' || tr.name_vi || coalesce(' · ' || d.short_name, '') AS vi,
               m.label_en || ' · ' || tr.name_en || coalesce(' · ' || d.short_name, '') AS en
        FROM figure f JOIN metric m USING (metric) JOIN territory tr USING (territory_key)
        LEFT JOIN district d ON d.district_code = f.district_code
        UNION ALL SELECT 'target', target_id, description_vi, description_en FROM target
        UNION ALL SELECT 'product', product_id, name, coalesce(name_en, name) FROM product
        UNION ALL SELECT 'evaluation', e.evaluation_id, p.name || ' · ' || e.stars || ' sao',
               coalesce(p.name_en, p.name) || ' · ' || e.stars || '★'
        FROM evaluation e JOIN product p USING (product_id)
        UNION ALL SELECT 'subject', subject_id, name, name FROM subject
        UNION ALL SELECT 'event', event_id, title_vi, title_en FROM event
        UNION ALL SELECT 'sales_point', point_id, coalesce(name, locality, ''), coalesce(name, locality, '')
        FROM sales_point
        UNION ALL SELECT 'territory', territory_key, name_vi, name_en FROM territory
        UNION ALL SELECT 'correction', correction_id, correction_id || ': ' || new_vi, correction_id || ': ' || new_en
        FROM correction""")
    lab = {(r.t, r.id): (r.vi, r.en) for r in labels.itertuples()}
    names = dict(_df(cur, "SELECT product_id, name FROM product").itertuples(index=False))
    what = [lab.get((tb, rid)) for tb, rid in zip(df.table_name, df.row_id)]
    succ = [";".join(names.get(x.strip(), x.strip()) for x in s_.split(";")) if isinstance(s_, str) and s_ else None
            for s_ in df.successors]
    return df.assign(what_vi=[w[0] if w else None for w in what], what_en=[w[1] if w else None for w in what],
                     successor_names=succ)


def product_successors(cur, product_id: str) -> pd.DataFrame:
    """The products a split product became (empty when the product was never split).

    A link to ``sl-ca-chua-khoai-tay-tu-nhien`` keeps working: the page can say "this product was split
    into …" and link each successor.
    """
    return _df(cur, """
        WITH s AS (
            SELECT c.correction_id, c.date, c.reason_vi, c.reason_en, c.source_id,
                   unnest(string_split(c.successors, ';')) AS successor
            FROM correction c
            WHERE c.table_name = 'product' AND c.change = 'split' AND c.row_id = ?
              AND c.successors IS NOT NULL)
        SELECT trim(s.successor) AS product_id, p.name, p.name_en, p.territory_key, p.subject_id,
               s.correction_id, s.date, s.reason_vi, s.reason_en, s.source_id
        FROM s LEFT JOIN product p ON p.product_id = trim(s.successor)
        ORDER BY p.name COLLATE vi""", [product_id])


def conflicts(cur, days: int = 45) -> pd.DataFrame:
    """Pairs of reported figures that disagree: same territory, district and metric, different sources and
    values, dated within ``days`` of each other (e.g. Sơn La's 110 products split 68/41/1 and 58/51/1)."""
    return _df(cur, """
        WITH f AS (
            SELECT f.*, m.label_vi AS metric_vi, m.label_en AS metric_en, m.unit_vi, m.unit_en,
                   s.title AS source_title, s.address AS source_address, s.publisher AS source_publisher,
                   s.published AS source_published, s.published_precision AS source_published_precision,
                   s.title_descriptive AS source_title_descriptive
            FROM figure f JOIN metric m USING (metric) JOIN source s USING (source_id)
            WHERE f.kind = 'reported' AND f.as_of_date IS NOT NULL)
        SELECT a.territory_key, a.district_code, a.metric, a.metric_vi, a.metric_en, a.unit_vi, a.unit_en,
               a.figure_id AS a_figure_id, a.value AS a_value, a.qualifier AS a_qualifier, a.as_of AS a_as_of,
               a.as_of_precision AS a_as_of_precision, a.confidence AS a_confidence, a.source_id AS a_source_id,
               a.source_title AS a_source_title, a.source_address AS a_source_address,
               a.source_publisher AS a_source_publisher, a.source_published AS a_source_published,
               a.source_published_precision AS a_source_published_precision,
               a.source_title_descriptive AS a_source_title_descriptive, a.quote AS a_quote,
               b.figure_id AS b_figure_id, b.value AS b_value, b.qualifier AS b_qualifier, b.as_of AS b_as_of,
               b.as_of_precision AS b_as_of_precision, b.confidence AS b_confidence, b.source_id AS b_source_id,
               b.source_title AS b_source_title, b.source_address AS b_source_address,
               b.source_publisher AS b_source_publisher, b.source_published AS b_source_published,
               b.source_published_precision AS b_source_published_precision,
               b.source_title_descriptive AS b_source_title_descriptive, b.quote AS b_quote
        FROM f a JOIN f b
          ON a.territory_key = b.territory_key AND a.metric = b.metric
         AND coalesce(a.district_code, '') = coalesce(b.district_code, '')
         AND a.source_id < b.source_id AND a.value <> b.value
         AND abs(datediff('day', a.as_of_date, b.as_of_date)) <= ?
        ORDER BY a.as_of_date, a.territory_key, a.metric""", [days])


def sources_of_territories(cur, keys: list[str]) -> list[str]:
    """The sources cited by any row of these territories (the Sources page's province choice)."""
    rows = cur.execute("""
        SELECT DISTINCT source_id FROM (
            SELECT source_id FROM figure WHERE list_contains(?, territory_key)
            UNION ALL SELECT source_id FROM target WHERE list_contains(?, territory_key)
            UNION ALL SELECT source_id FROM product WHERE list_contains(?, territory_key)
            UNION ALL SELECT e.source_id FROM evaluation e JOIN product p USING (product_id)
                      WHERE list_contains(?, p.territory_key)
            UNION ALL SELECT source_id FROM subject WHERE list_contains(?, territory_key)
            UNION ALL SELECT source_id FROM sales_point WHERE list_contains(?, territory_key)
            UNION ALL SELECT source_id FROM event WHERE list_contains(?, territory_key)
            UNION ALL SELECT source_id FROM territory WHERE list_contains(?, territory_key))
        ORDER BY source_id""", [keys] * 8).fetchall()
    return [r[0] for r in rows]


_MENTIONS = """
    SELECT e.product_id, e.date AS evidence_date, e.date_precision AS evidence_precision, e.stars AS evidence_stars,
           e.level AS evidence_level, e.source_id AS evidence_source_id, e.quote AS evidence_quote, e.event_id
    FROM event e WHERE e.kind = 'mention' AND e.product_id IS NOT NULL"""


def latest_mentions(cur, product_ids: list[str]) -> pd.DataFrame:
    """Each product's latest ``mention`` (a later page naming it with its stars): the latest evidence."""
    return _df(cur, "SELECT * EXCLUDE (rn) FROM (SELECT m.*, row_number() OVER (PARTITION BY product_id ORDER BY "
               "evidence_date DESC, event_id) AS rn FROM (" + _MENTIONS + ") m WHERE list_contains(?, product_id)) "
               "WHERE rn = 1", [product_ids])


def _evidence_after(mention: dict | None, decided, precision, today: date | None = None) -> dict:
    """The mention's columns when it is later than the decision (a year-only decision: from that year on) and not
    after ``today`` (a frozen clock sees no page written later)."""
    empty = {"evidence_date": None, "evidence_stars": None, "evidence_level": None, "evidence_source_id": None,
             "evidence_quote": None}
    if not mention:
        return empty
    seen, when = certificates.as_date(mention["evidence_date"]), certificates.as_date(decided)
    if seen is None or (today is not None and seen > today):
        return empty
    if when is not None and precision == "day" and seen <= when:
        return empty
    if when is not None and precision != "day" and seen.year < when.year:
        return empty
    return {k: mention.get(k) for k in empty}


def product_certificates(cur, product_id: str, today: date) -> pd.DataFrame:
    """A product's star decisions with the computed expiry of each certificate and its status on ``today``.

    A decision followed by a later one of the same product is ``superseded``. The latest decision also carries
    the product's latest ``mention`` after it (``evidence_*``): with that evidence dated after a computed expiry
    the status is ``mentioned``, never ``expired``.
    """
    hist = _df(cur, """
        SELECT e.evaluation_id, e.stars, e.decided, e.decided_precision, e.decided_date, e.decision_no, e.level,
               e.kind, e.points, e.source_id, e.quote, e.quote_status, e.quote_reason, e.quote_reason_vi,
               e.quote_display, e.quote_garbled, e.note, e.note_vi
        FROM evaluation e WHERE e.product_id = ?
        ORDER BY e.decided_date NULLS FIRST, e.stars_order""", [product_id])
    extra = ("expires", "status", "evidence_date", "evidence_stars", "evidence_level", "evidence_source_id",
             "evidence_quote")
    if hist.empty:
        return hist.assign(**{c: pd.Series(dtype="object") for c in extra})
    mention = latest_mentions(cur, [product_id])
    mention = mention.iloc[0].to_dict() if not mention.empty else None
    last = len(hist) - 1
    rows = []
    for i, r in enumerate(hist.to_dict("records")):
        expires = certificate_expiry(r["decided"], r["decided_precision"])
        ev = _evidence_after(mention if i == last else None, r["decided"], r["decided_precision"], today)
        status = "superseded" if i < last else certificate_status(expires, today, ev["evidence_date"])
        rows.append({"expires": expires, "status": status, **ev})
    return hist.assign(**{c: [r[c] for r in rows] for c in extra})


def round_certificates(cur, keys: list[str], today: date) -> pd.DataFrame:
    """Rounds and decisions of the territories whose certificates have a day-precise basis (the date a source
    says the certificates run from, or the day of a decision granting them: ``ocop_data.certificates``): products
    recognised (from the round's figure), the basis, the computed expiry, status on ``today``, the words that
    state the date (``basis_quote``) and whether a later re-evaluation of the territory has been published."""
    rounds = _df(cur, """
        SELECT e.event_id, e.territory_key, t.name_vi AS territory_vi, t.name_en AS territory_en, e.kind, e.date,
               e.date_precision, e.date_date, e.title_vi, e.title_en, e.certificates_from,
               e.certificates_from_precision, e.certificates_from_date, e.certificates_source_id,
               e.certificates_quote, e.source_id, e.quote, e.certificate_basis, e.expires,
               CASE WHEN e.certificate_basis = 'certificates_from' THEN e.certificates_from ELSE e.date END AS basis_date,
               CASE WHEN e.certificate_basis = 'certificates_from' THEN e.certificates_quote ELSE e.quote END
                   AS basis_quote,
               CASE WHEN e.certificate_basis = 'certificates_from' THEN coalesce(e.certificates_source_id, e.source_id)
                    ELSE e.source_id END AS basis_source_id,
               f.figure_id AS round_figure_id, f.value AS products,
               f.qualifier AS products_qualifier, f.source_id AS products_source_id,
               (SELECT count(*) FROM figure r
                 WHERE r.metric = 'round_reevaluated' AND r.as_of_date > coalesce(e.certificates_from_date, e.date_date)
                   AND (r.territory_key = e.territory_key
                        OR r.territory_key IN (SELECT territory_key FROM territory
                                               WHERE list_contains(string_split(coalesce(predecessors, ''), ';'),
                                                                   e.territory_key)))) AS later_reevaluations
        FROM event e
        JOIN territory t ON t.territory_key = e.territory_key
        LEFT JOIN figure f ON f.figure_id = e.round_figure_id
        WHERE list_contains(?, e.territory_key) AND e.expires IS NOT NULL
        ORDER BY e.expires, e.event_id""", [keys])
    if rounds.empty:
        return rounds.assign(status=pd.Series(dtype="object"))
    expires = [certificates.as_date(e) for e in rounds.expires]
    return rounds.assign(expires=expires, status=[certificate_status(e, today) for e in expires])
