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


@pytest.mark.xfail(strict=True, reason="numbers are unbounded: Babel raises decimal.InvalidOperation on a 35-digit amount")
@pytest.mark.parametrize(("old", "new", "written", "path", "message"), CASES, ids=[c[3] + ("-5000" if len(c[2]) == 5000 else "") for c in CASES])
def test_a_number_too_large_is_a_located_problem(tmp_path, old, new, written, path, message):
    found, text = outcome(tmp_path, old, new)
    assert found == [f"{at(text, written)}: {path}: {message}"]
