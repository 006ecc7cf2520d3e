"""Speed trick, in one place: the code of the methods `dataclasses` writes, kept between runs of
the command line.

`@dataclass` writes each class's `__init__`, `__repr__`, `__eq__` … as Python source and hands
it to `exec`, which compiles it: some 130 small compilations, about 15 ms of a one-file run (a
tenth of it) for vbcheck's 33 dataclasses, every run, to the same code. `install()`, called by
`vbcheck.__main__` in the command line's own process only (never by the library: it changes
`dataclasses` for the whole process), gives `dataclasses` an `exec` that takes the compiled code
of a source it has seen from a table and compiles (as `exec` does: file "<string>", no
`__future__` flags, which `dataclasses.py` has none of) and records the others.

The table lives where Python keeps this module's bytecode (as text/compiled.py's patterns),
is written at exit only when something new was compiled and never under PYTHONDONTWRITEBYTECODE,
and is used only by the exact Python build that wrote it (its version and bytecode magic).
The code is equal to what `exec` compiles from the same source (tests/test_startup.py).
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys

_MAX = 2000  # sources kept (vbcheck's own are about 130)


def cache_path() -> str:
    from importlib.util import cache_from_source

    return os.path.join(os.path.dirname(cache_from_source(__file__)), "dataclass-code.marshal")


def _key() -> str:
    from importlib.util import MAGIC_NUMBER

    return f"{sys.version}|{sys.implementation.cache_tag}|{MAGIC_NUMBER.hex()}"


def install() -> bool:
    """Give `dataclasses` the caching `exec`; False where it cannot (not CPython)."""
    if sys.implementation.name != "cpython":
        return False
    import dataclasses

    if getattr(getattr(dataclasses, "exec", None), "vbcheck_cached", False):
        return True
    key = _key()
    try:
        with open(cache_path(), "rb") as fh:
            stored_key, table = marshal.loads(fh.read())
        if stored_key != key or not isinstance(table, dict):
            table = {}
    except Exception:  # noqa: BLE001 - absent, damaged or another Python's: compile as usual
        table = {}
    new: dict = {}

    def cached_exec(source, globals=None, locals=None, /):  # noqa: A002 - stands in for exec
        if isinstance(source, str):
            code = table.get(source) or new.get(source)
            if code is None:
                code = compile(source, "<string>", "exec", dont_inherit=True)
                if len(table) + len(new) < _MAX:
                    new[source] = code
            source = code
        return builtins.exec(source, globals, locals)

    cached_exec.vbcheck_cached = True  # type: ignore[attr-defined]
    dataclasses.exec = cached_exec  # type: ignore[attr-defined]

    def save() -> None:
        if not new or sys.dont_write_bytecode:
            return
        table.update(new)
        new.clear()
        path = cache_path()
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            blob = marshal.dumps((key, table))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)  # whole or not at all
        except (OSError, ValueError):  # a read-only installation: compiled each run, as before
            try:
                os.unlink(tmp)
            except OSError:
                pass

    import atexit

    atexit.register(save)
    return True
