"""Developer aid: print how vbcheck labels each paragraph of a document.

    python scripts/show_anatomy.py FILE [--all]
"""

import sys

from vbcheck.anatomy import analyse
from vbcheck.engine import read, read_file


def main(path: str, show_all: bool) -> None:
    doc = read(path, read_file(path))
    an = analyse(doc, "auto", path)
    print(f"type={an.doc_type} ({an.doc_type_source}) profile={an.profile} draft={an.draft_reasons} scope={an.out_of_scope_key}")
    for name in ("quoc_hieu", "tieu_ngu", "so", "date_line", "vv_hit", "sig_name"):
        h = getattr(an, name)
        print(f"  {name}: {h.para.line}:{h.start} {h.matched or h.text!r}" if h else f"  {name}: -")
    print("  issuer:", [p.text for p in an.issuer])
    print("  title:", an.title and an.title.text, "| trich_yeu:", [p.text[:50] for p in an.trich_yeu])
    print("  sig:", [p.text for p in an.signature], "| noi_nhan items:", len(an.noi_nhan_items))
    n = len(doc.paragraphs)
    for p in doc.paragraphs:
        if show_all or p.zone.value not in ("body", "appendix") or p.index < 3 or p.index > n - 4:
            print(f"{p.line:5} {p.zone.value:12} {p.text[:90]!r}")


if __name__ == "__main__":
    main(sys.argv[1], "--all" in sys.argv)
