"""render_text skips Markdown for texts Markdown would leave alone: the shortcut must give what Markdown gives."""
from __future__ import annotations

import nh3
import pytest
from conftest import DATA, DATA_SHOWN

from callguide import render
from callguide.pipeline import load

SAMPLES = [
    "A plain sentence.",
    "日本側研究者の所属機関（大学等）",
    "  padded text  ",
    "Quotes \"double\" and 'single' stay",
    "x > y",
    "a & b",
    "1. a list",
    "- a list",
    "# a heading",
    "    indented code",
    "**bold**",
    "a_b_c",
    "[link](https://example.org/)",
    "<b>html</b>",
    "non\u00a0breaking",
    "line one\nline two",
    "see https://example.org/",
    "a: b",
]


def slow(text: str) -> str:
    html = render._markdown().reset().convert(text)
    return nh3.clean(html, tags=render._ALLOWED_TAGS, attributes=render._ALLOWED_ATTRS, url_schemes={"https", "mailto"}, link_rel=None)


def every_text() -> list[str]:
    facts = load(DATA, DATA_SHOWN)
    return [render.MARKER.sub("\ue0000\ue001", t[lang]) for _, t in facts.texts() for lang in ("ja", "en")]


def test_the_shortcut_is_taken_for_most_texts_of_the_data():
    texts = every_text()
    plain = [t for t in texts if render.plain_paragraph(t) is not None]
    assert len(plain) > len(texts) / 2, f"only {len(plain)} of {len(texts)} texts take the shortcut"


@pytest.mark.parametrize("text", SAMPLES)
def test_the_shortcut_gives_what_markdown_gives(text):
    fast = render.plain_paragraph(text)
    assert fast is None or fast == slow(text)


def test_the_shortcut_gives_what_markdown_gives_for_every_text_of_the_data():
    """One test for every text of the data (one id per text said little): every text that differs is listed."""
    wrong = [text for text in every_text() if (fast := render.plain_paragraph(text)) is not None and fast != slow(text)]
    assert wrong == [], f"{len(wrong)} text(s) where the shortcut differs from Markdown: {wrong[:5]}"
