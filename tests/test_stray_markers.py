"""A marker's delimiters that make no complete marker ({{ without }}, template tags {% %}, comments {# #})
are refused at their place, in the data's texts and in the pages: they passed and were published as
typed. A marker in a milestone's title, which is shown as written (calendars, timeline), is refused
with a message saying so. Edits of the frozen 2025 call and pages checked against its facts."""
import pytest
from bilingual import headlines
from conftest import FIXTURE_DATA
from test_data_errors import problems_after  # the fixture with one edit, and the problems it makes

from callguide.pages import check
from callguide.pipeline import load
from callguide.render import Context

BASE = FIXTURE_DATA.read_text(encoding="utf-8")



def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_an_unclosed_marker_in_a_text_is_refused_at_its_text(tmp_path):
    """Fault 57."""
    errs, text = problems_after(tmp_path, "      en: e-Rad deadline\n", "      en: e-Rad deadline {{ schedule.erad_deadline\n")
    assert len(errs) == 1, errs
    assert errs[0].startswith(f"data/call.yaml:{line_of(text, 'en: e-Rad deadline {{')}:")
    assert "schedule.erad_deadline.title.en: '{{' opens no marker" in errs[0]


def test_a_marker_in_a_milestone_title_is_refused(tmp_path):
    """Fault 70: a valid marker, never replaced in the site or the calendar."""
    errs, text = problems_after(tmp_path, "      en: e-Rad deadline\n", "      en: e-Rad deadline (the day after {{ schedule.uk_deadline }})\n")
    assert len(errs) == 1, errs
    assert errs[0].startswith(f"data/call.yaml:{line_of(text, 'en: e-Rad deadline (')}:")
    assert "schedule.erad_deadline.title.en: a milestone's title is shown as written" in errs[0]


@pytest.fixture(scope="module")
def ctx():
    return Context(load(FIXTURE_DATA, "call.yaml"), "en")


@pytest.mark.parametrize(
    "typed, found",
    [
        ("Deadline {{ schedule.erad_deadline", "{{"),
        ("Deadline schedule.erad_deadline }} here", "}}"),
        ("{% if true %}SHOWN{% endif %}", "{%"),
        ("{# comment #}", "{#"),
    ],
)
def test_stray_delimiters_in_a_page_are_refused_at_their_place(ctx, typed, found):
    page = f"# Title {{#title}}\n\nSome text, `{{% in code %}}`.\n\nSee: {typed}\n"
    problems = check(page, "docs/en/x.md", ctx)
    assert problems, page
    first = headlines(problems)[0]
    col = page.split("\n")[4].index(found) + 1
    assert first.startswith(f"docs/en/x.md:5:{col}: "), first
    assert f"'{found}'" in first


def test_attribute_lists_code_and_markers_in_a_page_are_fine(ctx):
    page = "# Title {#title}\n\n## Its {#{{ partners.uk | id }}-part}\n\nText `{{ not.a.marker` and {{ schedule.erad_deadline }}.\n\n```\n{% raw %}\n```\n"
    assert check(page, "docs/en/x.md", ctx) == []
