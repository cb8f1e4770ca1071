"""The search index of each language, with Japanese segmented into words at build time.

Material's search plugin collects the sections of every page (it already honours
``data-search-exclude`` and splits pages at headings). Its single index of both languages,
searched by lunr with a character-level guess at Japanese words, found compounds by their
characters and answered English searches with Japanese pages. From its entries this module
writes one small index per language:

- text is plain (block elements end with a space, so labels do not run together);
- Japanese runs are cut into words by SudachiPy (a morphological analyser, mode A: the
  shortest units, so every word a reader may type starts and ends on a cut) and the cuts are
  marked with U+200B ZERO WIDTH SPACE. The worker in the browser (callguide/worker/search.js)
  matches a query only where it starts and ends on such a cut: 研究セキュリティ matches
  "研究セキュリティ" and not "研究" alone, 研究 matches inside 研究者 (研究|者).
- each page's first section gets the page's ``<h1>`` id, so a result always opens at a section.

Segmenting costs ~0.1 s to load the dictionary and ~0.1 s per language build; the result is
kept per text in the cache (CALLGUIDE_CACHE_DIR), so a build whose texts have not changed does
not even import the analyser.
"""
from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import quote, urlencode

from .cache import Store, content_hash
from .languages import DEFAULT, OTHERS, language

CUT = "\u200b"
_BLOCK_TAG = re.compile(
    r"</?(?:p|li|ul|ol|dl|dt|dd|div|table|thead|tbody|tfoot|tr|td|th|caption|h[1-6]|br|hr|blockquote|pre|details|summary"
    r"|section|article|aside|figure|figcaption|label|legend|fieldset|form|nav|header|footer)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_RUN = re.compile(r"\S+")
_LIBRARIES = ("sudachipy", "sudachidict-small")
INDEX_FORMAT = 2  # bump when the shape of the cached or written data changes


def plain(fragment: str) -> str:
    """The text of an HTML fragment: a space where a block element starts or ends, tags dropped, entities decoded."""
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", fragment))
    return _SPACE.sub(" ", html.unescape(text)).strip()


@functools.cache
def _tokenizer():
    from sudachipy import Dictionary, SplitMode  # imported only when a text is not in the cache

    tokenizer = Dictionary(dict="small").tokenizer()
    return lambda text: [m.surface() for m in tokenizer.tokenize(text, SplitMode.A)]


def _cut(run: str) -> str:
    """A run of text without spaces, with CUT between the analyser's words (only where Japanese is involved)."""
    if not _JAPANESE.search(run):
        return run
    return CUT.join(w for w in _tokenizer()(run) if w)


@dataclass
class Segmenter:
    """Japanese text with word cuts marked, remembered by the text's hash (in ``cache_file`` when given)."""

    cache_file: Path | None = None
    known: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed: bool = False

    def __post_init__(self):
        stored = self._store().read(self.cache_file.name) if self.cache_file else None
        if stored is not None:
            try:
                self.known = json.loads(stored.decode("utf-8"))
            except ValueError:
                self.known = {}

    def _store(self) -> Store:
        """The cut texts' cache: one file per analyser version, the two most recently used kept."""
        return Store(self.cache_file.parent if self.cache_file else None, keep=2, patterns=("cuts-*.json",))

    def __call__(self, text: str) -> str:
        if not _JAPANESE.search(text):
            return text
        key = content_hash(text)
        self.used.add(key)
        cut = self.known.get(key)
        if cut is None or cut.replace(CUT, "") != text:
            cut = _RUN.sub(lambda m: _cut(m[0]), text)
            self.known[key] = cut
            self.changed = True
        return cut

    def save(self) -> None:
        """Keep the cut texts of this build only (so the file does not grow with every edit)."""
        if not self.cache_file or not (self.changed or self.used != self.known.keys()):
            return
        kept = {k: v for k, v in self.known.items() if k in self.used}
        self._store().write(self.cache_file.name, json.dumps(kept, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        self.known, self.changed = kept, False


def cache_file(cache_dir: Path) -> Path:
    """Where cut texts are kept: named after the analyser's and the dictionary's versions."""
    stamp = "-".join(f"{name}{version(name)}" for name in _LIBRARIES)
    return cache_dir / "search" / f"cuts-{INDEX_FORMAT}-{stamp}.json"


def language_of(location: str, others: tuple[str, ...] = OTHERS) -> str | None:
    """The language of an index location ('en/budget/#caps' → 'en'); None for the default language."""
    first = location.split("/", 1)[0]
    return first if first in others else None


def build_indexes(entries: list[dict], h1_ids: dict[str, str], segment: Segmenter, default: str = DEFAULT.code,
                  others: tuple[str, ...] = OTHERS) -> dict[str, list]:
    """Per language, its pages: ``[page location, title, [[anchor, title, text], ...]]``, texts plain, Japanese cut.

    ``entries`` are Material's search entries (location, title, text as HTML), each page's entry
    before its sections. ``h1_ids`` maps a page location to the id of its ``<h1>``, which becomes
    the anchor of the page's first section (its text before the first sub-heading).
    """
    out: dict[str, list] = {lang: [] for lang in (default, *others)}
    pages: dict[str, list] = {}
    for entry in entries:
        location = entry["location"]
        page, _, anchor = location.partition("#")
        lang = language_of(page, others) or default
        title = plain(entry.get("title") or "")
        text = plain(entry.get("text") or "")
        if page not in pages:
            pages[page] = [page, segment(title), []]
            out[lang].append(pages[page])
        if not anchor:
            anchor = h1_ids.get(page, "")
        sections = pages[page][2]
        if any(s[0] == anchor for s in sections):
            continue  # static-i18n may list a page twice
        sections.append([anchor, segment(title), segment(text)])
    return out


def write_indexes(indexes: dict[str, list], folder: Path, write) -> dict[str, str]:
    """Write ``<lang>.json`` into ``folder`` with ``write(path, bytes)``; return each file's short content hash."""
    hashes = {}
    for lang, pages in indexes.items():
        data = json.dumps(pages, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write(folder / f"{lang}.json", data)
        hashes[lang] = hashlib.sha1(data).hexdigest()[:8]
    return hashes


def worker_query(lang: str) -> str:
    """The query of the search worker's address on a page in ``lang``: what the worker needs to know of
    the language, from the languages table (its index, its Intl locale, the length of a result's
    snippet, the gap between its words), so that worker/search.js compares no language code."""
    lg = language(lang)
    return urlencode({"lang": lg.code, "locale": lg.bcp47, "snippet": lg.search_snippet, "gap": lg.word_gap}, quote_via=quote)
