"""The one home of the dashboard's words, in Vietnamese (first) and English."""
from __future__ import annotations

LANGS = ("vi", "en")

S: dict[str, tuple[str, str]] = {
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
    # start-up
    "building_db": ("Đang dựng cơ sở dữ liệu từ các tệp nguồn…", "Building the database from the source files…"),
    "db_built_missing": ("Chưa có cơ sở dữ liệu nên đã dựng mới từ các tệp nguồn.",
                         "There was no database yet, so it was built from the source files."),
    "db_rebuilt_unreadable": ("Tệp cơ sở dữ liệu không đọc được nên đã được dựng lại từ các tệp nguồn.",
                              "The database file could not be read, so it was rebuilt from the source files."),
    "db_rebuilt_incompatible": ("Tệp cơ sở dữ liệu thuộc phiên bản khác nên đã được dựng lại.",
                                "The database file was from another version, so it was rebuilt."),
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
    "latest_total": ("Tổng số sản phẩm OCOP mới nhất", "Latest total of OCOP products"),
    "age_warning": ("Số liệu mới nhất đã {months} tháng tuổi (quá 12 tháng).",
                    "The latest figure is {months} months old (more than 12 months)."),
    "age_ok": ("Số liệu {months} tháng tuổi.", "Figure {months} months old."),
    "change_since": ("so với {prev} ({date})", "vs {prev} ({date})"),
    "change_sources_differ": ("Hai số liệu lấy từ hai nguồn khác nhau.", "The two figures come from different sources."),
    "no_previous": ("Chưa có báo cáo trước để so sánh.", "No earlier comparable report."),
    "national_context": ("Cả nước: {value} sản phẩm ({date})", "Nationwide: {value} products ({date})"),
    "coverage": ("Độ phủ danh sách", "List coverage"),
    "coverage_text": ("Cơ sở dữ liệu liệt kê {listed} sản phẩm có tên trên tổng số {total} sản phẩm đã báo "
                      "cáo ({date}).",
                      "The database lists {listed} named products of the {total} reported ({date})."),
    "headline_targets": ("Mục tiêu chính", "Headline targets"),
    "timeline": ("Các mốc của chương trình", "Programme timeline"),
    "no_figure": ("Chưa có số liệu đã báo cáo.", "No reported figure yet."),
    "other_source_at_date": ("Nguồn khác cùng thời điểm: {text}", "Another source at the same date: {text}"),
    "tiers_line": ("3 sao: {s3} · 4 sao: {s4} · 5 sao: {s5} · tiềm năng 5 sao: {s5p}",
                   "3★: {s3} · 4★: {s4} · 5★: {s5} · potential 5★: {s5p}"),
    # stars page
    "stars_title": ("Sản phẩm OCOP theo hạng sao", "OCOP products by star tier"),
    "stars_subtitle": ("Số sản phẩm đạt từ 3 sao, theo thời điểm báo cáo và nguồn · đến {date}",
                       "Products of 3★ or more, by report date and source · up to {date}"),
    "stars_footer_note": ("Mỗi cột là một báo cáo (thời điểm × nguồn). Nguồn bất đồng được hiển thị cạnh nhau. "
                          "Cột chỉ có tổng: nguồn chưa công bố phân hạng sao. Ước tính và số liệu không rõ ngày "
                          "không nằm trên trục thời gian.",
                          "Each bar is one report (date × source). Disagreeing sources stand side by side. "
                          "A bar with only a total: the source did not publish the split. Estimates and undated "
                          "figures are not placed on the time axis."),
    "rounds_title": ("Sản phẩm mới trong từng đợt đánh giá", "New products in each evaluation round"),
    "rounds_subtitle": ("Số sản phẩm được công nhận mới trong đợt (không phải số lũy kế)",
                        "Products newly recognised in the round (not a running total)"),
    "undated_title": ("Số liệu không rõ ngày hoặc ước tính", "Undated figures and estimates"),
    "counted_from_list": ("Đếm từ danh sách sản phẩm trong CSDL", "Counted from the product list"),
    # presentation
    "page_present": ("Trình chiếu", "Present"),
    "slide_headline_sub": ("Số liệu đã báo cáo mới nhất, có thể so sánh, của từng địa bàn",
                           "The latest comparable reported figure of each territory"),
    "slide_subjects_published": ("Cơ cấu chủ thể do tỉnh công bố · {date}", "Producers by type as the province "
                                 "published them · {date}"),
    "slide_sources_sub": ("Các nguồn của số liệu trong bài trình chiếu", "Where the figures in these slides come from"),
    "slide_of": ("Trang {i}/{n}", "Slide {i} of {n}"),
    "prev": ("◀ Trước", "◀ Previous"),
    "next": ("Sau ▶", "Next ▶"),
    "building_pptx": ("Đang tạo bản PowerPoint…", "Making the PowerPoint…"),
    "download_pptx": ("Tải bản tóm tắt PowerPoint (.pptx)", "Download the PowerPoint briefing (.pptx)"),
    "exit_present": ("Thoát trình chiếu", "Leave presentation"),
    "briefing_title": ("Tóm tắt Chương trình OCOP", "OCOP programme briefing"),
    "generated": ("Tạo ngày {date} từ cơ sở dữ liệu phiên bản {version}", "Made on {date} from data version {version}"),
    # targets
    "targets_title": ("Mục tiêu kế hoạch và kết quả đạt được", "Plan targets and what was reached"),
    "target": ("Mục tiêu", "Target"),
    "plan": ("Kế hoạch", "Plan"),
    "progress_title": ("Tiến độ so với mục tiêu", "Progress against targets"),
    "progress_subtitle": ("% đạt = số liệu so sánh mới nhất / giá trị mục tiêu; màu theo tình trạng",
                          "% reached = latest comparable figure / target value; colour by status"),
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
    "status_no_data": ("Chưa có dữ liệu", "No data"),
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
    "star_history": ("Lịch sử hạng sao", "Star history"),
    "subjects_title": ("Chủ thể theo loại", "Producers by type"),
    "subjects_subtitle": ("trong số {n} chủ thể có trong danh sách này (không phải cơ cấu của cả tỉnh)",
                          "among the {n} producers listed here (not the province's split)"),
    "kh77_shares": ("Mục tiêu cơ cấu chủ thể của Kế hoạch 77", "Kế hoạch 77's subject-type shares"),
    "reevaluation_title": ("Sản phẩm đến hạn đánh giá lại", "Products due for re-evaluation"),
    "reevaluation_note": ("Chỉ tính các sản phẩm có ngày quyết định chính xác đến ngày (chứng nhận có hiệu lực "
                          "36 tháng).", "Only products with a day-precise decision date (certificates last "
                          "36 months)."),
    "none_due": ("Không có sản phẩm nào có ngày quyết định đủ chính xác để tính hạn.",
                 "No product has a decision date precise enough to compute its expiry."),
    "days_left": ("Còn (ngày)", "Days left"),
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
    "derived": ("(suy ra)", "(derived)"),
    "english_name": ("tên tiếng Anh", "English name"),
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
    "map_legend": ("● Vòng vàng có số: số điểm đã công bố tại huyện (đặt ở tâm huyện). ○ Vòng trắng không số: địa "
                   "phương có điểm, thuộc tổng số của tỉnh, chưa công bố số điểm từng nơi. Di chuột lên điểm để xem "
                   "chi tiết và nguồn.",
                   "● Gold circles with a number: points published for a district (drawn at its centroid). "
                   "○ White circles without a number: a locality with points, part of the province's total, split "
                   "not published. Hover a point for details and source."),
    "total_points": ("Tổng số điểm: {text} ({territory}, nguồn {source})",
                     "Total points: {text} ({territory}, source {source})"),
    "listed_sum": ("Các huyện được liệt kê cộng lại {n} điểm.", "The listed districts add up to {n} points."),
    "precision": ("Độ chính xác vị trí", "Location precision"),
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
    "finder": ("Tìm số liệu (ví dụ: 4 sao Sơn La 2019)", "Find a figure (e.g. 4 sao Sơn La 2019)"),
    "finder_results": ("{n} số liệu tìm thấy", "{n} figures found"),
    "title": ("Tiêu đề", "Title"),
    "publisher": ("Đơn vị đăng", "Publisher"),
    "published": ("Ngày đăng", "Published"),
    "gathered": ("Ngày thu thập", "Gathered"),
    "seed_file": ("Tệp bài gốc", "Seed file"),
    "copy_citation": ("Trích dẫn (bấm biểu tượng để sao chép)", "Citation (click the icon to copy)"),
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
}


def t(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang``; the key itself if it is missing (visible, never a crash)."""
    pair = S.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]
