"""Which files a directory holds for checking: .gitignore, --exclude-path and extend-exclude respected.

``discover_files(directory, discovery)`` walks ``directory`` and returns the supported files in it,
sorted. It leaves out:

* hidden files and directories (``.git``, ``.venv``, ``.cache`` ...) and a few directories that hold
  other people's files (``node_modules``, ``site-packages``, ``__pypackages__``, Quarto's
  ``_extensions``, Bundler's ``vendor/bundle`` beside a ``Gemfile``);
* what a book or site generator writes when it builds, beside its configuration: ``_build`` of
  Jupyter Book (``_config.yml``, ``_toc.yml``, ``myst.yml``) and Sphinx (``conf.py``), ``_site`` of
  Jekyll (``_config.yml``), ``_book``/``_site``/``_manuscript`` and the ``output-dir`` of Quarto
  (``_quarto.yml``), ``_book`` and the ``output_dir`` of bookdown (``_bookdown.yml``), ``build``,
  ``output`` and ``webpage`` of a Manubot repository (``content/metadata.yaml`` beside
  ``build/build.sh``: its build's plugins and themes, and what the build writes). Each page
  there is a rendering of a source that is checked (its citations already formatted, its
  bibliography often on another page), so checking it again says the same defects twice or
  wrongly; projects that publish from ``docs/`` commit that output; and its templates and data,
  which are no pages: Jekyll's ``_layouts``, ``_includes``, ``_sass`` and ``_data``, Sphinx's and
  Jupyter Book's ``_templates`` and ``_static``;
* in a Quarto project or a bookdown book, files and directories whose names begin with ``_``, which
  their renderers leave out too: partials (``_setup.qmd``, included by the pages that need them)
  and the renderer's own (``_freeze``, ``_extensions``);
* blank files (white space only): placeholders, a page retired from a book kept as one empty line,
  a template's empty partial; nothing to check, and no bad input, as a blank file named is;
* what knitr, rmarkdown and Quarto render from R Markdown: ``x.md`` and ``x.html`` beside ``x.Rmd``
  or ``x.qmd``, and the intermediate ``x.knit.md`` and ``x.utf8.md`` (the source is checked, once);
* HTML pages a site or book generator rendered (Quarto, bookdown, Sphinx, Jupyter Book, MkDocs: their
  ``<meta name="generator">`` tag), committed where it does not write them itself (a ``docs/``
  published on GitHub Pages, copied there by a build script), when the walk holds sources they are
  rendered from (``.qmd``/``.Rmd`` ...), and the libraries Quarto and R Markdown copy into a rendered
  site (``site_libs``), and a page's support files (``slides_files/libs``, ``paper_files/figure-html``:
  reveal.js and its plugins, Bootstrap, knitr's figures) beside the page they were rendered for;
* the HTML files TeX4ht wrote beside the LaTeX source it rendered (a ``paper.4ct`` beside
  ``paper.tex``): the source is checked, and its split pages cite entries listed on another page;
* Office owner files (``~$paper.docx``: the lock Word writes beside a document it has open, not a
  document, which would otherwise fail the run with "not a DOCX file");
* whatever the ``.gitignore`` files say (every ``.gitignore`` from the top of the Git checkout down
  to each file, deeper files winning, as Git reads them, and ``.git/info/exclude``), unless
  ``respect_gitignore`` is off;
* the ``extend-exclude`` patterns of every configuration file from the top down, each relative to
  its own directory, and the ``--exclude-path`` patterns, relative to the current directory; both
  are written as .gitignore lines (``drafts/``, ``*.bak``, ``/build``, ``!keep.md``);
* symlinks that lead out of the walked directory (or into a hidden directory in it, such as
  ``.git``), and anything that is not a regular file (FIFOs, devices, sockets): a checked tree cannot
  make refcheck read what lies outside it or block on a pipe.

Files named on the command line are checked whatever these say, as in Git and ruff, unless
``force_exclude`` is set (``--force-exclude``, for pre-commit, which names files one by one): then
``--exclude-path`` and ``extend-exclude`` apply to them too.

The .gitignore patterns are matched by ``pathspec`` (Git's wildmatch rules, negation and directory
patterns included) rather than by hand.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from refcheck._lazy import lazy_pattern
from refcheck.files import after_bom, read_regular, real_path
from refcheck.loaders import format_for

if TYPE_CHECKING:
    import pathspec

# Directories never searched (besides hidden ones): packages and environments, not documents.
# Quarto's "_extensions" (formats, filters and their templates, installed beside a single .qmd as in a
# project: "quarto add wjschne/apaquarto") is one too.
# (site_libs: the JavaScript and CSS libraries Quarto and R Markdown copy into a rendered site, their
# AUTHORS.txt lists among them)
SKIPPED_DIRECTORIES = frozenset(
    {"node_modules", "site-packages", "__pypackages__", "_extensions", "site_libs"}
)
# A generator's configuration file -> the directories it writes its output to beside it.
# Also the directories of its templates and data, which are no pages: Jekyll's layouts and includes
# (a footer's "Built by Ann Jones (2024)" was a missing-reference error), Sphinx's templates.
_OUTPUT_DIRECTORIES = {
    # Jupyter Book, Jekyll
    "_config.yml": ("_build", "_site", "_layouts", "_includes", "_sass", "_data", "_templates", "_static"),
    "_toc.yml": ("_build",),
    "myst.yml": ("_build",),
    "conf.py": ("_build", "_templates", "_static"),  # Sphinx
    "_quarto.yml": ("_book", "_site", "_manuscript"),
    "_bookdown.yml": ("_book",),
}
# The output directory a Quarto project (project: output-dir:) or a bookdown book (output_dir:) names.
_OUTPUT_DIR_SETTING = lazy_pattern(
    r"^[ \t]*output[-_]dir[ \t]*:[ \t]*[\"']?([^\"'#\n]+?)[\"']?[ \t]*(?:#.*)?$", re.M
)
_CONFIG_LIMIT = 256 * 1024


# Projects whose renderer leaves out files and directories named "_..." (partials, included by the
# pages that need them: "{{< include _setup.qmd >}}"; its own _freeze, _extensions).
_BOOK_CONFIGS = frozenset({"_quarto.yml", "_quarto.yaml", "_bookdown.yml"})


def _in_book(directory: Path) -> str | None:
    """The configuration text of the Quarto project or bookdown book ``directory`` lies in (a few
    levels up at most), or None."""
    for d in (directory, *directory.parents)[:6]:
        if any((d / c).is_file() for c in _BOOK_CONFIGS):
            return _book_config(d)
    return None


def _knitted(name: str, sources: set[str]) -> bool:
    """Whether ``name`` is what knitr, rmarkdown or Quarto wrote from R Markdown: their intermediate
    "x.knit.md" / "x.utf8.md" (deleted once rendered, left behind when committed), or "x.md" and
    "x.html" beside "x.Rmd" or "x.qmd" (a keep_md or html_document rendering)."""
    lower = name.lower()
    if lower.endswith((".knit.md", ".utf8.md")):
        return True
    stem, _, suffix = name.rpartition(".")
    return suffix.lower() in ("md", "html", "htm") and stem in sources


_BLANK_PAGE = 64  # bytes: a file this small found in a directory is read to see if it is blank


def blank_file(path: Path) -> bool:
    """A placeholder a directory walk leaves out: a small file of white space, or nothing but a byte
    order mark (--force-exclude leaves it out when named, as pre-commit names every changed file)."""
    try:
        return os.stat(path).st_size <= _BLANK_PAGE and _blank(path)
    except OSError:
        return False


def _blank(path: Path) -> bool:
    try:
        return not after_bom(read_regular(path, _BLANK_PAGE, truncate=True)).strip()
    except OSError:
        return False


def _book_config(directory: Path) -> str:
    """The text of the book configurations in ``directory``: a partial it names ("render: -
    docs/_repro.qmd") is rendered, so checked, as any page."""
    texts = []
    for name in sorted(_BOOK_CONFIGS):
        try:
            texts.append(
                read_regular(directory / name, _CONFIG_LIMIT, truncate=True).decode("utf-8", "replace")
            )
        except OSError:
            continue
    return "\n".join(texts)


def generated_directories(directory: Path, names: set[str]) -> set[str]:
    """The subdirectories of ``directory`` (holding the files ``names``) that a book or site generator
    configured there writes its output to (see the module docstring); not one its configuration
    names sources in (a Quarto website rendering ``docs/_repro.qmd`` into ``docs``)."""
    out: set[str] = set()
    sources: list[str] = []
    for config, dirs in _OUTPUT_DIRECTORIES.items():
        if config not in names:
            continue
        out.update(dirs)
        if config in ("_quarto.yml", "_bookdown.yml"):
            try:
                text = read_regular(directory / config, _CONFIG_LIMIT, truncate=True).decode(
                    "utf-8", "replace"
                )
            except OSError:
                continue
            sources.append(text)
            for m in _OUTPUT_DIR_SETTING().finditer(text):
                first = Path(m.group(1).strip()).parts
                if first and first[0] not in (".", ".."):
                    out.add(first[0])
    if "content" in names and "build" in names and _manubot_repository(directory):
        out.update(_MANUBOT_OUTPUT)
    return {d for d in out if not any(_source_in(d).search(text) for text in sources)}


# What a Manubot repository holds besides its manuscript (content/): the build's scripts, pandoc
# filters, themes and HTML plugins (build/), and what the build writes (output/, and webpage/ that
# CI publishes), each a rendering or a template of content/, no document: its 14 plugins were 14
# empty-document lines (greenelab/deep-review)
_MANUBOT_OUTPUT = ("build", "output", "webpage")


def _manubot_repository(directory: Path) -> bool:
    """Whether ``directory`` is a Manubot repository's top: its manuscript in ``content/``
    (``metadata.yaml`` or ``manubot.yaml`` there) and Manubot's build script ``build/build.sh``; a
    ``build/`` beside any other ``content/`` is kept."""
    content = directory / "content"
    return (directory / "build" / "build.sh").is_file() and any(
        (content / n).is_file() for n in ("metadata.yaml", "manubot.yaml")
    )


def _source_in(directory: str) -> re.Pattern[str]:
    """A source file under ``directory`` named in a configuration (``- docs/_repro.qmd``)."""
    return re.compile(rf"(?<![\w.-]){re.escape(directory)}/[^\s\"',\]]+\.(?:qmd|md|rmd|ipynb)\b", re.I)


@dataclass
class _Spec:
    base: Path  # the directory the patterns are relative to
    spec: pathspec.GitIgnoreSpec

    def decides(self, path: Path, is_dir: bool) -> bool | None:
        """True: excluded, False: re-included by a ``!`` pattern, None: no pattern matches."""
        try:
            rel = path.relative_to(self.base).as_posix()
        except ValueError:
            return None
        if rel in ("", "."):
            return None
        result = self.spec.check_file(rel + "/" if is_dir else rel)
        return result.include


# A pattern longer than any path can match nothing, and pathspec's time to compile one grows with the
# square of its length (a 1 MiB line: 100 s): such lines are left out.
MAX_PATTERN = 4096
MAX_IGNORE_FILE = 1 << 20


def _spec(base: Path, lines: Iterable[str]) -> _Spec | None:
    kept = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#") and len(ln) <= MAX_PATTERN]
    # a repeated line decides nothing its last copy does not (the last matching pattern wins)
    kept = list(reversed(dict.fromkeys(reversed(kept))))
    if not kept:
        return None
    import pathspec  # only when there are patterns to match: not at start-up

    try:
        return _Spec(base, pathspec.GitIgnoreSpec.from_lines(kept))
    except (re.error, ValueError):
        # a pattern no regular expression can say ("[z-a]", a bad range): Git matches nothing with
        # it, so it is left out (each line tried alone only when the whole set fails)
        kept = [ln for ln in kept if _compiles(ln)]
        return _Spec(base, pathspec.GitIgnoreSpec.from_lines(kept)) if kept else None


def _compiles(line: str) -> bool:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except (re.error, ValueError):
        return False
    return True


def _read_lines(path: Path) -> list[str]:
    """The lines of an ignore file: a regular file (never a FIFO, or a symlink to /dev/zero, which
    Git can store), its first MiB."""
    try:
        data = read_regular(path, MAX_IGNORE_FILE, truncate=True)
    except OSError:
        return []
    return data.decode("utf-8", "replace").splitlines()


@dataclass
class Discovery:
    """How directories are searched (the CLI and the configuration fill it)."""

    respect_gitignore: bool = True
    # --exclude-path patterns, relative to ``base`` (the current directory)
    exclude_paths: list[str] = field(default_factory=list)
    base: Path = field(default_factory=Path.cwd)
    force_exclude: bool = False
    # directory -> the extend-exclude patterns of the configuration file in it (none: [])
    config_patterns: Callable[[Path], list[str]] = field(default=lambda _d: [])
    # files never discovered (the report being written, say)
    skip: set[Path] = field(default_factory=set)
    # the project root (project.py): outside a Git checkout, ignore files count from here down
    project: Path | None = None

    def _specs_for(self, directory: Path, gitignore: bool = True) -> list[_Spec]:
        """The ignore files and configuration patterns that apply in ``directory`` itself."""
        specs: list[_Spec] = []
        if gitignore and self.respect_gitignore:
            s = _spec(directory, _read_lines(directory / ".gitignore"))
            if s:
                specs.append(s)
            if (directory / ".git").is_dir():
                s = _spec(directory, _read_lines(directory / ".git" / "info" / "exclude"))
                if s:
                    specs.insert(0, s)
        s = _spec(directory, self.config_patterns(directory))
        if s:
            specs.append(s)
        return specs

    def _inherited(self, directory: Path, gitignore: bool = True) -> list[_Spec]:
        """Specs from the top of the checkout (or the project) down to ``directory``'s parent."""
        top = _top(directory, self.project)
        chain = [d for d in (directory, *directory.parents) if d == top or _below(d, top)]
        specs: list[_Spec] = []
        for d in reversed(chain[1:]):
            specs.extend(self._specs_for(d, gitignore))
        return specs

    def _command_line(self) -> list[_Spec]:
        s = _spec(self.base.resolve(), self.exclude_paths)
        return [s] if s else []

    def excluded(self, path: Path, is_dir: bool, specs: list[_Spec]) -> bool:
        """The last spec with a say decides, as in Git (deeper files come later)."""
        for s in reversed(specs):
            verdict = s.decides(path, is_dir)
            if verdict is not None:
                return verdict
        return False

    def force_excluded(self, file: str | Path) -> bool:
        """With --force-exclude: whether a file named on the command line is excluded by
        --exclude-path or extend-exclude (not by .gitignore: naming a file is asking for it)."""
        if not self.force_exclude:
            return False
        path = Path(os.path.abspath(file))
        specs = self._inherited(path, gitignore=False) + self._command_line()
        # every directory on the way can be excluded too ("drafts/" excludes drafts/a.md)
        top = _top(path.parent, self.project)
        parents = [p for p in reversed(path.parents) if p == top or _below(p, top)]
        for p in parents[1:]:
            if self.excluded(p, True, specs):
                return True
        return self.excluded(path, False, specs)


def git_ignored(path: str | Path, project: Path | None = None) -> bool:
    """Whether the repository's ignore files (every ``.gitignore`` from the top of the checkout down
    to ``path``'s directory, and ``.git/info/exclude``) leave out ``path``, which need not exist: a
    file the build writes (a LaTeX project's ``version.tex``, ``*.out``)."""
    path = Path(os.path.abspath(path))
    finder = Discovery(project=project)
    specs = finder._inherited(path.parent) + finder._specs_for(path.parent)
    top = _top(path.parent, project)
    parents = [p for p in reversed(path.parents) if p == top or _below(p, top)]
    return any(finder.excluded(p, True, specs) for p in parents[1:]) or finder.excluded(path, False, specs)


_SUBMODULE_PATH = re.compile(r"^[ \t]*path[ \t]*=[ \t]*(.+?)[ \t]*$", re.M)


def submodule_of(path: str | Path, project: Path | None = None) -> str | None:
    """The path (relative to the top of the checkout) of the git submodule ``.gitmodules`` declares
    that ``path`` lies in, or None: a file of a submodule that was not checked out (a clone without
    ``--recurse-submodules``) is missing for that reason, not because the document names a wrong one."""
    path = Path(os.path.abspath(path))
    top = _top(path.parent, project)
    try:
        text = (top / ".gitmodules").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for m in _SUBMODULE_PATH.finditer(text):
        sub = m.group(1).strip().strip('"').strip("/")
        if sub and (top / sub) in path.parents:
            return sub
    return None


def _top(directory: Path, project: Path | None = None) -> Path:
    """Where ignore files start to count: the nearest directory holding .git; else the project root
    when ``directory`` lies in it; else ``directory`` itself."""
    for d in (directory, *directory.parents):
        if (d / ".git").exists():
            return d
    if project is not None and (directory == project or project in directory.parents):
        return project
    return directory


def _within(target: Path, root: Path) -> bool:
    """Whether ``target`` lies below ``root`` and in no hidden directory there."""
    try:
        parts = target.relative_to(root).parts
    except ValueError:
        return False
    return bool(parts) and not any(p.startswith(".") for p in parts)


# What refcheck's own reports begin with: an HTML report (its generator tag, or the title of those
# written before it had one), a JUnit report, a Markdown summary. A report left in a checked directory
# by an earlier run ("--format html -o docs/report.html") is output, not a document.
_REPORT_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xml", ".md", ".markdown"})
_REPORT_HEAD = lazy_pattern(
    r'<meta name="generator" content="refcheck\b|<title>refcheck report</title>'
    r'|<testsuites name="refcheck"'
    r"|\A## refcheck\n\n\S* ?(?:no findings|findings): \d+ files? checked"
)


# The generator tag of a page Quarto, R Markdown's bookdown, Sphinx, Jupyter Book or MkDocs rendered
# ('<meta name="generator" content="quarto-1.8.20">'), and the sources they render from
_RENDERED_HEAD = lazy_pattern(
    r'<meta\s+name="generator"\s+content="(quarto|bookdown|sphinx|jupyter book|mkdocs)\b', re.I
)
_SOURCES = {
    "quarto": (".qmd", ".rmd", ".ipynb"),
    "bookdown": (".rmd",),
    "sphinx": (".md", ".rst", ".ipynb"),
    "jupyter book": (".md", ".ipynb"),
    "mkdocs": (".md",),
}
# and the configuration files of the projects they render (a page rendered from sources that have
# other names than its own: bookdown names its pages after the chapters' ids, MkDocs "about/index.html"
# from "about.md")
_CONFIGS = {
    "quarto": frozenset({"_quarto.yml", "_quarto.yaml"}),
    "bookdown": frozenset({"_bookdown.yml", "_bookdown.yaml"}),
    "sphinx": frozenset({"conf.py"}),
    "jupyter book": frozenset({"_config.yml", "_toc.yml", "myst.yml"}),
    "mkdocs": frozenset({"mkdocs.yml", "mkdocs.yaml"}),
}
_EVERY_CONFIG = frozenset().union(*_CONFIGS.values())


def _head_of(path: Path) -> tuple[bool, str | None]:
    """Whether ``path`` is a report refcheck wrote, and the generator that rendered it (an HTML page
    Quarto, bookdown, Sphinx, Jupyter Book or MkDocs wrote), from how it begins."""
    suffix = path.suffix.lower()
    if suffix not in _REPORT_SUFFIXES:
        return False, None
    try:
        head = read_regular(path, 4096, truncate=True).decode("utf-8", "replace")
    except OSError:
        return False, None
    if _REPORT_HEAD().search(head):
        return True, None
    if suffix in (".html", ".htm"):
        rendered = _RENDERED_HEAD().search(head)
        if rendered is not None:
            return False, rendered.group(1).lower()
    return False, None


# the summary line that ends refcheck's text report ("--format text --output report.txt")
_TEXT_SUMMARY = lazy_pattern(
    r"\n\d+ files? checked: \d+ errors?, \d+ warnings?, \d+ info(?:; \d+ files? could not be read)?\n?\Z"
)


def own_report(name: str | Path) -> bool:
    """Whether ``name`` is a report an earlier run of refcheck wrote (any format a document's suffix
    can have), from how it begins or, for the text report, ends."""
    path = Path(name)
    if _head_of(path)[0]:
        return True
    if path.suffix.lower() not in (".txt", ".text"):
        return False
    try:
        with open(path, "rb") as f:
            f.seek(max(0, os.fstat(f.fileno()).st_size - 4096))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return False
    return _TEXT_SUMMARY().search("\n" + tail) is not None


def _below(path: Path, top: Path) -> bool:
    return path != top and top in path.parents


# what a renderer puts in a page's "<name>_files" directory: Quarto's and R Markdown's copied
# libraries ("libs": reveal.js and its plugins' READMEs and demo pages, Bootstrap), knitr's figures
# ("figure-html", "figure-revealjs", "figure-latex")
_SUPPORT = lazy_pattern(r"libs|figure-[\w-]+")
_PAGE_SUFFIXES = (".html", ".htm", ".qmd", ".rmd", ".ipynb", ".md", ".markdown")


def _support_files(path: Path, name: str, names: set[str]) -> bool:
    """Whether the directory ``name`` is the support files a renderer wrote for a page beside it
    (Quarto, R Markdown, knitr, nbconvert: "slides_files" beside "slides.qmd" or "slides.html")
    rather than a directory of documents: named after the page, holding libraries or figures."""
    if not name.endswith("_files"):
        return False
    stem = name[: -len("_files")].lower()
    if not any(n.lower() in {stem + s for s in _PAGE_SUFFIXES} for n in names):
        return False
    try:
        return any(_SUPPORT().fullmatch(e.name) for e in os.scandir(path) if e.is_dir(follow_symlinks=False))
    except OSError:
        return False


def discover_files(
    directory: str | Path,
    discovery: Discovery | None = None,
    unfollowed: list[str] | None = None,
    unreadable: list[tuple[str, str]] | None = None,
) -> list[str]:
    """Supported files under ``directory``, sorted, as paths that begin with ``directory`` as given.
    The symlinks left out because they lead out of it are appended to ``unfollowed`` when it is given
    (to say why a directory of links has nothing to check); the directories that cannot be listed
    and the files that cannot be reached (no permission), each with the error to report, to
    ``unreadable``: they are not checked, which the user must hear rather than read a clean report."""
    discovery = discovery or Discovery()
    given = Path(directory)
    root = Path(os.path.abspath(directory))
    real_root = root.resolve()
    skip = {p.resolve() for p in discovery.skip}
    cmd = discovery._command_line()
    found: list[str] = []

    def walk(d: Path, shown: Path, specs: list[_Spec], book: str | None) -> None:
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
            specs = specs + discovery._specs_for(d)
        except OSError as exc:
            if unreadable is not None and not isinstance(exc, FileNotFoundError):
                why = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
                unreadable.append(
                    (str(shown), f"the directory cannot be read ({why}): its files are not checked")
                )
            return
        every = specs + cmd  # the command line has the last word
        names = {e.name for e in entries}
        configs.update(names & _EVERY_CONFIG)
        if not names.isdisjoint(_BOOK_CONFIGS):
            book = _book_config(d)
        generated = generated_directories(d, names)
        # TeX4ht ran here (its "paper.4ct" beside "paper.tex"): the HTML files are its renderings of the
        # LaTeX source, which is checked (split pages cite entries listed on another page)
        tex4ht = any(n.endswith(".4ct") and n[:-4] + ".tex" in names for n in names)
        sources = {n.rsplit(".", 1)[0] for n in names if n.lower().endswith((".rmd", ".qmd"))}
        if d.name == "vendor" and (d.parent / "Gemfile").is_file():
            generated.add("bundle")  # gems Bundler installed (bundle install --path vendor/bundle)
        for entry in entries:
            name = entry.name
            if name.startswith((".", "~$")):
                continue  # hidden, or an Office owner file ("~$paper.docx": Word's lock while it is open)
            if book is not None and name.startswith("_") and name not in book:
                continue  # a Quarto or bookdown partial ("_setup.qmd"), or their own files (_freeze)
            path = d / name
            try:
                if entry.is_symlink() and not _within(Path(real_path(path)), real_root):
                    if unfollowed is not None:
                        unfollowed.append(str(shown / name))
                    continue  # a symlink out of the checked directory, or into a hidden one (.git/config)
                if entry.is_dir(follow_symlinks=False):
                    if name in generated or _support_files(path, name, names):
                        continue  # a generator's output (a rendering of sources checked here)
                    if name not in SKIPPED_DIRECTORIES and not discovery.excluded(path, True, every):
                        walk(path, shown / name, specs, book)
                    continue
                if not format_for(path) or discovery.excluded(path, False, every):
                    continue
                if tex4ht and name.lower().endswith((".html", ".htm")):
                    continue
                if _knitted(name, sources):
                    continue  # knitr's or Quarto's rendering of the .Rmd/.qmd beside it, which is checked
                st = os.stat(path)  # follows a symlink
            except PermissionError:
                if unreadable is not None and format_for(path):
                    unreadable.append(
                        (str(shown / name), "permission denied")
                    )  # a directory listed, not searchable
                continue
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue  # a FIFO, a device, a socket, or a symlink to a directory
            target = Path(real_path(path))
            if target in skip:
                continue
            report, generator = _head_of(path)
            if report:
                continue
            if st.st_size <= _BLANK_PAGE and _blank(path):
                continue  # a blank placeholder (a retired page, a template's partial): no document
            if generator is not None:
                rendered.append((str(shown / name), generator))
                continue
            found.append(str(shown / name))

    # pages a site or book generator rendered, committed where it does not write them itself (a
    # "docs/" published on GitHub Pages, copied there by a build script): renderings of sources in
    # the walk, which are checked (their citations already formatted, the bibliography on another
    # page); checked themselves when the walk holds no source they could come from: none of the
    # generator's kind, or none of the page's name in a walk without the generator's project (a
    # Quarto article's HTML beside an unrelated notebook or a README.md is the document to check)
    rendered: list[tuple[str, str]] = []
    configs: set[str] = set()
    try:
        inherited, book = discovery._inherited(root), _in_book(root)
    except OSError as exc:  # a directory listed but not searchable ("chmod a-x"): its .gitignore unknown
        inherited, book = [], None
        if unreadable is not None:
            why = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
            unreadable.append(
                (str(given), f"the directory cannot be read ({why}): its files are not checked")
            )
            return []
    walk(root, given, inherited, book)
    if rendered:
        stems: dict[str, set[str]] = {}
        for f in found:
            p = Path(f)
            stems.setdefault(p.suffix.lower(), set()).add(p.stem.lower())

        def has_source(page: str, generator: str) -> bool:
            sources = [stems.get(x, set()) for x in _SOURCES[generator]]
            if not any(sources):
                return False
            if not configs.isdisjoint(_CONFIGS[generator]):
                return True
            p = Path(page)
            names = {p.stem.lower()} | ({p.parent.name.lower()} if p.stem.lower() == "index" else set())
            return any(not names.isdisjoint(s) for s in sources)

        found.extend(f for f, generator in rendered if not has_source(f, generator))
    return sorted(found)
