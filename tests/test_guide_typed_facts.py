"""No fact typed into a page: every date, amount, rate, count, address and URL comes through a marker.

Two nets. The first knows the facts: for every fact in call.yaml, each way it is
written in either language (as format.py and render.py write it) and its raw
value must not appear in docs/**.md outside markers. The second knows nothing of
the data: it catches anything that looks like a date, an amount, a percentage, a
time, an email address or a URL typed by hand, so a fact that is not yet in
call.yaml cannot slip in either; it is callguide.typed_prose, which make check
runs on every page, so staff hear of it while they edit.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from callguide import typed_prose
from callguide.fact_types import fact_type
from callguide.facts import is_leaf
from callguide.pipeline import load
from callguide.render import Context, render_value
from callguide.typed_prose import without_markers
from callguide.types import Text

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = ("ja", "en")


@dataclass(frozen=True)
class Typed:
    file: str
    line: int
    found: str
    why: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: '{self.found}' is {self.why}; name it with a marker instead"


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def scan_generic(text: str, file: str = "<text>") -> list[Typed]:
    """The first net, as make check runs it on every page (callguide.typed_prose)."""
    return [Typed(file, _line(text, t.pos), t.found, f"{t.kind.en} typed by hand") for t in typed_prose.scan(text)]


def _text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", str(markup))).strip()


def fact_forms(facts) -> dict[str, set[str]]:
    """Every way each fact is written: rendered in both languages, formatted variants, and its raw value."""
    forms: dict[str, set[str]] = {}
    for path, value in facts.by_path.items():
        if not is_leaf(value) or isinstance(value, Text):
            continue
        if isinstance(value, str) and not (value.startswith("https://") or "@" in value or re.fullmatch(r"\d{4}-\d{2}", value)):
            continue  # identifiers (ids, sides, country codes) are not facts a reader sees
        out: set[str] = set()
        for lang in LANGS:
            ctx = Context(facts, lang)
            out.add(_text_of(render_value(value, path, ctx)))
            out |= _formatted(value, lang)
        out |= _raw(value)
        forms[path] = {f for f in out if f and not _too_common(f)}
    return forms


# The call's own currency names (call.yaml names.currencies), as the pages write amounts.
NAMES = {lang: {c: load(ROOT / "data" / "call.yaml", "data/call.yaml").call.names.currency(c, lang) for c in ("JPY", "GBP")} for lang in ("ja", "en")}


def _formatted(value, lang: str) -> set[str]:
    """The pieces of a fact a writer might type alone (a date without its weekday, an amount without
    its note): its kind's ``written`` in callguide.fact_types (a kind missing there fails test_tables)."""
    row = fact_type(value)
    return row.written(value, lang, NAMES[lang]) if row and row.written else set()


def _raw(value) -> set[str]:
    """The value as typed in call.yaml, and the usual way of grouping it (its kind's ``typed``)."""
    row = fact_type(value)
    return row.typed(value) if row and row.typed else set()


def _too_common(form: str) -> bool:
    """A lone one-digit number ('3') cannot be told from list numbering; its written forms ('3件程度') are checked."""
    return bool(re.fullmatch(r"\d", form))


def scan_facts(text: str, forms: dict[str, set[str]], file: str = "<text>") -> list[Typed]:
    plain = without_markers(text)
    found = []
    for path, written in forms.items():
        for form in sorted(written, key=len, reverse=True):
            pattern = re.escape(form)
            if re.fullmatch(r"[\d.,]+", form):  # a bare number: only as a whole number, not inside another
                pattern = rf"(?<![\d.,]){pattern}(?![\d.,]*\d)"
            for m in re.finditer(pattern, plain):
                found.append(Typed(file, _line(plain, m.start()), m.group(0), f"the fact '{path}' typed by hand"))
    return found


@pytest.fixture(scope="module")
def facts():
    return load(ROOT / "data" / "call.yaml", "data/call.yaml")


@pytest.fixture(scope="module")
def forms(facts):
    return fact_forms(facts)


def _pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


# --- the scanners catch what they should ---------------------------------------------------


PLANTED_GENERIC = [
    "締切は2025年5月9日です。",
    "公募期間は2/13から。",
    "Apply by 9 May 2025.",
    "Apply by May 9.",
    "The deadline is 2025-05-09.",
    "受付は午後2時まで。",
    "受付は14:00まで。",
    "締切は5月9日。",
    "書類審査は2025年5月～9月。",
    "面接は9月下旬。",
    "上限は285000000。",
    "上限は2.85億円です。",
    "上限は285,000,000円です。",
    "up to JPY 285 million",
    "up to £1.5m",
    "直接経費の30%を加えます。",
    "about 70 per cent",
    "7割程度",
    "連絡先はaspire-uk@jst.go.jpです。",
    "See https://www.ukri.org/ for details.",
    "See www.e-rad.go.jp.",
    "採択件数は3件程度です。",
    "原則5年間の支援です。",
    "about 3 projects",
    "for 5 years",
    "registration can take 2 weeks",
    "容量は8MB以内。",
]


@pytest.mark.parametrize("sample", PLANTED_GENERIC)
def test_generic_scan_catches_a_planted_fact(sample):
    assert scan_generic(sample), f"the generic scan missed: {sample}"


def test_fact_scan_catches_every_form_of_a_planted_fact(facts, forms):
    for lang in LANGS:
        ctx = Context(facts, lang)
        for path in (
            "budget.japan.direct_cap",
            "schedule.erad_deadline.when",
            "budget.network_share.share",
            "contacts.jst.email",
            "partners.uk.portal.url",
            "budget.awards",
        ):
            written = _text_of(render_value(facts.get(path), path, ctx))
            hits = scan_facts(f"Before {written} after.", forms)
            assert any(h.why.startswith(f"the fact '{path}'") for h in hits), f"{lang}: typing '{written}' for {path} was not caught"
    raw = facts.get("budget.japan.direct_cap").amount
    assert scan_facts(f"Up to {raw} yen.", forms), "the raw value of budget.japan.direct_cap was not caught"


def test_scanners_leave_markers_and_prose_alone(forms):
    sample = (
        "- 締切：{{ schedule.erad_deadline }}\n"
        "- [UKRIの公募ページ]({{ partners.uk.portal.url }})\n"
        "- 上限：{{ budget.japan.total_cap | exact }}\n"
        "1. 日英の研究者が共同で提案書を作ります。\n"
        "The budget plan has parts (1) and (2); criteria i–vi.\n"
    )
    assert scan_generic(sample) == []
    assert scan_facts(sample, forms) == []


def test_a_fact_typed_into_a_real_page_is_caught(forms):
    page = DOCS / "ja" / "budget.md"
    text = page.read_text(encoding="utf-8") + "\n上限は2億8,500万円です。\n"
    hits = scan_facts(text, forms, str(page)) + scan_generic(text, str(page))
    assert hits and all(h.line == text.count("\n") for h in hits), [str(h) for h in hits]


# --- the pages --------------------------------------------------------------------------


def test_no_fact_is_typed_into_a_page(forms):
    problems = []
    for page in _pages():
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(ROOT).as_posix()
        problems += scan_facts(text, forms, rel)
    assert not problems, "\n".join(map(str, problems))


def test_nothing_that_looks_like_a_fact_is_typed_into_a_page():
    problems = []
    for page in _pages():
        problems += scan_generic(page.read_text(encoding="utf-8"), page.relative_to(ROOT).as_posix())
    assert not problems, "\n".join(map(str, problems))
