"""The plugin manager: built-ins and third-party plugins, loaded once, through entry points.

Built-in modules are registered directly (so an un-installed checkout still works) and the
`vbcheck` entry-point group is then loaded for third-party plugins; the built-in entry points
that point at the same modules are skipped because pluggy refuses a module registered twice.
Set VBCHECK_LOAD_PLUGINS="" to load built-ins only, or a comma list of entry-point names.

A plugin that fails to load (an import error, an exception or `sys.exit()` while its module is
imported, a hook that pluggy refuses) is recorded with its reason instead of ending the process:
`manager()` then raises one `PluginError` naming it and its distribution, while `describe()`
(`vbcheck plugins`) lists it as broken beside the plugins that did load.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

import pluggy

from .. import hookspecs
from ..core.errors import PluginError

BUILTINS = (
    "vbcheck.readers.plaintext",
    "vbcheck.readers.docx",
    "vbcheck.checks",
    "vbcheck.checks.suppressions",
)


def manager() -> pluggy.PluginManager:
    """The plugin manager; a `PluginError` naming the first plugin that failed to load."""
    pm, broken = _loaded()
    if broken:
        name, (dist, reason) = next(iter(broken.items()))
        raise PluginError(
            f"plugin '{name}'{f' ({dist})' if dist else ''} không nạp được / failed to load: {reason} "
            f"(gỡ cài đặt hoặc đặt / uninstall it or set VBCHECK_LOAD_PLUGINS to skip it)")
    return pm


@lru_cache(maxsize=1)
def _loaded() -> tuple[pluggy.PluginManager, dict[str, tuple[str, str]]]:
    """(manager, {entry-point name: (distribution and version, one-line reason)} of broken ones)."""
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
    return pm, dict(_BROKEN)


def _load_entry_points(pm: pluggy.PluginManager, only: set[str] | None) -> None:
    from .entrypoints import find  # importlib.metadata's answer, kept between runs

    for ep in find(hookspecs.PROJECT):
        if ep.value in BUILTINS or (only is not None and ep.name not in only):
            continue
        if pm.has_plugin(ep.name):
            continue
        dist = " ".join(ep.dist) if ep.dist is not None else ""
        try:
            plugin = ep.load()
            if pm.is_registered(plugin):
                continue
            pm.register(plugin, name=ep.name)
        # SystemExit too: a plugin's sys.exit() on import must not end vbcheck with its status.
        except (Exception, SystemExit) as e:  # noqa: BLE001 - reported, with the plugin's name
            detail = " ".join(str(e).split())[:200]
            _BROKEN[ep.name] = (dist, f"{type(e).__name__}: {detail}" if detail else type(e).__name__)
            continue
        if ep.dist is not None:
            _DISTS[ep.name] = ep.dist


_DISTS: dict[str, tuple[str, str]] = {}  # plugin name -> (distribution, version)
_BROKEN: dict[str, tuple[str, str]] = {}  # plugin name -> ("distribution version", reason)


def plugin_list() -> list[tuple[str, str]]:
    """(name, module) of every registered plugin, built-ins first."""
    pm = manager()
    return [(name, getattr(p, "__name__", repr(p))) for name, p in pm.list_name_plugin()]


def broken() -> dict[str, tuple[str, str]]:
    """Plugins that failed to load: name -> ("distribution version", reason)."""
    return _loaded()[1]


def describe() -> str:
    """`vbcheck plugins`: every loaded plugin with its distribution, hooks and rules, then the
    plugins that failed to load, each marked broken with its reason."""
    pm, failed = _loaded()
    lines = []
    for name, plugin in pm.list_name_plugin():
        module = getattr(plugin, "__name__", repr(plugin))
        dist = _DISTS.get(name)
        origin = f"{dist[0]} {dist[1]}" if dist else "built-in"
        hooks = sorted(h.name for h in (pm.get_hookcallers(plugin) or ()))
        rules: list[str] = []
        if hasattr(plugin, "vbcheck_checks"):
            for chk in plugin.vbcheck_checks() or ():
                rules.extend(r.code for r in getattr(chk, "rules", ()))
        line = f"{name}  ({module}; {origin})  hooks: {', '.join(hooks)}"
        if rules:
            codes = sorted(set(rules))
            line += f"  rules: {', '.join(codes) if len(codes) <= 8 else f'{codes[0]}…{codes[-1]} ({len(codes)})'}"
        lines.append(line)
    for name, (dist, reason) in failed.items():
        lines.append(f"{name}  ({dist or '?'})  hỏng / broken: {reason}")
    return "\n".join(lines) + "\n"
