"""False alarms and misreadings found by running refcheck on real LaTeX projects and Markdown sites
from public repositories (QA round on biblatex/natbib projects, Jupyter Books and Jekyll sites): each
test is the smallest form of a pattern those projects use, and failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.loaders.bibtex import read_bibliography
from refcheck.pipeline import CheckOptions, check_file

from . import projects
from .projects import findings


def write(directory: Path, files: dict[str, str]) -> None:
    projects.write(directory, files, git=True)  # a Git checkout: its .gitignore files are read


BIB = (
    "@article{Eickhoff2012-hk,\n"
    '  title    = "Activation likelihood estimation meta-analysis revisited",\n'
    '  author   = "Eickhoff, Simon B and Bzdok, Danilo and Laird, Angela R and\n'
    '              Kurth, Florian and Fox, Peter T",\n'
    '  journal  = "Neuroimage", year = 2012\n'
    "}\n"
    "@article{Wager2007-jc, author = {Wager, Tor D and Lindquist, Martin}, title = {Meta-analysis of\n"
    "  neuroimaging data}, journal = {SCAN}, year = {2007}}\n"
    "@book{lem1981golem, author = {Lem, Stanis{\\l}aw}, title = {Golem XIV}, year = {1981}}\n"
    "@misc{unused2020, author = {Roe, Rita}, title = {Never cited on this page}, year = {2020}}\n"
)


# --- a .bib field wrapped after "and" (Paperpile's export in NBCLab/nimare-paper) --------------------


def test_names_split_over_lines_are_separate_authors(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    refs, _ = read_bibliography(str(tmp_path / "refs.bib"))
    assert refs[0].authors == ["Eickhoff", "Bzdok", "Laird", "Kurth", "Fox"]


# --- Jupyter Book: MyST citation roles, bibtex_bibfiles in _config.yml (NBCLab/nimare-paper) --------

CHAPTER = (
    "# CBMA methods\n\n"
    "Kernel-based methods {cite:p}`Wager2007-jc,Eickhoff2012-hk` differ; as described in\n"
    "{cite:t}`Eickhoff2012-hk`, the kernel is Gaussian {cite}`Wager2007-jc`.\n\n"
    "```{code-cell} ipython3\n# {cite}`ghost2000` in code is no citation\n```\n"
)


def jupyter_book(tmp_path: Path, chapter: str) -> Path:
    write(
        tmp_path,
        {
            "content/_config.yml": "title: NiMARE\nbibtex_bibfiles:\n  - references.bib\n",
            "content/_toc.yml": "format: jb-book\nroot: 05_cbma\n",
            "content/references.bib": BIB,
            "content/05_cbma.md": chapter,
        },
    )
    return tmp_path / "content" / "05_cbma.md"


def test_jupyter_book_myst_roles_cite_the_books_bibliography(tmp_path: Path) -> None:
    page = jupyter_book(tmp_path, CHAPTER)
    assert findings(page) == []  # the entries other pages cite are not this page's
    doc = check_file(str(page), CheckOptions(links=False, verify=False)).doc
    assert doc is not None
    assert [c.key for c in doc.citations] == [
        "Wager2007-jc",
        "Eickhoff2012-hk",
        "Eickhoff2012-hk",
        "Wager2007-jc",
    ]
    assert all(c.references for c in doc.citations)


def test_jupyter_book_role_with_a_key_in_no_entry_is_missing(tmp_path: Path) -> None:
    page = jupyter_book(tmp_path, CHAPTER + "\nAs {cite:t}`Wager2007-jx` showed.\n")
    found = findings(page)
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'Wager2007-jx'" in found[0][2]


# --- Jekyll with jekyll-scholar (hz1ulqu01gmnZH4/blog, drscotthawley/devblog4) ---------------------

POST = (
    "---\nlayout: post\ntitle: Can AI philosophize?\n---\n\n"
    "Lem's *Golem XIV* (1981) dramatizes this split {% cite lem1981golem %}. Meta-analyses pool\n"
    'studies {% cite Wager2007-jc Eickhoff2012-hk --file references %}{%- cite "lem1981golem" -%}.\n\n'
    "Instead of \\cite we write {% raw %}{% cite \\<whatever> %}{% endraw %}.\n\n"
    "## References\n\n{% bibliography --cited %}\n\n---\n\n"
    "*An AI analyzed 20+ academic papers on AI ethics, then connected them to fiction (1981).*\n"
)


def jekyll_site(tmp_path: Path, post: str) -> Path:
    write(
        tmp_path,
        {
            "_config.yml": "plugins:\n  - jekyll-scholar\nscholar:\n  style: apa\n  source: ./_bibliography\n"
            "  bibliography: references.bib\n",
            "_bibliography/references.bib": BIB,
            "_posts/2025-10-14-can-ai-philosophize.md": post,
        },
    )
    return tmp_path / "_posts" / "2025-10-14-can-ai-philosophize.md"


def test_jekyll_scholar_cite_tags_cite_the_sites_bibliography(tmp_path: Path) -> None:
    assert findings(jekyll_site(tmp_path, POST)) == []


@pytest.mark.parametrize("config", ["scholar:\n  style: apa\n", "scholar:\n  bibliography: references\n"])
def test_jekyll_scholar_default_source_and_name(tmp_path: Path, config: str) -> None:
    post = jekyll_site(tmp_path, POST.replace("lem1981golem %}.", "lem1981golen %}."))
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    found = findings(post)
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'lem1981golen'" in found[0][2]


# --- a Markdown reference list ended by a thematic break and a sign-off (hz1ulqu01gmnZH4/blog) ------


@pytest.mark.parametrize("rule", ["---", "* * *", "___"])
def test_a_thematic_break_ends_a_markdown_reference_list(tmp_path: Path, rule: str) -> None:
    post = (
        "# Can software save lives?\n\nMeans restriction works [1], and chatbots do not [2].\n\n"
        "## References\n\n"
        '[1] Kreitman, N. (1976). "The coal gas story." *British Journal of Preventive Medicine* 30, 86-93.\n\n'
        '[2] Pirkis, J. et al. (2015). "Interventions to reduce suicides at suicide hotspots." *Lancet*.\n\n'
        f"{rule}\n\n"
        "*An AI generated 5,800 words with 23 citations analyzing whether AI can prevent suicide (2025).*\n\n"
        "*The post referenced a 1998 anime that predicted today's chatbot crisis.*\n"
    )
    (tmp_path / "post.md").write_text(post, encoding="utf-8")
    assert findings(tmp_path / "post.md") == []


# --- a Japanese post: 参考文献, adjacent "[3][4]", one entry cited early (hz1ulqu01gmnZH4/blog) -----

ENTRIES = "".join(f"[{n}] Author{n}, A. (20{n:02d}). Title number {n}. Publisher.\n\n" for n in range(1, 13))


def test_a_japanese_reference_heading_and_adjacent_brackets(tmp_path: Path) -> None:
    later = "".join(f"文{n}です[{n}]。" for n in range(5, 13))
    post = (
        "# 代替経済システム\n\n"
        f"マッキンゼーは予測している[1]。[2]によれば、余暇を得ることができる[3][4]。{later}\n\n"
        f"## 参考文献\n\n{ENTRIES}"
        '## 関連資料\n\n- LSE Business Review (2025). "Universal basic income." Available at: https://blogs.lse.ac.uk/x\n'
    )
    (tmp_path / "post-ja.md").write_text(post, encoding="utf-8")
    assert findings(tmp_path / "post-ja.md") == []
