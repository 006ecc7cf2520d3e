"""`vbcheck serve`: a page where a clerk drops a draft and sees every finding in place on the
document, with its JSON API (`app.py`), the work each request runs in a worker process
(`jobs.py`), the page's picture of a document (`view.py`) and the server (`server.py`).

Needs the optional extra `vbcheck[web]` (Starlette, uvicorn, python-multipart, python-docx);
importing this package itself imports none of them, so the command line can say what to install.
"""

from __future__ import annotations

INSTALL_HINT = ("serve cần gói vbcheck[web]: pip install 'vbcheck[web]' / "
                "serve needs the web extra: pip install 'vbcheck[web]'")
# What `vbcheck[web]` brings, by import name (python-multipart is imported by Starlette lazily).
REQUIRES = ("starlette", "uvicorn", "python_multipart")


def missing() -> str | None:
    """The first module of the extra that cannot be found, or None when all are there."""
    from importlib.util import find_spec

    for name in REQUIRES:
        try:
            if find_spec(name) is None:
                return name
        except (ImportError, ValueError):
            return name
    return None
