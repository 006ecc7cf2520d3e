"""Anatomy: label the parts of an official document once, for every check to read.

The input may be a .docx (header and closing block in 2-column tables), a Markdown conversion,
a web crawl whose table cells became lines and whose lines wrap mid-sentence, or `pdftotext
-layout` output where the two header columns share a line. So detection works on *views*:
runs of consecutive paragraphs joined with spaces, searched with diacritic-folded patterns, with
every match mapped back to its paragraph and column. A part is "missing" only when no view finds
it; a part that is found but differs from the regulation's literal is a malformation, reported
by the check that owns it.

Reading order of the result (sources.md §3.3): header (left and right columns), title (tên loại
and trích yếu), kính gửi, body, closing (nơi nhận and signature), appendix; footnotes apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from . import packs
from .letters import LOWER, UPPER, is_upper
from .model import Document, Paragraph, Zone

# --------------------------------------------------------------------------- folding and views

def _fold_table() -> dict[int, str]:
    """One folded char per char: lower case without diacritics, Đ/đ → d (Latin range only)."""
    import unicodedata

    table: dict[int, str] = {}
    # Basic Latin to Latin Extended-B, and Latin Extended Additional (where Vietnamese lives).
    for cp in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        if ch in "Đđ":
            table[cp] = "d"
            continue
        base = unicodedata.normalize("NFD", ch)[:1].lower()
        if len(base) == 1 and base != ch:
            table[cp] = base
    return table


_FOLD_TABLE = _fold_table()


def fold_same_length(s: str) -> str:
    """Lower-case, strip diacritics, one output char per input char (offsets stay valid)."""
    return s.translate(_FOLD_TABLE)


@dataclass(slots=True)
class Hit:
    """A match located in the document: paragraph + start/end offsets in its text."""

    para: Paragraph
    start: int
    end: int
    groups: dict[str, str] = field(default_factory=dict)
    last: Paragraph | None = None  # the paragraph the match ends in, when it wraps
    matched: str = ""  # the whole matched text, wrapped lines joined by a space

    @property
    def text(self) -> str:
        return self.para.text[self.start : self.end]


class View:
    """Consecutive paragraphs joined by newlines, searchable as one string (patterns use \\s
    where a wrap may fall, and exclude \\n where a match must stay on one line)."""

    def __init__(self, paras: list[Paragraph]):
        self.paras = paras
        parts, self.starts = [], []
        pos = 0
        for p in paras:
            self.starts.append(pos)
            parts.append(p.text)
            pos += len(p.text) + 1
        self.text = "\n".join(parts)

    @cached_property
    def folded(self) -> str:
        """The text folded (`fold_same_length`), made on first use: not every reader needs it."""
        return fold_same_length(self.text)

    def locate(self, pos: int) -> tuple[Paragraph, int]:
        import bisect

        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return self.paras[i], pos - self.starts[i]

    def hit(self, m: re.Match, group: int | str = 0) -> Hit:
        para, start = self.locate(m.start(group))
        end_para, end = self.locate(max(m.start(group), m.end(group) - 1))
        end = end + 1 if end_para is para else len(para.text)
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        matched = " ".join(self.text[m.start(group) : m.end(group)].split("\n"))
        return Hit(para, start, end, groups, end_para, matched)

    def search(self, pattern: re.Pattern, folded: bool = True) -> re.Match | None:
        return pattern.search(self.folded if folded else self.text)

    def original(self, m: re.Match, group: int | str = 0) -> str:
        return self.text[m.start(group) : m.end(group)]


# --------------------------------------------------------------------------- patterns (folded)

F_QUOC_HIEU = re.compile(
    r"c[o]ng\s*h[o]a\s+(?:xa\s+hoi\s+)?(?:chu\s+nghia\s+)?viet(?:\s*nam)?(?![a-z])"
)
F_TIEU_NGU = re.compile(r"doc\s*lap\s*[-–—−‐]*\s*tu\s*do\s*[-–—−‐]*\s*hanh\s*phuc\.?")
F_PARTY = re.compile(r"^dang\s+cong\s+san\s+viet\s+nam$")
F_PARTY_LINE = re.compile(r"(?:^|\n)\s*(dang\s+cong\s+san\s+viet\s+nam)\s*(?:$|\n)")
F_APPENDIX = re.compile(r"^phu\s+luc(?:\s+(?:[ivxlc]+|\d+|so\s+\d+))?\s*$")
F_SO = re.compile(r"(?<![a-z])so\s*[:.]?\s*(?=[\d…._/ ]*\s*/|[\d…._ ]+\s*-\s*[a-z])")
# Spaces are bounded and taken possessively (nothing after them can be a space): unbounded,
# a line with a long run of spaces (a PDF conversion's column gap) made the search quadratic
# or worse (a 15,000-space line took minutes).
F_DATE = re.compile(
    r"(?P<place>[^,;:()\n]{2,60}?)\s{0,40}+,?\s{0,40}+ngay\s{0,40}+(?P<d>[\d…._ ]{0,40}?)\s{0,40}+thang"
    r"\s{0,40}+(?P<m>[\d…._ ]{0,40}?)\s{0,40}+nam(?:\s+(?P<y>\d{4}|[….]+))?"
)
F_KINH_GUI = re.compile(r"^kinh\s+(?:gui|goi|trinh)\b")
F_NOI_NHAN = re.compile(r"^n[o]i\s*nhan\s*(?::|$|\s+-\s)")
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
    rf"^(?:T\.?\s?M|K\.?\s?T|T\.?\s?L|T\.?\s?U\.?\s?Q|T/M|K/T|T/L|Q)\s*[./:]?\s*(?=[{UPPER}])"
)
_ACADEMIC = r"(?:GS|PGS|TSKH|TS|ThS|CN|KS|BS|DS|LS|NGND|NGƯT|NSND|NSƯT)\.?(?:\s*,?\s*(?:TS|ThS|BS|CKI|CKII)\.?)*\s*"
_NAME_WORD = rf"[{UPPER}][{LOWER}]*"
NAME_LINE = re.compile(rf"^(?P<acad>{_ACADEMIC})?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,5}})$")
FLAT_SIGNATURE = re.compile(
    rf"^(?P<upper>[{UPPER}0-9 .,/()&-]*[{UPPER}]{{2,}}[{UPPER}0-9 .,/()&-]*?)\s+"
    rf"(?P<acad>{_ACADEMIC})?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,5}})$"
)
FLAT_MAX = 200  # longest one-line signature block in the corpus: 72 characters


def flat_signature(text: str):
    """FLAT_SIGNATURE.match on a line short enough to be a signature block. The pattern
    backtracks over every split of a long run of spaces (quadratic); a 15,000-space line from a
    PDF conversion took minutes."""
    return FLAT_SIGNATURE.match(text) if len(text) <= FLAT_MAX else None


SIGNED_MARK = re.compile(r"\s*[\[(]\s*(?:đã ký|da ky|daky|ký|đã ký và đóng dấu)\s*[\])]\s*", re.I)
STAMP_LINE = re.compile(r"^(?:Ký bởi|Thời gian ký|Cơ quan\s*:|Email\s*:|Ngày ký|\(?Đã ký\)?|\(ký|Signature)", re.I)

# --------------------------------------------------------------------------- result


@dataclass
class Anatomy:
    header: list[Paragraph] = field(default_factory=list)
    quoc_hieu: Hit | None = None
    tieu_ngu: Hit | None = None
    party_title: Hit | None = None
    issuer: list[Paragraph] = field(default_factory=list)
    so: Hit | None = None  # from "Số" to the end of the ký hiệu
    date_line: Hit | None = None
    vv: list[Paragraph] = field(default_factory=list)
    vv_hit: Hit | None = None
    vv_written_out: bool = False  # "Về …" where a công văn writes "V/v …"
    title: Paragraph | None = None  # tên loại line
    authority: Paragraph | None = None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" under a decision's title
    trich_yeu: list[Paragraph] = field(default_factory=list)
    kinh_gui: list[Paragraph] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    noi_nhan_label: Paragraph | None = None
    noi_nhan_items: list[Hit] = field(default_factory=list)
    signature: list[Paragraph] = field(default_factory=list)
    sig_prefixes: list[Paragraph] = field(default_factory=list)
    sig_titles: list[Paragraph] = field(default_factory=list)
    sig_name: Hit | None = None
    sig_flat: bool = False  # the whole block in one paragraph (a flattened table cell)
    appendix: list[Paragraph] = field(default_factory=list)
    doc_type: str | None = None  # type code, "CV" for công văn, None if unknown
    doc_type_source: str = ""
    type_code: str | None = None  # the type code written in the ký hiệu
    profile: str = "nd30"
    profile_reason: str = ""
    party_guide: str | None = None  # "HD36" or "HD05" for the dang profile
    issued: date | None = None
    draft_reasons: list[str] = field(default_factory=list)
    out_of_scope: str | None = None  # reason, when the document is under other rules
    out_of_scope_key: str | None = None
    is_appendix: bool = False  # a "Phụ lục" issued with another document: no parts of its own

    @property
    def is_draft(self) -> bool:
        return bool(self.draft_reasons)

    @property
    def is_cong_van(self) -> bool:
        return self.doc_type == "CV"

    @property
    def end(self) -> Paragraph | None:
        """The paragraph a missing closing part would follow."""
        return self.body[-1] if self.body else None


# --------------------------------------------------------------------------- title detection


@lru_cache(maxsize=1)
def _heading_table() -> tuple[tuple[str, str], ...]:
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
    for head, code in _heading_table():
        codes.setdefault(head, code)
    return codes


def match_heading(text: str) -> str | None:
    """Type code if `text` is a tên loại line (the type name alone, in capitals or not)."""
    first = text.split("\n", 1)[0].strip().rstrip(":")
    return _heading_codes().get(fold_same_length(first))


def _title_code(p: Paragraph) -> str | None:
    """A paragraph opening the title block: the type name alone, or in capitals before more
    capitals on the same line ("KẾ HOẠCH TUYÊN TRUYỀN …" merged by a conversion)."""
    code = match_heading(p.text)
    if code:
        return code
    first = p.text.split("\n", 1)[0].strip()
    if is_upper(first):
        f = fold_same_length(first)
        for head, c in _heading_table():
            if f.startswith(head + " ") and len(first) > len(head) + 3 and c not in ("SY", "SL", "TrS"):
                return c
    return None


# --------------------------------------------------------------------------- the pass


def analyse(doc: Document, profile: str = "auto", path_hint: str = "") -> Anatomy:
    from .layout import split_columns

    split_columns(doc)
    an = Anatomy()
    paras = [p for p in doc.paragraphs if p.kind != "footnote"]
    if not paras:
        doc.anatomy = an
        return an

    # 0. An appendix document ("Phụ lục I" first) has no header, signature or Nơi nhận of its own.
    an.is_appendix = bool(F_APPENDIX.match(fold_same_length(paras[0].text.strip())))

    # 1. Header: everything before the title, Kính gửi or the first body-like paragraph.
    head_end = 0 if an.is_appendix else _find_header_end(paras)
    an.header = paras[:head_end]
    _read_header(an, an.header)

    # 2. Title block.
    pos = head_end
    if pos < len(paras):
        code = _title_code(paras[pos])
        if code:
            an.title = paras[pos]
            an.doc_type, an.doc_type_source = code, "title"
            pos = _read_trich_yeu(an, paras, pos + 1)
    # Kính gửi (with its list).
    if pos < len(paras) and starts_with(paras, pos, F_KINH_GUI):
        pos = _read_kinh_gui(an, paras, pos)

    # 3. Closing: nơi nhận and signature, then anything after it is appendix.
    body_start = pos
    close_start, close_end = _read_closing(an, paras, body_start)
    an.body = [p for p in paras[body_start:close_start] if not F_RULE_LINE.match(p.text)]
    # Kính gửi written after the title in a body-first layout.
    if not an.kinh_gui:
        for i, p in enumerate(an.body[:3]):
            if F_KINH_GUI.match(fold_same_length(p.text)):
                an.kinh_gui = [p]
                an.body = an.body[i + 1 :]
                break
    an.appendix = paras[close_end:]

    # 4. Labels.
    for p in an.header:
        p.zone = Zone.HEADER_LEFT
    for hit in (an.quoc_hieu, an.tieu_ngu, an.date_line, an.party_title):
        if hit:
            hit.para.zone = Zone.HEADER_RIGHT
    for p in ([an.title] if an.title else []) + an.trich_yeu + ([an.authority] if an.authority else []):
        p.zone = Zone.TITLE
    for p in an.kinh_gui:
        p.zone = Zone.KINH_GUI
    for p in an.body:
        p.zone = Zone.BODY
    if an.noi_nhan_label:
        an.noi_nhan_label.zone = Zone.NOI_NHAN
    for h in an.noi_nhan_items:
        h.para.zone = Zone.NOI_NHAN
    for p in an.signature:
        p.zone = Zone.SIGNATURE
    for p in an.appendix:
        if p.zone == Zone.UNKNOWN:
            p.zone = Zone.APPENDIX
    for p in paras[close_start:close_end]:
        if p.zone == Zone.UNKNOWN:
            p.zone = Zone.SIGNATURE

    # 5. Type, profile, draft status, scope.
    _detect_type(an)
    _detect_profile(an, profile)
    _detect_draft(an, doc, path_hint)
    _detect_scope(an)
    doc.anatomy = an
    return an


def _looks_like_header_line(f: str) -> bool:
    """A line of the header block (folded text): short lines only, so that a body sentence that
    cites "ngày 20 tháng 01 năm 2026" or names the Republic is not taken for one."""
    short = len(f) < 100
    return bool(
        (short and (F_QUOC_HIEU.search(f) or F_TIEU_NGU.search(f) or F_DATE.match(f)))
        or F_SO.match(f) or F_VV.match(f) or F_RULE_LINE.match(f) or F_PARTY.match(f)
    )


def _find_header_end(paras: list[Paragraph]) -> int:
    limit = min(len(paras), 40)
    for i in range(limit):
        p = paras[i]
        if _title_code(p):
            return i
        f = fold_same_length(p.text)
        if starts_with(paras, i, F_KINH_GUI):
            return i
        if _looks_like_header_line(f):
            continue
        if (BODY_STARTERS.match(p.text) and not is_upper(p.text)) or (len(p.text) > 160 and not is_upper(p.text)):
            return i
        if SIG_PREFIX.match(p.text) or F_NOI_NHAN.match(f):
            return i
    # No title and no body start found near the top: assume a header only if we saw one.
    for i in range(limit):
        if not _looks_like_header_line(fold_same_length(paras[i].text)) and not is_upper(paras[i].text):
            return i
    return limit


def _read_header(an: Anatomy, header: list[Paragraph]) -> None:
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
            m = re.search(r"(?<![A-Za-zÀ-ỹĐđ])Số\s*:?\s*[\d…._ ]*\s*/", p.text)
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
                if _looks_like_header_line(fq) or is_upper(q.text) or q.gap_before:
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
        if len(letters) >= 2 and is_upper(p.text) and not re.fullmatch(r"(?:MẬT|TỐI MẬT|TUYỆT MẬT|KHẨN|THƯỢNG KHẨN|H[ỎO]A TỐC|HOẢ TỐC|DỰ THẢO.*)", p.text.strip()):
            an.issuer.append(p)


def _paras_between(view: View, hit: Hit) -> list[Paragraph]:
    """The paragraphs a match spans (a wrapped Quốc hiệu spans two)."""
    i = view.paras.index(hit.para)
    out = [hit.para]
    if hit.last is not None and hit.last is not hit.para:
        out.extend(view.paras[i + 1 : view.paras.index(hit.last) + 1])
    return out


_SO_STOP = re.compile(rf"\s{{2,}}|\s+(?=V\s*/\s*v\b)|\s+(?=[{LOWER}])|$")
_SO_TAIL = re.compile(r"\s*[-/]\s*[A-Za-zĐđ0-9]+")


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


def _read_trich_yeu(an: Anatomy, paras: list[Paragraph], pos: int) -> int:
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


def _read_kinh_gui(an: Anatomy, paras: list[Paragraph], pos: int) -> int:
    an.kinh_gui.append(paras[pos])
    pos += 1
    if not F_KINH_GUI.match(fold_same_length(an.kinh_gui[0].text)):  # "Kính" / "gửi:"
        an.kinh_gui.append(paras[pos])
        pos += 1
    # A single recipient wrapped by a conversion: "Kính gửi: Chủ" / "tịch Ủy ban nhân dân …".
    while pos < len(paras) and paras[pos].text[:1].islower() and not paras[pos].gap_before and len(an.kinh_gui) < 3:
        an.kinh_gui.append(paras[pos])
        pos += 1
    while pos < len(paras) and re.match(r"^[-–+•]\s*\S", paras[pos].text) and len(an.kinh_gui) < 40:
        an.kinh_gui.append(paras[pos])
        pos += 1
    return pos


# --------------------------------------------------------------------------- closing block


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


def _read_closing(an: Anatomy, paras: list[Paragraph], body_start: int) -> tuple[int, int]:
    n = len(paras)
    label_idx = None
    for i in range(body_start, n):
        if _is_label(paras, i):
            label_idx = i
            break
    region_paras: list[Paragraph]
    if label_idx is not None:
        # The signature may sit just before the label (flattened tables put the right cell
        # first in some crawls): walk back over signature-like lines.
        start = label_idx
        k = label_idx - 1
        while k > body_start and _sig_like(paras[k]) and label_idx - k <= 5:
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
                while k - 1 > body_start and _sig_like(paras[k - 1]) and n - k < 6:
                    k -= 1
                start = k
        region_paras = paras[start : min(n, start + 20)]
    end = _split_closing(an, region_paras)
    close_end = start + end if end else start  # region_paras is paras[start:...]
    return start, close_end


def starts_with(paras: list[Paragraph], i: int, pattern: re.Pattern) -> bool:
    """Whether paragraph i opens with `pattern` (folded), also when a crawl wrapped the opening
    words onto the next line ("Nơi" / "nhận:", "Kính" / "gửi:").

    The openings are short: only the head of a long paragraph is folded (folding every body
    paragraph in full was most of the anatomy's time); a match that runs to the end of the head
    is confirmed on the whole text, since `$` may end it there."""
    text = paras[i].text
    f = fold_same_length(text[:_HEAD])
    m = pattern.match(f)
    if m and len(text) > _HEAD and m.end() == len(f):
        m = pattern.match(fold_same_length(text))
    if m:
        return True
    if len(text) <= _HEAD and len(f.split()) == 1 and i + 1 < len(paras) and not paras[i + 1].gap_before:
        return bool(pattern.match(f + " " + fold_same_length(paras[i + 1].text)))
    return False


_HEAD = 64  # characters of a paragraph `starts_with` folds


def _is_label(paras: list[Paragraph], i: int) -> bool:
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


def _sig_like(p: Paragraph) -> bool:
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
        t = SIGNED_MARK.sub(" ", p.text).strip()  # "Nguyễn Mạnh Kiểm (Đã ký)" in web crawls
        f = fold_same_length(t)
        right = _is_right(p, region[k - 1] if k else None, thr)
        if not right and an.noi_nhan_label is None and _is_label(region, k):
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
            if re.match(r"^[-–+•*]\s*", t) or (an.noi_nhan_items and not _sig_like(p) and not p.gap_before):
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
        if (an.signature or items_done) and (_title_code(p) or re.match(r"^(?:[IVX]+|\d+)[.\-]\s|^(?:PHỤ LỤC|Phụ lục)\b", t)):
            break  # an attached document or appendix starts
        flat = flat_signature(t)
        if flat and not name_parts and not an.signature:
            # One cell holding the whole block: "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh Hùng".
            if SIG_PREFIX.match(t):
                an.sig_prefixes.append(p)
            an.sig_titles.append(p)
            an.signature.append(p)
            an.sig_flat = True
            an.sig_name = Hit(p, flat.start("name"), flat.end("name"), {"acad": flat.group("acad") or ""})
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
        if NAME_LINE.match(t) or (name_parts and re.fullmatch(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}", t)):
            name_parts.append(p)
            an.signature.append(p)
            used = k + 1
            if len(" ".join(q.text for q in name_parts).split()) >= 2:
                # A name is complete once it has 2+ syllables and the next line is not a piece of it.
                nxt = region[k + 1].text.strip() if k + 1 < len(region) else ""
                if not re.fullmatch(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}", nxt) or region[k + 1].gap_before:
                    if in_items and not items_done:
                        name_done = True  # pdftotext: Nơi nhận items continue beside the name
                        continue
                    break
            continue
        if re.fullmatch(rf"{_NAME_WORD}", t) and not name_parts and (an.sig_titles or an.sig_prefixes):
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
            t0 = SIGNED_MARK.sub(" ", p0.text).strip()
            m = NAME_LINE.match(t0)
            name = m.group("name") if m else t0
            acad = (m.group("acad") or "") if m else ""
            s0 = p0.text.find(acad + name if acad else name)
            s0 = max(s0, 0)
            an.sig_name = Hit(p0, s0, s0 + len(acad) + len(name), {"acad": acad})
        else:
            an.sig_name = Hit(p0, 0, len(p0.text), {"acad": "", "full": " ".join(q.text.strip() for q in name_parts)})
    return used


def _inline_items(t: str, rest: int) -> list[tuple[int, int]]:
    """Split "Nơi nhận: - A; - B; - Lưu: VT." into item spans."""
    out = []
    starts = [m.start() for m in re.finditer(r"(?:(?<=^)|(?<=\s))-\s+(?=\S)", t[rest:])]
    starts = [rest + s for s in starts]
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(t)
        out.append((s, len(t[:e].rstrip())))
    return out


# --------------------------------------------------------------------------- type, profile, draft, scope

_KY_HIEU = re.compile(r"/\s*(?P<code>[A-Za-zĐđ]+)\s*-")
_PARTY_NO = re.compile(r"Số\s*:?\s*[\d…._ ]*-\s*(?P<code>[A-Za-zĐđ]+)\s*/")


def ky_hieu_groups(so: Hit | None) -> list[str]:
    if not so:
        return []
    txt = so.text
    i = txt.find("/")
    if i < 0:
        return []
    return [g.strip() for g in re.split(r"[-/]", txt[i + 1 :]) if g.strip()]


def _detect_type(an: Anatomy) -> None:
    codes = set(packs.doc_types())
    if an.so:
        txt = an.so.text
        m = _PARTY_NO.search(txt)
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


def _detect_profile(an: Anatomy, requested: str) -> None:
    header_f = fold_same_length(" ".join(p.text for p in an.header))
    so_text = an.so.text if an.so else ""
    if requested and requested != "auto":
        an.profile, an.profile_reason = requested, "chosen"
    elif an.party_title or _PARTY_NO.search(so_text):
        an.profile, an.profile_reason = "dang", "ĐẢNG CỘNG SẢN VIỆT NAM" if an.party_title else "Party number"
    elif _UNION.search(" ".join(fold_same_length(p.text) for p in an.issuer) + " " + fold_same_length(so_text)):
        an.profile, an.profile_reason = "congdoan", "union issuer"
    else:
        an.profile, an.profile_reason = "nd30", "default"
    if an.profile == "dang":
        # HD 05-HD/VPTW replaces HD 36 from 27/5/2026; a blank date means a current draft.
        an.party_guide = "HD36" if an.issued and an.issued < date(2026, 5, 27) else "HD05"
    _ = header_f


_DRAFT_NAME = re.compile(r"du[\s_.-]?thao|duthao|draft", re.I)


def _detect_draft(an: Anatomy, doc: Document, path_hint: str) -> None:
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


def _detect_scope(an: Anatomy) -> None:
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
