"""Every built page is valid HTML for the Nu Html Checker (the W3C validator), run locally with Java."""
import shutil
import subprocess

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.build
def test_every_page_is_valid_html(site):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("the Nu Html Checker needs Java and node_modules/vnu-jar: run `make test` (it installs both)")
    run = subprocess.run([java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "gnu", str(site)],
                         capture_output=True, text=True, timeout=600, check=False)
    errors = [line.replace(f"{site}/", "") for line in run.stderr.splitlines() + run.stdout.splitlines() if line.strip()]
    assert run.returncode == 0 and errors == [], "\n".join(errors[:40])


@pytest.mark.subprocess
def test_the_checker_does_find_errors(tmp_path):
    """A page with a known error fails, so a silent checker cannot pass the test above."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><input type="checkbox" autocomplete="off"></html>', encoding="utf-8")
    run = subprocess.run([shutil.which("java") or "java", "-jar", str(VNU), "--errors-only", str(bad)], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode != 0 and "autocomplete" in run.stderr
