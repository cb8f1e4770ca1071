"""The core does not need MkDocs: every page renders, markers and blocks expanded, in both languages,
in a Python where mkdocs, material and mkdocs_static_i18n cannot be imported.

MkDocs 1.x has had no release since August 2024 and Material is in maintenance mode; this is the
test that keeps a move to another engine a matter of redoing hooks/ (see the README, "Another
engine"). It runs in a subprocess whose import system refuses the three packages, loads and checks
the live data and pages with ``callguide`` alone (every module of which imports there), expands every page of docs/ (and the "what changed"
page when a year is archived) and converts the result to HTML with Python-Markdown and the
extensions mkdocs.yml names.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHILD = r'''
import importlib.abc
import json
import re
import sys
from pathlib import Path

BLOCKED = ("mkdocs", "material", "mkdocs_static_i18n")


class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"{name} is made unimportable for this test", name=name)
        return None


sys.meta_path.insert(0, Refuse())
for name in BLOCKED:
    try:
        __import__(name)
    except ModuleNotFoundError:
        pass
    else:
        raise SystemExit(f"{name} could still be imported")

import importlib
import pkgutil

import markdown
import yaml

import callguide

for module in pkgutil.walk_packages(callguide.__path__, "callguide."):  # every module imports without them
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)

from callguide.archive import archived
from callguide.changes import compare, home_link, page_markdown
from callguide.format import LANGS
from callguide.pages import markers, replace
from callguide.pipeline import load, load_and_check_pages
from callguide.render import Context

root = Path(sys.argv[1])
facts = load_and_check_pages(root, root / "docs").facts


class Loader(yaml.SafeLoader):
    pass


Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # mkdocs.yml's !ENV
config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
extensions, configs = [], {}
for item in config["markdown_extensions"]:
    name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
    extensions.append(name)
    if options:
        configs[name] = options

years = archived(root)
old = load(years[-1].data, f"data/archive/{years[-1].data.name}") if years else None
out = {}
for lang in LANGS:
    ctx = Context(facts, lang)
    sources = {p.relative_to(root / "docs" / lang).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / "docs" / lang).rglob("*.md"))}
    if old is not None:
        heading = re.search(r"^# .*$", sources["index.md"], re.MULTILINE)  # as hooks/archive.py links it
        sources["index.md"] = sources["index.md"][: heading.end()] + f"\n\n{home_link(old, lang)}\n\n" + sources["index.md"][heading.end() :]
        sources["changes.md"] = page_markdown(compare(old, facts), old, facts, lang, [y.year for y in years], "../")
    for name, text in sources.items():
        expanded = replace(text, ctx)
        left = [m.group(0) for m in markers(expanded)]
        html = markdown.markdown(expanded, extensions=extensions, extension_configs=configs)
        out[f"{lang}/{name}"] = {"left": left, "facts": html.count("data-fact="), "chars": len(html)}
loaded = sorted(m for m in sys.modules if m.partition(".")[0] in BLOCKED)
print(json.dumps({"pages": out, "loaded": loaded}))
'''


@pytest.mark.subprocess
def test_every_page_renders_without_mkdocs():
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    result = subprocess.run([sys.executable, "-c", CHILD, str(ROOT)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["loaded"] == []
    pages = report["pages"]
    by_lang: dict[str, set[str]] = {}
    for key, page in pages.items():
        lang, _, name = key.partition("/")
        by_lang.setdefault(lang, set()).add(name)
        assert page["left"] == [], f"{key}: markers left unexpanded: {page['left']}"
        assert page["chars"] > 0, key
    assert len(by_lang) >= 2 and len({frozenset(names) for names in by_lang.values()}) == 1, "every page in every language"
    assert sum(page["facts"] for page in pages.values()) > len(pages), "the pages show facts"
