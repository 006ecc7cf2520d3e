"""What kind of document it is: type (from the tên loại, a V/v line or the ký hiệu), profile
(nd30, dang with its guide, congdoan), draft status and scope (documents under other rules).
"""

from __future__ import annotations

import re
from datetime import date

from ..catalogue import loader as packs
from ..core.model import Document
from ..text.letters import fold_same_length, is_upper
from .parts import Anatomy
from .patterns import F_DRAFT
from .title import match_heading, title_code
from .views import Hit

PARTY_NO = re.compile(r"Số\s*+:?\s*+[\d…._ ]*+-\s*+(?P<code>[A-Za-zĐđ]++)\s*+/")


def ky_hieu_groups(so: Hit | None) -> list[str]:
    if not so:
        return []
    txt = so.text
    i = txt.find("/")
    if i < 0:
        return []
    return [g.strip() for g in re.split(r"[-/]", txt[i + 1 :]) if g.strip()]


# "THÔNG BÁO" over "KẾT LUẬN": a notice of conclusions (its trích yếu says whose), one type.
_ONE_TYPE = {("TB", "KL")}


def type_conflict(an: Anatomy) -> None:
    """A second type name alone on the line right under the first, in capitals ("TỜ TRÌNH" /
    "QUYẾT ĐỊNH"): the type cannot be decided, and the second line is no trích yếu. Only a whole
    line that is a type name: a capital trích yếu that starts with one ("KẾ HOẠCH" / "HƯỚNG DẪN
    THỰC HIỆN …") is a trích yếu."""
    if an.title is None or not an.trich_yeu or an.trich_yeu[0] is an.title or an.trich_yeu[0] is an.authority:
        return
    second = an.trich_yeu[0].text.split("\n", 1)[0].strip().rstrip(":")
    first, other = title_code(an.title), match_heading(second)
    if other and first and other != first and is_upper(second) and (first, other) not in _ONE_TYPE \
            and other not in ("SY", "SL", "TrS"):  # a copy's mark is read by read_copy_blocks
        an.type_conflict = [an.title.text.split("\n", 1)[0].strip(), second]


def detect_type(an: Anatomy) -> None:
    codes = set(packs.doc_types())
    type_conflict(an)
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
        num = re.match(r"Số\s*+:?\s*+(?P<n>[^/]*+)/", an.so.text)
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


# What a file that is not an official document looks like (detect_document).
_CODE_FENCE = re.compile(r"^(?:```|~~~)")
_PACKAGE_PIN = re.compile(r"^[A-Za-z0-9_.\-\[\]]{1,80}\s{0,3}(?:==|>=|<=|~=|!=)\s{0,3}[\w.*]")
_BLANKS = re.compile(r"(?:\.{5}|…{3}|_{5}|\[ \])")
_NOTE_LABEL = re.compile(r"^(?:thanh\s{1,3}phan|ket\s{1,3}luan|noi\s{1,3}dung|chu\s{1,3}tri)\s{0,3}:")
_FORM_SIGNER = re.compile(r"^\(\s{0,3}ky,?\s{1,3}(?:va\s{1,3})?ghi\s{1,3}ro\s{1,3}ho\s{1,3}(?:va\s{1,3})?ten\s{0,3}\)")


def document_signals(an: Anatomy, doc: Document) -> dict[str, bool]:
    """The parts a văn bản has, as the anatomy found them."""
    end = any(p.text.rstrip().endswith("./.") for p in an.body[-6:])
    return {
        "quoc-hieu": bool(an.quoc_hieu or an.party_title), "so": an.so is not None,
        "date": an.date_line is not None, "title": bool(an.title or an.vv_hit), "kinh-gui": bool(an.kinh_gui),
        "end": end, "noi-nhan": an.noi_nhan_label is not None, "authority": bool(an.sig_prefixes or an.sig_titles),
        "name": an.sig_name is not None,
    }


def detect_document(an: Anatomy, doc: Document, requested: str) -> None:
    """Whether the file is an official document at all. A văn bản has a Quốc hiệu or the Party
    title, or a "Số" line; or at least two other parts (three when neither is a body ending "./."
    nor a Kính gửi). A file with fewer is said once (VB010) with the reason its text shows (a
    form's blanks, a note's labels, or the parts it lacks) and every other rule is not evaluated;
    so is a list of software packages, or a Markdown/code file with at most four parts. But a type
    name over a text, with no Nơi nhận, is a programme or list sent with another document
    (is_attachment). Not when the user names the profile (every rule runs), nor for an appendix
    issued with another document (it has its own rules)."""
    if (requested and requested != "auto") or an.is_appendix:
        return
    sig = document_signals(an, doc)
    if sig["quoc-hieu"] or sig["so"]:
        return
    texts = [p.text.strip() for p in doc.paragraphs if p.kind != "footnote"][:400]
    folded = [fold_same_length(t[:60]) for t in texts]
    fences = sum(1 for t in texts if _CODE_FENCE.match(t))
    pins = sum(1 for t in texts if _PACKAGE_PIN.match(t))
    blanks = sum(1 for t in texts if _BLANKS.search(t))
    notes = sum(1 for f in folded if _NOTE_LABEL.match(f))
    form_signer = any(_FORM_SIGNER.match(f) for f in folded)
    n = sum(sig.values())
    if pins >= 2 and pins >= len(texts) // 2:
        an.not_document = "packages"
    elif fences >= 2 and n <= 4:
        an.not_document = "markdown"
    elif n <= 1 or (n == 2 and not (sig["end"] or sig["kinh-gui"])):
        if blanks >= 2 or form_signer:
            an.not_document = "form"
        elif notes:
            an.not_document = "note"
        elif an.title is not None and not sig["noi-nhan"]:
            # A type name over a text and at most a signing line ("CHƯƠNG TRÌNH" … "BAN TỔ CHỨC"):
            # a programme or list sent with another document; a văn bản without its own
            # header and closing, like an appendix.
            an.is_attachment = True
        else:
            an.not_document = "parts"
