"""Mutated and spliced data files end in a valid model or a clean, located error; never a traceback."""
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callguide.errors import DataError
from callguide.loader import load_text
from callguide.pipeline import load

BASE = (Path(__file__).resolve().parent.parent / "data" / "call.yaml").read_text(encoding="utf-8")
LINES = BASE.splitlines(keepends=True)
LOCATED = re.compile(r"^data/call\.yaml:\d+:\d+: ")

edit = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("duplicate"), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("splice"), st.integers(0, len(LINES) - 1), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("char"), st.integers(0, len(BASE) - 1), st.sampled_from(list(":-[]{}&*!|>'\"#%@`\t\x07 \n0aあ,"))),
    st.tuples(st.just("indent"), st.integers(0, len(LINES) - 1), st.integers(-4, 4)),
)


def apply(edits) -> str:
    lines = list(LINES)
    text = None
    for e in edits:
        kind = e[0]
        if kind == "char":
            text = "".join(lines)
            pos = e[1] % max(len(text), 1)
            text = text[:pos] + e[2] + text[pos + 1:]
            lines = text.splitlines(keepends=True)
            continue
        i = e[1] % len(lines)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "splice":
            lines.insert(e[2] % len(lines), lines[i])
        elif kind == "indent":
            lines[i] = (" " * e[2] + lines[i]) if e[2] > 0 else lines[i][min(-e[2], len(lines[i]) - len(lines[i].lstrip(" "))):]
    return "".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(edit, min_size=1, max_size=4))
def test_any_edit_ends_in_a_model_or_located_errors(tmp_path, edits):
    path = tmp_path / "call.yaml"
    path.write_text(apply(edits), encoding="utf-8")
    try:
        facts = load(path, "data/call.yaml")
    except DataError as exc:
        assert exc.problems
        for p in exc.problems:
            assert LOCATED.match(str(p)), str(p)
    else:
        assert facts.call.call.id


def _outcome(text: str, fast: bool):
    try:
        loaded = load_text(text, "data/call.yaml", fast=fast)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return loaded.data, loaded.positions, loaded.key_positions


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None)
@given(st.lists(edit, min_size=0, max_size=4))
def test_libyaml_and_pure_python_composers_agree(edits):
    """The quick libyaml path gives the same tree, positions and messages as the pure-Python one."""
    text = apply(edits)
    assert _outcome(text, fast=True) == _outcome(text, fast=False)
