"""Loads the data packs shipped from the top-level `rules/` directory.

In a wheel the directory is installed as `vbcheck/rules`; in a source checkout (editable install
or tests) it is the repository's own `rules/`. Files are TOML, read once and cached.
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.rule import Rule


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    package = Path(__file__).resolve().parent.parent  # src/vbcheck, or vbcheck in a wheel
    for cand in (package / "rules", package.parent.parent / "rules"):
        if (cand / "catalogue").is_dir():
            return cand
    raise FileNotFoundError("vbcheck rule packs not found (rules/catalogue/)")


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    return _parsed(name, (rules_dir() / name).read_bytes())


# Speed: parsing the packs' ~170 KB of TOML costs a one-file run some 50 ms, reading them back
# with marshal about 1 ms. Each pack's parse is kept the way Python keeps bytecode: in this
# module's __pycache__ (or under sys.pycache_prefix), not written under PYTHONDONTWRITEBYTECODE,
# and used only while its key (vbcheck's version, Python's, the pack's bytes themselves, compared
# whole: no hash, and no hashlib to import) is unchanged.
# tests/test_startup.py shows the cached and the plain parse give the same data.
def _parsed(name: str, raw: bytes) -> dict[str, Any]:
    from .._version import __version__

    key = f"{__version__}\0{sys.version}\0".encode() + raw
    path = pack_cache_dir() / f"rules-{name.replace('/', '-')}.marshal"
    try:
        cached_key, data = marshal.loads(path.read_bytes())
        if cached_key == key and isinstance(data, dict):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass  # absent, unreadable or from another Python: parse the pack
    import tomllib

    data = tomllib.loads(raw.decode("utf-8"))
    if not sys.dont_write_bytecode:
        _write(path, key, data)
    return data


def pack_cache_dir() -> Path:
    """Where this module's bytecode goes: the parsed packs go beside it."""
    from importlib.util import cache_from_source

    return Path(cache_from_source(__file__)).parent


def _write(path: Path, key: bytes, data: dict[str, Any]) -> None:
    try:
        blob = marshal.dumps((key, data))
    except ValueError:  # a value marshal cannot hold (a TOML date): this pack is parsed each time
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, path)  # whole or not at all, whichever process writes last
    except OSError:  # a read-only installation: no cache, as Python does for bytecode
        try:
            tmp.unlink()
        except OSError:
            pass


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Rule]:
    """Every built-in rule, from rules/catalogue/*.toml (one file per rule family)."""
    out: dict[str, Rule] = {}
    for f in sorted((rules_dir() / "catalogue").glob("*.toml")):
        for code, d in load(f"catalogue/{f.name}").items():
            if code in out:
                raise ValueError(f"rule {code} defined twice (rules/catalogue/{f.name})")
            out[code] = Rule.from_dict(code, d)
    return out


def rule(code: str) -> Rule:
    return catalogue()[code]


@lru_cache(maxsize=1)
def doc_types() -> dict[str, dict[str, Any]]:
    """Type code -> {"name": ..., "heading": [...], "profiles": [...]} from rules/doc-types.toml."""
    return load("doc-types.toml")["type"]


def example_base(name: str) -> str:
    return (rules_dir() / "examples" / f"{name}.txt").read_text(encoding="utf-8")
