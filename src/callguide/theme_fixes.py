"""Small repairs to stock Material's HTML, kept apart so they can go when Material fixes them."""
from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def drop_checkbox_autocomplete(html: str) -> str:
    """``autocomplete`` is not allowed on checkboxes (Nu Html Checker error on Material's drawer toggles)."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


NOT_FOUND = {
    "ja": {"title": "ページが見つかりません", "home": "ホームへ"},
    "en": {"title": "Page not found", "home": "Go to the home page"},
}


def bilingual_not_found(html: str, base_path: str = "/") -> str:
    """One 404 page for both languages (static-i18n's English build overwrites the Japanese one).

    404.html is served for any missing address, so its links are root-relative to the site's base path,
    like the theme's own links on that page.
    """
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    ja, en = NOT_FOUND["ja"], NOT_FOUND["en"]
    body = (
        f'<h1><span lang="ja">{ja["title"]}</span> / <span lang="en">{en["title"]}</span></h1>\n'
        f'<ul><li lang="ja"><a href="{base}">{ja["home"]}</a></li>'
        f'<li lang="en"><a href="{base}en/">{en["home"]}</a></li></ul>'
    )
    return re.sub(r"<h1>404 - [^<]*</h1>", body, html, count=1)
