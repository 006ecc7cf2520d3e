"""The inputs an outside tester found costly (issue 18, item 1), generated at run time at any size:
each function takes a size and returns (bytes, name). `SIZE` is the size the issue reported.

    python -m tests.hostile_inputs CASE [SIZE]   # check one in this process; print time and peak memory
"""

from __future__ import annotations

import itertools
from xml.sax.saxutils import escape

from . import docx_build as B


def so_nbsp(n: int):
    """A "Số:" line of non-breaking spaces and a letter (16 s to over 60 s at 5,000)."""
    return ("Số:" + "\u00a0" * n + "a\n").encode("utf-8"), "so.txt"


def glossary(n: int):
    """A glossary line "Các từ viết tắt: ABC - x", spaces and a letter (23 s to over 60 s)."""
    return ("Các từ viết tắt: ABC - x" + " " * n + "a\n").encode("utf-8"), "glossary.txt"


def glossary_docx(n: int):
    """The same line in a .docx."""
    return B.build(B.p(B.r(escape("Các từ viết tắt: ABC - x" + " " * n + "a")))), "glossary.docx"


def luu(n: int):
    """ "- Lưu: " and "VT," n times (98 s at 50,000: one finding per comma)."""
    return ("Nơi nhận:\n- Như trên;\n- Lưu: " + "VT," * n + "\n").encode("utf-8"), "luu.txt"


def double_spaces(n: int):
    """One paragraph of n "a  b" (95 KB: 29 s, findings × paragraph length)."""
    return ("Nội dung " + "a  b" * n + "\n").encode("utf-8"), "double.txt"


def abbreviations(n: int):
    """n distinct undefined abbreviations in one paragraph (100 KB: 48 s and 1.99 GB)."""
    toks = ("".join(t) for t in itertools.product("BCDGHKLMNPQRSTVX", repeat=4))
    return ("Nội dung " + " ".join(itertools.islice(toks, n)) + ".\n").encode("utf-8"), "abbr.txt"


def sections(n: int):
    """A .docx with n sections (past 120 s at 40,000)."""
    def one(i: int) -> str:
        return (f'<w:p><w:pPr><w:sectPr><w:pgSz w:w="{11906 + i % 97}" w:h="{16838 + i % 89}"/></w:sectPr></w:pPr>'
                f'<w:r><w:t>Nội dung đoạn {i} {i * 7919 % 100003}</w:t></w:r></w:p>')
    return B.build("".join(one(i) for i in range(n))), "sections.docx"


def attributes(n: int):
    """One element with n attributes (43 s at 150,000)."""
    attrs = " ".join(f'w:a{i}="1"' for i in range(n))
    return B.build(f"<w:p><w:r><w:rPr><w:rFonts {attrs}/></w:rPr><w:t>Nội dung</w:t></w:r></w:p>"), "attrs.docx"


def comments(n: int):
    """A .docx with one finding (a double space) in each of n paragraphs: annotate writes n
    comments (56-79 s at 8,000, against 0.5 s for the check)."""
    return B.build("".join(B.p(B.r(f"Nội dung  văn bản số {i}.")) for i in range(n))), "comments.docx"


# name: (function, the size in the issue)
CASES = {
    "so_nbsp": (so_nbsp, 5_000),
    "glossary": (glossary, 5_000),
    "glossary_docx": (glossary_docx, 3_000),
    "luu": (luu, 50_000),
    "double_spaces": (double_spaces, 24_000),
    "abbreviations": (abbreviations, 20_000),
    "sections": (sections, 40_000),
    "attributes": (attributes, 150_000),
    "comments": (comments, 8_000),
}


if __name__ == "__main__":
    import resource
    import sys
    import time

    import vbcheck

    fn, size = CASES[sys.argv[1]]
    data, name = fn(int(sys.argv[2]) if len(sys.argv) > 2 else size)
    t = time.perf_counter()
    f = vbcheck.check(data, name=name).files[0]
    print(f"{time.perf_counter() - t:.2f} s, {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB, "
          f"{len(f.violations)} findings, error: {f.error}")
