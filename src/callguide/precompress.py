"""Gzip files written beside the text files of a built site, for static hosts that serve them as is.

nginx (``gzip_static on;``) and most CDNs send ``page.html.gz`` to browsers that accept gzip,
so nothing is compressed per request. The bytes are deterministic (no file name, mtime 0):
two builds of the same site give identical files, and a file whose gzip is already right is
not rewritten. Binary formats that are compressed already (PDF, PNG) are left alone.
"""
from __future__ import annotations

import os
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .assets_out import write_if_changed
from .cache import Store, content_hash
from .early_gzip import LEVEL, gzip_bytes

SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".ics", ".txt"})
# Files this large are mostly the theme's own scripts and styles, the same in every build: their
# gzip is kept in a cache by content hash, so a rebuild compresses only what changed.
CACHE_FROM = 32_000
# Entries kept (most recently used first): this site's large files, both languages, and archived years'.
CACHE_KEPT = 300


@dataclass(frozen=True)
class Result:
    files: int
    written: int
    raw_bytes: int
    gz_bytes: int


def targets(root: Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    """The files of a site that get a .gz sibling (none under the folders in ``skip``).

    The folders in ``skip`` are not walked at all: each archived year is some 200 files that
    every build would otherwise list and test again.
    """
    skipped = {os.path.normpath(s) for s in skip}
    found = []
    for folder, dirs, files in os.walk(root):
        if skipped:
            dirs[:] = [d for d in dirs if os.path.join(folder, d) not in skipped]
        if folder in skipped:
            continue
        found += (p for p in map(Path(folder).joinpath, files) if p.suffix in SUFFIXES and p.is_file())
    return sorted(found)


def precompress(
    root: Path, cache: Path | None = None, level: int = LEVEL, workers: int = 2, skip: tuple[Path, ...] = (), private: bool = False
) -> Result:
    """Write ``x.gz`` beside every text file under ``root`` (zlib releases the GIL: threads help);
    ``skip``: folders whose files came with their .gz (an archived year's, made in its cache).

    ``private``: ``root`` is a folder only this build writes and nobody reads until it is whole
    (callguide.output_swap): a new .gz is written straight into it, without the temporary file and
    rename that keep a reader of a published folder from seeing half a file (a quarter of this
    step's time: creating files is what costs here). A .gz already there is replaced as ever.
    """

    def one(path: Path) -> tuple[int, int, bool]:
        data = path.read_bytes()
        gz = path.with_name(path.name + ".gz")
        size = _packs(gz, data)
        if size is not None:  # already beside it (an unchanged file, an archived year's own .gz)
            return len(data), size, False
        packed = _cached(data, level, cache) if cache and len(data) >= CACHE_FROM else gzip_bytes(data, level)
        if private and _create(gz, packed):
            return len(data), len(packed), True
        return len(data), len(packed), write_if_changed(gz, packed)

    found = targets(root, skip)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(one, found))
    return Result(len(found), sum(w for _, _, w in done), sum(r for r, _, _ in done), sum(g for _, g, _ in done))


def _create(gz: Path, packed: bytes) -> bool:
    """Write a new file (False when one is there already)."""
    try:
        with open(gz, "xb") as out:
            out.write(packed)
    except FileExistsError:
        return False
    return True


def _packs(gz: Path, data: bytes) -> int | None:
    """The size of ``gz`` when it is already the gzip of ``data``, else None.

    A gzip member ends with the CRC-32 and the length of what it holds (RFC 1952), so an unchanged
    file is recognised without compressing it again; this also keeps the .gz that an archived
    year's build made for its own files.
    """
    try:
        with gz.open("rb") as f:
            f.seek(-8, 2)
            trailer = f.read(8)
            size = f.tell()
    except OSError:  # no .gz yet (or shorter than a gzip trailer)
        return None
    crc, length = int.from_bytes(trailer[:4], "little"), int.from_bytes(trailer[4:], "little")
    return size if crc == zlib.crc32(data) and length == len(data) % 2**32 else None


def _cached(data: bytes, level: int, cache: Path) -> bytes:
    """The gzip of ``data`` from the cache, made and stored on a miss."""
    store = Store(cache, keep=CACHE_KEPT, patterns=("*.gz",))
    name = f"{content_hash(data)}.{level}.gz"  # not the name older code gave its unverified entries
    packed = store.read(name)
    if packed is None:
        packed = gzip_bytes(data, level)
        store.write(name, packed)
    return packed
