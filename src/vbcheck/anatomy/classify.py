"""What kind of document it is: type (from the tên loại, a V/v line or the ký hiệu), profile
(nd30, dang with its guide, congdoan), draft status and scope (documents under other rules).
"""

from __future__ import annotations

import re
from datetime import date

from ..catalogue import loader as packs
from ..core.model import Document
from ..text.letters import fold_same_length
from .parts import Anatomy
from .patterns import F_DRAFT
from .views import Hit

PARTY_NO = re.compile(r"Số\s*:?\s*[\d…._ ]*-\s*(?P<code>[A-Za-zĐđ]+)\s*/")


def ky_hieu_groups(so: Hit | None) -> list[str]:
    if not so:
        return []
    txt = so.text
    i = txt.find("/")
    if i < 0:
        return []
    return [g.strip() for g in re.split(r"[-/]", txt[i + 1 :]) if g.strip()]


def detect_type(an: Anatomy) -> None:
    codes = set(packs.doc_types())
    if an.so:
        txt = an.so.text
        m = PARTY_NO.search(txt)
        groups = ky_hieu_groups(an.so)
        if m:
            an.type_code = m.group("code")
        elif re.search(r"/\s*(?:19|20)\d{2}\s*/", txt):
            # Legal normative number: Số: 30/2020/NĐ-CP — the type code follows the year.
            tail = re.split(r"/\s*(?:19|20)\d{2}\s*/", txt, maxsplit=1)[1]
            an.type_code = re.split(r"[-/\s]", tail.strip())[0] or None
        elif len(groups) >= 2 and groups[0] in codes:
            an.type_code = groups[0]
    if an.doc_type is None:
        # No tên loại: a V/v line makes it a công văn whatever its ký hiệu says (a type code
        # there is then the error); otherwise the ký hiệu's type code names the type.
        if an.vv_hit:
            an.doc_type, an.doc_type_source = "CV", "v/v"
        elif an.type_code and an.type_code in codes:
            an.doc_type, an.doc_type_source = an.type_code, "ky-hieu"
        elif an.so and ky_hieu_groups(an.so):
            an.doc_type, an.doc_type_source = "CV", "ky-hieu"


_UNION = re.compile(r"lien\s+doan\s+lao\s+dong|cong\s+doan|\bldld\b|\btld\b")
_YOUTH = re.compile(r"doan\s+tncs|doan\s+thanh\s+nien\s+cong\s+san|trung\s+uong\s+doan|\bdtn\b|\btwdtn\b")


def detect_profile(an: Anatomy, requested: str) -> None:
    so_text = an.so.text if an.so else ""
    if requested and requested != "auto":
        an.profile, an.profile_reason = requested, "chosen"
    elif an.party_title or PARTY_NO.search(so_text):
        an.profile, an.profile_reason = "dang", "ĐẢNG CỘNG SẢN VIỆT NAM" if an.party_title else "Party number"
    elif _UNION.search(" ".join(fold_same_length(p.text) for p in an.issuer) + " " + fold_same_length(so_text)):
        an.profile, an.profile_reason = "congdoan", "union issuer"
    else:
        an.profile, an.profile_reason = "nd30", "default"
    if an.profile == "dang":
        # HD 05-HD/VPTW replaces HD 36 from 27/5/2026; a blank date means a current draft.
        an.party_guide = "HD36" if an.issued and an.issued < date(2026, 5, 27) else "HD05"


_DRAFT_NAME = re.compile(r"du[\s_.-]?thao|duthao|draft", re.I)


def detect_draft(an: Anatomy, doc: Document, path_hint: str) -> None:
    if an.so:
        num = re.match(r"Số\s*:?\s*(?P<n>[^/]*)/", an.so.text)
        if num and not re.search(r"\d", num.group("n")):
            an.draft_reasons.append("blank-number")
    if an.date_line:
        d = an.date_line.groups.get("d", "")
        mth = an.date_line.groups.get("m", "")
        if not re.search(r"\d", d) or not re.search(r"\d", mth):
            an.draft_reasons.append("blank-date")
    for p in an.header[:12] + doc.paragraphs[:3]:
        if F_DRAFT.search(fold_same_length(p.text)) and len(p.text) < 40:
            an.draft_reasons.append("marker")
            break
    name = path_hint.rsplit("/", 1)[-1]
    if _DRAFT_NAME.search(name):
        an.draft_reasons.append("file-name")


def detect_scope(an: Anatomy) -> None:
    so_text = an.so.text if an.so else ""
    header_f = fold_same_length(" ".join(p.text for p in an.issuer))
    kind = packs.doc_types().get(an.doc_type or "", {})
    legal_title = kind.get("legal")
    if kind.get("internal"):
        an.out_of_scope_key = "internal"
        an.out_of_scope = kind["name"]
    elif re.search(r"\d\s*/\s*(?:19|20)\d{2}\s*/", so_text) or legal_title:
        an.out_of_scope_key = "legal"
        an.out_of_scope = so_text
    elif _YOUTH.search(header_f) or re.search(r"ĐTN", so_text):
        an.out_of_scope_key = "youth"
        an.out_of_scope = so_text
    elif an.issued and an.issued < date(2020, 3, 5) and an.profile != "dang":
        an.out_of_scope_key = "old"
        an.out_of_scope = an.issued.strftime("%d/%m/%Y")
