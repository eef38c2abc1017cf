"""The reference list: where it is, how it splits into entries, and what each entry says."""

from __future__ import annotations

import pytest

from refcheck.extract.reference_list import parse_entry

from .conftest import check

BODY = "Diplomacy matters (Hardy 1968) and so does trade (Millán 2001).\n\n"
ENTRIES = [
    "Hardy, Michael (1968) Modern Diplomatic Law. Manchester University Press.",
    "Millán, Daniel (2001) Critica SRE cierre de embajadas. Reforma, 30 October.",
]


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "REFERENCES",
        "references",
        "Bibliography",
        "Works Cited",
        "Sources",
        "Literature",
        "Reference List",
        "References:",
    ],
)
def test_headings_text(heading: str) -> None:
    doc = check(BODY + heading + "\n\n" + "\n\n".join(ENTRIES) + "\n")
    assert [(r.authors, r.year) for r in doc.references or []] == [(["Hardy"], "1968"), (["Millán"], "2001")]
    assert doc.findings == []


@pytest.mark.parametrize("heading", ["# References", "## References", "### Bibliography", "## Works Cited"])
def test_headings_markdown(heading: str) -> None:
    doc = check(BODY + heading + "\n\n" + "\n".join(f"- {e}" for e in ENTRIES) + "\n", fmt="markdown")
    assert [(r.authors, r.year) for r in doc.references or []] == [(["Hardy"], "1968"), (["Millán"], "2001")]
    assert doc.findings == []


def test_no_heading_trailing_entries() -> None:
    outro = "Azerbaijan and Mexico would seem to have little reason to become partners.\n\n"
    doc = check(BODY + outro + "\n".join(ENTRIES) + "\n")
    assert [r.authors[0] for r in doc.references or []] == ["Hardy", "Millán"]
    assert doc.findings == []


def test_no_heading_last_paragraph_with_citation() -> None:
    doc = check(BODY + "\n".join(ENTRIES) + "\n")
    assert [r.authors[0] for r in doc.references or []] == ["Hardy", "Millán"]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_line_or_blank_line_separated(sep: str) -> None:
    doc = check(BODY + "References\n\n" + sep.join(ENTRIES) + "\n")
    lines = [doc.locate(r.start)[0] for r in doc.references or []]
    assert lines == ([5, 6] if sep == "\n" else [5, 7])


def test_wrapped_lines_are_joined() -> None:
    wrapped = (
        "Hardy, Michael (1968) Modern Diplomatic\n  Law. Manchester University Press.\n"
        "Millán, Daniel (2001) Critica SRE cierre\nde embajadas. Reforma, 30 October.\n"
    )
    doc = check(BODY + "References\n\n" + wrapped)
    refs = doc.references or []
    assert [r.authors[0] for r in refs] == ["Hardy", "Millán"]
    assert refs[0].title == "Modern Diplomatic Law"
    assert "cierre de embajadas" in refs[1].text
    assert [doc.locate(r.start)[0] for r in refs] == [5, 7]


def test_lower_case_particle_entry_is_its_own_entry() -> None:
    doc = check(
        "Small states (van der Berg 2012) and (Hardy 1968).\n\nReferences\n\n"
        + ENTRIES[0]
        + "\nvan der Berg, Pieter (2012) Small States. Amsterdam.\n"
    )
    assert [r.authors[0] for r in doc.references or []] == ["Hardy", "van der Berg"]


ENTRY_CASES = [
    (
        "Rodríguez, Angel Villalobos (2006) The Experiences and Responses of Mexico. Secretaría de Economía.",
        {
            "authors": ["Rodríguez"],
            "given": ["Angel Villalobos"],
            "year": "2006",
            "title": "The Experiences and Responses of Mexico",
        },
    ),
    (
        "Smith, J., Jones, K. and Lee, M. (2004) Title here. Journal of Things 3: 1-9.",
        {"authors": ["Smith", "Jones", "Lee"], "year": "2004", "title": "Title here"},
    ),
    (
        "Smith, J., Jones, K. & Lee, M. (2004) Title here. Journal of Things 3: 1-9.",
        {"authors": ["Smith", "Jones", "Lee"], "year": "2004"},
    ),
    (
        "Center for Economic and Social Development (2007) Strategy for State Oil Fund. Baku.",
        {"authors": ["Center for Economic and Social Development"], "corporate": True, "year": "2007"},
    ),
    ("Smith, Anne (2009b) Trade II. London.", {"authors": ["Smith"], "year": "2009b"}),
    ("Walker, Tom (n.d.) Unpublished notes. Baku.", {"authors": ["Walker"], "year": "n.d."}),
    ("Smith, J. 2004. A bare year. Oxford.", {"authors": ["Smith"], "year": "2004"}),
    (
        "Vaisman, Daria (2007) “Azerbaijan Creates Diplomatic Academy,” The New York Times, 11 July, "
        "available at: http://www.nytimes.com/2007/07/11/world/europe/11iht-azeri.4.6617266.html?_r=1 "
        "(accessed September 19, 2009).",
        {
            "authors": ["Vaisman"],
            "year": "2007",
            "accessed": "2009-09-19",
            "urls": ["http://www.nytimes.com/2007/07/11/world/europe/11iht-azeri.4.6617266.html?_r=1"],
        },
    ),
    (
        "Ibrahimov, Rovshan (2008) Energy. Azerbaijan in the World, available at: "
        "http://ada.edu.az/biweekly/issues/150/20090327030158055.html (accessed 16 September 2009).",
        {"accessed": "2009-09-16", "urls": ["http://ada.edu.az/biweekly/issues/150/20090327030158055.html"]},
    ),
    (
        "Smith, John (2010) Notes. Retrieved March 3, 2010, from http://example.org/x.",
        {"accessed": "2010-03-03", "urls": ["http://example.org/x"]},
    ),
    (
        "Avery, Simon (2006) Microbial cell individuality. Nat Rev Microbiol 4: 577-587. "
        "https://doi.org/10.1038/nrmicro1460",
        {"doi": "10.1038/nrmicro1460", "title": "Microbial cell individuality"},
    ),
    (
        "Avery, Simon (2006) Microbial cell individuality. Nat Rev Microbiol 4: 577-587. "
        "doi:10.1038/nrmicro1460.",
        {"doi": "10.1038/nrmicro1460"},
    ),
    (
        "1. Avery SV (2006) Microbial cell individuality. Nat Rev Microbiol 4.",
        {"label": "1", "authors": ["Avery"]},
    ),
    (
        "[12] Avery SV (2006) Microbial cell individuality. Nat Rev Microbiol 4.",
        {"label": "12", "authors": ["Avery"]},
    ),
    (
        "3) Avery SV (2006) Microbial cell individuality. Nat Rev Microbiol 4.",
        {"label": "3", "authors": ["Avery"]},
    ),
]


@pytest.mark.parametrize(("raw", "want"), ENTRY_CASES, ids=[w[0][:40] for w in ENTRY_CASES])
def test_parse_entry(raw: str, want: dict[str, object]) -> None:
    ref = parse_entry(raw)
    for key, value in want.items():
        assert getattr(ref, key) == value, key


@pytest.mark.parametrize(
    ("raw", "authors"),
    [
        ("Berg, Pieter van der (2012) Small States. Amsterdam.", ["van der Berg"]),
        ("Cruz, Ana de la (2011) Fronteras. Mexico City.", ["de la Cruz"]),
    ],
)
def test_trailing_particle_is_one_author(raw: str, authors: list[str]) -> None:
    assert parse_entry(raw).authors == authors


def test_entry_offsets_point_into_the_document() -> None:
    doc = check(BODY + "References\n\n" + "\n".join(ENTRIES) + "\n")
    for ref in doc.references or []:
        assert doc.text[ref.start :].startswith(ref.text[:20])


# Entries as citation styles print them: (entry, first authors, given names, year, title).
STYLE_ENTRIES = [
    (
        "F. H. Gage. 2000. Mammalian neural stem cells. Science, 287:1433–1438.",
        ["Gage"],
        ["F. H."],
        "2000",
        "Mammalian neural stem cells",
    ),
    (
        "T. Speed. 2003. Statistical analysis of gene expression microarray data. Chapman & Hall/CRC.",
        ["Speed"],
        ["T."],
        "2003",
        "Statistical analysis of gene expression microarray data",
    ),
    (
        "M. W. Bosenberg, A. Pandiella, and J. Massague. (1992), “The cytoplasmic carboxy-terminal amino "
        "acids determine the subcellular localization of proTGF-alpha,” Cell, Vol. 71, pp. 1157–1165.",
        ["Bosenberg", "Pandiella", "Massague"],
        ["M. W.", "A.", "J."],
        "1992",
        "The cytoplasmic carboxy-terminal amino acids determine the subcellular localization of proTGF-alpha",
    ),
    (
        "Catani, M., and M. Thiebaut de Schotten. 2008. “A Diffusion Tensor Imaging Tractography Atlas.” "
        "Cortex 44: 1105–32.",
        ["Catani", "Thiebaut de Schotten"],
        ["M.", "M."],
        "2008",
        "A Diffusion Tensor Imaging Tractography Atlas",
    ),
    (
        "Felleman, D. J. & Van Essen, D. C. Distributed hierarchical processing in the primate cerebral "
        "cortex. Cereb Cortex 1, 1–47 (1991).",
        ["Felleman", "Van Essen"],
        ["D. J.", "D. C."],
        "1991",
        "Distributed hierarchical processing in the primate cerebral cortex",
    ),
    (
        "[7] D. J. Felleman and D. C. Van Essen, “Distributed hierarchical processing in the primate "
        "cerebral cortex,” Cereb Cortex, vol. 1, pp. 1–47, 1991.",
        ["Felleman", "Van Essen"],
        ["D. J.", "D. C."],
        "1991",
        "Distributed hierarchical processing in the primate cerebral cortex",
    ),
    (
        "7. Felleman DJ, Van Essen DC. Distributed hierarchical processing in the primate cerebral cortex. "
        "Cereb Cortex. 1991;1:1–47.",
        ["Felleman", "Van Essen"],
        ["DJ", "DC"],
        "1991",
        "Distributed hierarchical processing in the primate cerebral cortex",
    ),
    (
        "van den Broek, A., & Davey Smith, G. (2005). Mendelian randomization and the women’s health "
        "initiative. Int J Epidemiol, 34, 12–18.",
        ["van den Broek", "Davey Smith"],
        ["A.", "G."],
        "2005",
        "Mendelian randomization and the women’s health initiative",
    ),
    (
        "Virchow, R. 1879. Report on the Typhus Epidemic in Upper Silesia (1848). Science History "
        "Publications.",
        ["Virchow"],
        ["R."],
        "1879",
        "Report on the Typhus Epidemic in Upper Silesia (1848)",
    ),
    (
        "Virchow, R (1879 [1985]) Report on the typhus epidemic in Upper Silesia. Canton: Science History.",
        ["Virchow"],
        ["R"],
        "1879",
        "Report on the typhus epidemic in Upper Silesia",
    ),
    (
        "Hobsbawm, E. (2004/2005) The Age of Extremes. London: Abacus.",
        ["Hobsbawm"],
        ["E."],
        "2004/2005",
        "The Age of Extremes",
    ),
    (
        "vanEngelsdorp, D, Meixner, MD (2010) A historical review of managed honey bee populations. "
        "J Invertebr Pathol 103: S80–S95.",
        ["vanEngelsdorp", "Meixner"],
        ["D", "MD"],
        "2010",
        "A historical review of managed honey bee populations",
    ),
    (
        "World Health Organization. 2000. “Obesity: Preventing and Managing the Global Epidemic.” "
        "WHO Tech Rep Ser 894.",
        ["World Health Organization"],
        [""],
        "2000",
        "Obesity: Preventing and Managing the Global Epidemic",
    ),
    (
        "Abe, J. A., Baker, B., Chan, C., Diaz, D., Evans, E., Fong, F., . . . Lee, C. (2004). Long author "
        "lists. Science, 3, 1–9.",
        ["Abe", "Baker", "Chan", "Diaz", "Evans", "Fong", "Lee"],
        ["J. A.", "B.", "C.", "D.", "E.", "F.", "C."],
        "2004",
        "Long author lists",
    ),
    (
        "Smith, J. (2010) ‘The women’s vote’, Journal of Politics, 3, pp. 1–9.",
        ["Smith"],
        ["J."],
        "2010",
        "The women’s vote",
    ),
    (
        "Smith, J. (2010) 'Ireland's diaspora', Journal of Politics, 3, pp. 1–9.",
        ["Smith"],
        ["J."],
        "2010",
        "Ireland's diaspora",
    ),
    # IEEE: the year is last, and a volume can look like one (a lecture-notes volume, 1857)
    (
        "T. G. Dietterich, “Ensemble methods in machine learning,” Multiple Classifier Systems, vol. 1857, "
        "pp. 1–15, 2000.",
        ["Dietterich"],
        ["T. G."],
        "2000",
        "Ensemble methods in machine learning",
    ),
    # a book's unquoted title after the names is no last author: IEEE puts "and" before its last
    # name (so words after a bare comma that end the list are the title), and Nature's list is over
    # after its "&" name ("Signal Detection Theory and Psychophysics" read as two more authors)
    (
        "S. Kou, Welding Metallurgy. Hoboken, NJ, USA: John Wiley & Sons Inc., 2003, pp. 393–412.",
        ["Kou"],
        ["S."],
        "2003",
        "Welding Metallurgy",
    ),
    (
        "A. A. Swigar and R. M. Silverstein, Monoterpenes. Milwaukee, WI, USA: Aldrich, 1980.",
        ["Swigar", "Silverstein"],
        ["A. A.", "R. M."],
        "1980",
        "Monoterpenes",
    ),
    (
        "Green, D. M. & Swets, J. A. Signal Detection Theory and Psychophysics. (John Wiley, 1966).",
        ["Green", "Swets"],
        ["D. M.", "J. A."],
        "1966",
        "Signal Detection Theory and Psychophysics",
    ),
    (
        "Liang, S. Eastern and Western Cultures and Their Philosophy. (Zhonghua Book Company, 2018).",
        ["Liang"],
        ["S."],
        "2018",
        "Eastern and Western Cultures and Their Philosophy",
    ),
    (
        "Mudambi, R. Location, control and innovation in knowledge-intensive industries. J. Econ. Geogr. 8, "
        "699–725 (2008).",
        ["Mudambi"],
        ["R."],
        "2008",
        "Location, control and innovation in knowledge-intensive industries",
    ),
    # a part's number after a colon is inside the title
    (
        "Niessen, W. (2020). Tandem mass spectrometry of antiviral drugs: 3. Antiviral agents against herpes. "
        "International Journal of Mass Spectrometry, 455, 116377.",
        ["Niessen"],
        ["W."],
        "2020",
        "Tandem mass spectrometry of antiviral drugs: 3. Antiviral agents against herpes",
    ),
    (
        "A. Roe and B. Poe, “On rivers,” Annales, no. 1999, pp. 3–9, 2004.",
        ["Roe", "Poe"],
        ["A.", "B."],
        "2004",
        "On rivers",
    ),
]


@pytest.mark.parametrize(
    ("raw", "authors", "given", "year", "title"), STYLE_ENTRIES, ids=[e[0][:30] for e in STYLE_ENTRIES]
)
def test_style_entries(raw: str, authors: list[str], given: list[str], year: str, title: str) -> None:
    ref = parse_entry(raw)
    assert (ref.authors, ref.given, ref.year, ref.title) == (authors, given, year, title)


@pytest.mark.parametrize(
    ("entry", "authors", "title"),
    [
        (
            "Burton, Antoinette, ed. *Archive Stories: Facts, Fictions, and the Writing of History*. Durham, "
            "NC: Duke University Press, 2005.",
            ["Burton"],
            "*Archive Stories: Facts, Fictions, and the Writing of History*",
        ),
        (
            "Ballon, Hilary, and Kenneth T. Jackson, eds. Robert Moses and the Modern City. New York: "
            "Norton, 2007.",
            ["Ballon", "Jackson"],
            "Robert Moses and the Modern City",
        ),
        ("Smith, John, trans. The Iliad of Homer. London: Penguin, 1990.", ["Smith"], "The Iliad of Homer"),
        ("Burton, A., ed. 2005. Archive Stories. Durham: Duke UP.", ["Burton"], "Archive Stories"),
    ],
)
def test_an_editors_marker_is_not_the_title(entry: str, authors: list[str], title: str) -> None:
    """Chicago's "Burton, Antoinette, ed. *Title*": the entry's title was "ed"."""
    ref = parse_entry(entry)
    assert (ref.authors, ref.title) == (authors, title)


@pytest.mark.parametrize(
    ("entry", "authors", "title"),
    [
        # an initial "Y" or "ET" is no "y" (Spanish "and") or "et" (French): the list ran to the first
        # name and the rest became the title (corpus-styles NLM, eLife's "Wang Y", "Jenett ... Pfeiffer
        # BD, Ngo TT, Dionne H, Cavallaro A, ... Jenett A, Rubin GM, Ngo ET, ...")
        ("4. Wang Y, Li X. A study of things. J Biol. 2001;3:4-5.", ["Wang", "Li"], "A study of things"),
        ("4. Aaaa ET, Aaaa A. A study of things. J Biol. 2001;3:4-5.", ["Aaaa", "Aaaa"], "A study of things"),
        (
            "Vedadi, M, Zhao, Y, Dong, AP, Hui, R (2007) Genome-scale protein expression. Mol Biochem "
            "Parasitol 151: 100-110.",
            ["Vedadi", "Zhao", "Dong", "Hui"],
            "Genome-scale protein expression",
        ),
        ("Garcia, J. y Lopez, P. (2001) Un estudio. Rev Esp 3: 4.", ["Garcia", "Lopez"], "Un estudio"),
        ("Smith, J. et Dupont, P. (2001) Une étude. Rev Fr 3: 4.", ["Smith", "Dupont"], "Une étude"),
    ],
)
def test_initials_that_spell_and(entry: str, authors: list[str], title: str) -> None:
    ref = parse_entry(entry)
    assert (ref.authors, ref.title) == (authors, title)
