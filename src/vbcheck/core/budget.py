"""The per-file budget: wall time and memory one file may cost (issue 18).

Two mechanisms, one message. Runs over many files (the command line, `-j`, pre-commit, the
cache) check each file in a worker process (`vbcheck.runs.supervise`) whose address space is
limited to the memory budget and which is killed when its file passes the time budget; the run
goes on with the next file. Inside one process (the library's `check()`, Dask tasks, platforms
without fork) the time budget is a deadline the engine looks at between its stages and between
checks: each stage is linear in a file that the input limits (`core.limits`) already bound, so a
file stops within one stage of its budget. Memory there is bounded by those input limits alone.

The budget comes from the caller (`time-budget` / `memory-budget` in the configuration, the
command line's `--time-budget` / `--memory-budget`), else from VBCHECK_TIME_BUDGET and
VBCHECK_MEMORY_BUDGET, else the defaults (`limits.DEFAULTS`).
"""

from __future__ import annotations

import time
from _thread import _local  # threading.local itself, without importing threading on every run
from contextlib import contextmanager

from . import limits
from .errors import InputError

# Per thread: a server or a Dask worker checks files in several threads at once.
_state = _local()


def seconds(value: int | None = None) -> int:
    """The time budget: `value` when given, else VBCHECK_TIME_BUDGET or the default."""
    return value if value else limits.get("VBCHECK_TIME_BUDGET")


def memory(value: int | None = None) -> int:
    """The memory budget in bytes: `value` when given, else VBCHECK_MEMORY_BUDGET or the default."""
    return value if value else limits.get("VBCHECK_MEMORY_BUDGET")


class OverBudget(InputError):
    """A file past its budget: the file's error, never one check's (`engine.run`)."""


_cap: int | None = None  # the memory cap of this process, when a worker set one


def set_cap(size: int) -> None:
    global _cap
    _cap = size


def cap(value: int | None = None) -> int:
    """The memory budget this process holds files to: its worker's cap, else `memory(value)`."""
    return _cap if _cap is not None else memory(value)


def over_time(secs: int) -> InputError:
    return OverBudget(
        f"vượt ngân sách thời gian cho một tệp ({secs} s; --time-budget, VBCHECK_TIME_BUDGET)",
        f"over the per-file time budget ({secs} s; --time-budget, VBCHECK_TIME_BUDGET)",
    )


def over_memory(size: int) -> InputError:
    return OverBudget(
        f"vượt ngân sách bộ nhớ cho một tệp ({limits.mb(size)}; --memory-budget, VBCHECK_MEMORY_BUDGET)",
        f"over the per-file memory budget ({limits.mb(size)}; --memory-budget, VBCHECK_MEMORY_BUDGET)",
    )


@contextmanager
def deadline(secs: int):
    """Within this block, `check()` raises the over-time error once `secs` seconds have passed.
    Nested blocks keep the earlier deadline."""
    saved = getattr(_state, "deadline", None)
    end = time.monotonic() + secs
    if saved is None or end < saved[0]:
        _state.deadline = (end, secs)
    try:
        yield
    finally:
        _state.deadline = saved


def check() -> None:
    """Raise the over-time error when the current file's deadline has passed."""
    current = getattr(_state, "deadline", None)
    if current is not None and time.monotonic() > current[0]:
        raise over_time(current[1])
