"""Build ``ocop.duckdb`` from the validated plain files, atomically.

The build writes a new file beside the target and renames it over the old one only when
every file passed validation, so a failed build leaves the previous database untouched.
"""
from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from . import certificates, paths, search
from .problems import BuildError
from .schema import DATA_FILES, SCHEMA_VERSION, TABLES
from .text import fold
from .validate import Dataset, import_dirs, load_dataset, sort_date

_ARROW = {"text": pa.string(), "id": pa.string(), "ref": pa.string(), "enum": pa.string(),
          "date": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
STAR_ORDER = {"3": 3.0, "4": 4.0, "5p": 4.5, "5": 5.0}


def _table_rows(ds: Dataset, name: str) -> tuple[list[dict], dict]:
    """Rows of one data table with the derived columns the screens need."""
    table = TABLES[name]
    # the derived columns exist even when the table has no rows (queries sort and filter on them)
    extra: dict = {"origin": pa.string(), **{f"{d}_date": pa.date32() for d, _ in table.date_pairs},
                   **{"subject": {"name_fold": pa.string()}, "product": {"name_fold": pa.string()},
                      "subject_alias": {"alias_fold": pa.string()},
                      "evaluation": {"stars_order": pa.float64(), "expires": pa.date32()},
                      "event": {"expires": pa.date32(), "certificate_basis": pa.string()},
                      "figure": {"search_fold": pa.string()},
                      "sales_point": {"coord_origin": pa.string()}}.get(name, {})}
    centroids = {d["district_code"]: d for d in ds.geo["districts"]}
    out = []
    for r in ds.rows[name]:
        row = dict(r.values)
        row["origin"] = r.origin
        for date_col, prec_col in table.date_pairs:
            row[f"{date_col}_date"] = sort_date(row.get(date_col))
        if name in ("subject", "product"):
            row["name_fold"] = fold(row["name"])
        if name == "subject_alias":
            row["alias_fold"] = fold(row["alias"])
        if name == "evaluation":
            row["stars_order"] = STAR_ORDER[row["stars"]]
            row["expires"] = certificates.expiry(row.get("decided_date"), row["decided_precision"])
        if name == "event":  # a round's or a decision's certificates (ocop_data.certificates.event_basis)
            row["expires"] = certificates.event_expiry(row)
            row["certificate_basis"] = certificates.event_basis(row)[2] if row["expires"] else None
        if name == "figure":
            row["search_fold"] = _figure_words(ds, row)
        if name == "sales_point":
            # coordinates only from the source or the centroid of the published district
            row["coord_origin"] = "source" if row.get("lat") is not None else None
            district = centroids.get(row.get("district_code"))
            if row["coord_origin"] is None and row["precision"] == "district_centroid" and district:
                row["lat"], row["lon"] = district["centroid_lat"], district["centroid_lon"]
                row["coord_origin"] = "district_centroid"
        out.append(row)
    return out, extra


def _figure_words(ds: Dataset, row: dict) -> str:
    """The words a figure can be found by (metric, territory, district, year, value, stars)."""
    metric = next((m.values for m in ds.rows["metric"] if m.values["metric"] == row["metric"]), {})
    territory = next((t.values for t in ds.rows["territory"]
                      if t.values["territory_key"] == row["territory_key"]), {})
    district = next((d for d in ds.geo["districts"] if d["district_code"] == row.get("district_code")), {})
    value = f"{row['value']:g}" if row.get("value") is not None else ""
    star = metric.get("star")
    parts = [metric.get("label_vi"), metric.get("label_en"), territory.get("name_vi"), territory.get("name_en"),
             district.get("short_name"), row.get("as_of"), (row.get("as_of") or "")[:4], value,
             value.replace(".", ","), row.get("source_id"), f"{star} sao {star} star" if star else ""]
    text = fold(" ".join(str(p) for p in parts if p)).replace("-", " ").replace("/", " ").replace("★", " sao ")
    return " " + " ".join(sorted(set(text.split()))) + " "


def _arrow(name: str, rows: list[dict], extra: dict) -> pa.Table:
    fields = [pa.field(c.name, _ARROW[c.type]) for c in TABLES[name].columns]
    fields += [pa.field(k, v) for k, v in extra.items()]
    schema = pa.schema(fields)
    return pa.Table.from_pylist([{f.name: row.get(f.name) for f in fields} for row in rows], schema=schema)


def _geo_tables(ds: Dataset, territories: list[dict]) -> dict[str, pa.Table]:
    geo = ds.geo
    # the territory a 2025 commune belongs to: the one with its code valid on 01/07/2025
    reform = date(2025, 7, 1)

    def current_key(code: str) -> str | None:
        for t in territories:
            if t["code"] != code:
                continue
            start, end = sort_date(t.get("valid_from")), t.get("valid_to_date")
            if (start is None or start <= reform) and (end is None or end >= reform):
                return t["territory_key"]
        return None

    districts = [dict(d, territory_key=d["province_code"], valid_to=date(2025, 6, 30),
                      name_fold=fold(d["short_name"])) for d in geo["districts"]]
    communes = [{"commune_code": c["commune_code"], "province_code": c["province_code"],
                 "territory_key": current_key(c["province_code"]), "name": c["commune"],
                 "name_fold": fold(c["commune"]), "valid_from": date(2025, 7, 1)}
                for c in geo["communes_2025"]]
    pre = [{"commune_code": c["commune_code"], "province_code": c["province_code"],
            "district_code": c["district_code"], "name": c["commune"], "kind": c["type"],
            "name_fold": fold(c["commune"])} for c in geo["communes_pre2025"]]
    origin = [{"commune_code": c["commune_code"], "old_commune_code": c["old_commune_code"],
               "old_commune": c["old_commune"], "old_district_code": c["old_district_code"],
               "old_province_code": c["old_province_code"], "share": c["share"],
               "note": "machine-extracted mapping: derived, to be checked against the resolution"}
              for c in geo["communes_2025_from_old"]]
    return {
        "district": pa.Table.from_pylist(districts),
        "commune": pa.Table.from_pylist(communes),
        "commune_pre2025": pa.Table.from_pylist(pre),
        "commune_origin": pa.Table.from_pylist(origin),
    }


def input_hash(shipped_dir: Path, data_dir: Path, extra_imports: list[Path] = ()) -> str:
    """A hash of every input file: the data version the screens cache on."""
    h = hashlib.sha256()
    files = sorted(shipped_dir.glob("*.csv")) + sorted(paths.GEO_DIR.glob("*"))
    for imp in list(import_dirs(data_dir)) + list(extra_imports):
        files += sorted((imp / "rows").glob("*.csv"))
    if (data_dir / "retired.csv").exists():
        files.append(data_dir / "retired.csv")
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def write_database(ds: Dataset, target: Path, version: str, history_version: int = 0) -> None:
    """Write every table to a new file, then rename it over ``target``.

    ``history_version`` is the version in the data folder's history this database holds (0: the
    shipped data alone); start-up compares it with history's last entry.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        if leftover.exists():
            leftover.unlink()
    tables: dict[str, pa.Table] = {}
    data_rows = {}
    for name in DATA_FILES:
        rows, extra = _table_rows(ds, name)
        data_rows[name] = rows
        tables[name] = _arrow(name, rows, extra)
    tables.update(_geo_tables(ds, data_rows["territory"]))
    tables.update(search.index_tables(data_rows, ds.geo))  # the finder's index (ocop_data/search.py)
    try:
        con = duckdb.connect(str(tmp))
        try:
            for name, arrow_table in tables.items():
                con.register("incoming", arrow_table)
                # table names come from the schema, never from user text
                con.execute("CREATE TABLE " + name + " AS SELECT * FROM incoming")
                con.unregister("incoming")
            con.execute("CREATE TABLE build_info (schema_version INTEGER, data_version VARCHAR, "
                        "geo_note VARCHAR, history_version INTEGER)")
            con.execute("INSERT INTO build_info VALUES (?, ?, ?, ?)",
                        [SCHEMA_VERSION, version, ds.geo["note"], int(history_version)])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        if tmp.exists():
            tmp.unlink()
        raise


def build(target: Path | None = None, shipped_dir: Path | None = None, data_dir: Path | None = None,
          extra_imports: list[Path] = (), history_version: int | None = None) -> Dataset:
    """Validate every file and write the database; raise BuildError (writing nothing) on any error.

    ``extra_imports`` are import folders not yet in the data folder (an import being applied).
    ``history_version``: the recorded version the files hold (default: history's last entry).
    Callers that change the data hold ``ocop_data.writes.write_lock``.
    """
    target = Path(target or paths.db_path())
    shipped_dir = Path(shipped_dir or paths.SHIPPED_DIR)
    data_dir = Path(data_dir) if data_dir is not None else paths.local_data_dir()
    ds = load_dataset(shipped_dir, data_dir, extra_imports)
    if ds.errors:
        raise BuildError(ds.errors)
    if os.environ.get("OCOP_TEST_PAUSE_BEFORE_WRITE"):  # lets a test kill a build midway
        import time
        time.sleep(float(os.environ["OCOP_TEST_PAUSE_BEFORE_WRITE"]))
    if history_version is None:
        from .writes import last_version
        history_version = last_version(data_dir)
    if shipped_dir.resolve() != paths.SHIPPED_DIR.resolve():
        history_version = -1  # other data files (the synthetic benchmark): no history of the data folder
    write_database(ds, target, input_hash(shipped_dir, data_dir, extra_imports), history_version)
    return ds
