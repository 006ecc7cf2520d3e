"""VB116: the body ends with "./." (every model form of NĐ 30 Phụ lục III)."""

import re

from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.rule import check

_END = re.compile(r"\./\.\s*$")


@check(rule("VB116"))
def ket_thuc(doc, ctx):
    an = ctx.anatomy
    if not an.body:
        return
    last = an.body[-1]
    if _END.search(last.text):
        return
    # "./." typed on the next line or before a trailing note still ends the body.
    if any(_END.search(p.text) for p in an.body[-3:]):
        return
    yield ctx.missing("VB116", last, after=True, fix=_end_mark(last))


def _end_mark(last):
    """"./." after the last sentence; its full stop is the first "." of the mark. A paragraph
    ending in other punctuation (":", ";", "?") or in a table cell is left to the clerk."""
    text = last.text
    if last.kind == "cell":
        return None
    if text.endswith("."):
        return None if text.endswith("..") else Fix.safe(Edit.insert(last, len(text), "/."))
    if text[-1:].isalnum() or text[-1:] in ")\"”'’»":
        return Fix.safe(Edit.insert(last, len(text), "./."))
    return None
