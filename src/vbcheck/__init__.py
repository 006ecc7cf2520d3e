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
    from .core.finding import Finding
    from .core.rule import Rule
    from .engine import FileResult, Report

__all__ = ["check", "Report", "FileResult", "Finding", "Rule", "ConfigError", "InputError", "__version__"]


def check(
    source: "str | os.PathLike[str] | bytes",
    *,
    profile: str | None = None,
    stage: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    lang: str | None = None,
    name: str | None = None,
    config: "str | os.PathLike[str] | dict | None" = None,
    keep_text: bool = False,
) -> "Report":
    """Check one document and return a `Report` with one `FileResult`.

    `source` is a path, the bytes of a .docx or text file, or the document text itself (a `str`
    that is not an existing path). `name` names bytes/text input in the report; its suffix picks
    the reader (default: .docx for a ZIP, .txt otherwise). `profile` is "auto" (default), "nd30",
    "dang" or "congdoan"; `stage` is "draft" (default) or "final". An unreadable input gives a
    `FileResult` whose `error` holds the one-line reason; no exception escapes for bad input.

    `config` is None (no configuration file, the default), "auto" (search vbcheck.toml or
    pyproject.toml [tool.vbcheck] from the file's folder upwards, as the CLI does), the path of a
    configuration file, or the `[tool.vbcheck]` table as a dict. Arguments given here override it;
    a bad configuration raises `vbcheck.errors.ConfigError`. `keep_text` keeps the text of every
    line on the result (for the HTML report).
    """
    from .config import settings_for
    from .engine import Report, check_path

    path = os.fspath(source) if isinstance(source, os.PathLike) else None
    # lexists: a broken symbolic link is a path (reported as such), not the text of a document.
    if isinstance(source, str) and not ("\n" in source or not os.path.lexists(source)):
        path = source
    label = path or name or (
        ("document.docx" if source[:2] == b"PK" else "document.txt") if isinstance(source, bytes) else "document.txt")
    settings = settings_for(label if path or name else None, config, profile=profile, stage=stage,
                            select=tuple(select), ignore=tuple(ignore), lang=lang)
    options = settings.options(keep_text=keep_text)
    if path is not None:
        result = check_path(path, options)
    elif isinstance(source, bytes):
        result = check_path(label, options, data=source)
    else:
        # surrogatepass: a str with lone surrogates is refused by the reader, not a UnicodeEncodeError.
        result = check_path(label, options, data=source.encode("utf-8", "surrogatepass"))
    result.fail_on = settings.fail_on
    return Report([result])


def __getattr__(attr: str):
    if attr in ("Report", "FileResult"):
        from . import engine

        return getattr(engine, attr)
    if attr == "Finding":
        from .core.finding import Finding

        return Finding
    if attr == "Rule":
        from .core.rule import Rule

        return Rule
    if attr in ("ConfigError", "InputError"):
        from .core import errors

        return getattr(errors, attr)
    raise AttributeError(attr)
