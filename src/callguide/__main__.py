"""The staff commands: ``python -m callguide check | confirm [PATH…] | new-call | diff FROM``.

check     validate the data and every page, print located problems (make check)
confirm   record texts as confirmed translations, all or those named (make confirm [ONLY=…])
new-call  archive this year's call and prepare call.yaml for the next (make new-call);
          refused while data/call.yaml or docs/ has uncommitted changes, unless --allow-uncommitted
diff FROM the facts changed since FROM: an archived year or a git ref (make diff FROM=…)
archive-json YEAR  write data/archive/<YEAR>.json with that year's own code, for a year archived
          before new-call wrote it (make archive-json YEAR=…)
review [FROM]  write review/review.html, every fact of the call on one page, compared with the newest
          archived year or FROM (make review [FROM=…])

Problems are printed as ``file:line:col: path: message``; never a traceback.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from . import drift, partner_reminders, translation_lock
from .archive import ARCHIVE_DATA
from .errors import DataError, links_heading, reminders_heading, summary, unsourced_heading
from .pipeline import data_file, load, load_and_check_pages

USAGE = "usage: python -m callguide check | confirm [PATH…] | new-call [--allow-uncommitted] | diff FROM (FROM: an archived year such as 2025, or a git ref) | archive-json YEAR | review [FROM]"


def main(argv: list[str]) -> int:
    root = Path.cwd()
    command = argv[:1]
    if command == ["check"] and len(argv) == 1:
        return check(root)
    if command == ["confirm"]:
        return confirm(root, [a for arg in argv[1:] for a in arg.split()])
    if command == ["new-call"] and argv[1:] in ([], ["--allow-uncommitted"]):
        return new_call(root, allow_uncommitted=len(argv) == 2)
    if command == ["diff"] and len(argv) == 2 and argv[1].strip():
        return diff(root, argv[1].strip())
    if command == ["review"] and len(argv) <= 2:
        return review(root, argv[1].strip() if len(argv) == 2 and argv[1].strip() else None)
    if command == ["archive-json"] and len(argv) == 2 and re.fullmatch(r"\d{4}", argv[1].strip()):
        return archive_json(root, int(argv[1]))
    print(USAGE, file=sys.stderr)
    return 2


def check(root: Path) -> int:
    try:
        checked = load_and_check_pages(root, root / "docs")
    except DataError as exc:
        _problems(exc)
        return 1
    shown = data_file(root)[1]
    if checked.previous_error:  # the archived year cannot be compared: the build would stop on it too
        print(checked.previous_error, file=sys.stderr)
        return 1
    if checked.reminders:
        print(reminders_heading(len(checked.reminders)))
        print("\n".join(str(p) for p in checked.reminders))
    if checked.translation_reminders:
        print(drift.heading(len(checked.translation_reminders)))
        print("\n".join(str(p) for p in checked.translation_reminders))
    if checked.missing_links:
        print(links_heading(len(checked.missing_links)))
        print("\n".join(str(p) for p in checked.missing_links))
    if checked.unsourced:  # on stderr: a reminder, never a failure
        print(unsourced_heading(len(checked.unsourced)), file=sys.stderr)
        print("\n".join(str(p) for p in checked.unsourced), file=sys.stderr)
    if checked.side_reminders:  # on stderr: a reminder, never a failure
        print(partner_reminders.heading(len(checked.side_reminders)), file=sys.stderr)
        print("\n".join(str(p) for p in checked.side_reminders), file=sys.stderr)
    print(f"{shown}: OK ({len(checked.facts.by_path)} facts; pages of both languages checked)")
    return 0


def confirm(root: Path, only: list[str]) -> int:
    """Record the texts as they are now as confirmed translations: every text, or those under the paths named."""
    from .format import LANGS
    from .loader import load_file
    from .pages import unreadable_pages

    path, shown = data_file(root)
    try:
        loaded = load_file(path, shown)
        lock = translation_lock.read_lock(root)
        # A page that cannot be read would look removed, and its sections' confirmations would be dropped.
        unreadable = unreadable_pages(root / "docs", LANGS, lambda p: p.relative_to(root).as_posix())
        if unreadable:
            raise DataError(unreadable)
    except DataError as exc:
        _problems(exc, "nothing was confirmed", "何も確認済みにしていません。")
        return 1
    current = drift.project_texts(root, root / "docs", loaded, drift.data_part(root, path))
    try:
        new, changes = translation_lock.confirm(lock, current, only)
    except KeyError as exc:
        named = exc.args[0]
        print(
            f"{named}: そのような文章はありません。make check の表示にある場所（call.name、budget.md#uk など）を指定してください。何も確認済みにしていません。\n"
            f"{named}: no such text; name a path as make check shows it (call.name, budget.md#uk, …). Nothing was confirmed.",
            file=sys.stderr,
        )
        return 1
    lock_file = translation_lock.LOCK.as_posix()
    if not changes:
        print(f"確認済みの記録は変わりません（{lock_file}）：どの文章も確認済みのままです。\nNothing to record: every text is as confirmed in {lock_file}.")
        return 0
    translation_lock.write_lock(root, new)
    recorded = [c for c in changes if c[0] != "removed"]
    print(f"{lock_file} に、{len(recorded)} 件の文章を今の日英の形で確認済みとして記録しました。編集と一緒にコミットしてください。")
    print(f"Recorded {len(recorded)} text(s) in {lock_file} as confirmed translations, Japanese and English as they are now; commit it with your edit.")
    for kind, item in changes:
        if kind == "removed":
            print(f"  removed / 削除  {item[1]} (no longer in the data or pages / データとページにありません)")
        else:
            label = "new / 新規    " if kind == "new" else "updated / 更新"
            print(f"  {label}  {item.path}  ({item.at_ja}, {item.at_en})")
    return 0


def new_call(root: Path, allow_uncommitted: bool = False) -> int:
    from .new_call import Refused
    from .new_call import new_call as archive_call

    try:
        year, written = archive_call(root, allow_uncommitted)
    except DataError as exc:
        _problems(exc, "nothing was archived", "何もアーカイブしていません。")
        return 1
    except Refused as exc:
        print(str(exc), file=sys.stderr)
        return 1
    nxt = year + 1
    print(
        f"{year}年度の公募をアーカイブしました：\n"
        f"  data/archive/{year}.yaml（データ）と archive/{year}/（その年の画面一式）。/archive/{year}/ で読めます。\n"
        f"  data/archive/{year}.json はその年の call.json で、変更点の比較に使います。\n"
        f"data/call.yaml を{nxt}年度用にしました（call.fiscal_year: {nxt}、call.id の年、draft: true）。\n"
        f"次にすること：data/call.yaml の日付・締切・上限額・規則を{nxt}年度の公募要領に合わせて直し、\n"
        f"  make check で確認、make diff FROM={year} で変更点を確認、準備ができたら draft: true の行を消して公開します。\n"
        f"\n"
        f"Archived the {year} call:\n"
        f"  data/archive/{year}.yaml (its data) and archive/{year}/ (its pages and code), readable at /archive/{year}/;\n"
        f"  data/archive/{year}.json is its call.json, which later years are compared with.\n"
        f"data/call.yaml is now set up for {nxt} (call.fiscal_year: {nxt}, the year in call.id, draft: true).\n"
        f"Next: update the dates, deadlines, caps and rules in data/call.yaml from the {nxt} call documents,\n"
        f"  run make check, review make diff FROM={year}, and delete the draft: true line when the call is final.\n"
        f"\nWritten / 書き込んだファイル: {', '.join(written)}"
    )
    return 0


def diff(root: Path, source: str) -> int:
    """An archived year is compared as its call.json (previous.py: it need not pass today's model);
    call.yaml at a git ref is loaded with today's model."""
    from .changes import compare, report
    from .previous import Unreadable

    new_path, new_shown = data_file(root)
    try:
        old, old_shown = _older(root, source)
        if old is None:
            print(old_shown, file=sys.stderr)
            return 1
        new = load(new_path, new_shown)
    except DataError as exc:
        _problems(exc, "no comparison was made", "比較できませんでした。")
        return 1
    except Unreadable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    sys.stdout.write(report(compare(old, new), old, new, old_shown, new_shown))
    return 0


def review(root: Path, source: str | None) -> int:
    """Write the review page: the check's result (a published call's drift shown, not stopped on),
    compared with the newest archived year, or with FROM (an archived year or a git ref)."""
    from . import review as page
    from .loader import load_file
    from .previous import Unreadable

    path, shown = data_file(root)
    comparison, error = None, None
    try:
        checked = load_and_check_pages(root, root / "docs", drift_stops=False)
        loaded = load_file(path, shown)
        if source is None:
            if checked.previous:
                comparison = page.Comparison.of_year(checked.previous[0])
            error = checked.previous_error
        else:
            old, old_shown = _older(root, source)
            if old is None:
                print(old_shown, file=sys.stderr)
                return 1
            archived = re.fullmatch(r"\d{4}", source) and old_shown.startswith(ARCHIVE_DATA.as_posix())
            comparison = page.Comparison.of_year(old) if archived else page.Comparison.of_ref(old, old_shown, source)
    except DataError as exc:
        _problems(exc, "no review page was written", "確認用の一覧は作っていません。")
        return 1
    except Unreadable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if error:
        print(error, file=sys.stderr)
    out = page.write(root, page.page(checked, loaded, comparison, error))
    shown_out = out.relative_to(root).as_posix()
    against = comparison.shown if comparison else "なし / none"
    print(f"{shown_out} を書き出しました（比較元：{against}）。ブラウザで開いてください。\nWrote {shown_out} (compared with: {against}); open it in a browser.")
    drifted = [f for f in checked.translation_findings if f.kind == drift.DRIFT]
    if drifted and not checked.facts.call.call.draft:
        print(f"翻訳のずれが {len(drifted)} 件あります。直すまで公開用のサイトは作られません（make check）。\n"
              f"{len(drifted)} text(s) with translation drift: the site is not built until they are resolved (make check).", file=sys.stderr)
    return 0


def archive_json(root: Path, year: int) -> int:
    from .archive import SNAPSHOTS
    from .previous import Unreadable, write_with_own_code

    try:
        written = write_with_own_code(root, year, root / ARCHIVE_DATA / f"{year}.yaml", root / SNAPSHOTS / str(year))
    except Unreadable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    shown = written.relative_to(root).as_posix()
    print(f"{shown} を{year}年度のプログラムで書き出しました。コミットしてください。\nWrote {shown} with the {year} code; commit it.")
    return 0


def _older(root: Path, source: str):
    """The call to compare with and its shown name: an archived year as its call.json (previous.py: it need
    not pass today's model), or call.yaml at a git ref loaded with today's model; (None, why) when ``source``
    is neither. Raises DataError, previous.Unreadable."""
    from .previous import Previous, read

    with tempfile.TemporaryDirectory() as tmp:
        old_path, old_shown = _old_file(root, source, Path(tmp))
        if old_path is None:
            return None, old_shown
        if old_path.is_relative_to(root / ARCHIVE_DATA):
            old = read(root, old_path, int(source), load)
            return old, old.shown
        return Previous.from_facts(load(old_path, old_shown), old_shown), old_shown


def _old_file(root: Path, source: str, tmp: Path) -> tuple[Path | None, str]:
    """The older call.yaml: an archived year's file, or call.yaml as it was at a git ref."""
    if re.fullmatch(r"\d{4}", source):
        archived = root / ARCHIVE_DATA / f"{source}.yaml"
        if archived.is_file():
            return archived, archived.relative_to(root).as_posix()
    shown = f"{source}:data/call.yaml"
    try:
        done = subprocess.run(["git", "show", shown], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"git を実行できません / cannot run git: {exc}"
    if done.returncode != 0:
        years = sorted(p.stem for p in (root / ARCHIVE_DATA).glob("*.yaml"))
        known = ", ".join(years) or "なし / none"
        return None, (
            f"'{source}' はアーカイブ済みの年度でも git の参照でもありません（アーカイブ済み：{known}）。\n"
            f"'{source}' is neither an archived year nor a git ref with data/call.yaml (archived years: {known}).\n"
            f"git: {done.stderr.decode('utf-8', 'replace').strip()}"
        )
    path = tmp / "call.yaml"
    path.write_bytes(done.stdout)
    return path, shown


def _problems(exc: DataError, *outcome: str) -> None:
    print(str(exc), file=sys.stderr)
    print(summary(len(exc.problems), *outcome), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
