"""The body's structure: the căn cứ block and the enacting line, and the outline (Phần, Chương,
Mục, Điều, report-style "I." sections, khoản "1." and điểm "a)"), read on logical units.

- The căn cứ block starts at the first unit among the body's first six that opens with "Căn cứ"
  and runs over bases, "Theo/Xét đề nghị …" lines and lines citing a further document after a
  basis ending ";" (a basis may list several). It is *formal* when the enacting line
  ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:", "BAN THƯỜNG VỤ TỈNH ỦY QUYẾT ĐỊNH:", a công điện's "… điện:")
  follows it directly; otherwise a *preamble* (a kế hoạch's or a công văn's opening).
- Headings and items are matched on a unit's first line: a Phần/Chương/Mục line only when the rest
  is empty, in capitals or after a separator (so "Phần I Phụ lục này, …" in a sentence is not
  one); "Điều N" only with a separator or alone (so "Điều 20 Điều lệ … quy định" is a citation).
  Units inside an open quotation (“ … ” across units) are skipped: quoted provisions carry their
  own numbering. The title of a Phần/Chương/Mục is the next unit when it is in capitals.

Every pattern is bounded or anchored, and tried only on lines whose first character can open it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.letters import fold_same_length, is_upper
from .units import Unit, caps_line

CAN_CU = re.compile(r"^(?:[-–+]\s{0,3})?căn\s{1,3}cứ(?![\wÀ-ỹ])", re.I)
DE_NGHI = re.compile(
    r"^(?:[-–+]\s{0,3})?(?:theo|xét)\s{1,3}(?:đề\s{1,3}nghị|tờ\s{1,3}trình|đề\s{1,3}xuất|báo\s{1,3}cáo)(?![\wÀ-ỹ])",
    re.I)
CITED = re.compile(
    r"^(?:Luật|Bộ\s{1,3}luật|Pháp\s{1,3}lệnh|Nghị\s{1,3}định|Nghị\s{1,3}quyết|Quyết\s{1,3}định|Thông\s{1,3}tư"
    r"|Chỉ\s{1,3}thị|Kế\s{1,3}hoạch|Công\s{1,3}văn|Văn\s{1,3}bản|Hướng\s{1,3}dẫn|Kết\s{1,3}luận|Thông\s{1,3}báo)\s")
# Folded. "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:", "BAN THƯỜNG VỤ TỈNH ỦY QUYẾT ĐỊNH:"; a công điện's "… điện:".
ENACT = re.compile(r"^(?:[a-z ]{0,80}\s)?(?:quyet\s{1,3}dinh|quyet\s{1,3}nghi|chi\s{1,3}thi|ket\s{1,3}luan)\s{0,3}:$")
ENACT_DIEN = re.compile(r"\bdien\s{0,3}:$")

# Folded, on a line of at most 220 characters.
PHAN = re.compile(r"^(phan|chuong)\s{1,3}(thu\s{1,3}[a-z]{2,6}|[ivxlc]{1,7}|\d{1,3})(?![a-z0-9])\s{0,3}"
                  r"(?P<sep>[.:\-–])?\s{0,3}(?P<rest>.{0,200})$")
MUC = re.compile(r"^(muc|tieu\s{1,3}muc)\s{1,3}(\d{1,3}|[ivxlc]{1,7})(?![a-z0-9])\s{0,3}(?P<sep>[.:\-–])?\s{0,3}"
                 r"(?P<rest>.{0,200})$")
# Original text.
DIEU = re.compile(r"^(?P<w>Điều|ĐIỀU|điều)\s{1,3}(?P<n>\d{1,3}|[IVXLC]{1,7})(?P<sep>\s{0,2}[.:\-–](?!\d)|(?=\s|$))\s{0,3}")
ROMAN_SECTION = re.compile(r"^(?P<n>[IVXLC]{1,7})\s{0,2}(?P<sep>[.\-–/])\s{0,3}(?=\S|$)")
KHOAN = re.compile(r"^(?P<n>\d{1,2})\.(?!\d)\s{0,3}(?=\S)")
DIEM = re.compile(r"^(?P<l>[a-zđ])\)\s{0,3}(?=\S)")
# "a." "b." or "(a)" "(b)" (not "(i)", "(v)", "(x)": Roman sub-lists).
DIEM_BAD = re.compile(r"^(?:\((?P<l1>[a-hk-uđ])\)|(?P<l2>[a-hk-uđ])\.)\s{1,3}(?=[A-Za-zÀ-ỹĐđ])")
VN_ALPHABET = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

LABELS = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "tieu_muc": "Tiểu mục"}
SECTION_KINDS = frozenset(LABELS)
CONTAINER_KINDS = SECTION_KINDS | {"dieu", "roman"}
_HEAD_CHARS = 220


@dataclass(slots=True)
class Heading:
    """One entry of the outline. `kind`: phan, chuong, muc, tieu_muc, dieu, roman, khoan, diem,
    diem_bad. `number`: as written (folded for Phần/Chương/Mục: "i", "1", "thu nhat"; a letter for
    điểm). `label_end`: where the label (word, number, separator) ends, an offset in the text of
    the unit's first line; `rest`: the text after the label on that line; `title`: the unit holding a section's title."""

    kind: str
    number: str
    unit: Unit
    sep: str = ""
    label_end: int = 0
    rest: str = ""
    title: Unit | None = None

    @property
    def para(self):
        return self.unit.first


def is_enacting(u: Unit) -> bool:
    t = u.text.strip()
    if len(t) > 160:
        return False
    f = fold_same_length(t)
    return bool(ENACT.match(f) and is_upper(t)) or bool(ENACT_DIEN.search(f))


def read_can_cu(units: list[Unit]) -> tuple[list[Unit], str, Unit | None, list[Unit]]:
    """(the căn cứ block, "formal" | "preamble" | "", the enacting line, the units after it)."""
    block: list[Unit] = []
    i0 = next((i for i, u in enumerate(units[:6]) if CAN_CU.match(u.text)), None)
    if i0 is None:
        for i, u in enumerate(units[:8]):
            if is_enacting(u):
                return [], "", u, units[i + 1:]
        return [], "", None, []
    i = i0
    while i < len(units):
        t = units[i].text
        if CAN_CU.match(t) or DE_NGHI.match(t) or (CITED.match(t) and block and block[-1].text.rstrip().endswith(";")):
            block.append(units[i])
            i += 1
        else:
            break
    if i < len(units) and is_enacting(units[i]):
        return block, "formal", units[i], units[i + 1:]
    return block, "preamble", None, []


def _section(kind: str, u: Unit, t: str) -> Heading | None:
    f = fold_same_length(t)
    m = (PHAN if kind == "p" else MUC).match(f)
    if not m:
        return None
    rest = m.group("rest")
    if rest and not m.group("sep") and not caps_line(t[m.start("rest"):]):
        return None  # "Phần I Phụ lục này, …": a sentence, not a heading
    word = m.group(1)
    if kind == "p":
        if word == "chuong" and t[:14].lower().startswith("chương trình"):
            return None
        k = "phan" if word == "phan" else "chuong"
    else:
        k = "muc" if word == "muc" else "tieu_muc"
    end = m.end("sep") if m.group("sep") else m.end(2)
    return Heading(k, " ".join(m.group(2).split()), u, m.group("sep") or "", end, t[m.start("rest"):] if rest else "")


def _match(u: Unit) -> Heading | None:
    raw = u.first.text
    t = raw.strip()
    if not t:
        return None
    h = _match_line(u, t)
    if h is not None:
        while h.label_end > 0 and t[h.label_end - 1].isspace():
            h.label_end -= 1
        h.label_end += len(raw) - len(raw.lstrip())  # an offset in the paragraph's own text
    return h


def _match_line(u: Unit, t: str) -> Heading | None:
    c = t[0]
    head = t[:_HEAD_CHARS]
    if c in "PpCcMmTt" and len(t) <= _HEAD_CHARS:
        h = _section("p" if c in "PpCc" else "m", u, t)
        if h:
            return h
    if c in "Đđ":
        m = DIEU.match(head)
        if m:
            rest = t[m.end():]
            if m.group("sep").strip() or not rest.strip():
                return Heading("dieu", m.group("n"), u, m.group("sep").strip(), m.end(), rest)
    elif c in "IVXLC":
        m = ROMAN_SECTION.match(head)
        if m and m.group("n") not in ("C", "L", "D", "M") and len(t) < 300:
            return Heading("roman", m.group("n"), u, m.group("sep"), m.end(), t[m.end():])
    elif c.isdigit():
        m = KHOAN.match(head)
        if m:
            return Heading("khoan", m.group("n"), u, ".", m.end(), t[m.end():])
        return None
    if c == "(" or c.islower():
        m = DIEM.match(head)
        if m:
            return Heading("diem", m.group("l"), u, ")", m.end(), t[m.end():])
        m = DIEM_BAD.match(head)
        if m:
            return Heading("diem_bad", m.group("l1") or m.group("l2"), u, "(" if m.group("l1") else ".", m.end(),
                           t[m.end():])
    return None


def read_outline(units: list[Unit]) -> list[Heading]:
    out: list[Heading] = []
    quoted = False
    for u in units:
        in_quote = quoted
        opens, closes = u.text.count("“"), u.text.count("”")
        if opens > closes:
            quoted = True
        elif closes > opens:
            quoted = False
        if in_quote:
            continue
        h = _match(u)
        if h is not None:
            out.append(h)
    idx = {id(u): i for i, u in enumerate(units)}
    for h in out:
        if h.kind in SECTION_KINDS:
            i = idx[id(h.unit)] + 1
            if i < len(units):
                nxt = units[i].text
                if is_upper(nxt) and len(nxt) < 250 and not DIEU.match(nxt):
                    h.title = units[i]
    return out
