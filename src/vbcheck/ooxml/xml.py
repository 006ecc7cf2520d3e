"""The one place a .docx part's XML is parsed, safely; and the WordprocessingML names.

Every part of a package goes through `parse_xml` (document, footnotes, styles, theme, headers): a
DTD or entity declaration anywhere is refused (OOXML never has one), no entity is resolved,
nothing is loaded from disk or network, a part with more than VBCHECK_MAX_XML_TAGS tags is
refused before parsing, and libxml2 keeps its depth and amplification limits.
"""

from __future__ import annotations

from ..core import limits
from ..core.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W_ = "{%s}" % W
MC_ = "{%s}" % MC

# Tags compared in the walk, built once (an f-string in a comparison is rebuilt on every test).
P, R, T, TBL, TR, TC = (W_ + n for n in ("p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TBLPR, SECTPR = (W_ + n for n in ("pPr", "rPr", "tblPr", "sectPr"))
SDT, SDTCONTENT, DEL, TXBX = (W_ + n for n in ("sdt", "sdtContent", "del", "txbxContent"))
TYPE, SYM_CHAR, ID, VAL = (W_ + n for n in ("type", "char", "id", "val"))
ALT, CHOICE = MC_ + "AlternateContent", MC_ + "Choice"
BODY_CONTAINERS = frozenset(W_ + n for n in ("sdt", "customXml", "ins", "moveTo"))
# Children of a paragraph: removed text, inserted text, and wrappers whose runs are its text.
P_DELETED = frozenset(W_ + n for n in ("del", "moveFrom"))
P_INSERTED = frozenset(W_ + n for n in ("ins", "moveTo"))
P_WRAPPERS = frozenset([*(W_ + n for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "sdt", "sdtContent")),
                         ALT, CHOICE])
# Children of a run that are text, other than w:t.
TABS = frozenset(W_ + n for n in ("tab", "ptab"))
BREAKS = frozenset(W_ + n for n in ("br", "cr"))
PAGE_BREAK = W_ + "lastRenderedPageBreak"
HYPHEN = W_ + "noBreakHyphen"
SYM = W_ + "sym"
NOTE_REFS = frozenset(W_ + n for n in ("footnoteReference", "endnoteReference"))
DRAWINGS = frozenset(W_ + n for n in ("drawing", "pict", "object"))
# Children of a run other than w:t and w:rPr that _run_child reads; any other child is ignored.
RUN_OTHER = frozenset([*TABS, *BREAKS, PAGE_BREAK, HYPHEN, SYM, *NOTE_REFS, ALT, *DRAWINGS])


def _parser(keep_comments: bool = False):
    from lxml import etree

    # No entity substitution, no DTD loading or validation, no network; huge_tree=False keeps
    # libxml2's own limits (depth 256, 10 MB text nodes, entity amplification).
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=not keep_comments, remove_pis=not keep_comments,
    )


# A DTD in any encoding a part may use (UTF-8, UTF-16 either way).
_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be"))


def declares_dtd(data: bytes) -> bool:
    # Every mark holds the byte "!" in every encoding, and OOXML rarely has one: a single memchr
    # settles nearly every part, the full search runs only where "!" occurs.
    return b"!" in data and any(m in data for m in _DTD_MARKS)


def refuse_dtd(part: str) -> InputError:
    return InputError(f"tệp .docx chứa khai báo DTD/ENTITY trong {part} (bị từ chối vì lý do an toàn)",
                      f".docx part {part} declares a DTD/ENTITY (refused for safety)")


def _unparsable(part: str, e: BaseException) -> InputError:
    """The one-line error for XML that lxml could not parse (whole or streamed)."""
    from lxml import etree

    if isinstance(e, etree.XMLSyntaxError):
        msg = " ".join(str(e.msg or e).split())[:200]
        return InputError(f"tệp .docx hỏng: {part} không phải XML hợp lệ ({msg})",
                          f"corrupt .docx: {part} is not valid XML ({msg})")
    msg = " ".join(str(e).split())[:200]
    return InputError(f"tệp .docx hỏng: không đọc được XML của {part} ({msg})",
                      f"corrupt .docx: cannot parse {part} ({msg})")


def _refuse_doctype(root, part: str) -> None:
    """A DOCTYPE the byte scan did not see (declares_dtd) is refused once parsed."""
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.doctype or info.system_url:
        raise refuse_dtd(part)


def parse_xml(data: bytes, part: str, keep_comments: bool = False):
    """Parse one package part safely and return its root element; the one XML parse site.

    Every part of a .docx goes through here (document, footnotes, styles, theme, headers):
    a DTD or entity declaration anywhere is refused (OOXML never has one), no entity is
    resolved, nothing is loaded from disk or network, a part with more than
    VBCHECK_MAX_XML_TAGS tags is refused before parsing, and libxml2 keeps its depth (256) and
    amplification limits. Bad XML raises InputError with a one-line reason. `keep_comments`
    keeps XML comments and processing instructions (a writer saves the part again)."""
    from lxml import etree

    if declares_dtd(data):
        raise refuse_dtd(part)
    max_tags = limits.get("VBCHECK_MAX_XML_TAGS")
    tags = data.count(b"<") if len(data) > max_tags else 0  # fewer bytes than the limit: fewer tags
    if tags > max_tags:
        raise InputError(f"tệp .docx bị từ chối: {part} có quá nhiều thẻ XML ({tags} > {max_tags})",
                         f".docx refused: {part} has too many XML tags ({tags} > {max_tags})")
    try:
        root = etree.fromstring(data, _parser(keep_comments))
    except (etree.LxmlError, ValueError, MemoryError) as e:
        raise _unparsable(part, e) from None
    if root is None:
        raise InputError(f"tệp .docx hỏng: {part} rỗng", f"corrupt .docx: {part} is empty")
    _refuse_doctype(root, part)
    return root


BODY = W_ + "body"


def _pull_parser():
    from lxml import etree

    # parse_xml's settings. Only the end of a paragraph, a table or a content control is an event
    # (a body child the walk reads is one of them): the rest is parsed in C without a stop.
    return etree.XMLPullParser(events=("end",), tag=_BODY_CHILD_TAGS, resolve_entities=False,
                               no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
                               remove_comments=True, remove_pis=True)


class BodyStream:
    """The children of `w:body` (paragraphs, tables, content controls), each complete, parsed
    incrementally: iterate over it.

    Speed and memory trick, in one place: the reader walks each child as soon as it is parsed,
    and with `free=True` a child is taken out of the tree (its memory freed) when the next one is
    asked for, so the tree of a long document is never whole in memory (a 500-page draft's tree
    is about 11 MB, as much as the document model itself); a caller that needs only the top of a
    document (the header, the title block) stops after a few children and the rest of the part is
    never parsed. The same checks and errors as `parse_xml` (DTD, tag count, bad XML);
    tests/test_reader_tricks.py proves the reader gives the same document as the walk over
    `parse_xml`'s tree. After a complete iteration `root` is the document element, whose body
    still holds what was not handed out (the final w:sectPr, body-level w:del)."""

    def __init__(self, data: bytes, part: str = "word/document.xml", free: bool = False, chunk: int = 1 << 16):
        self.data, self.part, self.free, self.chunk = data, part, free, chunk
        self._held = None
        self.root = None
        self.body = None  # the w:body the children came from
        self.one_body = True  # False when they came from more than one w:body

    def hold(self, el) -> None:
        """Keep `el`, the child just handed out, in the tree (with `free`): the caller keeps it."""
        self._held = el

    def __iter__(self):
        from lxml import etree

        data, part = self.data, self.part
        if declares_dtd(data):
            raise refuse_dtd(part)
        if not data:
            parse_xml(data, part)  # raises parse_xml's own error for an empty part
        max_tags = limits.get("VBCHECK_MAX_XML_TAGS")
        tags = data.count(b"<") if len(data) > max_tags else 0
        if tags > max_tags:
            raise InputError(f"tệp .docx bị từ chối: {part} có quá nhiều thẻ XML ({tags} > {max_tags})",
                             f".docx refused: {part} has too many XML tags ({tags} > {max_tags})")
        parser = _pull_parser()
        free = self.free
        try:
            for pos in range(0, len(data), self.chunk):
                parser.feed(data[pos: pos + self.chunk])
                for _event, el in parser.read_events():
                    parent = el.getparent()
                    if parent is not None and parent.tag == BODY:
                        if self.body is None:
                            self.body = parent
                        elif parent is not self.body:
                            self.one_body = False
                        yield el
                        if free and self._held is not el:
                            # Emptied before it is taken out: lxml moves a removed subtree to a
                            # document of its own, node by node (10 times the parse on a long
                            # table), while clear() frees it at once.
                            el.clear()
                            parent.remove(el)
            root = parser.close()
        except (etree.LxmlError, ValueError, MemoryError) as e:
            raise _unparsable(part, e) from None
        _refuse_doctype(root, part)
        self.root = root


def body_children_of(chunks, part: str = "word/document.xml"):
    """The children of `w:body` that the walk reads, each complete, parsed from `chunks` (byte
    strings: a part as it is decompressed) as far as the caller reads: the top of a document costs
    only its top. For a part the reader has read, which was checked then (DTD, tag count); the
    elements stay valid (the tree is kept)."""
    from lxml import etree

    parser = _pull_parser()
    try:
        for data in chunks:
            parser.feed(data)
            for _event, el in parser.read_events():
                parent = el.getparent()
                if parent is not None and parent.tag == BODY:
                    yield el
        parser.close()
    except etree.XMLSyntaxError as e:
        raise _unparsable(part, e) from None


_BODY_CHILD_TAGS = (P, TBL, *BODY_CONTAINERS)
