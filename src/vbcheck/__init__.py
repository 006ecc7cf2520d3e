"""vbcheck: a linter for Vietnamese official documents (NĐ 30/2020/NĐ-CP and profiles).

    >>> import vbcheck
    >>> report = vbcheck.check("draft.docx")            # a path, bytes, or the text itself
    >>> for f in report.files[0].violations:
    ...     print(f.line, f.code, f.message)

Public API: `check`, `Report`, `FileResult`, `Finding`, `Rule`, `__version__`. Imports are lazy
so that `vbcheck --version` and pre-commit runs start fast.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable

from ._version import __version__

if TYPE_CHECKING:
    from .engine import FileResult, Report
    from .rules import Finding, Rule

__all__ = ["check", "Report", "FileResult", "Finding", "Rule", "__version__"]


def check(
    source: "str | os.PathLike[str] | bytes",
    *,
    profile: str = "auto",
    stage: str = "draft",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    lang: str = "vi",
    name: str | None = None,
) -> "Report":
    """Check one document and return a `Report` with one `FileResult`.

    `source` is a path, the bytes of a .docx or text file, or the document text itself (a `str`
    that is not an existing path). `name` names bytes/text input in the report; its suffix picks
    the reader (default: .docx for a ZIP, .txt otherwise). `profile` is "auto", "nd30", "dang" or
    "congdoan"; `stage` is "draft" or "final". An unreadable input gives a `FileResult` whose
    `error` holds the one-line reason; no exception escapes for bad input.
    """
    from .engine import Options, Report, check_path

    options = Options(profile=profile, stage=stage, select=tuple(select), ignore=tuple(ignore), lang=lang)
    if isinstance(source, bytes):
        label = name or ("document.docx" if source[:2] == b"PK" else "document.txt")
        return Report([check_path(label, options, data=source)])
    if isinstance(source, str) and ("\n" in source or not os.path.exists(source)):
        return Report([check_path(name or "document.txt", options, data=source.encode("utf-8"))])
    return Report([check_path(os.fspath(source), options)])


def __getattr__(attr: str):
    if attr in ("Report", "FileResult"):
        from . import engine

        return getattr(engine, attr)
    if attr in ("Finding", "Rule"):
        from . import rules

        return getattr(rules, attr)
    raise AttributeError(attr)
