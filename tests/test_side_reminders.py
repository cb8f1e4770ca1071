"""Reminders for what a staff member turning the call into another partner's leaves behind (issue 17):
a partner's deadline still in the old partner's zone, a partner's checklist role that no page shows.
Located, in both languages, on `make check`'s stderr, and never an error: the check still passes."""
from __future__ import annotations

from conftest import edit_once

from callguide.__main__ import main


def check(capsys) -> tuple[int, str]:
    code = main(["check"])
    out = capsys.readouterr()
    return code, out.err


def test_a_deadline_left_in_the_old_zone_is_a_located_reminder(frozen_project, capsys):
    data = frozen_project / "data" / "call.yaml"
    edit_once(data, "    zone: Europe/London\n", "    zone: Europe/Berlin\n")  # the partner's zone moved, its deadline not
    code, err = check(capsys)
    assert code == 0
    line = data.read_text(encoding="utf-8").splitlines().index('    when: {at: "2025-05-08 16:00", zone: Europe/London}') + 1
    assert f"data/call.yaml:{line}:" in err and "schedule.uk_deadline.when.zone: this deadline is on the side 'uk', whose zone is Europe/Berlin" in err
    assert "日本語: この締切は「uk」側のもの" in err


def test_a_partner_role_no_page_shows_is_a_located_reminder(frozen_project, capsys):
    for lang in ("ja", "en"):
        edit_once(frozen_project / "docs" / lang / "checklist.md", "{{ checklist.uk_lead | checklist }}\n", "\n")
    code, err = check(capsys)
    assert code == 0, err
    assert "checklist.uk_lead: no page shows this role's checklist" in err
    assert "日本語: この役割のチェックリストを表示するページがありません" in err


def test_the_2025_call_has_no_side_reminder(frozen_project, capsys):
    code, err = check(capsys)
    assert code == 0 and "about the call's sides" not in err
