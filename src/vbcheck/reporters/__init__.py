"""Reporters turn a Report into text for people or machines. All read the same Finding model.

`render(fmt, report, lang)` is what the CLI calls for `--format FMT` and each `-o FMT:FILE`.
"""

from __future__ import annotations

from importlib import import_module

# Output formats: module in this package (each has `render(report, lang) -> str`).
FORMATS = ("text", "json", "sarif", "github", "junit", "html")
_MODULE = {"json": "json", "text": "text", "sarif": "sarif", "github": "github", "junit": "junit", "html": "html"}


def render(fmt: str, report, lang: str = "vi", show_not_evaluated: bool = False, **text_options) -> str:
    """The report in `fmt`; `text_options` (color, quiet) are for the text format only."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    mod = import_module(f"{__name__}.{_MODULE[fmt]}")
    if fmt == "text":
        return mod.render(report, lang, show_not_evaluated, **text_options)
    return mod.render(report, lang)


def parse_output(spec: str) -> tuple[str, str]:
    """`FORMAT` or `FORMAT:FILE` (`-` is standard output) -> (format, file)."""
    fmt, _, path = spec.partition(":")
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise ValueError(f"'{spec}': định dạng không hợp lệ / unknown format '{fmt}' (one of {', '.join(FORMATS)})")
    return fmt, (path or "-")
