"""Command line: ``python -m ocop_data build|check``."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import paths
from .build import build
from .problems import BuildError
from .validate import load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ocop_data",
                                     description="Build and check the OCOP database / Dựng và kiểm tra CSDL OCOP")
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="validate the data files and write ocop.duckdb atomically")
    b.add_argument("--db", type=Path, help=f"database file (default {paths.db_path()})")
    b.add_argument("--data-dir", type=Path, help="local data folder with accepted imports")
    sub.add_parser("check", help="validate the data files without writing anything")
    args = parser.parse_args(argv)

    if args.cmd == "check":
        ds = load_dataset()
        for p in ds.problems:
            print(p)
        print(f"{len(ds.errors)} error(s), {len(ds.warnings)} warning(s)")
        return 1 if ds.errors else 0

    start = time.perf_counter()
    try:
        ds = build(args.db, data_dir=args.data_dir)
    except BuildError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"Build refused: {len(exc.problems)} error(s); nothing was written. / "
              f"Không dựng CSDL: {len(exc.problems)} lỗi; chưa ghi gì.", file=sys.stderr)
        return 1
    for w in ds.warnings:
        print(w)
    rows = sum(len(v) for v in ds.rows.values())
    print(f"Built {args.db or paths.db_path()} from {rows} rows in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
