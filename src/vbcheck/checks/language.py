"""Language rules (VB0xx text checks, VB2xx): abbreviations, term consistency, tone marks,
encodings, spacing. Filled in by the language-rules work (issue 3)."""

CHECKS: list = []
