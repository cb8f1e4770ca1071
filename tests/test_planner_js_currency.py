"""The planner's script writes amounts in any currency exactly as the build does (format.money), with the
currency names the build writes into its settings: euros in the euro/Berlin variant (ユーロ / EUR).

One node process runs assets/selfcheck.js (with a stand-in page that has no planner) and formats every
amount below in every currency of the call, in both languages (each language's format as the pages give it the
script, format.script_format), with the names of the planner's settings.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from variants import eur_berlin

from callguide import format as fmt
from callguide import selfcheck as logic
from callguide.languages import CODES
from callguide.pipeline import load

pytestmark = pytest.mark.subprocess

SCRIPT = Path(__file__).resolve().parent.parent / "src" / "callguide" / "assets" / "selfcheck.js"
AMOUNTS = [0, 7, 1_000, 12_345, 1_500_000, 1_875_000, 1_875_001, 2_850_000_000, 285_000_000, 370_500_000, 10**12]

RUN = r"""
const fs = require("fs"), vm = require("vm");
const [script, cases] = [process.argv[1], JSON.parse(process.argv[2])];
const window = {};
const document = { readyState: "complete", querySelectorAll: () => [], querySelector: () => null, addEventListener() {} };
vm.runInNewContext(fs.readFileSync(script, "utf8"), { window, document, Intl, Object, Array, Math });
const money = window.callguideSelfcheck.money;
console.log(JSON.stringify(cases.map(c => money(c.amount, c.currency, c.format, c.names))));
"""


def test_the_script_writes_euros_as_the_build_does(tmp_path):
    facts = load(eur_berlin(tmp_path), "call.yaml")
    settings = logic.planner_settings(facts)
    assert settings["currency_names"]["ja"]["EUR"] == "ユーロ"
    cases = [
        {"amount": a, "currency": c, "lang": lang, "format": fmt.script_format(lang), "names": settings["currency_names"][lang]}
        for a in AMOUNTS
        for c in logic.call_currencies(facts)
        for lang in CODES
    ]
    result = subprocess.run(["node", "-e", RUN, str(SCRIPT), json.dumps(cases)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    expected = [fmt.money(c["amount"], c["currency"], c["lang"], c["names"]) for c in cases]
    assert got == expected
    assert "150万ユーロ" in got and "EUR 1.5 million" in got
