#!/usr/bin/env python3
"""False registry-verification findings on clean documents in every citation style.

    python bench/verify_styles.py [--corpus ../shared/corpus-styles] [--show]

``bench/verify_accuracy.py`` measures verification on one rendering of each article; the same
entries printed in IEEE, Nature, NLM, APA, Harvard, ACL, Chicago or IEA style are parsed differently
(the year last, the title unquoted, the publisher in brackets), and verification searches and
matches with what was parsed. This checks each style's ``clean.txt`` of a corpus laid out as
``../shared/corpus-styles`` (``docs/<article>/<style>/clean.txt`` beside ``jats/<article>.xml``)
against a fake registry that holds every work the articles cite (read from their JATS, as
verify_accuracy.py reads it). Every verification finding is then false, except on entries the JATS
gives without markup (not in the registry; counted apart). Prints per style the documents, the
false findings (at warning or error apart) and the false findings per document.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import verify_accuracy as va  # the fake registry and the check of one file

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent.parent / "shared" / "corpus-styles"))
    ap.add_argument("--show", action="store_true", help="print each false finding")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "jats").is_dir():
        corpus = Path("/work/shared/corpus-styles")
    articles = sorted(p.stem for p in (corpus / "jats").glob("*.xml") if (corpus / "docs" / p.stem).is_dir())
    works: dict[str, va.FakeWork] = {}
    nodoi: list[va.FakeWork] = []
    for a in articles:
        for w in va.registry_from(corpus / "jats" / f"{a}.xml"):
            if w.doi:
                works.setdefault(w.doi.lower(), w)
            else:
                nodoi.append(w)
    docs: collections.Counter[str] = collections.Counter()
    false: collections.Counter[str] = collections.Counter()
    alarms: collections.Counter[str] = collections.Counter()
    by_rule: collections.Counter[tuple[str, str, str]] = collections.Counter()
    unheld = 0
    with (
        tempfile.TemporaryDirectory() as tmp,
        va.FakeRegistries([*works.values(), *nodoi], rate_limit=5000) as fake,
    ):
        cache = Path(tmp) / "cache"
        for a in articles:
            for style_dir in sorted((corpus / "docs" / a).iterdir()):
                clean = style_dir / "clean.txt"
                if not clean.exists():
                    continue
                style = style_dir.name
                docs[style] += 1
                _, found = va.check(clean, fake, cache)
                for rule, severity, ref, _ in found:
                    if va._key(ref) in va.UNHELD:
                        unheld += 1
                        continue
                    false[style] += 1
                    alarms[style] += severity in ("warning", "error")
                    by_rule[(style, rule, severity)] += 1
                    if args.show:
                        print(f"FALSE {style} {a}: {rule} {severity}: {ref[:160]}")
    print(f"{len(articles)} articles, registry of {len(works) + len(nodoi)} works")
    print(f"{'style':44} {'docs':>5} {'false':>6} {'warn+':>6} {'per doc':>8}")
    for style in sorted(docs):
        n = docs[style]
        print(f"{style[:44]:44} {n:5} {false[style]:6} {alarms[style]:6} {false[style] / n:8.2f}")
    total = sum(docs.values())
    print(
        f"{'all':44} {total:5} {sum(false.values()):6} {sum(alarms.values()):6} {sum(false.values()) / total:8.2f}"
    )
    print(f"findings on entries the JATS gives without markup (not in the fake registry): {unheld}")
    for (style, rule, severity), v in by_rule.most_common():
        print(f"  {style[:40]} {rule} ({severity}): {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
