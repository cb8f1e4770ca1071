"""Add the headings that blocks render in HTML to the page's table of contents (see callguide.headings)."""
from __future__ import annotations

from mkdocs.structure.toc import AnchorLink

from callguide.headings import missing_from_toc


def on_page_content(html, page, config, files):
    by_id = {}

    def walk(items):
        for item in items:
            by_id[item.id] = item
            walk(item.children)

    walk(page.toc)
    for parent_id, heading in missing_from_toc(html, set(by_id)):
        link = AnchorLink(heading.title, heading.id, heading.level)
        if parent_id is None:
            page.toc.items.append(link)
        else:
            by_id[parent_id].children.append(link)
        by_id[heading.id] = link
    return html
