"""The examples in error messages are neutral: none is a value of a real call.

A staff member who has just replaced the e-Rad deadline and mistyped the new one was told to
write it "such as "2025-05-09 14:00"": the very deadline just replaced, which reads as an
instruction to put it back. So no message of the checker (its string literals in the modules
that word the data errors) may show, as an example, a date, month, amount, rate, year or id of
the frozen 2025 call. A message may still echo what was written (``{got}``): that is not in a
literal.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import FIXTURE_DATA

from callguide.loader import load_text

SRC = Path(__file__).resolve().parent.parent / "src" / "callguide"
MODULES = ("errors.py", "loader.py", "model.py", "model_checklist.py", "model_selfcheck.py", "types.py", "pipeline.py", "pages.py")
_DATE = re.compile(r"\d{4}-\d{2}(-\d{2}( \d{2}:\d{2})?)?")
_RATE = re.compile(r"0\.\d+")


def call_values() -> set[str]:
    """The values of the 2025 call an example could repeat: dates, months, deadlines, amounts and years, rates, the id."""
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif node is not None:
            text = str(node).strip()
            if _DATE.fullmatch(text) or _RATE.fullmatch(text) or (text.isdigit() and int(text) >= 1000):
                found.add(text)
                found.add(text[:10])  # the day of a deadline is an example to avoid as well

    data = load_text(FIXTURE_DATA.read_text(encoding="utf-8"), "call.yaml").data
    walk(data)
    found.add(str(data["call"]["id"]))
    return found


def message_literals(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module but its docstrings, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_the_values_looked_for_are_the_calls():
    values = call_values()
    assert {"2025-05-09 14:00", "2025-02-13", "285000000", "0.3", "2025", "aspire-2025-japan-uk-quantum"} <= values


def test_no_error_message_gives_a_value_of_the_call_as_its_example():
    values = sorted(call_values(), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(v) for v in values) + r")(?![\w-]|\.\d)")
    found = [
        f"{name}:{line}: {m.group(1)!r} in {text[:90]!r}"
        for name in MODULES
        for line, text in message_literals(SRC / name)
        for m in [pattern.search(text)]
        if m
    ]
    assert not found, "examples in messages that are values of the 2025 call:\n" + "\n".join(found)
