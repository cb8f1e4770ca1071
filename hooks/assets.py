"""Copy the site's own CSS and JavaScript into each language's output (no third-party files); each page links only the ones it uses."""
from __future__ import annotations

from i18n_adapter import output_dir

from callguide.assets_out import copy_assets
from callguide.page_assets import keep_needed_assets


def on_post_build(config):
    copy_assets(output_dir(config) / "assets" / "callguide")


def on_post_page(output, page, config):
    return keep_needed_assets(output)
