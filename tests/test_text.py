"""One way to write a date, a count, a phone number and a name on every document."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from vssid_batch import text
from vssid_batch.batch import danh_sach, list_xlsx
from vssid_batch.documents import cover_letter, mau01
from vssid_batch.rules import phone as phone_rule


def test_documents_and_the_list_use_the_one_module() -> None:
    form, letter, listing = vars(mau01), vars(cover_letter), vars(danh_sach)
    workbook = vars(list_xlsx)  # the printable list's heading and footer
    assert form["format_phone"] is listing["phone_text"] is text.phone_text
    assert form["date_fields"] is text.date_fields and form["upper_name"] is text.upper_name
    assert letter["dated_place"] is workbook["dated_place"] is text.dated_place
    assert letter["vietnamese_count"] is workbook["vietnamese_count"] is text.vietnamese_count


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_the_form_and_the_letter_write_a_date_alike(on: date) -> None:
    fields = text.date_fields(on)
    line = text.dated_place("Hà Nội", on)
    assert line == f"Hà Nội, ngày {fields['dd']} tháng {fields['mm']} năm {fields['yyyy']}"
    assert int(str(fields["dd"])) == on.day and int(str(fields["mm"])) == on.month
    two_digit_months = (1, 2, 10, 11, 12)
    assert len(str(fields["dd"])) == 2
    assert (len(str(fields["mm"])) == 2) == (on.month in two_digit_months)


@given(st.from_regex(r"0[1-9][0-9]{8}", fullmatch=True), st.sampled_from(["", " ", ".", "-"]))
def test_a_mobile_number_is_grouped_like_the_phone_rule(number: str, separator: str) -> None:
    typed = separator.join([number[:3], number[3:6], number[6:]])
    assert (
        text.phone_text(typed)
        == phone_rule.format(number)
        == (f"{number[:4]} {number[4:7]} {number[7:]}")
    )


@given(st.text(alphabet="0123456789+() ", max_size=14))
def test_anything_else_comes_back_as_typed(typed: str) -> None:
    digits = "".join(c for c in typed if c.isdigit())
    if not (len(digits) == 10 and digits.startswith("0")):
        assert text.phone_text(typed) == typed.strip()


def test_lists_and_photo_checks_borrow_nothing_from_the_documents() -> None:
    """The list, the photo matching and the card checks use the shared low-level modules
    (``vssid_batch.text``, ``vssid_batch.images``), not helpers inside ``documents/``."""
    import ast
    from pathlib import Path

    from vssid_batch.batch import cards, photos

    for module in (danh_sach, photos, cards):
        tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {name for name in imported if name and ".documents" in name}, module
        assert imported & {"vssid_batch.text", "vssid_batch.images"}, module
