"""Every number of call.yaml is bounded to what a call can mean and the pages can write.

Babel formats a number through Python's decimal context (28 digits): an amount of 35 digits made
``make check`` and the build end in ``decimal.InvalidOperation``, 54 lines of traceback. Each kind
of number the model reads (an amount, a count, a length, a size, an exchange rate, a rate) gets a
value far too large (or, for a rate, too fine) in the frozen 2025 call, and must come back as one
located problem with its Japanese line, never an exception.
"""
from __future__ import annotations

import pytest
from bilingual import headlines
from conftest import FIXTURE_DATA

from callguide.errors import DataError
from callguide.pipeline import load

BASE = FIXTURE_DATA.read_text(encoding="utf-8")
HUGE = "9" * 35

AMOUNT = ("a number of {n} digits is too large for an amount: an amount has at most 15 digits "
          "(less than 1000000000000000); check the number")
NUMBER = ("a number of {n} digits is too large here: a count, a length or a size has at most 6 digits "
          "(less than 1000000); check the number")
EXCHANGE = ("an exchange rate of {n} digits before the decimal point is too large: at most 6 "
            "(less than 1000000); check the number")
RATE = "write a rate with at most four decimal places, such as 0.225 (got '{got}')"

# (the text in the frozen call, its replacement, the value as written, the path reported, the message)
CASES = [
    ("{amount: 285000000, currency: JPY}", "{amount: 2850000000000000000000000000000000, currency: JPY}",
     "2850000000000000000000000000000000", "budget.japan.direct_cap.amount", AMOUNT.format(n=34)),
    ("cap: 1500000", f"cap: {HUGE}", HUGE, "partners.uk.budget.cap.amount", AMOUNT.format(n=35)),
    ("stated_total_cap: 370000000", f"stated_total_cap: {HUGE}", HUGE, "budget.japan.stated_total_cap", AMOUNT.format(n=35)),
    ("stated_cap_jpy: 285000000", f"stated_cap_jpy: {HUGE}", HUGE, "partners.uk.budget.stated_cap_jpy", AMOUNT.format(n=35)),
    # Python refuses to read an int of more than 4300 digits (ValueError): the digits are counted first.
    ("{amount: 285000000, currency: JPY}", "{amount: " + "1" * 5000 + ", currency: JPY}",
     "1" * 5000, "budget.japan.direct_cap.amount", AMOUNT.format(n=5000)),
    ("awards: {value: 3,", "awards: {value: 30000000000000000000000000000000000,",
     "30000000000000000000000000000000000", "budget.awards.value", NUMBER.format(n=35)),
    ("max_applications: {value: 1,", "max_applications: {value: 1000000,", "1000000", "duplicates.max_applications.value", NUMBER.format(n=7)),
    ("stay: {value: 1,", f"stay: {{value: {HUGE},", HUGE, "joint_call.outgoing_researcher.stay.value", NUMBER.format(n=35)),
    ("travel_plan_years: {min: 2,", f"travel_plan_years: {{min: {HUGE},", HUGE, "contents_rules.travel_plan_years.min", NUMBER.format(n=35)),
    ("upload_size: {value: 8,", f"upload_size: {{value: {HUGE},", HUGE, "apply.upload_size.value", NUMBER.format(n=35)),
    ("exchange_rate: 190", f"exchange_rate: {HUGE}.5", f"{HUGE}.5", "partners.uk.exchange_rate.value", EXCHANGE.format(n=35)),
    # A share this fine makes the largest cost basis (cap / share) a number of 35 digits.
    ("share: 0.8", "share: 0.00000000000000000000000000001", "0.00000000000000000000000000001",
     "partners.uk.budget.basis.share.value", RATE.format(got="0.00000000000000000000000000001")),
]


def outcome(tmp_path, old: str, new: str) -> tuple[list[str] | str, str]:
    """The located problems of the frozen call with one edit, or what else happened (accepted, or an exception)."""
    assert BASE.count(old) == 1, old
    text = BASE.replace(old, new)
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load(path, "data/call.yaml")
    except DataError as exc:
        return headlines(exc.problems), text
    except Exception as exc:  # noqa: BLE001 - what staff would see: a traceback
        return f"traceback: {type(exc).__name__}: {exc}", text
    return "accepted", text


def at(text: str, needle: str) -> str:
    pos = text.index(needle)
    return f"data/call.yaml:{text.count(chr(10), 0, pos) + 1}:{pos - (text.rfind(chr(10), 0, pos) + 1) + 1}"


@pytest.mark.parametrize(("old", "new", "written", "path", "message"), CASES, ids=[c[3] + ("-5000" if len(c[2]) == 5000 else "") for c in CASES])
def test_a_number_too_large_is_a_located_problem(tmp_path, old, new, written, path, message):
    found, text = outcome(tmp_path, old, new)
    assert found == [f"{at(text, written)}: {path}: {message}"]


# Every number of the frozen call at the largest value the model accepts (a rate at its finest).
LARGEST = [
    ("{amount: 380000000, currency: JPY}", "{amount: 999999999999999, currency: JPY}"),
    ("{amount: 285000000, currency: JPY}", "{amount: 999999999999999, currency: JPY}"),
    ("stated_total_cap: 370000000", "stated_total_cap: 999999999999999"),
    ("cap: 1500000", "cap: 999999999999999"),
    ("stated_cap_jpy: 285000000", "stated_cap_jpy: 999999999999999"),
    ("exchange_rate: 190", "exchange_rate: 10000"),
    ("share: 0.8", "share: 0.0001"),
    ("awards: {value: 3,", "awards: {value: 999999,"),
    ("stay: {value: 1,", "stay: {value: 999999,"),
    ("travel_plan_years: {min: 2, max: 3,", "travel_plan_years: {min: 999998, max: 999999,"),
    ("upload_size: {value: 8, unit: MB", "upload_size: {value: 999999, unit: GB"),
    ("min_institutions_per_country: {value: 1,", "min_institutions_per_country: {value: 999999,"),
]


def test_the_largest_numbers_accepted_render_on_every_page(tmp_path):
    """The bounds are inside what Babel can write: with every number at its largest, every fact renders in
    both languages, and so does every marker of every page (the blocks too: planner, checklist, timeline).
    The cross-field rules (a stated figure within 2% of the computed one) are left out: they would stop
    the check before the pages, and what is rendered here is what they would let through at most."""
    from callguide import source_refs
    from callguide.facts import Facts, is_leaf
    from callguide.format import LANGS
    from callguide.loader import load_text
    from callguide.model import Call
    from callguide.pages import check_pages
    from callguide.pipeline import _expected_keys
    from callguide.render import Context, render_marker
    from callguide.types import DerivedMoney

    text = BASE
    for old, new in LARGEST:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    loaded = load_text(text, "data/call.yaml")
    source_refs.take(loaded, lambda loc: "source" in _expected_keys(loc))  # as pipeline.load: the model has no source keys
    facts = Facts(Call.model_validate(loaded.data))
    assert facts.get("partners.uk.budget.cap_jpy").amount > 10**18  # the cap in yen, computed: 20 digits, beyond what may be typed
    for path, value in facts.by_path.items():
        if is_leaf(value) and not isinstance(value, str):
            for lang in LANGS:
                render_marker(path, None, Context(facts, lang))
                if isinstance(value, DerivedMoney):
                    render_marker(path, "exact", Context(facts, lang))
    assert check_pages(FIXTURE_DATA.parent / "docs", lambda lang: Context(facts, lang), LANGS) == []
