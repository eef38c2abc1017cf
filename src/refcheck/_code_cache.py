"""The compiled methods of dataclasses kept between runs of the CLI (start-up, issue 11.2).

``@dataclass`` writes the source of each class's ``__init__``, ``__repr__`` and ``__eq__`` and
compiles it (``exec`` of the text) afresh in every process: the CLI's 27 dataclasses (84 methods;
the Document's ``__init__`` takes 53 fields) cost about 8 ms at each start, 2% of checking a
1,000-page brief (bench/perf.py). What ``compile`` makes of a text depends only on the text and the
Python version, so the CLI keeps the code objects in a file beside refcheck's bytecode
(``__pycache__/dataclasses.<python>.marshal``, as a ``.pyc`` keeps a module's code), keyed by the
exact text, and while it imports its modules (``compiling``) the ``dataclasses`` module's ``exec``
takes a known text's code from there. The functions made are the ones the text makes: a changed
class writes another text, which is compiled as usual (and kept at exit, ``save``).

This leans on one detail of CPython's ``dataclasses`` (3.11 to 3.13 alike): it makes the methods by
calling ``exec`` on their text, a name looked up in the module's globals before the builtins. Only
``exec`` of a ``str`` with globals and locals is taken over; a text is compiled as ``exec`` compiles
it (file name ``"<string>"``, no flags: dataclasses.py has no ``__future__`` import). The file is
tied to the exact Python version; a damaged or foreign file only means compiling as usual
(``_regex_cache.read``), and nothing is written where bytecode is not.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import os
import sys
from collections.abc import Iterator
from types import CodeType
from typing import Any

from refcheck import _regex_cache

_FORMAT = 1
PATH = os.path.join(
    os.path.dirname(__file__), "__pycache__", f"dataclasses.{sys.implementation.cache_tag}.marshal"
)
MAX_ENTRIES = 1000

_kept: dict[str, CodeType] = {}  # the file's: text -> code
_used: dict[str, CodeType] = {}  # the texts this process compiled or took from the file
_new = [False]  # whether this process compiled a text the file did not hold


def _stamp() -> tuple[Any, ...]:
    return (_FORMAT, sys.hexversion, sys.implementation.cache_tag)


def load(path: str = PATH) -> int:
    """Read the kept code; how many texts (0: none kept, or not usable)."""
    entries = _regex_cache.read(path, _stamp())
    if not isinstance(entries, dict) or not all(
        type(k) is str and type(v) is CodeType for k, v in entries.items()
    ):
        return 0
    _kept.update(entries)
    return len(_kept)


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec``, with a text's code taken from the file when it holds that text."""
    if type(source) is str and globals is not None and locals is not None:
        code = _used.get(source) or _kept.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _new[0] = True
        _used[source] = code
        source = code
    builtins.exec(source, globals, locals)


@contextlib.contextmanager
def compiling() -> Iterator[None]:
    """``dataclasses`` compiles through ``_exec`` meanwhile (the CLI's imports); not nested."""
    if "exec" in vars(dataclasses):  # (someone else's, or this one's already)
        yield
        return
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]


def save(path: str = PATH) -> bool:
    """Write the code of the texts this process used when it compiled one the file did not hold;
    whether the file was written."""
    if not _new[0]:
        return False
    entries = dict(list(_used.items())[-MAX_ENTRIES:])
    if not _regex_cache.write(path, _stamp(), entries):
        return False
    _new[0] = False
    return True
