"""The effective settings of one file: command line (or the library's arguments) over the nearest
configuration file over the defaults, with the source of each value."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..core.errors import ConfigError
from ..core.vocabulary import FAIL_ON, LANGS, PROFILE_CHOICES, STAGES
from .files import (
    AUTO,
    DEFAULTS,
    Config,
    _merge,
    find_config,
    from_dict,
    load_config,
    validate_selectors,
)


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
    time_budget: int | None = None  # None: the environment's or the default (core/budget.py)
    memory_budget: int | None = None

    def options(self, **extra: Any):
        from ..engine import Options

        return Options(
            profile=self.profile, stage=self.stage, select=self.select,
            ignore=self.ignore + self.per_file_ignores, lang=self.lang,
            config={"language": dict(self.language)}, time_budget=self.time_budget,
            memory_budget=self.memory_budget, **extra,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "config": str(self.config.path) if self.config.path else None,
            "profile": self.profile, "stage": self.stage, "select": list(self.select),
            "ignore": list(self.ignore), "per-file-ignores": list(self.per_file_ignores),
            "fail-on": self.fail_on, "lang": self.lang,
            "exclude": list(self.config.exclude) if self.config.exclude is not None else "default",
            "extend-exclude": list(self.config.extend_exclude),
            "respect-gitignore": self.config.respect_gitignore,
            "language": {k: (sorted(v) if isinstance(v, (list, tuple, set, frozenset)) else v)
                         for k, v in sorted(self.language.items())},
        }

    def show(self) -> str:
        """TOML-like text for `vbcheck config --show`, each value with its source."""
        import json

        d = self.as_dict()
        lines = [f"# cấu hình / configuration: {self.config.label}"]
        for key in ("profile", "stage", "select", "ignore", "per-file-ignores", "fail-on", "lang", "exclude",
                    "extend-exclude", "respect-gitignore"):
            src = self.sources.get(key, "default")
            lines.append(f"{key} = {json.dumps(d[key], ensure_ascii=False)}  # {src}")
        lines.append("")
        lines.append("[language]")
        for k, v in d["language"].items():
            lines.append(f"{k} = {json.dumps(v, ensure_ascii=False)}")
        return "\n".join(lines) + "\n"


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
    # Rule selection as ruff resolves it: a `select` given here (command line, library argument)
    # starts afresh and drops the configuration's `ignore`; otherwise an `ignore` given here adds
    # to the configuration's. `extend_select` adds rules to a selection that is not already all.
    if sources["select"] != "cli" and sources["ignore"] == "cli" and cfg.values.get("ignore"):
        vals["ignore"] = tuple(cfg.values["ignore"]) + tuple(vals["ignore"])
        sources["ignore"] = "config+cli"
    elif sources["select"] == "cli" and sources["ignore"] == "config":
        vals["ignore"], sources["ignore"] = (), "default"
    extend = tuple(overrides.get("extend_select") or ())
    if extend and vals["select"]:
        vals["select"] = tuple(vals["select"]) + extend
        sources["select"] += "+cli"
    for key, allowed in (("profile", PROFILE_CHOICES), ("stage", STAGES), ("fail-on", FAIL_ON), ("lang", LANGS)):
        if vals[key] not in allowed:
            raise ConfigError(f"'{key}' = {vals[key]!r}: phải là một trong / must be one of {', '.join(allowed)}")
    if "cli" in sources["select"] or "cli" in sources["ignore"]:
        validate_selectors(tuple(vals["select"]) + tuple(vals["ignore"]) + extend)
    if cfg.exclude is not None:
        sources["exclude"] = "config"
    if cfg.extend_exclude:
        sources["extend-exclude"] = "config"
    pfi = cfg.ignores_for(path)
    if pfi:
        sources["per-file-ignores"] = "config"
    return Settings(
        profile=vals["profile"], stage=vals["stage"], select=tuple(vals["select"]),
        ignore=tuple(vals["ignore"]), fail_on=vals["fail-on"], lang=vals["lang"],
        language=_with_plugins(cfg.language), config=cfg, per_file_ignores=pfi, sources=sources,
        time_budget=vals["time-budget"], memory_budget=vals["memory-budget"],
    )


def _with_plugins(language: Mapping[str, Any]) -> dict[str, Any]:
    """Add the abbreviations plugins declare through `vbcheck_known_abbreviations`."""
    from ..engine.plugins import manager

    out = {k: (list(v) if isinstance(v, list) else v) for k, v in language.items()}
    extra = [str(a) for group in manager().hook.vbcheck_known_abbreviations() for a in (group or ())]
    if extra:
        _merge(out, {"known_abbreviations": extra})
    return out


def options_for(path: str | os.PathLike[str] | None, config: Any = AUTO, **overrides: Any):
    """(engine Options, Settings) for one file."""
    s = settings_for(path, config, **overrides)
    return s.options(), s
