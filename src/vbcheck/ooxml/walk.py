"""The walk over word/document.xml (and footnotes) that turns a package into the document model.

Reading order (rules.md "Locations"): body paragraphs and table-cell paragraphs in document
order, row by row, cell by cell (nested tables included), then footnotes. Paragraph numbers are
1-based in that order; the page is counted from `w:lastRenderedPageBreak` and `w:br
w:type="page"` where Word recorded them. Text comes only from text elements (`w:t`, `w:tab`,
`w:br`, `w:noBreakHyphen`, `w:sym`, `w:delText` never); drawing XML is skipped, because shape
positions and ids are text nodes there. Deleted revisions are skipped, inserted ones kept.
Text boxes (`w:txbxContent`) are read after the paragraph that anchors them.

Formatting is kept raw per run and paragraph (`Run.props`, `Paragraph.props`, plus the table
style of cell paragraphs and `revised` for paragraphs holding tracked changes); sections go to
`meta["sections"]` (page size, margins, header/footer references, the paragraphs each covers).
`vbcheck.ooxml.styles` resolves styles, defaults and theme fonts from the package lazily, only when
a formatting rule runs.
"""

from __future__ import annotations

import bisect
import unicodedata
from typing import NamedTuple

from ..core import limits
from ..core.errors import InputError
from ..core.model import Document, Paragraph, Run, SourceKind, Zone
from ..text.normalize import nfc_with_map
from .package import open_package, refuse_dtd_parts
from .props import child_val, first_child, para_props_scan, run_props_of, section_props, signature
from .xml import (
    ALT,
    BODY,
    BodyStream,
    BODY_CONTAINERS,
    BREAKS,
    CHOICE,
    DEL,
    DRAWINGS,
    HYPHEN,
    ID,
    NOTE_REFS,
    P_DELETED,
    P_INSERTED,
    P_WRAPPERS,
    PAGE_BREAK,
    PPR,
    RPR,
    RUN_OTHER,
    SDT,
    SDTCONTENT,
    SECTPR,
    SYM,
    SYM_CHAR,
    TABS,
    TBL,
    TBLPR,
    TC,
    TR,
    TXBX,
    TYPE,
    W_,
    P,
    R,
    T,
    parse_xml,
)

_SYM_MAP = {"F0B7": "•", "F0A7": "▪", "F02D": "-", "F0D8": "➢"}


def too_much_text(max_chars: int) -> InputError:
    return InputError(f"tệp bị từ chối: văn bản dài hơn {max_chars} ký tự (VBCHECK_MAX_CHARS)",
                      f"file refused: more than {max_chars} characters of text (VBCHECK_MAX_CHARS)")


class ParagraphWalker:
    """Walks the XML once and emits paragraphs in reading order."""

    # Speed trick, in one place: a walk that needs only the text, numbering and places of the
    # paragraphs (the header's rule lines, ooxml/rulelines.py) does not read run properties:
    # every run gets the empty properties dict. tests/test_reader_tricks.py proves the rows and
    # the checks' findings are the same with the properties read.
    read_run_props = True

    def __init__(self):
        self.paragraphs: list[Paragraph] = []
        self.page = 1
        self.saw_page_marks = False
        self.revisions = {"ins": 0, "del": 0}
        self.table_no = 0
        self.prev_empty = False
        self.sections: list[dict] = []
        # Set by callers that need the XML behind each paragraph (the annotated and fixed
        # copies): one (w:p element, [w:r element per Run]) per emitted paragraph; and then
        # the w:sectPr behind each section (None for the one a body without it gets).
        self.elements: list | None = None
        self.section_elements: list = []
        # Memory trick, in one place: runs formatted alike share one properties dict (nobody
        # changes a run's properties once read), as most runs of a document repeat a handful of
        # formattings: 1.5 MB less on a 500-page draft, and the style resolver reads each once.
        self.run_props: dict[tuple, dict] = {}
        # Set by the reader for the body: [w:p element, paragraphs emitted before it, (text, line)
        # of the paragraph it became or None] for every w:p visited while at most TOP
        # paragraphs were emitted, empty ones too: the header's rule lines (rulelines.rows) are
        # read from these instead of walking the top again.
        self.visits: list | None = None
        self.chars = 0  # characters read so far, against VBCHECK_MAX_CHARS
        self.max_chars = limits.get("VBCHECK_MAX_CHARS")
        self.max_sections = limits.get("VBCHECK_MAX_SECTIONS")

    def body(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == P:
                self.paragraph(child)
            elif tag == TBL:
                self.table(child)
            elif tag in BODY_CONTAINERS:
                content = child.find(SDTCONTENT) if tag == SDT else child
                if content is not None:
                    self.body(content)
            elif tag == DEL:
                self.revisions["del"] += 1

    def table(self, tbl, outer: tuple[int, int, int] | None = None) -> None:
        self.table_no += 1
        tno = self.table_no
        tpr = tbl.find(TBLPR)
        style = child_val(tpr, "tblStyle") if tpr is not None else None
        for r, tr in enumerate(tbl.iter(TR)):
            if tr.getparent() is not tbl and tr.getparent().tag != SDTCONTENT:
                continue
            for c, tc in enumerate(x for x in tr if x.tag in (TC, SDT)):
                cell = tc if tc.tag == TC else tc.find(f".//{TC}")
                if cell is None:
                    continue
                before = len(self.paragraphs)
                self.body(cell)
                for p in self.paragraphs[before:]:
                    if p.table is None:
                        p.table = (tno, r, c)
                        p.kind = "cell"
                        if style:
                            p.props["tblStyle"] = style

    def paragraph(self, p_el, kind: str = "p", footnote_id: str | None = None) -> None:
        """Read one w:p: its text and runs in one pass over the paragraph and its runs (and the
        wrappers, insertions and fields inside it, depth first through a stack, in document
        order). A run is usually a w:rPr and a w:t: both are handled inline, anything else in
        a run by _run_child."""
        visit = None
        if self.visits is not None and len(self.paragraphs) <= TOP:
            visit = [p_el, len(self.paragraphs), None]
            self.visits.append(visit)
        parts: list[str] = []
        n = 0  # characters collected (sum of len(parts))
        runs: list[Run] = []
        refs: list[tuple[int, str]] = []
        boxes: list = []
        self.para_page = self.page
        revisions = self.revisions
        rev_before = revisions["ins"] + revisions["del"]
        run_els: list | None = [] if self.elements is not None else None
        ppr = None  # the first w:pPr child of the paragraph itself
        shared = self.run_props
        read_props = self.read_run_props
        it = iter(p_el)
        stack: list = []
        while True:
            for child in it:
                tag = child.tag
                if tag == R:
                    start = n
                    rpr = None
                    for rc in child[:]:
                        t = rc.tag
                        if t == T:
                            s = rc.text
                            if s:
                                parts.append(s)
                                n += len(s)
                        elif t == RPR:
                            if rpr is None:
                                rpr = rc
                        elif t in RUN_OTHER:
                            n = self._run_child(rc, t, parts, n, refs, boxes)
                    if rpr is None or not read_props:
                        props = {}
                    else:
                        props = run_props_of(rpr)
                        if "_revised" in props:
                            del props["_revised"]
                            revisions["fmt"] = revisions.get("fmt", 0) + 1
                    props = shared.setdefault(signature(props), props)
                    if n > start:
                        runs.append(Run(start, n, props))
                        if run_els is not None:
                            run_els.append(child)
                elif tag == PPR:
                    if ppr is None and not stack:
                        ppr = child
                elif tag in P_WRAPPERS or tag in P_INSERTED:
                    if tag in P_INSERTED:
                        revisions["ins"] += 1
                    stack.append(it)
                    it = iter(child)
                    break
                elif tag in P_DELETED:
                    revisions["del"] += 1
            else:
                if not stack:
                    break
                it = stack.pop()
        raw = "".join(parts)
        self.chars += len(raw)
        if self.chars > self.max_chars:
            raise too_much_text(self.max_chars)
        if raw.isascii() or unicodedata.is_normalized("NFC", raw):  # _clean_text's common case, inlined
            text = raw.strip()
            if len(text) != len(raw) and text:
                lead = len(raw) - len(raw.lstrip())
                runs = [Run(max(0, min(len(text), r.start - lead)), max(0, min(len(text), r.end - lead)), r.props)
                        for r in runs]
                refs = [(max(0, min(len(text), o - lead)), i) for o, i in refs]
            not_nfc_cols = None
        else:
            text, to_text, not_nfc_cols = _clean_text(raw)
            if text and to_text is not None:  # run and reference offsets are raw positions
                runs = [Run(to_text(r.start), to_text(r.end), r.props) for r in runs]
                refs = [(to_text(o), i) for o, i in refs]
        sect = None
        if text:
            # Columns of a .docx paragraph are offsets in its own (stripped, NFC) text: a range,
            # not a list of as many ints as characters.
            i = len(self.paragraphs)
            if ppr is None:
                props = {}
            else:
                props, sect = para_props_scan(ppr)
            para = Paragraph(index=i, text=text, line=i + 1, cols=range(len(text) + 1), page=self.para_page,
                             zone=Zone.FOOTNOTE if kind == "footnote" else Zone.UNKNOWN, kind=kind,
                             gap_before=self.prev_empty, footnote_refs=refs, footnote_id=footnote_id,
                             runs=runs, props=props)
            if revisions["ins"] + revisions["del"] > rev_before:
                props["revised"] = True
            if not_nfc_cols is not None:  # offsets (= columns) of characters that were not NFC (VB002)
                props["not_nfc_cols"] = not_nfc_cols
            self.paragraphs.append(para)
            if visit is not None:
                visit[2] = (text, i + 1)
            if run_els is not None:
                self.elements.append((p_el, run_els))
            self.prev_empty = False
        else:
            self.prev_empty = True
            if ppr is not None and kind == "p":
                sect = first_child(ppr, SECTPR)
        if boxes:
            first = len(self.paragraphs)
            for box in boxes:
                self.body(box)
            for q in self.paragraphs[first:]:
                q.props["textbox"] = True  # read after the paragraph that anchors its text box
        if sect is not None and kind == "p":
            self.section(sect)

    def section(self, sect) -> None:
        """Close the section that ends here: it covers the paragraphs emitted since the last one."""
        if len(self.sections) >= self.max_sections:
            raise InputError(
                f"tệp .docx bị từ chối: hơn {self.max_sections} section (VBCHECK_MAX_SECTIONS)",
                f".docx refused: more than {self.max_sections} sections (VBCHECK_MAX_SECTIONS)")
        start = self.sections[-1]["end"] if self.sections else 0
        self.sections.append(section_props(sect, start, len(self.paragraphs)))
        if self.elements is not None:
            self.section_elements.append(sect if sect.getparent() is not None else None)

    def _run_child(self, child, tag, parts, n, refs, boxes) -> int:
        """Read a child of a run other than w:t and w:rPr (`tag` is in RUN_OTHER) into `parts`,
        which hold `n` characters; returns how many they hold after it."""
        if tag in TABS:
            parts.append("\t")
            return n + 1
        if tag in BREAKS:
            if child.get(TYPE) != "page":
                parts.append("\n")
                return n + 1
            self._page_mark(parts)
        elif tag == PAGE_BREAK:
            self._page_mark(parts)
        elif tag == HYPHEN:
            parts.append("-")
            return n + 1
        elif tag == SYM:
            code = (child.get(SYM_CHAR) or "").upper()
            parts.append(_SYM_MAP.get(code[-4:], "•"))
            return n + 1
        elif tag in NOTE_REFS:
            refs.append((n, child.get(ID) or ""))
        elif tag == ALT:
            choice = child.find(CHOICE)
            if choice is not None:
                # The first choice's children are read as the run's (its w:rPr is not the run's).
                for rc in choice:
                    t = rc.tag
                    if t == T:
                        s = rc.text
                        if s:
                            parts.append(s)
                            n += len(s)
                    elif t in RUN_OTHER:
                        n = self._run_child(rc, t, parts, n, refs, boxes)
        elif tag in DRAWINGS:
            # Only text boxes are text; everything else in a drawing is geometry.
            boxes.extend(_outer_boxes(child))
        return n

    def _page_mark(self, parts) -> None:
        """A page break; a paragraph that starts after it belongs to the new page."""
        self.page += 1
        self.saw_page_marks = True
        if not any(p.strip() for p in parts):
            self.para_page = self.page


class Piece(NamedTuple):
    """One stretch of a paragraph's raw text as `ParagraphWalker.paragraph` reads it: the text of
    a w:t (`el`), or one character for a w:tab, w:br, w:noBreakHyphen or w:sym; `run` is the w:r
    it belongs to; `editable` is False inside mc:AlternateContent (whose fallback copy a writer
    would leave stale)."""

    text: str
    el: object
    run: object
    editable: bool


def text_pieces(p_el) -> list[Piece]:
    """The pieces of a w:p in the order the walker reads them; their texts joined are the
    paragraph's raw text (before stripping and NFC). The writers of fixed copies edit through
    these; tests/test_fix.py proves they give the walker's text on every corpus document."""
    out: list[Piece] = []
    stack = [(iter(p_el), True)]
    while stack:
        it, editable = stack[-1]
        for child in it:
            tag = child.tag
            if tag == R:
                _run_pieces(child, child, editable, out)
            elif tag in P_WRAPPERS or tag in P_INSERTED:
                stack.append((iter(child), editable and tag not in (ALT, CHOICE)))
                break
        else:
            stack.pop()
    return out


def _run_pieces(run, el, editable: bool, out: list[Piece]) -> None:
    for rc in el:
        t = rc.tag
        if t == T:
            if rc.text:
                out.append(Piece(rc.text, rc, run, editable))
        elif t in TABS:
            out.append(Piece("\t", rc, run, editable))
        elif t in BREAKS:
            if rc.get(TYPE) != "page":
                out.append(Piece("\n", rc, run, editable))
        elif t == HYPHEN:
            out.append(Piece("-", rc, run, editable))
        elif t == SYM:
            code = (rc.get(SYM_CHAR) or "").upper()
            out.append(Piece(_SYM_MAP.get(code[-4:], "•"), rc, run, editable))
        elif t == ALT:
            choice = rc.find(CHOICE)
            if choice is not None:
                _run_pieces(run, choice, False, out)


def _clean_text(raw: str):
    """A paragraph's text (NFC, stripped), a map from raw char positions (run and footnote
    reference offsets) to offsets in that text (None when they are the same), and the offsets of
    characters that were not NFC in the source (None when there were none)."""
    if raw.isascii() or unicodedata.is_normalized("NFC", raw):
        # The common case: NFC maps 1:1, so stripping only shifts positions by the lead, and a
        # paragraph without outer spaces needs no map at all (None).
        text = raw.strip()
        if len(text) == len(raw):
            return text, None, None
        lead = len(raw) - len(raw.lstrip())
        n = len(text)
        return text, lambda pos: max(0, min(n, pos - lead)), None
    not_nfc: list[tuple[int, int]] = []
    nfc, cols = nfc_with_map(list(zip(raw, range(len(raw)))), len(raw), not_nfc)
    lead = len(nfc) - len(nfc.lstrip())
    text = nfc.strip()
    if not text:
        return text, None, None
    cols = cols[lead : lead + len(text) + 1]
    not_nfc_cols = [a - lead for a, _ in not_nfc if 0 <= a - lead < len(text)] if not_nfc else None
    return text, _inverse(cols, len(text)), not_nfc_cols


def _outer_boxes(el) -> list:
    out = []
    for box in el.iter(TXBX):
        a = box.getparent()
        while a is not None and a is not el and a.tag != TXBX:
            a = a.getparent()
        if a is None or a is el:
            out.append(box)
    return out


def _inverse(cols: list[int], n: int):
    """Map a raw char position to an offset in the stripped text."""
    keys = cols[:-1]

    def f(raw: int) -> int:
        return max(0, min(n, bisect.bisect_left(keys, raw)))

    return f


def walk_parts(b: ParagraphWalker, root, fn_root) -> int:
    """Walk the document part (`root`) and the footnotes part (`fn_root`, or None) in reading
    order; returns the number of body paragraphs (footnote paragraphs follow them). The reader
    and the writers of fixed copies walk through here, so their paragraph numbers agree."""
    body = root.find(BODY)
    if body is not None:
        b.body(body)
        _end_of_body(b, body)
    n_body = len(b.paragraphs)
    walk_footnotes(b, fn_root)
    return n_body


def _end_of_body(b: ParagraphWalker, body) -> None:
    """The last section: the body's own w:sectPr (one without it still has a section)."""
    last = body.find(SECTPR)
    if last is not None or not b.sections:
        b.section(last if last is not None else body.makeelement(SECTPR))


def walk_footnotes(b: ParagraphWalker, fn_root) -> None:
    if fn_root is not None:
        for fn in fn_root.findall(f"{W_}footnote"):
            if fn.get(TYPE) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for p in fn.iter(P):
                b.paragraph(p, kind="footnote", footnote_id=fn.get(ID))


# Memory trick, in one place: a document.xml larger than this is walked as it is parsed, each
# body child freed once walked (`_walk_streamed`), so its tree (about 4 times the XML) is never
# whole in memory beside the model: 12 MB less at the peak of a 500-page draft. Smaller parts
# are parsed whole, which libxml2 does about a third faster than in pieces.
STREAM_FROM = 1 << 20


def _walk_streamed(data: bytes) -> tuple[ParagraphWalker, int]:
    """`walk_parts` over document.xml as it is parsed (`xml.BodyStream`: each body child is walked
    as soon as it is complete, then freed), footnotes excluded: the walker and the number of body
    paragraphs. Reading order, numbering and sections are the tree walk's; a package whose body
    children are not all in the document element's first w:body (never written by Word) is
    walked again on the whole tree, exactly as `walk_parts` does."""
    b = ParagraphWalker()
    b.visits = []
    top: list = []
    stream = BodyStream(data, "word/document.xml", free=True)
    for child in stream:
        if len(b.paragraphs) <= TOP:
            top.append(child)
            stream.hold(child)
        b.body((child,))
    body = stream.root.find(BODY)
    if not stream.one_body or (stream.body is not None and stream.body is not body):
        return _walk_tree(data)
    if body is not None:
        # What the stream left in it besides the top it was told to hold: body-level w:del,
        # counted as the tree walk does.
        b.body([c for c in body if c.tag != P and c.tag != TBL and c.tag not in BODY_CONTAINERS])
        _end_of_body(b, body)
    return b, len(b.paragraphs), Top(top, len(b.paragraphs) <= TOP)


def _walk_tree(data: bytes) -> tuple[ParagraphWalker, int, Top]:
    """`walk_parts` over the parsed document.xml, footnotes excluded, one body child at a time
    (as `ParagraphWalker.body` does), keeping the top (`Top`)."""
    b = ParagraphWalker()
    b.visits = []
    top: list = []
    body = parse_xml(data, "word/document.xml").find(BODY)
    if body is not None:
        for child in body:
            if len(b.paragraphs) <= TOP and (child.tag == P or child.tag == TBL or child.tag in BODY_CONTAINERS):
                top.append(child)
            b.body((child,))
        _end_of_body(b, body)
    return b, len(b.paragraphs), Top(top, len(b.paragraphs) <= TOP)


class Top(NamedTuple):
    """The body children that hold the first TOP paragraphs (and those after them, to the first
    child that starts past it), as parsed: the header's rule lines (`rulelines.rows`) are read
    from them instead of decompressing and parsing document.xml again. `whole`: they are all the
    body's children. They keep the parsed tree of a document.xml below STREAM_FROM alive while
    the document is checked; of a larger one, only themselves."""

    children: list
    whole: bool


TOP = 80  # paragraphs: the header, the title and the summary of any document the corpus holds


KEEP_PART = 1 << 20  # a larger part (never seen but document.xml) is decompressed again when read


def read_document(data: bytes, path: str) -> Document:
    zf = open_package(data)
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        if "EncryptedPackage" in names or "EncryptionInfo" in names:
            raise InputError("tệp .docx có mật khẩu: hãy bỏ mật khẩu rồi kiểm tra lại",
                             "password-protected .docx: remove the password and try again")
        raise InputError("tệp .docx hỏng: thiếu word/document.xml", "corrupt .docx: word/document.xml is missing")
    # The scan decompresses every XML part anyway: it hands back the document and the footnotes,
    # parsed here, and the other parts up to KEEP_PART bytes (styles, theme, settings, headers,
    # numbering …) for the checks that read them (`package.package_part`), so that no part is
    # decompressed twice. Absent parts are left out.
    kept = refuse_dtd_parts(zf, keep=("word/document.xml", "word/footnotes.xml"), keep_up_to=KEEP_PART)
    fn_data = kept.pop("word/footnotes.xml", None)
    doc_data = kept.pop("word/document.xml")
    if len(doc_data) > STREAM_FROM:
        b, n_body, top = _walk_streamed(doc_data)
    else:
        b, n_body, top = _walk_tree(doc_data)
    del doc_data  # the largest part: not kept while the footnotes are read
    visits, b.visits = b.visits, None  # the body's only: footnotes are no header rows
    walk_footnotes(b, parse_xml(fn_data, "word/footnotes.xml") if fn_data else None)
    paragraphs = b.paragraphs
    if not b.saw_page_marks:
        for p in paragraphs:
            p.page = None
    else:
        for p in paragraphs[n_body:]:
            p.page = None
    meta = {
        "revisions": b.revisions,
        "parts": sorted(names),
        "comments": "word/comments.xml" in names,
        "zip": zf,
        "part_data": kept,
        "top": top,
        "top_visits": visits,
        "sections": b.sections,
    }
    return Document(path=path, kind=SourceKind.DOCX, paragraphs=paragraphs, meta=meta)
