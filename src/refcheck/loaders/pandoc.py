"""pandoc citations in Markdown, and bibliographies given on the command line (``--bib``).

``[@key]``, ``[@key, p. 4]``, ``[-@key]`` (year only), ``[see @a; @b]``, narrative ``@key`` (not an
e-mail address, not bookdown's ``\\@ref(fig:x)``) and braced ``@{key}`` are citation keys when the file
names a bibliography in its YAML front matter (``bibliography: refs.bib`` or a list, relative to the
file; keys padded with spaces as R Markdown templates write them), its Quarto project or Manubot
manuscript names one (refcheck.manuscript), or one is given with ``--bib``; ``.bib`` files are read
with pybtex, ``.json`` as CSL-JSON. ``nocite`` keys (``@*``: every entry) count as cited. Without a
bibliography the Markdown is checked as text (author-date or numeric citations and a written list).

Keys end where pandoc ends them: a key starts with a letter, digit or ``_`` and may hold ``:.#$%&-+?<>~/``
only between letters, digits or ``_`` (so "@smith2000." and "@doe/" end before the punctuation).
Cross-references are not citations: pandoc-crossref's ``@fig:x``, ``{@tbl:x}``, ``@eq:x``, ``@sec:x``
and Quarto's ``@fig-x``, ``@tbl-x``, ``@eq-x``, ``@sec-x`` (and the other Quarto kinds), unless the
bibliography has an entry of that very key. Nor are Manubot's citation aliases, defined with the
reference-link syntax (``[@deep-review]: doi:10.1098/rsif.2017.0387``, read by Manubot's pandoc filter
in any Markdown) or under ``citekey-aliases:`` in the metadata: the identifier they stand for is
resolved when the document is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refcheck.loaders.cite_commands import citation_commands, suggest_key
from refcheck.model import Citation, Document, Reference
from refcheck.model import Ranges as Excluded
from refcheck.model.references import by_key as entries_by_key

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# what R Markdown and Quarto files may put before their front matter, which pandoc reads anywhere:
# blank lines, comments and code chunks ("```{r setup, include=FALSE}" ... "```": papaja's "place
# the chunk before the YAML header, so that the abstract can report sample sizes")
_BEFORE_FRONT = re.compile(
    r"(?:[ \t]*\n|<!--.*?-->[ \t]*\n|(?P<fence>`{3,}|~{3,})[ \t]*\{[^\n]*\n(?:.*?\n)??(?P=fence)[ \t]*\n)*",
    re.S,
)
_FRONT_HERE = re.compile(_FRONT.pattern.removeprefix("\\A"), re.S)
# papaja's cite_r() and its arguments ("cite_r(file = 'r-references.bib', pkgs = c('afex'), omit =
# FALSE)"): the file r_refs() writes, the keys' prefix, the packages cited or left out
_CITE_R = re.compile(r"\bcite_r\s*\(((?:[^()]|\([^()]*\)){0,2000}?)\)")
_CITE_R_FILE = re.compile(
    r"^\s*(?:file\s*=\s*)?[\"']([^\"'\n]+)[\"']|[(,]\s*file\s*=\s*[\"']([^\"'\n]+)[\"']"
)
_CITE_R_PREFIX = re.compile(r"\bprefix\s*=\s*[\"']([^\"'\n]*)[\"']")
_CITE_R_PKGS = re.compile(r"\bpkgs\s*=\s*(c\s*\([^()]*\)|[\"'][^\"'\n]*[\"']|NULL\b)?")
_CITE_R_OMIT = re.compile(r"\b(?:omit|withhold)\s*=\s*(TRUE|FALSE|T|F)\b")
_QUOTED = re.compile(r"[\"']([^\"'\n]+)[\"']")
_PACKAGE_SUFFIX = re.compile(r"_\D")  # "R-lme4_a": a package's second entry (papaja drops "_a")
_TAB_INSIDE = re.compile(r"(?<=\S)[ \t]*\t[ \t]*")
_BIB_LINE = re.compile(r"^bibliography[ \t]*:[ \t]*(.*)$", re.M)
_GROUP = re.compile(r"\[([^\[\]\n]*?-?@[^\[\]]*?)\](?![(\[:])")
# pandoc's citeKey: a first letter, digit or _, then letters, digits and _ with the punctuation
# :.#$%&-+?<>~/ allowed only before another of those (and ":/" before "/", as in "http://")
# braced keys ("@{https://x.org/a}") hold no backslash: "@{\extracolsep\fill}" is a LaTeX tabular
# column spec written raw in the Markdown, not a citation
_KEY = r"(?:\w(?:\w|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*|\{[^{}\s\\]{1,200}\})"
CITE_KEY = _KEY  # (manuscript.py reads the keys of a Quarto project's other pages by it)
# (not after a backslash, a letter or a slash: bookdown's "\@ref(sec)", an e-mail address in a bracketed
# note, "^[see Section \@ref(intro)]", and a web address's "/@user/" in brackets, "[<https://x.re/@user/a>]",
# are no keys)
_ITEM_KEY = re.compile(rf"(?<![\\\w/])(-?)@({_KEY})")
_NARRATIVE = re.compile(rf"(?<![\w@.\[\-/\\]){{?@({_KEY})")
# pandoc-crossref (fig:, tbl:, eq:, sec:, lst:) and Quarto (fig-, tbl-, ...) cross-references
_CROSSREF = re.compile(
    r"(?:(?:fig|tbl|eq|sec|lst|tab|table|figure|apx)[:]|"
    r"(?:fig|tbl|eq|sec|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg|apx)-)\w",
    re.I,
)
# a file's name: the extension of a text, configuration or code file at a key's end
_FILE_NAME = re.compile(r"\.(?:md|mdc|markdown|qmd|rmd|txt|json|ya?ml|toml|py|ipynb|sh|js|ts|csv)\Z", re.I)
# a Manubot citation alias: "[@alias]: doi:10.1000/x" on a line of its own (a reference-link definition)
_ALIAS_DEF = re.compile(r"^[ ]{0,3}\[@([^\]\s]+)\]:[ \t]*\S", re.M)
# a CURIE prefix ("clinicaltrials", "uniprot", "go"): what Manubot accepts before the colon of a key
_CURIE_PREFIX = re.compile(r"[a-z][a-z0-9_.\-]*\Z")
# a key without a prefix that Manubot resolves all the same, inferring the prefix from its form
# (manubot.cite.handlers.infer_prefix): a DOI ("@10.1038/s41588-022-01141-9"), a shortDOI ("@10/b6vnmd"),
# a PMCID, a PubMed ID, a Wikidata ID ("@Q56047393"), an arXiv ID ("@2105.01234v2", "@hep-th/9711200")
_INFERRED_ACCESSION = re.compile(
    r"10\.\d{4,9}/\S+|10/[a-zA-Z0-9]+|PMC\d+|[1-9]\d{0,7}|Q\d+"
    r"|(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
)


@dataclass
class FrontMatter:
    """What the YAML front matter says about citations."""

    bibliography: list[str] = field(default_factory=list)  # as written (relative to the file)
    csl: str | None = None
    nocite: list[str] = field(default_factory=list)  # keys, "*" for every entry
    aliases: list[str] = field(default_factory=list)  # Manubot's citekey-aliases
    references: list[Any] = field(default_factory=list)  # CSL items given in it (pandoc's references:)
    # a manuscript Manubot built (its output branch's manuscript.md): the bibliography it was rendered
    # with and the table of the keys it resolved ("manubot-output-bibliography: output/references.json",
    # "manubot-output-citekeys: output/citations.tsv"), as written
    manubot_output: tuple[str, str] | None = None
    end: int = 0  # offset just after the block (0: no front matter)


def front_matter(text: str) -> FrontMatter:
    """The front matter of a Markdown file (YAML; a block that does not parse is read line by line)."""
    m = _FRONT.match(text)
    if m is None and text.startswith(("```", "~~~", "\n", "<!--")):
        lead = _BEFORE_FRONT.match(text)
        if lead is not None and lead.end() and text.startswith("---", lead.end()):
            m = _FRONT_HERE.match(text, lead.end())
    if not m:
        return FrontMatter()
    from refcheck.manuscript import citekey_aliases, names, read_yaml

    block = m.group(1)
    data = read_yaml(block)
    if not data and "\t" in block:
        # a tab after a key ("number-sections\t: true"), which pandoc's and Quarto's YAML readers
        # take as a space and PyYAML refuses
        data = read_yaml(_TAB_INSIDE.sub(" ", block))
    out = FrontMatter(end=m.end())
    if data:
        out.bibliography = names(data.get("bibliography"))
        csl = names(data.get("csl"))
        nocite = data.get("nocite")
        formats = data.get("format")
        if not out.bibliography and isinstance(formats, dict):
            # Quarto's options of one output format ("format: pdf: bibliography: refs.bib"): the
            # bibliography of that format's rendering, the first format's named that names one
            for options in formats.values():
                if isinstance(options, dict) and names(options.get("bibliography")):
                    out.bibliography = names(options.get("bibliography"))
                    csl = csl or names(options.get("csl"))
                    nocite = nocite if nocite is not None else options.get("nocite")
                    break
        out.csl = csl[0] if csl else None
        for item in names(nocite) if not isinstance(nocite, list) else [str(x) for x in nocite]:
            out.nocite.extend(k.group(2).strip("{}") for k in _ITEM_KEY.finditer(item))
            if "@*" in item:
                out.nocite.append("*")
        out.aliases = citekey_aliases(data)
        refs = data.get("references")
        out.references = refs if isinstance(refs, list) else []
        built, keys = data.get("manubot-output-bibliography"), data.get("manubot-output-citekeys")
        if isinstance(built, str) and built.strip():
            out.manubot_output = (built.strip(), keys.strip() if isinstance(keys, str) else "")
        return out
    b = _BIB_LINE.search(block)  # YAML that does not parse: the bibliography line(s) still count
    if not b:
        return out
    value = b.group(1).strip()
    if value.startswith("["):
        out.bibliography = [v.strip().strip("\"'") for v in value.strip("[]").split(",")]
    elif value:
        out.bibliography = [value.strip("\"'")]
    else:  # a YAML list on the following lines
        for row in block[b.end() :].split("\n")[1:]:
            listed = re.match(r"^\s+-\s+(.+)$", row)
            if not listed:
                break
            out.bibliography.append(listed.group(1).strip().strip("\"'"))
    out.bibliography = [n for n in out.bibliography if n]
    return out


def inline_references(doc: Document, meta: FrontMatter, *, manual: bool = False) -> list[Reference]:
    """The entries of the front matter's ``references:`` (CSL YAML, as pandoc reads them along with
    any bibliography file), each located at its ``id:`` line; ``manual``: as ``bibfiles.read_named``."""
    if not meta.references:
        return []
    from refcheck.loaders.bibtex import csl_references

    block = doc.text[: meta.end]

    def line_of(key: str) -> int:
        m = re.search(rf"^[ \t-]*id:[ \t]*['\"]?{re.escape(key)}['\"]?[ \t]*$", block, re.M)
        return block.count("\n", 0, m.start()) + 1 if m else 1

    return csl_references(doc.path, meta.references, line_of, manual=manual)


def alias_definitions(doc: Document) -> set[str]:
    """The keys the text defines as Manubot citation aliases (``[@alias]: doi:...``)."""
    skip = Excluded(doc.excluded)
    return {m.group(1) for m in _ALIAS_DEF.finditer(doc.text) if not skip(m.start())}


def external_key(key: str, external: tuple[str, ...]) -> bool:
    """Whether ``key`` is ``prefix:accession`` with a prefix of ``external`` (``"*"``: any CURIE
    prefix, as Manubot resolves)."""
    if not external:
        return False
    if ":" not in key:
        # a key without a prefix whose form Manubot infers one from (a DOI, PMCID, arXiv ID ...)
        return "*" in external and _INFERRED_ACCESSION.fullmatch(key) is not None
    prefix = key.split(":", 1)[0].lower()
    return prefix in external or ("*" in external and _CURIE_PREFIX.match(prefix) is not None)


# what a document names as a cross-reference target: an attribute's identifier ("{#supptbl-1}",
# "::: {#suppfig-1 .figure}", "# Methods {#sec-methods}"), a Quarto chunk's label ("#| label: fig-x"),
# a MyST directive's label or name (":label: pro-order"), a MyST target line ("(sec-intro)="), or the
# label of an item of pandoc's example lists ("(@good) This is a good example.", which "(@good)" in the
# text numbers)
_TARGET = re.compile(
    r"\{[ \t]*#([\w][\w:.\-]*)[^{}\n]*\}|^[ \t]*#\|[ \t]*label:[ \t]*[\"']?([\w][\w:.\-]*)"
    r"|^[ \t>]*:(?:label|name):[ \t]*([\w][\w:.\-]*)[ \t]*$|^[ \t]*\(([\w][\w:.\-]*)\)=[ \t]*$"
    r"|^[ \t]{0,3}\(@([\w][\w\-]*)\)[ \t]",
    re.M,
)


# a MyST subfigure's implicit label: its figure's label, a hyphen and its letter ("subFigure-a")
_SUBFIGURE = re.compile(r"(.+)-[a-z]\Z")


def targets(text: str) -> set[str]:
    """The identifiers the document gives its figures, tables, sections and chunks: "@suppfig-1" refers
    to one of them (a Quarto custom cross-reference kind, ``crossref: custom: - key: suppfig``; MyST's
    "@pro-order" refers to any labelled target), not to a work."""
    if "#" not in text and ":" not in text and ")=" not in text and "(@" not in text:
        return set()
    return {next(g for g in m.groups() if g) for m in _TARGET.finditer(text)}


def cross_reference(key: str) -> bool:
    """Whether a key is a figure, table, equation or section label rather than a work."""
    return _CROSSREF.match(key) is not None


# The properties of the Citation Typing Ontology that pandoc's cito filter (pandoc-scholar, lua-filters)
# reads before a key's colon, "[@method:lanthaler_jsonld_2012]", and takes out of the key
_CITO_PROPERTIES = frozenset(
    [
        "agrees_with",
        "citation",
        "cites",
        "cites_as_authority",
        "cites_as_data_source",
        "cites_as_evidence",
        "cites_as_metadata_document",
        "cites_as_potential_solution",
        "cites_as_recommended_reading",
        "cites_as_related",
        "cites_as_source_document",
        "cites_for_information",
        "compiles",
        "confirms",
        "contains_assertion_from",
        "corrects",
        "credits",
        "critiques",
        "derides",
        "describes",
        "disagrees_with",
        "discusses",
        "disputes",
        "documents",
        "extends",
        "gives_background_to",
        "gives_support_to",
        "has_reply_from",
        "includes_excerpt_from",
        "includes_quotation_from",
        "is_agreed_with_by",
        "links_to",
        "obtains_background_from",
        "obtains_support_from",
        "parodies",
        "plagiarizes",
        "qualifies",
        "refutes",
        "replies_to",
        "retracts",
        "reviews",
        "ridicules",
        "shares_authors_with",
        "speculates_on",
        "supports",
        "updates",
        "uses_conclusions_from",
        "uses_data_from",
        "uses_method_in",
        "method",
        "method_in",
        "agree_with",
        "as_authority",
        "authority",
        "as_evidence",
        "evidence",
        "as_metadata_document",
        "metadata_document",
        "excerpt",
        "excerpt_from",
        "quotation_from",
        "quotation",
        "background",
        "background_from",
        "data",
        "data_from",
    ]
)


def _cito_key(key: str, by_key: dict[str, Reference]) -> str:
    """``key`` without a CiTO property before it ("background:bourne_database_2005") when no entry has
    the key as written and one has the rest, as pandoc's cito filter reads it; else ``key``."""
    if key in by_key or ":" not in key:
        return key
    prop, rest = key.split(":", 1)
    return rest if prop.lower() in _CITO_PROPERTIES and rest in by_key else key


def pandoc_citations(
    doc: Document,
    refs: list[Reference],
    nocite: list[str] | None = None,
    external: tuple[str, ...] = (),
    aliases: set[str] | frozenset[str] = frozenset(),
    project_targets: frozenset[str] = frozenset(),
    raw_latex: bool = True,
    near: dict[str, str] | None = None,
    in_suffix: list[tuple[int, int, int, str, str]] | None = None,
    citekeys: dict[str, str] | None = None,
) -> list[Citation]:
    """Every pandoc citation key in the prose (not in code, comments or front matter), and one per
    ``nocite`` key. A key that is a cross-reference, a Manubot alias (``aliases``, and those the text
    defines), or (``external``) starts with one of these prefixes, and is in no entry (Manubot's
    ``doi:``, ``pmid:`` ...), is no citation to check here. ``raw_latex``: the renderer passes raw
    LaTeX (``\\cite{key}``) on to LaTeX, as pandoc does; mystmd does not (it shows it as text).
    ``near``: filled with each entry an ``external`` key misses by the punctuation after it, which
    pandoc leaves out of a key (entry key -> the key cited). ``in_suffix``: filled with each key that
    pandoc reads as part of the suffix of the key before it (``Document.keys_in_suffix``): keys in one
    bracket are separated by semicolons, so "[@a, @b]" and "[@a @b]" are one citation of @a whose
    suffix is ", @b" (pandoc's manual; citeproc shows only @a). It still counts as citing its entry.
    ``citekeys``: each key Manubot resolved, as written, and the key of its entry (a built manuscript's
    citations.tsv): the key cites that entry, or (no entry has it) is no citation to check here."""
    by_key = entries_by_key(refs)
    skip = Excluded(doc.excluded)
    defined = alias_definitions(doc) | set(aliases)
    for written, standard in (citekeys or {}).items():
        if standard in by_key:
            by_key.setdefault(written, by_key[standard])
        defined.add(written)
    labels: list[set[str]] = []  # the document's targets, found when a key no entry has is first met

    def wanted(key: str) -> bool:
        if key in by_key:
            return True
        if cross_reference(key) or key in defined:
            return False
        # MyST names a figure's subfigures by its label and their letter: "@fig-a", "@fig-b"
        sub = _SUBFIGURE.match(key)
        names = (key, sub.group(1)) if sub else (key,)
        if any(name in project_targets for name in names):
            return False
        if not labels:
            labels.append(targets(doc.text))  # (a scan of the whole text: most documents never need it)
        if any(name in labels[0] for name in names):
            return False
        return not external_key(key, external)

    text = doc.text
    out: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for g in _GROUP.finditer(text):
        if skip(g.start()):
            continue
        taken.append((g.start(), g.end()))
        before: tuple[str, int] | None = None  # the last key of this item (between semicolons), where
        for item in _ITEM_KEY.finditer(text, g.start(1), g.end(1)):
            if before is not None and _separated(text, before[1], item.start()):
                before = None
            key = _cito_key(_unbrace(item.group(2)), by_key)
            first = before is None
            if first:
                before = (key, item.end())
            if not wanted(key):
                if near is not None and external:
                    _near_key(key, text, item.end(), by_key, near)
                continue
            cit = _cite(doc, key, item.start(), item.end(), by_key.get(key))
            rest = _SEPARATOR.split(text[item.end() : g.end(1)], 1)[0]
            following = _ITEM_KEY.search(rest)
            cit.locator = (rest[: following.start()] if following else rest).strip(" ,") or None
            out.append(cit)
            if not first and in_suffix is not None and before is not None:
                in_suffix.append((before[1], item.start(), item.end(), key, before[0]))
    in_group = Excluded(taken)
    for m in _NARRATIVE.finditer(text):
        if skip(m.start()) or in_group(m.start()):
            continue
        key = _cito_key(_unbrace(m.group(1)), by_key)
        if key not in by_key and _FILE_NAME.search(key):
            # "@AGENTS.md", "@docs/setup.md": a coding agent's instructions (CLAUDE.md) importing a
            # file, not a work (in brackets it would still be read as a key)
            continue
        if not wanted(key):
            if near is not None and external:
                _near_key(key, text, m.end(1), by_key, near)
            continue
        at = m.start(1) - 1  # the "@"
        cit = _cite(doc, key, at, m.end(1), by_key.get(key))
        cit.narrative = True
        out.append(cit)
    if raw_latex and "\\" in text and doc.format == "markdown":
        # raw LaTeX in the prose, which pandoc passes on to LaTeX in a PDF ("(\\cite{IPCC2007})" in
        # an R Markdown paper whose citation_package is natbib): its keys are the same bibliography's
        # (every citation command of natbib, biblatex and the others LaTeX reads, multi-citations too)
        for m, groups in citation_commands(text):
            if skip(m.start()):
                continue
            for at, keys, _locator in groups:
                for part in keys.split(","):
                    key = part.strip()
                    if key == "*" and m.group(1) == "nocite":
                        nocite = [*(nocite or []), "*"]  # every entry counts as cited
                    elif key and "\\" not in key and "#" not in key and wanted(key):
                        start = at + len(part) - len(part.lstrip())
                        out.append(_cite(doc, key, start, start + len(key), by_key.get(key)))
                    at += len(part) + 1
    for key in nocite or []:
        for ref in refs if key == "*" else [by_key[key]] if key in by_key else []:
            # counts the entry as cited (no author or year as written: nothing to compare)
            out.append(Citation(text=f"nocite: {ref.key}", start=0, end=0, kind="key", key=ref.key))
    if "cite_r" in text:
        # papaja's "`r cite_r(file = "r-references.bib")`" cites, when the document is built, the
        # packages of the file r_refs() wrote (R itself and each package used)
        for m in _CITE_R.finditer(text):
            cited = _cited_by_cite_r(m.group(1))
            if cited is None:
                continue
            name, wanted_key = cited
            for ref in refs:
                if (
                    ref.source is not None
                    and Path(ref.source[0]).name == name
                    and ref.key
                    and wanted_key(ref.key)
                ):
                    out.append(Citation(text=m.group(0), start=0, end=0, kind="key", key=ref.key))
    out.sort(key=lambda c: c.start)
    _suggest_missing(out, by_key)
    return out


def _cited_by_cite_r(args: str) -> tuple[str, Callable[[str], bool]] | None:
    """The file name a cite_r() call reads and which of its keys it cites, by its arguments: keys
    with its ``prefix`` ("R-"), R's own ("R-base") always; the packages ``pkgs`` names left out
    (``omit = TRUE``, the default; ``withhold``, its older name) or alone cited (``omit = FALSE``);
    with no ``pkgs``, every package, or R alone when ``omit = FALSE``. ``pkgs`` given as anything
    but names in quotes (a variable) cites every key of the file, as the call may."""
    m = _CITE_R_FILE.search(args)
    if m is None:
        return None
    name = Path(m.group(1) or m.group(2)).name
    p = _CITE_R_PREFIX.search(args)
    prefix = p.group(1) if p else "R-"
    o = _CITE_R_OMIT.search(args)
    omit = o is None or o.group(1) in ("TRUE", "T")
    k = _CITE_R_PKGS.search(args)
    pkgs: frozenset[str] | None = None
    if k is not None:
        if k.group(1) is None:
            return name, lambda key: True  # (a variable: which packages, refcheck cannot tell)
        pkgs = None if k.group(1) == "NULL" else frozenset(_QUOTED.findall(k.group(1)))

    def wanted(key: str) -> bool:
        if not key.startswith(prefix):
            return False
        package = _PACKAGE_SUFFIX.sub("", key[len(prefix) :])
        if package == "base":
            return True
        if pkgs is None:
            return omit
        return (package in pkgs) != omit

    return name, wanted


def _suggest_missing(citations: list[Citation], by_key: dict[str, Reference]) -> None:
    """The key each citation of a key no entry has most likely means ("[@Smith2001]" of the entry
    smith2001: pandoc's keys are case-sensitive), as the LaTeX loader gives it: one defect, the
    missing key with its suggestion, and the entry it names is not also said to be uncited."""
    known: list[str] | None = None
    said: dict[str, str | None] = {}
    for cit in citations:
        key = cit.key
        if key is None or key in by_key or cit.suggestion is not None:
            continue
        if key not in said:
            if known is None:
                known = list(by_key)
            said[key] = suggest_key(key, known)
        cit.suggestion = said[key]


# what separates the citations of a bracket: a semicolon, not one escaped ("[@a\\; see also]" is a
# suffix holding one)
_SEPARATOR = re.compile(r"(?<!\\);")


def _separated(text: str, start: int, end: int) -> bool:
    """Whether a citation separator lies between ``start`` and ``end`` of ``text``."""
    return ";" in text[start:end] and _SEPARATOR.search(text, start, end) is not None


# the punctuation pandoc takes into a key only between word characters ("Unless a citation key ... contains
# only alphanumerics and single internal punctuation characters (:.#$%&-+?<>~/)", pandoc's manual): at a
# key's end it is text after the key
_TRAILING_PUNCTUATION = re.compile(r"[:.#$%&\-+?<>~/]+")


def _near_key(key: str, text: str, end: int, by_key: dict[str, Reference], near: dict[str, str]) -> None:
    """Record the entry that ``key`` plus the punctuation after it (at ``end``) names, if any."""
    if end < len(text) and text[end] in ":.#$%&-+?<>~/":
        m = _TRAILING_PUNCTUATION.match(text, end)
        if m is not None and key + m.group(0) in by_key:
            near.setdefault(key + m.group(0), key)


# MyST's citation roles of sphinxcontrib-bibtex (Jupyter Book): {cite}`a,b`, {cite:p}, {cite:t},
# {cite:ps}, {cite:ct}, {cite:year} ..., and its footnote citations, {footcite}`a`, {footcite:t} (the
# role's text is inline code to Markdown, never over a blank line)
_MYST_ROLE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}(`+)((?:(?!\n[ \t]*\n).)+?)\1", re.S)
# a role's keys: separated by commas (sphinxcontrib-bibtex) or semicolons (mystmd), which also gives
# each a braced prefix and suffix ("{cite:p}`{see}cockett2015{fig 1}; heagy2017`")
_ROLE_KEY = re.compile(r"\{[^{}]*\}|([^,;\s{}]+)")
# a DOI cited as a key ("[@10.1093/nar/22.22.4673]", "{cite}`10.5281/zenodo.6476040`"): mystmd fetches
# the work's metadata itself
_DOI_KEY = re.compile(r"10\.\d{4,9}/\S+$")
# jekyll-scholar's Liquid tags: {% cite a b --file refs %}, {% citation a %}, {%- cite "a" -%}
_LIQUID_CITE = re.compile(r"\{%-?[ \t]*(?:cite|citation)[ \t]+([^%\n]*?)[ \t]*-?%\}")
# Liquid shows what stands between {% raw %} and {% endraw %} as it is: an example, not a citation
_LIQUID_RAW = re.compile(r"\{%-?[ \t]*raw[ \t]*-?%\}.*?(?:\{%-?[ \t]*endraw[ \t]*-?%\}|\Z)", re.S)


def role_citations(doc: Document, refs: list[Reference], syntax: str) -> list[Citation]:
    """Every key cited by a site's citation syntax: MyST roles (``syntax`` "myst") or jekyll-scholar's
    Liquid tags ("liquid", whose keys end at the first option, ``--file`` or ``-l 23``), not in
    fenced code or comments."""
    by_key = entries_by_key(refs)
    raw = [m.span() for m in _LIQUID_RAW.finditer(doc.text)] if syntax == "liquid" else []
    skip = Excluded(sorted(doc.excluded + raw))
    out: list[Citation] = []
    pattern = _MYST_ROLE if syntax == "myst" else _LIQUID_CITE
    for m in pattern.finditer(doc.text):
        if skip(m.start()):
            continue
        group = 2 if syntax == "myst" else 1
        body, at = m.group(group), m.start(group)
        parts = _ROLE_KEY.finditer(body) if syntax == "myst" else re.finditer(r"\S+", body)
        for part in parts:
            if syntax == "liquid" and part.group(0).startswith("-"):
                break
            if part.group(syntax == "myst") is None:
                continue  # (a role's prefix or suffix)
            key = part.group(0).strip("\"'")
            if not key:
                continue
            out.append(_cite(doc, key, at + part.start(), at + part.end(), by_key.get(key)))
    _suggest_missing(out, by_key)
    return out


def _unbrace(key: str) -> str:
    return key[1:-1] if key.startswith("{") and key.endswith("}") else key


def _cite(doc: Document, key: str, start: int, end: int, ref: Reference | None) -> Citation:
    note = doc.footnote_at(start)
    cit = Citation(
        text=doc.text[start:end],
        start=start,
        end=end,
        kind="key",
        # (the entry's own key: a key Manubot resolved may be written otherwise, "@massias" for the entry
        # of "url:https://...")
        key=ref.key if ref is not None and ref.key else key,
        footnote=note.label if note else None,
    )
    if ref is not None:
        cit.authors = list(ref.authors[:2])
        cit.et_al = len(ref.authors) > 2 or ref.et_al
        cit.year = ref.year
    return cit


def use_bibliography(
    doc: Document,
    paths: list[str],
    *,
    nocite: list[str] | None = None,
    external: tuple[str, ...] = (),
    aliases: list[str] | None = None,
    shared: bool = False,
    root: Path | None = None,
    inline: list[Reference] | None = None,
    syntax: str = "pandoc",
    project_targets: frozenset[str] = frozenset(),
    plugins: tuple[str, ...] = (),
    citekeys: dict[str, str] | None = None,
    cited_elsewhere: frozenset[str] = frozenset(),
) -> None:
    """Read ``paths`` and, when the text cites pandoc keys, check the keys against them and against
    ``inline`` (the entries of the front matter's ``references:``, ``inline_references``).

    ``shared``: the bibliography serves many documents (a Quarto project's), so only the entries this
    document cites are its references. ``root``: bibliographies outside this directory are not read
    (a document's front matter is untrusted: it may name ``/etc/passwd`` or ``../../secret``).
    ``syntax``: how the text cites keys, "pandoc", or a site's "myst" or "liquid" (``role_citations``).
    ``project_targets``: the labels the other pages of the document's project give their targets
    (MyST's "@label" cross-references another page's figure or theorem). ``plugins``: the MyST
    project's JavaScript plugins, whose directives may label targets refcheck cannot see: an "@key"
    in the prose that no entry has may cross-reference one (said at info). ``citekeys``: the keys a
    Manubot build resolved, as written, and their entries' keys (``pandoc_citations``).
    ``cited_elsewhere``: the keys the other pages of the document's project that name the same
    bibliography cite; their entries are not this page's to report as uncited."""
    refs: list[Reference] = list(doc.references or []) if doc.format == "latex" else []
    refs.extend(inline or ())
    unread: list[str] = []
    if paths:
        from refcheck.loaders.bibfiles import bib_named, read_named  # pybtex: only for a bibliography
    for p in paths:
        named = bib_named(p)
        entries, read = read_named(doc, named, root, manual=bool(external))
        if not read:
            unread.append(Path(named).name)
        refs.extend(entries)
    doc.unread_bibliographies = unread
    for i, r in enumerate(refs, start=1):
        if r.source is not None:
            r.id = f"bib-{i}"
        if external and r.standard_id and r.standard_id != r.key:
            # Manubot cites the item by the key its note gives (its references.json's id is a hash), or
            # by its standard_citation when it has no id (a manual reference)
            r.key = r.label = r.standard_id
    if doc.format == "latex":
        from refcheck.loaders.latex import key_citations

        doc.references = refs
        doc.citations = key_citations(doc, refs)
        return
    if syntax == "pandoc":
        # (only where pandoc reads the text: a LaTeX document's keys are LaTeX's)
        in_suffix = doc.keys_in_suffix if doc.format == "markdown" else None
        citations = pandoc_citations(
            doc, refs, nocite, external, set(aliases or ()), near=doc.near_keys, in_suffix=in_suffix,
            citekeys=citekeys,
        )  # fmt: skip
    elif syntax == "mystmd":  # mystmd reads pandoc's syntax and MyST's roles, and resolves DOIs
        keys = {r.key for r in refs}
        # (mystmd reads no raw LaTeX in Markdown: "\\citep{A, B}" on a page is text, as a writing
        # guide's example shows it)
        citations = pandoc_citations(doc, refs, nocite, project_targets=project_targets, raw_latex=False)
        citations += role_citations(doc, refs, "myst")
        dois = [c for c in citations if c.key not in keys and _DOI_KEY.match(c.key or "")]
        if dois:  # the page's list holds the works mystmd fetches for them: not a list to be missing from
            doc.unseen_key, doc.unseen_resolved = dois[0].text, True
            citations = [c for c in citations if c not in dois]
        if plugins:
            # "define the @template-site-myst-book-theme-style option" (mystmd's docs): the label of an
            # option its plugin's directive lists ("{myst:template} book-theme"), not a citation
            for cit in citations:
                if cit.narrative and cit.key not in keys:
                    cit.confidence = "low"
                    cit.detail = (
                        "no entry has that key; it may be the label of a target that a plugin of the "
                        f"project ({', '.join(plugins[:3])}) makes, which refcheck does not run"
                    )
        citations.sort(key=lambda c: c.start)
    else:
        citations = role_citations(doc, refs, syntax)
    if unread:
        # a key in no entry read may be in the bibliography that was not: one defect (the
        # input-bibliography finding), so its citations are said at info, not as missing errors
        keys = {r.key for r in refs}
        for cit in citations:
            if cit.key is not None and cit.key not in keys:
                cit.confidence = "low"
                cit.detail = f"no entry read has that key; {', '.join(unread)} could not be read"
    if external and not citations:
        resolved = len(pandoc_citations(doc, refs))
        if resolved and not refs:
            doc.unchecked = (
                f"its {resolved} citation(s) are by persistent identifier (doi:, pmid:, url: ...), "
                "which Manubot resolves; no bibliography entries to check them against"
            )
        elif resolved:
            # a manuscript all of whose citations Manubot resolves from their identifiers, beside
            # manual references none of them names (uncited-reference says so, not "no citations")
            doc.unchecked = (
                f"its {resolved} citation(s) are by persistent identifier (doi:, pmid:, url: ...), which "
                "Manubot resolves from the identifier"
            )
    if shared or cited_elsewhere:
        keys = {c.key for c in citations}
        refs = [r for r in refs if r.key in keys or not (shared or r.key in cited_elsewhere)]
    if citations or refs:
        doc.references = refs
        doc.citations = citations
        doc.citations_from_loader = True
        doc.style = "keys"
