"""A configured run: each file checked with the options of the configuration found for it.

The CLI gathers what the user typed (``command_line``: configuration keys to values) and calls
``run``; the configuration files are looked for upward from each checked file and resolved with
their trust (config.Resolver: nested files below the project root are limited), per-path overrides
are applied, and the command line wins over all of them.

An unexpected exception while one file is checked is that file's one-line error (exit status 2),
and the other files are still checked and reported; ``REFCHECK_DEBUG=1`` prints its traceback.

The stages: ``plan`` (which files, each with its options) -> ``check_all`` (load and analyse each
file, in worker processes when ``jobs`` > 1, results in the files' order) -> ``finish`` (the stages
that run once over many files in this process: links) -> the report. ``run`` does them over all files
at once; ``stream`` yields the files one by one, finishing them in small batches (``--format jsonl``).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from refcheck._lazy import load_modules
from refcheck.config import Config, Resolver, discover
from refcheck.discovery import Discovery
from refcheck.errors import one_line
from refcheck.links.report import LinkReport
from refcheck.loading import CheckOptions, FileResult, expand_paths
from refcheck.model import Document, SourceMap
from refcheck.project import project_root

if TYPE_CHECKING:
    from refcheck.links.prefetch import Prefetch
    from refcheck.shard import Shard


@dataclass
class Run:
    results: list[FileResult]
    fail_on: dict[str, str] = field(default_factory=dict)  # path -> effective fail-on
    configs: dict[str, Config] = field(default_factory=dict)  # path -> configuration used
    links: LinkReport = field(default_factory=LinkReport)  # what the link check did (its notes)
    notes: list[str] = field(default_factory=list)  # said once on stderr (configuration limits)
    failures: list[str] = field(default_factory=list)  # errors of the whole run (exit status 2)


def debug() -> bool:
    return os.environ.get("REFCHECK_DEBUG", "") not in ("", "0")


def internal_error(exc: BaseException) -> str:
    """The one line that stands for an unexpected exception."""
    if debug():
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    return _describe(exc)


def _describe(exc: BaseException) -> str:
    what = one_line(f"{type(exc).__name__}: {exc}")[:300]
    return f"internal error ({what}); please report it (REFCHECK_DEBUG=1 shows the traceback)"


def discovery_for(
    command_line: Mapping[str, Any],
    resolver: Resolver,
    skip: Iterable[str] = (),
    exclude_paths: Iterable[str] = (),
) -> Discovery:
    """How directories are searched: the root configuration's settings, the command line winning."""
    settings = resolver.for_path(Path.cwd()).with_command_line(command_line).values

    def config_patterns(directory: Path) -> list[str]:
        if resolver.explicit is not None:
            explicit = resolver.explicit.resolve()
            return (
                list(resolver.load(explicit).values["extend-exclude"]) if directory == explicit.parent else []
            )
        from refcheck.config import _config_in

        found = _config_in(directory)
        return list(resolver.load(found).values["extend-exclude"]) if found else []

    return Discovery(
        respect_gitignore=bool(settings["respect-gitignore"]),
        exclude_paths=list(exclude_paths),
        force_exclude=bool(settings["force-exclude"]),
        config_patterns=config_patterns,
        skip={Path(s) for s in skip},
        project=resolver.root,
    )


# The path that names standard input (``refcheck check -``).
STDIN = "-"


@dataclass
class Stdin:
    """The document ``refcheck check -`` reads from standard input. ``name``: the path it is checked
    and reported under (--stdin-filename; else "-"): its suffix gives the format, its directory the
    configuration and the files the document names (a .bib), as for a file at that path."""

    name: str = STDIN
    source: BinaryIO | None = None  # default: this process's standard input
    _data: bytes | None = None

    def read(self, limit: int) -> bytes:
        """Standard input, read once, up to one byte past ``limit`` (load says it is too large)."""
        if self._data is None:
            source = self.source if self.source is not None else sys.stdin.buffer
            self._data = source.read(limit + 1)
        return self._data


@dataclass
class Plan:
    """What a run will check: the files (each gets its options from ``settings``) and the paths
    that failed outright."""

    files: list[str]
    errors: list[FileResult]
    jobs: int  # worker processes asked for (--jobs, the configuration's jobs, or the usable CPUs)
    resolver: Resolver
    command_line: Mapping[str, Any]
    extra: Mapping[str, Any]
    stdin: Stdin | None = None  # when one of the files is standard input (its name)
    # the directories named on the command line (resolved): a file found in one may read the files
    # its document names anywhere in it, as in the project root (a project unpacked from a zip, with
    # no .git, checked from elsewhere: "refcheck check ~/Downloads/thesis")
    named_dirs: tuple[Path, ...] = ()

    def read_root(self, file: str) -> str:
        """Where ``file``'s document may read the files it names: the outermost of the project root
        and the named directories that holds it (the project root when none does)."""
        root = self.resolver.root
        if not self.named_dirs or (self.stdin is not None and file == self.stdin.name):
            return str(root)
        real = Path(os.path.abspath(file)).resolve()
        holders = [d for d in (Path(root), *self.named_dirs) if real.is_relative_to(d)]
        return str(min(holders, key=lambda d: len(d.parts))) if holders else str(root)

    def settings(self, file: str) -> tuple[Config, CheckOptions, str]:
        """The configuration of ``file``, its options and its effective fail-on."""
        config = self.resolver.for_path(file).with_command_line(self.command_line)
        options = config.options_for(file)
        options.project_root = self.read_root(file)
        for name, value in self.extra.items():
            setattr(options, name, value)
        if self.stdin is not None and file == self.stdin.name:
            options.content = self.stdin.read(options.max_file_size)
        return config, options, str(config.effective(file)["fail-on"])

    @property
    def fail_on(self) -> str:
        """The fail-on of a path that failed outright (no configuration was read for it)."""
        return str(self.command_line.get("fail-on", "error"))


def plan(
    paths: Iterable[str],
    command_line: Mapping[str, Any],
    explicit: str | None = None,
    extra: Mapping[str, Any] | None = None,
    skip: Iterable[str] = (),
    exclude_paths: Iterable[str] = (),
    shard: Shard | None = None,
    root: Path | None = None,
    stdin: Stdin | None = None,
) -> Plan:
    """The files ``paths`` name (directories searched), each once; with ``shard``, only the files (and
    failed paths) that fall in it. ``root``: the project root (default: project.py's). ``stdin``:
    what "-" among ``paths`` reads (without it "-" is a file's name); it is checked first, or last
    when "-" comes after the other paths."""
    from refcheck.parallel import usable_cpus

    if "verify" not in command_line and os.environ.get("REFCHECK_VERIFY", "").strip().lower() in OFF:
        command_line = {**command_line, "verify": False}  # as --no-verify (a sandbox, a test run)
    from refcheck.files import forget_directories, real_path

    forget_directories()
    resolver = Resolver(explicit, root or project_root())
    paths = list(paths)
    if stdin is not None and STDIN in paths:
        first = paths[0] == STDIN
        paths = [p for p in paths if p != STDIN]
    else:
        stdin = None
    files, errors = expand_paths(paths, discovery_for(command_line, resolver, skip, exclude_paths))
    # a file named twice ("docs docs/a.md", "a.md ./a.md") is checked once, as first named
    unique: dict[str, str] = {}
    for f in files:
        unique.setdefault(real_path(f), f)
    if stdin is not None:  # checked from standard input, not from the file of that name
        unique.pop(real_path(stdin.name), None)
    files = list(unique.values())
    if stdin is not None:
        files = [stdin.name, *files] if first else [*files, stdin.name]
    if shard is not None:
        found = len(files) + len(errors)
        files = [f for f in files if shard.holds(f)]
        errors = [e for e in errors if shard.holds(e.path)]
        if found and not files and not errors:
            # a matrix job green for nothing is said, not left to a "0 files checked"
            them = "it" if found == 1 else "them"
            resolver.notes.append(
                f"shard {shard} holds none of the {found} file{'s' if found != 1 else ''} found"
                f" (the other shards check {them})"
            )
    jobs = resolver.for_path(Path.cwd()).with_command_line(command_line).values.get("jobs")
    return Plan(
        files=files,
        errors=errors,
        jobs=usable_cpus() if jobs in (None, "auto") else int(jobs),
        resolver=resolver,
        command_line=command_line,
        extra=extra or {},
        stdin=stdin,
        named_dirs=_named_dirs(paths),
    )


def _named_dirs(paths: Iterable[str]) -> tuple[Path, ...]:
    """The directories among ``paths``, resolved, each once."""
    out: list[Path] = []
    for p in paths:
        if p != STDIN and os.path.isdir(p):
            d = Path(p).resolve()
            if d not in out:
                out.append(d)
    return tuple(out)


# REFCHECK_VERIFY set to one of these turns registry verification off unless the command line asks for it.
OFF = ("0", "false", "no", "off")

# Below this much input (bytes, all files together) one process is faster than starting workers.
SERIAL_BELOW = 256 * 1024


def workers_for(files: Sequence[str], jobs: int) -> int:
    """How many worker processes are worth starting: none (1) for one file or a small batch."""
    if jobs <= 1 or len(files) < 2:
        return 1
    total = 0
    for path in files:
        total += _size(path)
        if total >= SERIAL_BELOW:
            return min(jobs, len(files))
    return 1


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# What a run keeps of each document, and so what crosses the process boundary from a worker:
# "model" (the whole document), "findings" (its path, format, style and findings: all that the
# reporters of findings read) or "record" (the findings and the JSON report's record of the file,
# encoded: all that the JSON reporter reads; a worker encodes it, so the parent neither unpickles a
# whole model nor encodes it, which for JSON was most of a parallel run's serial part). The last
# two only for a file whose model the parent still works on (links, verification: _finished_in_parent).
KEEP = ("findings", "record", "model")

Task = tuple[str, CheckOptions, str]  # path, options, what to keep


# pipeline.FREEZE_MODELS for the runs of this process (``freeze_models``): set on the pipeline when a
# run imports it (``analysis``)
FREEZE_MODELS = False


def analysis() -> None:
    """Import the analysis (pipeline.py: the rules, the reference-list parser), with the collector
    off. Not at this module's import: a run plans its files and forks the link-checking child
    (``_prefetch``) first, so that the child's first request does not wait for these imports."""
    load_modules("refcheck.pipeline")
    if FREEZE_MODELS:
        from refcheck import pipeline

        pipeline.FREEZE_MODELS = True


def freeze_models(on: bool) -> None:
    """pipeline.FREEZE_MODELS (the models kept out of the collector's sight) for the runs that follow,
    set now if the analysis is imported, else when it is."""
    global FREEZE_MODELS
    FREEZE_MODELS = on
    if "refcheck.pipeline" in sys.modules:
        from refcheck import pipeline

        pipeline.FREEZE_MODELS = on


def check_file(path: str, options: CheckOptions | None = None) -> FileResult:
    """pipeline.check_file (imported on the first call: ``analysis``)."""
    analysis()
    from refcheck.pipeline import check_file

    return check_file(path, options)


def check_task(task: Task) -> tuple[FileResult, str | None]:
    """One file through every per-file stage, in a worker or here: its result, and the traceback of
    an unexpected exception when REFCHECK_DEBUG is set (printed by the parent: workers never print).
    """
    path, options, keep = task
    try:
        result = check_file(path, options)
        if (
            result.doc is not None
            and keep != "model"
            and not _finished_in_parent(result.doc, options)
            and not (keep == "record" and _foreign(result.doc))
        ):
            if keep == "record":
                from refcheck.reporters.records import encoded_record

                result.record = encoded_record(result.doc, release=True)  # the model goes next
            result.doc = _findings_only(result.doc)
    except Exception as exc:  # the last resort: one line for this file, the others still checked
        trace = None
        if debug():
            import traceback

            trace = "".join(traceback.format_exception(exc))
        return FileResult(path=path, error=_describe(exc)), trace
    return result, None


def _foreign(doc: Document) -> bool:
    """Whether a finding of ``doc`` stands in another file (a shared .bib): the parent may drop it as
    a repeat (``Repeats``), so the record is made there, from the model."""
    return any(f.path for f in doc.findings)


class Repeats:
    """One defect, one finding: a finding that stands in another file than its document (an entry of
    a bibliography that several pages or chapters read) is reported by the first document of the run
    that has it, not again by each of the others."""

    def __init__(self) -> None:
        self.seen: set[tuple[object, ...]] = set()
        self.kept: set[int] = set()  # (the findings let through: a result is passed again after
        # the stages run in this process, which may add findings of their own)

    def drop(self, result: FileResult) -> None:
        doc = result.doc
        if doc is None or not _foreign(doc):
            return
        kept = []
        for f in doc.findings:
            if f.path and id(f) not in self.kept:
                key = (f.path, f.line, f.column, f.rule, f.severity, f.message)
                if key in self.seen:
                    continue
                self.seen.add(key)
                self.kept.add(id(f))
            kept.append(f)
        doc.findings = kept


def _finished_in_parent(doc: Document, options: CheckOptions) -> bool:
    """Whether the parent runs a stage on this document's model (links, verification)."""
    return options.links or (options.verify and bool(doc.references))


def _findings_only(doc: Document) -> Document:
    """``doc`` with only what reporters of findings read: unpickling a whole model costs the parent
    more than it is worth (about 2 ms against 25 to 35 ms to analyse). Those reports give no fix
    hint (``_common.items`` builds records without one), so fix.py is not needed here."""
    slim = Document(path=doc.path, format=doc.format, text="", source_map=SourceMap.identity(""))
    slim.style, slim.findings, slim.encoding = doc.style, doc.findings, doc.encoding
    slim.unreadable = doc.unreadable
    return slim


def unreadable_inputs(result: FileResult, said: set[str]) -> list[FileResult]:
    """The files ``result``'s document names that are there but cannot be read (``Document.unreadable``:
    a binary or malformed .bib), each as a result of its own: an input file that could not be read,
    one error line naming it and why, exit status 2, while the document is checked without it. A
    file many pages name (a site's one .bib) is said once in a run: ``said`` holds the real paths
    said so far."""
    from refcheck.files import real_path

    doc = result.doc
    out: list[FileResult] = []
    if doc is None:
        return out
    for path, why in doc.unreadable:
        key = real_path(path)
        if key not in said:
            said.add(key)
            out.append(
                FileResult(
                    path=path, error=f"{why}; {doc.path} names it as a bibliography and is checked without it"
                )
            )
    return out


def _crashed(task: Task, reason: str) -> tuple[FileResult, str | None]:
    return FileResult(path=task[0], error=f"internal error ({reason}); please report it"), None


def check_all(
    tasks: Iterable[tuple[str, CheckOptions]],
    jobs: int = 1,
    keep: str = "model",
    window: int | None = None,
) -> Iterator[FileResult]:
    """``check_task`` over ``tasks`` in up to ``jobs`` worker processes (see ``workers_for``), the
    results in the order of ``tasks``. ``keep``: see ``KEEP``. ``window``: take ``tasks`` lazily
    and hold at most that many results back waiting for an earlier one (streaming)."""
    from refcheck.parallel import ordered_map

    analysis()  # (run: after the prefetch fork, as this generator starts)
    if isinstance(tasks, Sequence):
        jobs = workers_for([path for path, _ in tasks], jobs)
        if keep == "record" and len(tasks) == 1:
            # one file: the JSON report makes its record from the model as it is written
            # (reporters/json.chunks), one batch at a time, rather than holding all its text
            keep = "model"
    assert keep in KEEP, keep
    items = ((path, options, keep) for path, options in tasks)
    for result, trace in ordered_map(
        check_task, items, jobs, _crashed, window=window, cost=lambda t: _size(t[0])
    ):
        if trace:
            sys.stderr.write(trace)
        yield result


# Check URLs while the files are analysed (links/prefetch.py); off: one stage after the other.
PREFETCH = True


def _prefetch(tasks: Sequence[tuple[str, CheckOptions]], jobs: int) -> Prefetch | None:
    """URLs checked in a child process while this one analyses the files (links/prefetch.py): when
    links are checked and the files are analysed here (worker processes keep the cores busy)."""
    if (
        not PREFETCH
        or not any(options.links for _, options in tasks)
        or workers_for([p for p, _ in tasks], jobs) > 1
    ):
        return None
    from refcheck.links.run import answered_before

    if answered_before(tasks):
        return None  # a warm re-run: the cache answers every URL, no child to fork (nor HTTP code)
    from refcheck.links.prefetch import Prefetch

    return Prefetch.start(tasks)


def finish(
    batch: Sequence[tuple[FileResult, CheckOptions]],
    progress: Callable[[int, int], None] | None = None,
    prefetch: Prefetch | None = None,
) -> tuple[LinkReport | None, str | None]:
    """The stages that run once over many files, here in the parent: the registry verification of all
    their entries, then the links of all of them in one pool. Returns what the link check did (with
    the verification's notes among its notes), and the run's failure line if a stage failed."""
    from refcheck.pipeline import check_document_links, verify_document_references

    docs: list[tuple[Document, CheckOptions]] = [(r.doc, o) for r, o in batch if r.doc is not None]
    try:
        notes = verify_document_references(docs)
    except Exception as exc:
        return None, f"reference verification failed: {internal_error(exc)}"
    try:
        report = check_document_links(docs, progress, prefetch)
    except Exception as exc:
        return None, f"link checking failed: {internal_error(exc)}"
    report.notes[:0] = notes
    return report, None


def run(
    paths: Iterable[str],
    command_line: Mapping[str, Any],
    explicit: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    extra: Mapping[str, Any] | None = None,
    skip: Iterable[str] = (),
    exclude_paths: Iterable[str] = (),
    shard: Shard | None = None,
    keep: str = "model",
    on_file: Callable[[FileResult, int, int], None] | None = None,
    root: Path | None = None,
    stdin: Stdin | None = None,
) -> Run:
    """Check ``paths``; the links of every file are checked together, in one pool, at the end.

    ``extra``: CheckOptions fields the command line sets that no configuration key has
    (``link_archive_api``, ``link_allow_private_hosts``, ``link_cache``). ``skip``: files never
    picked up from a directory (the report and baseline being written). ``keep``: what is kept of
    each document (``KEEP``). ``on_file(result, done, total)`` is called as each file is checked
    (before its links are), in order, for progress and streaming. ``root``: the project root
    (default: the one the current directory is in, project.py)."""
    todo = plan(paths, command_line, explicit, extra, skip, exclude_paths, shard, root, stdin)
    out = Run(results=list(todo.errors))
    for e in todo.errors:
        out.fail_on[e.path] = todo.fail_on
    tasks: list[tuple[str, CheckOptions]] = []
    for f in todo.files:
        out.configs[f], options, out.fail_on[f] = todo.settings(f)
        tasks.append((f, options))
    checked: list[tuple[FileResult, CheckOptions]] = []
    repeats = Repeats()
    said: set[str] = set()
    prefetch = _prefetch(tasks, todo.jobs) if progress is None else None
    try:
        for result, (_, options) in zip(check_all(tasks, todo.jobs, keep), tasks, strict=True):
            repeats.drop(result)  # before the file's lines are printed (on_file)
            out.results.append(result)
            checked.append((result, options))
            if on_file is not None:
                on_file(result, len(checked), len(tasks))
            for unread in unreadable_inputs(result, said):
                out.results.append(unread)
                out.fail_on[unread.path] = out.fail_on[result.path]
                if on_file is not None:
                    on_file(unread, len(checked), len(tasks))
        links, failure = finish(checked, progress, prefetch)
    finally:
        if prefetch is not None:
            prefetch.close()
    if links is not None:
        out.links = links
    if failure:
        out.failures.append(failure)
    for result in out.results:
        repeats.drop(result)  # (findings of the verification, made since)
    out.notes = list(todo.resolver.notes)
    return out


@dataclass
class Stream:
    """A run whose results arrive one file at a time (``stream``); what the whole run says besides
    the results is complete once they have all been read."""

    results: Iterator[tuple[FileResult, str]]  # each file's result and effective fail-on, in order
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


# A streamed run checks links in batches: a file is finished (its links checked) with the batch it
# falls in, which closes at this many files or this many URLs.
BATCH_FILES = 64
BATCH_URLS = 2000


def stream(
    paths: Iterable[str],
    command_line: Mapping[str, Any],
    explicit: str | None = None,
    extra: Mapping[str, Any] | None = None,
    skip: Iterable[str] = (),
    exclude_paths: Iterable[str] = (),
    shard: Shard | None = None,
    stdin: Stdin | None = None,
) -> Stream:
    """Like ``run``, but each file's result is yielded as soon as it is finished, so that memory does
    not grow with the number of files: what is kept per file is its path (the list of files to
    check); a document is held only until its batch's links are checked (at most ``BATCH_FILES``
    documents), and the options of a file only while it is being checked."""
    todo = plan(paths, command_line, explicit, extra, skip, exclude_paths, shard, stdin=stdin)
    out = Stream(results=iter(()))
    pending: deque[tuple[CheckOptions, str]] = deque()  # files sent to be checked, oldest first

    def tasks() -> Iterator[tuple[str, CheckOptions]]:
        for f in todo.files:
            _, options, fail_on = todo.settings(f)
            pending.append((options, fail_on))
            yield f, options

    def results() -> Iterator[tuple[FileResult, str]]:
        for e in todo.errors:
            yield e, todo.fail_on
        batch: list[tuple[FileResult, CheckOptions, str]] = []
        urls = 0
        jobs = workers_for(todo.files, todo.jobs)
        for result in check_all(tasks(), jobs, window=max(8, 4 * jobs)):
            options, fail_on = pending.popleft()
            wants_parent = result.doc is not None and (
                (options.links and bool(result.doc.urls)) or (options.verify and bool(result.doc.references))
            )
            if not batch and not wants_parent:
                yield result, fail_on
                continue
            batch.append((result, options, fail_on))
            urls += len(result.doc.urls) if result.doc is not None else 0
            if len(batch) >= BATCH_FILES or urls >= BATCH_URLS:
                yield from flush(batch)
                batch, urls = [], 0
        yield from flush(batch)
        out.notes[:0] = [n for n in todo.resolver.notes if n not in out.notes]

    def flush(batch: list[tuple[FileResult, CheckOptions, str]]) -> Iterator[tuple[FileResult, str]]:
        if not batch:
            return
        links, failure = finish([(r, o) for r, o, _ in batch])
        out.notes.extend(n for n in (links.notes if links is not None else ()) if n not in out.notes)
        if failure and failure not in out.failures:
            out.failures.append(failure)
        for result, _, fail_on in batch:
            yield result, fail_on

    def unrepeated() -> Iterator[tuple[FileResult, str]]:
        repeats = Repeats()
        said: set[str] = set()
        for result, fail_on in results():
            repeats.drop(result)
            yield result, fail_on
            for unread in unreadable_inputs(result, said):
                yield unread, fail_on

    out.results = unrepeated()
    return out


__all__ = ["Config", "Plan", "Run", "Stream", "check_all", "discover", "plan", "run", "stream"]
