"""Jupyter notebooks (``.ipynb``): the Markdown of their Markdown cells, checked as a Markdown page.

A notebook is JSON: its ``cells`` (``worksheets[0].cells`` in nbformat 3), each with a
``cell_type`` and a ``source`` (a list of lines, or one string). The Markdown cells, in order and
separated by a blank line, are the page's text; code and its outputs are not prose. A notebook of
a Jupyter Book, MyST or Quarto project shares the project's bibliography as its Markdown pages do.
Each line of the text is mapped to the line of the JSON file that holds it (nbformat writes a
cell's source one line of text to a line of JSON), so findings point into the notebook file.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from refcheck.errors import InputError
from refcheck.loaders._build import TextBuilder
from refcheck.model import Document

# a cell's "source" key as nbformat writes it; in JSON a string's quotes are escaped, so this is a key.
# Group 1: a list whose items start on the next lines (nbformat's indented JSON: one item a line); a
# list written on one line (JSON without indentation) is located at its key's line, as a string is
_SOURCE_KEY = re.compile(r'"source"[ \t]*:[ \t]*(\[[ \t]*\r?\n)?')


def _cells(notebook: Any) -> list[dict[str, Any]]:
    if not isinstance(notebook, dict):
        raise InputError("not a Jupyter notebook: its JSON is not an object")
    cells = notebook.get("cells")
    if cells is None:  # nbformat 3
        sheets = notebook.get("worksheets")
        cells = (
            sheets[0].get("cells")
            if isinstance(sheets, list) and sheets and isinstance(sheets[0], dict)
            else None
        )
    if not isinstance(cells, list):
        raise InputError("not a Jupyter notebook: it has no cells")
    return [c for c in cells if isinstance(c, dict)]


def _lines(source: Any) -> list[str]:
    if isinstance(source, str):
        return source.splitlines(keepends=True)
    if isinstance(source, list):
        return [s for s in source if isinstance(s, str)]
    return []


_LOOKAHEAD = 64  # "source" keys passed over to find a cell's own (a widget's state, a cell's metadata)


def _opens(raw: str, at: int, first: str | None) -> bool:
    """Whether the JSON at ``at`` (just after a "source" key's colon) is the source that starts with
    ``first`` (None: an empty source)."""
    rest = raw[at : at + 300].lstrip(" \t\r\n[").lstrip()
    if first is None:
        return rest.startswith(("]", '""'))
    head = first[:60]
    return any(rest.startswith(json.dumps(head, ensure_ascii=a)[:-1]) for a in (False, True))


def _paired(raw: str, keys: list[re.Match[str]], cells: list[dict[str, Any]]) -> list[re.Match[str] | None]:
    """Each cell's own "source" key, in order, or None where it is not found: other objects have
    "source" keys too (an ipywidgets LinkModel's state in the notebook's metadata, a cell's metadata),
    so a key is taken when the text after it is the cell's."""
    out: list[re.Match[str] | None] = []
    k = 0
    for cell in cells:
        lines = _lines(cell.get("source"))
        first = lines[0] if lines else None
        for j in range(k, min(len(keys), k + _LOOKAHEAD)):
            if _opens(raw, keys[j].end(), first):
                out.append(keys[j])
                k = j + 1
                break
        else:
            out.append(None)
    return out


def load_notebook(path: str, data: bytes) -> Document:
    from refcheck.loaders.decode import normalise
    from refcheck.loaders.markdown import load_markdown

    raw = data.decode("utf-8-sig", "replace")
    try:
        cells = _cells(json.loads(raw))
    except (ValueError, RecursionError) as e:
        raise InputError(f"not a Jupyter notebook: its JSON does not parse ({e})") from None
    # the line of the JSON file where each cell's source starts: one "source" key per cell that has
    # one (nbformat 3's code cells have an "input" instead)
    sourced = [cell for cell in cells if "source" in cell]
    keys = _paired(raw, list(_SOURCE_KEY.finditer(raw)), sourced)
    build = TextBuilder()
    line_starts = [0, *(m.end() for m in re.finditer("\n", raw))]
    for i, cell in enumerate(sourced):
        kind = cell.get("cell_type")
        if kind not in ("markdown", "heading"):
            continue
        lines = _lines(cell.get("source"))
        if not lines:
            continue
        if kind == "heading":  # nbformat 3: a heading is a cell of its own, with its level
            level = cell.get("level")
            marks = "#" * (level if isinstance(level, int) and 1 <= level <= 6 else 1)
            lines = [f"{marks} {lines[0]}", *lines[1:]]
        if build.length:
            build.add_flat("\n\n", 1, 1)
        key = keys[i]
        if key is not None:
            # the key's line: a search of the line starts (counting newlines from the file's start
            # for each cell took 13 s on a 24 MB notebook of 1,500 Markdown cells and images)
            at = bisect.bisect_right(line_starts, key.start())
            listed = bool(key.group(1))
        else:
            at, listed = 1, False
        for n, piece in enumerate(lines):
            text = normalise(piece)
            if listed:
                line = at + 1 + n
                row = (
                    raw[line_starts[line - 1] : line_starts[line - 1] + 400]
                    if line - 1 < len(line_starts)
                    else ""
                )
                column = row.find('"') + 2 if '"' in row else 1
                build.add(text, line, column)
            else:
                build.add_flat(text, at, 1)
    text, smap = build.build()
    doc = load_markdown(path, text.encode("utf-8"))
    if doc.text == text:
        doc.source_map = smap
    doc.raw = data
    return doc
