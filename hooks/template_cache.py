"""Keep the theme's compiled templates between builds (Jinja's bytecode cache).

Every build compiles Material's templates afresh, twice (once per language): a large part of
any MkDocs build. The compiled form is kept as verified entries of the cache layer
(``callguide.cache_jinja.JinjaBytecode``) under .cache/jinja-theme/ (or CALLGUIDE_CACHE_DIR), keyed by
each template's file and checked against its source by Jinja, so a changed template or upgrade is
compiled again, and a damaged entry is compiled again too.
"""
from __future__ import annotations

from build_state import STATE

from callguide.cache import Store
from callguide.cache_jinja import JinjaBytecode

# Compiled templates kept (most recently used first): Material's, for a few projects or versions.
KEPT = 300


def on_env(env, config, files):
    env.bytecode_cache = JinjaBytecode(Store(STATE.cache / "jinja-theme", keep=KEPT, patterns=("*.jinja",)))
    return env
