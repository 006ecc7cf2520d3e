"""`python -m vbcheck` and the `vbcheck` command (pyproject's [project.scripts] names `command`).

Speed: `vbcheck --version` alone is answered here, before click and the command modules are
imported (they cost several times Python's own start-up); the answer is the one click's
`--version` option gives (tests/test_startup.py compares them). A plain check's command line is
parsed without click (cli/fast.py); every other goes to the click group in `vbcheck.cli`. Both
run with `re`'s compiled patterns and the code of dataclass methods kept between runs
(text/compiled.py, text/dataclass_code.py) and the garbage collector held until start-up is
done (engine/gcpolicy.py), which only a process vbcheck owns may do.
"""

from __future__ import annotations

import sys


def run(*, exit_at_once: bool = False) -> None:
    """The command line on sys.argv; exits (SystemExit, which a caller in Python may catch)."""
    if sys.argv[1:] == ["--version"]:
        from ._version import __version__

        sys.stdout.write(f"vbcheck, version {__version__}\n")
        sys.exit(0)
    import gc

    from .text import compiled, dataclass_code

    # This process is vbcheck's own: no garbage collection while it starts (engine/gcpolicy.py
    # turns it on), compiled patterns and dataclass methods kept between runs.
    gc.disable()
    compiled.install()
    dataclass_code.install()
    from .cli import fast

    params = fast.parse(sys.argv[1:])
    if params is not None:
        fast.run(params, exit_at_once)  # exits
    from .cli import main

    main()


def command() -> None:
    """The `vbcheck` script and `python -m vbcheck`: the process is the command line's, so a
    check exits without the interpreter's teardown (cli/fast.py)."""
    run(exit_at_once=True)


if __name__ == "__main__":
    command()
