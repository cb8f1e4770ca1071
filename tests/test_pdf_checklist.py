"""checklist.pdf per language: same strings as the HTML checklist, Japanese font embedded, A4, ≤ 2 pages, stable bytes."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from conftest import DATA, ROOT
from pypdf import PdfReader

from callguide.pdf import FONT_PACKAGE, PdfRenderer, checklist_job, japanese_font, pdf_store, print_html, render_pdf
from callguide.pipeline import load
from callguide.render import plain

LANGS = {"ja": "", "en": "en/"}
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def facts():
    return load(DATA, "data/call.yaml")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


class _Texts(HTMLParser):
    """Text of the elements with a given class (and of their children)."""

    def __init__(self, cls: str):
        super().__init__()
        self.cls, self.depth, self.found, self.buf = cls, 0, [], []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif self.cls in (dict(attrs).get("class") or "").split():
            self.depth, self.buf = 1, []

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.found.append("".join(self.buf))

    def handle_data(self, data):
        if self.depth:
            self.buf.append(data)


def html_texts(path, cls: str) -> list[str]:
    parser = _Texts(cls)
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_shows_the_deadlines_and_contact_of_the_html_checklist(site, facts, lang):
    page = site / LANGS[lang] / "checklist" / "index.html"
    text = _squash(pdf_text(site / LANGS[lang] / "checklist.pdf"))
    deadlines = html_texts(page, "fact-when")
    # Both deadlines, each in both zones, as the page writes them.
    assert len({_squash(d) for d in deadlines}) == len(facts.deadlines())
    for d in deadlines:
        assert _squash(d) in text
    contact = facts.call.contacts.jst
    assert contact.email in text and contact.email in page.read_text(encoding="utf-8")
    assert _squash(contact.name[lang]) in text
    assert _squash(plain(facts, "call.name", lang)) in text


@pytest.mark.subprocess
@pytest.mark.parametrize("lang", LANGS)
def test_every_item_is_in_the_pdf(facts, lang):
    html = print_html(facts, lang, japanese_font())
    ids = re.findall(r'<li id="([a-z0-9_]+)"><span class="box"', html)
    assert ids == [item.id for _, _, item in facts.call.checklist.items()]


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_is_a4_with_title_and_language(site, facts, lang):
    """Any valid call: every page A4 (a call with more milestones or items takes more pages: found by
    the valid edit that adds a milestone, which made the 2025 checklist three pages)."""
    reader = PdfReader(site / LANGS[lang] / "checklist.pdf")
    assert len(reader.pages) >= 1
    for p in reader.pages:
        w, h = float(p.mediabox.width), float(p.mediabox.height)
        assert abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1
    assert plain(facts, "call.name", lang) in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    assert reader.metadata["/CreationDate"].startswith("D:" + facts.call.call.data_as_of.strftime("%Y%m%d"))


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_2025_checklist_prints_on_two_pages_at_most(fixture_site, lang):
    """The 2025 call's checklist, as published, fits one sheet printed on both sides."""
    assert 1 <= len(PdfReader(fixture_site / LANGS[lang] / "checklist.pdf").pages) <= 2


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_japanese_font_is_embedded_and_subset(site, lang):
    out = subprocess.run(["pdffonts", str(site / LANGS[lang] / "checklist.pdf")], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    family = japanese_font().family.replace(" ", "-")
    cjk = [r for r in rows if family in r[0]]
    assert cjk, out
    for r in rows:  # every font, including the page-number boxes', is the embedded subset
        assert re.match(r"[A-Z]{6}\+", r[0]) and r[-5:-2] == ["yes", "yes", "yes"], out


@pytest.mark.build
def test_japanese_pdf_text_is_extractable(site, facts):
    text = pdf_text(site / "checklist.pdf")
    assert facts.call.checklist.phases.before.ja in text
    assert "チェック" in text


@pytest.mark.build
def test_fresh_rendering_equals_the_built_file(site, facts):
    """No cache involved: a new rendering gives the very bytes the build wrote."""
    for lang, prefix in LANGS.items():
        fresh = render_pdf(print_html(facts, lang, japanese_font()), facts.call.call.data_as_of)
        assert fresh == (site / prefix / "checklist.pdf").read_bytes()


def write_checklist_pdf(facts, lang: str, target, cache) -> bool:
    """One language's checklist.pdf as a build writes it; True when WeasyPrint ran."""
    renderer = PdfRenderer()
    renderer.start([checklist_job(facts, lang, cache)])
    return renderer.finish(lang, target)


@pytest.mark.subprocess
def test_cache_skips_rendering_until_an_input_changes(tmp_path):
    from conftest import FIXTURE_DATA

    facts = load(FIXTURE_DATA, "call.yaml")
    target, cache = tmp_path / "out" / "checklist.pdf", tmp_path / "cache"
    assert write_checklist_pdf(facts, "en", target, cache) is True
    first = target.read_bytes()
    assert write_checklist_pdf(facts, "en", target, cache) is False
    assert target.read_bytes() == first
    changed = FIXTURE_DATA.read_text(encoding="utf-8").replace("Check that you are eligible for EPSRC funding.", "Check your EPSRC eligibility.")
    (tmp_path / "call.yaml").write_text(changed, encoding="utf-8")
    assert write_checklist_pdf(load(tmp_path / "call.yaml", "call.yaml"), "en", target, cache) is True
    assert target.read_bytes() != first
    assert len(list(cache.glob("checklist-en-*.pdf"))) == 2, "the earlier PDF stays until no build has used it for an hour"
    assert pdf_store(cache).keep == 1


@pytest.mark.subprocess
def test_missing_japanese_font_names_the_debian_package(tmp_path):
    """With a fontconfig that knows no fonts, the PDF step stops with a clear message."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path}/fc</cachedir></fontconfig>', encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    code = "from callguide.pdf import japanese_font\ntry:\n    japanese_font()\nexcept Exception as e:\n    print(type(e).__name__, e)\n"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, check=False).stdout
    assert out.startswith("FontMissing")
    assert FONT_PACKAGE in out and "fc-list :lang=ja" in out


@pytest.mark.subprocess
def test_weasyprint_is_not_imported_when_the_cache_answers(facts, tmp_path):
    target, cache = tmp_path / "checklist.pdf", tmp_path / "cache"
    write_checklist_pdf(facts, "ja", target, cache)
    code = (
        "import sys\nfrom pathlib import Path\nfrom callguide.pipeline import load\nfrom callguide.pdf import PdfRenderer, checklist_job\n"
        f"f = load(Path({str(DATA)!r}), 'x')\n"
        f"r = PdfRenderer()\nr.start([checklist_job(f, 'ja', Path({str(cache)!r}))])\n"
        f"rendered = r.finish('ja', Path({str(tmp_path / 'again.pdf')!r}))\n"
        "print(rendered, 'weasyprint' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    assert out == ["False", "False"]
    assert (tmp_path / "again.pdf").read_bytes() == target.read_bytes()


@pytest.mark.subprocess
def test_an_unchanged_data_file_finds_its_pdf_without_making_the_html(tmp_path, monkeypatch):
    from callguide import pdf

    facts = load(DATA, "data/call.yaml")
    data = DATA.read_bytes()
    first = pdf.checklist_job(facts, "en", tmp_path, data)
    assert first.html, "the first time, the HTML is made"
    pdf.pdf_store(tmp_path).write(first.cached.name, b"%PDF- stand-in")  # the job's entry, as if rendered

    def refuse(*args):
        raise AssertionError("the HTML was made again")

    monkeypatch.setattr(pdf, "print_html", refuse)
    again = pdf.checklist_job(facts, "en", tmp_path, data)
    assert again.cached == first.cached and again.ready
    with pytest.raises(AssertionError, match="made again"):
        pdf.checklist_job(facts, "en", tmp_path, data + b"\n# a comment\n")
    monkeypatch.undo()
    edited = pdf.checklist_job(facts, "en", tmp_path, data + b"\n# a comment\n")
    assert edited.cached == first.cached, "a comment changes nothing on the checklist: the same PDF"


@pytest.mark.subprocess
def test_the_worker_starts_early_only_on_an_empty_cache_and_renders_what_is_missing(tmp_path):
    from callguide.pdf import PdfRenderer, checklist_job

    facts = load(DATA, "data/call.yaml")
    warm = tmp_path / "warm"
    warm.mkdir()
    (warm / "checklist-ja-0.pdf").write_bytes(b"%PDF-")
    idle = PdfRenderer()
    idle.prepare(warm)
    assert idle._pool is None, "a cache with PDFs in it needs no early worker"

    cold = tmp_path / "cold"
    renderer = PdfRenderer()
    renderer.prepare(cold)
    assert renderer._pool is not None
    renderer.start([checklist_job(facts, "en", cold)])
    target = tmp_path / "checklist.pdf"
    assert renderer.finish("en", target) is True
    assert PdfReader(str(target)).pages, "a real PDF came out of the worker"
    assert renderer._pool is None, "the worker stops when every PDF is done"


@pytest.mark.subprocess
def test_two_languages_render_side_by_side_and_each_answers_for_itself(tmp_path):
    """render_all renders the second job in a forked copy of the worker: each PDF equals the one rendered
    alone, a copy's failure is that language's answer (the other still renders), and no copy is left."""
    facts = load(DATA, "data/call.yaml")
    html = {lang: print_html(facts, lang, japanese_font()) for lang in LANGS}
    created = facts.call.call.data_as_of
    code = (
        "import os, pickle, sys\nfrom datetime import date\nfrom callguide.pdf_worker import render_all\n"
        "jobs = pickle.loads(sys.stdin.buffer.read())\n"
        "answers = render_all(jobs)\n"
        "try:\n    os.waitpid(-1, os.WNOHANG)\n    left = True\nexcept ChildProcessError:\n    left = False\n"
        "sys.stdout.buffer.write(pickle.dumps((answers, left)))\n"
    )
    import pickle

    def run(jobs):
        out = subprocess.run([sys.executable, "-c", code], input=pickle.dumps(jobs), capture_output=True, cwd=ROOT, check=True).stdout
        return pickle.loads(out)

    answers, left = run([(html["ja"], created, str(tmp_path / "ja.pdf")), (html["en"], created, str(tmp_path / "en.pdf"))])
    assert not left, "a forked copy was left behind"
    assert [kind for kind, _ in answers] == ["ok", "ok"], answers
    assert answers[0][1] == render_pdf(html["ja"], created) and answers[1][1] == render_pdf(html["en"], created)
    answers, left = run([(html["ja"], created, str(tmp_path / "ja2.pdf")), (html["en"], "not a date", str(tmp_path / "en2.pdf"))])
    assert not left
    assert answers[0] == ("ok", render_pdf(html["ja"], created))
    assert answers[1][0] == "error" and "AttributeError" in answers[1][1], answers[1]


@pytest.mark.subprocess
def test_the_worker_imports_weasyprint_without_running_a_compiler(tmp_path, monkeypatch):
    """WeasyPrint asks cffi for each of its C libraries under several names, Windows' and macOS' first; on Linux
    each name not found makes ctypes.util.find_library run gcc and then ld from PATH (about 15 ms each, 16
    names: a third of a cold worker's import). Stand-ins for those programs, first on PATH, record any run."""
    from callguide.pdf import _Worker

    tools, ran = tmp_path / "bin", tmp_path / "ran"
    tools.mkdir()
    for name in ("gcc", "cc", "ld", "objdump"):
        (tools / name).write_text(f"#!/bin/sh\necho {name} >> '{ran}'\nexit 1\n", encoding="utf-8")
        (tools / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    worker = _Worker()
    try:
        worker.submit("import").result(timeout=120)
    finally:
        worker.stop()
    assert not ran.exists(), "run while WeasyPrint was imported: " + ran.read_text(encoding="utf-8")
