"""Imports on first use, so that start-up pays only for what a run uses.

``LazyTable({"text": "refcheck.loaders.text:load_text", ...})`` is a read-only mapping: its keys
are known without importing anything (``sorted(table)`` for a ``click.Choice``, ``name in table``),
and ``table[name]`` imports ``module`` and returns its ``attr`` the first time, from a cache after.

``lazy_module("refcheck.runner")`` is the module, executed when one of its attributes is first
read (``importlib.util.LazyLoader``): the CLI names the pipeline's modules at the top, as usual, and
``refcheck --version`` never runs them. CONTRIBUTING.md ("Start-up time") says where heavy imports go.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Generic, TypeVar

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


def lazy_module(name: str) -> ModuleType:
    """The module ``name``, run when an attribute of it is first read (or at once if already imported)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:  # as the import system does: ``refcheck.runner`` is an attribute of ``refcheck``
        setattr(sys.modules[parent], child, module)
    return module
