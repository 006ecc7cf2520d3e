"""The plugin contract. Read this file first.

vbcheck is a set of pluggy plugins. The built-in readers and checks register through exactly the
hooks below and the same entry-point group (`vbcheck`) a third-party package uses:

    # pyproject.toml of your package
    [project.entry-points.vbcheck]
    my-rules = "my_package.vbcheck_plugin"

    # my_package/vbcheck_plugin.py
    from vbcheck.hookspecs import Rule, check, hookimpl

    MY_RULE = Rule(code="XY001", name="no-draft-watermark", severity="warning",
                   summary_vi="…", summary_en="…",
                   messages={"default": {"vi": "Còn chữ BẢN NHÁP", "en": "Watermark left"}})

    @check(MY_RULE)
    def no_draft_watermark(doc, ctx):
        for p in doc.paragraphs:
            if "BẢN NHÁP" in p.text:
                start = p.text.index("BẢN NHÁP")
                end = start + len("BẢN NHÁP")
                # Optional: what `vbcheck fix` may write (here: delete the watermark).
                fix = Fix.safe(Edit.replace(p, start, end, ""))
                yield ctx.finding("XY001", p, start, end, fix=fix)

    @hookimpl
    def vbcheck_checks():
        return [no_draft_watermark]

A check is a callable `(doc: Document, ctx: Context) -> Iterable[Finding]` carrying the `Rule`s it
may report (`check.rules`, set by the `check` decorator). The engine runs each check once per
document, after the anatomy pass has labelled every paragraph, and then applies selection,
profiles, stage and severities. What a check may read is `Context` (`vbcheck.checks.context`):
the document, its anatomy, its formatting (.docx), the user's configuration, profile, stage and
language; it builds findings with `ctx.finding`, `ctx.at` and `ctx.missing`.

A finding may carry a `Fix` (`fix=`): one or more `Edit`s, all applied or none, and an
applicability. `Fix.safe(...)` is for an edit that is certain and keeps the meaning (a missing
zero, a wrong dash: `vbcheck fix` applies it by default); `Fix.unsafe(...)` for one a person
should look at (`--unsafe-fixes`). Build edits from the paragraph and offsets you report:
`Edit.replace(p, start, end, new)`, `Edit.insert(p, at, text)`, and for a .docx
`Edit.format_run(p, start, end, font=…, size=…)`, `Edit.format_paragraph(p, jc=…)`,
`Edit.format_section(p, section_index, margins={…})`. Offer no fix where the right text is
unknown. The writers check that each place still holds the text the edit names, apply edits
that do not overlap, and check the result again until nothing more is fixed.

A `Rule` says where it applies: `profiles` (nd30, dang, congdoan), `needs="docx"` for formatting
rules, `in_appendix=False` for parts an appendix does not have, `other_rules="all"|"parts"` for
documents under other regulations (VB009). A rule that cannot be judged on a file is listed under
`not_evaluated` with its reason; a check that raises is reported, never silently dropped.

Everything a plugin needs is importable from this module.
"""

from __future__ import annotations

from .anatomy import Anatomy, Hit
from .checks.context import Context
from .core.finding import Finding
from .core.fix import Edit, Fix
from .core.markers import PROJECT, hookimpl, hookspec
from .core.model import Document, Paragraph, Run, SourceKind, Zone
from .core.rule import Example, Rule, check

__all__ = [
    "PROJECT", "hookimpl", "hookspec", "Anatomy", "Context", "Document", "Edit", "Example", "Finding", "Fix", "Hit",
    "Paragraph", "Rule", "Run", "SourceKind", "Zone", "check",
    "vbcheck_read", "vbcheck_checks", "vbcheck_known_abbreviations",
]


@hookspec(firstresult=True)
def vbcheck_read(path: str, data: bytes) -> Document | None:  # type: ignore[empty-body]
    """Turn a file's bytes into a `Document`, or return None if not yours.

    Raise `vbcheck.core.errors.InputError` with a one-line reason for a file you recognise but
    cannot read (corrupt, encrypted, wrong encoding). The first reader that returns a document
    wins.
    """


@hookspec
def vbcheck_checks() -> list:  # type: ignore[empty-body]
    """Return a list of checks (callables decorated with `check`)."""


@hookspec
def vbcheck_known_abbreviations() -> list[str]:  # type: ignore[empty-body]
    """Return extra abbreviations that need no definition (e.g. an organisation's unit codes)."""
