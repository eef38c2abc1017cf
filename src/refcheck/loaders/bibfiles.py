"""Reading a bibliography file a document names (Markdown's ``bibliography:``, rst's ``..
bibliography::``, Typst's ``#bibliography(...)``): its entries, with what keeps it from being read.

Two kinds of failure, told apart as for the document itself:

- the document names a file that is not there, or one refcheck refuses to read (outside the project,
  a device, over ``--max-file-size``): an ``input-bibliography`` finding at the line naming it, a
  defect of the document or a limit the user set;
- the file is there but cannot be read (no permission, binary, not valid BibTeX, JSON or YAML
  beyond recovery): an input file that could not be read, ``Document.unreadable``, which the run
  reports as that file's one error line (exit status 2), the document's other checks still run.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from pathlib import Path

from refcheck.model import Document, Finding, Reference, Severity

# R functions that write a bibliography of the R packages used when the document is built, with the
# file each writes when given none: knitr::write_bib(), papaja::r_refs(), grateful::cite_packages()
_WRITE_BIB = re.compile(r"\b(write_bib|r_refs|cite_packages)\s*\(")
_WRITTEN_BY_DEFAULT = {"r_refs": "r-references.bib", "cite_packages": "grateful-refs.bib"}


_BUILD_SOURCES = (".rmd", ".qmd", ".r")
_SIBLINGS_READ = 50  # R Markdown and R files beside a missing bibliography looked at, at most
_SIBLING_LIMIT = 1 << 20  # bytes read of each


def _writes_bib(text: str, name: str) -> bool:
    for m in _WRITE_BIB.finditer(text):
        after = text[m.end() : m.end() + 2000]
        if f"'{name}'" in after or f'"{name}"' in after or _WRITTEN_BY_DEFAULT.get(m.group(1)) == name:
            return True
    return False


def _written_when_built(text: str, path: str, root: Path | None) -> bool:
    """Whether a code chunk calls ``knitr::write_bib(..., "name")`` (or papaja's ``r_refs()``,
    grateful's ``cite_packages()``) for the missing bibliography
    ``path``: in the document (bookdown's index.Rmd writes the packages.bib it names) or in an R
    Markdown or R file beside the bibliography (another chapter of the book). The file is made when
    the document is built, not missing. (Files outside ``root`` are not read.)"""
    from refcheck.files import read_regular
    from refcheck.project import inside

    name = Path(path).name
    if _writes_bib(text, name):
        return True
    try:
        siblings = sorted(p for p in Path(path).parent.iterdir() if p.suffix.lower() in _BUILD_SOURCES)
    except OSError:
        return False
    for sibling in siblings[:_SIBLINGS_READ]:
        if root is not None and not inside(sibling, root):
            continue
        try:
            data = read_regular(sibling, _SIBLING_LIMIT)
        except OSError:
            continue
        if _writes_bib(data.decode("utf-8", "replace"), name):
            return True
    return False


def bib_named(path: str) -> str:
    """``path``, or ``path.bib`` for a name without an extension that is no file: R Markdown templates
    (rticles) write ``bibliography: bibfile`` for ``bibfile.bib``, which LaTeX's ``\\bibliography``
    is given as it is."""
    if Path(path).suffix or os.path.lexists(path) or not os.path.isfile(path + ".bib"):
        return path
    return path + ".bib"


def read_named(
    doc: Document, path: str, root: Path | None, *, manual: bool = False
) -> tuple[list[Reference], bool]:
    """The entries of the bibliography at ``path``, and whether it was read. What keeps it from being
    read is one finding, or one entry of ``doc.unreadable`` (see the module's docstring); a warning
    about one of its entries is neither: it was read. ``root``: files outside it are not read.
    ``manual``: keep Manubot's manual references, CSL items with no id but a standard_citation
    (``bibtex.csl_references``), which no other reader has an entry for."""
    from refcheck.errors import InputError
    from refcheck.files import FileTooLarge, NotRegularFile, read_limit, read_regular, size_text
    from refcheck.loaders.bibtex import NotRead, read_bibliography
    from refcheck.project import inside

    def refuse(why: str) -> tuple[list[Reference], bool]:
        at = doc.text.find(Path(path).name, 0, 65536)
        severity = Severity.ERROR if why == "does not exist" else Severity.WARNING
        if why == "does not exist" and _written_when_built(doc.text, path, root):
            severity = Severity.INFO  # bookdown's packages.bib: written by knitr::write_bib() when built
            why += " (an R code chunk writes it when the document is built)"
        doc.findings.append(
            Finding(
                rule="input-bibliography",  # missing: an error; not read: a warning (as for LaTeX)
                severity=severity,
                message=f"the bibliography {path} {why}; its entries cannot be checked",
                offset=at if at >= 0 else None,
            )
        )
        return [], False

    def unreadable(why: str) -> tuple[list[Reference], bool]:
        doc.unreadable.append((path, why))
        return [], False

    if root is not None and not inside(path, root):
        return refuse(f"lies outside the project ({root}); refcheck reads no files outside it")
    try:
        data = read_regular(path, read_limit())
    except NotRegularFile:
        return refuse("is not a regular file (a device, a FIFO or a socket)")
    except FileTooLarge as exc:
        return refuse(f"is over the {size_text(exc.limit)} limit (--max-file-size)")
    except FileNotFoundError:
        return refuse("does not exist")
    except OSError as exc:
        return unreadable(f"cannot be read ({(exc.strerror or str(exc)).lower()})")
    key = (path, hashlib.blake2b(data, digest_size=16).digest())
    if (read := _READ.get(key)) is None:
        try:
            read = read_bibliography(path, data)
        except NotRead as exc:
            return refuse(f"is not read ({exc})")
        except InputError as exc:
            return unreadable(str(exc))
        if len(_READ) >= _READ_MAX:
            _READ.pop(next(iter(_READ)))
        _READ[key] = read
    # (a copy: later stages give the entries ids and links)
    entries, findings = copy.deepcopy(read)
    doc.findings.extend(findings)
    if not manual:
        entries = [r for r in entries if r.key is not None]
    return entries, True


# The bibliographies read in this process, by path and content: the pages of a book or a site share
# theirs (a Jupyter Book of 300 pages naming 9 .bib files read them 300 times: 0.4 s a page)
_READ: dict[tuple[str, bytes], tuple[list[Reference], list[Finding]]] = {}
_READ_MAX = 32
