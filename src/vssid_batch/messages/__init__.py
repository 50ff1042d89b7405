"""One message catalogue keyed by stable codes, in Vietnamese (default) and English.

Rules and checks produce problem codes and parameters, failures raise ``VssidError(code,
**params)``, the commands name their texts by key; only this package turns them into words, so the
language is chosen in one place and ID or phone numbers are masked in one place. The words are in
``vi.py`` and ``en.py``: problems, labels, UI, errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING

from vssid_batch.messages import en, vi
from vssid_batch.privacy import mask

if TYPE_CHECKING:  # at run time only its attributes are read: the catalogue loads no pydantic
    from vssid_batch.models import Problem


class Lang(str, Enum):
    vi = "vi"
    en = "en"


_CATALOGUES: dict[Lang, ModuleType] = {Lang.vi: vi, Lang.en: en}


def field_name(field: str, lang: Lang = Lang.vi) -> str:
    names: dict[str, str] = _CATALOGUES[lang].FIELD_NAMES
    return names.get(field, field)


def _template(code: str, lang: Lang, variant: str | None = None) -> tuple[str, str]:
    problems: dict[str, tuple[str, str]] = _CATALOGUES[lang].PROBLEMS
    if variant and f"{code}/{variant}" in problems:  # a wording for when a param is given
        return problems[f"{code}/{variant}"]
    if code in problems:
        return problems[code]
    generic = "*." + code.split(".", 1)[-1]
    return problems.get(generic, (code, ""))


class _Params(dict[str, str]):
    """Template parameters; a parameter a rule did not give shows as "…", never a KeyError."""

    def __missing__(self, key: str) -> str:
        return "…"


def _shown_params(problem: Problem, lang: Lang, show_pii: bool) -> _Params:
    params = _Params(
        {
            key: value if show_pii or not key.startswith("pii_") else mask(value)
            for key, value in problem.params.items()
        }
    )
    if "side" in params:
        params["side"] = _CATALOGUES[lang].SIDES.get(params["side"], params["side"])
    params.setdefault("field", field_name(problem.field.value if problem.field else "", lang))
    params.setdefault("column", problem.column or "")
    return params


def render(problem: Problem, lang: Lang = Lang.vi, *, show_pii: bool = False) -> tuple[str, str]:
    """The (message, hint) for a problem, with ID and phone numbers masked unless asked.

    >>> from vssid_batch.models import Problem, Severity
    >>> p = Problem(row=7, column="SĐT", field="phone", code="phone.landline",
    ...             severity=Severity.error, params={"pii_value": "0243826123"})
    >>> render(p)[0]
    'Số 024****123 là số máy bàn, BHXH không nhắn tin được.'
    >>> render(p, Lang.en, show_pii=True)[0]
    '0243826123 is a landline; BHXH cannot text it.'
    """
    message, hint = _template(problem.code, lang, problem.params.get("variant"))
    params = _shown_params(problem, lang, show_pii)
    return message.format_map(params), hint.format_map(params)


def label(code: str, lang: Lang = Lang.vi) -> str:
    """A few words naming a problem code, for the summary by problem.

    >>> label("id_number.sex_mismatch"), label("gender.missing", Lang.en)
    ('Số CCCD không khớp giới tính', 'Gender missing')

    A code without a label (a new rule's) is named by its message with "…" for the values.
    """
    field = field_name(code.split(".", 1)[0], lang)
    labels: dict[str, str] = _CATALOGUES[lang].LABELS
    text = labels.get(code) or labels.get("*." + code.split(".", 1)[-1])
    if text is None:
        text = _template(code, lang)[0].rstrip(".")
    return text.format_map(_Params(field=field))


def known_codes() -> set[str]:
    """Every code (or generic ``*.what`` code) the catalogue can word."""
    return {code.split("/")[0] for code in vi.PROBLEMS}


def t(key: str, lang: Lang = Lang.vi, **params: object) -> str:
    """A user-interface text in ``lang``.

    >>> t("no_people", Lang.en)
    'No people below the header row.'
    """
    ui: dict[str, str] = _CATALOGUES[lang].UI
    return ui[key].format(**params)


class Phrase(str):
    """A parameter that is itself a key of the errors section, worded in the output language.

    >>> error_text("config.bad_tax_code", Lang.en, {"path": "unit.toml", "value": "01",
    ...            "fault": Phrase("config.tax_code_fault.invalid_format")})
    'unit.toml: employer.tax_code “01” is not a valid tax code: digits only.'
    """

    __slots__ = ()


def has_error(code: str) -> bool:
    """Whether the catalogue words the error ``code`` (both catalogues: a test keeps them equal)."""
    return code in vi.ERRORS


def error_text(code: str, lang: Lang, params: Mapping[str, object]) -> str:
    """The one-line sentence of the error ``code`` in ``lang``; a missing parameter shows "…"."""
    errors: dict[str, str] = _CATALOGUES[lang].ERRORS
    shown = _Params(
        {
            key: errors[value] if isinstance(value, Phrase) else str(value)
            for key, value in params.items()
        }
    )
    return errors[code].format_map(shown)


def checklist(lang: Lang, **values: object) -> list[str]:
    """The steps left to the clerk once the batch folder exists (letter 219/BHXH), in order.

    >>> checklist(Lang.en, forms_print="a.pdf", photocopies="", list_xlsx="l.xlsx",
    ...           cover_letter="c.pdf", recipient="BHXH", folder="f")[0]
    'Print a.pdf (one Form 01 per person).'
    """
    ui: dict[str, str] = _CATALOGUES[lang].UI
    keys = sorted(
        (key for key in ui if key.startswith("checklist.step")),
        key=lambda key: int(key.removeprefix("checklist.step")),
    )
    return [ui[key].format_map(_Params({k: str(v) for k, v in values.items()})) for key in keys]
