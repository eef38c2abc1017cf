"""``refcheck merge``: put the JSON or JSONL reports of several runs (shards) back into one.

Each input is checked before anything is written: it must be a refcheck report of contract version
1, a JSONL report must end with its summary line (a run that was cut short has none), the summary
must agree with the files listed, no file may be listed by two inputs, and when the inputs are shards
(``summary.shard`` = ``K/N``) every shard 1..N must be there exactly once. The files are listed in
path order, which is the order one run over a directory gives, so merging the shards of
``refcheck check --shard K/N DIR`` gives the report of ``refcheck check DIR``.

The records are turned back into results (``result_from_record``) that every reporter renders; what
a record does not hold is not shown: source excerpts and the document's text (the documents are
not read again).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from refcheck.errors import UsageError, one_line
from refcheck.files import FileTooLarge, NotRegularFile, read_regular
from refcheck.links.results import Link, LinkResult, LinkState
from refcheck.model import Citation, Document, Finding, Footnote, LinkStatus, Reference, Severity, SourceMap
from refcheck.pipeline import FileResult
from refcheck.reporters.records import VERSION

MAX_INPUT = 4 * 1024**3  # a report larger than this is not read (bytes)


class MergeError(UsageError):
    """An input that cannot be merged; the message names the file and the reason."""


@dataclass
class Part:
    """One input report: its file records and its summary."""

    path: str
    files: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def shard(self) -> tuple[int, int] | None:
        spec = self.summary.get("shard")
        if not isinstance(spec, str):
            return None
        k, _, n = spec.partition("/")
        return (int(k), int(n)) if k.isdigit() and n.isdigit() else None


def read(path: str) -> Part:
    """One JSON or JSONL report, checked; MergeError names the file (and line) and the reason.
    ``-`` is standard input (a report piped from ``refcheck check``)."""
    shown = "standard input" if path == "-" else one_line(path)
    try:
        data = _stdin(MAX_INPUT) if path == "-" else read_regular(path, MAX_INPUT)
    except FileTooLarge:
        raise MergeError(f"{shown}: larger than {MAX_INPUT // 1024**3} GiB") from None
    except NotRegularFile:
        raise MergeError(f"{shown}: not a regular file (a device, FIFO or socket is never read)") from None
    except OSError as exc:
        raise MergeError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise MergeError(f"{shown}: not a refcheck report (not UTF-8 text)") from None
    part = Part(path)
    try:
        whole = json.loads(text)
    except ValueError:
        whole = None
    if isinstance(whole, dict) and "files" in whole:
        _version(whole, shown)
        files = whole.get("files")
        if not isinstance(files, list) or not isinstance(whole.get("summary"), dict):
            raise MergeError(f"{shown}: not a refcheck report (no list of files and summary)")
        part.files = [_file(f, shown) for f in files]
        part.summary = whole["summary"]
    else:
        _lines(text, part, shown)
    _agrees(part, shown)
    return part


def _version(obj: dict[str, Any], where: str) -> None:
    if obj.get("version") != VERSION:
        raise MergeError(
            f"{where}: contract version {obj.get('version')!r}; this refcheck merges version {VERSION}"
        )


def _file(obj: Any, where: str) -> dict[str, Any]:
    if not isinstance(obj, dict) or not isinstance(obj.get("path"), str):
        raise MergeError(f"{where}: not a refcheck file record (no path)")
    for key in ("citations", "references", "footnotes", "links", "findings"):
        if not isinstance(obj.get(key), list):
            raise MergeError(f"{where}: the record of {one_line(obj['path'])} has no list of {key}")
    for f in obj["findings"]:
        if not isinstance(f, dict) or f.get("severity") not in ("error", "warning", "info"):
            raise MergeError(f"{where}: a finding of {one_line(obj['path'])} has no valid severity")
    return obj


def _lines(text: str, part: Part, shown: str) -> None:
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        where = f"{shown}: line {n}"
        if part.summary:
            raise MergeError(f"{where}: a line after the summary line")
        try:
            obj = json.loads(raw)
        except ValueError as exc:
            raise MergeError(f"{where}: not JSON ({one_line(str(exc))})") from None
        if isinstance(obj, dict) and "summary" in obj and "path" not in obj:
            _version(obj, where)
            if not isinstance(obj["summary"], dict):
                raise MergeError(f"{where}: the summary is not an object")
            part.summary = obj["summary"]
        else:
            part.files.append(_file(obj, where))
    if not part.summary:
        raise MergeError(
            f"{shown}: no summary line at the end: not a refcheck JSONL report, or the run that "
            "wrote it did not finish"
        )


def _agrees(part: Part, shown: str) -> None:
    """The summary counts what the files hold (a report cut short or edited does not)."""
    counts = Counter(f["severity"] for r in part.files for f in r["findings"])
    expected = {
        "files": len(part.files),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
    }
    given = {k: part.summary.get(k) for k in expected}
    if given != expected:
        raise MergeError(
            f"{shown}: the summary ({_counts(given)}) does not match the files listed "
            f"({_counts(expected)}): the report is incomplete or was edited"
        )


def _counts(c: dict[str, Any]) -> str:
    return ", ".join(f"{v} {k}" for k, v in c.items())


def combine(parts: list[Part], partial: bool = False) -> list[dict[str, Any]]:
    """The file records of all ``parts``, in path order, after checking that they fit together."""
    shards = [(p, p.shard) for p in parts]
    if any(s is not None for _, s in shards):
        _complete(shards, partial)
    seen: dict[str, str] = {}
    records: list[dict[str, Any]] = []
    for p in parts:
        for rec in p.files:
            if rec["path"] in seen and seen[rec["path"]] != p.path:
                raise MergeError(
                    f"{one_line(rec['path'])} is in both {one_line(seen[rec['path']])} and "
                    f"{one_line(p.path)} (the same shard twice, or overlapping runs?)"
                )
            seen[rec["path"]] = p.path
            records.append(rec)
    records.sort(key=lambda r: r["path"])
    return records


def _complete(shards: list[tuple[Part, tuple[int, int] | None]], partial: bool) -> None:
    plain = [p.path for p, s in shards if s is None]
    if plain:
        raise MergeError(f"{one_line(plain[0])} is not a shard, but other inputs are (--shard K/N)")
    counts = {s[1] for _, s in shards if s}
    if len(counts) > 1:
        raise MergeError(
            f"the inputs come from different splits ({', '.join(f'N={n}' for n in sorted(counts))})"
        )
    (n,) = counts
    given: dict[int, str] = {}
    for p, s in shards:
        assert s is not None
        if s[0] in given:
            raise MergeError(
                f"shard {s[0]}/{n} is given twice ({one_line(given[s[0]])} and {one_line(p.path)})"
            )
        given[s[0]] = p.path
    missing = [k for k in range(1, n + 1) if k not in given]
    if missing and not partial:
        raise MergeError(
            f"shard{'s' if len(missing) > 1 else ''} {', '.join(f'{k}/{n}' for k in missing)} "
            "missing: the merged report would leave files out (--partial merges what is there)"
        )


# --- records back into results ----------------------------------------------------------------------


class _Positions(SourceMap):
    """The positions a report records, by index: a document rebuilt from its record has no text, and
    its offsets are indices into this list."""

    def __init__(self) -> None:
        super().__init__("")
        self.positions: list[tuple[int, int]] = []

    def at(self, line: Any, column: Any = 1) -> int:
        """A made-up offset that ``locate`` turns back into (``line``, ``column``); -1 without a line."""
        if not isinstance(line, int):
            return -1
        self.positions.append((line, column if isinstance(column, int) else 1))
        return len(self.positions) - 1

    def locate(self, offset: int) -> tuple[int, int]:
        return self.positions[offset]


def result_from_record(rec: dict[str, Any]) -> FileResult:
    """The result a file record stands for, as every reporter reads it; the JSON record of the
    result is ``rec`` again."""
    if rec.get("error") is not None and rec.get("format") is None:
        return FileResult(path=rec["path"], error=str(rec["error"]))
    where = _Positions()
    doc = Document(path=rec["path"], format=str(rec.get("format") or "text"), text="", source_map=where)
    doc.style = rec.get("style")
    doc.citations = [
        Citation(
            text=c["text"],
            start=(s := where.at(c.get("line"), c.get("column"))),
            end=s,
            kind=c.get("kind", "author-date"),
            authors=list(c.get("authors") or []),
            year=c.get("year"),
            numbers=tuple(c.get("numbers") or ()),
            key=c.get("key"),
            footnote=c.get("footnote"),
            status=LinkStatus(c.get("status", "unlinked")),
            references=tuple(c.get("references") or ()),
        )
        for c in rec["citations"]
    ]
    doc.references = []
    for r in rec["references"]:
        source = (r["path"], r.get("line")) if "path" in r else None
        start = -1 if source else where.at(r.get("line"))
        doc.references.append(
            Reference(
                id=r["id"],
                text=r["text"],
                start=start,
                end=start,
                authors=list(r.get("authors") or []),
                year=r.get("year"),
                title=r.get("title"),
                urls=list(r.get("urls") or []),
                doi=r.get("doi"),
                accessed=r.get("accessed"),
                label=r.get("label"),
                source=source,
            )
        )
    doc.footnotes = [
        Footnote(label=n["label"], start=(s := where.at(n.get("line"))), end=s, text_start=s, text=n["text"])
        for n in rec["footnotes"]
    ]
    doc.links = [_link(x) for x in rec["links"]]
    doc.findings = [
        Finding(
            rule=f["rule"],
            severity=Severity.parse(f["severity"]),
            message=f["message"],
            citation=f.get("citation"),
            reference=f.get("reference"),
            reference_id=f.get("reference_id"),
            suggestion=f.get("suggestion"),
            line=f.get("line"),
            column=f.get("column"),
            # (a record names its own path on each finding; only another file's is kept, as in a run)
            path=f.get("path") if f.get("path") != rec["path"] else None,
            fixable=bool(f.get("fixable")),
        )
        for f in rec["findings"]
    ]
    return FileResult(path=rec["path"], doc=doc)


def _link(x: dict[str, Any]) -> Link:
    return Link(
        url=x["url"],
        start=-1,
        end=-1,
        line=x.get("line"),
        column=x.get("column"),
        reference=x.get("reference"),
        footnote=x.get("footnote"),
        accessed=x.get("accessed"),
        result=LinkResult(
            url=x["url"],
            status=LinkState(x["status"]),
            http_status=x.get("http_status"),
            final_url=x.get("final_url"),
            reason=x.get("reason"),
            archive_url=x.get("archive_url"),
            archive_timestamp=x.get("archive_timestamp"),
        ),
    )


def _stdin(limit: int) -> bytes:
    import sys

    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge("-", len(data), limit)
    return data


def merge(paths: list[str], partial: bool = False) -> tuple[list[FileResult], dict[str, Any]]:
    """The results of the reports at ``paths``, in path order, and the fields to add to the summary."""
    from refcheck.runner import Repeats

    if paths.count("-") > 1:
        raise MergeError("standard input (-) can be given once")
    parts = [read(p) for p in paths]
    records = combine(parts, partial)
    results = [result_from_record(r) for r in records]
    # a shared bibliography's finding is reported by the first document of each shard that reads
    # it; the merged report has it once, under the first document, as an unsharded run does
    repeats = Repeats()
    for result in results:
        repeats.drop(result)
    return results, {}
