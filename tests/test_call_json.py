"""call.json for its readers: every text in plain words per language, and a published schema it validates against."""
import functools
import json
from datetime import datetime
from urllib.parse import urljoin

import jsonschema
import pytest
from conftest import DATA

from callguide import call_json
from callguide.derived import derived
from callguide.pipeline import load
from callguide.render import plain

# jsonschema checks "date" itself; "date-time" only with a package the project does not need, so here:
# an ISO 8601 time with its offset, as call.json writes deadlines.
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _aware_time(value) -> bool:
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


@pytest.fixture(scope="module")
def facts():
    return load(DATA, "data/call.yaml")


def strings(obj, path=""):
    """Every string value in a JSON tree, with its dotted path."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings(v, f"{path}.{k}" if path else k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from strings(v, f"{path}.{i}")
    elif isinstance(obj, str):
        yield path, obj


def at(tree, path: str):
    for part in path.split("."):
        tree = tree[int(part)] if isinstance(tree, list) else tree[part]
    return tree


def test_call_json_holds_no_raw_marker(facts):
    data = json.loads(call_json.text(facts))
    raw = [path for path, text in strings(data) if "{{" in text or "}}" in text]
    assert raw == []


def test_each_text_reads_as_on_the_pages_in_each_language(facts):
    data = json.loads(call_json.text(facts))
    texts = list(facts.texts())
    assert len(texts) > 100
    for path, _ in texts:
        for lang in ("ja", "en"):
            assert at(data, path)[lang] == plain(facts, path, lang), f"{path}.{lang}"


@pytest.mark.build
def test_published_call_json_validates_against_the_schema_it_names(site):
    data = json.loads((site / "call.json").read_text(encoding="utf-8"))
    ref = data["$schema"]
    # A relative reference resolves beside call.json wherever the site is published (any base path).
    for base in ("https://example.org/call.json", "https://example.org/a/sub/path/call.json"):
        folder = base.rsplit("/", 1)[0] + "/"
        resolved = urljoin(base, ref)
        assert resolved.startswith(folder), f"$schema {ref!r} leaves call.json's folder at {base}"
    schema = json.loads((site / urljoin("https://x/", ref).removeprefix("https://x/")).read_text(encoding="utf-8"))
    assert validation_errors(data, schema) == []
    assert isinstance(data["format_version"], str) and data["format_version"].isdigit()


def validation_errors(data, schema) -> list[str]:
    validator = jsonschema.validators.validator_for(schema)
    _check_schema(json.dumps(schema, sort_keys=True))
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema, format_checker=FORMATS).iter_errors(data)]


@functools.cache
def _check_schema(text: str) -> None:
    """The schema itself checked against its meta-schema, once per schema text (it takes most of a second,
    and tests/test_valid_edits.py validates a call.json against the same schema for every edit)."""
    schema = json.loads(text)
    jsonschema.validators.validator_for(schema).check_schema(schema)


@pytest.mark.build
def test_published_schema_is_the_one_the_code_makes(site):
    assert (site / "call.schema.json").read_text(encoding="utf-8") == call_json.schema_text()
    assert not (site / "en" / "call.json").exists()  # call.json is published once, at the root, beside its schema


def test_call_json_validates_against_its_schema(facts):
    assert validation_errors(json.loads(call_json.text(facts)), call_json.schema()) == []


def test_the_schema_refuses_what_call_json_never_holds(facts):
    schema = call_json.schema()
    data = json.loads(call_json.text(facts))
    data["budget"]["japan"]["stated_total_cap"] = 370_000_000  # a typed figure a derived value replaces
    data["budget"]["awards"]["bound"] = None  # an absent value is left out, never null
    del data["schedule"]["results"]["tentative"]  # a field with a default is always written
    data["call"]["name"]["fr"] = "Appel"  # a text is ja and en (and the model's own keys), nothing else
    data["format_version"] = str(int(call_json.FORMAT_VERSION) + 1)
    data["schedule"]["erad_deadline"]["when"]["at"] = "2025-05-09T14:00:00"  # a deadline carries its offset
    data["call"]["data_as_of"] = "2025-02-30"
    assert sorted({e.split(":")[0] for e in validation_errors(data, schema)}) == [
        "budget.awards.bound", "budget.japan", "call.data_as_of", "call.name", "format_version", "schedule.erad_deadline.when", "schedule.results",
    ]


def test_call_json_is_marked_with_its_format(facts):
    data = json.loads(call_json.text(facts))
    assert list(data)[:3] == ["$schema", "format_version", "fact_sources"] == list(call_json.META)
    assert data["$schema"] == "call.schema.json" and data["format_version"] == call_json.FORMAT_VERSION


def test_a_change_of_shape_comes_with_a_new_format_version():
    assert call_json.shape_fingerprint() == call_json.FORMAT_SHAPE, (
        f"call.json's shape changed: raise FORMAT_VERSION (now {call_json.FORMAT_VERSION}) in src/callguide/call_json.py and set "
        f"FORMAT_SHAPE = \"{call_json.shape_fingerprint()}\" (only FORMAT_SHAPE when nothing call.json can hold has changed, "
        "as when a library update writes the same schema differently)"
    )


def test_each_derived_value_is_of_its_declared_kind(facts):
    for d in derived(facts.call):
        assert type(facts.get(d.path)) is d.kind, d.path



def test_a_text_keeps_its_other_keys(facts, monkeypatch):
    """A key of a text besides ja and en (such as a flag marking the guide's own words) stays as the model writes it."""
    from callguide.facts import Facts
    from callguide.model import Call

    dump = Call.model_dump

    def with_flag(self, **kwargs):
        tree = dump(self, **kwargs)
        tree["call"]["name"]["own"] = True
        return tree

    monkeypatch.setattr(Call, "model_dump", with_flag)
    assert json.loads(call_json.text(Facts(facts.call)))["call"]["name"] == {"ja": plain(facts, "call.name", "ja"), "en": plain(facts, "call.name", "en"), "own": True}


def test_the_2025_call_name_reads_as_published():
    """A value of the frozen 2025 call: its name with the fiscal year marker resolved."""
    from conftest import FIXTURE_DATA

    data = json.loads(call_json.text(load(FIXTURE_DATA, "call.yaml")))
    assert data["call"]["name"] == {"ja": "ASPIRE 2025年度 日英量子共同公募", "en": "ASPIRE 2025 Japan–UK Joint Call for Quantum Technologies"}
