"""Located, human-readable problems in the data file or the pages, in English and Japanese.

Staff who edit call.yaml are not programmers: every problem is reported as
``file:line:col: path: message`` and all problems are collected before stopping.
The next line, indented, says the same in Japanese and what to do, for staff who
read Japanese first. Both languages are written together where the problem is
found; a Problem cannot be made without its Japanese.
"""
from __future__ import annotations

from dataclasses import dataclass

# How the Japanese explanation is set under the located English line.
JA_PREFIX = "    日本語: "


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, pointing at a place in a file, said in English and in Japanese."""

    file: str
    line: int
    col: int
    path: str
    message: str
    message_ja: str
    # Lines shown under the Japanese one when the message needs the texts themselves (translation drift:
    # both languages, confirmed and now); empty for every other problem, which stays two lines.
    detail: str = ""

    @property
    def headline(self) -> str:
        """The first line, ``file:line:col: path: message`` (tools and editors read this one)."""
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def __str__(self) -> str:
        text = f"{self.headline}\n{JA_PREFIX}{self.message_ja}"
        return f"{text}\n{self.detail}" if self.detail else text


class Explained(Exception):
    """An error whose text is English (``str(exc)``) with its Japanese explanation in ``ja``."""

    def __init__(self, message: str, ja: str):
        super().__init__(message)
        self.ja = ja

    def bilingual(self) -> str:
        return f"{self}\n{JA_PREFIX}{self.ja}"


class MarkerError(Explained):
    """A marker that names no fact, or asks a fact for a form it does not have (English and Japanese)."""


BUILT = ("nothing was built", "直すまでサイトは作られません（公開中のサイトはそのままです）。")


def summary(count: int, outcome_en: str = BUILT[0], outcome_ja: str = BUILT[1]) -> str:
    """The closing lines under a list of problems: what did not happen, in both languages."""
    return f"{count} problem(s); {outcome_en}.\n{JA_PREFIX}問題が {count} 件あります。{outcome_ja}"


def reminders_heading(count: int) -> str:
    """The line above a draft's reminders (problems that do not stop the build while ``draft: true``)."""
    return (
        f"{count} reminder(s): dates still those of the previous call; fine in a draft, errors once draft: true is removed:\n"
        f"{JA_PREFIX}前年度の公募と同じ日時が {count} 件あります。下書きの間は確認のための一覧で、draft: true を消すとエラーになります。"
    )


def links_heading(count: int) -> str:
    """The line above the official documents still without an address (a reminder, not an error)."""
    return (
        f"{count} reminder(s): official documents without an address yet (pages name them without a link):\n"
        f"{JA_PREFIX}アドレスが未記入の公式資料が {count} 件あります（ページではリンクなしで名前を表示します）。エラーではありません。"
    )


def unsourced_heading(count: int) -> str:
    """The line above the facts whose block names no source (a reminder, not an error)."""
    return (
        f"{count} reminder(s): facts whose block names no source (fill in `source:`; see the staff guide's 'Sources'):\n"
        f"{JA_PREFIX}出典（source:）が書かれていない事実が {count} 件あります。エラーではありませんが、スタッフガイドの「出典」に従って書き足してください。"
    )


class DataError(Exception):
    """Raised with every problem found; its text is the list, each problem on two lines."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
