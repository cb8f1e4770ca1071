"""One table per concern, checked for completeness (in the manner of datasette's documentation tests).

- the languages: defined once (callguide.languages), the same as mkdocs.yml's static-i18n block;
  no code in src/ or hooks/ compares a language code, Python or the JavaScript the site ships; an unknown language raises; every label
  table (a dict keyed by language codes) has every language and no other;
- no sentence hides in a ``{% if lang … %}`` branch of a block template;
- no import cycle in src/callguide and hooks.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

SRC = ROOT / "src" / "callguide"
HOOKS = ROOT / "hooks"
PY_FILES = sorted(SRC.rglob("*.py")) + sorted(HOOKS.glob("*.py"))
JS_FILES = sorted(p for folder in (SRC, HOOKS) for suffix in ("*.js", "*.mjs") for p in folder.rglob(suffix))
TEMPLATES = SRC / "templates"


def _codes() -> tuple[str, ...]:
    from callguide.languages import CODES

    return CODES


# --- the languages ------------------------------------------------------------------------


def test_languages_match_mkdocs_yml():
    """static-i18n builds the languages of the table, with the same default."""
    from callguide.languages import DEFAULT, LANGUAGES

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # mkdocs.yml's !ENV and !!python tags
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert [entry["locale"] for entry in i18n["languages"]] == [lang.code for lang in LANGUAGES]
    assert [entry["locale"] for entry in i18n["languages"] if entry.get("default")] == [DEFAULT.code]
    assert {entry["locale"]: entry["name"] for entry in i18n["languages"]} == {lang.code: lang.own_name for lang in LANGUAGES}


def test_unknown_language_raises():
    """A text asked for a language the guide does not have raises; it does not return English."""
    from callguide.languages import UnknownLanguage, language
    from callguide.types import Text

    text = Text(ja="日本語の文", en="An English sentence")
    assert [text[code] for code in _codes()] == ["日本語の文", "An English sentence"]
    with pytest.raises(UnknownLanguage):
        language("de")
    with pytest.raises(UnknownLanguage):
        text["de"]


def _compared_codes(tree: ast.AST, codes: set[str]) -> list[tuple[int, str]]:
    """Lines where a language code is compared (==, !=, in, not in) or matched as a literal."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for operand in operands:
                items = operand.elts if isinstance(operand, (ast.Tuple, ast.List, ast.Set)) else [operand]
                for item in items:
                    if isinstance(item, ast.Constant) and item.value in codes:
                        found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.IfExp) and isinstance(node.test, ast.Constant) and node.test.value in codes:
            found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, (ast.Tuple, ast.List)):
            if any(isinstance(e, ast.Constant) and e.value in codes for e in node.iter.elts):
                found.append((getattr(node, "lineno", getattr(node.iter, "lineno", 0)), ast.unparse(node.iter)))
    return found


def test_no_code_compares_a_language_code():
    """No module but the languages table compares a language code or loops over typed codes: it
    asks the table for a named property (``language(lang).word_gap``) instead."""
    codes = set(_codes())
    found = []
    for path in PY_FILES:
        if path == SRC / "languages.py":
            continue
        for line, code in _compared_codes(ast.parse(path.read_text(encoding="utf-8")), codes):
            found.append(f"{path.relative_to(ROOT)}:{line}: {code}")
    assert not found, "\n".join(found)


_JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\])//[^\n]*", re.S)


def _js_language_codes(source: str, codes: set[str]) -> list[tuple[int, str]]:
    """Lines of a script that name a language code: as a string ("ja", 'en', `ja`: compared, a
    fallback, a value picked by language) or as a key of an object literal ({ ja: …, "en": … }, a
    table of languages). The scripts get what differs between languages from the page (the build's
    tables, as JSON), so none needs a code of its own."""
    code = "|".join(sorted(map(re.escape, codes)))
    named = re.compile(rf"""(["'`])(?:{code})\1|[{{,]\s*["']?(?:{code})["']?\s*:""")
    stripped = _JS_COMMENT.sub(lambda m: "\n" * m[0].count("\n"), source)
    return [(number, line.strip()) for number, line in enumerate(stripped.splitlines(), 1) if named.search(line)]


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def _scripts() -> list[tuple[Path, int, str]]:
    """Every script the site or a page of the project ships: the .js files, and the inline scripts of
    the templates (each with the line it starts on)."""
    out = [(path, 0, path.read_text(encoding="utf-8")) for path in JS_FILES]
    for path in sorted(TEMPLATES.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        out += [(path, text[: m.start(1)].count("\n"), m[1]) for m in _INLINE_SCRIPT.finditer(text)]
    return out


def test_no_script_compares_a_language_code():
    """No JavaScript the site ships (src/callguide/assets, the search worker, hooks/, inline scripts of
    the templates) branches on a language code: ``lang === "ja"`` or a ``{ ja: …, en: … }`` table would
    be a second languages table."""
    codes = set(_codes())
    scripts = _scripts()
    assert len(JS_FILES) >= 5 and len(scripts) > len(JS_FILES), JS_FILES  # the search found the scripts
    found = [f"{path.relative_to(ROOT)}:{start + line}: {text}" for path, start, source in scripts for line, text in _js_language_codes(source, codes)]
    assert not found, "\n".join(found)


def test_the_script_check_sees_comparisons_and_tables():
    codes = set(_codes())
    for bad in ('if (lang === "ja") x();', "var s = lang !== 'en' ? 1 : 2;", 'var L = { ja: "ja", en: "en-GB" };',
                "var L = {\n  'en': 1 };", 'var lang = p.get("lang") || "ja";', "switch (l) { case `en`: }"):
        assert _js_language_codes(bad, codes), bad
    for good in ('var lang = format.locale; // "ja" in a comment', '/* lang === "ja" */ x();', 'var japan = "jan"; var t = { jam: 1 };',
                 'fetch(new URL(lang + ".json", base)); // http://example.org/ja'):
        assert not _js_language_codes(good, codes), good


def _label_tables() -> list[tuple[str, dict]]:
    """Every dict written in src/callguide and hooks whose keys include a language code (a label
    table), with its entries: a dict of its literal keys to the value's AST (read from the source,
    so that modules need not be imported)."""
    codes = set(_codes())
    tables = []
    for path in PY_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.keys):
                keys = [k.value for k in node.keys]
                if any(isinstance(k, str) and k in codes for k in keys):
                    tables.append((f"{path.relative_to(ROOT)}:{node.lineno}", dict(zip(keys, node.values, strict=True))))
    return tables


def test_label_tables_have_every_language():
    """Every label table has exactly the guide's languages: a language missing from one would show
    nothing (or another language) on its pages."""
    codes = set(_codes())
    tables = _label_tables()
    assert len(tables) >= 10, [name for name, _ in tables]  # the search found the tables
    wrong = {name: sorted(table) for name, table in tables if set(table) != codes}
    assert not wrong


def _literal(node: ast.AST):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


# Entries whose languages rightly name different values: English says "the start of that day" where
# Japanese names the day before at 24:00.
# A partner is named by its country's name in Japanese (英国側) and by its short form in English (UK side);
# Japanese compounds the short forms (日英両方) where English says "Both sides"; English spells out a cost
# basis by its name (of the full economic cost, FEC) where Japanese gives its short form (FECの80%).
DIFFERENT_PLACEHOLDERS = {
    ("src/callguide/format.py", "midnight"),
    ("src/callguide/blocks/guide.py", "partner"),
    ("src/callguide/blocks/guide.py", "side_all"),
    ("src/callguide/blocks/guide.py", "side_all_many"),
    ("src/callguide/blocks/guide.py", "cap_basis"),
    ("src/callguide/blocks/guide.py", "cap_basis_allowance"),
    ("src/callguide/blocks/selfcheck.py", "basis"),
}


def test_label_tables_say_the_same_things_in_every_language():
    """A label table's entries have the same keys, and the same {placeholders}, in every language."""
    problems = []
    for name, table in _label_tables():
        entries = [_literal(table[code]) for code in _codes() if code in table]
        if len(entries) < 2 or not all(isinstance(e, dict) for e in entries):
            continue
        keys = [set(e) for e in entries]
        if any(k != keys[0] for k in keys):
            problems.append(f"{name}: keys differ: {sorted(set.union(*keys) - set.intersection(*keys))}")
            continue
        for key in keys[0]:
            values = [e[key] for e in entries]
            if all(isinstance(v, str) for v in values):
                fields = [set(re.findall(r"\{(\w*)[^{}]*\}", v)) for v in values]
                if any(f != fields[0] for f in fields) and (name.split(":")[0], key) not in DIFFERENT_PLACEHOLDERS:
                    problems.append(f"{name}[{key!r}]: placeholders differ: {fields}")
    assert not problems, "\n".join(problems)


# --- templates ------------------------------------------------------------------------------

_LANG_BRANCH = re.compile(r"\{%-?\s*(?:el)?if\b[^%]*\blang\b[^%]*%\}")


def test_templates_do_not_branch_on_the_language():
    """Wording lives in label tables with {placeholders}, where the labels tests see every
    language's; a template does not choose words by ``{% if lang == … %}``."""
    found = []
    for path in sorted(TEMPLATES.glob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _LANG_BRANCH.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


# --- imports --------------------------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT / "src" if path.is_relative_to(ROOT / "src") else ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Line numbers of imports inside ``if TYPE_CHECKING:`` (for annotations only; never run)."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            for inner in node.body:
                for sub in ast.walk(inner):
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        lines.add(sub.lineno)
    return lines


def import_graph() -> dict[str, set[str]]:
    """Module → the modules of src/callguide and hooks it imports, at the top or inside a function
    (a lazy import that breaks a cycle at run time is still a cycle), annotations-only imports aside."""
    modules = {_module_name(p): p for p in PY_FILES}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_only(tree)
        deps: set[str] = set()
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)) or node.lineno in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = package[: len(package) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                targets = [target] + [f"{target}.{a.name}" for a in node.names]
            deps |= {t for t in targets if t in modules and t != name and not name.startswith(t + ".")}
        graph[name] = deps
    # A package that imports its modules by pkgutil (callguide.blocks) depends on them.
    for name, path in modules.items():
        if path.name == "__init__.py" and "pkgutil" in path.read_text(encoding="utf-8"):
            graph[name] |= {m for m in modules if m.startswith(name + ".") and m.count(".") == name.count(".") + 1}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph)))
    try:
        for v in sorted(graph):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return cycles


# The check's result carried on Facts (pipeline ↔ archive for the previous call, facts → call_json →
# render → facts for call.json's text) is the cache layer's to take apart (issue 15 part 1).
CACHE_LAYER = {"callguide.archive", "callguide.pipeline", "callguide.facts", "callguide.call_json"}


def test_import_graph_sees_imports():
    graph = import_graph()
    assert "callguide.facts" in graph["callguide.render"]
    assert "callguide.blocks.timeline" in graph["callguide.blocks"]
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_outside_the_cache_layer():
    """No import cycle once the imports among the cache layer's modules are left out."""
    graph = {k: (v - CACHE_LAYER if k in CACHE_LAYER else v) for k, v in import_graph().items()}
    assert import_cycles(graph) == []


def test_no_import_cycle():
    assert import_cycles(import_graph()) == []


def test_block_forms_do_not_shadow_the_renderers_forms():
    """render.VARIANTS is made once from render's own forms and the blocks' (no module adds to it
    when imported); no block takes the name of one of render's forms."""
    from callguide import blocks, render

    assert not set(render.FORMS) & set(blocks.FORMS)
    assert render.VARIANTS == {**render.FORMS, **blocks.FORMS}


# --- kinds of fact --------------------------------------------------------------------------


def _annotation_classes(annotation, seen: set, stop: frozenset = frozenset()) -> set[type]:
    """Every class an annotation names (through Annotated, unions, lists, dicts, Literal aside),
    not looking inside the classes in ``stop``."""
    import typing

    from pydantic import BaseModel

    found: set[type] = set()
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return found
    if origin is not None:
        for arg in typing.get_args(annotation):
            if not isinstance(arg, (str, int, float)) and arg is not Ellipsis:
                found |= _annotation_classes(arg, seen, stop)
        return found
    if isinstance(annotation, type):
        if annotation in seen:
            return found
        seen.add(annotation)
        found.add(annotation)
        if issubclass(annotation, BaseModel) and annotation not in stop:
            for field in annotation.model_fields.values():
                found |= _annotation_classes(field.annotation, seen, stop)
    return found


def test_every_kind_of_fact_in_the_model_is_in_the_table():
    """Every class of value the model holds is a kind of fact in fact_types.FACT_TYPES, or a block of
    the model (a class of model.py's whose parts are facts), or a plain value inside a fact."""
    from pydantic import BaseModel

    from callguide import model, types
    from callguide.fact_types import BY_KIND

    classes = _annotation_classes(model.Call, set(), frozenset(k for k, row in BY_KIND.items() if row.leaf))
    assert types.Deadline in classes and model.Milestone in classes  # the walk reached the leaves
    missing = sorted(
        c.__name__
        for c in classes
        if c not in BY_KIND
        and not (issubclass(c, BaseModel) and c.__module__ in ("callguide.model", "callguide.model_checklist", "callguide.model_selfcheck", "callguide.model_partners"))
        and c not in (bool, int, type(None))  # flags and counts inside a fact (Deadline.zone is str: in the table)
        and not any(issubclass(c, k) for k in BY_KIND)
    )
    assert not missing


def test_every_fact_of_the_call_has_a_kind(fixture_facts):
    """Every path of the frozen 2025 call is a block (a model, a list, a dict) or of a kind in the table."""
    from pydantic import BaseModel

    from callguide.fact_types import fact_type
    from callguide.facts import is_leaf

    untyped = sorted(
        path
        for path, value in fixture_facts.by_path.items()
        if value is not None
        and not isinstance(value, (list, dict, bool))
        and not (isinstance(value, BaseModel) and not is_leaf(value))
        and fact_type(value) is None
    )
    assert not untyped


def test_every_kind_of_fact_has_a_renderer_and_examples():
    from callguide import render
    from callguide.fact_types import FACT_TYPES

    assert list(render.RENDERERS) == [row.kind for row in FACT_TYPES]
    assert [kind for kind, _ in render.DEFAULT] == [row.kind for row in FACT_TYPES]
    figures = [row.kind.__name__ for row in FACT_TYPES if row.written is not None and not row.examples]
    assert not figures, "every kind of figure has golden examples"


@pytest.fixture(scope="module")
def fixture_facts():
    from conftest import FIXTURE_DATA

    from callguide.pipeline import load

    return load(FIXTURE_DATA, "tests/fixtures/call-2025/call.yaml")


def _examples():
    from callguide.fact_types import FACT_TYPES

    return [pytest.param(row, example, id=f"{row.kind.__name__}-{i}") for row in FACT_TYPES for i, example in enumerate(row.examples)]


@pytest.mark.parametrize("row, example", _examples())
def test_golden_examples(row, example, fixture_facts):
    """Each example renders, as a page shows it, to its words in each language and its canonical value."""
    import html as html_lib

    from callguide.render import Context, render_value

    for lang in _codes():
        out = str(render_value(example.value, "example", Context(fixture_facts, lang)))
        assert html_lib.unescape(re.sub(r"<[^>]+>", "", out)) == getattr(example, lang)
        attr = re.search(r' (?:datetime|value)="([^"]*)"', out)
        assert (attr[1] if attr else None) == example.canonical
        if row.written is not None:
            assert row.written(example.value, lang, {}) is not None


# --- blocks of the model --------------------------------------------------------------------


def _blocks() -> set[str]:
    from callguide.model import Call

    return set(Call.model_fields)


def test_every_block_has_its_what_changed_section():
    """The "what changed" page heads each change by its block's section, in both languages, and links
    the page that shows it: every top-level block of the model has one."""
    from callguide.changes import SECTIONS

    assert set(SECTIONS) == _blocks()
    for block, (names, page) in SECTIONS.items():
        assert set(names) == set(_codes()) and all(names.values()), block
        assert all((ROOT / "docs" / code / page).is_file() for code in _codes()), f"{block}: {page}"


@pytest.mark.parametrize("guide", ["STAFF.md", "STAFF.en.md"])
def test_every_block_is_described_in_the_staff_guide(guide):
    """The staff guide's table of where each fact lives names every top-level block of the model, and
    no block the model does not have."""
    text = (ROOT / guide).read_text(encoding="utf-8")
    section = text.split("\n## 2.", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    described = {key for row in rows for key in re.findall(r"`([a-z_]+)`", row.split("|")[1])}
    assert described == _blocks()
