"""VB127 (the căn cứ block) and VB128 (the structure: Phần, Chương, Mục, Điều, khoản, điểm),
read on the anatomy's logical units and outline (NĐ 30 PL I mục II.6.a, II.6.c-đ)."""

from __future__ import annotations

import re

from ..anatomy.structure import CAN_CU, CONTAINER_KINDS, LABELS, SECTION_KINDS, VN_ALPHABET
from ..anatomy import Hit
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.model import SourceKind
from ..core.rule import check
from .noi_nhan import item_dash_fix, item_end_fix

_INNER_CAN_CU = re.compile(r";\s{0,5}(?:[-–]\s{0,3})?Căn\s{1,3}cứ\s")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(n: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                           (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def from_roman(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in _ROMAN_VALUES for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v else v
    return total if roman(total) == s else None


def _clip(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _tail(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else "…" + text[-(n - 1):]


def judged_block(an) -> bool:
    """Whether the căn cứ block is judged: a formal one always; otherwise a named type's block of
    two or more "Căn cứ" lines (a công văn's "Căn cứ" lines are its reasoning; a single "Căn cứ …,
    X có ý kiến như sau:" is an opening sentence)."""
    if an.can_cu_kind == "formal":
        return True
    return (bool(an.can_cu) and not an.is_cong_van and an.title is not None
            and sum(1 for u in an.can_cu if CAN_CU.match(u.text)) >= 2)


# Fix: one-line (a paragraph break after the ";"), semicolon and last (replace or append the
# final mark), party-dash (insert "- ") are certain; after-body is a suggestion (moving a basis
# changes the order of the bases, a person's choice).
@check(rule("VB127"))
def can_cu_format(doc, ctx):
    an = ctx.anatomy
    block = an.can_cu
    if not block or not judged_block(an):
        return
    formal = an.can_cu_kind == "formal"
    sev = None if formal else "info"
    hd36 = ctx.profile == "dang" and an.party_guide == "HD36"
    hd05 = ctx.profile == "dang" and an.party_guide == "HD05"
    last_mark = "," if hd36 else "."
    for k, u in enumerate(block):
        for m in _INNER_CAN_CU.finditer(u.text):
            # Offsets in the unit's text → the line that holds the second "Căn cứ".
            para, s = _locate(u, m.start() + m.group().index("C"))
            yield ctx.finding("VB127", para, s, s + 6, "one-line", severity=sev, text=_clip(para.text[s:], 40))
        lt = u.last.text.rstrip()
        end = lt[-1:]
        if k < len(block) - 1:
            if end != ";":
                yield ctx.finding("VB127", u.last, len(lt) - 1, len(lt), "semicolon", severity=sev, text=_tail(u.text),
                                  fix=item_end_fix(u.last, len(lt), ";"))
        elif formal and end != last_mark:
            yield ctx.finding("VB127", u.last, len(lt) - 1, len(lt), "last", text=_tail(u.text), want=last_mark,
                              fix=item_end_fix(u.last, len(lt), last_mark))
        if hd05 and not u.text.startswith("- "):
            yield ctx.finding("VB127", u.first, 0, min(len(u.first.text), 6), "party-dash",
                              fix=_party_dash(ctx, u.first))
    if formal:
        for u in an.after_enacting:
            if CAN_CU.match(u.text) and u.text.rstrip().endswith(";"):
                yield ctx.finding("VB127", u.first, 0, len(u.first.text), "after-body", text=_clip(u.text, 40))


def _party_dash(ctx, p) -> Fix | None:
    """"- " before a Party basis: another bullet replaced, or the dash added (certain, unless
    Word numbers the paragraph: the dash would be doubled)."""
    fix = item_dash_fix(ctx, Hit(p, 0, len(p.text)))
    return Fix.safe(*fix.edits) if fix is not None else None


def _locate(u, pos: int):
    """(paragraph, offset) of a position in a unit's joined text (lines joined by one space)."""
    for p in u.paras:
        t = p.text.strip()
        if pos <= len(t):
            lead = len(p.text) - len(p.text.lstrip())
            return p, lead + pos
        pos -= len(t) + 1
    return u.last, len(u.last.text)


# Fix: label-case, arabic, muc-roman, dieu-form and diem-form (rewrite the label), same-line
# (a break after the number) and diem-seq where "d)" is followed by "e)" (the đ skipped: relabel
# e→đ, g→e … to the end of the run) are certain; other sequences are suggestions (renumbering
# changes cross-references such as "khoản 3 Điều 2", which a person must check).
@check(rule("VB128"))
def structure(doc, ctx):
    an = ctx.anatomy
    party = ctx.profile == "dang"
    yield from _sections(an, ctx, party)
    yield from _articles(an, ctx)
    yield from _items(an, ctx)
    if doc.kind == SourceKind.DOCX:
        yield from _word_letters(doc, an, ctx)


def _word_letters(doc, an, ctx):
    """Points numbered by Word's a, b, c (a w:numPr whose level has w:numFmt="lowerLetter"): the
    letters are not in the text, and Word's list has no "đ". Reported once per list (info); when
    every point of the document is numbered so, their sequence is listed as not evaluated."""
    numbered = [p for p in an.body if isinstance(p.props.get("numbered"), dict) and p.props["numbered"].get("numId")]
    if not numbered:
        return
    formats = numbering_formats(doc)
    seen = set()
    for p in numbered:
        num = p.props["numbered"]
        key = (num.get("numId"), num.get("ilvl") or "0")
        if formats.get(key) != "lowerLetter" or key[0] in seen:
            continue
        seen.add(key[0])
        yield ctx.finding("VB128", p, 0, 0, "word-lowerletter", severity="info")
    if seen and not any(h.kind == "diem" for h in an.outline):
        ctx.not_evaluated("VB128", "numbering-auto")


def numbering_formats(doc) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> w:numFmt of word/numbering.xml (read only for a document with Word lists)."""
    from ..ooxml.package import package_part
    from ..ooxml.xml import W_, parse_xml

    data = package_part(doc.meta, "word/numbering.xml")
    if not data:
        return {}
    root = parse_xml(data, "word/numbering.xml")
    abstract = {}
    for a in root.findall(f"{W_}abstractNum"):
        abstract[a.get(f"{W_}abstractNumId")] = {
            lvl.get(f"{W_}ilvl"): (lvl.find(f"{W_}numFmt").get(f"{W_}val") if lvl.find(f"{W_}numFmt") is not None else "")
            for lvl in a.findall(f"{W_}lvl")}
    out = {}
    for n in root.findall(f"{W_}num"):
        ref = n.find(f"{W_}abstractNumId")
        levels = abstract.get(ref.get(f"{W_}val") if ref is not None else None, {})
        for ilvl, fmt in levels.items():
            out[(n.get(f"{W_}numId"), ilvl)] = fmt
    return out


def _sections(an, ctx, party):
    for h in an.outline:
        if h.kind not in SECTION_KINDS:
            continue
        p = h.para
        t = p.text
        lead = len(t) - len(t.lstrip())
        want = LABELS[h.kind]
        word_end = lead + len(want)
        word = t[lead:word_end]
        if word != want and word.upper() == word:
            yield ctx.finding("VB128", p, lead, word_end, "label-case", text=word, expected=want,
                              fix=Fix.safe(Edit.replace(p, lead, word_end, want)))
        n = h.number
        num_start = t.find(n, word_end) if n else -1
        shown = t[num_start: num_start + len(n)] if num_start >= 0 else n
        if h.kind in ("phan", "chuong"):
            if n.isdigit():
                yield ctx.finding("VB128", p, lead, lead + h.label_end - lead, "arabic", text=shown,
                                  expected=f"{want} {roman(int(n))}", fix=_number(p, num_start, n, roman(int(n))))
            elif n.startswith("thu") and not party:
                yield ctx.finding("VB128", p, lead, lead + h.label_end - lead, "ordinal", severity="info",
                                  text=t[lead:h.label_end].strip(), expected=f"{want} I")
        elif not n.isdigit():
            value = from_roman(n)
            yield ctx.finding("VB128", p, lead, h.label_end, "muc-roman", text=shown,
                              expected=f"{want} {value if value else n}",
                              fix=_number(p, num_start, n, str(value)) if value else None)
        label = t[lead:h.label_end].rstrip(" .:-–")
        if h.sep or len(h.rest.strip()) > 3:
            yield ctx.finding("VB128", p, lead, len(t.rstrip()), "same-line", label=label)
        elif h.title is None and not party:
            yield ctx.finding("VB128", p, lead, len(t.rstrip()), "no-title", text=label)


def _articles(an, ctx):
    prev = None
    for h in an.outline:
        if h.kind != "dieu":
            continue
        p = h.para
        t = p.text
        lead = len(t) - len(t.lstrip())
        label = t[lead:h.label_end].rstrip()
        word = t[lead:].split(None, 1)[0]
        n = h.number
        if not n.isdigit():
            value = from_roman(n)
            yield ctx.finding("VB128", p, lead, h.label_end, "dieu-form", text=label, n=value or n,
                              fix=_article_label(p, lead, h.label_end, value) if value else None)
            prev = value
            continue
        if word != "Điều" or h.sep != ".":
            yield ctx.finding("VB128", p, lead, h.label_end, "dieu-form", text=label, n=n,
                              fix=_article_label(p, lead, h.label_end, int(n)))
        num = int(n)
        if prev is not None and num != 1:  # Điều 1 again: an attached regulation starts its own
            if num == prev:
                yield ctx.finding("VB128", p, lead, h.label_end, "dieu-repeat", n=num)
            elif num != prev + 1:
                yield ctx.finding("VB128", p, lead, h.label_end, "dieu-seq", n=num, prev=prev, expected=prev + 1)
        prev = num


def _number(p, start: int, old: str, new: str) -> Fix | None:
    """The number of a part, chapter or section rewritten (I for 1, 2 for II)."""
    if start < 0 or p.text[start : start + len(old)] != old:
        return None
    return Fix.safe(Edit.replace(p, start, start + len(old), new))


def _article_label(p, lead: int, end: int, n: int) -> Fix | None:
    """"ĐIỀU 1:", "Điều I." → "Điều 1." keeping what follows the label."""
    old = p.text[lead:end]
    tail = old[len(old.rstrip()):]
    if not tail and end < len(p.text) and not p.text[end].isspace():
        tail = " "
    new = f"Điều {n}.{tail}"
    return Fix.safe(Edit.replace(p, lead, end, new)) if new != old else None


def _items(an, ctx):
    khoan = diem = None
    bad_run: list = []
    for h in an.outline:
        if h.kind in CONTAINER_KINDS:
            khoan = diem = None
            bad_run = []
            continue
        p = h.para
        t = p.text
        lead = len(t) - len(t.lstrip())
        if h.kind == "khoan":
            n = int(h.number)
            if khoan is not None and n != 1 and n != khoan + 1:
                yield ctx.finding("VB128", p, lead, h.label_end, "khoan-seq", n=n, prev=khoan)
            khoan, diem = n, None
            bad_run = []
        elif h.kind == "diem":
            letter = h.number
            if letter not in VN_ALPHABET:
                yield ctx.finding("VB128", p, lead, lead + 2, "diem-letter", text=f"{letter})")
                diem = None
                continue
            i = VN_ALPHABET.index(letter)
            if diem is not None and i != 0 and i != diem + 1:
                expected = VN_ALPHABET[diem + 1] if diem + 1 < len(VN_ALPHABET) else "?"
                yield ctx.finding("VB128", p, lead, lead + 2, "diem-seq", prev=VN_ALPHABET[diem], expected=expected)
            diem = i
        elif h.kind == "diem_bad":
            # Only a run a., b. … (or (a), (b) …) is a list of điểm in the wrong form.
            i = VN_ALPHABET.index(h.number)
            if i == 0 or (bad_run and VN_ALPHABET.index(bad_run[-1].number) == i - 1):
                bad_run.append(h)
                if len(bad_run) >= 2:
                    for b in (bad_run if len(bad_run) == 2 else [h]):
                        bp = b.para
                        bl = len(bp.text) - len(bp.text.lstrip())
                        shown = bp.text[bl:b.label_end].rstrip()
                        yield ctx.finding("VB128", bp, bl, bl + len(shown), "diem-form", severity="info",
                                          fix=Fix.safe(Edit.replace(bp, bl, bl + len(shown), f"{b.number})")),
                                          text=shown, expected=f"{b.number})")
            else:
                bad_run = []
