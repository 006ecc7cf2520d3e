"""Configuration: `[tool.vbcheck]` in pyproject.toml or a `vbcheck.toml`, found from each checked
file's directory upwards, and the effective settings of one run.

Precedence: command line (or keyword arguments of the library) > the nearest configuration file >
built-in defaults. The search stops at the filesystem root or after a directory holding `.git`;
in one directory `vbcheck.toml` wins over `pyproject.toml`, and a `pyproject.toml` only counts when
it has a `[tool.vbcheck]` table.

    # vbcheck.toml (or [tool.vbcheck] in pyproject.toml)
    profile = "nd30"                 # auto | nd30 | dang | congdoan
    stage = "final"                  # draft | final
    select = ["VB1", "VB2"]          # codes, code prefixes or names
    ignore = ["VB123"]
    fail-on = "warning"              # error | warning | info | never
    lang = "vi"                      # language of messages: vi | en
    packs = ["rules/so-tai-chinh.toml"]   # data packs (files or folders of .toml)

    [per-file-ignores]               # globs relative to this file's folder
    "mau/*.docx" = ["VB116"]

    [language]                       # read by the language rules (Options.config["language"])
    known_abbreviations = ["MTTQ"]   # abbreviations that need no definition
    terms = ["Sở Công Thương"]       # canonical spellings
    tone_style = "first"             # house placement of the tone mark: first (hóa) | second (hoá)

An unknown key, a bad value or a rule id that matches no rule is a `ConfigError` naming it (the
CLI exits 2). A data pack is a TOML file with `known_abbreviations`, `terms` and `issuer_codes`
(an organisation's own unit and issuer codes, which need no definition either).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import ConfigError

PROFILES = ("auto", "nd30", "dang", "congdoan")
STAGES = ("draft", "final")
FAIL_ON = ("error", "warning", "info", "never")
LANGS = ("vi", "en")
DEFAULTS: dict[str, Any] = {
    "profile": "auto", "stage": "draft", "select": (), "ignore": (), "fail-on": "error", "lang": "vi",
}
TOP_KEYS = ("profile", "stage", "select", "ignore", "fail-on", "lang", "per-file-ignores", "packs", "language")
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


@dataclass
class Settings:
    """The effective settings for one file, and where each came from (cli, config, default)."""

    profile: str
    stage: str
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str
    lang: str
    language: dict[str, Any]
    config: Config
    per_file_ignores: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)

    def options(self, **extra: Any):
        from .engine import Options

        return Options(
            profile=self.profile, stage=self.stage, select=self.select,
            ignore=self.ignore + self.per_file_ignores, lang=self.lang,
            config={"language": dict(self.language)}, **extra,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "config": str(self.config.path) if self.config.path else None,
            "profile": self.profile, "stage": self.stage, "select": list(self.select),
            "ignore": list(self.ignore), "per-file-ignores": list(self.per_file_ignores),
            "fail-on": self.fail_on, "lang": self.lang,
            "language": {k: (sorted(v) if isinstance(v, (list, tuple, set, frozenset)) else v)
                         for k, v in sorted(self.language.items())},
        }

    def show(self) -> str:
        """TOML-like text for `vbcheck config --show`, each value with its source."""
        import json

        d = self.as_dict()
        lines = [f"# cấu hình / configuration: {self.config.label}"]
        for key in ("profile", "stage", "select", "ignore", "per-file-ignores", "fail-on", "lang"):
            src = self.sources.get(key, "default")
            lines.append(f"{key} = {json.dumps(d[key], ensure_ascii=False)}  # {src}")
        lines.append("")
        lines.append("[language]")
        for k, v in d["language"].items():
            lines.append(f"{k} = {json.dumps(v, ensure_ascii=False)}")
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- finding the file


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


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML không hợp lệ / invalid TOML: {e}") from None
    except OSError as e:
        raise ConfigError(f"{path}: không đọc được / cannot read: {e.strerror}") from None


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
    for key, value in table.items():
        if key not in TOP_KEYS:
            raise ConfigError(_unknown(where, key, TOP_KEYS))
        if key in ("profile", "stage", "fail-on", "lang"):
            allowed = {"profile": PROFILES, "stage": STAGES, "fail-on": FAIL_ON, "lang": LANGS}[key]
            if value not in allowed:
                raise ConfigError(f"{where}: '{key}' = {value!r}: phải là một trong / must be one of "
                                  f"{', '.join(allowed)}")
            values[key] = value
        elif key in ("select", "ignore"):
            values[key] = _selectors(value, f"{where}: '{key}'")
        elif key == "per-file-ignores":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: 'per-file-ignores' phải là một bảng glob = [mã] / "
                                  "must be a table of glob = [codes]")
            for glob, codes in value.items():
                pfi.append((str(glob), _selectors(codes, f"{where}: per-file-ignores '{glob}'")))
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
    return Config(path=path, root=root_p, values=values, per_file_ignores=tuple(pfi), language=language)


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
    from .engine import all_rules

    rules = all_rules()
    for s in selectors:
        if s.upper() == "ALL":
            continue
        if not any(code.startswith(s.upper()) or r.name == s.lower() for code, r in rules.items()):
            raise ConfigError(f"{where}: không có quy tắc nào khớp '{s}' / no rule matches '{s}'")


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


# --------------------------------------------------------------------------- effective settings


def glob_match(pattern: str, rel: str) -> bool:
    """`*` and `?` stay within a folder, `**/` spans folders; a pattern without `/` matches the
    file name anywhere below the configuration's folder."""
    if "/" not in pattern:
        rel = rel.rsplit("/", 1)[-1]
    return re.fullmatch(_glob_re(pattern), rel) is not None


@lru_cache(maxsize=256)
def _glob_re(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append(r"(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(r".*")
            i += 2
        elif pattern[i] == "*":
            out.append(r"[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append(r"[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


def resolve_config(path: str | os.PathLike[str] | None, config: Any = AUTO) -> Config:
    """The Config for a checked file: `config` is AUTO (search from the file's folder; from the
    current folder for text given directly), None (none), a path to a file, a dict (the
    `[tool.vbcheck]` table itself) or a `Config`."""
    if isinstance(config, Config):
        return config
    if config is None or config is False:
        return Config()
    if isinstance(config, Mapping):
        return from_dict(config)
    if config == AUTO or config is True:
        start = Path(path).parent if path is not None else Path.cwd()
        found = find_config(start if start.exists() else Path.cwd())
        return load_config(found) if found else Config()
    return load_config(config)


def settings_for(path: str | os.PathLike[str] | None, config: Any = AUTO, **overrides: Any) -> Settings:
    """Effective settings for one file. `overrides` (profile, stage, select, ignore, fail_on,
    lang) come from the command line or the caller; None means "not given"."""
    cfg = resolve_config(path, config)
    vals: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key, default in DEFAULTS.items():
        arg = overrides.get(key.replace("-", "_"))
        if arg is not None and arg != ():
            vals[key], sources[key] = (tuple(arg) if isinstance(arg, (list, tuple)) else arg), "cli"
        elif key in cfg.values:
            vals[key], sources[key] = cfg.values[key], "config"
        else:
            vals[key], sources[key] = default, "default"
    for key, allowed in (("profile", PROFILES), ("stage", STAGES), ("fail-on", FAIL_ON), ("lang", LANGS)):
        if vals[key] not in allowed:
            raise ConfigError(f"'{key}' = {vals[key]!r}: phải là một trong / must be one of {', '.join(allowed)}")
    if sources["select"] == "cli" or sources["ignore"] == "cli":
        validate_selectors(tuple(vals["select"]) + tuple(vals["ignore"]))
    pfi = cfg.ignores_for(path)
    if pfi:
        sources["per-file-ignores"] = "config"
    return Settings(
        profile=vals["profile"], stage=vals["stage"], select=tuple(vals["select"]),
        ignore=tuple(vals["ignore"]), fail_on=vals["fail-on"], lang=vals["lang"],
        language=_with_plugins(cfg.language), config=cfg, per_file_ignores=pfi, sources=sources,
    )


def _with_plugins(language: Mapping[str, Any]) -> dict[str, Any]:
    """Add the abbreviations plugins declare through `vbcheck_known_abbreviations`."""
    from .plugins import manager

    out = {k: (list(v) if isinstance(v, list) else v) for k, v in language.items()}
    extra = [str(a) for group in manager().hook.vbcheck_known_abbreviations() for a in (group or ())]
    if extra:
        _merge(out, {"known_abbreviations": extra})
    return out


def options_for(path: str | os.PathLike[str] | None, config: Any = AUTO, **overrides: Any):
    """(engine Options, Settings) for one file."""
    s = settings_for(path, config, **overrides)
    return s.options(), s



def run(paths: list[str], config: Any = AUTO, *, keep_text: bool = False, runner=None,
        **overrides: Any):
    """Check files, each with its own effective settings; return (Report, [Settings]).

    Files that share settings are checked together by `runner(paths, options)` (default: one
    after the other; the CLI passes its process pool or Dask), and results keep the input order.
    Each FileResult carries its own `fail_on`, which `Report.exit_code()` honours.
    """
    import json
    from dataclasses import asdict

    from .engine import Report, check_path_contained

    if runner is None:
        def runner(ps, opts):  # many files: a vbcheck bug fails one file, not the run
            return [check_path_contained(p, opts) for p in ps]
    settings = [settings_for(p, config, **overrides) for p in paths]
    groups: dict[str, tuple[Any, list[int]]] = {}
    for i, s in enumerate(settings):
        opts = s.options(keep_text=keep_text)
        key = json.dumps(asdict(opts), sort_keys=True, default=str)
        groups.setdefault(key, (opts, []))[1].append(i)
    results: list[Any] = [None] * len(paths)
    for opts, idx in groups.values():
        for i, res in zip(idx, runner([paths[i] for i in idx], opts)):
            res.fail_on = settings[i].fail_on
            results[i] = res
    return Report(results), settings
