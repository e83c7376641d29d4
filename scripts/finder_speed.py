"""How fast the finder answers at national scale (20,000 products): a small measuring script.

    .venv/bin/python scripts/finder_speed.py [database]   # default: bench/out/synthetic.duckdb (built if missing)

Prints, per query, the median and the slowest wall time of repeated runs of ``queries.finder.find`` (ranking in
memory plus reading the returned documents from the database) and the median CPU time of this process (less
disturbed when other work shares the machine), and the one-off cost of reading the index into memory after
a start or a rebuild. The perf helper's bench/ keeps the reference measure; this is a quick check.
"""
from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["Kế hoạch 90", "2030", "Chiềng Đi", "toi den", "94,9", "hết hạn", "training", "xã", "sản phẩm",
           "san pham tong hop 123", "chu the tong hop 00042", "4 sao Sơn La 2019", "Sơn La", "t"]
RUNS = 15


def main() -> None:
    import queries.finder as finder_query
    from ocop_data.db import Database
    from ocop_data.synthetic import DEFAULT_OUT, build_synthetic

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    if not path.exists():
        start = time.perf_counter()
        build_synthetic(path)
        print(f"built {path} in {time.perf_counter() - start:.1f} s")
    db = Database(path)
    cur = db.cursor()
    today = date(2026, 11, 25)
    n = cur.execute("SELECT count(*) FROM search_doc").fetchone()[0]
    postings = cur.execute("SELECT count(*) FROM search_token").fetchone()[0]
    products = cur.execute("SELECT count(*) FROM product").fetchone()[0]
    print(f"{products:,} products, {n:,} findable documents, {postings:,} postings")
    finder_query._CACHE.clear()
    start = time.perf_counter()
    finder_query.find(cur, "warm", today)
    print(f"first query (reads the index into memory): {1000 * (time.perf_counter() - start):.0f} ms")
    print(f"{'query':28} {'results':>7} {'median':>9} {'slowest':>9} {'CPU':>9}")
    worst = 0.0
    for text in QUERIES:
        times, cpu = [], []
        for _ in range(RUNS):
            start, start_cpu = time.perf_counter(), time.process_time()
            found = finder_query.find(cur, text, today)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        worst = max(worst, statistics.median(times))
        print(f"{text!r:28} {len(found):7} {1000 * statistics.median(times):7.1f} ms {1000 * max(times):7.1f} ms "
              f"{1000 * statistics.median(cpu):7.1f} ms")
    print(f"slowest median: {1000 * worst:.1f} ms")
    db.close()


if __name__ == "__main__":
    main()
