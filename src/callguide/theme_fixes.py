"""Small repairs to stock Material's HTML, kept apart so they can go when Material fixes them."""
from __future__ import annotations

import re

from .languages import DEFAULT, language

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def drop_checkbox_autocomplete(html: str) -> str:
    """``autocomplete`` is not allowed on checkboxes (Nu Html Checker error on Material's drawer toggles)."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


NOT_FOUND = {
    "ja": {"title": "ページが見つかりません", "text": "お探しのページは見つかりませんでした。", "home": "ホームへ"},
    "en": {"title": "Page not found", "text": "The page you asked for does not exist.", "home": "Go to the home page"},
}
_NOT_FOUND_H1 = re.compile(r"<h1>404 - [^<]*</h1>")
_SELECT_LINK = re.compile(r'<a href="[^"]*" (hreflang="(?P<lang>[a-z]+)"[^>]*\bclass="md-select__link"[^>]*)>')
_TITLE = re.compile(r"<title>([^<]*)</title>")


def not_found_page(html: str, lang: str, base_path: str = "/", default: str = DEFAULT.code) -> str:
    """The 404 page of one language, from the theme's 404 template.

    A static host serves the root 404.html for every missing address, in any language and at any
    depth, so all its links are root-relative to the site's base path (the theme's own links on
    this page are too: MkDocs writes them from the path of ``site_url``, or ``/`` without it).
    The default language's page also says it in English, with a link to the English home page.
    The theme's language links on this page point at the last page built: they go to the homes.
    """
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    home = {code: base if code == default else f"{base}{code}/" for code in NOT_FOUND}
    t = NOT_FOUND[lang]
    gap = language(lang).word_gap  # Japanese sets sentences without spaces
    body = f'<h1>{t["title"]}</h1>\n<p>{t["text"]}{gap}<a href="{home[lang]}">{t["home"]}</a></p>'
    for other, o in NOT_FOUND.items():
        if lang == default and other != lang:
            body += f'\n<p lang="{other}">{o["title"]}. {o["text"]} <a href="{home[other]}">{o["home"]}</a></p>'
    html = _NOT_FOUND_H1.sub(lambda m: body, html, count=1)
    html = _SELECT_LINK.sub(lambda m: f'<a href="{home.get(m["lang"], base)}" {m[1]}>', html)
    html = _TITLE.sub(lambda m: f"<title>{t['title']} – {m[1]}</title>", html, count=1)
    return html.replace("</title>", '</title>\n<meta name="robots" content="noindex">', 1)
