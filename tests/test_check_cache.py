"""A build whose data, pages and code are unchanged reads the checked data back instead of checking again."""
from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURE_2025
from conftest import FIXTURE_DATA as DATA

from callguide import pipeline
from callguide.errors import DataError


def data(project) -> bytes:
    return (project / "data" / "call.yaml").read_bytes()


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    shutil.copy(DATA, tmp_path / "data" / "call.yaml")
    shutil.copytree(FIXTURE_2025 / "docs", tmp_path / "docs")
    monkeypatch.delenv("CALL_FILE", raising=False)
    return tmp_path


def test_the_second_build_reads_the_check_back(project, monkeypatch):
    cache = project / "cache"
    first = pipeline.load_and_check_cached(project, project / "docs", cache, data(project))
    assert len(list(cache.glob("checked-*.pickle"))) == 1

    def refuse(*args):
        raise AssertionError("checked again although nothing changed")

    monkeypatch.setattr(pipeline, "load_and_check_pages", refuse)
    again = pipeline.load_and_check_cached(project, project / "docs", cache, data(project))
    assert again.call_json() == first.call_json()
    page = project / "docs" / "en" / "budget.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="checked again"):
        pipeline.load_and_check_cached(project, project / "docs", cache, data(project))


def test_problems_are_found_every_time(project):
    cache = project / "cache"
    pipeline.load_and_check_cached(project, project / "docs", cache, data(project))
    page = project / "docs" / "ja" / "budget.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ budget.no_such_fact }}\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError, match="no_such_fact"):
            pipeline.load_and_check_cached(project, project / "docs", cache, data(project))


def test_an_unreadable_cache_is_checked_afresh(project):
    cache = project / "cache"
    first = pipeline.load_and_check_cached(project, project / "docs", cache, data(project))
    (stored,) = cache.glob("checked-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert pipeline.load_and_check_cached(project, project / "docs", cache, data(project)).call_json() == first.call_json()
    assert stored.read_bytes() != b"not a pickle", "the cache is written again"


def test_renderings_read_back_from_the_cache_fit_the_day_of_the_later_build(project, monkeypatch):
    """The cache keeps the check's renderings; a build on another day (here: while the call was open,
    after a check made when it had closed) must render as a build without any cache does."""
    from datetime import timedelta

    from callguide.pages import replace
    from callguide.render import Context
    from callguide.status import call_status

    cache = project / "cache"
    facts = pipeline.load(project / "data" / "call.yaml", "data/call.yaml")
    status = call_status(facts, facts.deadlines()[0][1].when.instant)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((status.closes + timedelta(days=1)).timestamp())))
    pipeline.load_and_check_cached(project, project / "docs", cache, data(project))  # checked (and cached) when closed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((status.opens + timedelta(days=1)).timestamp())))
    cached = pipeline.load_and_check_cached(project, project / "docs", cache, data(project)).facts
    uncached = pipeline.load_and_check_pages(project, project / "docs", pipeline.data_file(project), data(project)).facts
    for lang in ("ja", "en"):
        home = (project / "docs" / lang / "index.md").read_text(encoding="utf-8")
        built = replace(home, Context(cached, lang))
        assert 'data-status="open"' in built
        assert built == replace(home, Context(uncached, lang))
