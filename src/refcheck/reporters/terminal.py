"""Terminal helpers for the command line: progress bars on stderr, and the concise report printed
file by file as the run goes."""

from __future__ import annotations

import sys
from typing import Any

import click

from refcheck.loading import FileResult
from refcheck.reporters import text as text_reporter

FILE_BAR_MINIMUM = 10  # files: fewer are read too quickly for a progress bar to help


class Progress:
    """A progress bar on stderr, made when the first count arrives (for ``minimum`` items or more)
    and closed when every item is done, so that the files' bar ends before the links' begins."""

    def __init__(self, label: str, enabled: bool, minimum: int = 1) -> None:
        self.label = label
        self.enabled = enabled
        self.minimum = minimum
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None and total >= self.minimum and self.done < total:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None and done > self.done:
            self.bar.update(done - self.done)
        self.done = max(self.done, done)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Stream:
    """The concise report printed file by file as each is checked; link findings, files that could
    not be found and the summary follow when the run ends."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour
        self.printed: set[int] = set()  # id() of findings and results already printed

    def __call__(self, result: FileResult, done: int, total: int) -> None:
        self._emit(result)

    def _emit(self, r: FileResult) -> None:
        if id(r) in self.printed and r.doc is None:
            return
        lines = text_reporter.file_lines(r, self.colour, skip=self.printed)
        self.printed.add(id(r))
        self.printed.update(id(f) for f in (r.doc.findings if r.doc else ()))
        if lines:
            click.echo("\n".join(lines), color=self.colour)

    def finish(self, results: list[FileResult]) -> None:
        for r in results:
            self._emit(r)
        click.echo(text_reporter.summary(results), color=self.colour)
