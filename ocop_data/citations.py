"""Reports on how citable the data is: quote shares, source completeness, seed quotes.

``python -m ocop_data check`` prints the first two; ``python -m ocop_data check-quotes --seeds DIR``
runs the third. Nothing here writes.
"""
from __future__ import annotations

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
