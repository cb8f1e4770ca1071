"""The build makes both languages and call.json."""
import json

import pytest

pytestmark = pytest.mark.build


def test_build_writes_both_languages_and_call_json(site):
    assert (site / "index.html").exists()
    assert (site / "en" / "index.html").exists()
    data = json.loads((site / "call.json").read_text(encoding="utf-8"))
    assert data["schedule"]["erad_deadline"]["when"]["at"] == "2025-05-09T14:00:00+09:00"
