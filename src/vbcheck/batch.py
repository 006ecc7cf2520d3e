"""Checking many files: in order, in one process or a pool of worker processes.

A process pool pays a start-up cost per worker (imports, plugin loading), so it is used only when
there are more files than workers, and never under pre-commit, which already spreads files over
cores (it sets PRE_COMMIT=1 in the hook's environment). Results keep the input order, so the
output of `-j 4` is byte-identical to `-j 1`.
"""

from __future__ import annotations

import os
from typing import Callable

from .engine import FileResult, Options
from .engine import check_path_contained as check_path  # a reader bug fails one file, not the run


def resolve_jobs(jobs: str | int, n_files: int) -> int:
    """Number of worker processes for `jobs` ("auto" or a number) and `n_files` files."""
    cpus = os.cpu_count() or 1
    if jobs == "auto":
        if os.environ.get("PRE_COMMIT") or n_files <= cpus:
            return 1
        return cpus
    n = int(jobs)
    return max(1, min(n if n > 0 else cpus, n_files or 1))


def check_files(paths: list[str], options: Options, jobs: int = 1,
                progress: Callable[[int], None] | None = None) -> list[FileResult]:
    """Check `paths` with `jobs` processes; call `progress(k)` after each file."""
    if jobs <= 1 or len(paths) <= 1:
        out = []
        for k, p in enumerate(paths, 1):
            out.append(check_path(p, options))
            if progress:
                progress(k)
        return out
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(paths) // (jobs * 4)))
    out = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for k, res in enumerate(pool.map(_check_one, ((p, options) for p in paths), chunksize=chunk), 1):
            out.append(res)
            if progress:
                progress(k)
    return out


def _check_one(args: tuple[str, Options]) -> FileResult:
    path, options = args
    return check_path(path, options)

