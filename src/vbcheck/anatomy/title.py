"""The title block: the tên loại (type heading), its trích yếu, an authority line, and Kính gửi.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..catalogue import loader as packs
from ..core.model import Paragraph
from ..text.letters import fold_same_length, is_upper
from .parts import Anatomy
from .patterns import (
    BODY_STARTERS,
    F_KINH_GUI,
    F_NOI_NHAN,
    F_RULE_LINE,
    SIG_PREFIX,
    TRICH_YEU_NEVER,
)
from .units import STARTER, caps_line


@lru_cache(maxsize=1)
def heading_table() -> tuple[tuple[str, str], ...]:
    """(folded heading, type code), longest first: rules/doc-types.toml, read once."""
    out = []
    for code, t in packs.doc_types().items():
        for h in t.get("heading", []):
            out.append((fold_same_length(h), code))
    out.sort(key=lambda x: -len(x[0]))
    return tuple(out)


@lru_cache(maxsize=1)
def _heading_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for head, code in heading_table():
        codes.setdefault(head, code)
    return codes


def match_heading(text: str) -> str | None:
    """Type code if `text` is a tên loại line (the type name alone, in capitals or not)."""
    first = text.split("\n", 1)[0].strip().rstrip(":")
    return _heading_codes().get(fold_same_length(first))


def title_code(p: Paragraph) -> str | None:
    """A paragraph opening the title block: the type name alone, or in capitals before more
    capitals on the same line ("KẾ HOẠCH TUYÊN TRUYỀN …" merged by a conversion)."""
    code = match_heading(p.text)
    if code:
        return code
    first = p.text.split("\n", 1)[0].strip()
    if is_upper(first):
        f = fold_same_length(first)
        for head, c in heading_table():
            if f.startswith(head + " ") and len(first) > len(head) + 3 and c not in ("SY", "SL", "TrS"):
                return c
    return None


def read_trich_yeu(an: Anatomy, paras: list[Paragraph], pos: int) -> int:
    title = an.title
    first_line_rest = title.text.split("\n", 1)
    if len(first_line_rest) > 1 and first_line_rest[1].strip():
        an.trich_yeu.append(title)  # "QUYẾT ĐỊNH\nVề việc …" in one docx paragraph
    upper_mode: bool | None = None
    while pos < len(paras) and len(an.trich_yeu) < 6:
        p = paras[pos]
        f = fold_same_length(p.text)
        if F_RULE_LINE.match(p.text):
            pos += 1
            break
        if F_KINH_GUI.match(f) or F_NOI_NHAN.match(f) or SIG_PREFIX.match(p.text):
            break
        if an.trich_yeu and p.gap_before and an.trich_yeu[-1] is not title:
            break
        if BODY_STARTERS.match(p.text) and not is_upper(p.text) and (an.trich_yeu or TRICH_YEU_NEVER.match(p.text)):
            break
        up = is_upper(p.text)
        if upper_mode is None:
            upper_mode = up
        elif up != upper_mode:
            break
        if len(p.text) > 250:
            break
        an.trich_yeu.append(p)
        pos += 1
    # An authority line (QUYẾT ĐỊNH: "CHỦ TỊCH ỦY BAN NHÂN DÂN …") and rules belong to the title.
    while pos < len(paras) and (F_RULE_LINE.match(paras[pos].text) or (
            is_upper(paras[pos].text) and not re.match(r"^(?:[IVX]+\.|\d+\.)", paras[pos].text)
            and not SIG_PREFIX.match(paras[pos].text) and an.doc_type in ("QĐ", "NQ", "CT")
            and not F_NOI_NHAN.match(fold_same_length(paras[pos].text)))):
        if not F_RULE_LINE.match(paras[pos].text) and an.authority is None:
            an.authority = paras[pos]
        pos += 1
    return pos


_ITEM_DASH = re.compile(r"^[-–+•*]\s*\S")


def read_kinh_gui(an: Anatomy, paras: list[Paragraph], pos: int, wrapped: bool = True) -> int:
    """The "Kính gửi:" label and its recipients. Each dash line opens an item; with `wrapped`
    (text a conversion wrapped), a line that continues an item (no blank line before it, the item
    not ended by ";", ".", "," or ":", not the opening of a paragraph) belongs to it: "- Các bộ,
    cơ quan ngang bộ, cơ quan thuộc" / "Chính phủ;" is one recipient."""
    an.kinh_gui.append(paras[pos])
    an.kinh_gui_label = paras[pos]
    pos += 1
    if not F_KINH_GUI.match(fold_same_length(an.kinh_gui[0].text)):  # "Kính" / "gửi:"
        an.kinh_gui.append(paras[pos])
        pos += 1
    # A single recipient wrapped by a conversion: "Kính gửi: Chủ" / "tịch Ủy ban nhân dân …".
    while pos < len(paras) and paras[pos].text[:1].islower() and not paras[pos].gap_before and len(an.kinh_gui) < 3:
        an.kinh_gui.append(paras[pos])
        pos += 1
    while pos < len(paras) and len(an.kinh_gui) < 60:
        p = paras[pos]
        t = p.text.strip()
        if _ITEM_DASH.match(t):
            an.kinh_gui_items.append([p])
        elif (wrapped and an.kinh_gui_items and not p.gap_before and len(t) < 200
              and an.kinh_gui[-1].text.rstrip()[-1:] not in (";", ".", ",", ":")
              and not STARTER.match(t) and not BODY_STARTERS.match(t) and not caps_line(t)):
            an.kinh_gui_items[-1].append(p)
        else:
            break
        an.kinh_gui.append(p)
        pos += 1
    return pos
