"""What is already recorded (the shipped files and the accepted imports), indexed by identity
(DATA-RULES §5), and the rows an upload adds as it is read."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from .. import paths
from ..schema import DATA_FILES, TABLES
from ..validate import load_dataset, parse_partial_date
from .values import fmt_day, fold


class Known:
    """Indexes over the recorded data (shipped + accepted imports) and the rows this upload adds."""

    def __init__(self, data_dir: Path):
        ds = load_dataset(data_dir=data_dir)
        self.rows: dict[str, dict] = {name: {r.values.get(TABLES[name].key): r.values for r in ds.rows[name]}
                                      for name in DATA_FILES if TABLES[name].key}
        self.geo = ds.geo
        self.subject_by_key: dict = {}
        for sid, s in self.rows["subject"].items():
            self.subject_by_key.setdefault((fold(s["name"]), s["territory_key"]), sid)
        for a in ds.rows["subject_alias"]:
            s = self.rows["subject"].get(a.values["subject_id"])
            if s:
                self.subject_by_key.setdefault((fold(a.values["alias"]), s["territory_key"]), a.values["subject_id"])
        self.product_by_key: dict = {}
        for pid, p in self.rows["product"].items():
            self.product_by_key.setdefault(self.product_key(p), pid)
        self.evals: dict[str, list] = {}
        for e in self.rows["evaluation"].values():
            self.evals.setdefault(e["product_id"], []).append(e)
        self.generic_keys: dict = {}
        for name in IDENTITY:
            for rid, v in self.rows[name].items():
                self.generic_keys.setdefault((name, IDENTITY[name](v)), rid)
        self.source_keys: dict = {}  # a source's normalised address or folded title -> its id (source_ref)
        for sid, v in self.rows["source"].items():
            self._index_source(sid, v)
        self.districts: dict = {}  # (folded short name, territory) -> district code
        self.district_names = {d["district_code"]: d["short_name"] for d in self.geo["districts"]}
        self.district_province = {d["district_code"]: d["province_code"] for d in self.geo["districts"]}
        for d in self.geo["districts"]:
            for key in self.rows["territory"]:
                if d["province_code"] in self.family(key):
                    self.districts[(fold(d["short_name"]), key)] = d["district_code"]

    @staticmethod
    def product_key(p: dict) -> tuple:
        if p.get("subject_id"):
            return (fold(p["name"]), p["subject_id"])
        return (fold(p["name"]), p.get("territory_key") or "", p.get("district_code") or "", p.get("commune") or "")

    def family(self, key: str) -> set:
        t = self.rows["territory"].get(key)
        if not t:
            return set()
        out = {t["code"]}
        for p in (t.get("predecessors") or "").split(";"):
            if p.strip():
                out |= self.family(p.strip())
        return out

    def add(self, table: str, row: dict) -> None:
        key = TABLES[table].key
        self.rows[table][row[key]] = row
        if table == "subject":
            self.subject_by_key.setdefault((fold(row["name"]), row["territory_key"]), row["subject_id"])
        elif table == "product":
            self.product_by_key.setdefault(self.product_key(row), row["product_id"])
        elif table == "source":
            self._index_source(row["source_id"], row)
        elif table == "territory":
            for d in self.geo["districts"]:
                if d["province_code"] in self.family(row["territory_key"]):
                    self.districts[(fold(d["short_name"]), row["territory_key"])] = d["district_code"]

    def territory(self, text: str, when: str = "") -> str | None:
        """A territory key from a key or a name ('14', 'Sơn La', 'tỉnh Tuyên Quang'), valid at ``when``."""
        if text in self.rows["territory"]:
            return text
        f = re.sub(r"^(tinh|thanh pho)\s+", "", fold(text))
        matches = [k for k, t in self.rows["territory"].items()
                   if t.get("level") == "province" and f in (fold(t["name_vi"]), fold(t.get("name_en")))]
        if len(matches) <= 1:
            return matches[0] if matches else None
        if when:
            day = parse_partial_date(when[:10]) if len(when) >= 4 else None
            for k in matches:
                t = self.rows["territory"][k]
                start = parse_partial_date(t["valid_from"]) if t.get("valid_from") else None
                end = parse_partial_date(t["valid_to"]) if t.get("valid_to") else None
                if day and (start is None or start <= day) and (end is None or day <= end):
                    return k
        current = [k for k in matches if not self.rows["territory"][k].get("valid_to")]
        return current[0] if len(current) == 1 else matches[0]

    def district(self, text: str, territory: str) -> str | None:
        f = re.sub(r"^(huyen|thanh pho|thi xa|tp\.?)\s+", "", fold(text)).strip()
        code = self.districts.get((f, territory))
        if code:
            return code
        if text in self.district_names and self.district_province.get(text) in self.family(territory):
            return text
        return None

    def districts_of(self, territory: str) -> list[dict]:
        """The pre-2025 districts (listed and 2019) of a territory and its predecessors."""
        codes = self.family(territory)
        return [d for d in self.geo["districts"] if d["province_code"] in codes]

    def source_exists(self, sid: str) -> bool:
        return sid in self.rows["source"]

    def _index_source(self, sid: str, v: dict) -> None:
        from .sources_sheet import address_key  # the one normalisation of an address
        for key in (address_key(v.get("address") or ""), "title:" + fold(v.get("title") or "")):
            if key and key not in ("title:", "title:not stated"):
                self.source_keys[key] = sid if self.source_keys.get(key, sid) == sid else None  # None: ambiguous

    def source_ref(self, text: str) -> str | None:
        """A source's id from its id, its address or its title (as ``--source`` and a row's Nguồn give it);
        None when nothing recorded or added by this upload matches, or two sources share the title."""
        text = (text or "").strip()
        if not text:
            return None
        if text in self.rows["source"]:
            return text
        from .sources_sheet import address_key
        key = address_key(text)
        return (self.source_keys.get(key) if key else None) or self.source_keys.get("title:" + fold(text))


# identity of rows other than products and evaluations (DATA-RULES §5; the same keys as validate.py)
IDENTITY: dict[str, Callable[[dict], tuple]] = {
    "subject": lambda v: (fold(v.get("name")), v.get("territory_key") or ""),
    "product": lambda v: Known.product_key(v),
    "evaluation": lambda v: (v.get("product_id") or "", v.get("decided") or "", v.get("stars") or ""),
    "figure": lambda v: (v.get("territory_key") or "", v.get("district_code") or "", v.get("as_of") or "",
                         v.get("metric") or "", v.get("source_id") or ""),
    "target": lambda v: (v.get("territory_key") or "", fold(v.get("plan_vi")), v.get("metric") or "",
                         v.get("deadline") or "", fold(v.get("description_vi"))),
    "sales_point": lambda v: (v.get("territory_key") or "", v.get("district_code") or "", v.get("locality") or "",
                              fold(v.get("name") or v.get("address") or ""), v.get("entry_kind") or "",
                              v.get("part_of") or ""),
}


def label_of(table: str, v: dict) -> str:
    """A row's readable label: its name or title, else what it measures, else its key."""
    for c in ("name", "title", "name_vi", "title_vi", "description_vi", "label_vi", "alias", "locality", "address"):
        if v.get(c) and v.get(c) != "not stated":
            return str(v[c])
    if table == "figure":
        return f"{v.get('metric')} · {v.get('territory_key')} · {v.get('as_of') or ''}"
    return str(v.get(TABLES[table].key) or "")


def row_labels(table: str, data_dir: Path | None = None) -> dict[str, str]:
    """Every current row of a table as id -> a readable label (for choosing a row to retire)."""
    data_dir = Path(data_dir or paths.local_data_dir())
    known = Known(data_dir)
    rows = known.rows.get(table, {})
    subjects, products = known.rows["subject"], known.rows["product"]
    out = {}
    for rid, v in rows.items():
        if table == "product":
            s = subjects.get(v.get("subject_id") or "", {})
            out[rid] = " · ".join(x for x in (v["name"], s.get("name"), v.get("territory_key")) if x)
        elif table == "evaluation":
            p = products.get(v["product_id"], {})
            out[rid] = f"{p.get('name', v['product_id'])} · {v['stars']}★ · {fmt_day(v.get('decided') or '')}"
        else:
            label = label_of(table, v)
            out[rid] = label if label == rid else f"{label} · {rid}"
    return out
