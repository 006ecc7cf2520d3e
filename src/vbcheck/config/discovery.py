"""Which files a run checks, as ruff finds them: paths named are checked as given, folders are
searched for .docx, .txt and .md files, skipping

- the exclude list (`DEFAULT_EXCLUDE`: version control, virtualenvs, caches, build output, and
  the repository files that are never official documents: README, CHANGELOG, LICENSE,
  requirements…); a configuration's `exclude` replaces it, `extend-exclude` adds to it, both
  gitignore-style patterns relative to the configuration file's folder, and the nearest
  configuration decides for the files below it;
- any folder holding `pyvenv.cfg` (a virtualenv under any name: venv, virtualenv and uv all
  write one) or `conda-meta/` (a conda environment);
- what `.gitignore` files ignore (each one from the repository root, the folder holding `.git`,
  down to the file, deeper ones overriding, and `.git/info/exclude`), unless
  `respect-gitignore = false` or `--no-respect-gitignore`;
- hidden files and folders, and Word's `~$` lock files.

`force_exclude=True` (pre-commit, which names every staged file) applies the exclusions to the
paths named too. Patterns are matched by pathspec's `GitIgnoreSpec`, which reproduces git's own
precedence (a `!` negation, a directory pattern, `**`) and whose matching is a compiled regular
expression per pattern with no nested repetition (linear). Excluded folders are pruned, never
listed: an excluded `node_modules` costs nothing. Symbolic links to folders are not followed.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

SUFFIXES = (".docx", ".txt", ".md")
STDIN = "-"
DEFAULT_EXCLUDE = (
    # version control, environments, caches and build output (ruff's list)
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints", ".mypy_cache",
    ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox", ".venv",
    ".vscode", "__pypackages__", "_build", "buck-out", "build", "dist", "node_modules", "site-packages",
    "venv", ".vbcheck_cache", "*.dist-info", "*.egg-info",
    # repository files that are never official documents
    "README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*",
    "LICENSE*", "LICENCE*", "COPYING*", "NOTICE*", "AUTHORS*", "requirements*.txt", "constraints*.txt",
)


def _spec(lines: Iterable[str]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(lines))


def _verdict(spec, rel: str) -> bool | None:
    """True: excluded; False: re-included by a `!` pattern; None: no pattern says."""
    check = getattr(spec, "check_file", None)
    if check is not None:
        return check(rel).include
    return True if spec.match_file(rel) else None  # pathspec < 0.12: no negation across files


@lru_cache(maxsize=256)
def _exclude_spec(patterns: tuple[str, ...]):
    return _spec(patterns)


def _is_environment(d: str) -> bool:
    return os.path.isfile(os.path.join(d, "pyvenv.cfg")) or os.path.isdir(os.path.join(d, "conda-meta"))


class _Rules:
    """The exclusions in force: the configuration of each folder, and the .gitignore files."""

    def __init__(self, config_arg: Any, respect_gitignore: bool | None):
        self.config_arg = config_arg  # None: --isolated; a path: --config FILE; AUTO: search
        self.respect_gitignore = respect_gitignore
        self._gitignores: dict[str, Any] = {}
        self._configs: dict[str, Any] = {}

    # ---- configuration

    def config(self, folder: str):
        from .files import AUTO, Config, find_config, load_config

        key = os.path.abspath(folder)
        cfg = self._configs.get(key)
        if cfg is None:
            if self.config_arg is None:
                cfg = Config()
            elif self.config_arg != AUTO:
                cfg = load_config(self.config_arg)
            else:
                found = find_config(key) if os.path.isdir(key) else None
                cfg = load_config(found) if found else Config()
            self._configs[key] = cfg
        return cfg

    def excluded_by_config(self, path: str, is_dir: bool, base: str) -> bool:
        folder = path if is_dir else os.path.dirname(path) or "."
        cfg = self.config(folder if os.path.isdir(folder) else ".")
        patterns = cfg.exclude if cfg.exclude is not None else DEFAULT_EXCLUDE
        spec = _exclude_spec(tuple(patterns) + tuple(cfg.extend_exclude))
        rel = _relative(path, cfg.root if cfg.path is not None else None, base)
        return bool(rel) and _verdict(spec, rel + ("/" if is_dir else "")) is True

    def gitignore_on(self, folder: str) -> bool:
        if self.respect_gitignore is not None:
            return self.respect_gitignore
        return self.config(folder).respect_gitignore

    # ---- .gitignore

    def _gitignore(self, folder: str):
        """The spec of `folder`'s .gitignore (and .git/info/exclude at a repository root), or None."""
        if folder not in self._gitignores:
            lines: list[str] = []
            for name in (".gitignore", os.path.join(".git", "info", "exclude")):
                p = os.path.join(folder, name)
                try:
                    if os.path.isfile(p) and os.path.getsize(p) <= 1 << 20:  # a real one is a few KB
                        with open(p, encoding="utf-8", errors="replace") as fh:
                            lines.extend(fh.read().splitlines())
                except OSError:
                    pass
            self._gitignores[folder] = _spec(lines) if lines else None
        return self._gitignores[folder]

    def ignored_by_git(self, path: str, is_dir: bool) -> bool:
        """Whether the .gitignore files from the repository root down to `path` ignore it."""
        full = os.path.abspath(path)
        folders = _ancestors_to_repository_root(os.path.dirname(full))
        for folder in reversed(folders):  # deepest first: a deeper .gitignore overrides
            spec = self._gitignore(folder)
            if spec is None:
                continue
            rel = os.path.relpath(full, folder).replace(os.sep, "/") + ("/" if is_dir else "")
            verdict = _verdict(spec, rel)
            if verdict is not None:
                return verdict
        return False

    def skip(self, path: str, is_dir: bool, base: str = ".") -> bool:
        if self.excluded_by_config(path, is_dir, base):
            return True
        if is_dir and _is_environment(path):
            return True
        return self.gitignore_on(os.path.dirname(path) or ".") and self.ignored_by_git(path, is_dir)


@lru_cache(maxsize=1024)
def _ancestors_to_repository_root(folder: str) -> tuple[str, ...]:
    """`folder` and its parents up to the one holding `.git` (root first); only `folder` when it
    is in no repository (a .gitignore outside git still counts in its own folder, as ruff does)."""
    chain = [folder]
    d = folder
    while not os.path.exists(os.path.join(d, ".git")):
        parent = os.path.dirname(d)
        if parent == d:
            return (folder,)
        d = parent
        chain.append(d)
    return tuple(reversed(chain))


def _relative(path: str, root: Path | None, base: str) -> str:
    """`path` relative to the configuration's folder when it lies below it, else to `base` (the
    folder being searched, or the current folder), so that the names of folders above never
    count (a checkout under /home/me/build/ is not "build")."""
    full = os.path.abspath(path)
    for anchor in ([root] if root is not None else []) + [os.path.abspath(base)]:
        try:
            rel = os.path.relpath(full, anchor)
        except ValueError:  # another drive (Windows)
            continue
        if rel != "." and not rel.startswith(".."):
            return rel.replace(os.sep, "/")
    return ""


def discover(paths: Iterable[str], config: Any = "auto", *, force_exclude: bool = False,
             respect_gitignore: bool | None = None) -> list[str]:
    """The files to check, in order, each once. `config` is "auto" (each folder's nearest
    configuration), a configuration file, or None (defaults only). A path named is checked as
    given (unless `force_exclude` and an exclusion applies); '-' (standard input) stays where it
    is. A folder that cannot be listed is kept, so that it is reported as unreadable."""
    rules = _Rules(config, respect_gitignore)
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        if p not in seen:
            seen.add(p)
            out.append(p)

    def unlistable(err: OSError) -> None:
        if err.filename:
            add(err.filename)

    for p in paths:
        if p == STDIN:
            out.append(p)
            continue
        if os.path.isdir(p):
            if force_exclude and _excluded_named(rules, p, True):
                continue
            for root, dirs, files in os.walk(p, followlinks=False, onerror=unlistable):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not rules.skip(os.path.join(root, d), True, p))
                for f in sorted(files):
                    if f.lower().endswith(SUFFIXES) and not f.startswith(("~$", ".")):
                        full = os.path.join(root, f)
                        if not rules.skip(full, False, p):
                            add(full)
        elif not (force_exclude and _excluded_named(rules, p, False)):
            add(p)
    return out


def _excluded_named(rules: _Rules, path: str, is_dir: bool) -> bool:
    """--force-exclude: the path, or a folder between it and the current folder, is excluded."""
    if rules.skip(path, is_dir):
        return True
    cwd = os.path.abspath(".")
    d = os.path.dirname(os.path.abspath(path))
    while d.startswith(cwd + os.sep):
        if rules.skip(d, True):
            return True
        d = os.path.dirname(d)
    return False
