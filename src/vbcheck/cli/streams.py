"""What the command line writes and where: UTF-8 streams whatever the code page, colour only when
wanted, a progress bar on stderr, report files written atomically and never over an input.

click does colour and progress both (`click.style`, `click.progressbar`), imported when a run
shows either (speed: a one-file run's report needs no click, cli/fast.py). `Failure` is click's
kind of error, so it too is made when first asked for.
"""

from __future__ import annotations

import os
import stat
import sys


def _failure() -> type:
    """`Failure`: a command could not do its job (a report that cannot be written, a copy
    refused), one line, exit 2. A click exception, so made on first use, once."""
    cls = globals().get("Failure")
    if cls is None:
        import click

        class Failure(click.ClickException):
            """A command could not do its job: one line, exit 2."""

            exit_code = 2

        globals()["Failure"] = cls = Failure
    return cls


def __getattr__(name: str):
    if name == "Failure":
        return _failure()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def utf8_streams() -> None:
    """stdout and stderr in UTF-8 whatever PYTHONIOENCODING, the locale or the Windows code page
    (cp1258 on a Vietnamese Windows, cp1252 on CI runners), so that a redirected report is the
    same bytes everywhere. A Windows console is written through WriteConsoleW anyway; what
    changes is redirected output. `replace` only for characters UTF-8 cannot hold (lone
    surrogates, which the reporters already replace)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError):  # a stream already read from or closed: leave it
            pass


def use_colour(choice: str, stream=None) -> bool:
    """Whether to colour the text report: `--color always|never` first; else FORCE_COLOR (non-empty)
    colours, NO_COLOR (non-empty) and TERM=dumb do not (force-color.org, no-color.org); else only
    on a terminal."""
    if choice in ("always", "never"):
        return choice == "always"
    env = os.environ
    if env.get("FORCE_COLOR"):
        return True
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    stream = stream if stream is not None else sys.stdout
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, OSError):
        return False


class progress:
    """A progress bar on stderr for long runs on a terminal, a no-op otherwise; stdout is never
    touched, so a redirected report is the same bytes with or without a terminal."""

    MIN_FILES = 20

    def __init__(self, total: int):
        self.total = total
        self.bar = None
        self.done = 0

    def __enter__(self):
        err = sys.stderr
        try:
            tty = err is not None and err.isatty()
        except (ValueError, OSError):
            tty = False
        if self.total < self.MIN_FILES or not tty:
            return None
        import click

        self.bar = click.progressbar(length=self.total, label="vbcheck", file=err, show_eta=False)
        self.bar.__enter__()

        def tick(k: int) -> None:
            if k > self.done:
                self.bar.update(k - self.done)
                self.done = k

        return tick

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


# --------------------------------------------------------------------------- report files


def check_target(target: str, inputs: list[str]) -> str | None:
    """Why `-o FORMAT:target` cannot be written (a one-line reason), or None. Checked before any
    document is, so that a typo costs nothing and leaves nothing behind."""
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        return "thư mục không tồn tại / the folder does not exist"
    if os.path.isdir(target):
        return "là một thư mục / is a directory"
    if not os.access(folder, os.W_OK | os.X_OK) and not os.path.exists(target):
        return "không có quyền ghi vào thư mục / the folder is not writable"
    try:
        st = os.stat(target)
    except OSError:
        return None
    if stat.S_ISREG(st.st_mode):
        for p in inputs:
            try:
                other = os.stat(p)
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
                return ("là một tệp đang được kiểm tra; báo cáo sẽ ghi đè lên nó / "
                        "is one of the checked files; the report would replace it")
    return None


def write_report(target: str, text: str) -> None:
    """Write a report file in UTF-8 (`\\n` line ends on every system, as ruff does).

    A regular file (or a new one) is replaced atomically: the report goes to a temporary file
    beside it, created with mode 0666 less the umask, then renamed over it, so that a failed run
    leaves the previous report whole and never an empty one. A symbolic link is followed (the
    link stays, its target gets the report); anything that is not a regular file (/dev/stdout,
    a FIFO, a terminal) is written into as it is."""
    from ..engine.files import write_atomic

    data = text.encode("utf-8", "replace")
    real = os.path.realpath(target)
    try:
        st = os.stat(real)
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        with open(real, "wb") as fh:
            fh.write(data)
        return
    write_atomic(real, data)


def write_stdout(text: str) -> None:
    """Write to standard output and flush, so that a full disk or a closed stdout is said here
    as one line, not at the interpreter's exit."""
    out = sys.stdout
    if out is None:
        raise _failure()("đầu ra chuẩn đã bị đóng / standard output is closed")
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as e:
        raise _failure()(f"không ghi được ra đầu ra chuẩn / cannot write standard output ({reason(e)})") from None


def reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return " ".join(str(e).split())[:120] or type(e).__name__
