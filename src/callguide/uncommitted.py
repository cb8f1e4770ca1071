"""Which files of the call git has not recorded: ``make new-call`` starts from committed work.

new-call keeps data/call.yaml byte for byte as last year's record and rewrites it for the next
year; run on an edit not yet committed, it would archive that edit and leave no commit to go
back to. So in a git checkout (the project folder is the top of a git work tree) it refuses while
data/call.yaml or anything in docs/ differs from the last commit. Outside git (a copied folder)
there is nothing to compare with, and nothing is refused.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

WATCHED = ("data/call.yaml", "docs")
_STATE = {
    "?": ("new, not in git yet", "git にまだ入っていない新しいファイル"),
    "D": ("deleted, not committed", "削除がコミットされていません"),
}
_CHANGED = ("changed, not committed", "変更がコミットされていません")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None


def uncommitted(root: Path) -> list[tuple[str, str, str]]:
    """(path, English state, Japanese state) of every watched file that differs from the last commit; [] outside git."""
    if not (root / ".git").exists():  # not the top of a work tree (a folder, or a file for a linked worktree): no git run
        return []
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or top.returncode != 0 or Path(top.stdout.decode().strip()).resolve() != root.resolve():
        return []
    status = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *WATCHED)
    if status is None or status.returncode != 0:
        return []
    found = []
    entries = status.stdout.decode("utf-8", "replace").split("\0")
    skip = False
    for entry in entries:
        if skip or len(entry) < 4:
            skip = False
            continue
        code, path = entry[:2], entry[3:]
        skip = "R" in code or "C" in code  # a rename is followed by its old path
        state = next((_STATE[c] for c in code if c in _STATE), _CHANGED)
        found.append((path, *state))
    return found


def refusal(files: list[tuple[str, str, str]]) -> str:
    """The message new-call prints instead of archiving: each file, then what to do, in both languages."""
    lines = [f"{path}: {en} / {ja}" for path, en, ja in files]
    return "\n".join(
        lines
        + [
            "make new-call はコミット済みの作業から始めます。data/call.yaml はそのまま前年度の記録として保存され、次の年度用に書き換えられるためです。",
            "先にコミットするか（git add data/call.yaml docs && git commit -m \"…\"）、変更を取り消してください（git restore data/call.yaml）。"
            "今の状態のままアーカイブするときは make new-call ALLOW_UNCOMMITTED=1 を実行します。",
            "make new-call starts from committed work: it keeps data/call.yaml as last year's record and rewrites it for the next year.",
            "Commit first (git add data/call.yaml docs && git commit -m \"…\"), or undo the changes (git restore data/call.yaml); "
            "to archive them as they are, run make new-call ALLOW_UNCOMMITTED=1.",
            "何もアーカイブしていません。 / Nothing was archived.",
        ]
    )
