"""Checking many files, each with its own effective settings (the library's and the command line's
runner over the batch, Dask and cache back ends)."""

from __future__ import annotations

from typing import Any

from ..config import AUTO, settings_for


def run(paths: list[str], config: Any = AUTO, *, keep_text: bool = False, runner=None,
        **overrides: Any):
    """Check files, each with its own effective settings; return (Report, [Settings]).

    Files that share settings are checked together by `runner(paths, options)` (default: one
    after the other; the CLI passes its process pool or Dask), and results keep the input order.
    Each FileResult carries its own `fail_on`, which `Report.exit_code()` honours.
    """
    import json
    from dataclasses import asdict

    from ..engine import Report, check_path_contained

    if runner is None:
        def runner(ps, opts):  # many files: a vbcheck bug fails one file, not the run
            return [check_path_contained(p, opts) for p in ps]
    settings = [settings_for(p, config, **overrides) for p in paths]
    groups: dict[str, tuple[Any, list[int]]] = {}
    for i, s in enumerate(settings):
        opts = s.options(keep_text=keep_text)
        key = json.dumps(asdict(opts), sort_keys=True, default=str)
        groups.setdefault(key, (opts, []))[1].append(i)
    results: list[Any] = [None] * len(paths)
    for opts, idx in groups.values():
        for i, res in zip(idx, runner([paths[i] for i in idx], opts)):
            res.fail_on = settings[i].fail_on
            results[i] = res
    return Report(results), settings
