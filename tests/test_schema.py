"""The editor schema is generated from the model and named at the top of call.yaml."""
from conftest import DATA, ROOT

from callguide.schema import schema_text


def test_schema_is_up_to_date():
    on_disk = (ROOT / "data" / "call.schema.json").read_text(encoding="utf-8")
    assert on_disk == schema_text(), "data/call.schema.json is stale: run `make schema`"


def test_call_yaml_names_the_schema():
    first = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=call.schema.json"
