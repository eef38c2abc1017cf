"""QA round left15b: leftovers the QA rounds found on real projects (a thesis unpacked from a zip,
Manubot's generated trees, Markdown reference lists, Typst's Hayagriva). Each test failed before its
fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import cli

BIB = "@article{smith2019,\n  author = {Smith, John},\n  title = {A title},\n  journal = {J},\n  year = {2019}\n}\n"
CHAPTER = (
    "\\documentclass{report}\n\\usepackage{biblatex}\n\\addbibresource{%s}\n"
    "\\begin{document}\nAs shown \\cite{smith2019}.\n\\printbibliography\n\\end{document}\n"
)


def _thesis(tmp_path: Path, bib: str = "../../bib/thesis.bib") -> Path:
    """A thesis as downloaded from GitHub as a zip (no .git): standalone chapters name the shared
    bibliography at the top (haziq/phd-thesis: chapters/01/chapter1.tex, ../../bib/haziq.bib)."""
    thesis = tmp_path / "thesis"
    (thesis / "bib").mkdir(parents=True)
    (thesis / "bib" / "thesis.bib").write_text(BIB)
    (thesis / "chapters" / "01").mkdir(parents=True)
    (thesis / "chapters" / "01" / "chapter1.tex").write_text(CHAPTER % bib)
    (tmp_path / "elsewhere").mkdir()
    return thesis


def _bib_findings(*args: str) -> list[dict[str, object]]:
    res = cli("check", "--no-links", "--no-verify", "--format", "json", *args)
    report = json.loads(res.stdout)
    return [
        f
        for file in report["files"]
        for f in file["findings"]
        if f["rule"] in ("input-bibliography", "missing-reference")
    ]


def test_a_chapter_of_a_checked_directory_reads_the_bibliography_at_its_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked without .git, each standalone chapter warned that ../../bib lies outside the project
    tree (14 warnings on haziq/phd-thesis), though the .bib is inside the directory checked."""
    thesis = _thesis(tmp_path)
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert _bib_findings(str(thesis)) == []
    monkeypatch.chdir(tmp_path)  # the run's root (the current directory) holds it too
    assert _bib_findings("thesis/chapters/01/chapter1.tex") == []


def test_a_bibliography_outside_the_checked_directory_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "private.bib").write_text(BIB)
    thesis = _thesis(tmp_path, "../../../secret/private.bib")
    monkeypatch.chdir(tmp_path / "elsewhere")
    [finding] = _bib_findings(str(thesis))[:1]
    assert finding["rule"] == "input-bibliography" and "outside" in str(finding["message"])
    # nor from the chapter's own directory
    monkeypatch.chdir(thesis / "chapters")
    assert "outside" in str(_bib_findings("01/chapter1.tex")[0]["message"])


def _checked(directory: Path) -> list[str]:
    res = cli("check", "--no-links", "--no-verify", "--format", "json", str(directory))
    return sorted(Path(f["path"]).relative_to(directory).as_posix() for f in json.loads(res.stdout)["files"])


def test_a_manubot_repository_s_build_and_output_are_not_checked(tmp_path: Path) -> None:
    """A Manubot repository (greenelab/deep-review): its build/plugins/*.html and themes, and the
    output/ and webpage/ the build writes, were 15 empty-document info lines."""
    repo = tmp_path / "manuscript"
    files = {
        "content/metadata.yaml": "title: A review\n",
        "content/01.intro.md": "# Intro\n\nAs shown [@doi:10.1000/xyz].\n",
        "build/build.sh": "#!/usr/bin/env bash\nmanubot process --content-directory=content\n",
        "build/plugins/anchors.html": "<script>/* anchors */</script>\n",
        "build/themes/default.html": "<style>body {}</style>\n",
        "output/manuscript.html": "<html><body><p>As shown [1].</p></body></html>\n",
        "webpage/index.html": "<html><body><p>As shown [1].</p></body></html>\n",
    }
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    assert _checked(repo) == ["content/01.intro.md"]
    # a build/ of documents in a project that is no Manubot repository is checked
    (repo / "content" / "metadata.yaml").unlink()
    assert "build/plugins/anchors.html" in _checked(repo)
    (repo / "content" / "metadata.yaml").write_text("title: A review\n")
    (repo / "build" / "build.sh").unlink()
    assert "output/manuscript.html" in _checked(repo)


ACL_GUIDE = """# Formatting

Follow these instructions.

### References

Gather the full set of references together under the unnumbered section heading **References**.

Example article in a journal:

> Rie Kubota Ando and Tong Zhang. 2005. [A framework for learning predictive structures](https://www.jmlr.org/papers/v6/ando05a.html). *Journal of Machine Learning Research*, 6:1817–1853.

Example ACL Anthology paper with DOI:

> James Goodman, Andreas Vlachos, and Jason Naradowsky. 2016. [Noise reduction and targeted
> exploration in imitation learning](http://dx.doi.org/10.18653/v1/P16-1001). In *Proceedings of ACL*, pages 1–11.

Example ACL Anthology paper without DOI:

> Benjamin Börschinger and Mark Johnson. 2011. [A particle filter algorithm for Bayesian word segmentation](https://www.aclweb.org/anthology/U11-1004/). In *Proceedings of ALTA 2011*, pages 10–18.
"""


def test_quoted_example_entries_under_references_are_the_entries(tmp_path: Path) -> None:
    """acl-org/acl-style-files' formatting.md: the "> " marker stayed in the first author's name
    ("> Rie Kubota Ando"), and the lines introducing each quoted example were entries: "Example ACL
    Anthology paper with DOI:" and "... without DOI:" a false duplicate-reference warning."""
    (tmp_path / "formatting.md").write_text(ACL_GUIDE, encoding="utf-8")
    res = cli("check", "--no-links", "--no-verify", "--format", "json", str(tmp_path / "formatting.md"))
    [file] = json.loads(res.stdout)["files"]
    assert [f["rule"] for f in file["findings"] if f["severity"] != "info"] == []
    assert [r["authors"][0] for r in file["references"]] == ["Ando", "Goodman", "Börschinger"]
    assert not any(">" in a for r in file["references"] for a in r["authors"])


def test_the_linker_names_an_entry_of_one_author_and_et_al_as_the_list_prints_it() -> None:
    """ "Smith, J., et al. (2010)" was "Smith 2010" in the linker's details and suggestions and "Smith
    et al. 2010" in the findings' entry names (rules.base.entry_name): one way now, the list's."""
    from refcheck.model import Reference
    from refcheck.rules.base import entry_name

    ref = Reference(
        id="r1", text="", start=0, end=0, authors=["Smith"], et_al=True, year="2010", title="A title"
    )
    assert ref.shown_authors == "Smith et al."
    assert entry_name(ref).startswith("Smith et al. 2010")
    two = Reference(id="r2", text="", start=0, end=0, authors=["Smith", "Lee"], year="2010", title="A title")
    assert two.shown_authors == "Smith and Lee" and entry_name(two).startswith("Smith and Lee 2010")
    assert Reference(id="r3", text="", start=0, end=0).shown_authors == ""


def test_a_hayagriva_entry_without_a_type_is_an_error(tmp_path: Path) -> None:
    """Typst refuses a Hayagriva bibliography with an entry without ``type`` ("no entry type for
    `smith2020`", hayagriva's lib.rs) or with a type Hayagriva has not ("journal-article": unknown
    variant): the document does not compile, and refcheck said nothing. A parent without a type takes
    its child's default, and "Article" is an alias of "article": neither is a finding."""
    (tmp_path / "refs.yml").write_text(
        "smith2020:\n  title: Oil and gas\n  author: Smith, Jane\n  date: 2020\n"
        "brown2012:\n  type: journal-article\n  title: Gas\n  author: Brown, Bob\n  date: 2012\n"
        "lee2010:\n  type: Article\n  title: Gas\n  author: Lee, Bob\n  date: 2010\n  parent:\n    title: J\n",
        encoding="utf-8",
    )
    (tmp_path / "paper.typ").write_text(
        'Oil @smith2020, gas @brown2012 @lee2010.\n\n#bibliography("refs.yml")\n', encoding="utf-8"
    )
    res = cli("check", "--no-links", "--no-verify", "--format", "json", str(tmp_path / "paper.typ"))
    [file] = json.loads(res.stdout)["files"]
    found = [(f["severity"], f["line"], f["message"].split(":")[0]) for f in file["findings"]]
    assert found == [
        ("error", 1, "entry smith2020 has no type, which Typst requires"),
        ("error", 5, "the type 'journal-article' of entry brown2012 is no Hayagriva entry type"),
    ]
    assert res.exit_code == 1


def test_links_of_a_pandoc_chapter_and_of_a_latex_macro_are_whole_addresses(tmp_path: Path) -> None:
    """ashwinvis/phd-thesis: a LaTeX thesis whose chapters a build makes from Markdown with pandoc.
    "[https://www.gfdl.noaa.gov/fv3/](https://www.gfdl.noaa.gov/fv3/)" was one address running
    through the link's text and target ("https://www.gfdl.noaa.gov/fv3/](https://...)"), and
    "\\fnref{https://packaging.python.org}{``Python Packaging User Guide''}" (the thesis's own
    command) "https://packaging.python.org}{``Python": both dead links to the link check. Each is
    the address now; a link whose text is another address gives both. The \\href of a macro's
    definition ("https://fluid#1.readthedocs.io") is no address."""
    from refcheck.pipeline import CheckOptions, check_file

    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\newcommand{\\fnref}[2]{\\href{#1}{#2}}\n"
        "\\newcommand{\\rtd}[1]{\\href{https://fluid#1.readthedocs.io}{#1}}\n\\begin{document}\n"
        "See \\fnref{https://packaging.python.org}{``Python Packaging User Guide''}.\n"
        "\\input{chapter.latex}\n\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "chapter.md").write_text(
        "# Models\n\nThe FV3 core.[^fv3]\n\n[^fv3]: See [https://www.gfdl.noaa.gov/fv3/](https://www.gfdl.noaa.gov/fv3/)\n\n"
        "LabVIEW ([http://www.ni.com/en-us/labview.html](http://www.ni.com/sv-se/labview.html)) and "
        "[the spot](https://www.nasa.gov/spot).\n",
        encoding="utf-8",
    )
    result = check_file(str(tmp_path / "main.tex"), CheckOptions(links=False))
    assert result.doc is not None
    assert sorted(u.url for u in result.doc.urls) == [
        "http://www.ni.com/en-us/labview.html",
        "http://www.ni.com/sv-se/labview.html",
        "https://packaging.python.org",
        "https://www.gfdl.noaa.gov/fv3/",
        "https://www.nasa.gov/spot",
    ]


@pytest.mark.parametrize(
    ("entry", "authors"),
    [
        ("Noah A. Smith. 2015. A title here. In *Proceedings of ACL*, pages 1–9.", ["Smith"]),
        ("Galen Andrew and Joel R. Tetreault. 2015. A title here. *CoRR*.", ["Andrew", "Tetreault"]),
        # Vancouver's initial with its full stop is still the surname's
        ("Cavalli G. Chromatin and epigenetics. Nature. 2010;1:3-4.", ["Cavalli"]),
    ],
)
def test_acl_names_with_a_middle_initial(entry: str, authors: list[str]) -> None:
    """ACL's style writes names given first with a middle initial: "Noah A. Smith. 2015." was the
    author "Noah" (initial A) and the title "Smith" (acl-org/acl-style-files' "Joel R. Tetreault")."""
    from refcheck.extract.reference_list import parse_entry

    ref = parse_entry(entry)
    assert ref.authors == authors
    assert ref.title is not None and ref.title not in ("Smith", "Tetreault")
