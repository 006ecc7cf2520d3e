"""What a check receives beside the document (part of the plugin contract, `vbcheck.hookspecs`).

A check is called as `check(doc, ctx)`. From `ctx` it may read:
- `ctx.doc`: the `Document` (paragraphs in reading order, with their parts labelled);
- `ctx.anatomy`: the `Anatomy` (every part found: header, title, body, Nơi nhận, signature …);
- `ctx.formatting`: for a .docx, the formatting Word shows (`vbcheck.ooxml.styles.Formatting`),
  resolved on first use; None for text input;
- `ctx.config`: the user's configuration by section (`ctx.config.get("language", {})`);
- `ctx.profile`, `ctx.stage`, `ctx.lang`: the profile found or chosen, the stage, the language of
  messages;
and it builds findings with `ctx.finding`, `ctx.at` and `ctx.missing`, which fill in the rule's
name, severity (for the stage), message (with the clause) and the place; `ctx.not_evaluated`
says that a rule could not be judged on this document, and why. Each takes an optional
`fix=` (`vbcheck.core.fix.Fix`: edits built with `Edit.replace`, `Edit.insert` … and marked
`Fix.safe` or `Fix.unsafe`), which `vbcheck fix` and `vbcheck.fix()` apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from ..anatomy import Anatomy, Hit
from ..core.finding import Finding
from ..core.fix import Fix
from ..core.model import Document, Paragraph, SourceKind
from ..core.rule import Rule

if TYPE_CHECKING:
    from ..ooxml.styles import Formatting


class Context:
    """What a check receives beside the document: its anatomy, formatting and configuration, the
    run's stage and language, the rules by code, and a finding factory."""

    def __init__(self, doc: Document, anatomy: Anatomy, rules: Mapping[str, Rule], *, stage: str = "draft",
                 lang: str = "vi", config: Mapping[str, Any] | None = None):
        self.doc = doc
        self.anatomy = anatomy
        self.rules = rules
        self.profile: str = anatomy.profile
        self.stage = stage
        self.lang = lang
        self.config: Mapping[str, Any] = config or {}
        # Rules a check ran but could not judge on this document, with the reason (`not_evaluated`).
        self.skipped: list[dict[str, str]] = []

    @property
    def formatting(self) -> Formatting | None:
        """The formatting Word shows (.docx only), resolved once per document on first use."""
        if self.doc.kind != SourceKind.DOCX:
            return None
        from ..ooxml import styles

        return styles.of(self.doc)

    def not_evaluated(self, code: str, reason: str, **fmt: Any) -> None:
        """Say that a rule could not be judged here, and why: `reason` is a key of
        rules/messages.toml's `not_evaluated` table (a rule line drawn as a picture …). The engine
        lists it under the file's `not_evaluated`, once."""
        from ..catalogue import loader as packs

        entry = packs.load("messages.toml")["not_evaluated"][reason]
        item = {"code": code, "reason": (entry.get(self.lang) or entry["vi"]).format(**fmt)}
        if item not in self.skipped:
            self.skipped.append(item)

    def message(self, code: str, key: str = "default", **fmt: Any) -> str:
        rule = self.rules[code]
        msg = rule.message(key, self.lang, **fmt)
        return f"{msg} [{rule.clause}]" if rule.clause else msg

    def finding(
        self, code: str, para: Paragraph, start: int, end: int, key: str = "default",
        severity: str | None = None, *, fix: Fix | None = None, **fmt: Any,
    ) -> Finding:
        rule = self.rules[code]
        start = max(0, min(start, len(para.text)))
        end = max(start, min(end, len(para.text)))
        return Finding(
            code=code,
            name=rule.name,
            severity=severity or rule.severity_for(self.stage),
            message=self.message(code, key, **fmt),
            line=para.line,
            column=para.column(start),
            end_line=para.line,
            end_column=para.column(end),
            page=para.page,
            text=para.text[start:end],
            paragraph=para.index,
            fix=fix,
        )

    def at(self, code: str, hit: Hit, key: str = "default", severity: str | None = None, *,
           fix: Fix | None = None, **fmt: Any) -> Finding:
        return self.finding(code, hit.para, hit.start, hit.end, key, severity, fix=fix, **fmt)

    def missing(self, code: str, where: Paragraph | None, key: str = "default",
                severity: str | None = None, after: bool = False, *, fix: Fix | None = None,
                **fmt: Any) -> Finding:
        """A part that is absent, reported where it should be (empty `text`)."""
        rule = self.rules[code]
        if where is None:
            line = col = 1
            page = None
            index = None
        else:
            line, page, index = where.line, where.page, where.index
            col = where.column(len(where.text)) if after else where.column(0)
        return Finding(
            code=code, name=rule.name, severity=severity or rule.severity_for(self.stage),
            message=self.message(code, key, **fmt), line=line, column=col, end_line=line,
            end_column=col, page=page, text="", paragraph=index, fix=fix,
        )
