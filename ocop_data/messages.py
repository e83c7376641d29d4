"""What imports and writes say to people: every refusal and row problem in Vietnamese and English."""
from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, tuple[str, str]] = {
    # the whole file
    "empty": ("Tệp trống: không có dòng dữ liệu nào. Hãy điền dữ liệu vào mẫu rồi tải lên lại.",
              "The file is empty: it has no data rows. Fill in the template and upload it again."),
    "too_large": ("Tệp lớn hơn giới hạn {limit} MB. Hãy chia thành nhiều tệp nhỏ hơn.",
                  "The file is larger than the {limit} MB limit. Split it into smaller files."),
    "too_many_rows": ("Tệp có hơn {limit} dòng. Hãy chia thành nhiều tệp nhỏ hơn.",
                      "The file has more than {limit} rows. Split it into smaller files."),
    "too_many_columns": ("Tệp có hơn {limit} cột: đây không giống một danh sách sản phẩm.",
                         "The file has more than {limit} columns: it does not look like a product list."),
    "archive_too_large": ("Tệp Excel khi giải nén quá lớn ({size}, giới hạn {limit}). Tệp này bị từ chối trước khi "
                          "đọc. Hãy lưu lại chỉ với các trang cần nhập.",
                          "The Excel file unpacks to too much ({size}, limit {limit}). It was refused before "
                          "being read. Save it again with only the sheets to import."),
    "legacy_xls": ("Tệp .xls (Excel 97–2003) không được hỗ trợ. Hãy mở trong Excel và lưu lại dưới dạng .xlsx.",
                   "Legacy .xls files are not supported. Open it in Excel and save it as .xlsx."),
    "password": ("Tệp Excel có mật khẩu. Hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi tải lên lại.",
                 "The workbook is password-protected. Remove the password (File › Info › Protect Workbook) "
                 "and upload it again."),
    "not_spreadsheet": ("Tệp này không phải bảng tính Excel (.xlsx) dù có đuôi .xlsx. Hãy lưu lại từ Excel.",
                        "This file is not an Excel workbook even though it is named .xlsx. Save it again from "
                        "Excel."),
    "bad_type": ("Chỉ nhận tệp .csv, .txt hoặc .xlsx.", "Only .csv, .txt or .xlsx files are accepted."),
    "bad_csv": ("Tệp CSV hỏng ở dòng {line}: có dấu ngoặc kép (\") chưa đóng hoặc đặt sai chỗ. Hãy mở tệp, sửa "
                "ô đó rồi lưu lại.",
                "The CSV file is broken at line {line}: a double quote (\") is left open or misplaced. Open the "
                "file, fix that cell and save it again."),
    "no_file": ("Không tìm thấy tệp “{path}”.", "File “{path}” was not found."),
    "unreadable_file": ("Không đọc được tệp “{path}”: {detail}.", "File “{path}” cannot be read: {detail}."),
    "bad_mapping": ("Tệp cách ghép cột “{path}” không đọc được: {detail}.",
                    "The column mapping file “{path}” cannot be read: {detail}."),
    # the header and the mapping
    "no_header": ("Không nhận ra cột nào của danh sách sản phẩm. Hãy chọn ý nghĩa của từng cột ở bước ghép cột "
                  "(cần ít nhất {columns}).",
                  "No column of a product list was recognised. Say what each column holds in the mapping step "
                  "(at least {columns} are needed)."),
    "missing_column": ("Chưa có “{column}”: hãy ghép một cột của tệp với ý nghĩa này, hoặc chọn một giá trị chung "
                       "cho cả tệp.",
                       "“{column}” is missing: map a column of the file to it, or choose one value for the whole "
                       "file."),
    "duplicate_meaning": ("Hai cột cùng được ghép là “{field}”: {columns}. Hãy chọn “bỏ qua” cho một cột.",
                          "Two columns are both mapped to “{field}”: {columns}. Set one of them to “ignore”."),
    "bad_default": ("Giá trị chung “{value}” cho “{field}” không hợp lệ: {detail}",
                    "The whole-file value “{value}” for “{field}” is not valid: {detail}"),
    # cells
    "required": ("Ô “{column}” không được để trống.", "Cell “{column}” must not be empty."),
    "bad_star": ("Hạng sao “{value}” không hợp lệ: hãy ghi 3, 4, 5 hoặc “tiềm năng 5 sao”.",
                 "Star value “{value}” is not valid: write 3, 4, 5 or “tiềm năng 5 sao” (potential 5-star)."),
    "bad_date": ("Ngày “{value}” không đọc được: hãy ghi dd/mm/yyyy hoặc chỉ năm (yyyy).",
                 "Date “{value}” cannot be read: write dd/mm/yyyy or a year (yyyy)."),
    "future_date": ("Ngày “{value}” ở tương lai (sau hôm nay {today}). Nếu đây là ngày dự kiến, hãy đánh dấu "
                    "“ngày dự kiến” cho cả tệp.",
                    "Date “{value}” is in the future (after today, {today}). If it is a planned date, mark the "
                    "file as holding planned dates."),
    "bad_number": ("“{value}” không phải là số.", "“{value}” is not a number."),
    "bad_choice": ("“{value}” không có trong danh sách: {choices}.", "“{value}” is not in the list: {choices}."),
    "control_char": ("Ô có ký tự điều khiển không in được ({char}). Hãy gõ lại ô này.",
                     "The cell holds an unprintable control character ({char}). Type the cell again."),
    "too_long": ("Ô dài {length} ký tự, quá giới hạn {limit}. Hãy kiểm tra lại ô này.",
                 "The cell is {length} characters long, over the {limit} limit. Check this cell."),
    "unknown_district": ("Không tìm thấy huyện “{value}” trong danh sách huyện trước 2025 của tỉnh. Hãy chọn từ "
                         "danh sách thả xuống trong mẫu.",
                         "District “{value}” is not in the province's pre-2025 district list. Pick it from the "
                         "template's drop-down list."),
    "unknown_province": ("Không có tỉnh “{value}”. Hãy dùng mã tỉnh hoặc tên tỉnh (ví dụ 14 = Sơn La, 08-2025 = "
                         "Tuyên Quang).",
                         "There is no province “{value}”. Use a province key or name (e.g. 14 = Sơn La, 08-2025 = "
                         "Tuyên Quang)."),
    "duplicate_product": ("Dòng này lặp lại dòng {other} của tệp (cùng sản phẩm, cùng chủ thể, cùng ngày, cùng hạng "
                          "sao).",
                          "This row repeats row {other} of the file (same product, producer, date and stars)."),
    "conflict": ("Khác với {what} đã có “{label}” ({detail}). Hai nguồn khác nhau là hai dòng; nếu đây là đính "
                 "chính, hãy ngừng sử dụng dòng cũ trước.",
                 "Differs from the existing {what} “{label}” ({detail}). Two sources are two rows; if this is a "
                 "correction, retire the old row first."),
    "outside_province": ("Tọa độ ({lat}, {lon}) nằm ngoài tỉnh. Hãy kiểm tra vĩ độ/kinh độ (có bị đảo không?).",
                         "Coordinates ({lat}, {lon}) lie outside the province. Check latitude/longitude (swapped?)."),
    "coords_pair": ("Hãy ghi cả vĩ độ và kinh độ, hoặc để trống cả hai.",
                    "Give both latitude and longitude, or leave both empty."),
    "unknown_source": ("Không có nguồn mã “{value}”. Hãy thêm nguồn vào trang Nguồn hoặc dùng mã nguồn có sẵn.",
                       "There is no source with id “{value}”. Add it on the Sources sheet or use an existing id."),
    "subject_type_needed": ("Loại chủ thể “{value}” không nhận ra: hãy ghi HTX, doanh nghiệp, tổ hợp tác hoặc hộ "
                            "kinh doanh (hoặc để trống).",
                            "Producer type “{value}” is not recognised: write cooperative, enterprise, cooperative "
                            "group or household (or leave it empty)."),
    "validation": ("{detail}", "{detail}"),
    # writes
    "busy": ("Một thay đổi khác đang được áp dụng. Vui lòng thử lại sau ít phút; chưa có gì thay đổi.",
             "Another change is being applied. Please try again in a moment; nothing has changed."),
    "stale": ("Dữ liệu đã thay đổi từ khi xem trước (có người vừa áp dụng phiên bản {version}). Hãy xem lại bản "
              "xem trước rồi áp dụng.",
              "The data changed since this preview (version {version} was just applied). Check the preview "
              "again, then apply."),
    "unknown_version": ("Không có phiên bản {version}. Các phiên bản đã ghi: {known}.",
                        "There is no version {version}. Recorded versions: {known}."),
    "same_version": ("Dữ liệu đang dùng đã giống phiên bản {version}: không có gì để khôi phục.",
                     "The live data already matches version {version}: nothing to restore."),
    "missing_import": ("Không khôi phục được: thư mục nhập “{name}” không còn trong thư mục dữ liệu.",
                       "Cannot restore: the import folder “{name}” is no longer in the data folder."),
    "unknown_table": ("Không có bảng “{table}”. Các bảng: {tables}.", "There is no table “{table}”. Tables: {tables}."),
    "unknown_row": ("Không có dòng “{id}” trong bảng {table} (hoặc dòng này đã ngừng sử dụng).",
                    "There is no row “{id}” in table {table} (or it is already retired)."),
    "nothing_to_apply": ("Không có gì để nhập: mọi dòng đều đã có.", "Nothing to import: every row is already there."),
    "unknown_editor": ("“{user}” không phải là biên tập viên. Tạo tài khoản bằng: python -m ocop_data set-password "
                       "{user}",
                       "“{user}” is not an editor. Create the account with: python -m ocop_data set-password {user}"),
    "short_password": ("Mật khẩu cần ít nhất {n} ký tự.", "The password needs at least {n} characters."),
    "bad_user_name": ("Tên đăng nhập chỉ gồm chữ, số, “.”, “_” hoặc “-” (tối đa 64 ký tự).",
                      "A user name holds only letters, digits, “.”, “_” or “-” (at most 64 characters)."),
    # --- issue 17: sources, figures and targets in Vietnamese (the sheets Nguồn, Số liệu, Mục tiêu) ---
    "source_needs_address_or_title": (
        "Nguồn cần ít nhất Địa chỉ hoặc Tiêu đề. Hãy chép địa chỉ trang (bắt đầu bằng https://) hoặc tiêu đề như "
        "trang ghi.",
        "A source needs at least its Address or its Title. Copy the page's address (starting with https://) or "
        "its title as the page prints it."),
    "bad_address": ("Địa chỉ “{value}” không phải địa chỉ trang web. Hãy chép địa chỉ từ thanh địa chỉ của trình "
                    "duyệt (bắt đầu bằng http:// hoặc https://), hoặc để trống nếu nguồn là văn bản in.",
                    "“{value}” is not a web address. Copy it from the browser's address bar (starting with "
                    "http:// or https://), or leave it empty for a printed document."),
    "guessed_date": ("“{value}” là ngày đoán, không phải ngày trang ghi. Hãy ghi đúng ngày trang nêu (dd/mm/yyyy, "
                     "mm/yyyy hoặc yyyy), hoặc để trống nếu trang không nêu ngày (sẽ ghi là “không nêu”).",
                     "“{value}” is a guess, not the date the page states. Write the date as the page states it "
                     "(dd/mm/yyyy, mm/yyyy or yyyy), or leave it empty when the page states none (it is then "
                     "recorded as “not stated”)."),
    "bad_stated_date": ("Ngày “{value}” không đọc được: hãy ghi dd/mm/yyyy, mm/yyyy hoặc yyyy như trang nêu, hoặc để "
                        "trống nếu trang không nêu.",
                        "Date “{value}” cannot be read: write dd/mm/yyyy, mm/yyyy or yyyy as the page states it, or "
                        "leave it empty when the page states none."),
    "bad_source_id": ("Mã nguồn “{value}” chỉ được gồm chữ không dấu, số, “.”, “_” hoặc “-”. Hãy sửa, hoặc để trống "
                      "để hệ thống tự đặt mã.",
                      "Source id “{value}” may hold only plain letters, digits, “.”, “_” or “-”. Fix it, or leave it "
                      "empty and one is made."),
    "source_id_taken": ("Mã nguồn “{value}” đã dùng cho một nguồn khác. Hãy chọn mã khác hoặc để trống.",
                        "Source id “{value}” is already used by another source. Choose another or leave it empty."),
    "duplicate_source": ("Nguồn này đã có ở dòng {other} (cùng địa chỉ). Hãy xóa một trong hai dòng.",
                         "This source is already on row {other} (same address). Delete one of the two rows."),
    "unknown_source_ref": ("Không tìm thấy nguồn “{value}” theo mã, địa chỉ hay tiêu đề. Hãy thêm nguồn này ở trang "
                           "“Nguồn” (hoặc bằng “Thêm nguồn” ở bước tải lên), rồi ghi địa chỉ hoặc tiêu đề của nó ở "
                           "đây.",
                           "No source has the id, address or title “{value}”. Add it on the “Nguồn” sheet (or with "
                           "“Add a source” in the upload step), then write its address or title here."),
    "quote_lacks": ("Câu nguyên văn không nêu {what} “{value}” của dòng này. Hãy chép đúng câu của nguồn nêu giá trị "
                    "này, hoặc để trống ô Câu nguyên văn (dòng sẽ trích các ô của tệp).",
                    "The quote does not state this row's {what_en} “{value}”. Copy the source's sentence that "
                    "states it, or leave the quote empty (the row then cites the file's cells)."),
    "duplicate_row": ("Dòng này lặp lại dòng {other} (cùng tỉnh, thời điểm, nội dung và nguồn). Hãy xóa một dòng.",
                      "This row repeats row {other} (same province, date, subject and source). Delete one of them."),
    "ambiguous_number": ("“{value}” có thể hiểu hai cách (1234 hay 1,234). Hãy ghi số đếm không có dấu phẩy (1234), "
                         "hoặc dùng dấu chấm ngăn hàng nghìn (1.234).",
                         "“{value}” can be read two ways (1234 or 1.234). Write a count without a comma (1234), or "
                         "with a dot between the thousands (1.234)."),
    "not_whole": ("“{value}” không phải số nguyên: đây là số đếm (sản phẩm, chủ thể). Hãy ghi số nguyên.",
                  "“{value}” is not a whole number: this is a count (products, producers). Write a whole number."),
    "bad_count": ("“{value}” không đọc được thành số. Hãy ghi một số (ví dụ 150), có thể kèm “hơn”, “ít nhất” hoặc "
                  "“khoảng” (ví dụ “hơn 150”).",
                  "“{value}” cannot be read as a number. Write a number (e.g. 150), possibly with “hơn”, “ít "
                  "nhất” or “khoảng” (more than, at least, about: “hơn 150”)."),
    "bad_value": ("“{value}” không đọc được thành số. Hãy ghi một số, ví dụ 100 hoặc 87,5.",
                  "“{value}” cannot be read as a number. Write a number such as 100 or 87.5."),
    "no_values": ("Dòng này không có số nào. Hãy điền ít nhất một cột số ({columns}) hoặc xóa dòng.",
                  "This row holds no figure. Fill in at least one of {columns}, or delete the row."),
    "bad_kind": ("Loại “{value}” không nhận ra: hãy ghi “báo cáo” (số đã đạt) hoặc “ước tính”, hoặc để trống (= báo "
                 "cáo).",
                 "Kind “{value}” is not recognised: write “báo cáo” (reported) or “ước tính” (estimate), or leave "
                 "it empty (= reported)."),
    "inferred_but_dated": ("Nguồn đã nêu ngày (“{stated}”): chỉ ghi Ngày suy ra “{value}” khi nguồn không nêu ngày. "
                           "Hãy xóa một trong hai ô.",
                           "The source states a date (“{stated}”): give an inferred date (“{value}”) only when it "
                           "states none. Clear one of the two cells."),
    "inferred_needs_reason": ("Đã ghi Ngày suy ra “{value}” nhưng chưa ghi Lý do suy ra. Hãy ghi vì sao số liệu ứng "
                              "với ngày này (ví dụ “bài đăng ngày 12/3/2024 nói ‘hiện nay’”).",
                              "An inferred date (“{value}”) needs its reason. Write why the figure stands for that "
                              "date (e.g. “the article of 12/3/2024 says ‘currently’”)."),
    "target_quantity": ("Không rõ mục tiêu “{value}” đếm gì. Hãy viết như văn bản (ví dụ “ít nhất 100 sản phẩm 4 "
                        "sao”, “phát triển mới 31 sản phẩm”, “100% xã có sản phẩm OCOP”), hoặc chọn đại lượng ở bước "
                        "xem trước. Các đại lượng: {choices}.",
                        "What target “{value}” counts is not clear. Write it as the document does (e.g. “ít nhất "
                        "100 sản phẩm 4 sao”, “phát triển mới 31 sản phẩm”, “100% xã có sản phẩm OCOP”), or choose "
                        "the quantity in the preview. Quantities: {choices}."),
    "target_value": ("Mục tiêu “{value}” không nêu con số (hoặc thiếu đầu kia của khoảng). Hãy ghi con số như văn "
                     "bản, ví dụ “ít nhất 100 sản phẩm 4 sao” hoặc “15–20 sản phẩm xuất khẩu”.",
                     "Target “{value}” states no number (or a range lacks its other end). Write the number as the "
                     "document does, e.g. “ít nhất 100 sản phẩm 4 sao” or “15–20 sản phẩm xuất khẩu”."),
    "target_deadline": ("Mục tiêu chưa có hạn. Hãy ghi cột Hạn (yyyy hoặc dd/mm/yyyy), hoặc “đến năm 2025” trong mục "
                        "tiêu.",
                        "The target has no deadline. Fill in the Hạn (deadline) column (yyyy or dd/mm/yyyy), or "
                        "write “đến năm 2025” in the target."),
    "target_period": ("“Phát triển mới” được đếm trong một giai đoạn: hãy ghi giai đoạn (“giai đoạn 2021–2025”, ở cột "
                      "Giai đoạn hoặc trong mục tiêu) hoặc ngày của văn bản (“Kế hoạch 90/KH-UBND ngày "
                      "02/06/2021”).",
                      "New products are counted over a period: write the period (“giai đoạn 2021–2025”, in a "
                      "Giai đoạn column or in the target) or the document's date (“Kế hoạch 90/KH-UBND ngày "
                      "02/06/2021”)."),
    "check_warning": ("{vi}", "{en}"),
}


def message(rule: str, lang: str, **params) -> str:
    vi, en = MESSAGES[rule]
    return (en if lang == "en" else vi).format(**params)


def both(rule: str, **params) -> str:
    """Vietnamese first, then English: for the command line and logs."""
    return f"{message(rule, 'vi', **params)} / {message(rule, 'en', **params)}"


@dataclass
class Issue:
    sheet: str
    row: int | None
    column: str | None
    rule: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return message(self.rule, lang, **self.params)

    def where(self, lang: str) -> str:
        parts = [f"{'Sheet' if lang == 'en' else 'Trang'} {self.sheet}"] if self.sheet else []
        if self.row:
            parts.append(f"{'row' if lang == 'en' else 'dòng'} {self.row}")
        if self.column:
            parts.append(f"{'column' if lang == 'en' else 'cột'} “{self.column}”")
        return ", ".join(parts) or ("The file" if lang == "en" else "Tệp")


class Refused(Exception):
    """A refusal with a message in both languages (``.issue``); nothing was changed."""

    def __init__(self, rule: str, **params):
        self.rule = rule
        self.params = params
        self.issue = Issue("", None, None, rule, params)
        super().__init__(self.issue.message("en"))

    def both(self) -> str:
        return both(self.rule, **self.params)


class ImportRefused(Refused):
    """The whole upload is refused."""


class WriteRefused(Refused):
    """A restore, retire or apply is refused (unknown version, unknown row, stale preview …)."""


class Busy(WriteRefused):
    """Another process or session holds the write lock."""

    def __init__(self):
        super().__init__("busy")
