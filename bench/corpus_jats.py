#!/usr/bin/env python3
"""Score refcheck on the corpus's original JATS XML against the clean gold of each article.

    PYTHONPATH=src python bench/corpus_jats.py /work/shared/corpus [--python /work/venv/bin/python]

For every article, ``refcheck check --no-links --format json jats/<article>.xml`` is run and its
citations (each with the ids of the entries it links to) are compared with the clean gold
(``gold/<article>/clean.text.json``): gold reference indices are turned into the JATS ``<ref id>``
through the gold's ``references[].id``. Both sequences are in document order; they are aligned
(difflib) on the set of ids each citation links to, so a citation counts as found and linked when
it sits at the same place in the order and links to exactly the gold entries. Reported per style of
the XML (author-date, numeric; a "converted" article is numeric in its XML): gold citations, found citations, recall, precision, and clean findings.
A converted article's gold comes from its author-date rendering, where "[1]–[6]" of the XML is six
citations, sorted by author inside a group: for it both sides are compared entry by entry, as counts
(each citation cut into the entries it cites; found and linked = as often as the gold cites it), so
that a range read whole is not counted as five misses, nor a group in another order as misplaced.
Nothing here knows any article by name.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path


def run(python: str, path: Path) -> dict[str, object]:
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(Path(__file__).resolve().parent.parent / "src"))
    proc = subprocess.run(
        [python, "-m", "refcheck", "check", "--no-links", "--no-verify", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    files = json.loads(proc.stdout)["files"]
    return files[0]  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?", default=Path("/work/shared/corpus"))
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args()
    manifest = json.loads((args.corpus / "manifest.json").read_text(encoding="utf-8"))
    styles = {a.get("id", k): a for k, a in _articles(manifest)}
    acc: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for article in sorted(styles):
        xml = args.corpus / "jats" / f"{article}.xml"
        gold_path = args.corpus / "gold" / article / "clean.text.json"
        if not xml.exists() or not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        ids = {r["index"]: r["id"] for r in gold["references"]}
        want = [tuple(sorted(ids[i] for i in c["references"])) for c in gold["citations"]]
        entry = run(args.python, xml)
        if "error" in entry and entry.get("error"):
            acc["all"]["errors"] += 1
            continue
        cites = entry["citations"]
        assert isinstance(cites, list)
        got = [tuple(sorted(c.get("references") or [])) for c in cites]
        if gold.get("origin") == "converted":
            want = [(i,) for w in want for i in w]
            got = [(i,) for g in got for i in (g or ("",))]
            ok = sum((collections.Counter(want) & collections.Counter(got)).values())
        else:
            matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
            ok = sum(block.size for block in matcher.get_matching_blocks())
        findings = entry["findings"]
        assert isinstance(findings, list)
        # a "converted" article is numeric in its XML (only its renderings are author-date)
        style = "numeric" if gold.get("origin") == "converted" else gold["style"]
        for key in (style, "all"):
            a = acc[key]
            a["articles"] += 1
            a["gold"] += len(want)
            a["found"] += len(got)
            a["ok"] += ok
            a["findings"] += sum(1 for f in findings if f["rule"] != "uncited-reference")
            a["uncited"] += sum(1 for f in findings if f["rule"] == "uncited-reference")
            a["gold-uncited"] += len(gold["uncited"])
    print(
        f"{'style':12} {'articles':>8} {'gold':>6} {'found':>6} {'recall':>6} {'prec':>6} {'other-findings':>14}"
        f" {'uncited (gold)':>15}"
    )
    for key in [k for k in ("author-date", "numeric", "all") if k in acc]:
        a = acc[key]
        r = a["ok"] / a["gold"] if a["gold"] else 0.0
        p = a["ok"] / a["found"] if a["found"] else 0.0
        print(
            f"{key:12} {a['articles']:8} {a['gold']:6} {a['found']:6} {r:6.2f} {p:6.2f} {a['findings']:14}"
            f" {a['uncited']:6} ({a['gold-uncited']:4})"
        )


def _articles(manifest: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    arts = manifest.get("articles")
    if isinstance(arts, dict):
        return [(k, v) for k, v in arts.items() if isinstance(v, dict)]
    if isinstance(arts, list):
        return [(str(a.get("id") or a.get("article")), a) for a in arts if isinstance(a, dict)]
    return []


if __name__ == "__main__":
    main()
