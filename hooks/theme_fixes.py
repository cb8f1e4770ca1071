"""Repairs to the theme's own HTML on every page and on 404.html (see callguide.theme_fixes)."""
from __future__ import annotations

from callguide.theme_fixes import drop_checkbox_autocomplete


def on_post_page(output, page, config):
    return drop_checkbox_autocomplete(output)


def on_post_template(output_content, template_name, config):
    return drop_checkbox_autocomplete(output_content)
