"""missing-input: a LaTeX input file (or an included reStructuredText file) is missing or is not read.

What it does
    Reported by the LaTeX loader (this rule only documents it), at the line of the ``\\input``,
    ``\\include``, ``\\subfile`` or ``\\import``: the file does not exist where LaTeX looks for it
    (relative to the main file, then to the including file), or it is not read because it lies
    outside the project's directory tree (an absolute path, ``../..`` above the project root, a
    symlink out of it) or in a hidden directory, is not a regular file, is over ``--max-file-size``,
    or includes itself. Files TeX ships (``glyphtounicode``) and generated ones (``.bbl``) are not
    reported. An input the build makes from the pandoc Markdown beside it (``ch1.md`` beside a missing
    ``ch1.tex``) is read from the Markdown, said at info. The Markdown loader reports a chapter of a
    Quarto book that is not read (outside the project, unreadable, past ``--max-file-size``) the same
    way, and the reStructuredText loader a file a page's ``.. include::`` names that does not exist,
    lies outside the project, cannot be read or includes itself.

Why is this bad
    LaTeX stops on a missing input; the citations in a file not read are not checked.

Example (fails)
    \\input{chapters/intro}   % chapters/intro.tex does not exist

Use instead
    \\input{chapters/introduction}
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "missing-input"
SEVERITY = Severity.WARNING
SUMMARY = "A LaTeX input file (or an included reStructuredText file) is missing or is not read."


def check(doc: Document) -> Iterator[Finding]:
    return iter(())  # the LaTeX loader adds this finding; see loaders/latex.py
