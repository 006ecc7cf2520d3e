"""The engine, with one job: select the rules, run the checks on a document, collect findings.

- `run`: `read` (a file's bytes into a Document through the reader plugins), `check_document`,
  `check_path`, `all_rules`, `all_checks`;
- selectors (`--select`/`--ignore` matching) live in `vbcheck.core.selectors`;
- `options`, `results`: what a run is asked (`Options`) and what it returns (`FileResult`,
  `Report`);
- `files`: reading a file's bytes safely (`read_file`);
- `plugins`: the pluggy manager (built-ins and entry points);
- `excerpts`: what reporters need from a document after the run (fingerprints, line texts).
"""

from __future__ import annotations

from .files import read_file
from .options import Options
from .results import FileResult, Report
from .run import all_checks, all_rules, check_document, check_path, check_path_contained, read

__all__ = ["FileResult", "Options", "Report", "all_checks", "all_rules", "check_document", "check_path",
           "check_path_contained", "read", "read_file"]
