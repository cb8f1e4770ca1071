"""Valid staff edits of a call file, for the test that proves they keep the suite green.

Each edit changes the raw tree the strict loader reads (every scalar the string typed), found by
its path, so it applies to whatever the live call.yaml holds today, not to 2025's values. The
edited tree is written back as YAML (comments are not kept: these are throwaway copies).
"""
from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

from callguide.loader import load_file

Tree = dict


def _shift_at(at: str, delta: timedelta) -> str:
    return (datetime.strptime(at, "%Y-%m-%d %H:%M") + delta).strftime("%Y-%m-%d %H:%M")


def _shift_month(month: str, months: int) -> str:
    y, m = map(int, month.split("-"))
    index = y * 12 + (m - 1) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _shift_when(when, days: int):
    """A milestone's time moved by whole days (months by the nearest whole number of months)."""
    if isinstance(when, str):
        return (date.fromisoformat(when) + timedelta(days=days)).isoformat()
    when = dict(when)
    if "at" in when:
        when["at"] = _shift_at(when["at"], timedelta(days=days))
    months = round(days / 30.4)
    for key in ("month", "start", "end"):
        if key in when:
            when[key] = _shift_month(when[key], months)
    return when


def _deadlines(tree: Tree) -> list[str]:
    return [name for name, m in tree["schedule"].items() if isinstance(m.get("when"), dict) and "at" in m["when"]]


def move_one_deadline_by_hours(tree: Tree) -> None:
    """The first deadline three hours later (the same day, or the next)."""
    m = tree["schedule"][_deadlines(tree)[0]]
    m["when"]["at"] = _shift_at(m["when"]["at"], timedelta(hours=3))


def move_the_last_deadline_by_days(tree: Tree) -> None:
    """The last deadline two days later (still before the milestones after it)."""
    m = tree["schedule"][_deadlines(tree)[-1]]
    m["when"]["at"] = _shift_at(m["when"]["at"], timedelta(days=2))


def move_the_first_deadline_after_the_others(tree: Tree) -> None:
    """The first deadline written, six hours after the latest in time (in its own zone): the deadlines are
    then no longer in time order as written."""
    from zoneinfo import ZoneInfo

    def instant(m) -> datetime:
        return datetime.strptime(m["when"]["at"], "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(m["when"]["zone"]))

    schedule = tree["schedule"]
    first = schedule[_deadlines(tree)[0]]
    latest = max(instant(schedule[name]) for name in _deadlines(tree))
    first["when"]["at"] = (latest + timedelta(hours=6)).astimezone(ZoneInfo(first["when"]["zone"])).strftime("%Y-%m-%d %H:%M")


def move_the_whole_schedule_across_a_clock_change(tree: Tree) -> None:
    """Every date of the schedule eight weeks earlier (spring deadlines fall in winter time), and
    the project periods with it."""
    for m in tree["schedule"].values():
        m["when"] = _shift_when(m["when"], -56)


def move_the_prior_notice(tree: Tree) -> None:
    """The first milestone that is a plain date and not the opening: a week earlier."""
    names = [n for n, m in tree["schedule"].items() if isinstance(m["when"], str)]
    m = tree["schedule"][names[-1]]
    m["when"] = _shift_when(m["when"], -7)


def change_counts(tree: Tree) -> None:
    """One more award."""
    awards = tree["budget"]["awards"]
    awards["value"] = str(int(awards["value"]) + 1)


def change_amounts_and_rates(tree: Tree) -> None:
    """A larger Japanese direct cap, another indirect rate and exchange rate, and every published
    rounded figure moved with them, as JST would publish them."""
    budget = tree["budget"]
    rate = 0.25
    budget["indirect_rate"] = str(rate)
    japan = budget["japan"]
    japan["direct_cap"]["amount"] = str(int(japan["direct_cap"]["amount"]) + 15_000_000)
    for partner in tree["partners"].values():
        partner["exchange_rate"] = str(int(partner["exchange_rate"]) - 5)
        cap = partner["budget"].get("cap")
        if cap is not None and "stated_cap_jpy" in partner["budget"]:
            partner["budget"]["stated_cap_jpy"] = str(int(round(int(cap) * int(partner["exchange_rate"]), -6)))
    for block in _blocks(tree):
        if "stated_total_cap" in block and "direct_cap" in block:
            block["stated_total_cap"] = str(int(round(int(block["direct_cap"]["amount"]) * (1 + rate), -6)))


def _blocks(tree):
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from _blocks(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _blocks(value)


def reword_texts_in_both_languages(tree: Tree) -> None:
    """The language notice and the first step reworded, in both languages."""
    notice = tree["call"]["language_notice"]
    notice["ja"] = notice["ja"] + "（改訂版）"
    notice["en"] = notice["en"] + " (revised)"
    for step in tree["apply"]["steps"][:1]:
        text = step["text"]
        text["ja"] = "まず、" + text["ja"]
        text["en"] = "First, " + text["en"][:1].lower() + text["en"][1:]


def _unused(base: str, taken: set[str]) -> str:
    """An id not yet used (a file may already hold an item this series added)."""
    return next(f"{base}_{n}" if n else base for n in range(100) if (f"{base}_{n}" if n else base) not in taken)


def add_a_checklist_item(tree: Tree) -> None:
    role = next(v for v in tree["checklist"].values() if isinstance(v, dict) and "items" in v)
    phase = role["items"][0]["phase"]
    taken = {item["id"] for r in tree["checklist"].values() if isinstance(r, dict) for item in r.get("items", [])}
    role["items"].insert(1, {"id": _unused("staff_added_item", taken), "phase": phase, "text": {"ja": "研究機関の事務担当者に応募を知らせる。", "en": "Tell your institution's research office that you are applying."}})


def remove_a_checklist_item(tree: Tree) -> None:
    role = next(v for v in tree["checklist"].values() if isinstance(v, dict) and "items" in v)
    del role["items"][-1]


def add_a_selfcheck_question(tree: Tree) -> None:
    questions = tree["selfcheck"]["eligibility"]["questions"]
    added = copy.deepcopy(questions[0])
    added["id"] = _unused("staff_added_question", {q["id"] for q in questions})
    added["text"] = {"ja": "（追加の質問）" + added["text"]["ja"], "en": "(Added question) " + added["text"]["en"]}
    questions.append(added)


def remove_a_selfcheck_question(tree: Tree) -> None:
    """The last question and every rule that only it led to."""
    eligibility = tree["selfcheck"]["eligibility"]
    gone = eligibility["questions"].pop()
    used = {r for q in eligibility["questions"] for o in q["options"] for r in o.get("rules", [])}
    dropped = {r for o in gone["options"] for r in o.get("rules", [])} - used
    eligibility["rules"] = [r for r in eligibility["rules"] if r["id"] not in dropped]


def _start_date(when) -> str:
    """The day a milestone starts, as YYYY-MM-DD (a month's first day)."""
    if isinstance(when, str):
        return when
    first = when.get("at") or when.get("start") or when.get("month")
    return first[:10] if len(first) >= 10 else first + "-01"


def add_a_milestone(tree: Tree) -> None:
    """An information session on the first milestone's day, listed right after it (time order kept)."""
    schedule = tree["schedule"]
    first = next(iter(schedule))
    added = {"title": {"ja": "公募説明会", "en": "Information session"}, "when": _start_date(schedule[first]["when"]), "side": "all"}
    items = list(schedule.items())
    schedule.clear()
    schedule.update([items[0], (_unused("staff_added_milestone", {k for k, _ in items}), added), *items[1:]])


EDITS: dict[str, Callable[[Tree], None]] = {f.__name__: f for f in (
    move_one_deadline_by_hours,
    move_the_last_deadline_by_days,
    move_the_first_deadline_after_the_others,
    move_the_whole_schedule_across_a_clock_change,
    move_the_prior_notice,
    add_a_milestone,
    change_counts,
    change_amounts_and_rates,
    reword_texts_in_both_languages,
    add_a_checklist_item,
    remove_a_checklist_item,
    add_a_selfcheck_question,
    remove_a_selfcheck_question,
)}


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    # Keys and ids plain, as staff write them; every other scalar quoted (the loader reads each as the
    # string typed, whatever its look).
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else '"')


_Dumper.add_representer(str, _str)


def edited(live: Path, name: str, out: Path) -> Path:
    """Write the live file with one valid edit applied to ``out``; returns ``out``."""
    tree = load_file(live, live.name).data
    EDITS[name](tree)
    out.write_text(yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return out


def all_edited(live: Path, out: Path) -> Path:
    """Write the live file with every valid edit applied, in order, to ``out``; returns ``out``.
    The file's opening comment lines (the editor's schema line) are kept, as an editor keeps them."""
    text = live.read_text(encoding="utf-8")
    header = ""
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        header += line
    tree = load_file(live, live.name).data
    for edit in EDITS.values():
        edit(tree)
    out.write_text(header + yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return out


if __name__ == "__main__":
    # The acceptance by hand: `python tests/valid_edits.py data/call.yaml` applies every edit to the file
    # in place (on a clone), then `make check` and `make test`.
    import sys

    target = Path(sys.argv[1])
    all_edited(target, target)
    print(f"{target}: {len(EDITS)} valid edits applied: {', '.join(EDITS)}")
