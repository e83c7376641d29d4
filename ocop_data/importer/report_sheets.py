"""Where the Vietnamese sheets (Nguồn, Số liệu, Mục tiêu) and the upload step's added sources meet the
preview: their columns checked with the mapping, their rows read in dependency order (sources first, so a
figure or a product may cite a source the same upload adds, by its address or title), and the problems
the whole upload adds to the data as ``check`` sees it (one set of checks: ``validate.load_dataset``)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..messages import Issue
from ..validate import load_dataset
from .figures_sheet import prepare_figures
from .known import Known
from .report_headers import FIGURE_METRICS, FIGURES, SOURCES, TARGETS, label
from .sources_sheet import prepare_form_sources, prepare_sources
from .targets_sheet import prepare_targets

if TYPE_CHECKING:
    from .preview import Preview

NEEDED = {SOURCES: (), FIGURES: ("province", "source"), TARGETS: ("province", "wording", "document", "source")}
WHOLE_FILE = ("province", "source")  # a value the whole file may give instead of a column


def plan_issues(prev: Preview) -> None:
    """A Vietnamese sheet without a column it needs (unless the whole file gives its value)."""
    for s in prev.plan.sheets:
        if s.use not in NEEDED:
            continue
        have = s.fields()
        for f in NEEDED[s.use]:
            if f not in have and not (f in WHOLE_FILE and prev.plan.file.get(f)):
                prev.issue(s.name, s.header_number or None, label(f, "vi"), "missing_column", column=label(f, "vi"))
        if s.use == FIGURES and not set(have) & set(FIGURE_METRICS):
            prev.issue(s.name, s.header_number or None, None, "missing_column",
                       column=" / ".join(label(f, "vi") for f in ("total", "s3", "s4", "s5", "subjects")))
        if s.use == SOURCES and not set(have) & {"address", "title"}:
            prev.issue(s.name, s.header_number or None, None, "missing_column",
                       column=f"{label('address', 'vi')} / {label('title', 'vi')}")


def prepare_sources_first(prev: Preview, sheets: dict, known: Known, today: dt.date) -> None:
    """The sources this upload adds (its Nguồn sheets and the form), before anything that cites them."""
    seen: dict = {}
    for sp in prev.plan.sheets:
        if sp.use == SOURCES:
            prepare_sources(prev, sp, sheets[sp.name], known, today, seen)
    prepare_form_sources(prev, prev.plan.sources, known, today, seen)


def prepare_facts(prev: Preview, table: str, sheets: dict, known: Known, today: dt.date) -> None:
    """The rows of the Vietnamese sheets that give ``table`` (figure or target)."""
    seen: dict = {}
    for sp in prev.plan.sheets:
        if sp.use == FIGURES and table == "figure":
            prepare_figures(prev, sp, sheets[sp.name], known, today, seen)
        elif sp.use == TARGETS and table == "target":
            prepare_targets(prev, sp, sheets[sp.name], known, today, seen)


def added_warnings(prev: Preview, data_dir: Path, after) -> None:
    """The warnings ``check`` would give after applying that it does not give now (e.g. tiers that add up
    to more than a total), each at the upload's sheet and row where it is one of its rows."""
    before = set(load_dataset(data_dir=data_dir, lean=True).warnings)
    where: dict = {}
    for p in after.warnings:
        if p in before:
            continue
        at = None
        if p.file.startswith("candidate/"):
            table = p.file.split("/")[1][:-4]
            if table not in where:
                from ..schema import TABLES
                key = TABLES[table].key
                where[table] = [prev.origin.get((table, r.get(key) if key else None)) for r in prev.tables[table]]
            lines = where[table]
            at = lines[p.line - 2] if p.line and 0 <= p.line - 2 < len(lines) else None
        sheet, line = at or ("", None)
        prev.warnings.append(Issue(sheet, line, None, "check_warning",
                                   {"vi": p.message_vi, "en": p.message_en}))
