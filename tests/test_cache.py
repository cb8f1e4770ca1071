"""The cache layer (callguide.cache): verified entries, the one atomic write, pruning, and the render memo's moment."""
from __future__ import annotations

import logging
import os
import pickle

import pytest

from callguide import cache
from callguide.cache import Store, clock_read, memoised


class Owner:
    """Something renderings are kept for (weakly referenced, as Facts are)."""


def test_an_entry_reads_back_only_as_written(tmp_path, caplog):
    store = Store(tmp_path)
    assert store.write("a.bin", b"payload")
    assert store.read("a.bin") == b"payload"
    raw = (tmp_path / "a.bin").read_bytes()
    for damaged in (raw[: len(raw) // 2], raw[:10], b"", os.urandom(len(raw)), raw[:-1] + b"x"):
        (tmp_path / "a.bin").write_bytes(damaged)
        with caplog.at_level(logging.INFO, logger="mkdocs.callguide.cache"):
            caplog.clear()
            assert store.read("a.bin") is None
        assert [r.levelno for r in caplog.records] == [logging.INFO], "a damaged entry is said once, at INFO"
    assert store.read("absent.bin") is None
    assert Store(None).read("a.bin") is None and not Store(None).write("a.bin", b"x")


def test_a_pickle_is_loaded_only_after_its_hash_is_checked(tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.dump("x.pickle", {"a": 1})
    assert store.load("x.pickle") == {"a": 1}
    raw = bytearray((tmp_path / "x.pickle").read_bytes())
    raw[-2] ^= 1
    (tmp_path / "x.pickle").write_bytes(bytes(raw))
    monkeypatch.setattr(pickle, "loads", lambda *a: pytest.fail("unverified bytes unpickled"))
    assert store.load("x.pickle") is None


def test_a_write_that_fails_is_a_miss_said_once(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(cache.FAULT_ENV, "ENOSPC")
    monkeypatch.setattr(cache, "_SAID", set())
    store = Store(tmp_path / "kind")
    with caplog.at_level(logging.INFO, logger="mkdocs.callguide.cache"):
        assert not store.write("a.bin", b"x")
        assert not store.write("b.bin", b"y")
    assert len(caplog.records) == 1 and caplog.records[0].levelno == logging.INFO
    assert "No space left" in caplog.records[0].getMessage()
    assert not any((tmp_path / "kind").iterdir()), "no entry and no temporary file left"


def test_each_kind_keeps_its_most_recently_used_entries(tmp_path):
    for i in range(6):
        Store(tmp_path).write(f"e-{i}", b"x")
        os.utime(tmp_path / f"e-{i}", (1000 + i, 1000 + i))
    store = Store(tmp_path, keep=3, patterns=("e-*",))
    store.read("e-0")  # used now: kept
    store.write("e-6", b"x")
    assert sorted(p.name for p in tmp_path.glob("e-*")) == ["e-0", "e-5", "e-6"]


def test_a_rendering_that_reuses_one_that_read_the_clock_is_keyed_by_the_moment():
    """Block in block: the inner rendering is a memo hit the second time, and still marks the outer one."""
    owner, now = Owner(), {"moment": "open"}
    made: list[str] = []

    def inner() -> str:
        return memoised(owner, ("inner",), lambda: now["moment"], lambda: (clock_read(), now["moment"])[1])

    def outer(name: str) -> str:
        return memoised(owner, (name,), lambda: now["moment"], lambda: (made.append(name), f"{name}:{inner()}")[1])

    assert outer("first") == "first:open"
    assert outer("second") == "second:open"  # inner was a memo hit here
    now["moment"] = "closed"
    assert outer("first") == "first:closed"
    assert outer("second") == "second:closed", "a rendering kept as timeless although what it includes read the clock"
    assert made == ["first", "second", "first", "second"]
    assert memoised(owner, ("timeless",), lambda: now["moment"], lambda: "same") == "same"
    now["moment"] = "upcoming"
    assert memoised(owner, ("timeless",), lambda: now["moment"], lambda: pytest.fail("made again")) == "same"
