"""An example vbcheck plugin (see README, "Plugins").

XY001 `ban-nhap-watermark`: the words "BẢN NHÁP" (draft) left in a document. The rule carries its
metadata and examples like a built-in one: `vbcheck rule XY001` prints them and vbcheck's own
catalogue test runs them. `vbcheck_known_abbreviations` adds an organisation's unit codes.
"""

from __future__ import annotations

import re

from vbcheck.hookspecs import Example, Rule, check, hookimpl

XY001 = Rule(
    code="XY001",
    name="ban-nhap-watermark",
    severity="warning",
    summary_vi="Văn bản còn dòng chữ \"BẢN NHÁP\".",
    summary_en="The document still says \"BẢN NHÁP\" (draft).",
    clause="Quy chế công tác văn thư của cơ quan XY, Điều 5",
    messages={"default": {"vi": "Xóa chữ \"{text}\" trước khi trình ký",
                          "en": "Remove \"{text}\" before the document is signed"}},
    examples=(Example(base="ke-hoach", find="Tuyên truyền cải cách hành chính năm 2026",
                      replace="Tuyên truyền cải cách hành chính năm 2026 (bản nháp)"),),
)

_WORDS = re.compile(r"(?i)\bbản\s+nháp\b")


@check(XY001)
def ban_nhap(doc, ctx):
    for p in doc.paragraphs:
        for m in _WORDS.finditer(p.text):
            yield ctx.finding("XY001", p, m.start(), m.end(), text=m.group(0))


@hookimpl
def vbcheck_checks():
    return [ban_nhap]


@hookimpl
def vbcheck_known_abbreviations():
    return ["PKHXY"]  # the organisation's planning unit, used undefined in its own documents
