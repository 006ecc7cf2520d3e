"""vbcheck: a linter for Vietnamese official documents (NĐ 30/2020/NĐ-CP and profiles).

    >>> import vbcheck
    >>> report = vbcheck.check("draft.docx")             # a path (str or PathLike) or bytes
    >>> report = vbcheck.check_text(text, name="kh.md")   # the text of a document
    >>> for f in report.files[0].violations:
    ...     print(f.line, f.code, f.message)
    >>> fixed = vbcheck.fix("draft.docx")                # the safe fixes, as tracked changes
    >>> open("draft.fixed.docx", "wb").write(fixed.data)

Public API: `check`, `check_text`, `fix`, `Report`, `FileResult`, `FixResult`, `Finding`, `Fix`,
`Edit`, `Rule`, `ConfigError`, `InputError`, `PluginError`, `__version__`, defined in
`vbcheck.api`. Speed: they load on first use (PEP 562 `__getattr__` below), so that `import
vbcheck` (and with it `vbcheck --version`) imports nothing but the version; the engine is
imported on the first check.
"""

from __future__ import annotations

from ._version import __version__

# typing.TYPE_CHECKING without importing typing (a third of a bare start-up); mypy and pyright
# read any name TYPE_CHECKING as true.
TYPE_CHECKING = False

if TYPE_CHECKING:  # what type checkers and IDEs see: the names as `vbcheck.api` defines them
    from .api import (ConfigArg, ConfigError, Edit, FileResult, Finding, Fix, FixResult, InputError, PluginError,
                      Report, Rule, Source, check, check_text, fix)

__all__ = ["check", "check_text", "fix", "Report", "FileResult", "FixResult", "Finding", "Fix", "Edit", "Rule",
           "ConfigError", "InputError", "PluginError", "__version__"]
_API = frozenset(__all__) | {"Source", "ConfigArg"}


def __getattr__(name: str) -> object:
    if name in _API:
        from . import api

        value = getattr(api, name)
        globals()[name] = value  # once: later lookups are plain attribute reads
        return value
    raise AttributeError(f"module 'vbcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
