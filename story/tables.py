"""Tables for people (no streamlit): people's column names, vi-VN numbers and dates, qualifiers in words
("trên 20"), and never None/nan/NaT/<NA> or a data file's code (territory_key, as_of_precision, s5p, rest,
more_than, H/M/L…).

Two ways in:

- ``for_people(df, lang, columns, territory=..., source=...)`` turns a query result (raw column names)
  into the table people read: each raw column has one rendering here (a date with its precision, a value
  with its qualifier, a star tier, a status…); the columns that only qualify another (``as_of_precision``,
  ``qualifier``, ``s3_q``…) are read with it and never shown alone.
- ``tidy(df, lang)`` is the last pass over a table a page built itself: numbers formatted for the language,
  dates as dd/mm/yyyy, yes/no in words, missing cells empty. A raw column left in it is rendered as
  ``for_people`` would, so a page that hands over a query result by mistake still shows people's words.

The pages, the chart/table toggle (``ui.frame.chart_block``), the presentation and the downloads use the
same frames, so a CSV holds exactly what the table shows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Iterable

import pandas as pd

from ocop_data.missing import missing
from ocop_data.missing import blank
from ocop_data.words import WORDS, lang_col, t, t_or

from . import findings, fmt
from .cite import quote_line, short_label, shown_quote, title_text

Label = Callable[[str], str]


def words(prefix: str, code, lang: str, empty: str = "") -> str:
    """A code in words: words("stars_", "5p", "vi") -> "Tiềm năng 5 sao"; an unknown code stays as it is."""
    if blank(code):
        return empty
    return t_or(f"{prefix}{code}", lang, str(code))


def text(value, empty: str = "") -> str:
    return empty if blank(value) else str(value)


def _number(value, lang: str, empty: str) -> str:
    if blank(value):
        return empty
    v = float(value)
    return fmt.number(v, lang, 0 if v.is_integer() else 1)


def target_text(row: dict, lang: str) -> str:
    """A target's value in words: "ít nhất 280 sản phẩm", "15–20 sản phẩm", "tất cả"."""
    comparison = row.get("comparison")
    word = words("cmpw_", comparison, lang)
    if blank(row.get("value")):
        return word if comparison == "all" else t("not_published", lang)
    value = _number(row["value"], lang, "")
    if comparison == "range" and not blank(row.get("value_high")):
        value += "–" + _number(row["value_high"], lang, "")
        word = ""
    unit = row.get(lang_col("unit", lang))
    return " ".join(p for p in (word, value, text(unit)) if p)


def when_text(value) -> str:
    """A moment as dd/mm/yyyy hh:mm (an ISO timestamp in the data's records)."""
    if blank(value):
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return moment.strftime("%d/%m/%Y %H:%M")


def rows_text(value, lang: str) -> str:
    """How many rows of which table, in words: {'product': 1, 'evaluation': 1} -> '1 sản phẩm, 1 đánh giá'."""
    if isinstance(value, dict):
        return ", ".join(f"{fmt.number(n, lang)} {words('tblname_', name, lang)}" for name, n in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return text(value)


def confidence_text(code, lang: str) -> str:
    return words("conf_", code, lang)


@dataclass(frozen=True)
class Column:
    label: str  # a key of ocop_data.words
    render: Callable[[dict, str, "Ctx"], str]


@dataclass(frozen=True)
class Ctx:
    territory: Label | None
    source: Label | None  # a source id -> its short label (never the id itself)
    empty: str  # what a missing figure shows ("chưa công bố")


def _by_lang(name: str, empty_key: str | None = None):
    def render(r: dict, lang: str, c: Ctx) -> str:
        v = r.get(lang_col(name, lang))
        if blank(v):
            v = r.get(lang_col(name, "vi"))  # an English rendering not written yet: the Vietnamese words
        return text(v, t(empty_key, lang) if empty_key else "")
    return render


def _date(col: str, precision: str | None = None):
    def render(r: dict, lang: str, c: Ctx) -> str:
        v = r.get(col)
        if blank(v):
            return t("undated", lang) if precision else ""
        return fmt.partial_date(v, r.get(precision) if precision else None, lang)
    return render


def _qualified(col: str, qualifier: str | None, empty: str | None = None):
    def render(r: dict, lang: str, c: Ctx) -> str:
        v = r.get(col)
        if blank(v):
            return c.empty if empty is None else empty
        q = r.get(qualifier) if qualifier else None
        return fmt.qualified(v, None if blank(q) else q, lang)
    return render


def _coded(col: str, prefix: str, empty_key: str | None = None):
    def render(r: dict, lang: str, c: Ctx) -> str:
        return words(prefix, r.get(col), lang, t(empty_key, lang) if empty_key else "")
    return render


def _plain(col: str, empty_key: str | None = None):
    def render(r: dict, lang: str, c: Ctx) -> str:
        return text(r.get(col), t(empty_key, lang) if empty_key else "")
    return render


def _count(col: str):
    def render(r: dict, lang: str, c: Ctx) -> str:
        return _number(r.get(col), lang, c.empty)
    return render


def _kind(r: dict, lang: str, c: Ctx) -> str:
    """'kind' is a figure's (reported, estimate, derived), an evaluation's or an event's kind."""
    v = r.get("kind")
    for prefix in ("fk_", "kind_", "ev_"):
        if not blank(v) and f"{prefix}{v}" in WORDS:
            return t(f"{prefix}{v}", lang)
    return text(v)


def _coordinate(col: str):
    def render(r: dict, lang: str, c: Ctx) -> str:
        v = r.get(col)
        return t("no_coordinates", lang) if blank(v) else fmt.number(float(v), lang, 4)
    return render


def _bool(col: str):
    def render(r: dict, lang: str, c: Ctx) -> str:
        v = r.get(col)
        return "" if blank(v) else t("yes" if bool(v) else "no", lang)
    return render


def _percent(r: dict, lang: str, c: Ctx) -> str:
    return "–" if blank(r.get("percent")) else fmt.percent(r["percent"], lang)


def _latest(r: dict, lang: str, c: Ctx) -> str:
    v = r.get("latest_value")
    if blank(v):
        return t("not_published", lang)
    return fmt.qualified(v, None if blank(r.get("latest_qualifier")) else r["latest_qualifier"], lang)


def _latest_date(r: dict, lang: str, c: Ctx) -> str:
    v = r.get("latest_as_of")
    return "" if blank(v) else fmt.partial_date(v, r.get("latest_precision"), lang)


def _territory(col: str):
    def render(r: dict, lang: str, c: Ctx) -> str:
        v = r.get(col)
        if blank(v):
            return ""
        if c.territory is None:  # no label function: the row's own name, never the key
            name = r.get(lang_col("territory", lang))
            return str(v) if blank(name) else str(name)
        return c.territory(str(v))
    return render


def _source(col: str):
    def render(r: dict, lang: str, c: Ctx) -> str:
        v = r.get(col)
        if missing(v):
            return ""
        if c.source is not None:
            return c.source(str(v))
        prefix = "source" if col == "source_id" else col  # the row's own fields: its short label, never the id
        return short_label({"source_id": v, "title": r.get(f"{prefix}_title"), "address": r.get(f"{prefix}_address"),
                            "seed_file": r.get(f"{prefix}_file")}, lang)
    return render


def _confidence(r: dict, lang: str, c: Ctx) -> str:
    return confidence_text(r.get("confidence"), lang)


def _doubtful(r: dict, lang: str, c: Ctx) -> str:
    return f"⚠ {t('doubtful', lang)}" if r.get("doubtful") is True else ""


# one rendering per raw column (the label is a key of ocop_data.words)
COLUMNS: dict[str, Column] = {
    "territory_key": Column("territory", _territory("territory_key")),
    "territory_vi": Column("territory", _by_lang("territory")),
    # columns a page made before handing over a query result (already in words)
    "territory": Column("territory", _plain("territory")),
    "when": Column("date", _plain("when")),
    "what": Column("metric", _plain("what")),
    "kind_label": Column("kind", _plain("kind_label")),
    "district": Column("district", _plain("district")),
    "locality": Column("locality", _plain("locality")),
    "name": Column("name", _plain("name")),
    "name_vi": Column("name", _by_lang("name")),
    "subject": Column("subject", _plain("subject", "not_published")),
    "subject_type": Column("subject_type", _coded("subject_type", "type_", "not_published")),
    "address": Column("address", _plain("address", "not_published")),
    "as_of": Column("as_of", _date("as_of", "as_of_precision")),
    "date": Column("date", _date("date", "date_precision")),
    "decided": Column("decided", _date("decided", "decided_precision")),
    "deadline": Column("deadline", _date("deadline", "deadline_precision")),
    "published": Column("published", _date("published", "published_precision")),
    "gathered": Column("gathered", _date("gathered", "gathered_precision")),
    "opened": Column("opened", _date("opened", "opened_precision")),
    "plan_date": Column("plan_date", _date("plan_date", "plan_date_precision")),
    "valid_from": Column("valid_from", _date("valid_from", "valid_from_precision")),
    "valid_to": Column("valid_to", _date("valid_to", "valid_to_precision")),
    "unit_abolished_on": Column("unit_abolished_on", _date("unit_abolished_on", "unit_abolished_on_precision")),
    "expires": Column("expires", lambda r, lang, c: fmt.day(r["expires"], lang) if not blank(r.get("expires"))
                      else t("expiry_unknown", lang)),
    "metric_vi": Column("metric", _by_lang("metric")),
    "unit_vi": Column("unit", _by_lang("unit")),
    "plan_vi": Column("plan", _by_lang("plan")),
    "plan_number": Column("plan_number", _plain("plan_number")),
    "description_vi": Column("description", _by_lang("description")),
    "title_vi": Column("title", _by_lang("title")),
    "title": Column("title", lambda r, lang, c: "" if blank(r.get("title")) or r["title"] == "not stated"
                    else title_text({"title": r["title"], "title_descriptive": r.get("title_descriptive") is True
                                     or str(r.get("title_descriptive")).lower() == "true"}, lang)),
    "publisher": Column("publisher", lambda r, lang, c: t("not_stated", lang) if blank(r.get("publisher")) or
                        r["publisher"] == "not stated" else str(r["publisher"])),
    "value": Column("value", _qualified("value", "qualifier")),
    "count": Column("count", _qualified("count", "count_qualifier")),
    "total": Column("col_total", _qualified("total", "total_q")),
    "s3": Column("stars_3", _qualified("s3", "s3_q")),
    "s4": Column("stars_4", _qualified("s4", "s4_q")),
    "s5": Column("stars_5", _qualified("s5", "s5_q")),
    "s5p": Column("stars_5p", _qualified("s5p", "s5p_q")),
    # a total whose split was not published: empty where the split was published
    "rest": Column("stars_total", _qualified("rest", "qualifier", empty="")),
    "n": Column("col_n", _count("n")),
    "listed": Column("col_listed", _count("listed")),
    "producers": Column("count_listed", _count("producers")),
    "days_left": Column("days_left", _count("days_left")),
    "points": Column("col_points", _count("points")),
    "rows_citing": Column("rows_citing", _count("rows_citing")),
    "figures": Column("col_figures", _count("figures")),
    "lat": Column("lat", _coordinate("lat")),
    "lon": Column("lon", _coordinate("lon")),
    "stars": Column("stars", _coded("stars", "stars_", "not_published")),
    "star": Column("stars", _coded("star", "stars_")),
    "level": Column("level", _coded("level", "level_")),
    "kind": Column("kind", _kind),
    "entry_kind": Column("kind", _coded("entry_kind", "entry_")),
    "precision": Column("precision", _coded("precision", "prec_")),
    "status": Column("status", _coded("status", "status_")),
    "confidence": Column("confidence", _confidence),
    "doubtful": Column("doubtful_col", _doubtful),
    "comparison": Column("target_value", lambda r, lang, c: target_text(r, lang)),
    "latest_value": Column("latest_figure", _latest),
    "latest_as_of": Column("latest_as_of", _latest_date),
    "percent": Column("percent_reached", _percent),
    "source_id": Column("source", _source("source_id")),
    "latest_source": Column("figure_source", _source("latest_source")),
    "decision_no": Column("decision_no", _plain("decision_no", "not_published")),
    "product_group": Column("group", _plain("product_group", "not_published")),
    # the data's notes are written in English, with a Vietnamese rendering in note_vi
    "note": Column("note", lambda r, lang, c: text(r.get("note_vi")) if lang == "vi" and not blank(
        r.get("note_vi")) else text(r.get("note"))),
    "quote": Column("quote", lambda r, lang, c: shown_quote(r, lang) or ""),
    "quote_status": Column("quote_status", _coded("quote_status", "qs_")),
    "language": Column("language", _coded("language", "lang_")),
    "comparable": Column("comparable", _bool("comparable")),
    "district_derived": Column("district_derived", _bool("district_derived")),
    "group_classified": Column("group_classified", _bool("group_classified")),
}
# raw columns of the data files that people meet in an import's "rows that change" (by their meaning)
FIELD_ALIASES = {"subject_id": "subject", "product_id": "product", "district_code": "district", "commune": "field_commune",
                 "territory_key": "territory", "source_id": "source"}


def column_label(name: str, lang: str) -> str:
    """A data file's column in words ('decided_precision' -> 'Ngày quyết định (độ chính xác)')."""
    if name.endswith("_precision") and name != "precision":
        return f"{column_label(name[:-len('_precision')], lang)} ({t('field_precision', lang)})"
    if name in FIELD_ALIASES:
        return t(FIELD_ALIASES[name], lang)
    if name in ("evaluation_id", "point_id"):
        return t("fld_row_id", lang)
    if f"fld_{name}" in WORDS:
        return t(f"fld_{name}", lang)
    if name in COLUMNS:
        return t(COLUMNS[name].label, lang)
    return name


# columns that only qualify another (read with it) or that people never need (ids, parsed dates, sort keys)
COMPANIONS = {"as_of_precision", "date_precision", "decided_precision", "deadline_precision", "published_precision",
              "gathered_precision", "opened_precision", "plan_date_precision", "valid_from_precision",
              "valid_to_precision", "unit_abolished_on_precision", "qualifier", "count_qualifier", "total_q", "s3_q",
              "s4_q", "s5_q", "s5p_q", "value_high", "latest_qualifier", "latest_precision", "territory_en",
              "metric_en", "unit_en", "plan_en", "description_en", "title_en", "name_en", "note_vi",
              "total_qualifier", "total_count", "quote_display", "quote_garbled"}
HIDDEN_PATTERN = re.compile(r".*(_id|_code|_date|_order)$|^(origin|part_of|coord_origin|name_lang|metric|"
                            r"title_descriptive|flagged_about|projected|different_sources|formula|quote_reason|quote_reason_vi|"
                            r"source_title|source_address|source_file|source_publisher|source_published|"
                            r"latest_source_title|latest_source_address|latest_source_file|seed_file|"
                            r"group_decision|name_note|commune|year|distance_days|code|predecessors|successor|"
                            r"family|label_vi|label_en|unit)$")
RAW = re.compile(r"[a-z][a-z0-9_]*")  # a header people read is never an all-lowercase identifier


def _ctx(lang: str, territory: Label | None, source: Label | None, empty: str | None) -> Ctx:
    return Ctx(territory, source, t("not_published", lang) if empty is None else empty)


def for_people(df: pd.DataFrame, lang: str, columns: Iterable[str] | None = None, *,
               territory: Label | None = None, source: Label | None = None, empty: str | None = None,
               labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The table people read, from raw query columns.

    ``columns``: the raw columns to show, in order (None: every column this module knows, in the frame's
    order, skipping companions and internal ids). ``territory``/``source``: key -> label functions (for
    'Tuyên Quang (đến 30/06/2025)' and a source's short name). ``labels``: header overrides by raw name.
    A column already in people's words (not a raw identifier) is kept and tidied.
    """
    c = _ctx(lang, territory, source, empty)
    names = list(columns) if columns is not None else [
        col for col in df.columns if col in COLUMNS or (not RAW.fullmatch(str(col)))]
    if columns is None:
        names = [n for n in names if n not in COMPANIONS and (n in COLUMNS or not HIDDEN_PATTERN.fullmatch(str(n)))]
        if "comparison" in names:  # a target: its value is said with the comparison ("ít nhất 280")
            names = [n for n in names if n != "value"]
    rows = df.to_dict("records")
    out: dict[str, list] = {}
    for name in names:
        spec = COLUMNS.get(name)
        if spec is None:
            if RAW.fullmatch(str(name)):
                raise KeyError(f"no people's rendering for the raw column {name!r} (add it to story.tables)")
            out[str(name)] = [_cell(r.get(name), lang) for r in rows]
            continue
        header = (labels or {}).get(name) or t(spec.label, lang)
        if header in out:  # two raw columns with one label (territory_key, territory_vi): the first shows
            if columns is None:
                continue
            header += " "
        out[header] = [spec.render(r, lang, c) for r in rows]
    return pd.DataFrame(out, index=range(len(rows)), columns=list(out))


def _cell(value, lang: str) -> str:
    """One cell of a table a page built: text for people."""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v, lang) for v in value if not blank(v))
    if blank(value):
        return ""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value, lang, "")
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return fmt.day(value, lang)
    try:  # numpy scalars
        import numpy as np
        if isinstance(value, np.bool_):
            return t("yes" if bool(value) else "no", lang)
        if isinstance(value, np.number):
            return _number(float(value), lang, "")
    except ImportError:  # pragma: no cover
        pass
    return str(value)


def tidy(df: pd.DataFrame, lang: str, *, territory: Label | None = None, source: Label | None = None) -> pd.DataFrame:
    """The last pass over a table a page built: every cell text for people, raw columns rendered."""
    if df is None:
        return pd.DataFrame()
    raw = [col for col in df.columns if RAW.fullmatch(str(col))]
    if raw:  # a query result handed over as it is: render the columns people read, drop the rest
        return for_people(df, lang, territory=territory, source=source)
    out = pd.DataFrame({str(col): [_cell(v, lang) for v in df[col].tolist()] for col in df.columns},
                       index=range(len(df)))
    return out


def raw_columns(df: pd.DataFrame) -> list[str]:
    """Headers that are still a raw identifier (for tests and checks)."""
    return [str(col) for col in df.columns if RAW.fullmatch(str(col))]

# --- the tables behind the charts (overview totals, star tiers, targets) ---------------------------------

def _text(v) -> str:
    return text(v)


def _note(r: dict, lang: str) -> str:
    """A row's note in the reader's language (note_vi in Vietnamese, the English note otherwise)."""
    if lang == "vi" and not blank(r.get("note_vi")):
        return str(r["note_vi"])
    return text(r.get("note"))


def source_cell(r: dict, lang: str, src: Label | None = None, prefix: str = "source") -> str:
    """A source for a table cell: its short label ('Báo Sơn La (12/2024)'), never its id."""
    sid = r.get("source_id") if prefix == "source" else r.get(prefix)
    if missing(sid):
        return "–"
    if src is not None:
        return src(str(sid))
    head = "source" if prefix == "source" else prefix
    return short_label({"source_id": sid, "title": r.get(f"{head}_title"), "address": r.get(f"{head}_address"),
                        "seed_file": r.get(f"{head}_file")}, lang)


def _figure_kind(r: dict, lang: str) -> str:
    word = t(r.get("kind") or "reported", lang)
    if r.get("confidence") == "L" or r.get("doubtful"):
        word += f" · {t('doubtful_flag', lang).split(',')[0]}"
    return word


def totals_table(figures: pd.DataFrame, label: Callable[[str], str], lang: str, src: Label | None = None
                 ) -> pd.DataFrame:
    """The overview chart's figures: every reported or estimated total of the territories shown."""
    rows = figures.sort_values(["territory_key", "as_of_date"], na_position="last", kind="stable")
    return pd.DataFrame({
        t("territory", lang): [label(k) for k in rows.territory_key],
        t("col_report_date", lang): [findings.date_short(a, p, lang) for a, p in zip(rows.as_of, rows.as_of_precision)],
        t("col_total", lang): [fmt.qualified(v, q, lang) for v, q in zip(rows.value, rows.qualifier)],
        t("col_kind", lang): [_figure_kind(r, lang) for r in rows.to_dict("records")],
        t("source", lang): [source_cell(r, lang, src) for r in rows.to_dict("records")],
        t("quote", lang): [quote_line(r, lang) for r in rows.to_dict("records")],
        t("note", lang): [_note(r, lang) for r in rows.to_dict("records")],
    })


def _quotes(r: dict, lang: str) -> str:
    """A report's quotes (each figure's, said once): the source's sentences, formulas or the file's row."""
    quotes = r.get("quotes")
    if quotes is None or isinstance(quotes, float):
        return quote_line(r, lang)
    return " · ".join(dict.fromkeys(q for q in (quote_line(dict(x), lang) for x in quotes) if q))


def tier_table(reports: pd.DataFrame, label: Callable[[str], str], lang: str, src: Label | None = None
               ) -> pd.DataFrame:
    """The star-tier chart's reports: one row per report (date × source), tiers as published."""
    def tier(r, col):
        return "–" if blank(r.get(col)) else fmt.qualified(r[col], r.get(col + "_q") or "exact", lang)

    recs = reports.to_dict("records")
    return pd.DataFrame({
        t("territory", lang): [label(r["territory_key"]) for r in recs],
        t("col_report_date", lang): [findings.date_short(r["as_of"], r["as_of_precision"], lang) for r in recs],
        t("col_total", lang): [tier(r, "total") for r in recs],
        t("stars_3", lang): [tier(r, "s3") for r in recs],
        t("stars_4", lang): [tier(r, "s4") for r in recs],
        t("stars_5", lang): [tier(r, "s5") for r in recs],
        t("stars_5p", lang): [tier(r, "s5p") for r in recs],
        t("col_kind", lang): [_figure_kind(r, lang) for r in recs],
        t("source", lang): [source_cell(r, lang, src) for r in recs],
        t("quote", lang): [_quotes(r, lang) for r in recs],
        t("note", lang): [_note(r, lang) for r in recs],
    })


def _achieved(r: dict, lang: str) -> str:
    if blank(r.get("latest_value")):
        return t("not_published", lang)
    text = f"{findings.actual_text(r, lang, words=False)} " \
           f"({findings.date_short(r.get('latest_as_of'), r.get('latest_precision'), lang)})"
    if not blank(r.get("percent")):
        text += f" · {fmt.percent(r['percent'], lang)}"
    if not missing(r.get("latest_formula")) and r.get("latest_formula"):  # a sum of rounds (queries.periods)
        text += f" · {t('derived_from', lang).format(formula=r['latest_formula'])}"
    return text


def order_targets(progress: pd.DataFrame) -> pd.DataFrame:
    """Targets with a figure first (by deadline), then those without."""
    if progress.empty:
        return progress
    return progress.assign(_nofig=progress.latest_value.isna()).sort_values(
        ["_nofig", "deadline_date", "territory_key"], kind="stable").drop(columns="_nofig")


def targets_short(progress: pd.DataFrame, short: Callable[[str], str], lang: str) -> pd.DataFrame:
    """Four columns that fit a page (and a phone): the target as every surface labels it ('Sơn La · 4 sao
    ≥ 100 (2025)'; ``short``: a territory's short label), status, reached, deadline."""
    recs = order_targets(progress).to_dict("records")
    return pd.DataFrame({
        t("col_target_short", lang): [findings.target_label(r, short(r["territory_key"]), lang) for r in recs],
        t("status", lang): [findings.status_label(r["status"], lang) for r in recs],
        t("col_achieved", lang): [_achieved(r, lang) for r in recs],
        t("deadline", lang): [findings.deadline_text(r, lang) for r in recs],
    })


def targets_detail(progress: pd.DataFrame, label: Callable[[str], str], lang: str, src: Label | None = None
                   ) -> pd.DataFrame:
    """Every target in full: plan, the target as worded and as a value, the finding, both sources."""
    recs = order_targets(progress).to_dict("records")
    return pd.DataFrame({
        t("territory", lang): [label(r["territory_key"]) for r in recs],
        t("plan", lang): [_text(r[lang_col("plan", lang)]) for r in recs],
        t("col_target_full", lang): [_text(r[lang_col("description", lang)]) for r in recs],
        t("target_value", lang): [findings.target_value_text(r, lang) for r in recs],
        t("deadline", lang): [findings.deadline_text(r, lang) for r in recs],
        t("status", lang): [findings.status_label(r["status"], lang) for r in recs],
        t("col_achieved", lang): [_achieved(r, lang) for r in recs],
        t("note", lang): [findings.target_finding(r, label(r["territory_key"]), lang) for r in recs],
        t("target_source", lang): [source_cell(r, lang, src) for r in recs],
        t("quote", lang): [quote_line(r, lang) for r in recs],
        t("figure_source", lang): [source_cell(r, lang, src, "latest_source") for r in recs],
    })
