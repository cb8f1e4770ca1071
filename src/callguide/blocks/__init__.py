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

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup


@lru_cache(maxsize=1)
def templates() -> Environment:
    """One Jinja environment for every block; undefined names are errors, output is escaped.

    Compiling the templates is most of their cost in a build; Jinja's bytecode cache keeps the
    compiled form between builds (in its own per-user folder under the temporary directory,
    keyed by each template's source, so an edited template is compiled again).
    """
    return Environment(
        loader=PackageLoader("callguide", "templates"),
        bytecode_cache=FileSystemBytecodeCache(),
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
