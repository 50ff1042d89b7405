"""Errors that stop a command (exit code 2): one line, in the clerk's language, no traceback.

An error carries a stable ``code`` and its parameters, never words: the sentence lives in the
message catalogue (``messages/vi.py``, ``messages/en.py``, section "Errors") and is rendered in
the output language when the CLI prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vssid_batch.messages import Lang


def _rebuild(kind: type[VssidError], code: str, params: dict[str, Any]) -> VssidError:
    return kind(code, **params)


class VssidError(Exception):
    """A failure the clerk can act on: ``code`` names its sentence in the catalogue.

    Never put an ID or phone number into the parameters.

    >>> error = VssidError("output.not_folder", final="ho-so")
    >>> error.message("en")
    'ho-so is a file, not a folder.'
    >>> str(error) == error.vi == error.message("vi")
    True
    """

    #: prepended to ``code`` to find the sentence (a family of codes shares one namespace)
    namespace = ""

    def __init__(self, code: str, **params: Any) -> None:
        # The catalogue (and pydantic, through it) loads when an error is made, not when the
        # CLI starts: `--help` stays light.
        from vssid_batch import messages

        if not messages.has_error(self.namespace + code):
            raise ValueError(f"unknown {type(self).__name__} code {code!r}")
        self.code = code
        self.params: dict[str, Any] = params
        super().__init__(code)

    def shown_params(self, lang: Lang) -> tuple[str, Mapping[str, object]]:
        """The catalogue key (a variant may be chosen) and the parameters as the text shows them."""
        return self.namespace + self.code, self.params

    def message(self, lang: str = "vi") -> str:
        """The one-line message in ``lang`` ("vi" or "en"; anything else falls back to "vi")."""
        from vssid_batch import messages

        language = messages.Lang.en if lang == "en" else messages.Lang.vi
        key, params = self.shown_params(language)
        return messages.error_text(key, language, params)

    @property
    def vi(self) -> str:
        return self.message("vi")

    @property
    def en(self) -> str:
        return self.message("en")

    def __str__(self) -> str:
        return self.message("vi")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, **{self.params!r})"

    def __reduce__(
        self,
    ) -> tuple[Callable[..., VssidError], tuple[type[VssidError], str, dict[str, Any]]]:
        # Exception's default pickling replays ``args``; ours are keyword params (--jobs may
        # move errors between processes).
        return _rebuild, (type(self), self.code, self.params)
