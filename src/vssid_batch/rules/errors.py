"""Exceptions raised by the rules. ``code`` becomes the ``<what>`` part of a problem code."""

from __future__ import annotations


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
