"""English text (--lang en). Same keys as vi.py; a test keeps them in step."""

from __future__ import annotations

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

PROBLEMS: dict[str, tuple[str, str]] = {
    "*.missing": ("{field} is missing.", "Fill in {field} for this person."),
    "*.too_long": ("The {field} cell is longer than {limit} characters.",
                   "Check the cell: a whole paragraph may have been pasted into it."),
    "*.unicode_normalized": ("{field} was in decomposed Unicode; normalised to NFC.",
                             "Nothing to do; a precomposed Unicode keyboard avoids this."),
    "*.encoding_converted": ("{field} was typed in the {encoding} encoding; converted to "
                             "Unicode: “{converted}”.",
                             "Check the converted text; retype it in Unicode if wrong."),
    "*.formula_without_value": ("The {field} cell is a formula with no computed value.",
                                "Open the file in Excel, recalculate (F9) and save, or type "
                                "the value instead of the formula."),
    "full_name.invalid_character": ("The name contains an invalid character “{char}”.",
                                    "Use letters, spaces, and an apostrophe or hyphen inside "
                                    "a name only (e.g. H'Hen Niê)."),
    "full_name.too_long": ("The name is {length} characters long (at most {max_length}).",
                           "Write the full name only, without titles or notes."),
    "birth_date.invalid": ("Birth date “{value}” cannot be read.",
                           "Write day/month/year, e.g. 05/09/1990, or the year only."),
    "birth_date.future": ("The birth date is after {as_of}.", "Check the birth year."),
    "birth_date.too_young": ("The employee is only {age} (under 15).",
                             "Check the birth date; employees must be at least 15."),
    "birth_date.too_old": ("The employee is {age} years old.",
                           "Check the birth year in case of a typing slip."),
    "gender.invalid": ("Gender “{value}” is not valid.", "Write “Nam” or “Nữ”."),
    "bhxh_code.invalid_length": ("The BHXH code has {length} digits; it must have 10.",
                                 "Look the code up in the BHXH book or the VssID app."),
    "bhxh_code.invalid_format": ("The BHXH code may contain digits only.",
                                 "Remove letters, spaces and other characters."),
    "bhxh_code.leading_zero_restored": ("Excel dropped the BHXH code's leading zero; restored "
                                        "to {pii_value}.",
                                        "Format the BHXH code column as Text so Excel keeps "
                                        "zeros."),
    "bhxh_code.personal_number": ("Column “{column}” holds a 12-digit personal number instead "
                                  "of the 10-digit BHXH code.",
                                  "Since 2025 the personal number serves as the BHXH "
                                  "identifier; use the 10-digit code if the person has one."),
    "bhxh_code.duplicate": ("The BHXH code is the same as on row {other_rows}.",
                            "One code per person: check for a duplicated person or a typo."),
    "id_number.invalid_length": ("The ID number has {length} digits; it must be 12 (CCCD) "
                                 "or 9 (old CMND).",
                                 "Compare with the original ID card."),
    "id_number.invalid_format": ("The ID number may contain digits only.",
                                 "Remove letters, spaces and other characters."),
    "id_number.unknown_province": ("Province code “{province_code}” at the start of the CCCD "
                                   "does not exist.",
                                   "The first three digits are where the birth was registered; "
                                   "compare with the original card."),
    "id_number.foreign_province": ("Province code “{province_code}” is not one of the 63 "
                                   "provinces (birth registered abroad?).",
                                   "Accepted because the nationality is not Vietnamese; compare "
                                   "with the original card."),
    "id_number.future_year": ("The birth year {year} encoded in the CCCD is after {as_of}.",
                              "Digits 4–6 of the CCCD are century, sex and birth year; compare "
                              "with the original card."),
    "id_number.sex_mismatch": ("The CCCD belongs to a {id_gender} person but column "
                               "“{gender_column}” says {sheet_gender}.",
                               "Digit 4 of the CCCD encodes the sex: either the ID number or "
                               "the gender cell is wrong."),
    "id_number.birth_year_mismatch": ("The CCCD encodes birth year {id_year} but column "
                                      "“{birth_column}” says {sheet_year}.",
                                      "Digits 4–6 of the CCCD are century and birth year: either "
                                      "the ID number or the birth date is wrong."),
    "id_number.leading_zero_restored": ("Excel dropped the CCCD's leading zero; restored to "
                                        "{pii_value}.",
                                        "Format the ID column as Text so Excel keeps zeros."),
    "id_number.cmnd_no_longer_valid": ("9-digit CMND cards are no longer valid since "
                                       "01/01/2025.",
                                       "Use this person's 12-digit CCCD (personal number)."),
    "id_number.card_expired": ("The CCCD expired when its holder turned {age} ({expired_on}).",
                               "Ask the employee to renew the card; enter the new number and "
                               "issue date."),
    "id_number.duplicate": ("The ID number is the same as on row {other_rows}.",
                            "One ID per person: check for a duplicated person or a typo."),
    "id_issue_date.invalid": ("Issue date “{value}” cannot be read.",
                              "Write day/month/year, e.g. 12/08/2021."),
    "id_issue_date.before_birth": ("The issue date is before the birth date.",
                                   "Compare the issue date with the original card."),
    "id_issue_date.future": ("The issue date is after {as_of}.",
                             "Compare the issue date with the original card."),
    "phone.invalid_format": ("The phone number contains characters other than digits.",
                             "Write one 10-digit mobile number, e.g. 0912 345 678."),
    "phone.invalid_length": ("The phone number has {length} digits; mobile numbers have 10.",
                             "Ask the employee for the mobile number they use."),
    "phone.invalid": ("{pii_value} is not a valid Vietnamese phone number.",
                      "Ask the employee for the mobile number they use."),
    "phone.landline": ("{pii_value} is a landline; BHXH cannot text it.",
                       "Use the employee's own mobile: the VssID account is texted to it."),
    "phone.not_mobile": ("{pii_value} is not a mobile number.",
                         "Use the employee's own mobile number."),
    "phone.old_number_mapped": ("Old 11-digit number {pii_old} converted to {pii_new} "
                                "({carrier}).",
                                "Confirm the new number with the employee."),
    "phone.leading_zero_restored": ("Excel dropped the phone number's leading zero; restored "
                                    "to {pii_value}.",
                                    "Format the phone column as Text so Excel keeps zeros."),
    "phone.duplicate": ("The phone number is the same as on row {other_rows}.",
                        "The BHXH portal refuses one number for two accounts: each person needs "
                        "their own mobile."),
    "email.invalid": ("Email “{value}” is not valid.", "Write name@example.vn, or leave it empty."),
    "photo.missing": ("No photo of this person's ID card.",
                      "Put photos of both sides in the --photos folder, named by ID number or "
                      "employee code, e.g. 001090123456_front.jpg and 001090123456_back.jpg."),
    "photo.side_missing": ("The {side} of the ID card is missing.",
                           "Add the {side} photo; its file name ends in “front” or “back”."),
    "photo.too_small": ("The {side} photo ({file}) is only {width} pixels wide; it will print "
                        "illegibly.",
                        "Take a sharper photo of the card, at least {min_width} pixels wide."),
    "photo.unreadable": ("The {side} photo ({file}) cannot be read.",
                         "Save it as JPEG or PNG and run again."),
}

SIDES: dict[str, str] = {"front": "front", "back": "back"}

UI: dict[str, str] = {
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
    "error_prefix": "Error",
    "interrupted": "Stopped on request; no file was left half-written.",
    "unexpected": "Unexpected error ({kind}). Set VSSID_DEBUG=1 to see the details and report "
                  "it to the developers.",
    "template_written": "Template written to {path}: fill it in from row 2; keep the header row.",
    "init_written": "Wrote {path}: open it and fill in the employer's details before prepare.",
    "file_exists": "{path} already exists; use --force to overwrite it.",
}

UI.update({
    "prepare_refused": "Nothing prepared because the sheet has errors: fix them, or use "
                       "--skip-invalid to prepare the valid people.",
    "prepare_nobody": "Nobody is valid; nothing to prepare.",
    "prepare_progress": "Writing forms",
    "prepare_done": "Prepared {people} people in folder {folder}",
    "prepare_skipped": "Skipped {count} people with errors:",
    "prepare_warnings": "{count} warnings (see vssid-batch validate).",
    "photo_warnings": "ID photos: {count} warnings:",
    "next_steps": "What to do next (also written to {file}):",
})

UI.update({
    "report_title": "Batch {folder} — {employer}, dated {date}",
    "report_people": "{people} people in the batch, {skipped} skipped when it was prepared.",
    "report_files_ok": "Every file is as it was prepared.",
    "report_missing": "Missing files: {files}",
    "report_changed": "Files changed after preparing: {files}",
    "col_status": "Status",
    "col_percent": "Share",
    "status_pending": "(none yet)",
    "report_pending": "{count} people have no status yet:",
    "report_source_same": "The source sheet has not changed since the batch was prepared.",
    "report_source_unchecked": "Could not check the source sheet: {note}",
    "report_added": "In the source sheet but not in the batch: {names}",
    "report_removed": "Removed from the source sheet: {names}",
    "report_changed_people": "Details changed in the source sheet (forms need redoing): {names}",
    "report_invalid": "Now have errors in the source sheet: {names}",
    "report_source_no_change": "The source sheet was saved again but no person changed.",
    "report_list_unreadable": "Could not read the Status column: {note}",
    "row_label": "row {row}",
    "photos_summary": "ID photos: {both} people with both sides.",
    "photos_missing": "No ID photo yet: {names}",
    "photos_one_side": "Only one side of the card: {names}",
    "photos_unmatched": "Photo files that match nobody: {files}",
})

# Issue 14/15 (fonts): text the form's embedded font cannot print.
PROBLEMS.update({
    "full_name.undrawable": ("The name has letters the form's font cannot print: “{chars}” "
                             "({codepoints}); the form would leave them blank.",
                             "Write the name in Vietnamese or Latin letters, as on the ID card "
                             "or passport."),
    "full_name.no_visible_letter": ("The name has no letter that prints.",
                                    "Retype the name: the cell may hold only invisible "
                                    "characters."),
    "*.undrawable": ("{field} has characters the form's font cannot print: “{chars}” "
                     "({codepoints}); the form will leave them blank.",
                     "To print it in full, write it in Vietnamese or Latin letters."),
})
