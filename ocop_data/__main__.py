"""Command line: ``python -m ocop_data build|check|import|history|restore|retire|set-password|template``.

Every error is a sentence in Vietnamese and English on stderr with exit status 1 (refused or
failed; nothing changed) or 2 (the command itself is wrong: an unknown option, an unknown editor),
never a traceback ($OCOP_DEBUG=1 shows one, for developers).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import paths
from .build import build
from .messages import Refused, both
from .problems import BuildError
from .validate import load_dataset


class _Parser(argparse.ArgumentParser):
    """argparse with its complaints in both languages and exit status 2."""

    def error(self, message: str):  # noqa: D401
        self.print_usage(sys.stderr)
        print(f"Lệnh không đúng / Invalid command: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m ocop_data",
                     description="Build, check and keep the OCOP data current / Dựng, kiểm tra và cập nhật dữ liệu OCOP")
    sub = parser.add_subparsers(dest="cmd", required=True, parser_class=_Parser)
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
    imp = sub.add_parser("import", help="import a CSV, XLSX or XLS file: show the mapping and the preview, then "
                                        "apply (asks, or --yes)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--user", required=True, help="the editor who imports (an account made with set-password)")
    imp.add_argument("--yes", action="store_true", help="apply without asking")
    imp.add_argument("--province", metavar="KEY", help="province for every row (a key such as 14 or 08-2025, or a "
                                                       "name), when the file has no province column")
    imp.add_argument("--source", metavar="SOURCE_ID", help="source id for every row, when the file has no source "
                                                           "column")
    imp.add_argument("--decided", metavar="DATE", help="decision date (dd/mm/yyyy) or year of the round, when the "
                                                       "file has no date column")
    imp.add_argument("--level", metavar="LEVEL", help="level of the evaluations: huyện/district, tỉnh/province, "
                                                      "quốc gia/national")
    imp.add_argument("--kind", metavar="KIND", help="mới/new, đánh giá lại/re-evaluation, nâng hạng/upgrade")
    imp.add_argument("--district", metavar="NAME", help="district (before 2025) for every row without one")
    imp.add_argument("--decision", metavar="NUMBER", help="decision number for every row without one")
    imp.add_argument("--planned", action="store_true", help="the file holds planned (future) dates on purpose")
    imp.add_argument("--mapping", metavar="FILE", type=Path, help="a column mapping saved from the Data page (JSON)")
    imp.add_argument("--same", metavar="SHEET:ROW=PRODUCT_ID", action="append", default=[],
                     help="a possibly duplicate row is this recorded product (its evaluation joins that product); "
                          "ROW as the preview shows it; repeat for each row")
    imp.add_argument("--different", metavar="SHEET:ROW", action="append", default=[],
                     help="a possibly duplicate row is another product (added as new); repeat for each row")
    sub.add_parser("history", help="list the recorded versions")
    res = sub.add_parser("restore", help="make the data what version N left, forward or back (a recorded step)")
    res.add_argument("version", type=int)
    res.add_argument("--user", required=True)
    ret = sub.add_parser("retire", help="retire one row (a recorded action, undone by a restore)")
    ret.add_argument("table")
    ret.add_argument("id")
    ret.add_argument("--user", required=True)
    ret.add_argument("--reason", default="")
    pw = sub.add_parser("set-password", help="create an editor or change their password (asked, never echoed)")
    pw.add_argument("user")
    tpl = sub.add_parser("template", help="write the import templates")
    tpl.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    tpl.add_argument("--out", type=Path, default=Path("."),
                     help="an existing folder, or a file name (.xlsx / .zip) in one (default: this folder)")
    tpl.add_argument("--force", action="store_true", help="overwrite a template file that is already there")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except SystemExit:
        raise
    except Refused as exc:
        print(exc.both(), file=sys.stderr)
        return 1
    except BuildError as exc:
        for p in exc.problems[:50]:
            print(p, file=sys.stderr)
        print(f"Không dựng CSDL: {len(exc.problems)} lỗi; chưa thay đổi gì. / "
              f"Build refused: {len(exc.problems)} error(s); nothing was changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng; không có gì thay đổi. / Stopped; nothing was changed.", file=sys.stderr)
        return 1
    except OSError as exc:  # a folder that cannot be written: named, in both languages
        from .writes import write_refusal
        refusal = write_refusal(exc)
        if refusal is None or os.environ.get("OCOP_DEBUG"):
            raise
        print(refusal.both(), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a sentence, never a traceback
        if os.environ.get("OCOP_DEBUG"):
            raise
        print(f"Lỗi không mong đợi: {type(exc).__name__}: {exc} / Unexpected error: {type(exc).__name__}: {exc}",
              file=sys.stderr)
        return 1


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
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
        print(f"{len(ds.errors)} lỗi, {len(ds.warnings)} cảnh báo / {len(ds.errors)} error(s), "
              f"{len(ds.warnings)} warning(s)")
        _report_citations(ds)
        return 1 if ds.errors else 0
    if args.cmd == "check-quotes":
        return _check_quotes(args.seeds)

    from .writes import write_lock
    start = time.perf_counter()
    data_dir = args.data_dir or paths.local_data_dir()
    db = args.db or paths.db_path()
    with write_lock(data_dir, db):
        ds = build(db, data_dir=data_dir)
    for w in ds.warnings:
        print(w)
    rows = sum(len(v) for v in ds.rows.values())
    print(f"Đã dựng {db} từ {rows} dòng trong {time.perf_counter() - start:.2f} s / "
          f"Built {db} from {rows} rows in {time.perf_counter() - start:.2f} s")
    return 0


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def _report_citations(ds) -> None:
    from .citations import check_formulas, quote_share, source_gaps

    qs = quote_share(ds)
    print(f"Quotes / Trích dẫn: {qs.matching}/{qs.total} shipped fact rows have a matching verbatim quote "
          f"({_pct(qs.share)}); non-derived rows {qs.matching}/{qs.non_derived} ({_pct(qs.non_derived_share)}); "
          f"seed rows {qs.seed_matching}/{qs.seed_total} ({_pct(qs.seed_share)}). "
          f"/ {qs.matching}/{qs.total} dòng dữ kiện có trích dẫn nguyên văn khớp ({_pct(qs.share)}); dòng không phải "
          f"tính toán {qs.matching}/{qs.non_derived} ({_pct(qs.non_derived_share)}); "
          f"dòng từ bài gốc {qs.seed_matching}/{qs.seed_total} ({_pct(qs.seed_share)}).")
    print("  by table / theo bảng: " + ", ".join(f"{t} {m}/{n}" for t, (m, n) in qs.by_table.items()))
    print("  by status / theo trạng thái: " + ", ".join(f"{k} {v}" for k, v in sorted(qs.by_status.items())))
    formulas = check_formulas(ds)
    good = sum(f.ok for f in formulas)
    print(f"Derived / Tính từ số liệu khác: {good}/{len(formulas)} formulas recompute / công thức tính lại đúng.")
    for f in formulas:
        if not f.ok:
            print(f"  {f.table} {f.row_id}: does not recompute / không tính lại được: {f.detail}")
    total, gaps = source_gaps(ds)
    print(f"Sources / Nguồn: {total - len(gaps)}/{total} state title, publisher and date "
          f"({_pct((total - len(gaps)) / total if total else 1)}) / nêu đủ tiêu đề, đơn vị đăng và ngày đăng.")
    for sid, missing in gaps:
        print(f"  {sid}: trang không nêu / the page does not state: {', '.join(missing)}")


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


def _need_editor(user: str) -> None:
    from . import accounts
    if not accounts.exists(user):
        print(both("unknown_editor", user=user), file=sys.stderr)
        raise SystemExit(2)


def _read(path: Path) -> bytes:
    from .messages import ImportRefused
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused("no_file", path=str(path)) from None
    except IsADirectoryError:
        raise ImportRefused("unreadable_file", path=str(path), detail="thư mục / a folder") from None
    except OSError as exc:
        raise ImportRefused("unreadable_file", path=str(path), detail=exc.strerror or str(exc)) from None


def _show_plan(prev) -> None:
    from .importer.headers import field_label
    from .importer.report_headers import REPORT_USES, label as report_label
    for s in prev.plan.sheets:
        use = {"products": "danh sách sản phẩm / product list", "ignore": "bỏ qua / ignored",
               "sources": "Nguồn / sources", "figures": "Số liệu / figures (one row per report)",
               "targets": "Mục tiêu / targets"}.get(s.use, s.use)
        print(f"[{s.name}] {use}" + (f" · tiêu đề ở dòng / header on row {s.header_number} · {s.rows} dòng / rows"
                                     if s.use != "ignore" else ""))
        if s.use == "ignore":
            continue
        for c in s.columns:
            head = c.header or f"#{c.index + 1}"
            if not c.field:
                meaning = "bỏ qua / ignored"
            elif s.use == "products":
                meaning = f"{field_label(c.field, 'vi')} / {field_label(c.field, 'en')}"
            elif s.use in REPORT_USES:
                meaning = f"{report_label(c.field, 'vi')} / {report_label(c.field, 'en')}"
            else:
                meaning = c.field
            print(f"    {head} → {meaning}")
    wide = {k: v for k, v in prev.plan.file.items() if v}
    if wide:
        print("Giá trị cho cả tệp / Whole-file values: " + "; ".join(f"{k}={v}" for k, v in wide.items()))
    for f, h in prev.plan.hints.items():
        print(f"    ({f} đọc từ dòng tiêu đề {h['row']} / read from title row {h['row']}: {h['text'][:80]})")


def _show_reports(prev) -> None:
    """What the Vietnamese sheets add, in words: each new source with the citation line a reporter would
    paste, the figures, each target as read from its words; then the warnings the upload adds."""
    from story.cite import cite, quote_line
    from story.fmt import partial_date, qualified
    from .importer.targets_wording import in_words
    for s in prev.tables.get("source", []):
        print(f"Nguồn mới / new source [{s['source_id']}]: {cite(s, 'vi')}")
    for _, sid, label in (u for u in prev.unchanged if u[0] == "source"):
        print(f"Nguồn đã có / source already recorded [{sid}]: {label}")
    from .schema import TABLES
    from .validate import read_table_file
    metrics = {r.values["metric"]: r.values
               for r in read_table_file(TABLES["metric"], paths.SHIPPED_DIR / "metric.csv", "shipped", [])}
    for f in prev.tables.get("figure", []):
        when = partial_date(f["as_of"], f["as_of_precision"], "vi") if f.get("as_of") else "không rõ ngày / undated"
        print(f"Số liệu / figure: {f['territory_key']} · {when} · {metrics.get(f['metric'], {}).get('label_vi', f['metric'])}"
              f" = {qualified(f['value'], f['qualifier'], 'vi')} · {quote_line(f, 'vi')[:100]}")
    for r in prev.readings:
        label = metrics.get(r["metric"], {}).get("label_vi", "?")
        read = in_words(r["comparison"], r["value"], r["value_high"], label, r["deadline"], "vi", r["period_from"]) \
            if r["metric"] else "chưa đọc được / not read"
        print(f"Mục tiêu / target ({r['sheet']}, dòng/row {r['row']}): “{r['wording']}” → {read}")
    for i in prev.warnings:
        print(f"Cảnh báo / warning: {i.where('vi')}: {i.message('vi')} / {i.message('en')}")


def _confirm_provinces(keys: list[str], yes: bool) -> bool:
    """A province not yet in the data is added with --yes, or when the editor answers yes at a terminal."""
    from . import provinces
    names = ", ".join(f"{provinces.get(k).full_name} ({k})" for k in keys)
    if yes:
        print(f"Thêm vào dữ liệu (--yes) / Added to the data (--yes): {names}")
        return True
    if sys.stdin is None or not sys.stdin.isatty():
        return False  # the preview's question says to use --yes
    return input(f"Thêm vào dữ liệu: {names}? / Add to the data? [y/N] ").strip().lower() in ("y", "yes", "c", "có", "co")


def _template_target(out: Path, fmt: str, force: bool) -> Path:
    """Where ``template`` writes: into an existing folder, or to a file name in one; never over a file
    unless asked (--force), never into a folder it would have to make."""
    default = "mau_nhap_ocop.xlsx" if fmt == "xlsx" else "mau_nhap_ocop_csv.zip"
    target = out / default if out.is_dir() or out.suffix.lower() not in (".xlsx", ".zip") else out
    if not target.parent.is_dir():
        raise Refused("out_missing", path=str(target.parent))
    if target.is_dir() or (target.exists() and not force):
        raise Refused("out_exists", path=str(target))
    return target


def _manage(args) -> int:
    from . import accounts, templates, writes
    from .importer.apply import apply
    from .importer.duplicates import Decisions, parse_row
    from .importer.plan import load_mapping
    from .importer.preview import prepare
    from .importer.new_provinces import CONFIRM

    if args.cmd == "template":
        out = _template_target(args.out, args.format, args.force)
        out.write_bytes(templates.xlsx() if args.format == "xlsx" else templates.csv_zip())
        print(f"Đã ghi mẫu vào / Template written to {out}")
        return 0
    if args.cmd == "set-password":
        import getpass
        accounts.check_user_name(args.user)
        try:
            if sys.stdin is not None and sys.stdin.isatty():
                password = getpass.getpass("Mật khẩu / Password: ")
                again = getpass.getpass("Nhập lại / Again: ")
            else:  # a pipe (a provisioning script): two lines
                lines = [sys.stdin.readline() if sys.stdin else "" for _ in range(2)]
                if not lines[0]:
                    raise EOFError
                password, again = (line.rstrip("\r\n") for line in lines)
        except EOFError:
            print("Không đọc được mật khẩu (không có đầu vào). / No password could be read (no input).",
                  file=sys.stderr)
            return 1
        if password != again:
            print("Hai lần nhập không khớp; chưa đổi gì. / The two entries differ; nothing was changed.",
                  file=sys.stderr)
            return 1
        accounts.set_password(args.user, password)
        print(f"Đã đặt mật khẩu cho / Password set for {args.user}")
        return 0
    if args.cmd == "history":
        entries = writes.history()
        if not entries:
            print("Chưa có phiên bản nào: đang dùng dữ liệu gốc. / No versions yet: the shipped data is live.")
        for e in entries:
            what = {"import": e.get("file", ""), "restore": f"→ {e.get('restore_to')}",
                    "retire": f"{e.get('table', '')} {e.get('id', '')}"}.get(e.get("action"), "")
            print(f"{e['version']:>4}  {e.get('when', '')}  {e.get('action', ''):<8} {e.get('user', ''):<16} {what}")
        return 0

    _need_editor(args.user)
    if args.cmd == "restore":
        entry = writes.restore(args.version, args.user)
        print(f"Đã khôi phục về phiên bản {args.version} (ghi thành phiên bản {entry['version']}). / "
              f"Restored to version {args.version} (recorded as version {entry['version']}).")
        return 0
    if args.cmd == "retire":
        entry = writes.retire(args.table, args.id, args.user, args.reason)
        print(f"Đã ngừng sử dụng {args.table} {args.id} (phiên bản {entry['version']}). / "
              f"Retired {args.table} {args.id} (version {entry['version']}).")
        return 0

    # import
    mapping = load_mapping(args.mapping) if args.mapping else None
    overrides = {"province": args.province, "source": args.source, "decided": args.decided, "level": args.level,
                 "kind": args.kind, "district": args.district, "decision_no": args.decision,
                 "planned": True if args.planned else None}
    decisions = Decisions(different={parse_row(r) for r in args.different})
    for text in args.same:
        where, sep, pid = text.rpartition("=")
        if not sep or not pid.strip():
            raise Refused("bad_row_ref", value=text)
        decisions.same[parse_row(where)] = pid.strip()
    data = _read(args.file)

    def preview():
        return prepare(args.file.name, data, mapping=mapping, overrides=overrides, decisions=decisions)

    prev = preview()
    if prev.new_provinces and _confirm_provinces(prev.new_provinces, args.yes):  # issue 16: --yes or a yes
        overrides[CONFIRM] = ";".join(prev.new_provinces)
        prev = preview()
    _show_plan(prev)
    _show_reports(prev)
    for i in prev.issues:
        print(f"{i.where('vi')}: {i.message('vi')} / {i.message('en')}", file=sys.stderr)
    if prev.more_issues:
        print(f"… và {prev.more_issues} vấn đề khác / and {prev.more_issues} more", file=sys.stderr)
    if prev.issues:
        print("Không nhập gì. / Nothing was imported.", file=sys.stderr)
        return 1
    print(f"Thêm {len(prev.added)}, đổi {len(prev.changed)}, đã có {len(prev.unchanged)} / "
          f"add {len(prev.added)}, change {len(prev.changed)}, unchanged {len(prev.unchanged)}")
    for p in prev.possibly_same:
        choice = {"same": f"cùng sản phẩm / the same product ({p.other_id})",
                  "different": "sản phẩm khác / another product"}.get(p.decision, "chưa quyết định, bỏ qua / "
                                                                                 "undecided, left out")
        print(f"có thể trùng / possibly the same: {p.where} “{p.label}” ~ “{p.other}” ({p.other_id}) → {choice}")
    for n in prev.notes:
        print(f"{n.where('vi')}: {n.message('vi')} / {n.message('en')}")
    if not prev.has_changes:
        print(both("nothing_to_apply"))
        return 0
    if not args.yes:
        try:
            answer = input("Áp dụng? / Apply? [y/N] ")
        except EOFError:
            print("Không có câu trả lời (đầu vào đã đóng); không nhập gì. Dùng --yes để áp dụng không cần hỏi. / "
                  "No answer (input is closed); nothing was imported. Use --yes to apply without asking.",
                  file=sys.stderr)
            return 1
        if answer.strip().lower() not in ("y", "yes", "c", "có", "co"):
            print("Không nhập gì. / Nothing was imported.")
            return 1
    # waits its turn; if other changes came first and the result is no longer this preview, refused (exit 1)
    entry = apply(prev, args.user)
    print(f"Đã áp dụng: phiên bản {entry['version']} ({entry['import']}). / "
          f"Applied: version {entry['version']} ({entry['import']}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
