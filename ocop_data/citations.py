"""Reports on how citable the data is: quote shares, source completeness, seed quotes.

``python -m ocop_data check`` prints the first two; ``python -m ocop_data check-quotes --seeds DIR``
runs the third. Nothing here writes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import quotes
from .schema import FACT_TABLES, NOT_STATED
from .validate import Dataset, quote_miss


@dataclass
class QuoteShare:
    total: int = 0
    matching: int = 0
    by_status: dict = field(default_factory=dict)
    seed_total: int = 0
    seed_matching: int = 0
    by_table: dict = field(default_factory=dict)  # table -> (matching, total)

    @property
    def share(self) -> float:
        return self.matching / self.total if self.total else 1.0

    @property
    def non_derived(self) -> int:
        """Rows that must carry a quote (every status but ``derived``, whose formula backs it instead)."""
        return self.total - self.by_status.get("derived", 0)

    @property
    def non_derived_share(self) -> float:
        return self.matching / self.non_derived if self.non_derived else 1.0

    @property
    def seed_share(self) -> float:
        return self.seed_matching / self.seed_total if self.seed_total else 1.0


def quote_share(ds: Dataset) -> QuoteShare:
    """Shipped fact rows whose quote is verbatim and states the row, overall and for seed rows."""
    seeds = {r.values["source_id"] for r in ds.rows["source"] if r.values.get("seed_file")}
    out = QuoteShare()
    for table in FACT_TABLES:
        m = n = 0
        for r in ds.rows[table]:
            if r.origin != "shipped":
                continue
            v = r.values
            status = v.get("quote_status") or "missing"
            ok = status == "verbatim" and bool(v.get("quote")) and quote_miss(ds, table, v) is None
            out.by_status[status] = out.by_status.get(status, 0) + 1
            n += 1
            m += ok
            if v.get("source_id") in seeds:
                out.seed_total += 1
                out.seed_matching += ok
        out.by_table[table] = (m, n)
        out.total += n
        out.matching += m
    return out


_TERM = re.compile(r"\s*([+\-−])?\s*([A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|\d+(?:[.,]\d+)?)")


def _terms(expr: str) -> list[tuple[int, str]] | None:
    """'a + b − c' -> [(1, 'a'), (1, 'b'), (-1, 'c')]; None when the text is not such a sum."""
    out, pos, expr = [], 0, expr.strip()
    while pos < len(expr):
        m = _TERM.match(expr, pos)
        if not m or (out and not m.group(1)):
            return None
        out.append((-1 if m.group(1) in ("-", "−") else 1, m.group(2)))
        pos = m.end()
    return out or None


@dataclass
class FormulaCheck:
    table: str
    row_id: str
    ok: bool
    detail: str


def check_formulas(ds: Dataset) -> list[FormulaCheck]:
    """Every derived figure's formula recomputes: 'a + b + c = 194 + 37 + 2 = 233' names rows whose values are the
    numbers written, and their sum (or difference) is the row's value. A formula of another form fails."""
    values = {r.values["figure_id"]: r.values.get("value") for r in ds.rows["figure"]}
    out = []
    for r in ds.rows["figure"]:
        v = r.values
        if v.get("quote_status") != "derived":
            continue
        text = (v.get("formula") or "").split("(")[0]
        parts = [p for p in text.split("=")]
        ids = _terms(parts[0]) if parts else None
        if not ids or any(i not in values for _, i in ids):
            out.append(FormulaCheck("figure", v["figure_id"], False, "the formula names no rows of figure.csv"))
            continue
        got = sum(sign * float(values[i]) for sign, i in ids)
        written = _terms(parts[1]) if len(parts) > 2 else None
        ok = abs(got - float(v["value"])) < 1e-9
        if written is not None:
            nums = [sign * float(n.replace(",", ".")) for sign, n in written]
            ok = ok and [s * float(values[i]) for s, i in ids] == nums and abs(float(parts[-1]) - got) < 1e-9
        out.append(FormulaCheck("figure", v["figure_id"], ok, f"{got:g} (row value {float(v['value']):g})"))
    return out


def _stated(value) -> bool:
    return bool(value) and value != NOT_STATED


def source_gaps(ds: Dataset) -> tuple[int, list[tuple[str, list[str]]]]:
    """(number of sources, [(source id, fields not stated)]) over title, publisher and date.

    A descriptive title (written by the project for a source that states none) is not a stated title.
    """
    gaps = []
    for r in ds.rows["source"]:
        v = r.values
        missing = []
        if not _stated(v.get("title")) or v.get("title_descriptive"):
            missing.append("title")
        if not _stated(v.get("publisher")):
            missing.append("publisher")
        if not _stated(v.get("published")):
            missing.append("published")
        if missing:
            gaps.append((v["source_id"], missing))
    return len(ds.rows["source"]), gaps


@dataclass
class SeedQuoteProblem:
    table: str
    row_id: str
    file: str
    why: str  # "missing_file" | "not_found"

    def __str__(self) -> str:
        if self.why == "missing_file":
            return (f"{self.table} {self.row_id}: không tìm thấy tệp bài gốc {self.file} / "
                    f"the seed file {self.file} is missing")
        return (f"{self.table} {self.row_id}: trích dẫn không có nguyên văn trong {self.file} / "
                f"the quote does not occur verbatim in {self.file}")


def check_seed_quotes(ds: Dataset, seeds_dir: Path) -> tuple[int, list[SeedQuoteProblem]]:
    """Each seed row's quote (and certificate quote) occurs in its seed file (NFC, spaces normalised)."""
    files = {r.values["source_id"]: r.values["seed_file"] for r in ds.rows["source"] if r.values.get("seed_file")}
    texts: dict[str, str | None] = {}
    checked, problems = 0, []
    for table in FACT_TABLES:
        key = {"figure": "figure_id", "target": "target_id", "evaluation": "evaluation_id",
               "sales_point": "point_id", "event": "event_id"}[table]
        for r in ds.rows[table]:
            v = r.values
            pairs = [(v.get("source_id"), v.get("quote"))]
            if table == "event" and v.get("certificates_quote"):
                pairs.append((v.get("certificates_source_id") or v.get("source_id"), v["certificates_quote"]))
            for sid, quote in pairs:
                name = files.get(sid)
                if not name or not quote:
                    continue
                if name not in texts:
                    path = seeds_dir / name
                    texts[name] = path.read_text(encoding="utf-8") if path.is_file() else None
                checked += 1
                if texts[name] is None:
                    problems.append(SeedQuoteProblem(table, v[key], name, "missing_file"))
                elif not quotes.occurs_in(quote, texts[name]):
                    problems.append(SeedQuoteProblem(table, v[key], name, "not_found"))
    return checked, problems
