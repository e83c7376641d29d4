"""What a column of a product list means, from its header cell: the accepted spellings of each
meaning, learned from district and provincial decision lists, and the template's own headers."""
from __future__ import annotations

import re

from ..words import t_or
from .values import fold

# field -> accepted header spellings (compared on the folded key, without "*", ":" and a trailing
# parenthesis); learned from district and provincial decision lists
PRODUCT_FIELDS: dict[str, tuple[str, ...]] = {
    "seq": ("STT", "TT", "Số TT", "Số thứ tự", "No", "No.", "#"),
    "name": ("Tên sản phẩm", "Sản phẩm", "Tên sản phẩm OCOP", "Tên SP", "Sản phẩm OCOP", "Tên gọi sản phẩm",
             "Tên sản phẩm/dịch vụ", "Product", "Product name"),
    "subject": ("Chủ thể", "Tên chủ thể", "Chủ thể sản xuất", "Chủ thể OCOP", "Tên chủ thể sản xuất",
                "Chủ thể sản xuất, kinh doanh", "Đơn vị", "Đơn vị sản xuất", "Cơ sở sản xuất", "Tên HTX",
                "Tên đơn vị", "Tên cơ sở", "Tên doanh nghiệp/HTX", "Chủ thể có sản phẩm", "Producer"),
    "subject_type": ("Loại chủ thể", "Loại hình", "Loại hình chủ thể", "Loại hình tổ chức", "Subject type",
                     "Producer type"),
    "province": ("Tỉnh", "Mã tỉnh", "Tỉnh/Thành phố", "Province"),
    "district": ("Huyện", "Huyện (trước 2025)", "Huyện/Thành phố", "Huyện/TP", "Huyện, thành phố",
                 "Huyện, thị xã, thành phố", "Đơn vị hành chính cấp huyện", "District"),
    "commune": ("Xã", "Xã/Phường", "Xã, phường", "Xã/Phường/Thị trấn", "Xã, phường, thị trấn", "Xã/Thị trấn",
                "Phường/Xã", "Commune"),
    "address": ("Địa chỉ", "Địa chỉ chủ thể", "Địa chỉ sản xuất", "Địa chỉ liên hệ", "Address"),
    "group": ("Nhóm sản phẩm", "Nhóm", "Bộ sản phẩm", "Phân nhóm", "Ngành hàng", "Nhóm ngành", "Group",
              "Product group"),
    "stars": ("Hạng sao", "Phân hạng", "Xếp hạng sao", "Số sao", "Xếp hạng", "Hạng", "Kết quả phân hạng",
              "Hạng sao đạt được", "Đạt hạng", "Kết quả xếp hạng", "Phân hạng sao", "Stars", "Star rating",
              "Rating"),
    "decided": ("Ngày quyết định", "Năm công nhận", "Năm", "Ngày công nhận", "Năm đánh giá", "Năm xếp hạng",
                "Ngày QĐ", "Thời gian công nhận", "Năm được công nhận", "Decision date", "Year"),
    "decision_no": ("Số quyết định", "Quyết định số", "Số QĐ", "Quyết định", "Quyết định công nhận", "QĐ số",
                    "Số, ngày quyết định", "Decision", "Decision no"),
    "level": ("Cấp", "Cấp đánh giá", "Cấp công nhận", "Cấp xếp hạng", "Level"),
    "kind": ("Hình thức", "Hình thức đánh giá", "Loại đánh giá", "Đánh giá mới/lại", "Kind"),
    "points": ("Điểm", "Tổng điểm", "Điểm đánh giá", "Điểm số", "Points", "Score"),
    "source": ("Nguồn", "Mã nguồn", "Source", "Source id"),
    "note": ("Ghi chú", "Note", "Notes"),
}
REQUIRED = ("name", "stars", "province", "source")
FILE_WIDE = ("province", "source", "decided", "level", "kind", "district", "decision_no")
TEMPLATE_HEADERS = {  # the template's Vietnamese headers, in order
    "name": "Tên sản phẩm", "subject": "Chủ thể", "subject_type": "Loại chủ thể", "province": "Tỉnh",
    "district": "Huyện (trước 2025)", "commune": "Xã", "group": "Nhóm sản phẩm", "stars": "Hạng sao",
    "decided": "Ngày quyết định", "decision_no": "Số quyết định", "level": "Cấp", "source": "Nguồn",
    "note": "Ghi chú",
}
_ALIASES = {fold(a).strip(" *:."): f for f, names in PRODUCT_FIELDS.items() for a in names}
# rules for headers not spelled exactly like a known one (checked in order, on the folded header)
_HEADER_RULES = (
    (r"^(so )?(thu tu|stt|tt)\b", "seq"),
    (r"loai (hinh|chu the)", "subject_type"),
    (r"^(ten )?(san pham|sp)\b", "name"),
    (r"chu the|don vi san xuat|co so san xuat|ten (htx|doanh nghiep|co so)", "subject"),
    (r"dia chi", "address"),
    (r"^(xa|phuong)\b", "commune"),
    (r"^huyen\b", "district"),
    (r"^(so )?(quyet dinh|qd)( so)?$|^so (quyet dinh|qd)", "decision_no"),
    (r"^(ngay|nam|thoi gian)\b.*(quyet dinh|qd|cong nhan|danh gia|xep hang)|^nam$", "decided"),
    (r"(hang sao|phan hang|xep hang|so sao|ket qua)", "stars"),
    (r"^cap\b", "level"),
    (r"^(tong )?diem\b", "points"),
    (r"^nhom\b", "group"),
    (r"^ghi chu", "note"),
    (r"^(ma )?nguon\b", "source"),
    (r"^(ma )?tinh\b", "province"),
)


def field_label(f: str, lang: str) -> str:
    return t_or("imp_field_" + f, lang, f)


def _header_key(cell) -> str:
    key = fold(str(cell or "")).strip(" *:.")
    return re.sub(r"\s*\([^)]*\)$", "", key).strip() if key not in _ALIASES else key


def recognise_header(cell) -> str:
    """The meaning of one header cell ('' when not recognised)."""
    key = fold(str(cell or "")).strip(" *:.")
    if key in _ALIASES:
        return _ALIASES[key]
    key = _header_key(cell)
    if key in _ALIASES:
        return _ALIASES[key]
    for pattern, f in _HEADER_RULES:
        if re.search(pattern, key):
            return f
    return ""


def recognise(header: list) -> dict[int, str]:
    """Column index -> field, for the header cells it recognises (a meaning may repeat)."""
    return {i: f for i, cell in enumerate(header) if (f := recognise_header(cell))}

