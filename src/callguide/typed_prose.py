"""Facts typed by hand into a page: anything in the prose that looks like a date, an amount, a percentage, a
time, a count, an email address or a URL, outside markers.

Every such fact lives in call.yaml and reaches pages, calendars and the PDF through markers, so all of them
say the same; a fact typed into a page is one that the next edit of call.yaml leaves behind. This scan knows
nothing of the data, so a fact not yet in call.yaml is caught too. ``make check`` (pages.check_pages) runs it
on every page; tests/test_guide_typed_facts.py adds a second net that knows each fact's written forms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .render import ANY_MARKER

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTHS_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"


@dataclass(frozen=True)
class Kind:
    """What a pattern catches, as the message names it in each language."""

    en: str
    ja: str
    pattern: re.Pattern


GENERIC: list[Kind] = [
    Kind("a year in Japanese", "年", re.compile(r"\d{4}\s*年")),
    Kind("a date in Japanese", "日付", re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日")),
    Kind("a month in Japanese", "月", re.compile(r"\d{1,2}\s*月(?:上旬|中旬|下旬|～|~)")),
    Kind("a date in English", "英語の日付", re.compile(rf"(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS}|{MONTHS_SHORT})\b")),
    Kind("a date in English", "英語の日付", re.compile(rf"\b(?:{MONTHS}|{MONTHS_SHORT})\.?\s+\d{{1,4}}(?!\d)")),
    Kind("an ISO date or month", "日付（ISO形式）", re.compile(r"(?<!\d)(?:19|20)\d{2}-\d{2}(?!\d)")),
    # A month and a day (2/13, 2025/2/13, 13/2/2025); not 24/7 nor a page's 1/2 of 3 beyond the calendar.
    Kind("a date with slashes", "日付（/区切り）",
         re.compile(r"(?<![\d/])(?:\d{4}/)?(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?:/\d{1,4})?(?![\d/])|(?<![\d/])(?:3[01]|[12]\d|0?[1-9])/(?:1[0-2]|0?[1-9])/\d{4}(?![\d/])")),
    Kind("a time of day", "時刻", re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)|午前\s*\d|午後\s*\d|(?<!\d)\d{1,2}\s*(?:am|pm)\b", re.IGNORECASE)),
    Kind("an amount in yen", "円の金額", re.compile(r"(?<![\d,.])\d[\d,.]*\s*(?:千|万|億)?\s*円")),
    Kind("an amount in pounds", "ポンドの金額", re.compile(r"(?<![\d,.])\d[\d,.]*\s*(?:千|万|億)?\s*ポンド")),
    Kind("a currency sign or code", "通貨記号・通貨コード", re.compile(r"[£¥￥$€]\s*\d[\d,.]*|\b(?:GBP|JPY|EUR|USD)\s*\d[\d,.]*|(?<![\d,.])\d[\d,.]*\s*(?:GBP|JPY|EUR|USD)\b")),
    Kind("a large number word", "大きな数の単位", re.compile(r"\b(?:million|billion|thousand)\b|(?<![\w.])\d+(?:\.\d+)?(?:m|bn)\b", re.IGNORECASE)),
    Kind("a percentage", "割合", re.compile(r"(?<![\d.])\d[\d.]*\s*(?:%|％|パーセント|percent\b|per\s+cent\b)|\d\s*割")),
    Kind("a grouped number", "桁の大きな数", re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?!\d)|(?<![\d.,])\d{4,}(?!\d)")),
    Kind("a count or length in Japanese", "件数・人数・期間", re.compile(r"(?<!\d)\d+\s*(?:件|機関|名|人|週間|年間|か月|ヶ月|カ月|日間|年程度|年以内)")),
    Kind(
        "a count or length in English",
        "英語の件数・期間",
        re.compile(r"(?<!\d)\d+\s+(?:years?|months?|weeks?|days?|projects?|institutions?|applications?|people|persons?)\b", re.IGNORECASE),
    ),
    Kind("a file size", "ファイルの容量", re.compile(r"(?<!\d)\d+\s*(?:KB|MB|GB)(?![A-Za-z])", re.IGNORECASE)),
    Kind("an email address", "メールアドレス", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    Kind("a URL", "URL", re.compile(r"\bhttps?://|\bwww\.|\bmailto:", re.IGNORECASE)),
]


@dataclass(frozen=True)
class Typed:
    """One thing that looks like a fact typed by hand: where it starts in the text, and what it looks like."""

    pos: int
    found: str
    kind: Kind


# What a reader never sees as prose, blanked before the scan: a marker, an HTML comment or tag, a link's or an
# image's target within the site (an address typed as a target is a typed fact), an attribute list ({#id .class width="1200"}).
_NOT_PROSE = re.compile(r"<!--.*?-->|<[A-Za-z/](?![^>\n]*(?:https?:|mailto:|@))[^>\n]*>|\]\((?!\s*(?:https?:|mailto:|www\.))[^)\n]*\)|\{[:#.][^}\n]*\}|\{\s*[\w-]+=[^}\n]*\}", re.DOTALL)


def without_markers(text: str) -> str:
    """The page as a reader would type it: every {{ … }} blanked (and what is not prose: comments, tags, link
    targets, attribute lists), each character's place kept."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    return _NOT_PROSE.sub(blank, ANY_MARKER.sub(blank, text))


def scan(text: str) -> list[Typed]:
    """Everything in ``text``, outside markers, that looks like a fact typed by hand, in the order of the text;
    one finding for one piece of text (「2025年」 is a year, not also a grouped number 2025)."""
    plain = without_markers(text)
    found = sorted((Typed(m.start(), m.group(0), kind) for kind in GENERIC for m in kind.pattern.finditer(plain)),
                   key=lambda t: (t.pos, -len(t.found)))
    kept: list[Typed] = []
    for typed in found:
        if not kept or typed.pos >= kept[-1].pos + len(kept[-1].found):
            kept.append(typed)
    return kept
