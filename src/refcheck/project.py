"""The project root: where trust in the checked tree begins and ends.

The project root is the nearest directory at or above the directory the run starts from (the
current directory) that holds ``.git``; outside a Git checkout it is the current directory itself.
Configuration at or above the root is the project's own; configuration found in directories below
it is *nested* and limited (config.py), and report files are never written through a symlink that
leads out of it (output.py).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root(start: str | Path | None = None) -> Path:
    """The nearest directory at or above ``start`` (default: the current directory) holding ``.git``,
    else ``start`` itself; absolute and with symlinks resolved."""
    here = Path(start if start is not None else os.getcwd()).resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return here


def inside(path: str | Path, root: str | Path) -> bool:
    """Whether ``path`` (resolved) is ``root`` or lies below it."""
    try:
        Path(path).resolve().relative_to(Path(root).resolve())
    except ValueError:
        return False
    return True
