"""What each built page loads of our own CSS and JavaScript (callguide.asset_weight): every file it
links is in the site, and no page, the 404 pages included, links a tool's file it does not use."""
from __future__ import annotations

from pathlib import Path

import pytest

from callguide.asset_weight import built_pages, loaded_refs, own_files, own_weight, page_name
from callguide.page_assets import keep_needed_assets


def _tiny_site(root: Path) -> Path:
    (root / "assets" / "callguide").mkdir(parents=True)
    (root / "en" / "planner").mkdir(parents=True)
    (root / "assets" / "callguide" / "site.css").write_text("p{margin:0}" * 50, encoding="utf-8")
    (root / "assets" / "callguide" / "selfcheck.js").write_text("var a=1;" * 200, encoding="utf-8")
    head = '<link rel="stylesheet" href="{up}assets/callguide/site.css"><link rel="stylesheet" href="https://example.org/x.css">'
    (root / "index.html").write_text(head.format(up="") + "<body></body>", encoding="utf-8")
    (root / "en" / "index.html").write_text(head.format(up="../") + "<body></body>", encoding="utf-8")
    (root / "en" / "planner" / "index.html").write_text(
        head.format(up="../../") + '<script src="../../assets/callguide/selfcheck.js?v=1"></script><body></body>', encoding="utf-8")
    return root


def test_the_largest_set_is_the_page_with_most_of_our_files(tmp_path):
    site = _tiny_site(tmp_path)
    assert own_files(site / "en" / "planner" / "index.html", site) == ["assets/callguide/site.css", "assets/callguide/selfcheck.js"]
    weight = own_weight(site)
    assert weight["largest_page"]["page"] == "en/planner/"
    assert set(weight["largest_page"]["files"]) == {"site.css", "selfcheck.js"}
    assert weight["home"]["ja"]["total"] == weight["home"]["en"]["total"] == weight["every_file"]["files"]["site.css"]
    assert weight["home"]["en"]["total"] < weight["largest_page"]["total"] == weight["every_file"]["total"]
    assert weight["pages"] == 3


@pytest.mark.build
def test_every_page_loads_only_files_the_site_has(site: Path):
    missing = []
    for page in built_pages(site):
        for ref in loaded_refs(page.read_text(encoding="utf-8")):
            target = site / ref.lstrip("/") if ref.startswith("/") else page.parent / ref
            if not target.resolve().is_file():
                missing.append(f"{page_name(page, site)}: {ref}")
    assert not missing, missing
    weight = own_weight(site)
    assert weight["pages"] > 2 * len(list((site / "en").glob("*/index.html"))), "every page of both languages, the 404s too"
    assert set(weight["home"]) == {"ja", "en"}


@pytest.mark.build
def test_no_page_links_a_tool_file_it_does_not_use(site: Path):
    untrimmed = [page_name(p, site) for p in built_pages(site) if keep_needed_assets(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")]
    assert not untrimmed, untrimmed
