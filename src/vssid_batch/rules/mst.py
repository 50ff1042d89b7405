"""Mã số thuế (MST): the employer's tax code, which is also its enterprise code.

Since 04/01/2021 (Nghị định 01/2021/NĐ-CP) an enterprise's code is its tax code: 10 digits, or
13 written ``NNNNNNNNNN-NNN`` for a branch. The check digit is python-stdnum's ``stdnum.vn.mst``
(weights 31, 29, 23, 19, 17, 13, 7, 5, 3; a branch suffix 000 is invalid); this module only turns
its exceptions into this package's ``RuleError`` codes, so the config error can name the fault.

Individuals' tax codes are their personal numbers since 01/07/2025: never check an employee's
personal MST with this rule.

>>> validate("0103456789")
'0103456789'
>>> format("0103456789001")
'0103456789-001'
>>> validate("0109876543")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidComponent: invalid_checksum
>>> validate("01034567")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidLength: invalid_length
>>> validate("0103456789-000")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidComponent: invalid_component
"""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors
from stdnum.vn import mst as stdnum_mst

from vssid_batch.rules.errors import InvalidComponent, InvalidFormat, InvalidLength, accepts


def compact(number: str) -> str:
    """Remove spaces, dots and dashes (stdnum's own cleaning).

    >>> compact(" 0103.456.789-001 ")
    '0103456789001'
    """
    return str(stdnum_mst.compact(number))


def validate(number: str) -> str:
    """Return the compact code, or raise ``InvalidFormat``, ``InvalidLength``, or
    ``InvalidComponent`` with code ``invalid_checksum`` (wrong check digit) or
    ``invalid_component`` (a branch suffix of 000)."""
    try:
        return str(stdnum_mst.validate(number))
    except stdnum_errors.InvalidChecksum:
        raise InvalidComponent("invalid_checksum") from None
    except stdnum_errors.InvalidLength:
        raise InvalidLength(length=str(len(compact(number)))) from None
    except stdnum_errors.InvalidFormat:
        raise InvalidFormat() from None
    except stdnum_errors.InvalidComponent:
        raise InvalidComponent() from None


def is_valid(number: str) -> bool:
    """Whether ``validate`` accepts the code.

    >>> is_valid("0103456789"), is_valid("0103456780"), is_valid("0103456789-001")
    (True, False, True)
    """
    return accepts(validate, number)


def format(number: str) -> str:
    """The code as printed on documents: 10 digits, or ``NNNNNNNNNN-NNN`` for a branch.

    >>> format("0103456789"), format("0103 456 789 001")
    ('0103456789', '0103456789-001')
    """
    return str(stdnum_mst.format(validate(number)))
