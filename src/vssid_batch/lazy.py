"""Loading heavy libraries only as far as a command needs them."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

PYDANTIC_PLUGIN_LOADER = "pydantic.plugin._loader"
PYDANTIC_DISABLE_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


@contextmanager
def skip_pydantic_plugin_discovery() -> Iterator[None]:
    """Let pydantic find no plugins without importing ``importlib.metadata`` (30 ms of a 0.3 s
    `validate`), for as long as the command line runs.

    When pydantic builds its first validator it imports ``pydantic.plugin._loader``, whose top
    imports ``importlib.metadata`` only to list the "pydantic" entry points of every installed
    package; the command line uses no plugin. A stand-in with the one function pydantic calls
    there, ``get_plugins``, returning none, takes the module's place (tests/test_startup.py
    fails if pydantic starts calling anything else from it), and ``PYDANTIC_DISABLE_PLUGINS``
    says the same to Typer's type adapters. Nothing changes once pydantic has loaded the real
    one. Both are undone on leaving: a script that ran the command line in its own process
    (``cli.app.main``) and uses pydantic afterwards keeps its plugins.
    """
    unset = PYDANTIC_DISABLE_PLUGINS not in os.environ
    if unset:
        os.environ[PYDANTIC_DISABLE_PLUGINS] = "__all__"
    stand_in = None
    if PYDANTIC_PLUGIN_LOADER not in sys.modules:
        stand_in = ModuleType(PYDANTIC_PLUGIN_LOADER, "No pydantic plugins: see vssid_batch.lazy.")
        stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules[PYDANTIC_PLUGIN_LOADER] = stand_in
    try:
        yield
    finally:
        if unset:
            os.environ.pop(PYDANTIC_DISABLE_PLUGINS, None)
        if stand_in is not None and sys.modules.get(PYDANTIC_PLUGIN_LOADER) is stand_in:
            del sys.modules[PYDANTIC_PLUGIN_LOADER]


def pause_garbage_collection() -> None:
    """While the command line starts (``resume_garbage_collection`` ends it): its imports make
    some 300,000 objects that all live to the end, which the collector would walk again and
    again, 40 ms of a small `validate`."""
    gc.disable()


def resume_garbage_collection() -> None:
    """Once the command is loaded, if start-up paused the collector: move what exists now out
    of its sight for good (``gc.freeze``: it holds no garbage worth finding) and let it run.

    Frozen, those objects are never walked again, which also keeps the collector from writing
    to them in a small prepare's parent after it forked its helper (each write would copy a
    memory page the two processes share). A script or test that did not pause it is left as
    it is.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
