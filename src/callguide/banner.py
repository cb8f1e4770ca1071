"""Notices at the top of every page: an archived call (kept for reference) and a draft call.

An archived year is built from its frozen snapshot with ``CALLGUIDE_ARCHIVE`` set
(see callguide.archive); its pages say which call they describe, that it is over,
and link to the current guide's home in the same language. The link is relative,
so it works at any base path: an archived page at ``<base>/archive/<year>/<page>``
goes up its own depth plus ``archive/<year>/``. A draft call (``call.draft: true``,
set by ``make new-call``) says so on every page until staff delete the line, and how many of its
dates are still the previous call's (``make check`` lists them). A fictional call
(``call.fictional: true``, a test fixture; callguide.fictional) says so on every page, which is
then not indexed.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import Markup

from .blocks import render_template
from .format import fiscal_year
from .languages import DEFAULT, language
from .render import Context, render_marker

if TYPE_CHECKING:
    from .facts import Facts

LABELS = {
    "ja": {
        "region": "この案内について",
        "archived": "これは{year}の公募の案内です（終了）。",
        "current": "現在の公募はこちら",
        "draft": "下書き：次回公募に向けて準備中の版です。日付・金額・規則はまだ確定していません。",
        "fictional": "架空の公募：この案内はテスト用に作った架空の公募のものです。JSTの実際の公募ではありません。",
        "carried": "{count}件の日付が、まだ{year}の公募と同じです（一覧は {command} で表示されます）。",
        "carried_one": "{count}件の日付が、まだ{year}の公募と同じです（一覧は {command} で表示されます）。",
    },
    "en": {
        "region": "About this guide",
        "archived": "This is the guide to the {year} call, kept for reference.",
        "current": "The current call is here",
        "draft": "Draft: this version is being prepared for the next call; its dates, amounts and rules are not final.",
        "fictional": "Fictional call: this guide describes an invented call made for testing; it is not a real JST call.",
        "carried": "{count} dates are still those of the {year} call ({command} lists them).",
        "carried_one": "{count} date is still that of the {year} call ({command} lists it).",
    },
}

_HEADER_END = re.compile(r"</header>")
_HEAD_END = re.compile(r"</head>")


def current_home(page_path: str, lang: str, default_lang: str = DEFAULT.code) -> str:
    """The relative address of the current guide's home from an archived page at ``page_path``.

    ``page_path`` is the page's path inside the archived site, language folder included
    (``budget/``, ``en/budget/``, ``en/``, ``""``).
    """
    depth = page_path.count("/") + 2  # + archive/<year>/
    return "../" * depth + ("" if lang == default_lang else f"{lang}/")


def banner(ctx: Context, page_path: str, archived: str | None, carried: tuple[int, int] | None = None) -> Markup:
    """The notice for one page, or nothing for the current, final call. ``carried``: how many of a
    draft's dates are still the previous call's, and that call's year (``pipeline.Checked.carried``)."""
    draft = bool(ctx.facts.call.call.draft)
    fictional = bool(ctx.facts.call.call.fictional)
    if not archived and not draft and not fictional:
        return Markup("")
    t = LABELS[ctx.lang]
    archived_text = None
    if archived:
        year = render_marker("call.fiscal_year", None, ctx)
        archived_text = Markup(t["archived"]).format(year=year)  # escapes nothing but the year
    carried_text = None
    if draft and carried:
        # The draft's dates still the previous call's (pipeline: Checked.reminders), for staff previewing with make serve.
        command = Markup('<code lang="en">make check</code>')
        count, year = carried
        carried_text = Markup(t["carried_one" if count == 1 else "carried"]).format(count=count, year=fiscal_year(year, ctx.lang), command=command)
    return render_template(
        "banner.html",
        t=t,
        archived=archived_text,
        carried=carried_text,
        home=current_home(page_path, ctx.lang) if archived else None,
        draft=draft,
        fictional=fictional,
        sep=language(ctx.lang).word_gap,  # Japanese sentences join without a space
    )


def noindex(facts: Facts, archived: str | None) -> bool:
    """Whether search engines are asked to leave the pages out: an archived year's (the current guide is
    the one to find) and a fictional call's (a test fixture, never to be taken for a real call)."""
    return bool(archived) or bool(facts.call.call.fictional)


def insert(html: str, notice: Markup, noindex: bool = False) -> str:
    """Put the notice right after the theme's header (top level, before the content) on a page."""
    if notice:
        html = _HEADER_END.sub(lambda m: m.group(0) + str(notice), html, count=1)
    if noindex:
        html = _HEAD_END.sub(lambda m: '<meta name="robots" content="noindex">\n' + m.group(0), html, count=1)
    return html
