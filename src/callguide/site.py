"""Where a build keeps what it can reuse; the hooks hand the project folder as a plain path.

The hooks' shared state and what they read from MkDocs and static-i18n are in hooks/
(build_state.py, i18n_adapter.py): no module of callguide receives a MkDocs object.
"""
from __future__ import annotations

import os
from pathlib import Path


def cache_root(project: Path) -> Path:
    """Where builds keep what they can reuse: CALLGUIDE_CACHE_DIR, else .cache/ in ``project`` (the folder of mkdocs.yml)."""
    return Path(os.environ.get("CALLGUIDE_CACHE_DIR") or project / ".cache")
