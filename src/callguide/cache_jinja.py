"""Jinja's compiled templates kept in the cache layer (callguide.cache): the theme's (hooks/template_cache.py)
and the blocks' (callguide.blocks).

Apart from callguide.cache so that what imports the cache layer without rendering anything (the archived
years' placing process, callguide.archive_place) does not import Jinja.
"""
from __future__ import annotations

from collections.abc import Callable

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from .cache import Store


class JinjaBytecode(BytecodeCache):
    """Jinja's compiled templates as verified entries of a Store (Jinja checks its own header
    only after ours: bytes cut inside it are a miss, not an UnpicklingError)."""

    def __init__(self, store: Store | Callable[[], Store]):
        self._store = store

    @property
    def store(self) -> Store:
        return self._store() if callable(self._store) else self._store

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = self.store.read(f"{bucket.key}.jinja")
        if payload is not None:
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.write(f"{bucket.key}.jinja", bucket.bytecode_to_string())


__all__ = ["JinjaBytecode"]
