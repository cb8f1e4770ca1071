"""A bad edit stops every entry point with located errors and leaves the last good site untouched."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bilingual import assert_every_problem_explained, is_japanese_explanation
from conftest import DATA, ROOT, build_site, warm_cache

BAD = re.sub(r"(?m)^(\s*indirect_rate: ).*$", r"\g<1>30%", DATA.read_text(encoding="utf-8"), count=1)


def bad_file(tmp_path) -> Path:
    path = tmp_path / "draft.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def old_site(tmp_path) -> Path:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the last good site", encoding="utf-8")
    return out


def assert_untouched(out: Path):
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "the last good site"


def expected_line() -> str:
    pos = BAD.index("30%")
    line = BAD.count("\n", 0, pos) + 1
    col = pos - (BAD.rfind("\n", 0, pos) + 1) + 1
    return f":{line}:{col}: budget.indirect_rate.value: write a rate as a decimal, not a percentage: 30% is 0.3"


@pytest.mark.build
def test_mkdocs_build_with_bad_data_keeps_the_old_site(tmp_path):
    out = old_site(tmp_path)
    build = build_site(out, call_file=bad_file(tmp_path))
    assert build.result.returncode != 0
    assert f"draft.yaml{expected_line()}" in build.output
    assert assert_every_problem_explained(build.output) == 1
    assert "Traceback" not in build.output
    assert_untouched(out)


@pytest.mark.subprocess
def test_make_build_and_make_check_report_the_same_problem(tmp_path):
    draft = bad_file(tmp_path)
    out = old_site(tmp_path)
    env = dict(os.environ, CALL_FILE=str(draft))
    for target in (["build", f"SITE={out}"], ["check"]):
        run = subprocess.run(["make", "--no-print-directory", *target], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        said = run.stdout + run.stderr
        assert run.returncode != 0, said
        assert f"{draft}{expected_line()}" in said
        assert assert_every_problem_explained(said) == 1
        assert "Traceback" not in said
    assert_untouched(out)


@pytest.mark.subprocess
def test_check_passes_on_the_real_data():
    run = subprocess.run([sys.executable, "-m", "callguide", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={k: v for k, v in os.environ.items() if k != "CALL_FILE"})
    assert run.returncode == 0, run.stderr
    # The last line says so; reminders (official documents without an address yet) may come before it.
    assert run.stdout.splitlines()[-1].startswith("data/call.yaml: OK")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's site sources, so tests can break pages without touching the repository."""
    dest = tmp_path / "project"
    for name in ("docs", "data", "hooks"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _draft(project: Path) -> bool:
    """Whether the live call is a draft (as after make new-call): its translation drift is then a reminder."""
    from callguide.pipeline import load

    return bool(load(project / "data" / "call.yaml", "data/call.yaml").call.call.draft)


def build_project(project: Path, out: Path, cache: Path | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a copy of the project; its cache is ``cache`` when given (see conftest.warm_cache)."""
    env = {k: v for k, v in os.environ.items() if k != "CALL_FILE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if cache is not None:
        env["CALLGUIDE_CACHE_DIR"] = str(cache)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run([str(mkdocs), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.subprocess
def test_unknown_marker_in_an_english_page_stops_before_japanese_is_written(project, tmp_path):
    page = project / "docs" / "en" / "budget.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThe cap is {{ budget.japan.direct_cop }}.\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index("The cap is {{ budget.japan.direct_cop }}.") + 1
    out = old_site(tmp_path)
    run = build_project(project, out)
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert (f"docs/en/budget.md:{line}:12: {{{{ budget.japan.direct_cop }}}}: unknown fact 'budget.japan.direct_cop'; "
            "did you mean 'budget.japan.direct_cap'?") in said
    # The English section changed alone, so it is also translation drift: in a published call a second
    # problem, in a draft (after make new-call) a reminder that does not stop the build.
    drift, draft = "translation drift: the English was changed and the Japanese was not", _draft(project)
    assert (drift in said) != draft
    assert assert_every_problem_explained(said) == (1 if draft else 2)
    assert "Traceback" not in said
    assert_untouched(out)


@pytest.mark.subprocess
def test_unknown_form_and_malformed_marker(project, tmp_path):
    page = project / "docs" / "ja" / "budget.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ budget.awards | fancy }}\n\n{{ budget awards }}\n", encoding="utf-8")
    run = build_project(project, old_site(tmp_path))
    said = run.stdout + run.stderr
    assert "{{ budget.awards | fancy }}: unknown form '| fancy'" in said
    assert "{{ budget awards }}: not a fact marker; write {{ path.to.fact }} or {{ path | form }}" in said
    # The Japanese section changed alone: translation drift is the third problem (a reminder in a draft).
    drift, draft = "translation drift: the Japanese was changed and the English was not", _draft(project)
    assert (drift in said) != draft
    assert assert_every_problem_explained(said) == (2 if draft else 3)


@pytest.mark.subprocess
def test_a_page_missing_in_one_language_stops_the_build(project, tmp_path):
    (project / "docs" / "en" / "security.md").unlink()
    out = old_site(tmp_path)
    run = build_project(project, out)
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert "docs/en/security.md:1:1: page missing:" in said and "has no en version" in said
    assert assert_every_problem_explained(said) == 1
    assert_untouched(out)


@pytest.mark.subprocess
def test_markers_in_code_are_left_alone(project, tmp_path, tmp_path_factory):
    page = project / "docs" / "en" / "contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nWrite `{{ budget.nothing }}` in a page.\n\n```yaml\n{{ no.such.fact }}\n```\n", encoding="utf-8")
    ja = project / "docs" / "ja" / "contact.md"
    ja.write_text(ja.read_text(encoding="utf-8") + "\n`{{ budget.nothing }}` と書きます。\n", encoding="utf-8")
    out = tmp_path / "built"
    run = build_project(project, out, cache=warm_cache(tmp_path_factory))  # a whole build: what the pages share comes from the run's cache
    assert run.returncode == 0, run.stdout + run.stderr
    html = (out / "en" / "contact" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "{{ budget.nothing }}" in text and "{{ no.such.fact }}" in text


@pytest.mark.build
def test_missing_japanese_font_stops_the_build_before_anything_is_written(tmp_path, monkeypatch):
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path}/fc</cachedir></fontconfig>', encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))  # a fontconfig that knows no fonts
    out = old_site(tmp_path)
    build = build_site(out)
    assert build.result.returncode != 0
    assert "no Japanese font found" in build.output and "fonts-noto-cjk" in build.output
    lines = build.output.splitlines()
    said_at = next(i for i, line in enumerate(lines) if "no Japanese font found" in line)
    assert is_japanese_explanation(lines[said_at + 1]), lines[said_at + 1]
    assert "Traceback" not in build.output
    assert_untouched(out)


@pytest.mark.subprocess
def test_deeply_nested_data_gives_a_located_error_to_check_and_build(tmp_path):
    text = re.sub(r"(?m)^(\s*indirect_rate: ).*$", lambda m: m.group(1) + "[" * 4000 + "]" * 4000, DATA.read_text(encoding="utf-8"), count=1)
    deep = tmp_path / "deep.yaml"
    deep.write_text(text, encoding="utf-8")
    pos = text.index("indirect_rate: [") + len("indirect_rate: ") + 62  # the file's block, budget's and the first 62 '[' are the 64 levels allowed
    where = f"{deep}:{text.count(chr(10), 0, pos) + 1}:{pos - text.rfind(chr(10), 0, pos)}: more than 64 lists and blocks"
    check = subprocess.run([sys.executable, "-m", "callguide", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, CALL_FILE=str(deep)))
    out = old_site(tmp_path)
    build = build_site(out, call_file=deep)
    for said, code in ((check.stdout + check.stderr, check.returncode), (build.output, build.result.returncode)):
        assert code != 0
        assert "Traceback" not in said and "RecursionError" not in said
        assert where in said, said[-2000:]
        assert assert_every_problem_explained(said) == 1
    assert_untouched(out)


@pytest.mark.subprocess
def test_a_page_saved_as_shift_jis_stops_the_build_with_its_place(tmp_path):
    """The frozen 2025 call with one page saved as Shift_JIS: the build stops at once, says where, and the
    last good site stays (tests/test_page_reading.py has the check's cases)."""
    from conftest import fixture_project
    from test_page_reading import SHIFT_JIS, save_as_shift_jis

    project = fixture_project(tmp_path)
    where = save_as_shift_jis(project)
    out = old_site(tmp_path)
    run = build_project(project, out, cache=tmp_path / "cache")
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert f"{where}: {SHIFT_JIS}" in said
    assert assert_every_problem_explained(said) == 1
    assert "Traceback" not in said
    assert_untouched(out)
