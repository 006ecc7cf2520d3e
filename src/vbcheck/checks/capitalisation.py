"""VB208: capitalisation by NĐ 30 Phụ lục II, driven by the data in rules/capitalisation.toml.

Each rule of the data file is a pattern that matches a wrong form only, a list of names whose
case must be exact (or whose first letter, or every syllable, must be a capital), or a list of
spellings that are wrong wherever they stand mid-sentence; the file documents the conventions.
The rules read the text with every word's tone mark moved to one placement ("hoá" = "hóa": that
is VB206's business), which keeps every offset.

What Phụ lục II asks that the text alone cannot decide (a person's name, the sense of "Nhân dân",
the words that make an arbitrary body's name…) is listed in the catalogue entry's
`not_evaluated`, so that a clean VB208 is never read as "capitalisation checked".

`wrong_form(spelling)` tells VB205 whether a spelling of a name breaks a rule here, so that VB205
keeps the form Phụ lục II accepts even where the wrong one is the majority.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Iterator, NamedTuple

from ..catalogue import loader as packs
from ..catalogue.derived import derived
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.model import Paragraph, Zone
from ..core.rule import check
from ..text.guards import guard
from ..text.leading import first_char_first
from ..text.letters import LOWER, UPPER, is_upper, tone_normal
from . import langscope as ls

_WORD = re.compile(r"\w+")
# A list label at the end of the text before a match ("- ", "a) ", "1.2. ", "IV. ", "(a) "): read
# on the last 16 characters only.
_LIST_LABEL = re.compile(r"(?:^|\s)(?:[-+•*–]|[a-zđ]\)|\d{1,3}(?:\.\d{1,3}){0,4}[.)]|[IVX]{1,5}\.|\(\w{1,3}\))$")
_TEMPLATE = re.compile(r"\$\{(cap|lower|title|sentence|title2):(\d+)\}")
_GROUP = re.compile(r"\$(\d+)")
WINDOW = 80  # characters `unless_after` / `unless_before` read around a match
SCOPE = (Zone.TITLE, Zone.KINH_GUI, Zone.BODY, Zone.APPENDIX, Zone.FOOTNOTE, Zone.NOI_NHAN)


# The end of a word tone_normal may change: oa, oe or uy with the tone mark on the second vowel
# ("hoá", "uỷ"); other words are left as they are (the regex skips them in C). The word's start
# is found by reading back from there (a "\w*" in front would make the search quadratic on a
# long run of letters).
_SECOND_TONE = re.compile(r"[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?!\w)")


def tone_text(s: str) -> str:
    """The text with every word's tone mark moved to one placement (same length)."""
    out, pos = [], 0
    for m in _SECOND_TONE.finditer(s):
        a = m.start()
        while a > pos and (s[a - 1].isalnum() or s[a - 1] == "_"):
            a -= 1
        out += [s[pos:a], tone_normal(s[a : m.end()])]
        pos = m.end()
    if not out:
        return s
    out.append(s[pos:])
    t = "".join(out)
    return t if len(t) == len(s) else s


def mid_sentence(text: str, start: int) -> bool:
    """Whether `start` is away from a sentence start (see rules/capitalisation.toml)."""
    before = text[max(0, start - 40) : start].rstrip()
    if not before or (start <= 40 and not text[:start].strip()):
        return False
    if before[-1] in ".!?:;(“\"'‘[":
        return False
    return not _LIST_LABEL.search(before[-16:])


def _title_line(text: str) -> bool:
    """A line in Title Case: four words or more, nearly all capitalised (a heading style)."""
    words = [w for w in _WORD.findall(text) if not w.isdigit()]
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= 0.8 * len(words)


def _sentence_case(s: str) -> str:
    return s[:1].upper() + s[1:].lower()


def _title_case(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def _title2(s: str) -> str:
    w = s.split()
    return " ".join([x[:1].upper() + x[1:] for x in w[:2]] + w[2:])


_FORMS = {"cap": lambda v: v[:1].upper() + v[1:], "lower": str.lower, "title": _title_case,
          "sentence": _sentence_case, "title2": _title2}


def render(template: str, m: re.Match) -> str:
    out = _TEMPLATE.sub(lambda x: _FORMS[x.group(1)](m.group(int(x.group(2))) or ""), template)
    return _GROUP.sub(lambda x: m.group(int(x.group(1))) or "", out)


def _expand(pattern: str, data: dict[str, Any]) -> str:
    provinces = "|".join(sorted((re.escape(tone_text(x)) for x in data["province"]), key=len, reverse=True))
    return (pattern.replace("{UC}", UPPER).replace("{LC}", LOWER).replace("{U}", f"[{UPPER}]")
            .replace("{L}", f"[{LOWER}]").replace("{province}", f"(?:{provinces})"))


@dataclass
class Found:
    """A wrong form one rule found in a text, and its right form."""

    rule: "CapRule"
    start: int
    end: int
    text: str
    right: str


# Case folding for the guards: casefold, and the letters Python's IGNORECASE also matches that
# casefold leaves apart (dotted and dotless i, long s, the Kelvin sign).
_FOLD_EXTRA = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})
_FOLD_EXTRA_CHARS = re.compile("[İıſK]")


_FOLDED_WORD = re.compile(r"\w+")


class Prepared(NamedTuple):
    """What every rule's guard reads of one paragraph (tone-normal text), made once."""

    text: str
    lowered: str  # text.lower()
    words: frozenset[str]  # the words of `folded` that some rule's guard reads (_Dispatch.words)
    folded: str  # case-folded (casefold, and the letters IGNORECASE also matches)
    same_fold: bool  # folded == lowered, of the text's length: `words` are the words of both


def prepare(t: str) -> Prepared:
    folded = t.casefold()
    # (searched in `folded`, not `t`: a text's "K" is no longer there, and the translation
    # changes only the characters searched)
    if _FOLD_EXTRA_CHARS.search(folded):
        folded = folded.translate(_FOLD_EXTRA)
    lowered = t.lower()
    # (most texts: Vietnamese folds as it lowers)
    return Prepared(t, lowered, _dispatch().words.intersection(_FOLDED_WORD.findall(folded)), folded,
                    lowered == folded and len(lowered) == len(t))


def _derive(d: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The plain data a rule of the data file is built from: its pattern sources (the provinces
    spliced in, rewritten by first_char_first), its names with one tone-mark placement and their
    word index. Pure string work on the pack alone, kept between runs (all_rules)."""
    x: dict[str, Any] = {
        "unless_after": _expand(d["unless_after"], data) if "unless_after" in d else None,
        "unless_before": _expand(d["unless_before"], data) if "unless_before" in d else None,
        "lower_ok": frozenset(tone_text(w).lower() for w in d.get("lower_ok", ())),
        "check": d.get("check"),
    }
    names = d.get("names")
    if names == "{province_unambiguous}":
        names = [n for n in data["province"] if n not in set(data["ambiguous"])]
    if "words" in d:
        names, x["check"] = d["words"], "compound"
    x["names"] = names = [tone_text(n) for n in names] if names else None
    x["need_words"], x["need_strings"], x["need_written"] = frozenset(), (), ()
    if not names:
        x["plain"] = plain = _expand(d["pattern"], data)
        x["search"] = first_char_first(plain)
        needs = frozenset(n.casefold() for n in d.get("needs", ()))
        assert needs, f"{d['id']}: a pattern rule of rules/capitalisation.toml needs `needs`"
        # Speed: `needs_written`, strings one of which every match holds in the case written
        # ("Khoản" where the pattern asks a capital, "sở" where it asks small letters): tested
        # with `in` (C) on top of `needs`, which passes most paragraphs ("và", "sở").
        x["need_written"] = tuple(d.get("needs_written", ()))
        # whole words in a set, other needs ("nhà nước", "/") as substrings of the folded text
        x["need_words"] = frozenset(n for n in needs if _FOLDED_WORD.fullmatch(n))
        x["need_strings"] = tuple(sorted(n for n in needs if n not in x["need_words"]))
        return x
    # words of a name are separated by one space (a wider gap is VB207's business): a name is
    # then a literal, which `may_match` looks for before any regex runs
    pre = rf"(?:\b{d['after']}\s+)" if "after" in d else ""
    if x["check"] == "compound":
        x["plain"] = rf"{pre}(?<!\w)(?P<name>{_alternation(names)})(?!\w)"
        x["literals"] = literals = tuple(names)
    else:
        # the regex on the text as written, compiled when first needed (a text whose small
        # letters change its length)
        x["rx_source"] = rf"{pre}(?<!\w)(?P<name>{_alternation(names)})(?!\w)"
        # Speed: the names in small letters, searched case-sensitively in the text in small
        # letters (where that keeps every offset): literals the regex engine skips to, instead
        # of trying every position under IGNORECASE.
        x["literals"] = literals = tuple(n.lower() for n in names)
        x["plain"] = rf"{pre.lower()}(?<!\w)(?P<name>{_alternation(list(literals))})(?!\w)"
    x["search"] = first_char_first(x["plain"])
    x["literal_alternation"] = _alternation(list(literals))
    # Speed: a name stands between (?<!\w) and (?!\w), so each of its words is a whole word of
    # the text searched. Where the paragraph folds as it lowers (Prepared.same_fold) its words
    # are those of the text in small letters, and lower() keeps every letter a letter
    # (tests/test_capitalisation.py checks every code point): a rule whose names do not all
    # have their words there cannot match, a set test instead of a literal search that costs as
    # much as the rule's regex. Indexed by each name's longest word. Each name is then also a
    # literal of the text searched (in small letters for `low`), tested with `in` (C) for the
    # few names whose words are all there, rather than searching the alternation of all the
    # rule's names.
    index: dict[str, list[tuple[frozenset[str], str]]] | None = {}
    for n in literals:
        ws = frozenset(_FOLDED_WORD.findall(n.lower()))
        if not ws or len(n.lower()) != len(n) or "Σ" in n:
            index = None  # no word test for such a name (none in the data today)
            break
        index.setdefault(max(sorted(ws), key=len), []).append((ws, n))
    x["name_words"] = index
    return x


def _alternation(names: list[str]) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


class CapRule:
    """One rule of rules/capitalisation.toml, compiled from the rule `d` and its derived data
    `x` (_derive)."""

    def __init__(self, d: dict[str, Any], x: dict[str, Any]):
        self.id: str = d["id"]
        self.status: str = d.get("status", "keep")
        self.severity: str = d.get("severity", "warning")
        self.section: str = d.get("section", "")
        self.mid: bool = d.get("mid", False)
        self.title_lines: bool = d.get("title_lines", True)
        self.line_start: bool = d.get("line_start", True)
        self.right: str = d.get("right", "")
        self.check: str | None = x["check"]
        self.wrong: list[str] = d.get("wrong", [])
        self.ok: list[str] = d.get("ok", [])
        self._later = (x["unless_after"], x["unless_before"], x.get("literal_alternation"))  # (_compiled)
        self.unless_number = frozenset(d.get("unless_number", ()))
        self.lower_ok: frozenset[str] = x["lower_ok"]
        self.names: list[str] | None = x["names"]
        self.plain: str = x["plain"]
        self.low: re.Pattern | None = None
        self.rx: re.Pattern | None = None
        self.literals: tuple[str, ...] = x.get("literals", ())  # names as written (words rules) or in small letters
        if self.names:
            if self.check == "compound":
                self.rx = re.compile(x["search"])
            else:
                self._rx_source: str = x["rx_source"]
                self.low = re.compile(x["search"])
            self.canon = {n.lower(): n for n in self.names}
            self.group: str | int = "name"
            index = x["name_words"]
            self.name_words: dict[str, list[tuple[frozenset[str], str]]] | None = index
            self.name_keys = frozenset(index or ())
        else:
            self.rx = re.compile(x["search"])
            self.group = "x" if "x" in self.rx.groupindex else 0
            self.name_words = None
        # (a pattern rule's `needs`, `needs_written`: see _derive)
        self.need_words: frozenset[str] = x["need_words"]
        self.need_strings: tuple[str, ...] = x["need_strings"]
        self.need_written: tuple[str, ...] = x["need_written"]
        self.guard = guard(f"VB208 {self.id}", self._plain_patterns, lambda t: self.may_match(prepare(t)))

    # Speed: patterns compiled when first used (a match to judge, a paragraph that does not fold
    # as it lowers): most runs need few of them, and they are among the largest (the provinces).
    def _compiled(self, i: int) -> re.Pattern | None:
        s = self._later[i]
        return re.compile(s) if s is not None else None

    @cached_property
    def unless_after(self) -> re.Pattern | None:
        return self._compiled(0)

    @cached_property
    def unless_before(self) -> re.Pattern | None:
        return self._compiled(1)

    @cached_property
    def literal_rx(self) -> re.Pattern | None:
        """The alternation of the names (`literals`); None for a pattern rule."""
        return self._compiled(2)

    def _plain_patterns(self) -> tuple[re.Pattern, ...]:
        """The pattern as written (its guard is proved on it; tests/test_leading.py proves that
        the rewritten one searched finds the same)."""
        return (re.compile(self.plain),)

    def may_match(self, p: Prepared) -> bool:
        """The rule's guard (registered in text/guards.py as this very test on the text)."""
        if self.literals:
            if p.same_fold and self.name_words is not None:
                # every word of some name is a word of the paragraph, and the name is in it
                words = p.words
                if self.name_keys.isdisjoint(words):
                    return False
                searched = p.lowered if self.low is not None else p.text
                index = self.name_words
                for w in self.name_keys.intersection(words):
                    for ws, n in index[w]:
                        if ws <= words and n in searched:
                            return True
                return False
            return self.literal_rx.search(p.lowered if self.low is not None else p.text) is not None
        # (loops rather than any(…): this runs for every rule on every paragraph)
        if self.need_words.isdisjoint(p.words):
            for n in self.need_strings:
                if n in p.folded:
                    break
            else:
                return False
        if not self.need_written:
            return True
        for n in self.need_written:
            if n in p.text:
                return True
        return False

    def matches(self, text: str, lowered: str | None = None) -> Iterator[re.Match]:
        """The pattern's matches in `text`; `lowered`: text.lower() (for the names rules)."""
        if self.low is not None:
            if lowered is None:
                lowered = text.lower()
            if len(lowered) == len(text):
                return self.low.finditer(lowered)  # the same spans as in `text`
            if self.rx is None:
                self.rx = re.compile(self._rx_source, re.IGNORECASE)
        return self.rx.finditer(text)

    def findings(self, text: str, title_line: bool = False, lowered: str | None = None) -> list[Found]:
        """The wrong forms in `text` (tone-normal). (A list, not a generator: this runs for every
        rule whose guard passes on a paragraph, most often finding nothing.)"""
        if title_line and not self.title_lines:
            return []
        out = []
        for m in self.matches(text, lowered):  # paragraph_findings asked the guard first
            s, e = m.span(self.group)
            got = text[s:e]
            if not got or is_upper(got) or self.mid and not mid_sentence(text, s):
                continue
            if self.unless_after and self.unless_after.search(text[max(0, s - WINDOW) : s]):
                continue
            if self.unless_before and self.unless_before.search(text[e : e + WINDOW]):
                continue
            if self.unless_number and any(g in self.unless_number for g in m.groups() if g):
                continue
            right = self._right(m, got, text, s)
            if right is not None:
                out.append(Found(self, s, e, got, right))
        return out

    def _right(self, m: re.Match, got: str, text: str, s: int) -> str | None:
        """The right form of a match, or None when the match is not wrong after all."""
        if not self.names:
            if self.check == "every-syllable" and all(w[:1].isupper() for w in m.group(1).split()):
                return None
            return render(self.right, m)
        g = " ".join(got.split())
        if self.check == "compound":
            return render(self.right, m.re.match(got)) if self.right else g
        canon = self.canon.get(g.lower(), g)
        if canon.lower() in self.lower_ok and g == g.lower():
            return None  # the activity or the system ("kiểm toán nhà nước"), not the body
        if self.check == "exact-case":
            if g == canon or (g[:1].isupper() and g[1:] == canon[1:] and not mid_sentence(text, s)):
                return None  # a sentence start may capitalise a canonical small first letter
            return canon
        if self.check == "first-letter":
            return canon if g[:1].islower() else None
        if self.check == "every-syllable":
            return _title_case(g) if any(w[:1].islower() for w in g.split()) else None
        raise ValueError(f"{self.id}: unknown check {self.check!r}")


@lru_cache(maxsize=1)
def all_rules() -> tuple[CapRule, ...]:
    """Every rule of the data file, dropped ones included (their tests still run). Built on the
    first check, not on import (some 80 ms of regex compiling a command like `vbcheck rules`
    need not pay); their speed guards register then (tests/test_guards.py builds them)."""
    data = packs.load("capitalisation.toml")
    return tuple(CapRule(d, x) for d, x in zip(data["rule"], _derived()["rules"]))


@lru_cache(maxsize=1)
def _derived() -> dict[str, Any]:
    return derived_data(packs.load("capitalisation.toml"))


def derived_data(data: dict[str, Any], cached: bool = True) -> dict[str, Any]:
    """{"rules": each rule's _derive, "dispatch": _dispatch_of them}: kept between runs of the
    command line (catalogue/derived.py; some 10 ms of string work in a one-file run), or built
    here where `cached` is false."""
    from ..text import leading, letters

    def build() -> dict[str, Any]:
        xs = [_derive(d, data["data"]) for d in data["rule"]]
        return {"rules": xs, "dispatch": _dispatch_of(data["rule"], xs)}

    if not cached:
        return build()
    out = derived("capitalisation", "capitalisation.toml", (sys.modules[__name__], leading, letters), build)
    ok = isinstance(out, dict) and len(out.get("rules", ())) == len(data["rule"]) and "dispatch" in out
    return out if ok else build()


@lru_cache(maxsize=1)
def rules() -> tuple[CapRule, ...]:
    """The rules that run (status keep or info), in the data file's order."""
    return tuple(r for r in all_rules() if r.status != "drop")



class _Dispatch(NamedTuple):
    """Speed trick, in one place: the rules whose guard passes on a paragraph, found from its
    words at once instead of asking each rule's `may_match` in turn (29 rules × every paragraph
    was VB208's largest cost on a long document).

    Where the paragraph folds as it lowers, `may_match` of a names rule is true when some name
    of its word index has all its words among the paragraph's and is in the text searched; of a
    pattern rule, when a word of its `needs` is a word of the paragraph or another of its
    `needs` is in the folded text, and then one of its `needs_written` (if any) is in the text.
    Here those tests are made from the paragraph's words: one set intersection (in C) with every
    index word, then only the names filed under the words found and the few need strings, the
    rules kept as bits of one integer and read in the data file's order. The same rules pass as
    by asking each (tests/test_capitalisation.py compares the two on the corpus, the seeds and
    sentences built from the data file), so the first rule still wins."""

    words: frozenset[str]  # every word any rule's may_match reads (`Prepared.words` keeps these only)
    keys: frozenset[str]  # the index words
    index: dict[str, tuple[int, tuple[tuple[int, frozenset[str], str, bool], ...]]]  # index word ->
    # (bits of the pattern rules that need it, the names filed under it: (their rule's bit, the
    # name's words, the name searched, whether searched in small letters))
    need_strings: tuple[tuple[str, int], ...]  # (a need that is not a word, bits of its rules)
    indexed: bool  # every names rule that runs has a word index (all of them in the data today)


@lru_cache(maxsize=1)
def _dispatch() -> _Dispatch:
    return _Dispatch(*_derived()["dispatch"])


def _dispatch_of(rule_dicts: list[dict[str, Any]], xs: list[dict[str, Any]]) -> tuple:
    """The fields of _Dispatch, from the rules of the data file and their _derive (plain data,
    kept between runs with them)."""
    words: set[str] = set()
    for x in xs:  # (dropped rules too: their guards read Prepared.words as well)
        words |= x["need_words"]
        for entries in (x.get("name_words") or {}).values():
            for ws, _ in entries:
                words |= ws
    running = [x for d, x in zip(rule_dicts, xs) if d.get("status", "keep") != "drop"]  # rules()
    need_words: dict[str, int] = {}
    need_strings: dict[str, int] = {}
    for i, x in enumerate(running):
        for w in x["need_words"]:
            need_words[w] = need_words.get(w, 0) | 1 << i
        for n in x["need_strings"]:
            need_strings[n] = need_strings.get(n, 0) | 1 << i
    # A name is filed under the one of its words that the fewest names hold ("tài" rather than
    # "chính" for "tài chính"): any of its words would do, as all must be in the paragraph, and
    # the rarer one leaves fewer names to test on each paragraph.
    entries = [(1 << i, ws, n, x["check"] != "compound") for i, x in enumerate(running) if x["names"]
               for e in (x["name_words"] or {}).values() for ws, n in e]
    held: dict[str, int] = {}
    for _, ws, _, _ in entries:
        for w in ws:
            held[w] = held.get(w, 0) + 1
    names: dict[str, list[tuple[int, frozenset[str], str, bool]]] = {}
    for e in entries:
        names.setdefault(min(e[1], key=lambda w: (held[w], -len(w), w)), []).append(e)
    index = {w: (need_words.get(w, 0), tuple(names.get(w, ()))) for w in set(need_words) | set(names)}
    return (frozenset(words), frozenset(index), index, tuple(need_strings.items()),
            all(x["name_words"] is not None for x in running if x["names"]))


@lru_cache(maxsize=1024)
def _in_order(bits: int) -> tuple[tuple[CapRule, tuple[str, ...]], ...]:
    """The rules of `bits` (positions in rules()) in the data file's order, each with its
    `needs_written`; cached: a document wakes few sets of rules."""
    return tuple((r, r.need_written) for i, r in enumerate(rules()) if bits >> i & 1)


def passing(p: Prepared) -> list[CapRule]:
    """The rules that run whose `may_match` is true on `p`, in the data file's order (_Dispatch)."""
    d = _dispatch()
    if not (p.same_fold and d.indexed):
        return [r for r in rules() if r.may_match(p)]
    words, text, lowered = p.words, p.text, p.lowered
    bits = 0
    index = d.index
    for w in d.keys.intersection(words):
        need, names = index[w]
        bits |= need
        for bit, ws, n, low in names:
            if not bits & bit and ws <= words and n in (lowered if low else text):
                bits |= bit
    folded = p.folded
    for n, b in d.need_strings:
        if bits & b != b and n in folded:  # (a substring search costs as much as many set tests)
            bits |= b
    out = []
    for r, written in _in_order(bits):
        if written:
            for n in written:
                if n in text:
                    break
            else:
                continue
        out.append(r)
    return out


def paragraph_findings(text: str) -> list[Found]:
    """The findings in one paragraph's text: one per stretch of text, the first rule winning
    ("Ủy ban Mặt trận Tổ Quốc" is one finding, not two)."""
    if not any(c.islower() for c in text):
        return []
    t = tone_text(text)
    title_line = None  # worked out when a rule that is not read in Title Case lines may match
    prep = prepare(t)
    lowered = prep.lowered
    out: list[Found] = []
    for r in passing(prep):  # speed: the rules whose guard passes (_Dispatch)
        if not r.title_lines and title_line is None:
            title_line = _title_line(t)
        for f in r.findings(t, bool(title_line), lowered):
            if any(o.start < f.end and f.start < o.end for o in out):
                continue
            out.append(f)
    return _merge_names(sorted(out, key=lambda f: f.start), t)


# Rules whose findings inside one name are one problem: "Sở Nông Nghiệp Và Môi Trường" is one
# finding ("Nông nghiệp và Môi trường"), not three.
_NAME_RULES = frozenset({"cap-field-title-case", "cap-function-word-in-name", "cap-compound-second-syllable"})
_NAME_GAP = re.compile(r"[\s,\-–]{1,3}")


def _merge_names(found: list[Found], text: str) -> list[Found]:
    out: list[Found] = []
    for f in found:
        last = out[-1] if out else None
        if (last and last.rule.id in _NAME_RULES and f.rule.id in _NAME_RULES
                and _NAME_GAP.fullmatch(text, last.end, f.start)):
            gap = text[last.end : f.start]
            out[-1] = Found(last.rule, last.start, f.end, text[last.start : f.end], last.right + gap + f.right)
        else:
            out.append(f)
    return out


@lru_cache(maxsize=1 << 12)
def wrong_form(spelling: str, within: int | None = None) -> bool:
    """Whether a spelling of a name, read mid-sentence, is wrong in its first `within`
    characters (all of it by default): a finding there whose right form differs there ("Ban
    chỉ" in "Ban chỉ đạo"; not "Mặt trận Tổ" in "Mặt trận Tổ Quốc", wrong only further on).
    For VB205, which keeps the form Phụ lục II accepts."""
    lead = "về "
    end = len(lead) + (len(spelling) if within is None else within)
    for f in paragraph_findings(lead + spelling):
        if not (len(lead) <= f.start < end):
            continue
        cut = end - f.start
        if len(f.right) != len(f.text) or f.text[:cut] != f.right[:cut]:
            return True
    return False


def scope(doc, an) -> list[Paragraph]:
    """The paragraphs VB208 reads (rules/capitalisation.toml: scope)."""
    skip = {id(p) for p in an.attached}
    if an.title is not None:
        skip.add(id(an.title))
    if an.authority is not None:
        skip.add(id(an.authority))
    if an.noi_nhan_label is not None:
        skip.add(id(an.noi_nhan_label))
    vv = {id(p) for p in an.vv}
    return [p for p in doc.paragraphs if (p.zone in SCOPE or id(p) in vv) and id(p) not in skip]


def document_findings(doc, an) -> list[tuple[Paragraph, Found, int]]:
    """(paragraph, finding, end) for each finding: a wrapped sentence (the next line starts with a
    small letter) is read as one text, its lines joined by a space; a finding that runs onto the
    next line ends at the end of its first line."""
    out = []
    for run in ls.wrapped_runs(scope(doc, an)):
        if len(run) == 1:
            out += [(run[0], f, f.end) for f in paragraph_findings(run[0].text)]
            continue
        starts, pos = [], 0
        for p in run:
            starts.append(pos)
            pos += len(p.text) + 1
        text = " ".join(p.text for p in run)
        for f in paragraph_findings(text):
            i = bisect.bisect_right(starts, f.start) - 1
            p, base = run[i], starts[i]
            if f.start == base and not f.rule.line_start:
                continue
            shifted = Found(f.rule, f.start - base, f.end - base, f.text, f.right)
            out.append((p, shifted, min(f.end - base, len(p.text))))
    return out


def _recased(p: Paragraph, f: Found) -> Fix | None:
    """An unsafe fix giving the place the right form's capitals, keeping its own letters (and so
    its tone-mark placement, VB206's business); none where the right form is more than a change
    of case ("hạng Nhất / Nhì / Ba")."""
    old = p.text[f.start : f.end]
    if len(old) != len(f.right) or tone_text(old).lower() != tone_text(f.right).lower():
        return None
    new = "".join(a.upper() if b.isupper() else a.lower() for a, b in zip(old, f.right))
    return Fix.unsafe(Edit.replace(p, f.start, f.end, new)) if new != old else None


@check(rule("VB208"))
def capitalisation(doc, ctx):
    for p, f, end in document_findings(doc, ctx.anatomy):
        sev = "info" if f.rule.severity == "info" else None
        yield ctx.finding("VB208", p, f.start, end, severity=sev, text=p.text[f.start : end], right=f.right,
                          section=f.rule.section, fix=_recased(p, f) if end == f.end else None)

