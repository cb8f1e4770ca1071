"""Mutated and spliced data files end in a valid model or a clean, located error; never a traceback."""
import os
import re
from datetime import timedelta

from conftest import FIXTURE_DATA
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from callguide.errors import DataError
from callguide.loader import load_text
from callguide.pipeline import load

BASE = FIXTURE_DATA.read_text(encoding="utf-8")  # the frozen 2025 call: the examples below name its keys
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


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None)
@given(st.lists(edit, min_size=0, max_size=4))
def test_libyaml_and_pure_python_composers_agree(edits):
    """The quick libyaml path gives the same tree, positions and messages as the pure-Python one."""
    text = apply(edits)
    assert _outcome(text, fast=True) == _outcome(text, fast=False)


def test_a_tab_inside_a_fact_marker_is_read_as_the_pure_path_reads_it():
    """Found by the fuzz above (a tab typed over a letter of ``{{ call.fiscal_year }}``): libyaml accepts a
    tab inside a plain text, the pure-Python scanner does not; the quick path must not hide it."""
    plain = re.search(r"^ +en: [^\"'\n][^\n]*?\{\{ call\.fiscal_y(e)ar", BASE, re.MULTILINE)  # an unquoted text
    text = BASE[:plain.start(1)] + "\t" + BASE[plain.end(1):]
    assert _outcome(text, fast=True) == _outcome(text, fast=False)


# Structural edits: what a paste, an editor or a broken tool can do to the whole file, each near and past
# the loader's limits (nesting depth, line length, file size) or in the bytes themselves.
OPENERS = {"[": "]", "{k: ": "}", "- [": "]"}
structural = st.one_of(
    st.tuples(st.just("nest"), st.integers(0, len(BASE)), st.sampled_from([8, 63, 64, 65, 1000, 20_000]), st.sampled_from(sorted(OPENERS)), st.booleans()),
    st.tuples(st.just("block"), st.integers(0, len(LINES)), st.sampled_from([10, 63, 64, 65, 300, 2000])),
    st.tuples(st.just("long"), st.integers(0, len(BASE)), st.sampled_from([9_990, 10_000, 10_001, 50_000]), st.sampled_from(["x", "あ", "[", " ", "?"])),
    st.tuples(st.just("pad"), st.sampled_from([900_000, 999_999, 1_000_001, 3_000_000])),
    st.tuples(st.just("insert"), st.integers(0, len(BASE)), st.sampled_from(["\x00", "\t", "\ufeff", "\r", "\r\n", "\x85", "\u2028"])),
    st.tuples(st.just("tab_indent"), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("bom"), st.booleans()),
    st.tuples(st.just("crlf"), st.booleans()),
    st.tuples(st.just("bytes"), st.integers(0, len(BASE)), st.sampled_from([b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\xe3\x81", b"\x00", b"\xef\xbb\xbf"])),
)


def apply_structural(edits) -> bytes:
    text = BASE
    raw_edits = []
    for e in edits:
        kind = e[0]
        if kind == "nest":
            _, pos, depth, opener, closed = e
            pos %= len(text) + 1
            text = text[:pos] + opener * depth + (OPENERS[opener] * depth if closed else "") + text[pos:]
        elif kind == "block":
            lines = text.splitlines(keepends=True)
            i = e[1] % (len(lines) + 1)
            lines.insert(i, "".join(" " * n + f"k{n}:\n" for n in range(e[2])))
            text = "".join(lines)
        elif kind == "long":
            pos = e[1] % (len(text) + 1)
            text = text[:pos] + e[3] * e[2] + text[pos:]
        elif kind == "pad":
            need = max(e[1] - len(text.encode("utf-8")), 0)
            text += ("# " + "x" * 97 + "\n") * (need // 100) + "#" * (need % 100)
        elif kind == "insert":
            pos = e[1] % (len(text) + 1)
            text = text[:pos] + e[2] + text[pos:]
        elif kind == "tab_indent":
            lines = text.splitlines(keepends=True)
            i = e[1] % len(lines)
            lines[i] = "\t" + lines[i].lstrip(" ")
            text = "".join(lines)
        elif kind == "bom":
            text = "\ufeff" + text if e[1] else text.replace("\n", "\n\ufeff", 1)
        elif kind == "crlf":
            text = text.replace("\n", "\r\n") if e[1] else text.replace("\n", "\r\n", 7)
        else:
            raw_edits.append(e)
    raw = text.encode("utf-8")
    for _, pos, junk in raw_edits:
        pos %= len(raw) + 1
        raw = raw[:pos] + junk + raw[pos:]
    return raw


# 30 examples take about 2 s of CPU; the slowest (a file just under the size limit read by the pure-Python
# parser) about 0.6 s. The deadline, far above that, catches reading that grows faster than the file.
@settings(max_examples=30, deadline=timedelta(seconds=10),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(structural, min_size=1, max_size=3))
@example([("nest", BASE.index("indirect_rate: ") + len("indirect_rate: "), 1000, "[", True)])
@example([("block", LINES.index("budget:\n"), 300)])
def test_structural_edits_end_in_a_model_or_located_errors(tmp_path, edits):
    """Deep nesting, long lines, large files, NUL, invalid UTF-8, tabs, BOM and CRLF: a model or located, bilingual errors."""
    path = tmp_path / "call.yaml"
    path.write_bytes(apply_structural(edits))
    try:
        facts = load(path, "data/call.yaml")
    except DataError as exc:
        assert exc.problems
        for p in exc.problems:
            assert LOCATED.match(str(p)), str(p)
            assert p.message_ja and "\n" not in p.headline, str(p)
    else:
        assert facts.call.call.id
