"""Start-up: checking a plain-text brief imports none of the heavy dependencies (issue 11.1).

A pre-commit hook runs ``refcheck check --no-links`` on every commit, so it has to feel instant;
nearly all of its time used to go on importing requests, urllib3, pybtex, latexcodec and friends
that a text brief never needs. Each heavy dependency is imported only in the stage or loader that
uses it (CONTRIBUTING.md, "Start-up time: where heavy imports go").

Each check runs the real CLI in a fresh interpreter and reads ``sys.modules`` at its end, so a
module-level ``import requests`` anywhere on the way (pipeline.py, a rule, a reporter) fails it;
``test_the_check_sees_a_module_level_import`` proves that on a copy of the package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED, SRC

# Never needed to check one .txt file without the network: the links and verification stages, the
# bibliography and XML loaders, the caches, and a process or thread pool (one file needs none).
HEAVY = (
    "requests",
    "urllib3",
    "bs4",
    "pybtex",
    "latexcodec",
    "sqlite3",
    "defusedxml",
    "platformdirs",
    "concurrent",
    "multiprocessing",
)

# Run the CLI as ``refcheck`` does, then write the names of every imported module to argv[1].
_WRAPPER = """
import contextlib, io, json, sys
out, args = sys.argv[1], sys.argv[2:]
from refcheck.cli import main
code = 0
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main.main(args, prog_name="refcheck", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
with open(out, "w", encoding="utf-8") as fh:
    json.dump({"code": code, "modules": sorted(sys.modules)}, fh)
"""


def _offline_flags() -> list[str]:
    """``--no-links``, and ``--no-verify`` once the verification stage offers it."""
    from refcheck.cli import main

    check = main.commands["check"]
    flags = ["--no-links"]
    if any("--no-verify" in p.secondary_opts for p in check.params):
        flags.append("--no-verify")
    return flags


def imported(tmp_path: Path, *args: str, src: Path = SRC, cwd: Path = ROOT) -> set[str]:
    """The modules a fresh ``refcheck ARGS`` has imported when it exits."""
    out = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if k not in ("REFCHECK_DEBUG", "PYTHONPATH")}
    env["PYTHONPATH"] = str(src)
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(out), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["code"] in (0, 1), proc.stderr  # findings, not an error
    return set(data["modules"])


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_checking_a_text_brief_imports_no_heavy_dependency(tmp_path: Path) -> None:
    modules = imported(tmp_path, "check", *_offline_flags(), str(SEED))
    assert "refcheck.loaders.text" in modules  # the check really ran
    assert heavy(modules) == [], (
        "a heavy dependency is imported on the text path; import it in the stage or loader that "
        "uses it (CONTRIBUTING.md, 'Start-up time: where heavy imports go')"
    )
    # nor the modules that hold them: each loader, reporter and stage on first use
    for module in (
        "refcheck.links.run",
        "refcheck.links.checker",
        "refcheck.links.cache",
        "refcheck.loaders.bibtex",
        "refcheck.loaders.docx",
        "refcheck.loaders.jats",
        "refcheck.loaders.html",
        "refcheck.reporters.html",
        "refcheck.reporters.sarif",
        "refcheck.fix",
    ):
        assert module not in modules, module
    # signal's enums cost about half a millisecond to build: the CLI and the pool use _signal
    assert "signal" not in modules


def test_the_json_report_of_a_text_brief_imports_no_heavy_dependency(tmp_path: Path) -> None:
    """What the evaluation and CI integrations run: the JSON report, which lists fixable findings."""
    modules = imported(tmp_path, "check", *_offline_flags(), "--format", "json", str(SEED))
    assert "refcheck.reporters.json" in modules
    assert heavy(modules) == []


@pytest.mark.parametrize("command", [["--version"], ["--help"], ["check", "--help"], ["rules"]])
def test_commands_that_check_nothing_load_no_pipeline(tmp_path: Path, command: list[str]) -> None:
    """The CLI names the pipeline's modules lazily: they run when a command first uses them."""
    modules = imported(tmp_path, *command)
    assert heavy(modules) == []
    assert "refcheck.pipeline" not in modules
    assert "refcheck.extract.reference_list" not in modules


def test_a_markdown_brief_without_a_bibliography_imports_no_heavy_dependency(tmp_path: Path) -> None:
    modules = imported(tmp_path, "check", *_offline_flags(), str(ROOT / "fixtures" / "diaspora_policy.md"))
    assert "refcheck.loaders.markdown" in modules
    assert heavy(modules) == []


def test_the_version_is_the_packages(tmp_path: Path) -> None:
    """``__version__`` is a constant (no package metadata read at start-up): it must follow pyproject."""
    import tomllib

    import refcheck

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert refcheck.__version__ == project["version"]


def test_a_bibtex_file_loads_its_loader_on_use(tmp_path: Path) -> None:
    """The control: the same probe does see a heavy dependency when the file needs it."""
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{hardy1968, author = {Hardy, G. H.}, title = {A Mathematician}, year = {1968}}\n")
    modules = imported(tmp_path, "check", *_offline_flags(), str(bib))
    assert {"refcheck.loaders.bibtex", "pybtex", "latexcodec"} <= modules


def test_the_check_sees_a_module_level_import(tmp_path: Path) -> None:
    """A copy of the package whose pipeline.py imports requests at module level fails the probe."""
    copy = tmp_path / "src"
    shutil.copytree(SRC / "refcheck", copy / "refcheck", ignore=shutil.ignore_patterns("__pycache__"))
    pipeline = copy / "refcheck" / "pipeline.py"
    text = pipeline.read_text(encoding="utf-8")
    marker = "from __future__ import annotations\n"
    assert marker in text
    pipeline.write_text(
        text.replace(marker, marker + "\nimport requests  # noqa: F401\n", 1), encoding="utf-8"
    )
    modules = imported(tmp_path, "check", *_offline_flags(), str(SEED), src=copy)
    assert "refcheck.loaders.text" in modules
    assert "requests" in heavy(modules)


def test_lazy_table_and_lazy_module_import_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refcheck._lazy import LazyTable, lazy_module

    (tmp_path / "rc_lazy_probe.py").write_text("def load(path, data):\n    return 'loaded'\nVALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "rc_lazy_probe", raising=False)
    table: LazyTable[object] = LazyTable({"probe": "rc_lazy_probe:load"})
    assert list(table) == ["probe"] and "probe" in table and len(table) == 1
    assert "rc_lazy_probe" not in sys.modules  # keys and membership import nothing
    assert table["probe"]("x", b"") == "loaded"  # type: ignore[operator]
    assert "rc_lazy_probe" in sys.modules
    with pytest.raises(KeyError):
        table["nothing"]
    with pytest.raises(ValueError):
        LazyTable({"bad": "no_colon"})

    monkeypatch.delitem(sys.modules, "rc_lazy_probe")
    module = lazy_module("rc_lazy_probe")
    assert "rc_lazy_probe" not in sys.modules
    assert module.VALUE == 42
    assert "rc_lazy_probe" in sys.modules


# pyproject.toml texts, each with whether it holds a [tool.refcheck] table (tomllib says so too)
PYPROJECTS = [
    ("[tool.refcheck]\nselect = ['year-mismatch']\n", True),
    ("[ tool . 'refcheck' ]\n", True),
    ('[tool."refcheck"]\n', True),
    ("[tool.refcheck.overrides]\nx = 1\n", True),
    ("[[tool.refcheck.list]]\nx = 1\n", True),
    ("[tool]\nrefcheck = { select = [] }\n", True),
    ("[tool]\nrefcheck.select = []\n", True),
    ('["tool"]\n"refcheck" = {}\n', True),
    ("tool.refcheck.select = []\n", True),
    ("tool = { refcheck = {} }\n", True),
    ('"tool".refcheck = {}\n', True),
    ('[tool."r\\u0065fcheck"]\n', True),
    ("\t[tool.refcheck]\r\nselect = []\r\n", True),
    ("[project]\nname = 'refcheck'\n[project.scripts]\nrefcheck = 'refcheck.cli:main'\n", False),
    ("[tool.ruff]\nline-length = 110\n[tool.ruff.refcheck]\nx = 1\n", False),
    ("[tool.refcheckx]\n", False),
    ("[tool]\nruff = {}\n", False),
    ("[tools.refcheck]\n", False),
    ("[[tool]]\nrefcheck = 1\n", False),
    ("[tool.ruff\n", False),  # not TOML (one that names refcheck is said: test_qa_break23.py)
    ("", False),
]


@pytest.mark.parametrize(("text", "holds"), PYPROJECTS)
def test_a_pyproject_is_parsed_only_when_it_may_hold_the_table(
    tmp_path: Path, text: str, holds: bool
) -> None:
    """The start-up shortcut for pyproject.toml agrees with tomllib: a file it skips has no table."""
    import tomllib

    from refcheck.config import _MAY_HOLD_TOOL_TABLE, _has_tool_table

    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        data = tomllib.loads(text)
        truth = isinstance(data.get("tool"), dict) and "refcheck" in data["tool"]
    except tomllib.TOMLDecodeError:
        truth = False
    assert truth == holds
    assert _has_tool_table(path) == holds
    if holds:
        assert _MAY_HOLD_TOOL_TABLE.search(text)


def test_a_pyproject_without_the_table_is_read_without_tomllib(tmp_path: Path) -> None:
    """Most Python projects' pyproject.toml ([tool.ruff], [tool.mypy] ...) say at a glance that they
    hold no refcheck table: checking a brief there does not import tomllib."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        "[project]\nname = 'refcheck-user'\n[tool.ruff]\nline-length = 100\n[[tool.mypy.overrides]]\nx = 1\n"
    )
    shutil.copy(SEED, project / "brief.txt")
    modules = imported(tmp_path, "check", *_offline_flags(), "brief.txt", cwd=project)
    assert "refcheck.loaders.text" in modules
    assert "tomllib" not in modules
    (project / "pyproject.toml").write_text("[tool.refcheck]\nfail-on = 'never'\n")
    assert "tomllib" in imported(tmp_path, "check", *_offline_flags(), "brief.txt", cwd=project)


def _fold_in_full(text: str) -> str:
    """names.fold without its ASCII shortcut."""
    import unicodedata

    for a, b in (("ß", "ss"), ("ø", "o"), ("Ø", "O"), ("æ", "ae"), ("Æ", "AE"), ("ł", "l"), ("Ł", "L")):
        text = text.replace(a, b)
    text = text.replace("đ", "d").replace("ı", "i")
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_folding_ascii_text_takes_a_shortcut_to_the_same_result(text: str) -> None:
    from refcheck.matching.names import fold

    assert fold(text) == _fold_in_full(text)


@pytest.mark.parametrize("text", ["Martínez-Díaz", "Straße", "Łukasz  Øberg", "ÆSOP", "ﬁnance", "O'Neill"])
def test_folding_other_text_is_unchanged(text: str) -> None:
    from refcheck.matching.names import fold

    assert fold(text) == _fold_in_full(text)
