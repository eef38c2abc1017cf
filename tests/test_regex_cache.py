"""Compiled regular expressions kept between runs of the CLI (refcheck/_regex_cache.py, issue 11.1):
an expression taken from the file is the one ``re`` compiles, matches as it does, and a file that
is damaged, from another Python, or not to be written, only means compiling as usual."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, SRC

# (pattern, flags, a text to search): what refcheck's expressions use (classes above U+00FF in many
# runs, case-blind classes, lookbehind, named groups, verbose, multi-line), and a bytes pattern
SAMPLES = [
    (r"[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u042F]\w+", 0, "la Ωmega Ärger"),
    (r"(?<![\d/.\-])((?:1[5-9]\d\d|20\d\d)[a-z]?)(?![\d/])", 0, "in 2004a, not 12004"),
    (r"(?P<etal>\bet\.?\s*al\b\.?)|(?P<word>[^\s,;&]+)", 2, "Smith ET AL. 2004"),
    (r"\d\d[-\u2010-\u2015\u2212]\d\d", 2, "pp. 12\u201314"),
    ("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]", 0, "a\x07b\u2028"),
    (r"^ \#+ \s* (?P<title>.+) $", 8 | 64, "text\n## Heading\nmore"),
    (r"(?i:in\s+press)|[a-z]+", 0, "IN PRESS ſtraße"),
    (rb"<title\b[^<>]*>", 2, b"<TITLE lang=en>"),
]

_PROBE = """
import json, re, sys
from refcheck import _regex_cache as rc
path, mode = sys.argv[1], sys.argv[2]
samples = {samples!r}
if mode == "save":
    for p, f, _ in samples:
        re.compile(p, f)
    print(json.dumps(rc.save(path)))
else:
    loaded = rc.load(path)
    out = []
    for p, f, text in samples:
        key = (type(p), p, f)
        was = key in re._cache
        got = re.compile(p, f)
        fresh = re._compiler.compile(p, f)
        same = got == fresh and [m.span() for m in got.finditer(text)] == [m.span() for m in fresh.finditer(text)]
        out.append([was, same])
    print(json.dumps([loaded, out]))
"""


def _probe(path: Path, mode: str, **env: str) -> object:
    import json

    code = _PROBE.format(samples=SAMPLES)
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ.update(PYTHONPATH=str(SRC), **env)
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path), mode], capture_output=True, text=True, env=environ, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_saved_expressions_are_what_re_compiles(tmp_path: Path) -> None:
    path = tmp_path / "regex.marshal"
    assert _probe(path, "save") is True
    loaded, results = _probe(path, "load")  # type: ignore[misc]
    assert loaded >= len(SAMPLES)
    assert results == [[True, True]] * len(SAMPLES)  # each taken from the file, each the same


def test_nothing_is_saved_without_bytecode(tmp_path: Path) -> None:
    path = tmp_path / "regex.marshal"
    assert _probe(path, "save", PYTHONDONTWRITEBYTECODE="1") is False
    assert not path.exists()


@pytest.mark.parametrize(
    "data",
    [
        b"not marshal",
        b"",
        marshal.dumps(((0, 0, 0, 0), [])),  # another Python's
        marshal.dumps("a string"),
    ],
)
def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "regex.marshal"
    path.write_bytes(data)
    loaded, results = _probe(path, "load")  # type: ignore[misc]
    assert loaded == 0
    assert results == [[False, True]] * len(SAMPLES)  # compiled as usual


def test_a_file_damaged_inside_an_expression_is_ignored(tmp_path: Path) -> None:
    # one wrong integer in an expression's code still reads as marshal data and compiles: without
    # the file's checksum it would be used (QA found a seed check then gave a false finding)
    path = tmp_path / "regex.marshal"
    assert _probe(path, "save") is True
    data = path.read_bytes()
    stamp, entries = marshal.loads(data[4:])
    pattern, flags, flags2, code, *rest = entries[0]
    code = [*code[:-2], code[-2] ^ 1, code[-1]]
    path.write_bytes(data[:4] + marshal.dumps((stamp, [(pattern, flags, flags2, code, *rest), *entries[1:]])))
    loaded, results = _probe(path, "load")  # type: ignore[misc]
    assert loaded == 0
    assert results == [[False, True]] * len(SAMPLES)  # compiled as usual


def test_the_cli_keeps_its_expressions_and_reports_the_same(tmp_path: Path) -> None:
    """The first run writes the file beside the package's bytecode, the next one reads it; the
    report is the same; with PYTHONDONTWRITEBYTECODE nothing is written."""
    copy = tmp_path / "src"
    shutil.copytree(SRC / "refcheck", copy / "refcheck", ignore=shutil.ignore_patterns("__pycache__"))
    cache = copy / "refcheck" / "__pycache__" / f"regex.{sys.implementation.cache_tag}.marshal"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "REFCHECK_DEBUG")}
    env.update(PYTHONPATH=str(copy), NO_COLOR="1")
    cmd = [sys.executable, "-m", "refcheck", "check", "--no-links", str(SEED)]

    def run(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            cmd, capture_output=True, text=True, env={**env, **extra}, cwd=ROOT, timeout=120
        )

    first = run(PYTHONDONTWRITEBYTECODE="1")
    assert not cache.exists()
    second = run()
    assert cache.exists()
    written = cache.stat().st_mtime_ns
    third = run()
    assert cache.stat().st_mtime_ns == written  # nothing new compiled: not rewritten
    assert first.returncode == second.returncode == third.returncode == 1
    assert first.stdout == second.stdout == third.stdout and "Hyde 2002" in first.stdout
