"""What editors are promised: the README section, its screenshot, docs/editors.md, and the page's
files shipped in the wheel (package-data)."""

from __future__ import annotations

import tomllib
from pathlib import PurePosixPath

from .conftest import ROOT


def test_readme_has_the_editors_section_and_its_screenshot() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For editors", 1)[1].split("\n## ", 1)[0]
    assert "refcheck serve" in section and "[web]" in section
    assert "(docs/images/serve-result.png)" in section and "docs/editors.md" in section
    assert (ROOT / "docs" / "images" / "serve-result.png").read_bytes().startswith(b"\x89PNG")
    guide = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    for step in ("refcheck serve", "Apply the safe fixes", "tracked change", "Where your files go"):
        assert step in guide


def test_the_page_files_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["refcheck"]
    static = sorted((ROOT / "src" / "refcheck" / "web" / "static").iterdir())
    assert {p.name for p in static} >= {"index.html", "app.js", "app.css"}
    for path in static:
        rel = PurePosixPath(path.relative_to(ROOT / "src" / "refcheck").as_posix())
        assert any(rel.match(g) for g in globs), f"{rel} is not shipped: add it to package-data"
    extras = config["project"]["optional-dependencies"]
    assert {"starlette", "uvicorn"} <= {d.split(">")[0].split("=")[0] for d in extras["web"]}
    assert any("web" in d for d in extras["dev"])  # CI installs .[dev]: the web tests run there
