"""Speed trick, in one place: the cyclic garbage collector in a process vbcheck owns.

After start-up (every check module imported, the catalogue and rule packs loaded, the patterns
compiled) a process holds some hundred thousand objects that live until it exits, and every full
collection during a run walks them all again. `freeze_startup()` moves them to the permanent
generation (`gc.freeze()`), which no collection walks: about 5 % of the check of a corpus document
(bench/run.py). A check leaves almost no cyclic garbage behind (the style resolver holds its
document weakly, ooxml/styles.py), so nothing a document allocates is kept by this. There is
no full collection before the freeze: it walked every start-up object (some 10 ms of a one-file
run) to free a few dozen (tests/test_startup.py bounds them), which the frozen generation keeps.

Before that, the command line keeps the collector off while those objects are made
(`vbcheck.__main__` turns it off first thing, before this package is imported): it otherwise ran
some 60 times during start-up, one of them a full walk, only to promote them generation by
generation (about 5 % of a one-file run). `freeze_startup()` turns it back on, and so does
`release()`, which the command line calls for every command that does not freeze
(cli/group.py for the other sub-commands, cli/checking.py for a Dask run).

Only the command line calls them: in an application that imports vbcheck, the application's own
objects would be frozen too and never collected, so the library never freezes. The findings are
the same either way (tests/test_startup.py).
"""

from __future__ import annotations

import gc


def release() -> None:
    """Collections again, after the command line's start-up."""
    gc.enable()


def freeze_startup() -> None:
    """Load what every check needs, then exempt all that is alive from garbage collection."""
    from .run import all_rules

    all_rules()  # imports every check module and loads the catalogue
    gc.freeze()
    release()
