"""Our own CSS and JavaScript reach the site minified (callguide.minify): smaller, with the same rules
as their sources, still parsed by node."""
from __future__ import annotations

import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
import tinycss2

from callguide.asset_weight import built_pages, own_files, page_name
from callguide.assets_out import copy_assets
from callguide.minify import minified

ASSETS = files("callguide").joinpath("assets")
CSS = sorted(p.name for p in ASSETS.iterdir() if p.name.endswith(".css"))
JS = sorted(p.name for p in ASSETS.iterdir() if p.name.endswith(".js"))
# Whitespace next to these tokens never changes what CSS means; anywhere else one blank is kept as one
# marker, so a minifier that joined ".a .b" into ".a.b" or "and (" into "and(" would be caught.
_LOOSE = {",", ";", ":", ">", "~", "{", "}"}


def _source(name: str) -> bytes:
    return ASSETS.joinpath(name).read_bytes()


def _tokens(tokens) -> list[str]:
    """Component values as text, blanks kept only where they may matter (see _LOOSE)."""
    out: list[str] = []
    for token in tokens:
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            if out and out[-1] not in _LOOSE and out[-1] != " ":
                out.append(" ")
            continue
        text = token.serialize() if token.type not in ("() block", "[] block", "function") else f"{token.type}:{getattr(token, 'lower_name', '')}{_tokens(token.arguments if token.type == 'function' else token.content)}"
        if text in _LOOSE and out and out[-1] == " ":
            out.pop()
        out.append(text)
    while out and out[-1] == " ":
        out.pop()
    return out


def _rules(tokens) -> list:
    """A stylesheet's rules, at-rules holding rules read recursively, declarations as (name, value, important)."""
    out = []
    for rule in tinycss2.parse_rule_list(tokens, skip_comments=True, skip_whitespace=True):
        assert rule.type != "error", rule.message
        head = (rule.type, getattr(rule, "lower_at_keyword", None), _tokens(rule.prelude))
        if rule.content is None:
            out.append((head, None))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "layer", "container", "keyframes"):
            out.append((head, _rules(rule.content)))
        else:
            body = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            out.append((head, [(d.lower_name, _tokens(d.value), d.important) if d.type == "declaration" else (d.type, _tokens(d.prelude)) for d in body]))
    return out


def _sheet(data: bytes) -> list:
    return _rules(tinycss2.parse_component_value_list(data.decode("utf-8")))


@pytest.mark.parametrize("name", CSS + JS)
def test_minified_is_smaller_than_its_source(name):
    source = _source(name)
    out = minified(name, source)
    assert 0 < len(out) < len(source), (name, len(out), len(source))
    assert minified(name, source) == out, "the same source gives the same bytes"


@pytest.mark.parametrize("name", CSS)
def test_minified_css_has_the_same_rules(name):
    source = _source(name)
    rules = _sheet(source)
    assert rules, f"{name}: no rule read"
    assert _sheet(minified(name, source)) == rules


def test_the_rules_check_sees_a_joined_selector_or_media_query():
    """The comparison above is not blind to the blanks that matter."""
    assert _sheet(b".a .b{color:red}") != _sheet(b".a.b{color:red}")
    assert _sheet(b"@media screen and (min-width:1px){p{margin:0}}") != _sheet(b"@media screen and(min-width:1px){p{margin:0}}")
    assert _sheet(b".a > .b { margin : 0 1px ; }") == _sheet(b".a>.b{margin:0 1px}")


def test_copy_assets_writes_the_minified_bytes(tmp_path):
    copy_assets(tmp_path)
    for name in CSS + JS:
        assert (tmp_path / name).read_bytes() == minified(name, _source(name)), name


@pytest.mark.subprocess
def test_minified_scripts_still_parse(tmp_path):
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    for name in JS:
        target = tmp_path / name
        target.write_bytes(minified(name, _source(name)))
        done = subprocess.run([node, "--check", str(target)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"{name}: {done.stderr}"


@pytest.mark.build
def test_the_site_serves_our_files_minified(site: Path):
    for page in built_pages(site):
        for path in own_files(page, site):
            name = Path(path).name
            assert (site / path).read_bytes() == minified(name, _source(name)), f"{page_name(page, site)}: {path} is not the minified source"
