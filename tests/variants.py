"""Variants of the frozen 2025 call, made by a few edits of its text (so they follow the fixture as it migrates).

``eur_berlin``: the partner's currency is the euro (``partners.uk.currency``: its cap and exchange rate
follow) and its zone Europe/Berlin; the call's own name for the pound (ポンド) goes with it, so the euro
is named as CLDR names it (ユーロ).
``fictional``: the call marked as invented (``call.fictional: true``).
"""
from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_DATA

EUR_BERLIN_EDITS = (
    ("    GBP: {ja: ポンド}\n", ""),
    ("    currency: GBP\n", "    currency: EUR\n"),
    ("    zone: Europe/London\n", "    zone: Europe/Berlin\n"),
    ("zone: Europe/London}", "zone: Europe/Berlin}"),
)


def edited(edits: tuple[tuple[str, str], ...]) -> str:
    """The fixture's text with each edit made once; an edit whose anchor is gone fails loudly."""
    text = FIXTURE_DATA.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"the variant's anchor is no longer in the fixture: {old!r}"
        text = text.replace(old, new, 1)
    return text


def eur_berlin(folder: Path) -> Path:
    """call.yaml of the euro/Berlin variant, written into folder."""
    path = folder / "call.yaml"
    path.write_text(edited(EUR_BERLIN_EDITS), encoding="utf-8")
    return path


# ``three_deadlines``: a second deadline on the partner's side, in a third zone (New York, EDT in May),
# a day before the UK's and two before e-Rad's; 11:00 there is 00:00 the next day in Japan (the wording
# rule for a converted midnight): three deadlines on three days in three zones.
THIRD_DEADLINE = (
    "  uk_deadline:\n    title:\n",
    "  uk_intent:\n"
    "    title:\n"
    "      ja: 英国側の事前登録締切\n"
    "      en: UK registration of intent\n"
    '    when: {at: "2025-05-07 11:00", zone: America/New_York}\n'
    "    side: uk\n"
    "  uk_deadline:\n    title:\n",
)
THREE_DEADLINES_EDITS = (THIRD_DEADLINE,)


def three_deadlines(folder: Path) -> Path:
    """call.yaml of the variant with three deadlines on different days in different zones, written into folder."""
    path = folder / "call.yaml"
    path.write_text(edited(THREE_DEADLINES_EDITS), encoding="utf-8")
    return path


# ``fictional``: the frozen call marked as an invented one (call.fictional: true), as issue 17's partner fixtures are.
FICTIONAL_EDITS = (("  fiscal_year: 2025\n", "  fiscal_year: 2025\n  fictional: true\n"),)


def fictional(folder: Path) -> Path:
    """call.yaml of the fictional variant, written into folder."""
    path = folder / "call.yaml"
    path.write_text(edited(FICTIONAL_EDITS), encoding="utf-8")
    return path
