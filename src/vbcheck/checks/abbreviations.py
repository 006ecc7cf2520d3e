"""VB201–VB204 and the abbreviation part of VB205: one model of the document's abbreviations.

Definitions (sources.md §4.16 `abbr-definition-forms`):
- "full phrase (ABBR)" and "(sau đây viết tắt là ABBR)" — the phrase is found by matching the
  letters against the initials of the preceding syllables (Đ = D); a foreign acronym whose
  letters do not match ("… Liên hợp quốc (UNDP)") is still a definition, with no phrase; an
  index named with a word or a number after its acronym ("(PAR Index)", "(PCI 2024)") defines
  the acronym; a "(" that a conversion put at the start of the next line takes its phrase from
  the line before;
- "… (sau đây) viết tắt là “ABBR”" without parentheses (HD 36: chữ viết tắt là "BS");
- "ABBR (full phrase)" when the initials match;
- a glossary in a footnote or a note ("Các từ viết tắt: UBND - Ủy ban nhân dân; HĐND: …"): it
  defines from the position of the footnote marker (or for the whole document when no marker
  refers to it), its entries are not uses;
- a glossary table or list under "BẢNG/DANH MỤC (CÁC) TỪ/CHỮ VIẾT TẮT", or a note under a
  table ("Ghi chú: THT - tổ hợp tác; LH HTX - liên hiệp hợp tác xã"): whole document; an entry
  may hold two abbreviations ("LH HTX"), each defined by it.

Uses: see `langscope`. A known abbreviation (rules/abbreviations.toml + configuration) that the
document never defines is not reported; one that it defines is checked like any other (the
document's own definition outranks the list: used before it, VB202). Variants of a defined or
known abbreviation (CBCCVN / CBCCVV for CBCCV; QHLD for QHLĐ; VneID for VNeID; a slip of one
letter, DCCI for DDCI; two letters swapped, UBDN for UBND) are VB205, not VB201, and count as
uses of the right form.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..catalogue.loader import rule
from ..core.model import Paragraph
from ..core.rule import check
from ..text.guards import guard
from ..text.letters import fold, is_vietnamese_syllable
from . import langscope as ls

_GLOSSARY_LABEL = re.compile(r"(?i)(?:các\s+)?(?:từ|chữ)\s+(?:ngữ\s+)?viết\s+tắt\s*(?:trong\s+[^:]{0,40})?:")
_GLOSSARY_TITLE = re.compile(
    r"(?i)^(?:(?-i:[IVX]{1,4}|[0-9]{1,2})[.)]\s{0,3})?(?:bảng|danh\s+mục)\s+(?:các\s+)?(?:từ|chữ|cụm\s+từ)\s+(?:ngữ\s+)?viết\s+tắt\b")
# An entry: one abbreviation, or two ("LH HTX"), then a dash, colon or "là" and the phrase.
# The phrase runs to the end (its trailing ";", "." and spaces do not matter: `normal_phrase`
# keeps the words); runs of word characters are possessive (a dash group may be given back:
# "UBND-Ủy ban nhân dân"): linear on any line.
_ENTRY = re.compile(r"^\s*+(?P<abbr>[\w&]++(?:[-–][\w&]++)*)(?: (?P<abbr2>[\w&]++(?:[-–][\w&]++)*))?"
                    r"\s*+(?:[-–—:=]|\blà\b)\s*+(?P<phrase>\S.*)")
# "(ABBR)", "(sau đây viết tắt là ABBR)", and "(PAR Index)", "(PCI 2024)", "(DDCI 2.0)": an
# index's acronym followed by a word that is not a Vietnamese syllable, or by a year or version
# (group "tail", checked in `build`).
_PAREN = re.compile(
    r"\(\s*+(?:(?:sau\s+đây\s+)?(?:được\s+)?(?:viết\s+tắt|gọi\s+tắt|viết\s+gọn)(?:\s++là)?\s*+:?\s*+)?"
    r"[“\"']?(?P<abbr>[\w&]+(?:[-–][\w&]+)*)(?: (?P<tail>[A-Z][a-z]{2,12}|\d{1,4}(?:\.\d{1,2})?))?"
    r"[”\"']?\s*+\)"
)
# "… (sau đây) (được) viết tắt là “ABBR”" without parentheses (HD 36: chữ viết tắt là "BS").
_SAID = re.compile(r"(?:viết|gọi)\s{1,3}tắt\s{1,3}là\s{0,3}:?\s{0,3}[“\"']?(?P<abbr>[\w&]+(?:[-–][\w&]+)*)")
_SAID_FILLERS = frozenset({"sau", "đây", "được", "chữ", "từ", "là", "gọi"})
# A note under a table that reads like a glossary ("Ghi chú: THT - tổ hợp tác; …").
_NOTE_LABEL = re.compile(r"(?i)^\s*(?:ghi\s+chú|chú\s+thích|chú\s+giải)\s*:")
# "ABBR (full phrase)": what follows an abbreviation token (ls.ABBR_TOKEN) there; see _reverse.
# Matched right after a token; searched, it starts only where a blank run starts.
_PHRASE_IN_PARENS = re.compile(r"(?<!\s)\s*+\((?P<phrase>[^()]{3,90})\)")
# A blank run before the phrase gives it at most its last two blanks (three when the phrase is
# only blanks): a phrase needs 3 characters and can use no more (the look-aheads), where
# handing it every split of a long run cost quadratic time.
_BLANKS_LEFT = r"(?=\s{0,2}\S|\s{3}:)"
_LIST_DEF = re.compile(
    rf"^\s*{_BLANKS_LEFT}(?:[-–+•]\s*{_BLANKS_LEFT})?(?:riêng\s+{_BLANKS_LEFT})?(?P<phrase>[^:()]{{3,60}}?)"
    r"\s*+:\s*+(?P<abbr>[\w&]+(?:[-–][\w&]+)*)\s*+[.;,]?\s*$")
_SEPARATOR = re.compile(r"[;\n]")  # between the entries of a glossary (_split_entries)
# Speed: the cheap tests a paragraph must pass before each pattern is tried (text/guards.py).
GLOSSARY_LABEL = guard("VB20x glossary label", _GLOSSARY_LABEL, lambda t: ":" in t and ("ắ" in t or "Ắ" in t))
# (a numbered paragraph passes the first test: the "tắt" of "viết tắt" must be there too)
GLOSSARY_TITLE = guard("VB20x glossary title", _GLOSSARY_TITLE,
                       lambda t: t[:1] in "bBdDIVX0123456789" and ("ắ" in t or "Ắ" in t))
PAREN = guard("VB20x definition in parentheses", (_PAREN, _PHRASE_IN_PARENS), lambda t: "(" in t)
# ("ắ" first: one character is found many times faster than the three of "tắt", and is rare)
SAID = guard("VB20x definition without parentheses", _SAID, lambda t: "ắ" in t and "tắt" in t)
LIST_DEF = guard("VB20x definition after a colon", _LIST_DEF, lambda t: ":" in t)
NOTE_LABEL = guard("VB20x note under a table", _NOTE_LABEL, lambda t: ":" in t)
# One entry of a paragraph with a ":": the colon _LIST_DEF reads is the entry's first (nothing
# before it may hold one), and only the abbreviation may follow it; the lazy phrase costs up to
# 60 tries per optional prefix on the entries (most) that end otherwise.
_AFTER_COLON = re.compile(r"\s*+[\w&]++(?:[-–][\w&]++)*+\s*+[.;,]?\s*$")
LIST_ENTRY = guard("VB20x definition after a colon, one entry", _LIST_DEF,
                   lambda t: (c := t.find(":")) >= 0 and _AFTER_COLON.match(t, c + 1) is not None)
# Speed: each guard above asks for a ":", a "(" or the ắ of "tắt"; a paragraph with none of them
# (most of a long document's) skips all their tests at once in `build`.
ANY_DEFINITION = guard("VB20x any glossary or definition",
                       (_GLOSSARY_LABEL, _NOTE_LABEL, _GLOSSARY_TITLE, _PAREN, _PHRASE_IN_PARENS, _SAID, _LIST_DEF),
                       lambda t: ":" in t or "(" in t or "ắ" in t or "Ắ" in t)
_WRAPPED_CITATION = re.compile(r"\d\s*+/\s*+[\w-]*[-/]$")
_TABLE_HEADING = re.compile(
    r"^\d+\.?$|^(?:STT|TT|Chữ viết tắt|Từ viết tắt|Viết tắt|Nội dung|Giải thích|Nghĩa)", re.I)
_LOWER_SET = frozenset(ls.LOWER)
_WORD = re.compile(r"\w+")
_FUNCTION_WORDS = {"và", "của", "các", "về", "trong", "những", "cho", "với", "tại", "the", "of", "and", "for"}


@dataclass
class Definition:
    """Where and how a document defines an abbreviation."""

    abbr: str
    phrase: str | None  # folded full phrase, None when unknown (foreign acronym)
    tok: ls.Tok  # where the abbreviation is written in the definition
    point: tuple[int, int]  # from where it is defined (paragraph index, offset)
    kind: str  # "paren", "reverse", "glossary", "table"
    foreign: bool = False
    where: str = ""  # "chú thích 1", "dòng 29"


@dataclass
class Model:
    """A document's abbreviations: their definitions and their uses."""

    defs: dict[str, list[Definition]] = field(default_factory=lambda: defaultdict(list))
    uses: dict[str, list[ls.Tok]] = field(default_factory=lambda: defaultdict(list))
    headings: set[str] = field(default_factory=set)  # written in a column heading: not a use, not unused


# Speed: fold (NFD, drop marks, lower) remembered for the letters and words the definitions
# compare and keep (they repeat: one initial per word, the same phrases); fold is pure, so the
# memo changes nothing (tests/test_abbr_speed.py::test_fold_memo_is_fold). Long strings are
# not kept.
_fold_short = lru_cache(maxsize=1 << 14)(fold)


def _fold(s: str) -> str:
    return _fold_short(s) if len(s) <= 40 else fold(s)


def _letters(abbr: str) -> list[str]:
    return [_fold(c) for c in abbr if c.isalpha() and c.isupper()]


def phrase_before(before: str, abbr: str) -> str | None:
    """The syllables before "(ABBR)" whose initials spell it, folded; None if they do not."""
    letters = _letters(abbr)
    if not letters:
        return None
    words = re.findall(r"\w+", before)[-(len(letters) + 8):]
    j = len(letters) - 1
    taken: list[str] = []
    for w in reversed(words):
        if j < 0:
            break
        if _fold(w[0]) == letters[j] or (letters[j] == "w" and _fold(w).startswith("uo")):  # TW = Trung ương
            taken.append(w)
            j -= 1
        elif w.lower() in _FUNCTION_WORDS and taken:
            taken.append(w)
        else:
            return None
    if j >= 0:
        return None
    return normal_phrase(" ".join(reversed(taken)))


def _tail(s: str, end: int, words: int) -> str:
    """The end of s[:end] that holds its last `words` words whole, which is all phrase_before
    reads: handing it the whole text before every "(" of a long paragraph was quadratic."""
    size = 16 * (words + 1)
    while True:
        start = max(0, end - size)
        tail = s[start:end]
        if start == 0 or len(_WORD.findall(tail)) > words:  # the first may be cut, the rest are whole
            return tail
        size *= 4


def _ends_in_word(text: str, end: int) -> bool:
    """text[:end], blanks trimmed, ends in two small letters (re [a-z]{2,}\\s*$), read from its end."""
    k = end
    while k and text[k - 1].isspace():
        k -= 1
    return k >= 2 and text[k - 1] in _LOWER_SET and text[k - 2] in _LOWER_SET


def phrase_matches(phrase: str, abbr: str) -> bool:
    words = [w for w in re.findall(r"\w+", phrase) if w.lower() not in _FUNCTION_WORDS]
    letters = _letters(abbr)
    return len(words) == len(letters) and all(_fold(w[0]) == c for w, c in zip(words, letters))


def normal_phrase(s: str) -> str:
    return " ".join(_fold(w) for w in re.findall(r"\w+", s))


def _where(p, lang: str) -> str:
    if p.kind == "footnote":
        return (f"footnote {p.footnote_id}" if lang == "en" else f"chú thích {p.footnote_id}") if p.footnote_id else (
            "a footnote" if lang == "en" else "chú thích")
    return f"line {p.line}" if lang == "en" else f"dòng {p.line}"


def build(doc, ctx) -> Model:
    model = Model()
    paras = ls.use_paragraphs(doc, ctx.anatomy)
    lang = ctx.lang
    # Footnote markers: footnote id -> first (paragraph index, offset) referring to it.
    markers: dict[str, tuple[int, int]] = {}
    for p in doc.paragraphs:
        if p.kind == "footnote":
            continue
        for off, ident in p.footnote_refs:
            markers.setdefault(ident, (p.index, off))
    glossary_paras: set[int] = set()
    table_mode = 0  # paragraphs left in a glossary table/list
    prev_text = ""
    prev: Paragraph | None = None
    pending_abbr: ls.Tok | None = None
    heads = ls.heading_cells(paras)
    for p in paras:
        last, prev = prev, p
        text = p.text
        found = list(ls.ABBR_TOKEN.finditer(text))
        toks = list(ls.abbreviation_tokens(p, matches=found)) if found else []
        if p.index in heads:  # column headings of a table are not uses (sources.md §4.16)
            model.headings.update(t.text for t in toks)
            toks = []
        # 1. Glossaries.
        maybe = ANY_DEFINITION.may_match(text)
        label = GLOSSARY_LABEL.search(text) if maybe else None
        if label is None and maybe and (note := NOTE_LABEL.match(text)) and _looks_like_glossary(text[note.end():]):
            label = note  # a note under a table: "Ghi chú: THT - tổ hợp tác; LH HTX - …"
        if label or (p.kind == "footnote" and _looks_like_glossary(text)):
            glossary_paras.add(p.index)
            start = label.end() if label else 0
            if p.kind == "footnote":
                point = markers.get(p.footnote_id or "", (-1, 0))
            else:
                point = (-1, 0)
            for s, e in _split_entries(text, start):
                m = _ENTRY.match(text[s:e])
                if not m or not ls.abbr_shape(m.group("abbr")):
                    continue
                pair = m.group("abbr2")
                if pair and not ls.abbr_shape(pair):
                    continue
                for g in ("abbr", "abbr2") if pair else ("abbr",):
                    tok = ls.Tok(p, s + m.start(g), s + m.end(g), m.group(g))
                    # an entry of two abbreviations ("LH HTX") defines each, with no phrase of its own
                    phrase = None if pair else normal_phrase(m.group("phrase"))
                    model.defs[tok.text].append(Definition(
                        tok.text, phrase, tok, point, "glossary", foreign=bool(pair), where=_where(p, lang)))
            prev_text = text
            continue
        if maybe and GLOSSARY_TITLE.match(text):
            table_mode = 80
            glossary_paras.add(p.index)
            continue
        if table_mode:
            table_mode -= 1
            m = _ENTRY.match(text)
            if len(toks) == 1 and toks[0].start == 0 and toks[0].end == len(text.rstrip(".:")):
                glossary_paras.add(p.index)
                if last is not None and last.table and p.table and last.table[:2] == p.table[:2]:
                    # "Quyết định | QĐ": the phrase in the cell before, in the same row
                    model.defs[toks[0].text].append(Definition(
                        toks[0].text, normal_phrase(last.text), toks[0], (-1, 0), "table", where=_where(p, lang)))
                else:
                    pending_abbr = toks[0]  # a table cell holding the abbreviation alone
                continue
            if pending_abbr is not None:
                model.defs[pending_abbr.text].append(Definition(
                    pending_abbr.text, normal_phrase(text), pending_abbr, (-1, 0), "table",
                    where=_where(pending_abbr.para, lang)))
                pending_abbr = None
                glossary_paras.add(p.index)
                continue
            if m and ls.abbr_shape(m.group("abbr")):
                tok = ls.Tok(p, m.start("abbr"), m.end("abbr"), m.group("abbr"))
                model.defs[tok.text].append(Definition(
                    tok.text, normal_phrase(m.group("phrase")), tok, (-1, 0), "table", where=_where(p, lang)))
                glossary_paras.add(p.index)
                continue
            if _TABLE_HEADING.match(text) or p.kind == "cell":
                continue
            table_mode = 0
        # 2. Definitions in the running text.
        def_at: set[int] = set()
        paren = maybe and PAREN.may_match(text)  # asked once: it gates both _PAREN and _reverse
        for m in _PAREN.finditer(text) if paren else ():
            a = m.group("abbr")
            if not ls.abbr_shape(a) or a in ls.units() or ls.ROMAN.fullmatch(a):
                continue
            tail = m.group("tail")
            if tail and tail[0].isalpha() and is_vietnamese_syllable(tail):
                continue  # "(TP Vinh)": a place, not an index's name ("(PAR Index)")
            s = m.start("abbr")
            need = len(_letters(a)) + 8  # the words phrase_before reads
            before = (_tail(prev_text, len(prev_text), need) + " " if _continues(p, prev_text) else "") + \
                _tail(text, m.start(), need)
            phrase = phrase_before(before, a)
            # A definition needs a phrase before it: words, not a number or another code.
            if phrase is None and not _ends_in_word(before, len(before)):
                continue
            tok = ls.Tok(p, s, s + len(a), a)
            model.defs[a].append(Definition(a, phrase, tok, (p.index, s), "paren", foreign=phrase is None,
                                            where=_where(p, lang)))
            def_at.add(s)
        for m in SAID.finditer(text) if maybe else ():
            a, s = m.group("abbr"), m.start("abbr")
            if s in def_at or not ls.abbr_shape(a) or a in ls.units():
                continue
            words = re.findall(r"\w+", text[max(0, m.start() - 300): m.start()])
            while words and words[-1].lower() in _SAID_FILLERS:
                words.pop()  # "… bản sao, sau đây được gọi tắt là": the phrase ends before them
            phrase = phrase_before(" ".join(words), a)
            tok = ls.Tok(p, s, s + len(a), a)
            model.defs[a].append(Definition(a, phrase, tok, (p.index, s), "paren", foreign=phrase is None,
                                            where=_where(p, lang)))
            def_at.add(s)
        for a, s, phrase in _reverse(text, found) if paren else ():
            if ls.abbr_shape(a) and phrase_matches(phrase, a) and s not in def_at:
                tok = ls.Tok(p, s, s + len(a), a)
                model.defs[a].append(Definition(a, normal_phrase(phrase), tok, (p.index, s),
                                                "reverse", where=_where(p, lang)))
                def_at.add(s)
        for s0, e0 in _split_entries(text, 0) if maybe and LIST_DEF.may_match(text) else ():
            m = LIST_ENTRY.match(text[s0:e0])
            if m and ls.abbr_shape(m.group("abbr")) and (s0 + m.start("abbr")) not in def_at:
                phrase = phrase_before(m.group("phrase"), m.group("abbr"))
                if phrase:
                    a = m.group("abbr")
                    s = s0 + m.start("abbr")
                    tok = ls.Tok(p, s, s + len(a), a)
                    model.defs[a].append(Definition(a, phrase, tok, (p.index, s), "list", where=_where(p, lang)))
                    def_at.add(s)
        # 3. Uses.
        for t in toks:
            if t.start in def_at:
                continue
            if t.start == 0 and _WRAPPED_CITATION.search(prev_text):
                continue  # "…/2025/NĐ-" + "CP ngày …": a citation wrapped over two lines
            model.uses[t.text].append(t)
        prev_text = text
    return model


def _reverse(text: str, tokens: list[re.Match]) -> Iterable[tuple[str, int, str]]:
    """(abbreviation, its start, phrase) of each "ABBR (phrase)" in a paragraph, `tokens` its
    matches of ls.ABBR_TOKEN: the matches of ABBR_TOKEN followed by _PHRASE_IN_PARENS, found as
    that regex's finditer would (a token cannot end sooner before a space or "("; the tokens in
    a phrase found are skipped)."""
    # Speed: read from each "(" instead of trying the phrase after every token (most tokens have
    # none): the token it can follow is the one that ends where the blanks before the "(" start
    # (a token ends in a word character, and "\s*+" takes every blank); each run of blanks is
    # read once. tests/test_abbr_speed.py::test_reverse_fast_equals_plain.
    by_end = {t.end(): t for t in tokens}
    end = 0
    q = text.find("(")
    while q >= 0:
        e = q
        while e > 0 and text[e - 1].isspace():
            e -= 1
        t = by_end.get(e)
        if t is not None and t.start() >= end and (m := _PHRASE_IN_PARENS.match(text, e)):
            end = m.end()
            yield t.group(), t.start(), m.group("phrase")
        q = text.find("(", q + 1)


def _continues(p, prev_text: str) -> bool:
    """The paragraph continues the previous line (a wrapped sentence; conversions often leave a
    blank line inside the sentence, so a gap does not end it)."""
    t = p.text
    if t[:1] == "(" and prev_text and prev_text.rstrip()[-1:] not in ".:;!?)":
        return True  # "…cải cách hành chính" / "(CCHC) nhằm …": pdftotext put "(" on the next line
    return bool(prev_text) and bool(t) and t[0].islower()


def _looks_like_glossary(text: str) -> bool:
    entries = [e for e in re.split(r"[;\n]", text) if e.strip()]
    good = sum(1 for e in entries if (m := _ENTRY.match(e.strip(" ⁰¹²³⁴⁵⁶⁷⁸⁹"))) and ls.abbr_shape(m.group("abbr")))
    return good >= 2 and good >= len(entries) * 0.6


def _split_entries(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the entries from `start` on: parts between ";" and line breaks, none empty."""
    if ";" not in text and "\n" not in text:
        return [(start, len(text))] if len(text) > start else []
    out = []
    pos = start
    # Speed: the separators found by a character class (skipped to in C), the end of the text
    # added after; the regex "[;\n]|$" tried its alternatives at every position
    # (tests/test_abbr_speed.py::test_split_entries_fast_equals_plain).
    for m in _SEPARATOR.finditer(text, start):
        e = m.start()
        if e > pos:
            out.append((pos, e))
        pos = m.end()
    if len(text) > pos:
        out.append((pos, len(text)))
    return out


# --------------------------------------------------------------------------- variants


def _dfold(a: str) -> str:
    return a.replace("Đ", "D").replace("đ", "d")


def variant_of(u: str, d: str) -> bool:
    """`u` is a slip for `d`: case (VneID/VNeID), Đ/D (QHLD/QHLĐ), or one letter added or
    changed at the end of a long abbreviation (CBCCVN, CBCCVV for CBCCV)."""
    if u == d:
        return False
    if u.lower() == d.lower() and len(d) >= 3:
        return True
    if len(d) >= 4 and _dfold(u).lower() == _dfold(d).lower():
        return True  # QHLD / QHLĐ; not HD / HĐ (hướng dẫn, hợp đồng) nor DA / ĐA
    if "-" in u or "-" in d or "&" in u or "&" in d:
        return False
    if len(d) >= 5 and len(u) == len(d) + 1 and u.startswith(d):
        return True
    if len(d) >= 5 and len(u) == len(d) and u[:-1] == d[:-1]:
        return True
    return False


def slip_of(u: str, d: str) -> bool:
    """`u` is a typing slip of `d` (letters only, 4 or more, same length): one letter replaced by
    a copy of its neighbour ("DCCI" for "DDCI"), or two adjacent letters swapped ("UBDN" for
    "UBND"). Not any changed letter: "CCVC" beside "CCHC" is another abbreviation."""
    if len(d) < 4 or len(u) != len(d) or u == d or not (u.isalpha() and d.isalpha()):
        return False
    diff = [i for i, (a, b) in enumerate(zip(u, d)) if a != b]
    if len(diff) == 2:
        i, j = diff
        return j == i + 1 and u[i] == d[j] and u[j] == d[i]
    if len(diff) == 1:
        i = diff[0]
        return (i > 0 and u[i] == u[i - 1]) or (i + 1 < len(u) and u[i] == u[i + 1])
    return False


class Variants:
    """The spellings `d` added so far that `u` may be a slip for (`variant_of(u, d)`, and
    `slip_of(u, d)` when asked), found by look-ups instead of comparing `u` with every one: each
    way they accept is an equality of keys of both. variant_of: same lower case, same lower case
    with Đ as D, `d` is `u` but its last letter, both the same but their last letter. slip_of:
    both the same but one letter (hashes of the text before and after it), or `d` is `u` with two
    neighbours swapped (a hash of that). Linear in the length of `u`, whatever it is."""

    def __init__(self, spellings=(), variants: bool = True):
        self.variants = variants
        self.keys: dict[tuple, list[str]] = defaultdict(list)
        self.order: dict[str, int] = {}
        for d in spellings:
            self.add(d)

    def add(self, d: str) -> None:
        if d in self.order:
            return
        self.order[d] = len(self.order)
        if self.variants:
            for key in ((0, d.lower()), (1, _dfold(d).lower()), (2, d), (3, d[:-1])):
                self.keys[key].append(d)
        if len(d) >= 4 and d.isalpha():
            pre, suf = _hashes(d)
            self.keys[(5, len(d), pre[-1])].append(d)
            for i in range(len(d)):
                self.keys[(4, len(d), i, pre[i], suf[i + 1])].append(d)

    def of(self, u: str, slips=None) -> list[str]:
        """Every d added with variant_of(u, d), or with slip_of(u, d) and slips(d), in the order
        they were added."""
        found = set()
        if self.variants:
            found = {d for key in ((0, u.lower()), (1, _dfold(u).lower()), (2, u[:-1]), (3, u[:-1]))
                     for d in self.keys.get(key, ())}
        if slips is not None and len(u) >= 4 and u.isalpha():
            n = len(u)
            pre, suf = _hashes(u)
            for i in range(n):
                found.update(self.keys.get((4, n, i, pre[i], suf[i + 1]), ()))
                if i + 1 < n:  # u with u[i] and u[i + 1] swapped, hashed from its parts
                    h = (pre[i] * _POW[2] + ord(u[i + 1]) * _B + ord(u[i])) % _M
                    h = (h * _pow(n - i - 2) + suf[i + 2]) % _M
                    found.update(self.keys.get((5, n, h), ()))
        return sorted((d for d in found if (self.variants and variant_of(u, d))
                       or (slips is not None and slip_of(u, d) and slips(d))), key=self.order.__getitem__)


_B, _M = 1_000_003, (1 << 61) - 1
_POW = [1, _B, _B * _B % _M]


def _pow(k: int) -> int:
    while len(_POW) <= k:
        _POW.append(_POW[-1] * _B % _M)
    return _POW[k]


def _hashes(s: str) -> tuple[list[int], list[int]]:
    """Polynomial hashes of every prefix s[:i] and every suffix s[i:] (pre[i], suf[i])."""
    pre = [0]
    for c in s:
        pre.append((pre[-1] * _B + ord(c)) % _M)
    suf = [0] * (len(s) + 1)
    for i in range(len(s) - 1, -1, -1):
        suf[i] = (ord(s[i]) * _pow(len(s) - 1 - i) + suf[i + 1]) % _M
    return pre, suf


# --------------------------------------------------------------------------- the check


@check(rule("VB201"), rule("VB202"), rule("VB203"), rule("VB204"), rule("VB205"))
def abbreviations(doc, ctx):
    model = build(doc, ctx)
    known = ls.known_abbreviations(ctx)
    known_folded = {_dfold(k).lower(): k for k in known}
    defined = {a for a, ds in model.defs.items() if ds}

    # Variants: each undefined spelling attached to a defined (or known, or majority) form. A
    # slip (`slip_of`) must be no more frequent than the form it is a slip of (its uses and
    # definitions); a known form must be written more often in the document than its slip.
    variant: dict[str, str] = {}
    text = None
    counts: dict[str, int] = {}  # known form -> times written in the document
    defined_variants = Variants(defined)
    known_variants = None
    for u in model.uses:
        if u in defined or u in known:
            continue
        cands = defined_variants.of(u, slips=lambda d: len(model.uses[u]) <= len(model.uses.get(d, ())) + len(model.defs[d]))
        if not cands and len(u) >= 4:
            if text is None:
                text = "\n".join(p.text for p in doc.paragraphs)
                known_variants = Variants(sorted(known), variants=False)
            cands = []
            for k in known_variants.of(u, slips=lambda k: True):
                if k not in counts:
                    counts[k] = text.count(k)
                if counts[k] > len(model.uses[u]):
                    cands.append(k)
        if len(cands) == 1:
            variant[u] = cands[0]
    # Undefined spellings that differ only in case or Đ/D: the minority follows the majority.
    groups: dict[str, list[str]] = defaultdict(list)
    for u in model.uses:
        if u not in defined and u not in variant:
            groups[_dfold(u).lower() if len(u) >= 4 else u.lower()].append(u)
    for key, spellings in groups.items():
        if len(spellings) < 2:
            continue
        canon = known_folded.get(key)
        ranked = sorted(spellings, key=lambda s: (s != canon, -len(model.uses[s]), model.uses[s][0].pos))
        for s in ranked[1:]:
            variant[s] = ranked[0]

    uses_of: dict[str, list[ls.Tok]] = defaultdict(list)
    for a, toks in model.uses.items():
        uses_of[variant.get(a, a)].extend(toks)

    # VB205: every occurrence of a variant spelling.
    for u, d in sorted(variant.items(), key=lambda kv: model.uses[kv[0]][0].pos):
        ds = model.defs.get(d)
        for t in model.uses[u]:
            if ds:
                yield ctx.finding("VB205", t.para, t.start, t.end, "abbr-defined", text=t.text, form=d,
                                  where=ds[0].where)
            elif d in known and d not in model.uses:
                yield ctx.finding("VB205", t.para, t.start, t.end, "abbr-known", text=t.text, form=d)
            else:
                yield ctx.finding("VB205", t.para, t.start, t.end, "abbr-majority", text=t.text, form=d,
                                  count=len(model.uses[d]))

    # VB201 / VB202.
    for a, toks in model.uses.items():
        if a in variant:
            continue
        all_toks = sorted(uses_of[a], key=lambda t: t.pos)
        ds = model.defs.get(a)
        if not ds:
            if a in known or _compound_known(a, known, defined):
                continue
            # Uses in the document's own lists and appendices count (DANH SÁCH, phụ lục, bảng);
            # attached copies of other documents are not read as uses (langscope).
            t = all_toks[0]
            yield ctx.finding("VB201", t.para, t.start, t.end, text=t.text, count=len(all_toks))
            continue
        # A known abbreviation the document defines is checked like any other: its own
        # definition outranks the list.
        point = min(d.point for d in ds)
        early = [t for t in all_toks if t.pos < point]
        if early:
            d0 = min(ds, key=lambda d: d.point)
            t = early[0]
            yield ctx.finding("VB202", t.para, t.start, t.end, text=t.text, where=d0.where)

    # VB203: defined, never used (uses of variants count). A table of five codes or more, of
    # which the document uses fewer than one in five, is a reference table (NĐ 30 Phụ lục III:
    # the codes of the document types), not the document's glossary.
    table_defs = [a for a, ds in model.defs.items() if any(d.kind == "table" for d in ds)]
    reference = len(table_defs) >= 5 and 5 * sum(1 for a in table_defs if uses_of.get(a)) < len(table_defs)
    for a, ds in model.defs.items():
        if uses_of.get(a) or a in model.headings or (reference and a in table_defs):
            continue
        if all(d.foreign or d.kind in ("reverse", "list") for d in ds):
            # a foreign body named once with its acronym (NĐ 30's own examples), or an
            # explanation of codes ("NQ (nghị quyết)", "Chi bộ: CB")
            continue
        d = ds[0]
        key = "glossary" if d.kind in ("glossary", "table") else "default"
        yield ctx.finding("VB203", d.tok.para, d.tok.start, d.tok.end, key, text=a, where=d.where)

    # VB204: one abbreviation, two phrases; one phrase, two abbreviations.
    by_phrase: dict[str, list[Definition]] = defaultdict(list)
    for a, ds in model.defs.items():
        # The first definition of each phrase, by its content words: a clash is the first of
        # them whose words differ (`_content_words`), found without comparing every pair.
        seen: dict[tuple[str, ...], Definition] = {}
        for d in sorted(ds, key=lambda d: d.tok.pos):
            if d.phrase:
                by_phrase[d.phrase].append(d)
                words = _content_words(d.phrase)
                clash = next((s for w, s in seen.items() if w != words), None)
                if clash:
                    yield ctx.finding("VB204", d.tok.para, d.tok.start, d.tok.end, "two-phrases", text=a,
                                      where=clash.where)
                    continue
                seen.setdefault(words, d)
    for phrase, ds in by_phrase.items():
        abbrs: list[Definition] = []
        spellings = Variants()
        for d in sorted(ds, key=lambda d: d.tok.pos):
            # Not an abbreviation met before for this phrase, nor a variant of one.
            if abbrs and d.abbr not in spellings.order and not spellings.of(d.abbr):
                yield ctx.finding("VB204", d.tok.para, d.tok.start, d.tok.end, "two-abbrs", text=d.abbr,
                                  form=abbrs[0].abbr, where=abbrs[0].where)
            abbrs.append(d)
            spellings.add(d.abbr)


def _content_words(phrase: str) -> tuple[str, ...]:
    """The words of a phrase but its function words: two phrases with the same are one."""
    return tuple(w for w in phrase.split() if w not in _FUNCTION_WORDS)


def _compound_known(a: str, known: frozenset[str], defined: set[str]) -> bool:
    parts = [x for x in re.split(r"[-–&]", a) if x]
    abbr_parts = [x for x in parts if ls.abbr_shape(x)]
    return len(parts) > 1 and all(x in known or x in defined for x in abbr_parts)
