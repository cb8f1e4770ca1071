"""A time zone written as staff say it (JST, BST, GMT, UTC+9, Japan, UK, London, Tokyo) gets the IANA
name meant, not the nearest spelling ('JST' once got "did you mean MST?"); a misspelling keeps its
nearest spelling. An abbreviation or country name that tzdata keeps as an old alias (GMT, Japan, GB)
is refused too: GMT has no summer time, so a UK deadline written in it was an hour off in summer."""
import pytest
from bilingual import headlines
from conftest import FIXTURE_DATA

from callguide.errors import DataError
from callguide.pipeline import load

BASE = FIXTURE_DATA.read_text(encoding="utf-8")
ANCHOR = "zone: Asia/Tokyo}"


def problems_with_zone(tmp_path, zone: str) -> tuple[list[str], str]:
    text = BASE.replace(ANCHOR, f"zone: {zone}}}", 1)
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(path, "data/call.yaml")
    return headlines(exc.value.problems), text



@pytest.mark.parametrize(
    "typed, meant",
    [
        ("Tokyo", "Asia/Tokyo"),
        ("London", "Europe/London"),
        ("Berlin", "Europe/Berlin"),
        ("JST", "Asia/Tokyo"),
        ("Japan", "Asia/Tokyo"),
        ("tokyo", "Asia/Tokyo"),
        ("UTC+9", "Asia/Tokyo"),
        ("GMT+9", "Asia/Tokyo"),
        ("日本", "Asia/Tokyo"),
        ("東京", "Asia/Tokyo"),
        ("BST", "Europe/London"),
        ("GMT", "Europe/London"),
        ("UK", "Europe/London"),
        ("GB", "Europe/London"),
        ("United Kingdom", "Europe/London"),
        ("Germany", "Europe/Berlin"),
    ],
)
def test_a_zone_as_staff_say_it_gets_the_iana_name_meant(tmp_path, typed, meant):
    errs, text = problems_with_zone(tmp_path, typed)
    assert len(errs) == 1, errs
    assert errs[0].startswith(f"data/call.yaml:{text[:text.index(f'zone: {typed}}}')].count(chr(10)) + 1}:")
    assert "schedule.erad_deadline.when.zone: " in errs[0]
    assert f"'{typed}'" in errs[0] and errs[0].endswith(f"; did you mean {meant}?"), errs[0]


def test_a_misspelt_zone_keeps_the_nearest_spelling(tmp_path):
    errs, _ = problems_with_zone(tmp_path, "Europe/Londn")
    assert errs[0].endswith("; did you mean Europe/London?")


def test_utc_and_iana_names_are_accepted(tmp_path):
    for zone in ("UTC", "Asia/Tokyo"):
        path = tmp_path / "call.yaml"
        path.write_text(BASE.replace(ANCHOR, f"zone: {zone}}}", 1), encoding="utf-8")
        assert load(path, "data/call.yaml").call.schedule["erad_deadline"].when.zone == zone
