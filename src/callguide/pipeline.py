"""call.yaml to facts, checked completely: the one entry point for hooks, CLI and tests.

Every problem (YAML, types, cross-field rules, markers in the data's texts and
in every page of both languages) is collected and raised together as a
DataError, before anything is written.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import call_json, drift, partner_reminders, previous, provenance, rules, source_refs
from .archive import ARCHIVE_DATA, SNAPSHOTS, archived
from .cache import Store, adopt_memo, key, memo_of
from .carried_over import carried_over
from .changes import Change, compare
from .errors import DataError, Problem
from .facts import Facts
from .format import LANGS
from .loader import Loaded, dotted, load_bytes, load_file, read_bytes
from .model import Call
from .pages import check_pages, unreadable_pages
from .previous import Previous
from .render import ANY_MARKER, MARKER, Context, MarkerError, render_marker, stray_delimiters
from .translation_lock import LOCK
from .types import WHEN_ERROR, WHEN_TAGS

DEFAULT_FILE = "data/call.yaml"


def data_file(root: Path) -> tuple[Path, str]:
    """The data file to use (``CALL_FILE`` relative to the current folder, or data/call.yaml) and its shown name."""
    chosen = os.environ.get("CALL_FILE")
    if chosen:
        return Path(chosen).resolve(), chosen
    return (root / DEFAULT_FILE).resolve(), DEFAULT_FILE


def load(path: Path, shown: str, raw: bytes | None = None) -> Facts:
    """Load, type and cross-check a data file (``raw``: its bytes, when already read); raise DataError listing every problem."""
    return _load(path, shown, raw)[0]


def _load(path: Path, shown: str, raw: bytes | None = None) -> tuple[Facts, Loaded]:
    loaded = load_file(path, shown) if raw is None else load_bytes(raw, shown)
    refs, problems = source_refs.take(loaded, lambda loc: "source" in _expected_keys(loc))
    try:
        call = Call.model_validate(loaded.data)
    except ValidationError as exc:
        raise DataError(problems + [_problem(loaded, err) for err in exc.errors()]) from None
    facts = Facts(call)
    facts.source_refs = refs
    problems += [_at(loaded, path_, msg, ja) for path_, msg, ja in rules.check(facts)]
    problems += [_at(loaded, path_, msg, ja) for path_, msg, ja in provenance.check(facts)]
    problems += _text_markers(facts, loaded)
    if problems:
        raise DataError(problems)
    return facts, loaded


@dataclass
class Checked:
    """What the check returns: the facts, and what it found around them (kept with them in the cache).

    ``previous``: the newest archived call before this one (its facts and year), or ``previous_error``:
    why it no longer loads; ``reminders``: problems that do not stop a build (a draft's dates still
    the previous call's); ``missing_links``: official documents without an address yet (make check
    reminds staff); ``translation_reminders``: texts to review since their translation was confirmed
    (drift.py; in a published call those are problems), and ``translation_findings``, every one of them by kind
    (the review page's marks); call.json's text and its schema's, made once; ``memo``: the renderings the
    check made, stored with the facts (``cache.memo_of``) so a build from the cache renders none again.
    """

    facts: Facts
    previous: tuple[Previous, int] | None = None  # previous.Previous: that year's call.json
    previous_error: str | None = None
    reminders: list[Problem] = field(default_factory=list)
    missing_links: list[Problem] = field(default_factory=list)
    unsourced: list[Problem] = field(default_factory=list)  # facts whose block names no source (make check lists them)
    side_reminders: list[Problem] = field(default_factory=list)  # partner_reminders.py: a deadline in another zone than its side's, …
    translation_reminders: list[Problem] = field(default_factory=list)
    translation_findings: list[drift.Finding] = field(default_factory=list)
    json_text: str | None = None
    schema_text: str | None = None
    changes_found: list[Change] | None = None
    memo: dict = field(default_factory=dict)

    @property
    def carried(self) -> tuple[int, int] | None:
        """How many of a draft's dates are still the previous call's, and that call's year (the draft banner)."""
        return (len(self.reminders), self.previous[1]) if self.reminders and self.previous else None

    def call_json(self) -> str:
        """call.json's text, made once."""
        if self.json_text is None:
            self.json_text = call_json.text(self.facts)
        return self.json_text

    def changes(self) -> list[Change]:
        """What changed since the previous call (the "what changed" page of both languages), found once and
        kept in the pickle: comparing reads the previous year's file and makes call.json's tree (~0.1 s)."""
        if self.changes_found is None:
            self.changes_found = compare(self.previous[0], self.facts) if self.previous else []
        return self.changes_found

    def call_schema(self) -> str:
        """call.schema.json's text: made by the code alone, kept as call.json's is (the cache is keyed by the code)."""
        if self.schema_text is None:
            self.schema_text = call_json.schema_text()
        return self.schema_text


def load_and_check_pages(root: Path, docs: Path, data: tuple[Path, str] | None = None, raw: bytes | None = None,
                         drift_stops: bool = True) -> Checked:
    """Everything a build needs checked: the data (CALL_FILE, or ``data``), every page of every language,
    and the dates against the previous, archived call (reminders while a draft, problems after).
    ``drift_stops=False`` (the review page, which shows drift rather than stopping on it) keeps a
    published call's translation drift as reminders."""
    path, shown = data or data_file(root)
    try:
        facts, loaded = _load(path, shown, raw)
    except DataError as exc:  # every problem at once: the pages that cannot be read too
        raise DataError(exc.problems + unreadable_pages(docs, LANGS, lambda p: _relative(p, root))) from None
    # Noting what each marker shows (render.shown_by) keeps it with the check's renderings, for each page's sources.
    problems = check_pages(docs, lambda lang: Context(facts, lang, set()), LANGS, lambda p: _relative(p, root))
    checked = Checked(facts)
    checked.previous, checked.previous_error = _previous_call(root, facts)
    carried = [_at(loaded, *found) for found in carried_over(facts, *checked.previous)] if checked.previous else []
    checked.missing_links = [_at(loaded, *_missing_link(name)) for name in facts.call.documents.missing()]
    checked.unsourced = [_at(loaded, *provenance.unsourced_problem(p)) for p in provenance.unsourced(facts)]
    checked.side_reminders = [_at(loaded, *found) for found in partner_reminders.reminders(facts, docs)]
    if facts.call.call.draft:
        checked.reminders = carried
    else:
        problems += carried
    draft = bool(facts.call.call.draft)
    checked.translation_findings = drift.project_findings(root, docs, loaded, path, raw, draft)
    drifted, checked.translation_reminders = drift.split(checked.translation_findings, draft or not drift_stops)
    problems += drifted
    if problems:
        raise DataError(problems)
    return checked


def _missing_link(name: str) -> tuple[str, str, str]:
    return (
        f"documents.{name}.url",
        "no address yet: fill in the official address so that every page links it (the name is shown unlinked until then)",
        "アドレスがまだありません。公式のアドレスを書くと、各ページからリンクされます（それまでは名前だけを表示します）。",
    )


def _previous_call(root: Path, facts: Facts) -> tuple[tuple[Previous, int] | None, str | None]:
    """The newest archived call of a year before this call's, as its call.json (previous.py), as (call, year);
    or None and, when it cannot be read, why (the changes page reports it)."""
    earlier = [item for item in archived(root) if item.year < facts.call.call.fiscal_year]
    if not earlier:
        return None, None
    item = earlier[-1]
    try:
        return (previous.read(root, item.data, item.year, load), item.year), None
    except previous.Unreadable as exc:
        return None, str(exc)


def _archived_data(root: Path) -> list[bytes | str]:
    """Every archived year's data file, and whether its snapshot is there (``archive.archived`` needs
    both), as parts of the check's cache key: the dates are checked against the newest of them."""
    parts: list[bytes | str] = []
    for item in sorted((root / ARCHIVE_DATA).glob("*.yaml")):
        snapshot = (root / SNAPSHOTS / item.stem / "mkdocs.yml").is_file()
        written = previous.json_file(item)  # the year's call.json, compared in its place when there
        parts += [f"{item.name} snapshot={snapshot}", item.read_bytes(), written.read_bytes() if written.is_file() else b"-"]
    return parts


def _lock_bytes(root: Path) -> bytes:
    """The translations lock, a part of the check's cache key (the drift found depends on it). The last
    commit is not (reading it would cost a git process at every build): drift since the last commit
    comes with a change of the data or the pages, which are in the key, unless the commit itself moves
    under unchanged files (a reset, a checkout keeping local edits); make check, never cached, sees that too."""
    lock = root / LOCK
    return lock.read_bytes() if lock.is_file() else b""


def read_data(root: Path) -> bytes:
    """The data file's bytes (CALL_FILE, or data/call.yaml), or the located problem of a file that cannot be read."""
    path, shown = data_file(root)
    return read_bytes(path, shown)


def load_and_check_cached(root: Path, docs: Path, cache_dir: Path, raw: bytes) -> Checked:
    """load_and_check_pages, or its result from an earlier build of the same data, pages and code.

    Validating the data and every marker of every page is most of what the hooks add to a
    build; a build whose inputs all match an earlier successful one reads that result back
    (a pickle of the Checked result with the markers the check rendered, call.json's text and its schema's,
    keyed by the bytes of every input and the code's fingerprint). Problems are never cached:
    a file with problems is checked every time.
    ``raw`` is the data file's bytes, read once by the caller.
    """
    path, shown = data_file(root)
    parts: list[bytes | str] = [shown, raw, *_archived_data(root), _lock_bytes(root)]
    for page in sorted(docs.rglob("*.md")):
        parts += [page.relative_to(docs).as_posix(), page.read_bytes()]
    store = Store(cache_dir, keep=CHECKED_KEPT, patterns=("checked-*.pickle",))
    name = f"checked-{key(*parts, libraries=CHECK_LIBRARIES)}.pickle"
    found = store.load(name)
    if isinstance(found, Checked):
        adopt_memo(found.facts, found.memo)
        return found
    checked = load_and_check_pages(root, docs, (path, shown), raw)
    checked.call_json()  # made now, kept in the pickle
    checked.call_schema()
    checked.changes()
    # The markers the check rendered go with the facts: every marker of every page, so a build
    # from this cache renders none of them again (except the ones that read the clock on another day).
    _render_checked_dates(checked.facts)
    checked.memo = memo_of(checked.facts)
    store.dump(name, checked)
    checked.memo = {}
    return checked


# Checked data kept (a few: switching between two data files, CALL_FILE and data/call.yaml, reuses both).
CHECKED_KEPT = 4
# The libraries whose versions can change what the check says.
CHECK_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "Babel", "Markdown", "nh3")


def _render_checked_dates(facts: Facts) -> None:
    """Render the date each source was checked, in both languages, as every page's sources section
    shows it (callguide.page_sources): no page's Markdown holds these markers, so without this a build
    from the cache rendered them again, and loaded Babel's calendar data (~30 ms) for them alone."""
    for ident, document in facts.call.sources.items():
        if document.checked is not None:
            for lang in LANGS:
                render_marker(f"sources.{ident}.checked", None, Context(facts, lang))


def _relative(p: Path, root: Path) -> str:
    try:
        return p.relative_to(root).as_posix()
    except ValueError:
        return str(p)


# Texts shown as written, whose markers would never be replaced: a milestone's title is the calendar's
# event name, the timeline's and the status box's label, in plain text made without the facts.
_AS_WRITTEN = re.compile(r"schedule\.[^.]+\.title")


def _text_markers(facts: Facts, loaded: Loaded) -> list[Problem]:
    problems = []
    for path, text in facts.texts():
        for lang in LANGS:
            for _, _, message, ja in stray_delimiters(text[lang]):
                problems.append(_at(loaded, f"{path}.{lang}", message, ja))
            if _AS_WRITTEN.fullmatch(path) and ANY_MARKER.search(text[lang]):
                problems.append(_at(
                    loaded, f"{path}.{lang}",
                    "a milestone's title is shown as written (in calendars, the timeline and the status box): "
                    "its markers are not replaced; write the words out, and say the date in the milestone's note",
                    "日程の名前（title）は書いたとおりに表示されます（カレンダー、日程表、状況の表示）。{{ … }} は置き換えられないので、"
                    "言葉で書いてください。日付に触れる場合は note に書いてください。",
                ))
                continue
            for m in ANY_MARKER.finditer(text[lang]):
                good = MARKER.fullmatch(m.group(0))
                try:
                    if not good:
                        raise MarkerError(
                            f"'{m.group(0)}' is not a fact marker; write {{{{ path.to.fact }}}}",
                            f"「{m.group(0)}」の書き方が正しくありません。{{{{ schedule.erad_deadline }}}} のように事実の名前を書いてください。",
                        )
                    render_marker(good["path"], good["variant"], Context(facts, lang))
                except MarkerError as exc:
                    problems.append(_at(loaded, f"{path}.{lang}", str(exc), exc.ja))
    return problems


def _at(loaded: Loaded, path: str, message: str, ja: str) -> Problem:
    parts = tuple(int(p) if p.isdigit() else p for p in path.split("."))
    line, col = loaded.where(parts)
    return Problem(loaded.file, line, col, path, message, ja)


_MISSING_TEXT = {
    "ja": ("the Japanese text (ja) is missing", "日本語の文章（ja:）がありません。ja: の行を書き足してください。"),
    "en": ("the English text (en) is missing", "英語の文章（en:）がありません。en: の行を書き足してください。"),
}
_EMPTY_TEXT = {
    "ja": ("the Japanese text (ja) is empty", "日本語の文章（ja:）が空です。内容を書いてください。"),
    "en": ("the English text (en) is empty", "英語の文章（en:）が空です。内容を書いてください。"),
}

# pydantic's own error kinds (the ones our own validators raise carry their Japanese in ctx["ja"]).
_BUILTIN: dict[str, tuple[str, str]] = {
    "model_type": (
        "expected a block of keys here (key: value lines), not a single value",
        "ここには値を1つではなく、「キー: 値」の行のまとまりを（字下げして）書いてください。",
    ),
    "list_type": ("expected a list here (lines starting with '- ')", "ここには「- 」で始まる行の一覧を書いてください。"),
    "string_type": ("expected text here, not a list or a block", "ここには文章を1つ書いてください（一覧やまとまりではなく）。"),
}
_BUILTIN["model_attributes_type"] = _BUILTIN["dict_type"] = _BUILTIN["model_type"]
_BUILTIN["when"] = WHEN_ERROR
# A pydantic error kind we never expected: the English is pydantic's, the Japanese says where to look.
_UNKNOWN_JA = "この値は受け付けられません。上の英語の説明を手がかりに、call.yaml の説明コメントの書き方に合わせてください。"


def _problem(loaded: Loaded, err: dict) -> Problem:
    """A pydantic error as a located, plain-words problem in English and Japanese."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and (p in WHEN_TAGS or p.startswith("function-"))))
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        line, col = loaded.where_key(loc)
        parent = _expected_keys(loc[:-1])
        hint = f"; expected one of: {', '.join(parent)}" if parent else ""
        hint_ja = f"ここに書けるキーは次のとおりです: {', '.join(parent)}" if parent else "綴りと字下げを確かめてください。"
        return Problem(loaded.file, line, col, dotted(loc), f"unknown key '{loc[-1]}'{hint}", f"「{loc[-1]}」というキーはここでは使えません。{hint_ja}")
    if loc and loc[-1] == "[key]":  # a key of a dict checked as a code (names.currencies.GPB): point at the key
        loc = loc[:-1]
        line, col = loaded.where_key(loc)
    else:
        line, col = loaded.where(loc)
    last = str(loc[-1]) if loc else ""
    if kind == "missing":
        message, ja = _MISSING_TEXT.get(last, (f"required key '{last}' is missing", f"必要なキー「{last}」がありません。書き足してください。"))
    elif kind == "literal_error":
        expected = ctx.get("expected", "one of the listed values")
        message = f"'{err['input']}' is not allowed here; write {expected}"
        ja = f"「{err['input']}」はここでは使えません。次のどれかを書いてください: {expected.replace(' or ', ', ')}"
    elif kind == "empty" and last in _EMPTY_TEXT:
        message, ja = _EMPTY_TEXT[last]
    elif kind in _BUILTIN:
        message, ja = _BUILTIN[kind]
    else:
        message, ja = err["msg"], ctx.get("ja", _UNKNOWN_JA)
    return Problem(loaded.file, line, col, dotted(loc), message, ja)


def _expected_keys(loc: tuple) -> list[str]:
    """The keys a block accepts, by walking the model along a path (best effort)."""
    from typing import get_args, get_origin, get_type_hints

    from pydantic import BaseModel, RootModel

    model: object = Call
    key_next = False  # the part after a block keyed by ids the staff choose (schedule, guide_notes) is such an id
    for part in loc:
        if isinstance(part, int) or key_next:
            key_next = False
            continue
        if isinstance(model, type) and issubclass(model, RootModel):  # the schedule: this part is a milestone's id
            model = get_args(model.model_fields["root"].annotation)[-1]
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        if part not in model.model_fields:  # a block under an id the staff choose beside named keys (a checklist role)
            extra = get_type_hints(model).get("__pydantic_extra__") if model.model_config.get("extra") == "allow" else None
            if extra is None:
                return []
            model = get_args(extra)[-1]
            continue
        model = model.model_fields[part].annotation
        key_next = get_origin(model) is dict
        while get_origin(model) is not None:
            args = [a for a in get_args(model) if isinstance(a, type) and issubclass(a, BaseModel)]
            model = args[0] if args else None
            if model is None:
                return []
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []
