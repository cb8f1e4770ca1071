"""The output folder shows the whole previous site or the whole new one, never a mix or half.

A build writes into a new folder beside the output (``.<name>.building-<pid>``), which MkDocs
may clean and fill as it likes. Only when everything is made (both languages, PDFs, calendars,
call.json, archived years, .gz files) are the two folders exchanged in one step
(``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames, with a moment of no folder,
never of half a one), and the previous site, now in the new folder's place, is removed. A
build that fails or is killed leaves the output exactly as it was; what a killed build leaves
beside it is removed by the next build (its pid is no longer running).
"""
from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def building_dir(site: Path, pid: int | None = None) -> Path:
    """Where this process builds the site that is to become ``site``."""
    return site.with_name(f".{site.name}.building-{os.getpid() if pid is None else pid}")


def begin(site: Path) -> Path:
    """A fresh, empty folder to build into, beside ``site``; leftovers of killed builds removed first."""
    remove_stale(site)
    tmp = building_dir(site)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    return tmp


def commit(tmp: Path, site: Path) -> None:
    """Put the finished site ``tmp`` in the place of ``site`` at once, then remove the previous site."""
    if _exchange(tmp, site):
        shutil.rmtree(tmp, ignore_errors=True)  # now the previous site
        return
    old = site.with_name(f".{site.name}.old-{os.getpid()}")
    try:
        site.rename(old)
    except FileNotFoundError:
        old = None
    tmp.rename(site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def abandon(tmp: Path) -> None:
    """A build that did not finish: remove what it made, leave the output alone."""
    shutil.rmtree(tmp, ignore_errors=True)


def remove_stale(site: Path) -> None:
    """Folders beside ``site`` left by builds that were killed (their process is gone): the new site being
    built, the previous one being removed, the archived years being placed (callguide.archive_place)."""
    pattern = re.compile(rf"\.{re.escape(site.name)}\.(?:building|old|archive)-(\d+)")
    if not site.parent.is_dir():
        return
    for entry in site.parent.iterdir():
        m = pattern.fullmatch(entry.name)
        if m and int(m[1]) != os.getpid() and not _running(int(m[1])):
            shutil.rmtree(entry, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False when that cannot be done here."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOENT, errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False  # no output yet, or a file system that cannot exchange: two renames
    raise OSError(err, os.strerror(err), str(b))
