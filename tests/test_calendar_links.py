"""Add-to-calendar links: root-relative file links from any page, Google links at the deadlines' instants."""
from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import pytest

from callguide.links import resolve, root_href

LANGS = {"ja": "", "en": "en/"}


@pytest.mark.parametrize(
    ("page_url", "prefix", "expected"),
    [
        ("", "", "calendar.ics"),
        ("en/", "en/", "calendar.ics"),
        ("schedule/", "", "../calendar.ics"),
        ("en/schedule/", "en/", "../calendar.ics"),
        ("a/b/", "", "../../calendar.ics"),
        ("index.html", "", "calendar.ics"),
        ("en/schedule.html", "en/", "calendar.ics"),
    ],
)
def test_root_links_resolve_from_any_page(page_url, prefix, expected):
    assert resolve(f'<a href="{root_href("calendar.ics")}">', page_url, prefix) == f'<a href="{expected}">'


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_google_links_are_at_the_deadline_instants(site, lang):
    data = json.loads((site / "call.json").read_text(encoding="utf-8"))
    html = (site / LANGS[lang] / "schedule" / "index.html").read_text(encoding="utf-8")
    links = [urlparse(h.replace("&amp;", "&")) for h in re.findall(r'href="(https://calendar\.google\.com/[^"]+)"', html)]
    wanted = sorted(
        datetime.fromisoformat(m["when"]["at"]).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        for m in data["schedule"].values()
        if isinstance(m.get("when"), dict) and "at" in m["when"]
    )
    got = sorted(parse_qs(u.query)["dates"][0].split("/")[0] for u in links)
    assert got == wanted
    assert "cg-root:" not in html
