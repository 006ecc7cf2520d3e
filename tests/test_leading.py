"""text/leading.py moves a pattern's leading tests of the text before a match after its first
character (a speed trick): the rewritten pattern finds the same matches with the same groups as
the pattern as written, on strings generated from it and on every paragraph of the corpus."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbcheck.checks import capitalisation as C
from vbcheck.checks import terms
from vbcheck.text.leading import first_char_first

from .conftest import CORPUS, SEEDS, need_shared


def _found(rx: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in rx.finditer(text)]


def _rewritten() -> list[tuple[str, str]]:
    """(as written, rewritten) for every pattern vbcheck rewrites: VB208's and VB205's."""
    out = []
    for r in C.all_rules():
        if getattr(r, "plain", None):
            out.append((r.plain, (r.low if r.low is not None else r.rx).pattern))
    out.append((terms._small_heads_source(), terms._small_heads().pattern))
    return out


# Shapes the rewrite handles, and ones it must leave alone.
SYNTHETIC = [
    r"\b(ab|ac|b)\s+(\d)",
    r"(?<![\w])(?<!x )(ab|b|abc)(?=\s)",
    r"(?:(?<=\bk \d )|(?<=\bm [a-c] ))(ab|ba)\s+(\d+)",
    r"\b-x",
    r"\bab\b",
    r"(?<!\w)(?P<name>a\ b|a|b\-c)(?!\w)",
    r"(?<=\n)ab",
    r"\b(a|)b",
    r"\b(a|b)?c",
    r"\b[ab]c",
    r"(?<=(a))b",
    r"(?i)\bab",
    r"\b(?:a(?:b|c)|d)e",
]


def test_rewrites_the_shapes_it_knows_and_leaves_the_rest():
    assert first_char_first(r"\b(ab|ac|b)\s") == r"(a(?<!\wa)(?:b|c)|b(?<!\wb))\s"
    assert first_char_first(r"(?<!x )(ab)") == r"(a(?<!(?:x )a)b)"
    assert first_char_first(r"\b-x") == r"-(?<=\w\-)x"
    assert first_char_first(r"\b(?:a(?:b|c)|d)e") == r"(?:a(?<!\wa)(?:b|c)|d(?<!\wd))e"
    assert first_char_first(r"(?:(?<=k )|(?<=m ))ab") == r"a(?:(?<=(?:k )a)|(?<=(?:m )a))b"
    for same in (r"\b(a|)b", r"\b(a|b)?c", r"\b[ab]c", r"(?<=(a))b", r"(?i)\bab", r"ab"):
        assert first_char_first(same) == same, same
    # the rewrite reaches VB208's and VB205's patterns (sre then skips to their first letters)
    assert sum(1 for plain, fast in _rewritten() if plain != fast) >= 25


CASES = [(p, first_char_first(p)) for p in SYNTHETIC] + _rewritten()


@pytest.mark.parametrize("plain,fast", CASES, ids=[f"{i}" for i in range(len(CASES))])
def test_same_matches_on_generated_strings(plain, fast):
    a, b = re.compile(plain), re.compile(fast)
    assert (a.groups, a.groupindex) == (b.groups, b.groupindex)
    around = st.text(alphabet="ab k1m-xđĐ\n", max_size=6)
    # strings the pattern matches (where the generator can make them: not for "\b-x"), and
    # others, each also between and around random text
    part = st.one_of(st.from_regex(a), around) if plain != r"\b-x" else around

    @settings(max_examples=80, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
    @given(around, part, around, part, around)
    def same(x, m1, y, m2, z):
        for text in (m1, x + m1 + y + m2 + z, m1 + m2, m1.lower(), (x + m1).upper()):
            assert _found(a, text) == _found(b, text), text

    same()


def test_same_matches_on_every_corpus_paragraph():
    need_shared()
    from vbcheck.engine import read, read_file

    texts: list[str] = []
    for f in sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx")) + sorted(SEEDS.glob("*")):
        texts += [p.text for p in read(str(f), read_file(str(f))).paragraphs]
    texts += [C.tone_text(t).lower() for t in texts]
    found = 0
    for plain, fast in _rewritten():
        a, b = re.compile(plain), re.compile(fast)
        for t in texts:
            fa = _found(a, t)
            assert fa == _found(b, t), (plain[:60], t[:120])
            found += len(fa)
    assert found > 1000  # the corpus exercises the patterns
