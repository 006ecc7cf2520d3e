"""Configuration files: finding the nearest one, reading it, validating every key and value, and
data packs. A mistake is a `ConfigError` naming the file and the key."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..core.errors import ConfigError
from ..core.selectors import unknown_selector
from ..core.vocabulary import FAIL_ON, LANGS, PROFILE_CHOICES, STAGES
from .globs import glob_match

DEFAULTS: dict[str, Any] = {
    "profile": "auto", "stage": "draft", "select": (), "ignore": (), "fail-on": "error", "lang": "vi",
    # The per-file budget; None: VBCHECK_TIME_BUDGET / VBCHECK_MEMORY_BUDGET or their defaults.
    "time-budget": None, "memory-budget": None,
}
TOP_KEYS = ("profile", "stage", "select", "ignore", "fail-on", "lang", "per-file-ignores", "packs", "language",
            "exclude", "extend-exclude", "respect-gitignore", "time-budget", "memory-budget")
LANGUAGE_KEYS = ("known_abbreviations", "terms", "tone_style")
PACK_KEYS = ("known_abbreviations", "terms", "issuer_codes")
CONFIG_NAMES = ("vbcheck.toml", "pyproject.toml")
# Sentinel for "search for the configuration file from the checked file's folder".
AUTO = "auto"


@dataclass(frozen=True)
class Config:
    """One configuration file, validated. `root` is the folder globs are relative to."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    values: Mapping[str, Any] = field(default_factory=dict)  # top-level scalar/list keys as given
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    language: Mapping[str, Any] = field(default_factory=dict)  # config + packs, merged
    # File discovery (config/discovery.py): None = the default exclude list.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True

    @property
    def label(self) -> str:
        if self.path is None:
            return "(không có tệp cấu hình / no configuration file)"
        return f"{self.path} [tool.vbcheck]" if self.path.name == "pyproject.toml" else str(self.path)

    def ignores_for(self, path: str | os.PathLike[str] | None) -> tuple[str, ...]:
        """Rule selectors that per-file-ignores switch off for this file."""
        if path is None or not self.per_file_ignores:
            return ()
        p = Path(path).resolve()
        try:
            rel = p.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return ()
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if glob_match(pattern, rel):
                out.extend(codes)
        return tuple(out)


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest vbcheck.toml or pyproject.toml with [tool.vbcheck], from `start` upwards."""
    p = Path(start).resolve()
    if not p.is_dir():
        p = p.parent
    return _find_in(p)


def _find_in(d: Path) -> Path | None:
    for name in CONFIG_NAMES:
        cand = d / name
        if cand.is_file() and (name != "pyproject.toml" or _has_tool_table(cand)):
            return cand
    if (d / ".git").exists() or d.parent == d:
        return None
    return _find_in(d.parent)


def _has_tool_table(path: Path) -> bool:
    try:
        data = _read_toml(path)
    except ConfigError:
        return True  # report the broken file rather than skip it silently
    return isinstance(data.get("tool"), dict) and "vbcheck" in data["tool"]


# A configuration file or data pack is a few KB; a larger "configuration" is refused unread.
MAX_CONFIG_BYTES = 4 * 1024 * 1024


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file, as every configuration file and data pack is read: only a regular file (a
    FIFO or /dev/zero given as --config is refused, never waited on or read), at most
    MAX_CONFIG_BYTES, UTF-8; any failure is a ConfigError naming the file."""
    from ..core.errors import InputError
    from ..engine.files import read_regular

    try:
        data = read_regular(str(path), MAX_CONFIG_BYTES)
    except InputError as e:
        raise ConfigError(f"{path}: không đọc được / cannot read: {e.en}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: không phải UTF-8 / not UTF-8 (byte {e.start})") from None
    import tomllib  # here: a run without a configuration file needs no TOML parser (nor its datetime)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML không hợp lệ / invalid TOML: {e}") from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise ConfigError(f"{path}: TOML lồng quá sâu / nested too deep") from None


# --------------------------------------------------------------------------- loading


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate one configuration file (cached by path and modification time)."""
    p = Path(path).resolve()
    try:
        mtime = p.stat().st_mtime_ns
    except OSError:
        raise ConfigError(f"{path}: không tìm thấy tệp cấu hình / configuration file not found") from None
    return _load_cached(p, mtime)


@lru_cache(maxsize=64)
def _load_cached(p: Path, mtime: int) -> Config:
    data = _read_toml(p)
    if p.name == "pyproject.toml":
        table = data.get("tool", {}).get("vbcheck")
        if table is None:
            raise ConfigError(f"{p}: không có bảng [tool.vbcheck] / no [tool.vbcheck] table")
        where = f"{p} [tool.vbcheck]"
    else:
        table = data.get("tool", {}).get("vbcheck", data) if set(data) == {"tool"} else data
        where = str(p)
    return from_dict(table, root=p.parent, path=p, where=where)


def from_dict(table: Mapping[str, Any], root: str | os.PathLike[str] | None = None,
              path: Path | None = None, where: str = "config") -> Config:
    """Validate a `[tool.vbcheck]` table given as a dict (the library's `config=` argument)."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: cấu hình phải là một bảng / configuration must be a table")
    root_p = Path(root).resolve() if root is not None else Path.cwd()
    values: dict[str, Any] = {}
    pfi: list[tuple[str, tuple[str, ...]]] = []
    language: dict[str, Any] = {}
    packs: list[Path] = []
    discovery: dict[str, Any] = {}
    for key, value in table.items():
        if key not in TOP_KEYS:
            raise ConfigError(_unknown(where, key, TOP_KEYS))
        if key in ("profile", "stage", "fail-on", "lang"):
            allowed = {"profile": PROFILE_CHOICES, "stage": STAGES, "fail-on": FAIL_ON, "lang": LANGS}[key]
            if value not in allowed:
                raise ConfigError(f"{where}: '{key}' = {value!r}: phải là một trong / must be one of "
                                  f"{', '.join(allowed)}")
            values[key] = value
        elif key in ("select", "ignore"):
            values[key] = _selectors(value, f"{where}: '{key}'")
        elif key in ("time-budget", "memory-budget"):
            values[key] = budget_value(key, value, where)
        elif key == "per-file-ignores":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: 'per-file-ignores' phải là một bảng glob = [mã] / "
                                  "must be a table of glob = [codes]")
            for glob, codes in value.items():
                pfi.append((str(glob), _selectors(codes, f"{where}: per-file-ignores '{glob}'")))
        elif key in ("exclude", "extend-exclude"):
            discovery[key.replace("-", "_")] = _strings(value, f"{where}: '{key}'")
        elif key == "respect-gitignore":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: 'respect-gitignore' phải là true hoặc false / must be true or false")
            discovery["respect_gitignore"] = value
        elif key == "packs":
            for item in _strings(value, f"{where}: 'packs'"):
                packs.append((root_p / item).resolve())
        elif key == "language":
            if isinstance(value, str):
                raise ConfigError(f"{where}: 'language' là bảng cấu hình quy tắc ngôn ngữ; ngôn ngữ "
                                  "thông báo là 'lang' / 'language' is the table of the language "
                                  "rules; the language of messages is 'lang'")
            language = _language(value, f"{where}: [language]")
    for pack in packs:
        _merge(language, load_pack(pack))
    return Config(path=path, root=root_p, values=values, per_file_ignores=tuple(pfi), language=language,
                  **discovery)


def budget_value(key: str, value: Any, where: str) -> int:
    """A `time-budget` (whole seconds) or `memory-budget` (bytes, or "512M", "2G")."""
    from ..core.limits import parse

    got = parse(value) if key == "memory-budget" or not isinstance(value, str) else None
    if got is None:
        what = "số giây nguyên dương / a positive whole number of seconds" if key == "time-budget" else \
            "kích thước dương như 512M, 2G / a positive size such as 512M, 2G"
        raise ConfigError(f"{where}: '{key}' = {value!r}: phải là / must be {what}")
    return got


def _unknown(where: str, key: str, allowed: Iterable[str]) -> str:
    return (f"{where}: khóa không hợp lệ / unknown key '{key}' "
            f"(hợp lệ / valid: {', '.join(allowed)})")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: phải là danh sách chuỗi / must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _selectors(value: Any, where: str) -> tuple[str, ...]:
    sels = _strings(value, where)
    validate_selectors(sels, where)
    return sels


def validate_selectors(selectors: Iterable[str], where: str = "--select/--ignore") -> None:
    """Every selector (code, code prefix, name or ALL) must match at least one rule."""
    from ..engine import all_rules

    bad = unknown_selector(selectors, all_rules())
    if bad is not None:
        raise ConfigError(f"{where}: không có quy tắc nào khớp '{bad}' / no rule matches '{bad}'")


def _language(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: phải là một bảng / must be a table")
    out: dict[str, Any] = {}
    for key, v in value.items():
        k = key.replace("-", "_")
        if k not in LANGUAGE_KEYS:
            raise ConfigError(_unknown(where, key, LANGUAGE_KEYS))
        if k == "tone_style":
            if v not in ("first", "second"):
                raise ConfigError(f"{where}: 'tone_style' = {v!r}: phải là / must be first | second")
            out[k] = v
        else:
            out[k] = list(_strings(v, f"{where}: '{key}'"))
    return out


def load_pack(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A data pack (file, or a folder of .toml files): known_abbreviations, terms, issuer_codes."""
    p = Path(path)
    if p.is_dir():
        merged: dict[str, Any] = {}
        for f in sorted(p.glob("*.toml")):
            _merge(merged, load_pack(f))
        return merged
    if not p.is_file():
        raise ConfigError(f"{p}: không tìm thấy gói dữ liệu / data pack not found")
    data = _read_toml(p)
    out: dict[str, Any] = {}
    for key, v in data.items():
        k = key.replace("-", "_")
        if k not in PACK_KEYS:
            raise ConfigError(_unknown(str(p), key, PACK_KEYS))
        vals = list(_strings(v, f"{p}: '{key}'"))
        # An organisation's issuer and unit codes need no definition in its documents.
        out.setdefault("terms" if k == "terms" else "known_abbreviations", []).extend(vals)
    return out


def _merge(into: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for k, v in extra.items():
        if isinstance(v, list):
            cur = into.setdefault(k, [])
            cur.extend(x for x in v if x not in cur)
        else:
            into.setdefault(k, v)
