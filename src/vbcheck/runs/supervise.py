"""Checking files in worker processes that hold each file to its budget (issue 18, item 3).

Each worker checks one file at a time. Its address space is limited (RLIMIT_AS) to what it held
when it started plus the memory budget, so an allocation past the budget fails in that worker
(a MemoryError, reported as the file's one-line error; the worker is then replaced). The parent
watches the wall clock of every file in hand and kills the worker of a file past its time budget
(a regular expression or a C library cannot be interrupted otherwise); that file gets the
over-time error, a new worker takes the next file, and the run goes on. A worker that dies (a
crash, the kernel's OOM killer) costs only its file, with the reason.

Workers are forked (Linux): they start in milliseconds with the plugins and the catalogue the
parent already loaded, so a run of one file pays almost nothing. Warnings a worker raises (an
invalid limit in the environment) are sent back and raised once in the parent, where the command
line prints them. Elsewhere (`available()` is False) the caller checks in process, under the
engine's cooperative deadline.
"""

from __future__ import annotations

import atexit
import os
import pickle  # here, not where a message is sent: imported once before the fork, not again in the worker
import select
import signal
import sys
import time
import warnings
from collections import deque
from typing import Callable

from ..core import budget
from ..engine import FileResult, Options
from ..engine import check_path_contained as check_path
from ..text import compiled

# Past its budget, a worker's file is given this much more wall time before the kill: the
# engine's own deadline (checked between checks) usually ends it first, with the same message.
GRACE = 2.0


def available() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class _Worker:
    """One forked worker: jobs go down one pipe, answers come up another.

    Speed: a plain os.fork and two pipes, not multiprocessing, whose import and process object
    cost a one-file run some 10 ms. The worker's answer pipe is held by the worker alone (the
    parent closes its copy, each later worker closes the others' pipes), so the parent reads the
    end of that pipe when the worker ends, however it ends."""

    def __init__(self, memory: int, pool: list[_Worker]):
        """Fork a worker and add it to `pool` (every worker of the run, which the run ends);
        Ctrl-C waits until it is there, so that no worker can be left behind."""
        job_r, job_w = os.pipe()
        answer_r, answer_w = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # nothing buffered here is written twice
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
            if pid == 0:  # the worker: never back into the caller's code, never its exit handlers
                code = 1
                try:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
                    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                    os.close(job_w)
                    os.close(answer_r)
                    for w in pool:
                        w.conn.close()
                    _serve(_Conn(job_r, answer_w), memory)
                    code = 0
                except BaseException:  # noqa: BLE001 - the parent reports the worker's end
                    pass
                finally:
                    for stream in (sys.stdout, sys.stderr):
                        try:
                            stream.flush()
                        except (OSError, ValueError, AttributeError):
                            pass
                    os._exit(code)
            os.close(job_r)
            os.close(answer_w)
            self.pid = pid
            self.exitcode: int | None = None
            self.conn = _Conn(answer_r, job_w)
            self.job: tuple[int, str, float, float] | None = None  # (index, path, started, seconds)
            pool.append(self)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def send(self, index: int, path: str, options: Options, data: bytes | None, secs: int) -> None:
        self.job = (index, path, time.monotonic(), secs)
        try:
            self.conn.send((path, options, data))
        except OSError:  # the worker has ended: its answer pipe says so
            pass

    def join(self, timeout: float) -> int | None:
        """The worker's exit code (-N for signal N) once it has ended, waiting up to `timeout`.

        Speed: the pause between two looks starts at 0.2 ms and doubles up to 5 ms; a killed
        worker is gone within a millisecond or two, and a fixed 5 ms pause cost every run its
        last 5 ms (the idle worker is killed at the end of every run)."""
        end = time.monotonic() + timeout
        pause = 0.0002
        while self.exitcode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                break
            if pid:
                self.exitcode = os.waitstatus_to_exitcode(status)
            elif time.monotonic() >= end:
                break
            else:
                time.sleep(pause)
                pause = min(pause * 2, 0.005)
        return self.exitcode

    def kill(self) -> None:
        self.end()
        self.join(5)

    def end(self) -> None:
        """Kill the worker without waiting for it: `reap` (or `kill`) waits."""
        if self.exitcode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
            if self not in _ENDING:
                _ENDING.append(self)
        self.conn.close()


class _Conn:
    """Whole pickled messages over a pair of pipe ends, each preceded by its length."""

    def __init__(self, read_fd: int, write_fd: int):
        self.read_fd, self.write_fd = read_fd, write_fd

    def send(self, obj) -> None:
        data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
        view = memoryview(len(data).to_bytes(8, "little") + data)
        while view:
            view = view[os.write(self.write_fd, view):]

    def recv(self):
        return pickle.loads(self._read(int.from_bytes(self._read(8), "little")))

    def _read(self, n: int) -> bytes:
        parts, left = [], n
        while left:
            chunk = os.read(self.read_fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts)

    def close(self) -> None:
        for fd in (self.read_fd, self.write_fd):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.read_fd = self.write_fd = -1


def check_all(items: list[tuple[str, bytes | None]], options: Options, jobs: int,
              progress: Callable[[int], None] | None = None) -> list[FileResult]:
    """Check (path, bytes or None to read the file) items with `jobs` workers; results in order."""
    reap()
    secs = budget.seconds(options.time_budget)
    memory = budget.memory(options.memory_budget)
    todo = deque(enumerate(items))
    results: list[FileResult | None] = [None] * len(items)
    seen_warnings: set[tuple[str, str]] = set()
    pool: list[_Worker] = []  # every worker started
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    done = 0
    try:
        with warnings.catch_warnings():
            # A fork copies the warnings of the parent; DeprecationWarning about forking a
            # process with threads (Python 3.12) says nothing about the user's files.
            warnings.simplefilter("ignore", DeprecationWarning)
            for _ in range(max(1, min(jobs, len(items)))):
                idle.append(_Worker(memory, pool))
        while todo or busy:
            while todo and idle:
                w = idle.pop()
                i, (path, data) = todo.popleft()
                w.send(i, path, options, data, secs)
                busy.append(w)
            now = time.monotonic()
            timeout = min(started + s + GRACE for _, _, started, s in (w.job for w in busy)) - now
            ready = _readable([w.conn.read_fd for w in busy], max(0.0, timeout))
            for w in list(busy):
                i, path, started, s = w.job
                res, keep = None, True
                if w.conn.read_fd in ready:
                    try:
                        res, caught, keep = w.conn.recv()
                        for text, category in caught:
                            if (text, category.__name__) not in seen_warnings:
                                seen_warnings.add((text, category.__name__))
                                warnings.warn(text, category, stacklevel=2)
                    except (EOFError, OSError):
                        res, keep = None, False
                if res is None and w.conn.read_fd in ready:
                    res, keep = _died(path, w, options, memory), False
                elif res is None and time.monotonic() > started + s + GRACE:
                    res = FileResult(path=path, error=budget.over_time(s).message(options.lang))
                    keep = False
                if res is None:
                    continue
                results[i] = res
                busy.remove(w)
                done += 1
                if progress:
                    progress(done)
                if keep:
                    idle.append(w)
                else:
                    w.kill()
                    if todo:
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore", DeprecationWarning)
                            idle.append(_Worker(memory, pool))
    finally:  # done, or interrupted (Ctrl-C): no worker outlives the run, a second Ctrl-C or not
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for w in pool:
                w.end()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return results  # type: ignore[return-value]


# Speed: workers killed at the end of a run, waited for later. The kernel takes a few
# milliseconds to take a worker's memory down; the caller writes its reports meanwhile, and the
# workers are waited for at the next run or at exit (`reap`, an exit handler), so that none
# outlives the process.
_ENDING: list[_Worker] = []


def reap() -> None:
    """Wait for the workers killed at the end of earlier runs (Ctrl-C waits too)."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        while _ENDING:
            _ENDING.pop().join(5)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


atexit.register(reap)


def _readable(fds: list[int], timeout: float) -> set[int]:
    """The descriptors with something to read (an answer, or the end of a worker), waiting up to
    `timeout` seconds for one."""
    poller = select.poll()
    for fd in fds:
        poller.register(fd, select.POLLIN)
    return {fd for fd, _event in poller.poll(timeout * 1000)}


def _died(path: str, w: _Worker, options: Options, memory: int) -> FileResult:
    """The result of a file whose worker ended without an answer."""
    code = w.join(5)
    if code == -signal.SIGKILL:  # the kernel's OOM killer, most likely: the memory budget
        return FileResult(path=path, error=budget.over_memory(memory).message(options.lang))
    what = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
    vi = f"tiến trình kiểm tra tệp này đã dừng ({what}); xin báo lỗi kèm tệp này"
    en = f"the process checking this file ended ({what}); please report it with this file"
    return FileResult(path=path, error=en if options.lang == "en" else vi, internal_errors=[en])


def _serve(conn, memory: int) -> None:
    """A worker: check each (path, options, data) received; answer (result, warnings, keep)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills workers
    _limit_memory(memory)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        path, options, data = msg
        keep = True
        with warnings.catch_warnings(record=True) as caught:
            try:
                res = check_path(path, options, data)
            except MemoryError:
                res = None
            if res is None or (res.error and res.error == budget.over_memory(memory).message(options.lang)):
                # After a failed allocation the heap is in no state to go on with: a new worker.
                res = res or FileResult(path=path, error=budget.over_memory(memory).message(options.lang))
                keep = False
        del data, msg
        compiled.flush()  # before answering: the parent may end this worker as soon as it has the answer
        try:
            conn.send((res, [(str(w.message), w.category) for w in caught], keep))
        except (OSError, MemoryError):
            return
        if not keep:
            return


def _limit_memory(memory: int) -> None:
    """Limit this process's address space to what it holds now plus `memory` bytes."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            held = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = held + memory
        if hard != resource.RLIM_INFINITY and want > hard:
            want = hard
        if soft == resource.RLIM_INFINITY or want < soft:
            resource.setrlimit(resource.RLIMIT_AS, (want, hard))
            budget.set_cap(memory)
    except (ImportError, OSError, ValueError):
        pass  # no limit where the platform has none: the input limits still bound the file
