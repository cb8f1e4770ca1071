"""The package's static files (CSS, JavaScript), written into a built site only when changed."""
from __future__ import annotations

import os
import threading
from importlib.resources import files
from pathlib import Path


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write a file only if its bytes differ, so `mkdocs serve` does not loop and times stay stable."""
    if target.exists() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    # A new file put in place, never the old one overwritten: a reader never sees half a file,
    # and a file hard-linked from a cache (an archived year) is never written through.
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.part")
    partial.write_bytes(data)
    partial.replace(target)
    return True


def copy_assets(target_dir: Path) -> None:
    for item in files("callguide").joinpath("assets").iterdir():
        if item.is_file() and not item.name.startswith("."):
            write_if_changed(target_dir / item.name, item.read_bytes())
