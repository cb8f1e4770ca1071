"""Markers in Markdown pages: found outside code, checked, and replaced by fact elements.

Markers inside fenced code blocks and inline code spans are left alone, so a
page can show the marker syntax itself.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml
from markupsafe import escape

from . import drift, typed_prose
from .errors import DataError, Problem
from .languages import language
from .loader import read_page
from .render import ANY_MARKER, MARKER, Context, MarkerError, as_plain, render_marker, stray_delimiters

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^(?P=indent)?(?P=fence)[`~]*[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_LINK = re.compile(r"\[(?P<label>[^\]\n]+)\]\(\s*\{\{\s*(?P<path>[A-Za-z_][\w.]*)\s*\}\}\s*\)")


def _code_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _FENCE.finditer(text)]
    for m in _INLINE_CODE.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            spans.append(m.span())
    return sorted(spans)


def _outside(spans: list[tuple[int, int]], pos: int) -> bool:
    return not any(a <= pos < b for a, b in spans)


def markers(text: str) -> Iterator[re.Match]:
    """Every ``{{ … }}`` outside code, well-formed or not."""
    spans = _code_spans(text)
    for m in ANY_MARKER.finditer(text):
        if _outside(spans, m.start()):
            yield m


def line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


# The front matter as MkDocs finds it (mkdocs.utils.meta): a YAML block between lines of ---.
_FRONT = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_FRONT_OPENED = re.compile(r"\A-{3}[ \t]*\n")
_FRONT_CLOSE = re.compile(r"^(?:-{3}|\.{3})[ \t]*$", re.MULTILINE)


def front_matter_problem(text: str, file: str) -> Problem | None:
    """The page's front matter, when YAML cannot read it as a mapping: MkDocs would not stop, but show
    the whole block as the page's text, with no title or description (a description that starts with a
    marker must be quoted, or YAML reads its ``{{`` as the start of a mapping); or when no line closes it
    (MkDocs then reads none, and publishes a rule and its 'name: value' lines as the page's first paragraph)."""
    m = _FRONT.match(text)
    if not m:
        opened = _FRONT_OPENED.match(text)
        if opened and not _FRONT_CLOSE.search(text, opened.end()):  # nothing closes it: MkDocs reads no front matter
            return Problem(
                file, 1, 1, "---",
                "the front matter that starts on line 1 is never closed: add a line --- after its last 'name: value' line",
                "1行目から始まるページ先頭の設定（front matter）が閉じられていません。最後の「名前: 値」の行の次に --- だけの行を入れてください。",
            )
        return None
    try:
        data = yaml.safe_load(m["yaml"])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark else 1
        source = m["yaml"].split("\n")[line - 2] if mark else ""
        key, colon, value = source.partition(":")
        key = key.strip()
        col = len(key) + len(colon) + len(value) - len(value.lstrip()) + 1 if colon else 1  # the value's start
        return Problem(
            file, line, col, key,
            f"the front matter is not valid YAML ({getattr(exc, 'problem', None) or exc}); put the value of '{key}' in double quotes",
            f"ページ先頭の設定（front matter）をYAMLとして読めません。「{key}」の値全体を \"…\" で囲んでください（{{{{ }}}} で始まる値は囲む必要があります）。",
        )
    if not isinstance(data, dict):
        return Problem(file, 2, 1, "", "the front matter is not a list of 'name: value' lines", "ページ先頭の設定（front matter）は「名前: 値」の行で書いてください。")
    return None


def check(text: str, file: str, ctx: Context) -> list[Problem]:
    """Every marker of a page that cannot be rendered, with its place (and a front matter YAML cannot read)."""
    front = front_matter_problem(text, file)
    problems = [front] if front else []
    spans = _code_spans(text)
    for pos, found, message, ja in stray_delimiters(text):
        if _outside(spans, pos):
            line, col = line_col(text, pos)
            problems.append(Problem(file, line, col, found, message, ja))
    for m in markers(text):
        line, col = line_col(text, m.start())
        good = MARKER.fullmatch(m.group(0))
        if not good:
            problems.append(
                Problem(
                    file, line, col, m.group(0),
                    "not a fact marker; write {{ path.to.fact }} or {{ path | form }}",
                    "{{ }} の中の書き方が正しくありません。{{ schedule.erad_deadline }} のように事実の名前を書くか、{{ 名前 | 形式 }} と書いてください。",
                )
            )
            continue
        try:
            render_marker(good["path"], good["variant"], ctx)
        except MarkerError as exc:
            problems.append(Problem(file, line, col, m.group(0), str(exc), exc.ja))
    return problems


# A marker alone on its line whose HTML is one block element (see ``replace``'s ``slots``).
_SLOT_TAGS = ("div", "table", "ol", "ul", "form", "section")
_SLOT_HTML = re.compile(r"<(?P<tag>" + "|".join(_SLOT_TAGS) + r")[\s>]")


def slot(index: int) -> str:
    """The stand-in Markdown gets for the block ``slots[index]`` (see ``replace``)."""
    return f'<div data-cg-slot="{index}"></div>'


def fill_slots(html: str, slots: list[str]) -> str:
    """The page's HTML with each stand-in replaced by its block (undoes ``replace``'s ``slots``)."""
    for i, block in enumerate(slots):
        stand_in = slot(i)
        if html.count(stand_in) != 1:
            raise RuntimeError(f"the HTML of block {i} lost its place in the page ({stand_in} found {html.count(stand_in)} times)")
        html = html.replace(stand_in, block, 1)
    return html


def replace(text: str, ctx: Context, slots: list[str] | None = None) -> str:
    """The page with each marker replaced by its rendered HTML (call ``check`` first).

    With ``slots`` (a list to fill), a marker alone on its line whose HTML is one block element
    (a form, a table, a timeline: most of some pages) is replaced by a short stand-in of the same
    kind (``slot``), and its HTML appended to ``slots``; ``fill_slots`` puts it back in the HTML
    Markdown made. Markdown would pass that raw HTML through untouched, but only after parsing
    it tag by tag, a few milliseconds a page, which the stand-in saves. Only HTML that starts with
    a block tag, ends with its end tag and holds no tab, carriage return or blank line (which
    Markdown would rewrite or read as the end of the block), from a marker between blank lines, on
    a page with no ``markdown=`` attribute (inside such an element Markdown re-serialises raw HTML),
    is put aside; tests/test_page_slots.py checks that every page converts to the same HTML either way.
    """
    spans = _code_spans(text)

    def link(m: re.Match) -> str:
        if not _outside(spans, m.start()):
            return m.group(0)
        # Escaped, as render.element writes every attribute: the model refuses an address with a quote
        # or <, but a value that slipped past it must still not end the attribute (test_url_attributes).
        url = ctx.facts.get(m["path"])
        return f'<a href="{escape(str(url))}" data-fact="{m["path"]}">{m["label"]}</a>'

    text = _LINK.sub(link, text)
    spans = _code_spans(text)
    if "markdown=" in text:  # Markdown inside HTML (md_in_html) rewrites the raw HTML within: no stand-ins on this page
        slots = None

    def one(m: re.Match) -> str:
        if not _outside(spans, m.start()):
            return m.group(0)
        html = str(render_marker(m["path"], m["variant"], ctx))
        if slots is not None and _alone(text, m) and _whole_block(html):
            slots.append(html)
            return slot(len(slots) - 1)
        return html

    return MARKER.sub(one, text)


def plain_markers(text: str, ctx: Context) -> str:
    """A text that takes no HTML (a page's meta description in its front matter) with each marker
    replaced by the plain text it reads as on a page (``render.as_plain``)."""
    return MARKER.sub(lambda m: as_plain(render_marker(m["path"], m["variant"], ctx)), text)


def _alone(text: str, m: re.Match) -> bool:
    """The marker is a paragraph of its own: its whole line, with a blank line (or the page's start or end) before and after."""
    before, after = text[max(0, m.start() - 2) : m.start()], text[m.end() : m.end() + 2]
    return (m.start() == 0 or before == "\n\n" or (m.start() == 1 and before == "\n")) and (m.end() == len(text) or after in ("\n\n", "\n"))


def _whole_block(html: str) -> bool:
    m = _SLOT_HTML.match(html)
    return bool(m) and html.endswith(f"</{m['tag']}>") and not any(c in html for c in "\t\r\x02\x03") and "\n\n" not in html


def page_pairs(docs: Path, langs: tuple[str, ...], shown: Callable[[Path], str] = str) -> tuple[dict[str, dict[str, Path]], list[Problem]]:
    """Pages by their path inside each language folder; a page missing in one language is a problem."""
    found: dict[str, dict[str, Path]] = {}
    for lang in langs:
        for page in sorted((docs / lang).rglob("*.md")):
            found.setdefault(page.relative_to(docs / lang).as_posix(), {})[lang] = page
    problems = []
    for rel, by_lang in sorted(found.items()):
        for lang in langs:
            if lang not in by_lang:
                other = shown(next(iter(by_lang.values())))
                name = language(lang).japanese_name
                problems.append(
                    Problem(
                        shown(docs / lang / rel), 1, 1, "",
                        f"page missing: {other} has no {lang} version",
                        f"{name}のページがありません。{other} と同じ名前で {shown(docs / lang / rel)} を作ってください（どのページも日英の両方が必要です）。",
                    )
                )
    return found, problems


# The target of an inline Markdown link or image, up to a space or the closing parenthesis.
_TARGET = re.compile(r"\]\(\s*(?P<target>[^)\s]+)")


def link_problems(text: str, page: Path, file: str, folder: Path, folder_shown: str) -> list[Problem]:
    """Links to a page of the site (a relative address ending in .md, with or without #anchor) whose page
    is not in the language's folder. MkDocs finds them only when it builds, as a WARNING with no place and no
    Japanese; make check is where staff look. Anchors are left to the build: the blocks make many of them."""
    spans = _code_spans(text)
    names = sorted(p.name for p in folder.glob("*.md"))
    docs = folder.parent.resolve()
    problems: list[Problem] = []
    for m in _TARGET.finditer(text):
        target = m["target"]
        path = target.split("#", 1)[0]
        if not path.endswith(".md") or ":" in path or "{{" in target or not _outside(spans, m.start()):
            continue  # an anchor of this page, an address, a marker, or code
        if _page_found(page.parent / path, folder.resolve(), docs):
            continue
        line, col = line_col(text, m.start("target"))
        example = (difflib.get_close_matches(Path(path).name, names, n=1, cutoff=0.75) or names or ["index.md"])[0]
        problems.append(
            Problem(
                file, line, col, target,
                f"link to '{path}': there is no such page in {folder_shown}/; write the name of a page of the same folder, such as {example}",
                f"リンク先「{path}」のページが {folder_shown}/ にありません。同じフォルダーにあるページの名前（例：{example}）を書いてください。",
            )
        )
    return problems


def _page_found(target: Path, folder: Path, docs: Path) -> bool:
    """A link's page is a page of the site (under docs/, as MkDocs resolves it: the other language's page
    too), or one that exists in another language only (page_pairs reports it missing, once). A name the
    file system cannot even look up (too long) is no page."""
    try:
        resolved = target.resolve()
        if resolved.is_file() and docs in resolved.parents:
            return True
        return folder in resolved.parents and any(
            (other / resolved.relative_to(folder)).is_file() for other in docs.iterdir() if other.is_dir()
        )
    except (OSError, ValueError):
        return False


def typed_fact_problems(text: str, file: str) -> list[Problem]:
    """What looks like a fact typed by hand into the page's prose (callguide.typed_prose), code aside."""
    spans = _code_spans(text)
    problems: list[Problem] = []
    for typed in typed_prose.scan(text):
        if not _outside(spans, typed.pos):
            continue
        line, col = line_col(text, typed.pos)
        problems.append(
            Problem(
                file, line, col, typed.found,
                f"'{typed.found}' looks like {typed.kind.en} typed by hand: write the fact in call.yaml and name it here with a marker, "
                "{{ path.to.fact }}, so that every page, calendar and PDF says the same",
                f"「{typed.found}」は手で書いた{typed.kind.ja}のようです。事実は call.yaml に書き、ページでは {{{{ path.to.fact }}}} のようにマーカーで示してください"
                "（どのページ・カレンダー・PDFも同じ値になるように）。",
            )
        )
    return problems


def unreadable_pages(docs: Path, langs: tuple[str, ...], shown: Callable[[Path], str] = str) -> list[Problem]:
    """The problems of the pages ``read_page`` refuses, for a check stopped by the data file before the pages."""
    problems: list[Problem] = []
    for lang in langs:
        for page in sorted((docs / lang).rglob("*.md")):
            try:
                read_page(page, shown(page))
            except DataError as exc:
                problems += exc.problems
    return problems


def heading_id_problems(texts: dict[str, tuple[str, str]]) -> list[Problem]:
    """Heading ids of one page found in one language only (``texts``: {lang: (file as shown, text)}). A
    section is paired with its translation by its heading's {#id} (callguide.drift); an id changed in one
    language leaves two sections each without its other half, which drift alone reports as one changed
    and one new text, and which ``make confirm`` would then record as such."""
    ids = {lang: {ident: line for ident, line, _ in drift.sections(text) if ident} for lang, (_, text) in texts.items()}
    problems: list[Problem] = []
    for lang, (file, text) in texts.items():
        lines = text.split("\n")
        for ident, line in ids[lang].items():
            if "@" in ident:  # drift.sections names a second use of an id id@2
                first = ident.split("@")[0]
                col, written = _heading_id_at(lines, line, first)
                problems.append(
                    Problem(
                        file, line, col, written,
                        f"heading id '#{first}' is used twice in this page (first on line {ids[lang][first]}): give this heading an id of its own",
                        f"見出しの id「#{first}」がこのページで2度使われています（最初は {ids[lang][first]} 行目）。この見出しには別の id を付けてください。",
                    )
                )
        for other, (other_file, _) in texts.items():
            if other == lang:
                continue
            for ident, line in ids[lang].items():
                if ident in ids[other] or "@" in ident:
                    continue
                col, written = _heading_id_at(lines, line, ident)
                problems.append(
                    Problem(
                        file, line, col, written,
                        f"heading id '#{ident}' is not in {other_file}: a section is paired with its translation by its heading's id; "
                        f"give the heading the same id in both languages, or add the section to {other_file}",
                        f"見出しの id「#{ident}」が {other_file} にありません。日英の節は見出しの id で対応づけられます。"
                        f"両方の言語で同じ id にするか、{other_file} にもこの節を作ってください。",
                    )
                )
    return problems


def _heading_id_at(lines: list[str], line: int, ident: str) -> tuple[int, str]:
    """Where a heading's {#id} starts on its line, and the id as written there."""
    col = lines[line - 1].find("{#") + 1 or 1
    return col, (lines[line - 1][col - 1:].strip() if col > 1 else f"{{#{ident}}}")


def check_pages(docs: Path, make_ctx: Callable[[str], Context], langs: tuple[str, ...], shown: Callable[[Path], str] = str) -> list[Problem]:
    """Check every page of every language before anything is written (a page that cannot be read is a problem, its markers unchecked)."""
    found, problems = page_pairs(docs, langs, shown)
    for by_lang in found.values():
        texts: dict[str, tuple[str, str]] = {}
        for lang, page in by_lang.items():
            try:
                text = read_page(page, shown(page))
            except DataError as exc:
                problems += exc.problems
                continue
            texts[lang] = (shown(page), text)
            problems += check(text, shown(page), make_ctx(lang))
            problems += link_problems(text, page, shown(page), docs / lang, shown(docs / lang))
            problems += typed_fact_problems(text, shown(page))
        if len(texts) > 1:
            problems += heading_id_problems(texts)
    return problems
