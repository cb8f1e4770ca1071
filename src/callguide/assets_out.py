"""The package's static files (CSS, JavaScript), minified (callguide.minify) and written into a built site only when changed."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .cache import atomic_write
from .minify import minified


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write a file only if its bytes differ, so `mkdocs serve` does not loop and times stay stable."""
    if target.exists() and target.read_bytes() == data:
        return False
    # A new file put in place, never the old one overwritten: a reader never sees half a file,
    # and a file hard-linked from a cache (an archived year) is never written through.
    atomic_write(target, data)
    return True


def copy_assets(target_dir: Path) -> None:
    for item in files("callguide").joinpath("assets").iterdir():
        if item.is_file() and not item.name.startswith("."):
            write_if_changed(target_dir / item.name, minified(item.name, item.read_bytes()))
