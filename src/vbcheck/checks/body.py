"""VB116: the body ends with "./." (every model form of NĐ 30 Phụ lục III)."""

import re

from ..catalogue.loader import rule
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
    yield ctx.missing("VB116", last, after=True)
