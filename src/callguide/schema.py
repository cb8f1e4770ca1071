"""JSON Schema of call.yaml, generated from the model, for editors (yaml-language-server).

Regenerate with ``make schema``; a test fails when data/call.schema.json is stale.
"""
from __future__ import annotations

import json
import sys

from .model import Call


def schema_text() -> str:
    schema = Call.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ASPIRE call data (data/call.yaml)"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
