"""Gate 8: two builds of the same input with the same SOURCE_DATE_EPOCH are byte-identical.

Each build has its own PDF cache (build_site puts it next to the output folder), so both
really render the checklist PDFs. Built with SITE_URL so sitemap.xml(.gz) is compared too.
"""
from __future__ import annotations

import difflib

import pytest
from conftest import build_site

# Files allowed to differ between two builds, by path relative to the site root. None today.
ALLOWED_DIFFERENCES: frozenset[str] = frozenset()


def files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    try:
        diff = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=0)
        return "\n".join(list(diff)[2:8])
    except UnicodeDecodeError:
        return f"first differing byte at offset {at}: {a[at:at + 40]!r} vs {b[at:at + 40]!r}"


@pytest.mark.build
def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://guide.example.org/aspire/")
    monkeypatch.setenv("CALLGUIDE_DRAFT_PREVIEW", "1")  # the live call may be a draft (after make new-call)
    one = build_site(tmp_path / "one" / "site")
    two = build_site(tmp_path / "two" / "site")
    assert one.result.returncode == 0, one.output
    assert two.result.returncode == 0, two.output
    assert (tmp_path / "one" / "cache") != (tmp_path / "two" / "cache")  # separate PDF caches: both builds render
    a, b = files(one.site), files(two.site)
    assert sorted(a) == sorted(b), f"different file lists: only in one {sorted(set(a) - set(b))}, only in two {sorted(set(b) - set(a))}"
    assert "sitemap.xml.gz" in a and "checklist.pdf" in a and "en/checklist.pdf" in a and "calendar.ics" in a
    problems = [f"{name}: differs between two builds\n{first_difference(a[name], b[name])}"
                for name in sorted(a) if name not in ALLOWED_DIFFERENCES and a[name] != b[name]]
    assert not problems, "\n".join(problems)


def test_the_comparison_sees_a_difference(tmp_path):
    """A changed byte is reported with its file, so the gate above cannot pass by comparing nothing."""
    for name, text in (("one", "<p>a</p>\n"), ("two", "<p>b</p>\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(text)
    a, b = files(tmp_path / "one"), files(tmp_path / "two")
    assert a["index.html"] != b["index.html"]
    assert "-<p>a</p>" in first_difference(a["index.html"], b["index.html"])
