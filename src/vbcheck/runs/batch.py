"""Checking many files: in order, in one process or a pool of worker processes.

A process pool pays a start-up cost per worker (imports, plugin loading), so it is used only when
there are more files than workers, and never under pre-commit, which already spreads files over
cores (it sets PRE_COMMIT=1 in the hook's environment). Results keep the input order, so the
output of `-j 4` is byte-identical to `-j 1`.
"""

from __future__ import annotations

import os
from typing import Callable

from ..engine import FileResult, Options
from ..engine import check_path_contained as check_path  # a reader bug fails one file, not the run


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
                progress: Callable[[int], None] | None = None, cache=None) -> list[FileResult]:
    """Check `paths` with `jobs` processes; call `progress(k)` after each file. With a
    `vbcheck.cache.ResultCache`, files whose result is cached are not checked again."""
    if cache is not None:
        return _cached(paths, options, jobs, progress, cache)
    return _check_all([(p, None) for p in paths], options, jobs, progress)


def _check_all(items: list[tuple[str, bytes | None]], options: Options, jobs: int,
               progress: Callable[[int], None] | None) -> list[FileResult]:
    """Check (path, bytes or None to read the file) items, in order: in worker processes that
    hold each file to its budget where the platform forks (supervise.py), else here or in a pool
    under the engine's deadline."""
    from . import supervise

    if items and supervise.available():
        return supervise.check_all(items, options, jobs, progress)
    if jobs <= 1 or len(items) <= 1:
        out = []
        for k, (p, data) in enumerate(items, 1):
            out.append(check_path(p, options, data))
            if progress:
                progress(k)
        return out
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(items) // (jobs * 4)))
    out = []
    # Ctrl-C reaches the workers too (a terminal signals the whole process group): they ignore it,
    # and the main process, which gets KeyboardInterrupt, kills them (_stop) instead of each
    # printing a traceback and the pool waiting for the file in hand.
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        args = ((p, options, data) for p, data in items)
        for k, res in enumerate(pool.map(_check_one, args, chunksize=chunk), 1):
            out.append(res)
            if progress:
                progress(k)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()
    return out


# Set when a pool was stopped by an exception (Ctrl-C): the executor's management thread may then
# hang the interpreter's exit, so the command line ends the process at once (cli/__init__.py, finish).
STOPPED_POOL = False


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool) -> None:
    """End a pool's workers now (interrupted run): nothing they would still return is wanted.
    They are killed and reaped; the pool is not shut down, which would wait on its queues."""
    import threading
    from concurrent.futures import process

    global STOPPED_POOL
    STOPPED_POOL = True
    previous = threading.excepthook

    def quiet(args) -> None:  # the pool's manager thread trips on the futures cancelled here
        if not isinstance(args.thread, getattr(process, "_ExecutorManagerThread", ())):
            previous(args)

    threading.excepthook = quiet
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        try:
            proc.kill()
        except (OSError, ValueError, AttributeError):
            pass
    for proc in procs:
        try:
            proc.join(timeout=5)
        except (OSError, ValueError, AttributeError, AssertionError):
            pass


_CACHE_BATCH = 512  # files hashed and held in memory at a time (one process pool each)


def _cached(paths: list[str], options: Options, jobs: int, progress, cache) -> list[FileResult]:
    """Results from the cache where it has them; the other files checked from the very bytes
    that were hashed (a file changed meanwhile cannot be stored under the old content), then
    stored. Files go through in batches, so an archive never sits in memory at once."""
    out: list[FileResult] = []
    for start in range(0, len(paths), _CACHE_BATCH):
        base = len(out)
        out.extend(_cached_batch(paths[start : start + _CACHE_BATCH], options, jobs,
                                 (lambda k: progress(base + k)) if progress else None, cache))
    return out


def _cached_batch(paths: list[str], options: Options, jobs: int, progress, cache) -> list[FileResult]:
    from ..core.errors import InputError
    from ..engine.files import read_file as _read_bytes

    results: list[FileResult | None] = [None] * len(paths)
    keys: dict[int, str] = {}
    datas: dict[int, bytes] = {}
    for i, p in enumerate(paths):
        try:
            data = _read_bytes(p)
        except InputError:
            continue  # checked below, which reports the same one-line reason
        keys[i] = cache.key(p, data, options)
        results[i] = cache.get(keys[i])
        if results[i] is None:
            datas[i] = data
    todo = [i for i, r in enumerate(results) if r is None]
    done = len(paths) - len(todo)
    if progress and done:
        progress(done)
    fresh = _check_all([(paths[i], datas.pop(i, None)) for i in todo], options, jobs,
                       (lambda k: progress(done + k)) if progress else None)
    for i, res in zip(todo, fresh):
        results[i] = res
        if i in keys:
            cache.put(keys[i], res)
    return results  # type: ignore[return-value]


def _check_one(args: tuple[str, Options, bytes | None]) -> FileResult:
    path, options, data = args
    return check_path(path, options, data)

