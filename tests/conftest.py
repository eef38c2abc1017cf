from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "000_bc11b8a9853f7d3f.txt"


@pytest.fixture
def seed_path() -> Path:
    return SEED
