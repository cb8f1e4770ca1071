"""Keep the objects every build holds until its end out of the cycle collector's full passes.

By the time the first hook runs, most objects alive are the modules of MkDocs, Material, Markdown,
Jinja, pydantic and this project, and the checked call read from the cache: they live until the
process ends. Python's full (generation 2) collections walk every live object, and a build makes enough
garbage for several of them: about a tenth of a warm build's CPU time went to walking those same
objects again and again. ``gc.freeze()`` moves what is alive now into a generation the collector never
walks; cycles made later are collected as before.

Once per process: in ``mkdocs serve`` the first build freezes what its start holds, and later rebuilds
do not freeze again (they would keep the garbage of the builds before them for as long as the server runs).
"""
from __future__ import annotations

import gc


def freeze_what_lives() -> None:
    """Move every object alive now out of the collector's reach, the first time only (when nothing is frozen yet)."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
