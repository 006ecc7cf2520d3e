"""What one run of the engine is asked to do: profile, stage, rule selection, language of
messages, the user's configuration by section, and whether to keep the text of every line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Options:
    """The options of a check: profile, stage, language, selection, budgets, configuration."""

    profile: str = "auto"
    stage: str = "draft"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str = "vi"
    extend_select: tuple[str, ...] = ()
    # User configuration by section (e.g. config["language"]["known_abbreviations"]); checks
    # read their own section and ignore the rest.
    config: dict[str, Any] = field(default_factory=dict)
    # Keep the text of every line on the FileResult (the HTML report shows it).
    keep_text: bool = False
    # The per-file budget (seconds of wall time, bytes of memory); None: VBCHECK_TIME_BUDGET,
    # VBCHECK_MEMORY_BUDGET or the defaults (core/budget.py). It bounds the cost, never the findings.
    time_budget: int | None = None
    memory_budget: int | None = None
