"""The schema of the OCOP data files: one table a file, one column spec a column.

This module is the single description of the plain files in ``ocop_data/data/`` and of
the DuckDB tables the build writes from them. The build (``ocop_data.build``) validates
every file against it; imports go through the same validation.

Conventions (see also ``ocop_data/data/README.md``):
- Text is UTF-8, stored as published and normalised to NFC by the build.
- A field a source does not state is the literal ``not stated`` (sources) or left empty
  (facts): an empty figure is "not published", never zero.
- Dates are written as ISO prefixes (``2024``, ``2024-07``, ``2024-07-11``) with a
  precision column: ``day``, ``month``, ``year``, ``inferred`` (a year the text implies,
  not states) or ``undated`` (date column empty).
- Every fact row has a ``source_id`` that must exist in ``source.csv``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_VERSION = 9  # 9: target.period_from (a plan period's start, for what is counted over it); 8: districts of every province (listed, boundary, name_2019); 7: quote_display, quote_garbled, event mention (product_id, stars), optional deadline; 6: quote_reason_vi; 5: the finder's index (search_doc, search_token, search_vocab)

NOT_STATED = "not stated"

DATE_PRECISIONS = ("day", "month", "year", "inferred", "undated")
STARS = ("3", "4", "5", "5p")  # 5p = "tiềm năng 5 sao" (potential 5-star)
SUBJECT_TYPES = ("htx", "dn", "tht", "hkd", "not_published")
LEVELS = ("district", "province", "national", "not_published")
EVAL_KINDS = ("new", "re-evaluation", "upgrade", "not_published")
FIGURE_KINDS = ("reported", "estimate", "derived")  # derived: computed from published figures (formula)
QUALIFIERS = ("exact", "more_than", "about", "at_least")
CONFIDENCE = ("H", "M", "L")
COMPARISONS = ("at_least", "more_than", "exactly", "range", "all")
GROUP_DECISIONS = ("1048/QĐ-TTg", "148/QĐ-TTg", "")
# mention: a page that names a product with its stars after its decision (latest evidence, never an evaluation)
EVENT_KINDS = ("plan", "decision", "evaluation_round", "conference", "training", "fair",
               "trade_meeting", "opening", "policy", "mention")
POINT_KINDS = ("total", "count_at_unit", "locality", "point")
POINT_PRECISIONS = ("address", "commune", "district_centroid", "locality", "province")
LANGS = ("vi", "en")
# how a fact row is backed by its source (DATA-RULES §1): a verbatim quote that states the value;
# a formula over published figures; a quote that could not be read (with the reason); the
# imported file's own cells; or synthetic benchmark data (exempt)
QUOTE_STATUSES = ("verbatim", "derived", "not_retrieved", "imported", "synthetic")
# the tables whose rows are facts and carry the source's own words
FACT_TABLES = ("figure", "target", "evaluation", "sales_point", "event")
# what the corrections list records (correction.csv)
CORRECTION_KINDS = ("value", "attribution", "date", "qualifier", "kind", "territory", "name", "producer",
                    "place", "split", "removed", "added", "confidence", "level", "comparison", "source",
                    "withdrawn")  # withdrawn: a correction found wrong (table_name correction, row_id its id)
CORRECTED_TABLES = ("source", "metric", "territory", "subject", "subject_alias", "product", "evaluation",
                    "sales_point", "figure", "target", "event", "correction")
TERRITORY_LEVELS = ("nation", "province")


@dataclass(frozen=True)
class Col:
    name: str
    type: str = "text"  # text|int|float|date|enum|bool|ref|id
    required: bool = False
    choices: tuple = ()
    ref: str | None = None  # "table.column" for foreign keys
    doc: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple
    key: str | None = None  # id column
    doc: str = ""
    date_pairs: tuple = field(default=())  # (date column, precision column)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def col(self, name: str) -> Col:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


SRC = Col("source_id", "ref", True, ref="source.source_id", doc="id of the source row")
NOTE_VI = Col("note_vi", doc="the note in Vietnamese (the note column holds it in English)")
# the source's own words for a fact row (DATA-RULES §1)
QUOTE = (
    Col("quote", doc="the shortest verbatim span of the source that states the row (… to shorten)"),
    Col("quote_status", "enum", False, QUOTE_STATUSES + ("",), doc="verbatim, derived, not_retrieved, "
        "imported or synthetic"),
    Col("formula", doc="for a derived row: how it is computed from published figures (their ids)"),
    Col("quote_reason", doc="for not_retrieved: why the source's words could not be read (in English)"),
    Col("quote_reason_vi", doc="the same reason in Vietnamese"),
    Col("quote_display", doc="the quote as the source prints it, where the extracted text lost letters and exactly "
        "one Vietnamese word fits each garbled form (shown marked 'đã khôi phục dấu'); `quote` keeps the extracted "
        "form for matching"),
    Col("quote_garbled", "bool", doc="true when the extracted quote lost letters (shown marked as garbled where no "
        "quote_display restores it)"),
)

TABLES: dict[str, Table] = {}


def _t(table: Table) -> Table:
    TABLES[table.name] = table
    return table


_t(Table("source", (
    Col("source_id", "id", True, doc="short stable id, e.g. seed-000, caphebichthao-2019"),
    Col("title", required=True, doc="as the source states it, else 'not stated'"),
    Col("title_descriptive", "bool", doc="true when the title is a description written by the project "
        "for a source that states none ('[bài về …]')"),
    Col("publisher", required=True),
    Col("published", "date", doc="publication date as stated; empty when not stated"),
    Col("published_precision", "enum", True, DATE_PRECISIONS),
    Col("address", required=True, doc="URL, or 'not stated'"),
    Col("seed_file", doc="file name of a seed article, when the source is one"),
    Col("gathered", "date", doc="when the fact was gathered (web sources)"),
    Col("gathered_precision", "enum", True, DATE_PRECISIONS),
    Col("language", "enum", True, LANGS),
    Col("note"),
    NOTE_VI,
), key="source_id", doc="Where every fact comes from.",
    date_pairs=(("published", "published_precision"), ("gathered", "gathered_precision"))))

_t(Table("territory", (
    Col("territory_key", "id", True, doc="code, plus -YEAR when a code was reused: 14, 08, 02, 08-2025, VN"),
    Col("code", required=True, doc="statistics-office code"),
    Col("name_vi", required=True),
    Col("name_en", required=True),
    Col("level", "enum", True, TERRITORY_LEVELS),
    Col("valid_from", "date"),
    Col("valid_from_precision", "enum", True, DATE_PRECISIONS),
    Col("valid_to", "date"),
    Col("valid_to_precision", "enum", True, DATE_PRECISIONS),
    Col("predecessors", doc="territory keys separated by ';'"),
    Col("successor", doc="territory key it became part of"),
    Col("lat", "float", doc="provincial capital, for map centring"),
    Col("lon", "float"),
    Col("coords_source_id", "ref", ref="source.source_id", doc="where the capital's coordinates come from"),
    SRC,
    Col("note"),
    NOTE_VI,
), key="territory_key", doc="Provinces (and the nation) over their validity periods.",
    date_pairs=(("valid_from", "valid_from_precision"), ("valid_to", "valid_to_precision"))))

_t(Table("subject", (
    Col("subject_id", "id", True),
    Col("name", required=True, doc="as published"),
    Col("name_lang", "enum", True, LANGS),
    Col("subject_type", "enum", True, SUBJECT_TYPES,
        doc="htx cooperative, dn enterprise, tht cooperative group, hkd household business"),
    Col("territory_key", "ref", True, ref="territory.territory_key"),
    Col("district_code", "ref", ref="district.district_code", doc="where published"),
    Col("commune", doc="commune as published (text)"),
    SRC,
    Col("note"),
    NOTE_VI,
), key="subject_id", doc="Producers (chủ thể)."))

_t(Table("subject_alias", (
    Col("subject_id", "ref", True, ref="subject.subject_id"),
    Col("alias", required=True),
    SRC,
    Col("reviewed", required=True, doc="who reviewed the merge, or 'project data files'"),
    Col("note"),
    NOTE_VI,
), doc="Other published names of one subject (merged by a person, never by similarity)."))

_t(Table("product", (
    Col("product_id", "id", True),
    Col("name", required=True, doc="as published"),
    Col("name_lang", "enum", True, LANGS),
    Col("name_note", doc="e.g. 'English rendering; original Vietnamese wording not available'"),
    Col("name_en", doc="an English rendering of the name (shown only in English, marked as a rendering)"),
    Col("subject_id", "ref", ref="subject.subject_id", doc="empty when no producer is published"),
    Col("territory_key", "ref", True, ref="territory.territory_key"),
    Col("district_code", "ref", ref="district.district_code"),
    Col("district_derived", "bool", doc="true when the district was derived, not published"),
    Col("district_rule", doc="how a derived district was derived"),
    Col("commune_2025_code", "ref", ref="commune.commune_code"),
    Col("commune", doc="commune as published (text)"),
    Col("product_group", doc="group as published (or classified)"),
    Col("group_decision", "enum", False, GROUP_DECISIONS),
    Col("group_classified", "bool", doc="true when the group was classified from the name"),
    SRC,
    Col("note"),
    NOTE_VI,
), key="product_id", doc="Named OCOP products."))

_t(Table("evaluation", (
    Col("evaluation_id", "id", True),
    Col("product_id", "ref", True, ref="product.product_id"),
    Col("stars", "enum", True, STARS),
    Col("decided", "date"),
    Col("decided_precision", "enum", True, DATE_PRECISIONS),
    Col("decision_no"),
    Col("level", "enum", True, LEVELS),
    Col("kind", "enum", True, EVAL_KINDS),
    Col("points", "float"),
    SRC,
    Col("note"),
    NOTE_VI,
    *QUOTE,
), key="evaluation_id", doc="Star history: one row per decision.",
    date_pairs=(("decided", "decided_precision"),)))

_t(Table("sales_point", (
    Col("point_id", "id", True),
    Col("territory_key", "ref", True, ref="territory.territory_key"),
    Col("entry_kind", "enum", True, POINT_KINDS,
        doc="total: a province count; count_at_unit: a count at a district; "
            "locality: a place named as part of a total with no count; point: one named point"),
    Col("district_code", "ref", ref="district.district_code"),
    Col("district_derived", "bool", doc="true when the district was derived, not published"),
    Col("district_rule", doc="how a derived district was derived"),
    Col("locality", doc="place as published"),
    Col("name"),
    Col("address"),
    Col("lat", "float", doc="only when the source publishes coordinates"),
    Col("lon", "float"),
    Col("precision", "enum", True, POINT_PRECISIONS),
    Col("count", "int"),
    Col("count_qualifier", "enum", False, QUALIFIERS),
    Col("part_of", "ref", ref="sales_point.point_id", doc="the total this row belongs to"),
    Col("opened", "date"),
    Col("opened_precision", "enum", True, DATE_PRECISIONS),
    Col("as_of", "date"),
    Col("as_of_precision", "enum", True, DATE_PRECISIONS),
    SRC,
    Col("note"),
    NOTE_VI,
    *QUOTE,
), key="point_id", doc="Display-and-sale points, at the precision published.",
    date_pairs=(("opened", "opened_precision"), ("as_of", "as_of_precision"))))

_t(Table("figure", (
    Col("figure_id", "id", True),
    Col("territory_key", "ref", True, ref="territory.territory_key"),
    Col("district_code", "ref", ref="district.district_code", doc="for district-level figures"),
    Col("as_of", "date"),
    Col("as_of_precision", "enum", True, DATE_PRECISIONS),
    Col("metric", "ref", True, ref="metric.metric"),
    Col("value", "float", True),
    Col("kind", "enum", True, FIGURE_KINDS),
    Col("qualifier", "enum", True, QUALIFIERS),
    Col("confidence", "enum", True, CONFIDENCE),
    SRC,
    Col("note"),
    NOTE_VI,
    *QUOTE,
), key="figure_id", doc="Published figures, long form. Two disagreeing sources are two rows.",
    date_pairs=(("as_of", "as_of_precision"),)))

_t(Table("metric", (
    Col("metric", "id", True),
    Col("label_vi", required=True),
    Col("label_en", required=True),
    Col("unit_vi", required=True),
    Col("unit_en", required=True),
    Col("family", required=True, doc="products, tiers, round, subjects, coverage, money, other"),
    Col("star", "enum", False, STARS, doc="the star tier a tier metric counts"),
    Col("note"),
    NOTE_VI,
), key="metric", doc="What a figure or a target counts."))

_t(Table("target", (
    Col("target_id", "id", True),
    Col("territory_key", "ref", True, ref="territory.territory_key"),
    Col("plan_vi", required=True, doc="plan name as published, e.g. Kế hoạch 77"),
    Col("plan_en", required=True),
    Col("plan_number", doc="e.g. 90/KH-UBND"),
    Col("plan_date", "date"),
    Col("plan_date_precision", "enum", True, DATE_PRECISIONS),
    Col("metric", "ref", True, ref="metric.metric"),
    Col("description_vi", required=True),
    Col("description_en", required=True),
    Col("comparison", "enum", True, COMPARISONS),
    Col("value", "float"),
    Col("value_high", "float", doc="upper end of a range target"),
    Col("deadline", "date", doc="empty when the source gives none ('thời gian tới'): precision undated"),
    Col("deadline_precision", "enum", True, DATE_PRECISIONS),
    Col("period_from", "date", doc="for a target counted over a plan period (new products developed in it): "
        "the period's start, as the plan states it (its 'giai đoạn', else its date)"),
    Col("period_from_precision", "enum", False, DATE_PRECISIONS + ("",)),
    Col("unit_abolished_on", "date", doc="when the units the target counts ceased to exist"),
    Col("unit_abolished_on_precision", "enum", True, DATE_PRECISIONS),
    Col("comparable", "bool", doc="false when no province-wide reported figure can ever be compared"),
    Col("headline", "bool", doc="true on the one target per province the overview shows as its headline"),
    SRC,
    Col("note"),
    NOTE_VI,
    *QUOTE,
), key="target_id", doc="Plan targets, each document its own target.",
    date_pairs=(("plan_date", "plan_date_precision"), ("deadline", "deadline_precision"),
                ("period_from", "period_from_precision"), ("unit_abolished_on", "unit_abolished_on_precision"))))

_t(Table("event", (
    Col("event_id", "id", True),
    Col("date", "date"),
    Col("date_precision", "enum", True, DATE_PRECISIONS),
    Col("territory_key", "ref", True, ref="territory.territory_key"),
    Col("kind", "enum", True, EVENT_KINDS),
    Col("title_vi", required=True),
    Col("title_en", required=True),
    Col("description_vi"),
    Col("description_en"),
    Col("certificates_from", "date", doc="for a round: the date its certificates run from, as the source states"),
    Col("certificates_from_precision", "enum", False, DATE_PRECISIONS),
    Col("certificates_source_id", "ref", ref="source.source_id",
        doc="the source that states the certificate date (when not the event's own source)"),
    Col("certificates_quote", doc="the words of that source that state the certificate date"),
    Col("round_figure_id", "ref", ref="figure.figure_id",
        doc="for a round: the figure that counts the products it recognised"),
    Col("product_id", "ref", ref="product.product_id",
        doc="for a mention: the product a later page names with its stars"),
    Col("stars", "enum", False, STARS + ("",), doc="for a mention: the stars the page names it with"),
    Col("level", "enum", False, LEVELS + ("",), doc="for a mention: the level the page names (national 5★)"),
    SRC,
    *QUOTE,
), key="event_id", doc="Programme timeline: plans, rounds, conferences, trainings, fairs.",
    date_pairs=(("date", "date_precision"), ("certificates_from", "certificates_from_precision"))))

_t(Table("correction", (
    Col("correction_id", "id", True),
    Col("date", "date", True, doc="when the correction was made"),
    Col("date_precision", "enum", True, DATE_PRECISIONS),
    Col("table_name", "enum", True, CORRECTED_TABLES),
    Col("row_id", required=True, doc="the id of the row changed (kept here when the row was removed or split)"),
    Col("change", "enum", True, CORRECTION_KINDS),
    Col("old_vi", required=True, doc="what the data said before, in Vietnamese"),
    Col("old_en", required=True),
    Col("new_vi", required=True, doc="what it says now, in Vietnamese"),
    Col("new_en", required=True),
    Col("successors", doc="for a split or a re-identified row: the ids that replace it, separated by ';'"),
    Col("reason_vi", required=True),
    Col("reason_en", required=True),
    Col("source_id", "ref", ref="source.source_id", doc="the source that states the corrected fact"),
    Col("old_source_id", "ref", ref="source.source_id", doc="the source the row cited before, when it changed"),
), key="correction_id", doc="The public corrections list (Đính chính): every change to a published figure.",
    date_pairs=(("date", "date_precision"),)))

# Tables the build derives from the district list, the GeoJSON and the commune lists in ocop_data/geo/.
GEO_TABLES = ("district", "commune", "commune_origin")

# Files in the order they are loaded (references point backwards, except part_of).
DATA_FILES = ("source", "metric", "territory", "subject", "subject_alias", "product",
              "evaluation", "sales_point", "figure", "target", "event", "correction")
