"""Package- and section-level formatting checks: VB003 (tracked changes, comments), VB301 (paper
size and orientation), VB302 (margins), VB307 (page numbers).

Section findings are reported at the first paragraph of the section; document findings at the
first paragraph (rules.md "Locations": a missing part is reported where it belongs).
"""

from __future__ import annotations

import bisect

from ..catalogue.loader import rule
from ..core.model import Zone
from ..core.rule import check
from ..ooxml import styles
from ..core.fix import Edit, Fix
from .fmt_common import fmt_num, fmt_range, outside, profile_table, tol, twips, word

MAIN_ZONES = {Zone.HEADER_LEFT, Zone.HEADER_RIGHT, Zone.TITLE, Zone.KINH_GUI, Zone.BODY, Zone.SIGNATURE,
              Zone.NOI_NHAN}


def _first(doc):
    paras = [p for p in doc.paragraphs if p.kind != "footnote"]
    return paras[0] if paras else (doc.paragraphs[0] if doc.paragraphs else None)


class _Sections:
    """The paragraphs of each section, found once for the document by bisection (a scan of all
    paragraphs for each section was quadratic: 40,000 sections took minutes). The reader counts
    sections in paragraph numbers (`line`), which stay put when the anatomy splits a paragraph
    into layout columns."""

    def __init__(self, doc):
        self.body = [p for p in doc.paragraphs if p.kind != "footnote"]
        self.lines = [p.line for p in self.body]  # ascending: reading order

    def paras(self, sect) -> list:
        lo = bisect.bisect_right(self.lines, sect["start"])
        hi = bisect.bisect_right(self.lines, sect["end"])
        return self.body[lo:hi]

    def anchor(self, sect):
        k = bisect.bisect_right(self.lines, sect["start"])
        return self.body[k] if k < len(self.body) else (self.body[-1] if self.body else None)


# --------------------------------------------------------------------------- VB003


@check(rule("VB003"))
def tracked_changes(doc, ctx):
    rev = doc.meta.get("revisions") or {}
    n = int(rev.get("ins", 0)) + int(rev.get("del", 0)) + int(rev.get("fmt", 0))
    first = _first(doc)
    if first is None:
        return
    if n:
        where = next((p for p in doc.paragraphs if p.props.get("revised")), first)
        parts = []
        labels = {"vi": ("chèn", "xóa", "định dạng"), "en": ("insertions", "deletions", "formatting")}
        names = labels.get(ctx.lang, labels["vi"])
        for k, name in zip(("ins", "del", "fmt"), names):
            if rev.get(k):
                parts.append(f"{rev[k]} {name}")
        yield ctx.missing("VB003", where, "revisions", n=n, detail=", ".join(parts))
    if doc.meta.get("comments"):
        fm = ctx.formatting
        root = fm.part("word/comments.xml")
        count = len(root.findall(f"{styles.W_}comment")) if root is not None else 0
        if count:
            yield ctx.missing("VB003", first, "comments", n=count)


# --------------------------------------------------------------------------- VB301, VB302


def _dims(sect) -> tuple[float, float] | None:
    w = styles.num(sect["pgSz"].get("w"))
    h = styles.num(sect["pgSz"].get("h"))
    if not w or not h:
        return None
    return styles.mm(w), styles.mm(h)


def _paper_fix(doc, allowed, key, slack):
    """The unsafe fix of a paper size: every section of that size set to the one size the
    profile allows, in its own orientation."""
    if len(allowed) != 1:
        return None  # which of the allowed sizes is meant is the clerk's choice
    _name, short_mm, long_mm = allowed[0]
    edits = []
    sections = _Sections(doc)
    for k, sect in enumerate(doc.meta.get("sections") or ()):
        dims, where = _dims(sect), sections.anchor(sect)
        if dims is None or where is None or (round(min(dims)), round(max(dims))) != key:
            continue
        page = (twips(short_mm), twips(long_mm)) if dims[0] <= dims[1] else (twips(long_mm), twips(short_mm))
        edits.append(Edit.format_section(where, k, page=page))
    return Fix.unsafe(*edits) if edits else None


@check(rule("VB301"))
def paper_size(doc, ctx):
    allowed = profile_table(ctx)["paper"]
    slack = tol("paper_mm")
    seen = set()
    sections = _Sections(doc)
    for sect in doc.meta.get("sections") or ():
        dims = _dims(sect)
        where = sections.anchor(sect)
        if dims is None or where is None:
            continue
        w, h = dims
        short, long_ = sorted((w, h))
        match = next((a for a in allowed if abs(short - a[1]) <= slack and abs(long_ - a[2]) <= slack), None)
        if match is None:
            key = (round(short), round(long_))
            if key in seen:
                continue
            seen.add(key)
            name = _paper_name(short, long_)
            if len(allowed) == 1:
                yield ctx.missing("VB301", where, width=fmt_num(w, ctx.lang, 0), height=fmt_num(h, ctx.lang, 0),
                                  name=f" ({name})" if name else "", fix=_paper_fix(doc, allowed, key, slack))
            else:
                expected = " / ".join(f"{a[0]} ({a[1]} × {a[2]} mm)" for a in allowed)
                yield ctx.missing("VB301", where, "allowed", width=fmt_num(w, ctx.lang, 0),
                                  height=fmt_num(h, ctx.lang, 0), name=f" ({name})" if name else "",
                                  expected=expected)
            continue
        if w > h + slack:
            # Landscape is allowed for sections with tables or charts (PL I, mục I.2): report it only
            # for a section that holds the main text and no table of its own (the header and
            # closing tables do not count).
            paras = sections.paras(sect)
            if any(p.table is not None and p.zone in (Zone.BODY, Zone.APPENDIX, Zone.UNKNOWN) for p in paras):
                continue
            if not any(p.zone == Zone.BODY for p in paras):
                continue
            yield ctx.missing("VB301", where, "landscape", severity="warning",
                              width=fmt_num(w, ctx.lang, 0), height=fmt_num(h, ctx.lang, 0))


_PAPERS = (("A4", 210, 297), ("A5", 148, 210), ("A3", 297, 420), ("Letter", 215.9, 279.4),
           ("Legal", 215.9, 355.6), ("B5", 176, 250))


def _paper_name(short: float, long_: float) -> str:
    for name, a, b in _PAPERS:
        if abs(short - a) <= 1.5 and abs(long_ - b) <= 1.5:
            return name
    return ""


@check(rule("VB302"))
def margins(doc, ctx):
    limits = profile_table(ctx)["margins"]
    slack = tol("margin_mm")
    fm = None
    found: dict[tuple[str, str], list] = {}  # (side, value shown) -> [(section, where, fix value)]
    sections = _Sections(doc)
    for k, sect in enumerate(doc.meta.get("sections") or ()):
        dims = _dims(sect)
        mar = sect["pgMar"]
        where = sections.anchor(sect)
        if not mar or where is None:
            continue
        if dims is not None and dims[0] > dims[1]:
            continue  # landscape pages (wide tables): the regulation sets no margins for them
        if fm is None:
            fm = ctx.formatting
        values = {}
        for side in ("top", "bottom", "left", "right"):
            v = styles.num(mar.get(side))
            if v is None:
                continue
            values[side] = abs(v)
        gutter = styles.num(mar.get("gutter"), 0.0) or 0.0
        if gutter and "left" in values and not fm.setting("gutterAtTop"):
            values["left"] += gutter
        for side, tw in values.items():
            value = styles.mm(tw)
            lo, hi = limits[side]
            if not outside(value, lo, hi, slack):
                continue
            shown = fmt_num(value, ctx.lang, 1)
            # the nearest allowed margin; a gutter stays and the margin makes up the rest
            target = twips(lo if value < lo else hi)
            if side == "left" and gutter and not fm.setting("gutterAtTop"):
                target -= int(gutter)
            found.setdefault((side, shown), []).append((k, where, target, (lo, hi)))
    for (side, shown), places in found.items():
        k, where, _target, (lo, hi) = places[0]
        # Unsafe: a margin may be set for a binding or a letterhead on purpose.
        edits = [Edit.format_section(w, s, margins={side: t}) for s, w, t, _ in places if t >= 0]
        yield ctx.missing("VB302", where, side, value=shown, expected=fmt_range(lo, hi, ctx.lang),
                          fix=Fix.unsafe(*edits) if edits else None)


# --------------------------------------------------------------------------- VB307


@check(rule("VB307"))
def page_number(doc, ctx):
    first = _first(doc)
    sections = doc.meta.get("sections") or []
    if first is None or not sections:
        return
    fm = ctx.formatting
    refs = fm.section_refs()
    even_odd = styles.on(fm.setting("evenAndOddHeaders"))
    header_paras, footer_paras = [], []
    for sect, r in zip(sections, refs):
        for (kind, t), rid in r.items():
            # Headers Word never shows: "first" without "Different First Page" (w:titlePg),
            # "even" without "Different Odd & Even Pages" (w:evenAndOddHeaders in settings).
            if (t == "first" and not styles.on(sect.get("titlePg"))) or (t == "even" and not even_odd):
                continue
            found = fm.page_fields(rid)
            (header_paras if kind == "header" else footer_paras).extend(found)
    pages, _how = fm.page_count()
    if not header_paras and not footer_paras:
        if pages and pages > 1:
            yield ctx.missing("VB307", first, "absent", pages=pages)
        return
    if footer_paras and not header_paras:
        yield ctx.missing("VB307", first, "footer")
    s0 = sections[0]
    width = None
    pg_w = styles.num(s0["pgSz"].get("w"))
    if pg_w:
        width = pg_w - (styles.num(s0["pgMar"].get("left"), 0.0) or 0.0) - (
            styles.num(s0["pgMar"].get("right"), 0.0) or 0.0)
    for p_el in header_paras:
        align = fm.page_alignment(p_el, width)
        if align and align != "center":
            yield ctx.missing("VB307", first, "not_centred", align=word("align", align, ctx.lang)
                              if align in ("left", "right") else align)
            break
    # Page 1: the first section's first-page header when "Different First Page" is on.
    r0 = refs[0]
    title_pg = styles.on(sections[0].get("titlePg"))
    shown = False
    for kind in ("header", "footer"):
        rid = r0.get((kind, "first")) if title_pg else r0.get((kind, "default"))
        if fm.page_fields(rid):
            shown = True
    if shown:
        yield ctx.missing("VB307", first, "first_page")
