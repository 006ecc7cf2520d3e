"""Speed trick, in one place: the entry points of the `vbcheck` group kept between runs.

Asking importlib.metadata for a group's entry points imports it (with email, csv, zipfile,
socket …: some 20 ms, more than Python's own start-up) and reads the metadata of every installed
distribution, on every run, to find what is almost always the same list. What it finds changes
when a distribution is installed, upgraded or removed in a folder of sys.path, which changes that
folder's modification time (pip, uv and editable installs all add or remove a *.dist-info
folder there).

`find(group)` therefore keeps what importlib.metadata found (each entry point's name and value,
its distribution's name and version) beside this module's bytecode, as Python keeps bytecode
(not written under PYTHONDONTWRITEBYTECODE), under a key of vbcheck's and Python's versions and
sys.path, and uses it while every stamp is unchanged: the modification time of each sys.path
entry and of the entry_points.txt of each distribution found (kept only when all are a few
seconds old, so that a change within one tick of the file system's clock cannot go unseen). A cached entry point loads as
importlib.metadata's `EntryPoint.load` does (import the module, then its attributes); a value
of another form is loaded by importlib.metadata itself. Any doubt (another finder of
distributions on sys.meta_path, a distribution that is not a folder, an unreadable or foreign
table) means importlib.metadata, as before. tests/test_startup.py shows both give the same list,
and that adding a distribution is seen at once.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import time
from typing import Any, Callable, NamedTuple

_KEPT = 16  # sys.path lists remembered (a `python -m vbcheck` run's sys.path starts with its folder)
_SETTLED = 2_000_000_000  # ns: stamps newer than this are not trusted yet
_SIMPLE = re.compile(r"[\w.]+(?::[\w.]+)?")  # `module` or `module:attr.attr`, as importlib.metadata reads them


class EntryPoint(NamedTuple):
    name: str
    value: str
    dist: tuple[str, str] | None  # (distribution's name, version)
    load: Callable[[], Any]


def cache_path() -> str:
    from importlib.util import cache_from_source

    return os.path.join(os.path.dirname(cache_from_source(__file__)), "entrypoints.marshal")


def find(group: str) -> list[EntryPoint]:
    """The group's entry points, in importlib.metadata's order (the first distribution of a name
    on sys.path only)."""
    if not _only_path_finder():
        return _plain(group)[0]
    key = (_version(), sys.version, group, tuple(os.path.abspath(p or ".") for p in sys.path))
    try:
        with open(cache_path(), "rb") as fh:
            table = marshal.loads(fh.read())
        stamps, found = table[key]
        if stamps == _stamps(key[3], [f for *_, f in found]):
            return [EntryPoint(name, value, dist, _loader(name, value, group)) for name, value, dist, _ in found]
    except Exception:  # noqa: BLE001 - absent, damaged, another Python's or another key: look again
        pass
    eps, files = _plain(group)
    if files is not None and not sys.dont_write_bytecode:
        stamps = _stamps(key[3], files)
        # A folder changed within the last seconds may change again within the same tick of its
        # clock, unseen: kept only once it is settled (as git does with its index).
        if max(stamps, default=0) < time.time_ns() - _SETTLED:
            found = [(ep.name, ep.value, ep.dist, f) for ep, f in zip(eps, files)]
            _save(key, (stamps, found))
    return eps


def _plain(group: str) -> tuple[list[EntryPoint], list[str] | None]:
    """(entry points, each one's entry_points.txt) from importlib.metadata; None for the files when
    a distribution is not a folder (then nothing is kept)."""
    from importlib.metadata import entry_points

    out, files = [], []
    for ep in entry_points(group=group):
        dist = (ep.dist.name, ep.dist.version) if ep.dist is not None else None
        out.append(EntryPoint(ep.name, ep.value, dist, ep.load))
        where = getattr(ep.dist, "_path", None)
        files.append(os.path.join(os.fspath(where), "entry_points.txt") if where is not None and os.path.isdir(where) else None)
    return out, (None if None in files else files)


def _loader(name: str, value: str, group: str) -> Callable[[], Any]:
    if not _SIMPLE.fullmatch(value):  # extras, spaces: importlib.metadata's own load
        def load_plain():
            from importlib.metadata import EntryPoint as Plain

            return Plain(name, value, group).load()

        return load_plain

    def load():  # importlib.metadata's EntryPoint.load for `module` and `module:attr.attr`
        import importlib

        module, _, attrs = value.partition(":")
        obj = importlib.import_module(module)
        for attr in filter(None, attrs.split(".")):
            obj = getattr(obj, attr)
        return obj

    return load


def _stamps(paths: tuple[str, ...], files: list[str]) -> tuple[int, ...]:
    out = []
    for p in (*paths, *files):
        try:
            out.append(os.stat(p).st_mtime_ns)
        except OSError:
            out.append(-1)
    return tuple(out)


def _only_path_finder() -> bool:
    """True when importlib.metadata would look for distributions in sys.path's folders only."""
    from importlib.machinery import PathFinder

    return all(f is PathFinder or not hasattr(f, "find_distributions") for f in sys.meta_path)


def _version() -> str:
    from .._version import __version__

    return __version__


def _save(key: tuple, entry: tuple) -> None:
    path = cache_path()
    try:  # the other sys.path lists' entries are kept
        with open(path, "rb") as fh:
            table = marshal.loads(fh.read())
        if not isinstance(table, dict):
            table = {}
    except Exception:  # noqa: BLE001 - absent or damaged: a new table
        table = {}
    table.pop(key, None)
    table[key] = entry
    while len(table) > _KEPT:
        del table[next(iter(table))]
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        blob = marshal.dumps(table)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)  # whole or not at all
    except (OSError, ValueError):  # a read-only installation: importlib.metadata each run
        try:
            os.unlink(tmp)
        except OSError:
            pass
