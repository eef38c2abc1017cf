"""Directory discovery: .gitignore (nested, negated), --exclude-path, extend-exclude, symlinks, FIFOs."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refcheck.cli import main
from refcheck.discovery import Discovery, discover_files

DOC = "Ties matter (Hardy 1968).\n\nReferences\n\nHardy, Michael (1968) Modern Diplomatic Law. MUP.\n"


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git" / "info").mkdir(parents=True)
    tree(
        root,
        {
            "docs/a.md": DOC,
            "docs/build/out.md": DOC,
            "docs/drafts/b.md": DOC,
            "docs/drafts/keep.md": DOC,
            "docs/notes.txt": DOC,
            "docs/old/c.md": DOC,
            "docs/scratch.txt": DOC,
            "node_modules/pkg/README.md": DOC,
            ".hidden/d.md": DOC,
            "top.md": DOC,
        },
    )
    monkeypatch.chdir(root)
    return root


def rel(found: list[str], root: Path) -> list[str]:
    return sorted(Path(os.path.relpath(Path(f).resolve(), root.resolve())).as_posix() for f in found)


def test_without_ignore_files(repo: Path) -> None:
    assert rel(discover_files(repo), repo) == [
        "docs/a.md",
        "docs/build/out.md",
        "docs/drafts/b.md",
        "docs/drafts/keep.md",
        "docs/notes.txt",
        "docs/old/c.md",
        "docs/scratch.txt",
        "top.md",
    ]


def test_gitignore_nested_and_negated(repo: Path) -> None:
    (repo / ".gitignore").write_text("build/\n*.txt\n!notes.txt\n")
    (repo / "docs" / "drafts" / ".gitignore").write_text("*\n!.gitignore\n!keep.md\n")
    (repo / ".git" / "info" / "exclude").write_text("/docs/old/\n")
    assert rel(discover_files(repo), repo) == ["docs/a.md", "docs/drafts/keep.md", "docs/notes.txt", "top.md"]
    # walking a subdirectory still reads the .gitignore files above it, up to the checkout's top
    assert rel(discover_files(repo / "docs"), repo) == ["docs/a.md", "docs/drafts/keep.md", "docs/notes.txt"]
    # and the paths keep the form the user gave
    assert discover_files("docs") == ["docs/a.md", "docs/drafts/keep.md", "docs/notes.txt"]
    assert rel(discover_files(repo, Discovery(respect_gitignore=False)), repo)[0] == "docs/a.md"
    assert len(discover_files(repo, Discovery(respect_gitignore=False))) == 8


def test_exclude_path_is_relative_to_the_current_directory(repo: Path) -> None:
    found = discover_files(repo, Discovery(exclude_paths=["docs/drafts/", "*.txt"], base=repo))
    assert rel(found, repo) == ["docs/a.md", "docs/build/out.md", "docs/old/c.md", "top.md"]


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--no-links", "--format", "concise", *args])


def checked(res: Result) -> int:
    last = res.stdout.strip().splitlines()[-1]
    return int(last.split()[0])


def test_cli_gitignore_exclude_path_and_config(repo: Path) -> None:
    (repo / ".gitignore").write_text("build/\n")
    assert checked(cli(".")) == 7
    assert checked(cli("--no-respect-gitignore", ".")) == 8
    assert checked(cli("--exclude-path", "docs/drafts", "--exclude-path", "*.txt", ".")) == 3
    (repo / "refcheck.toml").write_text('extend-exclude = ["old/", "/top.md"]\n')
    assert checked(cli(".")) == 5
    # a nested configuration may exclude within its own directory
    (repo / "docs" / "refcheck.toml").write_text('extend-exclude = ["scratch.txt"]\n')
    assert checked(cli(".")) == 4
    # files named on the command line are checked whatever the patterns say ...
    assert checked(cli("top.md", "docs/old/c.md")) == 2
    # ... unless --force-exclude (pre-commit names files one by one)
    res = cli("--force-exclude", "top.md", "docs/old/c.md", "docs/a.md")
    assert checked(res) == 1, res.stdout
    (repo / "refcheck.toml").write_text('extend-exclude = ["old/", "/top.md"]\nforce-exclude = true\n')
    assert checked(cli("top.md", "docs/a.md")) == 1


def test_exclude_url_is_the_clearer_name_of_exclude(repo: Path) -> None:
    for name in ("--exclude-url", "--exclude"):
        res = cli(name, "example\\.org", "top.md")
        assert res.exit_code == 0, res.stderr


def test_symlinks_out_of_the_tree_and_fifos_are_not_read(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(DOC)
    (repo / "docs" / "link.txt").symlink_to(secret)
    (repo / "docs" / "inside.md").symlink_to(repo / "top.md")
    (repo / "docs" / "config.txt").symlink_to(repo / ".git" / "info" / "exclude")
    os.mkfifo(repo / "docs" / "pipe.md")
    (repo / "docs" / "loop").symlink_to(repo / "docs", target_is_directory=True)
    names = {Path(f).name for f in discover_files(repo / "docs")}
    assert names == {"a.md", "out.md", "b.md", "keep.md", "notes.txt", "c.md", "scratch.txt"}
    # from the top, docs/inside.md -> top.md stays inside the walked tree: it is read
    names = {Path(f).name for f in discover_files(repo)}
    assert "inside.md" in names and "config.txt" not in names and "link.txt" not in names


def test_a_directory_of_links_out_of_it_says_why_nothing_is_checked(repo: Path, tmp_path: Path) -> None:
    """A directory made of symlinks to documents elsewhere (a corpus assembled by linking) has nothing
    to check, as Git and ripgrep would not follow them either; the message names the links rather
    than saying there are no supported files."""
    secret = tmp_path / "elsewhere"
    secret.mkdir()
    (secret / "paper.txt").write_text(DOC)
    links = repo / "links"
    links.mkdir()
    (links / "paper.txt").symlink_to(secret / "paper.txt")
    (links / "more").symlink_to(secret, target_is_directory=True)
    res = cli("links")
    assert res.exit_code == 2
    assert (
        "links: error: no supported files in this directory; 2 symbolic links lead out of it and are not "
        "followed (links/more, links/paper.txt): name the files to check them"
    ) in res.output
    res = cli("links/paper.txt")  # named, it is checked
    assert res.exit_code == 0 and checked(res) == 1
    (links / "more").unlink()
    (repo / "empty").mkdir()
    assert "1 symbolic link leads out of it and is not followed (links/paper.txt)" in cli("links").output
    assert "empty: error: no supported files in this directory\n" in cli("empty").output


def test_fifo_in_a_directory_does_not_hang_the_run(repo: Path) -> None:
    os.mkfifo(repo / "docs" / "pipe.md")
    res = cli("docs")
    assert checked(res) == 7


def test_files_being_written_are_never_discovered(repo: Path) -> None:
    found = discover_files(repo, Discovery(skip={repo / "top.md"}))
    assert not any(f.endswith("top.md") for f in found)


def _within(seconds: float, job: Callable[[], list[str]]) -> list[str]:
    """``job()``, or a failure when it takes longer (in a thread, so a hang fails the test)."""
    result: list[list[str]] = []
    thread = threading.Thread(target=lambda: result.append(job()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, f"discovery took more than {seconds} s"
    return result[0]


@pytest.mark.parametrize("kind", ["fifo", "device", "long-line"])
def test_a_hostile_gitignore_does_not_hang_discovery(repo: Path, kind: str) -> None:
    """A .gitignore in a pull request can be a symlink to /dev/zero (Git stores symlinks) or hold one
    enormous line; on a machine a FIFO can stand there. Each was read or compiled without end (a
    1 MiB line took pathspec 100 s): ignore files are regular files, read up to 1 MiB, and a
    pattern longer than any path (4096 characters) matches nothing."""
    target = repo / "docs" / ".gitignore"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        target.symlink_to("/dev/zero")
    else:
        target.write_text("scratch.txt\n" + "\0" * (1 << 20) + "\n")
    names = {Path(f).name for f in _within(20, lambda: discover_files(repo / "docs"))}
    assert "a.md" in names
    assert ("scratch.txt" in names) == (kind != "long-line")  # the readable pattern still counts


def test_a_file_named_twice_is_checked_once(repo: Path) -> None:
    """'refcheck check docs docs/a.md ./docs/a.md' checked a.md three times: three copies of each
    finding, inflated counts, and 'refcheck fix --write' then refused the copies as changed."""
    res = cli("docs", "docs/a.md", "./docs/a.md")
    assert checked(res) == 7, res.stdout
    (repo / "b.txt").write_text(DOC.replace("1968).", "1969)."))
    res = CliRunner().invoke(main, ["fix", "--no-links", "--write", "b.txt", "./b.txt"])
    assert res.exit_code == 0, res.output
    assert "changed since" not in res.output


@pytest.mark.parametrize(
    ("fmt", "name"), [("html", "report.html"), ("junit", "refcheck.xml"), ("markdown", "summary.md")]
)
def test_a_report_written_earlier_is_not_checked_as_a_document(repo: Path, fmt: str, name: str) -> None:
    """'refcheck check --format html -o docs/report.html docs', then 'refcheck check docs': the report
    was read as an HTML document (300 copies of the seed brief gave 11,175 duplicate-reference
    warnings from the report alone). A report refcheck wrote is known by its content and skipped."""
    (repo / "docs" / "brief.txt").write_text(
        "Growth (Smith 2008).\n\nReferences\n\nSmith, J. (2007) Trade and Growth.\n\nHyde, H. (2002) Allies.\n"
    )
    first = cli("--format", fmt, "-o", f"docs/{name}", "docs")
    assert (repo / "docs" / name).exists(), first.output
    again = cli("docs")
    assert checked(again) == checked(cli("--exclude-path", name, "docs")) == 8, again.stdout
    assert name not in again.stdout
    # named on the command line it is still read, as every file is
    assert name in cli(f"docs/{name}").output


POM = '<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n'
CHAPTER = "% included by main.tex\nAs shown before \\cite{hardy1968}.\n"


def test_xml_that_is_no_article_is_not_a_document_in_a_walk(repo: Path) -> None:
    """A repository with a pom.xml or a sitemap.xml beside its articles: 'refcheck check .' said
    'not a JATS article' for each and exited 2, failing the gate on files that are no documents."""
    (repo / "docs" / "pom.xml").write_text(POM)
    (repo / "docs" / "sitemap.xml").write_text(
        '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
    )
    res = cli("docs")
    assert res.exit_code == 0, res.output
    assert "pom.xml" not in res.output and checked(res) == 7
    # named on the command line, it is still read (and refused)
    assert cli("docs/pom.xml").exit_code == 2


def test_force_exclude_treats_named_files_as_a_walk_would(repo: Path) -> None:
    """pre-commit names every changed file: a LaTeX chapter (read through its main file) gave a
    missing-reference error for each \\cite, and a pom.xml exit 2. With --force-exclude, the hook's
    mode, a named file that a directory walk would not check on its own is left out."""
    (repo / "docs" / "pom.xml").write_text(POM)
    (repo / "docs" / "chapter.tex").write_text(CHAPTER)
    res = cli("--force-exclude", "docs/pom.xml", "docs/chapter.tex", "docs/a.md")
    assert res.exit_code == 0, res.output
    assert checked(res) == 1 and "chapter.tex" not in res.output and "pom.xml" not in res.output
    # without it, a named file is read as asked (a fragment no main file inputs: its keys are not
    # checked, said at info level, qa17)
    res = cli("docs/chapter.tex")
    assert res.exit_code == 0 and "chapter.tex" in res.output and "fragment" in res.output, res.output


def test_a_repositorys_own_files_are_not_documents_in_a_walk(repo: Path) -> None:
    """An article repository's README quoting an example citation, and its CHANGELOG, gave
    missing-reference errors at every 'refcheck check .': a walk leaves out README, CHANGELOG,
    CONTRIBUTING, LICENSE and the like (any extension, any case); named, such a file is checked,
    unless --force-exclude (pre-commit names every changed file)."""
    example = "Citations such as (Hardy 1968, p. 14) are found.\n"
    for name in ("README.md", "CHANGELOG.md", "docs/Contributing.txt", "LICENSE.html", "readme.Rmd"):
        (repo / name).write_text(example)
    (repo / "docs" / "readme_analysis.md").write_text(DOC)  # a document whose name only begins so
    res = cli(".")
    assert res.exit_code == 0, res.output
    assert "README" not in res.output and "CHANGELOG" not in res.output and "Contributing" not in res.output
    assert checked(res) == 9  # the 8 documents of test_without_ignore_files and readme_analysis.md
    named = cli("README.md")
    assert named.exit_code == 1 and "missing-reference" in named.output
    assert checked(cli("--force-exclude", "README.md", "docs/a.md")) == 1


# --- what a book or site generator writes when built, committed beside its sources -----------------
# NBCLab/nimare-paper commits Jupyter Book's content/_build/html (each chapter page cites, the
# bibliography is another page: 9 missing-reference errors); EmilHvitfeldt/smltar publishes its
# bookdown book from docs/ (output_dir: "docs"); hz1ulqu01gmnZH4/blog holds Jekyll's _site and
# Bundler's vendor/bundle; gongcastro/cognate-beginnings renders docs/_repro.qmd into docs/.

HTML_PAGE = "<html><body><p>As shown (Hardy, 1968).</p></body></html>\n"


@pytest.mark.parametrize(
    ("files", "found"),
    [
        (  # Jupyter Book
            {"book/_config.yml": "title: x\n", "book/_toc.yml": "root: intro\n", "book/intro.md": DOC,
             "book/_build/html/intro.html": HTML_PAGE, "book/_build/html/_sources/intro.md": DOC},
            ["book/intro.md"],
        ),
        (  # Sphinx
            {"docs/conf.py": "project = 'x'\n", "docs/index.md": DOC, "docs/_build/html/index.html": HTML_PAGE},
            ["docs/index.md"],
        ),
        (  # Jekyll with gems installed by Bundler in the repository
            {"_config.yml": "plugins: [jekyll-scholar]\n", "Gemfile": "gem 'jekyll'\n", "index.md": DOC,
             "_site/index.html": HTML_PAGE, "vendor/bundle/ruby/3.4.0/gems/kramdown/test/x.html": HTML_PAGE},
            ["index.md"],
        ),
        (  # Jekyll's templates and data are no pages; its posts and drafts are
            {"_config.yml": "scholar:\n  style: apa\n", "_layouts/default.html": HTML_PAGE,
             "_includes/footer.html": HTML_PAGE, "_sass/x.md": DOC, "_data/people.md": DOC,
             "_posts/2024-01-01-a.md": DOC, "_drafts/b.md": DOC},
            ["_drafts/b.md", "_posts/2024-01-01-a.md"],
        ),
        (  # Sphinx's HTML templates and static files
            {"docs/conf.py": "project = 'x'\n", "docs/index.md": DOC, "docs/_templates/layout.html": HTML_PAGE,
             "docs/_static/notice.html": HTML_PAGE},
            ["docs/index.md"],
        ),
        (  # bookdown publishing from docs/
            {"_bookdown.yml": 'output_dir: "docs"\n', "index.Rmd": DOC, "docs/index.html": HTML_PAGE,
             "docs/ml_preface.md": DOC, "_book/index.html": HTML_PAGE},
            ["index.Rmd"],
        ),
        (  # Quarto, output-dir with a comment after it; its own _freeze and a partial left out
            {"_quarto.yml": "project:\n  type: book\n  output-dir: public # site\n", "index.qmd": DOC,
             "public/index.html": HTML_PAGE, "_freeze/x.md": DOC, "ch/_setup.qmd": DOC, "ch/a.qmd": DOC},
            ["ch/a.qmd", "index.qmd"],
        ),
        (  # a chapter directory of a Quarto project searched on its own: its partial left out
            {"_quarto.yml": "project:\n  type: book\n", "ch/_common.qmd": DOC, "ch/b.qmd": DOC},
            ["ch/b.qmd"],
        ),
        (  # Quarto rendering sources kept in its output directory: that directory is searched
            {"_quarto.yml": "project:\n  output-dir: docs\n  render:\n    - docs/_repro.qmd\n",
             "docs/_repro.qmd": DOC, "_site/index.html": HTML_PAGE},
            ["docs/_repro.qmd"],
        ),
        (  # no generator configured: a vendor/ or _build/ directory is searched
            {"vendor/bundle/a.md": DOC, "_build/b.md": DOC, "_site/c.md": DOC},
            ["_build/b.md", "_site/c.md", "vendor/bundle/a.md"],
        ),
    ],
    ids=["jupyter-book", "sphinx", "jekyll", "jekyll-templates", "sphinx-templates", "bookdown", "quarto", "quarto-chapter", "quarto-renders-docs", "no-generator"],
)  # fmt: skip
def test_a_generators_output_is_not_searched(tmp_path: Path, files: dict[str, str], found: list[str]) -> None:
    (tmp_path / ".git").mkdir()
    tree(tmp_path, files)
    assert rel(discover_files(tmp_path), tmp_path) == found


def test_a_generators_output_named_on_the_command_line_is_checked(tmp_path: Path) -> None:
    tree(tmp_path, {"_config.yml": "title: x\n", "_build/html/ch1.html": HTML_PAGE})
    assert rel(discover_files(tmp_path / "_build"), tmp_path) == ["_build/html/ch1.html"]


def test_a_quarto_partial_is_left_out_of_a_walk_below_the_project(tmp_path: Path) -> None:
    """Quarto renders no file named "_..." unless its configuration names it: such a partial is
    included by the pages that need it (mlr-org/mlr3book's _setup.qmd was checked as a page). A walk
    that starts below the project's _quarto.yml leaves it out too; named, it is checked."""
    tree(tmp_path, {"_quarto.yml": "project:\n  type: book\n", "ch/_common.qmd": DOC, "ch/b.qmd": DOC})
    assert rel(discover_files(tmp_path / "ch"), tmp_path) == ["ch/b.qmd"]
    from refcheck.pipeline import expand_paths

    named = str(tmp_path / "ch" / "_common.qmd")
    assert expand_paths([named]) == ([named], [])
