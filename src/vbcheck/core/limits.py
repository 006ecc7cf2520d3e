"""Limits that keep a hostile or broken file from exhausting the machine.

Each limit has a default and an environment variable that overrides it (README "Limits against
hostile input"). Values are read when a file is checked, not at import, so a test or a wrapper
can change them; a value that is not a positive integer, or is beyond what a file or a count can
be (over 2**53), falls back to the default with a `RuntimeWarning` naming it (the CLI prints it
as one line). Sizes accept a K, M or G suffix (binary: `VBCHECK_MAX_BYTES=20M`).

Together they bound one file's cost: at most MAX_BYTES held as bytes, one XML part of at most
MAX_PART_BYTES and MAX_XML_TAGS tags parsed at a time (lxml needs about 130 bytes per element),
and a document model of at most MAX_CHARS characters (about 35 bytes each with its column map).
With the defaults a file costs at most about 700 MB of memory and well under a minute; real
documents stay far below (the largest corpus .docx: 800 KB of XML, 34,000 tags, 200,000
characters).
"""

from __future__ import annotations

import os

MiB = 1024 * 1024

DEFAULTS: dict[str, int] = {
    # Whole input file (bytes), checked on the size before anything is read.
    "VBCHECK_MAX_BYTES": 100 * MiB,
    # Declared (uncompressed) size of one .docx part, and of all parts together.
    "VBCHECK_MAX_PART_BYTES": 64 * MiB,
    "VBCHECK_MAX_TOTAL_BYTES": 256 * MiB,
    # Compression ratio (uncompressed / compressed) refused for parts over 1 MB: a zip bomb.
    "VBCHECK_MAX_RATIO": 200,
    # Members of a .docx package (a real one has 10-50; images add a few hundred at most).
    "VBCHECK_MAX_PARTS": 10_000,
    # Tags in one XML part ('<' count, checked before parsing).
    "VBCHECK_MAX_XML_TAGS": 2_000_000,
    # Characters of document text (all paragraphs), for every reader.
    "VBCHECK_MAX_CHARS": 2_000_000,
    # Sections of a .docx (real documents: a few; one per landscape table at most).
    "VBCHECK_MAX_SECTIONS": 10_000,
    # Attributes of one element vbcheck reads (fonts, spacing, indents, page size, margins).
    "VBCHECK_MAX_ATTRIBUTES": 1_000,
    # Findings of one rule listed for one document; one more finding counts the rest.
    "VBCHECK_MAX_FINDINGS": 100,
    # The per-file budget (core/budget.py): wall-clock seconds, and memory beyond what the
    # process held before the file (runs over many files, where a worker process checks it).
    "VBCHECK_TIME_BUDGET": 60,
    "VBCHECK_MEMORY_BUDGET": 1024 * MiB,
}

_SUFFIX = {"K": 1024, "M": MiB, "G": 1024 * MiB}
# Past this, a "limit" is no limit and overflows what read() and the counters take (2**63).
_CEILING = 2**53
_WARNED: set[str] = set()


def parse(raw: object) -> int | None:
    """A positive count or size ("20M", 512, "1G"); None when it is not one or is out of range."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if 0 < raw <= _CEILING else None
    if not isinstance(raw, str):
        return None
    raw = raw.strip().upper().removesuffix("B")
    mult = _SUFFIX.get(raw[-1:], 1)
    if mult != 1:
        raw = raw[:-1]
    try:
        value = int(raw) * mult
    except ValueError:
        return None
    return value if 0 < value <= _CEILING else None


def get(name: str) -> int:
    """The limit `name` (a key of DEFAULTS), from the environment when set and valid."""
    default = DEFAULTS[name]
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    value = parse(raw)
    if value is not None:
        return value
    if name not in _WARNED:  # once per process and variable
        import warnings

        _WARNED.add(name)
        warnings.warn(f"{name}={os.environ.get(name, '').strip()!s}: không hợp lệ, dùng mặc định / invalid or "
                      f"out of range, using the default {default}", RuntimeWarning, stacklevel=2)
    return default


def mb(n: int) -> str:
    """A size for messages: "64 MB", "1.5 MB", "512 KB"."""
    if n >= MiB:
        v = n / MiB
        return f"{v:.0f} MB" if v >= 10 or v == int(v) else f"{v:.1f} MB"
    return f"{max(1, n // 1024)} KB"
