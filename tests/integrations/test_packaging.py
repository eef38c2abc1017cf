from __future__ import annotations

import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]


def test_action_is_composite_with_inputs() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"paths", "format", "fail-on", "args", "upload-sarif"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    install = next(s for s in steps if s.get("name") == "Install refcheck")
    assert "github.action_path" in install["run"]
    run = next(s for s in steps if s.get("id") == "check")["run"]
    assert "refcheck check --format" in run and "--format sarif --output refcheck.sarif" in run
    # every shell step declares its shell (required in composite actions)
    assert all("shell" in s for s in steps if "run" in s)


def test_action_formats_exist() -> None:
    from refcheck.reporters import REPORTERS

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["inputs"]["format"]["default"] in REPORTERS
    for name in ("github", "sarif", "markdown", "junit", "html", "json", "text"):
        assert name in REPORTERS


def test_pre_commit_hook_covers_supported_types() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "refcheck")
    assert hook["entry"].startswith("refcheck check")
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    for name in ("a.txt", "b.md", "c.html", "d.tex", "e.bib", "f.docx", "g.xml", "dir/h.markdown"):
        assert pattern.search(name), name
    for name in ("a.py", "b.png", "mdx.json"):
        assert not pattern.search(name), name
    # every suffix refcheck reads, in both hooks (.ltx and .nxml were left out)
    from refcheck.loaders import SUFFIXES

    for h in hooks:
        missing = [s for s in sorted(SUFFIXES) if not re.compile(h["files"]).search("x" + s)]
        assert not missing, (h["id"], missing)


# --- install instructions, snippets and the release workflow ------------------------------------

DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
THIS_PROJECT = re.compile(
    r"""pip install (?:-e )?(?:['"]?\.(?:\[[a-z,]+\])?['"]?|git\+https://github\.com/refcheck/refcheck\S*"""
    # with extras, the PEP 508 direct reference: 'refcheck-citations[web] @ git+https://...'
    r"""|['"]refcheck-citations(?:\[[a-z,]+\])? @ git\+https://github\.com/refcheck/refcheck[^'"\s]*['"])(?:\s|$|`)"""
)


def _pip_installs() -> list[tuple[str, str]]:
    out = []
    for path in DOCS:
        for m in re.finditer(r"pip install[^\n`]*", path.read_text(encoding="utf-8")):
            out.append((path.name, m.group(0)))
    return out


def test_every_install_command_installs_this_project() -> None:
    installs = _pip_installs()
    assert len(installs) >= 4, installs
    for where, command in installs:
        if "--quiet" in command or ("pytest" in command and "-e" not in command):
            continue
        assert THIS_PROJECT.match(command + " "), f"{where}: {command!r} does not install this project"
        assert not re.search(r"pip install refcheck(\s|$)", command), f"{where}: {command!r}"


def test_readme_names_the_distribution() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`refcheck-citations`" in readme
    assert 'name = "refcheck-citations"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def _tags() -> set[str]:
    import subprocess

    proc = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True, check=False)
    return set(proc.stdout.split()) if proc.returncode == 0 else set()


def test_snippets_name_a_revision_that_exists() -> None:
    tags = _tags()
    revs: list[tuple[str, str]] = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        revs += [(path.name, r) for r in re.findall(r"^\s*rev:\s*(\S+(?: sha>)?)", text, re.M)]
        revs += [(path.name, r) for r in re.findall(r"uses:\s*refcheck/refcheck@(\S+(?: sha>)?)", text)]
    assert len(revs) >= 4, revs
    for where, rev in revs:
        ok = rev == "<commit sha>" or re.fullmatch(r"[0-9a-f]{40}", rev) or rev in tags
        assert ok, f"{where}: revision {rev!r} does not exist (no such tag; use <commit sha> or a tag)"


def _workflow(name: str) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data["on"] = data.get("on", data.pop(True, None))  # YAML 1.1 reads a bare `on` as true
    return data


def test_release_workflow_tags_and_builds_sdist_and_wheel() -> None:
    wf = _workflow("release.yml")
    assert "workflow_dispatch" in wf["on"] and "version" in wf["on"]["workflow_dispatch"]["inputs"]
    build = wf["jobs"]["build"]
    assert build["permissions"]["contents"] == "write"
    runs = "\n".join(s.get("run", "") for s in build["steps"])
    assert "python -m build" in runs and "python -m pytest" in runs
    assert 'git tag -a "v$VERSION"' in runs and 'git push origin "v$VERSION"' in runs
    assert "gh release create" in runs and "dist/*" in runs
    # the input reaches the shell through the environment, never pasted into the script
    assert "${{ inputs" not in runs
    uses = [s.get("uses", "") for job in wf["jobs"].values() for s in job["steps"]]
    assert all("@" in u for u in uses if u)


def test_ci_workflow_parses() -> None:
    wf = _workflow("ci.yml")
    assert "push" in wf["on"] and "test" in wf["jobs"]


def test_pre_commit_hook_applies_extend_exclude() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert all("--force-exclude" in h["entry"] for h in hooks)


def test_the_default_pre_commit_hook_uses_no_network() -> None:
    """A hook runs at every commit and has to feel instant: no link checks and no registry lookups
    (verification is on by default in ``refcheck check``; the docs call this hook network-free)."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    entry = next(h for h in hooks if h["id"] == "refcheck")["entry"].split()
    assert "--offline" in entry or {"--no-links", "--no-verify"} <= set(entry)


def test_python_m_build_metadata_names_refcheck_citations(tmp_path: Path) -> None:
    """``python -m build`` (without network: --no-isolation) makes an sdist and a wheel of
    refcheck-citations whose command is refcheck."""
    import shutil
    import subprocess
    import sys
    import tarfile
    import zipfile

    pytest.importorskip("build")
    pytest.importorskip("setuptools")
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns(
        ".git", ".venv*", "*.egg-info", "__pycache__", "build", "dist", ".*_cache"
    )
    shutil.copytree(ROOT, src, ignore=ignore)
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(src)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    wheels = list((tmp_path / "dist").glob("*.whl"))
    sdists = list((tmp_path / "dist").glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1
    assert wheels[0].name.startswith("refcheck_citations-") and sdists[0].name.startswith(
        "refcheck_citations-"
    )
    with zipfile.ZipFile(wheels[0]) as zf:
        names = zf.namelist()
        meta = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        entry = zf.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "\nName: refcheck-citations\n" in meta
    assert "refcheck = refcheck.cli:run" in entry
    assert "refcheck/cli.py" in names and "refcheck/rules/empty_document.py" in names
    with tarfile.open(sdists[0]) as tf:
        pkg_info = next(m for m in tf.getmembers() if m.name.count("/") == 1 and m.name.endswith("PKG-INFO"))
        handle = tf.extractfile(pkg_info)
        assert handle is not None
        assert "\nName: refcheck-citations\n" in handle.read().decode()


def test_the_readme_test_command_installs_what_the_tests_need() -> None:
    """The README's second set-up command installs the test extra: it must bring the web extra, or
    the web and browser tests skip for everyone who follows the README (7 of them did)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    test_extra = project["optional-dependencies"]["test"]
    assert any(re.fullmatch(r"refcheck-citations\[([\w,]+)\]", d) and "web" in d for d in test_extra), (
        test_extra
    )
