"""False alarms found by running refcheck on real projects not tried before (QA round 22): each test
is the smallest form of a pattern a public project uses, and failed before its fix. The source of each
pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write


def _loud(path: Path) -> list[tuple[str, str, str]]:
    return [f for f in findings(path) if f[1] != "info"]


# --- a missing .bib that nothing in the document cites ------------------------------------------------
# MrAkergren/calibration's opposition and planning reports (and a thesis class's example) keep the
# template's "\addbibresource{ref.bib}" but cite nothing and print no bibliography; the .bib was never
# written. The document builds (biber is not even needed) and no citation goes unchecked: three
# errors "the bibliography ... does not exist" were false alarms. Said at info.


def test_a_missing_bibliography_that_nothing_cites_is_said_at_info(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "report.tex": "\\documentclass{article}\n\\usepackage{biblatex}\n"
            "% To refer to a reference use \\cite{}\n\\addbibresource{ref.bib}\n"
            "\\begin{document}\nA report with no citations.\n\\end{document}\n",
        },
    )
    assert _loud(tmp_path / "report.tex") == []
    said = [f for f in findings(tmp_path / "report.tex") if f[0] == "input-bibliography"]
    assert len(said) == 1 and said[0][1] == "info" and "cites nothing" in said[0][2]


def test_a_missing_bibliography_the_document_cites_from_is_still_an_error(tmp_path: Path) -> None:
    for body in ("As shown \\cite{smith}.", "\\nocite{*}"):
        write(
            tmp_path,
            {
                "paper.tex": "\\documentclass{article}\n\\usepackage{biblatex}\n\\addbibresource{ref.bib}\n"
                f"\\begin{{document}}\n{body}\n\\printbibliography\n\\end{{document}}\n",
            },
        )
        said = [f for f in findings(tmp_path / "paper.tex") if f[0] == "input-bibliography"]
        assert [f[1] for f in said] == ["error"], body


# --- a DOCX citation that is a link to its entry's bookmark ------------------------------------------
# greenelab/meta-review's PLOS Comp Biol submission (pandoc's docx, link-citations) cites one work as
# "as depicted in 7.": the "7" is a w:hyperlink to the bookmark "ref-opQBBK06" that opens the entry's
# paragraph (set between paragraphs), no "[7]". refcheck read no citation there and warned that entry
# 7 "is listed but never cited". A link to an entry's bookmark is a citation of that entry, as an HTML
# page's <a href="#ref-7">7</a> is.


def _para(text: str) -> bytes:
    return b"<w:p><w:r><w:t xml:space='preserve'>" + text.encode() + b"</w:t></w:r></w:p>"


def _cited_by_link(tmp_path: Path, inside: bool) -> Path:
    from .hostile_markup import docx

    link = (
        b"<w:p><w:r><w:t xml:space='preserve'>Reviews are public, as depicted in </w:t></w:r>"
        b"<w:hyperlink w:anchor='ref-israeli'><w:r><w:t>3</w:t></w:r></w:hyperlink>"
        b"<w:r><w:t>. Everything else is cited [1, 2].</w:t></w:r></w:p>"
    )
    mark = b"<w:bookmarkStart w:id='9' w:name='ref-israeli'/>"
    third = b"3. Israeli J. Opportunities and obstacles for deep learning. Medium; 2017."
    body = (
        _para("Open review")
        + link
        + _para("References")
        + _para("1. Smith A. A first paper on review. J Tests. 2010;1:1-2.")
        + _para("2. Jones B. A second paper on review. J Tests. 2011;2:3-4.")
        + (
            b"<w:p><w:r><w:t>"
            + third[:3]
            + b"</w:t></w:r>"
            + mark
            + b"<w:r><w:t>"
            + third[3:]
            + b"</w:t></w:r></w:p>"
            if inside
            else mark + b"<w:p><w:r><w:t>" + third + b"</w:t></w:r></w:p>"
        )
    )
    path = tmp_path / ("inside.docx" if inside else "between.docx")
    path.write_bytes(docx(body))
    return path


def test_a_docx_link_to_an_entrys_bookmark_cites_it(tmp_path: Path) -> None:
    for inside in (False, True):
        path = _cited_by_link(tmp_path, inside)
        assert _loud(path) == [], inside


# --- links to the work after the year, within the citation's parentheses -----------------------------
# betterscientificsoftware/bssw.io's blog (2023-04-lowndes-fellowship-post.md): "I keynoted the global
# launch of Quarto (Cetinkaya-Rundel & Lowndes, 2022: [slides](https://...), [video](https://...),
# [blog](https://...))": the citation gives its work by links where it stands, in a post with no list.
# It was an error "... but the document has no reference list"; as a citation that is itself a link
# to its work, it is info.


def test_a_citation_followed_by_links_to_its_work_needs_no_list(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "post.md": "# A fellowship post\n\nI keynoted the launch of Quarto (Cetinkaya-Rundel & Lowndes, "
            "2022: [slides](https://mine.quarto.pub/hello-quarto), [video](https://www.youtube.com/watch?v=p7H)"
            ").\n\n## Join us\n\nReuse and amplify existing resources.\n",
        },
    )
    assert _loud(tmp_path / "post.md") == []
    # (a citation whose parenthesis goes on with words, no link, is still one the list must give)
    write(tmp_path, {"post.md": "# A post\n\nAs shown before (Cetinkaya-Rundel & Lowndes, 2022: slides).\n"})
    assert [f[:2] for f in _loud(tmp_path / "post.md")] == [("missing-reference", "error")]


# --- APA's status words in place of a year ------------------------------------------------------------
# APA 7 (8.5 and 9.15) dates a work not yet published by its status: "(Smith, under review)", "(Jones &
# Lee, in preparation)", "Smith, J. (under review). Title." Like "in press" and "forthcoming" (read
# before), they are the year of the citation and of the entry; before, the citations were not read at
# all and the entries said to give no year and be uncited.

STATUS_PAPER = (
    "# Paper\n\nEarlier work found this (Smith, under review) and that (Jones & Lee, in preparation), "
    "as Brown (in press) and Green (Under Review) did.\n\n## References\n\n"
    "Brown, A. (in press). A third title. *Journal of Tests*.\n\n"
    "Green, D. (under review). A fourth title. *Journal of Tests*.\n\n"
    "Jones, B., & Lee, C. (in preparation). Another title.\n\n"
    "Smith, J. (under review). A title of a paper. *Journal of Tests*.\n"
)


def test_apa_status_words_are_years_of_citations_and_entries(tmp_path: Path) -> None:
    from .projects import checked

    write(tmp_path, {"paper.md": STATUS_PAPER})
    assert findings(tmp_path / "paper.md") == []
    doc = checked(tmp_path, "paper.md", STATUS_PAPER)
    years = sorted((c.year or "", c.status.name.lower()) for c in doc.citations)
    assert years == [
        ("in preparation", "linked"),
        ("in press", "linked"),
        ("under review", "linked"),
        ("under review", "linked"),
    ]
    # (unpublished work many styles name in the text and leave out of the list, eLife's "(Lacin and
    # Truman, in preparation)": no entry gives it, no missing reference)
    unlisted = STATUS_PAPER.replace("Smith, J. (under review). A title of a paper. *Journal of Tests*.\n", "")
    write(tmp_path, {"paper.md": unlisted})
    assert findings(tmp_path / "paper.md") == []


# --- the original year in brackets before the edition's, after the names ----------------------------
# ASA and Chicago author-date cite a reprint by both years, the first in brackets: "Weber ([1922] 1978)",
# as the entry gives it, "Weber, M. ([1922] 1978). Economy and Society." "(Marx, [1867] 1990)" and
# "Durkheim (1982 [1895])" were read; the narrative form was not, and its entry was said to be uncited
# (a warning).


def test_a_narrative_citation_opening_with_the_original_year_in_brackets(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "essay.md": "# Essay\n\nCapital is central (Marx, [1867] 1990). As Weber ([1922] 1978, p. 12) put it, "
            "and Durkheim (1982 [1895]).\n\n## References\n\n"
            "Durkheim, E. (1982 [1895]). *The Rules of Sociological Method*. New York: Free Press.\n\n"
            "Marx, K. ([1867] 1990). *Capital: Volume I*. London: Penguin.\n\n"
            "Weber, M. ([1922] 1978). *Economy and Society*. Berkeley: University of California Press.\n",
        },
    )
    assert findings(tmp_path / "essay.md") == []


# --- an access date written in numbers ----------------------------------------------------------------
# "Available at: https://... (accessed 16/09/2009)", "Retrieved 09/16/2011 from https://...": the date
# of the visit, in numbers, was not read (no archived copy of that day could be asked for). Read when
# day and month are told apart (one over 12, or both alike); never a year of the entry.


def test_a_numeric_access_date_is_read_when_unambiguous() -> None:
    from refcheck.extract.urls import parse_access_date

    assert parse_access_date("(accessed 16/09/2009)") == "2009-09-16"
    assert parse_access_date("Retrieved 09/16/2011 from https://x.org") == "2011-09-16"
    assert parse_access_date("accessed 16.09.2009") == "2009-09-16"
    assert parse_access_date("accessed 05/05/2009") == "2009-05-05"
    assert parse_access_date("accessed 05/06/2009") is None  # (5 June or May 6)
    assert parse_access_date("accessed 31/02/2009") is None
    assert parse_access_date("accessed 16/09.2009") is None


def test_a_numeric_access_date_is_no_year_of_the_entry(tmp_path: Path) -> None:
    from .projects import checked

    text = (
        "# Essay\n\nThe agency reported it (WHO, 2009) and the bank (World Bank, 2010).\n\n## References\n\n"
        "WHO (2009). Pandemic influenza. Available at: https://www.who.int/csr/en/ (accessed 16/09/2009).\n\n"
        "World Bank (2010). World development report. Retrieved 09/16/2011 from https://www.worldbank.org/wdr\n"
    )
    doc = checked(tmp_path, "essay.md", text)
    assert [(r.year, r.accessed) for r in doc.references or []] == [
        ("2009", "2009-09-16"),
        ("2010", "2011-09-16"),
    ]
    assert [f for f in doc.findings if f.severity.name != "INFO"] == []


# --- R's sessionInfo() pasted as text ----------------------------------------------------------------
# An analysis report ends with its session info, printed by R on a Windows machine in New Zealand:
# "[1] LC_COLLATE=English_New Zealand.utf8  LC_CTYPE=English_New Zealand.utf8" (each item holds a
# space; R pads them to one width, two spaces or more apart), then "[3] ...", "[5] ...". The lines were
# read as footnotes [1], [3], [5] never referenced, misnumbered (7 warnings in a text file), or as a
# reference list of 8 entries (Markdown). They are R's output: neither notes nor entries.

SESSION = (
    "R version 4.2.1 (2022-06-23 ucrt)\nPlatform: x86_64-w64-mingw32/x64 (64-bit)\n\nlocale:\n"
    "[1] LC_COLLATE=English_New Zealand.utf8  LC_CTYPE=English_New Zealand.utf8   \n"
    "[3] LC_MONETARY=English_New Zealand.utf8 LC_NUMERIC=C                          \n"
    "[5] LC_TIME=English_New Zealand.utf8    \n\nattached base packages:\n"
    "[1] stats     graphics  grDevices utils     datasets  methods   base     \n\n"
    "other attached packages:\n[1] ggplot2_3.3.6 dplyr_1.0.9  \n"
)


def test_r_session_info_is_neither_notes_nor_entries(tmp_path: Path) -> None:
    from .projects import checked

    for name in ("report.txt", "report.md"):
        text = "# Analysis\n\nWe fitted the model and plotted it.\n\n" + SESSION
        write(tmp_path, {name: text})
        assert _loud(tmp_path / name) == [], name
        doc = checked(tmp_path, name, text)
        assert not doc.references and not doc.footnotes, name
    # (with a list and citations of its own, the session info after it adds no entry)
    text = (
        "# Analysis\n\nAs shown before (Smith, 2010).\n\n## References\n\n"
        "Smith, J. (2010). A title. *Journal of Tests*, 1, 1-10.\n\n## Session info\n\n" + SESSION
    )
    doc = checked(tmp_path, "paper.md", text)
    assert [r.authors for r in doc.references or []] == [["Smith"]]
    assert [f for f in doc.findings if f.severity.name != "INFO"] == []


# --- a journal template's instructions left under "References" ---------------------------------------
# MDPI's template keeps, under the "References" heading and before the numbered entries, "References must
# be numbered in order of appearance in the text ... We recommend preparing the references with a
# bibliography software package ..." and "Citations and References in Supplementary files are
# permitted provided that they also appear in the reference list here.": read as two uncited entries
# (2 warnings in a text file). Paragraphs before a numbered list's first entry that give no year,
# link or DOI are words on the list, not entries.

MDPI = (
    "1. Introduction\n\nHeat stress reduces yields [1,2]. Models of it exist [3].\n\nReferences\n\n"
    "References must be numbered in order of appearance in the text (including citations in tables and "
    "legends) and listed individually at the end of the manuscript. We recommend preparing the references "
    "with a bibliography software package, such as EndNote, ReferenceManager or Zotero to avoid typing "
    "mistakes and duplicated references.\n\n"
    "Citations and References in Supplementary files are permitted provided that they also appear in the "
    "reference list here.\n\n"
    "1. Smith, J.; Lee, K. Heat stress in wheat. Agronomy 2020, 10, 100-110.\n"
    "2. Jones, B. Crop yields under warming. Plants 2019, 8, 12-20.\n"
    "3. Brown, C.; Green, D. A model of heat stress. Agriculture 2021, 11, 5-9.\n"
)


def test_a_templates_instructions_before_the_numbered_entries_are_no_entries(tmp_path: Path) -> None:
    from .projects import checked

    for name in ("paper.txt", "paper.md"):
        write(tmp_path, {name: MDPI})
        assert findings(tmp_path / name) == [], name
        doc = checked(tmp_path, name, MDPI)
        assert [r.label for r in doc.references or []] == ["1", "2", "3"], name


# --- a comment after a list that has no heading -------------------------------------------------------
# betterscientificsoftware/bssw.io ends every post with its metadata in a comment ("<!---\nPublish:
# yes\nTopics: ...\n--->"). A post whose entries stand at its end with no heading over them was said to
# have no reference list (an error for its three citations): the search for the trailing entries
# stopped at the comment. What the reader never sees at the end is passed over.


def test_a_comment_after_an_unheaded_list_is_passed_over(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "post.md": "# Post\n\nAs shown before (Smith, 2010) and again (Jones and Lee, 2011), and by others "
            "(Brown et al., 2012).\n\nSmith, J. (2010). A title. *Journal of Tests*, 1, 1-10.\n\n"
            "Jones, B., & Lee, C. (2011). Another title. *Journal of Tests*, 2, 3-4.\n\n"
            "Brown, A., Green, D., & White, E. (2012). A third title. *Journal of Tests*, 3, 5-6.\n\n"
            "<!---\nPublish: yes\nTopics: Testing\n--->\n",
        },
    )
    assert findings(tmp_path / "post.md") == []


# --- people named with a year of theirs, in a post with no list ----------------------------------------
# betterscientificsoftware/bssw.io's fellowship posts: "Former BSSw Fellows Nitin Sukhija (2022) and
# Damian Rouson (2020) were Guided Affinity Group leaders", "Navigating the social challenges ...
# (Rene Gassmoeller, 2019)": fellows with their cohort's year, two errors "N citations but the document
# has no reference list". A citation names its authors by surname; a given name before it, in two
# citations in three at least, is prose naming people: info.


def test_people_named_by_given_name_and_a_year_are_info_without_a_list(tmp_path: Path) -> None:
    post = (
        "# Fellows at the conference\n\nFormer Fellows Nitin Sukhija (2022) and Damian Rouson (2020) led "
        "groups, and Myra Cohen (2023) gave a talk.\n\n## Projects\n\n"
        "- Navigating social challenges (Rene Gassmoeller, 2019)\n- Testing at scale (Ignacio Laguna, 2019)\n"
    )
    write(tmp_path, {"post.md": post})
    assert _loud(tmp_path / "post.md") == []
    # (authors by surname, an organisation by its name, a particle: citations, whose list is missing)
    paper = (
        "# Paper\n\nAs shown (Smith, 2010), by the bank (World Bank, 2011) and by Van Dijk (2012), as Anna "
        "Lee (2013) says.\n"
    )
    write(tmp_path, {"paper.md": paper})
    assert [f[:2] for f in _loud(tmp_path / "paper.md")] == [("missing-reference", "error")]


def test_a_docx_citation_without_its_bookmark_link_still_cites(tmp_path: Path) -> None:
    # greenelab/meta-review's Word compare of two versions (diff-from-docx.docx) keeps the bookmark links
    # of most citations but not of all: "[8]" as plain text. The links add citations and take none away
    # (an HTML page that cites by links cites by nothing else; a DOCX's bookmarks are no such promise):
    # before, 19 plain citations were dropped and their entries "listed but never cited".
    from .hostile_markup import docx

    def cite(n: int) -> bytes:
        return f"<w:hyperlink w:anchor='ref-{n}'><w:r><w:t>[{n}]</w:t></w:r></w:hyperlink>".encode()

    def entry(n: int, who: str) -> bytes:
        return (
            f"<w:bookmarkStart w:id='{n}' w:name='ref-{n}'/><w:p><w:r><w:t>{n}. {who} A. A paper on "
            f"review number {n}. J Tests. 201{n};{n}:1-2.</w:t></w:r></w:p>"
        ).encode()

    body = (
        b"<w:p><w:r><w:t xml:space='preserve'>Open review works </w:t></w:r>"
        + cite(1)
        + b"<w:r><w:t xml:space='preserve'> and so do others [2] </w:t></w:r>"
        + cite(3)
        + cite(4)
        + b"<w:r><w:t>.</w:t></w:r></w:p>"
        + _para("References")
        + entry(1, "Smith")
        + entry(2, "Jones")
        + entry(3, "Brown")
        + entry(4, "Green")
    )
    path = tmp_path / "compare.docx"
    path.write_bytes(docx(body))
    assert _loud(path) == []
