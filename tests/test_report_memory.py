"""What a checked report holds per person (issue 14 item 4: 100,000 people in 400 MiB): values
most people share are one object, and valid results share one frozen "fields set"."""

from __future__ import annotations

from vssid_batch.api import check_sheet
from vssid_batch.synthetic import HEADERS

from helpers import AS_OF, cells

ID_COLUMN = HEADERS.index("Số CCCD")


def test_shared_values_are_held_once(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    report = check_sheet(sheet_of(cells(people)), as_of=AS_OF)
    first, *others = report.employees
    assert first.id_issue_place is not None
    # each cell was read as its own string; the report keeps one
    assert all(other.id_issue_place is first.id_issue_place for other in others)
    same_department = [e for e in others if e.department == first.department]
    assert all(e.department is first.department for e in same_department)
    assert all(e.nationality is first.nationality for e in others)


def test_valid_results_share_a_frozen_fields_set(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    report = check_sheet(sheet_of(cells(people)), as_of=AS_OF)
    first, *others = report.people
    shared = first.__pydantic_fields_set__
    assert isinstance(shared, frozenset)
    assert all(other.__pydantic_fields_set__ is shared for other in others)
    assert first.model_fields_set == {"row", "full_name", "problems", "employee"}


def test_a_shared_result_can_still_change(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[1][ID_COLUMN] = rows[0][ID_COLUMN]  # a duplicate is found after both rows are built
    report = check_sheet(sheet_of(rows), as_of=AS_OF)
    first, second, third = report.people[:3]
    assert first.employee is None and second.employee is None  # rejected: both are duplicates
    assert first.facts is not None and first.facts.id_number == people[0].id_number
    assert "facts" in first.model_fields_set
    # the others kept the shared set, untouched by the change
    assert isinstance(third.__pydantic_fields_set__, frozenset)
    assert "facts" not in third.__pydantic_fields_set__
