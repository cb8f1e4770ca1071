"""`make serve` previews on another port when 8000 is taken: ``make serve PORT=8001``."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.subprocess


def serve_command(*args: str) -> str:
    """The mkdocs command `make serve` would run (make -n prints it and runs nothing)."""
    out = subprocess.run(["make", "-n", "serve", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return next(line for line in out.stdout.splitlines() if "mkdocs serve" in line)


def test_the_preview_is_on_port_8000_by_default():
    assert "--dev-addr 127.0.0.1:8000" in serve_command()


@pytest.mark.xfail(strict=True, reason="make serve has no PORT")
def test_port_moves_the_preview():
    assert "--dev-addr 127.0.0.1:8001" in serve_command("PORT=8001")
