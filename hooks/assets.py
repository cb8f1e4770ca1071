"""Copy the site's own CSS and JavaScript into each language's output (no third-party files)."""
from __future__ import annotations

from callguide.assets_out import copy_assets
from callguide.site import output_dir


def on_post_build(config):
    copy_assets(output_dir(config) / "assets" / "callguide")
