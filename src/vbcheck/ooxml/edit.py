"""Setting WordprocessingML properties on elements of a parsed part: a run's character formatting,
a paragraph's layout, a section's page setup. Used where vbcheck writes a .docx (the catalogue's
formatting examples; fixed copies, through `revise`). Each setter takes plain values in the units a clerk reads (points,
twips for lengths) and writes the elements in the order the schema wants them.
"""

from __future__ import annotations

from typing import Any

from .xml import W_

# Children of w:rPr and w:pPr in schema order (ECMA-376 §17.3.2.28, §17.3.1.26), as far as
# vbcheck writes them: a new child goes before the first sibling that must follow it.
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
              "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
              "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
              "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
              "specVanish", "oMath", "rPrChange")
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
              "rPr", "sectPr", "pPrChange")
_SECT_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
               "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
               "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")

# The orders, for callers that add children of their own (tracked property changes).
RPR_ORDER, PPR_ORDER, SECT_ORDER = _RPR_ORDER, _PPR_ORDER, _SECT_ORDER


def child(parent, name: str, order: tuple[str, ...], create: bool = True):
    """The child `w:name` of `parent`, created in schema order when absent (and `create`)."""
    tag = W_ + name
    found = parent.find(tag)
    if found is not None or not create:
        return found
    el = parent.makeelement(tag, {})
    rank = order.index(name) if name in order else len(order)
    for i, sib in enumerate(parent):
        local = sib.tag.rsplit("}", 1)[-1] if isinstance(sib.tag, str) else ""
        if local in order and order.index(local) > rank:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def properties(el, kind: str):
    """The `w:rPr` of a run or the `w:pPr` of a paragraph, created as its first child if absent."""
    tag = W_ + kind
    props = el.find(tag)
    if props is None:
        props = el.makeelement(tag, {})
        el.insert(0, props)
    return props


def _toggle(rpr, name: str, value: bool) -> None:
    el = child(rpr, name, _RPR_ORDER)
    el.attrib.clear()
    if not value:
        el.set(W_ + "val", "0")


def set_run(run, *, size: float | None = None, bold: bool | None = None, italic: bool | None = None,
            underline: bool | None = None, caps: bool | None = None, font: str | None = None,
            color: str | None = None) -> None:
    """Direct character formatting of one `w:r` (sizes in points)."""
    rpr = properties(run, "rPr")
    if font is not None:
        fonts = child(rpr, "rFonts", _RPR_ORDER)
        for slot in ("ascii", "hAnsi", "cs"):
            fonts.set(W_ + slot, font)
        for theme in ("asciiTheme", "hAnsiTheme", "cstheme"):
            fonts.attrib.pop(W_ + theme, None)
    if bold is not None:
        _toggle(rpr, "b", bold)
    if italic is not None:
        _toggle(rpr, "i", italic)
    if caps is not None:
        _toggle(rpr, "caps", caps)
    if color is not None:
        child(rpr, "color", _RPR_ORDER).set(W_ + "val", color)
    if size is not None:
        half = str(int(round(size * 2)))
        child(rpr, "sz", _RPR_ORDER).set(W_ + "val", half)
        child(rpr, "szCs", _RPR_ORDER).set(W_ + "val", half)
    if underline is not None:
        child(rpr, "u", _RPR_ORDER).set(W_ + "val", "single" if underline else "none")


def set_paragraph(p, *, jc: str | None = None, first_line: int | None = None, before: int | None = None,
                  after: int | None = None, line: int | None = None, line_rule: str | None = None) -> None:
    """Direct paragraph formatting of one `w:p` (lengths in twips)."""
    ppr = properties(p, "pPr")
    if any(v is not None for v in (before, after, line, line_rule)):
        spacing = child(ppr, "spacing", _PPR_ORDER)
        for name, value in (("before", before), ("after", after), ("line", line), ("lineRule", line_rule)):
            if value is not None:
                spacing.set(W_ + name, str(value))
    if first_line is not None:
        ind = child(ppr, "ind", _PPR_ORDER)
        ind.attrib.pop(W_ + "hanging", None)
        ind.set(W_ + "firstLine", str(first_line))
    if jc is not None:
        child(ppr, "jc", _PPR_ORDER).set(W_ + "val", jc)


def set_section(sect, *, page: tuple[int, int] | None = None, orient: str | None = None,
                margins: dict[str, int] | None = None) -> None:
    """Page setup of one `w:sectPr` (twips)."""
    if page is not None or orient is not None:
        sz = child(sect, "pgSz", _SECT_ORDER)
        if page is not None:
            sz.set(W_ + "w", str(page[0]))
            sz.set(W_ + "h", str(page[1]))
        if orient is not None:
            sz.set(W_ + "orient", orient)
    if margins:
        mar = child(sect, "pgMar", _SECT_ORDER)
        for side, twips in margins.items():
            mar.set(W_ + side, str(twips))


def remove_references(sect, kind: str) -> None:
    """Drop a section's header or footer references (`kind` "header" or "footer")."""
    for ref in sect.findall(W_ + f"{kind}Reference"):
        sect.remove(ref)


def wrap_runs(p, wrapper: str, attrs: dict[str, Any]) -> None:
    """Put every run of a paragraph inside one `w:ins` / `w:del` (a tracked revision)."""
    runs = [el for el in p if el.tag == W_ + "r"]
    if not runs:
        return
    box = p.makeelement(W_ + wrapper, {W_ + k: str(v) for k, v in attrs.items()})
    runs[0].addprevious(box)
    for r in runs:
        box.append(r)
