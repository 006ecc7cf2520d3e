"""Formatting rules for .docx (VB003, VB3xx). Filled in by the formatting work (issue 4)."""

CHECKS: list = []
