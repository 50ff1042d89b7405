"""Vietnamese text: the default language of every sentence a user reads.

Four sections, in this order: problems, labels, UI, errors. en.py has the same keys and
placeholders (tests/test_catalogue.py). Rules and errors carry codes; only messages/ words them.
"""

from __future__ import annotations

# ================================================================================================
# 1. Problems: code -> (message, hint). A code "*.x" serves every field; "code/variant" is
#    the wording used when a rule gives that variant. Parameters named pii_* are masked.
# ================================================================================================

PROBLEMS: dict[str, tuple[str, str]] = {
    # any field ({field} is the field's name)
    "*.missing": ("Thiếu {field}.", "Điền {field} cho người này."),
    "*.too_long": (
        "Ô {field} dài quá {limit} ký tự.",
        "Kiểm tra lại ô: có thể đã dán nhầm cả một đoạn văn bản.",
    ),
    "*.unicode_normalized": (
        "{field} ở dạng Unicode tổ hợp, đã chuẩn hoá sang NFC.",
        "Không cần làm gì; nên gõ lại bằng bộ gõ Unicode dựng sẵn.",
    ),
    "*.encoding_converted": (
        "{field} được gõ bằng bảng mã {encoding}, đã chuyển sang Unicode: “{converted}”.",
        "Kiểm tra lại chữ sau khi chuyển; nên gõ lại bằng Unicode.",
    ),
    "*.formula_without_value": (
        "Ô {field} là công thức chưa có giá trị.",
        "Mở tệp bằng Excel, tính lại (F9) và lưu, hoặc nhập giá trị thay cho công thức.",
    ),
    "*.control_characters": (
        "Ô {field} có ký tự điều khiển ẩn ({chars}), đã xoá.",
        "Không cần làm gì; nếu ô được dán từ trang web hay phần mềm khác, "
        "nên gõ lại ô này trong bảng.",
    ),
    "*.scientific_notation": (
        "Ô {field} là “{value}”: Excel đã đổi số sang dạng khoa học và làm mất các chữ số cuối.",
        "Không khôi phục được từ tệp này. Mở bảng gốc trong Excel, chọn cả cột, Format Cells → "
        "Text (Định dạng ô → Văn bản), gõ lại số rồi lưu lại (CSV: lưu lại sau khi đã định dạng "
        "Text).",
    ),
    "*.undrawable": (
        "{field} có ký tự mà phông chữ của tờ khai không in được: “{chars}” "
        "({codepoints}); tờ khai sẽ để trống chỗ đó.",
        "Nếu cần in đủ, ghi lại bằng chữ tiếng Việt hoặc chữ Latinh.",
    ),
    # full_name
    "full_name.invalid_character": (
        "Họ và tên có ký tự không hợp lệ “{char}”.",
        "Họ tên chỉ gồm chữ cái, dấu cách, dấu nháy hoặc gạch nối trong tên (vd. H'Hen Niê).",
    ),
    "full_name.too_long": (
        "Họ và tên dài {length} ký tự (tối đa {max_length}).",
        "Chỉ ghi họ và tên, không ghi thêm chức danh hay ghi chú.",
    ),
    "full_name.single_word": (
        "Họ và tên chỉ có một chữ: “{value}”.",
        "Ghi đủ họ, chữ đệm và tên như trên thẻ CCCD; nếu bảng tách họ và "
        "tên ra nhiều cột, dùng --map full_name=B+C.",
    ),
    "full_name.honorific": (
        "Họ tên bắt đầu bằng danh xưng; bỏ danh xưng sẽ là “{bare}”.",
        "Ghi họ tên như trên thẻ CCCD, không có “Ông”, “Bà”, “Anh”, “Chị”, "
        "“Mr”…; giữ nguyên nếu “Ông”/“Bà” là họ.",
    ),
    "full_name.lookalike_letters": (
        "Họ tên có chữ “{letters}” ({codepoints}) của bảng chữ cái "
        "khác trông giống chữ Việt, đã đổi thành “{fixed}”.",
        "Gõ lại họ tên bằng bộ gõ tiếng Việt (Unicode).",
    ),
    "full_name.undrawable": (
        "Họ và tên có chữ mà phông chữ của tờ khai không in được: “{chars}” "
        "({codepoints}); tờ khai sẽ để trống chỗ đó.",
        "Ghi họ tên bằng chữ tiếng Việt hoặc chữ Latinh như trên CCCD hay hộ chiếu.",
    ),
    "full_name.no_visible_letter": (
        "Họ và tên không có chữ cái nào in ra được.",
        "Gõ lại họ tên: ô có thể chỉ chứa ký tự vô hình.",
    ),
    # birth_date
    "birth_date.invalid": (
        "Ngày sinh “{value}” không đọc được.",
        "Ghi theo dạng ngày/tháng/năm, vd. 05/09/1990, hoặc chỉ năm sinh.",
    ),
    "birth_date.future": ("Ngày sinh ở sau ngày {as_of}.", "Kiểm tra lại năm sinh."),
    "birth_date.too_young": (
        "Người lao động mới {age} tuổi (dưới 15 tuổi).",
        "Kiểm tra lại ngày sinh; người lao động phải đủ 15 tuổi.",
    ),
    "birth_date.too_old": (
        "Người lao động đã {age} tuổi.",
        "Kiểm tra lại năm sinh nếu đây là lỗi gõ.",
    ),
    # gender
    "gender.invalid": ("Giới tính “{value}” không hợp lệ.", "Ghi “Nam” hoặc “Nữ”."),
    # bhxh_code
    "bhxh_code.invalid_length": (
        "Mã số BHXH có {length} chữ số, phải đủ 10 chữ số.",
        "Tra mã số BHXH trên sổ BHXH hoặc ứng dụng VssID.",
    ),
    "bhxh_code.invalid_format": (
        "Mã số BHXH chỉ được gồm chữ số.",
        "Xoá chữ cái, dấu cách và ký tự khác trong mã.",
    ),
    "bhxh_code.personal_number": (
        "Cột “{column}” chứa số định danh cá nhân 12 số thay cho mã số BHXH 10 số.",
        "Từ 2025 số định danh dùng làm mã BHXH; nếu người này có mã 10 số, nên ghi mã đó.",
    ),
    "bhxh_code.duplicate": (
        "Mã số BHXH trùng với dòng {other_rows}.",
        "Mỗi người một mã số BHXH: kiểm tra người bị trùng hoặc gõ nhầm.",
    ),
    "bhxh_code.leading_zero_restored": (
        "Mã số BHXH ở ô {cell} mất {zeros} số 0 ở đầu do Excel, đã khôi phục thành {pii_value}.",
        "Excel xoá số 0 ở đầu khi cột ở dạng số: chọn cả cột, "
        "Format Cells → Text (Định dạng ô → Văn bản) rồi gõ lại "
        "mã, hoặc gõ dấu ' trước mã.",
    ),
    "bhxh_code.missing": (
        "Thiếu mã số BHXH.",
        "Ghi mã số BHXH 10 số (sổ BHXH hoặc VssID). Từ 01/08/2025 số định danh "
        "cá nhân 12 số thay cho mã này (Công văn 1804/BHXH-QLT); người nước "
        "ngoài dùng hộ chiếu vẫn cần mã 10 số.",
    ),
    "bhxh_code.personal_number_mismatch": (
        "Cột mã số BHXH có số định danh 12 số khác với số ở cột “{id_column}”.",
        "Số định danh dùng làm mã BHXH phải là số CCCD của "
        "chính người này: sửa một trong hai ô, hoặc ghi mã "
        "BHXH 10 số.",
    ),
    # id_number
    "id_number.invalid_length": (
        "Số CCCD/CMND có {length} chữ số, phải là 12 số (CCCD) hoặc 9 số (CMND cũ).",
        "Đối chiếu với thẻ căn cước gốc.",
    ),
    "id_number.invalid_format": (
        "Số CCCD/CMND chỉ được gồm chữ số.",
        "Xoá chữ cái, dấu cách và ký tự khác.",
    ),
    "id_number.unknown_province": (
        "Mã tỉnh “{province_code}” ở đầu số CCCD không tồn tại.",
        "Ba số đầu của CCCD là mã nơi đăng ký khai sinh; đối chiếu với thẻ gốc.",
    ),
    "id_number.foreign_province": (
        "Mã tỉnh “{province_code}” không thuộc 63 tỉnh, thành (khai sinh ở nước ngoài?).",
        "Chấp nhận vì quốc tịch không phải Việt Nam; đối chiếu với thẻ gốc.",
    ),
    "id_number.future_year": (
        "Năm sinh {year} suy ra từ số CCCD ở sau ngày {as_of}.",
        "Chữ số thứ 4–6 của CCCD là thế kỷ, giới tính và năm sinh; đối chiếu với thẻ gốc.",
    ),
    "id_number.sex_mismatch": (
        "Số CCCD là của người {id_gender}, nhưng cột “{gender_column}” ghi {sheet_gender}.",
        "Chữ số thứ 4 của CCCD cho biết giới tính: sai ở số CCCD hoặc ở cột giới tính.",
    ),
    "id_number.birth_year_mismatch": (
        "Số CCCD cho năm sinh {id_year}, nhưng cột “{birth_column}” ghi năm {sheet_year}.",
        "Chữ số thứ 4–6 của CCCD là thế kỷ và năm sinh: sai ở số CCCD hoặc ở ngày sinh.",
    ),
    "id_number.cmnd_no_longer_valid": (
        "CMND 9 số hết giá trị sử dụng từ 01/01/2025.",
        "Ghi số CCCD 12 số (số định danh cá nhân) của người này.",
    ),
    "id_number.card_expired": (
        "Thẻ CCCD đã hết hạn khi người này đủ {age} tuổi ({expired_on}).",
        "Nhắc người lao động làm lại thẻ; ghi số và ngày cấp thẻ mới.",
    ),
    "id_number.duplicate": (
        "Số CCCD/CMND trùng với dòng {other_rows}.",
        "Mỗi người một số CCCD: kiểm tra người bị trùng hoặc gõ nhầm.",
    ),
    "id_number.leading_zero_restored": (
        "Số CCCD/CMND ở ô {cell} mất {zeros} số 0 ở đầu do Excel, đã khôi phục thành {pii_value}.",
        "Excel xoá số 0 ở đầu khi cột ở dạng số: chọn cả cột, "
        "Format Cells → Text (Định dạng ô → Văn bản) rồi gõ lại "
        "số, hoặc gõ dấu ' trước số.",
    ),
    "id_number.passport": (
        "Số hộ chiếu {pii_value} của người nước ngoài (không kiểm tra theo cấu trúc CCCD).",
        "Đối chiếu với hộ chiếu gốc; người nước ngoài cần mã số BHXH 10 số.",
    ),
    "id_number.passport_citizen": (
        "Số giấy tờ giống số hộ chiếu, nhưng quốc tịch là Việt Nam.",
        "Công dân Việt Nam ghi số CCCD 12 số; nếu là người nước ngoài, "
        "ghi quốc tịch ở cột “{nationality_column}” (thêm cột Quốc "
        "tịch nếu chưa có).",
    ),
    # id_issue_date
    "id_issue_date.invalid": (
        "Ngày cấp “{value}” không đọc được.",
        "Ghi theo dạng ngày/tháng/năm, vd. 12/08/2021.",
    ),
    "id_issue_date.before_birth": (
        "Ngày cấp ở trước ngày sinh.",
        "Đối chiếu ngày cấp với thẻ gốc.",
    ),
    "id_issue_date.future": ("Ngày cấp ở sau ngày {as_of}.", "Đối chiếu ngày cấp với thẻ gốc."),
    # phone
    "phone.invalid_format": (
        "Số điện thoại có ký tự không phải chữ số.",
        "Chỉ ghi một số di động 10 số, vd. 0912 345 678.",
    ),
    "phone.invalid_length": (
        "Số điện thoại có {length} chữ số; số di động có 10 số.",
        "Hỏi lại người lao động số di động đang dùng.",
    ),
    "phone.invalid": (
        "Số điện thoại {pii_value} không phải số hợp lệ ở Việt Nam.",
        "Hỏi lại người lao động số di động đang dùng.",
    ),
    "phone.landline": (
        "Số {pii_value} là số máy bàn, BHXH không nhắn tin được.",
        "Ghi số di động của chính người lao động: tài khoản VssID được nhắn đến số này.",
    ),
    "phone.not_mobile": (
        "Số {pii_value} không phải số di động.",
        "Ghi số di động của chính người lao động.",
    ),
    "phone.old_number_mapped": (
        "Số 11 số cũ {pii_old}, đã chuyển thành {pii_new} ({carrier}).",
        "Xác nhận số mới với người lao động.",
    ),
    "phone.duplicate": (
        "Số điện thoại trùng với dòng {other_rows}.",
        "Cổng BHXH không nhận một số cho hai tài khoản: mỗi người cần số di động riêng.",
    ),
    "phone.leading_zero_restored": (
        "Số điện thoại ở ô {cell} mất {zeros} số 0 ở đầu do Excel, đã khôi phục thành {pii_value}.",
        "Excel xoá số 0 ở đầu khi cột ở dạng số: chọn cả cột, Format "
        "Cells → Text (Định dạng ô → Văn bản) rồi gõ lại số, hoặc gõ "
        "dấu ' trước số.",
    ),
    "phone.other_number_ignored": (
        "Ô có nhiều số; dùng số di động {pii_value}, bỏ số {pii_other}.",
        "Mỗi người chỉ ghi một số di động của chính mình.",
    ),
    "phone.several_numbers": (
        "Ô có {count} số di động.",
        "Hỏi người lao động chọn một số di động: tài khoản VssID được nhắn đến số đó.",
    ),
    "phone.note_removed": (
        "Ô số điện thoại có ghi chú “{note}”; đã lấy số {pii_value}.",
        "Chỉ ghi số di động trong ô này, ghi chú để cột khác. Nếu ghi chú cho biết đây là số "
        "của người khác (vợ, chồng, người thân), hỏi lại số của chính người lao động.",
    ),
    # email
    "email.invalid": ("Email “{value}” không hợp lệ.", "Ghi dạng ten@vidu.vn, hoặc để trống."),
    # the row itself
    "row.hidden": (
        "Dòng đang bị ẩn (lọc hoặc ẩn tay): {name} — không lập hồ sơ.",
        "Nếu người này cần nộp, bỏ ẩn dòng hoặc chạy lại với --include-hidden.",
    ),
    # ID card photos (--photos)
    "photo.missing": (
        "Chưa có ảnh CCCD/CMND của người này.",
        "Đặt ảnh hai mặt thẻ vào thư mục --photos, đặt tên theo số CCCD hoặc mã NV, "
        "vd. 001090123456_truoc.jpg và 001090123456_sau.jpg.",
    ),
    "photo.side_missing": (
        "Thiếu ảnh {side} của thẻ CCCD/CMND.",
        "Thêm ảnh {side}; tên tệp kết thúc bằng “truoc” hoặc “sau”.",
    ),
    "photo.too_small": (
        "Ảnh {side} ({file}) chỉ rộng {width} điểm ảnh, in ra sẽ khó đọc.",
        "Chụp lại thẻ rõ nét, ảnh rộng ít nhất {min_width} điểm ảnh.",
    ),
    "photo.unreadable": (
        "Không đọc được ảnh {side} ({file}).",
        "Lưu lại ảnh dạng JPEG hoặc PNG rồi chạy lại.",
    ),
    "photo.too_large": (
        "Ảnh {side} ({file}) khai báo hơn 120 triệu điểm ảnh, quá lớn cho một ảnh "
        "chụp thẻ: bỏ qua, không đọc.",
        "Chụp hoặc lưu lại ảnh thẻ bằng điện thoại, dạng JPEG.",
    ),
    "photo.bad_shape": (
        "Ảnh {side} ({file}) khai báo {width} × {height} điểm ảnh, không phải "
        "hình một tấm thẻ: bỏ qua, không đọc.",
        "Chụp lại cả tấm thẻ, ảnh JPEG hoặc PNG bình thường.",
    ),
    # the QR code on the ID card (--photos)
    "card.id_mismatch": (
        "Thẻ trong ảnh mang số {pii_card} ({card_name}), khác số trên dòng ({pii_row_value}).",
        "Ảnh của người khác, hoặc số trên bảng gõ sai: đối chiếu với thẻ gốc.",
    ),
    "card.id_mismatch/other_row": (
        "Thẻ trong ảnh mang số {pii_card} ({card_name}) — số của dòng "
        "{other_row}, không phải số của dòng này ({pii_row_value}).",
        "Ảnh của dòng {other_row} bị đặt tên cho người này: đổi lại tên tệp ảnh.",
    ),
    "card.name_mismatch": (
        "Họ tên trên thẻ là “{card}”, trên bảng là “{sheet}”.",
        "Sửa họ tên theo đúng thẻ, kể cả dấu.",
    ),
    "card.birth_date_mismatch": (
        "Ngày sinh trên thẻ là {card}, trên bảng là {sheet}.",
        "Sửa ngày sinh theo thẻ (ngày trước, tháng sau).",
    ),
    "card.gender_mismatch": (
        "Giới tính trên thẻ là {card}, trên bảng là {sheet}.",
        "Sửa giới tính theo thẻ.",
    ),
    "card.unreadable": (
        "Không đọc được mã QR trên ảnh thẻ; chưa đối chiếu được với thẻ.",
        "Chụp lại mặt có mã QR (mặt trước thẻ 2021, mặt sau thẻ 2024), rõ nét, đủ "
        "sáng; hoặc tự đối chiếu với thẻ gốc.",
    ),
    "card.address_filled": (
        "Bảng chưa có địa chỉ: đã lấy từ thẻ ({card}).",
        "Kiểm tra lại với người lao động nếu họ đã chuyển chỗ ở.",
    ),
    "card.address_differs": (
        "Địa chỉ trên thẻ ({card}) khác trên bảng ({sheet}).",
        "Người lao động có thể đã chuyển chỗ ở; tờ khai dùng địa chỉ trên bảng.",
    ),
    "card.issue_date_filled": (
        "Bảng chưa có ngày cấp: đã lấy từ thẻ ({card}).",
        "Không cần làm gì thêm.",
    ),
    "card.issue_date_differs": (
        "Ngày cấp trên thẻ ({card}) khác trên bảng ({sheet}).",
        "Có thể thẻ đã được cấp lại: ghi ngày cấp của thẻ đang dùng.",
    ),
    "card.photo_of_row": (
        "Ảnh {file} không khớp tên với ai, nhưng thẻ trong ảnh có số "
        "{pii_card}, giống số của dòng này.",
        "Nếu là ảnh của người này, đổi tên tệp theo số CCCD trên bảng; nếu số "
        "trên bảng gõ sai, sửa theo thẻ.",
    ),
}

# ================================================================================================
# 2. Labels: words naming things inside sentences and tables.
# ================================================================================================

# field -> what a clerk calls it (problems, sheet errors, the annotated copy).
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

# photo side -> words put into messages in place of the code.
SIDES: dict[str, str] = {
    "front": "mặt trước",
    "back": "mặt sau",
}

# problem code -> a few words naming it, for the summary by problem ({field}: the field's name).
LABELS: dict[str, str] = {
    "*.missing": "Thiếu {field}",
    "*.too_long": "Ô {field} quá dài",
    "*.unicode_normalized": "{field}: đã chuẩn hoá Unicode tổ hợp",
    "*.encoding_converted": "{field}: đã chuyển từ bảng mã cũ (TCVN3/VNI)",
    "*.formula_without_value": "{field}: công thức chưa có giá trị",
    "*.scientific_notation": "{field}: số ở dạng khoa học (E+), đã mất chữ số",
    "*.control_characters": "{field}: đã xoá ký tự điều khiển ẩn",
    "full_name.invalid_character": "Họ tên có ký tự không hợp lệ",
    "full_name.too_long": "Họ tên quá dài",
    "birth_date.invalid": "Ngày sinh không đọc được",
    "birth_date.future": "Ngày sinh ở tương lai",
    "birth_date.too_young": "Chưa đủ 15 tuổi",
    "birth_date.too_old": "Trên 80 tuổi",
    "gender.invalid": "Giới tính không hợp lệ",
    "bhxh_code.invalid_length": "Mã số BHXH không đủ 10 số",
    "bhxh_code.invalid_format": "Mã số BHXH có ký tự không phải số",
    "bhxh_code.leading_zero_restored": "Mã số BHXH: đã khôi phục số 0 ở đầu",
    "bhxh_code.personal_number": "Số định danh 12 số ở cột mã số BHXH",
    "bhxh_code.duplicate": "Mã số BHXH trùng",
    "id_number.invalid_length": "Số CCCD/CMND sai số chữ số",
    "id_number.invalid_format": "Số CCCD/CMND có ký tự không phải số",
    "id_number.unknown_province": "Mã tỉnh trong số CCCD không tồn tại",
    "id_number.foreign_province": "Mã nơi sinh ngoài 63 tỉnh, thành",
    "id_number.future_year": "Năm sinh trong số CCCD ở tương lai",
    "id_number.sex_mismatch": "Số CCCD không khớp giới tính",
    "id_number.birth_year_mismatch": "Số CCCD không khớp năm sinh",
    "id_number.leading_zero_restored": "Số CCCD: đã khôi phục số 0 ở đầu",
    "id_number.cmnd_no_longer_valid": "CMND 9 số đã hết giá trị",
    "id_number.card_expired": "Thẻ CCCD đã hết hạn",
    "id_number.duplicate": "Số CCCD/CMND trùng",
    "id_issue_date.invalid": "Ngày cấp không đọc được",
    "id_issue_date.before_birth": "Ngày cấp trước ngày sinh",
    "id_issue_date.future": "Ngày cấp ở tương lai",
    "phone.invalid_format": "Số điện thoại có ký tự không phải số",
    "phone.invalid_length": "Số điện thoại sai số chữ số",
    "phone.invalid": "Số điện thoại không hợp lệ",
    "phone.landline": "Số máy bàn thay cho số di động",
    "phone.not_mobile": "Không phải số di động",
    "phone.old_number_mapped": "Số di động 11 số cũ đã được chuyển",
    "phone.leading_zero_restored": "Số điện thoại: đã khôi phục số 0 ở đầu",
    "phone.note_removed": "Ghi chú trong ô số điện thoại",
    "phone.duplicate": "Số điện thoại trùng",
    "email.invalid": "Email không hợp lệ",
    "photo.missing": "Chưa có ảnh CCCD",
    "photo.side_missing": "Thiếu một mặt ảnh CCCD",
    "photo.too_small": "Ảnh CCCD quá nhỏ",
    "photo.unreadable": "Không đọc được ảnh CCCD",
}

# ================================================================================================
# 3. UI: the words of the command-line interface, by command.
# ================================================================================================

UI: dict[str, str] = {
    # validate: the terminal report of a sheet
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
    "hidden_rows": "{count} dòng đang bị ẩn, không lấy vào hồ sơ (thêm --include-hidden để lấy): "
    "{names}",
    "col_severity": "Mức độ",
    "person_label": "dòng {row} · {name}",
    "column_label": "{letter} · {header}",
    "shown_first": "Có {total} vấn đề ({errors} lỗi, {warnings} cảnh báo); bảng trên chỉ hiện "
    "{shown} vấn đề đầu tiên, lỗi trước.",
    "see_the_rest": "Xem đủ: chạy lại với --all; hoặc “vssid-batch validate {file} --annotate "
    "ban-danh-dau.xlsx” (bản sao bảng tô màu từng ô, kèm ghi chú); hoặc "
    "“vssid-batch validate {file} --format json”.",
    # prepare: what was made, what was skipped
    "prepare_refused": "Chưa lập hồ sơ vì bảng còn lỗi: sửa các lỗi trên, hoặc dùng "
    "--skip-invalid để lập cho những người hợp lệ.",
    "prepare_nobody": "Không có người nào hợp lệ để lập hồ sơ.",
    "prepare_progress": "Đang tạo tờ khai",
    "prepare_done": "Đã lập hồ sơ cho {people} người trong thư mục {folder}",
    "prepare_skipped": "Bỏ qua {count} người có lỗi:",
    "prepare_warnings": "{count} cảnh báo (xem bằng vssid-batch validate).",
    "photo_warnings": "Ảnh CCCD: {count} cảnh báo:",
    "next_steps": "Việc cần làm tiếp (đã ghi vào {file}):",
    "cards_summary": "Mã QR trên thẻ: {checked} người đã đọc ảnh — {matched} khớp, {mismatched} "
    "không khớp, {unreadable} không đọc được mã.",
    "cards_progress": "Đang đọc mã QR trên thẻ",
    # the checklist (viec-can-lam.txt in Vietnamese; the terminal in --lang)
    "checklist.step1": "In tệp {forms_print} (mỗi người một Tờ khai Mẫu 01{photocopies}).",
    "checklist.step2": "Đưa từng người lao động kiểm tra thông tin và ký, ghi rõ họ tên trên Tờ "
    "khai.",
    "checklist.step3": "Đối chiếu từng Tờ khai với bản gốc CCCD/CMND; đánh dấu cột “Đã đối chiếu "
    "bản gốc” trong {list_xlsx}.",
    "checklist.step4": "In {list_xlsx}, ký “Người lập biểu” và trình Thủ trưởng đơn vị ký.",
    "checklist.step5": "In {cover_letter}, trình ký và đóng dấu.",
    "checklist.step6": "Nộp Tờ khai, bản sao CCCD/CMND, danh sách và công văn cho {recipient}.",
    "checklist.step7": "Ghi tiến độ vào cột “Trạng thái” của {list_xlsx} (Đã ký, Đã nộp, Đã có "
    "tài khoản, Đã cài VssID); xem tổng hợp bằng: vssid-batch report {folder}",
    "checklist.photocopies": ", kèm trang bản sao CCCD",
    "checklist.note": "Lưu ý: {note}",
    # notices said once per batch: the rules in force on the document date
    "notice.bhxh_code.personal_number_used": "{people} người không có mã số BHXH 10 số: dùng số "
    "định danh cá nhân thay mã số BHXH (từ {since}, Công "
    "văn 1804/BHXH-QLT ngày 04/08/2025 của BHXH Việt "
    "Nam).",
    "notice.decree_164": "Từ 01/07/2025 giao dịch điện tử về BHXH thực hiện qua tài khoản định "
    "danh điện tử VNeID (Nghị định 164/2025/NĐ-CP): xác nhận với cơ quan "
    "BHXH nhận hồ sơ rằng vẫn nhận Tờ khai Mẫu 01; người lao động có tài "
    "khoản VNeID mức 2 có thể đăng nhập VssID bằng tài khoản đó.",
    "notice.office_renamed": "Nơi nhận “{recipient}” là BHXH quận/huyện: từ 01/07/2025 các cơ "
    "quan này đã được sắp xếp lại; xác nhận tên hiện nay và sửa "
    "letter.recipient trong unit.toml.",
    # report: the state of a prepared folder
    "report_title": "Bộ hồ sơ {folder} — {employer}, ngày {date}",
    "report_people": "{people} người trong hồ sơ, {skipped} người bị bỏ qua khi lập.",
    "report_files_ok": "Mọi tệp còn nguyên như khi lập.",
    "report_missing": "Thiếu tệp: {files}",
    "report_changed": "Tệp đã bị sửa sau khi lập: {files}",
    "col_status": "Trạng thái",
    "col_percent": "Tỷ lệ",
    "report_by_department": "Theo phòng ban",
    "col_department": "Phòng ban",
    "department_none": "(không ghi phòng ban)",
    "status_pending": "(chưa ghi)",
    "report_pending": "Còn {count} người chưa có trạng thái:",
    "report_source_same": "Bảng gốc không đổi từ khi lập hồ sơ.",
    "report_source_unchecked": "Không kiểm tra được bảng gốc: {note}",
    "report_added": "Có trong bảng gốc nhưng chưa có trong hồ sơ: {names}",
    "report_removed": "Đã bị xoá khỏi bảng gốc: {names}",
    "report_changed_people": "Thông tin đã đổi trong bảng gốc (cần lập lại tờ khai): {names}",
    "report_invalid": "Nay có lỗi trong bảng gốc: {names}",
    "report_source_no_change": "Bảng gốc đã được lưu lại nhưng không có thay đổi về người.",
    "report_list_unreadable": "Danh sách bị hỏng, không đọc được (cột Trạng thái và các ô đã "
    "lập): {note} — lấy lại bản đã lưu, hoặc lập lại bộ hồ sơ bằng "
    "prepare --force.",
    "row_label": "dòng {row}",
    "photos_summary": "Ảnh CCCD: {both} người đủ hai mặt.",
    "photos_missing": "Chưa có ảnh CCCD: {names}",
    "photos_one_side": "Mới có một mặt thẻ: {names}",
    "photos_unmatched": "Tệp ảnh không khớp với ai: {files}",
    "col_people": "Số người",
    "report_manifest_edited": (
        "manifest.json đã bị sửa tay sau khi lập hồ sơ: những gì tệp ghi về từng người, ngày lập "
        "và đơn vị không còn chắc đúng như khi lập. Lập lại bộ hồ sơ: vssid-batch prepare … "
        "--force."
    ),
    "report_tampered": "Hồ sơ bị can thiệp — {entry}: {path} ({reason})",
    "tamper_outside": "đường dẫn ra ngoài thư mục hồ sơ",
    "tamper_symlink": "liên kết tượng trưng (symlink)",
    "tamper_not_listed": "không có trong danh sách tệp của manifest",
    "tamper_not_a_sheet": "không phải tệp bảng tính",
    "tamper_fifo": "đường ống (FIFO), không phải tệp thường",
    "tamper_device": "thiết bị, không phải tệp thường",
    "tamper_directory": "thư mục, không phải tệp",
    "tamper_socket": "socket, không phải tệp thường",
    "tamper_other": "không phải tệp thường ({reason})",
    "report_added_files": "Tệp không có trong manifest (thêm vào sau khi lập): {files}",
    "report_list_changes": "{file} khác với hồ sơ đã lập (ngoài các cột “Đã đối chiếu bản gốc”, "
    "“Ký nhận”, “Trạng thái”):",
    "list_changed_cell": "dòng {row}, cột {letter} “{column}” (STT {stt}, {name}) đã bị sửa, nay "
    "là “{value}”",
    "list_changed_row": "dòng {row} (STT {stt}, {name}) đã bị sửa",
    "list_added_row": "dòng {row}: người không có trong hồ sơ (“{value}”)",
    "list_duplicate_row": "dòng {row}: STT {stt} xuất hiện lần thứ hai",
    "list_missing_row": "STT {stt} ({name}) không còn trong danh sách",
    "list_column_missing": "thiếu cột “{column}” ở dòng tiêu đề {row}",
    "list_unreadable": "không đọc được để so sánh",
    "report_unknown_status": "Trạng thái không nhận ra “{value}” ở dòng {rows} (dùng: Đã ký, Đã "
    "nộp, Đã có tài khoản, Đã cài VssID)",
    "report_edition": "Tờ khai Mẫu 01 in theo {basis} (mẫu “{edition}”).",
    # template and init
    "template_written": "Đã tạo bảng mẫu {path}: điền từ dòng 2, không sửa dòng tiêu đề.",
    "init_written": "Đã tạo {path}: mở tệp và điền thông tin đơn vị trước khi chạy prepare.",
    "file_exists": "{path} đã có; dùng --force để ghi đè.",
    # failures: the prefix of a one-line error, Ctrl-C, a bug, what the OS said
    "error_prefix": "Lỗi",
    "interrupted": "Đã dừng theo yêu cầu; không ghi dở tệp nào.",
    "interrupted_after_done": "Đã dừng phần tóm tắt; bộ hồ sơ đã lập xong, đầy đủ, trong {folder}.",
    "unexpected": "Lỗi không mong đợi ({kind}). Đặt VSSID_DEBUG=1 để xem chi tiết và báo cho "
    "người phát triển.",
    "os_disk_full": "ổ đĩa đã đầy",
    "os_denied": "không có quyền truy cập",
    "os_read_only": "ổ đĩa chỉ cho đọc, không ghi được",
    "os_missing": "không có tệp hoặc thư mục này",
    "os_not_folder": "một phần của đường dẫn không phải thư mục",
    "os_is_folder": "đây là thư mục, không phải tệp",
    "os_name_too_long": "tên tệp quá dài",
}

# ================================================================================================
# 4. Errors: what stops a command (exit 2), by VssidError / SheetError code (errors.py).
# ================================================================================================

ERRORS: dict[str, str] = {
    # the unit config (unit.toml)
    "config.not_found": "Không tìm thấy {config} (cạnh {sheet} hoặc ở thư mục hiện tại): chạy "
    "“vssid-batch init” rồi điền thông tin đơn vị, hoặc dùng --config.",
    "config.file_not_found": "{path}: không tìm thấy tệp cấu hình.",
    "config.not_regular": "{path}: không phải tệp thường ({kind}).",
    "config.bad_syntax": (
        "{path}, dòng {line}, cột {column}: sai cú pháp. Chữ phải nằm trong dấu ngoặc "
        'kép (name = "Công ty ABC"), mỗi dòng một khoá = giá trị; sửa dòng đó rồi chạy lại.'
    ),
    "config.unreadable": "{path}: không đọc được tệp cấu hình ({reason}).",
    "config.incomplete": "{path}: thiếu thông tin {keys}.",
    "config.invalid_value": "{path}: giá trị không hợp lệ ở {where}.",
    "config.too_long": "{path}: {where} dài quá {limit} ký tự. Viết gọn lại: công văn và tờ "
    "khai không in được giá trị dài như vậy.",
    "config.unprintable": "{path}: {where} có ký tự không in được ({codepoints}): công văn "
    "và tờ khai sẽ để trống chỗ đó. Xoá các ký tự này hoặc gõ lại giá trị.",
    "letter.heading_too_long": "Phần đầu công văn dài quá một trang: viết gọn employer.name, "
    "employer.parent, letter.symbol hoặc letter.place trong unit.toml.",
    "letter.signature_too_long": "Phần ký công văn dài quá một trang: viết gọn signer.authority, "
    "signer.title, signer.name hoặc letter.archive trong unit.toml.",
    "config.bad_tax_code": "{path}: employer.tax_code (mã số thuế) “{value}” không hợp lệ: "
    "{fault}. Ghi đúng mã số thuế của đơn vị (mã số doanh nghiệp).",
    "config.tax_code_fault.invalid_checksum": "sai chữ số kiểm tra",
    "config.tax_code_fault.invalid_length": "phải có 10 chữ số, hoặc 13 (dạng 0103456789-001) cho "
    "chi nhánh",
    "config.tax_code_fault.invalid_format": "chỉ được gồm chữ số",
    "config.tax_code_fault.invalid_component": "mã chi nhánh 000 không hợp lệ",
    "config.unknown_edition": "{path}: form.edition “{value}” không có; các mẫu đã biết: {known}.",
    # validate --annotate
    "annotate.same_file": "{target}: không ghi đè lên bảng gốc; chọn tên tệp khác cho --annotate.",
    "annotate.format": "{target}: tệp đánh dấu phải có đuôi .xlsx.",
    # --photos
    "photos.not_found": "{folder}: không có thư mục ảnh này.",
    # report FOLDER
    "report.source_gone": "{file}: không còn ở {path}",
    "report.folder_not_found": "{folder}: không có thư mục hồ sơ này.",
    # the batch's manifest.json
    "manifest.not_regular": "{path}: manifest.json không phải tệp thường ({reason}).",
    "manifest.missing": "{path}: không có manifest.json — đây không phải thư mục do “vssid-batch "
    "prepare” tạo.",
    "manifest.invalid": "{path}: manifest.json bị hỏng hoặc đã bị sửa tay.",
    # prepare --out: the batch folder
    "output.contains_cwd": "--out {final} là thư mục hiện tại hoặc thư mục chứa nó; hãy chọn một "
    "thư mục mới cho bộ hồ sơ, vd. --out ho-so-bhxh.",
    "output.contains_input": "--out {final} trùng với hoặc chứa {path} (bảng, ảnh hoặc tệp cấu "
    "hình); hãy chọn một thư mục riêng cho bộ hồ sơ.",
    "output.inside_photos": "--out {final} nằm trong thư mục ảnh {path}; hãy chọn thư mục hồ sơ ở "
    "ngoài thư mục ảnh.",
    "output.not_ours": "Thư mục {final} không phải bộ hồ sơ do vssid-batch tạo; --force chỉ thay "
    "bộ hồ sơ của chính công cụ. Hãy chọn --out khác.",
    "output.has_foreign_files": "Thư mục {final} có tệp không do vssid-batch tạo ({shown}); "
    "chuyển chúng ra chỗ khác (và đóng Excel) trước khi dùng --force, "
    "hoặc chọn --out khác.",
    "output.symlink": "--out {final} là một liên kết (symlink); hãy chọn một thư mục thật.",
    "output.not_folder": "{final} là một tệp, không phải thư mục.",
    "output.exists": "Thư mục {final} đã có; dùng --force để thay bằng bộ hồ sơ mới, hoặc --out "
    "để chọn thư mục khác.",
    "output.busy": "Một lần chạy “prepare” khác đang ghi vào {final}; chờ nó xong rồi chạy lại "
    "(nếu chắc chắn không còn lần chạy nào, xoá tệp {path}).",
    "output.disk_full": "Ổ đĩa đã đầy: không ghi được bộ hồ sơ {final}. Hãy giải phóng chỗ trống "
    "hoặc chọn --out ở ổ khác; không tệp nào bị ghi dở.",
    "output.not_writable": "Không có quyền ghi vào thư mục {folder}: hãy chọn --out ở thư mục bạn "
    "được ghi.",
    # the sheet (sheet/errors.py chooses the variant and words {where}, lists and counts)
    "sheet.file_not_found": "Không tìm thấy tệp {file}.",
    "sheet.unreadable": "Không đọc được tệp {file}: {reason}.",
    "sheet.empty": "Tệp {file} trống, không có dữ liệu.",
    "sheet.empty/sheet": "Trang '{sheet}' của tệp {file} trống, không có dữ liệu.",
    "sheet.not_a_workbook": "Tệp {file} không đọc được như bảng tính: {kind}. Hãy mở bằng Excel "
    "rồi lưu lại dạng .xlsx (hoặc CSV UTF-8 với đuôi .csv).",
    "sheet.encrypted": "Tệp {file} được đặt mật khẩu nên không đọc được. Hãy mở bằng Excel, gỡ "
    "mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hoá bằng mật khẩu, "
    "xoá mật khẩu) rồi lưu lại.",
    "sheet.corrupt": "Tệp {file} bị hỏng hoặc không trọn vẹn (định dạng {format}). Hãy mở bằng "
    "Excel để sửa rồi lưu lại, hoặc lấy lại bản gốc.",
    "sheet.not_utf8": "Tệp CSV {file} không dùng mã UTF-8 (lỗi ở dòng {row}). Trong Excel hãy lưu "
    'bằng kiểu "CSV UTF-8 (Comma delimited)", hoặc gửi tệp .xlsx.',
    "sheet.sheet_not_found": "Tệp {file} không có trang '{sheet}'; các trang có: {sheets}.",
    "sheet.ambiguous_sheet": "Tệp {file} có nhiều trang chứa danh sách: {candidates}. Hãy chọn "
    'một trang bằng --sheet "TÊN TRANG".',
    "sheet.no_header": "Không tìm thấy dòng tiêu đề trong {rows} dòng đầu của {where}: cần ít "
    "nhất 3 cột nhận ra được như Họ và tên, Ngày sinh, Số CCCD. Hãy chỉ dòng "
    'tiêu đề bằng --header-row N, hoặc đặt tên cột bằng --map TRƯỜNG="Tên '
    'cột".{hidden_note}{formulas_note}',
    "sheet.bad_header_row": "Dòng tiêu đề {header_row} (--header-row) không có dữ liệu ở {where}; "
    "dữ liệu nằm từ dòng {first_row} đến dòng {last_row}.",
    "sheet.missing_columns": "{Where}: thiếu cột bắt buộc {missing}. Các cột tìm thấy: {found}. "
    'Nếu cột có tên khác, dùng --map TRƯỜNG="Tên cột".',
    "sheet.duplicate_column": "{Where}: cột {columns} (cột {letters}) đều là {label}. Hãy đổi tên "
    'hoặc xoá một cột, hoặc chọn một cột bằng --map {field}="Tên cột" '
    "(hay --map {field}={letter}).",
    "sheet.unknown_column": "{Where}: không có cột '{column}' (--map {field}). Các cột tìm thấy: "
    "{found}.",
    "sheet.too_many_rows": "{Where} có {rows} dòng, vượt giới hạn {limit} dòng. Hãy tách danh "
    "sách thành nhiều tệp.",
    "sheet.too_many_rows/unknown": "{Where} có quá nhiều dòng, vượt giới hạn {limit} dòng. Hãy "
    "tách danh sách thành nhiều tệp.",
    "sheet.no_people": "{Where}: không có người nào dưới dòng tiêu đề. Mỗi người cần có Họ và "
    "tên, hoặc ít nhất hai trong Ngày sinh, Mã số BHXH, Số CCCD/CMND, Số điện "
    "thoại. Hãy kiểm tra lại đúng tệp, đúng trang "
    "chưa.{hidden_note}{hidden_people_note}",
    "sheet.unknown_field": "--map {item}: '{field}' không phải tên trường; dùng một trong: "
    "{fields}.",
    "sheet.bad_mapping": "--map {item}: {reason}.",
    "sheet.too_big": "Không đọc tệp {file}: {detail}. Hãy mở bằng Excel và lưu lại, hoặc tách "
    "danh sách thành nhiều tệp.",
    "sheet.hidden_people_note": " {rows} dòng có người đang bị ẩn (lọc hoặc ẩn dòng): bỏ ẩn, hoặc "
    "chạy lại với --include-hidden để lấy các dòng đó.",
    "sheet.hidden_people_note/one": " {rows} dòng có người đang bị ẩn (lọc hoặc ẩn dòng): bỏ ẩn, "
    "hoặc chạy lại với --include-hidden để lấy các dòng đó.",
    # pieces of the sheet's sentences
    "sheet.where": "tệp {file}",
    "sheet.where/sheet": "trang '{sheet}' của tệp {file}",
    "sheet.where.header_row": ", dòng tiêu đề {header_row}",
    "sheet.hidden_note": " (Trang ẩn có tiêu đề: {hidden}; chọn bằng --sheet.)",
    "sheet.formulas_note": " (Trang có {formulas} ô công thức chưa có giá trị: tệp do phần mềm "
    "tạo ra và chưa mở bằng Excel? Hãy mở bằng Excel rồi lưu lại.)",
    "sheet.none": "(không có)",
    "sheet.and": " và ",
    "sheet.millions": "{millions} triệu",
    "sheet.decimal_point": ",",
    "sheet.thousands_separator": ".",
    "sheet.kind.text": "nội dung là văn bản thuần, không phải bảng tính",
    "sheet.kind.html": "nội dung là trang web (HTML), không phải bảng tính thật",
    "sheet.kind.xml": "nội dung là XML (Excel 2003 XML), định dạng này không được hỗ trợ",
    "sheet.kind.pdf": "đây là tệp PDF",
    "sheet.kind.zip": "đây là tệp nén zip, không phải bảng tính (giải nén trước?)",
    "sheet.kind.ole": "đây là tài liệu Office nhưng không phải bảng tính Excel",
    "sheet.kind.binary": "định dạng không nhận ra",
    "sheet.reason.permission": "không có quyền đọc",
    "sheet.reason.directory": "đây là thư mục, không phải tệp",
    "sheet.reason.os": "lỗi hệ thống khi đọc",
    "sheet.reason.syntax": 'cần dạng TRƯỜNG="Tên cột"',
    "sheet.reason.empty_column": "thiếu tên cột sau dấu =",
    "sheet.reason.field_twice": "trường này đã được --map ở trên",
    "sheet.reason.column_twice": "cột này đã được --map cho trường khác",
    "sheet.reason.fifo": "đây là đường ống (FIFO), không phải tệp thường",
    "sheet.reason.device": "đây là thiết bị, không phải tệp thường",
    "sheet.reason.socket": "đây là socket, không phải tệp thường",
    "sheet.reason.symlink": "đây là liên kết tượng trưng (symlink)",
    "sheet.reason.special": "đây không phải tệp thường",
    "sheet.too_big.file": "tệp nặng {size} byte, vượt giới hạn {limit} byte",
    "sheet.too_big.members": "tệp nén chứa {size} phần, vượt giới hạn {limit}",
    "sheet.too_big.member": "phần “{member}” khi giải nén nặng {size} byte, vượt giới hạn {limit} "
    "byte",
    "sheet.too_big.total": "khi giải nén nặng {size} byte, vượt giới hạn {limit} byte",
    "sheet.too_big.ratio": "phần “{member}” nén hơn {limit} lần ({size} byte khi giải nén): không "
    "phải bảng tính thật",
    "sheet.too_big.cells": "các ô lặp lại (number-columns-repeated, number-rows-repeated) tạo ra "
    "hơn {limit} ô",
    "sheet.too_big.extent": "các ô có dữ liệu trải trên {size} ô (từ ô đầu đến ô cuối), vượt giới "
    "hạn {limit} ô",
    # --- attack2 (issue 13 follow-up): the template is an .xlsx whatever a script names it ---
    "template.format": "{target}: bảng mẫu là tệp Excel, tên tệp phải có đuôi .xlsx.",
    "report.list_no_header": "{file}: không thấy dòng tiêu đề có cột “{stt}” và “{status}” (cột bị "
    "xoá hoặc đổi tên?)",
    "manifest.name_not_text": "{path}: tên tệp có byte không phải chữ (không phải UTF-8) nên không "
    "ghi được vào manifest.json; hãy đổi tên tệp rồi chạy lại.",
    "prepare.workers_died": "Một tiến trình tạo PDF dừng đột ngột (hết bộ nhớ, hoặc script gọi thư "
    'viện mà thiếu `if __name__ == "__main__":`); không có gì được ghi. Hãy chạy lại với --jobs 1.',
    "config.not_text": "{path}: tệp cấu hình phải là văn bản UTF-8 (unit.toml), tệp này không phải "
    "(có phải bảng tính?). Tạo tệp mẫu bằng: vssid-batch init",
}
