"""Checking a run's URLs while its documents are still being analysed.

    prefetch = Prefetch.start(tasks)        # a forked process: load each file, check its URLs
    ...                                     # this process analyses the files meanwhile
    got = prefetch.take(options)            # the results (None: not usable, check as before)
    prefetch.close()

Parsing a long document takes about as long as checking its URLs; one after the other, a run
takes their sum. The child process loads each file whose links are checked, takes the URLs its text
and markup give (``document_urls``: those outside excluded regions such as code, the same that the
analysis will attach) and checks them through ``check_urls``: the cache, then the same checker with
the same safety checks. The parent then takes the result of each URL the analysis found that the
child checked, and checks the others itself as before; a result the child has for a URL the
analysis did not keep is dropped. The child writes what it checked into the cache itself.

The results come down the pipe in batches as they are known (the cached ones first, then each
checked one), so the parent, done analysing, reads and unpickles them while the last URLs are
still out. The child writes the results into the cache a batch at a time as they come
(``links.run._CacheWriter``); its last message, sent before the last batch, says that it is done. It
then writes that batch, records its documents as answered (``links.run.answered_before``) and
closes the cache while the parent, which need not open the cache at all, writes the report; the
parent waits for it (up to ``REAP_WAIT``) only when it ends itself.

Only where it pays and is safe: links checked, the files analysed in this process (worker processes
would keep the cores busy), no progress bar (the child cannot draw it), and the process forkable
(one thread). Anything going wrong in the child (a crash, a result that cannot be read, other link
options than the run's) only means the parent checks every URL itself.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import select
import signal
import struct
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Protocol

    from refcheck.links.options import LinkOptions
    from refcheck.links.results import LinkResult
    from refcheck.model import Document
    from refcheck.pipeline import CheckOptions

    class _Process(Protocol):  # a _Forked child (or a multiprocessing.Process)
        @property
        def pid(self) -> int | None: ...
        def is_alive(self) -> bool: ...
        def join(self, timeout: float | None = None) -> None: ...
        def kill(self) -> None: ...

    class _Receiving(Protocol):  # a _Reader (or a multiprocessing Connection)
        def recv_bytes(self) -> bytes: ...
        def close(self) -> None: ...

    class _Sending(Protocol):
        def send_bytes(self, data: bytes) -> None: ...


@dataclass
class Prefetched:
    """What the child checked: each URL's result, with what the link report counts of it."""

    options: LinkOptions
    results: dict[str, LinkResult] = field(default_factory=dict)
    requests: int = 0
    network_unavailable: bool = False
    cache_ok: bool = False  # the child's cache was usable and holds (will hold) what it checked


def document_urls(doc: Document) -> list[str]:
    """The URLs of a loaded document that the analysis will check: those the loader found in the
    markup, those of structured entries (a .bib), and those in the text outside excluded regions."""
    from refcheck.extract.urls import find_urls

    urls = [u.url for u in doc.urls]
    urls += [u for r in doc.references or [] if r.start < 0 for u in r.urls]
    excluded = doc.excluded
    urls += [u for u, s, _ in find_urls(doc.text) if not any(a <= s < b for a, b in excluded)]
    return urls


class Prefetch:
    def __init__(self, process: _Process, conn: _Receiving) -> None:
        self.process = process
        self.conn = conn
        self.finished = False  # the child said it is done (it is writing the cache and closing)
        self.closed = False

    @classmethod
    def start(cls, tasks: Sequence[tuple[str, CheckOptions]]) -> Prefetch | None:
        """A child process checking the URLs of ``tasks`` (path, options), or None where this
        process cannot fork safely. Forked by ``os.fork`` with a plain pipe, not by
        multiprocessing, whose import and set-up (~15 ms) came before the child's first request."""
        import threading

        if not hasattr(os, "fork") or threading.active_count() != 1:
            return None
        from refcheck import parallel

        read, write = os.pipe()
        _widen(read)
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        if pid == 0:  # the child: never returns into the caller's code
            code = 1
            try:
                os.close(read)
                _quiet_stdin()
                _child(_Writer(write), list(tasks))
                code = 0
            finally:
                os._exit(code)  # no atexit hooks of the parent, no flushing its buffers twice
        os.close(write)
        process = _Forked(pid)
        parallel._LIVE.add(process)  # a signal's terminate_all ends it too
        return cls(process, _Reader(read))

    def take(self, options: LinkOptions) -> Prefetched | None:
        """The child's results when it checked with ``options`` (waits for it), else None."""
        results: dict[str, LinkResult] = {}
        try:
            while True:
                got = pickle.loads(self.conn.recv_bytes())
                if not isinstance(got, dict):
                    self.finished = isinstance(got, Prefetched)
                    break
                results.update(got)  # a batch of results
        except (EOFError, OSError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            return None
        finally:
            self.close()
        if not isinstance(got, Prefetched) or got.options != options or got.network_unavailable:
            return None  # without network the parent finds it out as fast, and says it once
        got.results = results
        return got

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(Exception):
            self.conn.close()
        if self.finished and self.process.is_alive():
            # its last cache writes and the closing (the database's checkpoint) overlap the rest
            # of this run instead of being cut short; waited for when this process ends
            if not _FINISHING:
                atexit.register(_reap_finishing)
            _FINISHING.append(self)
            return
        self._reap(0)

    def _reap(self, wait: float) -> None:
        from refcheck import parallel

        if wait > 0 and self.process.is_alive():
            self.process.join(wait)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        parallel._LIVE.discard(self.process)


REAP_WAIT = 5.0  # seconds the children that said they are done get to finish writing the cache
_FINISHING: list[Prefetch] = []  # those children, still running when their run closed them


def _reap_finishing() -> None:
    deadline = time.monotonic() + REAP_WAIT
    while _FINISHING:
        _FINISHING.pop()._reap(max(0.0, deadline - time.monotonic()))


PIPE_SIZE = 1 << 20  # the most an unprivileged process may ask for on Linux (pipe-max-size)


def _widen(fd: int) -> None:
    """A pipe that holds a whole 2,000-URL result (about 0.7 MB) instead of 64 KB: the child sends
    without waiting for the parent, which is still analysing, and the parent reads it in one go
    instead of a few kilobytes per turn of the two processes (Linux only; elsewhere as it is)."""
    with contextlib.suppress(ImportError, OSError, AttributeError):
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)


def _quiet_stdin() -> None:
    """The child reads nothing from the terminal (as multiprocessing's children: stdin closed)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdin.close()
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (for the process's life)


_LENGTH = struct.Struct("!i")  # each message's length first, as multiprocessing's connections frame it


class _Writer:
    """The child's end of the pipe: length-prefixed messages (``send_bytes``)."""

    def __init__(self, fd: int) -> None:
        self.file = open(fd, "wb", buffering=0)  # noqa: SIM115 (closed when the child exits)

    def send_bytes(self, data: bytes) -> None:
        view = memoryview(_LENGTH.pack(len(data)) + data)
        while view:
            view = view[self.file.write(view) or 0 :]

    def close(self) -> None:
        self.file.close()


class _Reader:
    """The parent's end of the pipe: ``recv_bytes`` (EOFError once the child has closed it)."""

    def __init__(self, fd: int) -> None:
        self.file = open(fd, "rb")  # noqa: SIM115 (closed by Prefetch.close)

    def fileno(self) -> int:
        return self.file.fileno()

    def recv_bytes(self) -> bytes:
        head = self.file.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            raise EOFError
        (size,) = _LENGTH.unpack(head)
        data = self.file.read(size) if size >= 0 else b""
        if len(data) != size:
            raise EOFError
        return data

    def close(self) -> None:
        self.file.close()


class _Forked:
    """The forked child, as much of multiprocessing.Process as ``Prefetch`` asks of it."""

    def __init__(self, pid: int) -> None:
        self.pid: int | None = pid
        self.exitcode: int | None = None

    def _poll(self, flags: int) -> bool:
        """Reap the child if it has ended (``flags``: os.WNOHANG, or 0 to wait); True once it has."""
        if self.exitcode is None and self.pid is not None:
            try:
                pid, status = os.waitpid(self.pid, flags)
            except ChildProcessError:  # (reaped by someone else)
                pid, status = self.pid, 0
            if pid == 0:
                return False
            self.exitcode = os.waitstatus_to_exitcode(status)
        return True

    def is_alive(self) -> bool:
        return not self._poll(os.WNOHANG)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the child to end, at most ``timeout`` seconds: woken when it ends (a pidfd,
        Linux), else looking every millisecond."""
        if timeout is None:
            self._poll(0)
            return
        if self._poll(os.WNOHANG) or self.pid is None:
            return
        try:
            fd = os.pidfd_open(self.pid)
        except (AttributeError, OSError):
            fd = None
        if fd is not None:
            try:
                select.select([fd], [], [], timeout)
            finally:
                os.close(fd)
            self._poll(os.WNOHANG)
            return
        deadline = time.monotonic() + timeout
        while not self._poll(os.WNOHANG) and time.monotonic() < deadline:
            time.sleep(min(0.001, max(0.0, deadline - time.monotonic())))

    def kill(self) -> None:
        if self.exitcode is None and self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)


class _Batches:
    """Results sent to the parent a batch at a time: one message per ``INTERVAL`` at most, so the
    parent unpickles them as they come rather than all at the end."""

    INTERVAL = 0.05

    def __init__(self, conn: _Sending) -> None:
        self.conn = conn
        self.pending: dict[str, LinkResult] = {}
        self.sent = time.monotonic()

    def add(self, results: dict[str, LinkResult]) -> None:
        self.pending.update(results)
        if time.monotonic() - self.sent >= self.INTERVAL:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.conn.send_bytes(pickle.dumps(self.pending, protocol=pickle.HIGHEST_PROTOCOL))
            self.pending = {}
        self.sent = time.monotonic()


def _child(conn: _Sending, tasks: list[tuple[str, CheckOptions]]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    got: Prefetched | None = None
    try:
        from refcheck.links.report import LinkReport
        from refcheck.links.run import check_urls
        from refcheck.loading import load

        urls: list[str] = []
        documents: list[tuple[str, list[str]]] = []  # recorded as answered (links.run.answered_before)
        options: LinkOptions | None = None
        for path, check_options in tasks:
            if not check_options.links:
                continue
            try:
                doc = load(path, check_options)
            except Exception:  # the analysis says what is wrong with the file
                continue
            if options is None:
                options = check_options.link_options()
            found = document_urls(doc)
            documents.append((doc.path, found))
            urls += found
        if options is not None:
            report = LinkReport()
            batches = _Batches(conn)

            def done(cache_ok: bool) -> None:
                # said before the last cache writes and the closing: the parent need not wait
                batches.flush()
                end = Prefetched(options, {}, report.requests, report.network_unavailable, cache_ok)
                conn.send_bytes(pickle.dumps(end, protocol=pickle.HIGHEST_PROTOCOL))

            check_urls(urls, options, None, report, sink=batches.add, done=done, documents=documents)
            return
    except Exception:
        got = None
    with contextlib.suppress(Exception):
        conn.send_bytes(pickle.dumps(got, protocol=pickle.HIGHEST_PROTOCOL))
