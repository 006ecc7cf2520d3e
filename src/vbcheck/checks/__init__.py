"""Built-in checks, one module per family of rules. Every function in a family decorated with
`@check(...)` is registered, in the order it is defined, through `vbcheck_checks`: the same hook
a third-party plugin implements. Adding a check is writing the function; nothing else lists it.

Families: required parts (scope, header, numbering, dateline, title, body, signature,
noi_nhan, structure, marks, attachments), language (encoding, abbreviations, abbr_headings,
terms, capitalisation, tone, spacing) and .docx formatting (fmt_page: package and section
level; fmt_text: runs and paragraphs; fmt_lines: rule lines; fmt_parts: the body's parts).
Suppressions (VB008) are a plugin of their own (`checks/suppressions.py`).
"""

from importlib import import_module

from ..core.markers import hookimpl

# Families, in the order their checks run (the engine sorts findings by location anyway).
FAMILIES = (
    "scope", "header", "numbering", "dateline", "title", "body", "signature", "noi_nhan",
    "structure", "marks", "attachments",
    "encoding", "abbreviations", "abbr_headings", "terms", "capitalisation", "tone", "spacing",
    "fmt_page", "fmt_text", "fmt_lines", "fmt_parts",
)


def checks_of(module) -> list:
    """The checks a module defines (not those it imports), in definition order."""
    return [v for v in vars(module).values()
            if callable(v) and getattr(v, "rules", None) and getattr(v, "__module__", None) == module.__name__]


@hookimpl
def vbcheck_checks():
    out = []
    for name in FAMILIES:
        out.extend(checks_of(import_module(f"{__name__}.{name}")))
    return out
