"""A page that cannot be read as text is a located problem, as call.yaml is, never a traceback.

Staff save pages from their editors: one saved as Shift_JIS ended make check and the build in
UnicodeDecodeError, and a NUL byte went into the published <h1>. Each page of the frozen 2025 call
(conftest.frozen_project) is broken here as an editor would, and the whole check is run on it.
"""
from __future__ import annotations

from bilingual import headlines

from callguide.errors import DataError
from callguide.pipeline import load_and_check_pages

SHIFT_JIS = "the file is not UTF-8 (it looks like Shift_JIS); save it as UTF-8"
NUL = "character U+0000 is not allowed; delete it (control characters cannot be used)"


def checked(root) -> list[str] | str:
    """The located problems of the project at ``root``, or what else happened (no problem, or an exception)."""
    try:
        load_and_check_pages(root, root / "docs")
    except DataError as exc:
        return headlines(exc.problems)
    except Exception as exc:  # what staff would see: a traceback
        return f"traceback: {type(exc).__name__}: {exc}"
    return "no problem"


def place(raw: bytes, pos: int) -> str:
    """line:col of the byte at ``pos`` (columns count bytes, as the data file's are)."""
    line, start = raw.count(b"\n", 0, pos) + 1, raw.rfind(b"\n", 0, pos) + 1
    return f"{line}:{pos - start + 1}"


def save_as_shift_jis(root, name: str = "docs/ja/contact.md") -> str:
    page = root / name
    raw = page.read_text(encoding="utf-8").encode("shift_jis")
    page.write_bytes(raw)
    return f"{name}:{place(raw, next(i for i, b in enumerate(raw) if b >= 0x80))}"


def put_nul(root, name: str = "docs/en/contact.md", after: str = "# Contact") -> str:
    page = root / name
    raw = page.read_bytes().replace(after.encode(), after.encode() + b"\x00", 1)
    page.write_bytes(raw)
    return f"{name}:{place(raw, raw.index(0))}"


def test_a_page_saved_as_shift_jis(frozen_project):
    where = save_as_shift_jis(frozen_project)
    assert checked(frozen_project) == [f"{where}: {SHIFT_JIS}"]


def test_a_nul_byte_in_a_page(frozen_project):
    where = put_nul(frozen_project)
    assert checked(frozen_project) == [f"{where}: {NUL}"]


def test_unreadable_pages_and_a_data_problem_are_reported_together(frozen_project):
    data = frozen_project / "data" / "call.yaml"
    text = data.read_text(encoding="utf-8").replace("indirect_rate: 0.3", "indirect_rate: 30%", 1)
    data.write_text(text, encoding="utf-8")
    pos = text.index("30%")
    bad_rate = (f"data/call.yaml:{text.count(chr(10), 0, pos) + 1}:{pos - (text.rfind(chr(10), 0, pos) + 1) + 1}: "
                "budget.indirect_rate.value: write a rate as a decimal, not a percentage: 30% is 0.3")
    not_utf8, nul = save_as_shift_jis(frozen_project), put_nul(frozen_project)
    assert checked(frozen_project) == [bad_rate, f"{nul}: {NUL}", f"{not_utf8}: {SHIFT_JIS}"]


def test_confirm_stops_on_a_page_it_cannot_read_and_keeps_the_record(frozen_project, capsys):
    """A page saved as Shift_JIS looked to make confirm like a page removed: it dropped the confirmations of
    all its sections, so that once the page was saved right again its drift went unnoticed (a maintainer's read)."""
    from callguide.__main__ import confirm
    from callguide.translation_lock import LOCK

    lock = frozen_project / LOCK
    before = lock.read_bytes()
    where = save_as_shift_jis(frozen_project)
    assert confirm(frozen_project, []) == 1
    assert lock.read_bytes() == before
    assert f"{where}: {SHIFT_JIS}" in capsys.readouterr().err
