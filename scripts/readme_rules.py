"""Write the README's rule table from the catalogue (rules/catalogue/*.toml).

    python scripts/readme_rules.py          # rewrite the table in README.md
    python scripts/readme_rules.py --check  # exit 1 if the README's table is out of date

tests/test_readme.py fails when the table and the catalogue drift apart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- rules-table: generated from rules/catalogue by scripts/readme_rules.py; do not edit -->"
END = "<!-- /rules-table -->"
BLOCK = re.compile(re.escape(START) + r"\n(.*?)" + re.escape(END), re.S)


def generated() -> str:
    from vbcheck.catalogue import loader
    from vbcheck.catalogue.explain import rules_table

    return rules_table(loader.catalogue()[c] for c in sorted(loader.catalogue()))


def current(text: str) -> str:
    m = BLOCK.search(text)
    if not m:
        raise SystemExit(f"README.md has no {START} … {END} block")
    return m.group(1)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    table = generated()
    if "--check" in argv:
        return 0 if current(text) == table else 1
    README.write_text(BLOCK.sub(lambda m: f"{START}\n{table}{END}", text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
