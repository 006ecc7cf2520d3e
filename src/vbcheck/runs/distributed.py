"""Checking archives beyond one machine, on a Dask distributed cluster (`pip install 'vbcheck[dask]'`).

The same check runs on the workers, with the same options, and results come back in the
input order, so the report is identical to a local run; as in a local run over many files, a
vbcheck bug on one file becomes that file's one-line error (`check_path_contained`), and so
does a file past its time budget (the engine's deadline, `core/budget.py`) or a task Dask could
not finish (a worker killed past Dask's own `--memory-limit`, which bounds memory there). Workers read the files themselves (an
archive on shared storage); with `send_bytes=True` the client reads each file and ships its
bytes instead, for workers that do not see the client's disk.

    from vbcheck.distributed import check_paths
    report = check_paths(paths, scheduler="tcp://10.0.0.5:8786")

or, with a Dask bag of paths:

    results = check_bag(db.from_sequence(paths, npartitions=64)).compute()
"""

from __future__ import annotations

from typing import Any, Iterable

from ..engine import FileResult, Options, Report, check_path_contained


def _need_dask():
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        from ..core.errors import ConfigError

        raise ConfigError(
            "cần cài thêm Dask: pip install 'vbcheck[dask]' / Dask is not installed: pip install 'vbcheck[dask]'"
        ) from None


def _check(path: str, options: Options, data: bytes | None = None) -> FileResult:
    return check_path_contained(path, options, data=data)


def check_paths(paths: Iterable[str], options: Options | None = None, *, scheduler: str | None = None,
                client: Any = None, send_bytes: bool = False) -> Report:
    """Check `paths` on a Dask cluster (a scheduler address or an existing `Client`)."""
    _need_dask()
    from distributed import Client

    options = options or Options()
    paths = list(paths)
    own = client is None
    client = client or Client(scheduler)
    try:
        if send_bytes:
            from ..core.errors import InputError
            from ..engine.files import read_file as _read_bytes

            datas = []
            for p in paths:
                try:
                    datas.append(_read_bytes(p))
                except InputError:
                    datas.append(None)  # the worker reports the same one-line error
            futures = client.map(_check, paths, [options] * len(paths), datas, pure=False)
        else:
            futures = client.map(_check, paths, [options] * len(paths), pure=False)
        return Report([_result(p, f, options) for p, f in zip(paths, futures)])
    finally:
        if own:
            client.close()


def _result(path: str, future: Any, options: Options) -> FileResult:
    """A task's result; a task that failed (its worker killed past Dask's memory limit, lost)
    is that file's one-line error and the other files go on."""
    try:
        return future.result()
    except Exception as e:  # noqa: BLE001 - any task failure is this file's, reported
        what = f"{type(e).__name__}: {' '.join(str(e).split())[:200]}"
        vi = f"tác vụ Dask kiểm tra tệp này thất bại ({what})"
        en = f"the Dask task checking this file failed ({what})"
        return FileResult(path=path, error=en if options.lang == "en" else vi)


def check_bag(bag: Any, options: Options | None = None) -> Any:
    """Map a Dask bag of paths to a bag of `FileResult`s (lazy; call `.compute()`)."""
    _need_dask()
    options = options or Options()
    return bag.map(_check, options)
