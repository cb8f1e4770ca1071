"""Each page loads only the stylesheets and scripts of the tools it holds.

MkDocs puts every ``extra_css`` and ``extra_javascript`` file on every page; the checklist,
self-check and timeline files are of use only where their blocks are. A page keeps such a
file when it names any of the ``cg-`` classes the file uses, so a file is never dropped
from a page that needs it (the test loads every page with its scripts in Chromium).
"""
from __future__ import annotations

import functools
import re
from importlib.resources import files

# The files that belong to one kind of block; the others (site.css, guide.css, the theme
# fixes) serve every page.
PER_BLOCK = ("selfcheck.css", "selfcheck.js", "checklist.css", "checklist.js", "timeline.js", "status.js")
_CLASS = re.compile(r"cg-[a-z0-9]+(?:[_-][a-z0-9]+)*")


@functools.cache
def classes_used(name: str) -> frozenset[str]:
    """The cg- class names a packaged asset refers to."""
    text = files("callguide").joinpath("assets", name).read_text(encoding="utf-8")
    return frozenset(_CLASS.findall(text))


def _without_tag(html: str, name: str) -> str:
    """The page without the one ``<link>`` or ``<script>`` element (and the blank before it) that loads ``name``.

    Plain string search: a regex over the whole page, tried at every blank, cost more than the rest of the hook.
    """
    at = html.find(f'assets/callguide/{name}"')
    if at < 0:
        return html
    start = html.rfind("<", 0, at)
    end = html.find(">", at) + 1
    if name.endswith(".js"):
        end = html.find("</script>", end) + len("</script>")
    while start > 0 and html[start - 1].isspace():
        start -= 1
    return html[:start] + html[end:]


def keep_needed_assets(html: str) -> str:
    """The page without the per-block files none of whose classes it uses."""
    body = html[html.find("<body") :]
    present = set(_CLASS.findall(body))
    for name in PER_BLOCK:
        if not classes_used(name) & present:
            html = _without_tag(html, name)
    return html
