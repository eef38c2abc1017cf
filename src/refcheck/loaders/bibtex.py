"""Bibliography files: BibTeX/BibLaTeX (.bib), CSL-JSON (.json), CSL YAML and Hayagriva (.yml, .yaml).

``read_bibliography(path)`` gives the entries as ``Reference`` objects with ``key`` set and
``source = (path, line)`` (the line of ``@type{key,``), plus loader findings (``input-bibliography``,
``missing-crossref``) for what was read leniently. The .bib is scanned by ``bibparse`` as leniently
as BibTeX reads it (an undefined ``@string``, a repeated field, stray text: the entry is kept and the
problem said once with its line; ``@string`` expansion is capped); a key defined twice is kept twice
for the ``duplicate-reference`` rule; ``crossref`` fills an entry's missing fields from its parent.
Names are split by pybtex's BibTeX name rules.
Names and titles are decoded from LaTeX (``Heged{\\H u}s`` is Hegedűs, ``Mill{\\'a}n`` is Millán).

``load_bib(path, data)`` checks a .bib on its own: the bibliography rules only (duplicates,
incomplete entries); there is no text, so nothing is cited and nothing is reported as uncited.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import latexcodec  # noqa: F401  (registers the "ulatex" codec; a pybtex dependency)

from refcheck.errors import InputError
from refcheck.files import SIDE_FILE_LIMIT, FileTooLarge, NotRegularFile, read_regular, size_text
from refcheck.loaders.bibparse import RawEntry, new_macros, parse
from refcheck.loaders.decode import decode, normalise
from refcheck.model import Document, Finding, Reference, Severity, SourceMap

_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)([a-z])?")
MAX_ENTRIES = 100_000
_LATEX_SPECIAL = re.compile(r"[\\{}\-~$`'!?<>]")
# what the codec changes beyond braces and "~" (dropped and made a space below): escapes, "--",
# quotes, "!`" and "?`", a "%" comment (a Zotero title's "{{Design-Based Research}}" has none)
_CODEC_WORK = re.compile(r"\\|--|``|''|[!?]`|%")


def latex_to_text(value: str) -> str:
    """LaTeX accents and escapes decoded, braces dropped, white space squashed."""
    # the codec costs 0.1 to 2 ms a call: only where it has work
    if _LATEX_SPECIAL.search(value) and _CODEC_WORK.search(value):
        with contextlib.suppress(ValueError, UnicodeDecodeError, TypeError, IndexError):
            value = codecs.decode(value, "ulatex")  # type: ignore[call-overload]
    value = re.sub(r"\\(?:emph|textit|textbf|textsc|mkbibquote|url)\s*", "", value)
    value = value.replace("{", "").replace("}", "").replace("~", " ")
    return " ".join(value.split())


class NotRead(InputError):
    """A bibliography refcheck does not read by its limits (a device, over ``--max-file-size``, too many
    entries): not a file that cannot be read, an ``input-bibliography`` finding of the document."""


class _Crossrefs:
    """The entries of the files of one database read so far, by lower-case key, and the entries whose
    ``crossref`` names none of them yet: BibTeX takes the files of ``\\bibliography{refs,crossrefs}``
    as one database, so a conference's @proceedings may be in a file after its papers' (DBLP's and
    the RATH bibliographies' crossrefs.bib)."""

    def __init__(self) -> None:
        self.entries: dict[str, RawEntry] = {}
        # (the path findings name, the entry, its index among the file's references)
        self.pending: list[tuple[str, RawEntry, int]] = []


def read_bibliography(
    path: str,
    data: bytes | None = None,
    macros: dict[str, str] | None = None,
    lenient: bool = False,
    comments: bool = False,
    crossrefs: _Crossrefs | None = None,
) -> tuple[list[Reference], list[Finding]]:
    """The entries of a .bib or CSL-JSON file; InputError if the file cannot be read at all. ``macros``,
    ``lenient`` and ``comments``: see ``bibparse.parse``; ``crossrefs``: the database's other files
    (an entry whose parent none of them holds yet is left to the caller, ``read_bibliographies``)."""
    if data is None:
        try:
            data = read_regular(path, SIDE_FILE_LIMIT.get())
        except NotRegularFile:
            raise NotRead(
                f"bibliography {path} is not read: not a regular file (a device or a FIFO)"
            ) from None
        except FileTooLarge as exc:
            raise NotRead(
                f"bibliography {path} is not read: {size_text(exc.size)}, over the {size_text(exc.limit)} "
                "limit (--max-file-size)"
            ) from None
        except OSError as exc:
            raise InputError(f"cannot be read ({(exc.strerror or str(exc)).lower()})") from None
    text = normalise(decode(data).text)
    if path.lower().endswith(".json"):
        return _csl_json(path, text)
    if path.lower().endswith((".yaml", ".yml")):
        return _csl_yaml(path, text)
    return _bibtex(path, text, macros, lenient, comments, crossrefs)


def read_bibliographies(
    paths: list[str],
    lenient_strings: bool = False,
    given: dict[str, tuple[str, bytes]] | None = None,
    biber: bool = False,
) -> tuple[list[Reference], list[Finding], list[tuple[str, str]]]:
    """The entries of several bibliographies read in order, their @strings shared as in BibTeX, their
    findings, and the files that cannot be read, as (path, why) (``Document.unreadable``: see
    loaders/bibfiles.py); a file refcheck does not read by its limits (``NotRead``) is one
    ``input-bibliography`` finding and is counted among them too.
    ``given``: path -> (the path findings name, its bytes), for a bibliography held in another file
    (a LaTeX ``filecontents`` environment) rather than read from ``path``; ``biber``: the files are
    read by biber (``%`` comments inside entries)."""
    macros = new_macros()
    refs: list[Reference] = []
    findings: list[Finding] = []
    failed: list[tuple[str, str]] = []
    crossrefs = _Crossrefs()
    pending: list[tuple[str, RawEntry, int]] = []  # (as _Crossrefs.pending, the index among refs)
    for path in paths:
        shown, data = (given or {}).get(path, (path, None))
        try:
            crossrefs.pending = []
            entries, found = read_bibliography(
                shown, data, macros=macros, lenient=lenient_strings, comments=biber, crossrefs=crossrefs
            )
            pending.extend((where, entry, len(refs) + i) for where, entry, i in crossrefs.pending)
        except NotRead as exc:
            failed.append((shown, ""))
            findings.append(
                Finding(
                    rule="input-bibliography", severity=Severity.ERROR, message=str(exc), path=shown, line=1
                )
            )
            continue
        except InputError as exc:
            failed.append((shown, str(exc)))
            continue
        refs.extend(entries)
        findings.extend(found)
    for where, entry, at in pending:
        target_key = entry.fields.get("crossref", "").strip()
        parent = crossrefs.entries.get(target_key.lower())
        if parent is None or parent is entry:
            findings.append(_missing_crossref(where, entry, target_key))
            continue
        old = refs[at]
        ref = _from_fields(entry, parent, where, 0)
        ref.id, ref.crossref = old.id, parent.key
        refs[at] = ref
    return refs, findings, failed


def _missing_crossref(path: str, entry: RawEntry, target_key: str) -> Finding:
    return Finding(
        rule="missing-crossref",
        severity=Severity.WARNING,
        message=f"entry {entry.key} takes its missing fields from crossref {target_key!r}, "
        "which is not in the bibliography",
        path=path,
        line=entry.line,
    )


def _bibtex(
    path: str,
    text: str,
    macros: dict[str, str] | None = None,
    lenient: bool = False,
    comments: bool = False,
    crossrefs: _Crossrefs | None = None,
) -> tuple[list[Reference], list[Finding]]:
    parsed = parse(text, macros, lenient, comments)
    if len(parsed.entries) > MAX_ENTRIES:
        raise NotRead(f"bibliography {path} has more than {MAX_ENTRIES} entries")
    findings = [_warning(path, line, message) for line, message in parsed.warnings]
    by_key: dict[str, RawEntry] = crossrefs.entries if crossrefs is not None else {}
    for entry in parsed.entries:
        by_key.setdefault(entry.key.lower(), entry)
    refs: list[Reference] = []
    for entry in parsed.entries:
        if entry.problems:
            findings.append(_warning(path, entry.line, f"entry {entry.key}: " + "; ".join(entry.problems)))
        if entry.notes:
            note = _warning(path, entry.line, f"entry {entry.key}: " + "; ".join(entry.notes))
            note.severity = Severity.INFO
            findings.append(note)
        target_key = entry.fields.get("crossref", "").strip()
        parent = None
        if target_key:
            parent = by_key.get(target_key.lower())
            if parent is None or parent is entry:
                if crossrefs is not None and parent is None:
                    crossrefs.pending.append((path, entry, len(refs)))  # (maybe in a later file)
                else:
                    findings.append(_missing_crossref(path, entry, target_key))
                parent = None
        ref = _from_fields(entry, parent, path, len(refs) + 1)
        if parent is not None:
            ref.crossref = parent.key
        refs.append(ref)
    return refs, findings


# BibTeX/biblatex entry types and CSL types of web pages, software and data sets
WEB_TYPES = frozenset(
    ["online", "www", "electronic", "software", "dataset", "webpage", "post", "post-weblog", "data"]
)


# entry types whose organisation BibTeX's styles print in place of a missing author (or editor)
_BY_ORGANIZATION = frozenset({"manual", "proceedings"})
# entry types BibTeX's and biblatex's standard styles print as their own; any other (biblatex's
# @image, @artwork, @video, @standard ..., a type a style of one's own defines) is printed as @misc,
# as BibTeX prints a type its style does not define and biblatex's standard styles print their
# non-standard types
_TYPED = frozenset(
    {"article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings", "manual",
     "mastersthesis", "phdthesis", "thesis", "proceedings", "techreport", "report", "unpublished",
     "collection", "mvbook", "mvcollection", "mvproceedings", "bookinbook", "suppbook", "suppcollection",
     "suppperiodical", "periodical", "patent", "set", "xdata", "reference", "mvreference",
     "inreference", "online", "www", "electronic", "software", "dataset", "misc", "comment", "string",
     "preamble"}
)  # fmt: skip


def _warning(path: str, line: int, message: str) -> Finding:
    return Finding(
        rule="input-bibliography", severity=Severity.WARNING, message=message, path=path, line=line
    )


def _persons(value: str) -> list[Any]:
    from pybtex.bibtex.utils import split_name_list
    from pybtex.database import Person

    people = []
    # BibTeX reads any run of white space as one space: "Laird, A and\n    Kurth, F" (a field wrapped
    # as Paperpile and Zotero write it) is two names, which pybtex splits only around spaces
    for name in split_name_list(" ".join(value.split())):
        try:
            people.append(Person(name))
        except Exception:  # pybtex raises several error types on odd names
            people.append(Person(last="{" + name.replace("{", "").replace("}", "") + "}"))
    return people


def _from_fields(entry: RawEntry, parent: RawEntry | None, path: str, n: int) -> Reference:
    fields = dict(entry.fields)
    if parent is not None:  # BibTeX's crossref: missing fields come from the parent entry
        for name, value in parent.fields.items():
            fields.setdefault(name, value)
    key = entry.key
    ref = Reference(id=f"bib-{n}", text="", start=-1, end=-1, key=key, label=key, source=(path, entry.line))
    kind = entry.type.lower()
    people = _persons(fields.get("author") or fields.get("editor") or "")
    if not people and kind in _BY_ORGANIZATION and fields.get("organization", "").strip():
        # BibTeX's styles print a manual's (or proceedings') organisation where it has no author
        people = _persons("{" + fields["organization"].strip() + "}")
    if not people and fields.get("collaboration", "").strip():
        # INSPIRE's entries of a collaboration's papers ('collaboration = "Belle"', no author): the
        # physics styles (JHEP, revtex, ATLAS's) print "Belle Collaboration" as the author
        team = " ".join(fields["collaboration"].replace("{", "").replace("}", "").split())
        people = _persons("{" + (team if "collaboration" in team.lower() else team + " Collaboration") + "}")
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
    if not ref.authors and not ref.et_al:
        ref.stand_in = _stand_in(kind, fields)
    if entry.fields.get("ids"):  # (its own, not a crossref parent's)
        ref.ids = tuple(k.strip() for k in entry.fields["ids"].split(",") if k.strip() and k.strip() != key)
    year = fields.get("year") or fields.get("date", "")
    m = _YEAR.search(year)
    ref.year = m.group(0) if m else (latex_to_text(year) or None)
    accessed = None
    if not year:
        # a @misc written for BibTeX styles that know no date of a web page or program: its year in
        # "howpublished = {\url{...}, 2020}" or "note = {Version 2.1, 2020}", which the style prints
        # (not the date it was visited, "note = {Accessed 2020}": that is its access date)
        ref.year, accessed = _year_in_notes(fields)
    ref.title = latex_to_text(fields["title"]) if fields.get("title") else None
    ref.subtitle = latex_to_text(fields["subtitle"]) or None if fields.get("subtitle") else None
    ref.doi = fields.get("doi") or None
    if fields.get("journal") or fields.get("journaltitle"):
        ref.container = latex_to_text(fields.get("journal") or fields["journaltitle"]).strip() or None
        ref.container_kind = "journal" if ref.container else None
    elif fields.get("booktitle"):
        ref.container = latex_to_text(fields["booktitle"]).strip() or None
        ref.container_kind = "book" if ref.container else None
    if fields.get("url"):
        ref.urls.append(fields["url"].strip())
    else:
        # BibTeX's classic styles have no url field: a web page's address is written in
        # "howpublished = {\url{...}}" (or the note), and printed there
        ref.urls.extend(_urls_in_notes(fields))
    ref.accessed = fields.get("urldate") or _access_date_in_notes(fields) or accessed
    ref.entry_type = kind
    # a @misc that gives an address ("howpublished = {\\url{...}}", as BibTeX styles without a url
    # field have web pages written) or the date it was visited (Zotero's software and web items) is a
    # web page too, and so is an entry of an online dictionary or encyclopedia (biblatex's
    # @inreference, "cognitive process" in the APA Dictionary of Psychology, often undated)
    ref.web = kind in WEB_TYPES or (
        (kind in ("misc", "inreference", "reference") or kind not in _TYPED)
        and (
            bool(fields.get("urldate"))
            or bool(fields.get("url", "").strip())  # (an address, with a scheme or not: "proteinatlas.org")
            or any(
                "\\url" in fields.get(f, "") or "://" in fields.get(f, "") for f in ("howpublished", "note")
            )
        )
    )
    ref.parts = " ".join(fields[f] for f in ("volume", "number", "chapter", "pages") if fields.get(f)) or None
    ref.text = display(ref)
    return ref


# entry types BibTeX's styles print without an author and without a warning (@misc, @booklet, and
# @manual and @proceedings by their organization; a type they do not define is printed as @misc) and
# those a body issues in its own name (@techreport, biblatex's @report and @standard)
_ISSUED = frozenset({"misc", "booklet", "manual", "proceedings", "techreport", "report", "standard"})


# an editorial, by the fields that may say so (Zotero writes an item's kind of article in "type" or
# "note"; a journal's own editorial is often titled "Editorial: ...")
_EDITORIAL = re.compile(r"(?i)\b(?:[eé]ditoriale?|leitartikel)\b")
_SAYS_EDITORIAL = ("title", "type", "note", "keywords", "pubstate", "howpublished")


def _stand_in(kind: str, fields: dict[str, str]) -> str | None:
    """What a style prints in the place of the author of an entry that has none, or None: its ``key``
    field, BibTeX's documented stand-in (plain.bst sorts by it, plainnat.bst labels by it), or
    biblatex's ``label``; for a report, a standard, a manual or a @misc the body that issued it
    (``organization``, ``institution``, ``publisher``); for a @misc its title, which the styles print
    first (biblatex's labeltitle)."""
    for name in ("key", "label"):
        if fields.get(name, "").strip():
            return latex_to_text(fields[name]).strip() or None
    if kind not in _ISSUED and kind in _TYPED:
        if fields.get("title") and any(_EDITORIAL.search(fields.get(f, "")) for f in _SAYS_EDITORIAL):
            # an unsigned editorial ("title = {Editorial: ...}", "type = {Editorial}"): the styles
            # print its title in the author's place, as for any unsigned work
            return latex_to_text(fields["title"]).strip() or None
        return None  # (a journal article, a book, a thesis: the author is wanted)
    for name in ("organization", "institution", "publisher"):
        if fields.get(name, "").strip():
            return latex_to_text(fields[name]).strip() or None
    if kind in ("misc", "booklet") or kind not in _TYPED:
        return latex_to_text(fields["title"]).strip() or None if fields.get("title") else None
    return None


# a URL, which may hold a year ("https://example.org/2019/05/post") that dates nothing
_URL_IN_FIELD = re.compile(r"\\url\{[^{}]*\}|\S+://\S+")
# a year standing alone in a note (not in "ISBN 9781987...", nor a version "2020.1")
_NOTE_YEAR = re.compile(r"(?<![\w./-])(?:1[5-9]\d\d|20\d\d)(?![\w]|[./-]\d)")
# the words that date a visit, before its date ("Accessed 2020", "last visited: 3 May 2020")
_VISITED = re.compile(
    r"(?i:accessed|visited|retrieved|consulted|checked|viewed|abgerufen|consultado)\W*(?:on\s+)?[\w ,.]{0,20}$"
)


_URL_COMMAND = re.compile(r"\\(?:url|href)\{([^{}\s]+)\}|(?<![\w{])(https?://[^\s{}]+)")


def _urls_in_notes(fields: dict[str, str]) -> list[str]:
    """The addresses a ``howpublished`` or ``note`` gives (``\\url{...}``, ``\\href{...}{...}`` or
    written out), once each."""
    from refcheck.extract.urls import trim_url, unescape_url

    out: list[str] = []
    for name in ("howpublished", "note"):
        text = fields.get(name, "")
        if "://" not in text:
            continue
        for m in _URL_COMMAND.finditer(text):
            url = unescape_url(m.group(1)) if m.group(1) else trim_url(m.group(2))
            if "://" in url and url not in out:
                out.append(url)
    return out


def _access_date_in_notes(fields: dict[str, str]) -> str | None:
    """The date of the visit a ``note`` or ``howpublished`` gives ("[Online; accessed
    16-September-2009]", Wikipedia's; "Accessed: 2009-09-16"), as an ISO date."""
    from refcheck.extract.urls import parse_access_date

    for name in ("note", "howpublished"):
        if (text := _note_text(fields, name)) and (date := parse_access_date(text)):
            return date
    return None


def _note_text(fields: dict[str, str], name: str) -> str:
    """A ``note`` or ``howpublished`` field as the style prints it, its addresses left out: LaTeX read
    ("Accessed 16~September 2009", "\\emph{Last accessed} ...", a braced month)."""
    text = fields.get(name, "")
    if not text:
        return text
    text = _URL_IN_FIELD.sub(" ", text)
    return latex_to_text(text) if any(c in text for c in "\\~{") else text


def _year_in_notes(fields: dict[str, str]) -> tuple[str | None, str | None]:
    """The year a @misc gives in its ``howpublished`` or ``note`` (URLs aside), and the year of its
    access date given there: (year, accessed), each None when not given."""
    year = accessed = None
    for name in ("howpublished", "note"):
        text = _note_text(fields, name)
        for m in _NOTE_YEAR.finditer(text):
            if _VISITED.search(text, 0, m.start()):
                accessed = accessed or m.group(0)
            elif year is None:
                year = m.group(0)
    return year, accessed


def display(ref: Reference) -> str:
    """A one-line rendering for messages: "Surname, Given; Other (2007) Title. [key]"."""
    names = "; ".join(f"{a}, {g}" if g else a for a, g in zip(ref.authors, ref.given, strict=False))
    if ref.et_al:
        names += " et al."
    out = f"{names or '(no author)'} ({ref.year or 'n.d.'})"
    if ref.title:
        out += f" {ref.title}."
    if ref.subtitle:  # (biblatex prints it after the title)
        out += f" {ref.subtitle}."
    return out + (f" [{ref.key}]" if ref.key else "")


def _csl_json(path: str, text: str) -> tuple[list[Reference], list[Finding]]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(items, dict):
        items = items.get("items") or list(items.values())
    if not isinstance(items, list):
        raise InputError("not a CSL-JSON list of items")

    def line_of(key: str) -> int:
        m = re.search(rf'"(?:id|standard_citation)"\s*:\s*"?{re.escape(key)}"?', text) if key else None
        return text.count("\n", 0, m.start()) + 1 if m else 1

    return csl_references(path, items, line_of, manual=True), []  # (read_named leaves them out)


def _csl_yaml(path: str, text: str) -> tuple[list[Reference], list[Finding]]:
    """CSL YAML, as pandoc reads a ``bibliography: refs.yaml`` (and Manubot its manual-references.yaml):
    a list of items, or a mapping whose ``references:`` is that list."""
    import yaml  # PyYAML: only for a YAML bibliography

    try:
        items = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # (C: faster)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise InputError(f"not valid YAML ({str(exc).splitlines()[0]})") from None
    if isinstance(items, dict) and "references" not in items and _hayagriva_like(items):
        return hayagriva_references(path, text, items)
    if isinstance(items, dict):
        items = items.get("references")
    if not isinstance(items, list):
        raise InputError("not a CSL YAML list of items (nor a references: list, nor Hayagriva entries)")

    def line_of(key: str) -> int:
        m = (
            re.search(
                rf"^[ \t-]*(?:id|standard_citation):[ \t]*['\"]?{re.escape(key)}['\"]?[ \t]*$", text, re.M
            )
            if key
            else None
        )
        return text.count("\n", 0, m.start()) + 1 if m else 1

    return csl_references(path, items, line_of, manual=True), []  # (read_named leaves them out)


def csl_references(
    path: str, items: list[Any], line_of: Callable[[str], int], *, manual: bool
) -> list[Reference]:
    """The entries of CSL items (CSL-JSON, or CSL YAML: pandoc's ``references:`` in a front matter),
    each located at ``line_of(its id)`` of ``path``. An item without an id is no entry for pandoc;
    with a standard_citation it is one of Manubot's manual references (Manubot's CSL_Item.infer_id),
    read without a key when ``manual`` (``pandoc.use_bibliography`` gives it one for a Manubot
    manuscript), else left out."""
    refs: list[Reference] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        if item.get("id"):
            key: str | None = str(item["id"])
            line = line_of(str(key))
        elif manual and _standard_id(item):
            key, line = None, line_of(str(item.get("standard_citation") or ""))
        else:
            continue
        ref = Reference(
            id=f"bib-{len(refs) + 1}", text="", start=-1, end=-1, key=key, label=key, source=(path, line)
        )
        ref.entry_type = str(item.get("type") or "").lower() or None  # (CSL's, "paper-conference")
        # (a film's maker is its "director", a score's its "composer": styles print them as its author)
        makers = item.get("author") or item.get("editor") or item.get("director") or item.get("composer")
        for person in makers or []:
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
        ref.year = _csl_year(item.get("issued"))
        if ref.year is None and "issued" not in item:
            # "year: 2000", "date: 2000-05-01": no CSL variable, so citeproc prints no date (pandoc's
            # and citeproc-js's styles read "issued")
            ref.ignored_fields = tuple((f, "issued") for f in ("year", "date") if item.get(f))
        parts = [str(item[f]) for f in ("volume", "issue", "chapter-number", "page") if item.get(f)]
        ref.parts = " ".join(parts) or None
        ref.title = str(item["title"]) if item.get("title") else None
        ref.doi = str(item["DOI"]) if item.get("DOI") else None
        container = item.get("container-title")
        if isinstance(container, str) and container.strip():
            ref.container = container.strip()
            ref.container_kind = "journal" if item.get("type") == "article-journal" else "book"
        if item.get("URL"):
            ref.urls.append(str(item["URL"]))
        ref.standard_id = _standard_id(item)
        # (and so is an item Manubot fetched for a "@url:" citation, typed by what Zotero's translator
        # guessed: a GitHub repository, a course's site or a tool's manual is a "book" there)
        ref.web = str(item.get("type", "")).lower() in WEB_TYPES or (
            (ref.standard_id or "").startswith("url:") and not ref.doi
        )
        ref.text = display(ref)
        refs.append(ref)
    return refs


# the fields a Hayagriva entry is known by (Typst's .yml bibliographies)
_HAYAGRIVA_FIELDS = frozenset({"type", "title", "author", "date", "url", "parent", "editor", "serial-number"})


# an entry's key at the start of its line ("smith2020:", "'key with spaces':")
_HAYAGRIVA_KEY = re.compile(r"^['\"]?([^\s:'\"#][^:\n]*?)['\"]?[ \t]*:", re.M)
_HAYAGRIVA_AUTHORLESS = frozenset(
    {"web", "blog", "repository", "post", "video", "audio", "misc", "legislation", "case", "reference"}
)


# The fields of a Hayagriva entry (hayagriva's lib.rs, ``entry!``): Typst ignores any other
_HAYAGRIVA_FIELDS = frozenset(
    {
        "type", "parent", "title", "author", "date", "editor", "affiliated", "publisher", "location",
        "organization", "issue", "chapter", "volume", "volume-total", "edition", "page-range",
        "page-total", "time-range", "runtime", "url", "serial-number", "language", "archive",
        "archive-location", "call-number", "note", "abstract", "genre",
    }
)  # fmt: skip
# fields of other formats written in a Hayagriva file, and the Hayagriva field that holds what they mean
_HAYAGRIVA_MEANT = {
    "authors": "author", "editors": "editor", "year": "date", "issued": "date", "month": "date",
    "journal": "parent", "booktitle": "parent", "container-title": "parent", "pages": "page-range",
    "page": "page-range", "address": "location", "doi": "serial-number", "isbn": "serial-number",
    "institution": "organization", "howpublished": "publisher",
}  # fmt: skip


# Hayagriva's entry types (types/mod.rs, ``EntryType``: kebab-case, or capitalised as an alias)
_HAYAGRIVA_TYPES = frozenset(
    {
        "article", "chapter", "entry", "anthos", "report", "thesis", "web", "scene", "artwork", "patent",
        "case", "newspaper", "legislation", "manuscript", "post", "misc", "performance", "periodical",
        "proceedings", "book", "blog", "reference", "conference", "anthology", "repository", "thread",
        "video", "audio", "exhibition", "original",
    }
)  # fmt: skip


def _hayagriva_type_problem(key: str, item: dict[Any, Any]) -> str | None:
    """Why Typst refuses an entry's type, and with it the whole bibliography (hayagriva's lib.rs: an
    entry without ``type`` is "no entry type for `key`"; a parent without takes its child's default
    parent type; a value no ``EntryType`` is "unknown variant"); None when it takes it."""
    kinds = [("the type", item.get("type"), True)]
    parents = item.get("parent")
    for parent in parents if isinstance(parents, list) else [parents]:
        if isinstance(parent, dict) and "type" in parent:
            kinds.append(("the parent's type", parent["type"], False))
    for what, kind, required in kinds:
        if kind is None:
            if required:
                return f"entry {key} has no type, which Typst requires"
            continue
        text = str(kind) if isinstance(kind, str) else None
        if text is None or not (
            text in _HAYAGRIVA_TYPES
            or (text[:1].isupper() and text.lower() in _HAYAGRIVA_TYPES and text[1:].islower())
        ):
            return f"{what} {kind!r} of entry {key} is no Hayagriva entry type"
    return None


def _hayagriva_meant(name: str) -> str | None:
    """The Hayagriva field an unknown ``name`` stands for: another format's name for it ("year",
    "journal") or a misspelling ("publsher"); None for a field of the user's own ("keywords")."""
    if name in _HAYAGRIVA_MEANT:
        return _HAYAGRIVA_MEANT[name]
    import difflib

    close = difflib.get_close_matches(name, _HAYAGRIVA_FIELDS, n=1, cutoff=0.8)
    return close[0] if close else None


def _hayagriva_ignored(path: str, text: str, line: int, key: str, ref: Reference) -> list[Finding]:
    """``ref.ignored_fields`` set from the fields Typst ignores that stand for one it reads; an info
    for those that leave nothing missing (a missing author, date or title is incomplete-reference's,
    which names the field)."""
    found: list[Finding] = []
    explained = {"author": not ref.authors, "editor": not ref.authors, "date": not ref.year}
    explained["title"] = not ref.title
    rows = text.split("\n")
    for name, meant in ref.ignored_fields:
        if explained.get(meant):
            continue
        at = line
        for i in range(line, min(len(rows), line + 200)):
            if re.match(rf"[ \t]+['\"]?{re.escape(name)}['\"]?[ \t]*:", rows[i]):
                at = i + 1
                break
            if rows[i][:1] not in (" ", "\t", "") and i > line - 1:
                break  # the next entry
        found.append(
            Finding(
                rule="input-bibliography",
                severity=Severity.INFO,
                message=f"entry {key}: {name!r} is no Hayagriva field, which Typst ignores (did you mean "
                f"{meant!r}?)",
                path=path,
                line=at,
            )
        )
    return found


def _hayagriva_like(items: dict[Any, Any]) -> bool:
    """Whether a YAML mapping is a Hayagriva bibliography (Typst's ``.yml``): each key an entry's key,
    its value a mapping of the entry's fields."""
    values = list(items.values())[:20]
    return bool(values) and all(isinstance(v, dict) and _HAYAGRIVA_FIELDS & set(v) for v in values)


def _haya_text(value: Any) -> str | None:
    """A Hayagriva string field: the string, or a formattable string's ``value`` (or ``title-case``)."""
    if isinstance(value, dict):  # (a formattable string: its value, or its case forms)
        value = value.get("value") or value.get("title-case") or value.get("sentence-case")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def _haya_people(value: Any) -> list[tuple[str, str]]:
    """(surname, given names) of a Hayagriva person list: "Surname, Given" strings (one or a list), or
    mappings with ``name`` and ``given-name``."""
    people = value if isinstance(value, list) else [value] if value is not None else []
    out: list[tuple[str, str]] = []
    for person in people:
        if isinstance(person, dict):
            name, given = _haya_text(person.get("name")), _haya_text(person.get("given-name")) or ""
            prefix = _haya_text(person.get("prefix"))
            if name:
                out.append((f"{prefix} {name}" if prefix else name, given))
        elif isinstance(person, str) and person.strip():
            surname, _, given = person.partition(",")
            out.append((surname.strip(), given.strip()))
    return out


def hayagriva_references(
    path: str, text: str, items: dict[Any, Any]
) -> tuple[list[Reference], list[Finding]]:
    """The entries of a Hayagriva bibliography (``key: {type, title, author, date, url, parent ...}``),
    as Typst reads a ``bibliography("refs.yml")``: each at the line of its key. Fields Hayagriva does not
    know (``authors``, ``year``) are ignored, as Typst ignores them (the entry is printed without);
    one that stands for a field Hayagriva has is named (``Reference.ignored_fields``; an info finding
    when it leaves nothing missing)."""
    lines = {m.group(1): text.count("\n", 0, m.start()) + 1 for m in _HAYAGRIVA_KEY.finditer(text)}
    refs: list[Reference] = []
    findings: list[Finding] = []
    for key, item in items.items():
        if not isinstance(item, dict):
            continue
        key = str(key)
        line = lines.get(key, 1)
        ref = Reference(
            id=f"bib-{len(refs) + 1}", text="", start=-1, end=-1, key=key, label=key, source=(path, line)
        )
        people = _haya_people(item.get("author")) or _haya_people(item.get("editor"))
        ref.authors = [p[0] for p in people]
        ref.given = [p[1] for p in people]
        ref.title = _haya_text(item.get("title"))
        date = item.get("date")
        ref.year = _csl_year(str(date) if isinstance(date, int) and not isinstance(date, bool) else date)
        url = item.get("url")
        if isinstance(url, dict):
            url = url.get("value")
        if isinstance(url, str) and url.strip():
            ref.urls.append(url.strip())
        serial = item.get("serial-number")
        doi = serial.get("doi") if isinstance(serial, dict) else item.get("doi")
        ref.doi = str(doi).strip() if isinstance(doi, (str, int, float)) and str(doi).strip() else None
        parent = item.get("parent")
        if isinstance(parent, list):
            parent = parent[0] if parent else None
        if isinstance(parent, dict) and (container := _haya_text(parent.get("title"))):
            ref.container = container
            ref.container_kind = "journal" if str(parent.get("type", "")).lower() == "periodical" else "book"
        # (a web page, a video, a law: cited by title, with no author as a rule)
        ref.entry_type = str(item.get("type", "")).lower() or None
        ref.web = ref.entry_type in _HAYAGRIVA_AUTHORLESS
        ref.text = display(ref)
        unknown = [str(k) for k in item if str(k) not in _HAYAGRIVA_FIELDS]
        if unknown:
            meant = [(k, m) for k in unknown if (m := _hayagriva_meant(k)) is not None]
            if meant:
                ref.ignored_fields = tuple(meant)
                findings.extend(_hayagriva_ignored(path, text, line, key, ref))
        if (problem := _hayagriva_type_problem(key, item)) is not None:
            findings.append(
                Finding(
                    rule="input-bibliography",
                    severity=Severity.ERROR,
                    message=f"{problem}: Typst refuses the whole bibliography (it does not "
                    "compile); give it one of Hayagriva's types (article, book, chapter, report, thesis, "
                    "web, misc ...)",
                    path=path,
                    line=line,
                )
            )
        refs.append(ref)
    return refs, findings


def _standard_id(item: dict[str, Any]) -> str | None:
    """The key Manubot cites a CSL item by when it is not the item's id (Manubot's CSL_Item.infer_id):
    its standard_citation, else the "standard_id: key" line of its note ("raw:" dropped, as Manubot
    adds it to a key of no known prefix)."""
    found = item.get("standard_citation")
    if not found:
        note = item.get("note")
        m = re.search(r"^standard_id:[ \t]*(\S+)[ \t]*$", note, re.M) if isinstance(note, str) else None
        found = m.group(1) if m else None
    if not found:
        return None
    found = str(found)
    return found[4:] if found.startswith("raw:") else found


def _csl_year(issued: Any) -> str | None:
    """The year of a CSL date: ``{"date-parts": [[2001, 5]]}``, or as CSL YAML and pandoc also write
    it, ``2001``, ``"2001-05-03"`` (EDTF), ``{"raw"|"literal": "May 2001"}`` or, as pandoc-citeproc
    wrote it (pandoc still reads it), ``[{"year": 2001, "month": 5}]``."""
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0])
        issued = issued.get("raw") or issued.get("literal") or issued.get("year")
    if isinstance(issued, list) and issued and isinstance(issued[0], dict):
        return _csl_year(issued[0])  # (a YAML list of one date)
    if isinstance(issued, int) and not isinstance(issued, bool):
        return str(issued)
    if isinstance(issued, dt.date):  # YAML reads an unquoted 2001-05-03 as a date
        return str(issued.year)
    if isinstance(issued, str):
        m = _YEAR.search(issued)
        return m.group(0) if m else None
    return None


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
