"""An example vbcheck plugin (see README, "Plugins").

XY001 `ban-nhap-watermark`: the words "BẢN NHÁP" (draft) left in a document. The rule carries its
metadata and examples like a built-in one: `vbcheck rule XY001` prints them and vbcheck's own
catalogue test runs them. Its findings carry a safe fix (the words deleted, with the brackets and
the space around them), which `vbcheck fix` applies. `vbcheck_known_abbreviations` adds an organisation's unit codes.
"""

from __future__ import annotations

import re

from vbcheck.hookspecs import Edit, Example, Fix, Rule, check, hookimpl

XY001 = Rule(
    code="XY001",
    name="ban-nhap-watermark",
    severity="warning",
    summary_vi="Văn bản còn dòng chữ \"BẢN NHÁP\".",
    summary_en="The document still says \"BẢN NHÁP\" (draft).",
    clause="Quy chế công tác văn thư của cơ quan XY, Điều 5",
    fix=("safe",),
    messages={"default": {"vi": "Xóa chữ \"{text}\" trước khi trình ký",
                          "en": "Remove \"{text}\" before the document is signed"}},
    examples=(Example(base="ke-hoach", find="Tuyên truyền cải cách hành chính năm 2026",
                      replace="Tuyên truyền cải cách hành chính năm 2026 (bản nháp)"),),
)

_WORDS = re.compile(r"(?i)\bbản\s+nháp\b")
_BRACKETED = re.compile(r"(?i)\s?\(\s*bản\s+nháp\s*\)")


@check(XY001)
def ban_nhap(doc, ctx):
    for p in doc.paragraphs:
        for m in _WORDS.finditer(p.text):
            # " (bản nháp)" goes whole; the words alone otherwise
            b = next((b for b in _BRACKETED.finditer(p.text) if b.start() <= m.start() < b.end()), m)
            fix = Fix.safe(Edit.replace(p, b.start(), b.end(), ""))
            yield ctx.finding("XY001", p, m.start(), m.end(), text=m.group(0), fix=fix)


@hookimpl
def vbcheck_checks():
    return [ban_nhap]


@hookimpl
def vbcheck_known_abbreviations():
    return ["PKHXY"]  # the organisation's planning unit, used undefined in its own documents
