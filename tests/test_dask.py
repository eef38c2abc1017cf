"""The Dask recipe of docs/scale.md (docs/dask_recipe.py) on a LocalCluster equals a serial run."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import refcheck

from .conftest import ROOT, cli

distributed = pytest.importorskip("dask.distributed")


def _recipe() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_recipe", ROOT / "docs" / "dask_recipe.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_recipe_in_the_docs_is_the_tested_one() -> None:
    code = (ROOT / "docs" / "dask_recipe.py").read_text(encoding="utf-8")
    doc = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    body = code.split('"""\n\nfrom __future__ import annotations\n', 1)[1].split("\n\ndef main()", 1)[0]
    assert body.strip() in doc, "copy docs/dask_recipe.py into docs/scale.md"


def test_dask_local_cluster_equals_a_serial_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    recipe = _recipe()
    paths = refcheck.list_files(["fixtures"])
    assert len(paths) >= 9
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        parts = recipe.check_archive(client, paths, str(tmp_path / "out"), files_per_partition=3)
    assert len(parts) == -(-len(paths) // 3) > 2
    serial = refcheck.check_paths(["fixtures"], {"links": False})
    records = [json.loads(line) for p in parts for line in Path(p).read_text(encoding="utf-8").splitlines()]
    files = sorted((r for r in records if "path" in r), key=lambda r: r["path"])
    assert files == serial.files
    merged = cli("merge", "--format", "json", *parts)
    whole = cli("check", "--no-links", "--format", "json", "fixtures")
    assert merged.exit_code == whole.exit_code == serial.status == 1
    assert merged.stdout == whole.stdout == json.dumps(serial.as_dict(), ensure_ascii=False, indent=2) + "\n"
