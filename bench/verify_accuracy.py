"""Accuracy of registry verification on the JATS articles of ../shared/corpus (issue 10, item 7).

    python bench/verify_accuracy.py [--corpus ../shared/corpus] [--per-kind 2] [--seed 1] [--show]

The fake registry (tests/verify/fakes.py, real HTTP on 127.0.0.1) holds every reference of every
JATS article as the article's XML gives it (DOI, title, authors with given names, year), plus
unrelated noise works; its searches always answer with candidates. Each article's plain-text
rendering (docs/<article>/clean.txt: the entries as a reader has them, parsed by refcheck) is then
checked as published and in variants, one defect each:

- ``fabricated-doi``: an added entry that no registry knows, with a made-up DOI; its title mixes
  words of two real titles of the article's field (a plausible fabrication);
- ``fabricated``: the same without a DOI;
- ``doi-swap``: an entry's DOI replaced by the DOI of another work;
- ``wrong-year``: the year of an entry the registry verified in the clean article moved by 3 (in
  the entry only; entries with a URL and no DOI are vouched for by the link check, not looked up);
- ``retracted``: a work cited with its DOI marked retracted in the registry (Crossref ``updated-by``);
- ``wrong-container``: in the JATS XML itself (the plain text gives no journal field), the
  ``<source>`` of a journal citation the registry verified replaced by another article's journal
  that shares no word stem (first three letters) with it or with the registry's name of it (a
  clear difference; "Nature" for "Nature Genetics" is doubtful and not reported).

The registry gives a journal's name as Crossref's ``container-title`` does, in full
(``REGISTRY_NAMES``: "Journal of Biological Chemistry" for the articles' "J Biol Chem"), so that the
clean JATS articles measure false alarms on abbreviations. The clean JATS articles are checked too,
and their false findings counted apart (the journal is compared there only).

Prints, per kind, the recall (the variant's entry gets the expected finding: reference-not-found
or doi-not-found, reference-mismatch, reference-mismatch, retracted-reference) and, for the clean
articles, the verification findings per document (each one is false: every cited work is in the
registry). Targets: recall >= 0.95 per kind, <= 0.02 false findings per clean document.

The fake registry is read from the JATS XML itself (``<name>`` surnames and given names,
``<article-title>`` or a book's ``<source>``, ``<year>``, ``<pub-id pub-id-type="doi">`` or a DOI
link), never from refcheck's parse. Two kinds of finding on a clean article are not counted as false,
and are printed apart: on an entry whose DOI the articles give to two different works (a publisher's
slip: the registry holds the work whose volume and page the DOI spells, so the finding is true), and
on an entry the JATS gives as unmarked text (no title, no names: the fake registry cannot hold it).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.verify.fakes import FakeRegistries, FakeWork, _fold  # noqa: E402

from refcheck.model import Reference  # noqa: E402
from refcheck.pipeline import VERIFY_RULES, CheckOptions, check_file, verify_document_references  # noqa: E402

EXPECTED = {
    "fabricated-doi": {"doi-not-found", "reference-not-found"},
    "fabricated": {"reference-not-found"},
    "doi-swap": {"reference-mismatch"},
    "wrong-year": {"reference-mismatch"},
    "retracted": {"retracted-reference"},
    "wrong-container": {"reference-mismatch"},
}

# How Crossref names the journals the articles abbreviate (container-title: the full name only).
REGISTRY_NAMES = {
    "Proc Natl Acad Sci U S A": "Proceedings of the National Academy of Sciences",
    "Proc Natl Acad Sci USA": "Proceedings of the National Academy of Sciences",
    "Proceedings of the National Academy of Sciences of USA": "Proceedings of the National Academy of Sciences",
    "J Biol Chem": "Journal of Biological Chemistry",
    "Int J Syst Evol Microbiol": "International Journal of Systematic and Evolutionary Microbiology",
    "J Bacteriol": "Journal of Bacteriology",
    "J Struct Biol": "Journal of Structural Biology",
    "J Gen Virol": "Journal of General Virology",
    "PLoS Med": "PLoS Medicine",
    "PLOS Negl Trop Dis": "PLoS Neglected Tropical Diseases",
    "Appl Environ Microbiol": "Applied and Environmental Microbiology",
    "The Journal of Cell Biology": "Journal of Cell Biology",
    "PLoS Biol": "PLoS Biology",
    "Nat Immunol": "Nature Immunology",
    "Health Res Policy Syst": "Health Research Policy and Systems",
    "Am J Epidemiol": "American Journal of Epidemiology",
    "N Engl J Med": "New England Journal of Medicine",
    "J Infect Dis": "The Journal of Infectious Diseases",
    "Community Dent Oral Epidemiol": "Community Dentistry and Oral Epidemiology",
    "Toxicol Sci": "Toxicological Sciences",
    "Plant J": "The Plant Journal",
    "Mol Microbiol": "Molecular Microbiology",
    "J Invertebr Pathol": "Journal of Invertebrate Pathology",
    "J Apic Res": "Journal of Apicultural Research",
    "Curr Biol": "Current Biology",
    "Clin Infect Dis": "Clinical Infectious Diseases",
    "PLoS Genet": "PLoS Genetics",
    "Nucleic Acids Res": "Nucleic Acids Research",
    "Nat Rev Immunol": "Nature Reviews Immunology",
    "Mol Cell Biol": "Molecular and Cellular Biology",
    "Mol Cell": "Molecular Cell",
    "Magn Reson Med": "Magnetic Resonance in Medicine",
    "J Virol": "Journal of Virology",
    "J Neurosci": "The Journal of Neuroscience",
    "Hum Brain Mapp": "Human Brain Mapping",
    "Environ Health Perspect": "Environmental Health Perspectives",
    "EMBO J": "The EMBO Journal",
    "Am J Hum Genet": "The American Journal of Human Genetics",
    "Plant Physiol": "Plant Physiology",
    "Nat Rev Genet": "Nature Reviews Genetics",
    "Nat Genet": "Nature Genetics",
    "Nat Methods": "Nature Methods",
    "J Clin Invest": "Journal of Clinical Investigation",
    "J Cell Biol": "Journal of Cell Biology",
    "Int J Obes": "International Journal of Obesity",
    "Am J Clin Nutr": "The American Journal of Clinical Nutrition",
    "Nat Cell Biol": "Nature Cell Biology",
    "Mol Biol Evol": "Molecular Biology and Evolution",
    "J Immunol": "The Journal of Immunology",
    "J Exp Med": "Journal of Experimental Medicine",
    "Genome Res": "Genome Research",
    "Genes Dev": "Genes & Development",
    "Environ Sci Technol": "Environmental Science & Technology",
    "Curr Opin Immunol": "Current Opinion in Immunology",
    "PLoS One": "PLOS ONE",
    "Trends Ecol Evol": "Trends in Ecology & Evolution",
}
SOURCES: list[str] = []  # every journal name the articles give (replacements for wrong-container)


_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\]>\"<]+)")


def _text(el: ET.Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


LOCATORS: dict[int, set[str]] = {}  # a work's volume and first page
UNHELD: set[str] = set()  # citations without markup (no title, no names): not in the fake registry


def _key(text: str) -> str:
    return " ".join(_fold(re.sub(r"^\s*\[?\d+[.\])]\s*", "", text)))[:60]


def registry_from(jats: Path) -> list[FakeWork]:
    """The works an article cites, as a registry holds them: read from the JATS XML itself (the
    ``<name>`` surnames and given names, ``<article-title>`` or the book's ``<source>``,
    ``<year>``, ``<pub-id pub-id-type="doi">`` or a DOI link), not from refcheck's own parse."""
    root = ET.parse(jats).getroot()
    works = []
    for ref in root.iter("ref"):
        for cit in ref:
            if cit.tag not in ("element-citation", "mixed-citation", "nlm-citation", "citation"):
                continue
            names = []
            groups = [g for g in cit.iter("person-group") if g.get("person-group-type") in (None, "author")]
            for node in (n for g in groups for n in g) if groups else cit:
                if node.tag in ("name", "string-name"):
                    family = _text(node.find("surname"))
                    given = _text(node.find("given-names"))
                    if family:
                        names.append((given, family))
                elif node.tag == "collab":
                    names.append(("", _text(node)))
            title = _text(cit.find("article-title")) or _text(cit.find("chapter-title"))
            container = _text(cit.find("source"))
            if not title:
                title, container = container, ""
            title = title.rstrip(".")
            m = re.search(r"\d{4}", _text(cit.find("year")))
            year = int(m.group(0)) if m else None
            doi = _text(next((p for p in cit.iter("pub-id") if p.get("pub-id-type") == "doi"), None)) or None
            if not doi:  # a DOI given only as a dx.doi.org link (<ext-link>) is the work's DOI all the same
                for link in cit.iter("ext-link"):
                    href = " ".join(v for k, v in link.attrib.items() if k.endswith("href"))
                    m = _DOI.search(href + " " + _text(link))
                    if m:
                        doi = m.group(1).rstrip(".,;")
                        break
            if not title:
                if not names:  # an unmarked citation: the bench cannot tell what a registry holds
                    UNHELD.add(_key(_text(cit)))
                if doi:  # a data set or software (DataCite): the handle system knows it, Crossref does not
                    works.append(FakeWork(doi, "", names, year, in_crossref=False, in_openalex=False))
                continue
            if container and cit.get("publication-type") == "journal":
                SOURCES.append(container)
            container = REGISTRY_NAMES.get(container, container)
            work = FakeWork(doi, title, names, year, container or None)
            LOCATORS[id(work)] = {_text(cit.find("volume")), _text(cit.find("fpage"))} - {""}
            works.append(work)
    return works


def _stems(name: str) -> set[str]:
    """A journal name's words of three letters and more, by their first three letters ("Sci" and
    "Sciences" are one stem: a name sharing one is a doubtful difference, not a clear one)."""
    return {w[:3] for w in _fold(name) if w not in ("the", "and", "for")}


def entries(doc_text: str, refs: list[Reference]) -> list[Reference]:
    return [r for r in refs if r.start >= 0 and r.text.strip()]


def check(
    path: Path, fake: FakeRegistries, cache: Path | None
) -> tuple[list[Reference], list[tuple[str, str, str, str]]]:
    result = check_file(str(path), CheckOptions(links=False))
    assert result.doc is not None, result.error
    e = fake.endpoints()
    opts = CheckOptions(
        links=False,
        verify_crossref_api=e["crossref_api"],
        verify_openalex_api=e["openalex_api"],
        verify_doi_api=e["doi_api"],
        link_cache=cache is not None,
    )
    import os

    if cache is not None:
        os.environ["REFCHECK_CACHE_DIR"] = str(cache)
    verify_document_references([(result.doc, opts)])
    refs = result.doc.references or []
    doi_of = {r.text: (r.doi or "").lower() for r in refs}
    found = [
        (f.rule, str(f.severity), f.reference or "", doi_of.get(f.reference or "", ""))
        for f in result.doc.findings
        if f.rule in VERIFY_RULES
    ]
    return refs, found


def fabricate(rng: random.Random, titles: list[str], n: int) -> str:
    a, b = rng.sample(titles, 2)
    wa, wb = a.rstrip(".").split(), b.rstrip(".").split()
    title = " ".join(wa[: max(2, len(wa) // 2)] + wb[len(wb) // 2 :])
    surname = rng.choice(["Okonkwo-Vale", "Brandtner", "Ishikawa-Lund", "Pellegrin", "Marchetti-Haas"])
    return f"{surname} QR, Dalvik T ({rng.randint(1995, 2015)}) {title}. J Integr Findings {rng.randint(3, 40)}: {rng.randint(10, 300)}–{rng.randint(301, 400)}."


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent.parent / "shared" / "corpus"))
    ap.add_argument("--per-kind", type=int, default=2, help="variants of each kind per article")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", action="store_true", help="print each miss and false finding")
    ap.add_argument(
        "--only",
        default="",
        help="check only the articles whose name contains one of these (comma-separated)",
    )
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        corpus = Path("/work/shared/corpus")
    rng = random.Random(args.seed)
    articles = sorted(
        p.stem for p in (corpus / "jats").glob("*.xml") if (corpus / "docs" / p.stem / "clean.txt").exists()
    )
    works: dict[str, FakeWork] = {}
    nodoi: list[FakeWork] = []
    by_article: dict[str, list[FakeWork]] = {}
    shared: dict[str, list[FakeWork]] = {}
    for a in articles:
        ws = registry_from(corpus / "jats" / f"{a}.xml")
        by_article[a] = ws
        for w in ws:
            if w.doi:
                shared.setdefault(w.doi.lower(), []).append(w)
            else:
                nodoi.append(w)
    # A DOI the articles give to two different works is a publisher's slip (elife00007 gives Kessler
    # 2004 the DOI of Kessler 2001): the registry holds the work whose volume and first page the DOI
    # spells, and a finding on an entry citing such a DOI is true, not false.
    disputed: set[str] = set()
    for doi, ws in shared.items():
        titles = {" ".join(_fold(w.title)) for w in ws}
        if len(titles) > 1:
            disputed.add(doi)
            digits = set(re.findall(r"\d+", doi))
            ws.sort(key=lambda w: -len(LOCATORS.get(id(w), set()) & digits))
        works[doi] = ws[0]
    all_works = list(works.values()) + nodoi
    dois = [w.doi for w in works.values() if w.doi]
    checked = [a for a in articles if any(o in a for o in args.only.split(","))]
    print(f"{len(articles)} articles, registry of {len(all_works)} works ({len(dois)} with a DOI)")
    hits: Counter[str] = Counter()
    tries: Counter[str] = Counter()
    false_by_rule: Counter[str] = Counter()
    false_docs = 0.0
    false_jats = 0
    jats_other = 0
    true_findings = 0
    unheld = 0
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, FakeRegistries(all_works, rate_limit=2000) as fake:
        cache = Path(tmp) / "cache"
        for a in checked:
            clean = corpus / "docs" / a / "clean.txt"
            refs, found = check(clean, fake, cache)
            for rule, sev, ref, doi in found:
                if _key(ref) in UNHELD:
                    unheld += 1
                    if args.show:
                        print(f"UNHELD {a}: {rule} {sev} (no markup: not in the fake registry): {ref[:160]}")
                    continue
                if doi in disputed:
                    true_findings += 1
                    if args.show:
                        print(
                            f"TRUE {a}: {rule} {sev} (the article gives this DOI to another work too): {ref[:160]}"
                        )
                    continue
                false_docs += 1
                false_by_rule[f"{rule} ({sev})"] += 1
                if args.show:
                    print(f"FALSE {a}: {rule} {sev}: {ref[:160]}")
            # the JATS article itself: its journals compared with the registry's names
            xml_path = corpus / "jats" / f"{a}.xml"
            jrefs, jfound = check(xml_path, fake, cache)
            for r in jrefs:
                v = r.verification
                if v is None or (r.doi or "").lower() in disputed:
                    continue
                for field, ours, theirs, _ in v.problems:
                    if field == "journal":
                        false_jats += 1
                        if args.show:
                            print(f"FALSE JATS journal {a}: {ours!r} vs {theirs!r}: {r.text[:100]}")
            jats_other += sum(
                1 for _, _, ref, doi in jfound if _key(ref) not in UNHELD and doi not in disputed
            )
            xml = xml_path.read_text(encoding="utf-8")
            journal_refs = [
                r
                for r in jrefs
                if r.container
                and r.container_kind == "journal"
                and r.verification is not None
                and r.verification.status == "verified"
                and r.verification.source == "crossref"
            ]
            for i in range(args.per_kind if journal_refs else 0):
                r = rng.choice(journal_refs)
                stems = _stems(r.container or "") | _stems(REGISTRY_NAMES.get(r.container or "", ""))
                others = sorted({o for o in SOURCES if not (_stems(o) & stems)})
                m = re.search(rf'<ref id="{re.escape(r.id)}"[\s\S]*?</ref>', xml)
                if not others or m is None:
                    continue
                block = re.sub(
                    r"<source>[\s\S]*?</source>",
                    f"<source>{rng.choice(others)}</source>",
                    m.group(0),
                    count=1,
                )
                path = Path(tmp) / f"{a}-wrong-container-{i}.xml"
                path.write_text(xml[: m.start()] + block + xml[m.end() :], encoding="utf-8")
                _, got = check(path, fake, cache)
                tries["wrong-container"] += 1
                ok = any(
                    rule == "reference-mismatch" and doi == (r.doi or "").lower() and sev == "warning"
                    for rule, sev, _, doi in got
                )
                hits["wrong-container"] += ok
                if not ok and args.show:
                    print(f"MISS wrong-container {a}: {r.container!r} -> {got[:3]}")
            text = clean.read_text(encoding="utf-8")
            lines = entries(text, refs)
            titles = [w.title for w in by_article[a] if len(w.title.split()) >= 4] or [
                w.title for w in all_works[:50]
            ]
            with_doi = [r for r in lines if r.doi and r.doi.lower() in works]
            for kind in EXPECTED:
                if kind == "wrong-container":
                    continue  # above, on the JATS XML
                for i in range(args.per_kind):
                    variant = text
                    target: str | None = None
                    retract: FakeWork | None = None
                    if kind.startswith("fabricated"):
                        entry = fabricate(rng, titles, i)
                        if kind == "fabricated-doi":
                            entry += f" https://doi.org/10.{rng.randint(1000, 9999)}/fab.{rng.randint(10**5, 10**6)}"
                        last = max(refs, key=lambda r: r.end)
                        if last.label:
                            entry = f"{len(refs) + 1}. {entry}"
                        end = text.find("\n", last.end)
                        end = len(text) if end < 0 else end
                        variant = text[:end] + "\n" + entry + text[end:]
                        target = re.sub(r"^\d+\. ", "", entry)[:40]
                    elif kind in ("doi-swap", "retracted"):
                        if not with_doi:
                            continue
                        r = rng.choice(with_doi)
                        if kind == "doi-swap":
                            other = rng.choice([d for d in dois if d.lower() != r.doi.lower()])
                            at = text.find(r.text, r.start)
                            variant = text[:at] + r.text.replace(r.doi, other) + text[at + len(r.text) :]
                        else:
                            retract = works[r.doi.lower()]
                        target = r.text[:40]
                    elif kind == "wrong-year":
                        # an entry the registry verified as published (an entry with a URL only
                        # is vouched for by the link check, and is not looked up)
                        cands = [
                            r
                            for r in lines
                            if r.year_base
                            and r.year_base.isdigit()
                            and r.title
                            and r.verification is not None
                            and r.verification.status == "verified"
                        ]
                        if not cands:
                            continue
                        r = rng.choice(cands)
                        y = int(r.year_base)
                        new = r.text.replace(r.year_base, str(y + 3 if y < 2020 else y - 3), 1)
                        at = text.find(r.text, r.start)
                        variant = text[:at] + new + text[at + len(r.text) :]
                        target = new[:40]
                    path = Path(tmp) / f"{a}-{kind}-{i}.txt"
                    path.write_text(variant, encoding="utf-8")
                    if retract is not None:
                        retract.updates = [("retraction", "10.5555/retraction.notice", "2019-05-02")]
                    try:
                        _, got = check(path, fake, None if retract is not None else cache)
                    finally:
                        if retract is not None:
                            retract.updates = []
                    tries[kind] += 1
                    ok = any(
                        rule in EXPECTED[kind] and ref.startswith(target or "\0") for rule, _, ref, _ in got
                    )
                    hits[kind] += ok
                    if not ok and args.show:
                        print(f"MISS {kind} {a}: {target} -> {got[:3]}")
    print(f"\n{'kind':16} recall")
    for kind in EXPECTED:
        n = tries[kind]
        print(f"{kind:16} {hits[kind] / n if n else float('nan'):.3f}  ({hits[kind]}/{n})")
    print(
        f"\nfalse verification findings per clean document: {false_docs / len(checked):.3f} ({int(false_docs)} in {len(checked)})"
    )
    print(
        f"false journal (wrong-container) findings per clean JATS document: {false_jats / len(checked):.3f} ({false_jats} in {len(checked)})"
    )
    print(
        f"  all verification findings on the clean JATS articles, the journal's included: {jats_other}"
        " (not the journal: see docs/verify.md)"
    )
    for k, v in false_by_rule.most_common():
        print(f"  {k}: {v}")
    print(f"true findings on the articles' own slips (a DOI given to two works): {true_findings}")
    print(f"findings on entries the JATS gives without markup (so not in the fake registry): {unheld}")
    print(f"time: {time.monotonic() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
