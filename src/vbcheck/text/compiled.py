"""Speed trick, in one place: compiled regular expressions kept between runs of the command line.

A one-file run compiles some 300 patterns (module constants, the rule packs' names and words):
about 100 ms of pure-Python work in `re` (parsing and code generation), a third of the run. The
outcome of that work is a list of integers, which CPython's `_sre.compile` turns into a pattern
in microseconds. `install()`, called by `vbcheck.__main__` in the command line's own process only
(never by the library: it changes `re` for the whole process), puts a compiler in front of
`re`'s that reuses that outcome per (pattern, flags) from earlier runs and records new ones.

The table lives where Python keeps this module's bytecode (`__pycache__`, or under
PYTHONPYCACHEPREFIX), is written at exit only when a run compiled something new and never under
PYTHONDONTWRITEBYTECODE, and is used only by the exact Python build that wrote it (its version
string and `_sre.MAGIC`, the code format). Anything unexpected falls back to `re`'s own compiler.
Each entry is kept as its own marshal blob, read only when a pattern is asked for: the table
holds every pattern any run compiled (other commands, other documents, the tests), a one-file
run uses a quarter of them, and reading them all cost it some 2 ms. When the table is full, the
entries no recent run used make room for new ones (least recently used first).
The patterns are `re.Pattern`s equal to what `re.compile` gives (equality compares the pattern,
flags and code; tests/test_startup.py), so nothing else can tell.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path

_MAX = 1000  # entries kept (about 300 are vbcheck's own; patterns built per document come and go)
_FORMAT = 2  # 2: {(pattern, flags): marshal blob of the entry}


def cache_path() -> Path:
    from importlib.util import cache_from_source

    return Path(cache_from_source(__file__)).parent / "patterns.marshal"


def _key() -> str:
    import _sre

    return f"{_FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"


def install() -> bool:
    """Put the cached compiler in front of `re`'s; False where it cannot be (not CPython, or a
    `re` whose internals differ)."""
    if sys.implementation.name != "cpython":
        return False
    try:
        import _sre
        from re import _compiler, _parser

        plain = _compiler.compile
        debug = _compiler.SRE_FLAG_DEBUG
        code_of = _compiler._code
    except (ImportError, AttributeError):
        return False
    if getattr(plain, "vbcheck_cached", False):
        return True
    key = _key()
    try:
        stored_key, table = marshal.loads(cache_path().read_bytes())
        if stored_key != key or not isinstance(table, dict):
            table = {}
    except (OSError, ValueError, EOFError, TypeError):
        table = {}
    new: dict = {}  # (pattern, flags) -> entry compiled by this process
    used: set = set()  # keys this process read from the table

    def compile(p, flags=0):  # noqa: A001 - stands in for re._compiler.compile
        if not isinstance(p, str) or flags & debug:
            return plain(p, flags)
        entry = new.get((p, flags))
        if entry is None and (blob := table.get((p, flags))) is not None:
            try:
                entry = marshal.loads(blob)
                used.add((p, flags))
            except (ValueError, EOFError, TypeError):  # a damaged entry: compiled again below
                entry = None
        if entry is None:
            # What re._compiler.compile does, keeping what it hands to _sre.compile. Anything
            # unexpected (a bad pattern, internals of another Python) is re's own compiler's to
            # say or do: it raises re.error for a bad pattern exactly as without this module.
            try:
                parsed = _parser.parse(p, flags)
                code = [int(c) for c in code_of(parsed, flags)]  # opcodes are int subclasses marshal refuses
                groupindex = dict(parsed.state.groupdict)
                indexgroup = [None] * parsed.state.groups
                for name, i in groupindex.items():
                    indexgroup[i] = name
                entry = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
            except Exception:  # noqa: BLE001
                return plain(p, flags)
            if len(new) < _MAX:
                new[(p, flags)] = entry
        try:
            return _sre.compile(p, *entry)
        except Exception:  # noqa: BLE001 - a table from elsewhere: re's own compiler decides
            return plain(p, flags)

    compile.vbcheck_cached = True  # type: ignore[attr-defined]
    _compiler.compile = compile

    def save() -> None:
        if not new or sys.dont_write_bytecode:
            return
        path = cache_path()
        merged = dict(table)
        try:  # what another process of this run (a worker) wrote meanwhile is kept
            stored_key, stored = marshal.loads(path.read_bytes())
            if stored_key == key and isinstance(stored, dict):
                for k, v in stored.items():
                    merged.setdefault(k, v)
        except (OSError, ValueError, EOFError, TypeError):
            pass
        try:
            for k, entry in new.items():
                merged[k] = marshal.dumps(entry)
        except ValueError:  # not marshallable: nothing is written
            return
        for k in (*used, *new):  # what this process used last: kept when the table is full
            if k in merged:
                merged[k] = merged.pop(k)
        for k in list(merged)[: max(0, len(merged) - _MAX)]:
            del merged[k]
        table.clear()  # written once: a later save has only what came after
        table.update(merged)
        new.clear()
        used.clear()
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            blob = marshal.dumps((key, merged))
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(blob)
            os.replace(tmp, path)  # whole or not at all, whichever process writes last
        except (OSError, ValueError):  # read-only installation: compiled each run, as before
            try:
                tmp.unlink()
            except OSError:
                pass

    import atexit

    global _save
    _save = save
    atexit.register(save)
    return True


_save = None


def flush() -> None:
    """Write the patterns compiled so far now, not at exit: a worker forked by the command line
    (runs/supervise.py) compiles the patterns a check builds as it runs, and ends without running
    exit handlers. Nothing when `install()` was not called."""
    if _save is not None:
        _save()
