"""The guide's own statements (``own: true``, ``guide_notes``): labelled at the statement, in both
languages, wherever they are shown, and listable for review."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import DATA, DATA_SHOWN  # the live call, or the file CALL_FILE names, as the shared site is built from

from callguide import call_json
from callguide.errors import DataError
from callguide.facts import Facts
from callguide.pipeline import load
from callguide.render import OWN_LABEL, Context, as_plain, plain_text, render_marker
from callguide.types import GuideNote, Text

LANGS = ("ja", "en")


@pytest.fixture(scope="module")
def facts() -> Facts:
    """The live call with two statements of the guide's own added: a note pages name by marker,
    and an ordinary text marked ``own``."""
    live = load(DATA, DATA_SHOWN)
    notes = {"plan_early": GuideNote(ja="早めに準備を始めましょう。", en="Start early."), "two": GuideNote(ja="一つ目。\n\n二つ目。", en="One.\n\nTwo.")}
    programme = live.call.programme.model_copy(update={"aims": [Text(ja="自前の読み。", en="Our reading.", own=True), *live.call.programme.aims[1:]]})
    return Facts(live.call.model_copy(update={"guide_notes": {**live.call.guide_notes, **notes}, "programme": programme}))


@pytest.mark.parametrize("lang", LANGS)
def test_a_guide_note_is_labelled_at_the_statement(facts, lang):
    html = unescape(str(render_marker("guide_notes.plan_early", None, Context(facts, lang))))
    assert html.startswith('<span class="guide-own" data-own="guide_notes.plan_early"><span class="guide-own__label">')
    assert OWN_LABEL[lang].strip() in html
    # Plain text (titles, calendars, the PDF's extracted text) keeps the label as a prefix.
    assert as_plain(html) == OWN_LABEL[lang] + facts.get("guide_notes.plan_early")[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_note_of_paragraphs_is_a_labelled_block(facts, lang):
    html = str(render_marker("guide_notes.two", None, Context(facts, lang)))
    assert html.startswith('<div class="guide-own" data-own="guide_notes.two"><p class="guide-own__label">')
    assert html.count("<p>") == 2


@pytest.mark.parametrize("lang", LANGS)
def test_an_own_text_in_a_list_and_in_another_text_keeps_its_label(facts, lang):
    listed = unescape(str(render_marker("programme.aims", "list", Context(facts, lang))))
    assert 'data-own="programme.aims.0"' in listed and listed.count("guide-own__label") == 1
    quoted = plain_text("See: {{ guide_notes.plan_early }}", Context(facts, lang))
    assert OWN_LABEL[lang].strip() in quoted


def test_own_texts_are_listed_for_review(facts):
    own = dict(facts.own_texts())
    assert {"guide_notes.plan_early", "guide_notes.two", "programme.aims.0"} <= set(own)
    assert not any(path.startswith("programme.aims.1") for path in own)
    assert all(text.own for text in own.values())


def test_call_json_says_which_texts_are_the_guides_own(facts):
    tree = json.loads(call_json.text(facts))
    assert tree["programme"]["aims"][0]["own"] is True
    assert "own" not in tree["programme"]["aims"][1]
    assert tree["guide_notes"]["plan_early"]["own"] is True


def test_a_guide_note_cannot_be_unmarked(tmp_path):
    live = DATA.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^guide_notes:.*\n(?:[ #].*\n|\n)*", "", live) + "guide_notes:\n  tip:\n    ja: ヒント\n    en: Tip\n    own: false\n"
    bad = tmp_path / "call.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(bad, "call.yaml")
    message = str(err.value)
    line = text.count("\n") - 0  # own: false is the last line
    assert re.search(rf"call\.yaml:{line}:\d+: guide_notes\.tip\.own: .*own: false", message), message
    assert "本ガイドの補足" in message


@pytest.mark.build
def test_every_own_text_shown_on_the_site_is_labelled(site, facts):
    """Wherever a statement of the guide's own appears in a built page, it appears with its label:
    a block that shows a text without ``text_html`` would drop the label and fail here."""
    read: dict[Path, tuple[str, str]] = {}  # each page's markup and plain text, made once (not once per text)
    for path, text in facts.own_texts():
        for lang in LANGS:
            root = site / "en" if lang == "en" else site
            shown = as_plain(plain_text(text[lang], Context(facts, lang)))
            for page in root.rglob("index.html"):
                if lang == "ja" and page.is_relative_to(site / "en"):
                    continue
                if page not in read:
                    markup = unescape(page.read_text(encoding="utf-8"))
                    read[page] = (markup, as_plain(markup))
                body, body_plain = read[page]
                if shown in body_plain and f'data-own="{path}"' not in body:
                    pytest.fail(f"{page.relative_to(site)}: '{path}' is shown without the guide's label")
