"""The speed tricks of VB201–VB205's tokens (issue 17) give what the plain code gave: the first
look-ahead of langscope.ABBR_TOKEN, the order of the tests in langscope.abbreviation_tokens.
Each is compared with its plain form on every paragraph of the corpus and seeds, and on random
strings of the characters the tricks turn on."""

from __future__ import annotations

import random
import re

from vbcheck.checks import langscope as ls
from vbcheck.core.model import Paragraph

from .conftest import CORPUS, SEEDS, need_shared

# ABBR_TOKEN without the first look-ahead (the pattern before issue 17's speed work).
PLAIN_ABBR_TOKEN = re.compile(
    rf"[{ls.UPPER}](?<![\w&].)(?<![\w&][-–].)"
    rf"(?=[^\W{ls.UPPER}]*+(?:(?:&|[-–](?=[\w&]))[^\W{ls.UPPER}]*+)*+[{ls.UPPER}])"
    rf"[\w&]*(?:[-–][\w&]+)*"
)


def plain_abbreviation_tokens(p: Paragraph, spans=None, matches=None):
    """langscope.abbreviation_tokens as it was: every test in reading order, the citation tail
    found up front."""
    text = p.text
    first = ls._CITATION_TAIL.search(text) if ls.CITATION_TAIL.may_match(text) else None
    for m in PLAIN_ABBR_TOKEN.finditer(text) if matches is None else matches:
        tok = m.group(0)
        kind = ls._token_kind(tok)
        if kind is None or kind == "marked":
            continue
        s, e = m.span()
        if s > 0 and text[s - 1] in "/.@\\_" or e < len(text) and text[e] in "/@_":
            continue
        if e + 1 < len(text) and text[e] == "." and text[e + 1].isalnum():
            continue
        if spans is None:
            spans = ls.excluded_spans(text)
        if spans and ls.inside(spans, s, e):
            continue
        if kind == "syllable" and (ls._all_caps_context(text, s, e) or not ls._LOWER.search(text)):
            continue
        if tok in ls.SIGNATURE_PREFIXES and text[e : e + 1] == ".":
            continue
        if first is not None and first.start() < s and ls._tail_ends_at(text, first, s):
            continue
        if p.kind == "cell" and text.strip(" .:") == tok and (p.table is None or p.table[1] == 0):
            continue
        yield ls.Tok(p, s, e, tok)


def _corpus_texts() -> list[str]:
    need_shared()
    from vbcheck.engine import read, read_file

    files = sorted((CORPUS / "docx").glob("*.docx")) + sorted((CORPUS / "text").glob("*.txt")) + sorted(SEEDS.glob("*"))
    texts = []
    for f in files:
        texts += [p.text for p in read(str(f), read_file(str(f))).paragraphs]
    assert len(texts) > 1000
    return texts


# Capitals, small letters, the characters around tokens and the pieces of citations and tails.
_ALPHABET = ["UB", "ND", "Đ", "Ư", "Ủ", "a", "ư", "ố", "nh", "e", "I", "KINH", " ", "  ", "-", "–", "&", "/",
             ".", ":", "_", "@", "1", "25", "2020", "(", ")", "\t", "x", "TM", "é", "٣"]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 24))) for _ in range(n)]


def _paragraphs(text: str) -> list[Paragraph]:
    cols = list(range(len(text) + 1))
    return [Paragraph(0, text, 1, cols), Paragraph(0, text, 1, cols, kind="cell", table=(0, 0, 0)),
            Paragraph(0, text, 1, cols, kind="cell", table=(0, 2, 1)), Paragraph(0, text, 1, cols, kind="cell")]


def test_letter_classes_the_look_ahead_relies_on():
    """Small letters are word characters and never capitals; capitals are word characters."""
    lower, upper = set(ls.LOWER), set(ls.UPPER)
    assert not lower & upper
    assert all(re.fullmatch(r"\w", c) for c in lower | upper)


def test_abbr_token_fast_equals_plain():
    texts = _corpus_texts() + _random_texts(20_000, 17)
    for t in texts:
        assert [m.span() for m in ls.ABBR_TOKEN.finditer(t)] == [m.span() for m in PLAIN_ABBR_TOKEN.finditer(t)], t
    assert sum(1 for t in texts for _ in ls.ABBR_TOKEN.finditer(t)) > 5000


def _tokens(gen):
    return [(t.start, t.end, t.text) for t in gen]


def test_abbreviation_tokens_fast_equals_plain():
    texts = _corpus_texts() + _random_texts(20_000, 18) + ["KINH PHÍ", "Về KINH phí", "STT", "NQ.", "TM. UBND",
                                                           "số 1185/S V-CCVC và UBND", "UBND/HĐND"]
    kept = 0
    for t in texts:
        for p in _paragraphs(t):
            fast = _tokens(ls.abbreviation_tokens(p))
            assert fast == _tokens(plain_abbreviation_tokens(p)), (p.kind, p.table, t)
            kept += len(fast)
            # the caller's matches and spans give the same
            found = list(ls.ABBR_TOKEN.finditer(t))
            assert _tokens(ls.abbreviation_tokens(p, matches=found)) == fast
    assert kept > 3000


def plain_split_entries(text: str, start: int) -> list[tuple[int, int]]:
    """abbreviations._split_entries as it was: the regex "[;\\n]|$"."""
    if ";" not in text and "\n" not in text:
        return [(start, len(text))] if len(text) > start else []
    out, pos = [], start
    for m in re.finditer(r"[;\n]|$", text[:0] + text) if start == 0 else re.compile(r"[;\n]|$").finditer(text, start):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    return out


def test_split_entries_fast_equals_plain():
    from vbcheck.checks.abbreviations import _split_entries

    rng = random.Random(19)
    texts = _corpus_texts() + ["".join(rng.choice("ab;\n: ") for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for t in texts:
        for start in {0, 1, 3, len(t) // 2, len(t)}:
            if start <= len(t):
                assert _split_entries(t, start) == plain_split_entries(t, start), (t, start)


def test_list_entry_guard_on_the_entries_it_skips():
    """LIST_ENTRY says no only where _LIST_DEF cannot match (its own patterns are also proved in
    tests/test_guards.py); here on entries built around a colon."""
    from vbcheck.checks.abbreviations import _LIST_DEF, LIST_ENTRY

    rng = random.Random(20)
    parts = ["Chi bộ", " ", "  ", ":", "CB", "UBND", "-", "–", ".", ";", ",", "riêng ", "- ", "•", "(", "x", "\t", "&"]
    matched = 0
    for _ in range(60_000):
        t = "".join(rng.choice(parts) for _ in range(rng.randint(1, 9)))
        if _LIST_DEF.match(t):
            matched += 1
            assert LIST_ENTRY.may_match(t), t
    assert matched > 300


def test_fold_memo_is_fold():
    """abbreviations._fold remembers letters.fold for short strings and keeps no long one."""
    from vbcheck.checks import abbreviations as ab
    from vbcheck.text.letters import fold

    words = {w for t in _corpus_texts()[:3000] for w in re.findall(r"\w+", t)} | {"Đ", "đ", "Ươ", "ĐĂNG", "x" * 41}
    for w in sorted(words):
        assert ab._fold(w) == fold(w), w
        assert ab._fold(w) == fold(w), w  # remembered
    ab._fold_short.cache_clear()
    ab._fold("Ủy" * 30)
    assert ab._fold_short.cache_info().currsize == 0


def plain_reverse(text: str, tokens: list[re.Match]):
    """abbreviations._reverse as it was: the phrase tried after every token."""
    from vbcheck.checks.abbreviations import _PHRASE_IN_PARENS

    end = 0
    for t in tokens:
        if t.start() >= end and (m := _PHRASE_IN_PARENS.match(text, t.end())):
            end = m.end()
            yield t.group(), t.start(), m.group("phrase")


def test_reverse_fast_equals_plain():
    from vbcheck.checks.abbreviations import _reverse

    rng = random.Random(21)
    pieces = ["UBND", "CT-XH", "Hà", " ", "  ", "\u00a0", "\t", "(", ")", "(Ủy ban nhân dân)", "(ab)", "abc", "x", "(UBND)"]
    texts = _corpus_texts() + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(20_000)]
    found = 0
    for t in texts:
        tokens = list(ls.ABBR_TOKEN.finditer(t))
        fast = list(_reverse(t, tokens))
        assert fast == list(plain_reverse(t, tokens)), t
        found += len(fast)
    assert found > 2000
