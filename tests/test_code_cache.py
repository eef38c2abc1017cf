"""Code that dataclasses, namedtuple and typing compile at import, kept between runs of the CLI
(refcheck/_code_cache.py, issue 11.1): code taken from the file is the code compile makes, the
classes behave as they do without it, and a file that is damaged, from another Python, or not to be
written, or a module compiled otherwise, only means compiling as usual."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_python

# Defines classes of each kind after load (argv[1]: the file), then again with the built-ins
# (hooks taken out): the code must be equal, and the classes behave the same. Prints what was
# loaded, how many code objects this process compiled, whether all was the same, and save().
_PROBE = """
import builtins, collections, dataclasses, json, sys, typing
from refcheck import _code_cache as cc
loaded = cc.load(sys.argv[1])

def make(tag):
    @dataclasses.dataclass(frozen=True, order=True)
    class Point:
        x: int
        y: "tuple[int, ...]" = ()
        label: str = "\\u2013 p"

    @dataclasses.dataclass
    class Box:
        items: dict = dataclasses.field(default_factory=dict)
        def __post_init__(self):
            self.items.setdefault("k", 1)

    Pair = collections.namedtuple("Pair", "left right", defaults=[0])
    ref = typing.ForwardRef("dict[str, Point]")
    return Point, Box, Pair, ref

hooked = make("file")
made = len(cc._made)
for name in ("dataclasses", "collections", "typing"):
    for attr in ("exec", "eval", "compile"):
        vars(sys.modules[name]).pop(attr, None)
plain = make("plain")
methods = ("__init__", "__repr__", "__eq__", "__lt__", "__hash__", "__setattr__", "__delattr__")
same = all(
    getattr(a, m).__code__ == getattr(b, m).__code__
    for a, b in zip(hooked[:2], plain[:2]) for m in methods if m in vars(a) and hasattr(getattr(a, m), "__code__")
)
same = same and hooked[2].__new__.__code__ == plain[2].__new__.__code__
same = same and hooked[3].__forward_code__ == plain[3].__forward_code__
p, q = hooked[0](1, (2,)), plain[0](1, (2,))
same = same and repr(p) == repr(q) and p < hooked[0](2) and hash(p) == hash(hooked[0](1, (2,)))
same = same and hooked[1]().items == {"k": 1} and hooked[2](1) == (1, 0)
try:
    p.x = 3
    same = False
except dataclasses.FrozenInstanceError:
    pass
print(json.dumps([loaded, made, same, cc.save(sys.argv[1])]))
"""


def _probe(path: Path, prelude: str = "", **env: str) -> Any:
    return run_python(prelude + _PROBE, str(path), env=env)


def test_a_second_start_compiles_none_of_the_methods(tmp_path: Path) -> None:
    # @dataclass's and namedtuple's methods were parsed and compiled at every start (about 7 ms of
    # the CLI's start, more than any module it imports)
    path = tmp_path / "code.marshal"
    loaded, made, same, saved = _probe(path)
    assert (loaded, same, saved) == (0, True, True) and made >= 4
    loaded, made, same, saved = _probe(path)
    assert loaded >= 4 and made == 0  # every one from the file (3.13 writes one text per class)
    assert same is True and saved is False  # nothing new: not rewritten


def test_nothing_is_saved_without_bytecode(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    assert _probe(path, PYTHONDONTWRITEBYTECODE="1")[2:] == [True, False]
    assert not path.exists()


@pytest.mark.parametrize("damage", ["flip", "stamp", "empty"])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "code.marshal"
    _probe(path)
    data = path.read_bytes()
    if damage == "flip":  # still marshal data, and a code object: the CRC-32 tells
        data = data[:-40] + bytes([data[-40] ^ 1]) + data[-39:]
    elif damage == "stamp":  # another Python's, with its CRC-32
        import marshal
        import zlib

        from refcheck import _code_cache

        header = marshal.dumps(_code_cache._stamp(), 2)
        assert data[4 : 4 + len(header)] == header
        payload = marshal.dumps((0, 0), 2) + data[4 + len(header) :]
        data = zlib.crc32(payload).to_bytes(4, "little") + payload
    else:
        data = b""
    path.write_bytes(data)
    loaded, made, same, _ = _probe(path)
    assert loaded == 0 and made >= 4 and same is True  # compiled as usual


_HOOKED = """
import builtins, dataclasses, json, sys
from refcheck import _code_cache as cc
cc.load(sys.argv[1])
print(json.dumps([vars(m).get(n) is h for m, n, h in
    [(dataclasses, "exec", cc._exec), (sys.modules["collections"], "eval", cc._eval)]]))
"""


@pytest.mark.parametrize(
    ("flags", "prelude", "hooked"),
    [
        ([], "", [True, True]),
        ([], "import dataclasses\ndataclasses.exec = lambda *a: exec(*a)\n", [False, True]),  # its own
        (["-O"], "", [False, False]),  # compile would strip asserts: compiled as usual
    ],
)
def test_a_module_compiling_otherwise_is_left_alone(
    tmp_path: Path, flags: list[str], prelude: str, hooked: list[bool]
) -> None:
    assert run_python(prelude + _HOOKED, str(tmp_path / "code.marshal"), flags=flags) == hooked


def test_a_module_with_future_flags_is_not_hooked() -> None:
    # exec and eval of a str inherit the calling module's __future__ flags: its code would differ
    from types import ModuleType

    from refcheck import _code_cache

    module = ModuleType("probe_future")
    exec(compile("from __future__ import annotations\ndef f(): pass\n", "probe", "exec"), vars(module))
    assert _code_cache._install(module, (("exec", _code_cache._exec),)) is False
    assert "exec" not in vars(module)
    plain = ModuleType("probe_plain")
    exec(compile("def f(): pass\n", "probe", "exec", dont_inherit=True), vars(plain))
    assert _code_cache._install(plain, (("exec", _code_cache._exec),)) is True
    assert vars(plain)["exec"] is _code_cache._exec


# Defines argv[2] dataclasses with fields of their own (one text each) after load; prints how many
# code objects the file held, how many of them were read, how many were compiled, and save().
_MANY = """
import dataclasses, json, sys
from refcheck import _code_cache as cc
held = cc.load(sys.argv[1])
for i in range(int(sys.argv[2])):
    dataclasses.make_dataclass(f"C{i}", [(f"field_{i}", int)], eq=False, repr=False)
print(json.dumps([held, len(cc._loaded), len(cc._made), cc.save(sys.argv[1])]))
"""


def test_only_the_code_a_run_uses_is_read(tmp_path: Path) -> None:
    # the file holds every command's code (a DOCX check's, the links stage's...): a run reads only
    # the entries whose text comes up, not the whole file at each start
    path = tmp_path / "code.marshal"

    def run(count: int) -> Any:
        return run_python(_MANY, str(path), str(count))

    assert run(60)[2:] == [60, True]
    held, read, made, saved = run(2)
    assert held >= 60 and (read, made, saved) == (2, 0, False)
