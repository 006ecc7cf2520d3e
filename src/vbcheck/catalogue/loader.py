"""Loads the data packs shipped from the top-level `rules/` directory.

In a wheel the directory is installed as `vbcheck/rules`; in a source checkout (editable install
or tests) it is the repository's own `rules/`. Files are TOML, read once and cached.
"""

from __future__ import annotations

import tomllib
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
    with open(rules_dir() / name, "rb") as f:
        return tomllib.load(f)


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
