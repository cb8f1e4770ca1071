"""Write site/call.json (the call's facts with their canonical values) and call.schema.json beside it, once per build.

call.json names its schema by the relative "$schema": "call.schema.json", so the two stay side by side.
"""
from __future__ import annotations

from build_state import STATE
from i18n_adapter import is_outer_pass

from callguide.call_json import SCHEMA_FILE
from callguide.timings import step


def on_post_build(config):
    if not is_outer_pass(config):
        return
    site = STATE.site
    with step("call.json", STATE.default_language):
        (site / "call.json").write_text(STATE.check.call_json(), encoding="utf-8")
        (site / SCHEMA_FILE).write_text(STATE.check.call_schema(), encoding="utf-8")
