"""The rows of a product list: each row's producer, product and evaluation, found among what is
recorded by identity (DATA-RULES §5) or added; a repeated evaluation is unchanged, a new date or
rating a new evaluation (a product's history grows, never an overwrite)."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..geography import district_in_address
from ..schema import TABLES
from .headers import FILE_WIDE, REQUIRED, field_label
from . import new_provinces
from .issuer import GRANTS
from .known import Known
from .duplicates import NearMatches
from .reading import WORKBOOKS, Progress, Sheet
from .row_checks import check_cells, formulas_read, is_future, row_quote, short_hash
from .values import (KINDS, LEVELS, SUBJECT_TYPES, choice, clean, fmt_day, fold, is_seq, lean, parse_date,
                     parse_number, parse_stars, type_from_name)

if TYPE_CHECKING:
    from .plan import SheetPlan
    from .preview import Preview


def _address_commune(address: str) -> str:
    """The commune an address names: 'Bản X, xã Chiềng Sơn, huyện Mộc Châu, tỉnh Sơn La' -> 'Chiềng Sơn'
    (its district: ``geography.district_in_address``)."""
    m = re.search(r"(?:^|[,;]\s*|\s)(?:xã|phường|thị trấn)\s+([^,;]+)", address, re.I)
    return m.group(1).strip() if m else ""


def prepare_products(prev: Preview, sp: SheetPlan, sheet: Sheet, known: Known, today: dt.date,
                     seen_eval: dict, near: NearMatches, progress: Progress | None, done: list) -> None:
    plan = prev.plan
    header = [clean(c) for c in sheet.rows[sp.header_index]]
    col = {c.field: c.index for c in sp.columns if c.field and c.field != "seq"}
    names_idx = {col[f] for f in ("name", "subject") if f in col}

    def head(f: str) -> str:
        return header[col[f]] if f in col and col[f] < len(header) and header[col[f]] else field_label(f, "vi")

    seq = next((c.index for c in sp.columns if c.field == "seq"), None)
    numbered = None
    if seq is not None:  # official lists number every product; unnumbered rows are headings, totals, signatures
        numbered = [is_seq(r[seq] if seq < len(r) else None) for r in sheet.rows[sp.header_index + 1:]]
        if sum(numbered) < len(numbered) / 2:
            seq = numbered = None
    wide = {f: plan.file.get(f, "") for f in FILE_WIDE}
    wide_level = choice(wide["level"], LEVELS) if wide["level"] else None
    wide_kind = choice(wide["kind"], KINDS) if wide["kind"] else None
    for offset, r in enumerate(sheet.rows[sp.header_index + 1:]):
        number = sheet.numbers[sp.header_index + 1 + offset]
        done[0] += 1
        if progress and done[0] % 2000 == 0:
            progress(min(0.99, done[0] / max(1, done[1])), "check")
        cells = [clean(c) for c in r]
        if not any(cells):
            continue
        if numbered is not None and not numbered[offset]:
            prev.skipped.append((sheet.name, number, " ".join(c for c in cells if c)[:80]))
            continue
        if not check_cells(prev, sheet.name, number, header, r, names_idx):
            continue
        if sheet.formulas and not formulas_read(prev, sheet, number, header, col.values()):
            continue
        for f, i in col.items() if sheet.merged else ():
            if (number, i) in sheet.merged:  # a cell merged down over this row: its value is this row's too
                prev.derived.append((sheet.name, number, f"{head(f)} ← ô gộp từ dòng {sheet.merged[(number, i)]}"))
        raw = {f: (r[i] if i < len(r) else None) for f, i in col.items()}
        v = {f: (cells[i] if i < len(cells) else "") for f, i in col.items()}
        used_wide = []
        for f in FILE_WIDE:
            if not v.get(f) and wide.get(f):
                v[f] = wide[f]
                used_wide.append(f)
        bad = False
        for f in REQUIRED:
            if not v.get(f):
                prev.issue(sheet.name, number, head(f), "required", column=head(f))
                bad = True
        stars = parse_stars(v["stars"]) if v.get("stars") else None
        if v.get("stars") and stars is None:
            prev.issue(sheet.name, number, head("stars"), "bad_star", value=v["stars"])
            bad = True
        decided = parse_date(raw["decided"] if "decided" in raw and "decided" not in used_wide else v.get("decided"))
        if decided is None:
            prev.issue(sheet.name, number, head("decided"), "bad_date", value=v.get("decided", ""))
            bad = True
        elif is_future(decided[0], today) and not plan.file.get("planned"):
            prev.issue(sheet.name, number, head("decided"), "future_date", value=v.get("decided") or decided[0],
                       today=today.strftime("%d/%m/%Y"))
            bad = True
        province = v.get("province", "")
        if "province" in used_wide and "province" in plan.hinted and province in known.rows["territory"]:
            province = known.rows["territory"][province]["name_vi"]  # the title names it: the one valid then
        terr, ref = new_provinces.resolve(known, province, decided[0] if decided else "") if province else (None, None)
        if v.get("province") and terr is None:
            if ref is None:
                new_provinces.unknown(prev, sheet.name, number, head("province"), v["province"])
            elif "province" not in used_wide:  # a whole-file province is asked about once, by the plan
                new_provinces.ask(prev, ref, sheet.name, number, head("province"))
            bad = True
        district, commune = "", v.get("commune", "")
        if v.get("district") and terr:
            district = known.district(v["district"], terr) or ""
            if not district:
                prev.issue(sheet.name, number, head("district"), "unknown_district", value=v["district"])
                bad = True
        elif v.get("address") and terr:  # the district the address names (one reading: ocop_data.geography)
            found = district_in_address(v["address"], known.districts_of(terr))
            if found:
                district = found["district_code"]
                prev.derived.append((sheet.name, number, f"{field_label('district', 'vi')} ← "
                                                         f"{field_label('address', 'vi')}"))
        if not commune and v.get("address"):
            commune = _address_commune(v["address"])
        if district:
            prev.names[("district", district)] = known.district_names.get(district, district)
        source = known.source_ref(v.get("source", "")) or v.get("source", "")  # an id, an address or a title
        if source and not known.source_exists(source):
            prev.issue(sheet.name, number, head("source"), "unknown_source", value=source)
            bad = True
        elif source and source not in prev.sources:
            prev.sources[source] = known.rows["source"][source]
        level = choice(v["level"], LEVELS) if v.get("level") and "level" not in used_wide else wide_level
        level_stated = level is not None
        if v.get("level") and "level" not in used_wide and level is None:
            prev.issue(sheet.name, number, head("level"), "bad_choice", value=v["level"],
                       choices="huyện, tỉnh, quốc gia")
            bad = True
        kind = choice(v["kind"], KINDS) if v.get("kind") and "kind" not in used_wide else wide_kind
        if v.get("kind") and "kind" not in used_wide and kind is None:
            prev.issue(sheet.name, number, head("kind"), "bad_choice", value=v["kind"],
                       choices="mới, đánh giá lại, nâng hạng")
            bad = True
        points = None
        if v.get("points"):
            points = parse_number(v["points"])
            if points is None:
                prev.issue(sheet.name, number, head("points"), "bad_number", value=v["points"])
                bad = True
        stype = None
        if v.get("subject_type"):
            stype = choice(v["subject_type"], SUBJECT_TYPES)
            if stype is None:
                prev.issue(sheet.name, number, head("subject_type"), "subject_type_needed", value=v["subject_type"])
                bad = True
        if bad:
            continue
        # the producer: a known one (by name or alias in the province), else a new one (added below,
        # once the product is known to be kept)
        subject_id, new_subject = "", None
        if v.get("subject"):
            skey = (fold(v["subject"]), terr)
            subject_id = known.subject_by_key.get(skey, "")
            if not subject_id:
                subject_id = "imp-s-" + short_hash(*skey)
                t = stype or type_from_name(v["subject"]) or "not_published"
                new_subject = dict(subject_id=subject_id, name=v["subject"], name_lang="vi", subject_type=t,
                                   territory_key=terr, district_code=district, commune=commune, source_id=source)
        # the product: a known one (name + producer, or name + place), else a new one, unless it may be a
        # recorded one under another spelling: then a person decides (duplicates.py)
        candidate = lean(product_id="", name=v["name"], name_lang="vi", subject_id=subject_id, territory_key=terr,
                         district_code=district, commune=commune, product_group=v.get("group", ""),
                         source_id=source)
        pkey = (fold(v["name"]), subject_id) if subject_id else (fold(v["name"]), terr, district, commune)
        product_id = known.product_by_key.get(pkey)
        verdict = ""
        if product_id is None:
            verdict, product_id = near.decide(prev, sheet.name, number, v["name"], pkey, v.get("subject", ""))
            if verdict == "skip":
                continue
            if verdict == "same":
                known.product_by_key[pkey] = product_id  # the file's other rows of this product too
        elif ("product", product_id) not in prev.origin and product_id in near.products:
            near.recorded(sheet.name, number, known.rows["product"][product_id]["name"])
        if new_subject and verdict != "same":
            if not stype and new_subject["subject_type"] != "not_published":
                prev.derived.append((sheet.name, number, f"{field_label('subject_type', 'vi')} ← "
                                                         f"{field_label('subject', 'vi')}"))
            known.add("subject", new_subject)
            prev.tables["subject"].append(new_subject)
            prev.origin[("subject", subject_id)] = (sheet.name, number)
        if subject_id and verdict != "same":
            prev.names[("subject", subject_id)] = known.rows["subject"][subject_id]["name"]
        if verdict == "new":
            product_id = "imp-p-" + short_hash(*pkey)
            candidate["product_id"] = product_id
            known.rows["product"][product_id] = candidate
            known.product_by_key[pkey] = product_id
            prev.tables["product"].append(candidate)
            prev.origin[("product", product_id)] = (sheet.name, number)
        elif ("product", product_id) not in prev.origin:  # a recorded product: fill what it lacks, else unchanged
            old = known.rows["product"][product_id]
            filled = {k: candidate[k] for k in ("district_code", "commune", "product_group")
                      if candidate.get(k) and not old.get(k)}
            if filled:
                row = {c: old.get(c) for c in TABLES["product"].column_names} | filled
                known.rows["product"][product_id] = row
                prev.tables["product"].append(row)
                prev.origin[("product", product_id)] = (sheet.name, number)
            elif ("product", product_id) not in prev.names:
                prev.unchanged.append(("product", product_id, old["name"]))
            prev.names[("product", product_id)] = old["name"]  # a recorded product (new ones: their row)
        # the evaluation: a repeat of a recorded one is unchanged; a new date or rating is a new one
        ekey = (product_id, decided[0], stars)
        if ekey in seen_eval:
            prev.issue(sheet.name, number, head("name"), "duplicate_product", other=seen_eval[ekey])
            continue
        seen_eval[ekey] = number
        extra = [f"{field_label(f, 'en')}={wide[f]}" for f in used_wide]
        asked = near.asked.get(pkey)
        if asked is not None and asked.decision == "same":
            extra.append(f"same product as {product_id}, “{asked.other}” (the editor's choice)")
        if level_stated and "level" in used_wide and "level" in plan.hinted and stars not in GRANTS[level]:
            extra.append(f"level={level} from the title does not grant {stars} stars")  # a district list's 4★
            level_stated = False
        if not level_stated:  # no level in the file: the usual one for the rating, said in the quote
            level = "national" if stars == "5" else "province"
            extra.append(f"level=default for {stars} stars")
        quote = row_quote(prev.file_name, sheet if prev.file_name.lower().endswith(WORKBOOKS) else None,
                          number, header, cells, extra)
        # a recorded evaluation is compared with the row's own cells only: whole-file values (a title's
        # decision number, a list's "đánh giá lại") describe the new rows, not what is already recorded
        own = {f for f in ("decision_no", "level", "kind", "decided") if v.get(f) and f not in used_wide}
        stated = {"decision_no": v["decision_no"] if "decision_no" in own else "",
                  "level": level if "level" in own else "", "kind": kind if "kind" in own else "",
                  "points": f"{points:g}" if points is not None else ""}
        match = _match_evaluation(known.evals.get(product_id, []), decided, stars)
        if match is not None:
            before = {k: match.get(k) for k in ("decided", "decided_precision") if "decided" in own and
                      len(decided[0]) > len(match.get("decided") or "") and k in match}
            updates = {}
            if before:
                updates.update(decided=decided[0], decided_precision=decided[1])
            for k, val in stated.items():
                old = match.get(k)
                old_text = "" if old is None else (f"{old:g}" if isinstance(old, float) else str(old))
                if val and val != old_text:
                    updates[k] = float(val) if k == "points" else val
            eid = match["evaluation_id"]
            prev.names[("evaluation", eid)] = f"{v['name']} · {stars}★ · {fmt_day(decided[0])}"  # a recorded one
            if not updates:
                prev.unchanged.append(("evaluation", eid, prev.names[("evaluation", eid)]))
                continue
            row = {c: match.get(c) for c in TABLES["evaluation"].column_names} | updates
            row.update(source_id=source, quote=quote, quote_status="imported")
            prev.tables["evaluation"].append(row)
            prev.origin[("evaluation", eid)] = (sheet.name, number)
            continue
        eid = "imp-e-" + short_hash(product_id, decided[0], stars)
        row = lean(evaluation_id=eid, product_id=product_id, stars=stars, decided=decided[0],
                    decided_precision=decided[1], decision_no=v.get("decision_no", ""), level=level,
                    kind=kind or "not_published", points=f"{points:g}" if points is not None else "",
                    source_id=source, note=v.get("note", ""), quote=quote, quote_status="imported")
        known.evals.setdefault(product_id, []).append(row)
        prev.tables["evaluation"].append(row)
        prev.origin[("evaluation", eid)] = (sheet.name, number)
    if progress:
        progress(min(0.99, done[0] / max(1, done[1])), "check")


def _match_evaluation(evals: list, decided: tuple, stars: str) -> dict | None:
    """A recorded evaluation this row repeats: same stars and date, or the same year told more precisely."""
    for e in evals:
        if e.get("stars") != stars:
            continue
        old = e.get("decided") or ""
        new = decided[0]
        if old == new:
            return e
        if old and new and (len(old) == 4 or len(new) == 4) and old[:4] == new[:4]:
            return e
    return None
