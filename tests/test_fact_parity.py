"""Every fact renders the same in both languages, and every fact in call.json is rendered in both."""
import functools
import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from conftest import pages

from callguide.call_json import META

pytestmark = pytest.mark.build


class FactParser(HTMLParser):
    """Collects (data-fact, canonical value) from elements as built."""

    def __init__(self):
        super().__init__()
        self.facts: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-fact" in a:
            value = a.get("datetime") or a.get("value") or a.get("href", "").removeprefix("mailto:")
            self.facts[(a["data-fact"], value)] += 1


def facts_in(path) -> Counter:
    """The facts of a built page (a copy: the caller may change it)."""
    stat = path.stat()
    return Counter(_facts_in(path, stat.st_size, stat.st_mtime_ns))


@functools.cache
def _facts_in(path, size: int, mtime_ns: int) -> Counter:
    """Parsed once per page as written (its size and time in the key): three tests read every page."""
    parser = FactParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.facts


def leaves(obj, prefix=""):
    """Every fact of call.json with its path (its keys about the file itself, such as format_version, are no facts)."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if not prefix and k in META:
                continue
            yield from leaves(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from leaves(v, f"{prefix}.{i}")
    else:
        yield prefix, obj


def test_every_page_exists_in_both_languages(site):
    lonely = {key: sorted(langs) for key, langs in pages(site).items() if set(langs) != {"ja", "en"}}
    assert lonely == {}


def test_each_page_pair_carries_the_same_facts(site):
    for key, langs in sorted(pages(site).items()):
        ja, en = facts_in(langs["ja"]), facts_in(langs["en"])
        assert ja == en, f"{key}: only in ja {dict(ja - en)}; only in en {dict(en - ja)}"


def test_every_rendered_fact_names_a_path_in_call_json(site):
    data = json.loads((site / "call.json").read_text(encoding="utf-8"))
    paths = {p for p, _ in leaves(data)}
    prefixes = {".".join(p.split(".")[:i]) for p in paths for i in range(1, p.count(".") + 2)}
    for key, langs in pages(site).items():
        for lang, page in langs.items():
            for fact, _ in facts_in(page):
                assert fact in prefixes, f"{lang} {key}: data-fact '{fact}' is not a path in call.json"


def _matches(json_value, rendered: str | None) -> bool:
    if rendered is None:
        return False
    if isinstance(json_value, (int, float)) and not isinstance(json_value, bool):
        try:
            return float(rendered) == float(json_value)
        except ValueError:
            return False
    return rendered == json_value or json_value in rendered.split("/") or rendered.startswith(json_value)


def test_every_number_and_date_in_call_json_is_rendered_in_both_languages(site):
    data = json.loads((site / "call.json").read_text(encoding="utf-8"))
    wanted = [(p, v) for p, v in leaves(data)
              if (isinstance(v, (int, float)) and not isinstance(v, bool)) or (isinstance(v, str) and re.match(r"^\d{4}-\d{2}", v))]
    assert wanted, "call.json has no numeric or date facts"
    for lang in ("ja", "en"):
        rendered = Counter()
        for langs in pages(site).values():
            rendered.update(facts_in(langs[lang]))
        missing = [
            p for p, v in wanted
            if not any((f == p or p.startswith(f + ".")) and _matches(v, val) for f, val in rendered)
        ]
        assert missing == [], f"not rendered in {lang}: {missing}"


def test_call_json_holds_derived_values_and_no_typed_duplicates(site):
    data = json.loads((site / "call.json").read_text(encoding="utf-8"))
    japan = data["budget"]["japan"]
    assert "stated_total_cap" not in japan
    direct, rate = japan["direct_cap"]["amount"], data["budget"]["indirect_rate"]
    assert japan["total_cap"]["amount"] == int(direct * (1 + rate))
    assert japan["total_cap"]["stated"] > 0  # JST's published rounded figure (its value: test_smoke_build on the 2025 fixture)
    for partner in data["partners"].values():
        budget = partner["budget"]
        assert "stated_cap_jpy" not in budget
        if "cap" in budget:
            assert budget["cap"]["currency"] == partner["currency"] == partner["exchange_rate"]["base"]
            assert budget["cap_jpy"]["amount"] == int(budget["cap"]["amount"] * partner["exchange_rate"]["value"])
