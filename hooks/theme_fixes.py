"""Repairs to the theme's own HTML on every page, the language of parts (callguide.lang_parts), and a 404 page per language (see callguide.theme_fixes).

static-i18n builds English second and MkDocs then writes its 404.html at the site root again,
over the Japanese one: the English page goes to en/404.html instead, and the root keeps the Japanese.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from callguide.assets_out import write_if_changed
from callguide.lang_parts import mark_language_parts
from callguide.links import add_language_link
from callguide.site import STATE, current_language, output_dir
from callguide.theme_fixes import drop_checkbox_autocomplete, not_found_page

_ROOT_404: dict[str, str] = {}  # the default language's 404 page, kept for the second build


def on_post_page(output, page, config):
    return mark_language_parts(drop_checkbox_autocomplete(output), current_language(config))


def on_post_template(output_content, template_name, config):
    output_content = drop_checkbox_autocomplete(output_content)
    if template_name != "404.html":
        return output_content
    lang = current_language(config)
    page = not_found_page(output_content, lang, urlsplit(config.site_url).path if config.site_url else "/", STATE.default_language)
    page = mark_language_parts(add_language_link(page, lang), lang)
    if lang == STATE.default_language:
        _ROOT_404["page"] = page
        return page
    target = output_dir(config) / "404.html"
    if target.resolve() == (Path(config.site_dir) / "404.html").resolve():
        return page  # this build writes into its own folder
    write_if_changed(target, page.encode("utf-8"))
    return _ROOT_404.get("page", page)
