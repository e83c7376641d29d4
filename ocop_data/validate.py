"""Read the plain data files and check them against the schema and the data rules.

``load_dataset`` returns typed rows per table plus every problem found; it never writes.
The same functions check the shipped files and every accepted import.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import paths
from .geography import load_geo
from .problems import Problem, problem
from . import quotes
from .schema import DATA_FILES, FACT_TABLES, STARS, TABLES, Table
from .text import fold, nfc

_ID = re.compile(r"^[A-Za-z0-9._-]+$")
_DATE_FORMS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
OPTIONAL_FILES = ("subject_alias", "correction")
TRUE = {"true", "1", "yes", "có"}
FALSE = {"false", "0", "no", "không", ""}


@dataclass
class Row:
    line: int
    values: dict
    origin: str  # "shipped" or the import id
    file: str


@dataclass
class Dataset:
    rows: dict = field(default_factory=dict)  # table -> list[Row]
    problems: list = field(default_factory=list)
    geo: dict = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def parse_partial_date(text: str) -> date | None:
    """'2024' / '2024-07' / '2024-07-11' -> a date; raises ValueError when it does not parse."""
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        y, m = int(text[:4]), int(text[5:7])
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    raise ValueError(text)


def sort_date(text: str | None) -> date | None:
    """The date a partial date sorts and compares as: the end of its month or year."""
    if not text:
        return None
    return parse_partial_date(text)


def read_csv_text(text: str, file: str) -> tuple[list[str], list[tuple[int, dict]]]:
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        return [], []
    header = [nfc(h) for h in rows[0]]
    out = []
    for i, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # empty trailing rows
        cells = cells + [""] * (len(header) - len(cells))
        out.append((i, {h: nfc(c) for h, c in zip(header, cells)}))
    return header, out


def _check_header(table: Table, header: list[str], file: str, problems: list) -> bool:
    ok = True
    for col in table.columns:
        if col.name not in header and col.required:
            problems.append(problem(file, 1, col.name, "missing_column", column=col.name))
            ok = False
    for h in header:
        if h not in table.column_names:
            problems.append(problem(file, 1, h, "unknown_column", column=h))
            ok = False
    return ok


def _convert(table: Table, line: int, raw: dict, file: str, problems: list) -> dict:
    """Typed values for one row; problems for cells that do not fit their column."""
    values = {}
    for col in table.columns:
        text = raw.get(col.name, "")
        if text == "":
            if col.required and col.type != "date":
                problems.append(problem(file, line, col.name, "required"))
            values[col.name] = None
            continue
        if col.type == "id":
            if not _ID.match(text):
                problems.append(problem(file, line, col.name, "bad_id", value=text))
            values[col.name] = text
        elif col.type in ("int", "float"):
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                problems.append(problem(file, line, col.name, "not_a_number", value=text))
                number = None
            if number is not None and col.type == "int":
                if number != int(number):
                    problems.append(problem(file, line, col.name, "not_integer", value=text))
                number = int(number)
            values[col.name] = number
        elif col.type == "enum":
            if text not in col.choices:
                rule = "bad_star" if col.choices == STARS else "bad_choice"
                problems.append(problem(file, line, col.name, rule, value=text,
                                        choices=", ".join(c for c in col.choices if c)))
            values[col.name] = text
        elif col.type == "bool":
            low = text.lower()
            if low not in TRUE | FALSE:
                problems.append(problem(file, line, col.name, "bad_bool", value=text))
            values[col.name] = low in TRUE
        elif col.type == "date":
            try:
                parse_partial_date(text)
            except ValueError:
                problems.append(problem(file, line, col.name, "bad_date", value=text))
            values[col.name] = text
        else:
            values[col.name] = text
    for date_col, prec_col in table.date_pairs:
        text, precision = values.get(date_col), values.get(prec_col)
        if precision is None:
            continue
        if text is None:
            if precision != "undated" and table.col(date_col).required:
                problems.append(problem(file, line, date_col, "required"))
            elif precision != "undated":
                values[prec_col] = "undated"
            continue
        if precision == "undated":
            problems.append(problem(file, line, date_col, "date_precision", value=text, precision=precision))
        elif precision in _DATE_FORMS and not _DATE_FORMS[precision].match(text):
            problems.append(problem(file, line, date_col, "date_precision", value=text, precision=precision))
    return values


def read_table_file(table: Table, path: Path, origin: str, problems: list, file_label: str | None = None) -> list[Row]:
    file = file_label or path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(problem(file, None, None, "bad_csv", detail=str(exc)))
        return []
    try:
        header, raw_rows = read_csv_text(text, file)
    except csv.Error as exc:
        problems.append(problem(file, None, None, "bad_csv", detail=str(exc)))
        return []
    if not _check_header(table, header, file, problems):
        return []
    return [Row(line, _convert(table, line, raw, file, problems), origin, file) for line, raw in raw_rows]


# --- the whole dataset -----------------------------------------------------------------

def import_dirs(data_dir: Path) -> list[Path]:
    """Accepted imports, replayed in order; a withdrawn import carries a WITHDRAWN file."""
    root = data_dir / "imports"
    if not root.is_dir():
        return []
    return sorted(d for d in root.iterdir()
                  if d.is_dir() and not d.name.startswith(".") and not (d / "WITHDRAWN").exists())


class Lean(dict):
    """Typed values without their empty columns (None when asked for one): a preview's rows, held lean."""

    def __missing__(self, key):
        return None


def load_dataset(shipped_dir: Path | None = None, data_dir: Path | None = None,
                 extra_imports: list[Path] = (), extra_rows: dict | None = None, lean: bool = False) -> Dataset:
    """Every row with every problem. ``extra_rows`` (table -> iterable of (file label, line, {column:
    text})) are checked as if they were one more import, without writing them (an import's preview);
    ``lean`` keeps their values without empty columns."""
    shipped_dir = shipped_dir or paths.SHIPPED_DIR
    data_dir = data_dir if data_dir is not None else paths.local_data_dir()
    ds = Dataset(geo=load_geo())
    for name in DATA_FILES:
        table = TABLES[name]
        path = shipped_dir / f"{name}.csv"
        if not path.exists():
            if name in OPTIONAL_FILES:
                ds.rows[name] = []
                continue
            ds.problems.append(problem(path.name, None, None, "missing_file"))
            ds.rows[name] = []
            continue
        ds.rows[name] = read_table_file(table, path, "shipped", ds.problems)
    for imp in list(import_dirs(data_dir)) + list(extra_imports):
        # an import being applied is read from its staging folder under the name it is about to take, so
        # the database it goes live in is the same as any later rebuild's
        origin = imp.name.removeprefix(".").removesuffix(".staging")
        for name in DATA_FILES:
            path = imp / "rows" / f"{name}.csv"
            if path.exists():
                label = f"{origin}/{name}.csv"
                _upsert(TABLES[name], ds.rows[name],
                        read_table_file(TABLES[name], path, origin, ds.problems, label))
    for name, rows in (extra_rows or {}).items():
        table = TABLES[name]
        converted = []
        for label, line, raw in rows:
            values = _convert(table, line, raw, label, ds.problems)
            if lean:
                values = Lean((k, v) for k, v in values.items() if v is not None)
            converted.append(Row(line, values, "candidate", label))
        _upsert(table, ds.rows[name], converted)
    _drop_retired(ds, data_dir)
    check_rules(ds)
    return ds


def _drop_retired(ds: Dataset, data_dir: Path) -> None:
    """Rows retired by an explicit, recorded action (retired.csv in the data folder) are left out."""
    path = data_dir / "retired.csv"
    if not path.exists():
        return
    with open(path, encoding="utf-8", newline="") as fh:
        retired = {(r["table"], r["id"]) for r in csv.DictReader(fh)}
    for name in DATA_FILES:
        key = TABLES[name].key
        if key:
            ds.rows[name] = [r for r in ds.rows[name] if (name, r.values.get(key)) not in retired]
    gone = {i for t, i in retired if t == "product"}
    ds.rows["evaluation"] = [r for r in ds.rows["evaluation"] if r.values.get("product_id") not in gone]


def _upsert(table: Table, rows: list[Row], new_rows: list[Row]) -> None:
    """An import adds rows and updates rows with the same id; it never deletes."""
    if table.key is None:
        rows.extend(new_rows)
        return
    index = {r.values.get(table.key): i for i, r in enumerate(rows)}
    for r in new_rows:
        i = index.get(r.values.get(table.key))
        if i is None:
            index[r.values.get(table.key)] = len(rows)
            rows.append(r)
        else:
            rows[i] = r


def check_rules(ds: Dataset) -> None:
    """Unique ids, references, identities, coordinates and tier sums."""
    p = ds.problems
    keys: dict[str, dict] = {}
    for name in DATA_FILES:
        table = TABLES[name]
        if not table.key:
            continue
        seen: dict = {}
        for r in ds.rows[name]:
            k = r.values.get(table.key)
            if k is None:
                continue
            if k in seen:
                p.append(problem(r.file, r.line, table.key, "duplicate_id", value=k, other=seen[k].line))
            else:
                seen[k] = r
        keys[name] = seen
    geo = ds.geo
    keys["district"] = {d["district_code"]: d for d in geo["districts"]}
    keys["commune"] = {c["commune_code"]: c for c in geo["communes_2025"]}

    for name in DATA_FILES:
        for col in TABLES[name].columns:
            if col.type != "ref":
                continue
            target_table, _ = col.ref.split(".")
            for r in ds.rows[name]:
                v = r.values.get(col.name)
                if v is not None and v not in keys.get(target_table, {}):
                    p.append(problem(r.file, r.line, col.name, "broken_ref", value=v,
                                     target=f"{target_table}.csv" if target_table in TABLES else target_table))

    territories = keys["territory"]

    def family(tkey: str) -> set[str]:
        """Province codes whose districts may appear in a territory: itself and predecessors."""
        t = territories.get(tkey)
        if t is None:
            return set()
        out = {t.values["code"]}
        for pred in (t.values.get("predecessors") or "").split(";"):
            if pred.strip():
                out |= family(pred.strip())
        return out

    def in_bounds(tkey, lat, lon) -> bool | None:
        boxes = [geo["bounds"][c] for c in family(tkey) if c in geo["bounds"]]
        if not boxes:
            return None  # no geometry for this territory: nothing to check against
        m = 0.05
        return any(b[0] - m <= lat <= b[1] + m and b[2] - m <= lon <= b[3] + m for b in boxes)

    for name in ("subject", "product", "sales_point", "figure"):
        for r in ds.rows[name]:
            d = r.values.get("district_code")
            t = r.values.get("territory_key")
            if d and t and d in keys["district"] and t in territories:
                if keys["district"][d]["province_code"] not in family(t):
                    p.append(problem(r.file, r.line, "district_code", "district_territory", value=d, territory=t))

    for name in ("sales_point", "territory"):
        for r in ds.rows[name]:
            lat, lon = r.values.get("lat"), r.values.get("lon")
            if (lat is None) != (lon is None):
                p.append(problem(r.file, r.line, "lat", "coords_pair"))
            elif lat is not None:
                tkey = r.values.get("territory_key")
                if in_bounds(tkey, lat, lon) is False:
                    p.append(problem(r.file, r.line, "lat", "outside_province", lat=lat, lon=lon, territory=tkey))

    # identities (DATA-RULES §5), compared on the folded key
    seen_subject: dict = {}
    aliases = {}
    for r in ds.rows["subject_alias"]:
        aliases.setdefault(r.values["subject_id"], []).append(r)
    for r in ds.rows["subject"]:
        names = [(r.values["name"], r)] + [(a.values["alias"], a) for a in aliases.get(r.values["subject_id"], [])]
        for nm, src in names:
            key = (fold(nm), r.values["territory_key"])
            other = seen_subject.get(key)
            if other is not None and other.values.get("subject_id") != r.values["subject_id"]:
                p.append(problem(src.file, src.line, "name" if src is r else "alias", "duplicate_identity",
                                 value=nm, other=other.line, what="subject"))
            seen_subject.setdefault(key, r)
    _unique(ds, "product", lambda v: (fold(v["name"]), v["subject_id"]) if v["subject_id"]
            else (fold(v["name"]), v["territory_key"], v["district_code"], v["commune"]), "name", "product")
    _unique(ds, "evaluation", lambda v: (v["product_id"], v["decided"], v["stars"]), "stars", "evaluation")
    _unique(ds, "figure", lambda v: (v["territory_key"], v["district_code"], v["as_of"], v["metric"],
                                     v["source_id"]), "metric", "figure")
    _unique(ds, "target", lambda v: (v["territory_key"], fold(v["plan_vi"]), v["metric"], v["deadline"],
                                     fold(v["description_vi"])), "metric", "target")
    _unique(ds, "sales_point", lambda v: (v["territory_key"], v["district_code"], v["locality"],
                                          fold(v["name"] or v["address"] or ""), v["entry_kind"],
                                          v["part_of"]), "name", "sales point")

    for r in ds.rows["target"]:
        lo, hi = r.values.get("value"), r.values.get("value_high")
        if lo is not None and hi is not None and hi < lo:
            p.append(problem(r.file, r.line, "value_high", "range", value=lo, value_high=hi))

    _check_tier_sums(ds)
    check_quotes(ds)


SYNTHETIC_TITLE_PREFIX = "SYNTHETIC"
QUOTE_LONG = 300  # characters; DATA-RULES: "at most about 200"


def quote_miss(ds: Dataset, table: str, v: dict, lookups: dict | None = None):
    """None when a row's quote states it; else (what_vi, what_en, value). See ocop_data/quotes.py."""
    lk = lookups or _lookups(ds)
    q = v.get("quote") or ""
    if table == "figure":
        return quotes.check_figure(v, lk["star"].get(v.get("metric")), q)
    if table == "target":
        return quotes.check_target(v, q)
    if table == "evaluation":
        product = lk["product"].get(v.get("product_id"), {})
        return quotes.check_evaluation(v, product, lk["subject"].get(product.get("subject_id")), q)
    if table == "sales_point":
        return quotes.check_sales_point(v, q)
    if table == "event" and v.get("kind") == "mention":
        product = lk["product"].get(v.get("product_id"), {})
        src = lk["source"].get(v.get("source_id"), {})
        return quotes.check_mention(v, product, lk["subject"].get(product.get("subject_id")),
                                    (src.get("published"), src.get("published_precision")), q)
    if table == "event":
        return quotes.check_event(v, q)
    return None


def _lookups(ds: Dataset) -> dict:
    return {
        "star": {r.values["metric"]: r.values.get("star") for r in ds.rows["metric"]},
        "product": {r.values["product_id"]: r.values for r in ds.rows["product"]},
        "subject": {r.values["subject_id"]: r.values["name"] for r in ds.rows["subject"]},
        "source": {r.values["source_id"]: r.values for r in ds.rows["source"]},
    }


def check_quotes(ds: Dataset) -> None:
    """Every fact row carries the source's own words (DATA-RULES §1), or says why it cannot.

    Shipped rows: ``verbatim`` with a quote that states the row, ``derived`` with a formula, or
    ``not_retrieved`` with the reason. Imported rows: ``imported`` with the original cells as the
    quote (or one of the shipped statuses, checked the same way). Rows citing a synthetic source
    (benchmarks) are ``synthetic`` and exempt.
    """
    lk = _lookups(ds)
    p = ds.problems
    for table in FACT_TABLES:
        for r in ds.rows[table]:
            v = r.values
            status = v.get("quote_status")
            src = lk["source"].get(v.get("source_id"), {})
            synthetic = str(src.get("title") or "").startswith(SYNTHETIC_TITLE_PREFIX)
            if table == "figure" and v.get("kind") and ((v["kind"] == "derived") != (status == "derived")):
                p.append(problem(r.file, r.line, "kind", "derived_kind"))
            if v.get("quote_display") and not (v.get("quote_garbled") and quotes.restores(v["quote_display"],
                                                                                          v.get("quote") or "")):
                p.append(problem(r.file, r.line, "quote_display", "quote_display"))
            if status == "synthetic":
                if not synthetic:
                    p.append(problem(r.file, r.line, "quote_status", "status_not_here", value=status,
                                     why_vi="chỉ dành cho dữ liệu tổng hợp của phép đo tốc độ",
                                     why_en="only for the synthetic benchmark data"))
                continue
            if r.origin != "shipped" and status in (None, "imported"):
                if status is None or not v.get("quote"):
                    p.append(problem(r.file, r.line, "quote", "imported_quote"))
                continue
            if status == "imported":
                p.append(problem(r.file, r.line, "quote_status", "status_not_here", value=status,
                                 why_vi="chỉ dành cho dòng nhập từ tệp", why_en="only for imported rows"))
                continue
            if status is None:
                p.append(problem(r.file, r.line, "quote_status", "quote_status_missing"))
                continue
            if status == "derived":
                if not v.get("formula"):
                    p.append(problem(r.file, r.line, "formula", "formula_missing"))
                continue
            if status == "not_retrieved":
                for col in ("quote_reason", "quote_reason_vi"):
                    if not v.get(col):
                        p.append(problem(r.file, r.line, col, "reason_missing"))
                continue
            # verbatim
            if not v.get("quote"):
                p.append(problem(r.file, r.line, "quote", "quote_missing"))
                continue
            if len(v["quote"]) > QUOTE_LONG:
                p.append(problem(r.file, r.line, "quote", "quote_long", severity="warning", n=len(v["quote"])))
            miss = quote_miss(ds, table, v, lk)
            if miss is None and table == "event":
                miss = quotes.check_certificates(v)
            if miss is not None:
                p.append(problem(r.file, r.line, "quote", "quote_mismatch", what_vi=miss[0], what_en=miss[1],
                                 value=miss[2], quote=_short(v["quote"])))


def _short(text: str, n: int = 120) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _unique(ds: Dataset, name: str, key_fn, column: str, what: str) -> None:
    seen: dict = {}
    for r in ds.rows[name]:
        try:
            key = key_fn(r.values)
        except KeyError:
            continue
        if key in seen and seen[key].values.get(TABLES[name].key) != r.values.get(TABLES[name].key):
            ds.problems.append(problem(r.file, r.line, column, "duplicate_identity",
                                       value=r.values.get(column) or "", other=seen[key].line, what=what))
        seen.setdefault(key, r)


def _check_tier_sums(ds: Dataset) -> None:
    """Tier parts adding up to more than a total: a warning naming both sources."""
    tier_metrics = {r.values["metric"]: r.values.get("star") for r in ds.rows["metric"] if r.values.get("star")}
    totals: dict = {}
    parts: dict = {}
    for r in ds.rows["figure"]:
        v = r.values
        if v.get("kind") != "reported" or v.get("value") is None or not v.get("as_of"):
            continue  # an undated figure is never summed or compared (figures of unknown times)
        group = (v["territory_key"], v["district_code"], v["as_of"])
        if v["metric"] == "products_total":
            totals.setdefault(group, []).append(r)
        elif v["metric"] in tier_metrics:
            parts.setdefault((group, v["source_id"]), []).append(r)
    for (group, source), rows in sorted(parts.items(), key=lambda kv: str(kv[0])):
        s = sum(r.values["value"] for r in rows)
        for total in totals.get(group, []):
            if s > total.values["value"]:
                ds.problems.append(problem(
                    rows[0].file, rows[0].line, "value", "tier_sum", severity="warning",
                    parts="+".join(f"{r.values['value']:g}" for r in rows), sum=f"{s:g}",
                    total=f"{total.values['value']:g}", part_source=source,
                    total_source=total.values["source_id"]))
