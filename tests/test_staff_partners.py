"""The staff guide's partner sections are true: every message they quote is what the check says (issue 17 part 8).

Sections 8 ("A call with another partner") and 9 ("A call with two partners") of STAFF.md / STAFF.en.md
walk through the edits that turn the 2025 call into the Australian fixture and that add a second partner;
they quote the messages staff meet on the way. Here each edit is made to a copy of the frozen data (the 2025
fixture, or the two-partner fixture) and its pages, and every quoted English message (``path: message``) and
Japanese line (``日本語: …``) must be among what the check reports for them.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bilingual import headlines
from conftest import FIXTURE_2025, FIXTURES
from test_staff_guide import GUIDES, any_line

from callguide import partner_reminders
from callguide.errors import DataError, Problem
from callguide.format import LANGS
from callguide.pages import check_pages
from callguide.pipeline import load
from callguide.render import Context

TWO = FIXTURES / "call-two-partners"
# A quoted message: a fact path or a marker, then what the check says (or a message without a path).
MESSAGE = re.compile(r"`((?:[a-z_]+(?:\.[\w]+)+|\{\{ [^`]+? \}\}): [^`]+|unknown currency code [^`]+)`")
JAPANESE = re.compile(r"`日本語: ([^`]+)`")


def _once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def _rename_id(text: str) -> str:
    return _once(text, "partners:\n  uk:\n", "partners:\n  au:\n")


def _rename_id_in_data(text: str) -> str:
    text = re.sub(r"(?m)^(\s*(?:- )?(?:side|who|where): )uk$", r"\1au", _rename_id(text))
    text = text.replace("side_when: {uk:", "side_when: {au:").replace("      uk: {check:", "      au: {check:")
    return text.replace("partners.uk.", "partners.au.").replace("side_when.uk", "side_when.au")


def _two_deadlines_swapped(text: str) -> str:
    ca = re.search(r"  ca_deadline:\n(?:    .*\n)+?(?=  de_deadline:)", text).group(0)
    return _once(text.replace(ca, "", 1), "  erad_deadline:\n", ca + "  erad_deadline:\n")


# The guide's steps as edits of the frozen data: (data, edit[, a line added to a page]). Pages are the data's own
# (its docs/); the 2025 fixture's frozen pages predate the partner forms (``| name``), so a step adds one.
STEPS = {
    "currency and rate": (FIXTURE_2025, lambda t: _once(_once(t, "    currency: GBP\n", "    currency: AUD\n"), "    exchange_rate: 190\n", "    exchange_rate: 100\n")),
    "a wrong currency code": (FIXTURE_2025, lambda t: _once(t, "    currency: GBP\n", "    currency: AUS\n")),
    "a share as a percentage": (FIXTURE_2025, lambda t: _once(t, "        share: 0.8\n", "        share: 100%\n")),
    "the id renamed in partners": (FIXTURE_2025, _rename_id),
    "the id renamed in the data": (FIXTURE_2025, _rename_id_in_data),
    "the UK call page renamed under sources": (FIXTURE_2025, lambda t: _once(_rename_id_in_data(t), "\n  ukri_call:\n", "\n  partner_call:\n")),
    "a page that names the partner by the old id": (FIXTURE_2025, _rename_id_in_data, "{{ partners.uk | name }}"),
    "an optional fact deleted": (FIXTURE_2025, lambda t: _once(t, t[t.index("    theme:\n") : t.index("    # From UKRI's call page; neither source")], "")),
    "a date only the old partner gave": (FIXTURE_2025, lambda t: _once(t, t[t.index("    side_when: {uk: 2025-10") : t.index("\n", t.index("      en: \"JST's briefing gives the interviews")) + 1], "")),
    "a partner twice": (TWO, lambda t: _once(t, "\n  ca:\n", "\n  de:\n")),
    "a text in one language": (TWO, lambda t: _once(t, "      en: Researchers at a research institution in Canada who are eligible for XRC funding\n", "")),
    "deadlines out of order": (TWO, _two_deadlines_swapped),
    "a side that is no partner": (TWO, lambda t: _once(t, "    side: ca\n", "    side: cn\n")),
    "the partner's zone moved, its deadline not": (FIXTURE_2025, lambda t: _once(t, "    zone: Europe/London\n", "    zone: Australia/Sydney\n")),
    "a second partner's sections not yet on the pages": (TWO, lambda t: t, None, ("{{ checklist.ca_lead | checklist }}", "{{ partners.ca.budget | planner }}")),
}


def said(tmp_path: Path) -> list[Problem]:
    """Every problem the check reports for each step, and its reminders about the sides (partner_reminders)."""
    found = []
    for i, (source, edit, *page_edits) in enumerate(STEPS.values()):
        line, removed = (*page_edits, None, ())[:2] if len(page_edits) != 1 else (page_edits[0], ())
        data = tmp_path / f"{i}.yaml"
        docs = source / "docs"
        if line or removed:
            docs = tmp_path / f"docs-{i}"
            shutil.copytree(source / "docs", docs)
        if line:
            page = docs / "ja" / "index.md"
            page.write_text(page.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
        for marker in removed:  # a section's marker taken out of every page of both languages
            for page in docs.rglob("*.md"):
                page.write_text(page.read_text(encoding="utf-8").replace(marker, ""), encoding="utf-8")
        text = (source / "call.yaml").read_text(encoding="utf-8")
        edited = edit(text)
        assert edited != text or removed
        data.write_text(edited, encoding="utf-8")
        try:
            facts = load(data, "data/call.yaml")
        except DataError as exc:
            found += exc.problems
            continue
        found += check_pages(docs, lambda lang, facts=facts: Context(facts, lang), LANGS, lambda p: p.as_posix())
        found += [Problem("data/call.yaml", 0, 0, *reminder) for reminder in partner_reminders.reminders(facts, docs)]
    return found


def _sections(lang: str) -> str:
    text = GUIDES[lang].read_text(encoding="utf-8")
    return text[text.index("\n## 8."):]


@pytest.fixture(scope="module")
def problems(tmp_path_factory) -> list[Problem]:
    return said(tmp_path_factory.mktemp("walk"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_message_the_partner_sections_quote_is_what_the_check_says(problems, lang):
    messages = {any_line(h.split(": ", 1)[1]) for h in headlines(problems)}
    messages |= {any_line(p.message) for p in problems}
    quoted = MESSAGE.findall(_sections(lang))
    assert len(quoted) >= 11, quoted
    missing = [q for q in quoted if any_line(q) not in messages]
    assert not missing, f"{GUIDES[lang].name} quotes what the check does not say: {missing}"


def test_every_japanese_line_the_partner_sections_quote_is_what_the_check_says(problems):
    japanese = {any_line(p.message_ja) for p in problems}
    quoted = JAPANESE.findall(_sections("ja"))
    assert len(quoted) >= 7, quoted
    assert [q for q in quoted if any_line(q) not in japanese] == []


def test_both_guides_quote_the_same_messages():
    assert MESSAGE.findall(_sections("ja")) == MESSAGE.findall(_sections("en"))
