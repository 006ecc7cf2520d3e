"""Editing a .docx the way a reviewer does: text replaced as tracked changes (`w:del` around the
old runs, `w:ins` around the new one, author and date), formatting changed as tracked property
changes (`w:rPrChange`, `w:pPrChange`, `w:sectPrChange`), or both applied directly.

`EditablePackage` opens a package for editing (document and footnotes parts parsed once, every
other part copied as it is), finds each paragraph by its number in reading order (the same walk
as the reader: `walk.walk_parts`) and writes the package back. `ParagraphEditor` changes one
paragraph through its text pieces (`walk.text_pieces`): a range of the paragraph's text is made
a run boundary at both ends (a run is split in two, each half keeping the run's properties),
the runs inside are deleted and one new run, with the properties of the first of them, holds the
new text. Runs outside the range are never touched. An edit the writer cannot make faithfully
(the range holds a footnote reference, a field character, a drawing, text inside another
author's tracked change or mc:AlternateContent) raises `CannotEdit` and leaves the paragraph as
it was.
"""

from __future__ import annotations

import copy
import io
import unicodedata
import zipfile
from dataclasses import dataclass

from ..text.normalize import nfc_with_map
from . import edit as setters
from .package import open_package, read_member, read_part, refuse_dtd_parts
from .walk import ParagraphWalker, text_pieces, walk_parts
from .xml import (
    BREAKS,
    HYPHEN,
    P_INSERTED,
    PAGE_BREAK,
    PPR,
    R,
    RPR,
    SYM,
    TABS,
    W_,
    T,
    parse_xml,
)

AUTHOR = "vbcheck"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
INS, DEL = W_ + "ins", W_ + "del"
DEL_TEXT = W_ + "delText"
# Run children a deletion may carry: text and the characters the walker reads as text (and
# the page mark Word recomputes). Any other child (a footnote reference, a field character, a
# drawing, a comment reference) makes the edit refuse: deleting it would lose more than text.
_TEXTUAL = frozenset([T, *TABS, *BREAKS, HYPHEN, SYM, PAGE_BREAK, W_ + "softHyphen", W_ + "lastRenderedPageBreak"])
_PARTS = ("word/document.xml", "word/footnotes.xml")


class CannotEdit(Exception):
    """The edit cannot be made faithfully here (the reason is the message)."""


@dataclass
class Revision:
    """Who and when, for tracked changes; `next_id` hands out w:id values unused in the package."""

    date: str
    next_id: int
    author: str = AUTHOR

    def attrs(self) -> dict[str, str]:
        rid = self.next_id
        self.next_id += 1
        return {W_ + "id": str(rid), W_ + "author": self.author, W_ + "date": self.date}


# --------------------------------------------------------------------------- the package


class EditablePackage:
    """A .docx opened for editing: paragraphs by number, sections by index, and `save()`."""

    def __init__(self, data: bytes):
        self.zf = open_package(data)
        names = set(self.zf.namelist())
        if "word/document.xml" not in names:
            raise CannotEdit("word/document.xml is missing")
        refuse_dtd_parts(self.zf)
        self.roots = {}
        for name in _PARTS:
            raw = read_part(self.zf, name)
            if raw:
                self.roots[name] = parse_xml(raw, name, keep_comments=True)
        walker = ParagraphWalker()
        walker.elements = []
        walk_parts(walker, self.roots["word/document.xml"], self.roots.get("word/footnotes.xml"))
        self.paragraphs = walker.paragraphs  # as the reader sees them, before the anatomy splits any
        self.elements = [p_el for p_el, _runs in walker.elements]
        self.sections = walker.section_elements
        self.edited: set[int] = set()

    def max_id(self) -> int:
        """The largest numeric w:id in the edited parts (revision ids must not collide)."""
        top = 0
        for root in self.roots.values():
            for el in root.iter():
                v = el.get(W_ + "id")
                if v is not None and v.lstrip("-").isdigit():
                    top = max(top, int(v))
        return top

    def editor(self, line: int, revision: Revision | None, element=None, verify: bool = True) -> "ParagraphEditor":
        """The editor of paragraph `line` (1-based, reading order), or of `element`, a copy of
        it (`copy_of`) to try edits on. Before its first edit (`verify`, and the paragraph not
        edited yet) a paragraph's runs must give the text the reader read."""
        if not 1 <= line <= len(self.elements):
            raise CannotEdit(f"no paragraph {line}")
        ed = ParagraphEditor(self.elements[line - 1] if element is None else element, revision)
        if verify and line not in self.edited and ed.text != self.paragraphs[line - 1].text:
            raise CannotEdit("the paragraph's runs do not give the text that was checked")
        if element is None:
            self.edited.add(line)
        return ed

    def copy_of(self, line: int):
        if not 1 <= line <= len(self.elements):
            raise CannotEdit(f"no paragraph {line}")
        return copy.deepcopy(self.elements[line - 1])

    def section(self, index: int):
        if not 0 <= index < len(self.sections) or self.sections[index] is None:
            raise CannotEdit(f"no section {index}")
        return self.sections[index]

    def save(self) -> bytes:
        """The package with the edited parts serialised again and every other member as it was
        (in the same order, with the same names and compression; a name the archive holds twice
        keeps both members, each with its own bytes)."""
        import warnings

        from lxml import etree

        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst, warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": kept as the input had it
            for info in self.zf.infolist():
                if info.filename in self.roots:
                    data = etree.tostring(self.roots[info.filename], xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
                else:
                    data = read_member(self.zf, info)
                dst.writestr(info, data, compress_type=info.compress_type)
        return out.getvalue()


# --------------------------------------------------------------------------- one paragraph


class ParagraphEditor:
    """Edits one w:p. Offsets given to it are in the paragraph's text as the reader made it
    (stripped, NFC); the editor maps them to the raw text of the runs."""

    def __init__(self, p_el, revision: Revision | None):
        self.p = p_el
        self.rev = revision
        raw = "".join(pc.text for pc in text_pieces(p_el))
        if raw.isascii() or unicodedata.is_normalized("NFC", raw):
            nfc, cols = raw, list(range(len(raw) + 1))
        else:
            nfc, cols = nfc_with_map(list(zip(raw, range(len(raw)))), len(raw))
        lead = len(nfc) - len(nfc.lstrip())
        stripped = nfc.strip()
        self.text = stripped
        self.raw = raw
        self.cols = cols[lead : lead + len(stripped) + 1]  # text offset -> raw position

    # ---------------------------------------------------------------- text

    def source_span(self, start: int, old: str) -> list[int]:
        """Raw positions of text[start:start+len(old)] and of its end ([len(old) + 1]), checking
        that the text there is still `old`."""
        if self.text[start : start + len(old)] != old:
            raise CannotEdit("the text at this place has changed")
        return [self.cols[k] for k in range(start, start + len(old) + 1)]

    def replace(self, a: int, b: int, new: str, fmt: dict | None = None) -> None:
        """Replace raw[a:b] by `new` (a, b raw positions; a == b inserts). The new run takes the
        properties of the first run replaced, or for an insertion of the run before it (else
        after it), plus `fmt`."""
        if a == b and not new:
            return
        self._boundary(a, "left")
        if b > a:
            self._boundary(b, "right")
        pieces = list(_spans(text_pieces(self.p)))
        doomed = self._runs_in(pieces, a, b) if b > a else []
        before = [pc.run for pc, s, e in pieces if e == a and e > s]
        after = [pc.run for pc, s, e in pieces if s == a and e > s]
        if doomed:
            source, anchor, where = doomed[0], doomed[-1], "after"
        elif before:
            source = anchor = before[-1]
            where = "after"
        elif after:
            source = anchor = after[0]
            where = "before"
        else:
            raise CannotEdit("no run at this place")
        for run in {id(r): r for r in (*doomed, source, anchor)}.values():
            self._check_parent(run)
        if new:
            self._place(self._new_run(source, new, fmt), anchor, where)
        for run in doomed:
            self._delete(run)

    def format_runs(self, a: int, b: int, fmt: dict) -> None:
        """Set run properties on raw[a:b]."""
        if a >= b:
            return
        self._boundary(a, "left")
        self._boundary(b, "right")
        for run in self._runs_in(list(_spans(text_pieces(self.p))), a, b, textual_only=False):
            self._check_parent(run)
            if self.rev is not None and not _ours(run.getparent()):
                track_run_change(run, self.rev)
            setters.set_run(run, **fmt)

    def format_paragraph(self, fmt: dict) -> None:
        if self.rev is not None:
            track_paragraph_change(self.p, self.rev)
        setters.set_paragraph(self.p, **fmt)
        if "first_line" in fmt:
            # an indent in characters (here or in the style) wins over one in twips: say none
            ind = self.p.find(PPR).find(W_ + "ind")
            ind.attrib.pop(W_ + "hangingChars", None)
            ind.set(W_ + "firstLineChars", "0")

    # ---------------------------------------------------------------- helpers

    def _boundary(self, pos: int, side: str) -> None:
        """Make `pos` (raw) a run boundary: split the run that holds text on both sides of it.
        Zero-width children exactly at `pos` (a footnote reference, a bookmark) stay on `side`."""
        for pc, s, e in _spans(text_pieces(self.p)):
            if s < pos < e:
                if not pc.editable or pc.el.tag != T:
                    raise CannotEdit("the place falls inside an element that cannot be split")
                _split_text(pc.el, pos - s)
                break
        spans = list(_spans(text_pieces(self.p)))
        extent: dict = {}
        for pc, s, e in spans:
            lo, hi = extent.get(pc.run, (s, e))
            extent[pc.run] = (min(lo, s), max(hi, e))
        for run, (lo, hi) in extent.items():
            if lo < pos < hi:
                _split_run(run, pos, spans, side)
                return

    def _runs_in(self, spans, a: int, b: int, textual_only: bool = True) -> list:
        """The runs whose text lies in raw[a:b] (after _boundary made a and b run boundaries)."""
        runs = []
        for pc, s, e in spans:
            if s >= a and e <= b and e > s:
                if not pc.editable:
                    raise CannotEdit("text inside mc:AlternateContent")
                if pc.run not in runs:
                    runs.append(pc.run)
            elif s < b and e > a:
                raise CannotEdit("a run boundary could not be made")
        if textual_only:
            for run in runs:
                for c in run:
                    if c.tag != RPR and c.tag not in _TEXTUAL:
                        raise CannotEdit(f"the range holds a {c.tag.rsplit('}', 1)[-1]} element")
        return runs

    def _check_parent(self, run) -> None:
        parent = run.getparent()
        if parent is not None and parent.tag in P_INSERTED and not _ours(parent):
            raise CannotEdit("inside another author's tracked change")

    def _new_run(self, source, text: str, fmt: dict | None):
        run = source.makeelement(R, {})
        rpr = source.find(RPR)
        if rpr is not None:
            rpr = copy.deepcopy(rpr)
            for change in rpr.findall(W_ + "rPrChange"):
                rpr.remove(change)
            run.append(rpr)
        t = run.makeelement(T, {})
        t.text = text
        if text != text.strip() or "  " in text:
            t.set(XML_SPACE, "preserve")
        run.append(t)
        if fmt:
            setters.set_run(run, **fmt)
        return run

    def _place(self, new_run, anchor, where: str) -> None:
        parent = anchor.getparent()
        node = new_run
        if self.rev is not None and not _ours(parent):
            node = anchor.makeelement(INS, self.rev.attrs())
            node.append(new_run)
        if where == "before":
            anchor.addprevious(node)
        else:
            anchor.addnext(node)

    def _delete(self, run) -> None:
        parent = run.getparent()
        if self.rev is None or _ours(parent):
            parent.remove(run)
            if _ours(parent) and not len(parent):
                parent.getparent().remove(parent)
            return
        for t in run.iter(T):
            t.tag = DEL_TEXT
        prev = run.getprevious()
        if prev is not None and prev.tag == DEL and _fresh(prev, self.rev):
            prev.append(run)
            return
        box = run.makeelement(DEL, self.rev.attrs())
        run.addprevious(box)
        box.append(run)


def _fresh(el, rev: Revision) -> bool:
    """A w:del made by this run of vbcheck (same author and date): a neighbouring deleted run
    joins it."""
    return el.get(W_ + "author") == rev.author and el.get(W_ + "date") == rev.date


def _ours(el) -> bool:
    """A tracked insertion vbcheck made: what is inside it is changed directly."""
    return el is not None and el.tag == INS and el.get(W_ + "author") == AUTHOR


def _spans(pieces):
    pos = 0
    for pc in pieces:
        yield pc, pos, pos + len(pc.text)
        pos += len(pc.text)


def _split_run(run, pos: int, spans, side: str) -> None:
    """Split `run` at text position `pos` into two runs with the same properties. Each child
    goes left or right by its text position; children of no width at `pos` go to `side`."""
    extent: dict = {}  # child of the run -> (start, end) of its text
    for pc, s, e in spans:
        if pc.run is run:
            c = pc.el
            while c.getparent() is not run:
                c = c.getparent()
            lo, hi = extent.get(c, (s, e))
            extent[c] = (min(lo, s), max(hi, e))
    children = [c for c in run if c.tag != RPR]
    at = min(lo for lo, _hi in extent.values())  # text position before the next child
    cut = len(children)
    for i, c in enumerate(children):
        if c in extent:
            lo, hi = extent[c]
            if lo >= pos:
                cut = i
                break
            at = hi
        elif at > pos or (at == pos and side == "right"):
            cut = i
            break
    if cut in (0, len(children)):
        return
    twin = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(RPR)
    if rpr is not None:
        twin.append(copy.deepcopy(rpr))
    for c in children[cut:]:
        twin.append(c)
    run.addnext(twin)


def _split_text(t, offset: int) -> None:
    twin = t.makeelement(T, {})
    twin.text = t.text[offset:]
    t.text = t.text[:offset]
    for el in (t, twin):
        if el.text != el.text.strip():
            el.set(XML_SPACE, "preserve")
    t.addnext(twin)


# --------------------------------------------------------------------------- properties


def _snapshot(props, tag: str, skip: tuple[str, ...]):
    """A copy of a properties element for its *Change record, without the children the record's
    schema leaves out."""
    old = props.makeelement(tag, {})
    for child in props:
        local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if local not in skip:
            old.append(copy.deepcopy(child))
    return old


def track_run_change(run, rev: Revision) -> None:
    """Record the run's properties as they are (w:rPrChange) before a setter changes them; a run
    that already holds a record keeps the oldest one."""
    rpr = setters.properties(run, "rPr")
    if rpr.find(W_ + "rPrChange") is not None:
        return
    old = _snapshot(rpr, RPR, ("rPrChange",))
    change = setters.child(rpr, "rPrChange", setters.RPR_ORDER)
    change.attrib.update(rev.attrs())
    change.append(old)


def track_paragraph_change(p, rev: Revision) -> None:
    ppr = setters.properties(p, "pPr")
    if ppr.find(W_ + "pPrChange") is not None:
        return
    old = _snapshot(ppr, PPR, ("rPr", "sectPr", "pPrChange"))
    change = setters.child(ppr, "pPrChange", setters.PPR_ORDER)
    change.attrib.update(rev.attrs())
    change.append(old)


def track_section_change(sect, rev: Revision) -> None:
    if sect.find(W_ + "sectPrChange") is not None:
        return
    old = _snapshot(sect, W_ + "sectPr", ("headerReference", "footerReference", "sectPrChange"))
    change = setters.child(sect, "sectPrChange", setters.SECT_ORDER)
    change.attrib.update(rev.attrs())
    change.append(old)


def format_section(sect, fmt: dict, rev: Revision | None) -> None:
    if rev is not None:
        track_section_change(sect, rev)
    setters.set_section(sect, **fmt)


# --------------------------------------------------------------------------- accepting


def accept_all(root, author: str | None = None) -> int:
    """Accept every tracked change in a part (as Word's "Accept All" does), or only those of
    `author`: deleted runs go, inserted ones stay unwrapped, property-change records go.
    Returns how many were accepted."""

    def mine(el) -> bool:
        return author is None or el.get(W_ + "author") == author

    n = 0
    for el in list(root.iter(DEL, W_ + "moveFrom")):
        parent = el.getparent()
        if mine(el) and parent is not None and parent.tag not in (W_ + "rPr", W_ + "pPr"):
            parent.remove(el)
            n += 1
    for el in list(root.iter(INS, W_ + "moveTo")):
        parent = el.getparent()
        if not mine(el) or parent is None or parent.tag in (W_ + "rPr", W_ + "pPr"):
            continue  # a paragraph mark's insertion record: nothing to unwrap
        idx = parent.index(el)
        for child in list(el):
            parent.insert(idx, child)
            idx += 1
        parent.remove(el)
        n += 1
    for tag in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange"):
        for el in list(root.iter(W_ + tag)):
            if mine(el):
                el.getparent().remove(el)
                n += 1
    return n
