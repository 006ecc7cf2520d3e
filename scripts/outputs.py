"""Save or compare vbcheck's outputs on a fixed set of inputs, to prove a change of structure or
speed changes no finding.

    python scripts/outputs.py save DIR       # before the change
    python scripts/outputs.py compare DIR    # after: exit 1 and a diff summary if any output differs

Inputs: the seeds and the corpus (.docx and text) from ../shared when present, the shipped
example, and every catalogue example (the compliant base and each edited base, written to a
folder under DIR). Outputs, through the command line so that nothing internal is assumed: JSON in
(draft, vi) and (final, en), SARIF and text, each for all inputs at once, from the same working
folder so that paths are the same.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VBCHECK_SHARED", ROOT.parent / "shared"))

RUNS = {
    "json-draft-vi.json": ["--format", "json"],
    "json-final-en.json": ["--format", "json", "--stage", "final", "--lang", "en"],
    "sarif.json": ["--format", "sarif"],
    "text.txt": ["--format", "text", "--show-not-evaluated"],
}


def example_inputs(folder: Path) -> list[Path]:
    """Every catalogue text example as a file: base and edited base."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    bases = {}
    for cat in sorted((ROOT / "rules" / "catalogue").glob("*.toml")):
        for code, entry in tomllib.loads(cat.read_text("utf-8")).items():
            for i, ex in enumerate(entry.get("examples", [])):
                if "find" not in ex:
                    continue
                name = ex["base"]
                if name not in bases:
                    bases[name] = (ROOT / "rules" / "examples" / f"{name}.txt").read_text("utf-8")
                    f = folder / f"{name}.txt"
                    f.write_text(bases[name], "utf-8")
                    out.append(f)
                f = folder / f"{code}-{i}-{name}.txt"
                f.write_text(bases[name].replace(ex["find"], ex["replace"], 1), "utf-8")
                out.append(f)
    return out


def inputs(work: Path) -> list[str]:
    files: list[Path] = [ROOT / "examples" / "ke-hoach-du-thao.docx"]
    for sub in ("seeds", "corpus/docx", "corpus/text"):
        d = SHARED / sub
        if d.is_dir():
            files += sorted(p for p in d.iterdir() if p.suffix in (".docx", ".txt", ".md"))
    files += example_inputs(work / "examples")
    return [os.path.relpath(f, work) for f in files]


def run_all(work: Path) -> dict[str, str]:
    files = inputs(work)
    env = {**os.environ, "VBCHECK_LOAD_PLUGINS": "", "NO_COLOR": "1"}
    out = {}
    for name, args in RUNS.items():
        proc = subprocess.run([sys.executable, "-m", "vbcheck", *args, "--isolated", "-j", "1", *files],
                              cwd=work, env=env, capture_output=True, text=True, encoding="utf-8")
        if proc.returncode not in (0, 1) or not proc.stdout:
            raise SystemExit(f"{name}: exit {proc.returncode}, {len(proc.stdout)} characters: {proc.stderr[-2000:]}")
        out[name] = proc.stdout
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "compare"):
        print(__doc__)
        return 2
    mode, folder = argv[0], Path(argv[1]).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / "work"
    work.mkdir(exist_ok=True)
    got = run_all(work)
    if mode == "save":
        for name, text in got.items():
            (folder / name).write_text(text, "utf-8")
        print(f"saved {len(got)} outputs in {folder}")
        return 0
    bad = 0
    for name, text in got.items():
        want = (folder / name).read_text("utf-8")
        if text != want:
            bad += 1
            diff = list(difflib.unified_diff(want.splitlines(), text.splitlines(), name, "now", n=0, lineterm=""))
            print(f"{name}: {len(diff)} diff lines")
            print("\n".join(diff[:40]))
    print("identical" if not bad else f"{bad} of {len(got)} outputs differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
