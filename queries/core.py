"""The dashboard's questions, one query each."""
from __future__ import annotations

from datetime import date

import pandas as pd

from ocop_data import certificates
from ocop_data.text import fold

from .status import target_status

TIER_METRICS = ("products_total", "products_3star", "products_4star", "products_5star", "products_5p")


def _df(cur, sql: str, params: list | None = None) -> pd.DataFrame:
    return cur.execute(sql, params or []).df()


def data_version(cur) -> str:
    return cur.execute("SELECT data_version FROM build_info").fetchone()[0]


def geo_note(cur) -> str:
    return cur.execute("SELECT geo_note FROM build_info").fetchone()[0]


def territories(cur) -> pd.DataFrame:
    """Every territory with its validity and predecessors."""
    return _df(cur, """
        SELECT territory_key, code, name_vi, name_en, level, valid_from, valid_from_date, valid_to,
               valid_to_date, predecessors, successor, lat, lon, source_id, note
        FROM territory ORDER BY level, name_vi COLLATE vi, valid_from_date NULLS FIRST""")


def focus_territories(cur) -> pd.DataFrame:
    """Provinces a user can choose: today's provinces (no end of validity) with data of their own or of a
    predecessor (a figure, product, producer, target, event or sales point); a territory row alone is not data."""
    return _df(cur, """
        WITH RECURSIVE family(root, key) AS (
            SELECT territory_key, territory_key FROM territory WHERE level = 'province' AND valid_to IS NULL
            UNION
            SELECT f.root, trim(p.key) FROM family f JOIN territory t ON t.territory_key = f.key,
                   unnest(string_split(coalesce(t.predecessors, ''), ';')) AS p(key)
            WHERE trim(p.key) <> ''
        ), used AS (
            SELECT territory_key FROM figure UNION SELECT territory_key FROM product
            UNION SELECT territory_key FROM subject UNION SELECT territory_key FROM target
            UNION SELECT territory_key FROM event UNION SELECT territory_key FROM sales_point
        )
        SELECT t.territory_key, t.code, t.name_vi, t.name_en, t.predecessors, t.lat, t.lon
        FROM territory t
        WHERE t.level = 'province' AND t.valid_to IS NULL
          AND EXISTS (SELECT 1 FROM family f JOIN used u ON u.territory_key = f.key WHERE f.root = t.territory_key)
        ORDER BY t.name_vi COLLATE vi""")


def territory_family(cur, key: str) -> list[str]:
    """A territory followed by its predecessors (recursively): the keys a province's view spans."""
    rows = dict(cur.execute("SELECT territory_key, coalesce(predecessors, '') FROM territory").fetchall())
    out, todo = [], [key]
    while todo:
        k = todo.pop(0)
        if k in out or k not in rows:
            continue
        out.append(k)
        todo.extend(p.strip() for p in rows[k].split(";") if p.strip())
    return out


def metrics(cur) -> pd.DataFrame:
    return _df(cur, "SELECT * FROM metric ORDER BY metric")


def year_bounds(cur, keys: list[str]) -> tuple[int, int]:
    row = cur.execute("""
        SELECT min(year(as_of_date)), max(year(as_of_date)) FROM figure
        WHERE list_contains(?, territory_key) AND as_of_date IS NOT NULL""", [keys]).fetchone()
    today = date.today().year
    return (int(row[0] or 2019), int(row[1] or today))


_FIGURE_COLUMNS = """
    f.figure_id, f.territory_key, t.name_vi AS territory_vi, t.name_en AS territory_en,
    f.district_code, d.short_name AS district, f.as_of, f.as_of_precision, f.as_of_date,
    f.metric, m.label_vi AS metric_vi, m.label_en AS metric_en, m.unit_vi, m.unit_en, m.star,
    f.value, f.kind, f.qualifier, f.confidence, f.source_id, s.title AS source_title,
    s.publisher AS source_publisher, s.published AS source_published, s.address AS source_address,
    s.seed_file AS source_file, f.note, f.note_vi, f.quote, f.quote_status, f.formula, f.quote_reason, f.quote_reason_vi,
    s.published_precision AS source_published_precision, s.title_descriptive AS source_title_descriptive"""

_FIGURE_JOINS = """
    FROM figure f
    JOIN territory t ON t.territory_key = f.territory_key
    JOIN metric m ON m.metric = f.metric
    JOIN source s ON s.source_id = f.source_id
    LEFT JOIN district d ON d.district_code = f.district_code"""


def tier_figures(cur, keys: list[str], year_from: int | None = None, year_to: int | None = None,
                 include_undated: bool = True) -> pd.DataFrame:
    """Province-level totals and star tiers (reported and estimates) of the given territories."""
    return _df(cur, f"""
        SELECT {_FIGURE_COLUMNS}
        {_FIGURE_JOINS}
        WHERE list_contains(?, f.territory_key) AND f.district_code IS NULL
          AND list_contains(?, f.metric)
          AND (f.as_of_date IS NULL AND ? OR year(f.as_of_date) BETWEEN coalesce(?, 0) AND coalesce(?, 9999))
        ORDER BY f.as_of_date NULLS LAST, f.territory_key, f.source_id, f.metric""",
               [keys, list(TIER_METRICS), include_undated, year_from, year_to])


def comparable_figures(cur, key: str, metric: str) -> pd.DataFrame:
    """Reported, dated, not doubtful figures of one territory and metric (DATA-RULES §3), oldest first."""
    return _df(cur, f"""
        SELECT {_FIGURE_COLUMNS}
        {_FIGURE_JOINS}
        WHERE f.territory_key = ? AND f.metric = ? AND f.district_code IS NULL
          AND f.kind = 'reported' AND f.confidence <> 'L' AND f.as_of_date IS NOT NULL
        ORDER BY f.as_of_date, f.source_id""", [key, metric])


def latest_total(cur, key: str) -> pd.DataFrame:
    """The latest comparable reported total of a territory, every source at that date, with tiers."""
    return _df(cur, f"""
        WITH latest AS (
            SELECT max(as_of_date) AS d FROM figure
            WHERE territory_key = ? AND metric = 'products_total' AND district_code IS NULL
              AND kind = 'reported' AND confidence <> 'L' AND as_of_date IS NOT NULL)
        SELECT {_FIGURE_COLUMNS}
        {_FIGURE_JOINS}
        WHERE f.territory_key = ? AND f.district_code IS NULL AND f.kind = 'reported'
          AND f.as_of_date = (SELECT d FROM latest) AND list_contains(?, f.metric)
        ORDER BY f.confidence, f.source_id, f.metric""", [key, key, list(TIER_METRICS)])


def previous_total(cur, key: str) -> pd.DataFrame:
    """The comparable reported total before the latest one (for 'change since the previous report')."""
    return _df(cur, f"""
        WITH comparable AS (
            SELECT * FROM figure
            WHERE territory_key = ? AND metric = 'products_total' AND district_code IS NULL
              AND kind = 'reported' AND confidence <> 'L' AND as_of_date IS NOT NULL),
        dates AS (SELECT DISTINCT as_of_date FROM comparable ORDER BY as_of_date DESC LIMIT 2)
        SELECT {_FIGURE_COLUMNS}
        {_FIGURE_JOINS}
        WHERE f.figure_id IN (SELECT figure_id FROM comparable)
          AND f.as_of_date = (SELECT min(as_of_date) FROM dates)
          AND (SELECT count(*) FROM dates) = 2
        ORDER BY f.source_id""", [key])


def national_nearest(cur, when: date) -> pd.DataFrame:
    """The national total reported nearest to a date, for context."""
    return _df(cur, f"""
        SELECT {_FIGURE_COLUMNS}, abs(datediff('day', f.as_of_date, ?::DATE)) AS distance_days
        {_FIGURE_JOINS}
        WHERE f.territory_key = 'VN' AND f.metric = 'products_total' AND f.as_of_date IS NOT NULL
          AND f.kind = 'reported'
        ORDER BY distance_days, f.as_of_date DESC LIMIT 1""", [when])


def coverage(cur, keys: list[str]) -> pd.DataFrame:
    """Products listed in the database per territory."""
    return _df(cur, """
        SELECT * FROM (
            SELECT t.territory_key, t.name_vi, t.name_en, count(p.product_id) AS listed,
                   count(DISTINCT p.subject_id) AS producers
            FROM territory t LEFT JOIN product p ON p.territory_key = t.territory_key
            WHERE list_contains(?, t.territory_key)
            GROUP BY ALL)
        ORDER BY list_position(?, territory_key)""", [keys, keys])


def events(cur, keys: list[str]) -> pd.DataFrame:
    """The programme's timeline for the territories (plus national events)."""
    return _df(cur, """
        SELECT e.event_id, e.date, e.date_precision, e.date_date, e.territory_key, t.name_vi AS territory_vi,
               t.name_en AS territory_en, e.kind, e.title_vi, e.title_en, e.description_vi,
               e.description_en, e.source_id, s.title AS source_title, s.address AS source_address,
               s.seed_file AS source_file, e.certificates_from, e.certificates_from_precision,
               e.certificates_source_id, e.certificates_quote, e.round_figure_id, e.quote, e.quote_status,
               e.formula, e.quote_reason, e.quote_reason_vi
        FROM event e JOIN territory t ON t.territory_key = e.territory_key
        JOIN source s ON s.source_id = e.source_id
        WHERE list_contains(?, e.territory_key) OR e.territory_key = 'VN'
        ORDER BY e.date_date NULLS LAST, e.event_id""", [keys])


def targets(cur, keys: list[str]) -> pd.DataFrame:
    """Plan targets of the territories with their metric and source."""
    return _df(cur, """
        SELECT g.*, t.name_vi AS territory_vi, t.name_en AS territory_en, m.label_vi AS metric_vi,
               m.label_en AS metric_en, m.unit_vi, m.unit_en, s.title AS source_title,
               s.address AS source_address, s.seed_file AS source_file
        FROM target g JOIN territory t ON t.territory_key = g.territory_key
        JOIN metric m ON m.metric = g.metric JOIN source s ON s.source_id = g.source_id
        WHERE list_contains(?, g.territory_key)
        ORDER BY g.territory_key, g.deadline_date, g.plan_vi COLLATE vi, g.target_id""", [keys])


# --- products and subjects -------------------------------------------------------------

_PRODUCT_BASE = """
    WITH latest AS (
        SELECT * EXCLUDE (rn) FROM (
            SELECT e.*, row_number() OVER (PARTITION BY product_id
                ORDER BY decided_date DESC NULLS LAST, stars_order DESC) AS rn
            FROM evaluation e) WHERE rn = 1),
    base AS (
        SELECT p.product_id, p.name, p.name_lang, p.name_note, p.name_fold, p.territory_key,
               t.name_vi AS territory_vi, t.name_en AS territory_en,
               p.district_code, d.short_name AS district, p.district_derived, p.commune,
               p.product_group, p.group_decision, p.group_classified,
               p.subject_id, sj.name AS subject, sj.subject_type,
               l.stars, l.stars_order, l.decided, l.decided_precision, l.decided_date, l.expires,
               l.level, l.decision_no, year(l.decided_date) AS year,
               p.source_id, s.title AS source_title, s.address AS source_address, s.seed_file AS source_file,
               coalesce(sj.name_fold, '') AS subject_fold
        FROM product p
        JOIN territory t ON t.territory_key = p.territory_key
        JOIN source s ON s.source_id = p.source_id
        LEFT JOIN district d ON d.district_code = p.district_code
        LEFT JOIN subject sj ON sj.subject_id = p.subject_id
        LEFT JOIN latest l ON l.product_id = p.product_id
        WHERE list_contains(?, p.territory_key))"""


def product_table(cur, keys: list[str], search: str = "", districts: list[str] | None = None,
                  groups: list[str] | None = None, stars: list[str] | None = None,
                  subject_types: list[str] | None = None, years: list[int] | None = None,
                  limit: int = 5000) -> pd.DataFrame:
    """Products with their latest stars, filtered; the search ignores diacritics (đ→d too).

    A facet value of ``""`` stands for "not published" (an empty cell).
    """
    needle = fold(search)

    def facet(values):
        return None if not values else [v if v is not None else "" for v in values]

    return _df(cur, _PRODUCT_BASE + """
        SELECT * EXCLUDE (name_fold, subject_fold) FROM base
        WHERE (? = '' OR contains(name_fold, ?) OR contains(subject_fold, ?))
          AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], coalesce(district_code, '')))
          AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], coalesce(product_group, '')))
          AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], coalesce(stars, '')))
          AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], coalesce(subject_type, '')))
          AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], coalesce(CAST(year AS VARCHAR), '')))
        ORDER BY name COLLATE vi, subject COLLATE vi NULLS LAST
        LIMIT ?""", [keys, needle, needle, needle,
                     facet(districts), facet(districts), facet(groups), facet(groups),
                     facet(stars), facet(stars), facet(subject_types), facet(subject_types),
                     facet([str(y) for y in years] if years else None),
                     facet([str(y) for y in years] if years else None), limit])


def product_facets(cur, keys: list[str]) -> dict[str, pd.DataFrame]:
    """The values each facet can take (with counts); '' is "not published". One pass over the products."""
    frame = _df(cur, _PRODUCT_BASE.replace("base AS (", "base AS MATERIALIZED (") + """
        SELECT 'district' AS facet, coalesce(district_code, '') AS value, coalesce(district, '') AS label,
               count(*) AS n FROM base GROUP BY ALL
        UNION ALL SELECT 'group', coalesce(product_group, ''), coalesce(product_group, ''), count(*)
               FROM base GROUP BY ALL
        UNION ALL SELECT 'stars', coalesce(stars, ''), coalesce(stars, ''), count(*) FROM base GROUP BY ALL
        UNION ALL SELECT 'subject_type', coalesce(subject_type, ''), coalesce(subject_type, ''), count(*)
               FROM base GROUP BY ALL
        UNION ALL SELECT 'year', coalesce(CAST(year AS VARCHAR), ''), coalesce(CAST(year AS VARCHAR), ''),
               count(*) FROM base GROUP BY ALL
        ORDER BY facet, label COLLATE vi""", [keys])
    return {name: frame[frame.facet == name][["value", "label", "n"]].reset_index(drop=True)
            for name in ("district", "group", "stars", "subject_type", "year")}


def product_history(cur, product_id: str) -> pd.DataFrame:
    """Every star decision of one product, with certificate expiry where the date is day-precise."""
    return _df(cur, """
        SELECT e.evaluation_id, e.stars, e.stars_order, e.decided, e.decided_precision, e.decided_date,
               e.expires, e.decision_no, e.level, e.kind, e.points, e.note, e.source_id,
               s.title AS source_title, s.address AS source_address, s.seed_file AS source_file,
               e.note_vi, e.quote, e.quote_status, e.formula, e.quote_reason, e.quote_reason_vi
        FROM evaluation e JOIN source s ON s.source_id = e.source_id
        WHERE e.product_id = ?
        ORDER BY e.decided_date NULLS FIRST, e.stars_order""", [product_id])


def subjects_by_type(cur, keys: list[str]) -> pd.DataFrame:
    """Producers listed in the database, by type: 'among the N producers listed', not a provincial split."""
    return _df(cur, """
        SELECT territory_key, subject_type, n, sum(n) OVER (PARTITION BY territory_key) AS listed
        FROM (SELECT territory_key, subject_type, count(*) AS n
              FROM subject WHERE list_contains(?, territory_key) GROUP BY territory_key, subject_type)
        ORDER BY territory_key, subject_type""", [keys])


def due_for_reevaluation(cur, keys: list[str], today: date, within_days: int = 365) -> pd.DataFrame:
    """Products whose latest certificate (day-precise decision) expires within a year or has expired by the
    36-month rule, with the status on ``today`` (``ocop_data.certificates``: ``mentioned`` when a later page still
    names the product with its stars) and the latest evidence; ``source_id`` is the decision's source."""
    from .citations import _evidence_after, latest_mentions

    due = _df(cur, _PRODUCT_BASE + """
        SELECT b.product_id, b.name, b.subject, b.district, b.stars, b.decided, b.decided_precision, b.decision_no,
               b.expires, datediff('day', ?::DATE, b.expires) AS days_left, l.source_id
        FROM base b JOIN latest l USING (product_id)
        WHERE b.expires IS NOT NULL AND datediff('day', ?::DATE, b.expires) <= ?
        ORDER BY b.expires, b.name COLLATE vi""", [keys, today, today, within_days])
    mentions = {r["product_id"]: r for r in latest_mentions(cur, list(due.product_id)).to_dict("records")}
    ev = [_evidence_after(mentions.get(p), d, pr, today) for p, d, pr in zip(due.product_id, due.decided,
                                                                             due.decided_precision)]
    cols = ("evidence_date", "evidence_stars", "evidence_level", "evidence_source_id", "evidence_quote")
    due = due.assign(**{c: [e[c] for e in ev] for c in cols})
    return due.assign(status=[certificates.status(x, today, e) for x, e in zip(due.expires, due.evidence_date)])


# --- map -------------------------------------------------------------------------------

def sales_points(cur, keys: list[str]) -> pd.DataFrame:
    """Sales-point entries at the precision published, with the total each belongs to."""
    return _df(cur, """
        SELECT sp.point_id, sp.territory_key, t.name_vi AS territory_vi, t.name_en AS territory_en,
               sp.entry_kind, sp.district_code, d.short_name AS district, sp.locality, sp.name,
               sp.address, sp.lat, sp.lon, sp.coord_origin, sp.precision, sp.count, sp.count_qualifier,
               sp.part_of, tot.count AS total_count, tot.count_qualifier AS total_qualifier,
               sp.opened, sp.opened_precision, sp.as_of, sp.as_of_precision, sp.source_id,
               s.title AS source_title, s.address AS source_address, s.seed_file AS source_file, sp.note,
               sp.note_vi, sp.district_derived, sp.district_rule, sp.quote, sp.quote_status, sp.quote_reason, sp.quote_reason_vi
        FROM sales_point sp
        JOIN territory t ON t.territory_key = sp.territory_key
        JOIN source s ON s.source_id = sp.source_id
        LEFT JOIN district d ON d.district_code = sp.district_code
        LEFT JOIN sales_point tot ON tot.point_id = sp.part_of
        WHERE list_contains(?, sp.territory_key)
        ORDER BY sp.territory_key, sp.entry_kind, d.short_name COLLATE vi NULLS LAST, sp.point_id""", [keys])


def district_shapes(cur, province_codes: list[str]) -> pd.DataFrame:
    """The pre-2025 districts of the given province codes: each listed one (its polygon, GeoJSON text, when
    it has its own: ``boundary = 'own'``) and each 2019 polygon under its 2019 name (``boundary = '2019'``)."""
    return _df(cur, """
        SELECT district_code, province_code, name, short_name, province_name, merged_into, listed, boundary,
               name_2019, short_name_2019, centroid_lat, centroid_lon, label_lat, label_lon, geometry
        FROM district WHERE list_contains(?, province_code)
        ORDER BY province_code, district_code""", [province_codes])


def products_per_district(cur, keys: list[str]) -> pd.DataFrame:
    """Products listed here per district (published or derived district only)."""
    return _df(cur, """
        SELECT district_code, count(*) AS products
        FROM product WHERE list_contains(?, territory_key) AND district_code IS NOT NULL
        GROUP BY ALL""", [keys])


# --- sources ---------------------------------------------------------------------------

def sources(cur) -> pd.DataFrame:
    """Every source with how many rows of each kind cite it."""
    return _df(cur, """
        WITH uses AS (
            SELECT source_id, 'figure' AS kind FROM figure UNION ALL
            SELECT source_id, 'target' FROM target UNION ALL
            SELECT source_id, 'product' FROM product UNION ALL
            SELECT source_id, 'evaluation' FROM evaluation UNION ALL
            SELECT source_id, 'subject' FROM subject UNION ALL
            SELECT source_id, 'sales_point' FROM sales_point UNION ALL
            SELECT source_id, 'event' FROM event)
        SELECT s.*, count(u.kind) AS rows_citing,
               count(u.kind) FILTER (WHERE u.kind = 'figure') AS figures
        FROM source s LEFT JOIN uses u USING (source_id)
        GROUP BY ALL ORDER BY s.source_id""")


def source_rows(cur, source_ids: list[str]) -> pd.DataFrame:
    """Sources by id (for captions)."""
    return _df(cur, "SELECT * FROM source WHERE list_contains(?, source_id) ORDER BY source_id", [source_ids])


def figures_of_source(cur, source_id: str) -> pd.DataFrame:
    return _df(cur, f"SELECT {_FIGURE_COLUMNS} {_FIGURE_JOINS} WHERE f.source_id = ? "
                    "ORDER BY f.as_of_date NULLS LAST, f.metric", [source_id])


def find_figures(cur, text: str, limit: int = 50) -> pd.DataFrame:
    """Figures whose words (metric, territory, district, year, value, source) contain every word typed.

    '4 sao Sơn La 2019' finds Sơn La's 4-star figures of 2019. Accents are ignored (đ→d too).
    """
    words = [w for w in fold(text).replace("★", " sao ").replace("/", " ").replace("-", " ").split() if w]
    return _df(cur, f"""
        SELECT {_FIGURE_COLUMNS} {_FIGURE_JOINS}
        WHERE len(?::VARCHAR[]) > 0
          AND list_bool_and(list_transform(?::VARCHAR[], lambda w: contains(f.search_fold, ' ' || w || ' ')))
        ORDER BY f.as_of_date NULLS LAST, f.territory_key, f.metric, f.source_id
        LIMIT ?""", [words, words, limit])


def tier_reports(cur, keys: list[str], year_from: int | None = None, year_to: int | None = None) -> pd.DataFrame:
    """One row per report (territory × as-of date × source × kind): total and tiers side by side.

    Values stay as published (NULL where a source gave no figure); ``rest`` is the part of a
    total the source did not split (total minus the tiers it gave), never a guessed split.
    """
    return _df(cur, """
        WITH f AS (
            SELECT f.*, s.title AS source_title, s.address AS source_address, s.seed_file AS source_file
            FROM figure f JOIN source s ON s.source_id = f.source_id
            WHERE list_contains(?, f.territory_key) AND f.district_code IS NULL
              AND list_contains(?, f.metric)
              AND (f.as_of_date IS NULL OR year(f.as_of_date) BETWEEN coalesce(?, 0) AND coalesce(?, 9999))),
        r AS (
            SELECT territory_key, as_of, as_of_precision, as_of_date, source_id,
                   CASE WHEN kind = 'derived' THEN 'reported' ELSE kind END AS kind,
                   bool_or(kind = 'derived') AS has_derived,
                   coalesce(bool_or(kind = 'derived') FILTER (WHERE metric = 'products_total'), false)
                       AS total_derived,
                   max(value) FILTER (WHERE metric = 'products_total') AS total,
                   max(value) FILTER (WHERE metric = 'products_3star') AS s3,
                   max(value) FILTER (WHERE metric = 'products_4star') AS s4,
                   max(value) FILTER (WHERE metric = 'products_5star') AS s5,
                   max(value) FILTER (WHERE metric = 'products_5p') AS s5p,
                   max(qualifier) FILTER (WHERE metric = 'products_total') AS total_q,
                   max(qualifier) FILTER (WHERE metric = 'products_3star') AS s3_q,
                   max(qualifier) FILTER (WHERE metric = 'products_4star') AS s4_q,
                   max(qualifier) FILTER (WHERE metric = 'products_5star') AS s5_q,
                   max(qualifier) FILTER (WHERE metric = 'products_5p') AS s5p_q,
                   CASE WHEN bool_or(confidence = 'L') THEN 'L' WHEN bool_or(confidence = 'M') THEN 'M'
                        ELSE 'H' END AS confidence,
                   any_value(source_title) AS source_title, any_value(source_address) AS source_address,
                   any_value(source_file) AS source_file,
                   coalesce(string_agg(DISTINCT note, '; ' ORDER BY note), '') AS note,
                   list(DISTINCT {'quote_status': quote_status, 'quote': quote, 'formula': formula,
                                  'quote_reason': quote_reason, 'quote_reason_vi': quote_reason_vi}) AS quotes
            FROM f GROUP BY ALL)
        SELECT *, coalesce(total_q, 'exact') AS qualifier, confidence = 'L' AS doubtful,
               CASE WHEN total - (coalesce(s3, 0) + coalesce(s4, 0) + coalesce(s5, 0) + coalesce(s5p, 0)) > 0
                    THEN total - (coalesce(s3, 0) + coalesce(s4, 0) + coalesce(s5, 0) + coalesce(s5p, 0))
               END AS rest
        FROM r
        ORDER BY as_of_date NULLS LAST, territory_key, doubtful, source_id""",
               [keys, list(TIER_METRICS), year_from, year_to])


def round_figures(cur, keys: list[str]) -> pd.DataFrame:
    """Figures of evaluation rounds ('new in a round', re-evaluations): never running totals."""
    return _df(cur, f"""
        SELECT {_FIGURE_COLUMNS}
        {_FIGURE_JOINS}
        WHERE list_contains(?, f.territory_key) AND m.family = 'round'
        ORDER BY f.as_of_date NULLS LAST, f.territory_key, d.short_name NULLS FIRST, f.metric""", [keys])


def target_progress(cur, keys: list[str], today: date) -> pd.DataFrame:
    """Every target of the territories with its status, latest comparable figure and percent reached."""
    from .periods import PERIOD_METRICS, period_figures, period_start

    rows = []
    for g in targets(cur, keys).to_dict("records"):
        if g["metric"] in PERIOD_METRICS and isinstance(g.get("period_from"), str) and pd.notna(g["deadline_date"]):
            figs = period_figures(cur, g["territory_key"], period_start(g["period_from"]), g["deadline_date"])
        else:  # a count over a plan period is the sum of its rounds (queries.periods); else the figures
            figs = comparable_figures(cur, g["territory_key"], g["metric"])
        s = target_status(g, figs, today)
        latest = s.latest or {}
        rows.append({**g, "status": s.status, "latest_value": latest.get("value"),
                     "latest_qualifier": latest.get("qualifier"), "latest_as_of": latest.get("as_of"),
                     "latest_precision": latest.get("as_of_precision"), "latest_source": latest.get("source_id"),
                     "latest_source_title": latest.get("source_title"),
                     "latest_source_address": latest.get("source_address"),
                     "latest_source_file": latest.get("source_file"), "percent": s.percent,
                     "projected": s.projected, "flagged_about": s.flagged_about,
                     "different_sources": s.different_sources, "latest_formula": latest.get("formula")})
    return pd.DataFrame(rows)


def subject_split(cur, key: str) -> pd.DataFrame:
    """The latest published split of a territory's producers by type (one source, one date)."""
    return _df(cur, """
        WITH figs AS (
            SELECT metric, value, source_id, as_of, as_of_precision, as_of_date FROM figure
            WHERE territory_key = ? AND district_code IS NULL AND kind = 'reported'
              AND list_contains(['subjects_htx', 'subjects_dn', 'subjects_tht', 'subjects_hkd'], metric)),
        top AS (SELECT source_id, as_of FROM figs ORDER BY as_of_date DESC NULLS LAST, source_id LIMIT 1)
        SELECT replace(metric, 'subjects_', '') AS subject_type, CAST(value AS INTEGER) AS n, f.source_id,
               f.as_of, f.as_of_precision, s.publisher AS source_publisher, s.title AS source_title,
               s.address AS source_address, s.title_descriptive AS source_title_descriptive
        FROM figs f JOIN top USING (source_id, as_of) JOIN source s ON s.source_id = f.source_id
        ORDER BY list_position(['htx', 'dn', 'tht', 'hkd'], replace(metric, 'subjects_', ''))""", [key])


def published_percent(cur, key: str, metric: str, as_of: str | None) -> float | None:
    """The percentage a source published with a count (metric ``<metric>_pct_of_plan``, same territory
    and date), e.g. 87 for '121/138 communes, 87% of the plan'; None where none was published."""
    if not as_of:
        return None
    row = cur.execute("""
        SELECT value FROM figure
        WHERE territory_key = ? AND metric = ? AND as_of = ? AND kind = 'reported' AND district_code IS NULL
        ORDER BY confidence, source_id LIMIT 1""", [key, f"{metric}_pct_of_plan", as_of]).fetchone()
    return None if row is None else float(row[0])


def producers_by_products(cur, keys: list[str], limit: int = 10) -> pd.DataFrame:
    """The producers with the most products listed here (ties by name), with their type and territory."""
    return _df(cur, """
        SELECT sj.subject_id, sj.name AS subject, sj.subject_type, p.territory_key, count(*) AS n
        FROM product p JOIN subject sj ON sj.subject_id = p.subject_id
        WHERE list_contains(?, p.territory_key)
        GROUP BY ALL
        ORDER BY n DESC, subject COLLATE vi
        LIMIT ?""", [keys, limit])
