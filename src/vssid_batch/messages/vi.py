"""Vietnamese text: the default language of every message and hint."""

from __future__ import annotations

FIELD_NAMES: dict[str, str] = {
    "full_name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "gender": "Giới tính",
    "bhxh_code": "Mã số BHXH",
    "id_number": "Số CCCD/CMND",
    "id_issue_date": "Ngày cấp",
    "id_issue_place": "Nơi cấp",
    "phone": "Số điện thoại di động",
    "email": "Email",
    "address": "Địa chỉ",
    "nationality": "Quốc tịch",
    "employee_code": "Mã nhân viên",
    "department": "Phòng ban",
}

# code -> (message, hint). A code "*.x" serves every field; {field} is the field's name.
PROBLEMS: dict[str, tuple[str, str]] = {
    "*.missing": ("Thiếu {field}.", "Điền {field} cho người này."),
    "*.too_long": ("Ô {field} dài quá {limit} ký tự.",
                   "Kiểm tra lại ô: có thể đã dán nhầm cả một đoạn văn bản."),
    "*.unicode_normalized": ("{field} ở dạng Unicode tổ hợp, đã chuẩn hoá sang NFC.",
                             "Không cần làm gì; nên gõ lại bằng bộ gõ Unicode dựng sẵn."),
    "*.encoding_converted": ("{field} được gõ bằng bảng mã {encoding}, đã chuyển sang Unicode: "
                             "“{converted}”.",
                             "Kiểm tra lại chữ sau khi chuyển; nên gõ lại bằng Unicode."),
    "*.formula_without_value": ("Ô {field} là công thức chưa có giá trị.",
                                "Mở tệp bằng Excel, tính lại (F9) và lưu, hoặc nhập giá trị "
                                "thay cho công thức."),
    "full_name.invalid_character": ("Họ và tên có ký tự không hợp lệ “{char}”.",
                                    "Họ tên chỉ gồm chữ cái, dấu cách, dấu nháy hoặc gạch nối "
                                    "trong tên (vd. H'Hen Niê)."),
    "full_name.too_long": ("Họ và tên dài {length} ký tự (tối đa {max_length}).",
                           "Chỉ ghi họ và tên, không ghi thêm chức danh hay ghi chú."),
    "birth_date.invalid": ("Ngày sinh “{value}” không đọc được.",
                           "Ghi theo dạng ngày/tháng/năm, vd. 05/09/1990, hoặc chỉ năm sinh."),
    "birth_date.future": ("Ngày sinh ở sau ngày {as_of}.", "Kiểm tra lại năm sinh."),
    "birth_date.too_young": ("Người lao động mới {age} tuổi (dưới 15 tuổi).",
                             "Kiểm tra lại ngày sinh; người lao động phải đủ 15 tuổi."),
    "birth_date.too_old": ("Người lao động đã {age} tuổi.",
                           "Kiểm tra lại năm sinh nếu đây là lỗi gõ."),
    "gender.invalid": ("Giới tính “{value}” không hợp lệ.", "Ghi “Nam” hoặc “Nữ”."),
    "bhxh_code.invalid_length": ("Mã số BHXH có {length} chữ số, phải đủ 10 chữ số.",
                                 "Tra mã số BHXH trên sổ BHXH hoặc ứng dụng VssID."),
    "bhxh_code.invalid_format": ("Mã số BHXH chỉ được gồm chữ số.",
                                 "Xoá chữ cái, dấu cách và ký tự khác trong mã."),
    "bhxh_code.leading_zero_restored": ("Mã số BHXH mất số 0 ở đầu do Excel, đã khôi phục "
                                        "thành {pii_value}.",
                                        "Định dạng cột Mã số BHXH là Text để Excel không "
                                        "xoá số 0."),
    "bhxh_code.personal_number": ("Cột “{column}” chứa số định danh cá nhân 12 số thay cho "
                                  "mã số BHXH 10 số.",
                                  "Từ 2025 số định danh dùng làm mã BHXH; nếu người này có mã "
                                  "10 số, nên ghi mã đó."),
    "bhxh_code.duplicate": ("Mã số BHXH trùng với dòng {other_rows}.",
                            "Mỗi người một mã số BHXH: kiểm tra người bị trùng hoặc gõ nhầm."),
    "id_number.invalid_length": ("Số CCCD/CMND có {length} chữ số, phải là 12 số (CCCD) "
                                 "hoặc 9 số (CMND cũ).",
                                 "Đối chiếu với thẻ căn cước gốc."),
    "id_number.invalid_format": ("Số CCCD/CMND chỉ được gồm chữ số.",
                                 "Xoá chữ cái, dấu cách và ký tự khác."),
    "id_number.unknown_province": ("Mã tỉnh “{province_code}” ở đầu số CCCD không tồn tại.",
                                   "Ba số đầu của CCCD là mã nơi đăng ký khai sinh; đối chiếu "
                                   "với thẻ gốc."),
    "id_number.foreign_province": ("Mã tỉnh “{province_code}” không thuộc 63 tỉnh, thành "
                                   "(khai sinh ở nước ngoài?).",
                                   "Chấp nhận vì quốc tịch không phải Việt Nam; đối chiếu "
                                   "với thẻ gốc."),
    "id_number.future_year": ("Năm sinh {year} suy ra từ số CCCD ở sau ngày {as_of}.",
                              "Chữ số thứ 4–6 của CCCD là thế kỷ, giới tính và năm sinh; "
                              "đối chiếu với thẻ gốc."),
    "id_number.sex_mismatch": ("Số CCCD là của người {id_gender}, nhưng cột “{gender_column}” "
                               "ghi {sheet_gender}.",
                               "Chữ số thứ 4 của CCCD cho biết giới tính: sai ở số CCCD hoặc "
                               "ở cột giới tính."),
    "id_number.birth_year_mismatch": ("Số CCCD cho năm sinh {id_year}, nhưng cột "
                                      "“{birth_column}” ghi năm {sheet_year}.",
                                      "Chữ số thứ 4–6 của CCCD là thế kỷ và năm sinh: sai ở số "
                                      "CCCD hoặc ở ngày sinh."),
    "id_number.leading_zero_restored": ("Số CCCD mất số 0 ở đầu do Excel, đã khôi phục thành "
                                        "{pii_value}.",
                                        "Định dạng cột CCCD là Text để Excel không xoá số 0."),
    "id_number.cmnd_no_longer_valid": ("CMND 9 số hết giá trị sử dụng từ 01/01/2025.",
                                       "Ghi số CCCD 12 số (số định danh cá nhân) của người "
                                       "này."),
    "id_number.card_expired": ("Thẻ CCCD đã hết hạn khi người này đủ {age} tuổi ({expired_on}).",
                               "Nhắc người lao động làm lại thẻ; ghi số và ngày cấp thẻ mới."),
    "id_number.duplicate": ("Số CCCD/CMND trùng với dòng {other_rows}.",
                            "Mỗi người một số CCCD: kiểm tra người bị trùng hoặc gõ nhầm."),
    "id_issue_date.invalid": ("Ngày cấp “{value}” không đọc được.",
                              "Ghi theo dạng ngày/tháng/năm, vd. 12/08/2021."),
    "id_issue_date.before_birth": ("Ngày cấp ở trước ngày sinh.",
                                   "Đối chiếu ngày cấp với thẻ gốc."),
    "id_issue_date.future": ("Ngày cấp ở sau ngày {as_of}.", "Đối chiếu ngày cấp với thẻ gốc."),
    "phone.invalid_format": ("Số điện thoại có ký tự không phải chữ số.",
                             "Chỉ ghi một số di động 10 số, vd. 0912 345 678."),
    "phone.invalid_length": ("Số điện thoại có {length} chữ số; số di động có 10 số.",
                             "Hỏi lại người lao động số di động đang dùng."),
    "phone.invalid": ("Số điện thoại {pii_value} không phải số hợp lệ ở Việt Nam.",
                      "Hỏi lại người lao động số di động đang dùng."),
    "phone.landline": ("Số {pii_value} là số máy bàn, BHXH không nhắn tin được.",
                       "Ghi số di động của chính người lao động: tài khoản VssID được "
                       "nhắn đến số này."),
    "phone.not_mobile": ("Số {pii_value} không phải số di động.",
                         "Ghi số di động của chính người lao động."),
    "phone.old_number_mapped": ("Số 11 số cũ {pii_old}, đã chuyển thành {pii_new} ({carrier}).",
                                "Xác nhận số mới với người lao động."),
    "phone.leading_zero_restored": ("Số điện thoại mất số 0 ở đầu do Excel, đã khôi phục "
                                    "thành {pii_value}.",
                                    "Định dạng cột điện thoại là Text để Excel không xoá số 0."),
    "phone.duplicate": ("Số điện thoại trùng với dòng {other_rows}.",
                        "Cổng BHXH không nhận một số cho hai tài khoản: mỗi người cần số "
                        "di động riêng."),
    "email.invalid": ("Email “{value}” không hợp lệ.", "Ghi dạng ten@vidu.vn, hoặc để trống."),
    "photo.missing": ("Chưa có ảnh CCCD/CMND của người này.",
                      "Đặt ảnh hai mặt thẻ vào thư mục --photos, đặt tên theo số CCCD hoặc mã NV, "
                      "vd. 001090123456_truoc.jpg và 001090123456_sau.jpg."),
    "photo.side_missing": ("Thiếu ảnh {side} của thẻ CCCD/CMND.",
                           "Thêm ảnh {side}; tên tệp kết thúc bằng “truoc” hoặc “sau”."),
    "photo.too_small": ("Ảnh {side} ({file}) chỉ rộng {width} điểm ảnh, in ra sẽ khó đọc.",
                        "Chụp lại thẻ rõ nét, ảnh rộng ít nhất {min_width} điểm ảnh."),
    "photo.unreadable": ("Không đọc được ảnh {side} ({file}).",
                         "Lưu lại ảnh dạng JPEG hoặc PNG rồi chạy lại."),
}

# Words put into messages in place of codes.
SIDES: dict[str, str] = {"front": "mặt trước", "back": "mặt sau"}

# Words of the command-line interface.
UI: dict[str, str] = {
    "checking": "Kiểm tra {file} — sheet “{sheet}”, dòng tiêu đề {header_row}, tại ngày {as_of}",
    "col_row": "Dòng",
    "col_name": "Họ và tên",
    "col_column": "Cột",
    "col_problem": "Vấn đề",
    "col_hint": "Cách sửa",
    "col_code": "Mã vấn đề",
    "col_count": "Số lần",
    "summary": "{people} người: {valid} hợp lệ ({with_warnings} có cảnh báo), {with_errors} có "
               "lỗi — {errors} lỗi, {warnings} cảnh báo.",
    "all_valid": "Bảng hợp lệ: có thể chạy “vssid-batch prepare {file}”.",
    "has_errors": "Sửa các lỗi trên trong bảng rồi chạy lại.",
    "no_people": "Không có người nào dưới dòng tiêu đề.",
    "annotated": "Đã ghi bản đánh dấu lỗi: {path}",
    "result_header": "Kết quả kiểm tra",
    "result_valid": "Hợp lệ",
    "result_counts": "{errors} lỗi, {warnings} cảnh báo",
    "severity_error": "Lỗi",
    "severity_warning": "Cảnh báo",
    "error_prefix": "Lỗi",
    "interrupted": "Đã dừng theo yêu cầu; không ghi dở tệp nào.",
    "unexpected": "Lỗi không mong đợi ({kind}). Đặt VSSID_DEBUG=1 để xem chi tiết và báo cho "
                  "người phát triển.",
    "template_written": "Đã tạo bảng mẫu {path}: điền từ dòng 2, không sửa dòng tiêu đề.",
    "init_written": "Đã tạo {path}: mở tệp và điền thông tin đơn vị trước khi chạy prepare.",
    "file_exists": "{path} đã có; dùng --force để ghi đè.",
}

UI.update({
    "prepare_refused": "Chưa lập hồ sơ vì bảng còn lỗi: sửa các lỗi trên, hoặc dùng "
                       "--skip-invalid để lập cho những người hợp lệ.",
    "prepare_nobody": "Không có người nào hợp lệ để lập hồ sơ.",
    "prepare_progress": "Đang tạo tờ khai",
    "prepare_done": "Đã lập hồ sơ cho {people} người trong thư mục {folder}",
    "prepare_skipped": "Bỏ qua {count} người có lỗi:",
    "prepare_warnings": "{count} cảnh báo (xem bằng vssid-batch validate).",
    "photo_warnings": "Ảnh CCCD: {count} cảnh báo:",
    "next_steps": "Việc cần làm tiếp (đã ghi vào {file}):",
})

UI.update({
    "report_title": "Bộ hồ sơ {folder} — {employer}, ngày {date}",
    "report_people": "{people} người trong hồ sơ, {skipped} người bị bỏ qua khi lập.",
    "report_files_ok": "Mọi tệp còn nguyên như khi lập.",
    "report_missing": "Thiếu tệp: {files}",
    "report_changed": "Tệp đã bị sửa sau khi lập: {files}",
    "col_status": "Trạng thái",
    "col_percent": "Tỷ lệ",
    "status_pending": "(chưa ghi)",
    "report_pending": "Còn {count} người chưa có trạng thái:",
    "report_source_same": "Bảng gốc không đổi từ khi lập hồ sơ.",
    "report_source_unchecked": "Không kiểm tra được bảng gốc: {note}",
    "report_added": "Có trong bảng gốc nhưng chưa có trong hồ sơ: {names}",
    "report_removed": "Đã bị xoá khỏi bảng gốc: {names}",
    "report_changed_people": "Thông tin đã đổi trong bảng gốc (cần lập lại tờ khai): {names}",
    "report_invalid": "Nay có lỗi trong bảng gốc: {names}",
    "report_source_no_change": "Bảng gốc đã được lưu lại nhưng không có thay đổi về người.",
    "report_list_unreadable": "Không đọc được cột Trạng thái: {note}",
    "row_label": "dòng {row}",
    "photos_summary": "Ảnh CCCD: {both} người đủ hai mặt.",
    "photos_missing": "Chưa có ảnh CCCD: {names}",
    "photos_one_side": "Mới có một mặt thẻ: {names}",
    "photos_unmatched": "Tệp ảnh không khớp với ai: {files}",
})

# Issue 14/15 (fonts): text the form's embedded font cannot print.
PROBLEMS.update({
    "full_name.undrawable": ("Họ và tên có chữ mà phông chữ của tờ khai không in được: “{chars}” "
                             "({codepoints}); tờ khai sẽ để trống chỗ đó.",
                             "Ghi họ tên bằng chữ tiếng Việt hoặc chữ Latinh như trên CCCD hay "
                             "hộ chiếu."),
    "full_name.no_visible_letter": ("Họ và tên không có chữ cái nào in ra được.",
                                    "Gõ lại họ tên: ô có thể chỉ chứa ký tự vô hình."),
    "*.undrawable": ("{field} có ký tự mà phông chữ của tờ khai không in được: “{chars}” "
                     "({codepoints}); tờ khai sẽ để trống chỗ đó.",
                     "Nếu cần in đủ, ghi lại bằng chữ tiếng Việt hoặc chữ Latinh."),
})
