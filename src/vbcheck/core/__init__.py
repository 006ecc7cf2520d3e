"""The vocabulary every other layer builds on: the document model, rules and findings, errors,
limits and the shared word lists. Nothing here imports another vbcheck package."""
