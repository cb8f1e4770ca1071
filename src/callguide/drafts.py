"""A draft call (``call.draft: true``, set by ``make new-call``) says so on every output, and is
not built for publishing unless staff say a draft preview is intended.

After ``make new-call`` the draft still carries the previous call's dates: a PDF or a calendar
that does not say "draft" can be taken for the real one. The pages carry the banner
(callguide.banner, whose sentence is reused here); the checklist PDF has a mark on every page,
the calendar in its name and in every event's description; call.json has ``call.draft``.
A build with a public address (``SITE_URL``) or ``mkdocs gh-deploy`` is a build for publishing:
for a draft it stops with a message in both languages, unless ``CALLGUIDE_DRAFT_PREVIEW=1``.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from .errors import JA_PREFIX
from .languages import language

PREVIEW_VARIABLE = "CALLGUIDE_DRAFT_PREVIEW"
# The short mark (calendar name, PDF page margins) and the sentence that says what a draft is (as the pages' banner).
MARK = {"ja": "【下書き】", "en": "[DRAFT]"}
PAGE_MARK = {"ja": "【下書き】確定前の版", "en": "[DRAFT] not final"}
NOTE = {
    "ja": "【下書き】次回公募に向けて準備中の版です。日付・金額・規則はまだ確定していません。",
    "en": "[DRAFT] This version is being prepared for the next call; its dates, amounts and rules are not final.",
}


def note(lang: str) -> str:
    """The sentence a draft's PDF and calendar events carry."""
    return NOTE[lang]


def calendar_name(name: str, lang: str) -> str:
    return f"{MARK[lang]}{language(lang).word_gap}{name}"


def _local(url: str) -> bool:
    return (urlsplit(url).hostname or "") in ("127.0.0.1", "localhost", "::1")


def publishing(command: str | None, site_url: str | None) -> str | None:
    """Why this build is for publishing (None when it is not): `mkdocs gh-deploy`, or a public SITE_URL outside `serve`."""
    if command == "gh-deploy":
        return "mkdocs gh-deploy"
    if command != "serve" and site_url and not _local(site_url):
        return f"SITE_URL={site_url}"
    return None


def refusal(shown: str, why: str) -> str:
    """The message that stops a draft's build for publishing, in English then Japanese."""
    return (
        f"{shown}: call.draft: the call is a draft (draft: true) and this build is for publishing ({why}); "
        f"a draft is not published by mistake, so nothing was built. When the call is final, delete the line draft: true; "
        f"to publish a draft preview on purpose, run again with {PREVIEW_VARIABLE}=1.\n"
        f"{JA_PREFIX}{shown} の公募は下書き（draft: true）ですが、公開用に作ろうとしています（{why}）。"
        f"下書きを誤って公開しないよう、何も作らずに止めました（前のサイトはそのままです）。公募が確定したら draft: true の行を消してください。"
        f"下書きのプレビューを意図して公開するときは、{PREVIEW_VARIABLE}=1 を付けてもう一度実行します。"
    )
