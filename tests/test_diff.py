"""``make diff``: fact-level comparison of two calls, and the fiscal year that texts name by marker."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bilingual import headlines
from conftest import FIXTURE_DATA as DATA

from callguide.changes import compare, report
from callguide.errors import DataError
from callguide.pipeline import load
from callguide.render import plain


def diff(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("CALL_FILE", None)
    return subprocess.run([sys.executable, "-m", "callguide", "diff", *args], cwd=root, env=env, capture_output=True, text=True, timeout=120)


def root_with(tmp_path: Path, archived: dict[str, str]) -> Path:
    (tmp_path / "data/archive").mkdir(parents=True)
    shutil.copy(DATA, tmp_path / "data/call.yaml")
    for year, text in archived.items():
        (tmp_path / f"data/archive/{year}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_same_call_has_no_changes():
    facts = load(DATA, "call.yaml")
    assert compare(facts, load(DATA, "call.yaml")) == []
    assert "no facts changed" in report([], facts, facts, "a", "b")


@pytest.mark.subprocess
def test_a_changed_english_text_alone_is_a_change(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    edited = text.replace("      en: Building networks with the world's top scientists", "      en: Building networks with the top scientists of the world")
    assert edited != text
    out = diff(root_with(tmp_path, {"2024": edited}), "2024")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "data/archive/2024.yaml → data/call.yaml: 1 件の変更 / 1 fact(s) changed"
    assert "programme.aims.0  [変更 / changed]" in out.stdout
    assert "Building networks with the top scientists of the world" in out.stdout


@pytest.mark.subprocess
def test_an_old_file_the_current_model_refuses_is_reported_with_its_place(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    old = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("  fiscal_year:"))
    out = diff(root_with(tmp_path, {"2024": old}), "2024")
    assert out.returncode == 1
    assert "data/archive/2024.yaml:" in out.stderr and "call.fiscal_year: required key 'fiscal_year' is missing" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.subprocess
def test_an_unknown_source_is_named_in_both_languages(tmp_path):
    out = diff(root_with(tmp_path, {"2024": DATA.read_text(encoding="utf-8")}), "1999")
    assert out.returncode == 1
    assert "'1999' is neither an archived year nor a git ref" in out.stderr and "アーカイブ済み：2024" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.subprocess
def test_diff_without_a_source_prints_usage(tmp_path):
    out = diff(tmp_path)
    assert out.returncode == 2 and "usage:" in out.stderr


def test_the_fiscal_year_reads_in_each_language():
    facts = load(DATA, "call.yaml")
    assert plain(facts, "call.name", "ja") == "ASPIRE 2025年度 日英量子共同公募"
    assert plain(facts, "call.name", "en") == "ASPIRE 2025 Japan–UK Joint Call for Quantum Technologies"


def test_an_id_naming_another_year_is_refused(tmp_path):
    bad = tmp_path / "call.yaml"
    bad.write_text(DATA.read_text(encoding="utf-8").replace("  fiscal_year: 2025", "  fiscal_year: 2026"), encoding="utf-8")
    try:
        load(bad, "call.yaml")
    except DataError as exc:
        assert headlines(exc.problems) == [
            "call.yaml:23:7: call.id: the id names 2025 but call.fiscal_year is 2026; make them agree"
        ]
    else:
        raise AssertionError("a call id naming 2025 in the 2026 call was accepted")


# --- the diff and the "what changed" page count the same changes ----------------------------

BOOKKEEPING = "記録用の項目（変更点のページには載りません） / bookkeeping (not shown on the changes page)"


def _next_year(edit: tuple[str, str] | None = None):
    """The fixture call and the same call as new-call leaves it (year, id, draft), optionally with one fact edited."""
    from callguide.new_call import next_year_text

    text = DATA.read_text(encoding="utf-8")
    nxt = next_year_text(text, 2025)
    if edit:
        assert nxt.count(edit[0]) == 1
        nxt = nxt.replace(*edit)
    return load(DATA, "data/archive/2025.yaml"), load(DATA, "data/call.yaml", nxt.encode("utf-8"))


def _page_paths(markdown: str) -> list[str]:
    return re.findall(r'<th scope="row">(?:[^<]*<br>)?<code>([^<]+)</code>', markdown)


def _report_parts(text: str) -> tuple[list[str], list[str]]:
    facts, _, kept = text.partition(BOOKKEEPING)
    return re.findall(r"(?m)^(\S+)  \[", facts), re.findall(r"(?m)^(\S+)  \[", kept)


@pytest.mark.parametrize("edit", [None, ('"2025-05-09 14:00"', '"2025-05-09 17:00"')])
def test_the_diff_and_the_changes_page_agree_on_what_changed(edit):
    from callguide.changes import page_markdown

    old, new = _next_year(edit)
    changes = compare(old, new)
    text = report(changes, old, new, "data/archive/2025.yaml", "data/call.yaml")
    listed, kept = _report_parts(text)
    assert sorted(kept) == ["call.draft", "call.fiscal_year", "call.id"], text
    for lang in ("ja", "en"):
        page = page_markdown(changes, old, new, lang, [2025], "../")
        assert _page_paths(page) == listed, lang
    page = {lang: page_markdown(changes, old, new, lang, [2025], "../") for lang in ("ja", "en")}
    assert "公募の年度・id・下書きかどうか" in page["ja"] and "year, its id and whether it is a draft" in page["en"]
    if edit is None:
        assert text.splitlines()[0] == "data/archive/2025.yaml → data/call.yaml: 変更なし / no facts changed", text
        assert "No fact has changed since the 2025 call." in page["en"] and "変わった事実はありません" in page["ja"]
    else:
        assert listed == ["schedule.erad_deadline.when"]
        assert text.splitlines()[0] == "data/archive/2025.yaml → data/call.yaml: 1 件の変更 / 1 fact(s) changed", text


@pytest.mark.parametrize("quote", ['"', "'", ""])
def test_new_call_moves_the_fiscal_year_on_however_it_is_written(quote):
    """Found by hand this session: after a tool re-wrote call.yaml with every text quoted (as
    tests/valid_edits.py does), ``fiscal_year: "2025"`` stayed 2025 while the id moved to 2026, and
    the next ``make check`` refused the draft. Quoted or plain, the year moves with the id."""
    from callguide.new_call import next_year_text

    text = DATA.read_text(encoding="utf-8")
    plain_line = re.search(r"(?m)^  fiscal_year: 2025$", text)
    quoted = text[: plain_line.start()] + f"  fiscal_year: {quote}2025{quote}" + text[plain_line.end():]
    nxt = load(DATA, "data/call.yaml", next_year_text(quoted, 2025).encode("utf-8"))
    assert (nxt.call.call.fiscal_year, nxt.call.call.draft) == (2026, True) and "2026" in nxt.call.call.id


def test_new_call_moves_on_a_call_whose_id_names_no_year(frozen_project):
    """An id without a year is valid (rules._year_in_id): new-call moves the fiscal year and keeps the id."""
    from callguide.new_call import new_call

    data = frozen_project / "data" / "call.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("id: aspire-2025-japan-uk-quantum", "id: aspire-japan-uk-quantum", 1), encoding="utf-8")
    assert new_call(frozen_project, allow_uncommitted=True)[0] == 2025
    nxt = load(data, "data/call.yaml")
    assert (nxt.call.call.fiscal_year, nxt.call.call.id) == (2026, "aspire-japan-uk-quantum")


def test_new_call_refuses_a_year_it_cannot_move_on_before_writing_anything(frozen_project):
    """A form of the year the text edit does not know (an escape in quotes) is refused, with what to write."""
    from callguide.new_call import Refused, new_call

    data = frozen_project / "data" / "call.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(re.sub(r"(?m)^  fiscal_year: 2025$", '  fiscal_year: "20\\\\x325"', text), encoding="utf-8")
    before = data.read_bytes()
    with pytest.raises(Refused) as refused:
        new_call(frozen_project, allow_uncommitted=True)
    assert "fiscal_year: 2025" in str(refused.value) and "make new-call" in str(refused.value)
    assert data.read_bytes() == before and not (frozen_project / "data" / "archive").exists()
