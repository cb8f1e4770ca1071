"""The whole yearly cycle on a copy of the repository: new-call, edit facts, check, build, diff.

One cycle (module-scoped), then many questions about it: the archived year and the new
year both build; the changes page and ``make diff`` list exactly the edited facts; the
archive is a frozen snapshot (a later page or code edit does not reach it); nothing of
the old year leaks into the new year's pages.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from archived_copy import SKIP as _SKIP
from conftest import FIXTURE_2025, ROOT, call_moments, settled_page

from callguide import call_json
from callguide.pipeline import load

PY = sys.executable
SITE_URL = "https://example.org/aspire/"
EDITS = [  # (old text, new text) in call.yaml after new-call
    ('when: {at: "2025-05-09 14:00", zone: Asia/Tokyo}', 'when: {at: "2025-05-09 17:00", zone: Asia/Tokyo}'),
    ("  awards: {value: 3, unit: project, approx: true}", "  awards: {value: 4, unit: project, approx: true}"),
    ("    - ja: 世界のトップ科学者層とのネットワーク構築", "    - ja: 世界のトップ科学者層との国際ネットワーク構築"),
]
EDITED = {"schedule.erad_deadline.when", "budget.awards", "programme.aims.0"}
LATER_PAGE_EDIT = "ページの後日の編集 LATER-PAGE-EDIT"

# Every test here reads the copy of the project that make new-call and a full build prepared.
pytestmark = pytest.mark.build


def run(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cycle")
    repo = tmp / "repo"
    shutil.copytree(ROOT, repo, ignore=_SKIP)
    # The frozen 2025 call and its pages (the edits below name its values), with today's code.
    shutil.copy2(FIXTURE_2025 / "call.yaml", repo / "data" / "call.yaml")
    shutil.copy2(FIXTURE_2025 / "translations.lock.yaml", repo / "data" / "translations.lock.yaml")
    shutil.rmtree(repo / "docs")
    shutil.copytree(FIXTURE_2025 / "docs", repo / "docs")
    for stale in (repo / "data" / "archive", repo / "archive"):
        shutil.rmtree(stale, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(repo / "src"), CALLGUIDE_CACHE_DIR=str(tmp / "cache"))
    env.pop("CALL_FILE", None)
    env.pop("SITE_URL", None)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    run(repo, env, "git", "init", "-q")
    run(repo, env, *git, "add", "-A")
    run(repo, env, *git, "commit", "-qm", "the 2025 call")
    original = (repo / "data/call.yaml").read_bytes()
    out = {"repo": repo, "original": original}
    out["new_call"] = run(repo, env, PY, "-m", "callguide", "new-call")
    out["again"] = run(repo, env, PY, "-m", "callguide", "new-call")
    data = repo / "data/call.yaml"
    text = data.read_text(encoding="utf-8")
    out["after_new_call"] = text
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    data.write_text(text, encoding="utf-8")
    # Later edits to the current pages and code, which must not reach the archive.
    budget = repo / "docs/ja/budget.md"
    budget.write_text(budget.read_text(encoding="utf-8") + f"\n{LATER_PAGE_EDIT}\n", encoding="utf-8")
    fmt = repo / "src/callguide/format.py"
    source = fmt.read_text(encoding="utf-8")
    assert '"early": "{month}上旬"' in source  # the label table this edit stands for
    fmt.write_text(source.replace('"early": "{month}上旬"', '"early": "{month}はじめ"'), encoding="utf-8")
    out["check"] = run(repo, env, PY, "-m", "callguide", "check")
    closed = call_moments(load(FIXTURE_2025 / "call.yaml", "call.yaml"))["closed"]
    # The new year is still a draft: built with an address on purpose, as a preview (callguide.drafts).
    build_env = dict(env, SOURCE_DATE_EPOCH=str(int(closed.timestamp())), SITE_URL=SITE_URL, CALLGUIDE_DRAFT_PREVIEW="1")
    out["build"] = run(repo, build_env, PY, "-m", "mkdocs", "build", "--strict", "-d", str(tmp / "site"))
    out["diff"] = run(repo, env, PY, "-m", "callguide", "diff", "2025")
    out["diff_git"] = run(repo, env, PY, "-m", "callguide", "diff", "HEAD")
    out["site"] = tmp / "site"
    out["cache"] = tmp / "cache"
    # The year already archived: new-call refuses even when the draft mark is gone (with the page as it was
    # too: in a published call, the later Japanese-only page edit would be translation drift, refused first).
    back = original.decode("utf-8")
    data.write_text(back, encoding="utf-8")
    edited_budget = budget.read_text(encoding="utf-8")
    budget.write_text(edited_budget.replace(f"\n{LATER_PAGE_EDIT}\n", ""), encoding="utf-8")
    out["exists"] = run(repo, env, PY, "-m", "callguide", "new-call")
    budget.write_text(edited_budget, encoding="utf-8")
    data.write_text(text, encoding="utf-8")
    # An archive the current code can no longer read and without its call.json (archived before new-call
    # wrote it): the build stops, saying where and what to run.
    archive = repo / "data/archive/2025.yaml"
    kept = archive.read_bytes()
    written = repo / "data/archive/2025.json"
    out["archived_json"] = written.read_text(encoding="utf-8")
    written.rename(tmp / "2025.json")
    archive.write_bytes(kept.replace(b"  indirect_rate: 0.3\n", b"  indirect_rate: 30%\n", 1))
    out["bad_archive"] = run(repo, build_env, PY, "-m", "mkdocs", "build", "--strict", "-d", str(tmp / "site"))
    archive.write_bytes(kept)
    (tmp / "2025.json").rename(written)
    return out


def changed_paths(report: str) -> set[str]:
    return set(re.findall(r"^(\S+)  \[", report, re.MULTILINE))


def current_pages(site: Path):
    for p in site.rglob("*.html"):
        rel = p.relative_to(site).as_posix()
        if not rel.startswith(("archive/", "assets/", "search/")):
            yield rel, p.read_text(encoding="utf-8")


def archived_pages(site: Path):
    base = site / "archive" / "2025"
    for p in sorted(base.rglob("*.html")):
        rel = p.relative_to(base).as_posix()
        if not rel.startswith(("assets/", "search/")) and rel != "404.html":
            yield rel, p.read_text(encoding="utf-8")


# --- new-call ---------------------------------------------------------------------------


def test_new_call_archives_the_year_and_prepares_the_next(cycle):
    repo = cycle["repo"]
    assert cycle["new_call"].returncode == 0, cycle["new_call"].stderr
    assert "2025年度の公募をアーカイブしました" in cycle["new_call"].stdout
    assert "Archived the 2025 call" in cycle["new_call"].stdout
    assert (repo / "data/archive/2025.yaml").read_bytes() == cycle["original"]
    snap = repo / "archive/2025"
    for part in ("mkdocs.yml", "docs/ja/budget.md", "docs/en/budget.md", "hooks/archive.py", "src/callguide/model.py",
                 "src/callguide/templates/banner.html", "src/callguide/assets/site.css"):
        assert (snap / part).is_file(), part
    assert not list(snap.rglob("__pycache__"))
    text = cycle["after_new_call"]
    assert "  id: aspire-2026-japan-uk-quantum\n" in text
    assert "  fiscal_year: 2026\n" in text
    assert "  draft: true\n" in text
    # Edited as text: every other line, comments included, is as it was.
    before = cycle["original"].decode("utf-8").splitlines()
    after = [line for line in text.splitlines() if "draft" not in line]
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("  id: aspire-2025-japan-uk-quantum", "  id: aspire-2026-japan-uk-quantum"), ("  fiscal_year: 2025", "  fiscal_year: 2026")]


def test_new_call_refuses_a_draft_and_a_year_already_archived(cycle):
    again = cycle["again"]
    assert again.returncode == 1 and "draft: true" in again.stderr and "下書き" in again.stderr
    exists = cycle["exists"]
    assert exists.returncode == 1
    assert "data/archive/2025.yaml already exists" in exists.stderr and "アーカイブ済み" in exists.stderr
    assert "Traceback" not in again.stderr + exists.stderr


def test_an_archive_the_code_cannot_read_stops_the_build_and_says_where(cycle):
    result = cycle["bad_archive"]
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "the previous call's archived data no longer validates" in result.stderr and "変更点のページを作れません" in result.stderr
    assert "make archive-json YEAR=2025" in result.stderr
    assert re.search(r"^data/archive/2025.yaml:\d+:\d+: budget.indirect_rate.value: write a rate as a decimal", result.stderr, re.M), result.stderr
    assert (cycle["site"] / "index.html").exists()  # the site built before is still there


def test_check_passes_after_the_edits(cycle):
    assert cycle["check"].returncode == 0, cycle["check"].stderr
    # The draft's dates not yet edited are listed as reminders (tests/test_carried_over.py).
    listed = set(re.findall(r"^data/call.yaml:\d+:\d+: (schedule\.\w+)\.when: still the date of the 2025 call", cycle["check"].stdout, re.M))
    milestones = {f"schedule.{name}" for name, _ in load(FIXTURE_2025 / "call.yaml", "call.yaml").call.schedule.milestones()}
    assert listed == milestones - {"schedule.erad_deadline"}


def test_the_translations_lock_follows_new_call_and_one_sided_edits_are_a_drafts_reminders(cycle):
    """new-call keeps the year's confirmed translations in its snapshot and leaves the live lock as it was (it
    edits no text); the Japanese-only edits (a data text, a page) are drift, listed as reminders in the draft."""
    repo, lock = cycle["repo"], (FIXTURE_2025 / "translations.lock.yaml").read_bytes()
    assert (repo / "archive/2025/data/translations.lock.yaml").read_bytes() == lock
    assert (repo / "data/translations.lock.yaml").read_bytes() == lock
    out = cycle["check"].stdout
    drift = r"translation drift: the Japanese was changed and the English was not \(since .+\); .+ a reminder in a draft"
    assert re.search(rf"^data/call.yaml:\d+:\d+: programme\.aims\.0: {drift}", out, re.M), out
    assert re.search(rf"^docs/ja/budget.md:\d+:1: budget\.md#period: {drift}", out, re.M), out
    assert "+" + LATER_PAGE_EDIT in out


# --- diff -------------------------------------------------------------------------------


def test_diff_lists_exactly_the_edited_facts_in_both_languages(cycle):
    diff = cycle["diff"]
    assert diff.returncode == 0, diff.stderr
    assert changed_paths(diff.stdout) == EDITED | {"call.id", "call.fiscal_year", "call.draft"}
    report = diff.stdout
    assert "2025年5月9日（金）14:00（日本標準時）" in report and "2025年5月9日（金）17:00（日本標準時）" in report
    assert "Friday 9 May 2025, 14:00 JST" in report and "Friday 9 May 2025, 17:00 JST" in report
    assert "3件程度" in report and "about 4 projects" in report
    assert "世界のトップ科学者層との国際ネットワーク構築" in report


def test_diff_from_a_git_ref_reads_call_yaml_at_that_commit(cycle):
    assert cycle["diff_git"].returncode == 0, cycle["diff_git"].stderr
    assert changed_paths(cycle["diff_git"].stdout) == changed_paths(cycle["diff"].stdout)
    assert "HEAD:data/call.yaml → data/call.yaml" in cycle["diff_git"].stdout


# --- the build --------------------------------------------------------------------------


def test_both_years_build(cycle):
    assert cycle["build"].returncode == 0, cycle["build"].stdout + cycle["build"].stderr
    site = cycle["site"]
    for page in ("index.html", "en/index.html", "budget/index.html", "en/budget/index.html"):
        assert (site / page).is_file()
        assert (site / "archive/2025" / page).is_file()


def test_archive_has_its_own_call_json(cycle):
    site, repo = cycle["site"], cycle["repo"]
    old = load(repo / "data/archive/2025.yaml", "2025.yaml")
    assert json.loads((site / "archive/2025/call.json").read_text(encoding="utf-8")) == json.loads(call_json.text(old))
    # new-call wrote the same call.json beside the year's data: what later years are compared with.
    assert json.loads(cycle["archived_json"]) == json.loads(call_json.text(old))
    current = json.loads((site / "call.json").read_text(encoding="utf-8"))
    assert current["call"]["fiscal_year"] == 2026 and current["budget"]["awards"]["value"] == 4


def test_changes_page_lists_exactly_the_edited_facts(cycle):
    site = cycle["site"]
    for lang, page in (("ja", site / "changes/index.html"), ("en", site / "en/changes/index.html")):
        html = page.read_text(encoding="utf-8")
        table = html[html.index('<div class="cg-changes"'):]
        table = table.split('<section class="page-sources"')[0]  # the page's own sources section follows it
        listed = set(re.findall(r"<code>([\w.]+)</code>", table))
        assert listed == EDITED, lang
        new_facts = set(re.findall(r'data-fact="([\w.]+)"', table))
        assert new_facts == {"schedule.erad_deadline.when", "budget.awards"}, lang  # a text carries no fact element
        assert 'datetime="2025-05-09T17:00:00+09:00"' in table and 'datetime="2025-05-09T14:00:00+09:00"' in table
        assert ("../archive/2025/" if lang == "ja" else "../../archive/2025/en/") in table


def test_changes_page_is_in_the_navigation_and_linked_from_home(cycle):
    site = cycle["site"]
    assert 'href="changes/"' in (site / "index.html").read_text(encoding="utf-8")
    assert "前回（2025年度）の公募からの変更点" in (site / "index.html").read_text(encoding="utf-8")
    assert "What changed since the 2025 call" in (site / "en/index.html").read_text(encoding="utf-8")
    budget = (site / "budget/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./changes/" class="md-nav__link', budget)
    # The language switch goes to the other language's changes page, not its home page.
    for page, other in (("changes/index.html", "../en/changes/"), ("en/changes/index.html", "../../changes/")):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(rf'<a href="{re.escape(other)}" hreflang="(ja|en)"[^>]*class="md-select__link"', html), page


def test_changes_pages_are_in_the_sitemaps_with_their_alternates(cycle):
    for sitemap in (cycle["site"] / "sitemap.xml", cycle["site"] / "en" / "sitemap.xml"):
        xml = sitemap.read_text(encoding="utf-8")
        urls = dict(re.findall(r"<url>\s*<loc>([^<]+)</loc>(.*?)</url>", xml, re.S))
        for lang, loc in (("ja", f"{SITE_URL}changes/"), ("en", f"{SITE_URL}en/changes/")):
            assert loc in urls, f"{sitemap.name}: no {loc}"
            alternates = dict(re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', urls[loc]))
            assert alternates == {"ja": f"{SITE_URL}changes/", "en": f"{SITE_URL}en/changes/"}, (lang, alternates)


def test_nothing_of_the_old_year_leaks_into_the_new_pages(cycle):
    for rel, html in current_pages(cycle["site"]):
        if rel.endswith("changes/index.html"):
            continue  # the one page that shows old values, on purpose
        html = re.sub(r'<p class="cg-changes-link">.*?</p>', "", html)  # the home page's link to it names the old year
        html = re.sub(r'<p class="callguide-banner__draft">.*?</p>', "", html)  # so does the draft banner's count of dates still last year's
        # The sources name the documents as they stand: last year's briefing (its title has its year) until staff
        # name this year's; make check reminds them of every checked date carried over.
        html = re.sub(r'<section class="page-sources".*?</section>', "", html, flags=re.S)
        assert 'datetime="2025-05-09T14:00:00+09:00"' not in html, rel
        assert 'data-fact="budget.awards" value="3"' not in html, rel
        assert "2025年度" not in html, rel
        assert "aspire-2025" not in html, rel
        assert "世界のトップ科学者層とのネットワーク構築" not in html, rel


def test_the_new_year_is_marked_draft_and_the_current_sitemap_has_no_archive(cycle):
    site = cycle["site"]
    for rel, html in current_pages(site):
        if not rel.endswith("404.html"):  # the 404 pages are the same for every state of the call
            assert "callguide-banner__draft" in html, rel
    assert "/archive/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    # The draft banner also counts the dates still last year's (the edits changed one milestone).
    fixture = load(FIXTURE_2025 / "call.yaml", "call.yaml").call
    # the milestones not edited (one of them was), and each source's checked date
    left = len(fixture.schedule.milestones()) - 1 + sum(1 for s in fixture.sources.values() if s.checked)
    assert f"<br>{left}件の日付が、まだ2025年度の公募と同じです" in (site / "index.html").read_text(encoding="utf-8")
    assert f"<br>{left} dates are still those of the 2025 call (" in (site / "en" / "budget" / "index.html").read_text(encoding="utf-8")


def test_every_archived_page_has_the_banner_with_a_working_link(cycle):
    site = cycle["site"]
    seen = 0
    for rel, html in archived_pages(site):
        if rel.endswith("404.html"):  # hosts serve the site's root 404 page, never an archived one
            continue
        banner = re.search(r'<aside class="callguide-banner callguide-banner--archived" aria-label="[^"]+">(.*?)</aside>', html, re.S)
        assert banner, rel
        assert "noindex" in html, rel
        lang = "en" if rel.startswith("en/") else "ja"
        href = re.search(r'<a href="([^"]+)">', banner.group(1)).group(1)
        target = posixpath.normpath(posixpath.join("archive/2025/" + posixpath.dirname(rel), href))
        assert target == ("." if lang == "ja" else "en"), (rel, href)
        assert ("の公募の案内です（終了）" if lang == "ja" else "kept for reference") in banner.group(1)
        assert "callguide-banner__draft" not in html
        seen += 1
    assert seen >= 28  # 14 pages in each language


def test_archive_is_closed_and_frozen(cycle):
    site = cycle["site"]
    home = (site / "archive/2025/index.html").read_text(encoding="utf-8")
    assert 'data-status="closed"' in home
    # A page edited after new-call: the archive keeps the page of its year.
    assert LATER_PAGE_EDIT in (site / "budget/index.html").read_text(encoding="utf-8")
    assert LATER_PAGE_EDIT not in (site / "archive/2025/budget/index.html").read_text(encoding="utf-8")
    # Code changed after new-call: the archive is built by its own frozen callguide.
    assert "2025年11月はじめ" in (site / "schedule/index.html").read_text(encoding="utf-8")
    archived_schedule = (site / "archive/2025/schedule/index.html").read_text(encoding="utf-8")
    assert "2025年11月上旬" in archived_schedule and "はじめ" not in archived_schedule
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', archived_schedule).group(1)
    assert canonical == SITE_URL + "archive/2025/schedule/"


def test_archive_output_is_cached(cycle):
    entries = [p.name for p in (cycle["cache"] / "archive").iterdir() if p.name.startswith("2025-")]
    assert len(entries) == 1 and not entries[0].endswith(".tmp")


# --- in the browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def cycle_server(cycle, tmp_path_factory):
    """The cycle's site served under /guide/, as on any host."""
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler, free_port

    root = tmp_path_factory.mktemp("cycle-www")
    shutil.copytree(cycle["site"], root / "guide")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/guide/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize(
    "path, home",
    [("archive/2025/budget/", ""), ("archive/2025/en/budget/", "en/"), ("archive/2025/en/checklist/", "en/"), ("changes/", None), ("en/changes/", None)],
)
def test_archived_and_changes_pages_pass_axe_and_link_home(browser, cycle_server, path, home):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = settled_page(context)
        failed = []
        page.on("response", lambda r: r.status >= 400 and failed.append(f"HTTP {r.status} {r.url}"))
        page.on("pageerror", lambda e: failed.append(str(e)))
        page.goto(cycle_server + path)
        page.settle()
        violations = Axe().run(page).response["violations"]
        assert [f"{v['id']}: {v['help']} {v['nodes'][0]['target']}" for v in violations] == []
        assert failed == []
        if home is not None:
            page.locator(".callguide-banner a").click()
            page.wait_for_load_state()
            assert page.url == cycle_server + home
            assert page.locator("html").get_attribute("lang") == ("en" if home else "ja")
        else:
            for link in page.locator(".cg-changes a").all():
                href = link.get_attribute("href")
                response = page.request.get(posixpath.normpath(posixpath.join(cycle_server + path, href)).replace("http:/", "http://") + "/")
                assert response.ok, href
    finally:
        context.close()


def test_archived_and_changes_pages_are_valid_html(cycle):
    from test_html_valid import vnu

    site = cycle["site"]
    pages = [site / "changes/index.html", site / "en/changes/index.html", site / "index.html",
             site / "archive/2025/index.html", site / "archive/2025/en/budget/index.html"]
    run = subprocess.run(vnu("--errors-only", "--format", "gnu", *map(str, pages)), capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]


def test_the_next_call_keeps_every_property(cycle):
    """After make new-call and a year's edits, the copy's build passes the cheap property tier
    (the functions test_valid_edits runs on each valid edit)."""
    from test_valid_edits import PROPERTIES, _call

    assert cycle["build"].returncode == 0, cycle["build"].stderr
    data = cycle["repo"] / "data" / "call.yaml"
    facts = load(data, "data/call.yaml")  # once, as the property tests' module-scoped fixtures load it
    for test in PROPERTIES:
        _call(test, cycle["site"], facts, data)
