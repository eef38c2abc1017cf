"""The rule registry: an explicit tuple of rule modules and ``get(name)``."""

from __future__ import annotations

from typing import cast

from refcheck.rules import (
    ambiguous_citation,
    author_mismatch,
    citation_order,
    citation_style,
    citation_syntax,
    dead_link,
    doi_not_found,
    duplicate_reference,
    empty_document,
    footnote_order,
    footnote_undefined,
    footnote_unreferenced,
    incomplete_reference,
    input_bibliography,
    input_encoding,
    link_content_changed,
    link_content_mismatch,
    link_redirect,
    link_unverified,
    missing_crossref,
    missing_input,
    missing_reference,
    reference_corrected,
    reference_mismatch,
    reference_not_found,
    retracted_reference,
    uncited_reference,
    unclear_brackets,
    unknown_suppression,
    unrendered_citation,
    year_mismatch,
)
from refcheck.rules.base import Rule

ALL: tuple[Rule, ...] = cast(
    tuple[Rule, ...],
    (
        missing_reference,
        year_mismatch,
        author_mismatch,
        ambiguous_citation,
        uncited_reference,
        duplicate_reference,
        incomplete_reference,
        citation_order,
        citation_style,
        citation_syntax,
        footnote_undefined,
        footnote_unreferenced,
        footnote_order,
        input_encoding,
        input_bibliography,
        missing_input,
        missing_crossref,
        empty_document,
        unrendered_citation,
        unknown_suppression,
        unclear_brackets,
        dead_link,
        link_redirect,
        link_unverified,
        link_content_mismatch,
        link_content_changed,
        retracted_reference,
        doi_not_found,
        reference_mismatch,
        reference_not_found,
        reference_corrected,
    ),
)

BY_NAME: dict[str, Rule] = {rule.NAME: rule for rule in ALL}


def get(name: str) -> Rule:
    """The rule called ``name``; the error lists the known names."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(unknown_rule(name)) from None


def unknown_rule(name: str) -> str:
    """The error for a rule name that is none: the closest name first ("year-missmatch", "uncited"),
    then every rule's."""
    import difflib  # only for a name that is no rule's

    close = [n for n in sorted(BY_NAME) if name and n.startswith(name.lower())]
    close = close or difflib.get_close_matches(name.lower(), list(BY_NAME), n=1, cutoff=0.75)
    hint = f" (did you mean {' or '.join(close[:3])}?)" if close else ""
    return f"unknown rule {name!r}{hint}; known rules: {', '.join(sorted(BY_NAME))}"


def names() -> list[str]:
    return [rule.NAME for rule in ALL]


__all__ = ["ALL", "BY_NAME", "Rule", "get", "names"]
