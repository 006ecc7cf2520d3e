"""The header: where it ends, and its parts (Quốc hiệu, Tiêu ngữ, Party title, issuing body, Số
and ký hiệu, place and date, V/v).
"""

from __future__ import annotations

import re
from datetime import date

from ..core.model import Paragraph
from ..text.letters import LOWER, fold_same_length, is_upper
from .parts import Anatomy
from .patterns import (
    BODY_STARTERS,
    F_DATE,
    F_KINH_GUI,
    F_NOI_NHAN,
    F_PARTY,
    F_PARTY_LINE,
    F_QUOC_HIEU,
    F_RULE_LINE,
    F_SO,
    F_TIEU_NGU,
    F_VV,
    SIG_PREFIX,
    mark_kind,
)
from .title import title_code
from .views import Hit, View, starts_with


def looks_like_header_line(f: str) -> bool:
    """A line of the header block (folded text): short lines only, so that a body sentence that
    cites "ngày 20 tháng 01 năm 2026" or names the Republic is not taken for one."""
    short = len(f) < 100
    return bool(
        (short and (F_QUOC_HIEU.search(f) or F_TIEU_NGU.search(f) or F_DATE.match(f)))
        or F_SO.match(f) or F_VV.match(f) or F_RULE_LINE.match(f) or F_PARTY.match(f)
    )


def find_header_end(paras: list[Paragraph]) -> int:
    limit = min(len(paras), 40)
    for i in range(limit):
        p = paras[i]
        if title_code(p):
            return i
        f = fold_same_length(p.text)
        if starts_with(paras, i, F_KINH_GUI):
            return i
        if looks_like_header_line(f):
            continue
        if (BODY_STARTERS.match(p.text) and not is_upper(p.text)) or (len(p.text) > 160 and not is_upper(p.text)):
            return i
        if SIG_PREFIX.match(p.text) or F_NOI_NHAN.match(f):
            return i
    # No title and no body start found near the top: assume a header only if we saw one.
    for i in range(limit):
        if not looks_like_header_line(fold_same_length(paras[i].text)) and not is_upper(paras[i].text):
            return i
    return limit


def read_header(an: Anatomy, header: list[Paragraph]) -> None:
    if not header:
        return
    view = View(header)
    m = view.search(F_QUOC_HIEU)
    if m:
        an.quoc_hieu = view.hit(m)
    m = view.search(F_TIEU_NGU)
    if m:
        an.tieu_ngu = view.hit(m)
    for p in header:
        f = fold_same_length(p.text)
        m = F_PARTY_LINE.search(f)
        if m:
            an.party_title = Hit(p, m.start(1), m.end(1))
            break
    # Số: search paragraph by paragraph (the ký hiệu never wraps), from "Số" to the next space
    # run that ends the ký hiệu (a V/v may share the cell in flattened tables).
    for p in header:
        f = fold_same_length(p.text)
        m = F_SO.search(f)
        if m and (m.start() == 0 or f[: m.start()].strip() == ""):
            end = _so_end(p.text, m.end())
            an.so = Hit(p, m.start(), end)
            break
    if an.so is None:  # "Số" inside a longer flattened cell
        for p in header:
            m = re.search(r"(?<![A-Za-zÀ-ỹĐđ])Số\s*+:?\s*+[\d…._ ]*+\s*+/", p.text)
            if m:
                an.so = Hit(p, m.start(), _so_end(p.text, m.end()))
                break
    m = view.search(F_DATE)
    if m:
        hit = view.hit(m)
        # Trim the place back to its own line start (a left-column line may precede it).
        hit.groups["place_raw"] = view.original(m, "place")
        an.date_line = hit
        an.issued = _parse_date(m.group("d"), m.group("m"), m.group("y"))
    # V/v (công văn trích yếu), possibly wrapped, possibly sharing the Số cell.
    for i, p in enumerate(header):
        f = fold_same_length(p.text)
        m = re.search(r"(?:^|\s)(v\s*[/.]\s*v)\b", f)
        if m and (m.start(1) == 0 or (an.so and an.so.para is p)):
            an.vv_hit = Hit(p, m.start(1), len(p.text))
            an.vv = [p]
            for q in header[i + 1 :]:
                fq = fold_same_length(q.text)
                if looks_like_header_line(fq) or is_upper(q.text) or q.gap_before:
                    break
                an.vv.append(q)
            break
    if an.vv_hit is None and an.so is not None:
        # A công văn summary written out ("Về hướng dẫn …") instead of "V/v …".
        i = header.index(an.so.para)
        for q in header[i + 1 : i + 3]:
            if re.match(r"^Về\s+\S", q.text) and not is_upper(q.text):
                an.vv_hit, an.vv, an.vv_written_out = Hit(q, 0, len(q.text)), [q], True
                break
    # Issuing body: upper-case header lines that are none of the above.
    taken = {id(h.para) for h in (an.quoc_hieu, an.tieu_ngu, an.so, an.date_line) if h}
    for h in (an.quoc_hieu, an.tieu_ngu, an.date_line):
        if h:
            taken.update(id(p) for p in _paras_between(view, h))
    for p in header:
        if id(p) in taken or p in an.vv:
            continue
        f = fold_same_length(p.text)
        if F_RULE_LINE.match(p.text) or F_PARTY.match(f.strip()) or p.text.strip() == "*":
            continue
        if F_QUOC_HIEU.search(f) or F_TIEU_NGU.search(f) or F_DATE.search(f):
            continue
        if an.party_title is not None and an.party_title.para is p:
            continue
        letters = re.sub(r"[^A-Za-zÀ-ỹĐđ]", "", p.text)
        # Marks (MẬT, HỎA TỐC HẸN GIỜ, DỰ THẢO …) sit in the header too: not issuer lines.
        if len(letters) >= 2 and is_upper(p.text) and not mark_kind(p.text) and not p.text.strip().startswith("DỰ THẢO"):
            an.issuer.append(p)


def _paras_between(view: View, hit: Hit) -> list[Paragraph]:
    """The paragraphs a match spans (a wrapped Quốc hiệu spans two)."""
    i = view.paras.index(hit.para)
    out = [hit.para]
    if hit.last is not None and hit.last is not hit.para:
        out.extend(view.paras[i + 1 : view.paras.index(hit.last) + 1])
    return out


_SO_STOP = re.compile(rf"\s{{2,}}|\s+(?=V\s*/\s*v\b)|\s+(?=[{LOWER}])|$")
_SO_TAIL = re.compile(r"\s*+[-/]\s*+[A-Za-zĐđ0-9]++")


def _so_end(text: str, pos: int) -> int:
    """End of a ký hiệu that starts before `pos`: the first run of 2+ spaces, or a space followed
    by a word that is not part of the code (e.g. "V/v")."""
    m = _SO_STOP.search(text, pos)
    end = m.start() if m else len(text)
    # The code itself: a space after the slash or around a hyphen belongs to the code when the
    # next token continues it ("390 /LĐLD", "QĐ- UBND").
    tail = _SO_TAIL.match(text, end)
    while tail:
        end = tail.end()
        tail = _SO_TAIL.match(text, end)
    return end


def _parse_date(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None
