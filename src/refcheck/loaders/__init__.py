"""Loaders turn a file's bytes into a Document; format code stays here.

The suffix table chooses the loader; ``--input-format`` overrides it. A loader gets the path (to find
side files such as a .bib) and the bytes, and returns a Document or raises InputError.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from refcheck.loaders.bibtex import load_bib
from refcheck.loaders.docx import load_docx
from refcheck.loaders.html import load_html
from refcheck.loaders.jats import load_jats
from refcheck.loaders.latex import load_latex
from refcheck.loaders.markdown import load_markdown
from refcheck.loaders.text import load_text
from refcheck.model import Document

Loader = Callable[[str, bytes], Document]

LOADERS: dict[str, Loader] = {
    "text": load_text,
    "markdown": load_markdown,
    "html": load_html,
    "jats": load_jats,
    "latex": load_latex,
    "bibtex": load_bib,
    "docx": load_docx,
}

SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "jats",
    ".nxml": "jats",
    ".tex": "latex",
    ".ltx": "latex",
    ".bib": "bibtex",
    ".docx": "docx",
}


def format_for(path: str | Path) -> str | None:
    """The format name for a file by its suffix, or None when refcheck does not read it."""
    return SUFFIXES.get(Path(path).suffix.lower())
