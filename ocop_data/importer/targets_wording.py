"""A target read from its own words: "ít nhất 100 sản phẩm 4 sao", "phát triển mới 31 sản phẩm", "100% xã
có sản phẩm OCOP", "15–20 sản phẩm xuất khẩu", "hơn 230 sản phẩm OCOP đến năm 2025".

``read`` finds the comparison (at least, more than, range, exactly, all), the quantity (a metric of
metric.csv: every quantity offered here has one), the value (and the upper end of a range), the
deadline and, for what is counted over a plan period ("phát triển mới"), the period's start. What it
read is said back in words for the preview (``in_words``), where a person corrects it by choices in
words; what it cannot read is named, never guessed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .values import fmt_day, fold, parse_date

PERIOD_METRIC = "new_products_period"  # new products developed over a plan period: the sum of its rounds
COMPARISON_WORDS = {"at_least": ("ít nhất", "at least"), "more_than": ("hơn", "more than"),
                    "exactly": ("đúng", "exactly"), "range": ("từ … đến …", "from … to …"),
                    "all": ("tất cả", "all")}
# the metric families a target may count (metric.csv's family column)
TARGET_FAMILIES = ("products", "tiers", "period", "subjects", "coverage", "other")
# (pattern on the folded wording, metric, a share in %); first match wins
QUANTITIES: tuple[tuple[str, str, bool], ...] = (
    (r"(nang (hang|cap|sao)|len).*\b4 (sao )?(len|thanh) 5\b|\b4 sao len 5 sao", "upgrades_4_to_5", False),
    (r"(nang (hang|cap|sao)|len).*\b3 (sao )?(len|thanh) 4\b|\b3 sao len 4 sao", "upgrades_3_to_4", False),
    (r"lao dong.*(bang cap|chung chi|dao tao)", "share_workers_trained", True),
    (r"san pham.*(thuong mai dien tu|tmdt|san giao dich|sieu thi)", "share_products_ecommerce", True),
    (r"san pham.*(nhan hieu|truy xuat|ma vach|ma so)", "share_products_trademark", True),
    (r"(huyen|thanh pho|thi xa)\b.*\b5 sao", "districts_with_5star", False),
    (r"\bxa\b.*\bsan pham|\bxa, phuong", "communes_with_product", False),
    (r"diem (ban|gioi thieu|trung bay)", "sales_points_supported", False),
    (r"\bxuat khau|\bexport", "products_exported", False),
    (r"tiem nang\W+(\w+\W+){0,3}5 sao|potential 5", "products_5p", False),
    (r"(phat trien|cong nhan|xay dung|xep hang|danh gia)( them)? moi|(phat trien|cong nhan|xep hang|co) them"
     r"|san pham (ocop )?moi|\bnew products?", PERIOD_METRIC, False),
    (r"chu the.*hop tac xa", "subjects_htx", False),
    (r"chu the.*doanh nghiep", "subjects_dn", False),
    (r"chu the.*ho (kinh doanh|san xuat)", "subjects_hkd", False),
    (r"\bchu the|\bproducers?\b", "subjects_total", False),
    (r"\b5 sao|\b5-star|five-star", "products_5star", False),
    (r"\b4 sao|\b4-star|four-star", "products_4star", False),
    (r"\b3 sao|\b3-star|three-star", "products_3star", False),
    (r"san pham|\bproducts?\b", "products_total", False),
)
PCT_METRICS = {"subjects_htx": "subjects_htx_pct", "subjects_dn": "subjects_dn_pct", "subjects_hkd": "subjects_hkd_pct"}
UNIT_COUNTS = ("communes_with_product", "districts_with_5star", "advanced_ntm_communes_with_ocop")
_YEAR = r"(?:19|20)\d{2}"
_DASH = r"\s*(?:-|–|—|đến|den|toi|to)\s*"


@dataclass
class Reading:
    comparison: str = ""
    value: float | None = None
    value_high: float | None = None
    metric: str = ""
    deadline: str = ""
    deadline_precision: str = "undated"
    period_from: str = ""
    period_from_precision: str = "undated"
    problems: list = field(default_factory=list)  # (field, rule, params)


def _number(text: str) -> float:
    t = text.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        return float(t.replace(".", ""))
    return float(t.replace(",", "."))


def _period(*texts: str) -> tuple[str, str] | None:
    for text in texts:
        m = re.search(rf"({_YEAR}){_DASH}({_YEAR})", fold(text or ""))
        if m:
            return m.group(1), m.group(2)
    return None


def plan_parts(document: str) -> dict:
    """The plan's name, number and date from its document cell: 'Kế hoạch 90/KH-UBND ngày 02/06/2021'."""
    text = (document or "").strip()
    out = {"plan_vi": text, "plan_number": "", "plan_date": "", "plan_date_precision": "undated"}
    m = re.search(r"\b(\d+[\w.-]*/[\wĐđ.-]+(?:/[\wĐđ.-]+)*)", text)
    if m:
        out["plan_number"] = m.group(1)
    m = re.search(r"ngày\s+(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})", text, re.I)
    if m and parse_date(m.group(1)):
        out["plan_date"], out["plan_date_precision"] = parse_date(m.group(1))
        out["plan_vi"] = text[:m.start()].strip(" ,")
    return out


_PLAN_EN = (("ke hoach", "Plan"), ("quyet dinh", "Decision"), ("nghi quyet", "Resolution"), ("de an", "Project"),
            ("chuong trinh", "Programme"), ("chi thi", "Directive"), ("cong van", "Letter"), ("bao cao", "Report"))


def plan_english(plan_vi: str, number: str) -> str:
    """'Kế hoạch 90/KH-UBND' -> 'Plan 90/KH-UBND'; a document of another kind keeps its Vietnamese name."""
    f = fold(plan_vi)
    for vi, en in _PLAN_EN:
        if f.startswith(vi):
            return f"{en} {number}".strip() if number else f"{en} ({plan_vi})"
    return plan_vi


def read(wording: str, deadline_cell=None, period_cell: str = "", document: str = "", plan_date: str = "",
         metrics: set | None = None) -> Reading:
    """What a target's wording states; ``problems`` names what it does not (field, rule, params)."""
    r = Reading()
    f = fold(wording)
    # the deadline: the Hạn column, else 'đến năm 2025' in the words, else the period's end
    period = _period(period_cell, wording, document)
    if deadline_cell not in (None, "") and str(deadline_cell).strip():
        parsed = parse_date(deadline_cell)
        if parsed and parsed[0]:
            r.deadline, r.deadline_precision = parsed
        else:
            r.problems.append(("deadline", "bad_date", {"value": str(deadline_cell)}))
    else:
        m = re.search(rf"\b(?:den|truoc|trong|het|cuoi)\s+(?:het\s+|cuoi\s+)?(?:nam\s+)?({_YEAR})\b|\bnam ({_YEAR})\b", f)
        if m:
            r.deadline, r.deadline_precision = m.group(1) or m.group(2), "year"
        elif period:
            r.deadline, r.deadline_precision = period[1], "year"
        # else: the document gives no deadline ('thời gian tới'); a count over a plan period needs its end
    # the words without their years and periods, so that a year is never read as the value
    text = re.sub(rf"giai doan\s*{_YEAR}{_DASH}{_YEAR}|{_YEAR}{_DASH}{_YEAR}", " ", f)
    text = re.sub(rf"\b(?:den|truoc|trong|het|cuoi|nam)\s+(?:het\s+|cuoi\s+)?(?:nam\s+)?{_YEAR}\b", " ", text)
    text = re.sub(rf"\b{_YEAR}\b", " ", text)
    pct = re.search(r"(\d+(?:[.,]\d+)?)\s*%", text)
    what = re.sub(r"(?:tu |dat |hang )?\b3 sao tro len", " ", text)  # 'sản phẩm OCOP từ 3 sao trở lên': the total
    for pattern, metric, share in QUANTITIES:
        if re.search(pattern, what):
            r.metric = PCT_METRICS.get(metric, metric) if pct and metric in PCT_METRICS else metric
            if share and not pct:
                r.metric = ""  # a share needs its percentage
            break
    if metrics is not None and r.metric and r.metric not in metrics:
        r.metric = ""
    if not r.metric:
        r.problems.append(("wording", "target_quantity", {"value": wording}))
    # the stars, and 'từ 3 sao trở lên', are part of the quantity, never its number
    bare = re.sub(r"(?:tu |dat )?\b[345]\s*(?:sao)?\s*(?:-|–|den|len|thanh)\s*[345]\s*sao|(?:tu |dat |hang )?\b[345]\s*sao"
                  r"(?:\s*tro len)?|\b[345]-star|\b(?:1|mot) san pham", " ", text)
    all_of = re.search(r"(\d+)\s*/\s*\1\b", bare)
    rng = re.search(rf"(?:tu\s+)?(\d[\d.,]*){_DASH}(\d[\d.,]*)(?!\s*(?:sao|%|/))", bare)
    if all_of:
        r.comparison, r.value = "all", float(all_of.group(1))
    elif pct and float(pct.group(1).replace(",", ".")) == 100 and (r.metric in UNIT_COUNTS or not r.metric.endswith(
            ("_pct", "_pct_of_plan")) and not r.metric.startswith("share_")):
        r.comparison = "all"  # '100% xã có sản phẩm': every unit; the number of units is not stated
        r.value = None if r.metric in UNIT_COUNTS else 100.0
    elif re.search(r"\b(moi|tat ca|toan bo|every|each|all)\b", bare) and r.metric in UNIT_COUNTS:
        r.comparison = "all"
    elif rng:
        r.comparison, r.value, r.value_high = "range", _number(rng.group(1)), _number(rng.group(2))
    else:
        m = re.search(r"(\d[\d.,]*)", bare)
        if m:
            r.value = _number(m.group(1).rstrip(".,"))
            before = bare[:m.start()]
            after = bare[m.end():m.end() + 25]
            if re.search(r"\b(it nhat|toi thieu|at least|no fewer than)\s*$|\btu\s*$", before) or \
                    re.search(r"^\s*%?\s*(\w+\s+){0,4}?(tro len|or more)\b", after):
                r.comparison = "at_least"
            elif re.search(r"\b(hon|tren|vuot|more than|over)\s*$", before):
                r.comparison = "more_than"
            else:
                r.comparison = "exactly"
        elif r.metric:
            r.problems.append(("wording", "target_value", {"value": wording}))
    if r.metric == PERIOD_METRIC and not r.deadline and not any(p[1] == "bad_date" for p in r.problems):
        r.problems.append(("deadline", "target_deadline", {}))
    if r.metric == PERIOD_METRIC:
        if period:
            r.period_from, r.period_from_precision = period[0], "year"
        elif plan_date:
            r.period_from, r.period_from_precision = plan_date, "day" if len(plan_date) == 10 else "year"
        else:
            r.problems.append(("wording", "target_period", {}))
    return r


def in_words(comparison: str, value, value_high, metric_label: str, deadline: str, lang: str,
             period_from: str = "", no_deadline: bool = True) -> str:
    """'ít nhất 100 · Sản phẩm 4 sao · hạn 2025' (what was read, said back for the preview)."""
    def num(v):
        if v is None or v == "":
            return ""
        v = float(v)
        text = f"{v:,.0f}" if v.is_integer() else f"{v:,.1f}"
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") if lang == "vi" else text
    word = COMPARISON_WORDS.get(comparison, ("", ""))[lang == "en"]
    if comparison == "range":
        amount = (f"từ {num(value)} đến {num(value_high)}" if lang == "vi" else
                  f"from {num(value)} to {num(value_high)}")
    else:
        amount = f"{word} {num(value)}".strip()
    parts = [amount, metric_label]
    if period_from:
        parts.append(("từ " if lang == "vi" else "from ") + fmt_day(period_from))
    if deadline:
        parts.append(("hạn " if lang == "vi" else "by ") + fmt_day(deadline))
    elif no_deadline:
        parts.append("không nêu hạn" if lang == "vi" else "no deadline stated")
    return " · ".join(p for p in parts if p)

