"""A draft is never published by mistake: every output of a draft says so, and publishing one needs a choice.

After `make new-call` the call is a draft (``call.draft: true``) that still carries the
previous call's dates. Its pages have a banner; its PDF (every page), its calendars (the
calendar's name and every event's description) and call.json must say it too. Building it for
publishing (SITE_URL set, or `mkdocs gh-deploy`) stops with a message in both languages unless
CALLGUIDE_DRAFT_PREVIEW=1 says a draft preview is intended.
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import MKDOCS, build_site, fixture_project, warm_cache
from icalendar import Calendar
from pypdf import PdfReader

from callguide.new_call import next_year_text

MARK = {"ja": "下書き", "en": "DRAFT"}
PREFIX = {"ja": "", "en": "en/"}


def draft_project(tmp_path):
    project = fixture_project(tmp_path)
    data = project / "data" / "call.yaml"
    data.write_text(next_year_text(data.read_text(encoding="utf-8"), 2025), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("draft")
    build = build_site(tmp / "site", project=draft_project(tmp), cache=warm_cache(tmp_path_factory))
    assert build.result.returncode == 0, build.output
    return build.site


@pytest.mark.build
def test_every_page_of_a_drafts_pdf_says_draft(draft_site):
    for lang, prefix in PREFIX.items():
        pages = PdfReader(str(draft_site / prefix / "checklist.pdf")).pages
        assert len(pages) >= 1
        for number, page in enumerate(pages, 1):
            assert MARK[lang] in page.extract_text(), f"{lang} checklist.pdf page {number} does not say {MARK[lang]}"


@pytest.mark.build
def test_a_drafts_calendar_says_draft_in_its_name_and_every_event(draft_site):
    for lang, prefix in PREFIX.items():
        cal = Calendar.from_ical((draft_site / prefix / "calendar.ics").read_bytes())
        assert MARK[lang] in str(cal["X-WR-CALNAME"])
        events = cal.walk("VEVENT")
        assert events
        name = str(cal["X-WR-CALNAME"]).replace(MARK[lang], "").strip("【】[] ")
        for event in events:
            lines = str(event["DESCRIPTION"]).splitlines()
            assert MARK[lang] in lines[0], (lang, str(event["UID"]))
            assert name in lines[1], (lang, str(event["UID"]), lines)  # then what every calendar's events say: the call's name


@pytest.mark.build
def test_a_drafts_call_json_says_draft(draft_site):
    data = json.loads((draft_site / "call.json").read_text(encoding="utf-8"))
    assert data["call"]["draft"] is True


def run(project, out, **env_extra):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CALLGUIDE_CACHE_DIR=str(out.parent / "cache"))
    for key in ("CALL_FILE", "CALLGUIDE_DRAFT_PREVIEW"):
        env.pop(key, None)
    env.update(env_extra)
    return subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(out)], cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.build
def test_a_draft_is_not_built_for_publishing_without_an_explicit_choice(tmp_path, tmp_path_factory):
    project = draft_project(tmp_path)
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the published site", encoding="utf-8")
    cache = str(warm_cache(tmp_path_factory))  # the chosen build is a whole one: what it shares with others comes from the run's cache
    refused = run(project, out, SITE_URL="https://example.org/aspire/", CALLGUIDE_CACHE_DIR=cache)
    said = refused.stdout + refused.stderr
    assert refused.returncode != 0, said
    assert "draft" in said and "CALLGUIDE_DRAFT_PREVIEW=1" in said, said
    assert "日本語: " in said and "下書き" in said, said
    assert "Traceback" not in said, said
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "the published site"
    chosen = run(project, out, SITE_URL="https://example.org/aspire/", CALLGUIDE_DRAFT_PREVIEW="1", CALLGUIDE_CACHE_DIR=cache)
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    assert (out / "call.json").exists()


@pytest.mark.build
@pytest.mark.subprocess
def test_gh_deploy_refuses_a_draft(tmp_path):
    project = draft_project(tmp_path)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CALLGUIDE_CACHE_DIR=str(tmp_path / "cache"))
    for key in ("CALL_FILE", "CALLGUIDE_DRAFT_PREVIEW", "SITE_URL"):
        env.pop(key, None)
    deploy = subprocess.run([str(MKDOCS), "gh-deploy", "--no-history", "-r", "nowhere"], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    said = deploy.stdout + deploy.stderr
    assert deploy.returncode != 0, said
    assert "CALLGUIDE_DRAFT_PREVIEW=1" in said and "下書き" in said, said


@pytest.mark.build
@pytest.mark.subprocess
def test_gh_deploy_of_a_final_call_pushes_the_whole_site(tmp_path, tmp_path_factory):
    """The build writes into a folder beside the output and exchanges them at the end: gh-deploy then
    pushes the output folder itself, the whole site."""
    project = fixture_project(tmp_path)
    remote = tmp_path / "remote.git"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CALLGUIDE_CACHE_DIR=str(warm_cache(tmp_path_factory)),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    for key in ("CALL_FILE", "CALLGUIDE_DRAFT_PREVIEW", "SITE_URL"):
        env.pop(key, None)

    def git(*args, cwd=project):
        return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout

    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "site")
    git("remote", "add", "origin", str(remote))
    deploy = subprocess.run([str(MKDOCS), "gh-deploy", "--no-history", "--ignore-version"], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    pushed = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    assert {"index.html", "en/index.html", "call.json", "checklist.pdf", "en/checklist.pdf", "calendar.ics", "en/calendar.ics"} <= pushed
