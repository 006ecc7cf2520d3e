"""The plugin manager: built-ins and third-party plugins, loaded once, through entry points.

Built-in modules are registered directly (so an un-installed checkout still works) and the
`vbcheck` entry-point group is then loaded for third-party plugins; the built-in entry points
that point at the same modules are skipped because pluggy refuses a module registered twice.
Set VBCHECK_LOAD_PLUGINS="" to load built-ins only, or a comma list of entry-point names.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

import pluggy

from . import hookspecs

BUILTINS = (
    "vbcheck.readers.text",
    "vbcheck.readers.docx",
    "vbcheck.checks",
)


@lru_cache(maxsize=1)
def manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in BUILTINS:
        pm.register(importlib.import_module(name), name=name)
    wanted = os.environ.get("VBCHECK_LOAD_PLUGINS")
    if wanted is None:
        _load_entry_points(pm, None)
    elif wanted.strip():
        _load_entry_points(pm, {w.strip() for w in wanted.split(",")})
    pm.check_pending()
    return pm


def _load_entry_points(pm: pluggy.PluginManager, only: set[str] | None) -> None:
    from importlib.metadata import entry_points

    for ep in entry_points(group=hookspecs.PROJECT):
        if ep.value in BUILTINS or (only is not None and ep.name not in only):
            continue
        if pm.has_plugin(ep.name):
            continue
        plugin = ep.load()
        if pm.is_registered(plugin):
            continue
        pm.register(plugin, name=ep.name)


def plugin_list() -> list[tuple[str, str]]:
    """(name, module) of every registered plugin, built-ins first."""
    pm = manager()
    return [(name, getattr(p, "__name__", repr(p))) for name, p in pm.list_name_plugin()]
