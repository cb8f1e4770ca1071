"""Repairs to the theme's own HTML on every page, and one 404 page for both languages (see callguide.theme_fixes)."""
from __future__ import annotations

from urllib.parse import urlsplit

from callguide.theme_fixes import bilingual_not_found, drop_checkbox_autocomplete


def on_post_page(output, page, config):
    return drop_checkbox_autocomplete(output)


def on_post_template(output_content, template_name, config):
    output_content = drop_checkbox_autocomplete(output_content)
    if template_name == "404.html":
        output_content = bilingual_not_found(output_content, urlsplit(config.site_url).path if config.site_url else "/")
    return output_content
