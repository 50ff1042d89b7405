"""The library behind the commands: what a script imports; the CLI adds only options and printing.

One plain function per command, each returning data (as sqlite-utils does)::

    from datetime import date
    from pathlib import Path
    from vssid_batch import api

    report = api.validate(Path("nhan-vien.xlsx"), as_of=date(2026, 1, 5))
    done = api.prepare(Path("nhan-vien.xlsx"), out=Path("ho-so"), on=date(2026, 1, 5))
    status = api.status(Path("ho-so"))

Failures the clerk can act on raise ``VssidError`` (its ``message(lang)`` is the one line the CLI
prints); ``prepare`` refusing a sheet with errors raises ``DataErrors``, which carries the report.
Nothing here prints, reads the clock, handles signals or chooses an exit code: that is ``cli/``.
What each function needs beyond checking a sheet (openpyxl, reportlab, Pillow) is imported when
it runs, so that importing this module stays light.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from vssid_batch.check import check_table
from vssid_batch.errors import VssidError
from vssid_batch.messages import Lang
from vssid_batch.models import Problem, Report, Unit
from vssid_batch.sheet.reader import open_sheet, parse_mapping

if TYPE_CHECKING:
    from vssid_batch.batch.manifest import Source
    from vssid_batch.batch.prepare import DataErrors, PrepareResult
    from vssid_batch.batch.status import BatchStatus, ListChange, PersonStatus

__all__ = [
    "BatchStatus",
    "DataErrors",
    "ListChange",
    "OutputExists",
    "PathArg",
    "PersonStatus",
    "PrepareResult",
    "Prepared",
    "Progress",
    "Stage",
    "annotate",
    "check_sheet",
    "init_config",
    "no_progress",
    "prepare",
    "status",
    "template",
    "validate",
]

# Names this module offers from the batch machinery, imported on first use (``__getattr__``):
# importing ``api`` to check a sheet loads no PDF or workbook writer.
_LATER = {
    "DataErrors": "vssid_batch.batch.prepare",
    "PrepareResult": "vssid_batch.batch.prepare",
    "BatchStatus": "vssid_batch.batch.status",
    "ListChange": "vssid_batch.batch.status",
    "PersonStatus": "vssid_batch.batch.status",
}

PathArg = str | os.PathLike[str]
"""A path as a script may give it: ``Path("ds.xlsx")`` or plain ``"ds.xlsx"``."""

Stage = Literal["cards", "forms"]  # reading the ID card photos; drawing the forms
Progress = Callable[[Stage, int], AbstractContextManager[Callable[[int], None]]]
"""``progress(stage, total)`` opens a progress display for one stage of ``total`` people; the
function it yields is called with how many more are done (the CLI passes its rich bar)."""


@contextmanager
def no_progress(stage: Stage, total: int) -> Iterator[Callable[[int], None]]:
    """The default ``progress``: nothing shown."""
    yield lambda n: None


def validate(
    path: PathArg,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    column_map: Sequence[str] = (),
    as_of: date,
    include_hidden: bool = False,
    photos: PathArg | None = None,
    annotated: PathArg | None = None,
    lang: Lang = Lang.vi,
) -> Report:
    """Read a sheet and check every person on it as of ``as_of``.

    The sheet is read whole first (``open_sheet``: its person rows packed, about 70 bytes each,
    and the reader's memory given back), then checked one row at a time: only the report grows.
    Rows hidden in the workbook are listed in the report (``hidden``), not checked, unless
    ``include_hidden``.

    ``photos``: a folder of ID card photos whose QR codes are read and compared with the rows
    (their problems and the photo warnings join the report). ``annotated``: also write there
    the copy of the sheet with the problems marked (see ``annotate``), its notes in ``lang``.
    """
    path = Path(path)
    _require_date("as_of", as_of)
    opened = open_sheet(
        path,
        sheet=sheet,
        header_row=header_row,
        mapping=parse_mapping(list(column_map)),
        require_people=True,
        include_hidden=include_hidden,
    )
    report = check_table(opened.table, as_of=as_of, rows=opened.rows)
    if photos is not None:
        _check_cards(report, Path(photos), jobs=None, with_photo_warnings=True)
    if annotated is not None:
        annotate(path, annotated, report, lang=lang, column_map=column_map)
    return report


check_sheet = validate  # the name scripts and tests used before `validate`


def annotate(
    source: PathArg,
    target: PathArg,
    report: Report,
    *,
    lang: Lang = Lang.vi,
    column_map: Sequence[str] = (),
) -> Path:
    """Write ``target`` (.xlsx/.xlsm): a copy of ``source`` with each problem of ``report``
    marked (errors red, warnings yellow, a note saying how to fix). ``source`` is only read.
    ``column_map``: the ``--map`` the report was made with (a CSV is split as it was then)."""
    from vssid_batch.annotate import write_annotated_copy  # openpyxl styles: load when used

    mapping = parse_mapping(list(column_map))
    target = Path(target)
    write_annotated_copy(Path(source), target, report, lang=lang, mapping=mapping)
    return target


CARD_CODES = ("card.", "photo.")  # the problem codes the card check adds


@dataclass
class Prepared:
    """What ``prepare`` made, and what the clerk should be told about it."""

    report: Report  # the sheet as checked (card problems included)
    batch: PrepareResult  # the folder written, who was left out, the checklist
    warnings: int  # warnings about the people prepared
    # What the card check warned about the people prepared (ID card and photo codes).
    card_warnings: list[Problem] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.batch.folder


def prepare(
    path: PathArg,
    *,
    out: PathArg | None = None,
    on: date,
    config: PathArg | None = None,
    photos: PathArg | None = None,
    skip_invalid: bool = False,
    force: bool = False,
    jobs: int | None = None,
    blank_dates: bool = False,
    sheet: str | None = None,
    header_row: int | None = None,
    column_map: Sequence[str] = (),
    include_hidden: bool = False,
    progress: Progress = no_progress,
) -> Prepared:
    """Check the sheet at ``path``, then write the submission folder ``out`` (default
    ``./vssid-batch-<sheet name>``) dated ``on``: forms, print PDF, list, letter, manifest.

    The unit config is ``config``, else unit.toml beside the sheet or in the current folder.
    The target is checked before the sheet is, so that a folder that may not be replaced fails
    at once. ``photos``: ID card photos, checked against the rows (an error refuses a person
    like any other) and copied for print. ``jobs``: processes drawing the forms (None chooses
    by the size of the batch). Raises ``DataErrors`` when the sheet has errors (unless
    ``skip_invalid``) or nobody to prepare: nothing is written then.

    Worker processes start the way ``multiprocessing`` starts them (forkserver): they import the
    calling script again, so a script using more than one job keeps its calls under
    ``if __name__ == "__main__":``. A worker that dies (that, or the memory killer) is a
    ``VssidError`` ("prepare.workers_died"), and nothing is written.
    """
    from vssid_batch.batch.folder import check_target
    from vssid_batch.batch.helper import Call, Helper, answer, helper_process
    from vssid_batch.batch.naming import default_output_folder
    from vssid_batch.config import find_config

    path = Path(path)
    _require_date("on", on)
    _refuse_name_not_text(path)  # before anything is written: the manifest must name it
    photos = None if photos is None else Path(photos)
    target = default_output_folder(path) if out is None else Path(out)
    config_path = find_config(None if config is None else Path(config), path)
    if config_path.is_dir():  # said now: check_target would call it "the photo folder"
        raise VssidError("config.not_regular", path=config_path, kind="directory")
    protected = [path, config_path, *([photos] if photos else [])]
    check_target(target, force=force, protected=protected)  # before minutes of checking
    checking = Call(
        __name__,
        "_unit_and_report",
        (config_path, path),
        {
            "sheet": sheet,
            "header_row": header_row,
            "column_map": column_map,
            "as_of": on,
            "include_hidden": include_hidden,
        },
    )
    # Without --jobs (or with 1) the batch is drawn in this process unless it turns out large
    # (worker_count): a helper, forked now, reads the config and checks a small sheet, then
    # loads the list's library, while this process loads the batch and drawing code. With
    # --jobs, workers start loading the renderer as soon as the config is read, while this
    # process checks the sheet.
    one_process = (jobs or 1) == 1
    helper_checks = one_process and _small_file(path)
    helper: AbstractContextManager[Helper | None] = contextlib.nullcontext(None)
    if one_process:
        helper = helper_process(first=checking if helper_checks else None)
    with helper as list_helper, _worker_deaths():
        from vssid_batch.batch.prepare import SourceSheet, prepare_batch
        from vssid_batch.batch.render import load_drawing, start_workers

        if one_process:
            if helper_checks and list_helper is not None:
                load_drawing()
            unit, report = answer(list_helper, checking)
        else:  # workers start once the config is read: a config error starts none
            unit, report = _unit_and_report(*checking.args, then=start_workers, **checking.kwargs)
        if photos is not None:  # card errors refuse people like any other error
            with progress("cards", len(report.employees)) as advance:
                _check_cards(report, photos, jobs=jobs, progress=advance)
        source = SourceSheet(path, sheet, header_row, list(column_map), include_hidden)
        with progress("forms", len(report.employees)) as advance:
            result = prepare_batch(
                report,
                unit,
                source=source,
                out=target,
                on=on,
                force=force,
                skip_invalid=skip_invalid,
                jobs=jobs,
                photos=photos,
                blank_dates=blank_dates,
                progress=advance,
                protected=[config_path],
                helper=list_helper,
            )
    prepared = [p for p in report.people if p.employee is not None]
    return Prepared(
        report=report,
        batch=result,
        warnings=sum(1 for person in prepared for p in person.problems if not p.is_error),
        card_warnings=[
            p for person in prepared for p in person.problems if p.code.startswith(CARD_CODES)
        ],
    )


def _unit_and_report(
    config: Path,
    path: Path,
    *,
    sheet: str | None,
    header_row: int | None,
    column_map: Sequence[str],
    as_of: date,
    include_hidden: bool,
    then: Callable[[], None] = lambda: None,
) -> tuple[Unit, Report]:
    """The unit config, read and checked, then the sheet checked (``then`` runs between)."""
    from vssid_batch.config import load_unit

    unit = load_unit(config)
    then()
    report = validate(
        path,
        sheet=sheet,
        header_row=header_row,
        column_map=column_map,
        as_of=as_of,
        include_hidden=include_hidden,
    )
    return unit, report


# A sheet up to this size is checked by a small prepare's helper (about 2,000 people in .xlsx):
# the checked sheet comes back pickled, 120 kB and 6 ms for 400 people.
HELPER_CHECKS_UP_TO = 256 << 10


def _small_file(path: Path) -> bool:
    try:
        return path.stat().st_size <= HELPER_CHECKS_UP_TO
    except OSError:  # checking it here says what is wrong
        return False


def _require_date(name: str, value: object) -> None:
    """A script's "2026-11-25" for a date fails here, by name, not deep in the checks."""
    if not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}")


@contextmanager
def _worker_deaths() -> Iterator[None]:
    """A worker process that died (the memory killer, or a script without a main guard re-run
    in it) is one clear error, not a BrokenProcessPool traceback.

    Only a pool can break, and a pool loads ``concurrent.futures.process``: a batch drawn here
    never loads it (15 ms of a small ``prepare``) just to name the error it cannot raise.
    """
    try:
        yield
    except Exception as error:
        pools = sys.modules.get("concurrent.futures.process")
        if pools is not None and isinstance(error, pools.BrokenProcessPool):
            raise VssidError("prepare.workers_died") from None
        raise


def _refuse_name_not_text(path: Path) -> None:
    """A sheet whose path holds bytes that are not UTF-8 (a Linux name in a legacy encoding,
    decoded by Python as lone surrogates) cannot be written into manifest.json."""
    text = str(path.absolute())
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        shown = text.encode("utf-8", "replace").decode("utf-8")
        raise VssidError("manifest.name_not_text", path=shown) from None


def status(folder: PathArg) -> BatchStatus:
    """Where the batch in ``folder`` stands (what `vssid-batch report` shows): files intact,
    the clerk's statuses in the list, and who changed on the source sheet since."""
    from vssid_batch.batch.status import batch_status  # reads xlsx: load only when used

    return batch_status(Path(folder), recheck=_recheck)


def _recheck(path: Path, source: Source, as_of: date) -> Report:
    """The source sheet checked again, read as it was when the batch was prepared."""
    return validate(
        path,
        sheet=source.sheet,
        header_row=source.header_row,
        column_map=source.column_map,
        as_of=as_of,
        include_hidden=source.include_hidden,
    )


def _check_cards(
    report: Report,
    photos: Path,
    *,
    jobs: int | None,
    with_photo_warnings: bool = False,
    progress: Callable[[int], None] = lambda n: None,
) -> None:
    from vssid_batch.batch.cards import check_card_photos  # Pillow, zxing-cpp

    check_card_photos(
        report,
        photos,
        jobs=jobs or os.cpu_count() or 1,
        with_photo_warnings=with_photo_warnings,
        progress=progress,
    )


class OutputExists(FileExistsError):
    """The file to write is already there, and ``force`` was not given."""


def template(path: PathArg, *, force: bool = False) -> Path:
    """Write a blank employee sheet (.xlsx) at ``path``: ID, BHXH code and phone columns as
    text, a gender dropdown, a note on each header. ``OutputExists`` if it is there, unless
    ``force``; ``VssidError`` if its name does not end in .xlsx."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":  # what Excel would open as a workbook (no macros)
        raise VssidError("template.format", target=path)
    _refuse_existing(path, force)
    from vssid_batch.template import write_template  # openpyxl: load only when used

    write_template(path)
    return path


def init_config(path: PathArg, *, force: bool = False) -> Path:
    """Write a unit.toml to fill in at ``path``. ``OutputExists`` if it is there, unless
    ``force``."""
    from vssid_batch.atomic import atomic_path
    from vssid_batch.config import UNIT_TEMPLATE

    path = Path(path)
    _refuse_existing(path, force)
    with atomic_path(path) as temporary:
        temporary.write_text(UNIT_TEMPLATE, encoding="utf-8")
    return path


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputExists(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def __getattr__(name: str) -> object:
    if name in _LATER:
        return getattr(import_module(_LATER[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
