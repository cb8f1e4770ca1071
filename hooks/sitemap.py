"""sitemap.xml: one per language root when the public address is known, none otherwise.

Material's JavaScript fetches ``sitemap.xml`` next to a language's root to switch
language in place; static-i18n writes only the one at the site root, so the English
root gets a copy. Without ``site_url`` (SITE_URL) MkDocs writes "None" for every
address, which is worse than no sitemap, so then both are removed.
Runs last (after static-i18n has built English and written the shared sitemap).
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from callguide.assets_out import write_if_changed
from callguide.format import LANGS
from callguide.site import STATE, current_language, output_dir

NAMES = ("sitemap.xml", "sitemap.xml.gz")


@event_priority(-200)
def on_post_build(config):
    here = output_dir(config)
    root = here if current_language(config) == STATE.default_language else here.parent
    if not config.site_url:
        for folder in [root] + [root / lang for lang in LANGS if lang != STATE.default_language]:
            for name in NAMES:
                (folder / name).unlink(missing_ok=True)
        return
    if current_language(config) != STATE.default_language:
        for name in NAMES:
            if (root / name).exists():
                write_if_changed(here / name, (root / name).read_bytes())
