"""The finder's index: one tokeniser for documents and queries, and the tables the build writes.

A findable thing (a figure, target, event, evaluation, product, producer or sales point) is one
row of ``search_doc``; the words it can be found by are rows of ``search_token`` (token id,
document, field weight), and ``search_vocab`` lists each distinct token once with its id. Token ids
follow the tokens' sorted order, so the tokens a prefix begins are one range of ids; documents are
numbered in the order ties rank. DuckDB's full-text extension is not used: it is not available offline and would
not fold đ.

Tokenising (``analyse``, the same for documents and queries):
- NFC, lower case, diacritics removed and đ→d (``ocop_data.text.fold``); "★" reads as "sao";
- words split on anything that is not a letter or a digit, except inside numbers: "xã," is "xa";
- numbers: "94,9" and "94.9" are 94.9; "10.322" and "10,322" are 10322 (a separator followed by
  exactly three digits is a thousands separator); numbers stored as numbers index the same token,
  so every printed form finds them; leading zeros go ("02" is 2);
- plan names: "Kế hoạch 90", "KH 90", "90/KH-UBND", "Kế hoạch số 90/KH-UBND", "Plan 90" are one
  token ``kh90``;
- the bilingual synonyms of ``SYNONYMS`` (tập huấn/training/trainees, …) are one concept token
  ``~training``; a query word matches a document when the document has its concept, or (for a
  plain word) the word itself or a word it begins.

This module never imports streamlit; the build calls ``index_tables`` with its rows.
"""
from __future__ import annotations

import gc
import json
import re
import unicodedata
from array import array
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from .dates import date_text
from .numbers import readings
from .schema import TABLES
from .text import fold

# --- the bilingual synonym list (the one place to review and extend) -------------------------
# Each group: a concept and the phrases that mean it, Vietnamese and English. A phrase of several
# words matches those words in sequence; matching is on folded text, so "tap huan" is "tập huấn".
SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("training", ("tập huấn", "đào tạo", "học viên", "training", "train", "trained", "trainee", "trainees")),
    ("export", ("xuất khẩu", "export", "exports", "exported", "exporting", "exporter", "exporters")),
    ("expire", ("hết hạn", "sắp hết hạn", "hết hiệu lực", "expire", "expired", "expires", "expiring",
                "expiry", "expiration")),
    ("certificate", ("chứng nhận", "giấy chứng nhận", "certificate", "certificates", "certified")),
    ("producer", ("chủ thể", "producer", "producers", "subject", "subjects")),
    ("sales_point", ("điểm bán", "điểm giới thiệu và bán sản phẩm", "điểm trưng bày", "sales point",
                     "sales points", "point of sale", "points of sale", "display point", "display points")),
    ("product", ("sản phẩm", "product", "products")),
    ("plan", ("kế hoạch", "plan", "plans")),
    ("target", ("mục tiêu", "chỉ tiêu", "target", "targets", "goal", "goals")),
    ("star", ("sao", "star", "stars")),
    ("commune", ("xã", "commune", "communes")),
    ("district", ("huyện", "district", "districts")),
    ("province", ("tỉnh", "province", "provinces")),
    ("cooperative", ("hợp tác xã", "htx", "cooperative", "cooperatives", "co-op")),
    ("coop_group", ("tổ hợp tác", "tht", "cooperative group", "cooperative groups")),
    ("enterprise", ("doanh nghiệp", "công ty", "cty", "enterprise", "enterprises", "company", "companies")),
    ("household", ("hộ kinh doanh", "hkd", "household", "households", "household business")),
    ("evaluation", ("đánh giá", "phân hạng", "evaluation", "evaluations", "evaluated", "rating", "rated")),
    ("upgrade", ("nâng hạng", "upgrade", "upgraded", "upgrades")),
    ("fair", ("hội chợ", "fair", "fairs")),
    ("conference", ("hội nghị", "conference")),
    ("decision", ("quyết định", "decision")),
    ("tea", ("chè", "trà", "tea")),
    ("coffee", ("cà phê", "coffee")),
    ("honey", ("mật ong", "honey")),
    ("organic", ("hữu cơ", "organic")),
    ("points_score", ("điểm", "points", "score")),
)
# English words that carry no meaning of their own here (dropped from documents and queries alike)
STOPWORDS = frozenset({"the", "of", "and", "or", "for", "with", "from", "by"})
# the words after "90/KH-" that name the issuing body (part of the plan's number)
_PLAN_ISSUERS = frozenset({"ubnd", "hdnd", "bcd", "snn", "sct", "tu", "ttg"})

EXPIRE = "~expire"  # the concept a query asks for certificates expired or expiring with


@dataclass(frozen=True)
class Term:
    """One word (or phrase) of a text: a query needs each term; a document is indexed by all its tokens."""
    alts: tuple[str, ...]  # any of these tokens matches exactly
    prefixes: tuple[str, ...] = ()  # a token beginning with one of these matches too (scored lower)
    also: tuple[str, ...] = ()  # indexed with a document, never required of one

    def tokens(self) -> tuple[str, ...]:
        return self.alts + tuple(p for p in self.prefixes if p not in self.alts) + self.also


# --- words and numbers -------------------------------------------------------------------------

_LEX = re.compile(r"\d+(?:[.,]\d+)*|[a-z][a-z0-9]*")


def _canonical(int_part: str, frac: str = "") -> str:
    whole = int_part.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return whole + ("." + frac if frac else "")


def number_forms(text: str) -> list[tuple[str, ...]]:
    """The numbers of a written number, each as its readings' tokens (ocop_data/numbers.py, the likelier first):
    '94,9' -> [('94.9',)]; '10.322' -> [('10322', '10.322')]; '1.234,5' -> [('1234.5',)]; not one number: its
    parts, '17.01.2023' -> [('17',), ('1',), ('2023',)]."""
    found = readings(text)
    if found:
        return [tuple(dict.fromkeys(number_token(v) for v in found))]
    return [(_canonical(g),) for g in re.split(r"[.,]", text)]


def number_token(value: float) -> str:
    """The token of a number stored as a number (the same as its printed forms give)."""
    value = float(value)
    if value == int(value):
        return str(int(value))
    return _canonical(*f"{value:.6f}".split("."))


def _words(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(word, readings) pairs of the folded text: a number is its first reading with all its readings (a query's
    '10.322' finds 10322 or 10.322), a word has none."""
    folded = fold(unicodedata.normalize("NFC", text).replace("★", " sao "))
    out = []
    for m in _LEX.finditer(folded):
        w = m.group()
        if w[0].isdigit():
            out += [(forms[0], forms) for forms in number_forms(w)]
        else:
            out.append((w, ()))
    return out


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w, _ in _words(phrase))


_PHRASES: dict[tuple[str, ...], str] = {}
for _concept, _members in SYNONYMS:
    for _m in _members:
        _PHRASES.setdefault(_phrase_words(_m), "~" + _concept)
# the lengths of the phrases that begin with a word, longest first (most words begin none)
_STARTS: dict[str, tuple[int, ...]] = {}
for _p in _PHRASES:
    _STARTS[_p[0]] = tuple(sorted(set(_STARTS.get(_p[0], ())) | {len(_p)}, reverse=True))


def _plan(words: list[tuple[str, tuple[str, ...]]], i: int) -> tuple[str, int] | None:
    """A plan name starting at word i: (its number, the index after it), or None."""
    def num_at(j):
        if j < len(words) and words[j][1] and "." not in words[j][0]:
            return words[j][0]
        return None

    def after_number(j):  # '90/KH-UBND': skip the 'kh' and the issuer that follow the number
        if j < len(words) and words[j][0] == "kh":
            j += 1
            if j < len(words) and words[j][0] in _PLAN_ISSUERS:
                j += 1
        return j

    w = words[i][0]
    start = None
    if w == "ke" and i + 1 < len(words) and words[i + 1][0] == "hoach":
        start = i + 2
    elif w in ("kh", "plan"):
        start = i + 1
    elif re.fullmatch(r"kh\d+", w):
        return _canonical(w[2:]), after_number(i + 1)
    if start is not None:
        if start < len(words) and words[start][0] in ("so", "no"):
            start += 1
        n = num_at(start)
        if n is not None:
            return n, after_number(start + 1)
        return None
    n = num_at(i)
    if n is not None and i + 1 < len(words) and words[i + 1][0] == "kh":
        return n, after_number(i + 1)
    return None


def analyse(text: str) -> tuple[Term, ...]:
    """The terms of a text: the one tokeniser of documents and queries."""
    if not text:
        return ()
    words = _words(text)
    plain = [w for w, _ in words]
    terms: list[Term] = []
    i = 0
    while i < len(words):
        plan = _plan(words, i)
        if plan is not None:
            number, i = plan
            terms.append(Term(("kh" + number,), also=("~plan", number)))
            continue
        for n in _STARTS.get(plain[i], ()):  # the longest synonym phrase that starts here
            if i + n > len(plain):
                continue
            phrase = tuple(plain[i:i + n])
            concept = _PHRASES.get(phrase)
            if concept:
                if n == 1:
                    terms.append(Term((concept, phrase[0]), (phrase[0],) if len(phrase[0]) > 1 else ()))
                else:
                    terms.append(Term((concept,), also=phrase))
                i += n
                break
        else:
            word, number = words[i]
            i += 1
            if word in STOPWORDS:
                continue
            if number:
                terms.append(Term(number))
            else:
                terms.append(Term((word,), (word,) if len(word) > 1 else ()))
    return tuple(terms)


def query_terms(text: str) -> list[Term]:
    """The terms a query needs, each once."""
    out: list[Term] = []
    for term in analyse(text or ""):
        if term not in out:
            out.append(term)
    return out


# --- the index -------------------------------------------------------------------------------

# field weights: the row's own territory and year count most (a query "Sơn La 2023" asks for rows of that
# territory and year), then a title or name; a note or a quote least
ROW, TITLE, NAME, PLACE, NOTE = 16, 8, 4, 2, 1
KINDS = ("figure", "target", "product", "evaluation", "event", "subject", "sales_point")  # ties: this order
# the columns a kind is titled by (vi, en); weight TITLE
TITLE_COLUMNS = {
    "target": ("plan_vi", "plan_en", "plan_number", "description_vi", "description_en"),
    "event": ("title_vi", "title_en"),
    "product": ("name", "name_en"),
    "subject": ("name",),
    "sales_point": ("name", "locality"),
}
# other text columns by weight; any text column not named here is indexed as a note (weight NOTE)
COLUMN_WEIGHTS = {"decision_no": NAME, "product_group": NAME, "alias": NAME,
                  "commune": PLACE, "locality": PLACE, "address": PLACE}
SKIP_COLUMNS = frozenset({"name_note", "district_rule", "quote_status", "quote_reason", "quote_reason_vi", "lat", "lon",
                          "name_lang", "group_decision", "confidence", "origin"})
VALUE_COLUMNS = ("value", "value_high", "points", "count")  # numbers a row states (weight NAME)
# the words an enum value is found by (the index's own vocabulary; the screens word it in ocop_data/words.py)
ENUM_WORDS = {
    "stars": {"3": "3 sao 3 star", "4": "4 sao 4 star", "5": "5 sao 5 star",
              "5p": "tiềm năng 5 sao potential 5 star"},
    "subject_type": {"htx": "hợp tác xã", "dn": "doanh nghiệp", "tht": "tổ hợp tác", "hkd": "hộ kinh doanh"},
    "kind": {"upgrade": "nâng hạng", "re-evaluation": "đánh giá lại re-evaluation", "derived": "derived tính từ",
             "estimate": "ước tính estimate", "plan": "kế hoạch", "decision": "quyết định",
             "evaluation_round": "đánh giá", "conference": "hội nghị", "training": "tập huấn", "fair": "hội chợ",
             "trade_meeting": "kết nối giao thương trade", "opening": "khai trương opening",
             "policy": "chính sách policy"},
    "entry_kind": {k: "điểm bán" for k in ("total", "count_at_unit", "locality", "point")},
}
DISPLAY_DATE = {"target": "deadline", "sales_point": "as_of"}  # else a kind's first date column
CHUNK = 16_384  # documents converted to arrow at a time (bounds the build's memory)


def _key(rows: list[dict], col: str) -> dict:
    return {r[col]: r for r in rows}


def _doc_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(tokens, phrase words) a document field is indexed by."""
    main, also = [], []
    for term in analyse(text):
        main += term.alts + term.prefixes
        also += term.also
    return tuple(dict.fromkeys(main)), tuple(dict.fromkeys(also))


class _Doc:
    """The tokens of one document, each with the weight of the best field it is in."""
    __slots__ = ("parts", "cache")

    def __init__(self, cache: dict):
        self.parts: list[tuple[int, tuple[str, ...]]] = []
        self.cache = cache  # text -> its tokens, for one build (the same names recur on many rows)

    def add(self, text, weight: int) -> None:
        if text is None or text == "":
            return
        text = str(text)
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = _doc_tokens(text)
        main, also = found
        self.parts.append((weight, main))
        if also:  # the words of a phrase ('xã' in 'hợp tác xã') count half: the phrase is what the field says
            self.parts.append((max(1, weight // 2), also))

    def tokens(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for weight, toks in sorted(self.parts, key=lambda p: p[0]):  # a higher weight overwrites a lower
            out.update(dict.fromkeys(toks, weight))
        return out


DOC_FIELDS = {
    "doc": pa.int32(), "doc_id": pa.string(), "kind": pa.string(), "kind_rank": pa.int8(),
    "row_id": pa.string(), "territory_key": pa.string(), "district": pa.string(),
    "title_vi": pa.string(), "title_en": pa.string(), "detail_vi": pa.string(), "detail_en": pa.string(),
    "value": pa.float64(), "value_high": pa.float64(), "qualifier": pa.string(), "unit_vi": pa.string(),
    "unit_en": pa.string(), "fact_kind": pa.string(), "confidence": pa.string(), "stars": pa.string(),
    "date": pa.string(),
    "date_precision": pa.string(), "date_role": pa.string(), "sort_date": pa.date32(), "expires": pa.date32(),
    "superseded": pa.bool_(), "has_quote": pa.bool_(), "quote": pa.string(), "quote_status": pa.string(),
    "quote_display": pa.string(), "quote_garbled": pa.bool_(), "district_level": pa.bool_(),
    "cert_start": pa.string(), "cert_basis": pa.string(), "cert_quote": pa.string(), "evidence_date": pa.date32(),
    "evidence_stars": pa.string(), "evidence_level": pa.string(),
    "formula": pa.string(), "quote_reason": pa.string(), "quote_reason_vi": pa.string(), "product_id": pa.string(), "source_id": pa.string(),
    "display": pa.string(),  # the columns above as one JSON text: a query reads one column per result
}


def index_tables(rows: dict[str, list[dict]], geo: dict) -> dict[str, pa.Table]:
    """``search_doc``, ``search_token`` and ``search_vocab`` from the build's rows (one dict per row,
    with the build's derived ``*_date`` and ``expires`` columns)."""
    enabled = gc.isenabled()
    gc.disable()  # millions of short-lived objects and no cycles: collections would only slow the build
    try:
        return _index_tables(rows, geo)
    finally:
        if enabled:
            gc.enable()


def _index_tables(rows: dict[str, list[dict]], geo: dict) -> dict[str, pa.Table]:
    territories = _key(rows["territory"], "territory_key")
    metrics = _key(rows["metric"], "metric")
    subjects = _key(rows["subject"], "subject_id")
    products = _key(rows["product"], "product_id")
    sources = _key(rows["source"], "source_id")
    districts = {d["district_code"]: d for d in geo.get("districts", [])}
    communes = {c["commune_code"]: c for c in geo.get("communes_2025", [])}
    aliases: dict[str, list[str]] = {}
    for a in rows.get("subject_alias", []):
        aliases.setdefault(a["subject_id"], []).append(a["alias"])
    latest: dict[str, tuple] = {}  # product -> (decision date, evaluation id) of its latest evaluation
    for e in rows["evaluation"]:
        k = (e.get("decided_date") or date.min, e["evaluation_id"])
        if e["product_id"] not in latest or k > latest[e["product_id"]]:
            latest[e["product_id"]] = k
    mentions: dict[str, dict] = {}  # product -> its latest mention (a later page naming it with its stars)
    for e in rows["event"]:
        if e.get("kind") == "mention" and e.get("product_id") and e.get("date_date"):
            m = mentions.get(e["product_id"])
            if m is None or (e["date_date"], e["event_id"]) > (m["date_date"], m["event_id"]):
                mentions[e["product_id"]] = e

    shown = [k for k in DOC_FIELDS if k not in ("doc", "display")]
    columns: dict[str, list] = {k: [] for k in shown + ["display"]}  # the documents not yet in `chunks`
    chunks: dict[str, list] = {k: [] for k in columns}  # arrow arrays of CHUNK documents each
    tids, doc_nums, weights = array("i"), array("i"), array("b")  # the postings
    tid: dict[str, int] = {}  # token -> id in order of first sight (renumbered in sorted order below)
    cache: dict = {}
    encode = json.JSONEncoder(ensure_ascii=False, default=date.isoformat).encode

    def flush() -> None:  # Python objects for a chunk of documents at a time, never for them all
        for k, values in columns.items():
            chunks[k].append(pa.array(values, DOC_FIELDS[k]))
            values.clear()

    n = 0  # documents are numbered in the order ties rank: kind, newest date first, id
    for rank, kind in enumerate(KINDS):
        table = TABLES[kind]
        titles = TITLE_COLUMNS.get(kind, ())
        date_col = DISPLAY_DATE.get(kind, table.date_pairs[0][0] if table.date_pairs else None)
        prec_col = dict(table.date_pairs).get(date_col)
        has_quote = "quote" in table.column_names
        # how each column of the schema is indexed: any column added to the schema is picked up
        text_cols, enum_cols, value_cols, ref_cols = [], [], [], []
        for c in table.columns:
            if c.name in SKIP_COLUMNS or c.name == table.key:
                continue
            if c.type == "text":
                text_cols.append((c.name, TITLE if c.name in titles else COLUMN_WEIGHTS.get(c.name, NOTE)))
            elif c.type == "enum" and c.name in ENUM_WORDS:
                enum_cols.append((c.name, NAME if c.name == "stars" else PLACE))
            elif c.type in ("float", "int") and c.name in VALUE_COLUMNS:
                value_cols.append(c.name)
            elif c.type == "ref":
                ref_cols.append(c.name)
        ref_parts: dict = {}
        sort_col = f"{date_col}_date" if date_col else None
        ordered = sorted(rows[kind], key=lambda r: (-(r.get(sort_col) or date.min).toordinal() if sort_col else 0,
                                                    r[table.key]))
        for r in ordered:
            d = _Doc(cache)
            row_id = r[table.key]
            out = {"doc_id": f"{kind}:{row_id}", "kind": kind, "kind_rank": rank,
                   "row_id": row_id, "territory_key": r.get("territory_key"), "source_id": r.get("source_id"),
                   "confidence": r.get("confidence"), "has_quote": has_quote, "superseded": False}
            for col, weight in text_cols:
                if r.get(col):
                    d.add(r[col], weight)
            for col, weight in enum_cols:
                d.add(ENUM_WORDS[col].get(r.get(col)), weight)
            for col in value_cols:
                if r.get(col) is not None:
                    d.add(number_token(r[col]), NAME)
            for col in ref_cols:
                if r.get(col):
                    key = (col, r[col])
                    parts = ref_parts.get(key)
                    if parts is None:  # what a referenced row adds is the same for every row citing it
                        ref = _Doc(cache)
                        _add_ref(ref, kind, col, r[col], territories, metrics, subjects, products, sources,
                                 districts, communes)
                        parts = ref_parts[key] = ref.parts
                    d.parts += parts
            for dc, pc in table.date_pairs:
                d.add(date_text(r.get(dc), r.get(pc)), PLACE)
            if kind == "subject":
                for a in aliases.get(row_id, []):
                    d.add(a, NAME)
            _describe(out, kind, r, territories, metrics, subjects, products, districts)
            # the row's own territory and year: a query naming them finds the row above one quoting them
            own = territories.get(out.get("territory_key"), {})
            for text in (own.get("name_vi"), own.get("name_en")):
                d.add(text, ROW)
            if date_col and r.get(date_col) and r.get(prec_col) != "undated":
                d.add(str(r[date_col])[:4], ROW)
            out["district_level"] = bool(r.get("district_code")) and kind in ("figure", "target", "sales_point")
            if date_col:
                out.update(date=r.get(date_col), date_precision=r.get(prec_col), date_role=date_col,
                           sort_date=r.get(sort_col))
            if has_quote:
                for col in ("quote", "quote_status", "formula", "quote_reason", "quote_reason_vi", "quote_display",
                            "quote_garbled"):
                    out[col] = r.get(col) or None
            # certificates: the build's derived expiry (ocop_data.certificates) of an evaluation or an event, the
            # day the computation starts from and the words that state it, and the latest later evidence
            expires = r.get("expires")
            out["expires"] = expires
            if kind == "evaluation":
                out["superseded"] = latest[r["product_id"]][1] != row_id
                if expires is not None:
                    out.update(cert_start=r.get("decided"), cert_basis="decision", cert_quote=r.get("quote"))
                m = mentions.get(r["product_id"])
                if m is not None and not out["superseded"] and (r.get("decided_date") is None
                                                                  or m["date_date"] > r["decided_date"]):
                    out.update(evidence_date=m["date_date"], evidence_stars=m.get("stars"),
                               evidence_level=m.get("level"))
            if kind == "event" and expires is not None:
                basis = r.get("certificate_basis")
                out.update(cert_basis=basis,
                           cert_start=r.get("certificates_from") if basis == "certificates_from" else r.get("date"),
                           cert_quote=r.get("certificates_quote") if basis == "certificates_from" else r.get("quote"))
            if expires is not None:
                d.add("chứng nhận certificate", NOTE)
            for k in shown:
                columns[k].append(out.get(k))
            columns["display"].append(encode({k: out.get(k) for k in shown}))
            toks = d.tokens()
            tids.extend([tid.setdefault(tok, len(tid)) for tok in toks])
            doc_nums.extend([n] * len(toks))
            weights.extend(toks.values())
            n += 1
            if n % CHUNK == 0:
                flush()
    flush()

    # token ids follow the tokens' sorted order (a prefix's tokens are one range of ids); the postings
    # are sorted by token, then document, so a token's postings are one run of rows
    vocab = sorted(tid)
    token_number = np.empty(len(vocab), np.int32)
    token_number[[tid[tok] for tok in vocab]] = np.arange(len(vocab), dtype=np.int32)
    post_tid = token_number[np.frombuffer(tids, np.int32)]
    post_doc = np.frombuffer(doc_nums, np.int32)
    post_order = np.lexsort((post_doc, post_tid))
    doc_table = pa.table({"doc": pa.array(np.arange(n, dtype=np.int32)),
                          **{k: pa.chunked_array(chunks[k], DOC_FIELDS[k]) for k in chunks}})
    tokens = pa.table({"tid": pa.array(post_tid[post_order]), "doc": pa.array(post_doc[post_order]),
                       "weight": pa.array(np.frombuffer(weights, np.int8)[post_order])})
    vocab_table = pa.table({"tid": pa.array(range(len(vocab)), pa.int32()), "token": pa.array(vocab, pa.string())})
    return {"search_doc": doc_table, "search_token": tokens, "search_vocab": vocab_table}


def _add_ref(d: _Doc, kind, col, v, territories, metrics, subjects, products, sources, districts, communes):
    if col == "territory_key":
        t = territories.get(v, {})
        d.add(t.get("name_vi"), PLACE)
        d.add(t.get("name_en"), PLACE)
    elif col == "metric":
        m = metrics.get(v, {})
        w = TITLE if kind == "figure" else NAME
        for c in ("label_vi", "label_en"):
            d.add(m.get(c), w)
        for c in ("unit_vi", "unit_en"):
            d.add(m.get(c), NOTE)
        if m.get("star"):
            d.add(ENUM_WORDS["stars"].get(m["star"]), NAME)
    elif col == "subject_id":
        s = subjects.get(v, {})
        d.add(s.get("name"), NAME)
    elif col == "product_id":  # an evaluation is found by its product's name, producer and place
        p = products.get(v, {})
        d.add(p.get("name"), TITLE)
        d.add(p.get("name_en"), TITLE)
        d.add(subjects.get(p.get("subject_id"), {}).get("name"), NAME)
        t = territories.get(p.get("territory_key"), {})
        for text in (t.get("name_vi"), t.get("name_en"), districts.get(p.get("district_code"), {}).get("short_name"),
                     p.get("commune")):
            d.add(text, PLACE)
    elif col == "district_code":
        d.add(districts.get(v, {}).get("short_name"), PLACE)
    elif col == "commune_2025_code":
        d.add(communes.get(v, {}).get("commune"), PLACE)
    elif col == "source_id":
        s = sources.get(v, {})
        d.add(s.get("publisher") if s.get("publisher") != "not stated" else None, NOTE)
        d.add(s.get("title") if s.get("title") != "not stated" else None, NOTE)


def _describe(out: dict, kind: str, r: dict, territories, metrics, subjects, products, districts) -> None:
    """The display columns of a document: title, detail, value, unit, qualifier (plain data, both languages)."""
    # a district by its full name ('Thành phố Sơn La', 'Huyện Chiêm Hóa'): the short one can be the province's
    district = districts.get(r.get("district_code"), {}).get("name")
    out["district"] = district
    if kind == "figure":
        m = metrics.get(r["metric"], {})
        out.update(title_vi=m.get("label_vi"), title_en=m.get("label_en"), value=r.get("value"),
                   qualifier=r.get("qualifier"), unit_vi=m.get("unit_vi"), unit_en=m.get("unit_en"),
                   fact_kind=r.get("kind"))
    elif kind == "target":
        m = metrics.get(r["metric"], {})
        plan_vi, plan_en = r.get("plan_vi"), r.get("plan_en")
        out.update(title_vi=r.get("description_vi"), title_en=r.get("description_en"), detail_vi=plan_vi,
                   detail_en=plan_en, value=r.get("value"), value_high=r.get("value_high"),
                   qualifier=r.get("comparison"), unit_vi=m.get("unit_vi"), unit_en=m.get("unit_en"))
    elif kind == "evaluation":
        p = products.get(r["product_id"], {})
        producer = subjects.get(p.get("subject_id"), {}).get("name")
        detail = " · ".join(x for x in (producer, r.get("decision_no")) if x)
        out.update(title_vi=p.get("name"), title_en=p.get("name_en") or p.get("name"), detail_vi=detail,
                   detail_en=detail, value=r.get("points"), stars=r.get("stars"), product_id=r["product_id"],
                   fact_kind=r.get("kind"), territory_key=p.get("territory_key"),
                   district=districts.get(p.get("district_code"), {}).get("name"))
    elif kind == "event":
        out.update(title_vi=r.get("title_vi"), title_en=r.get("title_en"), detail_vi=r.get("description_vi"),
                   detail_en=r.get("description_en"), fact_kind=r.get("kind"))
    elif kind == "product":
        producer = subjects.get(r.get("subject_id"), {}).get("name")
        detail = " · ".join(x for x in (producer, r.get("product_group"), r.get("commune")) if x)
        out.update(title_vi=r.get("name"), title_en=r.get("name_en") or r.get("name"), detail_vi=detail,
                   detail_en=detail, product_id=r["product_id"])
    elif kind == "subject":
        detail = r.get("commune")
        out.update(title_vi=r.get("name"), title_en=r.get("name"), detail_vi=detail, detail_en=detail,
                   fact_kind=r.get("subject_type"))
    elif kind == "sales_point":
        title = r.get("name") or r.get("locality")
        out.update(title_vi=title, title_en=title, detail_vi=r.get("address"), detail_en=r.get("address"),
                   value=r.get("count"), qualifier=r.get("count_qualifier"), fact_kind=r.get("entry_kind"))
