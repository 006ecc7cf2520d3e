"""Build the compliant .docx bases of the catalogue's formatting examples into rules/examples/.

    python scripts/build_example_docx.py

They are the NĐ 30 model forms (Mẫu 1.4 kế hoạch, Mẫu 1.5 công văn, a quyết định) and an HD 36
Party kế hoạch, built by tests/docx_factory.py; tests/test_catalogue_examples.py checks that the
shipped files are exactly what this script builds and that every rule finds them compliant.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import docx_factory as F  # noqa: E402


def main() -> None:
    for name, make in F.MODELS.items():
        out = ROOT / "rules" / "examples" / f"{name}.docx"
        out.write_bytes(F.build(make()))
        print(out.relative_to(ROOT))


if __name__ == "__main__":
    main()
