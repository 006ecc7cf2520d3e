"""VB206: two placements of the tone mark on word-final oa, oe, uy mixed in one document.

"hóa, hòa, khỏe, thủy, ủy" put the mark on the first vowel; "hoá, hoà, khoẻ, thuỷ, uỷ" on the
second. Both are correct (NĐ 30 itself prints both, sources.md §6.4); a document should use one.
Only word-final clusters count: "hoàn", "toán", "tuyến" are written the same in both styles, and
so are "quý", "quỳ" (qu is the onset, y the only vowel) and gi + vowel ("giá"). The Quốc hiệu is
a fixed literal ("CỘNG HÒA"/"CỘNG HOÀ" are both accepted by VB102) and is not counted. Messages
name the styles neutrally ("nguyên âm thứ nhất/thứ hai") because sources disagree on which is
"old" and which is "new". A configured house style (tone_style = "first" | "second") overrides the
majority.
"""

from __future__ import annotations

import re
import unicodedata

from ..anatomy import View
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.rule import check
from ..text.letters import TONES
from . import langscope as ls

# Vowels with a tone mark, both cases (the patterns spell out the capitals rather than use (?i):
# a case-insensitive class at the start stops the regex engine from skipping ahead in C).
_O = "òóỏõọÒÓỎÕỌ"
_U = "ùúủũụÙÚỦŨỤ"
_AE = "àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ"
_Y = "ỳýỷỹỵỲÝỶỸỴ"
# Word-final clusters, any case: first-vowel style (òa òe ùy, not after q; group "first" is set)
# and second-vowel style (oà oè, uỳ not after q). One pass finds both, from their toned vowel: it
# starts with one class, which the regex engine looks for in C. A first-vowel cluster is matched
# from there to its end; a second-vowel one is its toned vowel, which looks back at the first.
# Each branch first reads what follows the toned vowel (a plain one that ends the word, or the
# end of the word), which most toned vowels fail at once; then looks back at the pair.
CLUSTER = re.compile(
    rf"[{_O}{_U}{_AE}{_Y}]"
    rf"(?:[aeAEyY](?!\w)(?:(?<=[{_O}][aeAE])|(?<=[{_U}][yY]))(?<![qQ]..)(?P<first>)"
    rf"|(?!\w)(?:(?<=[oO][{_AE}])|(?<=[uU][{_Y}])(?<![qQ]..)))"
)
_GI_UY = re.compile(r"(?i)gi[ùúủũụ]y$")  # "giúy": gi is the onset
# Speed: _GI_UY matches a word of 4 letters whose second, right before the cluster, is one that
# (?i)i matches (these four); the word is read back (a loop per letter, once per cluster found:
# thousands in a long document) only after one. tests/test_language.py compares with reading
# every word.
_MAYBE_GI = "iIİı"

NAMES = {
    "vi": {"first": "nguyên âm thứ nhất", "second": "nguyên âm thứ hai"},
    "en": {"first": "first vowel", "second": "second vowel"},
}


def move_tone(word: str, to: str) -> str:
    """Rewrite a word's final oa/oe/uy cluster in the other placement."""
    d = unicodedata.normalize("NFD", word)
    marks = TONES
    chars = list(d)
    # find the tone mark and the cluster at the end
    base = [i for i, c in enumerate(chars) if not unicodedata.combining(c)]
    if len(base) < 2:
        return word
    i1, i2 = base[-2], base[-1]
    seg1 = chars[i1 + 1 : i2]
    seg2 = chars[i2 + 1 :]
    tone1 = [c for c in seg1 if c in marks]
    tone2 = [c for c in seg2 if c in marks]
    if to == "second" and tone1:
        seg1 = [c for c in seg1 if c not in marks]
        seg2 = seg2 + tone1
    elif to == "first" and tone2:
        seg2 = [c for c in seg2 if c not in marks]
        seg1 = seg1 + tone2
    out = chars[: i1 + 1] + seg1 + [chars[i2]] + seg2
    return unicodedata.normalize("NFC", "".join(out))


@check(rule("VB206"))
def tone_marks(doc, ctx):
    an = ctx.anatomy
    skip = {id(an.quoc_hieu.para)} if an and an.quoc_hieu else set()
    # the paragraphs as one text: one search (no cluster spans the line breaks between them)
    view = View([p for p in doc.paragraphs if id(p) not in skip])
    text = view.text
    hits: dict[str, list[re.Match]] = {"first": [], "second": []}
    for m in CLUSTER.finditer(text):
        if m.group("first") is None:
            hits["second"].append(m)
        elif text[m.start() - 1 : m.start()] not in _MAYBE_GI or not _GI_UY.match(_word(text, m)):
            hits["first"].append(m)  # ("" before the text's start: read as before)
    nf, ns = len(hits["first"]), len(hits["second"])
    if not nf or not ns:
        return
    house = str(ls.config(ctx).get("tone_style", "")).lower()
    key = "default"
    if house in ("first", "second"):
        major, key = house, "house"
    elif nf != ns:
        major = "first" if nf > ns else "second"
    else:  # a tie: the style that appears second is the minority
        major = "first" if hits["first"][0].start() < hits["second"][0].start() else "second"
    minor = "second" if major == "first" else "first"
    names = NAMES.get(ctx.lang, NAMES["vi"])
    for m in hits[minor]:
        word = _word(text, m)
        p, s = view.locate(m.end() - len(word))
        suggest = move_tone(word, major)
        fix = Fix.safe(Edit.replace(p, s, s + len(word), suggest)) if suggest != word else None
        yield ctx.finding("VB206", p, s, s + len(word), key, text=word, style=names[minor],
                          other=names[major], count=len(hits[major]),
                          suggest=suggest, fix=fix)


def _word(text: str, m: re.Match) -> str:
    """The whole word that a cluster ends, for the message."""
    s = m.start()
    while s > 0 and text[s - 1].isalnum():
        s -= 1
    return text[s : m.end()]
