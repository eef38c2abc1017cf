"""Bibliography files: BibTeX/BibLaTeX (.bib, through pybtex) and CSL-JSON (.json).

``read_bibliography(path)`` gives the entries as ``Reference`` objects with ``key`` set and
``source = (path, line)`` (the line of ``@type{key,``, found here since pybtex keeps no positions),
plus loader findings for what could not be read. Each entry is parsed on its own (with the file's
``@string`` macros), so one broken entry is reported and skipped instead of losing the file, and a
key defined twice is kept twice for the ``duplicate-reference`` rule instead of raising.
Names and titles are decoded from LaTeX (``Heged{\\H u}s`` is Hegedűs, ``Mill{\\'a}n`` is Millán).

``load_bib(path, data)`` checks a .bib on its own: the bibliography rules only (duplicates,
incomplete entries); there is no text, so nothing is cited and nothing is reported as uncited.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import re
from pathlib import Path
from typing import Any

import latexcodec  # noqa: F401  (registers the "ulatex" codec; a pybtex dependency)
from pybtex.database import parse_string
from pybtex.scanner import PybtexSyntaxError

from refcheck.errors import InputError
from refcheck.loaders.decode import decode, normalise
from refcheck.model import Document, Finding, Reference, Severity, SourceMap

_ENTRY = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s{}()]*)", re.M)
_MACRO_TYPES = {"string", "preamble"}
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)([a-z])?")
MAX_ENTRIES = 100_000


def latex_to_text(value: str) -> str:
    """LaTeX accents and escapes decoded, braces dropped, white space squashed."""
    with contextlib.suppress(ValueError, UnicodeDecodeError, TypeError, IndexError):
        value = codecs.decode(value, "ulatex")  # type: ignore[call-overload]
    value = re.sub(r"\\(?:emph|textit|textbf|textsc|mkbibquote|url)\s*", "", value)
    value = value.replace("{", "").replace("}", "").replace("~", " ")
    return " ".join(value.split())


def read_bibliography(path: str, data: bytes | None = None) -> tuple[list[Reference], list[Finding]]:
    """The entries of a .bib or CSL-JSON file; InputError if the file cannot be read at all."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"bibliography {path} cannot be read ({exc.strerror or exc})") from None
    text = normalise(decode(data).text)
    if path.lower().endswith(".json"):
        return _csl_json(path, text)
    return _bibtex(path, text)


def _bibtex(path: str, text: str) -> tuple[list[Reference], list[Finding]]:
    starts = list(_ENTRY.finditer(text))
    if len(starts) > MAX_ENTRIES:
        raise InputError(f"bibliography {path} has more than {MAX_ENTRIES} entries")
    macros = "\n".join(
        text[m.start() : _chunk_end(text, starts, i)]
        for i, m in enumerate(starts)
        if m.group(1).lower() == "string"
    )
    refs: list[Reference] = []
    findings: list[Finding] = []
    for i, m in enumerate(starts):
        kind = m.group(1).lower()
        if kind in _MACRO_TYPES or kind == "comment":
            continue
        line = text.count("\n", 0, m.start()) + 1
        chunk = text[m.start() : _chunk_end(text, starts, i)]
        key = m.group(2)
        try:
            parsed = parse_string(macros + "\n" + chunk, "bibtex")
        except (PybtexSyntaxError, Exception) as exc:  # pybtex raises several error types
            findings.append(
                Finding(
                    rule="input-bibliography",
                    severity=Severity.WARNING,
                    message=f"entry {key or '?'} cannot be read and is skipped ({_short(exc)})",
                    path=path,
                    line=line,
                )
            )
            continue
        for entry_key, entry in parsed.entries.items():
            refs.append(_from_pybtex(entry_key, entry, path, line, len(refs) + 1))
    return refs, findings


def _chunk_end(text: str, starts: list[re.Match[str]], i: int) -> int:
    return starts[i + 1].start() if i + 1 < len(starts) else len(text)


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


def _from_pybtex(key: str, entry: Any, path: str, line: int, n: int) -> Reference:
    fields = {k.lower(): str(v) for k, v in entry.fields.items()}
    ref = Reference(id=f"bib-{n}", text="", start=-1, end=-1, key=key, label=key, source=(path, line))
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    for person in people:
        raw = str(person)
        last = " ".join(person.prelast_names + person.last_names)
        given = " ".join(person.first_names + person.middle_names)
        if (raw.startswith("{") and raw.endswith("}")) or (not given and len(person.last_names) > 2):
            ref.authors.append(latex_to_text(raw))
            ref.given.append("")
            ref.corporate = ref.corporate or len(ref.authors) == 1
        elif last.lower() == "others":
            ref.et_al = True
        else:
            ref.authors.append(latex_to_text(last))
            ref.given.append(latex_to_text(given))
    year = fields.get("year") or fields.get("date", "")
    m = _YEAR.search(year)
    ref.year = m.group(0) if m else (latex_to_text(year) or None)
    ref.title = latex_to_text(fields["title"]) if fields.get("title") else None
    ref.doi = fields.get("doi") or None
    if fields.get("url"):
        ref.urls.append(fields["url"].strip())
    ref.accessed = fields.get("urldate") or None
    ref.text = display(ref)
    return ref


def display(ref: Reference) -> str:
    """A one-line rendering for messages: "Surname, Given; Other (2007) Title. [key]"."""
    names = "; ".join(f"{a}, {g}" if g else a for a, g in zip(ref.authors, ref.given, strict=False))
    if ref.et_al:
        names += " et al."
    out = f"{names or '(no author)'} ({ref.year or 'n.d.'})"
    if ref.title:
        out += f" {ref.title}."
    return out + (f" [{ref.key}]" if ref.key else "")


def _csl_json(path: str, text: str) -> tuple[list[Reference], list[Finding]]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"bibliography {path} is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(items, dict):
        items = items.get("items") or list(items.values())
    if not isinstance(items, list):
        raise InputError(f"bibliography {path} is not a CSL-JSON list of items")
    refs: list[Reference] = []
    for item in items:
        if not isinstance(item, dict) or not item.get("id"):
            continue
        key = str(item["id"])
        m = re.search(rf'"id"\s*:\s*"?{re.escape(key)}"?', text)
        line = text.count("\n", 0, m.start()) + 1 if m else 1
        ref = Reference(
            id=f"bib-{len(refs) + 1}", text="", start=-1, end=-1, key=key, label=key, source=(path, line)
        )
        for person in item.get("author") or item.get("editor") or []:
            if not isinstance(person, dict):
                continue
            if person.get("literal"):
                ref.authors.append(str(person["literal"]))
                ref.given.append("")
                ref.corporate = len(ref.authors) == 1
            else:
                family = " ".join(str(person.get(k, "")) for k in ("non-dropping-particle", "family"))
                ref.authors.append(family.strip())
                ref.given.append(str(person.get("given", "")))
        parts = (item.get("issued") or {}).get("date-parts") or [[]]
        if parts and parts[0]:
            ref.year = str(parts[0][0])
        ref.title = str(item["title"]) if item.get("title") else None
        ref.doi = str(item["DOI"]) if item.get("DOI") else None
        if item.get("URL"):
            ref.urls.append(str(item["URL"]))
        ref.text = display(ref)
        refs.append(ref)
    return refs, []


def load_bib(path: str, data: bytes) -> Document:
    """A .bib (or CSL-JSON) file checked on its own: bibliography problems only."""
    refs, findings = read_bibliography(path, data)
    doc = Document(path=path, format="bibtex", text="", source_map=SourceMap.identity(""), raw=data)
    doc.references = refs
    doc.footnotes = []
    doc.citations_from_loader = True
    doc.style = "unknown"  # nothing cites: no uncited-reference findings
    doc.findings.extend(findings)
    return doc
