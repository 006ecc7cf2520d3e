"""The closing block: Nơi nhận (label and items) and the signature (authority prefixes, position,
name), in the layouts real documents use (2-column tables, flattened cells, pdftotext columns).
"""

from __future__ import annotations

import re

from ..core.model import Paragraph, Zone
from ..text.letters import fold_same_length, is_upper
from .parts import Anatomy
from .patterns import (
    F_APPENDIX,
    F_NOI_NHAN,
    F_PARTY,
    F_QUOC_HIEU,
    F_RULE_LINE,
    F_SO,
    NAME_LINE,
    NAME_WORD,
    SIG_PREFIX,
    SIG_PREFIX_LOOSE,
    STAMP_LINE,
    drop_signed_marks,
    flat_signature,
)
from .title import title_code
from .views import Hit, starts_with


def _right_threshold(paras: list[Paragraph]) -> int | None:
    """Column where the second layout column starts (pdftotext -layout), if any."""
    starts = sorted(b.cols[0] for a, b in zip(paras, paras[1:]) if a.line == b.line and b.table is None)
    return starts[len(starts) // 2] - 8 if starts else None


def _is_right(p: Paragraph, prev: Paragraph | None, thr: int | None) -> bool:
    """In the right column of a 2-column block: a later table cell, a later segment of a
    pdftotext line, or a lone segment indented as far as the right column."""
    if p.table is not None:
        return p.table[2] >= 1
    if prev is not None and prev.line == p.line:
        return True
    return thr is not None and p.cols[0] >= thr


def read_closing(an: Anatomy, paras: list[Paragraph], body_start: int) -> tuple[int, int]:
    n = len(paras)
    label_idx = None
    for i in range(body_start, n):
        if is_noi_nhan_label(paras, i):
            label_idx = i
            break
    region_paras: list[Paragraph]
    if label_idx is not None:
        # The signature may sit just before the label (flattened tables put the right cell
        # first in some crawls): walk back over signature-like lines.
        start = label_idx
        k = label_idx - 1
        while k > body_start and sig_like(paras[k]) and label_idx - k <= 5:
            k -= 1
        if k < label_idx - 1 and (SIG_PREFIX.match(paras[k + 1].text) or is_upper(paras[k + 1].text)):
            start = k + 1
        end = min(n, label_idx + 60)
        region_paras = paras[start:end]
    else:
        start = _first_signature(paras, body_start)
        if start is None:
            ends = [i for i in range(body_start, n) if paras[i].text.rstrip().endswith("./.")]
            if ends:
                start = ends[-1] + 1
            else:
                # Trailing signature-like lines at the very end.
                k = n
                while k - 1 > body_start and sig_like(paras[k - 1]) and n - k < 6:
                    k -= 1
                start = k
        region_paras = paras[start : min(n, start + 20)]
    end = _split_closing(an, region_paras)
    close_end = start + end if end else start  # region_paras is paras[start:...]
    return start, close_end


def is_noi_nhan_label(paras: list[Paragraph], i: int) -> bool:
    return starts_with(paras, i, F_NOI_NHAN)


def _first_signature(paras: list[Paragraph], body_start: int) -> int | None:
    """Index of the first signing-authority line after the body: preferably one that follows a
    paragraph ending in "./." (a decision followed by its attached regulation signs in the
    middle), else the first one among the last 40 paragraphs."""
    n = len(paras)
    cands = [
        i for i in range(body_start, n)
        if (SIG_PREFIX.match(paras[i].text) and is_upper(" ".join(paras[i].text.split()[:3])))
        or flat_signature(paras[i].text)
    ]
    for i in cands:
        if any(paras[j].text.rstrip().endswith("./.") for j in range(max(body_start, i - 4), i)):
            return i
    late = [i for i in cands if i >= n - 40]
    return late[0] if late else None


def sig_like(p: Paragraph) -> bool:
    t = p.text.strip()
    return bool(SIG_PREFIX.match(t) or (is_upper(t) and len(t) < 80) or NAME_LINE.match(t) or STAMP_LINE.match(t))


def _split_closing(an: Anatomy, region: list[Paragraph]) -> int:
    """Label the closing region's paragraphs; return how many belong to the closing block."""
    thr = _right_threshold(region[:30])
    in_items = False
    items_done = False
    used = 0
    name_parts: list[Paragraph] = []
    name_done = False
    wrapped_label = None
    for k, p in enumerate(region):
        if p is wrapped_label:
            p.zone = Zone.NOI_NHAN
            in_items = True
            used = k + 1
            continue
        t = drop_signed_marks(p.text).strip()  # "Nguyễn Mạnh Kiểm (Đã ký)" in web crawls
        f = fold_same_length(t)
        right = _is_right(p, region[k - 1] if k else None, thr)
        if not right and an.noi_nhan_label is None and is_noi_nhan_label(region, k):
            an.noi_nhan_label = p
            if not F_NOI_NHAN.match(f):  # wrapped label: "nhận:" is the next paragraph
                wrapped_label = region[k + 1]
                continue
            rest = F_NOI_NHAN.match(f).end()
            # Items written in the label's own paragraph (flattened table cells).
            for s, e in _inline_items(t, rest):
                an.noi_nhan_items.append(Hit(p, s, e))
            in_items = True
            used = k + 1
            continue
        if in_items and not items_done and not right:
            if re.match(r"^[-–+•*]\s*", t) or (an.noi_nhan_items and not sig_like(p) and not p.gap_before):
                an.noi_nhan_items.append(Hit(p, 0, len(p.text)))
                used = k + 1
                if re.match(r"^[-–+•*]?\s*L[ưu]u\b", t):
                    items_done = True
                continue
            items_done = True
        if name_done:
            if items_done:
                break
            continue
        if STAMP_LINE.match(t):
            used = k + 1
            continue
        if (an.signature or items_done) and (title_code(p) or re.match(r"^(?:[IVX]+|\d+)[.\-]\s|^(?:PHỤ LỤC|Phụ lục)\b", t)):
            break  # an attached document or appendix starts
        flat = flat_signature(t)
        if flat and not name_parts and not an.signature:
            # One cell holding the whole block: "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh Hùng".
            if SIG_PREFIX.match(t):
                an.sig_prefixes.append(p)
            an.sig_titles.append(p)
            an.signature.append(p)
            an.sig_flat = True
            start = flat.start("rank") if flat.group("rank") else flat.start("name")
            an.sig_name = Hit(p, start, flat.end("name"),
                              {"acad": flat.group("acad") or "", "rank": (flat.group("rank") or "").strip()})
            used = k + 1
            break
        if SIG_PREFIX.match(t) or SIG_PREFIX_LOOSE.match(t) and is_upper(t[:6]):
            an.sig_prefixes.append(p)
            an.signature.append(p)
            used = k + 1
            continue
        if is_upper(t) and len(t) < 90 and not name_parts:
            an.sig_titles.append(p)
            an.signature.append(p)
            used = k + 1
            continue
        if NAME_LINE.match(t) or (name_parts and re.fullmatch(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,4}}", t)):
            name_parts.append(p)
            an.signature.append(p)
            used = k + 1
            if len(" ".join(q.text for q in name_parts).split()) >= 2:
                # A name is complete once it has 2+ syllables and the next line is not a piece of it.
                nxt = region[k + 1].text.strip() if k + 1 < len(region) else ""
                if not re.fullmatch(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}", nxt) or region[k + 1].gap_before:
                    if in_items and not items_done:
                        name_done = True  # pdftotext: Nơi nhận items continue beside the name
                        continue
                    if an.noi_nhan_label is None and _label_follows(region, k + 1):
                        name_done = True  # one column: Nơi nhận comes after the signature
                        continue
                    break
            continue
        if re.fullmatch(rf"{NAME_WORD}", t) and not name_parts and (an.sig_titles or an.sig_prefixes):
            name_parts.append(p)  # first syllable of a wrapped name ("Trần" / "Chí Hùng")
            an.signature.append(p)
            used = k + 1
            continue
        if an.signature or an.noi_nhan_label:
            # Something else: the closing block is over (appendix, or a second document).
            if k > used + 2:
                break
            continue
        break
    if name_parts:
        p0 = name_parts[0]
        if len(name_parts) == 1:
            t0 = drop_signed_marks(p0.text).strip()
            m = NAME_LINE.match(t0)
            name = m.group("name") if m else t0
            acad = (m.group("acad") or "") if m else ""
            rank = (m.group("rank") or "") if m else ""
            whole = rank + acad + name
            s0 = max(p0.text.find(whole), 0)
            # a rank is part of the name ("Đại tá Trần Quốc Bảo"); an academic title is VB123's
            an.sig_name = Hit(p0, s0, s0 + len(whole), {"acad": acad, "rank": rank.strip()})
        else:
            an.sig_name = Hit(p0, 0, len(p0.text), {"acad": "", "full": " ".join(q.text.strip() for q in name_parts)})
    return used


def _label_follows(region: list[Paragraph], k: int) -> bool:
    """Whether the Nơi nhận label is among the next two paragraphs (stamp lines skipped)."""
    seen = 0
    while k < len(region) and seen < 2:
        if STAMP_LINE.match(region[k].text.strip()):
            k += 1
            continue
        if is_noi_nhan_label(region, k):
            return True
        seen += 1
        k += 1
    return False


def _inline_items(t: str, rest: int) -> list[tuple[int, int]]:
    """Split "Nơi nhận: - A; - B; - Lưu: VT." into item spans."""
    out = []
    starts = [m.start() for m in re.finditer(r"(?:(?<=^)|(?<=\s))-\s+(?=\S)", t[rest:])]
    starts = [rest + s for s in starts]
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(t)
        out.append((s, len(t[:e].rstrip())))
    return out


def attached_copies(appendix: list[Paragraph], copy_starts: list[Paragraph] = ()) -> list[Paragraph]:
    """The appendix paragraphs that belong to another document, from where the first one starts
    to the end: an attached copy with its own header (an issuer and Quốc hiệu, or the Party
    title; the issuer lines, "Số" line and rule line above them are part of it, a "PHỤ LỤC"
    heading is not), or a copy block (`copy_starts`: the first line of each, found by
    attachments.read_copy_blocks)."""
    first = len(appendix)
    index = {id(p): i for i, p in enumerate(appendix)}
    for p in copy_starts:
        first = min(first, index.get(id(p), first))
    for i, p in enumerate(appendix[:first]):
        t = p.text.strip()
        if len(t) > 100:
            continue
        f = fold_same_length(t)
        if not (F_QUOC_HIEU.search(f) or F_PARTY.match(f)):
            continue
        start = i
        while start > 0 and i - start < 6:
            q = appendix[start - 1].text.strip()
            fq = fold_same_length(q)
            if F_APPENDIX.match(fq) or not (is_upper(q) or F_SO.match(fq) or F_RULE_LINE.match(q)):
                break
            start -= 1
        first = start
        break
    return appendix[first:]
