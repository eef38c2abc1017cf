from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refcheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "000_bc11b8a9853f7d3f.txt"

MINI = """Growth was strong (Martínez-Díaz 2008) and trade grew (Smith 2001).

References

Martínez-Díaz, Leonardo (2007) "Mexico's Economic Challenges," The Brookings Institution.

Smith, John (2001) Trade. Oxford.

Hyde, Henry (2002) "Speaking to Our Silent Allies", Agenda.
"""


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    target = tmp_path / "seed.txt"
    shutil.copy(SEED, target)
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "mini.txt"
    target.write_text(MINI, encoding="utf-8")
    return target


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke
