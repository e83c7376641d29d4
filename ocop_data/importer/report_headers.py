"""The Vietnamese sheets an office fills in besides its product lists: "Nguồn" (sources), "Số liệu" (one
row per report of figures) and "Mục tiêu" (one row per target, in the plan's own words). What each
column means, from its header cell, in the many ways provinces' own files name it (as product lists'
headers are recognised in ``headers``), English headers included.

A sheet is one of these when its header row (among the first 30 rows) names enough of its columns:
sources need an address or a title and a publisher or date; figures a date or province and at least
one value column; targets the target's wording and its document or deadline.
"""
from __future__ import annotations

import re

from ..words import t_or
from .values import fold

SOURCES, FIGURES, TARGETS = "sources", "figures", "targets"
REPORT_USES = (SOURCES, FIGURES, TARGETS)

# use -> field -> accepted header spellings (compared on the folded key, without "*", ":" and a trailing
# parenthesis)
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    SOURCES: {
        "address": ("Địa chỉ", "Địa chỉ trang", "Địa chỉ trang web", "Đường dẫn", "Đường link", "Link", "URL",
                    "Trang web", "Address", "Web address", "Link bài viết"),
        "title": ("Tiêu đề", "Tên bài", "Tên bài viết", "Tên nguồn", "Tên văn bản", "Tiêu đề bài", "Title"),
        "publisher": ("Đơn vị đăng", "Cơ quan đăng", "Nơi đăng", "Báo", "Tên báo", "Cơ quan ban hành",
                      "Đơn vị ban hành", "Đơn vị phát hành", "Publisher", "Outlet"),
        "published": ("Ngày đăng", "Ngày ban hành", "Ngày xuất bản", "Ngày phát hành", "Published",
                      "Publication date", "Date published"),
        "gathered": ("Ngày lấy", "Ngày truy cập", "Ngày thu thập", "Ngày lấy số liệu", "Gathered", "Accessed",
                     "Retrieved", "Date accessed"),
        "language": ("Ngôn ngữ", "Language"),
        "source_id": ("Mã nguồn", "Source id", "Id"),
        "note": ("Ghi chú", "Note", "Notes"),
    },
    FIGURES: {
        "province": ("Tỉnh", "Tỉnh/Thành phố", "Mã tỉnh", "Tên tỉnh", "Province"),
        "as_of": ("Tính đến", "Tính đến ngày", "Tính đến thời điểm", "Thời điểm", "Thời điểm số liệu",
                  "Ngày số liệu", "Số liệu đến", "Số liệu tính đến", "Kỳ báo cáo", "Ngày báo cáo", "As of",
                  "As of date", "Date"),
        "total": ("Tổng số sản phẩm OCOP", "Tổng số sản phẩm", "Tổng số", "Tổng", "Tổng sản phẩm OCOP",
                  "Số sản phẩm OCOP", "Sản phẩm OCOP", "Số sản phẩm", "Tổng số SP OCOP", "Tổng số SP",
                  "Số SP OCOP", "Tổng số sản phẩm OCOP từ 3 sao", "Total", "Total OCOP products",
                  "OCOP products", "Products", "Total products"),
        "s3": ("3 sao", "Sản phẩm 3 sao", "SP 3 sao", "Hạng 3 sao", "Số sản phẩm 3 sao", "Số SP 3 sao",
               "Đạt 3 sao", "3★", "3*", "3-star", "3 stars", "3 star", "Three-star"),
        "s4": ("4 sao", "Sản phẩm 4 sao", "SP 4 sao", "Hạng 4 sao", "Số sản phẩm 4 sao", "Số SP 4 sao",
               "Đạt 4 sao", "4★", "4*", "4-star", "4 stars", "4 star", "Four-star"),
        "s5": ("5 sao", "Sản phẩm 5 sao", "SP 5 sao", "Hạng 5 sao", "Số sản phẩm 5 sao", "Số SP 5 sao",
               "Đạt 5 sao", "5★", "5*", "5-star", "5 stars", "5 star", "Five-star"),
        "s5p": ("Tiềm năng 5 sao", "Sản phẩm tiềm năng 5 sao", "SP tiềm năng 5 sao", "Potential 5-star",
                "Potential 5 stars"),
        "subjects": ("Số chủ thể", "Chủ thể", "Tổng số chủ thể", "Số chủ thể OCOP", "Chủ thể OCOP",
                     "Số chủ thể tham gia", "Producers", "Subjects", "Number of producers"),
        "round_new": ("Mới công nhận trong đợt", "Sản phẩm mới trong đợt", "Công nhận mới trong đợt",
                      "Công nhận mới", "Mới trong đợt", "Số sản phẩm mới", "Sản phẩm mới công nhận",
                      "New in the round", "New products in the round"),
        "kind": ("Loại", "Loại số liệu", "Báo cáo/ước tính", "Báo cáo hay ước tính", "Kind"),
        "confidence": ("Độ tin cậy", "Confidence"),
        "inferred_date": ("Ngày suy ra", "Thời điểm suy ra", "Ngày ước định", "Inferred date"),
        "inferred_reason": ("Lý do suy ra", "Căn cứ suy ra", "Vì sao suy ra", "Why inferred", "Inferred because"),
        "source": ("Nguồn", "Mã nguồn", "Nguồn số liệu", "Source", "Source id"),
        "quote": ("Câu nguyên văn", "Nguyên văn", "Trích dẫn", "Trích nguyên văn", "Câu trích", "Quote",
                  "Verbatim"),
        "note": ("Ghi chú", "Note", "Notes"),
    },
    TARGETS: {
        "province": ("Tỉnh", "Tỉnh/Thành phố", "Mã tỉnh", "Tên tỉnh", "Province"),
        "document": ("Văn bản", "Văn bản kế hoạch", "Tên văn bản", "Căn cứ", "Kế hoạch", "Văn bản đặt mục tiêu",
                     "Document", "Plan"),
        "wording": ("Mục tiêu", "Chỉ tiêu", "Nội dung mục tiêu", "Nội dung chỉ tiêu", "Mục tiêu/chỉ tiêu",
                    "Target", "Goal"),
        "deadline": ("Hạn", "Thời hạn", "Hạn hoàn thành", "Đến năm", "Năm hoàn thành", "Deadline", "By"),
        "period": ("Giai đoạn", "Period"),
        "source": ("Nguồn", "Mã nguồn", "Source", "Source id"),
        "quote": ("Câu nguyên văn", "Nguyên văn", "Trích dẫn", "Trích nguyên văn", "Câu trích", "Quote",
                  "Verbatim"),
        "note": ("Ghi chú", "Note", "Notes"),
    },
}

# the template's headers, in order (the README lists them)
TEMPLATE: dict[str, dict[str, str]] = {
    SOURCES: {"address": "Địa chỉ", "title": "Tiêu đề", "publisher": "Đơn vị đăng", "published": "Ngày đăng",
              "gathered": "Ngày lấy", "note": "Ghi chú"},
    FIGURES: {"province": "Tỉnh", "as_of": "Tính đến", "total": "Tổng số sản phẩm OCOP", "s3": "3 sao",
              "s4": "4 sao", "s5": "5 sao", "subjects": "Số chủ thể", "round_new": "Mới công nhận trong đợt",
              "kind": "Loại", "note": "Ghi chú", "source": "Nguồn", "quote": "Câu nguyên văn",
              "inferred_date": "Ngày suy ra", "inferred_reason": "Lý do suy ra"},
    TARGETS: {"province": "Tỉnh", "document": "Văn bản", "wording": "Mục tiêu", "deadline": "Hạn",
              "source": "Nguồn", "quote": "Câu nguyên văn", "note": "Ghi chú"},
}
SHEET_NAMES = {SOURCES: "Nguồn", FIGURES: "Số liệu", TARGETS: "Mục tiêu"}


# value columns of the figures sheet -> the metric each non-empty cell becomes (metric.csv)
FIGURE_METRICS = {"total": "products_total", "s3": "products_3star", "s4": "products_4star",
                  "s5": "products_5star", "s5p": "products_5p", "subjects": "subjects_total",
                  "round_new": "round_new_products"}

_ALIASES = {use: {fold(a).strip(" *:."): f for f, names in fields.items() for a in names}
            for use, fields in FIELDS.items()}
# headers not spelled exactly like a known one (checked in order, on the folded header)
_RULES: dict[str, tuple] = {
    FIGURES: (
        (r"tiem nang\W*5|potential\W*(5|five)", "s5p"),
        (r"^(?:so luong |so )?(?:san pham |sp )?(?:ocop )?(?:hang |dat )?([345])\W*(?:sao|\*|★|-?stars?)(?!\w)", "tier"),
        (r"^(tong|so san pham|so sp|san pham ocop|total)", "total"),
        (r"^(so |tong so )?(chu the|producers?|subjects?)\b", "subjects"),
        (r"moi.*dot|dot.*moi|new.*round", "round_new"),
        (r"^(tinh den|thoi diem|ngay so lieu|so lieu (tinh )?den|as of)", "as_of"),
        (r"(ly do|can cu|vi sao).*suy ra|why inferred|inferred because", "inferred_reason"),
        (r"suy ra|inferred", "inferred_date"),
        (r"nguyen van|trich", "quote"),
        (r"^(ma )?nguon\b|^source", "source"),
        (r"^(ma |ten )?tinh\b|^province", "province"),
        (r"^ghi chu|^notes?$", "note"),
    ),
    TARGETS: (
        (r"^(noi dung )?(muc tieu|chi tieu)|^target|^goal", "wording"),
        (r"van ban|ke hoach|^document|^plan\b", "document"),
        (r"^(thoi )?han\b|^den nam|deadline", "deadline"),
        (r"giai doan|period", "period"),
        (r"nguyen van|trich", "quote"),
        (r"^(ma )?nguon\b|^source", "source"),
        (r"^(ma |ten )?tinh\b|^province", "province"),
        (r"^ghi chu|^notes?$", "note"),
    ),
    SOURCES: (
        (r"dia chi|duong (dan|link)|^link|^url|address", "address"),
        (r"tieu de|ten (bai|nguon|van ban)|^title", "title"),
        (r"don vi (dang|ban hanh|phat hanh)|co quan|noi dang|^bao\b|publisher|outlet", "publisher"),
        (r"ngay (dang|ban hanh|xuat ban|phat hanh)|published", "published"),
        (r"ngay (lay|truy cap|thu thap)|gathered|accessed|retrieved", "gathered"),
        (r"^ghi chu|^notes?$", "note"),
    ),
}


def label(field: str, lang: str) -> str:
    """What a field means, in words (the mapping step, the preview, refusals): ocop_data/words.py."""
    return t_or("rep_field_" + field, lang, field)


def _key(cell) -> str:
    return fold(str(cell or "")).strip(" *:.")


def recognise_header(use: str, cell) -> str:
    """The meaning of one header cell of a ``use`` sheet ('' when not recognised)."""
    key = _key(cell)
    if not key:
        return ""
    aliases = _ALIASES[use]
    if key in aliases:
        return aliases[key]
    bare = re.sub(r"\s*\([^)]*\)$", "", key).strip()
    if bare in aliases:
        return aliases[bare]
    for pattern, f in _RULES.get(use, ()):
        m = re.search(pattern, bare)
        if m:
            return f"s{m.group(1)}" if f == "tier" else f  # a tier by its digit: '3★', 'SP hạng 4 sao'
    return ""


def recognise(use: str, header: list) -> dict[int, str]:
    """Column index -> field, for the header cells of a ``use`` sheet it recognises."""
    return {i: f for i, cell in enumerate(header) if (f := recognise_header(use, cell))}


def _fits(use: str, meanings: set) -> bool:
    if use == SOURCES:
        return bool(meanings & {"address", "title"}) and bool(meanings & {"publisher", "published", "address"}) \
            and len(meanings & {"address", "title", "publisher", "published", "gathered"}) >= 2
    if use == FIGURES:
        values = meanings & set(FIGURE_METRICS)
        return bool(values) and bool(meanings & {"as_of", "province"}) and len(meanings) >= 3
    return "wording" in meanings and bool(meanings & {"document", "deadline"})


def detect(rows: list, sheet_name: str = "") -> tuple[int, str, dict] | None:
    """(header row index, use, column -> field) of the first rows that read as one of these sheets' header;
    None when none does. A row naming a product ("Tên sản phẩm") is a product list's, never one of these."""
    from .headers import recognise as product_fields

    hint = fold(sheet_name)
    best = None
    for i, row in enumerate(rows[:30]):
        if sum(1 for c in row if str(c or "").strip()) < 2:
            continue
        if "name" in product_fields(row).values():
            continue
        for use in REPORT_USES:
            found = recognise(use, row)
            meanings = set(found.values())
            if not _fits(use, meanings):
                continue
            score = len(meanings) + (2 if hint == fold(SHEET_NAMES[use]) else 0)
            if best is None or score > best[0]:
                best = (score, i, use, found)
        if best is not None:
            break
    return None if best is None else best[1:]
