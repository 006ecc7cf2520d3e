"""VB001 (legacy TCVN3/VNI encodings) and VB002 (text not in NFC).

VB001: text that a legacy 8-bit font would render as Vietnamese shows up in Unicode as Latin-1
mojibake: TCVN3/ABC "Uû ban nh©n d©n", VNI "UÛy ban nhaân daân". A word is suspect when it holds
Latin-1 characters that Vietnamese never uses (©, ¸, ä, ñ, ö …) and no character beyond Latin-1;
a paragraph is reported when such words decode, with one of the two tables, into Vietnamese
syllables. The message gives the likely Unicode reading. In a .docx, runs whose direct font is
.VnTime*/VNI-* are decoded with their own table. VB002: the readers record where the source was
not NFC (decomposed or mixed); matching always runs on NFC, findings point at the source.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.rule import check
from ..text.guards import guard
from ..text.legacy import decode_tcvn3, decode_vni
from ..text.letters import is_syllable

# Latin-1 characters that Vietnamese Unicode text never uses inside a word.
_FOREIGN = set("¡¢£¤¥¦§¨©ª«¬®µ¶·¸¹»¼½¾ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïðñö÷øûüþÿ")
_FOREIGN_RE = re.compile("[" + re.escape("".join(sorted(_FOREIGN))) + "]")
# Latin-1 bytes of the other characters: deleting them from text encoded in Latin-1 leaves the
# foreign ones (`_may_be_foreign`)
_NOT_FOREIGN = bytes(b for b in range(256) if chr(b) not in _FOREIGN)
_WORD = re.compile(r"[A-Za-z\u00a1-\u00ff]+")


def _score(decoded: str) -> int:
    return sum(1 for w in re.findall(r"\w+", decoded) if is_syllable(w) and any(ord(c) > 0x7F for c in w))


def best_reading(s: str) -> tuple[str, str] | None:
    """("tcvn3"|"vni", reading) when `s` decodes into Vietnamese with one of the tables."""
    cands = []
    for name, dec in (("tcvn3", decode_tcvn3), ("vni", decode_vni)):
        r = dec(s)
        if r != s:
            cands.append((_score(r), name, r))
    if not cands:
        return None
    cands.sort(reverse=True)
    score, name, r = cands[0]
    return (name, r) if score > 0 else None


def _suspect_words(text: str) -> list[re.Match]:
    out = []
    if not _FOREIGN_RE.search(text):
        return out  # most paragraphs: no word can be suspect
    for m in _WORD.finditer(text):
        w = m.group(0)
        if any(c in _FOREIGN for c in w) and any(c.isalpha() for c in w):
            out.append(m)
    return out


# Speed (text/guards.py): whether a text holds a character of _FOREIGN. Encoding to Latin-1
# (dropping what is beyond it) and deleting bytes are plain loops in C, several times faster
# than a search for a class of characters.
FOREIGN = guard("VB001 Latin-1 letters Vietnamese never uses", _FOREIGN_RE,
                lambda t: bool(t.encode("latin-1", "ignore").translate(None, _NOT_FOREIGN)))


def _may_be_foreign(paras) -> bool:
    return FOREIGN.may_match("".join(p.text for p in paras))


def _legacy_font(props: dict) -> tuple[str, str] | None:
    fonts = props.get("rFonts")
    if not fonts:
        return None
    return _legacy_face(fonts.get("hAnsi") or "", fonts.get("ascii") or "", fonts.get("cs") or "")


@lru_cache(maxsize=256)  # a document uses a handful of fonts, on every run
def _legacy_face(*faces: str) -> tuple[str, str] | None:
    """(font, table) for the first of a run's font names that is a legacy font."""
    for f in faces:
        f = f.strip()
        if f.lower().startswith(".vn"):
            return f, "tcvn3"
        if f.lower().startswith("vni"):
            return f, "vni"
    return None


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


@check(rule("VB001"))
def legacy_encoding(doc, ctx):
    foreign = _may_be_foreign(doc.paragraphs)
    for p in doc.paragraphs:
        text = p.text
        reported = False
        for r in p.runs:
            lf = _legacy_font(r.props)
            if not lf:
                continue
            seg = text[r.start : r.end]
            dec = decode_tcvn3(seg) if lf[1] == "tcvn3" else decode_vni(seg)
            if dec != seg and not any(ord(c) > 0xFF for c in seg) and _score(dec) > 0:
                yield ctx.finding("VB001", p, r.start, r.end, "font", text=_short(seg), font=lf[0],
                                  encoding="TCVN3" if lf[1] == "tcvn3" else "VNI", reading=_short(dec),
                                  fix=_font_runs_fix(p))
                reported = True
                break
        if reported or not foreign:
            continue
        words = _suspect_words(text)
        if not words:
            continue
        # Words in the paragraph that are plain Unicode Vietnamese (beyond Latin-1) argue against.
        uni = sum(1 for w in re.findall(r"\w+", text) if any(ord(c) > 0xFF for c in w))
        if len(words) < 2 and uni:
            continue
        s, e = words[0].start(), words[-1].end()
        reading = best_reading(text[s:e])
        if not reading or uni > len(words):
            continue
        name, dec = reading
        # Likely, not certain: the words are read with the table that makes most of them Vietnamese.
        yield ctx.finding("VB001", p, s, e, name, text=_short(text[s:e]), reading=_short(dec),
                          fix=Fix.unsafe(Edit.replace(p, s, e, _nfc(dec), font=_UNICODE_FONT)))


_UNICODE_FONT = "Times New Roman"


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _font_runs_fix(p):
    """Every run of the paragraph in a legacy font, read with that font's table and set in
    Times New Roman (a run whose text reads the same, such as digits, only changes font)."""
    edits = []
    for r in p.runs:
        lf = _legacy_font(r.props)
        if not lf or r.end <= r.start:
            continue
        seg = p.text[r.start : r.end]
        if any(ord(c) > 0xFF for c in seg):
            continue  # already Unicode: the font name is stale, the text is not
        dec = _nfc(decode_tcvn3(seg) if lf[1] == "tcvn3" else decode_vni(seg))
        if dec != seg:
            edits.append(Edit.replace(p, r.start, r.end, dec, font=_UNICODE_FONT))
        else:
            edits.append(Edit.format_run(p, r.start, r.end, font=_UNICODE_FONT))
    return Fix.unsafe(*edits) if edits else None


@check(rule("VB002"))
def not_nfc(doc, ctx):
    affected = []
    with_marks = 0
    for p in doc.paragraphs:
        if any(ord(c) > 0x7F for c in p.text):
            with_marks += 1
        cols = p.props.get("not_nfc_cols")
        if not cols:
            continue
        colset = set(cols)
        offs = [i for i in range(len(p.text)) if p.cols[i] in colset]
        if offs:
            affected.append((p, offs))
    if not affected:
        return
    total = sum(len(o) for _, o in affected)
    whole = len(affected) >= max(1, 0.8 * with_marks)
    if whole:  # one finding for the document; its fix rewrites every word that is not NFC
        p, offs = affected[0]
        a, b = _word(p.text, offs[0])
        edits = [e for q, o in affected for e in _nfc_edits(q, o)]
        yield ctx.finding("VB002", p, a, b, "whole", text=p.text[a:b], count=total, fix=Fix.safe(*edits))
        return
    for p, offs in affected:
        a, b = _word(p.text, offs[0])
        yield ctx.finding("VB002", p, a, b, "mixed", text=p.text[a:b], count=len(offs),
                          fix=Fix.safe(*_nfc_edits(p, offs)))


def _word(text: str, s: int) -> tuple[int, int]:
    a, b = s, s + 1
    while a > 0 and text[a - 1].isalnum():
        a -= 1
    while b < len(text) and text[b].isalnum():
        b += 1
    return a, b


def _nfc_edits(p, offs: list[int]) -> list:
    """One edit per word holding a character that is not NFC in the source: the word written
    again in NFC (the text checks read is NFC already; the edit changes the file's bytes)."""
    out, last = [], -1
    for s in offs:
        if s < last:
            continue
        a, b = _word(p.text, s)
        out.append(Edit.replace(p, a, b, p.text[a:b]))
        last = b
    return out
