"""Dependencies point one way: cli → api → batch → check → documents / sheet → rules → models.

The table below is the map of the package (docs/architecture.md shows the same table). Each row
is a *group* of modules (given by dotted prefixes under ``vssid_batch``; the longest prefix that
matches a module names its group) on a *layer*. A module may import

- any module of a lower layer, and
- any module of its own group;

never a module of a higher layer, nor of another group on the same layer (``sheet`` and
``documents`` do not know each other; ``rules`` do not know the words of ``messages``). Every
import counts: at the top of a module, inside a function (the lazy imports that keep start-up
light), and under ``TYPE_CHECKING``.

| layer | group      | modules                                                         |
|-------|------------|-----------------------------------------------------------------|
| 8     | cli        | ``cli/``, ``__main__``: options, printing, exit codes, signals  |
| 7     | api        | ``api``: one plain function per command, returning data         |
| 6     | batch      | ``batch/``, ``annotate``, ``template``: folders and files made   |
| 6     | testing    | ``synthetic``: made-up people and their sheets (tests, examples) |
| 5     | check      | ``check``, ``reporting``: the rules run over a sheet; the report |
| 4     | sheet      | ``sheet/``: reading workbooks and CSV                           |
| 4     | documents  | ``documents/``: drawing the PDFs                                |
| 3     | shared     | ``text``, ``config``, ``images``: helpers both sides use        |
| 2     | rules      | ``rules/``: pure identifier rules (python-stdnum style)         |
| 2     | messages   | ``messages/``, ``errors``: every sentence, keyed by code        |
| 1     | models     | ``models``: the pydantic records                                |
| 0     | foundation | ``fields``, ``files``, ``atomic``, ``privacy``, ``lazy``, the   |
|       |            | package, ``documents.edition`` (form editions, read by models)  |

The CLI also skips no layer: it reaches the work (batch, check, sheet, documents) only through
``api`` — except for the two helpers that word a report on the terminal (``CLI_ALSO``).

To add a module: put it under the folder of its group (or add a row here and in the doc).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "vssid_batch"
SRC = Path(__file__).resolve().parent.parent / "src" / PACKAGE

# (layer, group, module prefixes relative to the package; "" is the package itself)
LAYERS: list[tuple[int, str, tuple[str, ...]]] = [
    (8, "cli", ("cli", "__main__")),
    (7, "api", ("api",)),
    (6, "batch", ("batch", "annotate", "template")),
    (6, "testing", ("synthetic",)),
    (5, "check", ("check", "reporting")),
    (4, "sheet", ("sheet",)),
    (4, "documents", ("documents",)),
    (3, "shared", ("text", "config", "images")),
    (2, "rules", ("rules",)),
    (2, "messages", ("messages", "errors")),
    (1, "models", ("models",)),
    (0, "foundation", ("", "fields", "files", "atomic", "privacy", "lazy", "documents.edition")),
]

# What cli/ may import below api besides the low layers (≤ 3): wording a report as JSON
# (reporting) and an Excel column letter (sheet.errors.column_letter).
CLI_ALSO = {"vssid_batch.reporting", "vssid_batch.sheet.errors"}

# Imports that break the table today and are being moved: (importer, imported) module names.
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def group_of(module: str) -> tuple[int, str]:
    """The (layer, group) of a dotted module name under the package (longest prefix wins).

    >>> group_of("vssid_batch.documents.edition")
    (0, 'foundation')
    >>> group_of("vssid_batch.documents.mau01")
    (4, 'documents')
    """
    relative = module.removeprefix(PACKAGE).lstrip(".")
    matches = [
        (len(prefix), layer, group)
        for layer, group, prefixes in LAYERS
        for prefix in prefixes
        if relative == prefix or (prefix and relative.startswith(prefix + "."))
    ]
    if not matches:
        raise LookupError(f"{module} is in no group: add it to LAYERS (and docs/architecture.md)")
    _, layer, group = max(matches)
    return layer, group


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every package module ``path`` imports, wherever the import statement stands."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> set[str]:
    """The package modules a module of ``package`` imports in ``source``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against the importing package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            # "from vssid_batch import api" imports the module vssid_batch.api; "from
            # vssid_batch.api import validate" the module vssid_batch.api
            found.update(
                f"{origin}.{alias.name}" if is_module(f"{origin}.{alias.name}") else origin
                for alias in node.names
            )
    return {name for name in found if name == PACKAGE or name.startswith(PACKAGE + ".")}


def is_module(name: str) -> bool:
    """``name`` is a module or package of the source tree (not a name defined in one)."""
    path = SRC.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def allowed(importer: str, imported: str) -> bool:
    (own_layer, own_group), (layer, group) = group_of(importer), group_of(imported)
    return layer < own_layer or group == own_group


def test_the_table_covers_every_module() -> None:
    assert len(modules()) > 50
    for path in modules():
        group_of(module_name(path))  # no module outside the table
    with pytest.raises(LookupError):
        group_of("vssid_batch.newcomer")


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path: Path) -> None:
    importer = module_name(path)
    upward = sorted(
        f"{imported} ({'/'.join(map(str, group_of(imported)))})"
        for imported in imports(path)
        if not allowed(importer, imported) and (importer, imported) not in KNOWN_EXCEPTIONS
    )
    assert not upward, (
        f"{importer} ({'/'.join(map(str, group_of(importer)))}) imports a higher layer or "
        f"a sibling group: {', '.join(upward)}"
    )


@pytest.mark.parametrize("path", sorted((SRC / "cli").glob("*.py")), ids=lambda p: p.name)
def test_the_cli_goes_through_the_api(path: Path) -> None:
    skipped = sorted(
        name
        for name in imports(path)
        if 3 < group_of(name)[0] < 7 and not any(name.startswith(also) for also in CLI_ALSO)
    )
    assert not skipped, f"cli/{path.name} reaches past api: {', '.join(skipped)}"


def test_known_exceptions_are_still_needed() -> None:
    """An exception that no longer occurs must leave the list (it would hide a new one)."""
    present = {(module_name(path), name) for path in modules() for name in imports(path)}
    assert present >= KNOWN_EXCEPTIONS


def test_the_checker_sees_lazy_relative_and_type_only_imports() -> None:
    source = """
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from vssid_batch.batch.status import BatchStatus
def later():
    from vssid_batch import api
    from ..documents import pdf
    import vssid_batch.check
"""
    upward = {
        "vssid_batch.batch.status",
        "vssid_batch.api",
        "vssid_batch.documents.pdf",
        "vssid_batch.check",
    }
    assert upward <= imports_in(source, "vssid_batch.sheet")
    assert not [name for name in upward if allowed("vssid_batch.sheet.reader", name)]


def test_the_rule() -> None:
    assert not allowed("vssid_batch.batch.status", "vssid_batch.api")  # up
    assert not allowed("vssid_batch.sheet.reader", "vssid_batch.documents.pdf")  # sibling
    assert not allowed("vssid_batch.rules.cccd", "vssid_batch.messages")  # sibling
    assert allowed("vssid_batch.cli.report", "vssid_batch.api")  # down
    assert allowed("vssid_batch.batch.cards", "vssid_batch.batch.photos")  # own group
    assert allowed("vssid_batch.models", "vssid_batch.documents.edition")  # data, below
