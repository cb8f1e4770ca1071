"""Cache entries shared by builds that run at once: mark what a build uses, prune only what nobody uses.

Staff run ``CALL_FILE=drafts/2026.yaml make serve`` beside ``make build`` on one cache. An entry one
build has just made or found is read by it a few seconds later, while the other build, of other
data, writes its own entry and prunes the folder. Pruning "every entry but mine" removed the
other build's fresh PDF under it. So:

- a build marks every entry it is about to use (``use``: its time set to now), and
- ``prune`` removes only entries nobody has used for ``KEEP_FOR`` seconds (a build takes seconds,
  a PDF at most its time limit), beyond the ``keep_newest`` most recently used;

both under a lock on the folder (``fcntl.flock`` on ``<folder>/.lock``: shared to mark, exclusive to
prune), so that an entry found and marked is never removed between the check and the read. The
cache still cannot grow without bound: whatever has not been used for an hour goes at the next prune.
Entries are written once, under their content key, by an atomic rename (a writer's temporary file
has its process id in its name), so no build sees another's half-written entry.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

KEEP_FOR = 3600.0
LOCK = ".lock"


@contextmanager
def locked(lock: Path, exclusive: bool) -> Iterator[None]:
    """Hold the lock file ``lock`` (a folder's is ``<folder>/.lock``), shared or exclusive; go on without
    it when it cannot be opened (a read-only cache, which no build prunes). Lock files are never removed."""
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:
            fd = os.open(lock, os.O_RDONLY)
        except OSError:
            yield
            return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # releases the lock


def use(entry: Path) -> bool:
    """True when ``entry`` (a file or a folder) is in the cache; it is then marked as used now,
    so that no prune removes it for ``KEEP_FOR`` seconds."""
    if not entry.parent.is_dir():
        return False
    with locked(entry.parent / LOCK, exclusive=False):
        if not entry.exists():
            return False
        try:
            os.utime(entry)
        except OSError:  # a cache this build cannot write: nothing prunes it either
            pass
        return True


def prune(folder: Path, pattern: str, keep: Path | None = None, keep_for: float = KEEP_FOR, keep_newest: int = 0) -> None:
    """Remove the entries of ``folder`` matching ``pattern`` that nobody has used for ``keep_for``
    seconds, except ``keep`` and the ``keep_newest`` most recently used."""
    if not folder.is_dir():
        return
    with locked(folder / LOCK, exclusive=True):
        found = []
        for path in folder.glob(pattern):
            try:
                found.append((path.stat().st_mtime, path))
            except OSError:
                continue
        found.sort(reverse=True)
        now = time.time()
        for n, (used, path) in enumerate(found):
            if path == keep or n < keep_newest or now - used < keep_for:
                continue
            try:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                pass
