"""Every built page is valid HTML for the Nu Html Checker (the W3C validator), run locally with Java."""
import shutil
import subprocess

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu(*args: str) -> list[str]:
    """The command that runs the Nu Html Checker on ``args`` (its options and files), failing the test when
    Java or the checker is missing.

    Each run is a JVM of its own for a few pages: the quick compiler alone (C1, ``TieredStopAtLevel=1``)
    halves its time (4.7 s of CPU down to 2.2 s for the 30 pages of a site), as the optimising compiler
    never pays back in a run this short. Its deeper frames need a larger stack than the 512k the checker
    asks for (else it stops with its own StackOverflowError message and status 1: a failure, never a pass)."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("the Nu Html Checker needs Java and node_modules/vnu-jar: run `make test` (it installs both)")
    return [java, "-Xss64m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), *args]


@pytest.mark.build
def test_every_page_is_valid_html(site):
    run = subprocess.run(vnu("--skip-non-html", "--errors-only", "--format", "gnu", str(site)),
                         capture_output=True, text=True, timeout=600, check=False)
    errors = [line.replace(f"{site}/", "") for line in run.stderr.splitlines() + run.stdout.splitlines() if line.strip()]
    assert run.returncode == 0 and errors == [], "\n".join(errors[:40])


@pytest.mark.subprocess
def test_the_checker_does_find_errors(tmp_path):
    """A page with a known error fails, so a silent checker cannot pass the test above."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><input type="checkbox" autocomplete="off"></html>', encoding="utf-8")
    run = subprocess.run(vnu("--errors-only", str(bad)), capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode != 0 and "autocomplete" in run.stderr
