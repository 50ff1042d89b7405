"""Exceptions raised by the rules. ``code`` becomes the ``<what>`` part of a problem code."""

from __future__ import annotations

from collections.abc import Callable


class RuleError(ValueError):
    """A value broke a rule. ``code`` is stable; ``params`` fill the message template.

    Never put the full value into ``str(error)``: callers may log it.
    """

    code = "invalid"

    def __init__(self, code: str | None = None, **params: str) -> None:
        if code is not None:
            self.code = code
        self.params = params
        super().__init__(self.code)


class InvalidLength(RuleError):
    code = "invalid_length"


class InvalidFormat(RuleError):
    code = "invalid_format"


class InvalidComponent(RuleError):
    code = "invalid_component"


def accepts(validate: Callable[[str], object], number: str) -> bool:
    """Whether ``validate`` returns for ``number`` rather than raising a ``RuleError``: the
    ``is_valid`` of every rule module.

    >>> accepts(int, "12"), accepts(lambda n: (_ for _ in ()).throw(RuleError()), "x")
    (True, False)
    """
    try:
        validate(number)
    except RuleError:
        return False
    return True
