"""``make new-call``: archive this year's call and prepare call.yaml for the next (see callguide.archive).

Apart from callguide.archive because it checks the data first (callguide.pipeline), and the
pipeline reads the archive's listing: neither imports the other in a loop.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from .archive import ARCHIVE_DATA, DATA, SNAPSHOTS, write_snapshot
from .loader import load_text, read_bytes
from .pipeline import load_and_check_pages
from .previous import json_file
from .translation_lock import LOCK


class Refused(Exception):
    """new-call will not run; the message says why in both languages."""


def new_call(root: Path, allow_uncommitted: bool = False) -> tuple[int, list[str]]:
    """Archive the current call and prepare call.yaml for the next year; return (year, changed files).

    Refuses (``Refused`` / ``DataError``) before writing anything when the data or a page has a problem,
    when that year is already archived, or (unless ``allow_uncommitted``) when data/call.yaml or docs/
    has changes git has not recorded.
    """
    data = root / DATA
    raw = read_bytes(data, DATA.as_posix())  # read once: checked, archived byte for byte, edited as text
    checked = load_and_check_pages(root, root / "docs", (data, DATA.as_posix()), raw)  # raises DataError
    facts = checked.facts
    year = int(facts.call.call.fiscal_year)
    if facts.call.call.draft:
        raise Refused(
            f"data/call.yaml の{year}年度の公募はまだ下書き（draft: true）です。下書きはアーカイブしません。"
            f"公開後、次の年度を始めるときに make new-call を実行してください。\n"
            f"The {year} call in data/call.yaml is still a draft (draft: true); a draft is not archived. "
            f"Run make new-call when this call is published and the next one is to start."
        )
    target = root / ARCHIVE_DATA / f"{year}.yaml"
    snapshot = root / SNAPSHOTS / str(year)
    if target.exists() or snapshot.exists():
        existing = target if target.exists() else snapshot
        raise Refused(
            f"{existing.relative_to(root)} はすでにあります：{year}年度の公募はアーカイブ済みです。"
            f"call.yaml の call.fiscal_year が新しい年度になっているか確認してください。\n"
            f"{existing.relative_to(root)} already exists: the {year} call is already archived. "
            f"Check call.fiscal_year in call.yaml."
        )
    if not allow_uncommitted:
        from .uncommitted import refusal, uncommitted

        if files := uncommitted(root):
            raise Refused(refusal(files))
    new_text = next_year_text(raw.decode("utf-8-sig"), year)
    moved = load_text(new_text, DATA.as_posix()).data["call"]
    # The fiscal year must have moved on; an id that named the year must name it no more (an id may name none).
    if str(moved.get("fiscal_year")) != str(year + 1) or _year(year).search(str(moved.get("id"))):
        raise Refused(  # a form of the year the text edit does not know: say so before writing anything
            f"data/call.yaml の call.fiscal_year（{year}）と call.id を次の年度に書き換えられませんでした。"
            f"fiscal_year: {year} のように書いてから、もう一度 make new-call を実行してください。\n"
            f"Could not move call.fiscal_year ({year}) and call.id in data/call.yaml on to the next year. "
            f"Write it as fiscal_year: {year} and run make new-call again."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    written = json_file(target)  # the year's call.json: what later years are compared with (previous.py)
    written.write_text(checked.call_json(), encoding="utf-8")
    write_snapshot(root, snapshot)
    lock = root / LOCK
    if lock.is_file():  # the year's confirmed translations go with it; the live lock stays valid (new-call edits no text)
        shutil.copy2(lock, snapshot / LOCK)
    data.write_text(new_text, encoding="utf-8")
    return year, [target.relative_to(root).as_posix(), written.relative_to(root).as_posix(), snapshot.relative_to(root).as_posix() + "/", DATA.as_posix()]


def _year(year: int) -> re.Pattern:
    """``year`` as a number of its own (not inside a longer one), as an id names it: what next_year_text moves on."""
    return re.compile(rf"(?<!\d){year}(?!\d)")


def next_year_text(text: str, year: int) -> str:
    """call.yaml edited as text for the next year (comments and layout kept).

    Moves call.fiscal_year and the year in call.id on by one and marks the call a draft.
    """
    loaded = load_text(text, DATA.as_posix())
    lines = text.splitlines(keepends=True)
    nxt = str(year + 1)

    def edit(key: str, change) -> int:
        line, col = loaded.where(("call", key))
        i = line - 1
        lines[i] = lines[i][: col - 1] + change(lines[i][col - 1 :])
        return i

    # The year as written: plain (2025) or quoted ("2025", '2025'), as an editor or a tool may leave it.
    fy_line = edit("fiscal_year", lambda rest: re.sub(r"^([\"']?)\d{4}(?=\1)", rf"\g<1>{nxt}", rest))
    edit("id", lambda rest: _year(year).sub(nxt, rest))
    if "draft" in loaded.data["call"]:
        edit("draft", lambda rest: re.sub(r"^\S+", "true", rest))
    else:
        indent = re.match(r"\s*", lines[fy_line]).group(0)
        lines.insert(
            fy_line + 1,
            f"{indent}# Set by `make new-call`: every page says the guide is a draft. Delete this line when the call is final.\n"
            f"{indent}draft: true\n",
        )
    return "".join(lines)


__all__ = ["Refused", "new_call", "next_year_text"]
