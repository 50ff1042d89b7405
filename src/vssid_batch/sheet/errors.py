"""Why a sheet cannot be read, in words an HR clerk can act on.

Every failure of the reader is one ``SheetError``: the CLI turns it into exit code 2 and prints
``error.message(lang)`` — one line that names the file (and the sheet, row and column when they are
known) and says what to do. ``code`` and ``params`` are stable so that callers and tests never
parse the text.

Messages never carry cell values that may be ID or phone numbers: header texts are the only cell
contents quoted, and runs of digits in them are masked (a "header" forced onto a data row with
``--header-row`` would otherwise leak a person's numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeAlias

from vssid_batch.fields import Field
from vssid_batch.privacy import for_display

ParamValue: TypeAlias = str | int | tuple[str, ...] | None

# What a clerk calls each field, for messages. Kept here (not in fields.py) because only the
# reader's messages need them; `check`/`messages` have their own catalogue.
FIELD_LABELS: dict[str, dict[Field, str]] = {
    "vi": {
        Field.full_name: "Họ và tên",
        Field.birth_date: "Ngày sinh",
        Field.gender: "Giới tính",
        Field.bhxh_code: "Mã số BHXH",
        Field.id_number: "Số CCCD/CMND",
        Field.id_issue_date: "Ngày cấp",
        Field.id_issue_place: "Nơi cấp",
        Field.phone: "Số điện thoại",
        Field.email: "Email",
        Field.address: "Địa chỉ",
        Field.nationality: "Quốc tịch",
        Field.employee_code: "Mã nhân viên",
        Field.department: "Phòng ban",
    },
    "en": {
        Field.full_name: "Full name",
        Field.birth_date: "Date of birth",
        Field.gender: "Gender",
        Field.bhxh_code: "BHXH code",
        Field.id_number: "ID number (CCCD/CMND)",
        Field.id_issue_date: "ID issue date",
        Field.id_issue_place: "ID issue place",
        Field.phone: "Phone",
        Field.email: "Email",
        Field.address: "Address",
        Field.nationality: "Nationality",
        Field.employee_code: "Employee code",
        Field.department: "Department",
    },
}

_KINDS: dict[str, dict[str, str]] = {
    "vi": {
        "text": "nội dung là văn bản thuần, không phải bảng tính",
        "html": "nội dung là trang web (HTML), không phải bảng tính thật",
        "xml": "nội dung là XML (Excel 2003 XML), định dạng này không được hỗ trợ",
        "pdf": "đây là tệp PDF",
        "zip": "đây là tệp nén zip, không phải bảng tính (giải nén trước?)",
        "ole": "đây là tài liệu Office nhưng không phải bảng tính Excel",
        "binary": "định dạng không nhận ra",
    },
    "en": {
        "text": "it is plain text, not a workbook",
        "html": "it is a web page (HTML), not a real workbook",
        "xml": "it is XML (Excel 2003 XML), which is not supported",
        "pdf": "it is a PDF file",
        "zip": "it is a zip archive, not a workbook (extract it first?)",
        "ole": "it is an Office document but not an Excel workbook",
        "binary": "its format is not recognised",
    },
}

_REASONS: dict[str, dict[str, str]] = {
    "vi": {
        "permission": "không có quyền đọc",
        "directory": "đây là thư mục, không phải tệp",
        "os": "lỗi hệ thống khi đọc",
        "syntax": "cần dạng TRƯỜNG=\"Tên cột\"",
        "empty_column": "thiếu tên cột sau dấu =",
        "field_twice": "trường này đã được --map ở trên",
        "column_twice": "cột này đã được --map cho trường khác",
    },
    "en": {
        "permission": "permission denied",
        "directory": "it is a folder, not a file",
        "os": "system error while reading",
        "syntax": "expected FIELD=\"Column name\"",
        "empty_column": "the column name after = is missing",
        "field_twice": "this field is already mapped by another --map",
        "column_twice": "this column is already mapped to another field",
    },
}

MAX_LISTED = 15  # headers listed in one message; a wide sheet would otherwise flood the line


def _number(value: object, lang: str) -> str:
    """A count for a message; millions in words, since a run of 8 digits reads as a personal
    number to the output's masking ("98,304,000" would show as "98,3**,000").

    >>> _number(1234567, "vi"), _number(98_304_000, "vi"), _number(98_304_000, "en")
    ('1.234.567', '98,3 triệu', '98.3 million')
    """
    if not isinstance(value, int):
        return str(value)
    if value >= 10_000_000:
        millions = f"{value / 1_000_000:.1f}".removesuffix(".0")
        return millions.replace(".", ",") + " triệu" if lang == "vi" else millions + " million"
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "vi" else text


def safe_text(text: str, limit: int = 40) -> str:
    """A header text fit for a one-line message: one line, short, personal numbers masked the
    way every output masks them (``privacy.for_display``).

    >>> safe_text("Họ và tên\\n(Full name)")
    'Họ và tên (Full name)'
    >>> safe_text("001090123456")
    '001******456'
    """
    text = " ".join(for_display(str(text)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(702)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _quoted_list(items: object, lang: str) -> str:
    if not isinstance(items, tuple) or not items:
        return "(không có)" if lang == "vi" else "(none)"
    shown = [f"'{safe_text(item)}'" for item in items[:MAX_LISTED]]
    more = len(items) - len(shown)
    if more > 0:
        shown.append(f"… (+{more})")
    return ", ".join(shown)


def _fields_list(items: object, lang: str) -> str:
    labels = FIELD_LABELS.get(lang, FIELD_LABELS["vi"])
    if not isinstance(items, tuple):
        return ""
    return ", ".join(f"{labels[Field(name)]} ({name})" for name in items)


def _field_label(name: object, lang: str) -> str:
    labels = FIELD_LABELS.get(lang, FIELD_LABELS["vi"])
    return f"{labels[Field(str(name))]} ({name})"


def _where(p: Mapping[str, ParamValue], lang: str) -> str:
    """'trang 'DS' của tệp a.xlsx' / "sheet 'DS' of a.xlsx", plus the header row when known."""
    file, sheet, header_row = p.get("file"), p.get("sheet"), p.get("header_row")
    if lang == "vi":
        text = f"tệp {file}" if sheet is None else f"trang '{sheet}' của tệp {file}"
        if header_row is not None:
            text += f", dòng tiêu đề {header_row}"
    else:
        text = f"file {file}" if sheet is None else f"sheet '{sheet}' of {file}"
        if header_row is not None:
            text += f", header row {header_row}"
    return text


def _letters(p: Mapping[str, ParamValue]) -> tuple[str, ...]:
    letters = p.get("letters")
    return letters if isinstance(letters, tuple) and letters else ("?",)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_Render = Callable[[Mapping[str, ParamValue], str], str]


def _vi_en(vi: _Render, en: _Render) -> dict[str, _Render]:
    return {"vi": vi, "en": en}


def _not_a_workbook_vi(p: Mapping[str, ParamValue], lang: str) -> str:
    kind = _KINDS[lang].get(str(p.get("kind")), _KINDS[lang]["binary"])
    return (f"Tệp {p['file']} không đọc được như bảng tính: {kind}. Hãy mở bằng Excel rồi lưu "
            "lại dạng .xlsx (hoặc CSV UTF-8 với đuôi .csv).")


def _not_a_workbook_en(p: Mapping[str, ParamValue], lang: str) -> str:
    kind = _KINDS[lang].get(str(p.get("kind")), _KINDS[lang]["binary"])
    return (f"{p['file']} cannot be read as a spreadsheet: {kind}. Open it in Excel and save it "
            "as .xlsx (or as CSV UTF-8 with a .csv extension).")


def _no_header_vi(p: Mapping[str, ParamValue], lang: str) -> str:
    text = (f"Không tìm thấy dòng tiêu đề trong {p['rows']} dòng đầu của {_where(p, lang)}: cần ít "
            "nhất 3 cột nhận ra được như Họ và tên, Ngày sinh, Số CCCD. Hãy chỉ dòng tiêu đề bằng "
            "--header-row N, hoặc đặt tên cột bằng --map TRƯỜNG=\"Tên cột\".")
    hidden = p.get("hidden")
    if isinstance(hidden, tuple) and hidden:
        text += f" (Trang ẩn có tiêu đề: {_quoted_list(hidden, lang)}; chọn bằng --sheet.)"
    formulas = p.get("formulas")
    if isinstance(formulas, int) and formulas:
        text += (f" (Trang có {_number(formulas, lang)} ô công thức chưa có giá trị: tệp do phần "
                 "mềm tạo ra và chưa mở bằng Excel? Hãy mở bằng Excel rồi lưu lại.)")
    return text


def _no_header_en(p: Mapping[str, ParamValue], lang: str) -> str:
    text = (f"No header row found in the first {p['rows']} rows of {_where(p, lang)}: at least 3 "
            "recognisable columns such as Họ và tên, Ngày sinh, Số CCCD are needed. Point at the "
            "header with --header-row N, or name columns with --map FIELD=\"Column name\".")
    hidden = p.get("hidden")
    if isinstance(hidden, tuple) and hidden:
        text += f" (Hidden sheets with a header: {_quoted_list(hidden, lang)}; use --sheet.)"
    formulas = p.get("formulas")
    if isinstance(formulas, int) and formulas:
        text += (f" (The sheet has {_number(formulas, lang)} formula cells without a value: "
                 "written by a program and never opened in Excel? Open it in Excel and save it.)")
    return text


def _empty_vi(p: Mapping[str, ParamValue], lang: str) -> str:
    if p.get("sheet") is None:
        return f"Tệp {p['file']} trống, không có dữ liệu."
    return f"Trang '{p['sheet']}' của tệp {p['file']} trống, không có dữ liệu."


def _empty_en(p: Mapping[str, ParamValue], lang: str) -> str:
    if p.get("sheet") is None:
        return f"{p['file']} is empty: there is no data in it."
    return f"Sheet '{p['sheet']}' of {p['file']} is empty: there is no data in it."


def _no_people_vi(p: Mapping[str, ParamValue], lang: str) -> str:
    text = (f"{_capital(_where(p, lang))}: không có người nào dưới dòng tiêu đề. Mỗi người cần có "
            "Họ và tên, hoặc ít nhất hai trong Ngày sinh, Mã số BHXH, Số CCCD/CMND, Số điện "
            "thoại. Hãy kiểm tra lại đúng tệp, đúng trang chưa.")
    hidden = p.get("hidden")
    if isinstance(hidden, tuple) and hidden:
        text += f" (Trang ẩn có tiêu đề: {_quoted_list(hidden, lang)}; chọn bằng --sheet.)"
    if isinstance(rows := p.get("hidden_people"), int) and rows:
        text += (f" {_number(rows, lang)} dòng có người đang bị ẩn (lọc hoặc ẩn dòng): bỏ ẩn, "
                 "hoặc chạy lại với --include-hidden để lấy các dòng đó.")
    return text


def _no_people_en(p: Mapping[str, ParamValue], lang: str) -> str:
    text = (f"{_capital(_where(p, lang))}: there is no one below the header row. A person needs "
            "a full name, or at least two of date of birth, BHXH code, ID number, phone. Check "
            "that this is the right file and sheet.")
    hidden = p.get("hidden")
    if isinstance(hidden, tuple) and hidden:
        text += f" (Hidden sheets with a header: {_quoted_list(hidden, lang)}; use --sheet.)"
    if isinstance(rows := p.get("hidden_people"), int) and rows:
        some = "row with a person is" if rows == 1 else "rows with people are"
        text += (f" {_number(rows, lang)} {some} hidden (filtered out or hidden by hand): "
                 "unhide them, or run again with --include-hidden to take them.")
    return text


def _too_many_vi(p: Mapping[str, ParamValue], lang: str) -> str:
    rows = p.get("rows")
    count = f"có {_number(rows, lang)} dòng" if isinstance(rows, int) else "có quá nhiều dòng"
    return (f"{_capital(_where(p, lang))} {count}, vượt giới hạn {_number(p['limit'], lang)} "
            "dòng. Hãy tách danh sách thành nhiều tệp.")


def _too_many_en(p: Mapping[str, ParamValue], lang: str) -> str:
    rows = p.get("rows")
    count = f"has {_number(rows, lang)} rows" if isinstance(rows, int) else "has too many rows"
    return (f"{_capital(_where(p, lang))} {count}, over the limit of "
            f"{_number(p['limit'], lang)} rows. Split the list into several files.")


_TEMPLATES: dict[str, dict[str, _Render]] = {
    "file_not_found": _vi_en(
        lambda p, lang: f"Không tìm thấy tệp {p['file']}.",
        lambda p, lang: f"File not found: {p['file']}.",
    ),
    "unreadable": _vi_en(
        lambda p, lang: f"Không đọc được tệp {p['file']}: {_REASONS[lang][str(p['reason'])]}.",
        lambda p, lang: f"Cannot read {p['file']}: {_REASONS[lang][str(p['reason'])]}.",
    ),
    "empty": _vi_en(_empty_vi, _empty_en),
    "not_a_workbook": _vi_en(_not_a_workbook_vi, _not_a_workbook_en),
    "encrypted": _vi_en(
        lambda p, lang: (
            f"Tệp {p['file']} được đặt mật khẩu nên không đọc được. Hãy mở bằng Excel, gỡ mật "
            "khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hoá bằng mật khẩu, xoá mật khẩu) "
            "rồi lưu lại."),
        lambda p, lang: (
            f"{p['file']} is password-protected and cannot be read. Open it in Excel, remove the "
            "password (File > Info > Protect Workbook > Encrypt with Password, clear it) and "
            "save it again."),
    ),
    "corrupt": _vi_en(
        lambda p, lang: (
            f"Tệp {p['file']} bị hỏng hoặc không trọn vẹn (định dạng {p['format']}). Hãy mở bằng "
            "Excel để sửa rồi lưu lại, hoặc lấy lại bản gốc."),
        lambda p, lang: (
            f"{p['file']} is damaged or incomplete ({p['format']} format). Open it in Excel to "
            "repair it and save it again, or get the original file back."),
    ),
    "not_utf8": _vi_en(
        lambda p, lang: (
            f"Tệp CSV {p['file']} không dùng mã UTF-8 (lỗi ở dòng {p['row']}). Trong Excel hãy "
            "lưu bằng kiểu \"CSV UTF-8 (Comma delimited)\", hoặc gửi tệp .xlsx."),
        lambda p, lang: (
            f"The CSV file {p['file']} is not UTF-8 (bad bytes on line {p['row']}). In Excel save "
            "it as \"CSV UTF-8 (Comma delimited)\", or use the .xlsx file."),
    ),
    "sheet_not_found": _vi_en(
        lambda p, lang: (
            f"Tệp {p['file']} không có trang '{p['sheet']}'; các trang có: "
            f"{_quoted_list(p['sheets'], lang)}."),
        lambda p, lang: (
            f"{p['file']} has no sheet '{p['sheet']}'; its sheets are: "
            f"{_quoted_list(p['sheets'], lang)}."),
    ),
    "ambiguous_sheet": _vi_en(
        lambda p, lang: (
            f"Tệp {p['file']} có nhiều trang chứa danh sách: {_quoted_list(p['candidates'], lang)}."
            " Hãy chọn một trang bằng --sheet \"TÊN TRANG\"."),
        lambda p, lang: (
            f"{p['file']} has several sheets with an employee list: "
            f"{_quoted_list(p['candidates'], lang)}. Choose one with --sheet \"SHEET NAME\"."),
    ),
    "no_header": _vi_en(_no_header_vi, _no_header_en),
    "bad_header_row": _vi_en(
        lambda p, lang: (
            f"Dòng tiêu đề {p['header_row']} (--header-row) không có dữ liệu ở "
            f"{_where({**p, 'header_row': None}, lang)}; dữ liệu nằm từ dòng {p['first_row']} đến "
            f"dòng {p['last_row']}."),
        lambda p, lang: (
            f"Header row {p['header_row']} (--header-row) has no data in "
            f"{_where({**p, 'header_row': None}, lang)}; the data spans rows {p['first_row']} to "
            f"{p['last_row']}."),
    ),
    "missing_columns": _vi_en(
        lambda p, lang: (
            f"{_capital(_where(p, lang))}: thiếu cột bắt buộc {_fields_list(p['missing'], lang)}. "
            f"Các cột tìm thấy: {_quoted_list(p['found'], lang)}. Nếu cột có tên khác, dùng --map "
            "TRƯỜNG=\"Tên cột\"."),
        lambda p, lang: (
            f"{_capital(_where(p, lang))}: missing required column(s) "
            f"{_fields_list(p['missing'], lang)}. Columns found: {_quoted_list(p['found'], lang)}. "
            "If a column has another name, use --map FIELD=\"Column name\"."),
    ),
    "duplicate_column": _vi_en(
        lambda p, lang: (
            f"{_capital(_where(p, lang))}: cột {_quoted_list(p['columns'], lang)} (cột "
            f"{' và '.join(_letters(p))}) đều là {_field_label(p['field'], lang)}. Hãy đổi tên "
            f"hoặc xoá một cột, hoặc chọn một cột bằng --map {p['field']}=\"Tên cột\" (hay "
            f"--map {p['field']}={_letters(p)[0]})."),
        lambda p, lang: (
            f"{_capital(_where(p, lang))}: columns {_quoted_list(p['columns'], lang)} (columns "
            f"{' and '.join(_letters(p))}) are both {_field_label(p['field'], lang)}. Rename or "
            f"delete one, or choose one with --map {p['field']}=\"Column name\" (or --map "
            f"{p['field']}={_letters(p)[0]})."),
    ),
    "unknown_column": _vi_en(
        lambda p, lang: (
            f"{_capital(_where(p, lang))}: không có cột '{safe_text(str(p['column']))}' "
            f"(--map {p['field']}). Các cột tìm thấy: {_quoted_list(p['found'], lang)}."),
        lambda p, lang: (
            f"{_capital(_where(p, lang))}: there is no column '{safe_text(str(p['column']))}' "
            f"(--map {p['field']}). Columns found: {_quoted_list(p['found'], lang)}."),
    ),
    "too_many_rows": _vi_en(_too_many_vi, _too_many_en),
    "no_people": _vi_en(_no_people_vi, _no_people_en),
    "unknown_field": _vi_en(
        lambda p, lang: (
            f"--map {p['item']}: '{p['field']}' không phải tên trường; dùng một trong: "
            f"{', '.join(f.value for f in Field)}."),
        lambda p, lang: (
            f"--map {p['item']}: '{p['field']}' is not a field name; use one of: "
            f"{', '.join(f.value for f in Field)}."),
    ),
    "bad_mapping": _vi_en(
        lambda p, lang: f"--map {p['item']}: {_REASONS[lang][str(p['reason'])]}.",
        lambda p, lang: f"--map {p['item']}: {_REASONS[lang][str(p['reason'])]}.",
    ),
}

# --- hostile input (issue 15: files that are not files, files that ask for gigabytes) ----------

_REASONS["vi"].update({
    "fifo": "đây là đường ống (FIFO), không phải tệp thường",
    "device": "đây là thiết bị, không phải tệp thường",
    "socket": "đây là socket, không phải tệp thường",
    "symlink": "đây là liên kết tượng trưng (symlink)",
    "special": "đây không phải tệp thường",
})
_REASONS["en"].update({
    "fifo": "it is a named pipe (FIFO), not a regular file",
    "device": "it is a device, not a regular file",
    "socket": "it is a socket, not a regular file",
    "symlink": "it is a symbolic link",
    "special": "it is not a regular file",
})

_TOO_BIG: dict[str, dict[str, str]] = {
    "vi": {
        "file": "tệp nặng {size} byte, vượt giới hạn {limit} byte",
        "members": "tệp nén chứa {size} phần, vượt giới hạn {limit}",
        "member": "phần “{member}” khi giải nén nặng {size} byte, vượt giới hạn {limit} byte",
        "total": "khi giải nén nặng {size} byte, vượt giới hạn {limit} byte",
        "ratio": "phần “{member}” nén hơn {limit} lần ({size} byte khi giải nén): không phải "
                 "bảng tính thật",
        "cells": "các ô lặp lại (number-columns-repeated, number-rows-repeated) tạo ra hơn "
                 "{limit} ô",
        "extent": "các ô có dữ liệu trải trên {size} ô (từ ô đầu đến ô cuối), vượt giới hạn "
                  "{limit} ô",
    },
    "en": {
        "file": "it is {size} bytes, over the limit of {limit}",
        "members": "the archive holds {size} parts, over the limit of {limit}",
        "member": "part “{member}” inflates to {size} bytes, over the limit of {limit}",
        "total": "it inflates to {size} bytes, over the limit of {limit}",
        "ratio": "part “{member}” is compressed more than {limit}-fold ({size} bytes inflated): "
                 "not a real workbook",
        "cells": "its repeated cells (number-columns-repeated, number-rows-repeated) make more "
                 "than {limit} cells",
        "extent": "its cells with a value span {size} cells (first to last), over the limit of "
                  "{limit}",
    },
}


def _too_big(p: Mapping[str, ParamValue], lang: str) -> str:
    detail = _TOO_BIG[lang][str(p.get("what", "file"))].format(
        member=safe_text(str(p.get("member", ""))), size=_number(p.get("size"), lang),
        limit=_number(p.get("limit"), lang))
    if lang == "vi":
        return (f"Không đọc tệp {p['file']}: {detail}. Hãy mở bằng Excel và lưu lại, hoặc tách "
                "danh sách thành nhiều tệp.")
    return (f"Not reading {p['file']}: {detail}. Open it in Excel and save it again, or split "
            "the list into several files.")


_TEMPLATES["too_big"] = _vi_en(_too_big, _too_big)

CODES: frozenset[str] = frozenset(_TEMPLATES)


def _rebuild(code: str, params: dict[str, ParamValue]) -> SheetError:
    return SheetError(code, **params)


class SheetError(Exception):
    """The sheet cannot be read; the command stops with exit code 2.

    ``code`` is one of ``CODES``; ``params`` are what the message names (``file`` always; ``sheet``,
    ``header_row``, columns … when known). ``str(error)`` is the Vietnamese message.

    >>> error = SheetError("file_not_found", file="ds.xlsx")
    >>> str(error)
    'Không tìm thấy tệp ds.xlsx.'
    >>> error.message("en")
    'File not found: ds.xlsx.'
    """

    def __init__(self, code: str, **params: ParamValue) -> None:
        if code not in _TEMPLATES:
            raise ValueError(f"unknown SheetError code {code!r}")
        self.code = code
        self.params: dict[str, ParamValue] = params
        super().__init__(code)

    def message(self, lang: str = "vi") -> str:
        """The one-line message in ``lang`` ("vi" or "en"; anything else falls back to "vi")."""
        lang = lang if lang in ("vi", "en") else "vi"
        return _TEMPLATES[self.code][lang](self.params, lang)

    def __str__(self) -> str:
        return self.message("vi")

    def __repr__(self) -> str:
        return f"SheetError({self.code!r}, **{self.params!r})"

    def __reduce__(self) -> tuple[Callable[[str, dict[str, ParamValue]], SheetError],
                                  tuple[str, dict[str, ParamValue]]]:
        # Exception's default pickling replays ``args``; ours are keyword params (--jobs may
        # move errors between processes).
        return _rebuild, (self.code, self.params)
