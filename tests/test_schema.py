"""The editor schema is generated from the model and named at the top of call.yaml."""
import json

from conftest import DATA, ROOT

from callguide.schema import schema_text


def test_schema_is_up_to_date():
    on_disk = (ROOT / "data" / "call.schema.json").read_text(encoding="utf-8")
    assert on_disk == schema_text(), "data/call.schema.json is stale: run `make schema`"


def test_call_yaml_names_the_schema():
    first = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=call.schema.json"


def test_the_schemas_describe_the_model_without_naming_a_partner():
    """Both schemas (call.yaml's for editors, call.json's published in the site) come from the model's
    descriptions: those must hold for any partner, not name the 2025 call's (issue 17 part 3)."""
    import re

    from callguide import call_json

    words = re.compile(r"\bUK\b|英国|日英|EPSRC|UKRI|Funding Service|\bGBP\b|ポンド|\bpounds?\b|\bFEC\b|full economic cost")

    def descriptions(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    yield value
                else:
                    yield from descriptions(value)
        elif isinstance(node, list):
            for value in node:
                yield from descriptions(value)

    for schema in (json.loads(schema_text()), call_json.schema()):
        assert [d for d in descriptions(schema) if words.search(d)] == []
