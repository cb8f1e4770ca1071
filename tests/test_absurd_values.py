"""Values no call can mean are refused at their own line: a rate of exchange of zero (or far below any
currency's), a number of awards, applications or institutions of zero, a cap of nothing.

Each passed make check and the build, and published "GBP 1 = JPY 0 … about JPY 0" or "about 0
projects". Edits of the frozen 2025 call.
"""
import pytest
from test_data_errors import BASE, at
from test_data_errors import problems_after_edits as problems_after

from callguide.pipeline import load

NO_STATED = ("      stated_cap_jpy: 285000000\n", "")


@pytest.mark.parametrize("rate", ["0", "0.0", "0.0000001", "20000"])
def test_an_exchange_rate_no_currency_has_is_refused_at_its_line(tmp_path, rate):
    errs, text = problems_after(tmp_path, NO_STATED, ("    exchange_rate: 190\n", f"    exchange_rate: {rate}\n"))
    assert len(errs) == 1, errs
    assert errs[0].startswith(f"{at(text, 'exchange_rate: ', 15)}: partners.uk.exchange_rate.value: ")
    assert f"JPY {rate} for one GBP" in errs[0]


def test_a_zero_exchange_rate_is_reported_with_the_other_problems(tmp_path):
    """Fault 40: with other problems in the file, the rate's own problem is among them, at its line."""
    errs, text = problems_after(
        tmp_path, ("    exchange_rate: 190\n", "    exchange_rate: 0\n"), ("indirect_rate: 0.3", "indirect_rate: 30%")
    )
    assert any(e.startswith(f"{at(text, 'exchange_rate: 0', 15)}: partners.uk.exchange_rate.value: ") for e in errs), errs
    assert any(e.startswith(f"{at(text, '30%')}: budget.indirect_rate.value: ") for e in errs), errs


def test_a_small_real_rate_is_accepted(tmp_path):
    """The yen value of a unit of the smallest currencies in use (a Vietnamese dong, about JPY 0.006)."""
    text = BASE.replace(NO_STATED[0], "").replace("    exchange_rate: 190\n", "    exchange_rate: 0.006\n")
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    assert load(path, "data/call.yaml").call.partners["uk"].exchange_rate.value > 0


@pytest.mark.parametrize(
    "old, new, path",
    [
        ("awards: {value: 3,", "awards: {value: 0,", "budget.awards.value"),
        ("max_applications: {value: 1,", "max_applications: {value: 0,", "duplicates.max_applications.value"),
        ("min_institutions_per_country: {value: 1,", "min_institutions_per_country: {value: 0,", "joint_call.consortium.min_institutions_per_country.value"),
    ],
)
def test_a_count_of_nothing_is_refused_at_its_line(tmp_path, old, new, path):
    errs, text = problems_after(tmp_path, (old, new))
    assert errs == [f"{at(text, new, len(new) - 2)}: {path}: a number of things is at least 1 (got 0)"]


def test_a_cap_of_nothing_is_refused_at_its_line(tmp_path):
    errs, text = problems_after(tmp_path, NO_STATED, ("      cap: 1500000\n", "      cap: 0\n"))
    assert errs == [
        f"{at(text, 'cap: 0', 5)}: partners.uk.budget.cap.amount: a cap of 0 funds nothing: write the amount the call gives "
        "(where a partner's funder states no cap, delete the cap line)"
    ]
