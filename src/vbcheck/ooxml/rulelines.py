"""Rule lines (đường kẻ) of a .docx header: what is drawn, where, how long, and under which line
of text it sits (NĐ 30 PL I mục II.1.b, II.2.b, II.5.b; sources.md Appendix C).

The text reader skips drawings; this reads them only when a rule asks, and only the top of the
document: `document.xml` is decompressed and parsed incrementally (`xml.body_children_of`), and
walked by the reader's own walk, so paragraph numbers are the reader's, until the paragraph `upto` is passed. Every `w:p`
becomes a `Row`, empty ones included (most rules are drawn in an empty paragraph or a table row
of their own), with its rule objects:

- DrawingML shapes (`wp:anchor`/`wp:inline` holding `wps:wsp` with a `line` or
  `straightConnector1` geometry, or a flat `rect`), lines in a group (`wpg:wgp`, scaled by its
  child extents); length `wp:extent/@cx` (EMU, 635 per twip); horizontal position
  (`wp:positionH`: `relativeFrom` with `wp:posOffset` or `wp:align`), vertical offset;
- VML (`v:line` from/to, a connector `v:shape`'s `width`), outside an `mc:Fallback`;
- a paragraph border (`w:pBdr` bottom, or top for the line above; four sides are a box): as long
  as the paragraph;
- a line of text made of "_" (its length from the underscores' advance, 0.5 em each) or of
  hyphens, a "*" (the Party's star), hyphens after a line break at the end of a paragraph;
- a flat picture (`pic:pic`): a rule drawn as an image, whose length is not taken as measured.

A rule hangs under the paragraph it is anchored in when its vertical offset is more than 150
twips (0.6 of a 13 pt line), else under the previous line of text of the same table column (a
header table often gives the rules a row of their own), outside tables under the previous line
of text anywhere. Text widths use Times New Roman's advance widths (rules/fonts, taken from
Liberation Serif, metric-compatible, SIL OFL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..catalogue import loader
from ..core.model import Document
from .package import member_chunks
from .walk import TOP, ParagraphWalker
from .xml import ALT, P, TC, TR, TXBX, W_, body_children_of

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
WPG = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
V = "{urn:schemas-microsoft-com:vml}"
O = "{urn:schemas-microsoft-com:office:office}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
EMU_PER_TWIP = 635
TWIPS_PER_CM = 1440 / 2.54
UNDER_OFFSET = 150  # twips below the anchor paragraph's top from which a rule is under it
DEFAULT_CELL_MARGIN = 108  # twips, each side (Word's default w:tblCellMar)

_RULE_TEXT = re.compile(r"^[_\-―–—]{3,80}$")
_TRAILING_RULE = re.compile(r"\n\s{0,20}[-_]{3,80}\s{0,20}$")
_VML_LENGTH = re.compile(r"\s{0,5}(-?\d{1,9}(?:\.\d{1,6})?)\s{0,5}(pt|in|cm|mm|px|emu)?\s{0,5}")
_VML_WIDTH = re.compile(r"(?:^|;)\s{0,5}width:\s{0,5}([^;]{1,40})")
_UNITS_PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "emu": 1 / 12700}


@dataclass(slots=True)
class RuleObject:
    """One drawn line, border or typed rule found under a header part (VB309)."""

    kind: str  # "line", "picture", "group", "border-bottom", "border-top", "underscores", "hyphens", "star", "trailing"
    length: float | None = None  # twips; None: as long as its paragraph (a border) or not measured
    h_rel: str | None = None  # wp:positionH/@relativeFrom ("column", "margin", "page", "character")
    h_offset: float | None = None  # twips
    h_align: str | None = None  # wp:align ("center", "left" …)
    v_offset: float | None = None  # twips from the anchor paragraph's top
    inline: bool = False


@dataclass(slots=True)
class Row:
    """One `w:p` of the main story in reading order."""

    el: object
    line: int | None  # the paragraph number when it has text, as the reader numbers them
    text: str
    column: tuple | None  # (table, grid column, span) for a cell paragraph; None in the body
    width: float  # twips available to its text: the cell's or the page's, less the indents
    cell_width: float | None  # the cell's text width (twips), for centring
    jc: str
    in_textbox: bool
    objects: list[RuleObject] = field(default_factory=list)


@lru_cache(maxsize=1)
def _widths() -> dict[str, dict[str, int]]:
    import json  # here: only a document with rule lines needs it

    with open(loader.rules_dir() / "fonts" / "times-new-roman-widths.json", encoding="utf-8") as f:
        return json.load(f)


def text_width(text: str, size: float, bold: bool) -> float:
    """Width in twips of `text` in Times New Roman at `size` points."""
    table = _widths()["bold" if bold else "regular"]
    units = sum(table.get(c, table.get(c.lower(), 500)) for c in text)
    return units * size / 1000 * 20


def _int(v, default: float | None = None) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


class _Enough(Exception):
    pass


class _Seen(NamedTuple):
    """What a row reads of the paragraph a w:p became (a walk.ParagraphWalker visit)."""

    text: str
    line: int


class _RowWalker(ParagraphWalker):
    """The reader's walk, recording every paragraph it visits (empty ones too) and which of them
    became the reader's paragraphs. Rows need the paragraphs' text and numbers, not their run
    properties: those are not read (walk.ParagraphWalker.read_run_props)."""

    read_run_props = False

    def __init__(self, upto: int):
        super().__init__()
        self.elements = []
        self.visited: list[list] = []  # [w:p element, emitted index or None]
        self.upto = upto

    def paragraph(self, p_el, kind: str = "p", footnote_id: str | None = None) -> None:
        if len(self.paragraphs) > self.upto:
            raise _Enough  # the rest of a long table (a document laid out in one) is not needed
        rec = [p_el, None]
        self.visited.append(rec)
        n0 = len(self.paragraphs)
        super().paragraph(p_el, kind, footnote_id)
        if len(self.paragraphs) > n0 and self.elements[n0][0] is p_el:
            rec[1] = n0


def rows(doc: Document, upto: int) -> list[Row]:
    """The rows of the document's top, to paragraph number `upto` and a little beyond (cached)."""
    cached = doc.meta.get("_rule_rows")
    if cached is not None and cached[0] >= upto:
        return cached[1]
    zf = doc.meta.get("zip")
    out: list[Row] = []
    visits = doc.meta.get("top_visits")
    if visits is not None and upto + 3 <= TOP:
        # Speed trick, in one place: the paragraphs the reader's own walk visited in the top
        # (walk.ParagraphWalker.visits), as the walk below would visit them: those met before
        # more than upto + 3 paragraphs were emitted. tests/test_reader_tricks.py proves the rows
        # are those of the walk below, streamed or not.
        section = _text_area(doc)
        for p_el, before, seen in visits:
            if before > upto + 3:
                break
            out.append(_row(p_el, _Seen(*seen) if seen is not None else None, section))
    elif zf is not None and "word/document.xml" in zf.NameToInfo:
        walker = _RowWalker(upto + 3)
        try:
            # The top the reader kept as parsed (walk.Top), when it reaches far enough; else
            # document.xml decompressed and parsed again, as far as needed.
            top = doc.meta.get("top")
            if top is not None:
                for child in top.children:
                    walker.body([child])
            if top is None or not top.whole:
                walker = _RowWalker(upto + 3)
                with member_chunks(zf, "word/document.xml") as chunks:
                    for child in body_children_of(chunks):
                        walker.body([child])
        except _Enough:
            pass
        section = _text_area(doc)
        for p_el, idx in walker.visited:
            para = walker.paragraphs[idx] if idx is not None else None
            out.append(_row(p_el, para, section))
    doc.meta["_rule_rows"] = (upto, out)
    return out


def _text_area(doc: Document) -> float:
    sections = doc.meta.get("sections") or []
    if sections:
        s = sections[0]
        w = _int(s.get("pgSz", {}).get("w"), 11906)
        mar = s.get("pgMar", {})
        return w - (_int(mar.get("left"), 1701) or 0) - (_int(mar.get("right"), 1134) or 0)
    return 11906 - 1701 - 1134


def _row(p_el, para, text_area: float) -> Row:
    in_box = any(a.tag == TXBX for a in p_el.iterancestors())
    ppr = p_el.find(f"{W_}pPr")
    jc = "left"
    il = ir = 0.0
    if ppr is not None:
        j = ppr.find(f"{W_}jc")
        if j is not None:
            jc = {"start": "left", "end": "right"}.get(j.get(f"{W_}val") or "left", j.get(f"{W_}val") or "left")
        ind = ppr.find(f"{W_}ind")
        if ind is not None:
            il = _int(ind.get(f"{W_}left", ind.get(f"{W_}start")), 0.0) or 0.0
            ir = _int(ind.get(f"{W_}right", ind.get(f"{W_}end")), 0.0) or 0.0
    column, cell_width = _cell(p_el)
    width = (cell_width if cell_width is not None else text_area) - il - ir
    text = para.text if para is not None else ""
    row = Row(p_el, para.line if para is not None else None, text.strip(), column, max(width, 1.0), cell_width, jc,
              in_box)
    row.objects = _objects(p_el, ppr, text)
    return row


def _cell(p_el) -> tuple[tuple | None, float | None]:
    cell = None
    for a in p_el.iterancestors():
        if a.tag == TXBX:
            return None, None
        if a.tag == TC:
            cell = a
            break
    if cell is None:
        return None, None
    tr = cell.getparent()
    tbl = tr.getparent() if tr is not None and tr.tag == TR else None
    col = 0
    for tc in tr if tr is not None else ():
        if tc is cell:
            break
        if tc.tag == TC:
            col += _span(tc)
    span = _span(cell)
    width = None
    tcw = cell.find(f"{W_}tcPr/{W_}tcW")
    if tcw is not None and (tcw.get(f"{W_}type") in (None, "dxa")):
        width = _int(tcw.get(f"{W_}w"))
    if (width is None or width <= 0) and tbl is not None:
        cols = [_int(g.get(f"{W_}w"), 0.0) or 0.0 for g in tbl.findall(f"{W_}tblGrid/{W_}gridCol")]
        width = sum(cols[col: col + span]) or None
    if width is not None:
        left = right = float(DEFAULT_CELL_MARGIN)
        mar = tbl.find(f"{W_}tblPr/{W_}tblCellMar") if tbl is not None else None
        if mar is not None:
            for side, attr in (("left", "left"), ("start", "left"), ("right", "right"), ("end", "right")):
                el = mar.find(f"{W_}{side}")
                if el is not None and el.get(f"{W_}type") in (None, "dxa"):
                    v = _int(el.get(f"{W_}w"), DEFAULT_CELL_MARGIN)
                    if attr == "left":
                        left = v
                    else:
                        right = v
        width -= left + right
    return (tbl, col, span), width  # the element itself: lxml keeps one proxy while it is referenced


def _span(tc) -> int:
    g = tc.find(f"{W_}tcPr/{W_}gridSpan")
    n = _int(g.get(f"{W_}val"), 1) if g is not None else 1
    return max(1, int(n or 1))


def _own(el, p_el) -> bool:
    """Whether a drawing element belongs to `p_el` itself (not to a paragraph of a text box in
    it) and is not the VML fallback of a shape already read."""
    for a in el.iterancestors():
        if a.tag == MC_FALLBACK:
            return False
        if a.tag == P:
            return a is p_el
    return False


def _objects(p_el, ppr, text: str) -> list[RuleObject]:
    out: list[RuleObject] = []
    for d in p_el.iter(f"{WP}anchor", f"{WP}inline"):
        if not _own(d, p_el):
            continue
        o = _drawing(d)
        if o is not None:
            out.append(o)
    for v in p_el.iter(f"{V}line", f"{V}shape"):
        if not _own(v, p_el):
            continue
        if v.tag == f"{V}shape" and "_x0000_t32" not in (v.get("type") or "") and v.get(f"{O}connectortype") is None:
            continue
        length = _vml_length(v)
        if length:
            out.append(RuleObject("line", length))
    if ppr is not None:
        bdr = ppr.find(f"{W_}pBdr")
        if bdr is not None:
            live = {b.tag.rsplit("}", 1)[-1] for b in bdr
                    if isinstance(b.tag, str) and (b.get(f"{W_}val") or "none") not in ("nil", "none")}
            if not {"left", "right", "top", "bottom"} <= live:
                if "bottom" in live:
                    out.append(RuleObject("border-bottom"))
                if "top" in live:
                    out.append(RuleObject("border-top"))
    t = text.strip()
    if _RULE_TEXT.match(t):
        out.append(RuleObject("underscores" if t[0] == "_" else "hyphens"))
    elif t == "*":
        out.append(RuleObject("star"))
    elif _TRAILING_RULE.search(text):
        out.append(RuleObject("trailing", v_offset=UNDER_OFFSET + 1))
    return out


def _drawing(d) -> RuleObject | None:
    ext = d.find(f"{WP}extent")
    cx = _int(ext.get("cx"), 0.0) if ext is not None else 0.0
    cy = _int(ext.get("cy"), 0.0) if ext is not None else 0.0
    inline = d.tag == f"{WP}inline"
    o = RuleObject("line", cx / EMU_PER_TWIP, inline=inline)
    if d.find(f".//{PIC}pic") is not None:
        if cy < 60000 and cx > 5 * max(cy, 1):
            o.kind, o.length = "picture", None
            return o
        return None
    group = d.find(f".//{WPG}wgp")
    if group is not None:
        o.kind = "group"
        lines = [s for s in group.iter(f"{WPS}wsp") if _is_line(s)]
        if not lines:
            return None
        ch = group.find(f"{WPG}grpSpPr/{A}xfrm/{A}chExt")
        full = group.find(f"{WPG}grpSpPr/{A}xfrm/{A}ext")
        scale = 1.0
        if ch is not None and full is not None and (_int(ch.get("cx"), 0) or 0) > 0:
            scale = (_int(full.get("cx"), 0) or 0) / _int(ch.get("cx"))
        e = lines[0].find(f"{WPS}spPr/{A}xfrm/{A}ext")
        if e is None:
            return RuleObject("group", None, inline=inline)
        o.kind, o.length = "line", (_int(e.get("cx"), 0) or 0) * scale / EMU_PER_TWIP
    else:
        shape = d.find(f".//{WPS}wsp")
        if shape is None or not _is_line(shape, cy):
            return None
    ph = d.find(f"{WP}positionH")
    if ph is not None:
        o.h_rel = ph.get("relativeFrom")
        off = ph.find(f"{WP}posOffset")
        al = ph.find(f"{WP}align")
        if off is not None:
            o.h_offset = (_int(off.text, 0) or 0) / EMU_PER_TWIP
        elif al is not None:
            o.h_align = (al.text or "").strip()
    pv = d.find(f"{WP}positionV")
    if pv is not None and pv.find(f"{WP}posOffset") is not None:
        o.v_offset = (_int(pv.find(f"{WP}posOffset").text, 0) or 0) / EMU_PER_TWIP
    return o


def _is_line(shape, cy: float = 0.0) -> bool:
    geom = shape.find(f"{WPS}spPr/{A}prstGeom")
    prst = geom.get("prst") if geom is not None else None
    return prst in ("line", "straightConnector1") or (prst == "rect" and cy < 30000) or (
        shape.find(f"{WPS}cNvCnPr") is not None)


def _vml_length(v) -> float | None:
    def pt(value: str) -> float | None:
        m = _VML_LENGTH.fullmatch(value or "")
        if not m:
            return None
        x = float(m.group(1))
        unit = m.group(2) or ("emu" if "." not in m.group(1) and abs(x) > 10000 else "pt")
        return x * _UNITS_PT[unit]

    if v.tag == f"{V}line":
        a = pt((v.get("from") or "0,0").split(",")[0])
        b = pt((v.get("to") or "0,0").split(",")[0])
        return None if a is None or b is None else abs(b - a) * 20
    m = _VML_WIDTH.search(v.get("style") or "")
    w = pt(m.group(1)) if m else None
    return None if w is None else w * 20


def under(rows_: list[Row]) -> dict[int, list[tuple[RuleObject, Row]]]:
    """Row index of the text line each rule object hangs under -> [(object, row it is in)]."""
    out: dict[int, list[tuple[RuleObject, Row]]] = {}
    for i, r in enumerate(rows_):
        for o in r.objects:
            text_row = bool(r.text) and o.kind not in ("underscores", "hyphens", "star")
            if o.kind == "border-top":
                j = _previous(rows_, i, r.column)
            elif text_row and (o.kind.startswith("border") or (o.v_offset or 0) > UNDER_OFFSET):
                j = i
            else:
                j = _previous(rows_, i, r.column)
            if j is not None:
                out.setdefault(j, []).append((o, r))
    return out


def _previous(rows_: list[Row], i: int, column) -> int | None:
    """The previous row with text (not a rule of text) in the same table column; outside a table,
    anywhere (a trích yếu typed in a one-cell table has its rule in the body)."""
    for j in range(i - 1, -1, -1):
        q = rows_[j]
        if not q.text or _RULE_TEXT.match(q.text) or q.text == "*":
            continue
        if column is not None and q.column != column:
            continue
        return j
    return None


def cm(twips: float) -> float:
    return twips / TWIPS_PER_CM
