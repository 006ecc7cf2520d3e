"""Language rules (VB0xx text checks, VB2xx): abbreviations, term consistency, tone marks,
encodings, spacing. One module per idea; this module only collects their checks."""

from . import abbreviations, encoding, spacing, terms, tone

CHECKS: list = [*encoding.CHECKS, *abbreviations.CHECKS, *terms.CHECKS, *tone.CHECKS, *spacing.CHECKS]
