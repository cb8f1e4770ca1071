"""Repairs to the theme's own HTML on every page, the language of parts (callguide.lang_parts), and a 404 page per language (see callguide.theme_fixes).

static-i18n builds English second and MkDocs then writes its 404.html at the site root again,
over the Japanese one: the English page goes to en/404.html instead, and the root keeps the Japanese.
A draft's or a fictional call's 404 pages carry its banner too (callguide.banner), as every page does.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from build_state import STATE
from i18n_adapter import language, output_dir

from callguide.assets_out import write_if_changed
from callguide.banner import banner, insert
from callguide.lang_parts import mark_language_parts
from callguide.links import add_language_link
from callguide.render import Context
from callguide.status import archived_year
from callguide.theme_fixes import drop_checkbox_autocomplete, not_found_page


def on_post_page(output, page, config):
    return mark_language_parts(drop_checkbox_autocomplete(output), language(config))


def on_post_template(output_content, template_name, config):
    output_content = drop_checkbox_autocomplete(output_content)
    if template_name != "404.html":
        return output_content
    lang = language(config)
    page = not_found_page(output_content, lang, urlsplit(config.site_url).path if config.site_url else "/", STATE.default_language)
    page = mark_language_parts(add_language_link(page, lang), lang)
    if not archived_year():  # an archived year's notice links home by the page's own depth, which a 404 page does not have
        page = insert(page, banner(Context(STATE.facts, lang), "", None))
    if lang == STATE.default_language:
        STATE.root_404 = page  # kept for the other languages' builds, which write the root's 404.html again
        return page
    target = output_dir(config) / "404.html"
    if target.resolve() == (STATE.site / "404.html").resolve():
        return page  # this build writes into its own folder
    write_if_changed(target, page.encode("utf-8"))
    return STATE.root_404 or page
