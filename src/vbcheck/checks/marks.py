"""VB129: secrecy, urgency and circulation marks and the Party draft mark (NĐ 30 PL I mục III.2;
HD 36 mục II.2), from the marks the anatomy found in the header and in the body."""

from __future__ import annotations

import re

from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.rule import check

SECRECY = frozenset({"MẬT", "TỐI MẬT", "TUYỆT MẬT"})
URGENCY = frozenset({"HỎA TỐC", "HOẢ TỐC", "THƯỢNG KHẨN", "KHẨN"})
_PARTY_DRAFT = re.compile(r"^Dự thảo(?: lần \d{1,2})?$")


# Fix: secrecy-case, urgency-case and circulation-case are certain (the line in capitals);
# urgency-legacy is a suggestion ("HỎA TỐC"); the level of a mark and its place are the signer's.
@check(rule("VB129"))
def marks(doc, ctx):
    an = ctx.anatomy
    for m in an.marks:
        p, t = m.para, m.text
        s = p.text.index(t) if t in p.text else 0
        e = s + len(t)
        up = t.upper().rstrip(".").strip()
        if m.kind == "sec" and t not in SECRECY:
            if up in SECRECY:
                yield ctx.finding("VB129", p, s, e, "secrecy-case", expected=up, fix=_as(p, s, e, t, up))
            else:
                yield ctx.finding("VB129", p, s, e, "secrecy-form", text=t)
        elif m.kind == "urg" and t not in URGENCY:
            if "HẸN GIỜ" in up:
                # NĐ 30's nearest level; whether the document is that urgent is the signer's call
                fix = _as(p, s, e, t, "HỎA TỐC")
                yield ctx.finding("VB129", p, s, e, "urgency-legacy", text=t,
                                  fix=Fix.unsafe(*fix.edits) if fix else None)
            elif up in URGENCY:
                yield ctx.finding("VB129", p, s, e, "urgency-case", expected=up, fix=_as(p, s, e, t, up))
            else:
                yield ctx.finding("VB129", p, s, e, "urgency-form", text=t)
        elif m.kind == "circ" and t != t.upper():
            yield ctx.finding("VB129", p, s, e, "circulation-case", expected=t.upper(), fix=_as(p, s, e, t, t.upper()))
        elif m.kind == "draft" and ctx.profile == "dang" and not _PARTY_DRAFT.match(t):
            yield ctx.finding("VB129", p, s, e, "party-draft", severity="info", text=t)
        elif m.kind == "body":
            yield ctx.finding("VB129", p, s, e, "position", text=t)


def _as(p, s: int, e: int, t: str, right: str) -> Fix | None:
    """The mark `t` (at s:e) written as `right` (its capitals): certain."""
    if p.text[s:e] != t or t == right:
        return None
    return Fix.safe(Edit.replace(p, s, e, right))
