"""English text (--lang en): the same sections, keys and placeholders as vi.py."""

from __future__ import annotations

# ================================================================================================
# 1. Problems: code -> (message, hint). A code "*.x" serves every field; "code/variant" is
#    the wording used when a rule gives that variant. Parameters named pii_* are masked.
# ================================================================================================

PROBLEMS: dict[str, tuple[str, str]] = {
    # any field ({field} is the field's name)
    "*.missing": ("{field} is missing.", "Fill in {field} for this person."),
    "*.too_long": (
        "The {field} cell is longer than {limit} characters.",
        "Check the cell: a whole paragraph may have been pasted into it.",
    ),
    "*.unicode_normalized": (
        "{field} was in decomposed Unicode; normalised to NFC.",
        "Nothing to do; a precomposed Unicode keyboard avoids this.",
    ),
    "*.encoding_converted": (
        "{field} was typed in the {encoding} encoding; converted to Unicode: “{converted}”.",
        "Check the converted text; retype it in Unicode if wrong.",
    ),
    "*.formula_without_value": (
        "The {field} cell is a formula with no computed value.",
        "Open the file in Excel, recalculate (F9) and save, or type the "
        "value instead of the formula.",
    ),
    "*.control_characters": (
        "The {field} cell held hidden control characters ({chars}); they were removed.",
        "Nothing to do; if the cell was pasted from a web page or another "
        "program, retype it in the sheet.",
    ),
    "*.scientific_notation": (
        "The {field} cell is “{value}”: Excel turned the number into scientific notation and lost "
        "its last digits.",
        "It cannot be restored from this file. Open the original sheet in Excel, select the whole "
        "column, Format Cells → Text, type the numbers again and save (for CSV, save again after "
        "formatting as Text).",
    ),
    "*.undrawable": (
        "{field} has characters the form's font cannot print: “{chars}” "
        "({codepoints}); the form will leave them blank.",
        "To print it in full, write it in Vietnamese or Latin letters.",
    ),
    # full_name
    "full_name.invalid_character": (
        "The name contains an invalid character “{char}”.",
        "Use letters, spaces, and an apostrophe or hyphen inside a name only (e.g. H'Hen Niê).",
    ),
    "full_name.too_long": (
        "The name is {length} characters long (at most {max_length}).",
        "Write the full name only, without titles or notes.",
    ),
    "full_name.single_word": (
        "The full name is a single word: “{value}”.",
        "Write surname, middle and given name as on the ID card; if the "
        "sheet splits the name over several columns, use --map "
        "full_name=B+C.",
    ),
    "full_name.honorific": (
        "The name starts with an honorific; without it: “{bare}”.",
        "Write the name as on the ID card, without “Ông”, “Bà”, “Anh”, “Chị”, "
        "“Mr”…; keep it if “Ông”/“Bà” is the surname.",
    ),
    "full_name.lookalike_letters": (
        "The name has “{letters}” ({codepoints}) from another "
        "alphabet that look like Latin letters; changed to “{fixed}”.",
        "Retype the name with a Vietnamese (Unicode) keyboard.",
    ),
    "full_name.undrawable": (
        "The name has letters the form's font cannot print: “{chars}” "
        "({codepoints}); the form would leave them blank.",
        "Write the name in Vietnamese or Latin letters, as on the ID card or passport.",
    ),
    "full_name.no_visible_letter": (
        "The name has no letter that prints.",
        "Retype the name: the cell may hold only invisible characters.",
    ),
    # birth_date
    "birth_date.invalid": (
        "Birth date “{value}” cannot be read.",
        "Write day/month/year, e.g. 05/09/1990, or the year only.",
    ),
    "birth_date.future": ("The birth date is after {as_of}.", "Check the birth year."),
    "birth_date.too_young": (
        "The employee is only {age} (under 15).",
        "Check the birth date; employees must be at least 15.",
    ),
    "birth_date.too_old": (
        "The employee is {age} years old.",
        "Check the birth year in case of a typing slip.",
    ),
    # gender
    "gender.invalid": ("Gender “{value}” is not valid.", "Write “Nam” or “Nữ”."),
    # bhxh_code
    "bhxh_code.invalid_length": (
        "The BHXH code has {length} digits; it must have 10.",
        "Look the code up in the BHXH book or the VssID app.",
    ),
    "bhxh_code.invalid_format": (
        "The BHXH code may contain digits only.",
        "Remove letters, spaces and other characters.",
    ),
    "bhxh_code.personal_number": (
        "Column “{column}” holds a 12-digit personal number instead of the 10-digit BHXH code.",
        "Since 2025 the personal number serves as the BHXH identifier; "
        "use the 10-digit code if the person has one.",
    ),
    "bhxh_code.duplicate": (
        "The BHXH code is the same as on row {other_rows}.",
        "One code per person: check for a duplicated person or a typo.",
    ),
    "bhxh_code.leading_zero_restored": (
        "Excel dropped {zeros} leading zero(s) of the BHXH code "
        "in cell {cell}; restored as {pii_value}.",
        "Excel drops leading zeros in number columns: select the "
        "column, Format Cells → Text, and retype the codes (or "
        "type ' before each).",
    ),
    "bhxh_code.missing": (
        "The BHXH code is missing.",
        "Enter the 10-digit BHXH code (BHXH book or VssID). From 01/08/2025 the "
        "12-digit personal number replaces it (Công văn 1804/BHXH-QLT); a "
        "foreigner with a passport still needs the 10-digit code.",
    ),
    "bhxh_code.personal_number_mismatch": (
        "The BHXH-code column holds a 12-digit personal number "
        "that differs from column “{id_column}”.",
        "A personal number used as BHXH code must be the "
        "person's own ID number: correct one of the cells, or "
        "enter the 10-digit code.",
    ),
    # id_number
    "id_number.invalid_length": (
        "The ID number has {length} digits; it must be 12 (CCCD) or 9 (old CMND).",
        "Compare with the original ID card.",
    ),
    "id_number.invalid_format": (
        "The ID number may contain digits only.",
        "Remove letters, spaces and other characters.",
    ),
    "id_number.unknown_province": (
        "Province code “{province_code}” at the start of the CCCD does not exist.",
        "The first three digits are where the birth was registered; "
        "compare with the original card.",
    ),
    "id_number.foreign_province": (
        "Province code “{province_code}” is not one of the 63 "
        "provinces (birth registered abroad?).",
        "Accepted because the nationality is not Vietnamese; compare with the original card.",
    ),
    "id_number.future_year": (
        "The birth year {year} encoded in the CCCD is after {as_of}.",
        "Digits 4–6 of the CCCD are century, sex and birth year; compare with the original card.",
    ),
    "id_number.sex_mismatch": (
        "The CCCD belongs to a {id_gender} person but column "
        "“{gender_column}” says {sheet_gender}.",
        "Digit 4 of the CCCD encodes the sex: either the ID number or the gender cell is wrong.",
    ),
    "id_number.birth_year_mismatch": (
        "The CCCD encodes birth year {id_year} but column “{birth_column}” says {sheet_year}.",
        "Digits 4–6 of the CCCD are century and birth year: either "
        "the ID number or the birth date is wrong.",
    ),
    "id_number.cmnd_no_longer_valid": (
        "9-digit CMND cards are no longer valid since 01/01/2025.",
        "Use this person's 12-digit CCCD (personal number).",
    ),
    "id_number.card_expired": (
        "The CCCD expired when its holder turned {age} ({expired_on}).",
        "Ask the employee to renew the card; enter the new number and issue date.",
    ),
    "id_number.duplicate": (
        "The ID number is the same as on row {other_rows}.",
        "One ID per person: check for a duplicated person or a typo.",
    ),
    "id_number.leading_zero_restored": (
        "Excel dropped {zeros} leading zero(s) of the ID number "
        "in cell {cell}; restored as {pii_value}.",
        "Excel drops leading zeros in number columns: select the "
        "column, Format Cells → Text, and retype the numbers (or "
        "type ' before each).",
    ),
    "id_number.passport": (
        "Passport number {pii_value} of a foreign national (CCCD structure not checked).",
        "Compare with the passport; a foreigner needs a 10-digit BHXH code.",
    ),
    "id_number.passport_citizen": (
        "The ID looks like a passport number, but the nationality is Việt Nam.",
        "A Vietnamese citizen gives the 12-digit CCCD number; for a "
        "foreign national, fill column “{nationality_column}” (add a "
        "Quốc tịch column if there is none).",
    ),
    # id_issue_date
    "id_issue_date.invalid": (
        "Issue date “{value}” cannot be read.",
        "Write day/month/year, e.g. 12/08/2021.",
    ),
    "id_issue_date.before_birth": (
        "The issue date is before the birth date.",
        "Compare the issue date with the original card.",
    ),
    "id_issue_date.future": (
        "The issue date is after {as_of}.",
        "Compare the issue date with the original card.",
    ),
    # phone
    "phone.invalid_format": (
        "The phone number contains characters other than digits.",
        "Write one 10-digit mobile number, e.g. 0912 345 678.",
    ),
    "phone.invalid_length": (
        "The phone number has {length} digits; mobile numbers have 10.",
        "Ask the employee for the mobile number they use.",
    ),
    "phone.invalid": (
        "{pii_value} is not a valid Vietnamese phone number.",
        "Ask the employee for the mobile number they use.",
    ),
    "phone.landline": (
        "{pii_value} is a landline; BHXH cannot text it.",
        "Use the employee's own mobile: the VssID account is texted to it.",
    ),
    "phone.not_mobile": (
        "{pii_value} is not a mobile number.",
        "Use the employee's own mobile number.",
    ),
    "phone.old_number_mapped": (
        "Old 11-digit number {pii_old} converted to {pii_new} ({carrier}).",
        "Confirm the new number with the employee.",
    ),
    "phone.duplicate": (
        "The phone number is the same as on row {other_rows}.",
        "The BHXH portal refuses one number for two accounts: each person needs their own mobile.",
    ),
    "phone.leading_zero_restored": (
        "Excel dropped {zeros} leading zero(s) of the phone number in "
        "cell {cell}; restored as {pii_value}.",
        "Excel drops leading zeros in number columns: select the "
        "column, Format Cells → Text, and retype the numbers (or type "
        "' before each).",
    ),
    "phone.other_number_ignored": (
        "The cell holds several numbers; using the mobile {pii_value}, ignoring {pii_other}.",
        "Give one mobile number of the employee's own per person.",
    ),
    "phone.several_numbers": (
        "The cell holds {count} mobile numbers.",
        "Ask the employee to choose one: the VssID account is texted to it.",
    ),
    "phone.note_removed": (
        "The phone cell has a note “{note}”; the number {pii_value} was taken.",
        "Keep only the mobile number in this cell and notes in another column. If the note "
        "says it is someone else's number (a spouse, a relative), ask for the employee's own.",
    ),
    # email
    "email.invalid": ("Email “{value}” is not valid.", "Write name@example.vn, or leave it empty."),
    # the row itself
    "row.hidden": (
        "Row is hidden (filtered out or hidden by hand): {name} — no form made.",
        "If this person is to be submitted, unhide the row or run again with --include-hidden.",
    ),
    # ID card photos (--photos)
    "photo.missing": (
        "No photo of this person's ID card.",
        "Put photos of both sides in the --photos folder, named by ID number or "
        "employee code, e.g. 001090123456_front.jpg and 001090123456_back.jpg.",
    ),
    "photo.side_missing": (
        "The {side} of the ID card is missing.",
        "Add the {side} photo; its file name ends in “front” or “back”.",
    ),
    "photo.too_small": (
        "The {side} photo ({file}) is only {width} pixels wide; it will print illegibly.",
        "Take a sharper photo of the card, at least {min_width} pixels wide.",
    ),
    "photo.unreadable": (
        "The {side} photo ({file}) cannot be read.",
        "Save it as JPEG or PNG and run again.",
    ),
    "photo.too_large": (
        "The {side} photo ({file}) declares over 120 megapixels, too large for a "
        "card photo: skipped, not decoded.",
        "Take or save the card photo again as a JPEG from a phone.",
    ),
    "photo.bad_shape": (
        "The {side} photo ({file}) declares {width} × {height} pixels, not the "
        "shape of a card: skipped, not decoded.",
        "Photograph the whole card again, as a normal JPEG or PNG.",
    ),
    # the QR code on the ID card (--photos)
    "card.id_mismatch": (
        "The card in the photo has number {pii_card} ({card_name}), not the "
        "row's number ({pii_row_value}).",
        "Someone else's photo, or a typo in the sheet: check the original card.",
    ),
    "card.id_mismatch/other_row": (
        "The card in the photo has number {pii_card} ({card_name}) — "
        "row {other_row}'s number, not this row's ({pii_row_value}).",
        "Row {other_row}'s photo is named for this person: rename the photo files.",
    ),
    "card.name_mismatch": (
        "The card says “{card}”, the sheet says “{sheet}”.",
        "Correct the name to match the card, marks included.",
    ),
    "card.birth_date_mismatch": (
        "The card's birth date is {card}, the sheet's is {sheet}.",
        "Correct the birth date from the card (day first, then month).",
    ),
    "card.gender_mismatch": (
        "The card's gender is {card}, the sheet's is {sheet}.",
        "Correct the gender from the card.",
    ),
    "card.unreadable": (
        "No QR code could be read on the card photos; not checked against the card.",
        "Photograph the side with the QR code again (front of 2021 cards, back of "
        "2024 cards), sharp and well lit; or check the original card.",
    ),
    "card.address_filled": (
        "The sheet had no address: taken from the card ({card}).",
        "Check with the employee if they have moved.",
    ),
    "card.address_differs": (
        "The card's address ({card}) differs from the sheet's ({sheet}).",
        "The employee may have moved; the form uses the sheet's address.",
    ),
    "card.issue_date_filled": (
        "The sheet had no issue date: taken from the card ({card}).",
        "Nothing else to do.",
    ),
    "card.issue_date_differs": (
        "The card's issue date ({card}) differs from the sheet's ({sheet}).",
        "The card may have been reissued: use the current card's date.",
    ),
    "card.photo_of_row": (
        "Photo {file} matches nobody by name, but the card in it has number "
        "{pii_card}, close to this row's number.",
        "If it is this person's photo, rename it after the sheet's number; if "
        "the sheet's number is mistyped, correct it from the card.",
    ),
}

# ================================================================================================
# 2. Labels: words naming things inside sentences and tables.
# ================================================================================================

# field -> what a clerk calls it (problems, sheet errors, the annotated copy).
FIELD_NAMES: dict[str, str] = {
    "full_name": "Full name",
    "birth_date": "Birth date",
    "gender": "Gender",
    "bhxh_code": "BHXH code",
    "id_number": "ID number",
    "id_issue_date": "ID issue date",
    "id_issue_place": "ID issue place",
    "phone": "Mobile number",
    "email": "Email",
    "address": "Address",
    "nationality": "Nationality",
    "employee_code": "Employee code",
    "department": "Department",
}

# photo side -> words put into messages in place of the code.
SIDES: dict[str, str] = {
    "front": "front",
    "back": "back",
}

# problem code -> a few words naming it, for the summary by problem ({field}: the field's name).
LABELS: dict[str, str] = {
    "*.missing": "{field} missing",
    "*.too_long": "{field} cell too long",
    "*.unicode_normalized": "{field}: decomposed Unicode normalised",
    "*.encoding_converted": "{field}: converted from a legacy encoding (TCVN3/VNI)",
    "*.formula_without_value": "{field}: formula without a value",
    "*.scientific_notation": "{field}: number in scientific notation (E+), digits lost",
    "*.control_characters": "{field}: hidden control characters removed",
    "full_name.invalid_character": "Invalid character in the name",
    "full_name.too_long": "Name too long",
    "birth_date.invalid": "Unreadable birth date",
    "birth_date.future": "Birth date in the future",
    "birth_date.too_young": "Under 15",
    "birth_date.too_old": "Over 80",
    "gender.invalid": "Invalid gender",
    "bhxh_code.invalid_length": "BHXH code not 10 digits",
    "bhxh_code.invalid_format": "Non-digit in the BHXH code",
    "bhxh_code.leading_zero_restored": "BHXH code: leading zero restored",
    "bhxh_code.personal_number": "12-digit personal number in the BHXH column",
    "bhxh_code.duplicate": "Duplicate BHXH code",
    "id_number.invalid_length": "ID number of the wrong length",
    "id_number.invalid_format": "Non-digit in the ID number",
    "id_number.unknown_province": "Unknown province code in the CCCD",
    "id_number.foreign_province": "Birth place code outside the 63 provinces",
    "id_number.future_year": "Birth year in the CCCD in the future",
    "id_number.sex_mismatch": "CCCD disagrees with the gender",
    "id_number.birth_year_mismatch": "CCCD disagrees with the birth year",
    "id_number.leading_zero_restored": "CCCD: leading zero restored",
    "id_number.cmnd_no_longer_valid": "9-digit CMND no longer valid",
    "id_number.card_expired": "CCCD card expired",
    "id_number.duplicate": "Duplicate ID number",
    "id_issue_date.invalid": "Unreadable issue date",
    "id_issue_date.before_birth": "Issue date before the birth date",
    "id_issue_date.future": "Issue date in the future",
    "phone.invalid_format": "Non-digit in the phone number",
    "phone.invalid_length": "Phone number of the wrong length",
    "phone.invalid": "Invalid phone number",
    "phone.landline": "Landline instead of a mobile",
    "phone.not_mobile": "Not a mobile number",
    "phone.old_number_mapped": "Old 11-digit mobile converted",
    "phone.leading_zero_restored": "Phone: leading zero restored",
    "phone.note_removed": "Note in the phone cell",
    "phone.duplicate": "Duplicate mobile number",
    "email.invalid": "Invalid email",
    "photo.missing": "No ID photo",
    "photo.side_missing": "One side of the ID photo missing",
    "photo.too_small": "ID photo too small",
    "photo.unreadable": "Unreadable ID photo",
}

# ================================================================================================
# 3. UI: the words of the command-line interface, by command.
# ================================================================================================

UI: dict[str, str] = {
    # validate: the terminal report of a sheet
    "checking": "Checking {file} — sheet “{sheet}”, header on row {header_row}, as of {as_of}",
    "col_row": "Row",
    "col_name": "Full name",
    "col_column": "Column",
    "col_problem": "Problem",
    "col_hint": "How to fix",
    "col_code": "Problem code",
    "col_count": "Count",
    "summary": "{people} people: {valid} valid ({with_warnings} with warnings), {with_errors} "
    "with errors — {errors} errors, {warnings} warnings.",
    "all_valid": "The sheet is valid: you can run “vssid-batch prepare {file}”.",
    "has_errors": "Fix the errors above in the sheet and run again.",
    "no_people": "No people below the header row.",
    "annotated": "Annotated copy written: {path}",
    "result_header": "Check result",
    "result_valid": "Valid",
    "result_counts": "{errors} errors, {warnings} warnings",
    "severity_error": "Error",
    "severity_warning": "Warning",
    "hidden_rows": "{count} hidden rows not taken (add --include-hidden to take them): {names}",
    "col_severity": "Severity",
    "person_label": "row {row} · {name}",
    "column_label": "{letter} · {header}",
    "shown_first": "{total} problems ({errors} errors, {warnings} warnings); the table shows the "
    "first {shown}, errors first.",
    "see_the_rest": "To see them all: run again with --all; or “vssid-batch validate {file} "
    "--annotate marked.xlsx” (a copy of the sheet with each cell coloured and "
    "noted); or “vssid-batch validate {file} --format json”.",
    # prepare: what was made, what was skipped
    "prepare_refused": "Nothing prepared because the sheet has errors: fix them, or use "
    "--skip-invalid to prepare the valid people.",
    "prepare_nobody": "Nobody is valid; nothing to prepare.",
    "prepare_progress": "Writing forms",
    "prepare_done": "Prepared {people} people in folder {folder}",
    "prepare_skipped": "Skipped {count} people with errors:",
    "prepare_warnings": "{count} warnings (see vssid-batch validate).",
    "photo_warnings": "ID photos: {count} warnings:",
    "next_steps": "What to do next (also written to {file}):",
    "cards_summary": "Card QR codes: {checked} people's photos read — {matched} match, "
    "{mismatched} do not, {unreadable} unreadable.",
    "cards_progress": "Reading the QR codes on the cards",
    # the checklist (viec-can-lam.txt in Vietnamese; the terminal in --lang)
    "checklist.step1": "Print {forms_print} (one Form 01 per person{photocopies}).",
    "checklist.step2": "Have each employee check their details and sign the form, writing their "
    "full name.",
    "checklist.step3": "Compare each form with the original CCCD/CMND card; tick the column “Đã "
    "đối chiếu bản gốc” in {list_xlsx}.",
    "checklist.step4": "Print {list_xlsx}, sign it as “Người lập biểu” and have the head of the "
    "unit sign it.",
    "checklist.step5": "Print {cover_letter}, have it signed and stamped.",
    "checklist.step6": "Hand the forms, the CCCD/CMND copies, the list and the letter to "
    "{recipient}.",
    "checklist.step7": "Record progress in the column “Trạng thái” of {list_xlsx} (Đã ký, Đã nộp, "
    "Đã có tài khoản, Đã cài VssID); see the summary with: vssid-batch report "
    "{folder}",
    "checklist.photocopies": ", with the CCCD copy page",
    "checklist.note": "Note: {note}",
    # notices said once per batch: the rules in force on the document date
    "notice.bhxh_code.personal_number_used": "People without a 10-digit BHXH code: {people}; "
    "their personal number is used as BHXH code (from "
    "{since}, Công văn 1804/BHXH-QLT of 04/08/2025, BHXH "
    "Việt Nam).",
    "notice.decree_164": "From 01/07/2025 electronic BHXH transactions go through the VNeID "
    "identity account (Nghị định 164/2025/NĐ-CP): confirm with the receiving "
    "office that it still takes Mẫu 01; employees with a level-2 VNeID "
    "account can log in to VssID with it.",
    "notice.office_renamed": "The recipient “{recipient}” is a district (quận/huyện) office: "
    "these were reorganised from 01/07/2025; confirm its current name "
    "and correct letter.recipient in unit.toml.",
    # report: the state of a prepared folder
    "report_title": "Batch {folder} — {employer}, dated {date}",
    "report_people": "{people} people in the batch, {skipped} skipped when it was prepared.",
    "report_files_ok": "Every file is as it was prepared.",
    "report_missing": "Missing files: {files}",
    "report_changed": "Files changed after preparing: {files}",
    "col_status": "Status",
    "col_percent": "Share",
    "report_by_department": "By department",
    "col_department": "Department",
    "department_none": "(no department)",
    "status_pending": "(none yet)",
    "report_pending": "{count} people have no status yet:",
    "report_source_same": "The source sheet has not changed since the batch was prepared.",
    "report_source_unchecked": "Could not check the source sheet: {note}",
    "report_added": "In the source sheet but not in the batch: {names}",
    "report_removed": "Removed from the source sheet: {names}",
    "report_changed_people": "Details changed in the source sheet (forms need redoing): {names}",
    "report_invalid": "Now have errors in the source sheet: {names}",
    "report_source_no_change": "The source sheet was saved again but no person changed.",
    "report_list_unreadable": "The list is damaged and cannot be read (the Status column and the "
    "prepared cells): {note} — restore a saved copy, or prepare the "
    "batch again with prepare --force.",
    "row_label": "row {row}",
    "photos_summary": "ID photos: {both} people with both sides.",
    "photos_missing": "No ID photo yet: {names}",
    "photos_one_side": "Only one side of the card: {names}",
    "photos_unmatched": "Photo files that match nobody: {files}",
    "col_people": "People",
    "report_manifest_edited": (
        "manifest.json was edited by hand after the batch was made: what it says about the "
        "people, the date and the employer may no longer be what was prepared. Make the batch "
        "again: vssid-batch prepare … --force."
    ),
    "report_tampered": "The batch was tampered with — {entry}: {path} ({reason})",
    "tamper_outside": "a path outside the batch folder",
    "tamper_symlink": "a symbolic link",
    "tamper_not_listed": "not among the manifest's files",
    "tamper_not_a_sheet": "not a spreadsheet file",
    "tamper_fifo": "a named pipe (FIFO), not a regular file",
    "tamper_device": "a device, not a regular file",
    "tamper_directory": "a folder, not a file",
    "tamper_socket": "a socket, not a regular file",
    "tamper_other": "not a regular file ({reason})",
    "report_added_files": "Files the manifest does not list (added after prepare): {files}",
    "report_list_changes": "{file} differs from the prepared batch (outside the columns “Đã đối "
    "chiếu bản gốc”, “Ký nhận”, “Trạng thái”):",
    "list_changed_cell": "row {row}, column {letter} “{column}” (STT {stt}, {name}) was edited, "
    "now “{value}”",
    "list_changed_row": "row {row} (STT {stt}, {name}) was edited",
    "list_added_row": "row {row}: a person not in the batch (“{value}”)",
    "list_duplicate_row": "row {row}: STT {stt} appears a second time",
    "list_missing_row": "STT {stt} ({name}) is no longer in the list",
    "list_column_missing": "column “{column}” is missing from header row {row}",
    "list_unreadable": "cannot be read to compare",
    "report_unknown_status": "Unknown status “{value}” on row(s) {rows} (use: Đã ký, Đã nộp, Đã "
    "có tài khoản, Đã cài VssID)",
    "report_edition": "Mẫu 01 forms printed in the wording of {basis} (edition “{edition}”).",
    # template and init
    "template_written": "Template written to {path}: fill it in from row 2; keep the header row.",
    "init_written": "Wrote {path}: open it and fill in the employer's details before prepare.",
    "file_exists": "{path} already exists; use --force to overwrite it.",
    # failures: the prefix of a one-line error, Ctrl-C, a bug, what the OS said
    "error_prefix": "Error",
    "interrupted": "Stopped on request; no file was left half-written.",
    "interrupted_after_done": "Summary stopped; the batch is complete in {folder}.",
    "unexpected": "Unexpected error ({kind}). Set VSSID_DEBUG=1 to see the details and report it "
    "to the developers.",
    "os_disk_full": "the disk is full",
    "os_denied": "permission denied",
    "os_read_only": "the disk is read-only",
    "os_missing": "no such file or folder",
    "os_not_folder": "part of the path is not a folder",
    "os_is_folder": "this is a folder, not a file",
    "os_name_too_long": "the file name is too long",
}

# ================================================================================================
# 4. Errors: what stops a command (exit 2), by VssidError / SheetError code (errors.py).
# ================================================================================================

ERRORS: dict[str, str] = {
    # the unit config (unit.toml)
    "config.not_found": "No {config} found (beside {sheet} or in the current folder): run "
    "“vssid-batch init” and fill in the employer's details, or pass --config.",
    "config.file_not_found": "{path}: config file not found.",
    "config.not_regular": "{path}: not a regular file ({kind}).",
    "config.bad_syntax": (
        "{path}, line {line}, column {column}: syntax error. Text goes in double quotes "
        '(name = "Công ty ABC"), one key = value per line; fix that line and run again.'
    ),
    "config.unreadable": "{path}: cannot read the config file ({reason}).",
    "config.incomplete": "{path}: missing {keys}.",
    "config.invalid_value": "{path}: invalid value at {where}.",
    "config.too_long": "{path}: {where} is longer than {limit} characters. Shorten it: the "
    "letter and the forms cannot print a value that long.",
    "config.unprintable": "{path}: {where} has characters the letter and the forms cannot "
    "print ({codepoints}). Delete them or type the value again.",
    "letter.heading_too_long": "The letter's heading is longer than a page: shorten "
    "employer.name, employer.parent, letter.symbol or letter.place in unit.toml.",
    "letter.signature_too_long": "The letter's signature block is longer than a page: shorten "
    "signer.authority, signer.title, signer.name or letter.archive in unit.toml.",
    "config.bad_tax_code": "{path}: employer.tax_code “{value}” is not a valid tax code: {fault}.",
    "config.tax_code_fault.invalid_checksum": "wrong check digit",
    "config.tax_code_fault.invalid_length": "must have 10 digits, or 13 (as 0103456789-001) for a "
    "branch",
    "config.tax_code_fault.invalid_format": "digits only",
    "config.tax_code_fault.invalid_component": "branch suffix 000 is invalid",
    "config.unknown_edition": "{path}: form.edition “{value}” is unknown; known editions: {known}.",
    # validate --annotate
    "annotate.same_file": "{target}: will not overwrite the original sheet; choose another "
    "--annotate name.",
    "annotate.format": "{target}: the annotated copy must end in .xlsx.",
    # --photos
    "photos.not_found": "{folder}: no such photo folder.",
    # report FOLDER
    "report.source_gone": "{file}: no longer at {path}",
    "report.folder_not_found": "{folder}: no such folder.",
    # the batch's manifest.json
    "manifest.not_regular": "{path}: manifest.json is not a regular file ({reason}).",
    "manifest.missing": "{path}: no manifest.json — not a folder made by “vssid-batch prepare”.",
    "manifest.invalid": "{path}: manifest.json is damaged or was edited by hand.",
    # prepare --out: the batch folder
    "output.contains_cwd": "--out {final} is the current folder or a folder above it; choose a "
    "new folder for the batch, e.g. --out ho-so-bhxh.",
    "output.contains_input": "--out {final} is or holds {path} (the sheet, photos or config); "
    "choose a separate folder for the batch.",
    "output.inside_photos": "--out {final} lies inside the photo folder {path}; choose a batch "
    "folder outside it.",
    "output.not_ours": "Folder {final} is not a batch made by vssid-batch; --force only replaces "
    "the tool's own batches. Choose another --out.",
    "output.has_foreign_files": "Folder {final} holds files vssid-batch did not make ({shown}); "
    "move them elsewhere (and close Excel) before using --force, or "
    "choose another --out.",
    "output.symlink": "--out {final} is a symbolic link; choose a real folder.",
    "output.not_folder": "{final} is a file, not a folder.",
    "output.exists": "Folder {final} already exists; use --force to replace it or --out for "
    "another.",
    "output.busy": "Another “prepare” is writing to {final}; wait for it to finish and run again "
    "(if you are sure none is running, delete {path}).",
    "output.disk_full": "The disk is full: could not write the batch {final}. Free some space or "
    "choose an --out on another disk; no file was left half-written.",
    "output.not_writable": "No permission to write in the folder {folder}: choose an --out in a "
    "folder you can write to.",
    # the sheet (sheet/errors.py chooses the variant and words {where}, lists and counts)
    "sheet.file_not_found": "File not found: {file}.",
    "sheet.unreadable": "Cannot read {file}: {reason}.",
    "sheet.empty": "{file} is empty: there is no data in it.",
    "sheet.empty/sheet": "Sheet '{sheet}' of {file} is empty: there is no data in it.",
    "sheet.not_a_workbook": "{file} cannot be read as a spreadsheet: {kind}. Open it in Excel and "
    "save it as .xlsx (or as CSV UTF-8 with a .csv extension).",
    "sheet.encrypted": "{file} is password-protected and cannot be read. Open it in Excel, remove "
    "the password (File > Info > Protect Workbook > Encrypt with Password, "
    "clear it) and save it again.",
    "sheet.corrupt": "{file} is damaged or incomplete ({format} format). Open it in Excel to "
    "repair it and save it again, or get the original file back.",
    "sheet.not_utf8": "The CSV file {file} is not UTF-8 (bad bytes on line {row}). In Excel save "
    'it as "CSV UTF-8 (Comma delimited)", or use the .xlsx file.',
    "sheet.sheet_not_found": "{file} has no sheet '{sheet}'; its sheets are: {sheets}.",
    "sheet.ambiguous_sheet": "{file} has several sheets with an employee list: {candidates}. "
    'Choose one with --sheet "SHEET NAME".',
    "sheet.no_header": "No header row found in the first {rows} rows of {where}: at least 3 "
    "recognisable columns such as Họ và tên, Ngày sinh, Số CCCD are needed. "
    "Point at the header with --header-row N, or name columns with --map "
    'FIELD="Column name".{hidden_note}{formulas_note}',
    "sheet.bad_header_row": "Header row {header_row} (--header-row) has no data in {where}; the "
    "data spans rows {first_row} to {last_row}.",
    "sheet.missing_columns": "{Where}: missing required column(s) {missing}. Columns found: "
    '{found}. If a column has another name, use --map FIELD="Column '
    'name".',
    "sheet.duplicate_column": "{Where}: columns {columns} (columns {letters}) are both {label}. "
    'Rename or delete one, or choose one with --map {field}="Column '
    'name" (or --map {field}={letter}).',
    "sheet.unknown_column": "{Where}: there is no column '{column}' (--map {field}). Columns "
    "found: {found}.",
    "sheet.too_many_rows": "{Where} has {rows} rows, over the limit of {limit} rows. Split the "
    "list into several files.",
    "sheet.too_many_rows/unknown": "{Where} has too many rows, over the limit of {limit} rows. "
    "Split the list into several files.",
    "sheet.no_people": "{Where}: there is no one below the header row. A person needs a full "
    "name, or at least two of date of birth, BHXH code, ID number, phone. "
    "Check that this is the right file and "
    "sheet.{hidden_note}{hidden_people_note}",
    "sheet.unknown_field": "--map {item}: '{field}' is not a field name; use one of: {fields}.",
    "sheet.bad_mapping": "--map {item}: {reason}.",
    "sheet.too_big": "Not reading {file}: {detail}. Open it in Excel and save it again, or split "
    "the list into several files.",
    "sheet.hidden_people_note": " {rows} rows with people are hidden (filtered out or hidden by "
    "hand): unhide them, or run again with --include-hidden to take "
    "them.",
    "sheet.hidden_people_note/one": " {rows} row with a person is hidden (filtered out or hidden "
    "by hand): unhide them, or run again with --include-hidden to "
    "take them.",
    # pieces of the sheet's sentences
    "sheet.where": "file {file}",
    "sheet.where/sheet": "sheet '{sheet}' of {file}",
    "sheet.where.header_row": ", header row {header_row}",
    "sheet.hidden_note": " (Hidden sheets with a header: {hidden}; use --sheet.)",
    "sheet.formulas_note": " (The sheet has {formulas} formula cells without a value: written by "
    "a program and never opened in Excel? Open it in Excel and save it.)",
    "sheet.none": "(none)",
    "sheet.and": " and ",
    "sheet.millions": "{millions} million",
    "sheet.decimal_point": ".",
    "sheet.thousands_separator": ",",
    "sheet.kind.text": "it is plain text, not a workbook",
    "sheet.kind.html": "it is a web page (HTML), not a real workbook",
    "sheet.kind.xml": "it is XML (Excel 2003 XML), which is not supported",
    "sheet.kind.pdf": "it is a PDF file",
    "sheet.kind.zip": "it is a zip archive, not a workbook (extract it first?)",
    "sheet.kind.ole": "it is an Office document but not an Excel workbook",
    "sheet.kind.binary": "its format is not recognised",
    "sheet.reason.permission": "permission denied",
    "sheet.reason.directory": "it is a folder, not a file",
    "sheet.reason.os": "system error while reading",
    "sheet.reason.syntax": 'expected FIELD="Column name"',
    "sheet.reason.empty_column": "the column name after = is missing",
    "sheet.reason.field_twice": "this field is already mapped by another --map",
    "sheet.reason.column_twice": "this column is already mapped to another field",
    "sheet.reason.fifo": "it is a named pipe (FIFO), not a regular file",
    "sheet.reason.device": "it is a device, not a regular file",
    "sheet.reason.socket": "it is a socket, not a regular file",
    "sheet.reason.symlink": "it is a symbolic link",
    "sheet.reason.special": "it is not a regular file",
    "sheet.too_big.file": "it is {size} bytes, over the limit of {limit}",
    "sheet.too_big.members": "the archive holds {size} parts, over the limit of {limit}",
    "sheet.too_big.member": "part “{member}” inflates to {size} bytes, over the limit of {limit}",
    "sheet.too_big.total": "it inflates to {size} bytes, over the limit of {limit}",
    "sheet.too_big.ratio": "part “{member}” is compressed more than {limit}-fold ({size} bytes "
    "inflated): not a real workbook",
    "sheet.too_big.cells": "its repeated cells (number-columns-repeated, number-rows-repeated) "
    "make more than {limit} cells",
    "sheet.too_big.extent": "its cells with a value span {size} cells (first to last), over the "
    "limit of {limit}",
    # --- attack2 (issue 13 follow-up): the template is an .xlsx whatever a script names it ---
    "template.format": "{target}: the template is an Excel workbook; its name must end in .xlsx.",
    "report.list_no_header": "{file}: no header row with the columns “{stt}” and “{status}” was "
    "found (a column deleted or renamed?)",
    "manifest.name_not_text": "{path}: the file name holds bytes that are not text (not UTF-8), so "
    "manifest.json cannot record it; rename the file and run again.",
    "prepare.workers_died": "A process drawing the PDFs stopped abruptly (out of memory, or a "
    'script calling the library without `if __name__ == "__main__":`); nothing was written. Run '
    "again with --jobs 1.",
    "config.not_text": "{path}: a config file is UTF-8 text (unit.toml); this one is not (a "
    "workbook?). Make one with: vssid-batch init",
}
