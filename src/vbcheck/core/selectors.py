"""Selectors: which rules a run checks (`--select`/`--ignore`, configuration) and which findings a
suppression comment names. Written once for the command line, the configuration, the engine and
suppressions.

A selector is a rule code (`VB107`), a code prefix (`VB1`), a rule name (`noi-nhan-format`) or
`ALL`; options may hold comma lists (`--select VB1,VB2`)."""

from __future__ import annotations

from typing import Iterable, Mapping, Protocol

from .rule import Rule


class Named(Protocol):
    """A rule or a finding: what a selector is matched against."""

    code: str
    name: str


def split_selectors(values: Iterable[str]) -> tuple[str, ...]:
    """Selectors from option values that may hold comma lists, blanks dropped."""
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


def matches(selector: str, rule: Named) -> bool:
    """Whether one selector names the rule (or the finding's rule)."""
    sel = selector.strip()
    up = sel.upper()
    return bool(sel) and (up == "ALL" or rule.code.startswith(up) or rule.name == sel.lower())


def selected(rule: Rule, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Selected by `select` (all rules when empty) and not named by `ignore`."""
    select = tuple(select)
    if select and not any(matches(s, rule) for s in select):
        return False
    return not any(matches(s, rule) for s in ignore)


def unknown_selector(selectors: Iterable[str], rules: Mapping[str, Rule]) -> str | None:
    """The first selector that names no rule, or None when each names at least one."""
    for s in selectors:
        if not any(matches(s, r) for r in rules.values()):
            return s
    return None
