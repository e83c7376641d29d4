"""Applying a preview: the import kept as a folder in the data folder (the normalised rows, the
original upload, who, when, hash and plan; RULES.md §7), the new database built and swapped in
under the write lock. On any failure nothing changes."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path
from typing import Callable

from .. import paths
from ..schema import TABLES
from ..messages import PlanChanged, WriteRefused
from ..writes import commit, last_version, private_copy_tree, private_dir, write_lock
from .preview import Preview, prepare
from .values import as_text, fold


def _next_folder(data_dir: Path, file_name: str) -> tuple[Path, Path]:
    root = data_dir / "imports"
    numbers = [int(m.group(1)) for d in (root.iterdir() if root.is_dir() else [])
               if (m := re.match(r"^\.?(\d{4})-", d.name)) and d.is_dir() and not d.name.startswith(".")]
    number = max(numbers, default=0) + 1
    slug = re.sub(r"[^a-z0-9]+", "-", fold(Path(file_name).stem))[:40].strip("-") or "import"
    return root / f"{number:04d}-{slug}", root / f".{number:04d}-{slug}.staging"


def _write_rows(folder: Path, prev: Preview) -> None:
    (folder / "rows").mkdir(parents=True, exist_ok=True)
    for table, rows in prev.tables.items():
        if not rows:
            continue
        path = folder / "rows" / f"{table}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=TABLES[table].column_names, extrasaction="ignore")
            w.writeheader()
            for r in rows:
                w.writerow({c: as_text(r.get(c)) for c in TABLES[table].column_names})


def _outcome(prev: Preview) -> str:
    """What applying a preview does, as one comparable text: the rows it writes, and what the person was
    shown of them (added, changed, already there, possibly the same, problems)."""
    return json.dumps({"tables": prev.tables, "added": prev.added, "changed": prev.changed,
                       "unchanged": prev.unchanged, "possibly_same": prev.possibly_same,
                       "issues": [(i.sheet, i.row, i.column, i.rule, i.params) for i in prev.issues]},
                      sort_keys=True, default=str, ensure_ascii=False)


def replan(prev: Preview, data_dir: Path, version: int) -> Preview:
    """An import whose turn came after other changes, planned again against the version it now meets (the
    same file, mapping and whole-file values): returned when its result is the preview that was accepted,
    refused (``PlanChanged``, carrying the new preview) when it is not."""
    new = prepare(prev.file_name, prev.original, data_dir, mapping=prev.plan.to_json(), decisions=prev.decisions)
    if _outcome(new) != _outcome(prev):
        raise PlanChanged(new, version, prev, new)
    return new


def apply(prev: Preview, user: str, data_dir: Path | None = None, db: Path | None = None,
          on_wait: Callable[[int], None] | None = None) -> dict:
    """Keep the import as a folder, build the new database and swap it in; on any failure nothing changes.

    Waits its turn for the write lock (``on_wait`` is told how many changes are ahead); when other changes
    came first, the import is planned again against them and applied only if the result is the same as
    ``prev`` (``replan``).
    """
    if not prev.ok:
        raise ValueError("a preview with problems cannot be applied")
    data_dir = Path(data_dir or paths.local_data_dir())
    db = Path(db or paths.db_path())
    with write_lock(data_dir, db, on_wait=on_wait):
        current = last_version(data_dir)
        if prev.base != current:
            prev = replan(prev, data_dir, current)
        if not prev.has_changes:
            raise WriteRefused("nothing_to_apply")
        private_dir(data_dir / "imports")
        final, staging = _next_folder(data_dir, prev.file_name)
        shutil.rmtree(staging, ignore_errors=True)
        _write_rows(staging, prev)
        (staging / "original").mkdir()
        original = Path(prev.file_name).name or "upload"
        (staging / "original" / original).write_bytes(prev.original)
        meta = {"user": user, "when": dt.datetime.now().isoformat(timespec="seconds"), "file": prev.file_name,
                "sha256": prev.sha256, "rows": prev.counts(), "added": len(prev.added), "changed": len(prev.changed),
                "unchanged": len(prev.unchanged)}
        if prev.decisions.same or prev.decisions.different:
            meta["decisions"] = prev.decisions.to_json()  # who said which rows are which products
        (staging / "meta.json").write_text(json.dumps(meta | {"mapping": prev.plan.to_json()}, ensure_ascii=False,
                                                       indent=1), encoding="utf-8")
        private_copy_tree(staging)

        def change() -> dict:
            os.replace(staging, final)  # now part of the data: every later build replays it
            return {"import": final.name}

        try:
            return commit(data_dir, db, "import", change, meta, staged=staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
