"""`vbcheck annotate draft.docx [-o draft.vbcheck.docx] [--force]`: a copy of the document with
one Word comment per finding.

Each comment (author "vbcheck", text "CODE message") is anchored to the offending text: the
runs that hold the finding's columns, or the whole paragraph for a finding without text (a
missing part is reported at the paragraph where it belongs, a page-setup finding at the first
paragraph of its section). A finding that spans several paragraphs of one container (the body,
one table cell) covers them all. Text in a text box or a footnote is anchored to the paragraph
that holds the box or the footnote reference, where Word and LibreOffice both show comments.

Each comment covers exactly the offending characters: a run that holds the start or the end of
a finding's columns in the middle is split in two there (the pieces keep the run's formatting,
the text is unchanged); a run holding anything but text (a tab, a field, a drawing) is never
split, and the comment then covers the whole run.

The input is never modified: the copy is written to a new temporary file in the output's folder
(mode 0666 less the umask, as any new file; an output replaced with --force keeps its mode) and
renamed over the output (atomic on POSIX and Windows); an existing output is kept unless
`--force`, and `--force` replaces only a regular file (never a link, a FIFO or a device).
python-docx, a dependency of vbcheck, writes the comments part; it is imported only here.
"""

from __future__ import annotations

import bisect
import copy
import io
import os
import stat
from pathlib import Path

AUTHOR = "vbcheck"
INITIALS = "VB"

INSTALL_HINT = (
    "vbcheck annotate cần python-docx: pip install python-docx / "
    "vbcheck annotate needs python-docx: pip install python-docx"
)


class AnnotateError(Exception):
    """A one-line reason the copy was not written."""


def default_output(path: str) -> str:
    p = Path(path)
    return str(p.with_name(p.stem + ".vbcheck.docx"))


def annotate(path: str, output: str | None = None, *, force: bool = False, options=None, fixes: bool = False):
    """Check `path` and write the annotated copy; return (FileResult, output path, comments)."""
    from ..core.errors import InputError
    from ..engine import Options, check_document, read
    from ..engine.files import NotRegularFile, read_file, write_atomic

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
    try:
        existing = os.lstat(output)
    except OSError:
        existing = None
    if existing is not None and not force:
        raise AnnotateError(f"{output} đã có; dùng --force để ghi đè / {output} exists; use --force to overwrite")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise AnnotateError(f"{output} không phải tệp thông thường (liên kết, FIFO, thiết bị…); không ghi đè / "
                            f"is not a regular file (a link, a FIFO, a device…); not replaced, even with --force")
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
        out_bytes, n = annotated_bytes(data, doc, result.violations, fixes=fixes, lang=options.lang)
    except Exception as e:  # noqa: BLE001 - python-docx refuses some packages (.docm, odd parts)
        raise AnnotateError(f"không ghi được bản có ghi chú / cannot write the annotated copy "
                            f"({type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''})") from None
    try:
        write_atomic(output, out_bytes, follow_links=False)
    except NotRegularFile:
        raise AnnotateError(f"{output} không phải tệp thông thường / is not a regular file; not replaced") from None
    except OSError as e:
        raise AnnotateError(f"{output}: không ghi được / cannot write ({e.strerror or e})") from None
    return result, output, n


def annotated_bytes(data: bytes, doc, findings, *, fixes: bool = False, lang: str = "vi") -> tuple[bytes, int]:
    """The .docx `data` with one comment per finding; `doc` is the vbcheck Document read from it.
    With `fixes`, a comment on a finding that has a fix also says what the fix would write."""
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

    def split_at(i: int, off: int) -> None:
        """Split the run of paragraph `i` that holds text offset `off` strictly inside it (found
        by bisection: runs are in order and apart)."""
        _p_el, run_els = elements[i]
        runs = paras[i].runs
        k = bisect.bisect_right(runs, off, key=lambda r: r.start) - 1
        if k >= 0 and runs[k].start < off < runs[k].end:
            r = runs[k]
            right = _split_run(run_els[k], off - r.start, r.end - r.start)
            if right is not None:
                runs[k:k + 1] = [type(r)(r.start, off, r.props), type(r)(off, r.end, r.props)]
                run_els.insert(k + 1, right)

    def anchors(i: int, start: int | None, end: int | None):
        p_el, run_els = elements[i]
        h, box_run = host(p_el)
        if h is not p_el:
            return h, box_run, box_run
        runs = paras[i].runs
        if start is not None and end is not None and end > start:
            split_at(i, start)
            split_at(i, end)
            # The runs that overlap [start, end), between two bisections (a scan of every run
            # for each finding was quadratic).
            lo = bisect.bisect_right(runs, start, key=lambda r: r.end)
            hi = bisect.bisect_left(runs, end, key=lambda r: r.start)
            if lo < hi:
                return p_el, run_els[lo], run_els[hi - 1]
        if not run_els:
            return p_el, None, None
        return p_el, run_els[0], run_els[-1]

    add_comment = _comment_adder(document)
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
        cid = str(add_comment(_comment_text(f, fixes, lang)))
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


def _comment_text(f, fixes: bool, lang: str) -> str:
    text = f"{f.code} {f.message}"
    if fixes and f.fix is not None:
        from ..core.fix import describe

        label = {"vi": ("Đề xuất sửa", "an toàn", "cần xem lại"),
                 "en": ("Proposed fix", "safe", "to review")}.get(lang, ("Đề xuất sửa", "an toàn", "cần xem lại"))
        text += f"\n{label[0]} ({label[1] if f.fix.is_safe else label[2]}): {describe(f.fix, lang)}"
    return text


def _split_run(r_el, k: int, length: int):
    """Split run element `r_el` after its `k`-th character into two runs with the same
    properties; return the new right-hand run, or None when the run holds anything but w:rPr
    and w:t (a tab, a break, a field char) or its text is not the `length` characters the
    reader counted (stripped or normalised text): then it is left whole."""
    from ..ooxml.xml import W_

    t_tag, rpr_tag = f"{W_}t", f"{W_}rPr"
    if any(c.tag not in (t_tag, rpr_tag) for c in r_el):
        return None
    ts = [c for c in r_el if c.tag == t_tag]
    if sum(len(t.text or "") for t in ts) != length or not 0 < k < length:
        return None
    right = copy.deepcopy(r_el)
    right_ts = [c for c in right if c.tag == t_tag]
    seen = 0
    for left_t, right_t in zip(ts, right_ts):
        text = left_t.text or ""
        a = min(max(k - seen, 0), len(text))  # this element's characters before the cut
        seen += len(text)
        if a == len(text):
            right.remove(right_t)
        elif a == 0:
            r_el.remove(left_t)
        else:
            left_t.text, right_t.text = text[:a], text[a:]
        for t in (left_t, right_t):
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r_el.addnext(right)
    return right


def _comment_adder(document):
    """A function that adds one comment (author vbcheck) and returns its id, in constant time:
    python-docx's `add_comment` searches every comment for the next free id (8,000 comments took
    over a minute). The first comment is python-docx's own; each next one is a copy of it with
    the next id, its text written by python-docx (tabs and line breaks as Word wants them)."""
    import copy
    import datetime as dt

    from docx.comments import Comment

    comments = document.comments
    elm, part = getattr(comments, "_comments_elm", None), getattr(comments, "_comments_part", None)
    if elm is None or part is None:  # a python-docx without these: its own, slower way
        return lambda text: comments.add_comment(text=text, author=AUTHOR, initials=INITIALS).comment_id
    template = elm.add_comment()  # the structure python-docx writes, with the next free id
    elm.remove(template)
    next_id = template.id
    date = dt.datetime.now(dt.timezone.utc)

    def add(text: str) -> int:
        nonlocal next_id
        c = copy.deepcopy(template)
        c.id, c.author, c.initials, c.date = next_id, AUTHOR, INITIALS, date
        elm.append(c)
        Comment(c, part).paragraphs[0].add_run(text)
        next_id += 1
        return c.id

    return add
