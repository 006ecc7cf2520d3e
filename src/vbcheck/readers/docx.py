""".docx reader: lxml over the package parts, one pass over word/document.xml.

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
`vbcheck.formatting` resolves styles, defaults and theme fonts from the package lazily, only when
a formatting rule runs.
"""

from __future__ import annotations

import bisect
import io
import unicodedata
import zipfile

from .. import limits
from ..errors import InputError
from ..hookspecs import hookimpl
from ..model import Document, Paragraph, Run, SourceKind, Zone
from ..normalize import nfc_with_map

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{%s}" % W
_MC = "{%s}" % MC

# Tags compared in the walk, built once (an f-string in a comparison is rebuilt on every test).
_P, _R, _T, _TBL, _TR, _TC = (_W + n for n in ("p", "r", "t", "tbl", "tr", "tc"))
_PPR, _RPR, _TBLPR, _SECTPR = (_W + n for n in ("pPr", "rPr", "tblPr", "sectPr"))
_SDT, _SDTCONTENT, _DEL, _TXBX = (_W + n for n in ("sdt", "sdtContent", "del", "txbxContent"))
_TYPE, _SYM_CHAR, _ID, _VAL = (_W + n for n in ("type", "char", "id", "val"))
_ALT, _CHOICE = _MC + "AlternateContent", _MC + "Choice"
_BODY_CONTAINERS = frozenset(_W + n for n in ("sdt", "customXml", "ins", "moveTo"))
# Children of a paragraph: removed text, inserted text, and wrappers whose runs are its text.
_P_DELETED = frozenset(_W + n for n in ("del", "moveFrom"))
_P_INSERTED = frozenset(_W + n for n in ("ins", "moveTo"))
_P_WRAPPERS = frozenset([*(_W + n for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "sdt", "sdtContent")),
                         _ALT, _CHOICE])
# Children of a run that are text, other than w:t.
_TABS = frozenset(_W + n for n in ("tab", "ptab"))
_BREAKS = frozenset(_W + n for n in ("br", "cr"))
_PAGE_BREAK = _W + "lastRenderedPageBreak"
_HYPHEN = _W + "noBreakHyphen"
_SYM = _W + "sym"
_NOTE_REFS = frozenset(_W + n for n in ("footnoteReference", "endnoteReference"))
_DRAWINGS = frozenset(_W + n for n in ("drawing", "pict", "object"))
# Children of a run other than w:t and w:rPr that _run_child reads; any other child is ignored.
_RUN_OTHER = frozenset([*_TABS, *_BREAKS, _PAGE_BREAK, _HYPHEN, _SYM, *_NOTE_REFS, _ALT, *_DRAWINGS])

# Limits against zip bombs and huge parts: `vbcheck.limits` (environment variables, README).

_SYM_MAP = {"F0B7": "•", "F0A7": "▪", "F02D": "-", "F0D8": "➢"}


def too_much_text(max_chars: int) -> InputError:
    return InputError(f"tệp bị từ chối: văn bản dài hơn {max_chars} ký tự (VBCHECK_MAX_CHARS)",
                      f"file refused: more than {max_chars} characters of text (VBCHECK_MAX_CHARS)")


def _parser():
    from lxml import etree

    # No entity substitution, no DTD loading or validation, no network; huge_tree=False keeps
    # libxml2's own limits (depth 256, 10 MB text nodes, entity amplification).
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )


# A DTD in any encoding a part may use (UTF-8, UTF-16 either way).
_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be"))


def _declares_dtd(data: bytes) -> bool:
    # Every mark holds the byte "!" in every encoding, and OOXML rarely has one: a single memchr
    # settles nearly every part, the full search runs only where "!" occurs.
    return b"!" in data and any(m in data for m in _DTD_MARKS)


def _refuse_dtd(part: str) -> InputError:
    return InputError(f"tệp .docx chứa khai báo DTD/ENTITY trong {part} (bị từ chối vì lý do an toàn)",
                      f".docx part {part} declares a DTD/ENTITY (refused for safety)")


def parse_xml(data: bytes, part: str):
    """Parse one package part safely and return its root element; the one XML parse site.

    Every part of a .docx goes through here (document, footnotes, styles, theme, headers):
    a DTD or entity declaration anywhere is refused (OOXML never has one), no entity is
    resolved, nothing is loaded from disk or network, a part with more than
    VBCHECK_MAX_XML_TAGS tags is refused before parsing, and libxml2 keeps its depth (256) and
    amplification limits. Bad XML raises InputError with a one-line reason."""
    from lxml import etree

    if _declares_dtd(data):
        raise _refuse_dtd(part)
    max_tags = limits.get("VBCHECK_MAX_XML_TAGS")
    tags = data.count(b"<") if len(data) > max_tags else 0  # fewer bytes than the limit: fewer tags
    if tags > max_tags:
        raise InputError(f"tệp .docx bị từ chối: {part} có quá nhiều thẻ XML ({tags} > {max_tags})",
                         f".docx refused: {part} has too many XML tags ({tags} > {max_tags})")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        msg = " ".join(str(e.msg or e).split())[:200]
        raise InputError(f"tệp .docx hỏng: {part} không phải XML hợp lệ ({msg})",
                         f"corrupt .docx: {part} is not valid XML ({msg})") from None
    except (etree.LxmlError, ValueError, MemoryError) as e:
        msg = " ".join(str(e).split())[:200]
        raise InputError(f"tệp .docx hỏng: không đọc được XML của {part} ({msg})",
                         f"corrupt .docx: cannot parse {part} ({msg})") from None
    if root is None:
        raise InputError(f"tệp .docx hỏng: {part} rỗng", f"corrupt .docx: {part} is empty")
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.doctype or info.system_url:
        raise _refuse_dtd(part)
    return root


_parse = parse_xml  # the older private name, still imported by vbcheck.formatting


def _entry_count(data: bytes) -> int | None:
    """Members declared by the ZIP's end record, read before zipfile builds one object each."""
    try:
        rec = zipfile._EndRecData(io.BytesIO(data))  # noqa: SLF001 - stable since Python 2
        return int(rec[zipfile._ECD_ENTRIES_TOTAL]) if rec else None
    except Exception:  # noqa: BLE001 - zipfile itself reports a bad archive just after
        return None


def _too_big(vi: str, en: str) -> InputError:
    return InputError(f"tệp .docx bị từ chối: {vi} (có thể là zip bomb)", f".docx refused: {en} (possible zip bomb)")


def open_package(data: bytes) -> zipfile.ZipFile:
    """Open a .docx package, refusing OLE files, non-ZIP data and zip bombs by their declared
    sizes (nothing is decompressed here)."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(
            "tệp Word cũ (.doc) hoặc .docx có mật khẩu: hãy mở bằng Word, bỏ mật khẩu và lưu lại dạng .docx",
            "legacy Word (.doc) or password-protected .docx: open it in Word, remove the password and save as .docx",
        )
    if not data.startswith(b"PK"):
        raise InputError("không phải tệp .docx (không phải gói ZIP)", "not a .docx file (not a ZIP package)")
    max_parts = limits.get("VBCHECK_MAX_PARTS")
    declared = _entry_count(data)
    if declared is not None and declared > max_parts:
        raise _too_big(f"gói có {declared} phần (tối đa {max_parts})", f"package has {declared} parts (limit {max_parts})")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError,
            IndexError, OverflowError, UnicodeDecodeError, NotImplementedError) as e:
        msg = " ".join(str(e).split())[:200]
        raise InputError(f"tệp .docx hỏng hoặc bị cắt cụt ({msg})", f"corrupt or truncated .docx ({msg})") from None
    infos = zf.infolist()
    if len(infos) > max_parts:
        raise _too_big(f"gói có {len(infos)} phần (tối đa {max_parts})", f"package has {len(infos)} parts (limit {max_parts})")
    max_part = limits.get("VBCHECK_MAX_PART_BYTES")
    max_total = limits.get("VBCHECK_MAX_TOTAL_BYTES")
    max_ratio = limits.get("VBCHECK_MAX_RATIO")
    total = 0
    for info in infos:
        total += info.file_size
        name = info.filename[:80]
        if info.file_size > max_part:
            raise _too_big(f"phần {name} giải nén ra {limits.mb(info.file_size)} (tối đa {limits.mb(max_part)})",
                           f"part {name} expands to {limits.mb(info.file_size)} (limit {limits.mb(max_part)})")
        if total > max_total:
            raise _too_big(f"các phần giải nén ra hơn {limits.mb(max_total)}",
                           f"parts expand to more than {limits.mb(max_total)}")
        if info.file_size > 1_000_000 and info.file_size > max_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _too_big(f"phần {name} nén {ratio}:1 (tối đa {max_ratio}:1)",
                           f"part {name} is compressed {ratio}:1 (limit {max_ratio}:1)")
    return zf


def _decompress_errors() -> tuple[type[BaseException], ...]:
    import zlib

    errs: list[type[BaseException]] = [
        zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError,
        IndexError, OverflowError, NotImplementedError, RuntimeError, zlib.error]
    try:
        import lzma

        errs.append(lzma.LZMAError)
    except ImportError:  # Python built without lzma: zipfile cannot open such members anyway
        pass
    return tuple(errs)


# What a damaged member raises while it is decompressed (bad CRC, bad stream, wrong sizes,
# an encrypted member: RuntimeError, an unknown method: NotImplementedError).
_DECOMPRESS_ERRORS = _decompress_errors()


def refuse_dtd_parts(zf: zipfile.ZipFile, keep: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Refuse the package when any XML part (.xml, .rels) declares a DTD or entity, even a part
    vbcheck does not read itself: OPC forbids DTDs in parts, and python-docx (the annotated
    copy) parses every related part with its own parser. Reads at most the part-size cap.

    Returns the bytes of the parts named in `keep`, so the caller does not inflate them twice."""
    kept = {}
    max_part = limits.get("VBCHECK_MAX_PART_BYTES")  # once: the environment is read at every get
    for info in zf.infolist():
        name = info.filename
        if name.lower().endswith((".xml", ".rels")) and not name.endswith("/"):
            data = read_part(zf, name, max_part) or b""
            if _declares_dtd(data):
                raise _refuse_dtd(name[:80])
            if name in keep:
                kept[name] = data
    return kept


def read_part(zf: zipfile.ZipFile, name: str, max_part: int | None = None) -> bytes | None:
    """The bytes of one part, or None when absent; never more than VBCHECK_MAX_PART_BYTES (or
    `max_part`, for callers reading many parts) are decompressed, whatever the package declares."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if max_part is None:
        max_part = limits.get("VBCHECK_MAX_PART_BYTES")
    try:
        with zf.open(info) as f:
            # Never inflate more than the declared size (+1) or the cap: a member that lies about
            # its size stops there and fails its CRC check.
            data = f.read(min(info.file_size, max_part) + 1)
    except _DECOMPRESS_ERRORS as e:
        msg = " ".join(str(e).split())[:200]
        raise InputError(f"tệp .docx hỏng: không đọc được {name} ({msg})",
                         f"corrupt .docx: cannot read {name} ({msg})") from None
    if len(data) > max_part:
        raise _too_big(f"{name} giải nén ra hơn {limits.mb(max_part)}", f"{name} expands beyond {limits.mb(max_part)}")
    return data


class _Builder:
    """Walks the XML once and emits paragraphs in reading order."""

    def __init__(self):
        self.paragraphs: list[Paragraph] = []
        self.page = 1
        self.saw_page_marks = False
        self.revisions = {"ins": 0, "del": 0}
        self.table_no = 0
        self.prev_empty = False
        self.sections: list[dict] = []
        # Set by callers that need the XML behind each paragraph (the annotated copy): one
        # (w:p element, [w:r element per Run]) per emitted paragraph.
        self.elements: list | None = None
        self.chars = 0  # characters read so far, against VBCHECK_MAX_CHARS
        self.max_chars = limits.get("VBCHECK_MAX_CHARS")

    def body(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag in _BODY_CONTAINERS:
                content = child.find(_SDTCONTENT) if tag == _SDT else child
                if content is not None:
                    self.body(content)
            elif tag == _DEL:
                self.revisions["del"] += 1

    def table(self, tbl, outer: tuple[int, int, int] | None = None) -> None:
        self.table_no += 1
        tno = self.table_no
        tpr = tbl.find(_TBLPR)
        style = _val(tpr, "tblStyle") if tpr is not None else None
        for r, tr in enumerate(tbl.iter(_TR)):
            if tr.getparent() is not tbl and tr.getparent().tag != _SDTCONTENT:
                continue
            for c, tc in enumerate(x for x in tr if x.tag in (_TC, _SDT)):
                cell = tc if tc.tag == _TC else tc.find(f".//{_TC}")
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
        it = iter(p_el)
        stack: list = []
        while True:
            for child in it:
                tag = child.tag
                if tag == _R:
                    start = n
                    rpr = None
                    for rc in child[:]:
                        t = rc.tag
                        if t == _T:
                            s = rc.text
                            if s:
                                parts.append(s)
                                n += len(s)
                        elif t == _RPR:
                            if rpr is None:
                                rpr = rc
                        elif t in _RUN_OTHER:
                            n = self._run_child(rc, t, parts, n, refs, boxes)
                    if rpr is None:
                        props = {}
                    else:
                        props = _rpr_of(rpr)
                        if "_revised" in props:
                            del props["_revised"]
                            revisions["fmt"] = revisions.get("fmt", 0) + 1
                    if n > start:
                        runs.append(Run(start, n, props))
                        if run_els is not None:
                            run_els.append(child)
                elif tag == _PPR:
                    if ppr is None and not stack:
                        ppr = child
                elif tag in _P_WRAPPERS or tag in _P_INSERTED:
                    if tag in _P_INSERTED:
                        revisions["ins"] += 1
                    stack.append(it)
                    it = iter(child)
                    break
                elif tag in _P_DELETED:
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
            # not a list of as many ints as characters. Fields by position, in Paragraph's order
            # (keywords cost twice as much at one paragraph per w:p).
            i = len(self.paragraphs)
            if ppr is None:
                props = {}
            else:
                props, sect = _ppr_scan(ppr)
            para = Paragraph(i, text, i + 1, range(len(text) + 1), self.para_page,
                             Zone.FOOTNOTE if kind == "footnote" else Zone.UNKNOWN, kind, self.prev_empty,
                             None, refs, footnote_id, runs, props)
            if revisions["ins"] + revisions["del"] > rev_before:
                props["revised"] = True
            if not_nfc_cols is not None:  # offsets (= columns) of characters that were not NFC (VB002)
                props["not_nfc_cols"] = not_nfc_cols
            self.paragraphs.append(para)
            if run_els is not None:
                self.elements.append((p_el, run_els))
            self.prev_empty = False
        else:
            self.prev_empty = True
            if ppr is not None and kind == "p":
                sect = _first(ppr, _SECTPR)
        for box in boxes:
            self.body(box)
        if sect is not None and kind == "p":
            self.section(sect)

    def section(self, sect) -> None:
        """Close the section that ends here: it covers the paragraphs emitted since the last one."""
        start = self.sections[-1]["end"] if self.sections else 0
        self.sections.append(_sect(sect, start, len(self.paragraphs)))

    def _run_child(self, child, tag, parts, n, refs, boxes) -> int:
        """Read a child of a run other than w:t and w:rPr (`tag` is in _RUN_OTHER) into `parts`,
        which hold `n` characters; returns how many they hold after it."""
        if tag in _TABS:
            parts.append("\t")
            return n + 1
        if tag in _BREAKS:
            if child.get(_TYPE) != "page":
                parts.append("\n")
                return n + 1
            self._page_mark(parts)
        elif tag == _PAGE_BREAK:
            self._page_mark(parts)
        elif tag == _HYPHEN:
            parts.append("-")
            return n + 1
        elif tag == _SYM:
            code = (child.get(_SYM_CHAR) or "").upper()
            parts.append(_SYM_MAP.get(code[-4:], "•"))
            return n + 1
        elif tag in _NOTE_REFS:
            refs.append((n, child.get(_ID) or ""))
        elif tag == _ALT:
            choice = child.find(_CHOICE)
            if choice is not None:
                # The first choice's children are read as the run's (its w:rPr is not the run's).
                for rc in choice:
                    t = rc.tag
                    if t == _T:
                        s = rc.text
                        if s:
                            parts.append(s)
                            n += len(s)
                    elif t in _RUN_OTHER:
                        n = self._run_child(rc, t, parts, n, refs, boxes)
        elif tag in _DRAWINGS:
            # Only text boxes are text; everything else in a drawing is geometry.
            boxes.extend(_outer_boxes(child))
        return n

    def _page_mark(self, parts) -> None:
        """A page break; a paragraph that starts after it belongs to the new page."""
        self.page += 1
        self.saw_page_marks = True
        if not any(p.strip() for p in parts):
            self.para_page = self.page


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
    for box in el.iter(_TXBX):
        a = box.getparent()
        while a is not None and a is not el and a.tag != _TXBX:
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


def _first(el, tag: str):
    """`el.find(tag)` (the first child with that tag) without ElementPath's cost. Word writes
    w:pPr and w:rPr first, and a w:pPr has few children: a Python loop settles those quicker than
    lxml's tag-filtered iterator, which pays off only over many children."""
    if len(el) > 8:
        first = el[0]
        return first if first.tag == tag else next(el.iterchildren(tag), None)
    for child in el:
        if child.tag == tag:
            return child
    return None


def _on(el):
    """A property element's w:val, or True when it has none (`<w:b/>`)."""
    v = el.get(_VAL)
    return True if v is None else v


def _val(el, name: str):
    if el is None:
        return None
    child = _first(el, _W + name)
    return None if child is None else _on(child)


class _LocalNames(dict):
    """Local names of qualified attribute names ("{ns}ascii" -> "ascii"), split once each."""

    def __missing__(self, key: str) -> str:
        name = key.split("}")[1]  # an attribute without a namespace raises IndexError, as it always has
        if len(self) < 4096:  # attribute names are few; a hostile package cannot grow this without end
            self[key] = name
        return name


_LOCAL = _LocalNames()


def _attrs(el) -> dict:
    return {_LOCAL[k]: v for k, v in el.items()} if el is not None else {}


# Run properties kept raw in Run.props: the value of the first child of each kind, rFonts as
# its attributes, and _revised for a tracked formatting change (formatting merges them; checks
# read them by key, never by order).
_RPR_VALUES = {_W + n: n for n in ("b", "i", "caps", "smallCaps", "u", "sz", "color", "rStyle", "strike",
                                   "vertAlign", "vanish")}
_RPR_FONTS, _RPR_CHANGE = _W + "rFonts", _W + "rPrChange"


def _rpr(r) -> dict:
    """The direct properties of a run (or of an element holding w:rPr, such as a style)."""
    rpr = _first(r, _RPR)
    return {} if rpr is None else _rpr_of(rpr)


def _rpr_of(rpr) -> dict:
    """The properties a w:rPr sets, in one pass over its children."""
    found = {}
    for child in rpr[:]:
        tag = child.tag
        name = _RPR_VALUES.get(tag)
        if name is not None:
            if name not in found:
                v = child.get(_VAL)  # _on(child), inlined: runs are the most numerous elements
                found[name] = True if v is None else v
        elif tag == _RPR_FONTS:
            if "rFonts" not in found:
                found["rFonts"] = {_LOCAL[k]: v for k, v in child.items()}
        elif tag == _RPR_CHANGE:
            found["_revised"] = True
    return found


# Paragraph properties kept raw in Paragraph.props: name and reader of each (None: the w:val
# value); w:numPr only as "numbered".
def _true(el) -> bool:
    return True


_PPR_PROPS = {_W + tag: (n, read)
              for tag, n, read in (("pStyle", "pStyle", None), ("jc", "jc", None), ("spacing", "spacing", _attrs),
                                   ("ind", "ind", _attrs), ("numPr", "numbered", _true),
                                   ("contextualSpacing", "contextualSpacing", None))}


def _ppr(p) -> dict:
    """The direct properties of a paragraph (or of an element holding w:pPr)."""
    ppr = _first(p, _PPR)
    return {} if ppr is None else _ppr_of(ppr)


def _ppr_of(ppr) -> dict:
    """The properties a w:pPr sets."""
    return _ppr_scan(ppr)[0]


def _ppr_scan(ppr) -> tuple[dict, object]:
    """The properties a w:pPr sets and its first w:sectPr child (None without one), in one pass
    over its children."""
    found = {}
    sect = None
    for child in ppr[:]:
        tag = child.tag
        prop = _PPR_PROPS.get(tag)
        if prop is not None:
            name, read = prop
            if name not in found:
                if read is None:  # _on(child), inlined
                    v = child.get(_VAL)
                    found[name] = True if v is None else v
                else:
                    found[name] = read(child)
        elif tag == _SECTPR and sect is None:
            sect = child
    return found, sect


def _sect(sect, start: int, end: int) -> dict:
    """A section's page setup as raw attributes (twips); paragraphs [start, end) belong to it."""
    refs = {}
    for kind in ("header", "footer"):
        for ref in sect.findall(f"{_W}{kind}Reference"):
            refs[(kind, ref.get(_TYPE) or "default")] = ref.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    return {
        "start": start, "end": end,
        "pgSz": _attrs(_first(sect, _W + "pgSz")), "pgMar": _attrs(_first(sect, _W + "pgMar")),
        "titlePg": _val(sect, "titlePg"), "type": _val(sect, "type"), "refs": refs,
    }


def read_docx(data: bytes, path: str) -> Document:
    zf = open_package(data)
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        if "EncryptedPackage" in names or "EncryptionInfo" in names:
            raise InputError("tệp .docx có mật khẩu: hãy bỏ mật khẩu rồi kiểm tra lại",
                             "password-protected .docx: remove the password and try again")
        raise InputError("tệp .docx hỏng: thiếu word/document.xml", "corrupt .docx: word/document.xml is missing")
    # The scan reads every part anyway: it hands back the two parsed here (absent ones are left out).
    kept = refuse_dtd_parts(zf, keep=("word/document.xml", "word/footnotes.xml"))
    root = parse_xml(kept["word/document.xml"], "word/document.xml")
    body = root.find(f"{_W}body")
    b = _Builder()
    if body is not None:
        b.body(body)
        last = body.find(_SECTPR)
        if last is not None or not b.sections:
            b.section(last if last is not None else body.makeelement(_SECTPR))
    n_body = len(b.paragraphs)
    fn_data = kept.get("word/footnotes.xml")
    if fn_data:
        fn_root = parse_xml(fn_data, "word/footnotes.xml")
        for fn in fn_root.findall(f"{_W}footnote"):
            if fn.get(_TYPE) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for p in fn.iter(_P):
                b.paragraph(p, kind="footnote", footnote_id=fn.get(_ID))
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
        "sections": b.sections,
    }
    return Document(path=path, kind=SourceKind.DOCX, paragraphs=paragraphs, meta=meta)


@hookimpl
def vbcheck_read(path: str, data: bytes):
    low = path.lower()
    if low.endswith((".docx", ".docm", ".dotx")):
        return read_docx(data, path)
    if low.endswith(".doc"):
        raise InputError(
            "tệp Word cũ (.doc) không được hỗ trợ: hãy mở bằng Word và lưu lại dạng .docx",
            "legacy Word .doc is not supported: open it in Word and save as .docx",
        )
    return None
