"""Compiled regular expressions kept between runs of the CLI (start-up, issue 11.1).

Python compiles a regular expression in Python code, afresh in every process: the CLI's hundred-odd
expressions (refcheck's, click's, the standard library's) cost about 15 ms at each start, a third of
what checking a short brief costs beyond importing click. A character class holding characters
above U+00FF in more than two runs (dashes, curly quotes, ``[A-Z\\u00C0-\\u00DE\\u0100-...]``)
builds a 64K-character table each time. What the compiler makes of an expression (the engine's
code, a list of integers) depends only on the pattern, the flags and the Python version, so the CLI
keeps it in a file beside refcheck's bytecode (``__pycache__/regex.<python>.marshal``, as a
``.pyc`` keeps a module's code) and, at start (``load``), puts the compiled expressions back into
the ``re`` module's own cache: each ``re.compile`` of a known pattern is then a look-up there, and
no module changes how it compiles. At exit (``save``) the file is rewritten when the run compiled
expressions it did not hold.

This leans on CPython internals, the ones ``re._compiler.compile`` itself uses (``re._cache``,
``re._parser.parse``, ``re._compiler._code``, ``_sre.compile``). So the file is tied to the exact
Python version and regular-expression engine (``_sre.MAGIC``); an expression is saved only when
``_sre.compile`` of what is saved equals ``re.compile`` of its pattern (equal patterns have equal
code); and anything unexpected (another Python, a file that cannot be read, a changed internal)
only means that expressions are compiled as usual. Nothing is written when bytecode is not
(``PYTHONDONTWRITEBYTECODE``) or where the directory cannot be written.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import zlib
from typing import Any

try:  # CPython's regular-expression internals, loaded with re (elsewhere nothing is kept)
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre = None

_FORMAT = 2  # 2: the data follows its CRC-32
PATH = os.path.join(os.path.dirname(__file__), "__pycache__", f"regex.{sys.implementation.cache_tag}.marshal")
MAX_ENTRIES = 1000  # re's own cache holds 512 in CPython 3.11-3.13

# re._cache key (type, pattern, flags) -> the saved entry it was loaded from
_loaded: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def _stamp() -> tuple[Any, ...]:
    return (_FORMAT, sys.hexversion, _sre.MAGIC, _sre.CODESIZE)


def _cache() -> dict[Any, Any] | None:
    """``re``'s cache of compiled expressions, keyed by (type, pattern, flags); None if not that."""
    cache = getattr(re, "_cache", None)
    return cache if _sre is not None and isinstance(cache, dict) else None


def load(path: str = PATH) -> int:
    """Put the saved expressions into ``re``'s cache; how many (0: none saved, or not usable)."""
    cache = _cache()
    if cache is None:
        return 0
    try:
        with open(path, "rb") as fh:
            data = fh.read()  # one read (marshal.load(fh) reads each object)
        # a damaged file that still reads as marshal data (one wrong integer of an expression's
        # code) must not be used: its CRC-32 is checked before anything of it is
        if len(data) < 4 or zlib.crc32(data[4:]) != int.from_bytes(data[:4], "little"):
            return 0
        stamp, entries = marshal.loads(data[4:])
        if stamp != _stamp():
            return 0
        found: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        compiled_now: dict[tuple[Any, ...], Any] = {}
        for entry in entries:
            pattern, flags, *compiled = entry
            key = (type(pattern), pattern, flags)
            if key not in cache:
                compiled_now[key] = _sre.compile(pattern, *compiled)
            found[key] = entry
    except Exception:  # no file yet, a damaged one, a changed internal: compiled as usual
        return 0
    cache.update(compiled_now)  # all of the file or none of it
    _loaded.update(found)
    return len(_loaded)


def save(path: str = PATH) -> bool:
    """Write the expressions in ``re``'s cache to ``path`` when some were compiled in this process
    (not loaded); whether the file was written."""
    cache = _cache()
    if cache is None or sys.dont_write_bytecode:
        return False
    try:
        keys = [k for k in list(cache) if isinstance(k, tuple) and len(k) == 3 and k[0] in (str, bytes)]
        if all(k in _loaded for k in keys):
            return False
        entries = [e for e in map(_entry, keys[-MAX_ENTRIES:]) if e is not None]
        payload = marshal.dumps((_stamp(), entries))
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
    except Exception:  # a read-only install, a changed internal: nothing kept
        return False
    return True


def _entry(key: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """What ``_sre.compile`` is given for ``key``'s pattern, as ``re._compiler.compile`` makes it;
    None when that does not give the same compiled expression as ``re.compile``."""
    if key in _loaded:
        return _loaded[key]
    _, pattern, flags = key
    if flags & re.DEBUG:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        compiled = (
            int(flags | parsed.state.flags),
            code,
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        if _sre.compile(pattern, *compiled) != _compiler.compile(pattern, flags):
            return None
    except Exception:
        return None
    return (pattern, int(flags), *compiled)
