"""An optional content-hash cache of results, for re-running over an archive (`--cache`).

A result is reused only when everything it depends on is the same: the bytes of the file, its
path (reports name it, and per-file settings depend on it), the effective options (profile,
stage, selection, language, the configuration's language data and packs), the loaded plugins
with their versions, vbcheck's version, its rule packs (`rules/`) and its own modules. Anything
else changed is a miss, and the file is checked again. Unreadable files and runs that hit a
vbcheck bug are never stored; a damaged or foreign cache entry is ignored.

The cache is a folder (default `.vbcheck_cache` in the working directory, or `--cache-dir`,
or VBCHECK_CACHE_DIR) holding one JSON file per result, written atomically; it carries a
`CACHEDIR.TAG` and a `.gitignore` so that backups and git leave it alone. Deleting the folder
is always safe. vbcheck never writes anywhere else, and never to a checked file.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from .._version import __version__
from ..core.finding import Finding
from ..engine import FileResult, Options

DEFAULT_DIR = ".vbcheck_cache"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# vbcheck result cache (https://bford.info/cachedir/)\n"
_FINDING_FIELDS = {f.name for f in fields(Finding)}
_STORED_FIELDS = {f.name for f in fields(FileResult)} - {"fail_on"}


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

    # ---- keys

    def _run_key(self, options: Options) -> str:
        opts = json.dumps(asdict(options), sort_keys=True, default=str)
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
        try:
            raw = json.loads(self._file(key).read_text(encoding="utf-8"))
            # An entry names its own key: a file copied or renamed inside the folder is no hit.
            result = _result_from(raw["result"]) if raw.get("key") == key else None
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            result = None  # absent, damaged or from elsewhere: check the file again
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        if result.error is not None or result.internal_errors:
            return  # an unreadable file or a vbcheck bug is reported afresh every run
        target = self._file(key)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            entry = {"key": key, "result": _result_to(result)}
            tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only or full disk only costs the speed-up, never the run

    def _prepare(self) -> None:
        if (self.root / "CACHEDIR.TAG").exists():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / ".gitignore").write_text("# made by vbcheck --cache\n*\n", encoding="utf-8")
        (self.root / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")


def _result_to(result: FileResult) -> dict[str, Any]:
    d = asdict(result)
    d.pop("fail_on", None)  # set by the caller's configuration after the check
    if d.get("lines") is not None:
        d["lines"] = [[k, v] for k, v in d["lines"].items()]
    return d


def _result_from(d: dict[str, Any]) -> FileResult | None:
    if not isinstance(d, dict) or set(d) != _STORED_FIELDS:
        return None  # written by another version or damaged: every field or none
    d = dict(d)
    d["violations"] = [Finding(**{k: v for k, v in f.items() if k in _FINDING_FIELDS}) for f in d["violations"]]
    if d.get("lines") is not None:
        d["lines"] = {int(k): v for k, v in d["lines"]}
    return FileResult(**d)
