"""The public API (`vbcheck.check`, `check_text`, `fix` and the types they take and return).

Re-exported by the package lazily (`vbcheck/__init__.py`): `import vbcheck` costs nothing until a
name is used, so that `vbcheck --version` starts fast. The result types are imported here, in the
module that defines the functions, so that their annotations resolve
(`typing.get_type_hints(vbcheck.check)`); the engine is imported on the first check.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, Union

from .core.errors import ConfigError, InputError, PluginError
from .core.finding import Finding
from .core.fix import Edit, Fix
from .core.results import FileResult, Report
from .core.rule import Rule
from .writers.fix import FixResult

__all__ = ["check", "check_text", "fix", "Report", "FileResult", "FixResult", "Finding", "Fix", "Edit", "Rule",
           "ConfigError", "InputError", "PluginError", "Source", "ConfigArg"]

#: What `check()` takes: a path, or the contents of a file.
Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]
#: What `config=` takes: None (no file), "auto" (search as the CLI does), a path, or the table.
ConfigArg = Union[str, "os.PathLike[str]", Mapping[str, Any], None]


def check(
    source: Source,
    *,
    profile: str | None = None,
    stage: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    lang: str | None = None,
    name: str | None = None,
    config: ConfigArg = None,
    keep_text: bool = False,
) -> Report:
    """Check one document and return a `Report` with one `FileResult`.

    `source` is a path (`str` or `os.PathLike`: a `str` is always a path, never text; use
    `check_text()` for text) or the contents of a .docx or text file (`bytes`, `bytearray`,
    `memoryview`). `name` names contents in the report and its suffix picks the reader (default:
    .docx for a ZIP, .txt otherwise). `profile` is "auto" (default), "nd30", "dang" or "congdoan";
    `stage` is "draft" (default) or "final". An input that cannot be read (a missing path, a
    corrupt package) gives a `FileResult` whose `error` holds the one-line reason and a
    `Report.exit_code()` of 2; no exception escapes for bad input.

    `select`/`ignore`/`extend_select` resolve as ruff's command line does: `select` replaces the
    configuration's selection (and its `ignore`), `ignore` adds to the configuration's,
    `extend_select` adds rules to a selection. `config` is None (no configuration file, the
    default), "auto" (search vbcheck.toml or pyproject.toml [tool.vbcheck] from the file's
    folder upwards, as the CLI does), the path of a configuration file, or the `[tool.vbcheck]`
    table as a dict; a bad configuration raises `ConfigError`. `keep_text` keeps the text of
    every line on the result (for the HTML report). A wrong type of argument raises `TypeError`.
    """
    if isinstance(source, str) or isinstance(source, os.PathLike):
        path = os.fspath(source)
        if not isinstance(path, str):  # a PathLike of bytes
            path = os.fsdecode(path)
        return _run(path, None, name=None, profile=profile, stage=stage, select=select, ignore=ignore,
                    extend_select=extend_select, lang=lang, config=config, keep_text=keep_text)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        _check_name(name)
        label = name or ("document.docx" if data[:2] == b"PK" else "document.txt")
        return _run(label, data, name=name, profile=profile, stage=stage, select=select, ignore=ignore,
                    extend_select=extend_select, lang=lang, config=config, keep_text=keep_text)
    raise TypeError(f"vbcheck.check(): source must be a path (str or os.PathLike) or the contents of a "
                    f"file (bytes, bytearray, memoryview), not {type(source).__name__}; "
                    f"for the text of a document use vbcheck.check_text()")


def check_text(
    text: str,
    *,
    name: str = "document.txt",
    profile: str | None = None,
    stage: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    lang: str | None = None,
    config: ConfigArg = None,
    keep_text: bool = False,
) -> Report:
    """Check the text of a document and return a `Report` with one `FileResult`.

    `name` labels the result and its suffix picks the reader (`.txt`, `.md`): the findings are
    those of the same text read from a file of that name. The other arguments are `check()`'s.
    """
    if not isinstance(text, str):
        raise TypeError(f"vbcheck.check_text(): text must be a str, not {type(text).__name__}; "
                        "for a path or bytes use vbcheck.check()")
    _check_name(name)
    # surrogatepass: a str with lone surrogates is refused by the reader, not a UnicodeEncodeError.
    data = text.encode("utf-8", "surrogatepass")
    return _run(name, data, name=name, profile=profile, stage=stage, select=select, ignore=ignore,
                extend_select=extend_select, lang=lang, config=config, keep_text=keep_text)


def _check_name(name: object) -> None:
    if name is not None and not isinstance(name, str):
        raise TypeError(f"vbcheck: name must be a str, not {type(name).__name__}")


def _strings(value: object, arg: str) -> tuple[str, ...]:
    """A selection argument: one str (a comma list is allowed) or an iterable of str."""
    if isinstance(value, str):
        value = (value,)
    if value is None or isinstance(value, (bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"vbcheck: {arg} must be an iterable of str (rule codes, prefixes or names), "
                        f"not {type(value).__name__}")
    out = tuple(value)
    for v in out:
        if not isinstance(v, str):
            raise TypeError(f"vbcheck: {arg} must hold str (rule codes, prefixes or names), "
                            f"not {type(v).__name__}: {v!r}")
    return tuple(c.strip() for v in out for c in v.split(",") if c.strip())


def _run(path: str, data: bytes | None, *, name: str | None, profile: Any, stage: Any, select: Any,
         ignore: Any, extend_select: Any, lang: Any, config: Any, keep_text: Any) -> Report:
    from .engine import check_path

    settings = _settings(path, data, name=name, profile=profile, stage=stage, select=select, ignore=ignore,
                         extend_select=extend_select, lang=lang, config=config)
    result = check_path(path, settings.options(keep_text=bool(keep_text)), data=data)
    result.fail_on = settings.fail_on
    return Report([result])


def _settings(path: str, data: bytes | None, *, name: str | None, profile: Any, stage: Any, select: Any,
              ignore: Any, extend_select: Any, lang: Any, config: Any) -> Any:
    """The effective settings of one document (arguments checked, configuration read)."""
    for arg, value in (("profile", profile), ("stage", stage), ("lang", lang)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"vbcheck: {arg} must be a str or None, not {type(value).__name__}")
    if not (config is None or isinstance(config, (str, os.PathLike, Mapping))):
        raise TypeError(f"vbcheck: config must be None, \"auto\", a path or a dict (the [tool.vbcheck] "
                        f"table), not {type(config).__name__}")
    sel, ign, ext = _strings(select, "select"), _strings(ignore, "ignore"), _strings(extend_select, "extend_select")
    from .config import settings_for

    # Contents without a name have no place: their configuration is searched from the
    # current folder (config="auto") and no per-file-ignores apply.
    return settings_for(path if data is None or name else None, config, profile=profile, stage=stage,
                        select=sel, ignore=ign, extend_select=ext, lang=lang)


def fix(
    source: Source,
    *,
    unsafe_fixes: bool = False,
    track: bool = True,
    profile: str | None = None,
    stage: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    lang: str | None = None,
    name: str | None = None,
    config: ConfigArg = None,
    date: str | None = None,
) -> FixResult:
    """Apply the fixes of one document's findings and return a `FixResult`; nothing is written
    to disk (write `result.data` yourself, or run `vbcheck fix`).

    `source` is a path or the contents of a file, and `name`, `profile`, `stage`, `select`,
    `ignore`, `extend_select`, `lang` and `config` are as for `check()` (for the text of a
    document, pass `text.encode()` with `name="x.txt"`). Safe fixes are applied;
    `unsafe_fixes=True` adds the unsafe ones. In a .docx each edit is a tracked change by
    "vbcheck" dated `date` (ISO 8601; default now, or SOURCE_DATE_EPOCH), or applied directly with
    `track=False`; a text file keeps its encoding, BOM, line endings and every other byte.

    The result has `data` (the fixed bytes; the input's when nothing changed), `applied` (the
    findings whose fixes were written, each with its `fix`), `edits` (their edits), `failed`
    (fixes not written, with the reason), `result` (a check of the fixed document: its
    `violations` are what remains), `changed`, `fixed` and `diff()`; `error` holds the one-line
    reason for an input that cannot be read (no exception escapes for bad input).
    """
    from .core.errors import InputError as _InputError
    from .engine.files import read_file
    from .writers.fix import fix_data

    if isinstance(source, str) or isinstance(source, os.PathLike):
        path = os.fspath(source)
        path = path if isinstance(path, str) else os.fsdecode(path)
        data = None
        name = None
    elif isinstance(source, (bytes, bytearray, memoryview)):
        _check_name(name)
        data = bytes(source)
        path = name or ("document.docx" if data[:2] == b"PK" else "document.txt")
    else:
        raise TypeError(f"vbcheck.fix(): source must be a path (str or os.PathLike) or the contents of a "
                        f"file (bytes, bytearray, memoryview), not {type(source).__name__}")
    for arg, value in (("unsafe_fixes", unsafe_fixes), ("track", track)):
        if not isinstance(value, bool):
            raise TypeError(f"vbcheck.fix(): {arg} must be a bool, not {type(value).__name__}")
    if date is not None and not isinstance(date, str):
        raise TypeError(f"vbcheck.fix(): date must be an ISO 8601 str or None, not {type(date).__name__}")
    settings = _settings(path, data, name=name, profile=profile, stage=stage, select=select, ignore=ignore,
                         extend_select=extend_select, lang=lang, config=config)
    options = settings.options()
    if data is None:
        try:
            data = read_file(path)
        except _InputError as e:
            return FixResult(path=path, original=b"", data=b"", error=e.message(options.lang))
    out = fix_data(path, data, options, unsafe=unsafe_fixes, track=track, date=date)
    if out.result is not None:
        out.result.fail_on = settings.fail_on
    return out

