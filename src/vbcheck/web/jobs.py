"""What a request of the page runs in a worker process: check one uploaded file, write its
annotated copy, write its fixed copy. Plain functions of bytes and plain values (picklable both ways), free of the web
framework, so the page's work is the library's work: the same reader, limits and checks as
`vbcheck FILE`, `vbcheck annotate FILE` and `vbcheck fix FILE`.

Nothing is written to disk: the upload arrives as bytes and the copies leave as bytes.
"""

from __future__ import annotations

import re
from typing import Any

from ..core import budget
from ..core.errors import InputError
from ..engine import FileResult, Options, check_document, read
from .view import document_view

# What a file name may keep: no folders, no control characters, at most 200 characters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
DOCX_SUFFIXES = (".docx", ".docm")


class UploadError(Exception):
    """A one-line reason, Vietnamese and English, that crosses from a worker process whole
    (InputError pickles its Vietnamese text only)."""

    def __init__(self, vi: str, en: str):
        super().__init__(vi, en)

    def message(self, lang: str = "vi") -> str:
        return self.args[1] if lang == "en" else self.args[0]

    @classmethod
    def of(cls, e: InputError) -> "UploadError":
        return cls(e.vi, e.en)


def safe_name(filename: str | None) -> str:
    """The name an upload is reported under: its last path component, control characters
    removed, cut to 200 characters ("document.txt" when nothing is left). Its suffix picks the
    reader, as a file's does on the command line."""
    name = _CONTROL.sub("", (filename or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if len(name) > 200:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: 190] + dot + suffix[:9]) if dot and len(suffix) < 10 else name[:200]
    return name or "document.txt"


def check_upload(name: str, data: bytes, opts: dict[str, Any], *, view: bool = False,
                 keep_text: bool = False) -> tuple[FileResult, dict[str, Any] | None]:
    """Check one upload: its FileResult (with `error` set when it cannot be read) and, with
    `view`, the page's picture of the document (`vbcheck.web.view`)."""
    options = Options(**opts, keep_text=keep_text)
    try:
        # The per-file budget (core/budget.py): the engine's deadline, and the worker's memory
        # cap (app._pool); past either the upload gets its one-line error, the server goes on.
        with budget.deadline(budget.seconds(options.time_budget)):
            doc = read(name, data)
            result = check_document(doc, options)
    except InputError as e:
        return FileResult(path=name, error=e.message(options.lang)), None
    except MemoryError:
        return FileResult(path=name, error=budget.over_memory(budget.cap(options.memory_budget)).message(options.lang)), None
    return result, (document_view(doc, result) if view else None)


def annotate_upload(name: str, data: bytes, opts: dict[str, Any]) -> tuple[bytes, int, FileResult]:
    """The annotated copy of an uploaded .docx (one Word comment per finding), its number of
    comments and the result; an UploadError with a one-line reason when it cannot be made."""
    from ..writers.annotate import INSTALL_HINT, annotated_bytes

    if not name.lower().endswith(DOCX_SUFFIXES):
        raise UploadError("chỉ ghi chú được tệp .docx", "only .docx files can be annotated")
    try:
        import docx  # noqa: F401  (python-docx, part of vbcheck[web])
    except ImportError:
        raise UploadError(INSTALL_HINT, INSTALL_HINT) from None
    options = Options(**opts)
    try:
        doc = read(name, data)
    except InputError as e:
        raise UploadError.of(e) from None
    result = check_document(doc, options)
    try:
        out, n = annotated_bytes(data, doc, result.violations)
    except Exception as e:  # noqa: BLE001 - python-docx refuses some packages (.docm, odd parts)
        first = str(e).splitlines()[0][:200] if str(e) else ""
        raise UploadError(f"không ghi được bản có ghi chú ({type(e).__name__}: {first})",
                          f"cannot write the annotated copy ({type(e).__name__}: {first})") from None
    return out, n, result


def fix_upload(name: str, data: bytes, opts: dict[str, Any], *, unsafe: bool = False,
               track: bool = True) -> tuple[bytes, dict[str, Any]]:
    """The fixed copy of an upload (`vbcheck fix`: safe fixes, and unsafe ones with `unsafe`; a
    .docx with each fix a tracked change unless not `track`) and what was done: the findings
    fixed, those whose fix could not be written with the reason, those that remain, the diff.
    An UploadError with the one-line reason when the upload cannot be read."""
    from ..writers.fix import fix_data

    out = fix_data(name, data, Options(**opts), unsafe=unsafe, track=track)
    if out.error is not None:
        raise UploadError(out.error, out.error)  # already in the request's language
    summary = {
        "path": name, "changed": out.changed, "fixed": out.fixed,
        "applied": [f.as_dict() for f in out.applied],
        "failed": [{**f.as_dict(), "reason": reason} for f, reason in out.failed],
        "remaining": [f.as_dict() for f in out.remaining],
        "diff": out.diff(),
    }
    return out.data, summary
