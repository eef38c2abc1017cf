"""Compiled regular expressions kept between runs of the CLI (refcheck/_regex_cache.py, issue 11.1):
an expression taken from the file is the one ``re`` compiles, matches as it does, only those a run
uses are built, and a file that is damaged, from another Python, or not to be written, only means
compiling as usual."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from refcheck import _regex_cache
from tests.conftest import ROOT, SEED, SRC, run_python

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

# "was": re.compile took it from the file (re's compiler was not called for it)
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
    compiler, compiled = re._compiler.compile, []
    re._compiler.compile = lambda *a: compiled.append(a) or compiler(*a)
    out = []
    for p, f, text in samples:
        got = re.compile(p, f)
        was = not compiled
        fresh = compiler(p, f)
        compiled.clear()
        same = got == fresh and [m.span() for m in got.finditer(text)] == [m.span() for m in fresh.finditer(text)]
        out.append([was, same])
    print(json.dumps([loaded, out]))
"""


def _probe(path: Path, mode: str, prelude: str = "", **env: str) -> Any:
    return run_python(prelude + _PROBE.format(samples=SAMPLES), str(path), mode, env=env)


def test_saved_expressions_are_what_re_compiles(tmp_path: Path) -> None:
    path = tmp_path / "regex.marshal"
    assert _probe(path, "save") is True
    loaded, results = _probe(path, "load")
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
        b"\0\0\0\0" + marshal.dumps((0, 0, 0, 0, 0), 2) + marshal.dumps([]),
        marshal.dumps("a string"),
    ],
)
def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "regex.marshal"
    path.write_bytes(data)
    loaded, results = _probe(path, "load")
    assert loaded == 0
    assert results == [[False, True]] * len(SAMPLES)  # compiled as usual


def test_a_file_damaged_inside_an_expression_is_ignored(tmp_path: Path) -> None:
    # one wrong integer in an expression's code still reads as marshal data and compiles: without
    # the file's checksum it would be used (QA found a seed check then gave a false finding)
    path = tmp_path / "regex.marshal"
    assert _probe(path, "save") is True
    data = path.read_bytes()
    header = marshal.dumps(_regex_cache._stamp(), 2)  # the CRC-32, this stamp, the entries
    assert data[4 : 4 + len(header)] == header
    entries = marshal.loads(data[4 + len(header) :])
    pattern, flags, flags2, code, *rest = entries[0]
    code = code[:-8] + bytes([code[-8] ^ 1]) + code[-7:]
    path.write_bytes(
        data[: 4 + len(header)] + marshal.dumps([(pattern, flags, flags2, code, *rest), *entries[1:]])
    )
    loaded, results = _probe(path, "load")
    assert loaded == 0
    assert results == [[False, True]] * len(SAMPLES)  # compiled as usual


def test_the_cli_keeps_its_expressions_and_reports_the_same(tmp_path: Path) -> None:
    """The first run writes the file beside the package's bytecode, the next one reads it; the
    report is the same; with PYTHONDONTWRITEBYTECODE nothing is written."""
    copy = tmp_path / "src"
    shutil.copytree(SRC / "refcheck", copy / "refcheck", ignore=shutil.ignore_patterns("__pycache__"))
    cache = copy / "refcheck" / "__pycache__" / f"regex.{sys.implementation.cache_tag}.marshal"
    code = cache.with_name(f"code.{sys.implementation.cache_tag}.marshal")  # _code_cache.py's
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "REFCHECK_DEBUG")}
    env.update(PYTHONPATH=str(copy), NO_COLOR="1")
    cmd = [sys.executable, "-m", "refcheck", "check", "--no-links", str(SEED)]

    def run(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            cmd, capture_output=True, text=True, env={**env, **extra}, cwd=ROOT, timeout=120
        )

    first = run(PYTHONDONTWRITEBYTECODE="1")
    assert not cache.exists() and not code.exists()
    second = run()
    assert cache.exists() and code.exists()
    written = cache.stat().st_mtime_ns, code.stat().st_mtime_ns
    third = run()
    assert (cache.stat().st_mtime_ns, code.stat().st_mtime_ns) == written  # nothing new: not rewritten
    assert first.returncode == second.returncode == third.returncode == 1
    assert first.stdout == second.stdout == third.stdout and "Hyde 2002" in first.stdout


# Counts what the engine and re's compiler are asked for while the saved expressions are loaded
# and then while ``patterns`` (argv[2], JSON) are compiled; re.compile's result must be the fresh one.
_COUNT = """
import _sre, json, re, sys
from refcheck import _regex_cache as rc
path, patterns = sys.argv[1], json.loads(sys.argv[2])
engine, compiler, calls = _sre.compile, re._compiler.compile, {"engine": 0, "compiler": 0}
def counted(name, fn):
    def call(*args):
        calls[name] += 1
        return fn(*args)
    return call
_sre.compile, re._compiler.compile = counted("engine", engine), counted("compiler", compiler)
loaded = rc.load(path)
at_load = dict(calls)
same = all(re.compile(p) == compiler(p, 0) for p in patterns)
calls["engine"] -= len(patterns)  # the fresh ones just made (by the compiler not counted)
print(json.dumps([loaded, at_load, calls, same, rc.save(path)]))
"""


def _count(path: Path, patterns: list[str]) -> Any:
    return run_python(_COUNT, str(path), json.dumps(patterns))


def _unrelated(first: int, count: int) -> list[str]:
    """Distinct patterns, each with a class above U+00FF in many runs (costly to compile)."""
    return [
        rf"(?P<w{i}>[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF]{{{i}}})\s+no{i}"
        for i in range(first, first + count)
    ]


def test_only_the_expressions_a_run_uses_are_built(tmp_path: Path) -> None:
    # a file grown by every command (DOCX, HTML, JATS, links...) made each start build all of its
    # expressions, about 3 ms, for the few a plain-text check uses
    path = tmp_path / "regex.marshal"
    many = _unrelated(1, 300)
    assert _count(path, many)[-1] is True  # compiled afresh and saved
    loaded, at_load, calls, same, saved = _count(path, many[:2])
    assert loaded >= 300
    assert at_load == {"engine": 0, "compiler": 0}  # nothing built at load
    assert calls == {"engine": 2, "compiler": 0}  # the two used, from the file
    assert same is True and saved is False  # nothing new: not rewritten


def test_a_rewritten_file_keeps_what_the_run_did_not_use(tmp_path: Path) -> None:
    # a run that compiles something new rewrites the file with its own expressions and then those
    # of other runs, beyond re's own cache of 512 (those were lost when a run's compiles pushed the
    # loaded ones out of re's cache before it was saved)
    path = tmp_path / "regex.marshal"
    first, second = _unrelated(1, 400), _unrelated(401, 400)
    assert _count(path, first)[-1] is True
    assert _count(path, second)[-1] is True
    loaded, _, calls, same, saved = _count(path, first + second)
    assert loaded >= 800  # and the few the standard library compiles at import
    assert calls == {"engine": 800, "compiler": 0}  # every one from the file
    assert same is True and saved is False


@pytest.mark.parametrize(
    "change",
    [
        "re._MAXCACHE = 512.0",  # not the int it is in 3.11-3.13
        # no re._cache (a re that keeps compiled expressions otherwise, or not)
        "re._compile = lambda p, f: re._compiler.compile(p, f)\ndel re._cache",
    ],
)
def test_another_re_only_means_compiling_as_usual(tmp_path: Path, change: str) -> None:
    # re's internals as another Python might have them: nothing is taken from the file, and every
    # expression compiles and matches as re makes it
    path = tmp_path / "regex.marshal"
    assert _probe(path, "save") is True
    assert _probe(path, "load", f"import re\n{change}\n") == [0, [[False, True]] * len(SAMPLES)]
