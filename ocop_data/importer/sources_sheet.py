"""Sources as data entry: the "Nguồn" sheet (Địa chỉ, Tiêu đề, Đơn vị đăng, Ngày đăng, Ngày lấy, Ghi chú)
and the upload step's "add a source" form give the same rows.

A source records what its page states about itself (DATA-RULES §1): the publication date as the page
states it (dd/mm/yyyy, mm/yyyy or yyyy; empty = "không nêu"; a guess such as "khoảng 2023" is refused);
the date the facts were gathered (Ngày lấy, today when empty). An address already recorded is
recognised (http/https, "www.", a trailing "/" or "#…" do not make another page) and not added twice.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..schema import NOT_STATED
from .known import Known, label_of
from .reading import Sheet
from .report_rows import Rows, note_cells
from .report_values import stated_date
from .row_checks import MAX_NAME, is_future, short_hash
from .values import clean, fold, parse_date

if TYPE_CHECKING:
    from .plan import SheetPlan
    from .preview import Preview

FORM_SHEET = "Thêm nguồn"  # where a source added in the upload step's form is said to come from
FIELDS = ("address", "title", "publisher", "published", "gathered", "note")
LANGUAGES = {"vi": ("vi", "tieng viet", "vietnamese", "viet"), "en": ("en", "tieng anh", "english", "anh")}
_ID = re.compile(r"^[A-Za-z0-9._-]{1,80}$")
_ADDRESS = re.compile(r"^(https?://|www\.)\S+$", re.I)


def address_key(text: str) -> str:
    """The key an address is recognised by: no scheme, no 'www.', no fragment or trailing '/', host in
    lower case ('' for text that is not an address)."""
    t = (text or "").strip()
    if not _ADDRESS.match(t):
        return ""
    t = re.sub(r"^https?://", "", t, flags=re.I)
    t = re.sub(r"^www\.", "", t, flags=re.I).split("#", 1)[0].rstrip("/")
    host, _, rest = t.partition("/")
    return "addr:" + host.lower() + ("/" + rest if rest else "")


def _new_id(address: str, title: str, publisher: str, published: str) -> str:
    host = address_key(address)[5:].split("/", 1)[0] if address else ""
    stem = re.sub(r"[^a-z0-9]+", "-", fold(host.removeprefix("m.").removeprefix("lite.").split(".")[0]))[:30]
    return f"{stem.strip('-') or 'nguon'}-{short_hash(address_key(address) or fold(title), fold(publisher), published)[:8]}"


def source_row(v: dict, raw: dict, known: Known, today: dt.date, say) -> dict | None:
    """One source from the fields of a sheet row or the form (``say(field, rule, **params)`` names a
    problem); None when the row is refused. A recorded address gives the recorded source's id."""
    address, title, publisher = v.get("address", ""), v.get("title", ""), v.get("publisher", "")
    bad = False
    if not address and not title:
        say("address", "source_needs_address_or_title")
        return None
    if address and not _ADDRESS.match(address):
        say("address", "bad_address", value=address)
        bad = True
    for f in ("title", "publisher"):
        if len(v.get(f, "")) > MAX_NAME:
            say(f, "too_long", length=len(v[f]), limit=MAX_NAME)
            bad = True
    published = stated_date(raw.get("published"))
    if isinstance(published, str):
        say("published", published, value=v.get("published", ""))
        bad = True
    elif published[0] and is_future(published[0], today):
        say("published", "future_date", value=v.get("published", ""), today=today.strftime("%d/%m/%Y"))
        bad = True
    gathered = parse_date(raw.get("gathered")) if v.get("gathered") else (today.isoformat(), "day")
    if gathered is None:
        say("gathered", "bad_date", value=v.get("gathered", ""))
        bad = True
    elif gathered[0] and is_future(gathered[0], today):
        say("gathered", "future_date", value=v.get("gathered", ""), today=today.strftime("%d/%m/%Y"))
        bad = True
    language = "vi"
    if v.get("language"):
        language = next((k for k, words in LANGUAGES.items() if fold(v["language"]) in words), "")
        if not language:
            say("language", "bad_choice", value=v["language"], choices="tiếng Việt (vi), tiếng Anh (en)")
            bad = True
    if v.get("source_id") and not _ID.match(v["source_id"]):
        say("source_id", "bad_source_id", value=v["source_id"])
        bad = True
    if bad:
        return None
    recorded = known.source_ref(address) if address else None
    if recorded is None and not address:  # without an address a source is its title, publisher and date
        recorded = next((sid for sid, s in known.rows["source"].items() if fold(s.get("title")) == fold(title)
                         and fold(s.get("publisher")) == fold(publisher or NOT_STATED)
                         and (s.get("published") or "") == published[0]), None)
    if recorded:
        return {"source_id": recorded, "_recorded": True}
    sid = v.get("source_id") or _new_id(address, title, publisher, published[0])
    if sid in known.rows["source"]:
        say("source_id", "source_id_taken", value=sid)
        return None
    return {"source_id": sid, "title": title or NOT_STATED, "publisher": publisher or NOT_STATED,
            "published": published[0], "published_precision": published[1],
            "address": address or NOT_STATED, "gathered": gathered[0], "gathered_precision": gathered[1],
            "language": language, **note_cells(v.get("note", ""))}


def _add(prev: Preview, known: Known, row: dict, where: tuple, seen: dict, say) -> None:
    sid = row["source_id"]
    if sid in seen:
        say(None, "duplicate_source", other=seen[sid])
        return
    seen[sid] = where[1]
    if row.pop("_recorded", False):
        rec = known.rows["source"][sid]
        prev.unchanged.append(("source", sid, label_of("source", rec)))
        prev.sources.setdefault(sid, rec)
        return
    known.add("source", row)
    prev.tables["source"].append(row)
    prev.origin[("source", sid)] = where
    prev.sources[sid] = row


def prepare_sources(prev: Preview, sp: SheetPlan, sheet: Sheet, known: Known, today: dt.date, seen: dict) -> None:
    """The rows of a "Nguồn" sheet."""
    rows = Rows(prev, sp, sheet)
    for number, _cells, raw, v in rows:
        def say(f, rule, number=number, **params):
            rows.issue(number, f, rule, **params)
        row = source_row(v, raw, known, today, say)
        if row is not None:
            _add(prev, known, row, (sheet.name, number), seen, say)


def prepare_form_sources(prev: Preview, entries: list, known: Known, today: dt.date, seen: dict) -> None:
    """The sources added in the upload step's form (kept with the mapping, so a rerun gives the same)."""
    from .report_headers import label
    for n, entry in enumerate(entries, start=1):
        raw = {f: entry.get(f) for f in FIELDS + ("language", "source_id")}
        v = {f: clean(x) for f, x in raw.items()}

        def say(f, rule, n=n, **params):
            prev.issue(FORM_SHEET, n, label(f, "vi") if f else None, rule, **params)
        row = source_row(v, raw, known, today, say)
        if row is not None:
            _add(prev, known, row, (FORM_SHEET, n), seen, say)
