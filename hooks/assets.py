"""Copy the site's own CSS and JavaScript, minified, into each language's output (no third-party files); each page links only the ones it uses.

The 404 page is a template, not a page: MkDocs calls ``on_post_template`` for it, not ``on_post_page``,
so it is trimmed there, before theme_fixes turns it into each language's 404 (which adds no block).
"""
from __future__ import annotations

from build_state import PRIORITY
from i18n_adapter import output_dir
from mkdocs.plugins import event_priority

from callguide.assets_out import copy_assets
from callguide.page_assets import keep_needed_assets


def on_post_build(config):
    copy_assets(output_dir(config) / "assets" / "callguide")


def on_post_page(output, page, config):
    return keep_needed_assets(output)


@event_priority(PRIORITY["trim_404"])
def on_post_template(output_content, template_name, config):
    return keep_needed_assets(output_content) if template_name == "404.html" else output_content
