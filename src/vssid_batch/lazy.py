"""Loading heavy libraries only as far as a command needs them."""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType


def import_openpyxl_without_numpy() -> None:
    """Import openpyxl without letting it import numpy (0.12 s, a tenth of a small prepare).

    openpyxl imports numpy only to accept numpy numbers as cell values; we write Python values
    only. Nothing changes when numpy or openpyxl is already loaded (numpy stays importable).
    """
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes "import numpy" fail
    try:
        import_module("openpyxl")
    finally:
        del sys.modules["numpy"]


PYDANTIC_PLUGIN_LOADER = "pydantic.plugin._loader"


def skip_pydantic_plugin_discovery() -> None:
    """Let pydantic find no plugins without importing ``importlib.metadata`` (30 ms of a 0.3 s
    `validate`).

    When pydantic builds its first validator it imports ``pydantic.plugin._loader``, whose top
    imports ``importlib.metadata`` only to list the "pydantic" entry points of every installed
    package; the command line uses no plugin. A stand-in with the one function pydantic calls
    there, ``get_plugins``, returning none, takes the module's place (tests/test_startup.py
    fails if pydantic starts calling anything else from it). Nothing changes once pydantic has
    loaded the real one; a script importing the library keeps its plugins.
    """
    if PYDANTIC_PLUGIN_LOADER in sys.modules:
        return
    stand_in = ModuleType(PYDANTIC_PLUGIN_LOADER, "No pydantic plugins: see vssid_batch.lazy.")
    stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[PYDANTIC_PLUGIN_LOADER] = stand_in
