"""False findings on real social-science, economics and policy projects of QA round 17 (qa17). Each
test is the smallest form of the pattern a public project uses, and failed before its fix."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write

# --- a raw TeX command under a Markdown "References" heading ----------------------------------------
# andrewheiss/Dissertation's comprehensive_exam.md (pandoc Markdown, cited by keys, its bibliography
# given on pandoc's command line) ends "# References" then "\hangstart", a raw TeX command that sets
# the hanging indent of the list pandoc writes after it. refcheck read "\hangstart" as the one entry
# of a list, and then each full note citation of a newspaper article ("Omar Halawa, "New draft law
# ...," *Egypt Independent*, February 14, 2013") was an error "not in the reference list". The list is
# built from the keys, from a bibliography not seen: nothing there to check a note against.

EXAM = (
    "---\ntitle: Who Controls Whom?\n---\n\nScholars such as @Blaydes:2011 argue this [@Stroup:2012]. The"
    ' law was tabled.^[Omar Halawa, "New draft law would limit the scope of work of NGOs," *Egypt'
    " Independent*, February 14, 2013, <http://www.example.com/a>.] Groups objected.^[Human Rights"
    ' Watch, "Egypt: New Draft Law an Assault on Independent Groups," May 30, 2013.]\n\n'
    "# References\n\\hangstart\n"
)


def test_a_tex_command_under_the_references_heading_is_no_entry(tmp_path: Path) -> None:
    write(tmp_path, {"exam.md": EXAM})
    found = findings(tmp_path / "exam.md")
    assert [(r, s) for r, s, _ in found] == [("empty-document", "info")]
    for line in ("\\setlength{\\parindent}{-0.2in}", "\\noindent\\vspace{1em}"):
        write(tmp_path, {"exam.md": EXAM.replace("\\hangstart", line)})
        assert [(r, s) for r, s, _ in findings(tmp_path / "exam.md")] == [("empty-document", "info")]


def test_an_entry_in_tex_markup_is_still_an_entry(tmp_path: Path) -> None:
    listed = EXAM.replace(
        "\\hangstart",
        "\\hangstart\n\n\\textbf{Halawa, Omar}. 2013. “New draft law would limit the scope of work of NGOs.”"
        " *Egypt Independent*, February 14.\n",
    )
    write(tmp_path, {"exam.md": listed})
    rules = [(r, s) for r, s, m in findings(tmp_path / "exam.md") if "Halawa" in m]
    assert ("missing-reference", "error") not in rules


# --- a bibliography named by an absolute path of the author's machine -----------------------------
# andrewheiss/Dissertation's Writing/duke/dissertation.tex: "\addbibresource{/Users/andrew/Dropbox/
# Readings/Papers.bib}" (biblatex-chicago, authordate), the author's Zotero export. An error "named
# here does not exist", where the same path in the project's .Rmd files is a warning "lies outside the
# project": a file outside the project is never read, here or not; the path is the defect, a warning.


def test_an_absolute_bibliography_outside_the_project_is_a_warning(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "thesis.tex": "\\documentclass{book}\n\\usepackage[authordate]{biblatex-chicago}\n"
            "\\addbibresource{/Users/nobody/Dropbox/Readings/Papers.bib}\n\\begin{document}\n"
            "As \\textcite{Blaydes:2011} shows \\autocite[4]{Stroup:2012}.\n\\printbibliography\n"
            "\\end{document}\n",
        },
        git=True,
    )
    found = [(r, s) for r, s, _ in findings(tmp_path / "thesis.tex") if s != "info"]
    assert found == [("input-bibliography", "warning")]


def test_an_absolute_bibliography_inside_the_project_that_is_not_there_is_an_error(tmp_path: Path) -> None:
    bib = tmp_path / "refs" / "Papers.bib"
    write(
        tmp_path,
        {
            "thesis.tex": f"\\documentclass{{book}}\n\\usepackage{{biblatex}}\n\\addbibresource{{{bib}}}\n"
            "\\begin{document}\nAs \\textcite{Blaydes:2011} shows.\n\\printbibliography\n\\end{document}\n",
        },
        git=True,
    )
    found = [(r, s) for r, s, _ in findings(tmp_path / "thesis.tex") if s != "info"]
    assert found == [("input-bibliography", "error")]


# --- a LaTeX fragment that no main file inputs -------------------------------------------------------
# tylersotomayor/merit-aid-working-paper: sections/frontmatter.tex (title, abstract with "\textcite{
# chetty2020mobility}") sits beside main.tex, which holds the same front matter itself and inputs the
# other sections, not this one. Checked as the directory, the orphan was an error "the document names
# no bibliography (commented out?)": a fragment names none of its own; its main file's is not known.


def test_a_fragment_no_main_file_inputs_is_not_an_error_for_naming_no_bibliography(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.tex": "\\documentclass{article}\n\\usepackage[style=apa]{biblatex}\n\\addbibresource{refs.bib}\n"
            "\\begin{document}\nData of \\textcite{chetty2020mobility}.\n\\input{sections/intro}\n"
            "\\printbibliography\n\\end{document}\n",
            "refs.bib": "@article{chetty2020mobility, author={Chetty, Raj}, title={Income segregation},"
            " journal={QJE}, year={2020}}\n",
            "sections/intro.tex": "\\section{Introduction}\nAs before \\parencite{chetty2020mobility}.\n",
            "sections/frontmatter.tex": "\\title{Merit Aid}\n\\begin{document}\n\\begin{abstract}\nUsing data from"
            " \\textcite{chetty2020mobility}, we show this.\n\\end{abstract}\n",
        },
        git=True,
    )
    found = findings(tmp_path / "sections" / "frontmatter.tex")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "info")]
    assert "fragment" in found[0][2]
    assert findings(tmp_path / "main.tex") == []


# --- LaTeX written by pandoc, its citations typeset by citeproc ---------------------------------------
# XMtRa/Austrian_Corona_Panel_Project's manuscript.tex, ScottClaessens/covidMaskWearing's manuscript.tex
# and Lakens/EquivalenceTestingForPsychologicalScience's proofing .tex are what R Markdown (papaja)
# kept of pandoc's run: 70 citations already text, "(Anvari \& Lakens, 2021)", and the list typeset,
# "\bibitem[\citeproctext]{ref-anvari...}" in CSLReferences (or "\hypertarget{ref-...}{}" before each
# entry, earlier pandoc). refcheck said nothing at all, "0 errors", as if it had checked them.

PANDOC_TEX = (
    "\\documentclass{article}\n\\newenvironment{CSLReferences}[2]{}{}\n\\begin{document}\n"
    "To define the SESOI (Anvari \\& Lakens, 2021), see \\url{https://osf.io/abc}.\n\n"
    "\\section{References}\\label{references}\n\n\\begin{CSLReferences}{1}{0}\n"
    "\\bibitem[\\citeproctext]{ref-anvari2021}\nAnvari, F., \\& Lakens, D. (2021). Using anchor-based methods."
    " \\emph{JESP}, \\emph{96}, 104159. \\url{https://doi.org/10.1016/j.jesp.2021.104159}\n\n"
    "\\end{CSLReferences}\n\\end{document}\n"
)


def test_latex_written_by_pandoc_with_typeset_citations_says_it_was_not_checked(tmp_path: Path) -> None:
    write(tmp_path, {"manuscript.tex": PANDOC_TEX})
    found = findings(tmp_path / "manuscript.tex")
    assert [(r, s) for r, s, _ in found] == [("empty-document", "info")]
    assert "pandoc" in found[0][2]
    older = PANDOC_TEX.replace("\\begin{CSLReferences}{1}{0}\n\\bibitem[\\citeproctext]{ref-anvari2021}", "")
    older = older.replace("\\end{CSLReferences}\n", "").replace(
        "\\section{References}",
        "\\hypertarget{refs}{}\n\\hypertarget{ref-anvari2021}{}\n\\section{References}",
    )
    write(tmp_path, {"manuscript.tex": older})
    assert [(r, s) for r, s, _ in findings(tmp_path / "manuscript.tex")] == [("empty-document", "info")]


# --- a blog post's citations after the quoted titles of their works ---------------------------------
# tmychow/tmychow.github.io _posts/2021-02-04-reg-y-x.md (an economics blog): 'subsequent papers like
# "Neoclassical Revival in Growth Economics: Has it Gone Too Far?" (Klenow and Rodríguez-Clare 1997),
# "Is Growth Exogenous?" (Bernanke and Gürkaynak 2001) ... have all pushed back', and no list: an error
# "the document has no reference list". Each names its work, by its title, in the sentence.

POST = (
    '---\nlayout: post\ntitle: Reg Y X\n---\n\nSubsequent papers like "Neoclassical Revival in Growth'
    ' Economics: Has it Gone Too Far?" (Klenow and Rodríguez-Clare 1997), "It\'s Not Factor'
    ' Accumulation" (Easterly and Levine 2001) as well as “Why are Some Countries Richer than Others?”'
    " (Felipe and McCombie 2002) have all pushed back.\n"
)


def test_citations_after_the_quoted_titles_of_their_works_need_no_list(tmp_path: Path) -> None:
    write(tmp_path, {"post.md": POST})
    assert [(r, s) for r, s, _ in findings(tmp_path / "post.md")] == [("missing-reference", "info")]
    bare = POST.replace('"Neoclassical Revival in Growth Economics: Has it Gone Too Far?" ', "").replace(
        "like ", "like this (Smith 2001) and "
    )
    write(tmp_path, {"post.md": bare})
    assert [(r, s) for r, s, _ in findings(tmp_path / "post.md")] == [("missing-reference", "error")]


# --- CSL entries of one title, author and year in other venues ------------------------------------
# arts-expert/Masterthesis's Literatur-Templates.yaml (pandoc, CSL YAML, an art-history thesis): a
# contribution to an edited volume and one to an exhibition catalogue, of one author, title and year,
# were a warning "this entry repeats an earlier one; keep one", where the same two entries in a .bib
# (two @incollection of other booktitles) are info "may be two publications of one title": the CSL
# items' types were not read, so the venues were never compared.

CSL = (
    "references:\n"
    "  - id: kemp1998a\n    type: chapter\n    author:\n      - family: Kemp\n        given: Wolfgang\n"
    "    title: Die Madonna lactans\n    container-title: Marienbilder der Neuzeit\n    issued: 1998\n"
    "  - id: kemp1998b\n    type: chapter\n    author:\n      - family: Kemp\n        given: Wolfgang\n"
    "    title: Die Madonna lactans\n    container-title: Ausstellungskatalog Maria stillt\n    issued: 1998\n"
)


def test_csl_entries_of_one_title_in_other_venues_may_be_two_publications(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.yaml": CSL,
            "thesis.md": "---\nbibliography: refs.yaml\n---\n\nAs shown [@kemp1998a; @kemp1998b, 12].\n",
        },
    )
    found = [(r, s) for r, s, _ in findings(tmp_path / "thesis.md")]
    assert found == [("duplicate-reference", "info")]
    same = CSL.replace("Ausstellungskatalog Maria stillt", "Marienbilder der Neuzeit")
    write(tmp_path, {"refs.yaml": same})
    assert [(r, s) for r, s, _ in findings(tmp_path / "thesis.md")] == [("duplicate-reference", "warning")]


# --- an unsigned entry of a dictionary ------------------------------------------------------------------
# arts-expert/Masterthesis's Literatur-Templates.yaml: "type: entry-dictionary" with a title, the
# dictionary's title, its collection-editor, publisher and year, no author: a warning "has no author or
# editor; complete it". A dictionary's entries are often unsigned, cited by their title: info, as a
# web page's or a manual's missing author is. A book with no author stays a warning.

LEXIKON = (
    "references:\n  - id: lexikon\n    type: entry-dictionary\n    collection-editor:\n"
    "      - family: Kirschbaum\n        given: Engelbert\n    container-title: Lexikon der christlichen"
    " Ikonographie\n    title: Maria lactans\n    issued: 1971\n    publisher: Herder\n"
)


def test_an_unsigned_dictionary_entry_is_info(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"refs.yaml": LEXIKON, "thesis.md": "---\nbibliography: refs.yaml\n---\n\nAs defined [@lexikon].\n"},
    )
    found = findings(tmp_path / "thesis.md")
    assert [(r, s) for r, s, _ in found] == [("incomplete-reference", "info")]
    assert "unsigned" in found[0][2]
    write(tmp_path, {"refs.yaml": LEXIKON.replace("entry-dictionary", "book")})
    assert [(r, s) for r, s, _ in findings(tmp_path / "thesis.md")] == [("incomplete-reference", "warning")]
