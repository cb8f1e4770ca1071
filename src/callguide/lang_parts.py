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

_WORD_TAIL = r"(?:[A-Za-z0-9'’-]|&#(?:39|x27);)*"  # after a word's first letter
_WORD = rf"[A-Za-z]{_WORD_TAIL}"
# Two or more English words, not inside a longer token (an address, a path, an entity). The pattern
# opens with its first letter and looks back over it, rather than opening with the look-behind:
# a pattern that opens with a character class lets the regular-expression engine skip ahead to the
# next letter instead of trying every character (a Japanese page's text, at half the time).
_ENGLISH_RUN = re.compile(rf"[A-Za-z](?<![A-Za-z0-9_@./:&#;-][A-Za-z]){_WORD_TAIL}(?:[ \u00a0]+{_WORD})+(?![A-Za-z0-9_@/:-])")
# A stretch of Japanese script: kana and kanji with the full-width and Japanese punctuation around them,
# marked when it holds kana or kanji (punctuation alone is not Japanese). Found as whole stretches and
# then tested, which gives the same runs as one pattern ``[…]*[kana kanji][…]*`` at a third of the time on
# an English page (that pattern opens with an optional part, so the engine tries it at every character).
_JAPANESE_STRETCH = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]+")
_KANA_OR_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_RAW = {"script", "style", "code", "pre", "svg", "textarea", "option", "select", "title", "kbd", "samp"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SELECT_LINK = re.compile(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"')
# The title of a heading's permanent link (the theme writes it in English).
_PERMALINK = {"ja": "この見出しへのリンク", "en": "Permanent link"}
# Runs of each language's script, found in a page of the other language: (pattern, what a match must hold).
_RUN = {"ja": (_JAPANESE_STRETCH, _KANA_OR_KANJI), "en": (_ENGLISH_RUN, None)}
# The language of mkdocs.yml's copyright line in the footer.
_COPYRIGHT = "en"
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
_KINDS: dict[str, dict[str, tuple[bool, str, bool, bool, bool]]] = {}  # other language → tag → _tag_kind


def _tag_kind(tag: str, other: str) -> tuple[bool, str, bool, bool, bool]:
    """(closing, name, opens or closes a raw element, says lang=other, void) of one tag or comment."""
    m = _TAG_NAME.match(tag)
    if not m:
        return (False, "", False, False, False)
    name = m[2].lower()
    return (bool(m[1]), name, name in _RAW and not tag.endswith("/>"), f'lang="{other}"' in tag, name in _VOID)


def mark_language_parts(html: str, lang: str) -> str:
    """Wrap runs of the other language in ``<span lang=…>`` inside the body, outside raw elements.

    This runs on every page, and a page's body is mostly the theme's navigation (as long as the
    site has pages), so it is kept cheap: each distinct tag is read once (``_tag_kind``), and the
    text parts to mark are joined by a NUL, which no run can contain or cross and which the runs'
    look-arounds treat as they treat the start or end of a text, then marked by one ``sub``.
    """
    start = html.find("<body")
    if start < 0:
        return html
    other = languages.other(lang).code
    run, must_hold = _RUN[other]

    def wrap(found: re.Match) -> str:
        return f'<span lang="{other}">{found[0]}</span>' if must_hold is None or must_hold.search(found[0]) else found[0]

    parts = _TAG.split(html[start:])  # text, tag, text, …, text
    raw = 0
    marked: list[str] = []  # open elements already in the other language (e.g. <p lang="en">), innermost last
    kinds = _KINDS.setdefault(other, {})
    outside: list[int] = []  # the text parts neither in a raw element nor in the other language
    for i in range(1, len(parts), 2):
        if raw <= 0 and not marked:
            outside.append(i - 1)
        kind = kinds.get(parts[i])
        if kind is None:
            if len(kinds) > 20000:  # a long `make serve` session: forget the tags of pages since edited
                kinds.clear()
            kind = kinds[parts[i]] = _tag_kind(parts[i], other)
        closing, name, is_raw, in_other, void = kind
        if is_raw:
            raw += -1 if closing else 1
        elif name and not closing and (marked or in_other) and not void:
            marked.append(name)
        elif name and closing and marked and marked[-1] == name:
            marked.pop()
    if raw <= 0 and not marked:
        outside.append(len(parts) - 1)
    if "\0" in html:  # never in a built page; then each part on its own
        for i in outside:
            parts[i] = run.sub(wrap, parts[i])
    elif outside:
        texts = run.sub(wrap, "\0".join(parts[i] for i in outside)).split("\0")
        for i, text in zip(outside, texts, strict=True):
            parts[i] = text
    html = html[:start] + "".join(parts)
    html = _SELECT_LINK.sub(lambda m: f'<a href="{m[1]}" hreflang="{m[2]}" lang="{m[2]}" class="md-select__link"', html)
    if _PERMALINK[lang] != _PERMALINK[_COPYRIGHT]:
        html = html.replace(f'title="{_PERMALINK[_COPYRIGHT]}"', f'title="{_PERMALINK[lang]}"')
    if lang != _COPYRIGHT:
        html = html.replace('<div class="md-copyright">', f'<div class="md-copyright" lang="{_COPYRIGHT}">')
    return html
