"""The hooks' seams: what they read from static-i18n, the order they run in, the state they share.

- hooks/i18n_adapter.py is the only module that reads static-i18n's internals. These tests fail
  when the pinned static-i18n stops providing what it reads (a renamed attribute, another
  priority for the nested builds), so an upgrade is checked here, not discovered in a build.
- hooks/build_state.py ``PRIORITY`` is the one table of event priorities: every hook names it.
- No hook keeps state of its own at module level: what hooks share is ``build_state.STATE``.
"""
from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import sys
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"


def _module(name: str):
    """A module of hooks/ imported as MkDocs imports hooks (hooks/ on sys.path while it loads)."""
    if name in sys.modules and Path(sys.modules[name].__file__).resolve() == (HOOKS / f"{name}.py").resolve():
        return sys.modules[name]
    sys.path.insert(0, str(HOOKS))
    try:
        spec = importlib.util.spec_from_file_location(name, HOOKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(HOOKS))
    return module


@pytest.fixture(scope="module")
def adapter():
    return _module("i18n_adapter")


@pytest.fixture()
def plugin():
    """static-i18n's plugin as mkdocs.yml configures it, before any build."""
    from mkdocs.utils.yaml import yaml_load
    from mkdocs_static_i18n.plugin import I18n

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    (options,) = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    plugin = I18n()
    errors, _ = plugin.load_config(options)
    assert not errors, errors
    return plugin


def _config(plugin, site: Path) -> SimpleNamespace:
    return SimpleNamespace(plugins={"i18n": plugin}, site_dir=str(site), config_file_path=str(ROOT / "mkdocs.yml"))


def test_pinned_version_is_installed():
    pinned = re.search(r'"mkdocs-static-i18n==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))[1]
    assert metadata.version("mkdocs-static-i18n") == pinned


def test_plugin_provides_what_the_adapter_reads(adapter, plugin):
    for name in adapter.PLUGIN_ATTRIBUTES:
        assert hasattr(plugin, name), f"static-i18n's plugin no longer has {name!r} (hooks/i18n_adapter.py reads it)"
    assert isinstance(plugin.i18n_files_per_language, dict)
    assert plugin.building is False and plugin.current_language is None


def test_nested_builds_run_from_post_build_at_the_known_priority(adapter, plugin):
    """The adapter's picture of a build: the other languages are built from static-i18n's on_post_build, at
    POST_BUILD_PRIORITY, with ``building`` set and ``current_language`` naming the language."""
    assert type(plugin).on_post_build.mkdocs_priority == adapter.POST_BUILD_PRIORITY
    source = inspect.getsource(type(plugin).on_post_build)
    assert "self.building = True" in source and "self.current_language = locale" in source
    assert re.search(r"\bbuild\(config", source), "static-i18n no longer runs MkDocs' build for each other language"


def test_file_attributes_are_static_i18ns(adapter):
    import mkdocs_static_i18n

    source = "".join(p.read_text(encoding="utf-8") for p in Path(mkdocs_static_i18n.__file__).parent.glob("*.py"))
    for name in adapter.FILE_ATTRIBUTES:
        assert re.search(rf"\.{name}\b", source), f"static-i18n no longer uses the file attribute {name!r}"


def test_adapter_hands_plain_values(adapter, plugin, tmp_path):
    config = _config(plugin, tmp_path)
    default, *others = adapter.languages(config)
    assert default == adapter.default_language(config) and others
    # before static-i18n's first on_config: the default language, the outer build
    assert adapter.language(config) == default and adapter.is_outer_pass(config)
    assert adapter.output_dir(config) == tmp_path
    page = SimpleNamespace(url="budget/", file=SimpleNamespace(src_uri=f"{default}/index.md"))
    assert adapter.page_path(page, config) == "budget/" and adapter.is_home(page, config)
    # inside its nested build of another language
    other = others[0]
    plugin.building, plugin.current_language = True, other
    assert adapter.language(config) == other and not adapter.is_outer_pass(config)
    assert adapter.output_dir(config) == tmp_path / other
    assert adapter.page_path(page, config) == f"{other}/budget/" and not adapter.is_home(page, config)
    assert adapter.project_dir(config) == ROOT and adapter.site_dir(config) == tmp_path


def _hook_files() -> list[Path]:
    return sorted(p for p in HOOKS.glob("*.py"))


def test_every_priority_names_the_table():
    state = _module("build_state")
    used = []
    for path in _hook_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "event_priority":
                (arg,) = node.args
                assert isinstance(arg, ast.Subscript) and getattr(arg.value, "id", None) == "PRIORITY", (
                    f"{path.name}:{node.lineno}: name the priority in build_state.PRIORITY, not a number"
                )
                used.append(arg.slice.value)
    assert sorted(used) == sorted(state.PRIORITY), "every entry of PRIORITY is used once"
    adapter = _module("i18n_adapter")
    for name in ("changes_page", "sitemap_copy", "search_index", "archive_copy", "precompress"):
        assert state.PRIORITY[name] < adapter.POST_BUILD_PRIORITY, f"{name} must run after static-i18n's {adapter.POST_BUILD_PRIORITY}"


def test_hooks_keep_no_state_of_their_own():
    """A mutable value at a hook module's top level (or a ``global``) would be state shared outside STATE."""
    for path in _hook_files():
        if path.name == "build_state.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            mutable = isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp | ast.SetComp) or (
                isinstance(value, ast.Call) and getattr(value.func, "id", None) in {"dict", "list", "set", "defaultdict"}
            )
            assert not mutable, f"{path.name}:{node.lineno}: module-level state; keep it in build_state.STATE"
        assert not any(isinstance(n, ast.Global) for n in ast.walk(tree)), f"{path.name}: `global`; keep state in build_state.STATE"


def test_state_reset_keeps_process_fields():
    state = _module("build_state")
    s = state.BuildState()
    s.serving, s.h1_ids["x/"], s.root_404 = True, "h", "<html>"
    s.reset()
    assert s.serving and not s.h1_ids and s.root_404 is None
