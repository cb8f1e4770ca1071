"""Keep the theme's compiled templates between builds (Jinja's bytecode cache).

Every build compiles Material's templates afresh, twice (once per language): a large part of
any MkDocs build. Jinja's FileSystemBytecodeCache stores the compiled form under .cache/
(or CALLGUIDE_CACHE_DIR), keyed by each template's file and source and by Jinja's and
Python's versions, so a changed template or upgrade is compiled again.
"""
from __future__ import annotations

import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files):
    root = Path(config.config_file_path).resolve().parent
    folder = Path(os.environ.get("CALLGUIDE_CACHE_DIR") or root / ".cache") / "jinja-theme"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
