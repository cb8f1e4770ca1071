"""Named block renderers (``{{ path | form }}``) for generated parts of pages.

Each module in this package names its forms in a ``FORMS`` table (form → the
kind of value it shows, its renderer); ``FORMS`` here gathers every module's, so
adding a module is enough, and ``render.VARIANTS`` is made from it. A block
reaches the renderers only through the ``render.Context`` it is given
(``ctx.fact``, ``ctx.text``, …): render imports the blocks, never the reverse.
Blocks render through Jinja templates in ``callguide/templates``.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import cache
from ..cache_jinja import JinjaBytecode

# Compiled block templates kept (most recently used first): this package's and archived snapshots'.
KEPT = 200


def _bytecode_store() -> cache.Store:
    """The blocks' compiled templates under the caches' root (none when no root is known)."""
    root = cache.root()
    return cache.Store(root / "jinja-blocks" if root is not None else None, keep=KEPT, patterns=("*.jinja",))


@lru_cache(maxsize=1)
def templates() -> Environment:
    """One Jinja environment for every block; undefined names are errors, output is escaped.

    Compiling the templates is most of their cost in a build; Jinja's bytecode cache keeps the
    compiled form between builds (verified entries under the caches' root, ``jinja-blocks/``,
    checked against each template's source, so an edited template is compiled again).
    """
    return Environment(
        loader=PackageLoader("callguide", "templates"),
        bytecode_cache=JinjaBytecode(_bytecode_store),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(name: str, **context) -> Markup:
    return Markup(templates().get_template(name).render(**context).strip())


def fact(path: str, ctx, variant: str | None = None) -> Markup:
    """One fact or text by path, as a block's template shows it (the same renderer as page markers)."""
    return ctx.fact(path, variant)


def _gather() -> dict:
    forms: dict = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, form in module.FORMS.items():
            if name in forms:
                raise RuntimeError(f"two blocks name the form '{name}' ({module.__name__})")
            forms[name] = form
    return forms


FORMS = _gather()
