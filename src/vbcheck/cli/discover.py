"""Which files a run checks: `vbcheck.config.discovery` (ruff's rules), for the command line."""

from __future__ import annotations

from ..config.discovery import DEFAULT_EXCLUDE, SUFFIXES, discover

__all__ = ["DEFAULT_EXCLUDE", "SUFFIXES", "discover", "expand"]


def expand(paths: tuple[str, ...]) -> list[str]:
    """Files as given; folders searched with the default exclusions and no configuration."""
    return discover(paths, None)
