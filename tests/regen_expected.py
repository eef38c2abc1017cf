"""Regenerate ``fixtures/**/<name>.expected.json`` from what refcheck reports now.

    PYTHONPATH=src python tests/regen_expected.py            # every fixture without an "xfail" key
    PYTHONPATH=src python tests/regen_expected.py NAME ...   # only these documents (paths or names)
    PYTHONPATH=src python tests/regen_expected.py --force    # also overwrite files marked "xfail"

An expected file states what refcheck *should* report. A file with an "xfail" key records a known
core bug (the expected findings are the right ones, not today's output), so it is left alone unless
--force is given. Review ``git diff fixtures/`` before committing: a regenerated file is a claim
that the new output is correct.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SUFFIXES = (".txt", ".md", ".Rmd", ".qmd")


# fixtures/formats/ has its own <file>.expected.json scheme and test (tests/formats/test_fixtures.py)
OWN_SCHEME = ("formats",)


def documents() -> list[Path]:
    """Every fixture document; of a manuscript of several files (a Quarto book, Manubot's content/),
    only the file it is checked from (refcheck.manuscript)."""
    from refcheck.manuscript import main_file

    return sorted(
        p
        for p in FIXTURES.rglob("*")
        if p.suffix in SUFFIXES
        and p.is_file()
        and p.relative_to(FIXTURES).parts[0] not in OWN_SCHEME
        and Path(main_file(str(p))).resolve() == p.resolve()
    )


def expected_path(doc: Path) -> Path:
    return doc.with_name(doc.stem + ".expected.json")


def summarise(doc: Path) -> dict[str, Any]:
    """The expected-file record of a document: citation count and findings as rule+line+severity."""
    from refcheck.pipeline import CheckOptions, check_file

    result = check_file(str(doc), CheckOptions(links=False))
    if result.doc is None:
        raise SystemExit(f"{doc}: {result.error}")
    d = result.doc
    return {
        "citations": len(d.citations),
        "findings": [_finding(doc, f) for f in d.findings],
    }


def _finding(doc: Path, f: Any) -> dict[str, Any]:
    out = {"rule": f.rule, "line": f.line, "severity": str(f.severity)}
    if f.path and Path(f.path).resolve() != doc.resolve():  # in another file: a chapter, a .bib
        out["file"] = Path(os.path.relpath(Path(f.path).resolve(), doc.resolve().parent)).as_posix()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="documents to regenerate (default: all)")
    ap.add_argument("--force", action="store_true", help="overwrite expected files marked xfail")
    args = ap.parse_args(argv)
    docs = documents()
    if args.names:
        docs = [d for d in docs if d.name in args.names or str(d) in args.names or d.stem in args.names]
    for doc in docs:
        target = expected_path(doc)
        old = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
        if old.get("xfail") and not args.force:
            print(f"kept     {target.relative_to(ROOT)} (xfail: {old['xfail']})")
            continue
        new = summarise(doc)
        target.write_text(json.dumps(new, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{'same' if old == new else 'updated':8} {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
