"""The pages name a partner only through facts (issue 17 part 3).

The live data is turned into a call with one German partner by rewriting every word of the 2025
partner in it (country, funder, portal, currency, zone, short forms); every page of docs/ is then
rendered in both languages by the pure renderer (``pages.replace`` and Python-Markdown, no MkDocs, no
site build), and no page's text, title, heading id or meta description may still name the UK, its
funders, its portal or its currency. What is left would come from the prose in docs/: a word typed
there instead of a fact. ASPIRE's own list of its target countries (``| countries`` on aspire.md) is
programme data and names the UK by right; it is left out of the reading.

The forms that name a partner (``| name``, ``| side``, ``| id``, ``partners | joint``) are checked
on a call with two partners, too.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import DATA
from valid_edits import _Dumper

from callguide.format import LANGS
from callguide.loader import load_file
from callguide.pages import check, plain_markers, replace
from callguide.pipeline import load
from callguide.render import Context, as_plain

ROOT = Path(__file__).resolve().parent.parent
FRONT = re.compile(r"\A---\n(?P<meta>.*?)\n---\n", re.S)
COUNTRIES = re.compile(r'<ul class="countries">.*?</ul>', re.S)
# Words of the 2025 partner: its country (and 日英), funders, portal and currency.
UK_WORDS = re.compile(r"\bUK\b|英国|日英|EPSRC|UKRI|Funding Service|\bGBP\b|ポンド|\bpounds?\b")

# The 2025 partner's words in the data's texts, rewritten for a German partner (order matters: longer first).
WORDS_TO_GERMANY = (
    ("https://www.ukri.org/", "https://www.dfg.de/"),
    ("Europe/London", "Europe/Berlin"),  # the partner's deadline moves with its zone
    ("UKRI Funding Service", "elan"),
    ("Funding Service", "elan"),
    ("UKRI", "DFG"),
    ("EPSRC", "DFG"),
    ("Je-S", "the old portal"),
    ("日英", "日独"),
    ("英国", "ドイツ"),
    ("UK", "Germany"),
    ("ポンド", "ユーロ"),
    ("GBP", "EUR"),
)
# A partner's own codes and short forms, for the German partner (its English name is CLDR's: no article).
GERMAN = {"territory": "DE", "currency": "EUR", "zone": "Europe/Berlin", "short": {"ja": "独", "en": "Germany"}, "adjective": {"en": "German"}}


def _rewritten(value):
    """Every text of the data tree with the 2025 partner's words rewritten (whatever the file's layout)."""
    if isinstance(value, dict):
        return {k: _rewritten(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewritten(v) for v in value]
    if isinstance(value, str):
        for old, new in WORDS_TO_GERMANY:
            value = value.replace(old, new)
    return value


def to_germany(tree: dict, pid: str) -> dict:
    """The partner ``pid`` made German in the data tree: its codes and forms, and every text's words."""
    tree = _rewritten(tree)
    partner = tree["partners"][pid]
    partner.pop("name", None)
    partner.update(GERMAN)
    for table, code in (("territories", "GB"), ("currencies", "GBP")):
        (tree.get("names", {}).get(table) or {}).pop(code, None)
    return tree


def _dumped(tree: dict, path: Path) -> Path:
    path.write_text(yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def _live_tree() -> dict:
    """The live data as the loader reads it (the layout of the file does not matter: a staff edit may change it)."""
    return load_file(DATA, "call.yaml").data


def germany(folder: Path) -> Path:
    """The live call with its partners German (a call of any partner: only the 2025 partner's words are rewritten)."""
    tree = _live_tree()
    for pid in list(tree["partners"]):
        tree = to_germany(tree, pid)
    return _dumped(tree, folder / "call.yaml")


def rendered(facts, lang: str, source: str) -> tuple[str, str]:
    """A page's (meta description, HTML) as the build makes them, markers expanded."""
    ctx = Context(facts, lang)
    front = FRONT.match(source)
    description = plain_markers(front["meta"], ctx) if front else ""
    body = source[front.end() :] if front else source
    html = markdown.markdown(replace(body, ctx), extensions=["attr_list", "toc", "tables", "md_in_html"])
    return description, html


@pytest.fixture(scope="module")
def german_call(tmp_path_factory):
    path = germany(tmp_path_factory.mktemp("germany"))
    facts = load(path, "call.yaml")
    assert not re.search(r"\bUK\b", path.read_text(encoding="utf-8")), "the data still names the UK: the rewrite missed a word"
    return facts


def test_no_page_names_the_old_partner(german_call):
    found = []
    for lang in LANGS:
        for page in sorted((ROOT / "docs" / lang).rglob("*.md")):
            source = page.read_text(encoding="utf-8")
            name = f"docs/{lang}/{page.name}"
            assert check(source, name, Context(german_call, lang)) == [], name
            description, html = rendered(german_call, lang, source)
            ids = " ".join(re.findall(r'\bid="([^"]+)"', html))
            text = as_plain(COUNTRIES.sub("", html))
            for where, words in (("description", description), ("text", text), ("ids", ids)):
                found += [(name, where, m.group(0)) for m in UK_WORDS.finditer(words)]
    assert found == []


def test_partner_sections_take_their_ids_from_data(german_call):
    """A section per partner is anchored at the partner's id (budget.md#uk for the 2025 call)."""
    for lang in LANGS:
        _, html = rendered(german_call, lang, (ROOT / "docs" / lang / "budget.md").read_text(encoding="utf-8"))
        pid = next(iter(german_call.call.partners))
        assert f'id="{pid}"' in html


def test_partner_forms_with_two_partners(tmp_path):
    """The forms read right for a call with two partners: each partner by its own data, the call's sides together."""
    tree = _live_tree()
    first = next(iter(tree["partners"]))
    second = to_germany(copy.deepcopy(tree), first)["partners"][first]
    tree["partners"]["de"] = second
    path = _dumped(tree, tmp_path / "call.yaml")
    facts = load(path, "call.yaml")
    assert list(facts.call.partners) == [first, "de"]
    shorts = {lang: [p.short[lang] for p in facts.call.partners.values()] for lang in LANGS}
    page = "{{ partners | joint }} / {{ partners.de | side }} / {{ partners.de | name }} {#s-{{ partners.de | id }}}"
    ja = replace(page, Context(facts, "ja"))
    en = replace(page, Context(facts, "en"))
    assert ja.startswith("日" + "".join(shorts["ja"]) + " / ") and ja.endswith("{#s-de}")
    assert en.startswith("Japan–" + "–".join(shorts["en"]) + " / German side / Germany ")
    # before a noun, and at the start of a sentence
    assert replace("{{ partners.de | adjective }} / {{ partners.de | name_start }}", Context(facts, "en")) == "German / Germany"
    assert replace("{{ partners.uk | adjective }} lead. {{ partners.uk | name_start }} and {{ partners.uk | name }}", Context(facts, "en")).startswith(
        "UK lead. The UK and the UK"
    ) or first != "uk"


def test_a_front_matter_yaml_cannot_read_is_a_located_problem(german_call):
    """A description that starts with a marker must be quoted: unquoted, YAML reads ``{{`` as a mapping, and
    MkDocs then silently shows the whole front matter as the page's text (no title, no description)."""
    page = '---\ndescription: {{ partners | joint }} call\n---\n\n# Title {#t}\n'
    problems = check(page, "docs/ja/p.md", Context(german_call, "ja"))
    assert [(p.line, p.col) for p in problems] == [(2, 14)]
    assert "front matter" in problems[0].message and "description" in problems[0].message
    quoted = '---\ndescription: "{{ partners | joint }} call"\n---\n\n# Title {#t}\n'
    assert check(quoted, "docs/ja/p.md", Context(german_call, "ja")) == []


def test_a_front_matter_left_open_is_a_located_problem(german_call):
    """The closing --- deleted (a fault injector's case): MkDocs then reads no front matter at all and shows a
    rule and 'description: …' as the page's first paragraph, in a build that passes."""
    page = '---\ndescription: "{{ partners | joint }} call"\n\n# Title {#t}\n\nText.\n'
    problems = check(page, "docs/ja/p.md", Context(german_call, "ja"))
    assert [(p.line, p.col, p.path) for p in problems] == [(1, 1, "---")]
    assert "never closed" in problems[0].message and "---" in problems[0].message_ja
