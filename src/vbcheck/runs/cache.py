"""An optional content-hash cache of results, for re-running over an archive (`--cache`).

A result is reused only when everything it depends on is the same: the bytes of the file, its
path (reports name it, and per-file settings depend on it), the effective options (profile,
stage, selection, language, the configuration's language data and packs), the loaded plugins
with their versions, vbcheck's version, its rule packs (`rules/`) and its own modules. Anything
else changed is a miss, and the file is checked again. Unreadable files and runs that hit a
vbcheck bug are never stored; a damaged or foreign cache entry is ignored.

The cache is a folder (default `.vbcheck_cache` in the working directory, or `--cache-dir`,
or VBCHECK_CACHE_DIR) holding one JSON file per result. Deleting it is always safe. What it
writes, and where (README, "Limits against hostile input"):

- only inside a folder it created itself, or one that carries its marker (the `CACHEDIR.TAG`
  it wrote, naming vbcheck), or an empty folder; it then writes the marker and a `.gitignore`
  (`*`), each created new, never over a file. Any other folder (a project folder given as
  --cache-dir, a committed `.vbcheck_cache` symlink) disables the cache for the run with one
  warning: nothing is read from it or written to it;
- never through a symbolic link: the folder and its sub-folders must be real folders (checked
  with lstat), entries are opened with O_NOFOLLOW, written to a new temporary file (O_EXCL) and
  renamed; a temporary file is removed whatever stops the write;
- entries are read only when they are regular files of at most MAX_ENTRY_BYTES (a FIFO or a
  link to /dev/zero is a miss, never waited on or read), and an entry whose fields have the
  wrong types is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import warnings
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from .._version import __version__
from ..core.finding import Finding
from ..core.fix import Fix
from ..engine import FileResult, Options

DEFAULT_DIR = ".vbcheck_cache"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# vbcheck result cache (https://bford.info/cachedir/)\n"
_FINDING_FIELDS = {f.name for f in fields(Finding)}
_STORED_FIELDS = {f.name for f in fields(FileResult)} - {"fail_on"}
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # one result's JSON; real ones are a few KB
_OPTIONAL = (str, type(None))
_INT_OR_NONE = (int, type(None))
# The type of each stored field: an entry with another type is damaged (a miss).
_RESULT_TYPES: dict[str, Any] = {
    "path": str, "profile": _OPTIONAL, "stage": _OPTIONAL, "doc_type": _OPTIONAL, "violations": list,
    "not_evaluated": list, "error": _OPTIONAL, "draft": bool, "draft_reasons": list,
    "source_kind": _OPTIONAL, "internal_errors": list, "lines": (list, type(None)),
}
_FINDING_TYPES: dict[str, Any] = {
    "code": str, "name": str, "severity": str, "message": str, "line": int, "column": int,
    "end_line": int, "end_column": int, "page": _INT_OR_NONE, "text": str, "paragraph": _INT_OR_NONE,
    "fingerprint": str, "fix": (dict, type(None)),
}


def default_dir() -> Path:
    return Path(os.environ.get("VBCHECK_CACHE_DIR") or DEFAULT_DIR)


def _code_fingerprint() -> str:
    """vbcheck's version, the content of its rule packs and the state of its modules (size and
    modification time), so that an upgrade or an edited pack never serves an old result."""
    from ..catalogue import loader as packs

    h = hashlib.sha256(__version__.encode())
    rules = packs.rules_dir()
    for p in sorted(rules.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(rules)).encode() + b"\0" + p.read_bytes() + b"\0")
    pkg = Path(__file__).resolve().parent
    for p in sorted(pkg.rglob("*.py")):
        st = p.stat()
        h.update(f"{p.relative_to(pkg)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def _plugins() -> list[list[str]]:
    from ..engine.plugins import _DISTS, plugin_list

    return [[name, module, *_DISTS.get(name, ())] for name, module in plugin_list()]


class ResultCache:
    def __init__(self, root: str | os.PathLike[str] | None = None):
        self.root = Path(root) if root is not None else default_dir()
        self._run_keys: dict[str, str] = {}
        self._code = _code_fingerprint()
        self._plugins = _plugins()
        self.hits = 0
        self.misses = 0
        self._state: str | None = None  # "ours", "absent", "refused": see _claim

    # ---- keys

    def _run_key(self, options: Options) -> str:
        # The budget changes no finding (an over-budget result is an error, never stored).
        fields = {k: v for k, v in asdict(options).items() if k not in ("time_budget", "memory_budget")}
        opts = json.dumps(fields, sort_keys=True, default=str)
        key = self._run_keys.get(opts)
        if key is None:
            blob = json.dumps([self._code, self._plugins, opts], sort_keys=True)
            key = self._run_keys[opts] = hashlib.sha256(blob.encode()).hexdigest()
        return key

    def key(self, path: str, data: bytes, options: Options) -> str:
        h = hashlib.sha256(self._run_key(options).encode())
        h.update(b"\0" + os.fsencode(path) + b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.root / f"v{__version__}" / key[:2] / f"{key}.json"

    # ---- entries

    def get(self, key: str) -> FileResult | None:
        result = None
        if self._usable(create=False):
            from ..core.errors import InputError
            from ..engine.files import read_regular

            try:
                raw = json.loads(read_regular(str(self._file(key)), MAX_ENTRY_BYTES, follow_links=False))
                # An entry names its own key: a file copied or renamed inside the folder is no hit.
                result = _result_from(raw["result"]) if isinstance(raw, dict) and raw.get("key") == key else None
            except (InputError, OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
                result = None  # absent, damaged or from elsewhere: check the file again
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        if result.error is not None or result.internal_errors:
            return  # an unreadable file or a vbcheck bug is reported afresh every run
        if not self._usable(create=True):
            return
        target = self._file(key)
        tmp = None
        try:
            folder = self.root
            for part in target.relative_to(self.root).parts[:-1]:
                folder = folder / part
                _real_folder(folder, create=True)
            # ensure_ascii: a file name that is not UTF-8 (surrogate escapes) is stored escaped.
            data = json.dumps({"key": key, "result": _result_to(result)}).encode("ascii")
            tmp = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
            tmp = None
        except (OSError, ValueError):
            pass  # a read-only or full disk only costs the speed-up, never the run
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    # ---- the folder

    def _usable(self, create: bool) -> bool:
        """Whether the cache may read (and, with `create`, write) in its folder; decided once."""
        if self._state is None or (create and self._state == "absent"):
            self._state = self._claim(create)
        return self._state == "ours"

    def _claim(self, create: bool) -> str:
        """"ours", "absent" (nothing there yet and not asked to create) or "refused"."""
        root = self.root
        try:
            st = os.lstat(root)
        except FileNotFoundError:
            if not create:
                return "absent"
            try:
                os.makedirs(root, exist_ok=False)
            except OSError:
                return self._refuse("cannot be created")
            return "ours" if self._mark() else self._refuse("cannot be written")
        except OSError:
            return self._refuse("cannot be read")
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
            return self._refuse("is a symbolic link or not a folder")
        if _has_marker(root):
            return "ours"
        try:
            empty = not any(os.scandir(root))
        except OSError:
            empty = False
        if not empty:
            return self._refuse("is a folder vbcheck did not create (no CACHEDIR.TAG of vbcheck)")
        if not create:
            return "absent"
        return "ours" if self._mark() else self._refuse("cannot be written")

    def _mark(self) -> bool:
        """Write the marker and the .gitignore into the (new or empty) folder, each created new."""
        ok = True
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# made by vbcheck --cache\n*\n")):
            try:
                fd = os.open(self.root / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
            except FileExistsError:
                ok = ok and name != "CACHEDIR.TAG"
            except OSError:
                ok = False
        return ok and _has_marker(self.root)

    def _refuse(self, why: str) -> str:
        warnings.warn(f"--cache: {self.root} {why}; không dùng bộ nhớ đệm / the cache is not used",
                      RuntimeWarning, stacklevel=3)
        return "refused"


def _has_marker(root: Path) -> bool:
    from ..core.errors import InputError
    from ..engine.files import read_regular

    try:
        tag = read_regular(str(root / "CACHEDIR.TAG"), 4096, follow_links=False)
    except InputError:
        return False
    return tag == _TAG.encode("utf-8")


def _real_folder(folder: Path, create: bool) -> None:
    """`folder` exists as a real folder (created if absent); a symbolic link or a file there is
    an OSError, so that nothing is written through it."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            raise
        os.mkdir(folder)
        st = os.lstat(folder)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise OSError(f"{folder} is not a real folder")


def _result_to(result: FileResult) -> dict[str, Any]:
    d = asdict(result)
    d.pop("fail_on", None)  # set by the caller's configuration after the check
    if d.get("lines") is not None:
        d["lines"] = [[k, v] for k, v in d["lines"].items()]
    return d


def _result_from(d: dict[str, Any]) -> FileResult | None:
    """The stored result, or None when any field is missing, extra or of the wrong type."""
    if not isinstance(d, dict) or set(d) != _STORED_FIELDS:
        return None  # written by another version or damaged: every field or none
    if not all(isinstance(d[k], t) for k, t in _RESULT_TYPES.items()):
        return None
    if not all(isinstance(x, str) for k in ("draft_reasons", "internal_errors") for x in d[k]):
        return None
    if not all(isinstance(n, dict) and all(isinstance(v, str) for v in n.values()) for n in d["not_evaluated"]):
        return None
    findings = []
    for f in d["violations"]:
        if not isinstance(f, dict) or not set(f) <= _FINDING_FIELDS:
            return None
        if any(k in f and not _of_type(f[k], t) for k, t in _FINDING_TYPES.items()):
            return None
        try:
            fix = Fix.from_dict(f["fix"]) if f.get("fix") is not None else None
            findings.append(Finding(**{**f, "fix": fix}))
        except (TypeError, KeyError, ValueError, AttributeError):  # a required field missing, a damaged fix
            return None
    lines = None
    if d["lines"] is not None:
        if not all(isinstance(x, list) and len(x) == 2 and _of_type(x[0], int) and isinstance(x[1], str)
                   for x in d["lines"]):
            return None
        lines = {k: v for k, v in d["lines"]}
    return FileResult(**{**d, "violations": findings, "lines": lines})


def _of_type(value: Any, t: Any) -> bool:
    # bool is an int in Python; a stored line number never is one.
    return isinstance(value, t) and not (isinstance(value, bool) and t in (int, _INT_OR_NONE))
