"""Typst (.typ): references and citations, the bibliography (.bib or Hayagriva .yml), footnotes, links.

* One pass over each file tells markup from code, as Typst's lexer does: ``//`` and ``/* */``
  comments, raw text (```code``` and ````` ```lang ... ``` `````) and math (``$...$``) are no prose;
  after ``#`` an expression (``#name.field(args)[content]``) or a statement (``#let``, ``#set``,
  ``#show``, ``#import``, ``#include``, ``#if`` ... to the end of its line, brackets balanced) is code,
  whose content blocks ``[...]`` are markup again. Only markup cites and is read as text.
* Citations: ``@key`` (and ``@key[p. 7]``) in markup, ``#cite(<key>)``, ``#cite(label("key"))`` and
  ``#ref(<key>)``. A key that is a label the document gives (``<key>`` after a heading, figure or
  equation, ``label("key")``, a glossary entry's ``key: "name"``) is a cross-reference, not a
  citation; so is a key no entry has that reads as one (``fig:x``, ``sec-x``).
* Bibliography: ``bibliography("refs.bib")`` or a list, ``bibliography(("a.bib", "b.yml"))``, in
  markup or passed to a template (``#show: paper.with(bibliography: bibliography("refs.bib"))``):
  paths relative to the file that names them, or with a leading ``/`` to the project's root (the main
  file's directory, or its Git checkout). ``.bib`` files are read as BibTeX, ``.yml``/``.yaml`` as
  Hayagriva. ``full: true`` prints every entry: all count as cited. With no such call, a local
  module the document imports (a template) that calls ``bibliography("refs.bib")`` names it, or else
  an argument given to a template (``bibliography-file: "refs.yml"``, when the file is there); the
  labels such a module gives its headings are the document's too.
* ``#include "chapter.typ"`` is followed (inside the project only, each file once); the included
  files are appended to the document, each at its own lines, so that findings name them.
* ``#footnote[...]`` is a footnote (numbered in order), ``#link("url")[...]`` and bare
  ``https://...`` are URLs.

Every step is linear in the text.
"""

from __future__ import annotations

import re
from pathlib import Path

from refcheck.loaders.cite_commands import suggest_key
from refcheck.model import (
    Citation,
    Document,
    Finding,
    Footnote,
    FootnoteMarker,
    Reference,
    Severity,
    Url,
    notes_span,
)
from refcheck.model.references import by_key as entries_by_key

_KEYWORDS = frozenset(
    {"let", "set", "show", "import", "include", "if", "for", "while", "context", "return", "else"}
)
_IDENT = re.compile(r"[^\W\d][\w-]*")
# the characters of a label or a reference (Typst: identifier characters, "-", "_", ":", ".")
_LABEL_CHARS = r"[\w\-:.]"
_REF = re.compile(rf"(?<![\\\w])@({_LABEL_CHARS}+)")
_LABEL = re.compile(rf"<({_LABEL_CHARS}+)>")
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_MARKUP_TOKEN = re.compile(r"\\.|https?://|//|/\*|`|\$|#|\[|\]", re.S)
_CODE_TOKEN = re.compile(r'"|//|/\*|`|\$|[()\[\]{}\n<]')
_LINK_CHARS = re.compile(r"[0-9A-Za-z!#$%&*+,\-./:;=?@_~'\[\]()]*")
# "#include "ch1.typ"", and "include "ch1.typ"" passed to a template as content
_IMPORT = re.compile(r'(?<![\w-])import\s*"([^"\n@]+\.typ)"')
_INCLUDE = re.compile(r'(?<![\w-])include\s*"([^"\n]+)"')
# a file a template is given to make the bibliography from ("bibliography-file: "refs.yml"")
_BIB_ARGUMENT = re.compile(r'([\w-]*)\s*:\s*"([^"\n]+\.(?:bib|ya?ml))"', re.I)
_GLOSSARY_KEY = re.compile(r'\bkey\s*:\s*"([^"\n]+)"')
MAX_FILES = 200
MAX_DEPTH = 200  # nesting of brackets and blocks followed; deeper is read as code


class _Scan:
    """What the pass over one file finds (offsets in the file's text)."""

    def __init__(self) -> None:
        self.excluded: list[tuple[int, int]] = []  # code, comments, raw, math
        self.markup_labels: list[tuple[str, int]] = []
        self.code_labels: list[tuple[str, int]] = []  # "<x>" in code: cited (cite(<x>)) or given
        # (name, where the name starts, "(" or "[", open, close): calls and content blocks in code
        self.groups: list[tuple[str, int, str, int, int]] = []


def _skip_comment(text: str, i: int) -> int:
    """The end of the comment opening at ``i`` ("//" or "/*", which nests)."""
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    depth, j = 0, i
    while j < len(text):
        if text.startswith("/*", j):
            depth += 1
            j += 2
        elif text.startswith("*/", j):
            depth -= 1
            j += 2
            if depth == 0:
                return j
        else:
            nxt = min((k for k in (text.find("/*", j), text.find("*/", j)) if k >= 0), default=-1)
            if nxt < 0:
                return len(text)
            j = nxt
    return len(text)


def _skip_raw(text: str, i: int) -> int:
    """The end of the raw text opening at ``i`` (a run of backticks)."""
    j = i
    while j < len(text) and text[j] == "`":
        j += 1
    n = j - i
    if n == 2:
        return j  # "``": empty raw text
    if n >= 3:
        end = text.find("`" * n, j)
        return len(text) if end < 0 else end + n
    end = text.find("`", j)
    return len(text) if end < 0 else end + 1


def _skip_math(text: str, i: int) -> int:
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "$":
            return j + 1
        j += 1
    return len(text)


def _skip_string(text: str, i: int) -> int:
    m = _STRING.match(text, i)
    if m:
        return m.end()
    end = text.find("\n", i)
    return len(text) if end < 0 else end


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.out = _Scan()
        self.depth = 0
        # the content blocks read directly inside each embedded expression being read (markup again)
        self.children: list[list[tuple[int, int]]] = [[]]

    def markup(self, i: int, closing: bool) -> int:
        """Read markup from ``i``; inside a content block (``closing``), up to its unbalanced "]"
        (returned: the offset of that "]"), else to the end."""
        text = self.text
        brackets = 0
        while True:
            m = _MARKUP_TOKEN.search(text, i)
            if m is None:
                return len(text)
            tok, at = m.group(0), m.start()
            if tok.startswith("\\"):
                i = m.end()
            elif tok.startswith("http"):
                link = _LINK_CHARS.match(text, m.end())
                i = link.end() if link else m.end()
            elif tok in ("//", "/*"):
                i = _skip_comment(text, at)
                self.out.excluded.append((at, i))
            elif tok == "`":
                i = _skip_raw(text, at)
                self.out.excluded.append((at, i))
            elif tok == "$":
                i = _skip_math(text, at)
                self.out.excluded.append((at, i))
            elif tok == "#":
                self.children.append([])
                i = self.embedded(at + 1)
                blocks = self.children.pop()
                self.out.excluded.extend(_minus([(at, i)], sorted(blocks)))
            elif tok == "[":
                brackets += 1
                i = m.end()
            else:  # "]"
                if brackets == 0 and closing:
                    return at
                brackets = max(0, brackets - 1)
                i = m.end()

    def embedded(self, i: int) -> int:
        """Read the code after a "#" at ``i - 1``; the end of the expression or statement."""
        text = self.text
        if i >= len(text):
            return i
        c = text[i]
        if c in "({[":
            return self.postfix("", i, i)
        m = _IDENT.match(text, i)
        if m is None:
            return i
        name = m.group(0)
        if name in _KEYWORDS:
            return self.code(m.end(), "\n")  # a statement: to the end of its line
        # (a "." not followed by a name ends the expression: in "#x." it ends a sentence)
        return self.postfix(name, i, m.end())

    def postfix(self, name: str, name_at: int, i: int) -> int:
        """Read the calls, content blocks and fields after a name: ``name.f(args)[body]``."""
        text = self.text
        while i < len(text):
            c = text[i]
            if c in "({" or (c == "[" and self.depth < MAX_DEPTH):
                close = ")" if c == "(" else "}" if c == "{" else "]"
                end = self.group(i, close)
                self.out.groups.append((name, name_at, c, i, end))
                i = end + 1
            elif c == "." and i + 1 < len(text) and (text[i + 1].isalpha() or text[i + 1] == "_"):
                m = _IDENT.match(text, i + 1)
                assert m is not None
                name, name_at, i = m.group(0), m.start(), m.end()
            else:
                break
        return min(i, len(text))

    def group(self, i: int, close: str) -> int:
        """Read the group opening at ``i``; the offset of its closing bracket (or the end)."""
        self.depth += 1
        try:
            if close == "]":
                end = self.markup(i + 1, True)
                self.children[-1].append((i + 1, end))
                return end
            return self.code(i + 1, close)
        finally:
            self.depth -= 1

    def code(self, i: int, close: str) -> int:
        """Read code from ``i`` up to ``close`` (")", "}", or "\\n" for a statement) at depth 0; the
        offset of the closer (or the end)."""
        text = self.text
        last_name = ""
        last_at = i
        while True:
            m = _CODE_TOKEN.search(text, i)
            if m is None:
                return len(text)
            tok, at = m.group(0), m.start()
            if tok == close:
                return at
            # the name a group follows ("bibliography(", "cite(", "footnote[")
            before = text[last_at:at]
            names = list(_IDENT.finditer(before))
            if names and names[-1].end() == len(before):
                last_name = names[-1].group(0)
                name_at = last_at + names[-1].start()
            else:
                last_name, name_at = "", at
            if tok == '"':
                i = _skip_string(text, at)
            elif tok in ("//", "/*"):
                i = _skip_comment(text, at)
            elif tok == "`":
                i = _skip_raw(text, at)
            elif tok == "$":
                i = _skip_math(text, at)
            elif tok == "<":
                label = _LABEL.match(text, at)
                if label:
                    self.out.code_labels.append((label.group(1), at))
                i = label.end() if label else at + 1
            elif tok in "([{":
                if self.depth >= MAX_DEPTH:
                    return len(text)
                closer = {"(": ")", "[": "]", "{": "}"}[tok]
                end = self.group(at, closer)
                self.out.groups.append((last_name, name_at, tok, at, end))
                i = end + 1
            elif tok == "\n":
                i = at + 1
            else:  # an unbalanced closer: the group (or the statement, in a content block) ends here
                return at
            last_at = i


def scan(text: str) -> _Scan:
    scanner = _Scanner(text)
    scanner.markup(0, False)
    out = scanner.out
    out.excluded.sort()
    if "<" in text:
        code = _Ranges(out.excluded)
        out.markup_labels = [(m.group(1), m.start()) for m in _LABEL.finditer(text) if not code(m.start())]
    return out


def _minus(spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with the ``holes`` (sorted, nested or apart) cut out of them."""
    out: list[tuple[int, int]] = []
    import bisect

    starts = [h[0] for h in holes]
    for a, b in spans:
        pos = a
        k = bisect.bisect_left(starts, a)
        while k < len(holes) and holes[k][0] < b:
            ha, hb = holes[k]
            if ha > pos:
                out.append((pos, ha))
            pos = max(pos, hb)
            k += 1
        if pos < b:
            out.append((pos, b))
    return out


class _Ranges:
    def __init__(self, spans: list[tuple[int, int]]) -> None:
        import bisect

        self._bisect = bisect.bisect_right
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self.spans = merged
        self.starts = [a for a, _ in merged]

    def __call__(self, at: int) -> bool:
        k = self._bisect(self.starts, at) - 1
        return k >= 0 and at < self.spans[k][1]


# --- the document --------------------------------------------------------------------------------


class _Part:
    def __init__(self, path: Path, name: str, start: int, text: str, found: _Scan) -> None:
        self.path = path  # resolved
        self.name = name  # as findings name it
        self.start = start  # offset in the document's text
        self.text = text
        self.scan = found


def _string_args(args: str) -> tuple[list[str], bool]:
    """The strings of a call's first positional argument (a string or an array of strings), and
    whether it was one of those."""
    first = args.lstrip()
    if first.startswith('"'):
        m = _STRING.match(first)
        return ([m.group(1)] if m else []), m is not None
    if first.startswith("("):
        close = first.find(")")
        inner = first[1:close] if close > 0 else ""
        found = [m.group(1) for m in _STRING.finditer(inner)]
        return found, bool(found) and not _STRING.sub("", inner).strip(" \t\n,")
    return [], False


def load_typst(path: str, data: bytes) -> Document:
    from refcheck.errors import InputError
    from refcheck.files import read_limit, read_regular
    from refcheck.loaders._build import TextBuilder, squash
    from refcheck.loaders.decode import decode, normalise
    from refcheck.loaders.markdown import _named_like, _root
    from refcheck.project import inside

    root = _root(path)
    main_dir = Path(path).resolve().parent
    out = TextBuilder()
    parts: list[_Part] = []
    findings: list[Finding] = []
    decoded = decode(data)
    if decoded.warning:
        findings.append(Finding(rule="input-encoding", severity=Severity.WARNING, message=decoded.warning))
    todo: list[tuple[Path, str, str]] = [(Path(path).resolve(), path, normalise(decoded.text))]
    seen = {todo[0][0]}
    budget = read_limit()
    while todo:
        where, name, text = todo.pop(0)
        start = out.length
        out.add(text, 1, 1)
        if not text.endswith("\n"):
            out.add_flat("\n", text.count("\n") + 1, len(text) - text.rfind("\n"))
        scanned = scan(text)
        parts.append(_Part(where, name, start, text, scanned))
        in_code = _Ranges(scanned.excluded)
        for m in _INCLUDE.finditer(text) if "include" in text else ():
            a = m.start()
            if not in_code(a):
                continue  # (the word in prose)
            target = (
                (main_dir / m.group(1).lstrip("/"))
                if m.group(1).startswith("/")
                else where.parent / m.group(1)
            )
            line = text.count("\n", 0, a) + 1
            resolved = target.resolve()
            if resolved in seen:
                continue
            problem = None
            if not inside(resolved, root):
                problem = f"{m.group(1)} lies outside the project ({root}) and was not read"
            elif len(seen) >= MAX_FILES:
                problem = f"{m.group(1)} was not read: over {MAX_FILES} files are included"
            else:
                try:
                    raw = read_regular(resolved, budget)
                    included = decode(raw).text
                except FileNotFoundError:
                    problem = f"the included file {m.group(1)} does not exist"
                except OSError as exc:
                    problem = f"the included file {m.group(1)} cannot be read ({exc.strerror or exc})"
                except InputError as exc:  # (a binary file: the document is checked without it)
                    problem = f"the included file {m.group(1)} cannot be read ({exc})"
                else:
                    budget -= len(raw)
                    seen.add(resolved)
                    todo.append((resolved, _named_like(path, resolved), normalise(included)))
            if problem:
                findings.append(
                    Finding(
                        rule="missing-input", severity=Severity.WARNING, message=problem, path=name, line=line
                    )
                )
    text, smap = out.build()
    doc = Document(path=path, format="typst", text=text, source_map=smap, raw=data)
    doc.encoding = decoded.encoding
    doc.findings.extend(findings)
    doc.files = [(p.start, p.start + len(p.text), p.name) for p in parts if p.name != path]
    excluded: list[tuple[int, int]] = []
    labels: set[str] = set()
    for p in parts:
        excluded.extend((p.start + a, p.start + b) for a, b in p.scan.excluded)
        labels.update(name for name, _ in p.scan.markup_labels)
    doc.excluded = _Ranges(excluded).spans
    # the local modules the files import (a template): the labels they give and a bibliography they
    # name are the document's too (they are not its text)
    modules: list[tuple[Path, _Scan]] = []
    module_texts: dict[Path, str] = {}
    for p in parts:
        for m in _IMPORT.finditer(p.text) if "import" in p.text else ():
            module = (p.path.parent / m.group(1)).resolve()
            if module in module_texts or module in seen or len(module_texts) >= MAX_FILES:
                continue
            if not inside(module, root):
                continue
            try:
                module_text = normalise(decode(read_regular(module, budget)).text)
            except (OSError, InputError):
                continue
            module_texts[module] = module_text
            modules.append((module, scan(module_text)))
    for _module, found in modules:
        labels.update(name for name, _ in found.markup_labels)
    code = _Ranges(doc.excluded)

    # footnotes and links
    notes: list[Footnote] = []
    markers: list[FootnoteMarker] = []
    urls: list[Url] = []
    calls: list[tuple[_Part, str, int, str, int, int]] = []
    for p in parts:
        for name, name_at, kind, a, b in p.scan.groups:
            calls.append((p, name, p.start + name_at, kind, p.start + a, p.start + b))
    calls.sort(key=lambda c: c[4])
    # (what a cite(...) call holds: "label("key")" there is the key cited, not a label given)
    cites = _Ranges(
        [(a, b) for _p, name, _at, kind, a, b in calls if name in ("cite", "ref") and kind == "("]
    )
    for _p, name, at, kind, a, b in calls:
        if name == "footnote" and kind == "[":
            hash_at = at - 1 if text[at - 1 : at] == "#" else at
            label = str(len(notes) + 1)
            notes.append(Footnote(label, hash_at, b, a + 1, squash(text[a + 1 : b])))
            markers.append(FootnoteMarker(label, hash_at, at + len(name)))
        elif name == "link" and kind == "(":
            s_m = _STRING.match(text, a + 1 + (len(text[a + 1 : b]) - len(text[a + 1 : b].lstrip())))
            if s_m and s_m.group(1).lower().startswith(("http://", "https://")):
                urls.append(Url(url=s_m.group(1), start=s_m.start(1), end=s_m.end(1)))
        elif name == "label" and kind == "(":
            l_m = _STRING.match(text, a + 1)
            if l_m and not cites(a):
                labels.add(l_m.group(1))
    # a label code gives to a function (a package's "#ex-label(<pex>)", "#thm(<x>)[...]") names what it
    # makes; one in cite(...) or ref(...) is a key referred to
    refers = _Ranges(
        [(a, b) for _p, name, _at, kind, a, b in calls if name in ("cite", "ref", "footnote") and kind == "("]
    )
    for p in parts:
        labels.update(name for name, at in p.scan.code_labels if not refers(p.start + at))
    for p in parts:
        if "key" in p.text:
            # a glossary's entries (glossarium: "(key: "api", short: "API")"), which "@api" refers to
            labels.update(m.group(1) for m in _GLOSSARY_KEY.finditer(p.text) if code(p.start + m.start()))
    doc.footnotes = notes
    doc.footnote_markers = markers
    doc.notes_region = notes_span(notes)
    for u in urls:
        note = doc.footnote_at(u.start)
        u.footnote = note.label if note else None
    doc.urls = urls

    # the bibliography
    bibs: list[tuple[str, int]] = []  # (path, offset of the call)
    full = False
    unknown = False
    for p, name, _at, kind, a, b in calls:
        if name != "bibliography" or kind != "(":
            continue
        names, given = _string_args(text[a + 1 : b])
        if not given:
            if not re.match(r"\s*\w+\s*:", text[a + 1 : b]) and text[a + 1 : b].strip():
                unknown = True  # read(...), a variable: named where refcheck cannot see
            continue
        if re.search(r"\bfull\s*:\s*true\b", text[a + 1 : b]):
            full = True
        for n in names:
            bibs.append((str((main_dir / n.lstrip("/")) if n.startswith("/") else p.path.parent / n), a))
    if not bibs and not unknown:
        # a local module the document imports ("#import "template.typ": *") whose function names the
        # bibliography itself ("bibliography("refs.bib")" in the template's code)
        for module, found in modules:
            for name, _n_at, kind, a, b in found.groups:
                if name == "bibliography" and kind == "(":
                    names, given = _string_args(module_texts[module][a + 1 : b])
                    if given:
                        bibs.extend((str(module.parent / n), 0) for n in names if not n.startswith("/"))
    if not bibs and not unknown:
        # a template's argument naming the file its bibliography() reads
        # ("#show: ieee.with(bibliography-file: "refs.yml")"), when the file is there
        for p in parts:
            for m in _BIB_ARGUMENT.finditer(p.text) if ":" in p.text else ():
                if "bib" not in m.group(1).lower() or not code(p.start + m.start()):
                    continue
                candidate = p.path.parent / m.group(2)
                if candidate.is_file():
                    bibs.append((str(candidate), p.start + m.start()))
    refs: list[Reference] = []
    unread: list[str] = []
    if bibs:
        from refcheck.loaders.bibfiles import read_named

        for bib, _at in dict.fromkeys(bibs):
            entries, read = read_named(doc, _named_like(path, bib), root)
            refs.extend(entries)
            if not read:
                unread.append(Path(bib).name)
        for i, r in enumerate(refs, start=1):
            r.id = f"bib-{i}"

    # citations
    by_key = entries_by_key(refs)
    from refcheck.loaders.pandoc import cross_reference

    def wanted(key: str) -> bool:
        return key in by_key or not (key in labels or cross_reference(key))

    keyed: list[tuple[str, int, int]] = []
    if "@" in text:
        for r_m in _REF.finditer(text):
            key = r_m.group(1).rstrip(".:")
            if key and not code(r_m.start()):
                keyed.append((key, r_m.start(), r_m.start() + 1 + len(key)))
    for _p, name, _at, kind, a, b in calls:
        if name in ("cite", "ref") and kind == "(":
            args = text[a + 1 : b]
            c_m = re.match(r'\s*(?:<([\w\-:.]+)>|label\(\s*"([^"\n]+)"\s*\))', args)
            if c_m:
                g = 1 if c_m.group(1) else 2
                keyed.append((c_m.group(g), a + 1 + c_m.start(g), a + 1 + c_m.end(g)))
    citations: list[Citation] = []
    known = list(by_key)
    for key, s, e in sorted(keyed, key=lambda f: f[1]):
        if not wanted(key):
            continue
        note = doc.footnote_at(s)
        cit = Citation(
            text=text[s:e], start=s, end=e, kind="key", key=key, footnote=note.label if note else None
        )
        ref = by_key.get(key)
        if ref is not None:
            cit.authors = list(ref.authors[:2])
            cit.et_al = len(ref.authors) > 2 or ref.et_al
            cit.year = ref.year
        elif unread:
            cit.confidence = "low"
            cit.detail = f"no entry read has that key; {', '.join(unread)} could not be read"
        elif known:
            cit.suggestion = suggest_key(key, known)
        citations.append(cit)
    if not bibs:
        if citations:
            doc.unchecked = (
                f"it refers to {len(citations)} key(s) such as {citations[0].text!r} that no label of the "
                'document names, but names no bibliography (#bibliography("refs.bib")); a chapter is '
                "checked through the file that includes it"
            )
        citations = []
    if unknown and bibs:
        pass
    elif unknown:
        for cit in citations:
            cit.confidence = "low"
    if full:
        citations += [Citation(text=f"full: {r.key}", start=0, end=0, kind="key", key=r.key) for r in refs]
    doc.references = refs
    doc.citations = sorted(citations, key=lambda c: c.start)
    doc.citations_from_loader = True
    doc.style = "keys"
    return doc


def included_files(paths: list[str]) -> set[str]:
    """The Typst files of ``paths`` another of them includes (``#include "chapter.typ"``) or imports
    (``#import "template.typ": *``): chapters, checked through the file that includes them, and
    modules (a template), no documents of their own."""
    from refcheck.files import read_regular

    by_real = {str(Path(p).resolve()): p for p in paths}
    out: set[str] = set()
    for p in paths:
        try:
            text = read_regular(p, 1 << 20, truncate=True).decode("utf-8", "replace")
        except OSError:
            continue
        if "include" not in text and "import" not in text:
            continue
        for m in re.finditer(r'(?<![\w-])(?:include|import)\s*"([^"\n@]+)"', text):
            target = str((Path(p).parent / m.group(1)).resolve())
            if target in by_real and target != str(Path(p).resolve()):
                out.add(by_real[target])
    return out
