"""The finder: one search over figures, targets, events, evaluations, products, producers and sales points.

The index is built with the database (``ocop_data.search``); a query is tokenised by the same
function, and every query term (one of its synonyms, or a word it begins) must match. The score
adds, for each term, the weight of the best field it matched (a title counts more than a note),
doubled when the token matched exactly rather than as a prefix. The row's own territory and year weigh
most (``ocop_data.search.ROW``): "Sơn La 2023" ranks Sơn La's rows of 2023 above a row that only quotes
those words. Among equal scores a province-wide reported row comes before a district's, an estimate or a
doubtful figure; then kind (figures first); within a kind each source's first row before any source's
second (two reports of the same year both show early); then the newest date and the document id (the
order the build numbered the documents in), so the order is deterministic.

"hết hạn" / "expired" also matches every certificate (a day-precise decision not superseded by a
later one, or a round's day-precise certificate date) expired or expiring within 12 months of
``today``, soonest first: the status is computed at query time, so tests freeze the clock.

Speed: the postings (about 2.8 million rows at national scale) are read once per data version into
arrays held by this process (about 15 MB at that scale; the two latest versions are kept); a query
scores them in about a millisecond, then reads only the documents it returns (one JSON column each).
"""
from __future__ import annotations

import bisect
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ocop_data import certificates
from ocop_data.search import EXPIRE, TITLE, query_terms

__all__ = ["find", "FIND_COLUMNS"]

STATUS_SCORE = 2 * TITLE  # a certificate's expiry matches "hết hạn" as strongly as an exact title word

FIND_COLUMNS = ["doc_id", "kind", "row_id", "territory_key", "district", "title_vi", "title_en", "detail_vi",
                "detail_en", "value", "value_high", "qualifier", "unit_vi", "unit_en", "fact_kind", "confidence",
                "stars", "date", "date_precision", "date_role", "sort_date", "expires", "superseded", "has_quote",
                "quote", "quote_status", "formula", "quote_reason", "quote_reason_vi", "quote_display", "quote_garbled",
                "cert_start", "cert_basis", "cert_quote", "evidence_date", "evidence_stars", "evidence_level",
                "product_id", "source_id", "score",
                "source_title", "source_publisher", "source_published", "source_published_precision",
                "source_address", "source_title_descriptive", "source_file", "certificate_status", "days_left"]

_FETCH = """
SELECT doc, display FROM search_doc
WHERE doc IN (SELECT unnest(?::INTEGER[])) AND (SELECT data_version FROM build_info) = ?"""
_SOURCE_COLUMNS = {"title": "source_title", "publisher": "source_publisher", "published": "source_published",
                   "published_precision": "source_published_precision", "address": "source_address",
                   "title_descriptive": "source_title_descriptive", "seed_file": "source_file"}


@dataclass(frozen=True)
class _Index:
    version: str
    tokens: list  # sorted; a token's position is its id
    ids: dict
    start: np.ndarray  # rows of token id i are start[i]:start[i + 1]
    doc: np.ndarray
    weight: np.ndarray
    ndocs: int
    cert_doc: np.ndarray  # documents with a certificate expiry (not superseded) …
    cert_day: np.ndarray  # … and that expiry as a day number
    sources: dict  # source id -> its source_* columns
    lower: np.ndarray  # per document: 1 for a district's row, 1 more for an estimate or a doubtful figure
    kind: np.ndarray  # per document: its kind's rank (figures first)
    source: np.ndarray  # per document: its source as a number (each source's first row ranks first)


_CACHE: "OrderedDict[str, _Index]" = OrderedDict()
_LOCK = threading.Lock()


def _load(cur, version: str) -> _Index:
    tokens = [r[0] for r in cur.execute("SELECT token FROM search_vocab ORDER BY tid").fetchall()]
    post = cur.execute("SELECT tid, doc, weight FROM search_token").df()
    tid = post["tid"].to_numpy(np.int32)
    doc = post["doc"].to_numpy(np.int32)
    weight = post["weight"].to_numpy(np.uint8)
    if len(tid) and not np.all(tid[:-1] <= tid[1:]):  # the build wrote them sorted; never rely on it
        order = np.argsort(tid, kind="stable")
        tid, doc, weight = tid[order], doc[order], weight[order]
    ndocs = int(cur.execute("SELECT count(*) FROM search_doc").fetchone()[0])
    certs = cur.execute("SELECT doc, expires FROM search_doc WHERE expires IS NOT NULL AND NOT superseded "
                        "ORDER BY doc").fetchall()
    # column names come from this module, never from user text
    cols = ", ".join(_SOURCE_COLUMNS)
    sources = {r[0]: dict(zip(_SOURCE_COLUMNS.values(), r[1:]))
               for r in cur.execute("SELECT source_id, " + cols + " FROM source").fetchall()}
    meta = cur.execute("""
        SELECT CAST(coalesce(district_level, false) AS INTEGER)
               + CASE WHEN kind = 'figure' AND (fact_kind = 'estimate' OR confidence = 'L') THEN 1 ELSE 0 END,
               coalesce(source_id, ''), kind_rank
        FROM search_doc ORDER BY doc""").fetchall()
    source_number: dict = {}
    return _Index(version, tokens, {t: i for i, t in enumerate(tokens)},
                  np.searchsorted(tid, np.arange(len(tokens) + 1)), doc, weight, ndocs,
                  np.array([c[0] for c in certs], np.int64), np.array([c[1].toordinal() for c in certs], np.int64),
                  sources, np.array([m[0] for m in meta], np.int64), np.array([m[2] for m in meta], np.int64),
                  np.array([source_number.setdefault(m[1], len(source_number)) for m in meta], np.int64))


def _index(cur, reload: bool = False) -> _Index:
    version = cur.execute("SELECT data_version FROM build_info").fetchone()[0]
    with _LOCK:
        ix = _CACHE.get(version)
        if ix is None or reload:
            ix = _load(cur, version)
            _CACHE[version] = ix
            while len(_CACHE) > 2:
                _CACHE.popitem(last=False)
        _CACHE.move_to_end(version)
    return ix


def warm(cur) -> None:
    """Read the index of the current data version into memory ahead of the first search."""
    _index(cur)


def _rank(ix: _Index, terms: list, today: date, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """The documents matching every term, best first, with their scores."""
    total = np.zeros(ix.ndocs, np.int32)
    matched = np.ones(ix.ndocs, bool)
    horizon = certificates.expiring_horizon(today).toordinal()
    expiring = ix.cert_doc[ix.cert_day <= horizon]
    for term in terms:
        best = np.zeros(ix.ndocs, np.uint8)
        spans = [(i, i + 1, 2) for i in (ix.ids.get(a) for a in term.alts) if i is not None]
        for p in term.prefixes:  # every token that begins with p: one range of ids
            lo, hi = bisect.bisect_left(ix.tokens, p), bisect.bisect_left(ix.tokens, p + "\U0010ffff")
            if hi > lo:
                spans.append((lo, hi, 1))
        for lo, hi, mult in spans:
            rows = slice(ix.start[lo], ix.start[hi])
            np.maximum.at(best, ix.doc[rows], ix.weight[rows] * np.uint8(mult))
        if EXPIRE in term.alts:
            best[expiring] = np.maximum(best[expiring], STATUS_SCORE)
        matched &= best > 0
        if not matched.any():
            return np.array([], np.int64), np.array([], np.int32)
        total += best
    found = np.nonzero(matched)[0]
    score = total[found].astype(np.int64)
    day = np.zeros(len(found), np.int64)
    if any(EXPIRE in term.alts for term in terms):  # soonest expiry first among equal scores
        days = np.full(ix.ndocs, np.iinfo(np.int64).max, np.int64)
        days[ix.cert_doc] = ix.cert_day
        day = days[found]
    lower, kind = ix.lower[found], ix.kind[found]
    first = np.lexsort((found, kind, lower, day, -score))  # np.lexsort: the last key is the primary one
    # each source's first row (among equal score, expiry, level and kind) before any source's second
    group = np.stack([score[first], day[first], lower[first], kind[first], ix.source[found[first]]], axis=1)
    _, inverse = np.unique(group, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    by_group = np.argsort(inverse, kind="stable")
    starts = np.r_[0, np.nonzero(np.diff(inverse[by_group]))[0] + 1]
    occurrence = np.empty(len(first), np.int64)
    occurrence[by_group] = np.arange(len(first)) - np.repeat(starts, np.diff(np.r_[starts, len(first)]))
    order = first[np.lexsort((np.arange(len(first)), occurrence, kind[first], lower[first], day[first],
                              -score[first]))][:limit]
    return found[order], total[found[order]]


def find(cur, text: str, today: date, limit: int = 100) -> pd.DataFrame:
    """The things that match every word of ``text``, best first (at most ``limit``)."""
    terms = query_terms(text)
    if not terms:
        return pd.DataFrame(columns=FIND_COLUMNS)
    for attempt in range(2):
        ix = _index(cur, reload=attempt > 0)
        docs, scores = _rank(ix, terms, today, limit)
        if not len(docs):
            return pd.DataFrame(columns=FIND_COLUMNS)
        shown = dict(cur.execute(_FETCH, [docs.tolist(), ix.version]).fetchall())
        if len(shown) == len(docs):  # else the database was swapped between the two reads: once more
            break
    rows = []
    for doc, score in zip(docs.tolist(), scores.tolist()):
        row = json.loads(shown[doc])
        row.update(ix.sources.get(row["source_id"], {}), score=score)
        row["certificate_status"], row["days_left"] = _certificate(row["expires"], row["superseded"], today,
                                                                   row.get("evidence_date"))
        rows.append(row)
    df = pd.DataFrame(rows, columns=FIND_COLUMNS)
    for col in ("sort_date", "expires", "evidence_date"):
        df[col] = pd.to_datetime(df[col])
    return df


def _certificate(expires, superseded, today: date, evidence=None) -> tuple[str | None, int | None]:
    """('expired' | 'expiring' | 'valid' | 'mentioned', days left) as of ``today`` (``evidence``: the date of a
    later page naming the product with its stars); (None, None) without a live expiry."""
    if expires is None or pd.isna(expires) or bool(superseded):
        return None, None
    seen = certificates.as_date(evidence)
    if seen is not None and seen > today:  # a frozen clock sees no page written later
        evidence = None
    return certificates.status(expires, today, evidence), certificates.days_left(expires, today)
