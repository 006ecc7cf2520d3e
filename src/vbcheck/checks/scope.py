"""VB009: documents under other rules are detected and said, not flagged."""

from ..catalogue.loader import rule
from ..core.rule import check


@check(rule("VB009"))
def out_of_scope(doc, ctx):
    an = ctx.anatomy
    if not an.out_of_scope_key:
        return
    where = an.so.para if an.so else (an.header[0] if an.header else doc.paragraphs[0])
    if an.so:
        yield ctx.at("VB009", an.so, an.out_of_scope_key, text=an.out_of_scope)
    else:
        yield ctx.finding("VB009", where, 0, 0, an.out_of_scope_key, text=an.out_of_scope)
