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
    "password": ("Tệp Excel có mật khẩu. Hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi tải lên lại.",
                 "The workbook is password-protected. Remove the password (File › Info › Protect Workbook) "
                 "and upload it again."),
    "not_spreadsheet": ("Tệp này không phải bảng tính Excel (.xlsx) dù có đuôi .xlsx. Hãy lưu lại từ Excel.",
                        "This file is not an Excel workbook even though it is named .xlsx. Save it again from "
                        "Excel."),
    "bad_type": ("Chỉ nhận tệp .csv, .txt, .xlsx hoặc .xls.", "Only .csv, .txt, .xlsx or .xls files are accepted."),
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
    # --- issue 16 (i16imp): files as they come, the level from the title, possible duplicates ---
    "not_xls": ("Tệp này không đọc được như một bảng tính Excel 97–2003 (.xls) dù có đuôi .xls (có thể là trang web "
                "hoặc tệp hỏng). Hãy mở trong Excel và lưu lại dạng .xlsx.",
                "This file cannot be read as an Excel 97–2003 workbook (.xls) although it is named .xls (it may be "
                "a web page or a damaged file). Open it in Excel and save it as .xlsx."),
    "sheet_too_large": ("Trang “{sheet}” có ô ở tận dòng {rows} (cột thứ {columns}): vùng quá lớn để đọc. Hãy xóa "
                        "các ô thừa ở xa bảng rồi lưu lại.",
                        "Sheet “{sheet}” has cells as far down as row {rows} (column {columns}): too large an area "
                        "to read. Delete the stray cells far from the table and save it again."),
    "legacy_encoding": ("Tệp dùng bảng mã {encoding}, không phải Unicode, nên chữ tiếng Việt không đọc được (ví dụ "
                        "trang “{sheet}”, dòng {row}: “{text}”). Hãy chuyển mã và lưu lại dạng Unicode (ví dụ Unikey › "
                        "Công cụ chuyển mã: nguồn {encoding}, đích Unicode), rồi tải lên lại.",
                        "The file uses the {encoding} encoding, not Unicode, so its Vietnamese text cannot be read "
                        "(e.g. sheet “{sheet}”, row {row}: “{text}”). Convert it and save it as Unicode (e.g. "
                        "Unikey's converter: from {encoding} to Unicode), then upload it again."),
    "formula_no_value": ("Ô “{column}” là công thức chưa có giá trị đã tính (tệp do một chương trình tạo ra và chưa "
                         "được mở bằng Excel). Hãy mở tệp trong Excel hoặc LibreOffice, lưu lại rồi tải lên.",
                         "Cell “{column}” is a formula with no computed value (the file was written by a program "
                         "and never opened in Excel). Open it in Excel or LibreOffice, save it, then upload it."),
    "hidden_sheet": ("Trang “{sheet}” bị ẩn trong tệp nên không được nhập, dù có dữ liệu. Nếu cần nhập, hãy bỏ ẩn "
                     "trang trong Excel, hoặc chọn nội dung của trang ở bước ghép cột.",
                     "Sheet “{sheet}” is hidden in the file, so it is not imported although it holds data. To "
                     "import it, unhide it in Excel, or choose what the sheet holds in the mapping step."),
    "title_district_elsewhere": ("Dòng tiêu đề {row} ghi “{text}”, nhưng huyện {district} thuộc tỉnh {other}, không "
                                 "phải tỉnh {province} đã chọn. Hãy kiểm tra lại tỉnh.",
                                 "Title row {row} reads “{text}”, but district {district} belongs to {other}, not "
                                 "to the chosen province {province}. Check the province."),
    "title_district_unknown": ("Dòng tiêu đề {row} ghi huyện “{district}”, nhưng danh sách huyện (trước 2025) của "
                               "tỉnh {province} không có huyện này: sản phẩm sẽ không ghi huyện.",
                               "Title row {row} names district “{district}”, but the (pre-2025) district list of "
                               "{province} has no such district: the products will have no district."),
    "commune_level": ("Dòng tiêu đề {row} ghi “{text}”: danh sách của cấp xã. Cấp xã không công nhận sản phẩm OCOP "
                      "(trước 01/7/2025: cấp huyện, tỉnh, trung ương; từ 01/7/2025 chỉ cấp tỉnh và trung ương, theo "
                      "Quyết định 1489/QĐ-TTg). Hãy chọn “Cấp” cho cả tệp theo quyết định công nhận các sản phẩm, "
                      "hoặc ghép cột “Cấp”.",
                      "Title row {row} reads “{text}”: a commune's list. Communes do not recognise OCOP products "
                      "(before 1 July 2025: districts, provinces and the central level; from 1 July 2025 only "
                      "provinces and the central level, Decision 1489/QĐ-TTg). Choose the “Level” of the decision "
                      "that recognised the products for the whole file, or map a “Level” column."),
    "possibly_same_left_out": ("“{label}” có thể trùng với sản phẩm đã có “{other}” (mã {id}): dòng này chưa được "
                               "nhập. Hãy chọn cùng sản phẩm hay sản phẩm khác (dòng lệnh: --same {where}={id} "
                               "hoặc --different {where}).",
                               "“{label}” may be the recorded product “{other}” (id {id}): this row is left out. "
                               "Say whether it is the same product or another one (command line: --same "
                               "{where}={id} or --different {where})."),
    "same_unknown_product": ("Không có sản phẩm mã “{id}” (lựa chọn “cùng sản phẩm” cho dòng {where}).",
                             "There is no product with id “{id}” (the “same product” choice for row {where})."),
    "decision_not_new": ("Dòng {where} không phải một sản phẩm mới của tệp (sản phẩm “{label}” đã có), nên không "
                         "áp dụng được lựa chọn cho dòng này.",
                         "Row {where} is not a new product of the file (product “{label}” is already recorded), so "
                         "the choice for this row does not apply."),
    "decision_no_row": ("Tệp không có dòng sản phẩm {where} (hãy dùng TRANG:DÒNG như bản xem trước ghi).",
                        "The file has no product row {where} (use SHEET:ROW as the preview shows it)."),
    "bad_row_ref": ("“{value}” không đúng dạng TRANG:DÒNG (ví dụ “Sheet1:5”), hoặc TRANG:DÒNG=MÃ_SẢN_PHẨM với --same.",
                    "“{value}” is not SHEET:ROW (e.g. “Sheet1:5”), or SHEET:ROW=PRODUCT_ID with --same."),
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
