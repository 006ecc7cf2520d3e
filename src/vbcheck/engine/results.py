"""What a run returns (`FileResult`, `Report`): defined in `vbcheck.core.results`, a light module
that `import vbcheck` loads eagerly so that the public API's annotations resolve."""

from __future__ import annotations

from ..core.results import FileResult, Report

__all__ = ["FileResult", "Report"]
