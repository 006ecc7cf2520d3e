"""VB130 (appendices) and VB131 (copy blocks), from the appendix and copy blocks the anatomy found
(NĐ 30 PL I mục III.1, Phần II mục II; PL III Mẫu 2.1, 3.1; HD 36 mục II.3.3, II.4.5)."""

from __future__ import annotations

import re

from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.model import SourceKind
from ..core.rule import check
from ..text.letters import fold_same_length
from .structure import from_roman, roman

_GENERIC_REF = re.compile(r"\bphu\s{1,3}luc\s{1,3}(?:kem\s{1,3}theo|dinh\s{1,3}kem|nay)\b|\bcac\s{1,3}phu\s{1,3}luc\b")
_ANY_REF = re.compile(r"\bphu\s{1,3}luc\b")
_LABEL_WORDS = re.compile(r"\S{1,20}\s{1,3}\S{1,20}")
_COPY_NUMBER = re.compile(r"^Số\s{0,2}:?\s{0,3}[\d…._ ]{0,12}\s{0,2}[/-]\s{0,2}(?P<code>[A-Za-zĐđ]{1,4})\s{0,2}[-/]")
COPY_CODES = {"sao y": "SY", "sao y ban chinh": "SY", "sao luc": "SL", "trich sao": "TrS"}
_PART_WORDS = {
    "issuer": ("tên cơ quan, tổ chức sao văn bản", "the copying body's name"),
    "so": ("số, ký hiệu bản sao", "the copy number"),
    "date": ("địa danh và thời gian sao", "the place and date of the copy"),
    "signature": ("chức vụ, họ tên người ký bản sao", "the signer's position and name"),
    "noi-nhan": ("nơi nhận", "its Nơi nhận"),
}


def _main_text(an) -> str:
    """The text an appendix is referred to from (trích yếu and body), folded."""
    labels = {id(a.label) for a in an.appendices}
    return " ".join(fold_same_length(p.text) for p in [*an.trich_yeu, *an.body] if id(p) not in labels)


# Fix: roman, party-arabic, label-case (rewrite the number or the word, and each "Phụ lục N" that
# refers to it), same-line (a break after the number) and unnumbered (number them I, II … in
# document order) are certain; no-ref is a suggestion (the line is built from the document's own
# number, date and issuer); reference and no-title have no fix.
@check(rule("VB130"))
def appendix(doc, ctx):
    an = ctx.anatomy
    apps = an.appendices
    if not apps:
        return
    party = ctx.profile == "dang"
    if not an.is_appendix:
        text = _main_text(an)
        generic = _GENERIC_REF.search(text)
        for a in apps:
            n = a.number
            if n is None or len(apps) == 1:
                ok = bool(_ANY_REF.search(text))
            else:
                ok = bool(generic) or bool(re.search(r"\bphu\s{1,3}luc\s{1,3}(?:so\s{1,3})?" + re.escape(n)
                                                     + r"(?![a-z0-9])", text))
            if not ok:
                yield _at(ctx, a, "reference", text=_label(a))
    if len(apps) >= 2:
        for a in apps:
            n = a.number
            if n is None:
                yield _at(ctx, a, "unnumbered", count=len(apps))
            elif not party and n.isdigit():
                yield _at(ctx, a, "roman", expected=roman(int(n)), fix=_renumbered(an, a, roman(int(n))))
    for a in apps:
        n = a.number
        if party and n is not None and not n.isdigit() and from_roman(n):
            yield _at(ctx, a, "party-arabic", expected=from_roman(n), fix=_renumbered(an, a, str(from_roman(n))))
        if not party and a.ref is None and not a.ref_in_title and not an.is_appendix:
            yield _at(ctx, a, "no-ref", kind=_kind(an))
        if a.sep or len(a.inline_title.strip()) > 3:
            yield _at(ctx, a, "same-line", severity="info", label=_label(a))
        elif party and a.title is None:
            yield _at(ctx, a, "no-title", text=_label(a))
        w = _LABEL_WORDS.match(a.text)
        if not party and w and w.group() != "Phụ lục" and w.group().isupper():
            s = _start(a)
            fix = Fix.safe(Edit.replace(a.label, s + w.start(), s + w.end(), "Phụ lục")) if s is not None else None
            yield _at(ctx, a, "label-case", severity="info", text=w.group(),
                      expected=f"Phụ lục {(n or '').upper()}".strip(), fix=fix)


def _at(ctx, a, key, severity=None, fix=None, **fmt):
    p = a.label
    s = p.text.index(a.text) if a.text in p.text else 0
    return ctx.finding("VB130", p, s, s + len(a.text), key, severity=severity, fix=fix, **fmt)


def _start(a) -> int | None:
    return a.label.text.index(a.text) if a.text in a.label.text else None


def _renumbered(an, a, new: str) -> Fix | None:
    """The appendix's number rewritten, in its label and in every "Phụ lục N" of the trích yếu
    and the body that refers to it."""
    s = _start(a)
    n = a.number
    if s is None or not n:
        return None
    num = re.compile(r"(?<![\w])phụ lục\s{1,3}(?:số\s{1,3})?(" + re.escape(n) + r")(?![\w])", re.I)
    m = num.search(a.text)
    if not m:
        return None
    edits = [Edit.replace(a.label, s + m.start(1), s + m.end(1), new)]
    labels = {id(x.label) for x in an.appendices}
    for p in [*an.trich_yeu, *an.body]:
        if id(p) in labels:
            continue
        edits.extend(Edit.replace(p, r.start(1), r.end(1), new) for r in num.finditer(p.text))
    return Fix.safe(*edits)


def _label(a) -> str:
    n = a.number
    return f"Phụ lục {n.upper() if n and not n.isdigit() else (n or '')}".strip()


def _kind(an) -> str:
    from ..catalogue import loader as packs

    return str(packs.doc_types().get(an.doc_type or "", {}).get("name", "văn bản")).split(" (")[0]


# Fix: marker-case, marker-form and code are certain (rewrite them); missing parts have no fix
# (their content is unknown); rule is a suggestion.
@check(rule("VB131"))
def copy_block(doc, ctx):
    an = ctx.anatomy
    party = ctx.profile == "dang"
    lang = ctx.lang
    if an.copy_stamp is not None:
        # A stamp on top: one finding (where the copy form goes and what it holds), not one per part.
        t = an.copy_stamp.text
        s = len(t) - len(t.lstrip())
        yield ctx.finding("VB131", an.copy_stamp, s, len(t.rstrip()), "top", severity="info", text=t.strip())
    for c in an.copy_blocks:
        p = c.marker
        s = p.text.index(c.text) if c.text in p.text else 0
        e = s + len(c.text)
        if c.text != c.text.upper():
            fix = Fix.safe(Edit.replace(p, s, e, c.text.upper())) if p.text[s:e] == c.text else None
            yield ctx.finding("VB131", p, s, e, "marker-case", expected=c.text.upper(), fix=fix)
        elif c.form == "sao y ban chinh" and not party:
            fix = Fix.safe(Edit.replace(p, s, e, "SAO Y")) if p.text[s:e] == c.text else None
            yield ctx.finding("VB131", p, s, e, "marker-form", severity="info", fix=fix)
        for name in ("issuer", "so", "date", "signature", "noi-nhan"):
            if getattr(c, name.replace("-", "_")) is None:
                vi, en = _PART_WORDS[name]
                yield ctx.finding("VB131", p, s, e, "missing", part=en if lang == "en" else vi)
        if c.so is not None:
            m = _COPY_NUMBER.match(c.so.text.strip())
            want = "BS" if party else COPY_CODES.get(c.form)
            if m and want and m.group("code") != want:
                cs = c.so.text.index(m.group("code"), c.so.text.index("Số"))
                yield ctx.finding("VB131", c.so, cs, cs + len(m.group("code")), "code", text=m.group("code"),
                                  marker=c.text.upper(), expected=want,
                                  fix=Fix.safe(Edit.replace(c.so, cs, cs + len(m.group("code")), want)))
        if c.rule is None and doc.kind != SourceKind.DOCX:
            yield ctx.finding("VB131", p, s, e, "rule", severity="info")
