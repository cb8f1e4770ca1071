"""The build's caches as one layer: where they live, how an entry is keyed, written, read back and pruned.

Everything here exists for speed only; a build with every cache empty, damaged or unwritable
makes the same site. So the rules are the same for every kind of entry (the checked data and its
renderings, PDFs and their notes, gzip, calendars, search cuts, compiled templates (through Jinja's
adapter, callguide.cache_jinja), archived years):

- one root, ``CALLGUIDE_CACHE_DIR`` or ``.cache/`` beside mkdocs.yml (``use_root``), a folder per kind;
- one key (``key``: a content hash of the inputs and of the code that makes the entry);
- one write (``atomic_write``): a temporary file unique to the process and thread, in the same
  folder, renamed over the target, so a reader never sees half a file;
- each entry carries the hash of its bytes (``Store.write``), checked at every read (``Store.read``):
  a damaged, empty or unreadable entry is a miss, said in one line at INFO level (a WARNING would
  fail ``mkdocs build --strict``), and rebuilt; pickles are unpickled only after that check;
- a cache that cannot be written (read-only, disk full) means building without it, said once;
- each kind keeps a bounded number of entries (``Store.prune``).

The render memo is here too (``memoised``): renderings kept per loaded facts, and the moment a
rendering depends on found by tracking, at any depth, whether the clock was read (``clock_read``).
"""
from __future__ import annotations

import contextvars
import errno
import functools
import hashlib
import logging
import os
import pickle
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from . import cache_share

log = logging.getLogger("mkdocs.callguide.cache")
T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parent
CODE_SUFFIXES = {".py", ".html", ".css", ".js"}
# Test-only seam: every cache write fails with this errno name (e.g. ENOSPC), as on a full disk.
FAULT_ENV = "CALLGUIDE_CACHE_FAULT"

# --- the root --------------------------------------------------------------------------

_ROOT: dict[str, Path | None] = {"path": None}


def use_root(project: Path) -> Path:
    """The caches' root for a project (``CALLGUIDE_CACHE_DIR``, else ``project/.cache``), remembered
    for the caches of code that is not told a folder (the blocks' compiled templates)."""
    root = Path(os.environ.get("CALLGUIDE_CACHE_DIR") or Path(project) / ".cache")
    _ROOT["path"] = root
    return root


def root() -> Path | None:
    """The caches' root set by ``use_root``, else ``CALLGUIDE_CACHE_DIR``, else None (no caching)."""
    env = os.environ.get("CALLGUIDE_CACHE_DIR")
    return _ROOT["path"] or (Path(env) if env else None)


# --- keys --------------------------------------------------------------------------------


def content_hash(*parts: bytes | str) -> str:
    """The one content hash (SHA-256, hex) of the caches: of the parts in order, each kept apart."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def code_fingerprint(*libraries: str) -> str:
    """A hash of every source file of callguide and of the given libraries' versions: a cached
    entry is reused only when nothing that made it changed (an upgrade makes it again)."""
    # Imported here, not at the top: the archived years' placing process (archive_place) imports this module and never asks.
    from importlib.metadata import version

    return content_hash(*_package_sources(), *(f"{name}=={version(name)}" for name in libraries))


@functools.cache
def _package_sources() -> tuple[bytes | str, ...]:
    """Each source file's name and bytes, read once per process (three caches ask, with different libraries)."""
    parts: list[bytes | str] = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
            parts += [path.relative_to(PACKAGE).as_posix(), path.read_bytes()]
    return tuple(parts)


def key(*parts: bytes | str, libraries: tuple[str, ...] = ()) -> str:
    """A short key for an entry made from these inputs by the current code (and these libraries)."""
    return content_hash(code_fingerprint(*libraries), *parts)[:32]


# --- writing -----------------------------------------------------------------------------


def _fault() -> None:
    name = os.environ.get(FAULT_ENV)
    if name:
        code = getattr(errno, name, errno.EIO)
        raise OSError(code, os.strerror(code))


def atomic_write(target: Path, data: bytes, seam: bool = False) -> None:
    """Write ``target`` whole or not at all: a temporary file of this process and thread in the
    same folder, renamed over it (a file hard-linked elsewhere is replaced, never written through).
    ``seam``: a cache write, which the test-only ``CALLGUIDE_CACHE_FAULT`` makes fail midway."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(partial, "wb") as out:
            out.write(data[: len(data) // 2] if seam and os.environ.get(FAULT_ENV) else data)
            if seam:
                _fault()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


_SAID: set[str] = set()


def _say_once(topic: str, message: str) -> None:
    if topic not in _SAID:
        _SAID.add(topic)
        log.info(message)


def writable(folder: Path) -> bool:
    """True when entries can be written in ``folder`` (made if need be); otherwise said once at INFO,
    for work that needs a folder of its own rather than single entries (an archived year's build)."""
    probe = folder / f".probe-{os.getpid()}-{threading.get_ident()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(probe, b"", seam=True)
        probe.unlink(missing_ok=True)
    except OSError as exc:
        _say_once("write", f"cache folder {folder} cannot be written ({exc.strerror or exc}); this build goes on without keeping what it makes")
        return False
    return True


# --- entries ------------------------------------------------------------------------------

MAGIC = b"callguide-cache 1\n"
_HEAD = len(MAGIC) + 32  # the magic line, then the SHA-256 of the payload


class Store:
    """One kind of cache entry, in its folder (None: no caching at all, every read a miss).

    Each entry is its payload behind a header holding the payload's hash; ``read`` returns the
    payload only when the hash matches, so no damaged or half-written entry reaches the site.
    """

    def __init__(self, folder: Path | None, keep: int = 8, patterns: tuple[str, ...] = ()):
        """``patterns``: the names of this kind's entries (globs), each kept to ``keep`` entries
        after every write (no pruning without them)."""
        self.folder = Path(folder) if folder is not None else None
        self.keep = keep
        self.patterns = patterns

    def path(self, name: str) -> Path | None:
        return self.folder / name if self.folder is not None else None

    def read(self, name: str) -> bytes | None:
        """The entry's payload, or None when it is absent, unreadable or damaged (then said at INFO)."""
        path = self.path(name)
        if path is None:
            return None
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.info("cache entry %s unreadable (%s); made again", path, exc.strerror or exc)
            return None
        payload = raw[_HEAD:]
        if raw[: len(MAGIC)] != MAGIC or hashlib.sha256(payload).digest() != raw[len(MAGIC) : _HEAD]:
            log.info("cache entry %s damaged (%d bytes); made again", path, len(raw))
            return None
        try:
            os.utime(path)  # recently used: kept by ``prune``
        except OSError:
            pass
        return payload

    def write(self, name: str, payload: bytes) -> bool:
        """Store an entry atomically with its hash, then bound this kind's entries; False when the cache
        cannot be written (then the build goes on without it, said once)."""
        path = self.path(name)
        if path is None:
            return False
        try:
            atomic_write(path, MAGIC + hashlib.sha256(payload).digest() + payload, seam=True)
        except OSError as exc:
            _say_once("write", f"cache folder {self.folder} cannot be written ({exc.strerror or exc}); this build goes on without keeping what it makes")
            return False
        self.prune(but=name)
        return True

    def prune(self, but: str | None = None) -> None:
        """Keep the ``keep`` most recently used entries of each pattern (and ``but``); remove the rest once
        no build has used them for a while (``cache_share.prune``: a concurrent build of other data may be
        about to read its own), and any temporary file a killed process left here more than an hour ago."""
        if self.folder is None:
            return
        for pattern in self.patterns:
            cache_share.prune(self.folder, pattern, keep=self.folder / but if but else None, keep_newest=self.keep)
        if self.patterns:
            for partial in self.folder.glob(".*.tmp"):
                try:
                    if partial.stat().st_mtime < time.time() - 3600:
                        _remove(partial)
                except OSError:
                    continue

    def load(self, name: str) -> Any:
        """An object pickled by ``dump``, unpickled only after its hash is checked; None on a miss."""
        payload = self.read(name)
        if payload is None:
            return None
        try:
            return pickle.loads(payload)
        except Exception as exc:  # written by other code (a class since renamed): a miss
            log.info("cache entry %s no longer loads (%s); made again", self.path(name), type(exc).__name__)
            return None

    def dump(self, name: str, value: Any) -> bool:
        return self.write(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# --- the render memo ------------------------------------------------------------------------
# Renderings of each loaded Facts, by the renderer's key alone when making it read no clock, and by
# the key and the moment when it did. Whether it did is tracked, not declared: ``clock_read`` marks
# every rendering in progress around it, and a kept rendering that read the clock marks the one
# that reuses it, so a rendering that includes another at any depth is keyed as that one is.

_MEMOS: weakref.WeakKeyDictionary[Any, dict[tuple, Any]] = weakref.WeakKeyDictionary()
_TIMED = "\0read the clock"


class _Frame:
    __slots__ = ("timed",)

    def __init__(self) -> None:
        self.timed = False


_FRAME: contextvars.ContextVar[_Frame | None] = contextvars.ContextVar("callguide_rendering", default=None)


def clock_read() -> None:
    """Say that the rendering in progress (if any) depends on the moment."""
    frame = _FRAME.get()
    if frame is not None:
        frame.timed = True


def memoised(owner: Any, base: tuple, moment: Callable[[], Hashable], make: Callable[[], T]) -> T:
    """``make()``, kept for ``owner`` under ``base``, or under ``base`` and ``moment()`` when it (or
    anything it reused or made) read the clock."""
    memo = _MEMOS.setdefault(owner, {})
    found = memo.get(base)
    timed = found == _TIMED
    if timed:
        clock_read()
        found = memo.get(base + (moment(),))
    if found is not None:
        return found
    frame = _Frame()
    token = _FRAME.set(frame)
    try:
        made = make()
    finally:
        _FRAME.reset(token)
    if frame.timed or timed:
        clock_read()
        memo[base] = _TIMED
        memo[base + (moment(),)] = made
    else:
        memo[base] = made
    return made


def memo_of(owner: Any) -> dict[tuple, Any]:
    """The renderings kept for ``owner`` so far (to be stored with it)."""
    return dict(_MEMOS.get(owner, {}))


def adopt_memo(owner: Any, memo: dict[tuple, Any]) -> None:
    """Reuse renderings stored with ``owner`` (``memo_of`` of the same object, same code)."""
    _MEMOS.setdefault(owner, {}).update(memo)
