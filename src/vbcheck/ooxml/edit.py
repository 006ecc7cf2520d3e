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
            color: str | None = None, theme_color: str | None = None, theme_tint: str | None = None) -> None:
    """Direct character formatting of one `w:r` (sizes in points). `color` sets a plain colour and
    drops a theme colour (Word shows the theme colour whatever `w:val` says); `theme_color`
    ("accent1", "text1" …, with an optional `theme_tint` byte "99") sets one, `w:val` left at
    000000 as a stale cache."""
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
        el = child(rpr, "color", _RPR_ORDER)
        for attr in ("themeColor", "themeTint", "themeShade"):
            el.attrib.pop(W_ + attr, None)
        el.set(W_ + "val", color)
    if theme_color is not None:
        el = child(rpr, "color", _RPR_ORDER)
        el.attrib.clear()
        el.set(W_ + "val", "000000")
        el.set(W_ + "themeColor", theme_color)
        if theme_tint is not None:
            el.set(W_ + "themeTint", theme_tint)
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


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_EMU_PER_CM = 360000


def set_rule_under(p, *, cm: float | None = None, offset_cm: float | None = None, border: bool = False) -> None:
    """Redraw the rule line under paragraph `p` (the paragraph after it in the same container,
    when that paragraph is a rule: typed underscores or hyphens, or a drawing): `cm` > 0 draws a
    straight line that long (a DrawingML shape anchored in that paragraph, centred in the column,
    or `offset_cm` from its left edge), 0 leaves the paragraph empty (no rule); `border` puts a
    bottom border on `p` itself instead."""
    from lxml import etree

    nxt = p.getnext()
    while nxt is not None and nxt.tag != W_ + "p":
        nxt = nxt.getnext()
    text = "".join(t.text or "" for t in nxt.iter(W_ + "t")) if nxt is not None else ""
    is_rule = nxt is not None and (
        (text.strip() and set(text.strip()) <= set("_-–—―")) or nxt.find(f".//{W_}drawing") is not None)
    if is_rule:
        for r in [el for el in nxt if el.tag == W_ + "r"]:
            nxt.remove(r)
    if border:
        bdr = child(properties(p, "pPr"), "pBdr", _PPR_ORDER)
        bdr.append(bdr.makeelement(W_ + "bottom", {W_ + "val": "single", W_ + "sz": "6", W_ + "space": "1",
                                                   W_ + "color": "auto"}))
        return
    if not cm or not is_rule:
        return
    cx = int(cm * _EMU_PER_CM)
    pos = (f'<wp:align>center</wp:align>' if offset_cm is None
           else f"<wp:posOffset>{int(offset_cm * _EMU_PER_CM)}</wp:posOffset>")
    xml = (f'<w:r xmlns:w="{W_[1:-1]}" xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:wps="{_WPS}"><w:drawing>'
           '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
           'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
           f'<wp:positionH relativeFrom="column">{pos}</wp:positionH>'
           '<wp:positionV relativeFrom="paragraph"><wp:posOffset>25400</wp:posOffset></wp:positionV>'
           f'<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
           '<wp:docPr id="901" name="Straight Connector 901"/><wp:cNvGraphicFramePr/>'
           '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
           '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/>'
           '</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
           '</w:drawing></w:r>')
    nxt.append(etree.fromstring(xml))
