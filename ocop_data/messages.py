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
    "busy": ("Một thay đổi khác đang được áp dụng (đã chờ đến lượt {wait} giây). Vui lòng thử lại sau ít phút; chưa "
             "có gì thay đổi.",
             "Another change is being applied (this one waited {wait} seconds for its turn). Please try again in a "
             "moment; nothing has changed."),
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
    # --- issue 22: faults of the environment, the write queue, the database file (added last, as a block) ---
    "read_only_folder": ("Không ghi được vào thư mục “{path}” (thư mục chỉ cho đọc hoặc không có quyền ghi); chưa "
                         "có gì thay đổi. Người quản trị cần cho phép ghi vào thư mục này, hoặc đặt OCOP_DATA_DIR / "
                         "OCOP_DB sang một thư mục ghi được.",
                         "The folder “{path}” cannot be written (it is read-only, or there is no permission); "
                         "nothing has changed. An administrator needs to make it writable, or point OCOP_DATA_DIR / "
                         "OCOP_DB to a writable folder."),
    "disk_full": ("Ổ đĩa chứa thư mục “{path}” đã đầy; chưa có gì thay đổi. Hãy giải phóng dung lượng rồi thử lại.",
                  "The disk holding the folder “{path}” is full; nothing has changed. Free some space and try "
                  "again."),
    "bad_lock_wait": ("Thiết lập OCOP_LOCK_WAIT = “{value}” không hợp lệ: cần một số giây, từ 0 trở lên (ví dụ 60). "
                      "Hãy sửa hoặc bỏ thiết lập này; chưa có gì thay đổi.",
                      "The setting OCOP_LOCK_WAIT = “{value}” is not valid: it must be a number of seconds, 0 or "
                      "more (for example 60). Fix or remove it; nothing has changed."),
    "plan_changed": ("Dữ liệu đã thay đổi trong lúc thay đổi này chờ đến lượt (phiên bản {version} vừa được áp dụng), "
                     "và kết quả nhập không còn giống bản xem trước đã duyệt: thêm {was_add}, đổi {was_change}, đã "
                     "có {was_same} → thêm {now_add}, đổi {now_change}, đã có {now_same}. Chưa nhập gì. Hãy xem lại "
                     "bản xem trước mới rồi áp dụng.",
                     "The data changed while this change waited its turn (version {version} was just applied), and "
                     "the import no longer matches the preview that was accepted: add {was_add}, change "
                     "{was_change}, unchanged {was_same} → add {now_add}, change {now_change}, unchanged "
                     "{now_same}. Nothing was imported. Check the new preview, then apply."),
    "out_missing": ("Không có thư mục “{path}”: hãy tạo thư mục trước, hoặc chọn một thư mục đã có cho --out. "
                    "Chưa ghi gì.",
                    "The folder “{path}” does not exist: create it first, or give --out a folder that exists. "
                    "Nothing was written."),
    "out_exists": ("Đã có tệp “{path}”: không ghi đè. Thêm --force để ghi đè, hoặc chọn chỗ khác cho --out.",
                   "The file “{path}” already exists: it was not overwritten. Add --force to overwrite it, or "
                   "give --out another place."),
    "db_cannot_rebuild": ("Tệp cơ sở dữ liệu “{path}” bị hỏng (hoặc không phải của bảng theo dõi này) và không dựng lại "
                          "được vì thư mục “{folder}” không ghi được. Người quản trị cần cho phép ghi vào thư mục này (hoặc đặt OCOP_DB sang "
                          "một thư mục ghi được) rồi tải lại trang; dữ liệu được dựng lại từ các tệp và lịch sử nhập.",
                          "The database file “{path}” is damaged (or not this dashboard's) and cannot be rebuilt "
                          "because the folder “{folder}” cannot be written. An administrator needs to make it writable (or point "
                          "OCOP_DB to a writable folder), then reload the page; the data is rebuilt from the files "
                          "and the import history."),
    "login_cannot_record": ("Không đăng nhập được lúc này: không ghi được số lần đăng nhập sai vào thư mục “{path}” "
                            "(chỉ cho đọc hoặc không có quyền ghi). Người quản trị cần cho phép ghi vào thư mục này.",
                            "Logging in is not possible now: failed attempts cannot be recorded in the folder "
                            "“{path}” (it is read-only, or there is no permission). An administrator needs to make "
                            "it writable."),
    # --- end of issue 22's block ---
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
    """A restore, retire or apply is refused (unknown version, unknown row, a changed plan …)."""


class PlanChanged(WriteRefused):
    """On its turn an import's result was no longer the preview that was accepted; ``preview`` is the new one."""

    def __init__(self, preview, version: int, was, now):
        super().__init__("plan_changed", version=version, was_add=len(was.added), was_change=len(was.changed),
                         was_same=len(was.unchanged), now_add=len(now.added), now_change=len(now.changed),
                         now_same=len(now.unchanged))
        self.preview = preview


class Busy(WriteRefused):
    """Other writers kept the write lock for longer than this one could wait for its turn."""

    def __init__(self, wait: float = 0.0):
        super().__init__("busy", wait=f"{wait:g}")
