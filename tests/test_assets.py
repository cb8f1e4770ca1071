"""The site's own CSS files do not fight over class names (each area styles its own classes)."""
import re
from collections import defaultdict
from importlib.resources import files

import pytest


def test_no_class_is_styled_by_two_area_stylesheets():
    owners = defaultdict(set)
    for sheet in files("callguide").joinpath("assets").iterdir():
        if sheet.name.endswith(".css") and sheet.name != "site.css":
            css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
            for selector in re.findall(r"([^{}]+)\{", css):
                for cls in re.findall(r"\.(cg-[\w-]+)", selector):
                    owners[cls].add(sheet.name)
    shared = {cls: sorted(sheets) for cls, sheets in owners.items() if len(sheets) > 1}
    assert shared == {}, f"classes styled in more than one stylesheet: {shared}"


def _linked(html: str) -> set[str]:
    return set(re.findall(r'assets/callguide/([\w.-]+\.(?:css|js))"', html))


@pytest.mark.build
def test_each_page_links_only_the_tool_files_it_uses(site):
    home = {lang: _linked((site / folder / "index.html").read_text(encoding="utf-8")) for lang, folder in (("ja", "."), ("en", "en"))}
    for lang, linked in home.items():
        assert {"site.css", "guide.css", "material-a11y.js"} <= linked, (lang, linked)
        assert not {"selfcheck.js", "selfcheck.css", "checklist.js"} & linked, f"{lang} home page loads tool files it has no use for: {linked}"
    for folder in (".", "en"):
        assert "selfcheck.js" in _linked((site / folder / "eligibility" / "index.html").read_text(encoding="utf-8"))
        assert "selfcheck.js" in _linked((site / folder / "planner" / "index.html").read_text(encoding="utf-8"))
        assert "checklist.js" in _linked((site / folder / "checklist" / "index.html").read_text(encoding="utf-8"))
        assert "timeline.js" in _linked((site / folder / "schedule" / "index.html").read_text(encoding="utf-8"))


def test_a_page_keeps_a_tool_file_when_it_uses_any_of_its_classes():
    from callguide.page_assets import PER_BLOCK, classes_used, keep_needed_assets

    head = "".join(f'<script src="../assets/callguide/{n}"></script>' for n in PER_BLOCK if n.endswith(".js"))
    for name in (n for n in PER_BLOCK if n.endswith(".js")):
        cls = sorted(classes_used(name))[0]
        page = keep_needed_assets(f'<html><head>{head}</head><body><div class="{cls}"></div></body></html>')
        assert name in _linked(page), (name, cls)
    bare = keep_needed_assets(f"<html><head>{head}</head><body><p>text</p></body></html>")
    assert not _linked(bare)
