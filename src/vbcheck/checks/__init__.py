"""Built-in checks, one module per family. Each module lists its checks in `CHECKS`; they are
registered through `vbcheck_checks`, the same hook a third-party plugin implements."""

from importlib import import_module

from ..core.markers import hookimpl

# Families, in the order their findings are produced (the engine sorts by location anyway).
MODULES = (
    "scope", "header", "numbering", "dateline", "title", "body", "signature", "noi_nhan",
    "language", "formatting",
)


@hookimpl
def vbcheck_checks():
    out = []
    for name in MODULES:
        out.extend(import_module(f"{__name__}.{name}").CHECKS)
    return out
