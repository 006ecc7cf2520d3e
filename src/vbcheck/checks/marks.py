"""VB129: secrecy, urgency and circulation marks and the Party draft mark (NĐ 30 PL I mục III.2;
HD 36 mục II.2), from the marks the anatomy found in the header and in the body."""

from __future__ import annotations

import re

from ..catalogue.loader import rule
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
                yield ctx.finding("VB129", p, s, e, "secrecy-case", expected=up)
            else:
                yield ctx.finding("VB129", p, s, e, "secrecy-form", text=t)
        elif m.kind == "urg" and t not in URGENCY:
            if "HẸN GIỜ" in up:
                yield ctx.finding("VB129", p, s, e, "urgency-legacy", text=t)
            elif up in URGENCY:
                yield ctx.finding("VB129", p, s, e, "urgency-case", expected=up)
            else:
                yield ctx.finding("VB129", p, s, e, "urgency-form", text=t)
        elif m.kind == "circ" and t != t.upper():
            yield ctx.finding("VB129", p, s, e, "circulation-case", expected=t.upper())
        elif m.kind == "draft" and ctx.profile == "dang" and not _PARTY_DRAFT.match(t):
            yield ctx.finding("VB129", p, s, e, "party-draft", severity="info", text=t)
        elif m.kind == "body":
            yield ctx.finding("VB129", p, s, e, "position", text=t)
