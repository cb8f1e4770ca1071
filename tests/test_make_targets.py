"""The make variables the staff guide names: ``make serve PORT=8001`` (when port 8000 is taken) and
``make new-call ALLOW_UNCOMMITTED=1`` (archive uncommitted edits after all)."""
from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.subprocess


def command(target: str, marker: str, *args: str) -> str:
    """The line of ``make target`` that holds ``marker`` (make -n prints the commands and runs nothing)."""
    out = subprocess.run(["make", "-n", target, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return next(line for line in out.stdout.splitlines() if marker in line)


def serve_command(*args: str) -> str:
    return command("serve", "mkdocs serve", *args)


def test_the_preview_is_on_port_8000_by_default():
    assert "--dev-addr 127.0.0.1:8000" in serve_command()


def test_port_moves_the_preview():
    assert "--dev-addr 127.0.0.1:8001" in serve_command("PORT=8001")


def test_new_call_archives_uncommitted_work_only_when_asked():
    assert command("new-call", "callguide new-call").endswith("callguide new-call")
    assert command("new-call", "callguide new-call", "ALLOW_UNCOMMITTED=1").endswith("callguide new-call --allow-uncommitted")


def test_a_port_in_use_is_said_at_once_in_both_languages():
    """Not mkdocs's traceback after a full build: make serve looks at the port first."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run(["make", "serve", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    said = out.stdout + out.stderr
    assert f"port {port} is already in use" in said and "make serve PORT=8001" in said and "使用中" in said
    assert "Traceback" not in said and "Building documentation" not in said
