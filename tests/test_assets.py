"""The site's own CSS files do not fight over class names (each area styles its own classes)."""
import re
from collections import defaultdict
from importlib.resources import files


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
