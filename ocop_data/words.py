"""The one home of every word the project says, in Vietnamese (first) and English.

One table, ``WORDS``: the dashboard's interface, what imports and writes say to people (keys ``msg_<rule>``,
used by ``ocop_data.messages``), the build's validation rules (keys ``rule_<rule>``, used by
``ocop_data.problems``) and the import's field names (``imp_field_<field>``). Read a word with ``t(key, lang)``
(``t(key, lang, n=3)`` fills its ``{n}``); the column of a data field kept in both languages with
``lang_col("metric", lang)``.

An unknown key shows as itself (visible, never a crash), except where ``OCOP_STRICT_WORDS`` is set (the tests
set it): then it raises, so a typo or a removed key fails a test instead of showing a key to a reader.
"""
from __future__ import annotations

import os

LANGS = ("vi", "en")
STRICT = "OCOP_STRICT_WORDS"  # set (to anything but "") to make an unknown key raise

WORDS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("Bảng theo dõi OCOP", "OCOP dashboard"),
    "app_subtitle": ("Chương trình Mỗi xã một sản phẩm (OCOP): {provinces}",
                     "One Commune One Product (OCOP) programme: {provinces}"),
    "and": ("và", "and"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_stars": ("Phân hạng sao theo thời gian", "Star tiers over time"),
    "page_targets": ("Mục tiêu", "Targets"),
    "page_products": ("Sản phẩm & chủ thể", "Products & subjects"),
    "page_map": ("Bản đồ điểm bán", "Sales-point map"),
    "page_sources": ("Nguồn số liệu", "Sources"),
    "language": ("Ngôn ngữ / Language", "Ngôn ngữ / Language"),
    "province": ("Tỉnh", "Province"),
    "years": ("Khoảng năm", "Years"),
    "all": ("Tất cả", "All"),
    "choose": ("Chọn…", "Choose…"),
    "image_format": ("Định dạng ảnh biểu đồ", "Chart image format"),
    "image_format_help": ("Nút máy ảnh trên mỗi biểu đồ lưu ảnh theo định dạng này, có dòng nguồn ở chân ảnh.",
                          "The camera button on every chart saves an image in this format, with the source line "
                          "at its foot."),
    # start-up
    "building_db": ("Đang dựng cơ sở dữ liệu từ các tệp nguồn…", "Building the database from the source files…"),
    "db_built_missing": ("Chưa có cơ sở dữ liệu nên đã dựng mới từ các tệp nguồn.",
                         "There was no database yet, so it was built from the source files."),
    "db_rebuilt_incompatible": ("Tệp cơ sở dữ liệu thuộc phiên bản khác nên đã được dựng lại.",
                                "The database file was from another version, so it was rebuilt."),
    "db_rebuilt_history": ("Cơ sở dữ liệu không khớp với lịch sử phiên bản nên đã được dựng lại theo phiên bản cuối "
                           "cùng đã ghi.", "The database did not match the version history, so it was rebuilt "
                           "to the last recorded version."),
    "db_repaired_journal": ("Một thay đổi dữ liệu bị ngắt giữa chừng; đã đưa dữ liệu về phiên bản cuối cùng đã ghi. "
                            "Người biên tập có thể áp dụng lại.", "A data change was cut short; the data is back at "
                            "the last recorded version. The editor can apply it again."),
    "db_failed": ("Không dựng được cơ sở dữ liệu vì dữ liệu nguồn có lỗi. Bộ phận quản lý dữ liệu cần sửa "
                  "các lỗi dưới đây; bảng theo dõi sẽ hoạt động lại ngay sau đó.",
                  "The database could not be built because the source data has errors. The data team needs "
                  "to fix the problems below; the dashboard will work again right after."),
    "error_kind": ("Đã có lỗi khi hiển thị phần này. Vui lòng tải lại trang; nếu lỗi lặp lại, hãy báo cho "
                   "bộ phận quản lý dữ liệu.",
                   "Something went wrong showing this part. Please reload the page; if it happens again, "
                   "tell the data team."),
    # common words
    "not_published": ("chưa công bố", "not published"),
    "not_stated": ("không nêu", "not stated"),
    "undated": ("không rõ ngày", "undated"),
    "inferred_suffix": ("(suy ra)", "(inferred)"),
    "q_more_than": ("trên {}", "more than {}"),
    "q_about": ("khoảng {}", "about {}"),
    "q_at_least": ("ít nhất {}", "at least {}"),
    "q_exact": ("{}", "{}"),
    "source": ("Nguồn", "Source"),
    "sources": ("Nguồn", "Sources"),
    "as_of": ("Tính đến", "As of"),
    "note": ("Ghi chú", "Note"),
    "doubtful": ("đáng ngờ", "doubtful"),
    "doubtful_flag": ("⚠ số liệu đáng ngờ, giữ nguyên như nguồn công bố",
                      "⚠ doubtful figure, kept as the source published it"),
    "estimate": ("ước tính", "estimate"),
    "reported": ("đã báo cáo", "reported"),
    "view": ("Hiển thị", "Show"),
    "view_chart": ("Biểu đồ", "Chart"),
    "view_table": ("Bảng", "Table"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải Excel (XLSX)", "Download Excel (XLSX)"),
    "no_rows": ("Không có dữ liệu phù hợp với bộ lọc.", "No data matches the filters."),
    "stars_3": ("3 sao", "3-star"),
    "stars_4": ("4 sao", "4-star"),
    "stars_5": ("5 sao", "5-star"),
    "stars_5p": ("Tiềm năng 5 sao", "Potential 5-star"),
    "stars_total": ("Tổng (chưa công bố phân hạng)", "Total (split not published)"),
    "split_not_published": ("chưa công bố phân hạng sao", "split not published"),
    "unit_products": ("sản phẩm", "products"),
    "territory": ("Địa bàn", "Territory"),
    "predecessor_note": ("{name} hợp nhất từ {preds} từ 01/07/2025; các tỉnh cũ hiển thị cạnh nhau, không nối "
                         "thành một đường.",
                         "{name} was formed from {preds} on 01/07/2025; the former provinces are shown side by "
                         "side, never joined into one line."),
    # overview
    "no_previous": ("Chưa có báo cáo trước để so sánh.", "No earlier comparable report."),
    "national_context": ("Cả nước: {value} sản phẩm ({date})", "Nationwide: {value} products ({date})"),
    "coverage_text": ("Cơ sở dữ liệu liệt kê {listed} sản phẩm có tên trên tổng số {total} sản phẩm đã báo "
                      "cáo ({date}).",
                      "The database lists {listed} named products of the {total} reported ({date})."),
    "timeline": ("Các mốc của chương trình", "Programme timeline"),
    "no_figure": ("Chưa có số liệu đã báo cáo.", "No reported figure yet."),
    # stars page
    "stars_footer_note": ("Mỗi cột là một báo cáo (thời điểm × nguồn). Nguồn bất đồng được hiển thị cạnh nhau. "
                          "Cột chỉ có tổng: nguồn chưa công bố phân hạng sao. Ước tính và số liệu không rõ ngày "
                          "không nằm trên trục thời gian.",
                          "Each bar is one report (date × source). Disagreeing sources stand side by side. "
                          "A bar with only a total: the source did not publish the split. Estimates and undated "
                          "figures are not placed on the time axis."),
    "rounds_subtitle": ("Số sản phẩm được công nhận mới trong đợt (không phải số lũy kế)",
                        "Products newly recognised in the round (not a running total)"),
    "undated_title": ("Số liệu không rõ ngày hoặc ước tính", "Undated figures and estimates"),
    # data management
    "page_data": ("Quản lý dữ liệu", "Data"),
    "session_expired": ("Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.", "Your session expired; please log in again."),
    "no_accounts": ("Chưa có tài khoản biên tập viên. Người quản trị tạo tài khoản bằng lệnh dưới đây (không có "
                    "mật khẩu mặc định).", "No editor account exists yet. An administrator creates one with the "
                    "command below (there is no default password)."),
    "user": ("Tên đăng nhập", "User name"),
    "password": ("Mật khẩu", "Password"),
    "login": ("Đăng nhập", "Log in"),
    "logout": ("Đăng xuất", "Log out"),
    "login_failed": ("Tên đăng nhập hoặc mật khẩu không đúng.", "The user name or password is wrong."),
    "logged_in_as": ("Đã đăng nhập: {user}", "Logged in as {user}"),
    "tab_import": ("Nhập dữ liệu", "Import"),
    "tab_history": ("Lịch sử và khôi phục", "History and restore"),
    "tab_templates": ("Tải mẫu", "Templates"),
    "tab_retire": ("Ngừng sử dụng một dòng", "Retire a row"),
    "template_xlsx": ("Tải mẫu Excel (.xlsx)", "Download the Excel template (.xlsx)"),
    "template_csv": ("Tải mẫu CSV (.zip)", "Download the CSV templates (.zip)"),
    "template_help": ("Trang “Sản phẩm” có danh sách thả xuống cho hạng sao, nhóm, loại chủ thể và huyện. Xem trang "
                      "“Hướng dẫn”.", "The “Sản phẩm” sheet has drop-down lists for stars, groups, producer types "
                      "and districts. See the “Hướng dẫn” (guide) sheet."),
    "upload": ("Tải lên tệp CSV hoặc Excel (.xlsx, .xls)", "Upload a CSV or Excel (.xlsx, .xls) file"),
    "checking": ("Đang kiểm tra tệp…", "Checking the file…"),
    "problems_found": ("Có {n} vấn đề cần sửa trước khi nhập. Chưa có gì thay đổi.",
                       "{n} problems to fix before importing. Nothing has changed."),
    "where": ("Vị trí", "Where"),
    "what_to_do": ("Cách sửa", "What to do"),
    "preview_ok": ("Tệp hợp lệ: thêm {add} dòng, thay đổi {change} dòng, {same} dòng đã có.",
                   "The file is valid: {add} rows to add, {change} to change, {same} already there."),
    "rows_to_add": ("Sản phẩm sẽ thêm hoặc cập nhật", "Products to add or update"),
    "rows_to_change": ("Dòng thay đổi (trước → sau)", "Rows that change (before → after)"),
    "before": ("Trước", "Before"),
    "after": ("Sau", "After"),
    "possibly_same": ("Một số sản phẩm có thể trùng với sản phẩm đã có. Hãy kiểm tra trước khi áp dụng.",
                      "Some products may be the same as existing ones. Check before applying."),
    "apply": ("Áp dụng", "Apply"),
    "applying": ("Đang dựng phiên bản dữ liệu mới…", "Building the new data version…"),
    "applied": ("Đã áp dụng: phiên bản {version}. Bảng theo dõi hiển thị dữ liệu mới ngay.",
                "Applied: version {version}. The dashboard shows the new data now."),
    "apply_failed": ("Không áp dụng được; dữ liệu đang dùng không thay đổi.",
                     "It could not be applied; the live data is unchanged."),
    "no_history": ("Chưa có lần nhập nào: đang dùng dữ liệu gốc.", "No imports yet: the shipped data is live."),
    "version": ("Phiên bản", "Version"),
    "version_shipped": ("Dữ liệu gốc (0)", "Shipped data (0)"),
    "when": ("Thời điểm", "When"),
    "action": ("Thao tác", "Action"),
    "who": ("Người thực hiện", "Who"),
    "file": ("Tệp", "File"),
    "rows": ("Số dòng", "Rows"),
    "restore_to": ("Khôi phục về", "Restore to"),
    "restore": ("Khôi phục", "Restore"),
    "restored": ("Đã khôi phục về phiên bản {version}; {n} lần nhập sau đó được rút lại (vẫn lưu trong lịch sử).",
                 "Restored to version {version}; {n} later imports withdrawn (kept in the history)."),
    "table": ("Bảng", "Table"),
    "reason": ("Lý do", "Reason"),
    "retire": ("Ngừng sử dụng", "Retire"),
    "retired": ("Đã ngừng sử dụng dòng này (có ghi lại).", "The row is retired (recorded)."),
    "data_folder": ("Thư mục dữ liệu: {path}", "Data folder: {path}"),
    "import_intro": ("Tải lên danh sách đúng như cơ quan gửi (Excel hoặc CSV, có dòng tiêu đề, cột STT…). Bước 1: "
                     "kiểm tra ý nghĩa từng cột; bước 2: xem trước; bước 3: áp dụng. Chưa có gì thay đổi cho đến "
                     "khi bấm Áp dụng.",
                     "Upload the list as the office sent it (Excel or CSV, title rows, an STT column …). Step 1: "
                     "check what each column means; step 2: preview; step 3: apply. Nothing changes until you "
                     "press Apply."),
    "reading_file": ("Đang đọc tệp…", "Reading the file…"),
    "step_mapping": ("1. Ghép cột", "1. Map the columns"),
    "step_preview": ("2. Xem trước", "2. Preview"),
    "step_apply": ("3. Áp dụng", "3. Apply"),
    "mapping_help": ("Mỗi cột của tệp được ghép với một ý nghĩa, hoặc “bỏ qua”. Sửa nếu cần rồi bấm “Kiểm tra lại”.",
                     "Each column of the file is matched to a meaning, or “ignore”. Change what is wrong, then "
                     "press “Check again”."),
    "sheet_holds": ("Trang “{sheet}” chứa", "Sheet “{sheet}” holds"),
    "sheet_products": ("Danh sách sản phẩm", "A product list"),
    "sheet_ignore": ("Bỏ qua trang này", "Ignore this sheet"),
    "sheet_table": ("Bảng “{table}” (cột theo mẫu)", "Table “{table}” (template columns)"),
    "header_row": ("Dòng tiêu đề cột", "Header row"),
    "ignore_column": ("— bỏ qua —", "— ignore —"),
    "samples": ("Ví dụ trong tệp: {values}", "Examples in the file: {values}"),
    "no_samples": ("Cột trống", "Empty column"),
    "file_values": ("Giá trị chung cho cả tệp (khi tệp không có cột này)", "Values for the whole file (when it has "
                    "no such column)"),
    "from_file": ("— theo tệp —", "— from the file —"),
    "decided_wide": ("Ngày quyết định hoặc năm (dd/mm/yyyy hoặc yyyy)", "Decision date or year (dd/mm/yyyy or yyyy)"),
    "decision_wide": ("Số quyết định", "Decision number"),
    "district_wide": ("Huyện (trước 2025)", "District (before 2025)"),
    "kind_wide": ("Hình thức đánh giá", "Kind of evaluation"),
    "planned_wide": ("Tệp có ngày dự kiến (trong tương lai)", "The file holds planned (future) dates"),
    "check_mapping": ("Kiểm tra lại với cách ghép này", "Check again with this mapping"),
    "download_mapping": ("Tải cách ghép cột (.json) để dùng lại", "Download this mapping (.json) to reuse"),
    "mapping_reuse": ("Dùng lại ở dòng lệnh: python -m ocop_data import TỆP --mapping cach_ghep.json --user TÊN",
                      "Reuse on the command line: python -m ocop_data import FILE --mapping mapping.json --user NAME"),
    "hint_from_title": ("Đọc từ dòng tiêu đề {row}: “{text}”", "Read from title row {row}: “{text}”"),
    "columns_used": ("Trang “{sheet}”: dùng {n} cột ({used}).", "Sheet “{sheet}”: {n} columns used ({used})."),
    "columns_ignored": ("Bỏ qua {n} cột: {names}.", "{n} columns ignored: {names}."),
    "no_columns_ignored": ("Không bỏ qua cột nào.", "No column is ignored."),
    "level_default": ("Tệp không có cột Cấp: cấp được lấy theo hạng sao (3–4 sao và tiềm năng 5 sao: tỉnh; 5 sao: "
                      "quốc gia) và ghi rõ trong trích dẫn của từng dòng. Chọn “Cấp” ở trên nếu khác.",
                      "The file has no Level column: the level follows the stars (3–4 and potential 5: province; "
                      "5: national) and each row's quote says so. Choose “Level” above if it differs."),
    "derived_values": ("{n} giá trị được đọc từ cột khác (ví dụ huyện từ địa chỉ, loại chủ thể từ tên “HTX …”).",
                       "{n} values were read from another column (e.g. the district from the address, the "
                       "producer type from a name such as “HTX …”)."),
    "more_problems": ("… và {n} vấn đề khác.", "… and {n} more problems."),
    "summary_table": ("Loại dòng", "Kind of row"),
    "added": ("Thêm", "Added"),
    "changed": ("Thay đổi", "Changed"),
    "unchanged": ("Đã có, không đổi", "Already there, unchanged"),
    "table_source": ("Nguồn", "Sources"),
    "table_metric": ("Chỉ tiêu", "Metrics"),
    "table_territory": ("Địa bàn", "Territories"),
    "table_subject": ("Chủ thể", "Producers"),
    "table_subject_alias": ("Tên khác của chủ thể", "Producer aliases"),
    "table_product": ("Sản phẩm", "Products"),
    "table_evaluation": ("Lần xếp hạng sao", "Star ratings"),
    "table_sales_point": ("Điểm bán", "Sales points"),
    "table_figure": ("Số liệu", "Figures"),
    "table_target": ("Mục tiêu", "Targets"),
    "table_event": ("Sự kiện", "Events"),
    "table_correction": ("Đính chính", "Corrections"),
    "evaluations_to_add": ("Lần xếp hạng sẽ thêm hoặc cập nhật", "Star ratings to add or update"),
    "field": ("Trường", "Field"),
    "nothing_new": ("Mọi dòng trong tệp đều đã có: không có gì để áp dụng.",
                    "Every row of the file is already there: nothing to apply."),
    "fix_first": ("Hãy sửa các vấn đề ở trên (trong tệp hoặc ở bước ghép cột) trước khi áp dụng.",
                  "Fix the problems above (in the file or in the mapping step) before applying."),
    "see_products": ("Xem trên trang Sản phẩm", "See them on the Products page"),
    "action_import": ("Nhập tệp", "Import"),
    "action_restore": ("Khôi phục", "Restore"),
    "action_retire": ("Ngừng sử dụng", "Retire"),
    "what": ("Nội dung", "What"),
    "restore_what": ("về phiên bản {version}", "to version {version}"),
    "restore_counts": ("rút lại {w} lần nhập, dùng lại {r}", "{w} imports withdrawn, {r} brought back"),
    "version_item": ("Phiên bản {v} · {when} · {action} {what}", "Version {v} · {when} · {action} {what}"),
    "current_version": ("(đang dùng)", "(live)"),
    "restore_help": ("Khôi phục về bất kỳ phiên bản nào, trước hoặc sau; lần khôi phục cũng được ghi lại và có thể "
                     "khôi phục ngược lại.", "Restore any version, earlier or later; the restore is recorded too and "
                     "can itself be undone."),
    "choose_row": ("Dòng cần ngừng sử dụng", "Row to retire"),
    "retire_help": ("Dòng bị ngừng sử dụng không hiện trên bảng theo dõi; lần khôi phục về phiên bản trước đó sẽ đưa "
                    "dòng trở lại.", "A retired row no longer shows on the dashboard; restoring an earlier version "
                    "brings it back."),
    # presentation
    "page_present": ("Trình chiếu", "Present"),
    "slide_sources_sub": ("Các nguồn của số liệu trong bài trình chiếu", "Where the figures in these slides come from"),
    "prev": ("◀ Trước", "◀ Previous"),
    "next": ("Sau ▶", "Next ▶"),
    "download_pptx": ("Tải bản tóm tắt PowerPoint (.pptx)", "Download the PowerPoint briefing (.pptx)"),
    "exit_present": ("Thoát trình chiếu", "Leave presentation"),
    "briefing_title": ("Tóm tắt Chương trình OCOP", "OCOP programme briefing"),
    "briefing_scope": ("Sản phẩm OCOP từ 3 sao · {years} · số liệu mới nhất {newest} · lập ngày {today}",
                       "OCOP products of 3★ or more · {years} · newest figure {newest} · made on {today}"),
    "all_years": ("mọi năm", "all years"),
    "decide_title": ("Cần quyết định", "For the meeting to decide"),
    "decide_sub": ("Từ các trang trước: mục tiêu đến hạn năm nay, số liệu cũ, điều chưa biết",
                   "From the slides before: targets due this year, old figures, what is not known"),
    "find_decide": ("Cần quyết định: {parts}", "For the meeting to decide: {parts}"),
    "find_decide_due": ("{n} mục tiêu đến hạn năm {year}", "{n} targets due in {year}"),
    "find_decide_stale": ("{n} tỉnh có số liệu cũ hơn 12 tháng", "{n} provinces with figures older than 12 months"),
    "find_decide_unknown": ("{n} điều chưa biết", "{n} things not known"),
    "find_decide_due_one": ("{n} mục tiêu đến hạn năm {year}", "{n} target due in {year}"),
    "find_decide_stale_one": ("{n} tỉnh có số liệu cũ hơn 12 tháng", "{n} province with figures older than 12 months"),
    "find_decide_unknown_one": ("{n} điều chưa biết", "{n} thing not known"),
    "decide_due": ("Mục tiêu đến hạn năm {year}", "Targets due in {year}"),
    "decide_old": ("Số liệu cũ hơn 12 tháng", "Figures older than 12 months"),
    "decide_unknown": ("Chưa biết", "Not known"),
    "decide_none": ("Không có", "None"),
    "decide_none_due": ("Không có mục tiêu nào đến hạn năm nay; kết quả các mục tiêu hạn {year}:",
                        "No target is due this year; the results of the targets due in {year}:"),
    "decide_unknown_n": ("{province}: {n} điều chưa biết (trang trước)", "{province}: {n} things not known (slide before)"),
    "decide_stale": ("{name}: tổng số mới nhất {date} ({months} tháng)", "{name}: newest total {date} ({months} months)"),
    "generated": ("Tạo ngày {date} từ cơ sở dữ liệu phiên bản {version}", "Made on {date} from data version {version}"),
    # meetings: the storyline of the slides, the .pptx and the printed page (issue 11)
    "brief_title": ("Chương trình OCOP: {provinces}", "OCOP programme: {provinces}"),
    "find_targets": ("Mục tiêu: {reached}/{n} mục tiêu có số liệu đã đạt; {m} mục tiêu chưa có số liệu để so sánh",
                     "Targets: {reached} of the {n} with a figure reached; {m} have no figure to compare"),
    "find_subjects_split": ("{label}: {type} là {n}/{total} chủ thể ({date})",
                            "{label}: {type} are {n} of {total} producers ({date})"),
    "types_htx": ("hợp tác xã", "cooperatives"),
    "types_dn": ("doanh nghiệp", "enterprises"),
    "types_tht": ("tổ hợp tác", "cooperative groups"),
    "types_hkd": ("hộ kinh doanh", "household businesses"),
    "former_territory": ("{name} cũ", "former {name}"),
    "new_territory": ("{name} mới", "new {name}"),
    "find_subjects_listed": ("{label}: {n} chủ thể trong danh sách, tỉnh chưa công bố cơ cấu",
                             "{label}: {n} producers listed, no provincial split published"),
    "find_points": ("Điểm bán sản phẩm OCOP: {parts}", "OCOP sales points: {parts}"),
    "find_points_part": ("{label} {count} điểm ({date})", "{label} {count} points ({date})"),
    "find_unknown": ("Chưa biết: {parts}", "Not known: {parts}"),
    "find_unknown_targets": ("{n} mục tiêu chưa có số liệu", "{n} targets without a figure"),
    "find_unknown_stale": ("số liệu {name} đã {months} tháng", "{name}'s latest total is {months} months old"),
    "find_sources": ("Số liệu trong bài lấy từ {n} nguồn công khai", "The figures in these slides come from {n} "
                     "public sources"),
    "unknown_title": ("Những điều chưa biết", "What is not known"),
    "unknown_sub": ("Số liệu chưa được công bố, số liệu cũ và số liệu đáng ngờ", "Figures not published, old "
                    "figures and doubtful figures"),
    "unk_stale": ("Tổng số mới nhất ({date}) đã {months} tháng; chưa thấy số liệu sau {date}",
                  "The latest total ({date}) is {months} months old; no figure found after {date}"),
    "unk_split": ("Tổng {total} ({date}): chưa công bố phân hạng sao",
                  "The total of {total} ({date}): star split not published"),
    "unk_doubtful": ("Báo cáo đáng ngờ: {n} (vd. {value}, {date}{where}), giữ nguyên, không dùng để so sánh",
                     "Doubtful reports: {n} (e.g. {value}, {date}{where}), kept as published, never compared"),
    "unk_targets": ("Mục tiêu chưa có số liệu để so sánh: {n}, vd. “{example}”",
                    "Targets with no figure to compare: {n}, e.g. “{example}”"),
    "unk_subjects": ("Chưa công bố cơ cấu chủ thể của cả tỉnh",
                     "No split of producers by type published for the whole province"),
    "unk_points": ("{total} điểm bán ở {n} nơi: chưa công bố số điểm từng nơi",
                   "{total} sales points in {n} places: count per place not published"),
    "unk_unmapped": ("Điểm bán chưa có tọa độ, không đặt được lên bản đồ: {n}",
                     "Sales points with no coordinates, not on the map: {n}"),
    "headline_sub": ("Tổng số sản phẩm OCOP đã báo cáo theo thời gian (vòng rỗng: chỉ biết năm) và mục tiêu chính",
                     "Reported total of OCOP products over time (hollow: year only) and the main target"),
    "big_label": ("Sản phẩm OCOP (3 sao trở lên)", "OCOP products (3★ or more)"),
    "months_old": ("{months} tháng trước", "{months} months old"),
    "main_target": ("Mục tiêu chính", "Main target"),
    "no_main_target": ("Chưa có mục tiêu về tổng số để so sánh", "No comparable target for the total"),
    "target_line": ("mục tiêu {v}", "target {v}"),
    "all_of": ("tất cả {}", "all {}"),
    "tiers_sub": ("Sản phẩm theo hạng sao, mỗi cột một báo cáo, trên trục thời gian thật · vạch ngang: chỉ biết "
                  "năm · gạch chéo: đáng ngờ", "Products by star tier, one bar per report, on a true time axis · "
                  "line across the year: year only · hatched: doubtful"),
    "targets_sub": ("% đạt = số liệu đã báo cáo mới nhất / mục tiêu · vạch đen: 100%",
                    "% reached = latest reported figure / target · black line: 100%"),
    "subjects_sub": ("Chủ thể sản xuất theo loại, như đã công bố hoặc như có trong danh sách",
                     "Producers by type, as published or as listed"),
    "subjects_listed_note": ("trong số {n} chủ thể có trong danh sách", "among the {n} producers listed"),
    "subjects_published_note": ("đã công bố · {date}", "published · {date}"),
    "map_slide_sub": ("Vòng vàng có số: số điểm đã công bố tại huyện · vòng trắng: nơi có điểm, chưa công bố số",
                      "Gold circle with a number: points published for the district · white circle: a place with "
                      "points, count not published"),
    "src_group_headline": ("Tổng số", "Totals"),
    "src_group_tiers": ("Hạng sao", "Star tiers"),
    "src_group_targets": ("Mục tiêu", "Targets"),
    "src_group_subjects": ("Chủ thể", "Producers"),
    "src_group_map": ("Điểm bán", "Sales points"),
    "src_more": ("và {n} nguồn khác", "and {n} more"),
    "src_all_named": ("{n} nguồn, đã nêu ở trên", "{n} sources, named above"),
    "src_all": ("Danh sách đầy đủ {n} nguồn, kèm trích dẫn", "The full list of {n} sources, with citations"),
    "slide_n": ("{i}/{n}", "{i}/{n}"),
    "pptx_short": ("PowerPoint", "PowerPoint"),
    "print": ("In / Print", "In / Print"),
    "print_help": ("Một trang A4 ngang (PDF): các phát hiện, số chính, hạng sao, mục tiêu và nguồn",
                   "One A4 landscape page (PDF): findings, headline numbers, star tiers, targets and sources"),
    "exit_short": ("Thoát", "Exit"),
    "keys_help": ("Phím ← → hoặc PageUp/PageDown để chuyển trang", "Keys ← → or PageUp/PageDown change slides"),
    "notes_sources": ("Nguồn của trang này", "Sources of this slide"),
    "points_by_place": ("Điểm bán theo nơi đã công bố", "Sales points by place published"),
    "points_named": ("{n} điểm có tên", "{n} named points"),
    "not_on_map": ("chưa có tọa độ", "not on the map"),
    "split_per_place": ("chưa công bố số điểm từng nơi", "count per place not published"),
    "pptx_tiers_sub": ("Sản phẩm theo hạng sao, mỗi cột một báo cáo", "Products by star tier, one column per report"),
    "places_more": ("và {n} nơi khác", "and {n} more places"),
    "pptx_tiers_note": ("Cột: một báo cáo; (1), (2): hai nguồn khác nhau cùng thời điểm; gạch chéo, ⚠: đáng ngờ. "
                        "Nguồn đầy đủ: phần ghi chú.", "A column: one report; (1), (2): two sources at one date; "
                        "hatched, ⚠: doubtful. Full sources: in the notes."),
    "pptx_sources_note": ("Trích dẫn đầy đủ của {n} nguồn: phần ghi chú của mỗi trang và trang “Nguồn số liệu” của "
                          "bảng theo dõi.", "Full citations of the {n} sources: in each slide's notes and on the "
                          "dashboard's Sources page."),
    "place": ("Nơi", "Place"),
    # targets
    "targets_title": ("Mục tiêu kế hoạch và kết quả đạt được", "Plan targets and what was reached"),
    "target": ("Mục tiêu", "Target"),
    "plan": ("Kế hoạch", "Plan"),
    "target_value": ("Giá trị mục tiêu", "Target value"),
    "deadline": ("Hạn", "Deadline"),
    "latest_figure": ("Số liệu so sánh mới nhất", "Latest comparable figure"),
    "percent_reached": ("% đạt", "% reached"),
    "status": ("Tình trạng", "Status"),
    "status_reached": ("Đã đạt", "Reached"),
    "status_on_track": ("Đúng tiến độ", "On track"),
    "status_behind": ("Chậm tiến độ", "Behind"),
    "status_missed": ("Không đạt", "Missed"),
    "status_no_figure_at_deadline": ("Chưa có số liệu tại hạn", "No figure at the deadline"),
    "status_no_data": ("Chưa đủ số liệu", "Not enough data"),
    "status_unit_abolished": ("Đơn vị không còn tồn tại", "Unit abolished"),
    "target_source": ("Nguồn mục tiêu", "Target source"),
    "figure_source": ("Nguồn số liệu", "Figure source"),
    "status_rule": ("Cách xác định tình trạng: so sánh số liệu đã báo cáo mới nhất (không tính ước tính và số "
                    "liệu đáng ngờ) của cùng địa bàn và chỉ tiêu với mục tiêu; “trên X” tính là X. “Đúng tiến "
                    "độ” khi nhịp tăng giữa hai báo cáo gần nhất, kéo dài tuyến tính, đạt mục tiêu trước hạn.",
                    "How status is set: the latest reported figure (never estimates or doubtful figures) of "
                    "the same territory and metric against the target; “more than X” counts as X. “On track” "
                    "when the pace between the last two reports, carried forward linearly, meets the target "
                    "by the deadline."),
    # products
    "search": ("Tìm sản phẩm hoặc chủ thể (có dấu hoặc không dấu)", "Search products or producers (with or without diacritics)"),
    "search_example": ("vd: xoai say, Bích Thao, đồng lộc", "e.g. xoai say, Bích Thao, đồng lộc"),
    "district": ("Huyện (trước 2025)", "District (pre-2025)"),
    "group": ("Nhóm sản phẩm", "Product group"),
    "stars": ("Hạng sao", "Stars"),
    "subject_type": ("Loại chủ thể", "Subject type"),
    "year": ("Năm quyết định", "Decision year"),
    "product": ("Sản phẩm", "Product"),
    "subject": ("Chủ thể", "Producer"),
    "decided": ("Ngày/năm quyết định", "Decision date/year"),
    "decision_no": ("Số quyết định", "Decision no."),
    "level": ("Cấp", "Level"),
    "kind": ("Loại", "Kind"),
    "expires": ("Hết hạn chứng nhận", "Certificate expires"),
    "expiry_unknown": ("không xác định (chỉ có năm)", "unknown (year only)"),
    "products_found": ("{n} sản phẩm", "{n} products"),
    "product_view": ("Chi tiết sản phẩm", "Product details"),
    "choose_product": ("Chọn sản phẩm để xem lịch sử hạng sao", "Choose a product to see its star history"),
    "kh77_shares": ("Mục tiêu cơ cấu chủ thể của Kế hoạch 77", "Kế hoạch 77's subject-type shares"),
    "reevaluation_title": ("Sản phẩm đến hạn đánh giá lại", "Products due for re-evaluation"),
    "reevaluation_note": ("Chỉ tính các sản phẩm có ngày quyết định chính xác đến ngày (chứng nhận có hiệu lực "
                          "36 tháng).", "Only products with a day-precise decision date (certificates last "
                          "36 months)."),
    "none_due": ("Không có sản phẩm nào có ngày quyết định đủ chính xác để tính hạn.",
                 "No product has a decision date precise enough to compute its expiry."),
    "none_due_soon": ("Không có chứng nhận nào hết hạn trong 12 tháng tới; sớm nhất: {date} ({name}).",
                      "No certificate expires within the next 12 months; the earliest: {date} ({name})."),
    "days_left": ("Còn (ngày, tính theo quy định)", "Days left (computed)"),
    "type_htx": ("Hợp tác xã", "Cooperative"),
    "type_dn": ("Doanh nghiệp", "Enterprise"),
    "type_tht": ("Tổ hợp tác", "Cooperative group"),
    "type_hkd": ("Hộ kinh doanh", "Household business"),
    "type_not_published": ("Chưa công bố", "Not published"),
    "level_district": ("Huyện", "District"),
    "level_province": ("Tỉnh", "Province"),
    "level_national": ("Quốc gia", "National"),
    "kind_new": ("Mới", "New"),
    "kind_re-evaluation": ("Đánh giá lại", "Re-evaluation"),
    "kind_upgrade": ("Nâng hạng", "Upgrade"),
    "kind_not_published": ("Chưa công bố", "Not published"),
    "classified": ("(phân loại theo tên)", "(classified from the name)"),
    "derived_suffix": ("(suy ra)", "(derived)"),
    "count_listed": ("Số chủ thể", "Producers"),
    # map
    "map_title": ("Điểm giới thiệu và bán sản phẩm OCOP", "OCOP display-and-sale points"),
    "map_subtitle": ("Vị trí ở mức chính xác đã công bố; ranh giới huyện trước 01/07/2025",
                     "Placed at the precision published; district boundaries before 01/07/2025"),
    "map_credit": ("Ranh giới huyện: đơn giản hóa từ daohoangson/dvhcvn (GPL-3.0), gốc từ gis.chinhphu.vn, "
                   "năm 2019.",
                   "District boundaries: simplified from daohoangson/dvhcvn (GPL-3.0), originally from "
                   "gis.chinhphu.vn, 2019."),
    "unmapped": ("{n} điểm không thể đặt lên bản đồ (không có tọa độ hay đơn vị có tâm): {names}",
                 "{n} points cannot be placed on the map (no coordinates, no unit with a centroid): {names}"),
    "part_of_total": ("thuộc {total} điểm của {territory}; chưa công bố số điểm từng nơi",
                      "part of {territory}'s {total} points; split not published"),
    "points_at": ("{n} điểm", "{n} points"),
    "point_one": ("1 điểm", "1 point"),
    "listed_sum": ("Các huyện được liệt kê cộng lại {n} điểm.", "The listed districts add up to {n} points."),
    "precision": ("Độ chính xác vị trí", "Location precision"),
    "many_provinces_hint": ("{n} tỉnh: mỗi dòng là kết luận của một tỉnh; mở một tỉnh để xem biểu đồ và bảng, "
                            "hoặc chọn một tỉnh ở thanh bên.",
                            "{n} provinces: each line is one province's finding; open one to see its charts and "
                            "tables, or choose a province in the sidebar."),
    "field_precision": ("độ chính xác", "precision"),
    "field_commune": ("Xã/Phường", "Commune"),
    "fld_name_en": ("Tên (tiếng Anh)", "Name (English)"),
    "fld_name_note": ("Ghi chú về tên", "Note on the name"),
    "fld_name_lang": ("Ngôn ngữ của tên", "Language of the name"),
    "fld_note_vi": ("Ghi chú (tiếng Việt)", "Note (Vietnamese)"),
    "fld_district_rule": ("Cách xác định huyện", "How the district was found"),
    "fld_group_decision": ("Căn cứ xếp nhóm", "Grounds for the product group"),
    "fld_commune_2025_code": ("Xã (từ 01/07/2025)", "Commune (from 01/07/2025)"),
    "fld_formula": ("Công thức", "Formula"),
    "fld_quote_reason": ("Lý do chưa đối chiếu (tiếng Anh)", "Why not checked (English)"),
    "fld_quote_reason_vi": ("Lý do chưa đối chiếu", "Why not checked (Vietnamese)"),
    "fld_alias": ("Tên gọi khác", "Other name"),
    "fld_reviewed": ("Đã rà soát", "Reviewed"),
    "fld_count_qualifier": ("Cách nêu số lượng", "Count qualifier"),
    "fld_part_of": ("Thuộc điểm", "Part of"),
    "fld_row_id": ("Mã dòng", "Row id"),
    "prec_address": ("địa chỉ", "address"),
    "prec_commune": ("xã (không có tâm xã)", "commune (no centroid)"),
    "prec_district_centroid": ("tâm huyện", "district centroid"),
    "prec_locality": ("chỉ tên địa phương", "locality only"),
    "prec_province": ("cấp tỉnh", "province"),
    "count": ("Số điểm", "Count"),
    "name": ("Tên", "Name"),
    "address": ("Địa chỉ", "Address"),
    "choropleth": ("Tô màu huyện theo số sản phẩm có trong danh sách", "Shade districts by products listed"),
    "entry_total": ("tổng cấp tỉnh", "province total"),
    "entry_count_at_unit": ("số điểm tại huyện", "count at a district"),
    "entry_locality": ("địa phương có điểm", "locality with points"),
    "entry_point": ("điểm cụ thể", "named point"),
    # sources
    "sources_title": ("Các nguồn số liệu", "Data sources"),
    "title": ("Tiêu đề", "Title"),
    "publisher": ("Đơn vị đăng", "Publisher"),
    "published": ("Ngày đăng", "Published"),
    "gathered": ("Ngày thu thập", "Gathered"),
    "seed_file": ("Tệp bài gốc", "Seed file"),
    "copy_citation": ("Trích dẫn (bấm biểu tượng để sao chép)", "Citation (click the icon to copy)"),
    "figures_count": ("Nguồn này cho {n} số liệu (xem thẻ “Số liệu từ nguồn này”).",
                      "This source gives {n} figures (see the tab “Figures from this source”)."),
    "choose_source": ("Chọn nguồn để xem các số liệu của nguồn", "Choose a source to see its figures"),
    "shown_first": ("Hiển thị {shown} trên {n} sản phẩm; hãy lọc thêm, hoặc tải toàn bộ bằng nút bên dưới.",
                    "Showing {shown} of {n} products; filter further, or download them all below."),
    "figures_given": ("Số liệu từ nguồn này", "Figures from this source"),
    "licence_title": ("Giấy phép và ghi công", "Licences and credits"),
    "licence_text": ("Số liệu OCOP được chép lại từ các nguồn công khai nêu trên, mỗi dòng ghi nguồn. Ranh giới "
                     "huyện: daohoangson/dvhcvn (GPL-3.0), gốc từ gis.chinhphu.vn. Danh sách xã 2025: "
                     "dvhcvn/20250701 (MIT), chép từ công văn 1027/CTK-CSCL của Cục Thống kê. Bảng ánh xạ xã cũ–mới "
                     "do máy trích xuất: chỉ để tham khảo, phải đối chiếu với nghị quyết.",
                     "OCOP figures are transcribed from the public sources above, each row citing its source. "
                     "District boundaries: daohoangson/dvhcvn (GPL-3.0), originally gis.chinhphu.vn. 2025 commune "
                     "list: dvhcvn/20250701 (MIT), transcribed from the statistics office's letter "
                     "1027/CTK-CSCL. The old-to-new commune mapping was machine-extracted: a help for people, "
                     "to be checked against the resolutions."),
    "value": ("Giá trị", "Value"),
    "metric": ("Chỉ tiêu", "Metric"),
    "confidence": ("Độ tin cậy", "Confidence"),
    "qualifier": ("Hạn định", "Qualifier"),
    "rows_citing": ("Số dòng dữ liệu trích dẫn", "Rows citing it"),
    "date": ("Ngày", "Date"),
    "event_kind": ("Loại sự kiện", "Event kind"),
    "ev_plan": ("Kế hoạch", "Plan"),
    "ev_decision": ("Quyết định", "Decision"),
    "ev_evaluation_round": ("Đợt đánh giá", "Evaluation round"),
    "ev_conference": ("Hội nghị", "Conference"),
    "ev_training": ("Tập huấn", "Training"),
    "ev_fair": ("Hội chợ", "Fair"),
    "ev_trade_meeting": ("Kết nối giao thương", "Trade meeting"),
    "ev_opening": ("Khai trương", "Opening"),
    "ev_policy": ("Chính sách", "Policy"),
    # charts (story/charts.py)
    "legend_two_sources": ("hai nguồn khác nhau", "two different sources"),
    "legend_doubtful": ("đáng ngờ ⚠", "doubtful ⚠"),
    "legend_year_only": ("chỉ biết năm", "year only"),
    "legend_total_only": ("chỉ có tổng số", "total only"),
    "note_side": ("▮▮ Cột cạnh nhau: hai nguồn khác nhau cho cùng thời điểm (ngày của từng nguồn: di chuột hoặc "
                  "chạm vào cột).",
                  "▮▮ Bars side by side: two different sources for the same time (each source's date: hover or tap "
                  "the bar)."),
    "note_doubtful": ("⚠ Gạch chéo: số liệu đáng ngờ, giữ nguyên như nguồn công bố.",
                      "⚠ Hatched: a doubtful figure, kept as the source published it."),
    "note_year_range": ("Vạch ngang trên cột: nguồn chỉ nêu năm (nét chấm: năm suy ra); cột đặt giữa năm đó.",
                        "Whisker above a bar: the source gives only the year (dotted: an inferred year); the bar "
                        "stands in the middle of that year."),
    "note_agree": ("Một cột có thể gộp nhiều nguồn công bố cùng số liệu (xem khi di chuột hoặc chạm).",
                   "One bar may stand for several sources that published the same figures (hover or tap)."),
    "latest_split": ("Phân hạng mới nhất · {territory} · {date}", "Latest split · {territory} · {date}"),
    "merger_line": ("Hợp nhất tỉnh {date}", "Provinces merged {date}"),
    "totals_title_many": ("{n} tỉnh; nhiều nhất: {top}", "{n} provinces; most: {top}"),
    "totals_subtitle": ("Tổng số sản phẩm OCOP từ 3 sao đã báo cáo, theo ngày báo cáo; tỉnh cũ và tỉnh mới là "
                        "các đường riêng, không cộng gộp",
                        "Reported totals of OCOP products of 3★ or more, by report date; former and new provinces "
                        "are separate lines, never added up"),
    "totals_notes": ("Chấm rỗng: nguồn chỉ nêu năm hoặc ngày suy ra (năm đặt giữa năm). Vòng tròn có ⚠: số "
                     "liệu đáng ngờ, ở đúng ngày và giá trị, không nối vào đường.",
                     "Hollow dot: the source gives only the year, or the date is inferred (a year placed mid-year). "
                     "A ring marked ⚠: a doubtful figure at its date and value, not joined to the line."),
    "stars_subtitle2": ("Sản phẩm OCOP theo hạng sao; mỗi cột là một báo cáo, đặt tại ngày báo cáo",
                        "OCOP products by star tier; each bar is one report, placed at its date"),
    "targets_chart_sub": ("{counts}. Thanh màu: % đạt = số liệu so sánh mới nhất / mục tiêu; vạch đen: mục tiêu.",
                          "{counts}. Coloured bar: % reached = latest comparable figure / target; black tick: "
                          "the target."),
    "n_other_targets": ("{n} mục tiêu khác chưa có số liệu đã báo cáo để so sánh (xem bảng).",
                        "{n} other targets have no reported figure to compare (see the table)."),
    "n_targets": ("{n} mục tiêu", "{n} targets"),
    "doubtful_point": ("số liệu đáng ngờ ⚠", "doubtful figure ⚠"),
    "doubtful_label": ("{value} ⚠", "{value} ⚠"),
    "agreeing_sources": ("{n} nguồn công bố cùng số liệu", "{n} sources published the same figures"),
    # people's tables (story/tables.py)
    "conf_H": ("cao", "high"),
    "conf_M": ("trung bình", "medium"),
    "conf_L": ("thấp ⚠ đáng ngờ", "low ⚠ doubtful"),
    "col_total": ("Tổng số sản phẩm", "Total products"),
    "col_report_date": ("Thời điểm báo cáo", "Report date"),
    "col_kind": ("Loại số liệu", "Kind of figure"),
    "col_achieved": ("Đạt được", "Reached"),
    "col_target_full": ("Mục tiêu (nguyên văn)", "Target (as worded)"),
    "col_target_short": ("Mục tiêu", "Target"),
    "target_details": ("Chi tiết từng mục tiêu và nguồn", "Every target in detail, with sources"),
    "overview_headline_title": ("Mục tiêu chính và độ phủ", "Headline targets and coverage"),
    "timeline_finding": ("{n} mốc của chương trình; gần nhất: {title} ({date})",
                         "{n} programme milestones; the latest: {title} ({date})"),
    "timeline_none": ("Chưa có mốc nào có ngày trong khoảng năm đã chọn", "No dated milestone in the chosen years"),
    "timeline_subtitle": ("Kế hoạch, quyết định, đợt đánh giá, hội chợ… theo ngày", "Plans, decisions, evaluation "
                          "rounds, fairs… by date"),
    # overview rows (story/cards.py)
    "described_title": ("[bài về {what}]", "[article on {what}]"),
    "described_title_unknown": ("[bài về {what}; không rõ báo, ngày]", "[article on {what}; outlet and date not known]"),
    "card_unit": ("sản phẩm OCOP", "OCOP products"),
    "card_before": ("Trước hợp nhất", "Before the merger"),
    "card_no_target": ("Chưa có mục tiêu chính trong dữ liệu", "No headline target in the data"),
    "card_target": ("Mục tiêu chính", "Headline target"),
    "card_no_own_target": ("Tỉnh mới chưa có mục tiêu riêng trong dữ liệu",
                           "The new province has no target of its own in the data"),
    "card_before_target": ("mục tiêu {target} {status}", "target {target} {status}"),
    "card_trend": ("Các tổng số đã báo cáo", "Reported totals"),
    "card_trend_alt": ("Xu hướng {territory}: {points}", "Trend of {territory}: {points}"),
    "card_no_figure": ("chưa có số liệu đã báo cáo", "no reported figure yet"),
    "card_sources": ("Nguồn: {names}", "Source: {names}"),
    "tbl_province": ("Tỉnh", "Province"),
    "n_provinces": ("{n} tỉnh", "{n} provinces"),
    "tbl_latest": ("Tổng số mới nhất", "Latest total"),
    "tbl_qualifier": ("Hạn định", "Qualifier"),
    "tbl_as_of": ("Tính đến", "As of"),
    "tbl_age": ("Số tháng", "Months old"),
    "tbl_trend": ("Xu hướng", "Trend"),
    "tbl_target": ("Mục tiêu chính", "Headline target"),
    "tbl_pct": ("% đạt", "% reached"),
    "tbl_status": ("Tình trạng", "Status"),
    "tbl_source": ("Nguồn", "Source"),
    "q_word_exact": ("đúng", "exact"),
    "q_word_more_than": ("trên", "more than"),
    "q_word_about": ("khoảng", "about"),
    "q_word_at_least": ("ít nhất", "at least"),
    # findings: chart titles computed from the data (story/findings.py)
    "f_products": ("{value} sản phẩm OCOP", "{value} OCOP products"),
    "f_total": ("{territory}: {value} ({date})", "{territory}: {value} ({date})"),
    "f_up_from": ("tăng từ {prev} {when}", "up from {prev} {when}"),
    "f_down_from": ("giảm từ {prev} {when}", "down from {prev} {when}"),
    "f_same_as": ("không đổi so với {prev} {when}", "unchanged from {prev} {when}"),
    "f_two_sources": ("hai nguồn khác nhau", "two different sources"),
    "f_other_source": ("nguồn khác cùng thời điểm: {value}", "another source at the same date: {value}"),
    "totals_not_published": ("Tổng số sản phẩm OCOP của {provinces}: chưa công bố (không có số liệu đã báo cáo "
                             "nào có ngày). Các sản phẩm đã ghi nhận ở trang Sản phẩm & chủ thể.",
                             "Total OCOP products of {provinces}: not published (no dated reported figure). The "
                             "products recorded are on the Products & subjects page."),
    "f_listed": ("{territory}: {n} trong số {total} sản phẩm đã báo cáo có tên ở đây ({date})",
                 "{territory}: {n} of {total} reported products named here ({date})"),
    "f_listed_no_total": ("{territory}: {n} sản phẩm có tên ở đây; tổng số đã báo cáo chưa công bố",
                          "{territory}: {n} products named here; the reported total is not published"),
    "f_no_total": ("{territory}: chưa có tổng số sản phẩm OCOP đã báo cáo",
                   "{territory}: no reported total of OCOP products yet"),
    "f_only_unreliable": ("chỉ có ước tính hoặc số liệu đáng ngờ", "only estimates or doubtful figures"),
    "f_year": ("năm {d}", "in {d}"),
    "f_month": ("tháng {d}", "in {d}"),
    "f_day": ("ngày {d}", "on {d}"),
    "f_inferred": ("suy ra", "inferred"),
    "f_tier_n_3": ("{n} sản phẩm 3 sao", "{n} three-star"),
    "f_tier_n_4": ("{n} sản phẩm 4 sao", "{n} four-star"),
    "f_tier_n_5": ("{n} sản phẩm 5 sao", "{n} five-star"),
    "f_tier_n_5p": ("{n} sản phẩm tiềm năng 5 sao", "{n} potential five-star"),
    "f_tier_products": ("{tiers}", "{tiers} products"),
    "f_tiers": ("{territory}: {tiers} ({date})", "{territory}: {tiers} ({date})"),
    "f_tier_change_4": ("số 4 sao {change}", "four-star {change}"),
    "f_no_split": ("chưa công bố phân hạng sao", "star split not published"),
    "f_last_split": ("phân hạng gần nhất ({date}): {tiers}", "latest split ({date}): {tiers}"),
    "f_no_tiers": ("{territory}: chưa có số liệu phân hạng sao đã báo cáo",
                   "{territory}: no reported star-tier figures yet"),
    "f_doubtful_split_only": ("phân hạng duy nhất được công bố bị đánh dấu đáng ngờ",
                              "the only published split is flagged doubtful"),
    "f_target_beat": ("{territory} vượt {ref}: {actual} ({date}) so với {target}",
                      "{territory} beat {ref}: {actual} ({date}) against {target}"),
    "f_target_met": ("{territory} đạt {ref}: {actual} ({date}) so với {target}",
                     "{territory} met {ref}: {actual} ({date}) against {target}"),
    "f_target_on_track": ("{territory} đúng tiến độ {ref}: {actual} ({date}), cần {target} {deadline}",
                          "{territory} is on track for {ref}: {actual} ({date}), needs {target} {deadline}"),
    "f_target_behind": ("{territory} chậm tiến độ {ref}: {actual} ({date}), cần {target} {deadline}",
                        "{territory} is behind {ref}: {actual} ({date}), needs {target} {deadline}"),
    "f_target_missed": ("{territory} không đạt {ref}: {actual} ({date}) so với {target}, hạn {deadline}",
                        "{territory} missed {ref}: {actual} ({date}) against {target}, deadline {deadline}"),
    "f_target_no_figure_at_deadline": ("{territory}: chưa có số liệu tại hạn {deadline} của {ref} ({target}); "
                                       "số liệu gần nhất {actual} ({date})",
                                       "{territory}: no figure at the deadline ({deadline}) of {ref} ({target}); "
                                       "the latest is {actual} ({date})"),
    "f_target_no_data": ("{territory}: chưa có số liệu đã báo cáo để đối chiếu {ref} ({target})",
                         "{territory}: no reported figure to compare with {ref} ({target})"),
    "f_target_one_report": ("{territory}: {ref} ({target}), hạn {deadline}: mới có một báo cáo, {actual} ({date}), "
                            "chưa đủ để biết nhịp tăng",
                            "{territory}: {ref} ({target}), by {deadline}: one report so far, {actual} ({date}), "
                            "not enough to tell the pace"),
    "f_target_unit_abolished": ("{territory}: {ref} ({target}) tính theo đơn vị không còn từ {abolished}; "
                                "đến {date} đã đạt {actual}",
                                "{territory}: {ref} ({target}) counts units abolished on {abolished}; "
                                "by {date} it had reached {actual}"),
    "f_target_unit_abolished_nofig": ("{territory}: {ref} ({target}) tính theo đơn vị không còn từ {abolished}; "
                                      "chưa có số liệu trước đó",
                                      "{territory}: {ref} ({target}) counts units abolished on {abolished}; "
                                      "no figure before that"),
    "f_target_ref": ("mục tiêu {plan}", "the {plan} target"),
    "f_round": ("{territory}, đợt gần nhất ({date}): {items}", "{territory}, latest round ({date}): {items}"),
    "f_no_round": ("{territory}: chưa có số liệu đợt đánh giá", "{territory}: no evaluation-round figures yet"),
    "f_by_deadline": ("trước hạn {d}", "by {d}"),
    "f_coverage": ("{label}: {value}/{total} ({pct}, {date})", "{label}: {value}/{total} ({pct}, {date})"),
    "f_coverage_abolished": ("đơn vị {unit} cũ không còn từ {date}", "the former {unit} ceased to exist on {date}"),
    "f_coverage_none": ("{label}: chưa có số liệu đã báo cáo", "{label}: no reported figure yet"),
    "cmp_at_least": ("ít nhất {v}", "at least {v}"),
    "cmp_more_than": ("trên {v}", "more than {v}"),
    "cmp_exactly": ("đúng {v}", "exactly {v}"),
    "cmp_range": ("{v}–{h}", "{v}–{h}"),
    "cmp_all": ("tất cả {v}", "all {v}"),
    "sym_reached": ("✓", "✓"),
    "sym_on_track": ("↗", "↗"),
    "sym_behind": ("↘", "↘"),
    "sym_missed": ("✗", "✗"),
    "sym_no_figure_at_deadline": ("?", "?"),
    "sym_no_data": ("–", "–"),
    "sym_unit_abolished": ("⊘", "⊘"),
    "months_ago": ("{n} tháng trước", "{n} months ago"),
    "months_ago_1": ("1 tháng trước", "1 month ago"),
    "this_month": ("tháng này", "this month"),
    "stale": ("cũ", "old"),
    # map (ui-pages): legend, words beside the map, coordinates table
    "map_localities_note": ("{n} nơi ○ có điểm, chưa công bố số lượng", "{n} places ○ with points, number not published"),
    "map_legend_title": ("Cách đọc bản đồ", "How to read the map"),
    "map_legend_count": ("Số điểm đã công bố tại huyện; vòng càng lớn, số càng nhiều (đặt ở tâm huyện)",
                         "Points published for a district; the bigger the circle, the more points (at the "
                         "district's centre)"),
    "map_legend_ring": ("Có điểm, chưa công bố số lượng (thuộc tổng số của tỉnh)",
                        "Has points, number not published (part of the province's total)"),
    "map_legend_touch": ("Chạm (điện thoại) hoặc di chuột lên một vòng để xem tên, nguồn và độ chính xác vị trí.",
                         "Tap (phone) or hover over a circle for its name, source and location precision."),
    "map_by_province": ("Theo tỉnh", "By province"),
    "map_total_line": ("{text}, tính đến {date}.", "{text}, as of {date}."),
    "map_localities_line": ("Ở {places}: có điểm, chưa công bố số lượng từng nơi.",
                            "In {places}: has points, number in each not published."),
    "map_not_located": ("Chưa đặt được lên bản đồ (không có tọa độ, đơn vị không có tâm): {names}.",
                        "Not on the map (no coordinates, no unit with a centre): {names}."),
    "map_locality_count": ("có điểm, chưa công bố số lượng", "has points, number not published"),
    "map_coordinates": ("Bảng tọa độ và nguồn của từng điểm", "Coordinates and source of every point"),
    # products page (ui-pages): producers published vs listed here, products per producer
    "producers_published": ("Đã công bố", "Published"),
    "producers_listed": ("Có trong danh sách này", "Listed here"),
    "producers_published_short": ("đã công bố", "published"),
    "producers_listed_short": ("có trong danh sách này", "listed here"),
    "producers_title_split": ("{who} nêu {n} chủ thể ({date})", "{who} states {n} producers ({date})"),
    "producers_title_total": ("{who} nêu {n} chủ thể ({date}), không chia theo loại",
                              "{who} states {n} producers ({date}), not split by type"),
    "producers_title_none": ("tỉnh chưa công bố số chủ thể theo loại", "no split by type published"),
    "producers_title_listed": ("danh sách này có {n} chủ thể", "{n} listed here"),
    "producers_published_legend": ("Đã công bố ({date}, nguồn {source})", "Published ({date}, "
                                   "source {source})"),
    "producers_listed_legend": ("Có trong danh sách sản phẩm của bảng theo dõi",
                                "Listed in this dashboard's product list"),
    "producers_subtitle": ("Hai con số khác nhau: cơ cấu do tỉnh công bố, và số chủ thể có trong danh sách sản "
                           "phẩm ở đây (chỉ một phần).",
                           "Two different things: the split the province published, and the producers in the "
                           "product list here (only a part)."),
    "top_producers_title": ("Chủ thể có nhiều sản phẩm nhất trong danh sách: {name} ({n} sản phẩm)",
                            "The producer with the most products listed: {name} ({n} products)"),
    "top_producers_subtitle": ("Số sản phẩm OCOP của mỗi chủ thể trong danh sách này (không phải toàn tỉnh)",
                               "OCOP products of each producer in this list (not the whole province)"),
    "products_listed_axis": ("Số sản phẩm trong danh sách", "Products listed"),
    "products_of_producer": ("Sản phẩm của chủ thể", "Producer's products"),
    "tblname_product": ("sản phẩm", "products"),
    "tblname_evaluation": ("đánh giá", "evaluations"),
    "tblname_subject": ("chủ thể", "producers"),
    "tblname_subject_alias": ("tên khác của chủ thể", "producer aliases"),
    "tblname_figure": ("số liệu", "figures"),
    "tblname_sales_point": ("điểm bán", "sales points"),
    "tblname_source": ("nguồn", "sources"),
    "tblname_target": ("mục tiêu", "targets"),
    "tblname_event": ("sự kiện", "events"),
    "tblname_metric": ("chỉ tiêu", "metrics"),
    "tblname_territory": ("địa bàn", "territories"),
    "tblname_correction": ("đính chính", "corrections"),
    # tables for people (story/tables.py): column names and codes in words
    "locality": ("Địa phương", "Locality"),
    "territory_until": ("đến {date}", "until {date}"),  # a former territory's label: 'Tuyên Quang (đến 30/06/2025)'
    "territory_from": ("từ {date}", "from {date}"),
    "valid_from": ("Hiệu lực từ", "Valid from"),
    "valid_to": ("Hiệu lực đến", "Valid to"),
    "unit_abolished_on": ("Đơn vị không còn từ", "Unit abolished on"),
    "plan_date": ("Ngày kế hoạch", "Plan date"),
    "unit": ("Đơn vị tính", "Unit"),
    "plan_number": ("Số kế hoạch", "Plan no."),
    "description": ("Mô tả", "Description"),
    "col_n": ("Số lượng", "Number"),
    "col_listed": ("Có trong danh sách", "Listed here"),
    "col_points": ("Điểm đánh giá", "Score"),
    "col_figures": ("Số liệu", "Figures"),
    "lat": ("Vĩ độ", "Latitude"),
    "lon": ("Kinh độ", "Longitude"),
    "no_coordinates": ("không có tọa độ", "no coordinates"),
    "doubtful_col": ("Đáng ngờ", "Doubtful"),
    "latest_as_of": ("Thời điểm số liệu", "Figure date"),
    "qs_verbatim": ("trích nguyên văn", "verbatim quote"),
    "qs_derived": ("tính từ số liệu đã công bố", "computed from published figures"),
    "qs_not_retrieved": ("chưa đọc được nguồn", "source not retrieved"),
    "qs_imported": ("nhập từ tệp", "imported file"),
    "qs_synthetic": ("dữ liệu thử nghiệm", "synthetic test data"),
    "comparable": ("So sánh được", "Comparable"),
    "district_derived": ("Huyện suy ra", "District derived"),
    "group_classified": ("Nhóm phân loại theo tên", "Group classified from the name"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "opened": ("Ngày khai trương", "Opened"),
    "fk_reported": ("đã báo cáo", "reported"),
    "fk_estimate": ("ước tính", "estimate"),
    "fk_derived": ("tính từ số liệu đã công bố", "computed from published figures"),
    "cmpw_at_least": ("ít nhất", "at least"),
    "cmpw_more_than": ("trên", "more than"),
    "cmpw_exactly": ("đúng", "exactly"),
    "cmpw_range": ("từ", "from"),
    "cmpw_all": ("tất cả", "all"),
    "source_language": ("Ngôn ngữ", "Language"),
    "lang_vi": ("tiếng Việt", "Vietnamese"),
    "lang_en": ("tiếng Anh", "English"),
    # the finder (Sources page)
    "finder_label": ("Tìm trong số liệu, mục tiêu, sự kiện, sản phẩm, chủ thể, điểm bán và nguyên văn nguồn",
                     "Search figures, targets, events, products, producers, sales points and source quotes"),
    "finder_placeholder": ("vd: Kế hoạch 90, toi den, 94,9, hết hạn", "e.g. Kế hoạch 90, toi den, 94.9, expired"),
    "finder_help": ("Gõ có dấu hoặc không dấu; kết quả phải chứa mọi từ đã gõ. Số viết 10.322 hay 10,322, 94,9 hay "
                    "94.9 đều tìm được.",
                    "With or without diacritics; results contain every word typed. Numbers written 10.322 or "
                    "10,322, 94,9 or 94.9 are all found."),
    "finder_count": ("{n} kết quả", "{n} results"),
    "finder_shown": ("Hiển thị {shown} kết quả đầu trên {n}; tải toàn bộ bằng nút bên dưới.",
                     "Showing the first {shown} of {n} results; download them all below."),
    "finder_none": ("Không có kết quả nào chứa đủ các từ này. Thử bớt một từ, hoặc viết khác đi.",
                    "Nothing contains all of these words. Try one word fewer, or another spelling."),
    "finder_kind_figure": ("Số liệu", "Figure"),
    "finder_kind_target": ("Mục tiêu", "Target"),
    "finder_kind_evaluation": ("Đánh giá, phân hạng", "Evaluation"),
    "finder_kind_event": ("Sự kiện", "Event"),
    "finder_kind_product": ("Sản phẩm", "Product"),
    "finder_kind_subject": ("Chủ thể", "Producer"),
    "finder_kind_sales_point": ("Điểm bán", "Sales point"),
    "finder_quote_missing": ("chưa đối chiếu nguyên văn", "quote not retrieved"),
    "finder_quote_derived": ("tính từ: {}", "derived from: {}"),
    "finder_quote_synthetic": ("dữ liệu tổng hợp để đo tốc độ, không có nguyên văn",
                               "synthetic benchmark data, no quote"),
    "finder_points": ("điểm", "points"),
    "finder_sales_points": ("điểm bán", "points of sale"),
    "finder_all": ("tất cả {}", "all {}"),
    "finder_all_bare": ("tất cả", "all"),
    "finder_date_deadline": ("hạn {}", "deadline {}"),
    "finder_date_as_of": ("tính đến {}", "as of {}"),
    "finder_date_decided": ("quyết định {}", "decided {}"),
    "finder_cert_expired": ("{head}: hết hạn {date}", "{head}: expires {date}"),
    "finder_cert_expiring": ("{head}: hết hạn {date} (còn {days} ngày)", "{head}: expires {date} ({days} days left)"),
    "finder_cert_valid": ("{head}: còn hiệu lực đến {date}", "{head}: valid until {date}"),
    "finder_col_kind": ("Loại", "Kind"),
    "finder_col_result": ("Kết quả", "Result"),
    "finder_col_detail": ("Chi tiết", "Details"),
    "finder_col_certificate": ("Chứng nhận", "Certificate"),
    "finder_col_quote": ("Nguyên văn nguồn", "The source's words"),
    "finder_col_citation": ("Trích dẫn", "Citation"),
    "finder_col_row": ("Mã dòng dữ liệu", "Data row id"),
    # quotes, corrections, citations, certificates, units
    "quote": ("Nguyên văn nguồn", "Source's words"),
    "quote_status": ("Đối chiếu nguồn", "Checked against the source"),
    "quote_status_verbatim": ("trích nguyên văn", "verbatim quote"),
    "quote_status_derived": ("tính từ số liệu khác", "derived"),
    "quote_status_not_retrieved": ("chưa đối chiếu nguyên văn", "not checked against the source's words"),
    "quote_status_imported": ("trích từ tệp nhập", "from the imported file"),
    "quote_status_synthetic": ("dữ liệu tổng hợp (không thật)", "synthetic data (not real)"),
    "derived_from": ("tính từ {formula}", "derived from {formula}"),
    "not_retrieved_reason": ("chưa đối chiếu nguyên văn: {reason}", "not checked against the source's words: {reason}"),
    "kind_derived": ("tính từ số liệu khác", "derived"),
    "derived": ("tính từ số liệu khác", "derived"),
    "level_not_published": ("Không công bố", "Not published"),
    "descriptive_title_mark": ("tiêu đề mô tả do dự án viết; nguồn không nêu tiêu đề",
                               "a descriptive title written by the project; the source states none"),
    "about_date": ("khoảng {}", "about {}"),
    "citation": ("Dòng trích dẫn", "Citation"),
    "open_source": ("Mở nguồn", "Open the source"),
    "source_gaps": ("Nguồn không nêu", "Not stated by the source"),
    "sources_list": ("Danh sách nguồn", "List of sources"),
    # corrections (Đính chính)
    "corrections_title": ("Đính chính", "Corrections"),
    "corrections_intro": ("Mọi số liệu đã được sửa sau đợt rà soát tháng 11/2026: trước đây ghi gì, nay ghi gì, vì sao, "
                          "theo nguồn nào.",
                          "Every figure changed after the November 2026 audit: what it said, what it says now, why, "
                          "and which source states it."),
    "corr_date": ("Ngày đính chính", "Corrected on"),
    "corr_what": ("Dữ kiện", "Fact"),
    "corr_change": ("Loại", "Kind"),
    "corr_old": ("Trước đây", "Before"),
    "corr_new": ("Nay", "Now"),
    "corr_reason": ("Lý do", "Reason"),
    "corr_source": ("Nguồn nêu", "Stated by"),
    "corr_old_source": ("Nguồn trước đây", "Previously cited"),
    "corr_successors": ("Thay bằng", "Replaced by"),
    "change_value": ("giá trị", "value"), "change_attribution": ("nguồn dẫn", "attribution"),
    "change_date": ("ngày", "date"), "change_qualifier": ("hạn định", "qualifier"),
    "change_kind": ("loại số liệu", "kind of figure"), "change_territory": ("địa bàn", "territory"),
    "change_name": ("tên", "name"), "change_producer": ("chủ thể", "producer"), "change_place": ("địa điểm", "place"),
    "change_split": ("tách thành nhiều dòng", "split"), "change_removed": ("bỏ", "removed"),
    "change_added": ("thêm", "added"), "change_confidence": ("độ tin cậy", "confidence"),
    "change_level": ("cấp công nhận", "level"), "change_comparison": ("phép so sánh", "comparison"),
    "change_source": ("nguồn", "source"),
    "corr_table_figure": ("Số liệu", "Figure"), "corr_table_target": ("Mục tiêu", "Target"), "corr_table_product": ("Sản phẩm", "Product"),
    "corr_table_evaluation": ("Xếp hạng", "Rating"), "corr_table_subject": ("Chủ thể", "Producer"),
    "corr_table_sales_point": ("Điểm bán", "Sales point"), "corr_table_event": ("Sự kiện", "Event"),
    "corr_table_source": ("Nguồn", "Source"), "corr_table_territory": ("Địa bàn", "Territory"), "corr_table_metric": ("Chỉ tiêu", "Metric"),
    "corr_table_subject_alias": ("Tên khác của chủ thể", "Producer alias"),
    # sources that disagree
    "conflicts_title": ("Các nguồn vênh nhau", "Sources that disagree"),
    "conflicts_intro": ("Hai nguồn nêu số khác nhau cho cùng một chỉ tiêu, cùng địa bàn, cùng thời điểm: cả hai được "
                        "giữ và dẫn song song.",
                        "Two sources give different numbers for the same metric, territory and time: both are kept "
                        "and cited side by side."),
    "conflict_a": ("Nguồn thứ nhất", "First source"),
    "conflict_b": ("Nguồn thứ hai", "Second source"),
    "conflict_cite": ("{a} — khác với — {b}", "{a} — differs from — {b}"),
    # split products
    "split_into": ("Sản phẩm này đã được tách thành: {names}.", "This product was split into: {names}."),
    # certificates (36 months, Decision 148/QĐ-TTg)
    "cert_valid": ("còn hiệu lực", "valid"),
    "cert_expiring": ("hết hạn trong 12 tháng tới", "expires within 12 months"),
    "cert_expired": ("đã hết hạn", "expired"),
    "cert_unknown": ("không tính được (ngày quyết định không chính xác đến ngày)",
                     "unknown (the decision date is not day-precise)"),
    "cert_superseded": ("đã có quyết định sau thay thế", "replaced by a later decision"),
    "cert_status": ("Chứng nhận", "Certificate"),
    "cert_line_valid": ("theo quy định 36 tháng: còn hiệu lực đến {end}", "by the 36-month rule: valid until {end}"),
    "cert_line_expiring": ("theo quy định 36 tháng: hết hạn {end} (trong 12 tháng tới)",
                           "by the 36-month rule: expires {end} (within 12 months)"),
    "cert_line_expired": ("theo quy định 36 tháng: hết hạn {end}", "by the 36-month rule: expires {end}"),
    "round_products": ("{n} sản phẩm của đợt {year}", "{n} products of the {year} round"),
    "round_only": ("Đợt {year}", "The {year} round"),
    "round_from": ("chứng nhận từ {start}", "certified from {start}"),
    "round_no_reeval": ("chưa thấy công bố đánh giá lại", "no re-evaluation published yet"),
    "round_reeval": ("đã có công bố đánh giá lại sau đó", "a later re-evaluation has been published"),
    # units written out with a figure
    "scale_million": ("triệu", "million"),
    "scale_billion": ("tỷ", "billion"),
    "seed_provenance": ("Tệp bài gốc (chỉ để lưu vết, không dùng để trích dẫn)", "Seed file (provenance only, never the citation)"),
    "find_sources_page": ("{total} nguồn công khai; {n} nguồn nêu đủ tiêu đề, đơn vị đăng và ngày đăng",
                          "{total} public sources; {n} state their title, publisher and date"),
    "sources_complete": ("{n}/{total} nguồn nêu đủ tiêu đề, đơn vị đăng và ngày đăng; các nguồn còn lại không nêu một "
                         "trong ba thông tin này (ghi rõ ở từng nguồn).",
                         "{n}/{total} sources state their title, publisher and date; the others omit one of these "
                         "(shown for each)."),
    "no_corrections": ("Chưa có đính chính nào.", "No corrections yet."),
    "n_rows_citing": ("{n} dòng dữ liệu dẫn nguồn này", "{n} data rows cite it"),
    "no_conflicts": ("Không có nguồn nào vênh nhau.", "No sources disagree."),
    # what imports and writes say to people (ocop_data.messages: Issue, Refused)
    "where_sheet": ("Trang {sheet}", "Sheet {sheet}"),
    "where_row": ("dòng {row}", "row {row}"),
    "where_column": ("cột “{column}”", "column “{column}”"),
    "where_file": ("Tệp", "The file"),
    # the whole file
    "msg_empty": ("Tệp trống: không có dòng dữ liệu nào. Hãy điền dữ liệu vào mẫu rồi tải lên lại.",
              "The file is empty: it has no data rows. Fill in the template and upload it again."),
    "msg_too_large": ("Tệp lớn hơn giới hạn {limit} MB. Hãy chia thành nhiều tệp nhỏ hơn.",
                  "The file is larger than the {limit} MB limit. Split it into smaller files."),
    "msg_too_many_rows": ("Tệp có hơn {limit} dòng. Hãy chia thành nhiều tệp nhỏ hơn.",
                      "The file has more than {limit} rows. Split it into smaller files."),
    "msg_too_many_columns": ("Tệp có hơn {limit} cột: đây không giống một danh sách sản phẩm.",
                         "The file has more than {limit} columns: it does not look like a product list."),
    "msg_archive_too_large": ("Tệp Excel khi giải nén quá lớn ({size}, giới hạn {limit}). Tệp này bị từ chối trước khi "
                          "đọc. Hãy lưu lại chỉ với các trang cần nhập.",
                          "The Excel file unpacks to too much ({size}, limit {limit}). It was refused before "
                          "being read. Save it again with only the sheets to import."),
    "msg_password": ("Tệp Excel có mật khẩu. Hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi tải lên lại.",
                 "The workbook is password-protected. Remove the password (File › Info › Protect Workbook) "
                 "and upload it again."),
    "msg_not_spreadsheet": ("Tệp này không phải bảng tính Excel (.xlsx) dù có đuôi .xlsx. Hãy lưu lại từ Excel.",
                        "This file is not an Excel workbook even though it is named .xlsx. Save it again from "
                        "Excel."),
    "msg_bad_type": ("Chỉ nhận tệp .csv, .txt, .xlsx hoặc .xls.", "Only .csv, .txt, .xlsx or .xls files are accepted."),
    "msg_bad_csv": ("Tệp CSV hỏng ở dòng {line}: có dấu ngoặc kép (\") chưa đóng hoặc đặt sai chỗ. Hãy mở tệp, sửa "
                "ô đó rồi lưu lại.",
                "The CSV file is broken at line {line}: a double quote (\") is left open or misplaced. Open the "
                "file, fix that cell and save it again."),
    "msg_no_file": ("Không tìm thấy tệp “{path}”.", "File “{path}” was not found."),
    "msg_unreadable_file": ("Không đọc được tệp “{path}”: {detail}.", "File “{path}” cannot be read: {detail}."),
    "msg_bad_mapping": ("Tệp cách ghép cột “{path}” không đọc được: {detail}.",
                    "The column mapping file “{path}” cannot be read: {detail}."),
    # the header and the mapping
    "msg_no_header": ("Không nhận ra cột nào của danh sách sản phẩm. Hãy chọn ý nghĩa của từng cột ở bước ghép cột "
                  "(cần ít nhất {columns}).",
                  "No column of a product list was recognised. Say what each column holds in the mapping step "
                  "(at least {columns} are needed)."),
    "msg_missing_column": ("Chưa có “{column}”: hãy ghép một cột của tệp với ý nghĩa này, hoặc chọn một giá trị chung "
                       "cho cả tệp.",
                       "“{column}” is missing: map a column of the file to it, or choose one value for the whole "
                       "file."),
    "msg_duplicate_meaning": ("Hai cột cùng được ghép là “{field}”: {columns}. Hãy chọn “bỏ qua” cho một cột.",
                          "Two columns are both mapped to “{field}”: {columns}. Set one of them to “ignore”."),
    "msg_bad_default": ("Giá trị chung “{value}” cho “{field}” không hợp lệ: {detail}",
                    "The whole-file value “{value}” for “{field}” is not valid: {detail}"),
    # cells
    "msg_required": ("Ô “{column}” không được để trống.", "Cell “{column}” must not be empty."),
    "msg_bad_star": ("Hạng sao “{value}” không hợp lệ: hãy ghi 3, 4, 5 hoặc “tiềm năng 5 sao”.",
                 "Star value “{value}” is not valid: write 3, 4, 5 or “tiềm năng 5 sao” (potential 5-star)."),
    "msg_bad_date": ("Ngày “{value}” không đọc được: hãy ghi dd/mm/yyyy hoặc chỉ năm (yyyy).",
                 "Date “{value}” cannot be read: write dd/mm/yyyy or a year (yyyy)."),
    "msg_future_date": ("Ngày “{value}” ở tương lai (sau hôm nay {today}). Nếu đây là ngày dự kiến, hãy đánh dấu "
                    "“ngày dự kiến” cho cả tệp.",
                    "Date “{value}” is in the future (after today, {today}). If it is a planned date, mark the "
                    "file as holding planned dates."),
    "msg_bad_number": ("“{value}” không phải là số.", "“{value}” is not a number."),
    "msg_bad_choice": ("“{value}” không có trong danh sách: {choices}.", "“{value}” is not in the list: {choices}."),
    "msg_control_char": ("Ô có ký tự điều khiển không in được ({char}). Hãy gõ lại ô này.",
                     "The cell holds an unprintable control character ({char}). Type the cell again."),
    "msg_too_long": ("Ô dài {length} ký tự, quá giới hạn {limit}. Hãy kiểm tra lại ô này.",
                 "The cell is {length} characters long, over the {limit} limit. Check this cell."),
    "msg_unknown_district": ("Không tìm thấy huyện “{value}” trong danh sách huyện trước 2025 của tỉnh. Hãy chọn từ "
                         "danh sách thả xuống trong mẫu.",
                         "District “{value}” is not in the province's pre-2025 district list. Pick it from the "
                         "template's drop-down list."),
    "msg_unknown_province": ("Không có tỉnh “{value}”. Tên gần nhất: {closest}. Hãy dùng tên tỉnh hoặc mã tỉnh của "
                             "cơ quan thống kê.",
                             "There is no province “{value}”. Nearest names: {closest}. Use a province's name or its "
                             "statistics-office code."),
    "msg_duplicate_product": ("Dòng này lặp lại dòng {other} của tệp (cùng sản phẩm, cùng chủ thể, cùng ngày, cùng hạng "
                          "sao).",
                          "This row repeats row {other} of the file (same product, producer, date and stars)."),
    "msg_conflict": ("Khác với {what} đã có “{label}” ({detail}). Hai nguồn khác nhau là hai dòng; nếu đây là đính "
                 "chính, hãy ngừng sử dụng dòng cũ trước.",
                 "Differs from the existing {what} “{label}” ({detail}). Two sources are two rows; if this is a "
                 "correction, retire the old row first."),
    "msg_outside_province": ("Tọa độ ({lat}, {lon}) nằm ngoài tỉnh. Hãy kiểm tra vĩ độ/kinh độ (có bị đảo không?).",
                         "Coordinates ({lat}, {lon}) lie outside the province. Check latitude/longitude (swapped?)."),
    "msg_coords_pair": ("Hãy ghi cả vĩ độ và kinh độ, hoặc để trống cả hai.",
                    "Give both latitude and longitude, or leave both empty."),
    "msg_unknown_source": ("Không có nguồn mã “{value}”. Hãy thêm nguồn vào trang Nguồn hoặc dùng mã nguồn có sẵn.",
                       "There is no source with id “{value}”. Add it on the Sources sheet or use an existing id."),
    "msg_subject_type_needed": ("Loại chủ thể “{value}” không nhận ra: hãy ghi HTX, doanh nghiệp, tổ hợp tác hoặc hộ "
                            "kinh doanh (hoặc để trống).",
                            "Producer type “{value}” is not recognised: write cooperative, enterprise, cooperative "
                            "group or household (or leave it empty)."),
    "msg_validation": ("{detail}", "{detail}"),
    # writes
    "msg_unknown_version": ("Không có phiên bản {version}. Các phiên bản đã ghi: {known}.",
                        "There is no version {version}. Recorded versions: {known}."),
    "msg_same_version": ("Dữ liệu đang dùng đã giống phiên bản {version}: không có gì để khôi phục.",
                     "The live data already matches version {version}: nothing to restore."),
    "msg_missing_import": ("Không khôi phục được: thư mục nhập “{name}” không còn trong thư mục dữ liệu.",
                       "Cannot restore: the import folder “{name}” is no longer in the data folder."),
    "msg_unknown_table": ("Không có bảng “{table}”. Các bảng: {tables}.", "There is no table “{table}”. Tables: {tables}."),
    "msg_unknown_row": ("Không có dòng “{id}” trong bảng {table} (hoặc dòng này đã ngừng sử dụng).",
                    "There is no row “{id}” in table {table} (or it is already retired)."),
    "msg_nothing_to_apply": ("Không có gì để nhập: mọi dòng đều đã có.", "Nothing to import: every row is already there."),
    "msg_unknown_editor": ("“{user}” không phải là biên tập viên. Tạo tài khoản bằng: python -m ocop_data set-password "
                       "{user}",
                       "“{user}” is not an editor. Create the account with: python -m ocop_data set-password {user}"),
    "msg_short_password": ("Mật khẩu cần ít nhất {n} ký tự.", "The password needs at least {n} characters."),
    "msg_bad_user_name": ("Tên đăng nhập chỉ gồm chữ, số, “.”, “_” hoặc “-” (tối đa 64 ký tự).",
                      "A user name holds only letters, digits, “.”, “_” or “-” (at most 64 characters)."),
    # the build's validation rules (ocop_data.problems.Problem)
    "rule_missing_file": ("Thiếu tệp dữ liệu.", "The data file is missing."),
    "rule_missing_column": ("Thiếu cột bắt buộc “{column}”.", "Required column “{column}” is missing."),
    "rule_unknown_column": ("Cột “{column}” không có trong lược đồ.", "Column “{column}” is not in the schema."),
    "rule_required": ("Ô này không được để trống.", "This cell must not be empty."),
    "rule_bad_id": ("Mã “{value}” chỉ được chứa chữ không dấu, số, '.', '_' hoặc '-'.",
               "Id “{value}” may contain only plain letters, digits, '.', '_' or '-'."),
    "rule_duplicate_id": ("Mã “{value}” bị trùng (đã có ở dòng {other}).",
                     "Id “{value}” is a duplicate (already on line {other})."),
    "rule_not_a_number": ("“{value}” không phải là số.", "“{value}” is not a number."),
    "rule_not_integer": ("“{value}” không phải là số nguyên.", "“{value}” is not a whole number."),
    "rule_bad_choice": ("“{value}” không hợp lệ; giá trị cho phép: {choices}.",
                   "“{value}” is not allowed; allowed values: {choices}."),
    "rule_bad_star": ("Hạng sao “{value}” nằm ngoài thang (3, 4, 5 hoặc 5p = tiềm năng 5 sao).",
                 "Star value “{value}” is outside the scale (3, 4, 5 or 5p = potential 5-star)."),
    "rule_bad_date": ("Ngày “{value}” không đọc được (dạng YYYY, YYYY-MM hoặc YYYY-MM-DD).",
                 "Date “{value}” does not parse (YYYY, YYYY-MM or YYYY-MM-DD)."),
    "rule_date_precision": ("Ngày “{value}” không khớp độ chính xác “{precision}”.",
                       "Date “{value}” does not match precision “{precision}”."),
    "rule_bad_bool": ("“{value}” phải là true hoặc false.", "“{value}” must be true or false."),
    "rule_broken_ref": ("“{value}” không có trong {target}.", "“{value}” does not exist in {target}."),
    "rule_outside_province": ("Tọa độ ({lat}, {lon}) nằm ngoài ranh giới tỉnh {territory}.",
                         "Coordinates ({lat}, {lon}) lie outside the bounds of province {territory}."),
    "rule_district_territory": ("Huyện {value} không thuộc tỉnh {territory}.",
                           "District {value} does not belong to territory {territory}."),
    "rule_duplicate_identity": ("Trùng với dòng {other} ({what}: “{value}”).",
                           "Same as line {other} ({what}: “{value}”)."),
    "rule_coords_pair": ("Phải có cả vĩ độ và kinh độ, hoặc không có cả hai.",
                    "Give both latitude and longitude, or neither."),
    "rule_tier_sum": ("Các hạng sao ({parts}, nguồn {part_source}) cộng lại {sum} > tổng {total} (nguồn {total_source}).",
                 "Star tiers ({parts}, source {part_source}) add up to {sum}, more than the total {total} "
                 "(source {total_source})."),
    "rule_range": ("Giá trị cận trên {value_high} nhỏ hơn cận dưới {value}.",
              "Upper value {value_high} is below the lower value {value}."),
    "rule_bad_csv": ("Tệp CSV không đọc được: {detail}", "The CSV file cannot be read: {detail}"),
    # the source's own words (RULES.md §1)
    "rule_quote_status_missing": ("Thiếu quote_status: verbatim (trích nguyên văn), derived (tính từ số liệu khác, kèm "
                             "công thức) hoặc not_retrieved (chưa đối chiếu nguyên văn, kèm lý do).",
                             "quote_status is missing: verbatim (the source's words), derived (computed, with a "
                             "formula) or not_retrieved (not checked against the source's words, with the reason)."),
    "rule_quote_missing": ("Thiếu trích dẫn nguyên văn của nguồn (cột quote) cho dòng dữ kiện này.",
                      "The source's own words (column quote) are missing for this fact row."),
    "rule_quote_mismatch": ("Trích dẫn không nêu {what_vi} “{value}” của dòng này: “{quote}”.",
                       "The quote does not state the row's {what_en} “{value}”: “{quote}”."),
    "rule_formula_missing": ("Dòng tính toán (derived) phải có công thức (cột formula) nêu các dòng được dùng.",
                        "A derived row needs its formula (column formula) naming the rows it uses."),
    "rule_reason_missing": ("Dòng “chưa đối chiếu nguyên văn” (not_retrieved) phải nêu lý do (cột quote_reason và quote_reason_vi).",
                       "A row marked not_retrieved needs the reason (columns quote_reason and quote_reason_vi)."),
    "rule_derived_kind": ("Số liệu loại “derived” phải có quote_status = derived và ngược lại.",
                     "A figure of kind “derived” needs quote_status derived, and the other way round."),
    "rule_imported_quote": ("Dòng nhập từ tệp phải có quote_status = imported và trích các ô gốc "
                       "(“tệp, trang tính, dòng: các ô”).",
                       "An imported row needs quote_status imported and the original cells as its quote "
                       "(“file, sheet, row: cells”)."),
    "rule_status_not_here": ("quote_status “{value}” không dùng được ở đây: {why_vi}.",
                        "quote_status “{value}” is not allowed here: {why_en}."),
    "rule_quote_long": ("Trích dẫn dài {n} ký tự; nên rút gọn bằng “…” (khoảng 200 ký tự).",
                   "The quote is {n} characters long; shorten it with “…” (about 200 characters)."),
    # a quote whose letters were restored for display (issue 20)
    "rule_quote_display": ("quote_display chỉ được trả lại những chữ có dấu mà bản trích xuất làm mất (quote_garbled = true): "
                           "bỏ các chữ đó đi phải được đúng cột quote.",
                           "quote_display may only put back accented letters the extraction lost (quote_garbled = true): "
                           "removing them must give the quote column exactly."),
    # the import's fields, as the mapping step and the command line name them
    "imp_field_seq": ("Số thứ tự (không nhập)", "Row number (not imported)"),
    "imp_field_name": ("Tên sản phẩm", "Product name"),
    "imp_field_subject": ("Chủ thể", "Producer"),
    "imp_field_subject_type": ("Loại chủ thể", "Producer type"),
    "imp_field_province": ("Tỉnh", "Province"),
    "imp_field_district": ("Huyện (trước 2025)", "District (before 2025)"),
    "imp_field_commune": ("Xã/Phường", "Commune"),
    "imp_field_address": ("Địa chỉ", "Address"),
    "imp_field_group": ("Nhóm sản phẩm", "Product group"),
    "imp_field_stars": ("Hạng sao", "Stars"),
    "imp_field_decided": ("Ngày/năm quyết định", "Decision date or year"),
    "imp_field_decision_no": ("Số quyết định", "Decision number"),
    "imp_field_level": ("Cấp", "Level"),
    "imp_field_kind": ("Hình thức đánh giá", "Kind of evaluation"),
    "imp_field_points": ("Điểm", "Points"),
    "imp_field_source": ("Nguồn", "Source"),
    "imp_field_note": ("Ghi chú", "Note"),
    # --- issue 22: a damaged database, a read-only folder, the upload limit, the write queue, logging in ---
    "db_rebuilt_unreadable": ("Tệp cơ sở dữ liệu bị hỏng hoặc không phải là tệp cơ sở dữ liệu nên không đọc được. Đã "
                              "dựng lại từ các tệp dữ liệu và lịch sử nhập ({n} lần nhập đang dùng); không mất dữ "
                              "liệu nào.",
                              "The database file was damaged, or was not a database file at all, so it could not be "
                              "read. It was rebuilt from the data files and the import history ({n} imports in "
                              "use); no data was lost."),
    "db_rebuilt_damaged": ("Tệp cơ sở dữ liệu bị hỏng (bị cắt ngắn hoặc bị ghi đè một phần). Đã dựng lại từ các tệp dữ "
                           "liệu và lịch sử nhập ({n} lần nhập đang dùng); không mất dữ liệu nào.",
                           "The database file was damaged (cut short, or partly overwritten). It was rebuilt from "
                           "the data files and the import history ({n} imports in use); no data was lost."),
    "db_rebuilt_foreign": ("Tệp cơ sở dữ liệu không phải của bảng theo dõi này (không có bảng phiên bản của nó). Đã dựng "
                           "lại từ các tệp dữ liệu và lịch sử nhập ({n} lần nhập đang dùng); không mất dữ liệu nào.",
                           "The database file was not this dashboard's (it has no version table of this "
                           "dashboard). It was rebuilt from the data files and the import history ({n} imports in "
                           "use); no data was lost."),
    "data_folder_read_only": ("Thư mục dữ liệu “{path}” chỉ cho đọc (hoặc không có quyền ghi): chưa đăng nhập, nhập, "
                              "khôi phục hay ngừng sử dụng dòng nào được cho đến khi người quản trị cho phép ghi vào "
                              "thư mục này.",
                              "The data folder “{path}” is read-only (or cannot be written): nobody can log in, "
                              "import, restore or retire anything until an administrator makes it writable."),
    "upload_limit": ("Mỗi tệp tối đa {limit} MB. Tệp lớn hơn bị từ chối ngay khi tải lên; hãy chia thành nhiều tệp "
                     "nhỏ hơn.",
                     "At most {limit} MB a file. A larger file is refused as it is uploaded; split it into smaller "
                     "files."),
    "queue_waiting": ("Đang chờ đến lượt: còn {n} thay đổi khác đang được áp dụng trước thay đổi này…",
                      "Waiting for its turn: {n} other changes are being applied before this one…"),
    "plan_changed_web": ("Dữ liệu đã thay đổi trong lúc thay đổi này chờ đến lượt, và kết quả nhập không còn giống bản "
                         "xem trước đã duyệt; chưa nhập gì. Bản xem trước ở trên là bản mới: hãy kiểm tra rồi bấm "
                         "Áp dụng lại.",
                         "The data changed while this change waited its turn, and the import no longer matches "
                         "the preview that was accepted; nothing was imported. The preview above is the new one: "
                         "check it, then press Apply again."),
    "too_many_attempts": ("Vừa có lần đăng nhập sai với tên này hoặc từ máy này. Vui lòng chờ {s} giây rồi thử lại.",
                          "A wrong password was just tried for this name or from this computer. Please wait {s} "
                          "seconds and try again."),
    "msg_busy": ("Một thay đổi khác đang được áp dụng (đã chờ đến lượt {wait} giây). Vui lòng thử lại sau ít phút; chưa "
                 "có gì thay đổi.",
                 "Another change is being applied (this one waited {wait} seconds for its turn). Please try again in a "
                 "moment; nothing has changed."),
    "msg_read_only_folder": ("Không ghi được vào thư mục “{path}” (thư mục chỉ cho đọc hoặc không có quyền ghi); chưa "
                             "có gì thay đổi. Người quản trị cần cho phép ghi vào thư mục này, hoặc đặt OCOP_DATA_DIR / "
                             "OCOP_DB sang một thư mục ghi được.",
                             "The folder “{path}” cannot be written (it is read-only, or there is no permission); "
                             "nothing has changed. An administrator needs to make it writable, or point OCOP_DATA_DIR / "
                             "OCOP_DB to a writable folder."),
    "msg_disk_full": ("Ổ đĩa chứa thư mục “{path}” đã đầy; chưa có gì thay đổi. Hãy giải phóng dung lượng rồi thử lại.",
                      "The disk holding the folder “{path}” is full; nothing has changed. Free some space and try "
                      "again."),
    "msg_bad_lock_wait": ("Thiết lập OCOP_LOCK_WAIT = “{value}” không hợp lệ: cần một số giây, từ 0 trở lên (ví dụ 60). "
                          "Hãy sửa hoặc bỏ thiết lập này; chưa có gì thay đổi.",
                          "The setting OCOP_LOCK_WAIT = “{value}” is not valid: it must be a number of seconds, 0 or "
                          "more (for example 60). Fix or remove it; nothing has changed."),
    "msg_plan_changed": ("Dữ liệu đã thay đổi trong lúc thay đổi này chờ đến lượt (phiên bản {version} vừa được áp dụng), "
                         "và kết quả nhập không còn giống bản xem trước đã duyệt: thêm {was_add}, đổi {was_change}, đã "
                         "có {was_same} → thêm {now_add}, đổi {now_change}, đã có {now_same}. Chưa nhập gì. Hãy xem lại "
                         "bản xem trước mới rồi áp dụng.",
                         "The data changed while this change waited its turn (version {version} was just applied), and "
                         "the import no longer matches the preview that was accepted: add {was_add}, change "
                         "{was_change}, unchanged {was_same} → add {now_add}, change {now_change}, unchanged "
                         "{now_same}. Nothing was imported. Check the new preview, then apply."),
    "msg_out_missing": ("Không có thư mục “{path}”: hãy tạo thư mục trước, hoặc chọn một thư mục đã có cho --out. "
                        "Chưa ghi gì.",
                        "The folder “{path}” does not exist: create it first, or give --out a folder that exists. "
                        "Nothing was written."),
    "msg_out_exists": ("Đã có tệp “{path}”: không ghi đè. Thêm --force để ghi đè, hoặc chọn chỗ khác cho --out.",
                       "The file “{path}” already exists: it was not overwritten. Add --force to overwrite it, or "
                       "give --out another place."),
    "msg_db_cannot_rebuild": ("Tệp cơ sở dữ liệu “{path}” bị hỏng (hoặc không phải của bảng theo dõi này) và không dựng lại "
                              "được vì thư mục “{folder}” không ghi được. Người quản trị cần cho phép ghi vào thư mục này (hoặc đặt OCOP_DB sang "
                              "một thư mục ghi được) rồi tải lại trang; dữ liệu được dựng lại từ các tệp và lịch sử nhập.",
                              "The database file “{path}” is damaged (or not this dashboard's) and cannot be rebuilt "
                              "because the folder “{folder}” cannot be written. An administrator needs to make it writable (or point "
                              "OCOP_DB to a writable folder), then reload the page; the data is rebuilt from the files "
                              "and the import history."),
    "msg_login_cannot_record": ("Không đăng nhập được lúc này: không ghi được số lần đăng nhập sai vào thư mục “{path}” "
                                "(chỉ cho đọc hoặc không có quyền ghi). Người quản trị cần cho phép ghi vào thư mục này.",
                                "Logging in is not possible now: failed attempts cannot be recorded in the folder "
                                "“{path}” (it is read-only, or there is no permission). An administrator needs to make "
                                "it writable."),
    # --- end of issue 22's block ---
    # issue 20 (truth, third pass): certificates said as computed, later evidence, restored quotes
    "no_deadline": ("nguồn không nêu thời hạn", "no deadline stated"),
    # certificates said as computed (ocop_data.certificates; story/certificates.py)
    "cert_rule": ("theo quy định 36 tháng từ {start}", "by the 36-month rule from {start}"),
    "cert_rule_decision": ("theo quy định 36 tháng từ ngày quyết định {start}",
                           "by the 36-month rule from the decision of {start}"),
    "cert_rule_valid": ("còn hiệu lực đến {end}", "valid until {end}"),
    "cert_rule_expiring": ("hết hạn {end} (trong 12 tháng tới)", "expires {end} (within 12 months)"),
    "cert_rule_expires": ("hết hạn {end}", "expires {end}"),
    "cert_evidence": ("còn được nêu là {stars}, {date}", "still named as {stars}, {date}"),
    "cert_evidence_national": ("còn được nêu là {stars} quốc gia, {date}",
                               "still named as a national {stars} product, {date}"),
    "cert_mentioned": ("theo quy định đã quá hạn, nhưng còn được nêu về sau", "past the rule's expiry, but named later"),
    "cert_basis_quote": ("Nguồn nêu: “{quote}”", "The source says: “{quote}”"),
    "decision_ref": ("Quyết định {no} ({date})", "Decision {no} ({date})"),
    "decision_products": ("{n} sản phẩm của {what}", "{n} products of {what}"),
    "finder_cert_mentioned": ("{head}: hết hạn {date}; {evidence}", "{head}: expires {date}; {evidence}"),
    "ev_mention": ("Được nêu về sau", "Later mention"),
    "quote_restored": ("đã khôi phục dấu", "letters restored"),
    "fld_quote_display": ("Nguyên văn như nguồn in (đã khôi phục dấu)", "Quote as the source prints it (letters restored)"),
    "fld_quote_garbled": ("Bản trích xuất bị mất chữ", "Extracted text lost letters"),
    "f_one_of": ("một trong các {ref}", "one of {ref}"),
    "change_withdrawn": ("Rút lại đính chính", "Correction withdrawn"),
    "corr_withdrawn_by": ("đã rút lại ({id})", "withdrawn ({id})"),
    "corr_table_correction": ("Đính chính", "Correction"),
    "f_nothing_after": ("{territory}: chưa thấy số liệu sau {date}", "{territory}: no figure found after {date}"),
    "quote_garbled": ("bản trích xuất bị mất chữ", "extracted text lost letters"),
    "col_cert_status": ("Tình trạng chứng nhận (tính theo quy định 36 tháng)",
                        "Certificate status (computed by the 36-month rule)"),
    # issue 16: files as they come, the level from the title, possible duplicates decided
    "possibly_same_decide": ("Các dòng dưới đây có thể là sản phẩm đã có. Hãy chọn cho từng dòng; dòng chưa chọn sẽ "
                             "không được nhập.",
                             "The rows below may be products already recorded. Choose for each row; a row left "
                             "undecided is not imported."),
    "possibly_same_row": ("{where}: “{label}” ~ “{other}” (mã {id})", "{where}: “{label}” ~ “{other}” (id {id})"),
    "decide_undecided": ("Chưa chọn: không nhập dòng này", "Undecided: leave this row out"),
    "decide_same": ("Cùng sản phẩm: thêm lần xếp hạng vào “{other}”", "The same product: add the rating to “{other}”"),
    "decide_different": ("Sản phẩm khác: thêm mới", "Another product: add it as new"),
    "decide_save": ("Ghi nhận lựa chọn", "Record the choices"),
    "notes_title": ("Lưu ý ({n})", "Notes ({n})"),
    "msg_not_xls": ("Tệp này không đọc được như một bảng tính Excel 97–2003 (.xls) dù có đuôi .xls (có thể là trang web "
                    "hoặc tệp hỏng). Hãy mở trong Excel và lưu lại dạng .xlsx.",
                    "This file cannot be read as an Excel 97–2003 workbook (.xls) although it is named .xls (it may be "
                    "a web page or a damaged file). Open it in Excel and save it as .xlsx."),
    "msg_sheet_too_large": ("Trang “{sheet}” có ô ở tận dòng {rows} (cột thứ {columns}): vùng quá lớn để đọc. Hãy xóa "
                            "các ô thừa ở xa bảng rồi lưu lại.",
                            "Sheet “{sheet}” has cells as far down as row {rows} (column {columns}): too large an area "
                            "to read. Delete the stray cells far from the table and save it again."),
    "msg_legacy_encoding": ("Tệp dùng bảng mã {encoding}, không phải Unicode, nên chữ tiếng Việt không đọc được (ví dụ "
                            "trang “{sheet}”, dòng {row}: “{text}”). Hãy chuyển mã và lưu lại dạng Unicode (ví dụ Unikey › "
                            "Công cụ chuyển mã: nguồn {encoding}, đích Unicode), rồi tải lên lại.",
                            "The file uses the {encoding} encoding, not Unicode, so its Vietnamese text cannot be read "
                            "(e.g. sheet “{sheet}”, row {row}: “{text}”). Convert it and save it as Unicode (e.g. "
                            "Unikey's converter: from {encoding} to Unicode), then upload it again."),
    "msg_formula_no_value": ("Ô “{column}” là công thức chưa có giá trị đã tính (tệp do một chương trình tạo ra và chưa "
                             "được mở bằng Excel). Hãy mở tệp trong Excel hoặc LibreOffice, lưu lại rồi tải lên.",
                             "Cell “{column}” is a formula with no computed value (the file was written by a program "
                             "and never opened in Excel). Open it in Excel or LibreOffice, save it, then upload it."),
    "msg_hidden_sheet": ("Trang “{sheet}” bị ẩn trong tệp nên không được nhập, dù có dữ liệu. Nếu cần nhập, hãy bỏ ẩn "
                         "trang trong Excel, hoặc chọn nội dung của trang ở bước ghép cột.",
                         "Sheet “{sheet}” is hidden in the file, so it is not imported although it holds data. To "
                         "import it, unhide it in Excel, or choose what the sheet holds in the mapping step."),
    "msg_title_district_elsewhere": ("Dòng tiêu đề {row} ghi “{text}”, nhưng huyện {district} thuộc tỉnh {other}, không "
                                     "phải tỉnh {province} đã chọn. Hãy kiểm tra lại tỉnh.",
                                     "Title row {row} reads “{text}”, but district {district} belongs to {other}, not "
                                     "to the chosen province {province}. Check the province."),
    "msg_title_district_unknown": ("Dòng tiêu đề {row} ghi huyện “{district}”, nhưng danh sách huyện (trước 2025) của "
                                   "tỉnh {province} không có huyện này: sản phẩm sẽ không ghi huyện.",
                                   "Title row {row} names district “{district}”, but the (pre-2025) district list of "
                                   "{province} has no such district: the products will have no district."),
    "msg_commune_level": ("Dòng tiêu đề {row} ghi “{text}”: danh sách của cấp xã. Bảng theo dõi ghi cấp của quyết định "
                          "công nhận sản phẩm (huyện, tỉnh hoặc quốc gia), không ghi cấp xã. Hãy chọn “Cấp” cho cả tệp "
                          "theo quyết định công nhận các sản phẩm, hoặc ghép cột “Cấp”.",
                          "Title row {row} reads “{text}”: a commune's list. The dashboard records the level of the "
                          "decision that recognised the products (district, province or national), not a commune. "
                          "Choose the “Level” of the decision that recognised the products for the whole file, or map "
                          "a “Level” column."),
    "msg_possibly_same_left_out": ("“{label}” có thể trùng với sản phẩm đã có “{other}” (mã {id}): dòng này chưa được "
                                   "nhập. Hãy chọn cùng sản phẩm hay sản phẩm khác (dòng lệnh: --same {where}={id} "
                                   "hoặc --different {where}).",
                                   "“{label}” may be the recorded product “{other}” (id {id}): this row is left out. "
                                   "Say whether it is the same product or another one (command line: --same "
                                   "{where}={id} or --different {where})."),
    "msg_same_unknown_product": ("Không có sản phẩm mã “{id}” (lựa chọn “cùng sản phẩm” cho dòng {where}).",
                                 "There is no product with id “{id}” (the “same product” choice for row {where})."),
    "msg_decision_not_new": ("Dòng {where} không phải một sản phẩm mới của tệp (sản phẩm “{label}” đã có), nên không "
                             "áp dụng được lựa chọn cho dòng này.",
                             "Row {where} is not a new product of the file (product “{label}” is already recorded), so "
                             "the choice for this row does not apply."),
    "msg_decision_no_row": ("Tệp không có dòng sản phẩm {where} (hãy dùng TRANG:DÒNG như bản xem trước ghi).",
                            "The file has no product row {where} (use SHEET:ROW as the preview shows it)."),
    "msg_bad_row_ref": ("“{value}” không đúng dạng TRANG:DÒNG (ví dụ “Sheet1:5”), hoặc TRANG:DÒNG=MÃ_SẢN_PHẨM với --same.",
                        "“{value}” is not SHEET:ROW (e.g. “Sheet1:5”), or SHEET:ROW=PRODUCT_ID with --same."),
    # --- issue 17: figures, targets and sources in Vietnamese; undated figures; imported rows' origin ---
    "imported_from": ("Theo tệp {file}, dòng {row}", "From file {file}, row {row}"),
    "imported_from_sheet": ("Theo tệp {file}, trang {sheet}, dòng {row}", "From file {file}, sheet {sheet}, row {row}"),
    "imported_cells": ("Theo tệp nhập: {cells}", "From an imported file: {cells}"),
    "imported_whole_file": ("cả tệp", "whole file"),
    "sources_of_province": ("Nguồn số liệu của {province}: {n} nguồn (chọn “Tất cả” ở thanh bên để xem mọi nguồn).",
                            "Sources of {province}: {n} (choose “All” in the sidebar to see every source)."),
    "sheet_sources": ("Nguồn (Địa chỉ, Tiêu đề, Đơn vị đăng, Ngày đăng…)", "Sources (Address, Title, Publisher, Date…)"),
    "sheet_figures": ("Số liệu (mỗi dòng một báo cáo)", "Figures (one row per report)"),
    "sheet_targets": ("Mục tiêu (theo lời văn bản)", "Targets (in the document's words)"),
    "imp_add_source": ("Thêm nguồn", "Add a source"),
    "imp_add_source_help": ("Nguồn chưa có trong bảng theo dõi: ghi đúng những gì trang nêu về chính nó. Ngày đăng để "
                            "trống nếu trang không nêu (sẽ ghi “không nêu”); không ghi ngày đoán. Sau khi thêm, có thể "
                            "ghi địa chỉ hoặc tiêu đề của nguồn vào cột Nguồn của tệp, hoặc chọn nó cho cả tệp.",
                            "A source not yet recorded: write what its page states about itself. Leave the date empty "
                            "when the page states none (it is recorded as “not stated”); never a guessed date. Once "
                            "added, write its address or title in the file's Nguồn (source) column, or choose it for "
                            "the whole file."),
    "imp_remove": ("Bỏ", "Remove"),
    "imp_published_ph": ("dd/mm/yyyy, mm/yyyy hoặc yyyy", "dd/mm/yyyy, mm/yyyy or yyyy"),
    "imp_published_help": ("Như trang ghi; để trống nếu trang không nêu.", "As the page states it; empty when it "
                           "states none."),
    "imp_gathered_help": ("Ngày lấy số liệu từ trang (để trống = hôm nay).", "When the facts were taken from the page "
                          "(empty = today)."),
    "imp_add_source_button": ("Thêm nguồn này", "Add this source"),
    "imp_source_known": ("Nguồn này đã có: {label}. Hãy dùng nguồn đã có (ghi địa chỉ hoặc tiêu đề của nó).",
                         "This source is already recorded: {label}. Use it (write its address or title)."),
    "imp_source_pending": ("(xem lại sau khi sửa các vấn đề của tệp)", "(shown once the file's problems are fixed)"),
    "imp_new_sources": ("Nguồn sẽ thêm, với dòng trích dẫn", "Sources to add, with their citation line"),
    "imp_sources_known": ("Nguồn đã có (không thêm lần nữa): {names}", "Sources already recorded (not added again): "
                          "{names}"),
    "imp_new_figures": ("Số liệu sẽ thêm", "Figures to add"),
    "fig_kind_reported": ("báo cáo", "reported"),
    "fig_kind_estimate": ("ước tính", "estimate"),
    "fig_kind_derived": ("tính toán", "derived"),
    "imp_undated_title": ("Báo cáo không rõ ngày ({n}): ngày số liệu ứng với, nếu biết",
                          "Undated reports ({n}): the date each stands for, if known"),
    "imp_undated_help": ("Nếu trang không nêu ngày nhưng biết số liệu ứng với thời điểm nào (ví dụ bài viết nói “hiện "
                         "nay”), ghi ngày đó và lý do: ngày được lưu là “suy ra”, không bao giờ là ngày của nguồn. Để "
                         "trống thì báo cáo vẫn hiện, ghi là không rõ ngày, bên cạnh biểu đồ.",
                         "If the page states no date but you know what time the figure stands for (the article says "
                         "“currently”), give that date and the reason: it is stored as “inferred”, never as the "
                         "source's date. Left empty, the report is still shown, as undated, beside the chart."),
    "imp_undated_row": ("{sheet}, dòng {row}: {values}", "{sheet}, row {row}: {values}"),
    "imp_targets": ("Mục tiêu: đọc được từ lời văn bản", "Targets: as read from the document's words"),
    "imp_target_unread": ("chưa đọc được: hãy chọn đại lượng bên dưới", "not read: choose the quantity below"),
    "imp_row": ("dòng", "row"),
    "imp_target_ok": ("sẽ thêm hoặc đã có", "to add, or recorded"),
    "imp_target_problem": ("cần sửa (xem các vấn đề)", "to fix (see the problems)"),
    "imp_correct_targets": ("Sửa cách đọc mục tiêu", "Correct how targets were read"),
    "imp_correct_help": ("Chọn so sánh và đại lượng bằng lời; giá trị và hạn như văn bản ghi. Bấm “Kiểm tra lại” để "
                         "xem trước với các lựa chọn này.",
                         "Choose the comparison and the quantity in words; the value and deadline as the document "
                         "states them. Press “Check again” to preview with these choices."),
    "imp_comparison": ("So sánh", "Comparison"),
    "imp_quantity": ("Đại lượng", "Quantity"),
    "imp_value_high": ("Đến (nếu là khoảng)", "To (for a range)"),
    "imp_warnings": ("Sau khi áp dụng, phần kiểm tra sẽ cảnh báo thêm {n} điều (không chặn việc áp dụng):",
                     "After applying, the check would warn of {n} more thing(s) (they do not block applying):"),
    "imp_warning": ("Cảnh báo", "Warning"),
    "f_undated_list": ("{n} báo cáo không rõ ngày: {values}", "{n} undated reports: {values}"),
    "f_undated_list_1": ("1 báo cáo không rõ ngày: {values}", "1 undated report: {values}"),
    "f_undated_larger": ("{n} báo cáo không rõ ngày ghi số lớn hơn: {values}",
                         "{n} undated reports give larger numbers: {values}"),
    "f_undated_larger_1": ("1 báo cáo không rõ ngày ghi số lớn hơn: {values}",
                           "1 undated report gives a larger number: {values}"),
    # --- issue 17: sources, figures and targets in Vietnamese (the sheets Nguồn, Số liệu, Mục tiêu) ---
    # the fields of the sheets Nguồn, Số liệu, Mục tiêu (ocop_data/importer/report_headers.label)
    "rep_field_address": ("Địa chỉ", "Address"),
    "rep_field_title": ("Tiêu đề", "Title"),
    "rep_field_publisher": ("Đơn vị đăng", "Publisher"),
    "rep_field_published": ("Ngày đăng", "Published"),
    "rep_field_gathered": ("Ngày lấy", "Gathered"),
    "rep_field_language": ("Ngôn ngữ", "Language"),
    "rep_field_source_id": ("Mã nguồn", "Source id"),
    "rep_field_note": ("Ghi chú", "Note"),
    "rep_field_province": ("Tỉnh", "Province"),
    "rep_field_as_of": ("Tính đến", "As of"),
    "rep_field_total": ("Tổng số sản phẩm OCOP", "Total OCOP products"),
    "rep_field_s3": ("3 sao", "3-star"),
    "rep_field_s4": ("4 sao", "4-star"),
    "rep_field_s5": ("5 sao", "5-star"),
    "rep_field_s5p": ("Tiềm năng 5 sao", "Potential 5-star"),
    "rep_field_subjects": ("Số chủ thể", "Producers"),
    "rep_field_round_new": ("Mới công nhận trong đợt", "New in the round"),
    "rep_field_kind": ("Loại (báo cáo / ước tính)", "Kind (reported / estimate)"),
    "rep_field_confidence": ("Độ tin cậy", "Confidence"),
    "rep_field_inferred_date": ("Ngày suy ra", "Inferred date"),
    "rep_field_inferred_reason": ("Lý do suy ra", "Why inferred"),
    "rep_field_source": ("Nguồn", "Source"),
    "rep_field_quote": ("Câu nguyên văn", "Quote (the source's words)"),
    "rep_field_document": ("Văn bản", "Document"),
    "rep_field_wording": ("Mục tiêu", "Target"),
    "rep_field_deadline": ("Hạn", "Deadline"),
    "rep_field_period": ("Giai đoạn", "Period"),
    "msg_source_needs_address_or_title": (
        "Nguồn cần ít nhất Địa chỉ hoặc Tiêu đề. Hãy chép địa chỉ trang (bắt đầu bằng https://) hoặc tiêu đề như "
        "trang ghi.",
        "A source needs at least its Address or its Title. Copy the page's address (starting with https://) or "
        "its title as the page prints it."),
    "msg_bad_address": ("Địa chỉ “{value}” không phải địa chỉ trang web. Hãy chép địa chỉ từ thanh địa chỉ của trình "
                    "duyệt (bắt đầu bằng http:// hoặc https://), hoặc để trống nếu nguồn là văn bản in.",
                    "“{value}” is not a web address. Copy it from the browser's address bar (starting with "
                    "http:// or https://), or leave it empty for a printed document."),
    "msg_guessed_date": ("“{value}” là ngày đoán, không phải ngày trang ghi. Hãy ghi đúng ngày trang nêu (dd/mm/yyyy, "
                     "mm/yyyy hoặc yyyy), hoặc để trống nếu trang không nêu ngày (sẽ ghi là “không nêu”).",
                     "“{value}” is a guess, not the date the page states. Write the date as the page states it "
                     "(dd/mm/yyyy, mm/yyyy or yyyy), or leave it empty when the page states none (it is then "
                     "recorded as “not stated”)."),
    "msg_bad_stated_date": ("Ngày “{value}” không đọc được: hãy ghi dd/mm/yyyy, mm/yyyy hoặc yyyy như trang nêu, hoặc để "
                        "trống nếu trang không nêu.",
                        "Date “{value}” cannot be read: write dd/mm/yyyy, mm/yyyy or yyyy as the page states it, or "
                        "leave it empty when the page states none."),
    "msg_bad_source_id": ("Mã nguồn “{value}” chỉ được gồm chữ không dấu, số, “.”, “_” hoặc “-”. Hãy sửa, hoặc để trống "
                      "để hệ thống tự đặt mã.",
                      "Source id “{value}” may hold only plain letters, digits, “.”, “_” or “-”. Fix it, or leave it "
                      "empty and one is made."),
    "msg_source_id_taken": ("Mã nguồn “{value}” đã dùng cho một nguồn khác. Hãy chọn mã khác hoặc để trống.",
                        "Source id “{value}” is already used by another source. Choose another or leave it empty."),
    "msg_duplicate_source": ("Nguồn này đã có ở dòng {other} (cùng địa chỉ). Hãy xóa một trong hai dòng.",
                         "This source is already on row {other} (same address). Delete one of the two rows."),
    "msg_unknown_source_ref": ("Không tìm thấy nguồn “{value}” theo mã, địa chỉ hay tiêu đề. Hãy thêm nguồn này ở trang "
                           "“Nguồn” (hoặc bằng “Thêm nguồn” ở bước tải lên), rồi ghi địa chỉ hoặc tiêu đề của nó ở "
                           "đây.",
                           "No source has the id, address or title “{value}”. Add it on the “Nguồn” sheet (or with "
                           "“Add a source” in the upload step), then write its address or title here."),
    "msg_quote_lacks": ("Câu nguyên văn không nêu {what} “{value}” của dòng này. Hãy chép đúng câu của nguồn nêu giá trị "
                    "này, hoặc để trống ô Câu nguyên văn (dòng sẽ trích các ô của tệp).",
                    "The quote does not state this row's {what_en} “{value}”. Copy the source's sentence that "
                    "states it, or leave the quote empty (the row then cites the file's cells)."),
    "msg_duplicate_row": ("Dòng này lặp lại dòng {other} (cùng tỉnh, thời điểm, nội dung và nguồn). Hãy xóa một dòng.",
                      "This row repeats row {other} (same province, date, subject and source). Delete one of them."),
    "msg_ambiguous_number": ("“{value}” có thể hiểu hai cách (1234 hay 1,234). Hãy ghi số đếm không có dấu phẩy (1234), "
                         "hoặc dùng dấu chấm ngăn hàng nghìn (1.234).",
                         "“{value}” can be read two ways (1234 or 1.234). Write a count without a comma (1234), or "
                         "with a dot between the thousands (1.234)."),
    "msg_not_whole": ("“{value}” không phải số nguyên: đây là số đếm (sản phẩm, chủ thể). Hãy ghi số nguyên.",
                  "“{value}” is not a whole number: this is a count (products, producers). Write a whole number."),
    "msg_bad_count": ("“{value}” không đọc được thành số. Hãy ghi một số (ví dụ 150), có thể kèm “hơn”, “ít nhất” hoặc "
                  "“khoảng” (ví dụ “hơn 150”).",
                  "“{value}” cannot be read as a number. Write a number (e.g. 150), possibly with “hơn”, “ít "
                  "nhất” or “khoảng” (more than, at least, about: “hơn 150”)."),
    "msg_bad_value": ("“{value}” không đọc được thành số. Hãy ghi một số, ví dụ 100 hoặc 87,5.",
                  "“{value}” cannot be read as a number. Write a number such as 100 or 87.5."),
    "msg_no_values": ("Dòng này không có số nào. Hãy điền ít nhất một cột số ({columns}) hoặc xóa dòng.",
                  "This row holds no figure. Fill in at least one of {columns}, or delete the row."),
    "msg_bad_kind": ("Loại “{value}” không nhận ra: hãy ghi “báo cáo” (số đã đạt) hoặc “ước tính”, hoặc để trống (= báo "
                 "cáo).",
                 "Kind “{value}” is not recognised: write “báo cáo” (reported) or “ước tính” (estimate), or leave "
                 "it empty (= reported)."),
    "msg_inferred_but_dated": ("Nguồn đã nêu ngày (“{stated}”): chỉ ghi Ngày suy ra “{value}” khi nguồn không nêu ngày. "
                           "Hãy xóa một trong hai ô.",
                           "The source states a date (“{stated}”): give an inferred date (“{value}”) only when it "
                           "states none. Clear one of the two cells."),
    "msg_inferred_needs_reason": ("Đã ghi Ngày suy ra “{value}” nhưng chưa ghi Lý do suy ra. Hãy ghi vì sao số liệu ứng "
                              "với ngày này (ví dụ “bài đăng ngày 12/3/2024 nói ‘hiện nay’”).",
                              "An inferred date (“{value}”) needs its reason. Write why the figure stands for that "
                              "date (e.g. “the article of 12/3/2024 says ‘currently’”)."),
    "msg_target_quantity": ("Không rõ mục tiêu “{value}” đếm gì. Hãy viết như văn bản (ví dụ “ít nhất 100 sản phẩm 4 "
                        "sao”, “phát triển mới 31 sản phẩm”, “100% xã có sản phẩm OCOP”), hoặc chọn đại lượng ở bước "
                        "xem trước. Các đại lượng: {choices}.",
                        "What target “{value}” counts is not clear. Write it as the document does (e.g. “ít nhất "
                        "100 sản phẩm 4 sao”, “phát triển mới 31 sản phẩm”, “100% xã có sản phẩm OCOP”), or choose "
                        "the quantity in the preview. Quantities: {choices}."),
    "msg_target_value": ("Mục tiêu “{value}” không nêu con số (hoặc thiếu đầu kia của khoảng). Hãy ghi con số như văn "
                     "bản, ví dụ “ít nhất 100 sản phẩm 4 sao” hoặc “15–20 sản phẩm xuất khẩu”.",
                     "Target “{value}” states no number (or a range lacks its other end). Write the number as the "
                     "document does, e.g. “ít nhất 100 sản phẩm 4 sao” or “15–20 sản phẩm xuất khẩu”."),
    "msg_target_deadline": ("“Phát triển mới” được đếm đến hết giai đoạn: hãy ghi cột Hạn (yyyy hoặc dd/mm/yyyy), hoặc "
                            "“đến năm 2025” hay “giai đoạn 2021–2025” trong mục tiêu.",
                            "New products are counted to the end of a period: fill in the Hạn (deadline) column (yyyy "
                            "or dd/mm/yyyy), or write “đến năm 2025” or “giai đoạn 2021–2025” in the target."),
    "msg_target_period": ("“Phát triển mới” được đếm trong một giai đoạn: hãy ghi giai đoạn (“giai đoạn 2021–2025”, ở cột "
                      "Giai đoạn hoặc trong mục tiêu) hoặc ngày của văn bản (“Kế hoạch 90/KH-UBND ngày "
                      "02/06/2021”).",
                      "New products are counted over a period: write the period (“giai đoạn 2021–2025”, in a "
                      "Giai đoạn column or in the target) or the document's date (“Kế hoạch 90/KH-UBND ngày "
                      "02/06/2021”)."),
    "msg_check_warning": ("{vi}", "{en}"),
    # --- issue 18 (one chart definition, source labels, target labels, colours): words added here ---
    "source_unnamed": ("nguồn không nêu tên", "unnamed source"),
    "src_line_link": ("Xem {n} nguồn", "See the {n} sources"),
    "src_line_link_1": ("Xem nguồn", "See the source"),
    "src_filter_note": ("Đang xem {n} nguồn của một biểu đồ.", "Showing the {n} sources of one chart."),
    "src_filter_all": ("Xem tất cả nguồn", "Show every source"),
    "source_code": ("Mã nguồn", "Source id"),
    "legend_year_inferred": ("năm suy ra", "year inferred"),
    # what a target counts, in a few words (story.findings.target_label): "Sơn La · 4 sao ≥ 100 (2025)"
    "qty_products_total": ("tổng sản phẩm", "total products"),
    "qty_products_3star": ("3 sao", "3-star"),
    "qty_products_4star": ("4 sao", "4-star"),
    "qty_products_5star": ("5 sao", "5-star"),
    "qty_products_5p": ("tiềm năng 5 sao", "potential 5-star"),
    "qty_products_exported": ("sản phẩm xuất khẩu", "exported products"),
    "qty_communes_with_product": ("xã có sản phẩm", "communes with a product"),
    "qty_advanced_ntm_communes_with_ocop": ("xã NTM nâng cao có OCOP", "advanced new-rural communes with OCOP"),
    "qty_districts_with_5star": ("huyện có sản phẩm 5 sao", "districts with a 5-star product"),
    "qty_new_products_year": ("sản phẩm mới", "new products"),
    "qty_provincial_level_products_year": ("xếp hạng cấp tỉnh", "rated at provincial level"),
    "qty_district_level_products_year": ("xếp hạng cấp huyện", "rated at district level"),
    "qty_upgrades_4_to_5": ("nâng hạng 4→5 sao", "upgrades 4→5-star"),
    "qty_upgrades_3_to_4": ("nâng hạng 3→4 sao", "upgrades 3→4-star"),
    "qty_subjects_total": ("chủ thể", "producers"),
    "qty_share_subjects_coop_group_household": ("chủ thể là HTX, THT, hộ", "producers: co-ops, groups, households"),
    "qty_share_subjects_sme": ("chủ thể là DN nhỏ và vừa", "producers: small and medium firms"),
    "qty_share_workers_trained": ("lao động có chứng chỉ", "workers with certificates"),
    "qty_share_products_ecommerce": ("sản phẩm bán trên sàn TMĐT", "products sold online"),
    "qty_share_products_trademark": ("sản phẩm có nhãn hiệu, tem, mã", "products with trademark, stamp, code"),
    "qty_share_3star_upgraded_to_4star": ("sản phẩm 3 sao lên 4 sao", "3-star products raised to 4-star"),
    # --- issue 16: every province, its own map ---
    "map_no_boundaries": ("{province}: chưa có ranh giới", "{province}: no boundaries yet"),
    "map_no_boundary_districts": ("Không có ranh giới: {names}", "No boundary: {names}"),
    "map_no_points": ("{province}: chưa có điểm bán nào đặt được trên bản đồ",
                      "{province}: no sales point can be placed on the map"),
    "map_provinces_no_points": ("{n} tỉnh chưa có điểm bán nào đặt được trên bản đồ",
                                "{n} provinces have no sales point that can be placed on the map"),
    "map_and_more": ("{names} và {n} nơi khác", "{names} and {n} more"),
    "map_year_2019": ("{name} (2019)", "{name} (2019)"),
    "map_boundary_2019": ("Ranh giới và tên năm 2019: danh mục ngày 01/03/2025 không có huyện này",
                          "Boundary and name of 2019: no such district in the list of 01/03/2025"),
    "add_province": ("Thêm {name} (mã {code}) vào dữ liệu", "Add {name} (code {code}) to the data"),
    "add_province_help": ("Tỉnh này có trong danh mục 63 tỉnh trước 01/07/2025 và 34 tỉnh từ ngày đó (kèm các tỉnh "
                          "hợp nhất thành nó), nhưng chưa có trong dữ liệu. Đánh dấu rồi bấm “Kiểm tra lại với cách "
                          "ghép này” để thêm.",
                          "This province is in the list of the 63 provinces before 01/07/2025 and the 34 since (with "
                          "the provinces merged into it) but not in the data yet. Tick it, then “Check again with "
                          "this mapping” to add it."),
    "not_in_data": ("{name} (chưa có trong dữ liệu)", "{name} (not in the data yet)"),
    "msg_province_not_in_data": ("{full_name} (mã {code}) chưa có trong dữ liệu. Hãy xác nhận để thêm từ danh mục "
                                 "tỉnh{merged}: trên trang web, đánh dấu ô “Thêm {name}”; ở dòng lệnh, dùng --yes. Các "
                                 "dòng của tỉnh này chờ xác nhận.",
                                 "{name} (code {code}) is not in the data yet. Confirm to add it from the list of "
                                 "provinces{merged}: on the web page, tick “Add {name}”; on the command line, use "
                                 "--yes. Its rows wait for the confirmation."),
}


def t(key: str, lang: str, **params) -> str:
    """The words of ``key`` in ``lang`` (Vietnamese unless "en"), their ``{name}`` places filled from ``params``
    when any are given. An unknown key is returned as it is, or raises KeyError under ``$OCOP_STRICT_WORDS``."""
    pair = WORDS.get(key)
    if pair is None:
        if os.environ.get(STRICT):
            raise KeyError(f"no words for {key!r} in ocop_data/words.py")
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text


def t_or(key: str, lang: str, fallback: str) -> str:
    """The words of ``key`` in ``lang``, or ``fallback`` when the table has none (a code without words of its own
    shows as itself)."""
    return t(key, lang) if key in WORDS else fallback


def lang_col(name: str, lang: str) -> str:
    """The column holding ``name`` in ``lang``: lang_col("metric", "en") -> "metric_en", else "metric_vi"."""
    return f"{name}_en" if lang == "en" else f"{name}_vi"
