"""Rules and the check decorator: the vocabulary shared by the engine and every plugin.

A `Rule` is metadata (code, kebab-case name, default severity, the profiles it applies to, where
it applies, the clause it enforces, Vietnamese and English messages, examples). A *check* is a
function that reads a labelled `Document` and yields `Finding`s for one or more rules. Built-in
rule metadata lives as data in `rules/catalogue/*.toml`; a plugin may build `Rule` objects in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .finding import Finding
from .vocabulary import PROFILES

ALL_PROFILES = frozenset(PROFILES)


@dataclass(frozen=True)
class Example:
    """An edit of a compliant base document that must trigger the rule (bad) — the base itself
    must not. `find` is replaced by `replace` in `rules/examples/<base>.txt`."""

    base: str
    find: str
    replace: str
    profile: str = "auto"
    stage: str = "draft"
    note: str = ""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str  # "error" | "warning" | "info" | "stage"
    summary_vi: str
    summary_en: str
    clause: str = ""
    profiles: frozenset[str] = ALL_PROFILES
    needs: str = "text"  # "text" (any input) or "docx" (formatting layer)
    # Whether the rule applies to an appendix issued with another document ("Phụ lục I …"),
    # which has no header, signature or Nơi nhận of its own.
    in_appendix: bool = True
    # Documents under other rules (VB009): "all" = still checked on every one of them (input and
    # language rules), "parts" = on the parts legal normative, Youth-Union and pre-2020
    # documents share with NĐ 30 (not on internal forms), "" = not checked on them.
    other_rules: str = ""
    # For severity == "stage": severity at --stage draft and --stage final.
    draft_severity: str = "info"
    final_severity: str = "error"
    # Message templates: key -> {"vi": ..., "en": ...}; "default" is used when no key is given.
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()

    def severity_for(self, stage: str) -> str:
        if self.severity == "stage":
            return self.final_severity if stage == "final" else self.draft_severity
        return self.severity

    def message(self, key: str, lang: str, **fmt: Any) -> str:
        tmpl = self.messages.get(key) or self.messages.get("default") or {}
        text = tmpl.get(lang) or tmpl.get("vi") or (self.summary_en if lang == "en" else self.summary_vi)
        try:
            return text.format(**fmt)
        except (KeyError, IndexError):
            return text

    @classmethod
    def from_dict(cls, code: str, d: dict[str, Any]) -> "Rule":
        return cls(
            code=code,
            name=d["name"],
            severity=d["severity"],
            summary_vi=d["summary"]["vi"],
            summary_en=d["summary"]["en"],
            clause=d.get("clause", ""),
            profiles=frozenset(d.get("profiles", sorted(ALL_PROFILES))),
            needs=d.get("needs", "text"),
            in_appendix=d.get("in_appendix", True),
            other_rules=d.get("other_rules", ""),
            draft_severity=d.get("draft_severity", "info"),
            final_severity=d.get("final_severity", "error"),
            messages=d.get("messages", {}),
            examples=tuple(Example(**e) for e in d.get("examples", ())),
        )


CheckFn = Callable[..., Iterable[Finding]]


def check(*rules: Rule) -> Callable[[CheckFn], CheckFn]:
    """Mark a function as a check that may report the given rules."""

    def deco(fn: CheckFn) -> CheckFn:
        fn.rules = tuple(rules)  # type: ignore[attr-defined]
        return fn

    return deco
