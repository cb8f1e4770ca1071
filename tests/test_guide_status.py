"""The home page says honestly where the call stands at the build date: upcoming, open or closed.

The date is pinned with SOURCE_DATE_EPOCH, chosen from the call's own schedule
(a day before it opens, between its deadlines' opening and closing, a day
after the last deadline), so a changed schedule moves the test with it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
from conftest import build_site

from callguide.blocks.guide import LABELS
from callguide.pipeline import load
from callguide.status import call_status

ROOT = Path(__file__).resolve().parent.parent


def _moments():
    facts = load(ROOT / "data" / "call.yaml", "data/call.yaml")
    s = call_status(facts, datetime.now(UTC))
    return {
        "upcoming": s.opens - timedelta(days=1),
        "open": s.opens + (s.closes - s.opens) / 2,
        "closed": s.closes + timedelta(days=1),
    }


@pytest.mark.parametrize("phase", ["upcoming", "open", "closed"])
def test_home_shows_the_phase_of_the_build_date(tmp_path, phase):
    moment = _moments()[phase]
    build = build_site(tmp_path / "site", epoch=int(moment.timestamp()))
    assert build.result.returncode == 0, build.output
    for lang, home in (("ja", build.site / "index.html"), ("en", build.site / "en" / "index.html")):
        html = unescape(home.read_text(encoding="utf-8"))
        statuses = re.findall(r'data-status="([a-z]+)"', html)
        assert statuses == [phase], f"{lang} home built at {moment.isoformat()}: status {statuses}, expected {phase}"
        label = LABELS[lang][f"status_{phase}"]
        assert label in html, f"{lang} home built at {moment.isoformat()}: the label {label!r} is missing"
        others = [LABELS[lang][f"status_{p}"] for p in ("upcoming", "open", "closed") if p != phase]
        badge = re.search(r'class="cg-callstatus__badge"><span>([^<]*)</span>', html).group(1)
        assert badge not in others and badge == label
        if phase == "open":
            assert 'data-fact="schedule.' in html.split('class="cg-callstatus__text"')[1].split("</div>")[0]
            assert LABELS[lang]["status_next"] in html, f"{lang}: an open call names its next deadline"
        if phase == "closed":
            assert LABELS[lang]["status_closed_next"] in html
