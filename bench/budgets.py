"""The time budgets the tests used to assert, measured here instead (a test asserts behaviour, never a time:
the machine is shared, and a timing is a measure to read beside the load, not a pass or a fail).

    .venv/bin/python bench/budgets.py            # prints each budget, its measure and the load
    .venv/bin/python bench/run.py --only budgets # the same, in the benchmark's report

Each budget is the one its test held: the build of the shipped files, the login's equal time for known and
unknown names, an XLSX bomb refused before it is read, a forged sheet dimension, a 10,000-row preview, the
PowerPoint briefing and a busy write lock's refusal.
"""
from __future__ import annotations

import io
import os
import sys
import tempfile
import threading
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def zip_bomb(unpacked: int) -> bytes:
    """A workbook-shaped archive whose one sheet unpacks to ``unpacked`` bytes (written in chunks); the import
    tests use it too."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = b"<row><c><v>1</v></c></row>" * 40_000
            written = 0
            while written < unpacked:
                fh.write(chunk)
                written += len(chunk)
    return buf.getvalue()


def _csv(rows: list[list[str]]) -> bytes:
    return ("\ufeff" + "\n".join(",".join(r) for r in rows) + "\n").encode("utf-8")


HEAD = ["Tên sản phẩm", "Chủ thể", "Tỉnh", "Hạng sao", "Năm công nhận", "Nguồn"]


def forged_dimension() -> bytes:
    """A one-row workbook whose sheet claims the whole grid (A1:XFD1048576)."""
    from openpyxl import Workbook

    wb = Workbook()
    for r in (HEAD, ["Chè tay", "HTX thử", "14", "4", "2024", "seed-003"]):
        wb.active.append(r)
    buf, raw, forged = io.BytesIO(), io.BytesIO(), False
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                claim = b'<dimension ref="A1:XFD1048576"/>'
                content = content.replace(b'<dimension ref="A1:F2"/>', claim)
                forged = claim in content
            dst.writestr(item, content)
    if not forged:  # openpyxl wrote the dimension otherwise: the workbook would not test the claim
        raise AssertionError("the sheet's dimension could not be forged")
    return raw.getvalue()


def measures(work: Path) -> list[tuple[str, float, float | tuple[float, float]]]:
    """(what, measured, budget) for every budget: seconds at most, or a (low, high) range for a ratio."""
    from ocop_data import accounts, writes
    from ocop_data.build import build
    from ocop_data.db import Database
    from ocop_data.importer.preview import prepare
    from ocop_data.messages import Busy, ImportRefused

    out = []
    data_dir = work / "instance"
    data_dir.mkdir()
    db = work / "ocop.duckdb"
    out.append(("build of the shipped files", _timed(lambda: build(db, data_dir=data_dir)), 5.0))

    def refused(data: bytes) -> None:
        try:
            prepare("bom.xlsx", data, data_dir)
        except ImportRefused:
            return
        raise AssertionError("the bomb was read")

    big, dense = zip_bomb(1_900_000_000), zip_bomb(60_000_000)  # made before the clock starts
    out.append(("an XLSX bomb of 1.9 GB refused", _timed(lambda: refused(big)), 2.0))
    out.append(("an XLSX packed 100s of times over refused", _timed(lambda: refused(dense)), 2.0))
    forged = forged_dimension()
    out.append(("a sheet claiming the whole grid read", _timed(lambda: prepare("a.xlsx", forged, data_dir)), 5.0))
    rows = [HEAD] + [[f"Sản phẩm số {i}", f"HTX số {i % 700}", "14", "4", "2024", "seed-003"] for i in range(10_000)]
    data = _csv(rows)
    out.append(("preview of 10,000 rows", _timed(lambda: prepare("big.csv", data, data_dir)), 30.0))

    accounts.set_password("bien-tap", "a long passphrase", data_dir)

    def check(user: str) -> float:
        accounts.reset_delays()
        return _timed(lambda: accounts.check(user, "wrong password", data_dir))

    known, unknown = [], []
    for _ in range(8):  # alternated: a busy machine slows both alike; the fastest of each is the least disturbed
        known.append(check("bien-tap"))
        unknown.append(check("khong-ai-ca"))
    out.append(("login: an unknown name's time / a known name's", min(unknown) / min(known), (0.5, 2.0)))

    from briefing.pptx_deck import build_pptx

    d = Database(db)
    try:
        out.append(("the PowerPoint briefing", _timed(lambda: build_pptx(d.cursor(), "vi", ["14", "08-2025"],
                                                                          today=date(2026, 11, 25))), 8.0))
    finally:
        d.close()

    held, release = threading.Event(), threading.Event()

    def hold():
        with writes.write_lock(data_dir, db):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)

    def busy():
        try:
            with writes.write_lock(data_dir, db, wait=0.3):
                pass
        except Busy:
            return
        raise AssertionError("the lock was not held")

    try:
        out.append(("a busy write lock refuses after its 0.3 s wait", _timed(busy), 3.0))
    finally:
        release.set()
        holder.join(10)
    return out


def report() -> list[str]:
    """The budgets as a markdown table, with the machine's load before and after."""
    before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        rows = measures(Path(tmp))
    after = os.getloadavg()
    lines = [f"Load (1, 5, 15 min) {before[0]:.1f}/{before[1]:.1f}/{before[2]:.1f} before, "
             f"{after[0]:.1f}/{after[1]:.1f}/{after[2]:.1f} after, on {os.cpu_count()} cores.", "",
             "| budget | measured | within |", "|---|---|---|"]
    for what, value, budget in rows:
        low, high = budget if isinstance(budget, tuple) else (0.0, budget)
        bound = f"{low:g} to {high:g}" if low else f"≤ {high:g}"
        lines.append(f"| {what} ({bound}) | {value:.2f} | {'yes' if low <= value <= high else 'NO'} |")
    return lines


if __name__ == "__main__":
    os.environ.setdefault("OCOP_DATA_DIR", tempfile.mkdtemp())
    print("\n".join(report()))
