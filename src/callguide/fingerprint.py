"""What a cached output depends on besides the data: the code that makes it.

A cache keyed on the data alone would keep serving a file made by older code after an
upgrade; this fingerprint changes with any file of the package and with the versions of
the libraries named, so a cached file is reused only when nothing that made it changed.
"""
from __future__ import annotations

import functools
import hashlib
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SUFFIXES = {".py", ".html", ".css", ".js"}


@functools.cache
def _package_digest():
    """The hash of every source file of callguide, read once per process (the caches ask with different libraries)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest


@functools.cache
def code_fingerprint(*libraries: str) -> str:
    """A hash of every source file of callguide and of the given libraries' versions."""
    digest = _package_digest().copy()
    for name in libraries:
        digest.update(f"{name}=={version(name)}\0".encode())
    return digest.hexdigest()


def cache_key(*parts: bytes | str, libraries: tuple[str, ...] = ()) -> str:
    """A short key for a cached file made from these inputs by the current code."""
    digest = hashlib.sha256(code_fingerprint(*libraries).encode())
    for part in parts:
        digest.update(b"\0" + (part.encode() if isinstance(part, str) else part))
    return digest.hexdigest()[:32]
