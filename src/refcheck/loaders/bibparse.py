"""A tolerant BibTeX scanner: entries, fields and ``@string`` macros, read the way BibTeX and biber do.

pybtex's parser stops at the first thing it dislikes and knows no positions, so one ``month = July``
(an undefined macro, which BibTeX replaces by an empty string with a warning) used to lose the entry
and then raise a false missing-reference. This scanner reads each ``@type{key, ...}`` on its own
(from its line to the next line that starts an entry, or to an entry glued to its closing brace),
keeps whatever it can and says what it could not, once per problem, with the line in the .bib:

* an undefined macro is read as the empty string (BibTeX's warning), a repeated field keeps its first
  value (BibTeX's "repeated entry" note; biber's "duplicate field"), text after an entry's closing
  brace that looks like a piece of an entry (a stray ``}`` or ``field = value``) is reported, lines
  starting with ``%`` between entries are comments (as biber reads them; BibTeX has no comments, and
  reads ``%@article{key,`` followed by live fields as an entry, so refcheck does), other free text is
  ignored;
  read for biber (``comments``), ``%`` to the end of the line is a comment inside an entry too, outside
  its braced and quoted values (biber's btparse skips it wherever a space may stand; BibTeX does not,
  so for BibTeX a commented-out field stays text that is not a field);
* ``@string`` values are expanded as they are defined, each string and each field capped at
  ``MAX_VALUE`` characters and the whole file at a budget proportional to its size, so strings
  defined by doubling (``@string{a2 = a1 # a1}``) cannot take time or memory without bound; a cut is
  said once, as BibTeX says it;
* the whole file is scanned once: the time is linear in its size (no re-parsing per entry).

Month macros ``jan`` ... ``dec`` are predefined, as in BibTeX's standard styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refcheck.extract import patterns

MAX_VALUE = 100_000  # characters of one expanded @string or field (BibTeX's own buffers are smaller)
BUDGET_PER_BYTE = 16  # characters expanded from macros per byte of input, over the whole file
MIN_BUDGET = 4_000_000

# BibTeX's predefined month strings: "jan" -> "january", ...
MONTHS = {m[:3]: m for m in patterns.MONTHS[:12]}

# an entry begins a line; one glued to the closing brace of the one before ("}@article{b,": exports
# pasted one after the other) is found by _LOOSE_START in the free text after that entry's end, where
# BibTeX, which starts an entry at any '@' between entries, reads it. Not here: a '}' before an '@'
# inside a value ("title = {{SETI}@home (an experiment)}") is no entry's end. As in BibTeX, the brace
# may stand on the next line ("@inproceedings\n{\n    key,": hand-written files)
ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)\s*([{(])", re.M)
# an entry's start anywhere in the free text after an entry
_LOOSE_START = re.compile(r"@[ \t]*(\w+)\s*([{(])")
_NAME = re.compile(r"[^\s\"#%'(),={}]+")
_SPACE = re.compile(r"\s*")
_NUMBER = re.compile(r"\d+")


@dataclass
class RawEntry:
    type: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)  # lower-case name -> expanded value
    problems: list[str] = field(default_factory=list)
    # what is said at info level only: a field given twice with the same value (as Zotero writes
    # "doi"), which BibTeX warns of but no reader of the bibliography sees
    notes: list[str] = field(default_factory=list)


@dataclass
class BibFile:
    entries: list[RawEntry] = field(default_factory=list)
    # (line, message): what was read leniently, each said once
    warnings: list[tuple[int, str]] = field(default_factory=list)


class _Reader:
    def __init__(
        self, text: str, macros: dict[str, str] | None = None, lenient: bool = False, comments: bool = False
    ) -> None:
        self.text = _without_comments(text) if comments and "%" in text else text
        self.macros: dict[str, str] = macros if macros is not None else dict(MONTHS)
        self.lenient = lenient  # undefined macros may come from a file not read: say nothing
        self.comments = comments  # read for biber: a '%' line is a comment between entries too
        self.budget = max(MIN_BUDGET, BUDGET_PER_BYTE * len(text))
        self.cut_said = False
        self.budget_said = False
        self.undefined: set[str] = set()
        self.out = BibFile()

    # --- values -------------------------------------------------------------------------------

    def _braced(self, i: int, end: int) -> tuple[str, int]:
        """The content of ``{...}`` opening at ``i`` (braces balanced) and the offset after it."""
        depth = 0
        j = i
        text = self.text
        while j < end:
            ch = text[j]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return text[i + 1 : j], j + 1
            j += 1
        return text[i + 1 : end], end

    def _quoted(self, i: int, end: int) -> tuple[str, int]:
        depth = 0
        j = i + 1
        text = self.text
        while j < end:
            ch = text[j]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth = max(0, depth - 1)
            elif ch == '"' and depth == 0:
                return text[i + 1 : j], j + 1
            j += 1
        return text[i + 1 : end], end

    def value(self, i: int, end: int, line: int, problems: list[str]) -> tuple[str, int]:
        """A value (pieces joined by ``#``) starting at ``i``; the expanded text and the offset after."""
        text = self.text
        pieces: list[str] = []
        length = 0
        expanded = False
        while True:
            i = _SPACE.match(text, i, end).end()  # type: ignore[union-attr]
            if i >= end:
                break
            ch = text[i]
            if ch == "{":
                piece, i = self._braced(i, end)
            elif ch == '"':
                piece, i = self._quoted(i, end)
            else:
                m = _NUMBER.match(text, i, end) or _NAME.match(text, i, end)
                if m is None:
                    break
                i = m.end()
                word = m.group(0)
                if word.isdigit():
                    piece = word
                else:
                    expanded = True
                    known = self.macros.get(word.lower())
                    if known is None:
                        if word.lower() not in self.undefined and not self.lenient:
                            self.undefined.add(word.lower())
                            problems.append(
                                f"the @string {word!r} is not defined; read as empty, as BibTeX does"
                            )
                        known = ""
                    piece = known
            if length + len(piece) > MAX_VALUE:
                piece = piece[: max(0, MAX_VALUE - length)]
                self._say_cut(line)
            if expanded and piece:
                if self.budget < len(piece):
                    piece = piece[: self.budget]
                    if not self.budget_said:
                        self.budget_said = True
                        self.out.warnings.append(
                            (
                                line,
                                "the @string macros of this file expand to more text than refcheck reads; "
                                "later expansions are cut",
                            )
                        )
                self.budget -= len(piece)
            pieces.append(piece)
            length += len(piece)
            i = _SPACE.match(text, i, end).end()  # type: ignore[union-attr]
            if i < end and text[i] == "#":
                i += 1
                continue
            break
        if len(pieces) == 1:
            return pieces[0], i
        return "".join(pieces), i

    def _say_cut(self, line: int) -> None:
        if not self.cut_said:
            self.cut_said = True
            self.out.warnings.append(
                (
                    line,
                    f"a @string or field expands to more than {MAX_VALUE:,} characters and is cut there "
                    "(BibTeX would stop too)",
                )
            )

    # --- entries ------------------------------------------------------------------------------

    def read(self) -> BibFile:
        text = self.text
        starts = list(ENTRY_START.finditer(text))
        line = 1
        last = 0
        for n, m in enumerate(starts):
            line += text.count("\n", last, m.start())
            last = m.start()
            end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
            kind = m.group(1).lower()
            close = "}" if m.group(2) == "{" else ")"
            body = m.end()
            if kind == "comment":
                continue
            if kind == "preamble":
                continue
            if kind == "string":
                self._string(body, end, line, close)
                continue
            loose = self._entry(kind, body, end, line, close)
            at, seen = line, m.start()  # (lines counted on from the entry before: not from m each time)
            while loose is not None:  # an entry begun elsewhere than a line's start ("\\@article{")
                at += text.count("\n", seen, loose.start())
                seen = loose.start()
                loose = self._entry(
                    loose.group(1).lower(), loose.end(), end, at, "}" if loose.group(2) == "{" else ")"
                )
        return self.out

    def _string(self, i: int, end: int, line: int, close: str) -> None:
        text = self.text
        m = _NAME.match(text, _SPACE.match(text, i, end).end(), end)  # type: ignore[union-attr]
        if m is None:
            self.out.warnings.append((line, "a @string without a name is ignored"))
            return
        j = _SPACE.match(text, m.end(), end).end()  # type: ignore[union-attr]
        if j >= end or text[j] != "=":
            self.out.warnings.append((line, f"the @string {m.group(0)!r} has no value and is ignored"))
            return
        problems: list[str] = []
        value, _ = self.value(j + 1, end, line, problems)
        for p in problems:
            self.out.warnings.append((line, p))
        self.macros[m.group(0).lower()] = value

    def _entry(self, kind: str, i: int, end: int, line: int, close: str) -> re.Match[str] | None:
        """Read one entry; returns an entry begun in the free text after it (BibTeX starts one at
        any '@' between entries: "\\@article{key," pasted from LaTeX), or None."""
        text = self.text
        i = _SPACE.match(text, i, end).end()  # type: ignore[union-attr]
        k = i
        stop = ",}" if close == "}" else ",)"
        while k < end and text[k] not in stop and not text[k].isspace():
            k += 1
        key = text[i:k]
        entry = RawEntry(type=kind, key=key, line=line)
        i = _SPACE.match(text, k, end).end()  # type: ignore[union-attr]
        repeated: list[str] = []
        same: list[str] = []  # given twice with the same value
        junk = False
        while i < end:
            ch = text[i]
            if ch == ",":
                i = _SPACE.match(text, i + 1, end).end()  # type: ignore[union-attr]
                continue
            if ch == close:
                i += 1
                break
            m = _NAME.match(text, i, end)
            if m is None:
                junk = True
                i += 1
                continue
            name = m.group(0).lower()
            j = _SPACE.match(text, m.end(), end).end()  # type: ignore[union-attr]
            if j >= end or text[j] != "=":
                junk = True
                i = j if j > i else i + 1
                continue
            value, i = self.value(j + 1, end, line, entry.problems)
            if name in entry.fields:
                if name in _UNPRINTED:
                    pass
                elif _same_value(name, entry.fields[name], value):
                    same.append(name)
                else:
                    repeated.append(name)
            else:
                entry.fields[name] = value
        else:
            if key:
                entry.problems.append("the entry is not closed; read up to the next entry")
        if repeated:
            names = list(dict.fromkeys(repeated))
            entry.problems.append(
                f"the field{'s' if len(names) > 1 else ''} {', '.join(names)} "
                f"{'are' if len(names) > 1 else 'is'} given twice; the first value is kept"
            )
        same = [n for n in dict.fromkeys(same) if n not in repeated]
        if same:
            entry.notes.append(
                f"the field{'s' if len(same) > 1 else ''} {', '.join(same)} "
                f"{'are' if len(same) > 1 else 'is'} given twice with the same value; one may go"
            )
        if junk:
            entry.problems.append("the entry holds text that is not a field (a missing comma or '='?)")
        loose = _LOOSE_START.search(text, i, end)
        while loose is not None and (
            loose.group(1).lower() in ("comment", "preamble", "string") or self._commented(loose, end)
        ):
            loose = _LOOSE_START.search(text, loose.end(), end)
        if _looks_like_entry_part(text[i : loose.start() if loose else end]):
            entry.problems.append(
                "text after the entry's closing brace looks like part of an entry (an extra '}'?); it is ignored"
            )
        if not key:
            self.out.warnings.append((line, f"an @{kind} entry without a key is ignored"))
            return loose
        self.out.entries.append(entry)
        return loose

    def _commented(self, start: re.Match[str], end: int) -> bool:
        """Whether an entry's start after a ``%`` on its line is commented out. For biber (btparse) a
        ``%`` line between entries is a comment; BibTeX has no comments in a .bib, and '@' starts an
        entry wherever it stands outside one, so ``%@article{key,`` followed by its fields is a live
        entry (pybtex reads it so too). Out for BibTeX as well, though BibTeX reads them, as their
        author meant them off: an entry whole on its commented line (``% @misc{old, title={x}}``), and
        one commented out line by line (its next line starts with ``%`` too: BibTeX reads an empty
        entry and stops with an error)."""
        text = self.text
        if not text[text.rfind("\n", 0, start.start()) + 1 : start.start()].lstrip().startswith("%"):
            return False
        if self.comments:
            return True
        nl = text.find("\n", start.end(), end)
        if nl < 0:
            nl = end
        rest = text[start.end() : nl]
        if start.group(2) == "{" and rest.count("}") > rest.count("{"):
            return True  # a whole entry on its commented line: nothing of it follows live
        nxt = _SPACE.match(text, nl + 1, end).end() if nl < end else end  # type: ignore[union-attr]
        return nxt >= end or text[nxt] == "%"


# fields no bibliography style prints, which reference managers repeat (Zotero writes one "annote" per
# note of the item): given twice, nothing the reader sees is in doubt
_UNPRINTED = frozenset(
    {"annote", "annotation", "abstract", "file", "keywords", "comment", "comments", "mendeley-tags",
     "mendeley-groups", "groups", "owner", "timestamp", "review", "priority", "readstatus"}
)  # fmt: skip


def _same_value(name: str, first: str, again: str) -> bool:
    """Whether a field given again repeats its first value (white space aside; a DOI's case too)."""
    a, b = " ".join(first.split()), " ".join(again.split())
    return a == b or (name == "doi" and a.lower() == b.lower())


_TRAILING = re.compile(r"^\s*(?:\w[\w-]*\s*=|[{}])", re.M)


# an entry disabled by deleting its '@' ("misc{key,") or writing over it ("###Article{key,"): BibTeX's
# own way to comment one out
_DISABLED = re.compile(r"^\s*[^\w\s@{}=,%]*[A-Za-z]+\s*\{\s*[^\s,{}=]+\s*,")

# an entry switched off by a '%' before its first line only ("%@article{key," and its fields), which
# biber reads as a comment line and free text
_COMMENTED_START = re.compile(r"^\s*%[%\s]*@?\s*[A-Za-z]+\s*\{\s*[^\s,{}=]+\s*,")


def _looks_like_entry_part(rest: str) -> bool:
    """Whether the text between an entry's end and the next entry is a lost piece of an entry (a
    stray brace or a ``field =`` line), not a comment or free text (which BibTeX ignores), nor an
    entry without its '@' (free text to BibTeX, written so to comment the entry out)."""
    depth = 0  # braces open in a disabled entry
    for ln in rest.split("\n"):
        if depth <= 0 and _COMMENTED_START.match(ln):
            depth = ln.count("{") - ln.count("}")  # its fields follow, live: the entry's, switched off
            continue
        if not ln.strip() or ln.lstrip().startswith("%"):
            if depth > 0:  # an entry commented out line by line ends at its "%}"
                depth += ln.count("{") - ln.count("}")
            continue
        if depth <= 0 and _DISABLED.match(ln):
            depth = 0
        elif depth <= 0:
            if _TRAILING.match(ln):
                return True
            continue
        depth += ln.count("{") - ln.count("}")
    return False


def _without_comments(text: str) -> str:
    """``text`` with each ``%`` comment inside an entry (outside its values) blanked to the end of its
    line, as biber reads a .bib: lengths and line breaks kept, so offsets and lines do not move."""
    out = list(text)
    starts = list(ENTRY_START.finditer(text))
    for n, m in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
        depth = 1  # inside the entry's own brace; values are deeper or quoted
        quoted = False
        i = m.end()
        while i < end:
            ch = text[i]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth <= 0:
                    break  # the entry's end: what follows is free text between entries
            elif ch == '"' and depth == 1:
                quoted = not quoted
            elif ch == "%" and depth == 1 and not quoted:
                stop = text.find("\n", i, end)
                stop = end if stop < 0 else stop
                out[i:stop] = " " * (stop - i)
                i = stop
                continue
            i += 1
    return "".join(out)


def parse(
    text: str, macros: dict[str, str] | None = None, lenient: bool = False, comments: bool = False
) -> BibFile:
    """Every entry of a BibTeX file, with what had to be read leniently. ``macros``: the @strings
    defined so far (files read one after the other share them, as in BibTeX), updated in place;
    ``lenient``: an undefined macro is not reported (a file BibTeX finds elsewhere may define it);
    ``comments``: the file is read by biber, for which ``%`` starts a comment inside an entry too."""
    return _Reader(text, macros, lenient, comments).read()


def new_macros() -> dict[str, str]:
    """The macros BibTeX knows before any file is read (the months)."""
    return dict(MONTHS)
