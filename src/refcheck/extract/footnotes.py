"""Footnote definitions written in plain text: "[1] text" at the start of a line, multi-line allowed."""

from __future__ import annotations

import re

from refcheck.extract.lines import AtLineStart
from refcheck.model import Footnote, FootnoteMarker

# A definition: "[n]" and white space at the start of a line (``re.M``), before some text.
_DEF = re.compile(r"^[ \t\f]*\[(\d{1,4})\][ \t]+(?=\S)", re.M)
# The same, found by the line break before it (an expression that opens with a character is looked
# for a line at a time; one that opens with "^" is tried at every character: ten times the cost)
_DEF_AFTER_BREAK = re.compile(r"\n[ \t\f]*\[(\d{1,4})\][ \t]+(?=\S)")
_DEF_HERE = re.compile(r"[ \t\f]*\[(\d{1,4})\][ \t]+(?=\S)")


def definitions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, label) of every ``_DEF`` match in ``text[start:end]``, in order."""
    out = []
    if start == 0 or text[start - 1] == "\n":  # ("^" matches where the search starts only there)
        m = _DEF_HERE.match(text, start, end)
        if m:
            out.append((m.start(), m.end(), m.group(1)))
    for m in _DEF_AFTER_BREAK.finditer(text, start, end):
        out.append((m.start() + 1, m.end(), m.group(1)))
    return out


# an item R prints in a vector: "stats", "lme4_1.1-27.1", "en_US.UTF-8/C", "TRUE", "3.14", '"a"',
# "LC_NUMERIC=C"
_R_ITEM = re.compile(r"[\w.\-/:+'\"=]+")
# R pads the items of a line to one width, two spaces or more apart, so that an item may hold one
# space: a Windows locale, "LC_COLLATE=English_New Zealand.utf8  LC_CTYPE=English_New Zealand.utf8"
_R_COLUMNS = re.compile(r"[ \t]{2,}")


def _r_printed(text: str, defs: list[tuple[int, int, str]]) -> set[int]:
    """The definitions that are lines of R's printed vectors ("[1] stats graphics ...", " [7] dplyr_1.0.7
    ...", a session info or a console log kept as text): each line's label is the index of its first
    item, so the next line's is its own plus the items on it ("[1]" with six items, then "[7]"). Where
    two such lines follow each other, the text is R's output, and so is every one-line "[n] items" in it
    ("[1] en_US.UTF-8/C"): no footnotes."""
    lines: list[list[str]] = []
    columns: list[int] = []  # the items of each line counted by R's padding (_R_COLUMNS)
    for _, def_end, _ in defs:
        eol = text.find("\n", def_end)
        line = text[def_end : eol if eol != -1 else len(text)]
        lines.append(line.split())
        columns.append(len(_R_COLUMNS.split(line.strip())))
    run: set[int] = set()
    for i in range(len(defs) - 1):
        (_, end_i, label), (next_start, _, next_label) = defs[i], defs[i + 1]
        items = lines[i]
        step = int(next_label) - int(label)
        if (
            len(items) > 1
            and (step == len(items) or (step == columns[i] > 1))
            and text.count("\n", end_i, next_start) == 1
            and all(_R_ITEM.fullmatch(w) for w in items)
        ):
            run.update((i, i + 1))
    if not run:
        return set()
    return run | {i for i, items in enumerate(lines) if items and all(_R_ITEM.fullmatch(w) for w in items)}


def r_printed(text: str) -> list[tuple[int, int]]:
    """The lines of R's printed vectors in ``text`` (``_r_printed``), as (start, end): output, where
    neither notes nor entries of a list stand ("[1] LC_COLLATE=English_New Zealand.utf8 ...")."""
    defs = definitions(text, 0, len(text)) if "[" in text else []
    if len(defs) < 2:
        return []
    out = []
    for i in sorted(_r_printed(text, defs)):
        eol = text.find("\n", defs[i][1])
        out.append((defs[i][0], eol if eol != -1 else len(text)))
    return out


def text_footnotes(text: str, start: int = 0, end: int | None = None) -> list[Footnote]:
    """Every "[n] text" definition; a note runs to a blank line or the next definition. Lines of R's
    printed vectors are none (``_r_printed``)."""
    end = len(text) if end is None else end
    defs = definitions(text, start, end)
    if len(defs) > 1:
        printed = _r_printed(text, defs)
        if printed:
            defs = [d for i, d in enumerate(defs) if i not in printed]
    notes = []
    for i, (def_start, def_end, label) in enumerate(defs):
        stop = defs[i + 1][0] if i + 1 < len(defs) else end
        blank = text.find("\n\n", def_end, stop)
        if blank != -1:
            stop = blank
        body = text[def_end:stop].rstrip()
        notes.append(
            Footnote(
                label=label,
                start=def_start,
                end=def_end + len(body),
                text_start=def_end,
                text=" ".join(body.split()),
            )
        )
    return notes


# Endnotes of a plain-text document: "1. text" lines after a "Notes" heading (as a word processor's
# or a PDF's text gives them), numbered 1, 2, 3 ... in order
_NOTES_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\d+\.?[ \t]+)?(?:notes|endnotes|end\s+notes|footnotes)[ \t]*:?[ \t]*$",
    re.I | re.M,
)
# (tried at line starts only, AtLineStart: a search of a whole long text in a sixth of the time)
_NOTES_HEADING_LINES = AtLineStart(_NOTES_HEADING)
_NUMBERED = re.compile(r"[ \t]*(\d{1,4})[.)][ \t]+(?=\S)")
# a marker in the prose of such a document: the note's number right after a word and its punctuation,
# "formation.1", "hierarchy,2", "law.”3", "(Vaisman 2007).1", "in 1928.5" (a number after a letter, "CO2", or a digit,
# "3.5", is none)
_DIGIT_MARKER = re.compile(
    r"(?:(?<=[^\W\d_][.,;:!?)\"\u201d\u2019])|(?<=[)\]\"\u201d\u2019][.,;:!?])|(?<=[.,;:!?][)\"\u201d\u2019])"
    r"|(?<=\b(?:1[5-9]|20)\d\d[.,;:]))(\d{1,3})(?=\s|$)"
)


def numbered_endnotes(text: str) -> list[Footnote]:
    """The "1. text" notes under the last "Notes" heading, numbered from 1 in order; a note runs to the
    next one, a blank line followed by anything else ends the notes."""
    headings = list(_NOTES_HEADING_LINES.finditer(text))
    if not headings:
        return []
    heading = headings[-1]
    pos = heading.end() + 1
    notes: list[Footnote] = []
    start = text_start = -1
    label = ""
    while pos < len(text):
        eol = text.find("\n", pos)
        eol = len(text) if eol < 0 else eol
        line = text[pos:eol]
        m = _NUMBERED.match(text, pos, eol)
        expected = len(notes) + (2 if label else 1)  # (the note being read is added when the next starts)
        if m and int(m.group(1)) == expected:
            if label:
                notes.append(_note(text, label, start, text_start, pos))
            label, start, text_start = m.group(1), pos, m.end()
        elif not line.strip():
            nxt = _NUMBERED.match(text, eol + 1) if eol + 1 < len(text) else None
            if (
                label
                and not (nxt and int(nxt.group(1)) == len(notes) + 2)
                and text[eol + 1 : eol + 2].strip()
            ):
                break  # a paragraph that is no note: the notes have ended
        elif not label:
            return []  # text between the heading and the first note: no notes section
        pos = eol + 1
    if label:
        notes.append(_note(text, label, start, text_start, min(pos, len(text))))
    return notes if len(notes) >= 2 else []


def _note(text: str, label: str, start: int, text_start: int, stop: int) -> Footnote:
    body = text[text_start:stop].rstrip()
    return Footnote(
        label=label,
        start=start,
        end=text_start + len(body),
        text_start=text_start,
        text=" ".join(body.split()),
    )


def digit_markers(text: str, start: int, end: int, labels: set[str]) -> list[FootnoteMarker]:
    """Markers of numbered endnotes in plain text ("formation.1"), for the labels the document defines."""
    return [
        FootnoteMarker(label=m.group(1), start=m.start(), end=m.end())
        for m in _DIGIT_MARKER.finditer(text, start, end)
        if m.group(1) in labels
    ]
