"""The whole-file values a list's title rows state ("UBND HUYỆN MỘC CHÂU", "Quyết định số 321/QĐ-UBND
ngày 06/8/2024", "DANH SÁCH SẢN PHẨM OCOP NĂM 2023"), offered in the mapping step as hints a person
confirms or changes."""
from __future__ import annotations

import datetime as dt
import re

from .known import Known
from .values import fold, parse_date


def read_hints(title: list[tuple[int, str]], known: Known, issuer: dict | None = None) -> dict:
    """Whole-file values a list's title rows state: 'Quyết định số 321/QĐ-UBND ngày 06/8/2024', 'năm
    2023', 'tỉnh Sơn La', 'huyện Mộc Châu', 'cấp huyện', 'đánh giá lại'. Shown in the mapping step,
    where a person confirms or changes them. ``issuer``: who issued the list (issuer.py), for its level."""
    hints: dict = {}
    month: list = []
    year: list = []
    for number, text in title:
        f = fold(text)
        m = re.search(r"(?:quyet dinh|qd)\s*(?:so)?\s*:?\s*(\d+[\w./-]*/[\w./-]+)", f)
        if m and "decision_no" not in hints:
            raw = re.search(re.escape(m.group(1)).replace("qd", "(?:QĐ|qđ|QD|qd)"), text, re.I)
            hints["decision_no"] = {"value": raw.group(0) if raw else m.group(1).upper(), "row": number, "text": text}
        m = re.search(r"ngay\s+(\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s+nam\s+)\s*(\d{4})", f)
        if m and "decided" not in hints:
            try:
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                hints["decided"] = {"value": d.strftime("%d/%m/%Y"), "row": number, "text": text}
            except ValueError:
                pass
        m = re.search(r"\bthang\s+(\d{1,2})\s*(?:/|-|\s+nam\s+)\s*((?:19|20)\d{2})\b", f)
        if m and 1 <= int(m.group(1)) <= 12:
            month.append({"value": f"{int(m.group(1)):02d}/{m.group(2)}", "row": number, "text": text})
        m = re.search(r"\bnam\s+((?:19|20)\d{2})\b", f)
        if m:
            year.append({"value": m.group(1), "row": number, "text": text})
        m = re.search(r"\bcap\s+(huyen|tinh|quoc gia)\b", f)
        if m and "level" not in hints:
            hints["level"] = {"value": {"huyen": "district", "tinh": "province"}.get(m.group(1), "national"),
                              "row": number, "text": text}
        m = re.search(r"\b(danh gia lai|cong nhan lai|nang hang|nang sao)\b", f)
        if m and "kind" not in hints:
            hints["kind"] = {"value": "upgrade" if m.group(1).startswith("nang") else "re-evaluation",
                             "row": number, "text": text}
        for key, t in known.rows["territory"].items():
            if t.get("level") == "province" and re.search(r"\btinh\s+" + re.escape(fold(t["name_vi"])) + r"\b", f):
                hints.setdefault("_province_names", []).append((key, number, text))
        m = re.search(r"\b(?:huyen|thi xa|thanh pho)\s+([a-z ]+?)(?:\s*[,;.(-]|\s+tinh\b|\s+nam\b|$)", f)
        if m and "district" not in hints:
            hints["district"] = {"value": m.group(1).strip().title(), "row": number, "text": text, "fold": m.group(1)}
    if issuer and issuer["level"] in ("district", "province") and (
            "level" not in hints or issuer["row"] < hints["level"]["row"]):  # "UBND HUYỆN …": a district's list
        hints["level"] = {"value": issuer["level"], "row": issuer["row"], "text": issuer["text"]}
    if "decided" not in hints and (month or year):
        hints["decided"] = (month or year)[0]
    names = hints.pop("_province_names", [])
    if names:
        when = ""
        if "decided" in hints:
            p = parse_date(hints["decided"]["value"])
            when = p[0] if p else ""
        keys = {k for k, _, _ in names}
        chosen = known.territory(known.rows["territory"][names[0][0]]["name_vi"], when) if len(keys) > 1 else names[0][0]
        if chosen:
            hints["province"] = {"value": chosen, "row": names[0][1], "text": names[0][2]}
    if "district" in hints:
        d = hints["district"]
        words = d.pop("fold")
        prov = hints.get("province", {}).get("value", "")
        if not prov:  # 'UBND HUYỆN MỘC CHÂU' names its province only through the district
            when = parse_date(hints["decided"]["value"])[0] if "decided" in hints and \
                parse_date(hints["decided"]["value"]) else ""
            keys = [k for k, t in known.rows["territory"].items() if t.get("level") == "province"
                    and known.district(words, k)]
            if len(keys) == 1:
                prov = keys[0]
            elif keys:
                prov = known.territory(known.rows["territory"][keys[0]]["name_vi"], when) or ""
                prov = prov if prov in keys else ""
            if prov:
                hints["province"] = {"value": prov, "row": d["row"], "text": d["text"]}
        code = known.district(words, prov) if prov else None
        if code:
            d["value"] = known.district_names[code]
        else:
            hints.pop("district")
    return hints
