"""What the language rules read: which paragraphs hold *uses*, which stretches inside them are
not uses, what an abbreviation token is, and the user's language configuration.

Uses are counted in the trích yếu, the V/v, Kính gửi, the body (căn cứ included), table cells,
footnotes that are not glossaries and the document's own appendices (DANH SÁCH, phụ lục, bảng).
Never in the header (except the V/v), the ký hiệu, the signature or Nơi nhận, where abbreviated
recipients (`VP UBND TP`, `UB MTTQ VN`) are customary, nor in an attached copy of another
document or a copy block (`Anatomy.attached`): that is another document's text.
Inside a use paragraph, citations of other documents' numbers (`số 25/KH-UBND`, `80-KL/TW`,
`30/2020/NĐ-CP`), URLs and e-mail addresses are not uses; Roman numerals and units are never
abbreviations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from ..catalogue import loader as packs
from ..core.model import Document, Paragraph, Zone
from ..text.guards import guard
from ..text.letters import (
    _UPPER_SET,
    LETTER,
    LOWER,
    UPPER,
    has_vowel_mark,
    is_upper,
    is_syllable,
    lower_count,
    upper_count,
)

_L = LETTER
# A run of word characters joined by "&" or "-" ("CT-XH", "NN&PTNT", "COVID-19").
TOKEN = re.compile(r"[\w&]+(?:[-–][\w&]+)*")
# Citations of document numbers: a number, then "/" or "-" and a code made of letter groups
# (with an optional year): 25/KH-UBND, 80-KL/TW, 30/2020/NĐ-CP, 1252/QĐ-TTg, 01:2019/BXD.
# Written to start with its first character (then look behind) so the regex engine skips ahead
# in C: "(?<!\d)\d+" as "\d(?<!\d\d)\d*".
_CITATION_NUMBER = re.compile(
    rf"\d(?<!\d\d)\d*[a-zđ]?(?:\s*[:.]\s*\d+)?\s*[/-]\s*(?:(?:19|20)\d\d\s*/\s*)?[{_L}][{_L}\d&.]*"
    rf"(?:\s*[-/]\s*[{_L}\d][{_L}\d&.]*)*"
)
# A blank number in a draft: "số     /KH-UBND", "Số: …/QĐ-UBND": where no word character or "/"
# precedes, up to 80 dots, up to 40 spaces, the "/" and the code. Written, for the same reason,
# to start with its first character (a dot, a space or the "/" itself), then the rest that may
# follow that character. `_citations` finds the matches of "NUMBER|BLANK".
_CITATION_BLANK = re.compile(
    rf"[…._\s/](?<![\w/][…._\s/])"
    rf"(?:(?<=[…._])[…._]{{0,79}}\s{{0,40}}/|(?<=\s)\s{{0,39}}/|(?<=/))"
    rf"\s*[{UPPER}][{_L}&]*(?:\s*-\s*[{_L}\d][{_L}\d&.]*)+"
)
_BLANK_SLASH = re.compile(r"/(?<![^\W_]/)")  # a "/" after no letter or digit
# Repetitions are bounded (a number starts at its first digit; e-mail local part 64, domain
# labels 63, 10 labels) so that a long run without a match costs linear, not quadratic, time.
URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}"
                 r"|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,10}\.(?:gov|com|org|net|edu)(?:\.vn)?\b\S*", re.I)
# What a citation or a URL needs (the guards CITATION and URL_GUARD look for it first).
_NUMBER_DASH = re.compile(r"\d[a-zđ]?\s*-")
_URL_DOT = re.compile(r"(?i)\.(?:(?<=www\.)|gov|com|org|net|edu)")
ROMAN = re.compile(r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_LOWER_PAIR_END = re.compile(f"[{LOWER}]{{2}}$")
_DASH_AMP = re.compile(r"[-–&]")
# The matches of TOKEN that start with a capital and hold another (abbr_shape wants two), with
# the same boundaries: a token starts where neither a word character nor a word character and a
# dash precede it; the look-ahead stays inside the token. The regex engine skips the other words
# in C instead of handing each one to Python. The look-ahead takes the characters before the
# next capital a run at a time, possessively (no other way to read them): most capitals start
# a word in title case, whose run of small letters ends the look-ahead at once.
# Speed: the first look-ahead drops those words sooner (a capital, small letters, then neither a
# word character nor "&" nor a dash: the last look-ahead could not reach another capital); the
# assertions all hold at one position, so their order changes no match
# (tests/test_language.py::test_abbr_token_fast_equals_plain).
ABBR_TOKEN = re.compile(
    rf"[{UPPER}](?![{LOWER}]*+(?:[^\w&\-–]|\Z))(?<![\w&].)(?<![\w&][-–].)"
    rf"(?=[^\W{UPPER}]*+(?:(?:&|[-–](?=[\w&]))[^\W{UPPER}]*+)*+[{UPPER}])"
    rf"[\w&]*(?:[-–][\w&]+)*"
)
SIGNATURE_PREFIXES = frozenset({"TM", "KT", "TL", "TUQ"})
# Tokens that are never uses: the văn thư mark of the Lưu line, table column headings, the web
# crawls' "FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN" (an English word in capitals, not an abbreviation).
NEVER_USES = frozenset({"VT", "STT", "TT", "FILE"})
_NON_SPACE = re.compile(r"\S+")
_CITATION_TAIL = re.compile(r"\d\s*/\s*[\w]{0,4}\s")
_LOWER = re.compile(f"[{LOWER}]")  # lower_count(text) > 0, found in C

@lru_cache(maxsize=1 << 14)  # tokens repeat
def abbr_shape(tok: str) -> bool:
    """2+ capitals, no more small letters than capitals, starts with a capital ("UBND",
    "VNeID", "MOOCs", "TTr", "CT-XH", "NN&PTNT"); "YouTube", "Hà" are not."""
    if not tok or tok[0] not in _UPPER_SET:
        return False
    parts = _DASH_AMP.split(tok)
    if any(p and p.isdigit() for p in parts[:1]):
        return False
    up, low = upper_count(tok), lower_count(tok)
    if up < 2 or low > up:
        return False
    if any(c.isdigit() for c in tok) or "_" in tok:
        return False  # codes ("ABC-268", "HS01"); COVID-19 and the like are in the known list
    if low >= 2 and _LOWER_PAIR_END.search(tok):
        return False  # a name written with inner capitals ("H'Vi ÊBan", "McLean")
    return True


# --------------------------------------------------------------------------- configuration


@lru_cache(maxsize=1)
def _abbr_pack() -> dict[str, Any]:
    return packs.load("abbreviations.toml")


@lru_cache(maxsize=1)
def _terms_pack() -> dict[str, Any]:
    return packs.load("terms.toml")


def config(ctx) -> dict[str, Any]:
    cfg = ctx.config
    lang = cfg.get("language", {}) if isinstance(cfg, dict) else {}
    return lang if isinstance(lang, dict) else {}


def known_abbreviations(ctx) -> frozenset[str]:
    extra = config(ctx).get("known_abbreviations", ())
    return frozenset(_abbr_pack()["known"]) | frozenset(str(x) for x in extra)


@lru_cache(maxsize=1)
def units() -> frozenset[str]:
    return frozenset(_abbr_pack()["units"])


def canonical_terms(ctx) -> list[str]:
    return list(_terms_pack()["canonical"]) + [str(x) for x in config(ctx).get("terms", ())]


@lru_cache(maxsize=1)
def head_compounds() -> tuple[str, ...]:
    return tuple(_terms_pack().get("head_compounds", ()))


@lru_cache(maxsize=1)
def name_heads() -> tuple[tuple[str, ...], ...]:
    heads = [tuple(h.split()) for h in _terms_pack()["name_heads"]]
    return tuple(sorted(heads, key=len, reverse=True))


# --------------------------------------------------------------------------- scope


USE_ZONES = {Zone.TITLE, Zone.KINH_GUI, Zone.BODY, Zone.APPENDIX, Zone.FOOTNOTE}


def use_paragraphs(doc: Document, anatomy) -> list[Paragraph]:
    """Paragraphs whose abbreviations and terms count as uses, in reading order (the V/v sits in
    the header but is the công văn's trích yếu)."""
    vv = {id(p) for p in (anatomy.vv or ())} if anatomy else set()
    attached = {id(p) for p in (anatomy.attached or ())} if anatomy else set()
    out = [p for p in doc.paragraphs if (p.zone in USE_ZONES or id(p) in vv) and id(p) not in attached]
    return out


_ITEM_LABEL = re.compile(r"(?:[a-zđ]|[ivx]{1,4})[.)]\s")


def wrapped_runs(paras: list[Paragraph]):
    """Runs of paragraphs that are one wrapped sentence: the next starts with a small letter
    (not an item label "a)", "đ)", "ii.")."""
    run: list[Paragraph] = []
    for p in paras:
        if run and p.text[:1].islower() and p.kind == run[-1].kind and not _ITEM_LABEL.match(p.text):
            run.append(p)
        else:
            if run:
                yield run
            run = [p]
    if run:
        yield run


_LIST_NUMBER = re.compile(r"(?:\d{1,4}|[IVXLC]{1,6}|[A-ZĐ])[.)]?")


def heading_cells(paras: list[Paragraph]) -> set[int]:
    """Indices of the table cells of the body and appendix that are column headings: the first
    row of a table of two rows or more, and the rows before its first numbered row ("1", "I",
    "A.") when one comes within four rows (a crawl splits a two-line heading into two rows:
    "Mức độ DVC | Thực hiện qua BCCI"); a one-cell table in capitals is a boxed heading. Tables
    of the header (the V/v cell) and of the closing are not read here."""
    rows: dict[int, dict[int, list[Paragraph]]] = {}
    for p in paras:
        if p.kind == "cell" and p.table is not None and p.zone in (Zone.BODY, Zone.APPENDIX):
            rows.setdefault(p.table[0], {}).setdefault(p.table[1], []).append(p)
    out: set[int] = set()
    for table in rows.values():
        order = sorted(table)
        if len(order) == 1:
            cells = table[order[0]]
            if len(cells) == 1 and is_upper(cells[0].text):
                out.add(cells[0].index)
            continue
        numbered = next((k for k, r in enumerate(order[:4])
                         if _LIST_NUMBER.fullmatch(min(table[r], key=lambda c: c.table[2]).text.strip())), None)
        for r in order[: numbered if numbered else 1]:
            out.update(c.index for c in table[r])
    return out


def _citations(text: str) -> list[tuple[int, int]]:
    """Spans of citations: the matches of the regex "NUMBER|BLANK", found as that regex's finditer
    would find them (the leftmost match; at one position NUMBER first; then after its end)."""
    spans: list[tuple[int, int]] = []
    number, blank = _CITATION_NUMBER.search(text), _search_blank(text, 0)
    while number or blank:
        m = number if number and (blank is None or number.start() <= blank.start()) else blank
        spans.append(m.span())
        pos = m.end()  # never empty
        if number and number.start() < pos:
            number = _CITATION_NUMBER.search(text, pos)
        if blank and blank.start() < pos:
            blank = _search_blank(text, pos)
    return spans


def _search_blank(text: str, pos: int) -> re.Match | None:
    """_CITATION_BLANK.search(text, pos), started near the first "/" that can end the blank (a
    blank's "/" never follows a letter or digit, and the match starts at most 120 before it)."""
    slash = _BLANK_SLASH.search(text, pos)
    return _CITATION_BLANK.search(text, max(pos, slash.start() - 120)) if slash else None


# Speed: the regexes try a match at nearly every position; text that cannot match is skipped
# (text/guards.py). A citation needs a "/" (a blank number holds one) or a number followed
# (after an optional letter and spaces) by "-"; a URL needs "@", "://", "www." or a top-level
# domain after a dot (the last two in any case).
CITATION = guard("citation of a document number", (_CITATION_NUMBER, _CITATION_BLANK),
                 lambda t: "/" in t or ("-" in t and _NUMBER_DASH.search(t) is not None))
URL_GUARD = guard("URL or e-mail address", URL,
                  lambda t: "@" in t or "://" in t or _URL_DOT.search(t) is not None)
CITATION_TAIL = guard("end of a broken citation", _CITATION_TAIL, lambda t: "/" in t)


def excluded_spans(text: str) -> list[tuple[int, int]]:
    spans = _citations(text) if CITATION.may_match(text) else []
    spans += [m.span() for m in URL_GUARD.finditer(text)]
    return sorted(spans)


def inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    for a, b in spans:
        if a <= s and e <= b + 0 and a < e:
            return True
        if a < e and s < b:  # overlaps a citation: part of it
            return True
    return False


@dataclass(slots=True)
class Tok:
    """A token of a paragraph that may be an abbreviation or a term, where it stands."""

    para: Paragraph
    start: int
    end: int
    text: str

    @property
    def pos(self) -> tuple[int, int]:
        return (self.para.index, self.start)


def _all_caps_context(text: str, s: int, e: int) -> bool:
    """The token sits among other capitalised words (a heading in capitals): the words (split at
    white space) next to it, found without splitting all the text before and after it."""
    after = _NON_SPACE.search(text, e)
    for w in _word_before(text, s) + ([after.group()] if after else []):
        w = w.strip(".,;:()“”\"'-–")
        if len(w) >= 2 and upper_count(w) >= 2 and lower_count(w) == 0:
            return True
    return False


def _word_before(text: str, s: int) -> list[str]:
    """The last word of text[:s], read back from s: text[:s].split()[-1:]."""
    end = s
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return [text[start:end]] if end else []


@lru_cache(maxsize=1 << 14)  # tokens repeat
def _token_kind(tok: str) -> str | None:
    """What a token of ABBR_TOKEN is by itself: None when it is never a use (not of abbreviation
    shape, a unit, a Roman numeral, one of NEVER_USES); "marked" for a word in capitals with a
    vowel mark ("ĐÍCH"), "syllable" for a syllable in capitals ("KINH"); else "abbr"."""
    if not abbr_shape(tok) or tok in units() or ROMAN.fullmatch(tok) or tok in NEVER_USES:
        return None
    if lower_count(tok) == 0:
        if has_vowel_mark(tok):
            return "marked"
        if is_syllable(tok):
            return "syllable"
    return "abbr"


def _tail_ends_at(text: str, first: re.Match, s: int) -> bool:
    """Whether the leftmost citation tail of text[:s] ends at s, from `first`, the leftmost of
    the whole text (starting before s). When `first` ends by s it is that tail (the engine takes
    the same path, which endpos does not cut); only a token inside `first` needs a search."""
    if first.end() <= s:
        return first.end() == s
    tail = _CITATION_TAIL.search(text, 0, s)
    return tail is not None and tail.end() == s


def abbreviation_tokens(p: Paragraph, spans: list[tuple[int, int]] | None = None,
                        matches: Iterable[re.Match] | None = None) -> Iterable[Tok]:
    """Abbreviation-shaped tokens of a paragraph outside citations and URLs (`matches`: those of
    ABBR_TOKEN in its text, when the caller has them)."""
    text = p.text
    n = len(text)
    # Speed: each test below drops a token by itself (they are independent), so the cheap ones go
    # first and what costs a search of the paragraph (its excluded spans, its citation tail,
    # whether it holds a small letter) is found once, for the first token that needs it; a
    # paragraph whose candidates the cheap tests drop pays for none of it.
    # tests/test_language.py::test_abbreviation_tokens_fast_equals_plain checks this against the
    # plain order.
    first: re.Match | None | bool = False  # the leftmost citation tail; False: not searched yet
    caps_only: bool | None = None  # no small letter in the paragraph
    # a column heading holding only a code ("STT", "NQ"); a "Chức vụ" cell counts
    heading_code = text.strip(" .:") if p.kind == "cell" and (p.table is None or p.table[1] == 0) else None
    for m in ABBR_TOKEN.finditer(text) if matches is None else matches:
        tok = m.group(0)
        kind = _token_kind(tok)
        if kind is None or kind == "marked":
            continue  # "marked": a word of a heading in capitals ("MỤC ĐÍCH", "BẢN SAO")
        s, e = m.span()
        if s > 0 and text[s - 1] in "/.@\\_" or e < n and text[e] in "/@_":
            continue
        if e + 1 < n and text[e] == "." and text[e + 1].isalnum():
            continue  # "TP.HCM" is a single unit of its own; "II.1" a heading number
        if tok in SIGNATURE_PREFIXES and text[e : e + 1] == ".":
            continue  # "TM.", "KT.", "TL.", "TUQ." name the authority, not an abbreviation
        if tok == heading_code:
            continue
        if kind == "syllable":
            if caps_only is None:
                caps_only = _LOWER.search(text) is None
            if caps_only or _all_caps_context(text, s, e):
                continue  # a word of a heading in capitals ("KINH PHÍ")
        if spans is None:
            spans = excluded_spans(text)  # found for the paragraphs with a candidate only
        if spans and inside(spans, s, e):
            continue
        if first is False:
            # The leftmost citation tail of the paragraph, found once: a search of text[:s] per
            # token was quadratic on a long line of tokens (fuzzing: "AB AB AB …" after a "1186/QĐ").
            first = _CITATION_TAIL.search(text) if CITATION_TAIL.may_match(text) else None
        if first is not None and first.start() < s and _tail_ends_at(text, first, s):
            continue  # the end of a citation a conversion broke with a space ("1185/S V-CCVC")
        yield Tok(p, s, e, tok)
