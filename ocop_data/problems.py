"""Validation problems, named by file, line, column and rule, in Vietnamese and English."""
from __future__ import annotations

from dataclasses import dataclass

# rule -> (Vietnamese template, English template)
RULES: dict[str, tuple[str, str]] = {
    "missing_file": ("Thiếu tệp dữ liệu.", "The data file is missing."),
    "missing_column": ("Thiếu cột bắt buộc “{column}”.", "Required column “{column}” is missing."),
    "unknown_column": ("Cột “{column}” không có trong lược đồ.", "Column “{column}” is not in the schema."),
    "required": ("Ô này không được để trống.", "This cell must not be empty."),
    "bad_id": ("Mã “{value}” chỉ được chứa chữ không dấu, số, '.', '_' hoặc '-'.",
               "Id “{value}” may contain only plain letters, digits, '.', '_' or '-'."),
    "duplicate_id": ("Mã “{value}” bị trùng (đã có ở dòng {other}).",
                     "Id “{value}” is a duplicate (already on line {other})."),
    "not_a_number": ("“{value}” không phải là số.", "“{value}” is not a number."),
    "not_integer": ("“{value}” không phải là số nguyên.", "“{value}” is not a whole number."),
    "bad_choice": ("“{value}” không hợp lệ; giá trị cho phép: {choices}.",
                   "“{value}” is not allowed; allowed values: {choices}."),
    "bad_star": ("Hạng sao “{value}” nằm ngoài thang (3, 4, 5 hoặc 5p = tiềm năng 5 sao).",
                 "Star value “{value}” is outside the scale (3, 4, 5 or 5p = potential 5-star)."),
    "bad_date": ("Ngày “{value}” không đọc được (dạng YYYY, YYYY-MM hoặc YYYY-MM-DD).",
                 "Date “{value}” does not parse (YYYY, YYYY-MM or YYYY-MM-DD)."),
    "date_precision": ("Ngày “{value}” không khớp độ chính xác “{precision}”.",
                       "Date “{value}” does not match precision “{precision}”."),
    "bad_bool": ("“{value}” phải là true hoặc false.", "“{value}” must be true or false."),
    "broken_ref": ("“{value}” không có trong {target}.", "“{value}” does not exist in {target}."),
    "outside_province": ("Tọa độ ({lat}, {lon}) nằm ngoài ranh giới tỉnh {territory}.",
                         "Coordinates ({lat}, {lon}) lie outside the bounds of province {territory}."),
    "district_territory": ("Huyện {value} không thuộc tỉnh {territory}.",
                           "District {value} does not belong to territory {territory}."),
    "duplicate_identity": ("Trùng với dòng {other} ({what}: “{value}”).",
                           "Same as line {other} ({what}: “{value}”)."),
    "coords_pair": ("Phải có cả vĩ độ và kinh độ, hoặc không có cả hai.",
                    "Give both latitude and longitude, or neither."),
    "tier_sum": ("Các hạng sao ({parts}, nguồn {part_source}) cộng lại {sum} > tổng {total} (nguồn {total_source}).",
                 "Star tiers ({parts}, source {part_source}) add up to {sum}, more than the total {total} "
                 "(source {total_source})."),
    "range": ("Giá trị cận trên {value_high} nhỏ hơn cận dưới {value}.",
              "Upper value {value_high} is below the lower value {value}."),
    "bad_csv": ("Tệp CSV không đọc được: {detail}", "The CSV file cannot be read: {detail}"),
    # the source's own words (DATA-RULES §1)
    "quote_status_missing": ("Thiếu quote_status: verbatim (trích nguyên văn), derived (tính từ số liệu khác, kèm "
                             "công thức) hoặc not_retrieved (chưa đối chiếu nguyên văn, kèm lý do).",
                             "quote_status is missing: verbatim (the source's words), derived (computed, with a "
                             "formula) or not_retrieved (not checked against the source's words, with the reason)."),
    "quote_missing": ("Thiếu trích dẫn nguyên văn của nguồn (cột quote) cho dòng dữ kiện này.",
                      "The source's own words (column quote) are missing for this fact row."),
    "quote_mismatch": ("Trích dẫn không nêu {what_vi} “{value}” của dòng này: “{quote}”.",
                       "The quote does not state the row's {what_en} “{value}”: “{quote}”."),
    "formula_missing": ("Dòng tính toán (derived) phải có công thức (cột formula) nêu các dòng được dùng.",
                        "A derived row needs its formula (column formula) naming the rows it uses."),
    "reason_missing": ("Dòng “chưa đối chiếu nguyên văn” (not_retrieved) phải nêu lý do (cột quote_reason và quote_reason_vi).",
                       "A row marked not_retrieved needs the reason (columns quote_reason and quote_reason_vi)."),
    "derived_kind": ("Số liệu loại “derived” phải có quote_status = derived và ngược lại.",
                     "A figure of kind “derived” needs quote_status derived, and the other way round."),
    "imported_quote": ("Dòng nhập từ tệp phải có quote_status = imported và trích các ô gốc "
                       "(“tệp, trang tính, dòng: các ô”).",
                       "An imported row needs quote_status imported and the original cells as its quote "
                       "(“file, sheet, row: cells”)."),
    "status_not_here": ("quote_status “{value}” không dùng được ở đây: {why_vi}.",
                        "quote_status “{value}” is not allowed here: {why_en}."),
    "quote_long": ("Trích dẫn dài {n} ký tự; nên rút gọn bằng “…” (khoảng 200 ký tự).",
                   "The quote is {n} characters long; shorten it with “…” (about 200 characters)."),
    # issue 20: a quote whose letters were restored for display
    "quote_display": ("quote_display chỉ được trả lại những chữ có dấu mà bản trích xuất làm mất (quote_garbled = true): "
                      "bỏ các chữ đó đi phải được đúng cột quote.",
                      "quote_display may only put back accented letters the extraction lost (quote_garbled = true): "
                      "removing them must give the quote column exactly."),
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    rule: str
    params: tuple = ()  # tuple of (key, value) pairs, hashable
    severity: str = "error"  # error | warning

    def _fill(self, index: int) -> str:
        template = RULES[self.rule][index]
        return template.format(**dict(self.params))

    @property
    def message_vi(self) -> str:
        return self._fill(0)

    @property
    def message_en(self) -> str:
        return self._fill(1)

    def where(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        tag = "ERROR" if self.severity == "error" else "WARNING"
        return f"{tag} {self.where()} [{self.rule}]: {self.message_vi} / {self.message_en}"


def problem(file, line, column, rule, severity="error", **params) -> Problem:
    return Problem(file, line, column, rule, tuple(sorted((k, str(v)) for k, v in params.items())), severity)


class BuildError(Exception):
    """The build refused its input; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
