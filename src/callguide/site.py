"""The little that hooks share: the loaded facts and which language is being built."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import use_root
from .facts import Facts

if TYPE_CHECKING:
    from .pipeline import Checked


@dataclass
class State:
    """Facts loaded by the first hook of a build, reused by the others and by the second language."""

    facts: Facts | None = None
    # Everything the check returned (pipeline.Checked): the facts above, the previous call, reminders, call.json's text.
    check: Checked | None = None
    # The data file's bytes, read once per build by hooks/call_data.py (the calendar and PDF caches key on them).
    data: bytes = b""
    default_language: str = "ja"
    # Folders of the site whose files came with their own .gz (archived years, linked from the cache):
    # hooks/archive.py fills it, hooks/precompress.py leaves them alone.
    precompressed: list[Path] = field(default_factory=list)


def current_language(config) -> str:
    """The language static-i18n is building (None before its first build means the default)."""
    plugin = config.plugins.get("i18n")
    lang = getattr(plugin, "current_language", None) if plugin else None
    return lang or "ja"


STATE = State()


def cache_root(config) -> Path:
    """Where builds keep what they can reuse: CALLGUIDE_CACHE_DIR, else .cache/ beside mkdocs.yml (see callguide.cache)."""
    return use_root(Path(config.config_file_path).resolve().parent)


def output_dir(config) -> Path:
    """Where the language being built is written: the site root for Japanese, <root>/en for English.

    During static-i18n's second build ``config.site_dir`` may still be the root, so it is derived here.
    """
    site = Path(config.site_dir)
    lang = current_language(config)
    if lang == STATE.default_language:
        return site
    return site if site.name == lang else site / lang
