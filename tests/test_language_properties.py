"""Property tests: NFD input, Markdown emphasis and wrapped lines change neither what the
language rules find nor where (the reported columns point at the same source characters)."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vbcheck
from vbcheck.catalogue import loader as packs

HEAD = packs.example_base("ke-hoach").split("Thực hiện", 1)[0]  # header and title of the compliant base
TAIL = """
Nơi nhận:
- UBND tỉnh;
- Lưu: VT, VP.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Nguyễn Văn An
"""
# Sentences that between them trigger every language rule (and some that must not).
SENTENCES = [
    "thực hiện công tác cải cách hành chính (CCHC) trên địa bàn",
    "nâng cao chất lượng CCHC và CCHCC",
    "phối hợp với MTTQ tỉnh",
    "tuyên truyền về văn hóa, thủy lợi và ủy quyền",
    "xã hội hoá công tác",
    "báo cáo Sở Công thương tỉnh",
    "gửi Sở Công Thương tỉnh và Sở Công Thương",
    "tỉnh Đắk Lắk và tỉnh Đắk Lắk; Đắc Lắc số",
    "bảo đảm thiết thực , hiệu quả",
    "theo Kế hoạch số 25/KH-UBND của UBND tỉnh",
    "phổ biến, giáo dục pháp luật (PBGDPL) và PBGDPL",
]
SELECT = ("VB2", "VB001")


def body(idx: list[int]) -> list[str]:
    return [f"{k + 1}. " + SENTENCES[i][0].upper() + SENTENCES[i][1:] + "." for k, i in enumerate(idx)]


def findings(text: str, name: str = "doc.txt"):
    res = vbcheck.check_text(text, name=name, select=SELECT).files[0]
    assert not res.internal_errors, res.internal_errors
    return res.violations


def source_slice(text: str, v) -> str:
    line = text.splitlines()[v.line - 1]
    return unicodedata.normalize("NFC", line[v.column - 1 : v.end_column - 1])


def strip_md(s: str) -> str:
    return s.replace("**", "").replace("*", "")


indices = st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=8)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(indices)
def test_nfd_input_same_findings_and_places(idx):
    text = HEAD + "\n\n".join(body(idx)) + "\n" + TAIL
    nfd = unicodedata.normalize("NFD", text)
    a = [(v.code, v.line, v.text) for v in findings(text)]
    got = findings(nfd)
    b = [(v.code, v.line, unicodedata.normalize("NFC", v.text)) for v in got]
    assert a == b
    for v in got:  # the columns point at the very characters, in the NFD source
        assert source_slice(nfd, v) == unicodedata.normalize("NFC", v.text)


@FAST
@given(indices, st.data())
def test_markdown_markers_same_findings_and_places(idx, data):
    lines = body(idx)
    marked = []
    for ln in lines:
        words = ln.split(" ")
        k = data.draw(st.integers(1, len(words) - 1))
        words[k] = "**" + words[k] + "**" if data.draw(st.booleans()) else "*" + words[k] + "*"
        marked.append(" ".join(words))
    plain = HEAD + "\n\n".join(lines) + "\n" + TAIL
    md = HEAD + "\n\n".join(marked) + "\n" + TAIL
    a = [(v.code, v.line, v.text) for v in findings(plain)]
    got = findings(md, "doc.md")
    assert [(v.code, v.line, v.text) for v in got] == a
    for v in got:
        assert strip_md(source_slice(md, v)) == v.text


@FAST
@given(indices, st.data())
def test_wrapped_lines_same_findings(idx, data):
    lines = body(idx)
    wrapped = []
    for ln in lines:
        words = ln.split(" ")
        if len(words) > 4 and data.draw(st.booleans()):
            # a conversion wraps before a word that starts with a small letter, never before
            # punctuation, and leaves a blank line (as in the seeds) or not
            cuts = [k for k in range(2, len(words)) if words[k][:1].islower() and words[k][:1].isalpha()]
            if cuts:
                k = data.draw(st.sampled_from(cuts))
                sep = "\n\n" if data.draw(st.booleans()) else "\n"
                wrapped.append(" ".join(words[:k]) + sep + " ".join(words[k:]))
                continue
        wrapped.append(ln)
    plain = HEAD + "\n\n".join(lines) + "\n" + TAIL
    wrap = HEAD + "\n\n".join(wrapped) + "\n" + TAIL
    a = sorted((v.code, v.text) for v in findings(plain))
    got = findings(wrap)
    b = sorted((v.code, v.text) for v in got)
    # a finding whose text the wrap cut keeps its code and starts with the same words
    assert [c for c, _ in a] == [c for c, _ in b]
    for (_, ta), (_, tb) in zip(a, b):
        assert ta.startswith(tb) or tb.startswith(ta)
    for v in got:
        assert source_slice(wrap, v) == v.text
