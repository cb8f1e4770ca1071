"""callguide's compiled code kept in the build cache when Python writes no __pycache__ (callguide.bytecode)."""
from __future__ import annotations

import marshal
import os
import sys

from callguide import bytecode


def loader(tmp_path, source: str):
    path = tmp_path / "src" / "mod.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(source, encoding="utf-8")
    cls = type("Loader", (bytecode._Loader,), {"folder": tmp_path / "cache"})
    return path, cls("callguide.mod", str(path))


def value(code) -> int:
    space: dict = {}
    exec(code, space)
    return space["X"]


def test_the_code_is_kept_and_read_back_while_the_source_is_unchanged(tmp_path):
    path, load = loader(tmp_path, "X = 1\n")
    assert value(load.get_code("callguide.mod")) == 1
    kept = list((tmp_path / "cache").iterdir())
    assert len(kept) == 1 and not (path.parent / "__pycache__").exists()
    header = kept[0].read_bytes().split(b"\n", 1)[0] + b"\n"
    kept[0].write_bytes(header + marshal.dumps(compile("X = 9", str(path), "exec")))
    assert value(load.get_code("callguide.mod")) == 9  # read back, not compiled again


def test_an_edited_source_is_compiled_again(tmp_path):
    path, load = loader(tmp_path, "X = 1\n")
    load.get_code("callguide.mod")
    st = path.stat()
    path.write_text("X = 2\n", encoding="utf-8")  # same size: the modification time tells
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert value(load.get_code("callguide.mod")) == 2


def test_a_damaged_entry_is_compiled_again(tmp_path):
    _, load = loader(tmp_path, "X = 3\n")
    load.get_code("callguide.mod")
    (kept,) = (tmp_path / "cache").iterdir()
    kept.write_bytes(kept.read_bytes()[:-5])
    assert value(load.get_code("callguide.mod")) == 3


def test_an_unwritable_cache_compiles_as_before(tmp_path):
    _, load = loader(tmp_path, "X = 4\n")
    (tmp_path / "cache").write_text("a file, not a folder")
    assert value(load.get_code("callguide.mod")) == 4


def test_installed_only_when_python_keeps_no_bytecode_and_only_once(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if not isinstance(f, bytecode._Finder)])
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    bytecode.install(tmp_path / "src" / "callguide")
    assert not any(isinstance(f, bytecode._Finder) for f in sys.meta_path)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    bytecode.install(tmp_path / "site-packages" / "callguide")  # an installed copy: Python's own cache
    assert not any(isinstance(f, bytecode._Finder) for f in sys.meta_path)
    bytecode.install(tmp_path / "src" / "callguide")
    bytecode.install(tmp_path / "src" / "callguide")
    assert sum(isinstance(f, bytecode._Finder) for f in sys.meta_path) == 1
