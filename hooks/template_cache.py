"""Keep the theme's compiled templates between builds (Jinja's bytecode cache).

Every build compiles Material's templates afresh, twice (once per language): a large part of
any MkDocs build. Jinja's FileSystemBytecodeCache stores the compiled form under .cache/
(or CALLGUIDE_CACHE_DIR), keyed by each template's file and source and by Jinja's and
Python's versions, so a changed template or upgrade is compiled again.
"""
from __future__ import annotations

from build_state import STATE
from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files):
    folder = STATE.cache / "jinja-theme"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
