"""`vssid-batch validate`: read the sheet, check every person, report every problem."""

from __future__ import annotations

import json

import typer

from vssid_batch import api
from vssid_batch.cli import options
from vssid_batch.cli.common import as_date, command_errors, stdout
from vssid_batch.cli.exit_codes import ExitCode
from vssid_batch.cli.options import Annotate, AsOf  # this command's own options
from vssid_batch.cli.render import print_report, say
from vssid_batch.messages import Lang, t
from vssid_batch.reporting import report_dict


def validate(
    sheet: options.SheetPath,
    sheet_name: options.SheetName = None,
    header_row: options.HeaderRow = None,
    column_map: options.ColumnMap = None,
    include_hidden: options.IncludeHidden = False,
    output_format: options.OutputFormat = options.Format.table,
    annotate: Annotate = None,
    as_of: AsOf = None,
    photos: options.Photos = None,
    lang: options.Language = Lang.vi,
    show_pii: options.ShowPii = False,
    show_all: options.ShowAll = False,
) -> None:
    """Kiểm tra bảng nhân viên: báo mọi lỗi theo dòng, cột Excel kèm cách sửa."""
    day = as_date(as_of)
    with command_errors(lang):
        report = api.validate(
            sheet,
            sheet=sheet_name,
            header_row=header_row,
            column_map=column_map or [],
            as_of=day,
            include_hidden=include_hidden,
            photos=photos,
            annotated=annotate,
            lang=lang,
        )
        if output_format is options.Format.json:
            typer.echo(
                json.dumps(
                    report_dict(report, lang, show_pii=show_pii), ensure_ascii=False, indent=2
                )
            )
        else:
            print_report(stdout, report, as_of=day, lang=lang, show_pii=show_pii, show_all=show_all)
            if annotate is not None:
                say(stdout, t("annotated", lang, path=annotate), show_pii=show_pii)
    raise typer.Exit(ExitCode.DATA_ERRORS if report.has_errors else ExitCode.OK)
