"""Compiled regular expressions kept between runs of the CLI (start-up, issue 11.1).

Python compiles a regular expression in Python code, afresh in every process: the CLI's hundred-odd
expressions (refcheck's, click's, the standard library's) cost about 15 ms at each start, a third of
what checking a short brief costs beyond importing click. A character class holding characters
above U+00FF in more than two runs (dashes, curly quotes, ``[A-Z\\u00C0-\\u00DE\\u0100-...]``)
builds a 64K-character table each time. What the compiler makes of an expression (the engine's
code, a list of integers) depends only on the pattern, the flags and the Python version, so the CLI
keeps it in a file beside refcheck's bytecode (``__pycache__/regex.<python>.marshal``, as a
``.pyc`` keeps a module's code). At start (``load``) the file is read and checked, and ``re``'s
cache learns to answer from it: the first ``re.compile`` of a saved pattern hands the saved code to
the engine (``_sre.compile``) instead of compiling, and no module changes how it compiles. Only
what a run uses is built: the file holds every expression any command compiled (a DOCX, HTML or
JATS check, the links stage), up to ``MAX_ENTRIES``, and a plain-text check must not pay for the
others at each start (it did, about 3 ms, when each was built at load). The code is kept as bytes,
which read back without making an integer object each. At exit (``save``) the file is rewritten
when the run compiled expressions it did not hold: this run's, then the others it held.

This leans on CPython internals, the ones ``re._compiler.compile`` itself uses (``re._parser.parse``,
``re._compiler._code``, ``_sre.compile``), and on how ``re._compile`` looks its cache up: in 3.11
``_cache[key]`` in a ``try``/``except KeyError``, in 3.12 on ``_cache2[key]`` likewise and then
``_cache.pop(key, None)``. A dict subclass with ``__missing__`` stands in for the dict looked up
first (``_cache``, or ``_cache2`` where there is one); it answers a saved pattern (in 3.12, by
putting it into ``_cache``, where ``re`` then finds it) and raises ``KeyError`` for anything else,
so a ``re`` that looks its caches up otherwise simply compiles as usual. The file is tied to the
exact Python version, byte order and regular-expression engine (``_sre.MAGIC``, ``CODESIZE``) by a
stamp compared as bytes before any of its data is read (``read_kept``, ``write_kept``; the code
cache, ``_code_cache.py``, keeps its file the same way); it is used only when its CRC-32 matches (a
damaged file that still reads as marshal data must not be);
an expression is saved only when ``_sre.compile`` of what is saved equals ``re.compile`` of its
pattern (equal patterns have equal code); the file is replaced whole (``os.replace``); and anything
unexpected (another Python, a file that cannot be read, a changed internal, a saved expression the
engine refuses) only means that expressions are compiled as usual. Nothing is written when bytecode
is not (``PYTHONDONTWRITEBYTECODE``) or where the directory cannot be written.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import zlib
from typing import Any, Final

try:  # CPython's regular-expression internals, loaded with re (elsewhere nothing is kept)
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre = None

_FORMAT = 3  # 2: the data follows its CRC-32; 3: the stamp before the data, each code as bytes
PATH = os.path.join(os.path.dirname(__file__), "__pycache__", f"regex.{sys.implementation.cache_tag}.marshal")
MAX_ENTRIES = 1000  # re's own cache holds 512 in CPython 3.11-3.13; the file, every command's
_CODE: Final = "I"  # the engine's code units, as memoryview.cast and array read them (CODESIZE bytes)

# re._cache key (type, pattern, flags) -> the saved entry (pattern, flags, final flags, code as
# bytes, groups, groupindex, indexgroup), as read from the file
_saved: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def _stamp() -> tuple[Any, ...]:
    return (_FORMAT, sys.hexversion, sys.byteorder, _sre.MAGIC, _sre.CODESIZE)


def _cache() -> dict[Any, Any] | None:
    """``re``'s cache of compiled expressions, keyed by (type, pattern, flags); None if not that."""
    cache = getattr(re, "_cache", None)
    return cache if _sre is not None and isinstance(cache, dict) else None


class _Saved(dict):  # type: ignore[type-arg]
    """``re``'s first cache, answering a pattern missing from it from the file."""

    __slots__ = ()

    def __missing__(self, key: Any) -> Any:
        entry = _saved.get(key) if isinstance(key, tuple) else None
        cache = _cache()
        if entry is None or cache is None:
            raise KeyError(key)
        try:
            pattern, _, flags, code, *rest = entry
            compiled = _sre.compile(pattern, flags, memoryview(code).cast(_CODE).tolist(), *rest)
            limit = int(re._MAXCACHE)  # type: ignore[attr-defined]
        except Exception:  # the engine refuses it: compiled as usual
            del _saved[key]
            raise KeyError(key) from None
        if len(cache) >= limit:  # what re does before it adds one: the oldest goes
            cache.pop(next(iter(cache), None), None)
        cache[key] = compiled
        if cache is self:  # 3.11: re returns what the look-up gives
            return compiled
        raise KeyError(key)  # 3.12+: re then takes it from _cache (pop) into both caches


def _install() -> bool:
    """Put ``_Saved`` in place of the cache ``re._compile`` looks up first; whether it is there."""
    name = "_cache2" if hasattr(re, "_cache2") else "_cache"
    first = getattr(re, name, None)
    if _cache() is None or not isinstance(first, dict) or not isinstance(getattr(re, "_MAXCACHE", None), int):
        return False
    if type(first) is not _Saved:
        setattr(re, name, _Saved(first))
    return True


def read_kept(path: str, stamp: tuple[Any, ...]) -> Any:
    """What ``write_kept`` wrote to ``path`` with ``stamp``; None when there is no such file, it is
    damaged (its CRC-32), or it was written with another stamp (another Python, another format)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()  # one read (marshal.load(fh) reads each object)
        # a damaged file that still reads as marshal data (one wrong integer of an expression's
        # code) must not be used: its CRC-32 is checked before anything of it is; then the stamp,
        # as bytes: another Python's marshal data is never read (its code objects could crash this one)
        header = _header(stamp)
        if len(data) < 4 or zlib.crc32(memoryview(data)[4:]) != int.from_bytes(data[:4], "little"):
            return None
        if data[4 : 4 + len(header)] != header:
            return None
        return marshal.loads(memoryview(data)[4 + len(header) :])  # no copy
    except Exception:  # no file yet, a damaged one
        return None


def write_kept(path: str, stamp: tuple[Any, ...], kept: Any) -> bool:
    """Replace ``path`` with its CRC-32, ``stamp`` and ``kept`` (marshal data); whether it was
    written (not when bytecode is not, nor where it cannot be)."""
    if sys.dont_write_bytecode:
        return False
    try:
        payload = _header(stamp) + marshal.dumps(kept)
        data = zlib.crc32(payload).to_bytes(4, "little") + payload
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            with open(temporary, "wb") as fh:
                fh.write(data)
            os.replace(temporary, path)  # another process reads the old file or this one, whole
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except Exception:  # a read-only install: nothing kept
        return False
    return True


def _header(stamp: tuple[Any, ...]) -> bytes:
    """``stamp`` as marshal data of version 2 (no references: the same bytes in every process)."""
    return marshal.dumps(stamp, 2)


def load(path: str = PATH) -> int:
    """Make the saved expressions available to ``re`` (each built on its first use); how many
    (0: none saved, or not usable)."""
    if _cache() is None:
        return 0
    try:
        entries = read_kept(path, _stamp()) or ()
        found = {(type(e[0]), e[0], e[1]): e for e in entries if len(e) == 7 and type(e[3]) is bytes}
    except Exception:  # a changed internal: compiled as usual
        return 0
    if not found or not _install():
        return 0
    _saved.update(found)
    return len(_saved)


def save(path: str = PATH) -> bool:
    """Write the expressions in ``re``'s cache, then the others the file held, to ``path`` when
    some were compiled in this process (not saved); whether the file was written."""
    cache = _cache()
    if cache is None or sys.dont_write_bytecode:
        return False
    try:
        keys = [k for k in list(cache) if isinstance(k, tuple) and len(k) == 3 and k[0] in (str, bytes)]
        if all(k in _saved for k in keys):
            return False
        kept = set(keys)
        keys += [k for k in _saved if k not in kept]
        entries = [e for e in map(_entry, keys) if e is not None][:MAX_ENTRIES]
    except Exception:  # a changed internal: nothing kept
        return False
    return write_kept(path, _stamp(), entries)


def _entry(key: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """What ``_sre.compile`` is given for ``key``'s pattern, as ``re._compiler.compile`` makes it,
    the code as bytes; None when that does not give the same compiled expression as ``re.compile``."""
    if key in _saved:
        return _saved[key]
    _, pattern, flags = key
    if flags & re.DEBUG:
        return None
    try:
        from array import array

        parsed = _parser.parse(pattern, flags)
        code = array(_CODE, _compiler._code(parsed, flags))
        if code.itemsize != _sre.CODESIZE:
            return None
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry = (
            pattern,
            int(flags),
            int(flags | parsed.state.flags),
            code.tobytes(),
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        # what load will hand to the engine, read back from the bytes
        back = memoryview(entry[3]).cast(_CODE).tolist()
        if _sre.compile(pattern, entry[2], back, *entry[4:]) != _compiler.compile(pattern, flags):
            return None
    except Exception:
        return None
    return entry
