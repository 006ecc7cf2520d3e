"""VB120–VB122: Nơi nhận and the "Lưu" line (NĐ 30 PL I mục II.9.b; HD 36/HD 05 for the Party).

All punctuation inside Nơi nhận belongs here, not to VB207. Items that a conversion or the
author wrapped over two lines are joined before their endings are judged.
"""

import re
from dataclasses import dataclass

from ..anatomy import Hit
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.model import SourceKind
from ..core.rule import check
from .numbering import attached_document

_DASH = re.compile(r"^[-–—+•*]")
_SEPARATOR = re.compile(r"([,;])\s*(?=[^\s,;.])")
_LUU = re.compile(r"^[-–—+•*]?\s*L[ưƯ]u\b", re.I)


def _ends_with(text: str, end: str) -> bool:
    """"- Bộ GD&ĐT; (báo cáo)": a note in brackets after the separator (a brace spanning several
    recipients in the original) still closes the item."""
    return text.endswith(end) or bool(re.search(re.escape(end) + r"\s*\([^()]*\)$", text))


@dataclass
class Item:
    """One recipient of the Nơi nhận block, from its first line to its last."""

    first: Hit
    last: Hit
    text: str  # joined text of the item


def logical_items(hits: list[Hit]) -> list[Item]:
    """Join continuation lines (no dash, previous line not closed by ; or .) to their item."""
    items: list[Item] = []
    for h in hits:
        t = h.para.text[h.start : h.end].strip()
        # a line ending with "," and a line without a dash: one item broken by a manual line
        # break ("- Bộ Công an (Cục An ninh nội địa," / "Cục Cảnh sát hình sự) để báo cáo;")
        if items and not _DASH.match(t) and not re.search(r"[;.]\s*$", items[-1].text):
            items[-1].last = h
            items[-1].text += " " + t
            continue
        items.append(Item(h, h, t))
    return items


@check(rule("VB120"), rule("VB121"), rule("VB122"))
def noi_nhan(doc, ctx):
    an = ctx.anatomy
    if an.noi_nhan_label is None:
        if attached_document(an):
            return
        where = an.end or (doc.paragraphs[-1] if doc.paragraphs else None)
        yield ctx.missing("VB120", where, after=True)
        return
    label = an.noi_nhan_label
    label_text = re.match(r"^\S+\s+\S+\s*:?", label.text)
    if label_text and ctx.profile != "dang" and not label.text.startswith("Nơi nhận:"):
        # Written whole over a label that stands alone ("NƠI NHẬN", "Nơi nhận :").
        fix = Fix.safe(Edit.replace(label, 0, label_text.end(), "Nơi nhận:")) \
            if label_text.end() == len(label.text) else None
        yield ctx.finding("VB122", label, 0, label_text.end(), "label", text=label_text.group(0), fix=fix)
    items = logical_items(an.noi_nhan_items)
    party = ctx.profile == "dang"
    luu = [it for it in items if _LUU.match(it.text)]
    if not luu:
        where = items[-1].last.para if items else label
        yield ctx.missing("VB121", where, "party" if party else "default", after=True)
    # Endings: HD 36 closes middle items with ","; NĐ 30, HD 05 and QĐ 933 with ";".
    middle_end = "," if party and an.party_guide == "HD36" else ";"
    for k, it in enumerate(items):
        h = it.first
        p = h.para
        # A line indented under an item in a PDF conversion is a sub-item whose bullet glyph
        # the conversion lost; only lines flush with the label must start with "-".
        sub_item = doc.kind != SourceKind.DOCX and p.cols[0] > label.cols[0] and not _DASH.match(it.text)
        if (not _DASH.match(it.text) or it.text[:1] != "-") and not sub_item:
            yield ctx.finding("VB122", p, h.start, h.start + min(len(it.text), 40), "dash", text=it.text[:40],
                              fix=item_dash_fix(ctx, h))
        last = k == len(items) - 1
        end_hit = it.last
        stripped = end_hit.para.text[end_hit.start : end_hit.end].rstrip()
        end_pos = end_hit.start + len(stripped)
        if not _LUU.match(it.text):  # the Lưu line's spacing is "luu-space"
            yield from _tight(ctx, it)
        if _LUU.match(it.text):
            yield from _luu(ctx, it, party)
            if not it.text.endswith("."):
                yield ctx.finding("VB122", end_hit.para, max(end_hit.start, end_pos - 10), end_pos,
                                  "period", text=it.text, fix=item_end_fix(end_hit.para, end_pos, "."))
            continue
        if last:
            if not it.text.endswith("."):
                yield ctx.finding("VB122", end_hit.para, max(end_hit.start, end_pos - 10), end_pos,
                                  "period", text=it.text, fix=item_end_fix(end_hit.para, end_pos, "."))
        elif not _ends_with(it.text, middle_end) and not (party and it.text.endswith((",", ";"))):
            yield ctx.finding("VB122", end_hit.para, max(end_hit.start, end_pos - 10), end_pos,
                              "semicolon", text=it.text, want=middle_end,
                              fix=item_end_fix(end_hit.para, end_pos, middle_end))


# "," or ";" inside an item with no space after it ("Phòng Tham mưu,Phòng Chính trị"); not in a
# number ("1,5") nor before a closing mark.
_TIGHT = re.compile(r"[,;](?=[^\s\d)\]”\"'.,;])")


def _tight(ctx, it: Item):
    """One VB122 per item that lacks a space after a comma inside it (all punctuation inside Nơi
    nhận is VB122's, not VB207's), with the safe fix of that first place."""
    for h in (it.first, it.last) if it.last is not it.first else (it.first,):
        m = _TIGHT.search(h.para.text, h.start, h.end)
        if m:
            s = m.start()
            yield ctx.finding("VB122", h.para, max(h.start, s - 20), min(h.end, s + 21), "item-space",
                              text=it.text, fix=Fix.safe(Edit.insert(h.para, s + 1, " ")))
            return


def item_end_fix(para, end: int, want: str):
    """The ending an item needs: the wrong mark replaced ("," ";" "." for one another), or the
    mark added after a word or a closing bracket. Anything else (":" before sub-items, "…") is
    left to the clerk."""
    last = para.text[end - 1 : end]
    if last in (",", ";", ".") and last != want:
        if para.text[max(0, end - 3) : end] in ("...", "./."):
            return None
        return Fix.safe(Edit.replace(para, end - 1, end, want))
    if last.isalnum() or last in ")”\"'’":
        return Fix.safe(Edit.insert(para, end, want))
    return None


def item_dash_fix(ctx, h: Hit):
    """"- " for another bullet ("+", "•", "–"): certain. Added where the item has no bullet at
    all: likely, unless Word numbers the list (then the dash would be doubled)."""
    raw = h.para.text[h.start : h.end]
    s = h.start + len(raw) - len(raw.lstrip())
    text = h.para.text
    if s >= len(text):
        return None
    if _DASH.match(text[s:]):
        e = s + 1
        while e < len(text) and text[e] == " ":
            e += 1
        return Fix.safe(Edit.replace(h.para, s, e, "- ")) if e < len(text) else None
    fm = ctx.formatting
    if fm is not None and fm.para(h.para).numbered:
        return None
    return Fix.unsafe(Edit.insert(h.para, s, "- "))


def _luu(ctx, it: Item, party: bool):
    h = it.first
    t = it.text
    m = re.match(r"^[-–—+•*]?\s*L[ưƯ]u\s*(?P<colon>:?)\s*(?P<rest>.*)$", t)
    if not m or party:
        return
    base = h.start + (h.para.text[h.start :].find(t[:5]) if t[:5] in h.para.text[h.start :] else 0)
    text = h.para.text
    if not m.group("colon"):
        word = re.compile(r"L[ưƯ]u").search(text, base)
        fix = None
        if word and word.start() < base + 8:
            fix = Fix.safe(Edit.insert(h.para, word.end(), ":" if text[word.end() : word.end() + 1] == " " else ": "))
        yield ctx.finding("VB122", h.para, base, base + m.start("rest"), "luu-colon", fix=fix)
    rest = m.group("rest")
    if re.match(r"^VT[,;.]\S", rest) or re.match(r"^VT\s*,\S", rest):
        s = base + m.start("rest")
        e = min(len(text), s + len(rest.rstrip(".")))
        # One space after each separator (the paragraph's own text: the item may wrap).
        spaced = _SEPARATOR.sub(r"\1 ", text[s:e])
        fix = Fix.safe(Edit.replace(h.para, s, e, spaced)) if spaced != text[s:e] else None
        yield ctx.finding("VB122", h.para, s, s + len(rest.rstrip(".")), "luu-space", text=rest, fix=fix)
    elif re.match(r"^VT\s*;", rest) or (rest and not rest.startswith("VT")):
        s = base + m.start("rest")
        semi = re.match(r"^VT(\s*;)", rest)
        # "VT; VP" → "VT, VP"; "VP, VT" (VT not first) is the clerk's to reorder.
        fix = Fix.safe(Edit.replace(h.para, s + semi.start(1), s + semi.end(1), ",")) \
            if semi and text[s : s + 2] == "VT" else None
        yield ctx.finding("VB122", h.para, s, s + len(rest), "luu-vt", text=rest, fix=fix)
