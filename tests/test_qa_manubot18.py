"""Manubot manuscripts as their builds publish them (the ``output`` and ``gh-pages`` branches:
manuscript.html, manuscript.md beside references.json and citations.tsv), rewritten as small cases."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, manubot_cite, manubot_entry, manubot_page, write

# --- a DOI ending in digits like a year, in citeproc's block of an entry --------------------------------
# dhimmel/rephetio-manuscript, greenelab/scihub-manuscript, greenelab/ben_heil_dissertation,
# lotusnprod/lotus-manuscript (manuscript.html of the output branch): Manubot's style puts an entry's
# authors and its "DOI: 10.1038/nrc2044 · PMID: 17186018" in <div class="csl-block">s inside the entry's
# <div class="csl-entry">. The DOI's block was read as an entry of its own ("DOI 2044 is listed but never
# cited", a warning) when its last digits looked like a year: nrc2044, ...-1984, ...1998, ...1560.


def test_a_csl_entry_is_one_entry_whatever_blocks_it_holds(tmp_path: Path) -> None:
    entries = [
        ("asJHSSQt", "The Connectivity Map: a new tool", "Justin Lamb", "Nat Rev Cancer", "2007-01", "10.1038/nrc2044"),
        ("1HKxAhwf6", "Applications of Connectivity Map", "Xiaoyan A Qu, Deepak K Rajpal", "Drug Discov Today",
         "2012-12", "10.1016/j.drudis.2012.07.017"),
        ("pDj3SSat", "Drug discovery in the age of systems biology", "Murat Iskar, Georg Zeller",
         "Curr Opin Biotechnol", "2012-08", "10.1016/j.copbio.2011.11.010"),
    ]  # fmt: skip
    cites = ",".join(manubot_cite(e[0], i) for i, e in enumerate(entries, start=1))
    html = manubot_page(
        f'Signatures <span class="citation" data-cites="x">[{cites}]</span>.',
        "".join(manubot_entry(e[0], i, *e[1:], pmid="17186018") for i, e in enumerate(entries, start=1)),
    )
    write(tmp_path, {"manuscript.html": html})
    assert findings(tmp_path / "manuscript.html") == []


# --- numbered paragraphs whose parts a <br> parts ---------------------------------------------------------
# stain/ro-index-paper (manuscript.html of an older Manubot): each entry is "<p>10. <strong>Title</strong>
# <br>Authors<br><em>Semantic Web</em> (2014) ...<br>DOI: ...</p>". Two were cut at a <br> into two
# entries, the second ("Semantic Web (2014)", "RFC Editor (2014-06)") "listed but never cited" (2
# warnings).

_OLD_ENTRIES = [
    ("a1", "Ro-Combine-Archive", "Stian Soiland-Reyes, Matthew Gamble", "Zenodo", "2014-04-28", "10.5281/zenodo.10439"),
    ("a2", "Applying linked data approaches to pharmacology: Architectural decisions and implementation",
     "Gray Alasdair J.G., Groth Paul, Loizou Antonis", "Semantic Web", "2014", "10.3233/sw-2012-0088"),
    ("a3", "Hypertext Transfer Protocol (HTTP/1.1): Range Requests", "R. Fielding, Y. Lafon, J. Reschke (editors)",
     "RFC Editor", "2014-06", "10.17487/rfc7233"),
    ("a4", "DataCite Metadata Schema Documentation", "DataCite Metadata Working Group", "DataCite e.V.", "2016",
     "10.5438/0013"),
]  # fmt: skip


def test_a_numbered_paragraph_is_one_entry_across_its_line_breaks(tmp_path: Path) -> None:
    cites = ",".join(manubot_cite(e[0], i) for i, e in enumerate(_OLD_ENTRIES, start=1))
    html = (
        "<html><body><h2>Introduction</h2>\n"
        f'<p>Research objects <span class="citation">[{cites}]</span>.</p>\n'
        '<h2 id="references">References</h2>\n<div id="refs" class="references">\n'
        + "".join(
            f'<div id="ref-{rid}">\n<p>{i}. <strong>{title}</strong><br />\n{authors}<br />\n<em>{journal}</em> '
            f'({date}) <a href="https://doi.org/x">https://doi.org/x</a><br />\nDOI: <a href="https://doi.org/{doi}">'
            f"{doi}</a></p>\n</div>\n"
            for i, (rid, title, authors, journal, date, doi) in enumerate(_OLD_ENTRIES, start=1)
        )
        + "</div></body></html>\n"
    )
    write(tmp_path, {"manuscript.html": html})
    assert findings(tmp_path / "manuscript.html") == []


# --- the numbers of one bracket, unsorted ----------------------------------------------------------------
# jmonlong/manu-vgsv (manuscript.html, pandoc-citeproc of 2019): "sequence-resolved[10,11,5,8,9]", each
# number a link of its own: "reference [10] is first cited before [8]" (warning), though the five are
# cited at one place, in the order the source gave their keys.


def _numbered(groups: list[list[int]]) -> str:
    ids = [f"r{n}" for n in range(1, 12)]
    body = " ".join(
        f'Claim {k}<span class="citation">[{",".join(manubot_cite(ids[n - 1], n) for n in g)}]</span>.'
        for k, g in enumerate(groups)
    )
    entries = "".join(
        f'<div id="ref-{rid}" class="csl-entry"><div class="csl-left-margin">{n}. </div>'
        f'<div class="csl-right-inline"><strong>Work number {n} on genomes</strong> '
        f'<div class="csl-block">Author{chr(64 + n)} Jane</div> <em>Journal</em> ({2000 + n})</div></div>\n'
        for n, rid in enumerate(ids, start=1)
    )
    return (
        f"<html><body><h2>Introduction</h2>\n<p>{body}</p>\n"
        f'<h2 id="references">References</h2>\n<div id="refs" class="references">\n{entries}</div></body></html>\n'
    )


def test_the_numbers_of_one_bracket_are_first_cited_together(tmp_path: Path) -> None:
    write(tmp_path, {"manuscript.html": _numbered([[1], [2], [3], [4], [5], [6, 7], [10, 11, 5, 8, 9]])})
    assert findings(tmp_path / "manuscript.html") == []
    # two brackets are two places: "[1] ... [3] ... [2]" is out of order
    write(tmp_path, {"late.html": _numbered([[1], [3], [2], [4], [5], [6, 7], [10, 11, 5, 8, 9]])})
    assert [f[0] for f in findings(tmp_path / "late.html")] == ["citation-order"]


# --- the manuscript.md of Manubot's output branch -----------------------------------------------------
# dhimmel/bitcoin-whitepaper, greenelab/scihub-manuscript, greenelab/text_mined_hetnet_manuscript,
# AdaptInfer/context-review, pascalin/biosemiotics, nevmenandr/vindolanda, greenelab/ben_heil_dissertation
# (output branch): manuscript.md names "bibliography: [content/manual-references.json]" (relative to
# the repository's top, where Manubot ran; the branch has no content/) and, beside it,
# "manubot-output-bibliography: output/references.json" and "manubot-output-citekeys:
# output/citations.tsv", the bibliography Manubot rendered it with and the keys it resolved, which the
# branch holds beside manuscript.md. Each gave "the bibliography content/manual-references.json does not
# exist" (an error) and left every citation unchecked (bitcoin-whitepaper: 1 error, 6 citations unread).

_BUILT_MD = """---
title: 'Bitcoin: A Peer-to-Peer Electronic Cash System'
bibliography:
- content/manual-references.json
manubot-output-bibliography: output/references.json
manubot-output-citekeys: output/citations.tsv
...

## Timestamp Server

Publishing the hash, as in a newspaper [@massias; @doi:10.1007/BF00196791], and Hashcash [@hashcash; @raw:dai1998].
A key no build resolved [@nakamoto2008].
"""

_BUILT_REFS = """[
  {"id": "zk5okH1t", "type": "article-journal", "title": "How to time-stamp a digital document",
   "author": [{"family": "Haber", "given": "Stuart"}, {"family": "Stornetta", "given": "W. Scott"}],
   "container-title": "Journal of Cryptology", "issued": {"date-parts": [[1991, 1]]},
   "DOI": "10.1007/bf00196791",
   "note": "This CSL Item was generated by Manubot v0.5.3 from its persistent identifier (standard_id).\\nstandard_id: doi:10.1007/bf00196791"},
  {"id": "tThtmQZB", "type": "webpage", "title": "Design of a secure timestamping service",
   "author": [{"family": "Massias", "given": "H."}], "issued": {"date-parts": [[1999]]},
   "URL": "https://www-crypto.example.org/publications/1999",
   "note": "standard_id: url:https://www-crypto.example.org/publications/1999"},
  {"id": "8ENDVM9j", "type": "report", "title": "Hashcash - a denial of service counter-measure",
   "author": [{"family": "Back", "given": "Adam"}], "issued": {"date-parts": [[2002]]},
   "note": "standard_id: wikidata:Q110828738"},
  {"id": "Wd7pY2k1", "type": "webpage", "title": "b-money", "author": [{"family": "Dai", "given": "Wei"}],
   "issued": {"date-parts": [[1998]]}, "note": "manual_reference_filename: manual-references.json\\nstandard_id: raw:dai1998"}
]
"""

_BUILT_KEYS = (
    "input_id\tdealiased_id\tstandard_id\tshort_id\n"
    "massias\turl:https://www-crypto.example.org/publications/1999\t"
    "url:https://www-crypto.example.org/publications/1999\ttThtmQZB\n"
    "doi:10.1007/BF00196791\tdoi:10.1007/BF00196791\tdoi:10.1007/bf00196791\tzk5okH1t\n"
    "hashcash\twikidata:Q110828738\twikidata:Q110828738\t8ENDVM9j\n"
    "raw:dai1998\traw:dai1998\traw:dai1998\tWd7pY2k1\n"
)


def test_a_built_manuscript_is_checked_against_the_bibliography_beside_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"manuscript.md": _BUILT_MD, "references.json": _BUILT_REFS, "citations.tsv": _BUILT_KEYS},
        git=True,
    )
    assert [(rule, severity) for rule, severity, _ in findings(tmp_path / "manuscript.md")] == [
        ("missing-reference", "error")  # "@nakamoto2008": no entry, and no build resolved it
    ]
    # (an older Manubot's columns)
    old = _BUILT_KEYS.replace(
        "input_id\tdealiased_id\tstandard_id", "manuscript_citekey\tdetagged_citekey\tstandard_citekey"
    )
    write(tmp_path, {"citations.tsv": old})
    assert [(rule, severity) for rule, severity, _ in findings(tmp_path / "manuscript.md")] == [
        ("missing-reference", "error")
    ]
    # without the bibliography, the keys the build resolved are no missing references either
    (tmp_path / "references.json").unlink()
    assert [rule for rule, _, _ in findings(tmp_path / "manuscript.md")] == ["missing-reference"]


# --- a number between an APA entry's names and its date ----------------------------------------------
# SORTEE-Github-Hackathon/manuscript (manuscript.html and manuscript.docx, APA): Manubot fetched the
# page stat545.com with the authors "Jenny Bryan" and "The STAT 545 TAs" (given "The STAT 545"), which
# APA prints "Bryan, J., & TAs, T. S. 545. (n.d.). STAT 545. Retrieved April 23, 2023, from ...". The
# "545." hid the "(n.d.)" after the names; the entry was dated by its access date, 2023, and "(Bryan &
# TAs, n.d.)" was a year-mismatch error.


def test_a_number_left_of_the_names_does_not_hide_the_date() -> None:
    from refcheck.extract.reference_list import parse_entry
    from refcheck.pipeline import check_text

    entry = (
        "Bryan, J., & TAs, T. S. 545. (n.d.). STAT 545. Retrieved April 23, 2023, from https://stat545.com/"
    )
    ref = parse_entry(entry)
    assert (ref.authors, ref.year, ref.title) == (["Bryan", "TAs"], "n.d.", "STAT 545")
    # (the site's other page, its given names "Jenny Bryan the STAT 545 TAs, Jim" in initials)
    other = parse_entry(
        "Hester, J. B. the S. 545 T. J. (n.d.). Let’s Git started | Happy Git and GitHub for the useR. "
        "Retrieved April 23, 2023, from https://happygitwithr.com/"
    )
    assert (other.authors, other.year) == (["Hester"], "n.d.")
    # (a year in brackets after a title's words is no such date: Nature's "... Nature 3, 1–9 (2004).")
    assert parse_entry("Smith, J. & Jones, K. Title of the work. Nature 3, 1–9 (2004).").year == "2004"
    text = (
        "A course teaches Git (Bryan & TAs, n.d.), as does an article (Bryan, 2018).\n\nReferences\n\n"
        "Bryan, J. (2018). Excuse me, do you have a moment to talk about version control? The American "
        "Statistician, 72(1), 20–27.\n" + entry + "\n"
    )
    assert [f.rule for f in check_text(text, "text", "a.txt").findings] == []


# malariagen/ag1000g-phase3-data-paper (manuscript.html): an entry whose title Manubot could not fetch,
# "<p>11.<strong>:(unav)</strong><br>Nelson Cuamba, Kwang Choi ...", its number glued to the title: the
# entry had no number, "[11]" was a missing-reference error and the entry "listed but never cited".


def test_a_number_glued_to_the_title_is_the_entry_label(tmp_path: Path) -> None:
    cites = ",".join(manubot_cite(e[0], i) for i, e in enumerate(_OLD_ENTRIES, start=1))
    entries = [
        f'<div id="ref-{rid}">\n<p>{i}. <strong>{title}</strong><br />\n{authors}<br />\n<em>{journal}</em> '
        f'({date})<br />\nDOI: <a href="https://doi.org/{doi}">{doi}</a></p>\n</div>\n'
        for i, (rid, title, authors, journal, date, doi) in enumerate(_OLD_ENTRIES, start=1)
    ]
    entries[1] = entries[1].replace("2. <strong>Applying linked data approaches", "2.<strong>:(unav)")
    html = (
        "<html><body><h2>Introduction</h2>\n"
        f'<p>Research objects <span class="citation">[{cites}]</span>.</p>\n'
        '<h2 id="references">References</h2>\n<div id="refs" class="references">\n'
        + "".join(entries)
        + "</div></body></html>\n"
    )
    write(tmp_path, {"manuscript.html": html})
    assert findings(tmp_path / "manuscript.html") == []


# --- a repository Manubot fetched for a "@url:" citation, typed "book" ---------------------------------
# greenelab/phenoplier_manuscript (content/manual-references.json) and SORTEE-Github-Hackathon/manuscript
# (output/references.json): Manubot fetches a "@url:" citation's metadata with Zotero's translators, which
# type a GitHub repository (a "computer program") or a course's site as a CSL "book", with no author
# ("publisher": "EBISPOT", "source": "GitHub") or no date. Each was "has no author or editor; complete
# it" at warning level, as a book would be; a web page or software without one is said at info.

_FETCHED = """[
  {"id": "16RTdMKxI", "type": "book", "publisher": "EBISPOT", "source": "GitHub",
   "title": "Mapping UK Biobank to the Experimental Factor Ontology (EFO)",
   "URL": "https://github.com/EBISPOT/EFO-UKB-mappings", "issued": {"date-parts": [["2022", 5, 3]]},
   "accessed": {"date-parts": [["2022", 11, 29]]},
   "note": "original-date: 2019-04-03T09:07:14Z\\nstandard_id: url:https://github.com/EBISPOT/EFO-UKB-mappings"},
  {"id": "x1", "type": "book", "title": "A book without its author", "issued": {"date-parts": [[2001]]},
   "note": "standard_id: isbn:9789401796873"}
]
"""


def test_an_item_fetched_for_a_url_citation_is_a_web_resource(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/metadata.yaml": "title: A manuscript\n",
            "content/01.main.md": "## Methods\n\nMapped with [@url:https://github.com/EBISPOT/EFO-UKB-mappings] "
            "as in [@isbn:9789401796873].\n",
            "content/manual-references.json": _FETCHED,
        },
        git=True,
    )
    found = [
        (rule, severity, message.split(";")[0])
        for rule, severity, message in findings(tmp_path / "content/01.main.md")
    ]
    assert found == [
        (
            "incomplete-reference",
            "info",
            "entry url:https://github.com/EBISPOT/EFO-UKB-mappings has no author or editor",
        ),
        ("incomplete-reference", "warning", "entry isbn:9789401796873 has no author or editor"),
    ]


# --- pandoc Markdown papers (pandoc-scholar) -------------------------------------------------------------
# robert-winkler/scientific-articles-markdown ("Formatting Open Science", pandoc-scholar): the paper types
# its citations with the Citation Typing Ontology, "@background:bourne_database_2005 argues ...",
# "[@method:lanthaler_jsonld_2012]", which its cito.lua filter reads as the property "background" and
# the key "bourne_database_2005" (pandoc's lua-filters cito filter does the same). Each was "key
# 'background:bourne_database_2005' is cited but not in the reference list" (4 errors).

_CITO_BIB = (
    "@article{bourne_database_2005, author={Bourne, Philip}, title={Will a biological database be different "
    "from a biological journal?}, journal={PLoS Comput Biol}, year={2005}}\n"
    '@inproceedings{lanthaler_jsonld_2012, author={Lanthaler, Markus and G{\\"u}tl, Christian}, '
    "title={On using JSON-LD}, booktitle={iiWAS}, year={2012}}\n"
)


def test_a_key_typed_with_a_cito_property_cites_its_entry(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Formatting Open Science\nbibliography: agile-markdown.bib\n---\n\n"
        "@background:bourne_database_2005 argues that journals are databases. JSON-LD "
        "[@method:lanthaler_jsonld_2012] links them. A typo stays one [@method:lanthaler_jsonld_2021].\n"
    )
    write(tmp_path, {"agile-markdown.bib": _CITO_BIB, "paper.md": text})
    assert [(rule, severity) for rule, severity, _ in findings(tmp_path / "paper.md")] == [
        ("missing-reference", "error")
    ]


# The same paper as HTML (outfile.html, pandoc 1.x): "<span class="citation">(National Information
# Standards Organization 2012)</span>", a corporate author as long as the first thirty letters of its
# entry, was taken for a copy of the entry shown in a popup and left out: the entry "listed but never
# cited" (2 warnings).


def test_a_long_corporate_citation_is_no_copy_of_its_entry(tmp_path: Path) -> None:
    html = (
        "<html><body><h1>Formatting Open Science</h1>\n<p>JATS was standardized by ANSI/NISO "
        '<span class="citation">(National Information Standards Organization 2012)</span>, and PDF by ISO '
        '<span class="citation">(International Organization for Standardization 2013)</span>; UTF-8 is '
        'RFC 3629 <span class="citation">(Yergeau 2003)</span>.</p>\n<h1>References</h1>\n<div class="references">\n'
        "<p>International Organization for Standardization. 2013. “ISO 32000-1:2008 - Document Management – "
        "Portable Document Format – Part 1: PDF 1.7.” <em>ISO</em>.</p>\n"
        "<p>National Information Standards Organization. 2012. “JATS: Journal Article Tag Suite.” ANSI/NISO "
        "Z39.96.</p>\n<p>Yergeau, F. 2003. “UTF-8, a Transformation Format of ISO 10646.” RFC 3629.</p>\n"
        "</div></body></html>\n"
    )
    write(tmp_path, {"outfile.html": html})
    assert findings(tmp_path / "outfile.html") == []
