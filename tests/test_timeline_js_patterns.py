"""timeline.js writes days and times exactly as format.py does, for every language of the table, from the
format the page gives it (format.script_format: the locale and the CLDR patterns), with no language code
of its own: every weekday and month, both sides of midnight and of the daylight-saving changes, in
Japan's zone, the partner's and others.

One node process runs assets/timeline.js (with a stand-in page that has no timeline) and formats every
instant below.
"""
from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from callguide import format as fmt
from callguide.languages import CODES

pytestmark = pytest.mark.subprocess

SCRIPT = Path(__file__).resolve().parent.parent / "src" / "callguide" / "assets" / "timeline.js"
ZONES = ("Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "Pacific/Auckland")
# Every weekday and month over a year and a half, at hours around midnight and noon, and the hours around
# the UK's and New York's clock changes of 2025.
INSTANTS = [datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=d, hours=h, minutes=m)
            for d in range(0, 550, 11) for h, m in ((0, 0), (9, 5), (14, 59), (23, 30))]
INSTANTS += [datetime(2025, 5, 9, 5, 0, tzinfo=UTC)]  # the 2025 call's e-Rad deadline, 14:00 in Japan
INSTANTS += [datetime(2025, 3, 30, 0, 0, tzinfo=UTC) + timedelta(minutes=30 * k) for k in range(6)]
INSTANTS += [datetime(2025, 11, 2, 5, 0, tzinfo=UTC) + timedelta(minutes=30 * k) for k in range(6)]

RUN = r"""
const fs = require("fs"), vm = require("vm");
const [script, cases] = [process.argv[1], JSON.parse(fs.readFileSync(0, "utf8"))];
const window = {};
const document = { readyState: "complete", querySelectorAll: () => [], addEventListener() {} };
vm.runInNewContext(fs.readFileSync(script, "utf8"), { window, document, Intl, Object, Array, Math, Number, String, JSON });
const t = window.callguideTimeline;
console.log(JSON.stringify(cases.map(c => [t.dayText(c.format, c.zone, new Date(c.at)), t.clockText(c.format, c.zone, new Date(c.at))])));
"""


def test_days_and_times_read_as_format_py_writes_them():
    cases = [{"format": fmt.script_format(lang), "zone": zone, "at": at.isoformat(), "lang": lang}
             for lang in CODES for zone in ZONES for at in INSTANTS]
    result = subprocess.run(["node", "-e", RUN, str(SCRIPT)], input=json.dumps(cases), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    expected = []
    for c in cases:
        local = datetime.fromisoformat(c["at"]).astimezone(ZoneInfo(c["zone"]))
        expected.append([fmt.day(local.date(), c["lang"]), fmt.clock(local, c["lang"])])
    wrong = [(c["lang"], c["zone"], c["at"], g, e) for c, g, e in zip(cases, got, expected, strict=True) if g != e]
    assert not wrong, wrong[:10]
    assert "2025年5月9日（金）" in {g[0] for g in got} and "Friday 9 May 2025" in {g[0] for g in got}
