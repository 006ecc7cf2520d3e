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
                yield ctx.finding("XY001", p, start, start + len("BẢN NHÁP"))

    @hookimpl
    def vbcheck_checks():
        return [no_draft_watermark]

A check is a callable `(doc: Document, ctx: Context) -> Iterable[Finding]` carrying the `Rule`s it
may report (`check.rules`, set by the `check` decorator). The engine runs each check once per
document, after the anatomy pass has labelled every paragraph, and then applies selection,
profiles, stage and severities. What a check may read is `Context` (`vbcheck.checks.context`):
the document, its anatomy, its formatting (.docx), the user's configuration, profile, stage and
language; it builds findings with `ctx.finding`, `ctx.at` and `ctx.missing`.

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
from .core.markers import PROJECT, hookimpl, hookspec
from .core.model import Document, Paragraph, Run, SourceKind, Zone
from .core.rule import Example, Rule, check

__all__ = [
    "PROJECT", "hookimpl", "hookspec", "Anatomy", "Context", "Document", "Example", "Finding", "Hit",
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
