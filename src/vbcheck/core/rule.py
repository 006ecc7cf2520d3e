"""Rules and the check decorator: the vocabulary shared by the engine and every plugin.

A `Rule` is metadata (code, kebab-case name, default severity, the profiles it applies to, where
it applies, the clause it enforces, Vietnamese and English messages, examples). A *check* is a
function that reads a labelled `Document` and yields `Finding`s for one or more rules. Built-in
rule metadata lives as data in `rules/catalogue/*.toml`; a plugin may build `Rule` objects in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from .finding import Finding
from .vocabulary import PROFILES

ALL_PROFILES = frozenset(PROFILES)


@dataclass(frozen=True)
class Example:
    """An edit of a compliant base document in `rules/examples/`: the base must not trigger the
    rule; the edited base must (or, with `reported=False`, must still not), at the edited place.

    A text example (`base` without suffix: `<base>.txt`) replaces `find` by `replace`. A .docx
    example (`base` ending in ".docx") sets formatting: `changes` on the paragraph holding the text
    `at` (run keys size, bold, italic, underline, caps, font, color, theme_color, theme_tint;
    paragraph keys jc, first_line, before, after, line, line_rule; the rule line under it rule_cm,
    rule_offset_cm, rule_border; `tracked = "ins"` makes its runs a tracked insertion), or on the
    section when `at` is empty (page, orient, margins, no_page_numbers, comments). `bad` and `good`
    say in words, {"vi": …, "en": …}, what the edit and the base show (`vbcheck rule` prints them);
    a text example's `good` says why the base's form is the right one (the clause it follows)."""

    base: str
    find: str = ""
    replace: str = ""
    profile: str = "auto"
    stage: str = "draft"
    note: str = ""
    at: str = ""
    changes: Mapping[str, Any] = field(default_factory=dict)
    reported: bool = True
    bad: Mapping[str, str] = field(default_factory=dict)
    good: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_docx(self) -> bool:
        return self.base.endswith(".docx")

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Example":
        d = dict(d)
        if "set" in d:  # `set` in TOML reads better; it is a builtin's name in Python
            d["changes"] = d.pop("set")
        return cls(**d)


@dataclass(frozen=True)
class Rule:
    """A rule of the catalogue (rules/catalogue/*.toml): what it checks, how severe, its messages."""

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
    # A file that is not an official document (VB010): only rules with `non_documents` run on it
    # (unless the user names the profile); the others are listed as not evaluated.
    non_documents: bool = False
    # The rule depends on the document's type: not evaluated when two type names compete.
    needs_type: bool = False
    # For severity == "stage": severity at --stage draft and --stage final.
    draft_severity: str = "info"
    final_severity: str = "error"
    # Message templates: key -> {"vi": ..., "en": ...}; "default" is used when no key is given.
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    # The applicabilities of the fixes its findings may carry ("safe", "unsafe"); empty: no fix.
    fix: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    # What the rule's clause asks that the text alone cannot decide: ({"section", "vi", "en"}, …);
    # said by `vbcheck rule`, so that a clean result is not read as "checked".
    not_evaluated: tuple[Mapping[str, str], ...] = ()
    # A data file in rules/ that holds the rule's clauses one by one (`vbcheck rule` lists them).
    data: str = ""

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
            non_documents=d.get("non_documents", False),
            needs_type=d.get("needs_type", False),
            draft_severity=d.get("draft_severity", "info"),
            final_severity=d.get("final_severity", "error"),
            messages=d.get("messages", {}),
            fix=_fix_kinds(code, d.get("fix", ())),
            examples=tuple(Example.from_dict(e) for e in d.get("examples", ())),
            not_evaluated=tuple(d.get("not_evaluated", ())),
            data=d.get("data", ""),
        )


def _fix_kinds(code: str, value: Any) -> tuple[str, ...]:
    kinds = (value,) if isinstance(value, str) else tuple(value)
    bad = [k for k in kinds if k not in ("safe", "unsafe")]
    if bad:
        raise ValueError(f"rule {code}: fix must list \"safe\" and/or \"unsafe\", not {bad}")
    return kinds


CheckFn = Callable[..., Iterable[Finding]]


def check(*rules: Rule) -> Callable[[CheckFn], CheckFn]:
    """Mark a function as a check that may report the given rules."""

    def deco(fn: CheckFn) -> CheckFn:
        fn.rules = tuple(rules)  # type: ignore[attr-defined]
        return fn

    return deco
