"""Dataclass methods kept between runs of the CLI (refcheck/_code_cache.py, issue 11.2): a method
made from the file's code is the one ``dataclasses`` makes, behaves as it does, and a file that is
damaged, from another Python, or not to be written, only means compiling as usual."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SRC

_PROBE = """
import dataclasses, json, sys
from dataclasses import dataclass, field
from refcheck import _code_cache as cc
path, mode = sys.argv[1], sys.argv[2]
loaded = cc.load(path) if mode == "load" else 0
with cc.compiling():
    @dataclass(slots=True, order=True)
    class Cite:
        text: str
        start: int = 0
        authors: list = field(default_factory=list)
        year: "str | None" = None

    @dataclass(frozen=True)
    class Key:
        name: str
        parts: tuple = ()

    installed = dataclasses.exec is cc._exec
a, b = Cite("Smith 2004", 3, ["Smith"]), Cite("Jones 2001")
k = Key("x", (1,))
out = {
    "loaded": loaded,
    "installed": installed,
    "restored": "exec" not in vars(dataclasses),
    "new": cc._new[0],
    "used": len(cc._used),
    "behaviour": [repr(a), repr(b), a == Cite("Smith 2004", 3, ["Smith"]), a < b, b.authors, repr(k), hash(k) == hash(Key("x", (1,))), k == Key("x", (1,))],
}
try:
    k.name = "y"
except dataclasses.FrozenInstanceError:
    out["frozen"] = True
if mode == "save":
    out["saved"] = cc.save(path)
print(json.dumps(out))
"""


def _probe(path: Path, mode: str, **env: str) -> dict[str, object]:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ.update(PYTHONPATH=str(SRC), **env)
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path), mode],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    out: dict[str, object] = json.loads(proc.stdout)
    return out


def test_kept_methods_are_what_dataclasses_makes(tmp_path: Path) -> None:
    path = tmp_path / "dataclasses.marshal"
    saved = _probe(path, "save")
    assert saved["saved"] is True and saved["new"] is True and saved["installed"] and saved["restored"]
    loaded = _probe(path, "load")
    assert loaded["loaded"] == saved["used"]  # every method the first run compiled
    assert loaded["new"] is False  # each taken from the file: none compiled
    assert loaded["behaviour"] == saved["behaviour"] and loaded.get("frozen") is True
    plain = _probe(tmp_path / "absent.marshal", "load")  # nothing kept: compiled as usual
    assert plain["loaded"] == 0 and plain["new"] is True and plain["behaviour"] == saved["behaviour"]


def test_the_file_holds_what_exec_compiles(tmp_path: Path) -> None:
    path = tmp_path / "dataclasses.marshal"
    _probe(path, "save")
    _stamp, entries = marshal.loads(path.read_bytes()[4:])
    assert entries
    for text, code in entries.items():
        # (as exec compiles a text in dataclasses.py, which has no __future__ import; this
        # module has one, which compile() would otherwise inherit)
        assert code == compile(text, "<string>", "exec", dont_inherit=True)


def test_nothing_is_saved_without_bytecode(tmp_path: Path) -> None:
    path = tmp_path / "dataclasses.marshal"
    assert _probe(path, "save", PYTHONDONTWRITEBYTECODE="1")["saved"] is False
    assert not path.exists()


@pytest.mark.parametrize(
    "data",
    [
        b"not marshal",
        b"",
        marshal.dumps(((0, 0, 0), {})),  # another Python's
        marshal.dumps("a string"),
    ],
)
def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "dataclasses.marshal"
    path.write_bytes(data)
    out = _probe(path, "load")
    assert out["loaded"] == 0 and out["new"] is True


def test_a_file_of_other_values_is_ignored(tmp_path: Path) -> None:
    import zlib

    from refcheck import _code_cache

    path = tmp_path / "dataclasses.marshal"
    payload = marshal.dumps((_code_cache._stamp(), {"def f(): pass": "not code"}))
    path.write_bytes(zlib.crc32(payload).to_bytes(4, "little") + payload)  # (a sound file)
    out = _probe(path, "load")
    assert out["loaded"] == 0 and out["new"] is True


def test_compiling_leaves_dataclasses_as_it_was() -> None:
    from refcheck import _code_cache

    with _code_cache.compiling():
        assert dataclasses.exec is _code_cache._exec  # type: ignore[attr-defined]
        with _code_cache.compiling():  # (nested: the outer one's)
            pass
        assert dataclasses.exec is _code_cache._exec  # type: ignore[attr-defined]
    assert "exec" not in vars(dataclasses)
