"""The words every layer shares: profiles, stages, severities, languages. Written once here; the
command line, the configuration and the engine read them from this module."""

from __future__ import annotations

# Rule profiles (rules.md "Profiles"); "auto" picks one per document.
PROFILES = ("nd30", "dang", "congdoan")
PROFILE_CHOICES = ("auto", *PROFILES)
# --stage: a draft may leave the number and day blank; a final document may not.
STAGES = ("draft", "final")
# Severities, lowest first; --fail-on takes one of them or "never".
SEVERITIES = ("info", "warning", "error")
FAIL_ON = ("error", "warning", "info", "never")
# Languages of messages.
LANGS = ("vi", "en")


def severity_rank(sev: str) -> int:
    return SEVERITIES.index(sev)
