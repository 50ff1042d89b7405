"""Leading zeros Excel dropped: which padded number a digits-only cell stands for.

A number cell keeps no leading zeros, so a Hà Nội CCCD 001090123456 typed as a number becomes
1090123456 (two zeros lost). A value is padded back to a field's length only when the result is
valid for that field; when several lengths would do (a CMND of 9 or a CCCD of 12), the one that
agrees with the rest of the row wins, and with no single winner nothing is guessed.

>>> cccd = Target(12, lambda n: n.startswith("001"))
>>> restore("1090123456", [cccd])
'001090123456'
>>> restore("12345", [cccd]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def _never(number: str) -> bool:
    return False


@dataclass(frozen=True)
class Target:
    """A length to pad to, and what makes the padded number acceptable.

    ``is_valid``: the padded number is valid for the field (and consistent with the row where the
    field's rules say so). ``agrees``: the row positively confirms it (a CCCD whose sex and birth
    year match the row's), used only to choose between several valid paddings.
    ``max_zeros`` caps how many zeros may be put back.
    """

    length: int
    is_valid: Callable[[str], bool]
    agrees: Callable[[str], bool] = _never
    max_zeros: int | None = None


def pad(digits: str, length: int) -> str:
    """``digits`` with zeros in front up to ``length``.

    >>> pad("1090123456", 12)
    '001090123456'
    """
    return digits.rjust(length, "0")


def restore(digits: str, targets: Sequence[Target]) -> str | None:
    """The one valid padding of ``digits`` among ``targets``, or None.

    >>> cmnd = Target(9, lambda n: True)
    >>> cccd = Target(12, lambda n: True, agrees=lambda n: n == "000012345678")
    >>> restore("12345678", [cmnd, cccd])       # both valid: the CCCD agrees with the row
    '000012345678'
    >>> restore("12345678", [cmnd, Target(12, lambda n: True)]) is None   # no way to choose
    True
    >>> restore("012345678", [cmnd]) is None    # nothing was lost
    True
    >>> restore("1234567", [Target(10, lambda n: True, max_zeros=2)]) is None
    True
    """
    if not digits.isdigit():
        return None
    found = [
        (pad(digits, target.length), target)
        for target in targets
        if len(digits) < target.length
        and (target.max_zeros is None or target.length - len(digits) <= target.max_zeros)
        and target.is_valid(pad(digits, target.length))
    ]
    if len(found) > 1:
        found = [(number, target) for number, target in found if target.agrees(number)]
    return found[0][0] if len(found) == 1 else None


# A long number in a "General" cell, as Excel shows it and saves it to CSV: "1,09012E+11".
_SCIENTIFIC = re.compile(r"[0-9](?:[.,][0-9]+)?[eE][+]?[0-9]{1,3}")


def is_scientific_notation(text: str) -> bool:
    """Whether a cell holds a number in Excel's scientific notation. Its last digits are gone
    (``1.09012E+11`` keeps six of twelve): nothing can be restored, the number must be typed
    again in a Text column.

    >>> [is_scientific_notation(t) for t in ("1.09012E+11", "1,09012E+11", "9.12346e+08", "1E+11")]
    [True, True, True, True]
    >>> [is_scientific_notation(t) for t in ("001090123456", "0912 345 678", "E+11", "1.5")]
    [False, False, False, False]
    """
    return bool(_SCIENTIFIC.fullmatch(text.replace(" ", "")))
