"""Code that the standard library writes and compiles at import, kept between runs of the CLI
(start-up, issue 11.1).

``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``, ``__eq__`` (and more)
and compiles it with ``exec``; ``namedtuple`` its ``__new__`` with ``eval``; ``typing`` each string
annotation (``ForwardRef``) with ``compile``. The CLI's eighty-odd such methods cost about 7 ms of
parsing and compiling at every start, more than any module it imports. What ``compile`` makes of
a source text (a code object) depends only on the text, the file name, the mode, the flags and the
Python version, so the CLI keeps the code objects in a file beside refcheck's bytecode
(``__pycache__/code.<python>.marshal``; marshal is what a ``.pyc`` holds) and, from ``load`` on,
those modules' ``exec``, ``eval`` and ``compile`` (module globals in front of the built-ins: each
module looks the name up in its own globals first) take the code of a known text from it; a text
they have not seen is compiled as usual and kept by ``save`` at exit. The file holds every
command's code, each entry read (unmarshalled) only when its text comes up.

Only the plain forms are answered: a source ``str`` (``exec``, ``eval``) compiled as the built-in
would, from a module without ``__future__`` imports (its flags are those of the module's code, which
is checked), or ``compile(source, filename, mode)`` with no flags; anything else goes to the
built-in unchanged, and nothing is answered under ``python -O`` (compile would strip asserts). The file is read as the regular-expression cache's is (``_regex_cache``:
CRC-32, a stamp of the exact Python version and marshal format, replaced whole, nothing written
when bytecode is not); a code object is kept only when it reads back from marshal equal to itself;
anything unexpected only means compiling as usual.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from types import CodeType, FunctionType, ModuleType
from typing import Any

from refcheck._regex_cache import read_kept, write_kept

_FORMAT = 1
PATH = os.path.join(os.path.dirname(__file__), "__pycache__", f"code.{sys.implementation.cache_tag}.marshal")
MAX_ENTRIES = 2000
_FUTURE = 0x1FE0000  # co_flags a str given to exec inherits (PyCF_MASK: the CO_FUTURE_* of __future__)

# (source, filename, mode) -> its code: as read from the file (marshal data, each read on first
# use: the file holds every command's), read from it, and compiled in this process
_saved: dict[tuple[str, str, str], bytes] = {}
_loaded: dict[tuple[str, str, str], CodeType] = {}
_made: dict[tuple[str, str, str], CodeType] = {}


def _stamp() -> tuple[Any, ...]:
    return (_FORMAT, sys.hexversion, marshal.version, sys.implementation.cache_tag)


def _code(source: str, filename: str, mode: str) -> CodeType:
    key = (source, filename, mode)
    code = _loaded.get(key) or _made.get(key)
    if code is None and key in _saved:
        try:
            code = marshal.loads(_saved[key])
        except Exception:
            code = None
        if type(code) is CodeType:
            _loaded[key] = code
        else:  # not what was saved: compiled as usual (and saved anew)
            del _saved[key]
            code = None
    if code is None:
        code = _made[key] = builtins.compile(source, filename, mode, 0, True)
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    if globals is None:  # the caller's namespaces, as the built-in takes them
        caller = sys._getframe(1)
        globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
    if type(source) is str:
        source = _code(source, "<string>", "exec")
    builtins.exec(source, globals, locals)


def _eval(source: Any, globals: Any = None, locals: Any = None, /) -> Any:
    if globals is None:
        caller = sys._getframe(1)
        globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
    if type(source) is str:  # the built-in's eval drops leading blanks first
        source = _code(source.lstrip(" \t"), "<string>", "eval")
    return builtins.eval(source, globals, locals)


def _compile(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
    if args or kwargs or type(source) is not str or type(filename) is not str or type(mode) is not str:
        return builtins.compile(source, filename, mode, *args, **kwargs)
    return _code(source, filename, mode)


# module -> the built-ins it compiles with that the file answers for
_HOOKS: dict[str, tuple[tuple[str, Any], ...]] = {
    "dataclasses": (("exec", _exec),),
    "collections": (("eval", _eval),),
    "typing": (("compile", _compile),),
}


def _install(module: ModuleType, hooks: tuple[tuple[str, Any], ...]) -> bool:
    """Put the hooks in ``module``'s globals, unless it has a name of its own there or its code is
    compiled with ``__future__`` flags (which exec and eval of a str inherit)."""
    names = vars(module)
    functions = [f for f in names.values() if isinstance(f, FunctionType) and f.__module__ == module.__name__]
    if not functions or functions[0].__code__.co_flags & _FUTURE:
        return False
    if any(name in names and names[name] is not hook for name, hook in hooks):
        return False
    names.update(hooks)
    return True


def load(path: str = PATH) -> int:
    """Answer the hooked modules' compiling from the file; how many code objects it held."""
    import collections
    import dataclasses
    import typing

    if sys.flags.optimize:  # compile would strip asserts (and docstrings): compiled as usual
        return 0
    kept = read_kept(path, _stamp())
    try:
        if isinstance(kept, dict):
            _saved.update((k, v) for k, v in kept.items() if type(v) is bytes and len(k) == 3)
    except Exception:  # another layout: compiled as usual
        _saved.clear()
    for module in (dataclasses, collections, typing):
        _install(module, _HOOKS[module.__name__])
    return len(_saved)


def save(path: str = PATH) -> bool:
    """Write the code objects the file held and those made in this process to ``path`` when some
    were made; whether the file was written."""
    if not _made or sys.dont_write_bytecode:
        return False
    kept = dict(_saved)
    try:
        for key, code in _made.items():
            data = marshal.dumps(code)
            if marshal.loads(data) == code:
                kept[key] = data
    except Exception:
        return False
    if len(kept) > MAX_ENTRIES:  # the oldest go
        kept = dict(list(kept.items())[-MAX_ENTRIES:])
    return write_kept(path, _stamp(), kept)
