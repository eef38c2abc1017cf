"""What a run checks and how, up to a loaded document: the files that paths name (``expand_paths``:
directories searched), the options each file is checked with (``CheckOptions``), loading one
(``load``), and what checking one gives (``FileResult``).

Apart from the analysis (pipeline.py) so that a run can plan its files and load a document without
importing the analysis's modules (the rules, the reference-list parser: ~60 ms): the link-checking
child (links/prefetch.py) is forked before they are imported, and checks the URLs while the parent
imports them. pipeline.py re-exports these names.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from refcheck.discovery import Discovery, blank_file, discover_files
from refcheck.errors import InputError
from refcheck.files import FileTooLarge, NotRegularFile, after_bom, read_regular, reading_limit, size_text
from refcheck.loaders import (
    CONVERT,
    DEFAULT_MAX_FILE_SIZE,
    LOADERS,
    SUFFIXES,
    format_for,
    sniff,
    unreadable,
)
from refcheck.sanitize import one_line

if TYPE_CHECKING:
    from refcheck.links.options import LinkOptions
    from refcheck.model import Document
    from refcheck.reporters._common import Encoded
    from refcheck.verify.options import VerifyOptions


@dataclass
class CheckOptions:
    """What to check and how; the CLI and the configuration file fill it."""

    links: bool = False
    input_format: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    select: list[str] | None = None  # rule names to run (None: all)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # rule -> severity override
    bib: list[str] = field(default_factory=list)  # --bib: bibliography files for pandoc keys / LaTeX
    # Link checking (refcheck.links.LinkOptions); the names match the configuration keys.
    link_timeout: float = 10.0
    link_max_concurrency: int = 16
    link_per_host: int = 4
    link_exclude: list[str] = field(default_factory=list)
    link_accept: list[int] | None = None  # None: any 2xx is alive
    link_archive: str | bool = "auto"  # auto | all | none (True: auto, False: none)
    link_archive_api: str | None = None  # None: REFCHECK_ARCHIVE_API or the Wayback Machine's
    link_allow_private_hosts: bool = False
    link_cache: bool = True
    link_cache_max_age: float = 86400.0
    link_stage_timeout: float = 900.0  # seconds the whole link stage may take (0: no limit)
    # Verification: each entry looked up in the registries (refcheck.verify; the verification
    # rules), and, with links, the cited pages' titles compared with the entries' (link-content-*).
    verify: bool = True
    verify_crossref_api: str | None = None  # None: REFCHECK_CROSSREF_API or Crossref's
    verify_openalex_api: str | None = None  # None: REFCHECK_OPENALEX_API or OpenAlex's
    verify_doi_api: str | None = None  # None: REFCHECK_DOI_API or doi.org's handle API
    verify_mailto: str | None = None  # None: REFCHECK_MAILTO; joins the registries' polite pools
    verify_stage_timeout: float = 900.0  # seconds the whole verification stage may take (0: no limit)
    # The run's project root (runner.plan): files a document names (a Markdown bibliography, a
    # chapter) are read only inside it. None: the document's own project (project.py).
    project_root: str | None = None
    # The document's bytes when they come from elsewhere than its path: standard input
    # (``refcheck check -``, runner.Stdin); its format is then found from them when the path's
    # suffix does not say it (loaders.sniff).
    content: bytes | None = None

    def link_options(self) -> LinkOptions:
        from refcheck.links.options import LinkOptions

        archive = self.link_archive
        if isinstance(archive, bool):
            archive = "auto" if archive else "none"
        opts = LinkOptions(
            timeout=self.link_timeout,
            max_concurrency=self.link_max_concurrency,
            per_host=self.link_per_host,
            exclude=list(self.link_exclude),
            accept=frozenset(self.link_accept) if self.link_accept else None,
            archive=archive,
            allow_private_hosts=self.link_allow_private_hosts,
            cache=self.link_cache,
            cache_max_age=float(self.link_cache_max_age),
            stage_timeout=float(self.link_stage_timeout),
            check_content=self.verify,
        )
        if self.link_archive_api:
            opts.archive_api = self.link_archive_api
        return opts

    def verify_options(self) -> VerifyOptions:
        from refcheck.verify.options import VerifyOptions

        opts = VerifyOptions(cache=self.link_cache, stage_timeout=float(self.verify_stage_timeout))
        for name in ("crossref_api", "openalex_api", "doi_api", "mailto"):
            value = getattr(self, f"verify_{name}")
            if value:
                setattr(opts, name, value.rstrip("/") if name != "mailto" else value)
        return opts


@dataclass
class FileResult:
    """One input file: its document, or the one-line reason it could not be checked."""

    path: str
    doc: Document | None = None
    error: str | None = None
    # the file's JSON record, encoded where the file was checked (``runner.KEEP``: "record"); then
    # ``doc`` holds only the findings
    record: Encoded | None = None


# --- stage 1: load ---------------------------------------------------------------------------------


_LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"


def load(path: str, options: CheckOptions | None = None) -> Document:
    options = options or CheckOptions()
    if options.content is not None:
        return _load_content(path, options.content, options)
    fmt = options.input_format or format_for(path)
    if fmt is None or fmt not in LOADERS:
        known = ", ".join(sorted(SUFFIXES))
        suffix = Path(path).suffix.lower()
        if suffix in CONVERT:  # a .doc, a PDF: say what to do with it
            raise InputError(f"unsupported file type: {unreadable(suffix)}")
        raise InputError(f"unsupported file type (refcheck reads {known}; use --input-format)")
    try:
        data = read_regular(path, options.max_file_size)
    except NotRegularFile:
        raise InputError("not a regular file (a device, a FIFO or a socket); refcheck reads files") from None
    except FileTooLarge as exc:
        raise InputError(
            f"the file is {size_text(exc.size)}, over the {size_text(exc.limit)} limit (--max-file-size)"
        ) from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})") from None
    return _load_bytes(path, fmt, data, options)


def _load_content(path: str, data: bytes, options: CheckOptions) -> Document:
    """A document whose bytes were read elsewhere (standard input): the format is the option's, the
    suffix's of the name it is checked under, or what its first bytes show."""
    if len(data) > options.max_file_size:
        raise InputError(
            f"standard input holds more than the {size_text(options.max_file_size)} limit (--max-file-size)"
        )
    fmt = options.input_format or format_for(path) or sniff(data)
    if fmt not in LOADERS:
        raise InputError(f"unsupported input format {fmt!r}")
    return _load_bytes(path, fmt, data, options, "standard input")


def _load_bytes(
    path: str, fmt: str, data: bytes, options: CheckOptions, source: str = "the file"
) -> Document:
    # (isspace, not strip: no copy of a long file's bytes to see that it holds more than white space)
    text = after_bom(data)  # (a byte order mark alone: Notepad's empty file)
    if not text or text.isspace():  # empty, of any format: bad input, as a binary or truncated file is
        raise InputError(f"{source} is empty" if not text else f"{source} holds only white space")
    if data.startswith(_LFS_POINTER) and len(data) < 1024:
        # a repository's large file not fetched: the checkout holds its pointer, not the document
        raise InputError(
            "a Git LFS pointer, not the document itself; fetch the file (git lfs pull) and check it again"
        )
    # files the document names (\input files, bibliographies, chapters): the same limit, and for
    # Markdown only inside the project (the run's root)
    with reading_limit(options.max_file_size, options.project_root):
        doc = LOADERS[fmt](path, data)
    if options.bib and doc.format in ("markdown", "latex"):
        from refcheck.loaders.pandoc import use_bibliography  # pybtex: only with --bib

        use_bibliography(doc, options.bib)
    return doc


_JATS_ROOT = re.compile(rb"<(?:[\w.-]+:)?article[\s>/]")
# a BITS book: a <book> with BITS's <book-meta> or <book-part> (not DocBook's), or a <book-part-wrapper>
_BOOK_ROOT = re.compile(rb"<book[\s>]")
_BITS_PART = re.compile(rb"<book-(?:meta|part|part-wrapper)[\s>/]")

# Files about a repository rather than documents in it, by name whatever the extension (README.md,
# CHANGELOG.txt, LICENSE.html): GitHub's community health files and a project's notes. Their
# examples ("author-date such as (Hardy 1968)") and quoted changes are no citations of a manuscript:
# an article repository's README gave missing-reference errors at every `refcheck check .`.
_REPOSITORY_FILES = frozenset(
    {
        "readme", "changelog", "changes", "history", "news", "releases", "contributing",
        "code_of_conduct", "code-of-conduct", "security", "support", "governance", "funding",
        "license", "licence", "copying", "notice", "authors", "contributors", "maintainers",
        "codeowners", "requirements",
    }
)  # fmt: skip


def repository_file(path: Path) -> bool:
    """Whether ``path`` is named as a repository's own file (``_REPOSITORY_FILES``), not a document."""
    return path.name.split(".", 1)[0].lower() in _REPOSITORY_FILES


def _document_in_own_right(path: Path, named: bool = False) -> bool:
    """In a directory walk, bibliographies and LaTeX fragments are read through the document that
    uses them (a .bib through ``\\bibliography``, a chapter through ``\\input``), not on their own,
    and an .xml file without an ``<article>`` or a BITS book (a pom.xml, a sitemap) is no document; named on the
    command line they are still checked, unless ``named`` (--force-exclude, as pre-commit names every
    changed file): then only a fragment or a non-article is left out, a .bib is checked on its own.
    A repository's own files (a README, a CHANGELOG: ``repository_file``) are no documents either."""
    if repository_file(path):
        return _project_readme(path)
    fmt = format_for(path)
    if fmt == "bibtex" or path.suffix.lower() == ".json":
        return named
    if fmt not in ("latex", "jats"):
        return True
    try:
        head = read_regular(path, 65536, truncate=True)
    except OSError:
        return True  # the loader says why it cannot be read
    if fmt == "latex":
        from refcheck.loaders.latex_project import looks_main

        return looks_main(head)
    if _JATS_ROOT.search(head) is not None:
        return True
    return _BITS_PART.search(head) is not None and (
        b"<book-part-wrapper" in head or _BOOK_ROOT.search(head) is not None
    )


# a Jupyter Book's _toc.yml whose root page is the README ("root: README", "root: README.md")
_README_ROOT = re.compile(r"^root:[ \t]*['\"]?readme(?:\.md|\.ipynb)?['\"]?[ \t]*$", re.M | re.I)


def _project_readme(path: Path) -> bool:
    """Whether a README is a page of a book or site, not the repository's own file: the index of a
    MyST project (a myst.yml beside it and no index page, as mystmd then makes the README the index)
    or the root of a Jupyter Book's _toc.yml."""
    if path.stem.lower() != "readme" or path.suffix.lower() not in (".md", ".ipynb"):
        return False
    here = path.parent
    if (here / "myst.yml").is_file() and not any(
        (here / f"index{ext}").is_file() for ext in (".md", ".ipynb", ".myst.md")
    ):
        return True
    toc = here / "_toc.yml"
    try:
        return (
            toc.is_file()
            and _README_ROOT.search(read_regular(toc, 65536, truncate=True).decode("utf-8", "replace"))
            is not None
        )
    except OSError:
        return False


def _left_out_when_named(path: Path, discovery: Discovery, given: str) -> bool:
    """With --force-exclude: a named file excluded by pattern, not a document on its own, or blank."""
    return discovery.force_excluded(given) or not _document_in_own_right(path, named=True) or blank_file(path)


def _shown(paths: list[str]) -> str:
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _nothing_found(unfollowed: list[str], left_out: list[str] | None = None) -> str:
    """Why a directory gave nothing to check, naming the symlinks out of it that were not followed, or
    the files read only through another document or not documents on their own (a README)."""
    if left_out and not unfollowed:
        n = len(left_out)
        return (
            f"no documents in this directory: {'the one file' if n == 1 else f'the {n} files'} found "
            f"({_shown(left_out)}) {'is' if n == 1 else 'are'} left out of a directory's check as no "
            "document on its own (a README or CHANGELOG, a bibliography, a LaTeX fragment); name the "
            "files to check them"
        )
    if not unfollowed:
        return "no supported files in this directory"
    shown = _shown(unfollowed)
    n = len(unfollowed)
    links = (
        "1 symbolic link leads out of it and is" if n == 1 else f"{n} symbolic links lead out of it and are"
    )
    return (
        f"no supported files in this directory; {links} not followed ({shown}): name the files to check them"
    )


def _unreachable(p: str) -> str | None:
    """Why a path named on the command line cannot be checked at all, or None when it can be tried
    (reading it may still fail: the loaders say why)."""
    if not p:  # Path("") is the current directory: an empty variable would check all of it
        return "an empty path names no file"
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links (the path leads back to itself)"
        if exc.errno == errno.ENAMETOOLONG:
            return "the file name is too long for this system"
        if isinstance(exc, PermissionError):  # (a directory on the way that cannot be entered)
            return "permission denied"
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            return f"cannot be read ({exc.strerror or exc})"
        try:
            return f"a symbolic link to {one_line(os.readlink(p))}, which does not exist"
        except OSError:  # (not a symbolic link)
            return "no such file or directory"
    except ValueError:  # a NUL byte in the path
        return "no such file or directory"
    return None


def expand_paths(
    paths: Iterable[str], discovery: Discovery | None = None
) -> tuple[list[str], list[FileResult]]:
    """Files to check (directories searched for supported files by ``discover_files``) and the paths
    that fail outright."""
    files: list[str] = []
    errors: list[FileResult] = []
    latex = False
    force = discovery is not None and discovery.force_exclude
    for p in paths:
        path = Path(p)
        why = _unreachable(p)
        if why is not None:
            errors.append(FileResult(path=p, error=why))
        elif path.is_dir():
            unfollowed: list[str] = []
            unreadable: list[tuple[str, str]] = []
            every = discover_files(path, discovery, unfollowed, unreadable)
            errors.extend(FileResult(path=d, error=why) for d, why in unreadable)
            found = [f for f in every if _document_in_own_right(Path(f))]
            if any(format_for(f) == "latex" for f in found):
                from refcheck.loaders.latex_project import preambles

                inputs = preambles(found, DEFAULT_MAX_FILE_SIZE)
                found = [f for f in found if f not in inputs]
            typst = [f for f in found if format_for(f) == "typst"]
            if len(typst) > 1:
                from refcheck.loaders.typst import included_files

                chapters = included_files(typst)  # (checked through the file that includes them)
                found = [f for f in found if f not in chapters]
            rst = [f for f in found if format_for(f) == "rst"]
            if rst:
                from refcheck.loaders.rst import included_files as rst_included

                parts = rst_included(rst, found)  # (checked through the page that includes them)
                found = [f for f in found if f not in parts]
            if not found and not unreadable:  # (an unreadable directory says why it gave nothing)
                errors.append(FileResult(path=p, error=_nothing_found(unfollowed, every)))
            files.extend(found)
        elif format_for(path) in ("latex", "bibtex") and not (force and discovery.force_excluded(p)):  # type: ignore[union-attr]
            latex = True  # a chapter or a .bib: checked through its main file (below)
            files.append(p)
        elif force and _left_out_when_named(path, discovery, p):  # type: ignore[arg-type]
            continue
        else:
            files.append(p)
    if latex:
        from refcheck.loaders.latex_project import main_files

        files = main_files(files, force, DEFAULT_MAX_FILE_SIZE)
    return _manuscripts(files), errors


def _manuscripts(files: list[str]) -> list[str]:
    """A chapter of a Markdown manuscript of several files (a Quarto book, Manubot's content/) stands
    for the manuscript, checked once from its first file (refcheck.manuscript)."""
    if not any(format_for(f) == "markdown" for f in files):
        return files
    from refcheck.files import real_path
    from refcheck.manuscript import main_file

    out: list[str] = []
    seen: set[str] = set()
    for f in files:
        markdown = format_for(f) == "markdown"
        main = main_file(f) if markdown else f
        key = real_path(main)
        if markdown and key in seen:
            continue
        seen.add(key)
        out.append(main)
    return out
