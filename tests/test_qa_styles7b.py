"""Held-out set styles7 (SciELO articles in nine CSL styles), round 16: what refcheck still misread,
rewritten as small cases."""

from __future__ import annotations

from refcheck.pipeline import check_text

# --- a person's life with an unknown end, "(1721-?)" (a history of science article) ------------------


def test_a_life_with_an_unknown_end_is_no_citation() -> None:
    # "Antônio Ribeiro Paiva (1721-?)" was read as the narrative citation "Paiva (1721": a year-mismatch
    # error against the entry PAIVA (1814); "(1757-1831)" beside it was already read as a life
    text = (
        "Among its members were Antônio Ribeiro Paiva (1721-?), a surgeon, and Francisco de Paiva "
        "(1757–1831), a physician [1721 – ?] (PAIVA, 1814).\n\nReferences\n\n"
        "PAIVA, M. H. (1814). Sumário da história do descobrimento da cochonilha. Lisboa.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [(f.rule, f.message) for f in doc.findings] == []
    assert [c.text for c in doc.citations] == ["PAIVA, 1814"]


def test_a_cited_year_before_a_dash_still_cites() -> None:
    # the open end is a life only with the question mark: "(Paiva, 1814-15)" stays a citation
    text = "A survey (Paiva, 1814-15).\n\nReferences\n\nPaiva, M. (1814). Sumário. Lisboa.\n"
    doc = check_text(text, "text", "a.txt")
    assert len(doc.citations) == 1


# --- a thing's maker and date after a dash in a bracket (a history of animation article) --------------

_MAKERS = (
    "Toys bore loaded names, such as Zootrope (the turning wheel of life – W.G. Horner, 1834), "
    "Praxinoscope (REYNAUD, 1945) and Zoopraxiscope (live view – Eadweard Muybridge, 1880).{more}"
    "\n\nReferences\n\nREYNAUD, E. (1945). Le brevet du Théâtre Optique. Paris.\n{entry}"
)


def test_a_makers_given_name_after_a_dash_is_no_citation() -> None:
    # "W.G. Horner, 1834" and "Eadweard Muybridge, 1880" were read as the citations "Horner, 1834" and
    # "Muybridge, 1880": two missing-reference errors for inventors and the years of their toys
    doc = check_text(_MAKERS.format(more="", entry=""), "text", "a.txt")
    assert [(f.rule, f.message) for f in doc.findings] == []
    assert [c.text for c in doc.citations] == ["REYNAUD, 1945"]


def test_a_maker_the_list_has_or_a_name_without_a_given_name_still_cites() -> None:
    # an entry by the name keeps the citation; so does a dash before a surname alone, and a given name
    # with no dash
    more = " A wheel (a drum – Plateau, 1836) and a disc (Joseph Plateau, 1833)."
    entry = "HORNER, W. G. (1834). On the properties of the Daedaleum. Philosophical Magazine.\n"
    doc = check_text(_MAKERS.format(more=more, entry=entry), "text", "a.txt")
    assert [c.text for c in doc.citations] == [
        "Horner, 1834",
        "REYNAUD, 1945",
        "Plateau, 1836",
        "Joseph Plateau, 1833",
    ]
    assert [f.rule for f in doc.findings] == ["missing-reference", "missing-reference"]


# --- an unmatched "(" paired with an unmatched ")" paragraphs later (a public health article) --------

_UNMATCHED = (
    "Tools were chosen: MAFFT, IQ-TREE and BEAST. (Vilsker et al., 2019))-((Chernomor et al., 2016)\n\n"
    "PCR test was performed using Allplex 2019-nCoV Assay (Seegene), aiming to detect the gene.\n\n"
    "Several works are underway. (Posit, 2022))-((Smith et al., 2020)\n\n"
    "References\n\n"
    "Chernomor, O., & Minh, B. Q. (2016). Terrace aware data structure. Systematic Biology.\n"
    "Posit. (2022). RStudio: Open source software for data science teams. Posit.\n"
    "Smith, J., Jones, K., & Lee, M. (2020). A test. Lab.\n"
    "Vilsker, M., & Moosa, Y. (2019). Genome detective. Bioinformatics.\n"
)


def test_no_group_runs_across_paragraphs() -> None:
    # the "(" left open by "((Chernomor" and the ")" left over by "(Posit, 2022))" made one group of the
    # two paragraphs between, in which "Allplex 2019-nCoV" was read as the citation "Allplex 2019" (a
    # missing-reference error); the groups inside are still read
    doc = check_text(_UNMATCHED, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert [c.text for c in doc.citations] == [
        "Vilsker et al., 2019",
        "Chernomor et al., 2016",
        "Posit, 2022",
        "Smith et al., 2020",
    ]


def test_no_group_runs_across_html_paragraphs() -> None:
    # HTML's text shows a paragraph by one line break; the loader's block starts tell where they are
    paragraphs = _UNMATCHED.split("References")[0].split("\n\n")
    entries = _UNMATCHED.split("References\n\n")[1].splitlines()
    html = (
        "<html><body>"
        + "".join(f"<p>{p}</p>" for p in paragraphs if p.strip())
        + "<h2>References</h2><ul>"
        + "".join(f"<li>{e}</li>" for e in entries)
        + "</ul></body></html>"
    )
    doc = check_text(html, "html", "a.html")
    assert [f.rule for f in doc.findings] == []
    assert [c.text for c in doc.citations] == [
        "Vilsker et al., 2019",
        "Chernomor et al., 2016",
        "Posit, 2022",
        "Smith et al., 2020",
    ]
