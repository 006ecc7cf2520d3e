"""The plugin contract. Read this file first.

vbcheck is a set of pluggy plugins. The built-in readers and checks register through exactly the
hooks below and the same entry-point group (`vbcheck`) a third-party package uses:

    # pyproject.toml of your package
    [project.entry-points.vbcheck]
    my-rules = "my_package.vbcheck_plugin"

    # my_package/vbcheck_plugin.py
    from vbcheck.hookspecs import hookimpl
    from vbcheck.rules import Rule, check

    MY_RULE = Rule(code="XY001", name="no-draft-watermark", severity="warning", ...)

    @check(MY_RULE)
    def no_watermark(doc, ctx):
        for p in doc.paragraphs:
            if "BẢN NHÁP" in p.text:
                yield ctx.finding("XY001", p, p.text.index("BẢN NHÁP"), len("BẢN NHÁP"))

    @hookimpl
    def vbcheck_checks():
        return [no_watermark]

A check is a callable `(doc: Document, ctx: Context) -> Iterable[Finding]` carrying the `Rule`s it
may report (`check.rules`). The engine runs each check once per document, after the anatomy pass
has labelled every paragraph, and then applies selection, profiles, stage and severities.
"""

from __future__ import annotations

import pluggy

PROJECT = "vbcheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec(firstresult=True)
def vbcheck_read(path: str, data: bytes):
    """Turn a file's bytes into a `vbcheck.model.Document`, or return None if not yours.

    Raise `vbcheck.errors.InputError` with a one-line reason for a file you recognise but cannot
    read (corrupt, encrypted, wrong encoding). The first reader that returns a document wins.
    """


@hookspec
def vbcheck_checks():
    """Return a list of checks (callables decorated with `vbcheck.rules.check`)."""


@hookspec
def vbcheck_known_abbreviations():
    """Return extra abbreviations that need no definition (e.g. an organisation's unit codes)."""
