"""False alarms and misses found by running refcheck on real Markdown-family documents of kinds not
tried before (QA round 7: Quarto, R Markdown and bookdown projects, Manubot manuscripts, MyST and
Jupyter Books, pandoc Markdown, blog posts and READMEs): each test is the smallest form of a pattern a
public document uses, and failed before its fix. The source of each pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from refcheck.pipeline import CheckOptions, check_file

from .projects import findings, write

# --- alphabetic labels ------------------------------------------------------------------------------------
# betterscientificsoftware/bssw.io's Articles/Blog/CodingConventions.md (CC-BY 4.0) cites
# "*Code Complete: 2nd Edition*<sup>[cc2nd04]</sup>" and its generated "References" list labels each
# entry "* <a name="sfer-ezikiw-cc2nd04"></a><sup>cc2nd04</sup>[Code Complete ...](url)": no label was
# read, and every entry was "listed but never cited" (8 warnings). A list printed by BibTeX's alpha
# style, "[Knu84] Donald E. Knuth. The TeXbook.", cited "[Knu84]" or "[Lam94, Knu84]", is the same form.

BSSW = """# Coding Conventions

Coding conventions<sup>[ccw]</sup>, also known as *coding standards*, fall into categories.
In *Code Complete: 2nd Edition*<sup>[cc2nd04]</sup>, McConnell cites a study and notes:

> "layout might harm an expert's ability to read a program (Shell 1981)" [7, Section 31.1].

Chapters 1 through 5 of the book *Clean Code*<sup>[cc08]</sup> by Robert Martin agree.

[ccw-sfer-ezikiw]: https://en.wikipedia.org/wiki/Coding_conventions "Coding Conventions (Wikipedia)"
[cc2nd04-sfer-ezikiw]: https://bssw.io/items/code-complete "Code Complete {McConnell, Steve. 2004}"

<!-- DO NOT EDIT BELOW HERE. THIS IS ALL AUTO-GENERATED (sfer-ezikiw) -->
[ccw]: #sfer-ezikiw-ccw "Coding Conventions (Wikipedia)"
[cc2nd04]: #sfer-ezikiw-cc2nd04 "Code Complete (Second Edition)"
[cc08]: #sfer-ezikiw-cc08 "Clean Code: A Handbook of Agile Software Craftsmanship"
[cf]: #sfer-ezikiw-cf "clang-format"
<!-- (sfer-ezikiw begin) -->
### References
<!-- (sfer-ezikiw end) -->
* <a name="sfer-ezikiw-cc08"></a><sup>cc08</sup>[Clean Code: A Handbook of Agile Software Craftsmanship<br>Robert C. Martin. Prentice Hall PTR, 2008](https://dl.acm.org/doi/10.5555/1388398)
* <a name="sfer-ezikiw-cc2nd04"></a><sup>cc2nd04</sup>[Code Complete (Second Edition)<br>McConnell, Steve. Microsoft Press, 2004](https://bssw.io/items/code-complete)
* <a name="sfer-ezikiw-ccw"></a><sup>ccw</sup>[Coding Conventions (Wikipedia)](https://en.wikipedia.org/wiki/Coding_conventions)
* <a name="sfer-ezikiw-cf"></a><sup>cf</sup>[clang-format: Automatic source code formatter](https://clang.llvm.org/docs/ClangFormat.html)
"""


def test_alphabetic_labels_of_a_markdown_list_are_cited(tmp_path: Path) -> None:
    write(tmp_path, {"CodingConventions.md": BSSW})
    found = findings(tmp_path / "CodingConventions.md")
    assert [(r, s) for r, s, _ in found if s != "info"] == [], found
    # (the one entry no label cites gives no year: a link to software, uncited at info)
    assert "[cf] clang-format: Automatic" in next(m for r, s, m in found if r == "uncited-reference")
    result = check_file(str(tmp_path / "CodingConventions.md"), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    assert [c.key for c in result.doc.citations if c.kind == "key"] == ["ccw", "cc2nd04", "cc08"]


ALPHA = """# Typesetting

TeX was described by Knuth [Knu84] and later extended [Lam94, Knu84, p. 3]. A range [0, 1] and a
link [Lam94](https://example.org) are no citations.

## References

[Knu84] Donald E. Knuth. The TeXbook. Addison-Wesley, 1984.

[Lam94] Leslie Lamport. LaTeX: A Document Preparation System. Addison-Wesley, 1994.

[GMS94] Michel Goossens, Frank Mittelbach, and Alexander Samarin. The LaTeX Companion.
Addison-Wesley, 1994.
"""


def test_an_alpha_style_list_is_cited_by_its_labels(tmp_path: Path) -> None:
    write(tmp_path, {"notes.md": ALPHA, "notes.txt": ALPHA})
    for name in ("notes.md", "notes.txt"):
        found = findings(tmp_path / name)
        assert [(r, s) for r, s, _ in found if s != "info"] == [("uncited-reference", "warning")], found
        # (the names given first are read as ACL lists are: "Michel Goossens, Frank Mittelbach, and ...")
        assert "[GMS94] Goossens et al. 1994" in next(m for _, s, m in found if s == "warning")


# --- a MyST project whose one page is its README ------------------------------------------------------
# mystmd makes a project's README.md its index page when there is no index.md (a paper or a lesson kept
# as one README beside myst.yml, a Jupyter Book whose _toc.yml says "root: README"): a directory's check
# left the README out as a repository file ("no documents in this directory"), so nothing was checked.

README_PAGE = "# A lesson\n\nAs shown before [@smith2020], and again [@smyth2020].\n"
BIB = "@article{smith2020, author={Smith, Jo}, title={A study}, journal={J}, year={2020}}\n"


def test_a_myst_projects_readme_is_its_page(tmp_path: Path) -> None:
    from refcheck.pipeline import check_paths

    myst = tmp_path / "myst"
    write(
        myst,
        {"myst.yml": "version: 1\nproject:\n  title: A lesson\n", "README.md": README_PAGE, "refs.bib": BIB},
    )
    book = tmp_path / "book"
    write(book, {"_toc.yml": "format: jb-book\nroot: README\n", "_config.yml": "bibtex_bibfiles:\n  - refs.bib\n",
                 "README.md": README_PAGE.replace("[@smith2020]", "{cite}`smith2020`").replace("[@smyth2020]",
                 "{cite}`smyth2020`"), "refs.bib": BIB})  # fmt: skip
    for project in (myst, book):
        results = check_paths([str(project)], CheckOptions(links=False, verify=False))
        assert [Path(r.path).name for r in results] == ["README.md"], [(r.path, r.error) for r in results]
        doc = results[0].doc
        assert doc is not None
        assert [(f.rule, f.severity.name.lower()) for f in doc.findings] == [("missing-reference", "error")]
    # a README beside an index page, or with no project, stays the repository's own file
    write(myst, {"index.md": README_PAGE})
    assert [Path(r.path).name for r in check_paths([str(myst)], CheckOptions(links=False, verify=False))] == [
        "index.md"
    ]
    plain = tmp_path / "plain"
    write(plain, {"README.md": README_PAGE, "refs.bib": BIB})
    assert [r.doc for r in check_paths([str(plain)], CheckOptions(links=False, verify=False))] == [None]


# --- a reading list nested by topic ------------------------------------------------------------------------
# volkamerlab/teachopencadd's talktorials (CC-BY 4.0; T010, T025): the "References" cell nests works under
# topics, "* Imatinib" over "  * Review on Imatinib: [<i>Nat. Rev. Clin. Oncol.</i> (2016) ...](url)": each
# topic was an entry, and every item the prose does not cite by its link was "listed but never cited"
# (22 warnings over two notebooks). A topic with no year and no link is no entry; an item of a list
# nested so is uncited at info. A flat list keeps its warnings.

NESTED = """# Binding sites

Imatinib binds the kinase (Sydow et al., 2019).

### References

* Sydow, D. et al. (2019). TeachOpenCADD: a teaching platform. *J. Cheminform.* 11, 29.
* Binding site superposition + comparison
  * Binding site comparison reviews:
    * [<i>Curr. Comput. Aided Drug Des. </i> (2008), <b>4</b>, 209-20](https://www.eurekaselect.com/67606/article)
    * [<i>J. Med. Chem. </i> (2016), <b>9</b>, 4121-51](https://pubs.acs.org/doi/10.1021/acs.jmedchem.6b00078)
* Imatinib
  * Review on Imatinib: [<i>Nat. Rev. Clin. Oncol.</i> (2016), <b>13</b>, 431-46](https://www.nature.com/articles/nrclinonc.2016.41)
  * Side effects of Imatinib
    * [DrugBank](https://go.drugbank.com/drugs/DB00619)
"""


def test_a_reading_list_nested_by_topic_is_said_at_info(tmp_path: Path) -> None:
    write(tmp_path, {"talktorial.md": NESTED})
    found = findings(tmp_path / "talktorial.md")
    assert found and all((r, s) == ("uncited-reference", "info") for r, s, _ in found), found
    assert not any(m.startswith(("Imatinib is", "Binding site superposition")) for _, _, m in found), found
    flat = "\n".join(
        line.strip() for line in NESTED.split("\n") if "<i>" in line or "# " in line or "Sydow" in line
    )
    write(tmp_path, {"flat.md": flat})
    flat_found = findings(tmp_path / "flat.md")
    assert [s for _, s, _ in flat_found] == ["warning"] * 3, flat_found


# --- a citation in an HTML link --------------------------------------------------------------------------
# TeachOpenCADD's README.md captions a figure '<a href="https://jcheminf.biomedcentral.com/articles/...">(D.
# Sydow <i>et al.</i>, J. Cheminformatics, 2019)</a>' and has no reference list: an error ("no reference
# list"), where a Markdown link's citation, "([Sydow et al., 2019](https://...))", is info (the link
# takes readers to the work). An HTML link does too.


def test_a_citation_in_an_html_link_leads_to_its_work(tmp_path: Path) -> None:
    readme = (
        "# TeachOpenCADD\n\nFigure adapted from the TeachOpenCADD publication\n"
        '<a href="https://jcheminf.biomedcentral.com/articles/10.1186/s13321-019-0351-x">\n'
        "(D. Sydow <i>et al.</i>, J. Cheminformatics, 2019)</a>, as described\n"
        '<a href="https://doi.org/10.1186/s13321-019-0351-x">(Sydow and Volkamer, 2019)</a>.\n\n'
        "A platform (Smith and Jones, 2020) for students.\n"
    )
    write(
        tmp_path,
        {"page.md": readme, "linked.md": readme.replace("A platform (Smith and Jones, 2020) for", "For")},
    )
    assert [(r, s) for r, s, _ in findings(tmp_path / "linked.md")] == [("missing-reference", "info")]
    assert [(r, s) for r, s, _ in findings(tmp_path / "page.md")] == [("missing-reference", "error")]


# --- an enumeration in a page citing "[1]" ------------------------------------------------------------------
# bssw.io's Articles/Blog/2022-12-MutualOwnershipInRSE.md cites "<sup>[1]</sup>" and "<sup>[2]</sup>" and
# writes "CoPs generally have 3 elements: (1) mutual engagement, (2) a joint enterprise, and (3) a shared
# repertoire": the three numbers in parentheses outvoted the two brackets, and "(3)" was a missing
# reference (error). An enumeration's numbers do not vote.


def test_an_enumeration_does_not_outvote_bracketed_citations(tmp_path: Path) -> None:
    page = (
        "# Mutual ownership\n\nA design that looks good is perceived as more efficient.<sup>[1]</sup>\n"
        "They created a wiki.<sup>[2]</sup>\n\nA CoP is a group of people who share a passion. CoPs generally\n"
        "have 3 elements: (1) mutual engagement, (2) a joint enterprise, and (3) a\nshared repertoire.\n\n"
        "### References\n\n"
        "* <sup>1</sup>[The aesthetic-usability effect. Moran, Kate. Nielsen Norman Group (2017).](https://www.nngroup.com/articles/aesthetic-usability-effect)\n"
        "* <sup>2</sup>[Confluence overview](https://www.atlassian.com/software/confluence/guides)\n"
    )
    write(tmp_path, {"post.md": page})
    assert findings(tmp_path / "post.md") == []


# --- a work given in full where the text names it ---------------------------------------------------------
# TeachOpenCADD's T014 talktorial (CC-BY 4.0): "(see e.g. [DeepSite](https://doi.org/10.1093/bioinformatics/
# btx350) by Jiménez *et al.*, Bioinformatics, 2017, 33(19), 3036–3042)" read as a citation of
# "Bioinformatics, 2017" (an error); ioer-dresden/jupyter-book-nfdi4biodiversity's intro.ipynb (CC-BY 4.0)
# suggests its citation in bold, "**Dworczyk, Claudia, ..., Syrbe, Ralf-Uwe (2025).** _Exploring Spatial
# ..._", and has no reference list (an error). Both give the work where they stand: info.


def test_a_work_given_in_full_in_place_is_no_missing_entry(tmp_path: Path) -> None:
    tutorial = (
        "# Binding sites\n\nPockets are found by geometry (Smith, 2020). Deep learning methods exist (see e.g.\n"
        "[DeepSite](https://doi.org/10.1093/bioinformatics/btx350) by Jiménez *et al.*, Bioinformatics, 2017,"
        " 33(19), 3036–3042).\n\n## References\n\n* Smith, J. (2020). Pockets. *J. Chem.* 3, 1-9.\n"
    )
    suggested = (
        "# Course\n\nPlease cite this course as:\n\n**Dworczyk, Claudia, Dunkel, Alexander, Syrbe, Ralf-Uwe (2025).**"
        " _Exploring Spatial and Biodiversity Data with Python_. IOER, [DOI](https://doi.org/10.71830/6ILS40).\n"
    )
    write(tmp_path, {"tutorial.md": tutorial, "intro.md": suggested})
    assert [(r, s) for r, s, _ in findings(tmp_path / "tutorial.md")] == [("missing-reference", "info")]
    assert [(r, s) for r, s, _ in findings(tmp_path / "intro.md")] == [("missing-reference", "info")]


# --- works named in passing, no reference list -------------------------------------------------------------
# djnavarro/quarto-blog's posts (CC-BY 4.0): "I read the Myung and Pitt (1997) paper on [model selection
# ...](https://...)", "the oldest tool I've used comes from Ferguson 1973 paper" in an inline note, a block
# quote's "(Bernardo and Smith 2000)"; reaktoro-jupyter-book's "the article ... by **Toner and Catling
# (2020)**": an essay or a tutorial naming works in its own sentences, with no reference list, was an
# error. Said at info; a bracketed citation with no list, "the paper by [Pfeifer et al., 2016]", stays an
# error (one or two works of one author each are info since the no-list rule of this round's main).


def test_works_named_in_passing_without_a_list_are_info(tmp_path: Path) -> None:
    essay = (
        "---\ntitle: A personal essay\n---\n\nI read the Myung and Pitt (1997) paper on model selection and"
        " thought: this is it.^[The oldest tool I've used comes from Ferguson 1973 paper on the Dirichlet"
        " process.]\n\n> Prediction problems fall into three classes (Bernardo and Smith 2000).\n"
    )
    bracketed = "# Notes\n\nQuality is poor here (see the paper by [Pfeifer et al., 2016]).\n"
    write(tmp_path, {"essay.qmd": essay, "notes.md": bracketed})
    assert [(r, s) for r, s, _ in findings(tmp_path / "essay.qmd")] == [("missing-reference", "info")]
    assert [(r, s) for r, s, _ in findings(tmp_path / "notes.md")] == [("missing-reference", "error")]


# --- a book's pages share their bibliographies ------------------------------------------------------------
# prafra/jupyter-book-TAILOR-D3.2 (298 pages, _config.yml naming 9 .bib files, one of 2,267 entries): each
# page parsed every .bib again (0.4 s a page; 8.5 minutes for the book). A bibliography is read once per
# process, and each page gets its own copy of the entries.


def test_the_pages_of_a_book_read_its_bibliography_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import refcheck.loaders.bibtex as bibtex

    calls: list[str] = []
    real = bibtex.read_bibliography

    def counting(path: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(bibtex, "read_bibliography", counting)
    pages = {f"ch{i}.md": f"# Chapter {i}\n\nAs shown {{cite}}`smith2020`.\n" for i in range(3)}
    write(tmp_path, {"_config.yml": "bibtex_bibfiles:\n  - refs.bib\n", "refs.bib": BIB, **pages})
    for name in pages:
        result = check_file(str(tmp_path / name), CheckOptions(links=False, verify=False))
        assert result.doc is not None and result.doc.findings == []
        assert [c.references for c in result.doc.citations] == [((result.doc.references or [])[0].id,)]
    assert len(calls) == 1


# --- pandoc's example lists ----------------------------------------------------------------------------------
# bweatherson/quarto-articles's posts/new-work/new-work.qmd and posts/mixing/mixing-experts.qmd number their
# examples with pandoc's example lists, "(@expa) If Quinn learns that Ava's credence ..." and refer to them,
# "(@expa) and (@expb) are equivalent": each "(@expa)" was a missing key (13 errors in one post). An
# example's label is a cross-reference target; a key no example labels is still a citation.


def test_pandoc_example_labels_are_no_citation_keys(tmp_path: Path) -> None:
    post = (
        "---\nbibliography: refs.bib\n---\n\n# Setup\n\nAs @smith2020 says, Quinn trusts experts.\n\n"
        "(@expa) If Quinn learns that Ava's credence is *x*, they change theirs to *x*.\n\n"
        "(@expb) If Quinn learns that Ben's credence is *x*, they change theirs to *x*.\n\n"
        "Formally, (@expa) and (@expb) are equivalent [@smyth2020].\n"
    )
    write(tmp_path, {"post.qmd": post, "refs.bib": BIB})
    found = findings(tmp_path / "post.qmd")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")], found
    assert "'smyth2020'" in found[0][2]


# --- an undated link in a Markdown list --------------------------------------------------------------------
# TeachOpenCADD's T003 and T019 talktorials end their "References" with "* RDKit ([repository](https://github
# .com/rdkit/rdkit), [documentation](...))" and "* Inspired by a notebook form Jaime Rodríguez-Guerra
# ([github](...))": software and credits, each "listed but never cited" (a warning). An uncited entry of a
# Markdown page that gives no year is said at info; a dated one stays a warning.


def test_an_undated_link_in_a_markdown_list_is_uncited_at_info(tmp_path: Path) -> None:
    page = (
        "# Substructures\n\nUnwanted groups are listed by Brenk et al. (2008).\n\n### References\n\n"
        "* Brenk, R. et al. (2008). Lessons learnt from assembling screening libraries. *ChemMedChem* 3, 435.\n"
        "* Baell, J. B. (2010). New substructure filters. *J. Med. Chem.* 53, 2719.\n"
        "* RDKit ([repository](https://github.com/rdkit/rdkit), [documentation](https://www.rdkit.org/docs/))\n"
    )
    write(tmp_path, {"talktorial.md": page})
    found = sorted((s, m.split(" ")[0]) for r, s, m in findings(tmp_path / "talktorial.md"))
    assert found == [("info", "RDKit"), ("warning", "Baell")], found
