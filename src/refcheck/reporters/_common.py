"""Helpers the reporters share: findings with their records, counts, source snippets, and the
escaping that keeps text from documents from acting on whoever reads the output.

Text taken from a document (citations, entries, URLs, file names, messages that quote them) is
untrusted. ``clean`` (``refcheck.sanitize``, which error lines use too) makes it inert for a
terminal, a CI log or an XML/HTML page: control characters, lone surrogates, line separators,
bidirectional overrides and non-characters become visible backslash escapes, and a newline never
starts a new output line unless the caller keeps it.
Every line the command line prints goes through ``clean`` (``safe_echo``) or is built from cleaned
pieces by a reporter.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import is_
from typing import TYPE_CHECKING, Any, cast

import click

from refcheck.sanitize import clean as clean  # the one escaping (sanitize.py), for reports

if TYPE_CHECKING:
    from refcheck.model import Document, Finding
    from refcheck.pipeline import FileResult


@dataclass
class Item:
    """One finding: the result it belongs to, its plain record (contract v1) and the model object."""

    result: FileResult
    record: dict[str, Any]
    finding: Finding


def items(
    results: list[FileResult], report: dict[str, Any] | None = None, fixable: bool = False
) -> Iterator[Item]:
    """Every finding with its record; ``report`` (``report_record(results)``), when the caller has
    it already, saves building the records twice. ``fixable``: the records say which findings
    ``refcheck fix`` would change (the reports that show it ask; the others need not load fix.py)."""
    from refcheck.reporters.records import document_record

    for n, r in enumerate(results):
        if r.doc is None:
            continue
        records = (
            report["files"][n]["findings"]
            if report is not None
            else document_record(r.doc, fixable=fixable)["findings"]
        )
        for rec, f in zip(records, r.doc.findings, strict=True):
            yield Item(r, rec, f)


def display_path(path: object) -> str:
    """A path for the start of an output line: cleaned, and never starting with ``::`` (a GitHub
    workflow command) or ``-`` (but "-" itself, standard input)."""
    text = clean(path)
    return "./" + text if text.startswith(("::", "-")) and text != "-" else text


def safe_echo(message: object, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` for a line built from untrusted text (notes, error lines, paths)."""
    click.echo(clean(message), err=err, nl=nl)


# What json.dumps(ensure_ascii=False) leaves raw that a terminal or a strict reader should not get:
# C1 controls, DEL, lone surrogates, line/paragraph separators, bidi controls (all only ever inside
# strings, so a \uXXXX escape in their place is valid JSON and decodes to the same text).
_JSON_UNSAFE = "[\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]"


def dumps(data: Any) -> str:
    """JSON text for a report: readable UTF-8, with every unsafe character escaped. ``Encoded``
    pieces in ``data`` (made by ``encoded``) are put in as they are."""
    return pretty(data, _escape)


def dumps_pieces(data: Any) -> list[str]:
    """``dumps(data)`` in pieces (``pieces``), to be written one after the other."""
    return pieces(data, _escape)


def dumps_stream(data: Any, ascii_bytes: bool = False) -> Iterator[str | bytes]:
    """``dumps_pieces(data)`` made as they are taken: a ``Lazy`` array's batches are made and
    encoded only as the text before them has been written (a long document's report is never held
    whole). ``ascii_bytes``: a batch whose text is all ASCII (and needs no escape) is given as
    orjson's bytes, never decoded (to be written to a binary stream as they are: the very bytes
    its text would be in any encoding that keeps ASCII); every other piece is text."""
    fast = _orjson_stream(data, _escape, 0, ascii_bytes=ascii_bytes)
    return fast if fast is not None else iter([_pretty(data, _escape, 0)])


def _escape(text: str) -> str:
    if text.isascii() and "\x7f" not in text:  # two C scans: most reports need no escape at all
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


_UNSAFE = re.compile(_JSON_UNSAFE)


class Encoded:
    """A value's JSON text (``dumps`` of it, indented for ``depth``), in pieces, to be put in a report
    as it stands: a worker process encodes its file's record, so the parent does not unpickle and
    encode it again; the pieces are written one after the other, never copied into one string. A
    piece never ends between a line break and its indentation, so each one re-indents on its own."""

    __slots__ = ("depth", "pieces")

    def __init__(self, text: str | Iterable[str], depth: int = 0) -> None:
        self.pieces = [text] if isinstance(text, str) else list(text)
        self.depth = depth

    def __reduce__(self) -> tuple[Any, ...]:
        return (Encoded, (self.pieces, self.depth))

    def __str__(self) -> str:
        return "".join(self.pieces)

    def at(self, depth: int) -> list[str]:
        """The pieces indented for ``depth`` (every line after the first is indented by
        ``self.depth`` levels at least)."""
        if depth == self.depth:
            return self.pieces
        if depth > self.depth:
            deeper = "\n" + "  " * (depth - self.depth)
            return [p.replace("\n", deeper) for p in self.pieces]
        less = "\n" + "  " * (self.depth - depth)
        return [p.replace(less, "\n") for p in self.pieces]


class Lazy:
    """A JSON array whose items are made a batch at a time while it is encoded (``batches``: lists
    of its items, taken once), so that they are never all held at once: a long document's 320,000
    citation records would take more memory than the document itself."""

    __slots__ = ("batches", "plain")

    def __init__(self, batches: Iterable[list[Any]], plain: bool = False) -> None:
        self.batches = batches
        # the items hold only str, int, None and lists of them, by construction: not checked (_plain)
        self.plain = plain

    def pieces(self, depth: int, escape: Callable[[str], str] | None) -> Iterator[str]:
        """The array's text at ``depth``, a piece or more per batch."""
        return cast(Iterator[str], self.stream(depth, escape, False))

    def stream(
        self, depth: int, escape: Callable[[str], str] | None, ascii_bytes: bool
    ) -> Iterator[str | bytes]:
        """``pieces``; with ``ascii_bytes`` (and ``escape`` None or ``_escape``), a batch's text
        that is all ASCII but DEL (which ``_escape`` leaves as it is) is orjson's bytes."""
        ascii_bytes = ascii_bytes and (escape is None or escape is _escape)
        close = "\n" + "  " * depth + "]"
        first = True
        for batch in self.batches:
            if not batch:
                continue
            head = "[" if first else ","
            first = False
            inner = _orjson_items(batch, depth, self.plain, ascii_bytes)
            if inner is not None:  # (the usual case)
                yield head
                if isinstance(inner, bytes):
                    if inner.isascii() and b"\x7f" not in inner:
                        yield inner
                        continue
                    inner = str(inner, "utf-8")
                yield inner if escape is None else escape(inner)
                continue
            text = pieces(batch, escape, depth, self.plain)  # "[\n  item,\n  item\n]" at depth
            text[0] = head + text[0][1:]
            text[-1] = text[-1][: -len(close)]
            yield from text
        yield "[]" if first else close


def encoded(data: Any, depth: int = 0) -> Encoded:
    """``dumps(data)`` to be put in a report at ``depth`` (a file's record: 2)."""
    return Encoded(pieces(data, _escape, depth), depth)


def pretty(data: Any, escape: Callable[[str], str] | None = None, depth: int = 0) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, byte for byte, many times faster;
    ``escape`` is applied to all the text but that of ``Encoded`` values; ``depth``: the text is
    indented to stand at that depth in a larger document."""
    return "".join(pieces(data, escape, depth))


def pieces(
    data: Any, escape: Callable[[str], str] | None = None, depth: int = 0, plain: bool = False
) -> list[str]:
    """``pretty(data, escape, depth)`` in pieces, to be written one after the other: a report's
    files (``Encoded``, tens of MB each for a long document) are not copied into one string."""
    fast = _orjson_pieces(data, escape, depth, plain)
    return fast if fast is not None else [_pretty(data, escape, depth)]


# orjson (C, about ten times the standard library's speed with indentation) encodes the plain data
# of a report; None until first asked for, False when it cannot be imported (the standard path).
_ORJSON: Any = None


def _orjson() -> Any:
    global _ORJSON
    if _ORJSON is None:
        try:
            import orjson
        except ImportError:
            _ORJSON = False
        else:  # Fragment: a piece of JSON put in as it is (older releases lack it)
            _ORJSON = orjson if hasattr(orjson, "Fragment") else False
    return _ORJSON or None


def _orjson_pieces(
    data: Any, escape: Callable[[str], str] | None, depth: int, plain: bool = False
) -> list[str] | None:
    """``_orjson_stream``'s pieces, all made."""
    fast = _orjson_stream(data, escape, depth, plain)
    return cast(list[str], list(fast)) if fast is not None else None


def _orjson_stream(
    data: Any,
    escape: Callable[[str], str] | None,
    depth: int,
    plain: bool = False,
    ascii_bytes: bool = False,
) -> Iterator[str | bytes] | None:
    """``pieces`` by orjson, made as they are taken, or None when it would not give json.dumps's
    bytes: a value of another type than the plain JSON ones (a subclass, an enum, a UUID...) or a
    float it writes otherwise (1e-05, 1e+16, NaN), which ``_plain`` finds (unless the caller knows
    ``data`` is ``plain``); a dict key not a str, an integer beyond 64 bits or a lone surrogate,
    which orjson refuses. ``Encoded`` values become a NUL byte (orjson escapes every one in a
    string) and are put in afterwards, indented for the depth they stand at."""
    orjson = _orjson()
    if orjson is None or not (plain or _plain(data)):
        return None
    encoded: list[Encoded | Lazy] = []
    mark = orjson.Fragment(b"\x00")

    def default(o: Any) -> Any:
        if type(o) is Encoded or type(o) is Lazy:
            encoded.append(o)
            return mark
        raise TypeError  # anything else: the standard library's way

    try:
        text = orjson.dumps(data, default=default, option=_options(orjson) | orjson.OPT_INDENT_2).decode()
    except TypeError:  # orjson.JSONEncodeError
        return None
    if depth:
        text = text.replace("\n", "\n" + "  " * depth)
    if not encoded:
        return iter([text if escape is None else escape(text)])
    return _spliced(text.split("\x00"), encoded, escape, depth, ascii_bytes)


def _spliced(
    parts: list[str],
    encoded: list[Encoded | Lazy],
    escape: Callable[[str], str] | None,
    depth: int,
    ascii_bytes: bool = False,
) -> Iterator[str | bytes]:
    """The text ``parts`` with the ``encoded`` values between them, each indented for where it
    stands (``Lazy.stream``'s ``ascii_bytes``)."""
    for before, piece in zip(parts, encoded, strict=False):
        yield before if escape is None else escape(before)
        line = before[before.rfind("\n") + 1 :]  # the value stands at its line's indentation
        at = (len(line) - len(line.lstrip(" "))) // 2 if "\n" in before else depth
        yield from (piece.at(at) if isinstance(piece, Encoded) else piece.stream(at, escape, ascii_bytes))
    yield parts[-1] if escape is None else escape(parts[-1])


def _orjson_items(items: list[Any], depth: int, plain: bool, as_bytes: bool = False) -> str | bytes | None:
    """The text of the array ``items`` (not empty) at ``depth`` without its brackets ("\\n  item,
    \\n  item"), by orjson, or None (as ``_orjson_stream``; an ``Encoded`` or ``Lazy`` item too).
    The array is encoded inside ``depth`` arrays of one item, so that orjson indents it for its
    depth; the text is then decoded from a view of the bytes between the brackets: no copy but the
    decoding (re-indenting the text and cutting off the brackets made two more of a long report);
    ``as_bytes``: those bytes, not decoded."""
    orjson = _orjson()
    if orjson is None or not (plain or _plain(items)):
        return None
    data: Any = items
    for _ in range(depth):
        data = [data]
    try:
        encoded: bytes = orjson.dumps(data, default=_refuse, option=_options(orjson) | orjson.OPT_INDENT_2)
    except TypeError:  # orjson.JSONEncodeError
        return None
    # before the array: each enclosing array's "[" and line break, then the array's indentation
    start = sum(2 * k + 2 for k in range(depth)) + 2 * depth + 1
    end = len(encoded) - (depth * (depth + 1) + 2 * depth + 2)  # its "\n  ]", then theirs
    if as_bytes:  # (the caller decodes them if need be)
        return encoded[start:end]
    with memoryview(encoded) as view:
        return str(view[start:end], "utf-8")


def _orjson_line(data: Any) -> str | None:
    """``json.dumps(data, ensure_ascii=False, separators=(",", ":"))`` by orjson, or None (as
    ``_orjson_pieces``; an ``Encoded`` value too)."""
    orjson = _orjson()
    if orjson is None or not _plain(data):
        return None
    try:
        return str(orjson.dumps(data, default=_refuse, option=_options(orjson)).decode())
    except TypeError:  # orjson.JSONEncodeError
        return None


def _refuse(o: Any) -> Any:
    raise TypeError


def _options(orjson: Any) -> int:
    """Subclasses, dataclasses and dates go to ``default`` (so to the standard path), not orjson's way."""
    return int(
        orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
    )


_SCALARS = frozenset({str, int, bool, type(None), Encoded, Lazy})


def _plain(data: Any) -> bool:
    """Whether ``data`` holds only dicts, lists, tuples, str, int, bool, None, ``Encoded`` and floats
    that orjson writes as Python does (repr), one level of nesting at a time (the type checks run
    in C over all the values of a level)."""
    values = [data]
    while values:
        types = list(map(type, values))
        kinds = set(types)
        if not kinds <= _SCALARS_AND_CONTAINERS:
            if not kinds <= _SCALARS_AND_CONTAINERS | {float}:
                return False
            dumps_float = _orjson().dumps
            for v in compress(values, map(is_, types, repeat(float))):
                if dumps_float(v) != float.__repr__(v).encode():  # NaN, 1e-05, 1e+16
                    return False
        if kinds.isdisjoint(_CONTAINERS):
            break
        if kinds == _DICT:  # a list of records
            values = list(chain.from_iterable(map(dict.values, values)))
            continue
        dicts = compress(values, map(is_, types, repeat(dict)))
        sequences = compress(values, map(_SEQUENCES.__contains__, types))
        values = [*chain.from_iterable(map(dict.values, dicts)), *chain.from_iterable(sequences)]
    return True


def _pretty(data: Any, escape: Callable[[str], str] | None = None, depth: int = 0) -> str:
    """``pretty`` by the standard library's C encoder (orjson not installed, or data it would not
    write as json.dumps does).

    With ``indent`` the standard library encodes in pure Python (about 0.15 s for a 2 MB report,
    against 0.03 s compact). Here each container is one call of the C encoder, whose item separator
    carries the line break and the indentation; a container nested in it is encoded the same way
    and put in place of a marker value (when the marker cannot be told apart from the data, a
    string equal to it, that container is encoded item by item). Values of other types than the
    plain JSON ones (subclasses, objects for ``default``) take the standard library's way."""
    import json  # only the JSON-based reports need it (start-up: CONTRIBUTING.md)

    encoders: dict[int, Callable[[Any], str]] = {}
    plain = json.JSONEncoder(ensure_ascii=False).encode
    scalar = plain if escape is None else lambda o: escape(plain(o))
    marker = scalar(_MARK)

    def flat(depth: int) -> Callable[[Any], str]:
        enc = encoders.get(depth)
        if enc is None:
            enc = encoders[depth] = _container_encoder(",\n" + "  " * depth)
        return enc

    def encode(o: Any, depth: int) -> str:
        kind = type(o)
        if kind is dict:
            if not o:
                return "{}"
            types = set(map(type, o.values()))
            if not types <= _PLAIN or set(map(type, o)) != _STR:
                return _by_item(o, depth, encode, scalar)
            if types.isdisjoint(_CONTAINERS):
                inner: list[str] = []
                body = flat(depth + 1)(o)
            else:
                nested = [k for k, v in o.items() if type(v) in _CONTAINERS]
                inner = [encode(o[k], depth + 1) for k in nested]
                body = flat(depth + 1)({**o, **dict.fromkeys(nested, _MARK)})
        elif kind is list or kind is tuple:
            if not o:
                return "[]"
            types = set(map(type, o))
            if not types <= _PLAIN:
                return _by_item(o, depth, encode, scalar)
            if types.isdisjoint(_CONTAINERS):
                inner = []
                body = flat(depth + 1)(o)
            else:
                items = list(o)
                at = [i for i, v in enumerate(items) if type(v) in _CONTAINERS]
                inner = [encode(items[i], depth + 1) for i in at]
                for i in at:
                    items[i] = _MARK
                body = flat(depth + 1)(items)
        elif kind is Encoded:
            return "".join(o.at(depth))
        elif kind is Lazy:
            return "".join(o.pieces(depth, escape))
        elif isinstance(o, dict | list | tuple):  # a subclass: the standard library's way
            text = json.dumps(o, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
            return text if escape is None else escape(text)
        else:
            return scalar(o)
        if escape is not None:
            body = escape(body)
        indent = "\n" + "  " * depth
        body = body[0] + indent + "  " + body[1:-1] + indent + body[-1]
        if not inner:
            return body
        pieces = body.split(marker)
        if len(pieces) != len(inner) + 1:  # a string in the data equals the marker
            return _by_item(o, depth, encode, scalar)
        out = [pieces[0]]
        for text, after in zip(inner, pieces[1:], strict=True):
            out += (text, after)
        return "".join(out)

    return encode(data, depth)


_CONTAINERS = frozenset({dict, list, tuple})
_SEQUENCES = frozenset({list, tuple})
_DICT = {dict}
_PLAIN = _CONTAINERS | {str, int, float, bool, type(None)}
_SCALARS_AND_CONTAINERS = _SCALARS | _CONTAINERS
_STR = {str}
_MARK = "\x00refcheck\x00"  # stands for a nested container while its parent is encoded


def _container_encoder(separator: str) -> Callable[[Any], str]:
    """The C encoder of a container on one call (``JSONEncoder.encode`` makes one per call)."""
    import json
    from json import encoder

    std = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": "))
    make = getattr(encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator: the standard library's pure-Python way
        return std.encode
    one = make({}, std.default, encoder.encode_basestring, None, ": ", separator, False, False, True)
    return lambda o: "".join(one(o, 0))


def _by_item(o: Any, depth: int, encode: Callable[[Any, int], str], scalar: Callable[[Any], str]) -> str:
    """``o`` (a dict or a list) encoded one item at a time."""
    if not o:
        return "{}" if isinstance(o, dict) else "[]"
    inner, outer = "\n" + "  " * (depth + 1), "\n" + "  " * depth
    if isinstance(o, dict):
        parts = [f"{scalar(_key(k))}: {encode(v, depth + 1)}" for k, v in o.items()]
        start, end = "{", "}"
    else:
        parts = [encode(v, depth + 1) for v in o]
        start, end = "[", "]"
    # one join: the list of a whole report's files is its size (tens of MB) in one string
    parts[0] = start + inner + parts[0]
    parts[-1] = parts[-1] + outer + end
    return ("," + inner).join(parts)


def _key(k: Any) -> str:
    """A dict key as JSON gives it (json.dumps turns bool, None, numbers into strings)."""
    if isinstance(k, str):
        return k
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, float):
        import json

        return json.dumps(k)
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def dumps_line(data: Any) -> str:
    """``dumps`` on one line, compact (a JSON Lines record)."""
    fast = _orjson_line(data)
    if fast is not None:
        return _escape(fast)
    import json

    return _escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def span(doc: Document, f: Finding) -> tuple[int, int] | None:
    """(start, end) of the finding in ``doc.text``, clipped to its line; None without an offset."""
    if f.offset is None or f.offset < 0 or f.offset > len(doc.text):
        return None
    line_end = doc.text.find("\n", f.offset)
    if line_end == -1:
        line_end = len(doc.text)
    end = f.end_offset if f.end_offset is not None and f.end_offset > f.offset else line_end
    return f.offset, min(end, line_end)


def source_line(doc: Document, offset: int) -> tuple[str, int]:
    """The text line holding ``offset`` and the offset where it starts."""
    start = doc.text.rfind("\n", 0, offset) + 1
    end = doc.text.find("\n", offset)
    return doc.text[start : end if end != -1 else len(doc.text)], start


class Lines:
    """The lines of ``text``, found by bisection over its line breaks: a long line holding thousands
    of findings is not scanned nor copied once per finding (as ``span`` and ``source_line`` do)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = array("q", (m.start() for m in re.finditer("\n", text)))
        self._lengths: dict[int, int] = {}

    def bounds(self, offset: int) -> tuple[int, int]:
        """Where the line holding ``offset`` starts and ends (at its line break), as ``source_line``."""
        i = bisect_left(self.breaks, offset)
        return (self.breaks[i - 1] + 1 if i else 0), (
            self.breaks[i] if i < len(self.breaks) else len(self.text)
        )

    def stripped_length(self, start: int, end: int) -> int:
        """``len(text[start:end].rstrip())``, worked out once a line."""
        n = self._lengths.get(start)
        if n is None:
            n = self._lengths[start] = len(self.text[start:end].rstrip())
        return n
