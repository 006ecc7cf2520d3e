"""The patterns that find the parts of a document. `F_*` patterns run on folded text (lower case,
no diacritics: `vbcheck.text.letters.fold_same_length`), the others on the text itself.
"""

from __future__ import annotations

import re

from ..text.letters import LOWER, UPPER, fold_same_length
from ..text.normalize import replace_with_blanks

F_QUOC_HIEU = re.compile(
    r"c[o]ng\s*h[o]a\s+(?:xa\s+hoi\s+)?(?:chu\s+nghia\s+)?viet(?:\s*nam)?(?![a-z])"
)
F_TIEU_NGU = re.compile(r"doc\s*lap\s*+[-–—−‐]*+\s*+tu\s*do\s*+[-–—−‐]*+\s*+hanh\s*phuc\.?")
F_PARTY = re.compile(r"^dang\s+cong\s+san\s+viet\s+nam$")
# Blanks around the name on its line only ([^\S\n]): "\s*" after each "\n" of a long run of blank
# lines read the rest of the run again at every one of them.
F_PARTY_LINE = re.compile(r"(?:^|\n)[^\S\n]*+(dang\s+cong\s+san\s+viet\s+nam)[^\S\n]*+(?:$|\n)")
F_APPENDIX = re.compile(r"^phu\s+luc(?:\s+(?:[ivxlc]+|\d+|so\s+\d+))?\s*$")
# "Số", blanks and an optional colon, where a number (or a blank left for it) and "/" or "-code"
# follow. The match ends at the last blank from which they follow; each blank run is read a
# bounded number of times (possessive runs; the second branch finds the last plain space before
# a "-code", as "Số   -KH/TU" needs). Written as "\s*[:.]?\s*(?=[\d…._/ ]*\s*/|…)", a "Số:"
# followed by 5,000 non-breaking spaces took minutes.
F_SO = re.compile(
    r"(?<![a-z])so(?:\s*+[:.])?"
    r"(?:\s*+(?=[\d…._ ]*+(?:/|\s*+/)|[\d…._ ]++\s*+-\s*+[a-z])|\s*(?= [^\S ]*+-\s*+[a-z]))"
)
# Spaces are bounded and taken possessively (nothing after them can be a space): unbounded,
# a line with a long run of spaces (a PDF conversion's column gap) made the search quadratic
# or worse (a 15,000-space line took minutes).
# The look-ahead first: "ngay" is 2-141 characters ahead of any match, and checking that costs
# far less than trying every length of the place at every position of a long run of spaces.
F_DATE = re.compile(
    r"(?=(?s:.){2,141}?ngay)(?P<place>[^,;:()\n]{2,60}?)\s{0,40}+,?\s{0,40}+ngay\s{0,40}+(?P<d>[\d…._ ]{0,40}?)\s{0,40}+thang"
    r"\s{0,40}+(?P<m>[\d…._ ]{0,40}?)\s{0,40}+nam(?:\s+(?P<y>\d{4}|[….]+))?"
)
F_KINH_GUI = re.compile(r"^kinh\s+(?:gui|goi|trinh)\b")
F_NOI_NHAN = re.compile(r"^n[o]i\s*nhan(?:\s*+(?::|$)|\s++-\s)")
F_VV = re.compile(r"^v\s*[/.]\s*v\b")
F_RULE_LINE = re.compile(r"^[-_=―–—.*\s]{3,}$")
F_DRAFT = re.compile(r"\bdu\s*thao\b")

# Openings of a body paragraph (matched on the original text: "Để" is not "Đề").
BODY_STARTERS = re.compile(
    r"^(?:Căn cứ|Thực hiện|Theo\s|Xét\s|Ngày\s+\d|Để\s|Nhằm\s|Trên cơ sở|Qua\s|Hôm nay|"
    r"Thời gian|Tại\s|Trong\s|Vừa qua|Sau khi|Thừa\s|"
    r"(?:I|II|III|IV|V)[.\-]\s|\d+[.)]\s|Điều\s+\d|Phần\s+(?:I|1|thứ)|Chương\s)",
    re.IGNORECASE,
)
# What cannot open a trích yếu even right under the type name.
TRICH_YEU_NEVER = re.compile(r"^(?:Căn cứ|Thực hiện|Kính gửi|Hôm nay|(?:I|II|III|IV|V)[.\-]\s|\d+[.)]\s|Điều\s+\d)", re.I)
SIG_PREFIX = re.compile(r"^(?P<p>TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[.:]?\s+(?P<rest>\S.*)$")
SIG_PREFIX_LOOSE = re.compile(
    rf"^(?:T\.?\s?M|K\.?\s?T|T\.?\s?L|T\.?\s?U\.?\s?Q|T/M|K/T|T/L|Q)\s*+[./:]?\s*+(?=[{UPPER}])"
)
ACADEMIC = r"(?:GS|PGS|TSKH|TS|ThS|CN|KS|BS|DS|LS|NGND|NGƯT|NSND|NSƯT)\.?(?:\s*+,?\s*+(?:TS|ThS|BS|CKI|CKII)\.?)*\s*+"
# A rank of the armed forces before the signer's name ("Thiếu tướng", "Đại tá", "Trung úy"): part
# of the name line, allowed (NĐ 30 PL I mục II.7.c; unlike an academic title, VB123).
RANK = r"(?:(?:Đại|Thượng|Trung|Thiếu)\s{1,3}(?:tướng|tá|úy|uý)\s{1,3})"
NAME_WORD = rf"[{UPPER}][{LOWER}]*+"
NAME_LINE = re.compile(rf"^(?P<rank>{RANK})?(?P<acad>{ACADEMIC})?(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,5}})$")
FLAT_MAX = 200  # longest one-line signature block in the corpus: 72 characters
# A signature block in one line: "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh Hùng": capitals (two in a
# row among them), blanks, a rank, an academic title and the name to the end. As one regex,
# "^(?P<upper>[CAPS]*[A-Z]{2,}[CAPS]*?)\s+(?P<acad>…)?(?P<name>…)$", it backtracked over every split
# of the capitals (1.7 s for one 200-character line); `flat_signature` finds the same split
# trying each blank run once or twice.
_FLAT_CAPS = re.compile(rf"[{UPPER}0-9 .,/()&-]*+")  # what the capitals part may hold
_FLAT_REST = re.compile(
    rf"\s++(?P<rank>{RANK})?(?P<acad>{ACADEMIC})?(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,5}})$")
_BLANK_RUN = re.compile(r"\s(?<!\s\s)")  # where a blank run starts
_UPPER_SET = frozenset(UPPER)


def flat_signature(text: str) -> re.Match | None:
    """The split of a one-line signature block (groups "rank", "acad" and "name"), or None.

    The split the single regex found (greedy, then lazy): among the blank runs inside the
    capitals part after which a rank, an academic title and a name run to the end, the first one after
    the last pair of capitals that lies before the last such run. Lines over FLAT_MAX characters
    are no signature block."""
    if len(text) > FLAT_MAX:
        return None
    caps_end = _FLAT_CAPS.match(text).end()
    starts = [m.start() for m in _BLANK_RUN.finditer(text, 1, caps_end + 1)]
    last = next((e for e in reversed(starts) if _FLAT_REST.match(text, e)), None)
    if last is None:
        return None
    pair = next((i for i in range(last - 2, -1, -1) if text[i] in _UPPER_SET and text[i + 1] in _UPPER_SET), None)
    if pair is None:
        return None
    return next(m for e in starts if e >= pair + 2 and (m := _FLAT_REST.match(text, e)))


SIGNED_MARK = re.compile(r"[\[(]\s*+(?:đã ký|da ky|daky|ký|đã ký và đóng dấu)\s*+[\])]", re.I)


def drop_signed_marks(text: str) -> str:
    """The text with each "(Đã ký)" and the blanks around it replaced by one space."""
    return replace_with_blanks(SIGNED_MARK, text, lambda _m: " ")
STAMP_LINE = re.compile(r"^(?:Ký bởi|Thời gian ký|Cơ quan\s*:|Email\s*:|Ngày ký|\(?Đã ký\)?|\(ký|Signature)", re.I)

# Marks (folded, whole stripped line without a final "."): secrecy, urgency, circulation, draft
# (NĐ 30 PL I mục III.2; HD 36 mục II.2). Legacy and wrong forms are matched too ("BÍ MẬT",
# "HỎA TỐC HẸN GIỜ", "KHẨN CẤP"), so that the header never takes them for an issuer line.
F_MARK = re.compile(
    r"^(?P<sec>(?:bi\s{1,3}|do\s{1,3})?(?:toi\s{1,3}|tuyet\s{1,3})?mat)$"
    r"|^(?P<urg>hoa\s{1,3}toc(?:\s{1,3}hen\s{1,3}gio)?|thuong\s{1,3}khan|khan(?:\s{1,3}cap)?|rat\s{1,3}khan"
    r"|toi\s{1,3}khan)$"
    r"|^(?P<circ>xem\s{1,3}xong\s{1,3}tra\s{1,3}lai|luu\s{1,3}hanh\s{1,3}noi\s{1,3}bo|tai\s{1,3}lieu\s{1,3}thu\s{1,3}hoi"
    r"|xong\s{1,3}hoi\s{1,3}nghi\s{1,3}tra\s{1,3}lai|tai\s{1,3}lieu\s{1,3}hoi\s{1,3}nghi"
    r"|khong\s{1,3}pho\s{1,3}bien\s{1,3}tren\s{1,3}cac\s{1,3}phuong\s{1,3}tien\s{1,3}thong\s{1,3}tin\s{1,3}dai"
    r"\s{1,3}chung)$"
    r"|^(?P<draft>du\s{0,3}thao(?:\s{1,3}lan\s{1,3}\d{1,2})?)$"
)
MARK_MAX = 90  # longest mark line: "KHÔNG PHỔ BIẾN TRÊN CÁC PHƯƠNG TIỆN THÔNG TIN ĐẠI CHÚNG"


def mark_kind(text: str) -> str | None:
    """"sec", "urg", "circ" or "draft" when a line is a mark, else None."""
    t = text.strip()
    if not t or len(t) > MARK_MAX:
        return None
    m = F_MARK.match(fold_same_length(t).rstrip(".").strip())
    return m.lastgroup if m else None
