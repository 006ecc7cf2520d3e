"""`vbcheck annotate draft.docx [-o draft.vbcheck.docx] [--force]`: a copy of the document with
one Word comment per finding.

Each comment (author "vbcheck", text "CODE message") is anchored to the offending text: the
runs that hold the finding's columns, or the whole paragraph for a finding without text (a
missing part is reported at the paragraph where it belongs, a page-setup finding at the first
paragraph of its section). A finding that spans several paragraphs of one container (the body,
one table cell) covers them all. Text in a text box or a footnote is anchored to the paragraph
that holds the box or the footnote reference, where Word and LibreOffice both show comments.

The input is never modified: the copy is written to a temporary file in the output's folder
and renamed over the output (atomic on POSIX and Windows); an existing output is kept unless
`--force`. python-docx (the `docx` extra) writes the comments part; it is imported only here.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

AUTHOR = "vbcheck"
INITIALS = "VB"

INSTALL_HINT = (
    "vbcheck annotate cần python-docx: pip install 'vbcheck[docx]' / "
    "vbcheck annotate needs python-docx: pip install 'vbcheck[docx]'"
)


class AnnotateError(Exception):
    """A one-line reason the copy was not written."""


def default_output(path: str) -> str:
    p = Path(path)
    return str(p.with_name(p.stem + ".vbcheck.docx"))


def annotate(path: str, output: str | None = None, *, force: bool = False, options=None):
    """Check `path` and write the annotated copy; return (FileResult, output path, comments)."""
    from ..core.errors import InputError
    from ..engine import Options, check_document, read
    from ..engine.files import read_file

    options = options or Options()
    if not path.lower().endswith((".docx", ".docm")):
        raise AnnotateError("chỉ ghi chú được tệp .docx / only .docx files can be annotated")
    output = output or default_output(path)
    try:
        same = os.path.exists(output) and os.path.samefile(path, output)
    except OSError:
        same = False
    if same or os.path.abspath(output) == os.path.abspath(path):
        raise AnnotateError("tệp ghi ra trùng tệp gốc / the output would overwrite the input")
    if os.path.exists(output) and not force:
        raise AnnotateError(f"{output} đã có; dùng --force để ghi đè / {output} exists; use --force to overwrite")
    try:
        import docx  # noqa: F401  (python-docx)
    except ImportError:
        raise AnnotateError(INSTALL_HINT) from None
    try:
        data = read_file(path)
        doc = read(path, data)
    except InputError as e:
        raise AnnotateError(e.message(options.lang)) from None
    result = check_document(doc, options)
    try:
        out_bytes, n = annotated_bytes(data, doc, result.violations)
    except Exception as e:  # noqa: BLE001 - python-docx refuses some packages (.docm, odd parts)
        raise AnnotateError(f"không ghi được bản có ghi chú / cannot write the annotated copy "
                            f"({type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''})") from None
    _write_atomic(output, out_bytes)
    return result, output, n


def annotated_bytes(data: bytes, doc, findings) -> tuple[bytes, int]:
    """The .docx `data` with one comment per finding; `doc` is the vbcheck Document read from it."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from ..ooxml.walk import ParagraphWalker
    from ..ooxml.xml import W_

    document = docx.Document(io.BytesIO(data))
    builder = ParagraphWalker()
    builder.elements = []
    builder.body(document.element.body)
    elements = builder.elements
    paras = builder.paragraphs
    by_line = {}
    for p in doc.paragraphs:
        by_line.setdefault(p.line, p)

    def locate(line: int):
        """(paragraph index in `elements`, use whole paragraph?) for a finding's line."""
        if 1 <= line <= len(elements):
            return line - 1, False
        p = by_line.get(line)
        fid = p.footnote_id if p is not None else None
        if fid is not None:
            for i, (p_el, _runs) in enumerate(elements):
                for ref in p_el.iter(f"{W_}footnoteReference"):
                    if ref.get(f"{W_}id") == fid:
                        return i, True
        return (0, True) if elements else (None, True)

    def host(p_el):
        """For a paragraph inside a text box: the outermost paragraph that holds the box and its
        run that holds it; for any other paragraph: (itself, None)."""
        outer_p, outer_r, last_r = p_el, None, None
        anc = p_el.getparent()
        while anc is not None:
            if anc.tag == f"{W_}r":
                last_r = anc
            elif anc.tag == f"{W_}p":
                outer_p, outer_r = anc, last_r
            anc = anc.getparent()
        return outer_p, outer_r

    def top(el, p_el):
        """The child of the paragraph that contains `el` (a run may sit in a hyperlink, an
        insertion, a field or a content control)."""
        while el.getparent() is not None and el.getparent() is not p_el:
            el = el.getparent()
        return el

    def anchors(i: int, start: int | None, end: int | None):
        p_el, run_els = elements[i]
        runs = paras[i].runs
        h, box_run = host(p_el)
        if h is not p_el:
            return h, box_run, box_run
        chosen = [k for k, r in enumerate(runs) if start is not None and r.start < end and r.end > start] \
            if start is not None and end is not None and end > start else []
        if not chosen:
            chosen = list(range(len(run_els)))
        if not chosen:
            return p_el, None, None
        return p_el, run_els[chosen[0]], run_els[chosen[-1]]

    n = 0
    for f in findings:
        i, whole = locate(f.line)
        if i is None:
            continue
        start = end = None
        if not whole:
            start = f.column - 1
            end = f.end_column - 1 if f.end_line == f.line else 10**9
        p_el, first, last = anchors(i, start, end)
        end_p = p_el
        if f.end_line and f.end_line > f.line and first is not None:
            j, whole_j = locate(f.end_line)
            if j is not None and j != i and not whole_j:
                q_el, _first2, last2 = anchors(j, 0, f.end_column - 1)
                if q_el.getparent() is p_el.getparent() and last2 is not None:
                    last, end_p = last2, q_el
        comment = document.comments.add_comment(text=f"{f.code} {f.message}", author=AUTHOR, initials=INITIALS)
        cid = str(comment.comment_id)
        rs = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): cid})
        re_ = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): cid})
        ref_run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        rstyle = OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"})
        rpr.append(rstyle)
        ref_run.append(rpr)
        ref_run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): cid}))
        if first is None:
            ppr = p_el.find(qn("w:pPr"))
            if ppr is not None:
                ppr.addnext(rs)
            else:
                p_el.insert(0, rs)
            end_p.append(re_)
            end_p.append(ref_run)
        else:
            top(first, p_el).addprevious(rs)
            anchor = top(last, end_p)
            anchor.addnext(ref_run)
            anchor.addnext(re_)
        n += 1
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue(), n


def _write_atomic(output: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(output)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".vbcheck-", suffix=".docx.tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, output)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
