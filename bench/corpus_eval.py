"""Measure refcheck on the evaluation corpus: extraction, linking, detection recall, false positives.

    python3 bench/corpus_eval.py ../shared/corpus [--formats text,markdown]

Runs the corpus's own scorer (``<corpus>/../eval/score.py``) with this interpreter's refcheck, so the
figures are the ones anyone else measures: cite-R / cite-P (citation extraction recall / precision),
link (linking accuracy), fp/doc (findings per clean document the article does not justify), and the
detection recall per injected defect kind.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default="../shared/corpus", type=Path)
    ap.add_argument("--formats", default="text,markdown")
    ap.add_argument("--scorer", type=Path, default=None, help="score.py (default: beside the corpus)")
    args = ap.parse_args()
    scorer = args.scorer or args.corpus.resolve().parent / "eval" / "score.py"
    if not scorer.is_file():
        print(f"scorer not found: {scorer}", file=sys.stderr)
        return 2
    cmd = f"{shlex.quote(sys.executable)} -m refcheck check --no-links --format json {{path}}"
    return subprocess.call(
        [sys.executable, str(scorer), str(args.corpus), "--cmd", cmd, "--formats", args.formats]
    )


if __name__ == "__main__":
    raise SystemExit(main())
