"""VB309: the rule lines under the Tiêu ngữ, the issuing body and the trích yếu (State), under
"ĐẢNG CỘNG SẢN VIỆT NAM", the "*" under the issuer and the five hyphens under the trích yếu
(Party): present, and of about the length NĐ 30 gives, measured as sources.md Appendix C says
(`vbcheck.ooxml.rulelines`). The bounds are in rules/formatting.toml (`rules`); a rule drawn as a
picture, or a part in a text box, is listed under not_evaluated with the reason."""

from __future__ import annotations

from ..catalogue.loader import rule
from ..core.rule import check
from ..ooxml import rulelines as rl
from .fmt_common import fmt_num, settings

_PARTS = {
    "tieu_ngu": ("Tiêu ngữ", "motto"),
    "issuer": ("tên cơ quan ban hành", "issuing body"),
    "trich_yeu": ("trích yếu", "summary"),
    "party_title": ("tiêu đề \"ĐẢNG CỘNG SẢN VIỆT NAM\"", "\"ĐẢNG CỘNG SẢN VIỆT NAM\" title"),
}
_DRAWN = ("line", "border-bottom", "border-top", "underscores", "hyphens", "picture", "group", "trailing")


def _name(part: str, lang: str) -> str:
    return _PARTS[part][1 if lang == "en" else 0]


def _bounds(part: str) -> tuple[float, float]:
    lo, hi = settings()["rules"][part]
    return float(lo), float(hi)


def _issuer_line(an):
    lines = list(an.issuer)
    if an.so is not None:
        so = an.so.para
        lines = [p for p in lines if p.line < so.line or (p.line == so.line and p.index < so.index)]
    return lines[-1] if lines else None


def _summary(an) -> list:
    if an.title is None or an.doc_type in (None, "CV"):
        return []
    return [p for p in an.trich_yeu if p is not an.authority and p is not an.title and not p.props.get("textbox")]


# Fix: a suggestion at most ("draw the rule about N cm long"); a shape's geometry is not a tracked
# revision in Word.
@check(rule("VB309"))
def rule_lines(doc, ctx):
    an = ctx.anatomy
    party = ctx.profile == "dang"
    targets = []  # (part, paragraph the rule hangs under, paragraphs whose longest line it measures, text span)
    if party:
        if an.party_title is not None:
            targets.append(("party_title", an.party_title.para, [(an.party_title.para, an.party_title.start,
                                                                   an.party_title.end)]))
    else:
        if an.tieu_ngu is not None:
            h = an.tieu_ngu
            last = h.last or h.para
            pieces = [(h.para, h.start, h.end if h.last in (None, h.para) else len(h.para.text))]
            if last is not h.para:
                pieces.append((last, 0, len(last.text)))
            targets.append(("tieu_ngu", last, pieces))
    issuer = _issuer_line(an)
    if issuer is not None:
        targets.append(("issuer", issuer, [(issuer, 0, len(issuer.text))]))
    summary = _summary(an)
    if summary:
        targets.append(("trich_yeu", summary[-1], [(p, 0, len(p.text)) for p in summary]))
    if not targets:
        return
    upto = max(p.line for _k, p, _x in targets)
    rows = rl.rows(doc, upto)
    by_line = {r.line: i for i, r in enumerate(rows) if r.line is not None}
    hanging = rl.under(rows)
    fm = ctx.formatting
    for part, para, pieces in targets:
        i = by_line.get(para.line)
        if i is None:
            ctx.not_evaluated("VB309", "rule-unlocated", part=_name(part, ctx.lang))
            continue
        row = rows[i]
        if row.in_textbox:
            ctx.not_evaluated("VB309", "rule-textbox", part=_name(part, ctx.lang))
            continue
        objs = hanging.get(i, [])
        if len(objs) > 1 and row.column is None:
            objs = _by_side(objs, part, rows, i) or objs
        yield from _judge(ctx, part, para, pieces, row, objs, party, fm)


def _by_side(objs, part, rows, i):
    """Several rules under one paragraph outside a table (a header laid out with tabs): the one on
    the part's side (right of the centre for the Tiêu ngữ, left for the issuer)."""
    width = rows[i].width
    side = []
    for o, host in objs:
        if o.h_offset is None or o.length is None:
            continue
        right = o.h_offset + o.length / 2 > width / 2
        if right == (part in ("tieu_ngu", "party_title")):
            side.append((o, host))
    return side


def _judge(ctx, part, para, pieces, row, objs, party, fm):
    lang = ctx.lang
    stars = [o for o, _h in objs if o.kind == "star"]
    drawn = [(o, h) for o, h in objs if o.kind in _DRAWN]
    if part == "issuer":
        if party:
            # A drawn rule (a line, a border, underscores) where the Party writes "*"; typed hyphens
            # are left alone: HD 36's own file writes "-------" under its issuer.
            if not stars and any(o.kind in ("line", "border-bottom", "underscores") for o, _h in drawn):
                yield ctx.finding("VB309", para, 0, len(para.text), "party-issuer-rule")
            return
        if stars and not drawn:
            yield ctx.finding("VB309", para, 0, len(para.text), "star-in-state")
            return
    if part == "trich_yeu" and party:
        if not any(o.kind in ("hyphens", "trailing") for o, _h in drawn):
            yield ctx.finding("VB309", para, 0, len(para.text), "party-trich-yeu")
        return
    if not drawn:
        yield ctx.finding("VB309", para, 0, len(para.text), "missing", part=_name(part, lang))
        return
    o, host = drawn[0]
    if o.kind == "picture":
        ctx.not_evaluated("VB309", "rule-picture", part=_name(part, lang))
        return
    if o.kind == "group":
        ctx.not_evaluated("VB309", "rule-group", part=_name(part, lang))
        return
    if o.kind in ("hyphens", "trailing"):
        return  # a rule typed as hyphens: present, its length not measured
    length = o.length
    if o.kind == "underscores":
        host_para = _para_of(ctx, host.line)
        length = _underscores_twips(fm, host_para) if host_para is not None else len(host.text) * 0.5 * 13.0 * 20
    elif o.kind.startswith("border"):
        length = host.width
    line = min(max(_width(fm, p, s, e) for p, s, e in pieces), row.width)
    if not length or not line:
        return
    ratio = length / line
    lo, hi = _bounds(part)
    if ratio < lo or ratio > hi:
        key = "length-full" if part in ("tieu_ngu", "party_title") else "length"
        yield ctx.finding("VB309", para, 0, len(para.text), key, part=_name(part, lang),
                          value=fmt_num(rl.cm(length), lang, 1), line=fmt_num(rl.cm(line), lang, 1),
                          ratio=fmt_num(ratio, lang, 2))
        return
    if part in ("issuer", "trich_yeu"):
        off = _off_centre(o, host, row)
        if off is not None and off > settings()["rules"]["off_centre"] * (row.cell_width or row.width):
            yield ctx.finding("VB309", para, 0, len(para.text), "off-centre", part=_name(part, lang),
                              value=fmt_num(rl.cm(off), lang, 1))


# Word draws superscript and subscript text at about two thirds of its size (Times New Roman's
# OS/2 superscript size is 1331/2048 = 0.65 of the em). Typed rules are often raised so, to sit
# close to the line above (NĐ 30's own header: 40 "_" at 14 pt superscript under the Tiêu ngữ).
SCRIPT_SCALE = 0.65


def _underscores_twips(fm, p) -> float:
    """The advance of the underscores of paragraph `p`: 0.5 em each, at each run's own size."""
    return sum(text.count("_") * 0.5 * f.size * (SCRIPT_SCALE if f.script else 1.0) * 20
               for _r, f, text in fm.runs(p))


def _para_of(ctx, line):
    for p in ctx.doc.paragraphs:
        if p.line == line:
            return p
    return None


def _width(fm, p, start, end) -> float:
    """The text's width in twips as Word sets it (Times New Roman metrics, each run's size and
    weight)."""
    total = 0.0
    for _r, f, text in fm.runs(p, start, end):
        total += rl.text_width(text, f.size, f.bold)
    return total


def _off_centre(o, host, row) -> float | None:
    """How far (twips) a drawn rule's centre lies from the centre of its column; None when its
    position is not an offset in the column (inline, aligned, relative to the page)."""
    if o.kind != "line" or o.h_offset is None or o.length is None:
        return None
    if o.h_rel == "column" and host.cell_width:
        return abs(o.h_offset + o.length / 2 - host.cell_width / 2)
    if o.h_rel == "margin" and host.column is None:
        return abs(o.h_offset + o.length / 2 - row.width / 2)
    return None
