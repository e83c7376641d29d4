"""Command line: ``python -m ocop_data build|check``."""
from __future__ import annotations

import argparse
import json
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
    sub.add_parser("check", help="validate the data files without writing anything; report quote and source "
                                 "completeness")
    cq = sub.add_parser("check-quotes", help="verify that each seed row's quote occurs in its seed article")
    cq.add_argument("--seeds", type=Path, required=True, help="folder holding the seed articles (.txt)")
    syn = sub.add_parser("synthetic", help="build the synthetic national-scale database (benchmarks only)")
    syn.add_argument("--out", type=Path, default=None, help="database file (default bench/out/synthetic.duckdb)")
    syn.add_argument("--scale", type=float, default=1.0)
    syn.add_argument("--seed", type=int, default=20261124)
    imp = sub.add_parser("import", help="import a CSV or XLSX file (preview, then apply with --yes)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--user", required=True, help="who imports (recorded in the history)")
    imp.add_argument("--yes", action="store_true", help="apply without asking")
    sub.add_parser("history", help="list the recorded versions")
    res = sub.add_parser("restore", help="go back to version N (later imports are withdrawn, not deleted)")
    res.add_argument("version", type=int)
    res.add_argument("--user", required=True)
    ret = sub.add_parser("retire", help="retire one row (a recorded action)")
    ret.add_argument("table")
    ret.add_argument("id")
    ret.add_argument("--user", required=True)
    ret.add_argument("--reason", default="")
    pw = sub.add_parser("set-password", help="create an editor or change their password (asked, never echoed)")
    pw.add_argument("user")
    tpl = sub.add_parser("template", help="write the import templates")
    tpl.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    tpl.add_argument("--out", type=Path, default=Path("."))
    args = parser.parse_args(argv)

    if args.cmd == "synthetic":
        from .synthetic import DEFAULT_OUT, build_synthetic
        start = time.perf_counter()
        counts = build_synthetic(args.out or DEFAULT_OUT, args.seed, args.scale)
        print(f"Synthetic (not real) data built into {args.out or DEFAULT_OUT} in "
              f"{time.perf_counter() - start:.1f} s: {counts}")
        return 0
    if args.cmd in ("import", "history", "restore", "retire", "set-password", "template"):
        return _manage(args)

    if args.cmd == "check":
        ds = load_dataset()
        for p in ds.problems:
            print(p)
        print(f"{len(ds.errors)} error(s), {len(ds.warnings)} warning(s)")
        _report_citations(ds)
        return 1 if ds.errors else 0
    if args.cmd == "check-quotes":
        return _check_quotes(args.seeds)

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


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def _report_citations(ds) -> None:
    from .citations import quote_share, source_gaps

    qs = quote_share(ds)
    print(f"Quotes / Trích dẫn: {qs.matching}/{qs.total} shipped fact rows have a matching verbatim quote "
          f"({_pct(qs.share)}); seed rows {qs.seed_matching}/{qs.seed_total} ({_pct(qs.seed_share)}). "
          f"/ {qs.matching}/{qs.total} dòng dữ kiện có trích dẫn nguyên văn khớp ({_pct(qs.share)}); "
          f"dòng từ bài gốc {qs.seed_matching}/{qs.seed_total} ({_pct(qs.seed_share)}).")
    print("  by table / theo bảng: " + ", ".join(f"{t} {m}/{n}" for t, (m, n) in qs.by_table.items()))
    print("  by status / theo trạng thái: " + ", ".join(f"{k} {v}" for k, v in sorted(qs.by_status.items())))
    total, gaps = source_gaps(ds)
    print(f"Sources / Nguồn: {total - len(gaps)}/{total} state title, publisher and date "
          f"({_pct((total - len(gaps)) / total if total else 1)}) / nêu đủ tiêu đề, đơn vị đăng và ngày đăng.")
    for sid, missing in gaps:
        print(f"  {sid}: not stated by the page / trang không nêu: {', '.join(missing)}")


def _check_quotes(seeds: Path) -> int:
    from .citations import check_seed_quotes

    if not seeds.is_dir():
        print(f"Không thấy thư mục bài gốc {seeds} / The seeds folder {seeds} does not exist.", file=sys.stderr)
        return 1
    ds = load_dataset()
    checked, problems = check_seed_quotes(ds, seeds)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)}/{checked} trích dẫn không khớp bài gốc / {len(problems)} of {checked} seed quotes "
              f"do not occur in their seed.", file=sys.stderr)
        return 1
    print(f"{checked}/{checked} trích dẫn có nguyên văn trong bài gốc / all {checked} seed quotes occur verbatim "
          f"in their seed ({seeds}).")
    return 0


def _manage(args) -> int:
    from . import accounts, importer, templates

    if args.cmd == "template":
        args.out.mkdir(parents=True, exist_ok=True)
        if args.format == "xlsx":
            (args.out / "mau_nhap_ocop.xlsx").write_bytes(templates.xlsx())
        else:
            (args.out / "mau_nhap_ocop_csv.zip").write_bytes(templates.csv_zip())
        print(f"Template written to {args.out}")
        return 0
    if args.cmd == "set-password":
        import getpass
        password = getpass.getpass("Mật khẩu / Password: ")
        if password != getpass.getpass("Nhập lại / Again: "):
            print("Hai lần nhập không khớp / The two entries differ.", file=sys.stderr)
            return 1
        accounts.set_password(args.user, password)
        print(f"Password set for {args.user}")
        return 0
    if args.cmd == "history":
        for e in importer.history():
            print(json.dumps(e, ensure_ascii=False))
        return 0
    try:
        if args.cmd == "import":
            prev = importer.prepare(args.file.name, args.file.read_bytes())
            for i in prev.issues:
                print(f"{i.where('vi')}: {i.message('vi')} / {i.message('en')}", file=sys.stderr)
            if prev.issues:
                print("Không nhập gì / Nothing was imported.", file=sys.stderr)
                return 1
            print(f"add {len(prev.added)}, change {len(prev.changed)}, unchanged {len(prev.unchanged)}")
            for row in prev.possibly_same:
                print(f"possibly the same / có thể trùng: {row[0]} ~ {row[1]} ({row[2]})")
            if not args.yes and input("Apply? / Áp dụng? [y/N] ").strip().lower() not in ("y", "yes", "c", "có"):
                return 1
            print(json.dumps(importer.apply(prev, args.user), ensure_ascii=False))
        elif args.cmd == "restore":
            print(json.dumps(importer.restore(args.version, args.user), ensure_ascii=False))
        elif args.cmd == "retire":
            print(json.dumps(importer.retire(args.table, args.id, args.user, args.reason), ensure_ascii=False))
    except importer.ImportRefused as exc:
        print(f"{exc.issue.message('vi')} / {exc.issue.message('en')}", file=sys.stderr)
        return 1
    except BuildError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
