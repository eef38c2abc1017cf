"""Markdown manuscripts of several files: a Quarto project or book, a Manubot ``content/`` directory.

* **Quarto.** A ``_quarto.yml`` in the file's directory or above (not above the project root) is the
  project's configuration: its ``bibliography`` and ``csl`` apply to every file of the project,
  relative to the ``_quarto.yml``. A book (``project: type: book``) lists its chapters under
  ``book: chapters`` (and ``appendices``, parts included): they are one manuscript, checked as one
  document from the first chapter. Outside a book, a project bibliography is shared by many pages, so
  each page's references are the entries it cites (no page reports the others' entries as uncited).
* **bookdown.** A ``_bookdown.yml`` beside the file: the book's chapters (its ``rmd_files``, else
  every .Rmd there, index.Rmd first; and those of the subdirectories ``rmd_subdir`` names) are one manuscript, checked from the first; the bibliography is
  the one index.Rmd's front matter names.
* **Jupyter Book and Jekyll.** A ``_config.yml`` in the file's directory or above (not above the
  project root) that names ``bibtex_bibfiles`` (Jupyter Book's sphinxcontrib-bibtex, whose MyST
  roles cite: ``{cite}`key```, ``{cite:p}`a,b```, ``{cite:t}`key```) or has a ``scholar:`` section
  (Jekyll's jekyll-scholar: ``{% cite a b %}``, its bibliography ``source``/``bibliography``,
  by default ``_bibliography/references.bib``): a site of separate pages sharing that
  bibliography (kinds "jupyter-book" and "jekyll", citation ``syntax`` "myst" and "liquid").
* **Sphinx with sphinxcontrib-bibtex.** A ``conf.py`` in the file's directory or above that loads
  ``sphinxcontrib.bibtex`` and names ``bibtex_bibfiles`` (read as text, never run): a site of
  separate pages (MyST Markdown, read by myst-parser or myst-nb) sharing those files, citing with the
  extension's roles, ``{cite:p}`key``` and ``{footcite}`key``` (kind "sphinx", syntax "myst").
  Its reStructuredText pages (``:cite:`key```) are read by ``loaders.rst``, which asks ``_sphinx``
  for the same files.
* **MyST (mystmd, Jupyter Book 2).** A ``myst.yml`` in the file's directory or above: a site of
  separate pages sharing the project's bibliography, the files its ``project: bibliography:`` names,
  else every ``.bib`` file in the project's directories (as mystmd reads them). Pages cite with
  pandoc's syntax (``[@key]``, ``@key``) and with MyST's roles (``{cite:p}`a; b```), and may cite a
  DOI itself (``[@10.1093/nar/22.22.4673]``), which mystmd resolves (kind "myst", syntax "mystmd").
* **Manubot.** A ``content/`` directory holding ``metadata.yaml`` (or ``manubot.yaml``) and numbered
  Markdown files (``01.abstract.md``, ``02.introduction.md``, ...): the numbered files in order are one
  manuscript; its bibliographies are ``content/manual-references*.json|bib|yaml`` and a ``bibliography`` in
  the metadata. Manubot resolves citations by persistent identifier (``@doi:``, ``@pmid:``, ``@arxiv:``,
  ``@url:`` ...) itself, so those keys need no entry.

``manuscript_of(path)`` says which of these a Markdown file belongs to; ``main_file(path)`` names the
file a multi-file manuscript is checked from, so that each manuscript is checked once however its
files are named. Only small configuration files are read here (YAML through PyYAML, loaded on first
use); the chapters are read by the Markdown loader.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from refcheck.files import FORGOTTEN_WITH_DIRECTORIES, real_path
from refcheck.project import project_root

MARKDOWN_SUFFIXES = (".md", ".markdown", ".rmd", ".qmd")
# Manubot's persistent-identifier citation prefixes (manubot.cite.handlers: "pmc:" and "pubmed:" are
# the standard forms of "pmcid:" and "pmid:"), resolved by Manubot; "*": Manubot also resolves the
# thousands of CURIE prefixes of the Bioregistry ("clinicaltrials:NCT...", "uniprot:..."), so any
# "prefix:accession" key is Manubot's to resolve (a prefix it does not know fails Manubot's build)
MANUBOT_PREFIXES = (
    "doi",
    "shortdoi",
    "pmid",
    "pubmed",
    "pmcid",
    "pmc",
    "arxiv",
    "url",
    "isbn",
    "wikidata",
    "tag",
    "raw",
    "http",
    "https",
    "*",
)
CONFIG_LIMIT = 256 * 1024  # a _quarto.yml or metadata.yaml larger than this is not read
MAX_CHAPTERS = 500
MAX_MYST_BIBS = 50  # .bib files of a MyST project read when its myst.yml names none
MAX_MYST_DIRS = 2000  # directories of a MyST project searched for them
MAX_MYST_PAGES = 2000  # pages of a MyST project read for the targets they label
MYST_PAGE_LIMIT = 1 << 20  # bytes read of each
# directories of a MyST project where mystmd looks for no content (its build, packages, hidden ones)
_MYST_SKIPPED = frozenset({"_build", "node_modules", "site-packages", "__pycache__"})
LEVELS_OUTSIDE_GIT = 3  # directories above a file searched for _quarto.yml outside a Git checkout
_NUMBERED = re.compile(r"^\d+\.[^/]*\.md$", re.I)


@dataclass
class Manuscript:
    # "quarto-book", "quarto" (a project of separate pages), "bookdown", "manubot" or "pandoc-chapters"
    kind: str
    root: Path  # the directory of _quarto.yml, or the content/ directory
    config: Path  # _quarto.yml, metadata.yaml
    chapters: list[Path] = field(default_factory=list)  # in order; empty for a "quarto" project
    bibliographies: list[str] = field(default_factory=list)  # paths, relative names resolved
    csl: str | None = None
    aliases: list[str] = field(default_factory=list)  # Manubot's citekey-aliases in the metadata
    # how pages cite keys: "pandoc" ([@key]), "myst" ({cite}`key`), "mystmd" (both), "liquid"
    syntax: str = "pandoc"
    targets: frozenset[str] = frozenset()  # what a MyST project's pages label ("(sec-x)=", ":label: x")
    # a MyST project's pages when its myst.yml lists them (``project: toc:``), resolved; None: every file
    pages: frozenset[Path] | None = None
    # the JavaScript plugins a MyST project's myst.yml loads (``project: plugins:``): they may add
    # directives whose targets are labelled where refcheck cannot see them
    plugins: tuple[str, ...] = ()

    @property
    def main(self) -> Path | None:
        return self.chapters[0] if self.chapters else None


def read_yaml(text: str) -> dict[str, Any]:
    """A YAML mapping (``{}`` for anything else, or for YAML that does not parse)."""
    if len(text) > CONFIG_LIMIT:
        return {}
    import yaml  # PyYAML: only for Markdown manuscripts

    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def names(value: Any) -> list[str]:
    """A YAML value naming files: one string or a list of strings."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
    return []


def citekey_aliases(data: dict[str, Any]) -> list[str]:
    """The keys of Manubot's ``citekey-aliases:`` mapping in YAML metadata (``alias: doi:...``)."""
    aliases = data.get("citekey-aliases")
    return [str(k) for k in aliases] if isinstance(aliases, dict) else []


def _read_config(path: Path) -> dict[str, Any]:
    try:
        from refcheck.files import read_regular

        return read_yaml(read_regular(path, CONFIG_LIMIT).decode("utf-8", "replace"))
    except OSError:
        return {}


def _book_chapters(book: Any, base: Path) -> list[Path]:
    out: list[Path] = []

    def walk(items: Any) -> None:
        if not isinstance(items, list):
            return
        for item in items:
            if len(out) >= MAX_CHAPTERS:
                return
            if isinstance(item, str):
                name = item
            elif isinstance(item, dict):
                name = item.get("part") or item.get("file") or ""
                walk(item.get("chapters"))
                if not isinstance(name, str):
                    continue
            else:
                continue
            if Path(name).suffix.lower() in MARKDOWN_SUFFIXES:
                out.append(base / name)

    if isinstance(book, dict):
        walk(book.get("chapters"))
        walk(book.get("appendices"))
    seen: set[Path] = set()
    unique = []
    for p in out:
        if p.resolve() not in seen and p.is_file():
            seen.add(p.resolve())
            unique.append(p)
    return unique


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=256)
def _quarto(directory: Path, stamp: int = 0) -> Manuscript | None:
    """(``stamp``: the configuration's modification time, so that an edited file is read again.)"""
    config = directory / "_quarto.yml"
    data = _read_config(config)
    project = data.get("project")
    book = data.get("book")
    chapters: list[Path] = []
    kind = "quarto"
    if isinstance(project, dict) and project.get("type") == "book":
        chapters = _book_chapters(book, directory)
        kind = "quarto-book" if chapters else "quarto"
    bibs = names(data.get("bibliography"))
    if isinstance(book, dict):
        bibs += names(book.get("bibliography"))
    csl = names(data.get("csl"))
    return Manuscript(
        kind=kind,
        root=directory,
        config=config,
        chapters=chapters,
        bibliographies=[str(directory / b) for b in bibs],
        csl=str(directory / csl[0]) if csl else None,
    )


@lru_cache(maxsize=256)
def _site(directory: Path, stamp: int = 0) -> Manuscript | None:
    """A Jupyter Book (``bibtex_bibfiles``) or a Jekyll site with jekyll-scholar (``scholar:``) whose
    ``_config.yml`` is in ``directory``; None for a ``_config.yml`` that is neither."""
    config = directory / "_config.yml"
    data = _read_config(config)
    bibs = names(data.get("bibtex_bibfiles"))
    if bibs:
        return Manuscript(
            kind="jupyter-book", root=directory, config=config, bibliographies=[str(directory / b) for b in bibs],
            syntax="myst",
        )  # fmt: skip
    scholar = data.get("scholar")
    if not isinstance(scholar, dict):
        return None
    source = names(scholar.get("source")) or ["_bibliography"]
    listed = names(scholar.get("bibliography")) or ["references.bib"]
    found = []
    for name in listed:
        path = directory / source[0] / name
        if not path.suffix and not path.exists() and path.with_suffix(".bib").exists():
            path = path.with_suffix(".bib")  # jekyll-scholar finds "references" as references.bib
        found.append(str(path))
    return Manuscript(kind="jekyll", root=directory, config=config, bibliographies=found, syntax="liquid")


# Sphinx's conf.py: "bibtex_bibfiles = ['refs.bib', "more.bib"]" (read as text, never run)
_BIBTEX_BIBFILES = re.compile(r"^bibtex_bibfiles\s*=\s*[\[(]([^\])]*)[\])]", re.M)
_STRING = re.compile(r"""(?:[rRuU]?)(?:"([^"\n]*)"|'([^'\n]*)')""")


@lru_cache(maxsize=256)
def _sphinx(directory: Path, stamp: int = 0) -> Manuscript | None:
    """A Sphinx project with sphinxcontrib-bibtex whose ``conf.py`` is in ``directory``: its pages
    (MyST Markdown read by myst-parser or myst-nb) cite the files ``bibtex_bibfiles`` names, relative
    to conf.py, with the extension's roles; None for a conf.py without them."""
    from refcheck.files import read_regular

    config = directory / "conf.py"
    try:
        text = read_regular(config, CONFIG_LIMIT).decode("utf-8", "replace")
    except OSError:
        return None
    if "sphinxcontrib.bibtex" not in text:
        return None
    m = _BIBTEX_BIBFILES.search(text)
    if m is None:
        return None
    if _STRING.sub("", re.sub(r"#[^\n]*", "", m.group(1))).strip(" \t\n,"):
        # paths worked out in Python ("[os.path.join(ROOT, 'refs.bib')]", "[f'{ROOT}/refs.bib']"):
        # not known without running conf.py, which refcheck never does
        return None
    bibs = [a or b for a, b in _STRING.findall(m.group(1)) if (a or b).strip()]
    if not bibs:
        return None
    return Manuscript(
        kind="sphinx",
        root=directory,
        config=config,
        bibliographies=[str(directory / b) for b in bibs],
        syntax="myst",
    )


@lru_cache(maxsize=256)
def _myst(directory: Path, stamp: int = 0) -> Manuscript:
    """A MyST project (mystmd, Jupyter Book 2) whose ``myst.yml`` is in ``directory``: its pages share
    the bibliographies ``project: bibliography:`` names, else every ``.bib`` file of the project; a
    page's "@label" may cross-reference a target another page labels."""
    config = directory / "myst.yml"
    data = _read_config(config)
    project = data.get("project")
    listed = names(project.get("bibliography")) if isinstance(project, dict) else []
    found, labels = _myst_files(directory)
    # (a remote bibliography, "https://...", is not fetched: its keys cannot be checked)
    bibs = [str(directory / b) for b in listed if "://" not in b] if listed else [str(p) for p in found]
    toc = _toc_pages(directory, project.get("toc")) if isinstance(project, dict) else None
    plugins = project.get("plugins") if isinstance(project, dict) else None
    scripts = tuple(
        (p if isinstance(p, str) else str(p.get("path", ""))) for p in (plugins if isinstance(plugins, list) else [])
        if isinstance(p, (str, dict))
    )  # fmt: skip
    return Manuscript(
        kind="myst",
        root=directory,
        config=config,
        bibliographies=bibs,
        syntax="mystmd",
        targets=labels,
        pages=toc,
        plugins=tuple(p for p in scripts if p),
    )


def _toc_pages(directory: Path, toc: Any) -> frozenset[Path] | None:
    """The files a myst.yml's ``toc`` lists (``file:`` entries, their ``children`` too, with or without
    their extension, as mystmd resolves "intro" to intro.md), resolved: with
    a table of contents mystmd builds those pages only (a template's instructions for writers beside
    them, skills/*.md, are no pages of the site). None when there is no list, or when it matches files
    by ``pattern`` (every file is then taken for a page)."""
    if not isinstance(toc, list):
        return None
    found: set[Path] = set()
    todo = list(toc)
    while todo:
        entry = todo.pop()
        if not isinstance(entry, dict) or "pattern" in entry:
            return None
        if isinstance(entry.get("file"), str):
            found.add((directory / entry["file"].strip()).resolve())
        children = entry.get("children")
        if isinstance(children, list):
            todo.extend(children)
    return frozenset(found) if found else None


def _myst_files(directory: Path) -> tuple[list[Path], frozenset[str]]:
    """The ``.bib`` files in ``directory`` and below (not in a build, package or hidden directory), in
    name order, as mystmd reads them when a project names none; and the labels its pages give their
    targets."""
    from refcheck.files import read_regular
    from refcheck.loaders.pandoc import targets

    found: list[Path] = []
    labels: set[str] = set()
    pages = 0
    for seen, (top, dirs, files) in enumerate(os.walk(directory)):
        if seen >= MAX_MYST_DIRS:
            break
        dirs[:] = sorted(d for d in dirs if d not in _MYST_SKIPPED and not d.startswith("."))
        for name in sorted(files):
            lower = name.lower()
            if lower.endswith(".bib") and len(found) < MAX_MYST_BIBS:
                found.append(Path(top) / name)
            elif lower.endswith((".md", ".ipynb")) and pages < MAX_MYST_PAGES:
                pages += 1
                try:
                    text = read_regular(Path(top) / name, MYST_PAGE_LIMIT).decode("utf-8", "replace")
                except OSError:
                    continue
                if lower.endswith(".ipynb"):
                    text = text.replace("\\n", "\n")  # (a notebook's lines are JSON strings)
                labels |= targets(text)
    return found, frozenset(labels)


@lru_cache(maxsize=256)
def _manubot(content: Path, stamp: int = 0) -> Manuscript | None:
    config = next((content / n for n in ("metadata.yaml", "manubot.yaml") if (content / n).is_file()), None)
    if config is None:
        return None
    chapters = sorted(
        (p for p in content.iterdir() if _NUMBERED.match(p.name) and p.is_file()), key=lambda p: p.name
    )[:MAX_CHAPTERS]
    if not chapters:
        return None
    data = _read_config(config)
    bibs = [str(content / b) for b in names(data.get("bibliography"))]
    bibs += [
        str(p)
        for p in sorted(content.glob("manual-references*"))
        if p.suffix.lower() in (".json", ".bib", ".yaml", ".yml") and p.is_file()
    ]
    csl = names(data.get("csl"))
    return Manuscript(
        kind="manubot",
        root=content,
        config=config,
        chapters=chapters,
        bibliographies=bibs,
        csl=str(content / csl[0]) if csl else None,
        aliases=citekey_aliases(data),
    )


@lru_cache(maxsize=256)
def _bookdown(directory: Path, stamp: int = 0) -> Manuscript | None:
    """A bookdown book: ``_bookdown.yml``'s ``rmd_files`` (a list, or one per output format: the
    first), else every .Rmd of the directory not starting with "_", index.Rmd first, in name order;
    merged into one document, whose bibliography index.Rmd's front matter names."""
    config = directory / "_bookdown.yml"
    data = _read_config(config)
    listed = data.get("rmd_files")
    if isinstance(listed, dict):
        listed = next((v for v in listed.values() if isinstance(v, list)), None)
    subdir = data.get("rmd_subdir")
    searched = _rmd_subdir_files(directory, subdir)
    if isinstance(listed, list):
        files = [directory / n for n in names(listed) if Path(n).suffix.lower() in MARKDOWN_SUFFIXES]
        files += searched  # rmd_subdir's files come after the listed ones
    else:
        try:
            found = sorted(
                p for p in directory.iterdir() if p.suffix.lower() == ".rmd" and not p.name.startswith("_")
            )
        except OSError:
            return None
        found += searched
        files = [p for p in found if p.name.lower() == "index.rmd"] + [
            p for p in found if p.name.lower() != "index.rmd"
        ]
    chapters: list[Path] = []
    seen: set[Path] = set()
    for f in files[:MAX_CHAPTERS]:
        if f.is_file() and f.resolve() not in seen:
            seen.add(f.resolve())
            chapters.append(f)
    if not chapters:
        return None
    return Manuscript(kind="bookdown", root=directory, config=config, chapters=chapters)


def _rmd_subdir_files(directory: Path, subdir: Any) -> list[Path]:
    """The chapters bookdown's ``rmd_subdir`` adds: ``true``, every .Rmd in the book's subdirectories;
    a directory or a list of them, every .Rmd in those (and in theirs), each directory's in name order;
    a file whose name begins with "_" is none (bookdown leaves it out)."""
    if subdir is True:
        tops = sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    elif isinstance(subdir, (str, list)):
        tops = [directory / n for n in names(subdir)]
    else:
        return []
    out: list[Path] = []
    for top in tops:
        try:
            out.extend(
                sorted(
                    p
                    for p in top.rglob("*")
                    if p.suffix.lower() == ".rmd" and not p.name.startswith("_") and p.is_file()
                )
            )
        except OSError:
            continue
        if len(out) > MAX_CHAPTERS:
            break
    return out


# A chapter a build hands to pandoc in name order ("pandoc $(find . -name '[0-9]*_*.md' | sort) -o
# thesis.pdf"): a name that begins with a number and a separator ("000_meta.md", "01-intro.md"); not a
# dated post ("2020-05-01-notes.md", a blog's)
_CHAPTER_FILE = re.compile(r"^\d{1,4}[_\-. ][^/]*\.(?:md|markdown|txt)$", re.I)
_DATED = re.compile(r"^\d{4}-\d\d-\d\d")


def _front_bibliography(path: Path) -> list[str] | None:
    """The bibliographies the front matter of ``path`` names (None: it has none, or names none), as
    the Markdown loader reads them (``loaders.pandoc.front_matter``)."""
    from refcheck.files import read_regular

    try:
        return _named_bibliographies(read_regular(path, CONFIG_LIMIT * 4))
    except OSError:
        return None


def _named_bibliographies(data: bytes) -> list[str] | None:
    """``_front_bibliography`` of a page's bytes (its first CONFIG_LIMIT bytes are read)."""
    head = data[:CONFIG_LIMIT]
    if not head.startswith((b"---", b"```", b"~~~", b"\n", b"<!--")) or b"bibliography" not in head:
        return None  # (no front matter, or none naming a bibliography: not parsed; see front_matter)
    from refcheck.loaders.pandoc import front_matter

    return front_matter(head.decode("utf-8", "replace").replace("\r\n", "\n")).bibliography or None


# The pages of each Quarto project (by its directory) that name a bibliography in their own front
# matter, this run: (the page, the bibliographies it names, the keys it cites), all resolved
_PROJECT_PAGES: dict[Path, list[tuple[Path, frozenset[Path], frozenset[str]]]] = {}
FORGOTTEN_WITH_DIRECTORIES.append(_PROJECT_PAGES)
MAX_PROJECT_PAGES = 2000  # pages of a Quarto project read for the keys they cite
PROJECT_PAGE_LIMIT = 1 << 20  # bytes read of each
_PAGE_SUFFIXES = (".qmd", ".md", ".rmd", ".markdown")
# a pandoc citation key as a page writes it ("@smith2010", "[@smith2010, p. 3]", "@{key.with.dots}"),
# in pandoc's grammar of keys (loaders.pandoc.CITE_KEY) wherever it stands: read loosely, as a word
# taken for a key can only keep an entry from being called uncited
_LOOSE_KEY_BEFORE = r"(?<![\w.+\-@])@"


def _project_pages(root: Path) -> list[tuple[Path, frozenset[Path], frozenset[str]]]:
    """The pages of the Quarto project ``root`` (not in a directory whose name begins with "_" or ".",
    which Quarto does not render) that name a bibliography in their front matter, with the files they
    name and the keys they cite."""
    found = _PROJECT_PAGES.get(root)
    if found is not None:
        return found
    from refcheck.files import read_regular
    from refcheck.loaders.pandoc import CITE_KEY

    loose_key = re.compile(rf"{_LOOSE_KEY_BEFORE}({CITE_KEY})")
    found = []
    seen = 0
    for top, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")) and d not in _MYST_SKIPPED)
        for name in sorted(files):
            if not name.lower().endswith(_PAGE_SUFFIXES) or name.startswith("_"):
                continue
            seen += 1
            if seen > MAX_PROJECT_PAGES:
                break
            page = Path(top) / name
            try:  # (one read: the front matter's bibliographies and the keys the page cites)
                data = read_regular(page, PROJECT_PAGE_LIMIT)
            except OSError:
                continue
            bibs = _named_bibliographies(data)
            if not bibs:
                continue
            text = data.decode("utf-8", "replace")
            keys = frozenset(m.group(1).strip("{}") for m in loose_key.finditer(text))
            named = frozenset((page.parent / b).resolve() for b in bibs if "://" not in b)
            found.append((page.resolve(), named, keys))
        if seen > MAX_PROJECT_PAGES:
            break
    _PROJECT_PAGES[root] = found
    return found


def cited_on_other_pages(
    path: str | Path, manuscript: Manuscript, bibliographies: list[str]
) -> frozenset[str]:
    """The keys the other pages of the Quarto project ``manuscript`` cite that name one of the same
    ``bibliographies`` in their own front matter (a website whose every page names refs.bib): an entry
    one of them cites is not uncited in the project, though this page does not cite it."""
    if manuscript.kind != "quarto" or not bibliographies:
        return frozenset()
    page = Path(path).resolve()
    mine = {Path(b).resolve() for b in bibliographies}
    keys: set[str] = set()
    for other, named, cited in _project_pages(manuscript.root):
        if other != page and named & mine:
            keys |= cited
    return frozenset(keys)


@lru_cache(maxsize=256)
def _pandoc_chapters(directory: Path, stamp: int = 0) -> Manuscript | None:
    """Markdown chapters a build passes to pandoc together, in name order (baltpeter's thesis:
    000_meta.md, 100_introduction.md ... 800_related-work.md): two or more files named by a number,
    the first of which, alone, names the bibliography in its front matter. pandoc reads them as one
    document, so each is checked as part of it, not as a page citing keys with no bibliography."""
    try:
        files = sorted(
            p
            for p in directory.iterdir()
            if _CHAPTER_FILE.match(p.name) and not _DATED.match(p.name) and p.is_file()
        )[:MAX_CHAPTERS]
    except OSError:
        return None
    if len(files) < 2:
        return None
    bibs = _front_bibliography(files[0])
    if bibs is None or any(_front_bibliography(f) is not None for f in files[1:]):
        return None
    return Manuscript(kind="pandoc-chapters", root=directory, config=files[0], chapters=files)


def manuscript_of(path: str | Path) -> Manuscript | None:
    """The Quarto project, bookdown book or Manubot manuscript a Markdown file belongs to, if any."""
    p = Path(path)
    if p.suffix.lower() not in MARKDOWN_SUFFIXES and p.suffix.lower() != ".ipynb":
        return None  # (a notebook is a page of a Jupyter Book, MyST or Quarto project, never a chapter)
    here = Path(real_path(p)).parent
    if here.name == "content" and _NUMBERED.match(p.name):
        found = _manubot(here, _stamp(here) + _stamp(here / "metadata.yaml"))
        if found is not None:
            return found
    book = _bookdown_above(here)
    if book is not None and p.resolve() in {c.resolve() for c in book.chapters}:
        return book
    above = _configured_above(here)
    if above is None:
        if _CHAPTER_FILE.match(p.name) and not _DATED.match(p.name):
            chapters = _pandoc_chapters(here, _stamp(here))
            if chapters is not None and p.resolve() in {c.resolve() for c in chapters.chapters}:
                return chapters
        return None
    kind, directory = above
    if kind == "site":
        return _site(directory, _stamp(directory / "_config.yml"))
    if kind == "sphinx":
        return _sphinx(directory, _stamp(directory / "conf.py"))
    if kind == "myst":
        site = _myst(directory, _stamp(directory / "myst.yml"))
        here_page = p.resolve()
        if (
            site.pages is not None
            and here_page not in site.pages
            and here_page.with_suffix("") not in site.pages
        ):
            # not in the table of contents (whose "file: intro" mystmd resolves to intro.md, .ipynb
            # ...): no page of the site, a file of its own
            return None
        return site
    ms = _quarto(directory, _stamp(directory / "_quarto.yml"))
    if ms is not None and ms.kind == "quarto-book" and p.resolve() not in {c.resolve() for c in ms.chapters}:
        # a file of the book's directory that is not one of its chapters: a page of its own
        return Manuscript("quarto", ms.root, ms.config, [], ms.bibliographies, ms.csl)
    return ms


def myst_toc_leaving_out(path: str | Path) -> Path | None:
    """The ``myst.yml`` of the MyST project ``path`` lies in, when its table of contents leaves the
    file out (``manuscript_of`` then takes it for a file of its own); None otherwise."""
    p = Path(path)
    above = _configured_above(Path(real_path(p)).parent)
    if above is None or above[0] != "myst":
        return None
    site = _myst(above[1], _stamp(above[1] / "myst.yml"))
    page = p.resolve()
    if site.pages is None or page in site.pages or page.with_suffix("") in site.pages:
        return None
    return site.config


# The nearest Quarto project or site configuration above each directory, this run: the pages of
# one directory ask the same question (project_root and a few stats per level each)
_CONFIGURED_ABOVE: dict[Path, tuple[str, Path] | None] = {}
FORGOTTEN_WITH_DIRECTORIES.append(_CONFIGURED_ABOVE)


def _directories_above(here: Path) -> Iterator[Path]:
    """``here`` and the directories above it where a project's configuration is looked for: up to the
    Git root; outside a Git checkout, a few levels (a book's chapters in ch/ or parts/)."""
    top = project_root(here)
    levels = len(here.parts) if top != here else LEVELS_OUTSIDE_GIT
    for directory in (here, *here.parents)[: levels + 1]:
        yield directory
        if directory == top and top != here:
            return


def _bookdown_above(here: Path) -> Manuscript | None:
    """The book of the nearest ``_bookdown.yml`` at or above ``here`` (as far up as a _quarto.yml is
    looked for): a book's ``rmd_files`` may name chapters in subdirectories ("dataviz/intro.Rmd")."""
    for directory in _directories_above(here):
        if (directory / "_bookdown.yml").is_file():
            return _bookdown(directory, _stamp(directory / "_bookdown.yml") + _stamp(directory))
    return None


def _configured_above(here: Path) -> tuple[str, Path] | None:
    """("quarto", the directory of the nearest _quarto.yml), ("myst", that of a myst.yml) or ("site",
    that of a _config.yml of a site) at or above ``here``: up to the Git root; outside a Git checkout,
    a few levels (a book's chapters in ch/ or parts/)."""
    if here in _CONFIGURED_ABOVE:
        return _CONFIGURED_ABOVE[here]
    found: tuple[str, Path] | None = None
    for directory in _directories_above(here):
        if (directory / "_quarto.yml").is_file():
            found = ("quarto", directory)
            break
        if (directory / "myst.yml").is_file():
            found = ("myst", directory)
            break
        config = directory / "_config.yml"
        if config.is_file() and _site(directory, _stamp(config)) is not None:
            found = ("site", directory)
            break
        conf = directory / "conf.py"
        if conf.is_file() and _sphinx(directory, _stamp(conf)) is not None:
            found = ("sphinx", directory)
            break
    _CONFIGURED_ABOVE[here] = found
    return found


def main_file(path: str) -> str:
    """The file a manuscript of several files is checked from (``path`` itself otherwise)."""
    ms = manuscript_of(path)
    if ms is None or ms.main is None:
        return path
    if ms.main.resolve() == Path(path).resolve():
        return path
    # keep the caller's way of naming files (relative stays relative)
    return str(ms.main) if Path(path).is_absolute() else os.path.relpath(ms.main)
