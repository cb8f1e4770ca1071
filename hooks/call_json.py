"""Write site/call.json: the call's facts with their canonical values, once per build."""
from __future__ import annotations

from pathlib import Path

from callguide.site import STATE, current_language
from callguide.timings import step


def on_post_build(config):
    if current_language(config) != STATE.default_language:
        return
    out = Path(config.site_dir) / "call.json"
    with step("call.json", STATE.default_language):
        out.write_text(STATE.facts.json_text(), encoding="utf-8")
