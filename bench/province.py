"""Issue 17's budget: a province's workbook (200 products, 40 figures, 10 targets, 10 sources, in the
template's Vietnamese sheets) previews in <= 3 s and applies in <= 10 s on the shipped data.

The workbook is made here for the measure (every source titled "… đo tốc độ, không phải số liệu thật"), into
a data folder and a database of its own under bench/out/, never the default database.

    .venv/bin/python bench/province.py          # prints the two times
"""
from __future__ import annotations

import io
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREVIEW_BUDGET_S, APPLY_BUDGET_S = 3.0, 10.0
PRODUCT_HEAD = ["Tên sản phẩm", "Chủ thể", "Tỉnh", "Hạng sao", "Ngày quyết định", "Nguồn"]
SOURCE_HEAD = ["Địa chỉ", "Tiêu đề", "Đơn vị đăng", "Ngày đăng", "Ngày lấy", "Ghi chú"]
FIGURE_HEAD = ["Tỉnh", "Tính đến", "Tổng số sản phẩm OCOP", "3 sao", "4 sao", "5 sao", "Số chủ thể", "Nguồn"]
TARGET_HEAD = ["Tỉnh", "Văn bản", "Mục tiêu", "Hạn", "Nguồn"]


def workbook() -> bytes:
    """Sơn La's sheets as an office would send them: 10 sources, 200 products, 8 reports of 5 figures, 10 targets."""
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    address = [f"https://do-toc-do.example/bai-{i}" for i in range(10)]
    ws = wb.create_sheet("Nguồn")
    ws.append(SOURCE_HEAD)
    for i, a in enumerate(address):
        ws.append([a, f"Bài {i} (đo tốc độ, không phải số liệu thật)", "Đo tốc độ", f"{i + 1:02d}/2024", "", ""])
    ws = wb.create_sheet("Sản phẩm")
    ws.append(PRODUCT_HEAD)
    for i in range(200):
        ws.append([f"Sản phẩm đo tốc độ {i}", f"HTX đo tốc độ {i % 40}", "Sơn La", ["3 sao", "4 sao"][i % 2],
                   f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/2024", address[i % 10]])
    ws = wb.create_sheet("Số liệu")
    ws.append(FIGURE_HEAD)
    for i in range(8):
        ws.append(["Sơn La", f"{i + 1:02d}/2024", 300 + i, 200 + i, 90, 10 - i, 150 + i, address[i]])
    ws = wb.create_sheet("Mục tiêu")
    ws.append(TARGET_HEAD)
    wordings = ["ít nhất 300 sản phẩm OCOP", "ít nhất 120 sản phẩm 4 sao", "ít nhất 12 sản phẩm 5 sao",
                "phát triển mới 60 sản phẩm", "100% xã có sản phẩm OCOP", "15–20 sản phẩm xuất khẩu",
                "3–4 sản phẩm tiềm năng 5 sao", "hơn 200 chủ thể OCOP", "ít nhất 40% chủ thể là hợp tác xã",
                "Nâng cấp 5 sản phẩm từ 4 sao lên 5 sao"]
    for i, w in enumerate(wordings):
        ws.append(["Sơn La", "Kế hoạch đo tốc độ 1/KH-UBND ngày 02/01/2024", w, "2027", address[i]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def measure(shipped_db: Path, out: Path) -> dict:
    """Preview and apply the workbook against the shipped data, in a data folder of its own."""
    from ocop_data.importer.apply import apply
    from ocop_data.importer.preview import prepare
    folder = out / "province"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "instance").mkdir(parents=True)
    db = folder / "province.duckdb"
    shutil.copy(shipped_db, db)
    data = workbook()
    start = time.perf_counter()
    prev = prepare("do_toc_do.xlsx", data, folder / "instance")
    preview_s = time.perf_counter() - start
    if not prev.ok:
        return {"error": "; ".join(f"{i.where('en')}: {i.message('en')}" for i in prev.issues[:3])}
    counts = prev.counts()
    start = time.perf_counter()
    apply(prev, "do-toc-do", folder / "instance", db)
    return {"preview_s": preview_s, "apply_s": time.perf_counter() - start, "counts": counts,
            "bytes": len(data), "warnings": len(prev.warnings)}


if __name__ == "__main__":
    from ocop_data.build import build
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    shipped = out / "province-shipped.duckdb"
    build(shipped, data_dir=out / "province-empty")
    res = measure(shipped, out)
    if "error" in res:
        print(res["error"])
        sys.exit(2)
    print(f"preview {res['preview_s']:.2f} s (budget {PREVIEW_BUDGET_S} s), apply {res['apply_s']:.2f} s "
          f"(budget {APPLY_BUDGET_S} s); rows {res['counts']}")
