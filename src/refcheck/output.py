"""Report and baseline files: checked before the run, written atomically after it.

``reserve(path)`` runs before any document is checked, so that a path that cannot be written fails
in a second, not after minutes of link checks: it refuses a directory, a missing parent directory,
a symlink that leads out of the project root and a block device, and it creates the temporary file
the report will be written to (which proves the directory is writable). ``Reserved.commit(text)``
then writes that file, flushes it to disk and renames it over the target in one step, so a reader
never sees half a report; the target keeps its mode (a new file gets the usual 0666 less the umask).
The temporary file is removed on every other way out (an error, an exit, Ctrl-C, and SIGTERM,
whose CLI handler calls ``discard_all`` before the process ends). A character device or FIFO named directly (``/dev/stdout``, a pipe) is written in
place, as a stream.

Every failure is an ``OutputError`` whose message names the file and the reason, in one line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from refcheck.errors import OutputError, one_line
from refcheck.project import inside, project_root


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    return exc.strerror or str(exc)


# Temporary files not yet renamed or removed, for ``discard_all`` (the SIGTERM handler).
_LIVE: set[str] = set()


def discard_all() -> None:
    """Remove every temporary file still pending (the process is about to end abruptly)."""
    for tmp in list(_LIVE):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _LIVE.discard(tmp)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class Reserved:
    """A report file checked and ready to be written; use as a context manager."""

    def __init__(self, path: str, what: str, root: Path | None = None) -> None:
        self.path = path
        self.what = what
        self.tmp: str | None = None
        self.stream = False  # a character device or FIFO: written in place
        self.committed = False
        if not path:
            raise OutputError(f"{what}: an empty file name")
        shown = one_line(path)
        root = root or project_root()
        absolute = os.path.abspath(path)
        real = os.path.realpath(path)
        if real != absolute and not inside(real, root):
            raise OutputError(
                f"{shown}: a symlink leading out of the project ({one_line(real)}); "
                f"refcheck does not write {what} through it"
            )
        self.target = real
        try:
            st: os.stat_result | None = os.stat(real)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise OutputError(f"{shown}: cannot be written ({_reason(exc)})") from None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{shown}: is a directory")
        if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            if not os.access(real, os.W_OK):
                raise OutputError(f"{shown}: cannot be written (permission denied)")
            self.stream = True
            return
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{shown}: not a regular file")
        directory = os.path.dirname(real)
        if not os.path.isdir(directory):
            raise OutputError(f"{shown}: the directory {one_line(os.path.dirname(absolute))} does not exist")
        self.mode = (st.st_mode & 0o7777) if st is not None else (0o666 & ~_umask())
        self.owner = (st.st_uid, st.st_gid) if st is not None else None
        import tempfile  # only when a report is written (start-up: CONTRIBUTING.md)

        try:
            fd, self.tmp = tempfile.mkstemp(
                prefix=f".{os.path.basename(real)}.", suffix=".refcheck-tmp", dir=directory
            )
        except OSError as exc:
            raise OutputError(
                f"{shown}: cannot be written in {one_line(directory)} ({_reason(exc)})"
            ) from None
        os.close(fd)
        _LIVE.add(self.tmp)

    def commit(self, text: str | Iterable[str]) -> None:
        """Write ``text`` (UTF-8; an undecodable file name's bytes shown as escapes) and put it in place.

        ``text`` may be an iterable of pieces, written as they come (a streamed report): the target
        is still replaced only once the last piece is written."""
        chunks = [text] if isinstance(text, str) else text
        shown = one_line(self.path)
        try:
            if self.stream:
                with open(self.target, "wb") as fh:
                    _write(fh, chunks)
                self.committed = True
                return
            assert self.tmp is not None
            with open(self.tmp, "wb") as fh:
                _write(fh, chunks)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(self.tmp, self.mode)
            if self.owner is not None:
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.chown(self.tmp, *self.owner)
            os.replace(self.tmp, self.target)
            _LIVE.discard(self.tmp)
            self.committed = True
            self.tmp = None
        except OSError as exc:
            raise OutputError(f"{shown}: cannot be written ({_reason(exc)})") from None
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the temporary file, if it is still there."""
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            _LIVE.discard(self.tmp)
            self.tmp = None

    def __enter__(self) -> Reserved:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.discard()


def _write(fh: BinaryIO, chunks: Iterable[str]) -> None:
    for chunk in chunks:
        for part in slices(chunk):
            try:
                data = part.encode("utf-8")
            except UnicodeEncodeError:
                data = part.encode("utf-8", errors="backslashreplace")
            fh.write(data)


SLICE = 1 << 20  # characters


def slices(text: str) -> Iterator[str]:
    """``text`` in slices of ``SLICE`` characters: a long report is encoded and written a slice at a
    time, not copied whole into bytes (each character is encoded on its own, so the bytes are the same)."""
    if len(text) <= SLICE:
        yield text
        return
    for start in range(0, len(text), SLICE):
        yield text[start : start + SLICE]


def reserve(path: str, what: str = "the report", root: Path | None = None) -> Reserved:
    """Check that ``path`` can be written and prepare its temporary file (OutputError if not)."""
    return Reserved(path, what, root)
