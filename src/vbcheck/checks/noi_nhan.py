"""VB120–VB122: Nơi nhận and the "Lưu" line (NĐ 30 PL I mục II.9.b; HD 36/HD 05 for the Party).

All punctuation inside Nơi nhận belongs here, not to VB207. Items that a conversion or the
author wrapped over two lines are joined before their endings are judged.
"""

import re
from dataclasses import dataclass

from ..anatomy import Hit
from ..catalogue.loader import rule
from ..core.model import SourceKind
from ..core.rule import check
from .numbering import attached_document

_DASH = re.compile(r"^[-–—+•*]")
_LUU = re.compile(r"^[-–—+•*]?\s*L[ưƯ]u\b", re.I)


def _ends_with(text: str, end: str) -> bool:
    """"- Bộ GD&ĐT; (báo cáo)": a note in brackets after the separator (a brace spanning several
    recipients in the original) still closes the item."""
    return text.endswith(end) or bool(re.search(re.escape(end) + r"\s*\([^()]*\)$", text))


@dataclass
class Item:
    first: Hit
    last: Hit
    text: str  # joined text of the item


def logical_items(hits: list[Hit]) -> list[Item]:
    """Join continuation lines (no dash, previous line not closed by ; . ,) to their item."""
    items: list[Item] = []
    for h in hits:
        t = h.para.text[h.start : h.end].strip()
        if items and not _DASH.match(t) and not re.search(r"[;.,]\s*$", items[-1].text):
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
        yield ctx.finding("VB122", label, 0, label_text.end(), "label", text=label_text.group(0))
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
        sub_item = doc.kind != SourceKind.DOCX and p.cols[0] > label.cols[0] + 1 and not _DASH.match(it.text)
        if (not _DASH.match(it.text) or it.text[:1] != "-") and not sub_item:
            yield ctx.finding("VB122", p, h.start, h.start + min(len(it.text), 40), "dash", text=it.text[:40])
        last = k == len(items) - 1
        end_hit = it.last
        stripped = end_hit.para.text[end_hit.start : end_hit.end].rstrip()
        end_pos = end_hit.start + len(stripped)
        if _LUU.match(it.text):
            yield from _luu(ctx, it, party)
            if not it.text.endswith("."):
                yield ctx.finding("VB122", end_hit.para, max(end_hit.start, end_pos - 10), end_pos,
                                  "period", text=it.text)
            continue
        if last:
            if not it.text.endswith("."):
                yield ctx.finding("VB122", end_hit.para, max(end_hit.start, end_pos - 10), end_pos,
                                  "period", text=it.text)
        elif not _ends_with(it.text, middle_end) and not (party and it.text.endswith((",", ";"))):
            yield ctx.finding("VB122", end_hit.para, max(end_hit.start, end_pos - 10), end_pos,
                              "semicolon", text=it.text, want=middle_end)


def _luu(ctx, it: Item, party: bool):
    h = it.first
    t = it.text
    m = re.match(r"^[-–—+•*]?\s*L[ưƯ]u\s*(?P<colon>:?)\s*(?P<rest>.*)$", t)
    if not m or party:
        return
    base = h.start + (h.para.text[h.start :].find(t[:5]) if t[:5] in h.para.text[h.start :] else 0)
    if not m.group("colon"):
        yield ctx.finding("VB122", h.para, base, base + m.start("rest"), "luu-colon")
    rest = m.group("rest")
    if re.match(r"^VT[,;.]\S", rest) or re.match(r"^VT\s*,\S", rest):
        s = base + m.start("rest")
        yield ctx.finding("VB122", h.para, s, s + len(rest.rstrip(".")), "luu-space", text=rest)
    elif re.match(r"^VT\s*;", rest) or (rest and not rest.startswith("VT")):
        s = base + m.start("rest")
        yield ctx.finding("VB122", h.para, s, s + len(rest), "luu-vt", text=rest)
