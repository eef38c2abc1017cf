"""QA round 14 (qa-new14): what landed on main on day 14, tried against documents a real author writes."""

from __future__ import annotations

from refcheck.model import Severity
from refcheck.pipeline import check_text

_REFS = "## References\n\nAdams, J. (2001). A paper. Journal of Things, 1(2), 3-4.\n"


def _missing(text: str, fmt: str = "markdown") -> list[tuple[str, Severity]]:
    doc = check_text(text, fmt, "a.md" if fmt == "markdown" else "a.txt")
    return [(f.message.split('"')[1], f.severity) for f in doc.findings if f.rule == "missing-reference"]


# --- a verb of use before a real citation: "as tested with Smith (2010)" -------------------------------


def test_a_citation_after_a_verb_of_use_stays_an_error() -> None:
    # '(Tested with Tex Live 2013)' is a program and its version, at info; but a narrative citation or
    # one with its comma after the same words cites a work: the missing entry was hidden at info
    text = (
        "# Methods\n\nThe estimator was validated as tested with Smith (2010) and as verified in Jones (2012). "
        "The model was run using Brown (2015) (checked against Green, 2016). Also (Adams, 2001).\n\n" + _REFS
    )
    assert _missing(text) == [
        ("Smith (2010)", Severity.ERROR),
        ("Jones (2012)", Severity.ERROR),
        ("Brown (2015)", Severity.ERROR),
        ("Green, 2016", Severity.ERROR),
    ]
    # the program's version itself stays info
    text = "# Notes\n\nIt builds (Tested with Tex Live 2013). Also (Adams, 2001).\n\n" + _REFS
    assert _missing(text) == [("Live 2013", Severity.INFO)]


# --- a season in brackets of its own: "(Premier League 2010-11)" ----------------------------------------


def test_a_season_in_its_own_brackets_is_info() -> None:
    # since short spans are years, "(Premier League 2010-11)" was a missing-reference error (it was no
    # citation before); "The Premier League (2010-11)" already was info
    text = "# Report\n\nThe title race (Premier League 2010-11) was close. Also (Adams, 2001).\n\n" + _REFS
    assert _missing(text) == [("Premier League 2010-11", Severity.INFO)]
    # a span after its comma, or in a group, reads as a citation: still an error
    text = "# Report\n\nAs shown (Lee, 2010-11; Adams, 2001) and (Lee 2011-12; Adams 2001).\n\n" + _REFS
    assert _missing(text) == [("Lee, 2010-11", Severity.ERROR), ("Lee 2011-12", Severity.ERROR)]


# --- a co-author cited alone, consistently: "(Kenton, 2015)" and "(Kenton, 2017)" of two Lee and Kenton --


def test_a_coauthor_cited_alone_for_two_listed_works_is_one_slip_each() -> None:
    # both years are listed as 'Lee and Kenton': each citation was a missing-reference error saying 'the
    # text cites Kenton alone for 2015 too, which no entry has' (false: an entry has it), and both
    # entries were 'never cited' besides; the same author-order slip twice is two author mismatches
    text = (
        "# Intro\n\nAs shown (Kenton, 2015) and later (Kenton, 2017).\n\n## References\n\n"
        "Lee, K., & Kenton, L. (2015). First paper. Journal of Things, 1(2), 3-4.\n"
        "Lee, K., & Kenton, L. (2017). Second paper. Journal of Things, 1(2), 3-4.\n"
    )
    doc = check_text(text, "markdown", "a.md")
    assert sorted((f.rule, f.severity) for f in doc.findings) == [
        ("author-mismatch", Severity.WARNING),
        ("author-mismatch", Severity.WARNING),
    ]
    # a year no entry has for the name still shows works of its own
    text = text.replace("(Kenton, 2015)", "(Kenton, 2014)")
    doc = check_text(text, "markdown", "a.md")
    assert [f.rule for f in doc.findings if f.severity is Severity.ERROR] == ["missing-reference"] * 2


# --- no reference list, a discussion of narrative citations before the acknowledgements --------------


_FORGOTTEN = (
    "Growth and schooling\n\nSchooling raises growth (Smith 2010; Jones 2012). Later work disagrees (Brown 2015).\n\n"
    "Discussion\n\nSmith (2010) found that schooling raised growth in 40 countries, using panel data.\n\n"
    "Jones (2012) showed the same for regions, though with weaker effects in poor places.\n\n"
    "Brown (2015) disagrees, and argues that the effect is reversed in the long run.\n\n"
)


def test_sentences_opening_with_a_narrative_citation_are_no_reference_list() -> None:
    # a paper whose author forgot the list: its discussion's paragraphs ('Smith (2010) found that ...')
    # were read as a headless list, at the end or before the acknowledgements, and the document passed
    # clean; it is 'no reference list', as it was before back matter was looked behind
    for text in (_FORGOTTEN, _FORGOTTEN + "Acknowledgements\n\nWe thank the reviewers.\n"):
        doc = check_text(text, "text", "a.txt")
        assert [(f.rule, f.severity) for f in doc.findings] == [("missing-reference", Severity.ERROR)]
        assert "no reference list" in doc.findings[0].message
    # a headless list of entries is still read
    text = (
        _FORGOTTEN
        + "Smith, J. (2010). Schooling. J 1: 2.\n\nJones, K. (2012). Regions. J 2: 3.\n\nBrown, L. (2015). Reversal. J 3: 4.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [f.rule for f in doc.findings if f.severity is not Severity.INFO] == []


# --- a range of years with spaces about its dash: "(Brown, 2011 – 12)" ----------------------------------


def test_a_spaced_range_is_cited_as_the_range() -> None:
    # unspaced ranges cite the entries dated in them; with spaces about the dash the first year alone
    # was read, so an entry listed by the range's last year was a year-mismatch error
    text = (
        "# Intro\n\nAs shown by (Brown, 2011 – 12) and (Green, 2010 - 2011; Adams, 2001).\n\n## References\n\n"
        "Adams, J. (2001). A paper. Journal of Things, 1(2), 3-4.\n"
        "Brown, J. (2012). A paper. Journal of Things, 1(2), 3-4.\n"
        "Green, J. (2011). A paper. Journal of Things, 1(2), 3-4.\n"
    )
    doc = check_text(text, "markdown", "a.md")
    assert [f.rule for f in doc.findings] == []
    assert [(c.text, c.year) for c in doc.citations][:2] == [
        ("Brown, 2011 – 12", "2011–12"),
        ("Green, 2010 - 2011", "2010-2011"),
    ]
    # a life with spaces stays no citation, and a dash that goes on into words keeps the first year
    text = "# Intro\n\nObama (2009 – 2017) led. Also (Adams, 2001 - 12 cases).\n\n" + _REFS
    doc = check_text(text, "markdown", "a.md")
    assert [(c.text, c.year) for c in doc.citations] == [("Adams, 2001", "2001")]


# --- standard input: a Markdown README with a C code block is no Typst -----------------------------------


def test_a_c_include_in_a_readme_is_no_typst() -> None:
    from refcheck.loaders import sniff

    # '#include <stdio.h>' opening a line of a fenced code block made the README Typst: nothing was
    # checked (empty-document), its year slip hidden
    readme = (
        b'# A C library\n\nBuild it as in Smith (2010):\n\n```c\n#include <stdio.h>\n#import "Foo.h"\n```\n'
    )
    assert sniff(readme) == "markdown"
    assert sniff(b'Notes\n\n#include "util.h"\n\nText (Hardy 1968).\n') == "text"
    for typst in (
        b"#set page(width: 10cm)\n\nSee @smith.\n",
        b'#import "@preview/charged-ieee:0.1.0": ieee\n',
        b'#import "template.typ": *\n',
        b"#show heading: set text(blue)\n",
        b"#let title = [A]\n",
        b'#include "chapter1.typ"\n',
        b'= Intro\n\n#bibliography("refs.bib")\n',
    ):
        assert sniff(typst) == "typst", typst


# --- scielo8: a title and its author after it, "Der Mut zum Sein (1953) de Paul Tillich" -----------------

_ABNT_LIST = (
    "\n\nO trabalho (SILVA, 2010; COSTA, 2001; PEREIRA, 2003).\n\nREFERÊNCIAS\n\n"
    "SILVA, J. A. Educação no Brasil. São Paulo: Cortez, 2010.\n\n"
    "COSTA, R. Avaliação escolar. São Paulo: Ática, 2001.\n\n"
    "PEREIRA, L. Currículo. Campinas: Papirus, 2003.\n"
)


def test_persons_before_de_and_a_place_are_cited() -> None:
    # "de Paul Tillich" after a title names the work's author; "de Santa Catarina" after an author's
    # name is where the study was made: 'A pesquisa de Andrade (2014) de Santa Catarina' cites a work
    # the list lacks, and was no citation at all
    text = (
        "Introdução\n\nA pesquisa de Andrade (2014) de Santa Catarina mostrou. Conforme Ferreira e Gomes (2016) "
        "de Belo Horizonte, isso. Em Lopes et al. (2017) de Minas Gerais. Der Mut zum Sein (1953) de Paul "
        "Tillich. O Teatro Óptico (1892) de Émile Reynaud. A obra Vidas Secas (1938) de Graciliano Ramos. "
        "Der Kynismus des Diogenes und der Begriff der Zynismus (1979) de (SILVA, 2010), Parmenides und "
        "Jona. Vier Studien über das Verhältnis von Philosophie und Mythologie (1966) de (COSTA, 2001)."
        + _ABNT_LIST
    )
    assert _missing(text, "text") == [
        ("de Andrade (2014)", Severity.ERROR),
        ("Ferreira e Gomes (2016)", Severity.ERROR),
        ("Lopes et al. (2017)", Severity.ERROR),
    ]


def test_a_persons_title_before_the_name_is_no_title_of_a_work() -> None:
    # scielo8 reads 'o Censo Demográfico (2010)' (a determiner, capitalised words, the year) as a
    # title, at info; 'como afirma o Professor Almeida (2018)' is a person and a work the list lacks
    text = (
        "Introdução\n\nComo afirma o Professor Almeida (2018), o caso. Segundo a Dra. Lima (2019), não."
        + _ABNT_LIST
    )
    assert _missing(text, "text") == [("Almeida (2018)", Severity.ERROR), ("Lima (2019)", Severity.ERROR)]
    text = "Introdução\n\nFoi utilizado o Censo Demográfico (2010) do país." + _ABNT_LIST
    assert _missing(text, "text") == [("Demográfico (2010)", Severity.INFO)]


def test_the_original_work_before_apud_is_a_secondary_citation() -> None:
    # ABNT's secondary citation, "(FREIRE, 1987 apud SILVA, 2010)": the list gives the source read,
    # as APA's "as cited in"; since scielo8 reads capitals in such a list, each original was an error
    text = (
        "Introdução\n\nA educação liberta (FREIRE, 1987 apud SILVA, 2010). Para Freire (1987 apud COSTA, 2001), "
        "o caso. (MORIN, 2000, p. 12 apud SILVA, 2010). Según Durkheim (1895, citado por PEREIRA, 2003)."
        + _ABNT_LIST
    )
    assert {sev for _, sev in _missing(text, "text")} == {Severity.INFO}
    assert len(_missing(text, "text")) == 4
    # a work cited beside it, missing from the list, stays an error
    text = "Introdução\n\nA educação (FREIRE, 1987 apud SILVA, 2010; MORIN, 2000)." + _ABNT_LIST
    assert _missing(text, "text") == [("FREIRE, 1987", Severity.INFO), ("MORIN, 2000", Severity.ERROR)]


def test_a_superscript_number_beyond_the_list_is_named_as_written() -> None:
    # pandoc's 'odd^3^' beyond a list of two was named 'reference [^3^]', a bracket the text does not have
    text = (
        "# Intro\n\nGrowth was fast^1^ and slow^2^ and odd^3^; 25 km^2^.\n\n# References\n\n"
        "1. Adams, J. A paper. Journal of Things. 2001;1(2):3-4.\n2. Brown, J. A paper. Journal. 2001;1(2):3-4.\n"
    )
    doc = check_text(text, "markdown", "a.md")
    assert [f.message.split(" is cited")[0] for f in doc.findings] == ["reference ^3^"]
