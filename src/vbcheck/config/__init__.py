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

from ..core.errors import ConfigError
from .files import AUTO, Config, find_config, from_dict, load_config, load_pack, validate_selectors
from .globs import glob_match
from .settings import Settings, options_for, resolve_config, settings_for

__all__ = ["AUTO", "Config", "ConfigError", "Settings", "find_config", "from_dict", "glob_match", "load_config",
           "load_pack", "options_for", "resolve_config", "settings_for", "validate_selectors"]
