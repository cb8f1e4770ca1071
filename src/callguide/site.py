"""Where a build keeps what it can reuse; the hooks hand the project folder as a plain path.

The hooks' shared state and what they read from MkDocs and static-i18n are in hooks/
(build_state.py, i18n_adapter.py): no module of callguide receives a MkDocs object.
"""
from __future__ import annotations

from pathlib import Path

from .cache import use_root


def cache_root(project: Path) -> Path:
    """Where builds keep what they can reuse: CALLGUIDE_CACHE_DIR, else .cache/ in ``project`` (the folder
    of mkdocs.yml); every cache of the build lives under it (see callguide.cache)."""
    return use_root(project)
