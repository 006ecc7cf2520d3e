"""Speed trick, in one place: plain data a check derives from a rule pack, kept between runs.

Before its first paragraph, VB208 turns rules/capitalisation.toml into some 80 pattern sources
(the province names spliced in, every pattern rewritten by text/leading.py, the names with one
tone-mark placement and their word indexes): about 10 ms of pure-Python string work in every
one-file run, a tenth of it. Its outcome is plain data (str, int, bool, None, and tuples, lists,
dicts and frozensets of those), which marshal reads back in a fraction of a millisecond.

`derived(name, pack, modules, build)` returns `build()`, or what an earlier run's `build()`
returned while its key is unchanged: vbcheck's version, Python's, the pack's bytes (compared
whole, as catalogue/loader.py does) and the modification time and size of the source of every
module whose code `build` runs (as Python checks bytecode). It is kept beside loader.py's parsed
packs (`__pycache__`, or under PYTHONPYCACHEPREFIX), not written under PYTHONDONTWRITEBYTECODE;
an absent, damaged (its checksum) or foreign file is ignored and built again. Only data is stored, never code:
the caller turns it into patterns and objects each run. tests/test_startup.py shows that the
cached and the built data are equal, that the checks find the same with either, and that a
damaged cache or a changed pack or module is built again.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from types import ModuleType
from typing import Any, Callable

from . import loader

_FORMAT = 1


def _key(pack: str, modules: tuple[ModuleType, ...]) -> bytes | None:
    from .._version import __version__

    try:
        raw = (loader.rules_dir() / pack).read_bytes()
        stats = [(st.st_mtime_ns, st.st_size) for st in (os.stat(m.__file__) for m in modules)]  # type: ignore[arg-type]
    except (OSError, TypeError):  # no source to compare (a module without a file): no cache
        return None
    return f"{_FORMAT}\0{__version__}\0{sys.version}\0{stats!r}\0".encode() + raw


def derived(name: str, pack: str, modules: tuple[ModuleType, ...], build: Callable[[], Any]) -> Any:
    """`build()` (plain data derived from `pack` by the code of `modules`), from the cache
    where an earlier run stored it under the same key."""
    key = _key(pack, modules)
    if key is None:
        return build()
    path = loader.pack_cache_dir() / f"derived-{name}.marshal"
    try:
        cached_key, (crc, blob) = marshal.loads(path.read_bytes())
        if cached_key == key and zlib.crc32(blob) == crc:
            return marshal.loads(blob)
    except (OSError, ValueError, EOFError, TypeError):
        pass  # absent, unreadable, damaged or from another Python: built again
    data = build()
    if not sys.dont_write_bytecode:
        try:
            blob = marshal.dumps(data)
        except ValueError:  # not plain data: never stored
            return data
        loader._write(path, key, (zlib.crc32(blob), blob))  # type: ignore[arg-type]
    return data
