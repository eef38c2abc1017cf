"""Reading a file refcheck is pointed at: a regular file, and never more of it than a limit.

A path given to refcheck (a document, ``--config``, ``--baseline``, ``--bib``) may name a FIFO, whose
``open`` waits for a writer for ever, or a device such as ``/dev/zero``, whose size is 0 and whose
content never ends. ``read_regular`` opens without blocking, refuses anything that is not a regular
file, and reads at most ``limit`` bytes (and no more than the size the file reports, so no buffer of
``limit`` bytes is allocated up front).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

# The --max-file-size of the file being loaded, for the files a loader reads beside it (a LaTeX
# \input, a bibliography, a Markdown chapter): set by pipeline.load around the loader's call.
SIDE_FILE_LIMIT: ContextVar[int] = ContextVar("side_file_limit", default=32 * 1024 * 1024)

# The project root of the run (runner.plan's; the job's directory under refcheck serve): files a
# Markdown document names are read only inside it. None: the loader works it out (project.py).
_READ_ROOT: ContextVar[str | None] = ContextVar("refcheck_read_root", default=None)


def read_root() -> str | None:
    """The directory tree a loader may read files from besides the document, when the run set it."""
    return _READ_ROOT.get()


def read_limit() -> int:
    """The largest file a loader may read besides the document itself (--max-file-size)."""
    return SIDE_FILE_LIMIT.get()


@contextmanager
def reading_limit(limit: int, root: str | None = None) -> Iterator[None]:
    """Within the block, ``read_limit()`` (SIDE_FILE_LIMIT) is ``limit`` and ``read_root()`` is
    ``root``."""
    token = SIDE_FILE_LIMIT.set(limit)
    token_root = _READ_ROOT.set(root)
    try:
        yield
    finally:
        _READ_ROOT.reset(token_root)
        SIDE_FILE_LIMIT.reset(token)


class NotRegularFile(OSError):
    """A FIFO, a device or a socket."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(errno.EINVAL, "not a regular file (a device, a FIFO or a socket)", str(path))


class FileTooLarge(OSError):
    """A file over the limit; ``size`` is its size (at least that, for a file that grew)."""

    def __init__(self, path: str | Path, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, "file too large", str(path))
        self.size = size
        self.limit = limit


def is_regular(path: str | bytes | os.PathLike[str]) -> bool:
    """Whether ``path`` (followed through symlinks) is a regular file."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: str | Path, limit: int, truncate: bool = False) -> bytes:
    """The bytes of ``path``; IsADirectoryError, NotRegularFile, FileTooLarge (with ``truncate``: its
    first ``limit`` bytes instead) or another OSError."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as fh:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path)
        if truncate:
            return fh.read(min(limit, st.st_size))
        if st.st_size > limit:
            raise FileTooLarge(path, st.st_size, limit)
        data = fh.read(min(limit, st.st_size) + 1)
        if len(data) > limit:
            raise FileTooLarge(path, len(data), limit)
        return data


# Directories resolved this run (``real_path``): a run over thousands of files of a few directories
# resolves each directory once, not once per file and per question (one lstat per component each).
_REAL_DIRECTORIES: dict[str, str] = {}


def real_path(path: str | os.PathLike[str]) -> str:
    """``os.path.realpath(path)``, each directory resolved once per run (``forget_directories``):
    a file that is no symlink costs one lstat. A path with ".." is resolved as realpath does it (a
    symlink before the ".." first)."""
    p = os.fspath(path)
    absolute = os.path.abspath(p)
    head, name = os.path.split(absolute)
    if not name or ".." in p.split(os.sep) or os.path.islink(absolute):
        return os.path.realpath(p)
    real_head = _REAL_DIRECTORIES.get(head)
    if real_head is None:
        real_head = _REAL_DIRECTORIES[head] = os.path.realpath(head)
    return os.path.join(real_head, name)


# What other modules learnt of directories this run (manuscript.py: the book configuration above each)
FORGOTTEN_WITH_DIRECTORIES: list[dict[Any, Any]] = []


def forget_directories() -> None:
    """Start a run afresh (a directory may have become a symlink, or gained a configuration, since
    the last one)."""
    _REAL_DIRECTORIES.clear()
    for memo in FORGOTTEN_WITH_DIRECTORIES:
        memo.clear()


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-8, UTF-16 LE and BE


def after_bom(data: bytes) -> bytes:
    """The bytes after a leading byte order mark (Notepad saves an empty UTF-8 file as one)."""
    for bom in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :]
    return data


def size_text(n: int) -> str:
    """A size as a person reads it: "33 MiB", "1.5 MiB", "12 KiB", "10 bytes" (a limit below a MiB
    was "0 MiB", and a file of 129 bytes over it "0.0 MiB")."""
    if n >= 2**20:
        return f"{n / 2**20:.1f} MiB".replace(".0 ", " ")
    if n >= 1024:
        return f"{n / 1024:.0f} KiB"
    return f"{n} bytes"
