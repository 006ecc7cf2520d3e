"""Errors that reach the user as one line, never as a traceback."""


class InputError(Exception):
    """A file that cannot be read as a document. The message is one line, Vietnamese first."""

    def __init__(self, vi: str, en: str | None = None):
        super().__init__(vi)
        self.vi = vi
        self.en = en or vi

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


class ConfigError(Exception):
    """Bad configuration or command-line usage (exit 2)."""


class PluginError(Exception):
    """A third-party plugin could not be loaded; the message names it and its distribution."""
