"""sitemap.xml: one per language root when the public address is known, none otherwise.

Material's JavaScript fetches ``sitemap.xml`` next to a language's root to switch
language in place; static-i18n writes only the one at the site root, so the English
root gets a copy. Without ``site_url`` (SITE_URL) MkDocs writes "None" for every
address, which is worse than no sitemap, so then both are removed; so are a fictional call's
(callguide.fictional: a test fixture's pages are not to be found by search engines).
Runs last (after static-i18n has built English and written the shared sitemap).
"""
from __future__ import annotations

from build_state import PRIORITY, STATE
from i18n_adapter import language, output_dir
from mkdocs.plugins import event_priority

from callguide.assets_out import write_if_changed

NAMES = ("sitemap.xml", "sitemap.xml.gz")


@event_priority(PRIORITY["sitemap_copy"])
def on_post_build(config):
    here = output_dir(config)
    root = here if language(config) == STATE.default_language else here.parent
    if not config.site_url or STATE.facts.call.call.fictional:
        for folder in [root] + [root / lang for lang in STATE.languages if lang != STATE.default_language]:
            for name in NAMES:
                (folder / name).unlink(missing_ok=True)
        return
    if language(config) != STATE.default_language:
        for name in NAMES:
            if (root / name).exists():
                write_if_changed(here / name, (root / name).read_bytes())
