"""Imports on first use, so that start-up pays only for what a run uses.

``LazyTable({"text": "refcheck.loaders.text:load_text", ...})`` is a read-only mapping: its keys
are known without importing anything (``sorted(table)`` for a ``click.Choice``, ``name in table``),
and ``table[name]`` imports ``module`` and returns its ``attr`` the first time, from a cache after.

``lazy_module("refcheck.runner")`` stands for the module and imports it when one of its attributes
is first read: the CLI names the pipeline's modules at the top, as usual, and ``refcheck --version``
never imports them.

``PAT = lazy_pattern(r"...")``, used as ``PAT().search(text)``, compiles the expression on the first
call and returns the same ``re.Pattern`` after: for expressions that only some documents need
(compiling one costs at every start). CONTRIBUTING.md ("Start-up time") says where heavy imports go.
"""

from __future__ import annotations

import functools
import gc
import importlib
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class LazyTable(Mapping[str, V], Generic[V]):
    """A mapping of names to ``"module:attribute"`` references, each imported when first looked up."""

    def __init__(self, targets: Mapping[str, str]) -> None:
        for name, target in targets.items():
            if target.count(":") != 1:
                raise ValueError(f"{name}: {target!r} is not 'module:attribute'")
        self._targets = dict(targets)
        self._loaded: dict[str, V] = {}

    def __getitem__(self, name: str) -> V:
        try:
            return self._loaded[name]
        except KeyError:
            pass
        module, _, attr = self._targets[name].partition(":")  # KeyError for an unknown name
        value: V = getattr(importlib.import_module(module), attr)
        self._loaded[name] = value
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)

    def __contains__(self, name: object) -> bool:
        return name in self._targets

    def target(self, name: str) -> str:
        """The ``"module:attribute"`` that ``name`` stands for, without importing it."""
        return self._targets[name]

    def __repr__(self) -> str:
        return f"LazyTable({self._targets!r})"


class _ModuleProxy:
    """Stands for a module; the first attribute read imports it (through the import system)."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str) -> Any:
    """The module ``name``, imported when an attribute of it is first read."""
    return _ModuleProxy(name)


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function returning ``re.compile(pattern, flags)``, compiled on its first call, the same
    object after (so ``match.re is PAT()`` holds)."""

    @functools.cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled


def load_modules(*names: str) -> None:
    """Import the modules ``names`` and what they import as the CLI's own modules were imported: with
    the collector off, then frozen (importing the stages makes tens of thousands of objects that live
    as long as the process; a short run made a dozen collections here)."""
    if all(name in sys.modules for name in names):
        return
    collecting = gc.isenabled()
    gc.disable()
    try:
        for name in names:
            importlib.import_module(name)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
