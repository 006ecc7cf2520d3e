"""What follows or surrounds the document proper: marks (secrecy, urgency, circulation, draft),
appendices ("Phụ lục I" with its title and its "(Kèm theo …)" line) and copy blocks (SAO Y,
SAO LỤC, TRÍCH SAO with the copying body's own Số, date, signature and Nơi nhận).

- Marks are lines that are nothing but a mark (`patterns.mark_kind`) among the first paragraphs
  (header, title block); a secrecy, urgency or circulation literal standing alone in the body is
  recorded too (kind "body"), as a mark out of its place.
- An appendix label is a "Phụ lục …" line after the body has started (body, closing or appendix),
  or the first line of a file that is an appendix; in the body only when it stands alone (a blank
  line before, in capitals, or short), and an unnumbered "Phụ lục …" longer than 12 characters
  without a separator is a sentence. Its title is the first capital or short line among the next
  five, its reference line "(Kèm theo …)" / "(Ban hành kèm theo …)". A title that ends with that
  parenthesis holds the reference (a conversion that joins lines, or a typist who did not break
  the line): the reference is there, only not on a line of its own.
- A copy block starts at a marker line (≤ 40 characters). Its parts are looked for from the
  full-width rule above the marker (a line of 20 or more "_" or "-"), or from the line after the
  copied document's signer, to 14 lines after the marker; a marker in the copied document's own
  body, or with fewer than two parts of its own near it, is a mention (HD 36's font table shows
  "SAO Y BẢN CHÍNH" in a cell), not a copy block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.model import Paragraph, Zone
from ..text.letters import fold_same_length, is_upper
from .parts import Anatomy
from .patterns import F_DATE, F_NOI_NHAN, F_PARTY_LINE, F_QUOC_HIEU, F_RULE_LINE, SIG_PREFIX, mark_kind
from .units import STARTER, Unit, caps_line

# Folded, on a line of at most 220 characters.
APPENDIX_LABEL = re.compile(
    r"^phu\s{1,3}luc(?:\s{1,3}(?:so\s{1,3})?(?P<n>[ivxlc]{1,7}|\d{1,3}|[a-z]))?\s{0,3}"
    r"(?:(?P<sep>[.:\-–])\s{0,3}(?P<rest>.{0,200}))?$")
APPENDIX_REF = re.compile(r"^\(?\s{0,3}(?:ban\s{1,3}hanh\s{1,3})?kem\s{1,3}theo\b")
# The same line joined to the end of the title: "DANH MỤC … (Ban hành kèm theo Quyết định số …)".
# Searched (not matched) on folded text; no repetition before the anchor "(": linear.
APPENDIX_REF_AT_END = re.compile(r"\(\s{0,3}(?:ban\s{1,3}hanh\s{1,3})?kem\s{1,3}theo\b[^()]{0,300}\)\s{0,3}$")
COPY_MARKER = re.compile(r"^(?P<m>sao\s{1,3}y(?:\s{1,3}ban\s{1,3}chinh)?|sao\s{1,3}luc|trich\s{1,3}sao)\s{0,3}:?$")
COPY_NUMBER = re.compile(r"^Số\s{0,2}:?\s{0,3}[\d…._ ]{0,12}\s{0,2}[/-]\s{0,2}(?P<code>[A-Za-zĐđ]{1,4})\s{0,2}[-/]")
# The literals a mark standing alone in the body is compared with.
BODY_MARKS = frozenset({"MẬT", "TỐI MẬT", "TUYỆT MẬT", "HỎA TỐC", "HOẢ TỐC", "THƯỢNG KHẨN", "KHẨN",
                        "XEM XONG TRẢ LẠI", "LƯU HÀNH NỘI BỘ"})
_LABEL_MAX = 220
_ZONES_AFTER_BODY = (Zone.BODY, Zone.APPENDIX, Zone.UNKNOWN, Zone.SIGNATURE)
_NOT_A_COPY = (Zone.BODY, Zone.TITLE, Zone.KINH_GUI, Zone.NOI_NHAN)


@dataclass(slots=True)
class Mark:
    """A mark of the document (secrecy, urgency, circulation, draft) and where it stands."""

    kind: str  # sec, urg, circ, draft; "body" for a mark literal standing in the body
    para: Paragraph
    text: str  # the line, stripped


@dataclass(slots=True)
class AppendixBlock:
    """An appendix issued with the document: its label line, number and title."""

    label: Paragraph
    number: str | None  # folded ("ii", "2", "a") or None
    sep: str  # a separator after the number ("Phụ lục II. LỊCH …"), or ""
    inline_title: str  # text after the separator on the label line
    title: Paragraph | None
    ref: Paragraph | None  # "(Kèm theo …)"
    text: str  # the label line, stripped
    ref_in_title: bool = False  # the "(Kèm theo …)" closes the title line (no line of its own)


@dataclass(slots=True)
class CopyBlock:
    """The block of a copy (sao y, sao lục, trích sao): its marker and form."""

    marker: Paragraph
    form: str  # folded, spaces single: "sao y", "sao y ban chinh", "sao luc", "trich sao"
    text: str  # the marker line, stripped
    rule: Paragraph | None  # the full-width rule line above it (text input)
    issuer: Paragraph | None
    so: Paragraph | None
    date: Paragraph | None
    signature: Paragraph | None
    noi_nhan: Paragraph | None


def read_marks(an: Anatomy, paras: list[Paragraph], units: list[Unit]) -> None:
    head_zones = (Zone.HEADER_LEFT, Zone.HEADER_RIGHT, Zone.TITLE, Zone.UNKNOWN)
    for p in paras[:40]:
        if p.zone not in head_zones:
            continue
        kind = mark_kind(p.text)
        if kind:
            an.marks.append(Mark(kind, p, p.text.strip()))
    for u in units:
        t = u.text.strip()
        if len(t) < 30 and t.rstrip(".") in BODY_MARKS:
            an.marks.append(Mark("body", u.first, t))


def read_appendices(an: Anatomy, paras: list[Paragraph]) -> None:
    cands = paras if an.is_appendix else [p for p in paras if p.zone in _ZONES_AFTER_BODY]
    for j, p in enumerate(cands):
        t = p.text.strip()
        if len(t) > _LABEL_MAX or t[:1] not in "Pp" or p.table is not None:
            continue  # a label in a table cell is an example or a row of a table
        m = APPENDIX_LABEL.match(fold_same_length(t))
        if not m:
            continue
        if m.group("n") is None and not m.group("sep") and len(t) > 12:
            continue
        if p.zone == Zone.BODY and not an.is_appendix and not (p.gap_before or is_upper(t) or len(t) < 20):
            continue
        title = ref = None
        joined = False
        for q in cands[j + 1: j + 6]:
            if APPENDIX_REF.match(fold_same_length(q.text.strip()[:40])):
                ref = q
                break
            if len(q.text) <= 1000 and APPENDIX_REF_AT_END.search(fold_same_length(q.text.strip())):
                title, joined = title or q, True
                break
            if title is None and (caps_line(q.text) or (len(q.text) < 160 and not STARTER.match(q.text.strip()))):
                title = q
        joined = joined or bool(APPENDIX_REF_AT_END.search(fold_same_length(m.group("rest") or "")))
        an.appendices.append(AppendixBlock(p, m.group("n"), m.group("sep") or "", m.group("rest") or "", title, ref, t,
                                           joined))


_COPY_CODES = ("SY", "SL", "TrS", "BS")


def read_top_copy(paras: list[Paragraph]) -> tuple[Paragraph | None, int]:
    """A copy form above the copied document: a stamp ("SAO Y BẢN CHÍNH" on the first line, under
    the copying body's name, with the copy's number) or a whole copy block placed first and closed
    by a rule line. Returns its mark and where the copied document starts, or (None, 0). Only when
    the copied document follows (its Quốc hiệu or the Party's title, below the mark): NĐ 30 puts
    the copy block after the document (VB131 says so), and the header is read under it."""
    mark = next((i for i, p in enumerate(paras[:6])
                 if len(p.text.strip()) < 40 and COPY_MARKER.match(fold_same_length(p.text.strip()))), None)
    if mark is None:
        return None, 0
    title = next((k for k in range(mark + 1, min(len(paras), mark + 40))
                  if F_QUOC_HIEU.search(f := fold_same_length(paras[k].text)) or F_PARTY_LINE.search(f)), None)
    if title is None:
        return None, 0
    rule = next((k for k in range(mark + 1, title)
                 if len(t := paras[k].text.strip()) >= 20 and F_RULE_LINE.match(t)), None)
    if rule is not None:
        return paras[mark], rule + 1
    end = mark + 1
    while end < title:
        t = paras[end].text.strip()
        m = COPY_NUMBER.match(t)
        if not ((m and m.group("code") in _COPY_CODES) or (len(t) < 120 and F_DATE.match(fold_same_length(t)))):
            break
        end += 1
    return paras[mark], end


def read_copy_blocks(an: Anatomy, paras: list[Paragraph]) -> None:
    for i, p in enumerate(paras):
        t = p.text.strip()
        if len(t) >= 40 or t[:1] not in "SsTt":
            continue
        m = COPY_MARKER.match(fold_same_length(t))
        if not m or p.zone in _NOT_A_COPY or p is an.copy_stamp:
            continue  # a marker inside the copied document's own text is a mention; a stamp on top is no block
        rule = None
        k = i - 1
        while k >= 0 and i - k <= 6:
            q = paras[k].text.strip()
            if len(q) >= 20 and F_RULE_LINE.match(q):
                rule = paras[k]
                break
            if an.sig_name is not None and paras[k] is an.sig_name.para:
                break
            k -= 1
        own = {id(q) for q in an.signature} | {id(an.noi_nhan_label)}
        block = [q for q in paras[k + 1: i + 14] if id(q) not in own]  # never the main closing's
        before = paras[k + 1: i]
        folded = [fold_same_length(q.text.strip()) for q in block]
        so = next((q for q in block if COPY_NUMBER.match(q.text.strip())), None)
        date = next((q for q, f in zip(block, folded) if len(f) < 200 and F_DATE.match(f)), None)
        label = next((q for q, f in zip(block, folded) if F_NOI_NHAN.match(f)), None)
        sig = next((q for q in block if SIG_PREFIX.match(q.text.strip())), None)
        issuer = next((q for q in before if caps_line(q.text)), None)
        if sum(x is not None for x in (so, date, label, sig, issuer)) < 2:
            continue
        an.copy_blocks.append(CopyBlock(p, " ".join(m.group("m").split()), t, rule, issuer, so, date, sig, label))
