"""A fictional call (``call.fictional: true``) says so on every output, is kept out of search
engines, and is never built into the project's own ``site/``.

Fictional calls are test fixtures: invented partner calls that exercise the generator (issue 17
part 5). A page, PDF or calendar of one must never be taken for a real JST call, so every output
says it: the pages carry a banner (callguide.banner, with the sentence of ``NOTE``) and
``<meta name="robots" content="noindex">`` and have no sitemap; the checklist PDF has a mark on
every page and the sentence at its top; the calendar has the mark in its name and in every
event's summary, and the sentence first in every event's description; call.json has
``call.fictional``. ``make build`` writes into ``site/``, the folder that is published: a
fictional call built there stops with a located message in both languages, before anything is
written (hooks/draft_guard.py); a build into any other folder (``--site-dir``, as the tests do)
goes ahead.
"""
from __future__ import annotations

from pathlib import Path

from .errors import JA_PREFIX
from .languages import language

# The project's own output folder (Makefile's SITE default, MkDocs' site_dir default): what is published.
PROJECT_SITE = "site"
# The short mark (calendar name and event summaries, PDF page margins) and the sentence that says
# what a fictional call is (the PDF's top, every calendar event's description).
MARK = {"ja": "【架空】", "en": "[FICTIONAL]"}
PAGE_MARK = {"ja": "【架空】実在しない公募", "en": "[FICTIONAL] not a real call"}
NOTE = {
    "ja": "【架空】テスト用に作った架空の公募です。JSTの実際の公募ではありません。",
    "en": "[FICTIONAL] This is an invented call made for testing; it is not a real JST call.",
}


def note(lang: str) -> str:
    """The sentence a fictional call's PDF and calendar events carry."""
    return NOTE[language(lang).code]


def marked(text: str, lang: str) -> str:
    """A calendar's name or an event's summary, with the mark in front."""
    return f"{MARK[language(lang).code]}{language(lang).word_gap}{text}"


def into_project_site(output: Path, project: Path) -> bool:
    """Whether a build writes into the project's own site/ (the published folder)."""
    return output.resolve() == (project / PROJECT_SITE).resolve()


def refusal(shown: str, line: int, col: int, output: str) -> str:
    """The message that stops a fictional call's build into site/, located, in English then Japanese."""
    return (
        f"{shown}:{line}:{col}: call.fictional: the call is fictional (fictional: true), a test fixture, and this build "
        f"writes into the project's own {PROJECT_SITE}/ ({output}), which is published; nothing was built. "
        f"Build it elsewhere (mkdocs build --site-dir <folder>, or make build SITE=<folder>).\n"
        f"{JA_PREFIX}この公募は架空（fictional: true）のテスト用データですが、公開用のフォルダ {PROJECT_SITE}/（{output}）に作ろうとしています。"
        f"架空の公募を誤って公開しないよう、何も作らずに止めました（前のサイトはそのままです）。"
        f"別のフォルダに作ってください（mkdocs build --site-dir <フォルダ> か make build SITE=<フォルダ>）。"
    )
