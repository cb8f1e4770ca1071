"""Language of parts (WCAG 3.1.2): text in the other language gets its own ``lang``.

Pure post-processing of a built page's ``<body>``, so it covers the prose, the data's texts,
the blocks and the theme's navigation alike:
- on Japanese pages a run of two or more English words (``UKRI Funding Service``, ``outgoing
  researcher``) is wrapped in ``<span lang="en">``; single words, acronyms and addresses (JST,
  e-Rad, PDF, an email address) read the same in either language and are left alone;
- on English pages a run of Japanese script (``日本語``, ``法令遵守チェックリスト``) is wrapped in
  ``<span lang="ja">``;
- the language switcher's entries carry the language they name;
- the theme's English-only strings on Japanese pages (the permalink title, "Made with …") are
  translated or marked.
Code, scripts, styles, SVG and form options are left untouched.
"""
from __future__ import annotations

import re

from . import languages

_WORD = r"[A-Za-z](?:[A-Za-z0-9'’-]|&#(?:39|x27);)*"
_ENGLISH_RUN = re.compile(rf"(?<![A-Za-z0-9_@./:&#;-]){_WORD}(?:[ \u00a0]+{_WORD})+(?![A-Za-z0-9_@/:-])")
_JAPANESE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]*[\u3040-\u30ff\u3400-\u9fff][\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]*")
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_RAW = {"script", "style", "code", "pre", "svg", "textarea", "option", "select", "title", "kbd", "samp"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SELECT_LINK = re.compile(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"')
# The title of a heading's permanent link (the theme writes it in English).
_PERMALINK = {"ja": "この見出しへのリンク", "en": "Permanent link"}
# Runs of each language's script, found in a page of the other language.
_RUN = {"ja": _JAPANESE_RUN, "en": _ENGLISH_RUN}
# The language of mkdocs.yml's copyright line in the footer.
_COPYRIGHT = "en"


def mark_language_parts(html: str, lang: str) -> str:
    """Wrap runs of the other language in ``<span lang=…>`` inside the body, outside raw elements."""
    start = html.find("<body")
    if start < 0:
        return html
    other = languages.other(lang).code
    run = _RUN[other]
    out, raw = [], 0
    marked: list[str] = []  # open elements already in the other language (e.g. <p lang="en">), innermost last
    for part in _TAG.split(html[start:]):
        if part.startswith("<"):
            m = re.match(r"<(/?)([a-zA-Z][\w-]*)", part)
            name = m[2].lower() if m else ""
            if name in _RAW and not part.endswith("/>"):
                raw += -1 if m[1] else 1
            elif m and not m[1] and (marked or f'lang="{other}"' in part) and name not in _VOID:
                marked.append(name)
            elif m and m[1] and marked and marked[-1] == name:
                marked.pop()
            out.append(part)
        elif raw > 0 or marked or not part.strip():
            out.append(part)
        else:
            out.append(run.sub(lambda t: f'<span lang="{other}">{t[0]}</span>', part))
    html = html[:start] + "".join(out)
    html = _SELECT_LINK.sub(lambda m: f'<a href="{m[1]}" hreflang="{m[2]}" lang="{m[2]}" class="md-select__link"', html)
    if _PERMALINK[lang] != _PERMALINK[_COPYRIGHT]:
        html = html.replace(f'title="{_PERMALINK[_COPYRIGHT]}"', f'title="{_PERMALINK[lang]}"')
    if lang != _COPYRIGHT:
        html = html.replace('<div class="md-copyright">', f'<div class="md-copyright" lang="{_COPYRIGHT}">')
    return html
