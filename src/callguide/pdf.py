"""The printable checklist: one A4 PDF per language, made by WeasyPrint from a print template.

The HTML comes from the same renderers as the site (so a deadline reads the same
on paper and on screen). WeasyPrint is imported only when a PDF must really be
made: the PDF is keyed by a hash of its inputs (HTML, CSS, fonts, WeasyPrint's
version) and copied from a cache when nothing changed, so `make serve` stays quick.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import drafts, fictional
from .assets_out import write_if_changed
from .blocks import render_template
from .blocks.checklist import role_items
from .cache import Store, content_hash, key
from .errors import Explained
from .facts import Facts
from .lang_parts import mark_language_parts
from .pdf_worker import receive, render_pdf, send
from .render import Context, plain, render_marker
from .sides import home_zone
from .types import Deadline, when_span

# The folder of the cache root (callguide.cache) that keeps the rendered checklists: the one cache a build
# with "an empty PDF cache" (make bench's budget) starts without.
PDF_CACHE = "checklist-pdf"
# Fonts tried in order; the first one fontconfig knows is embedded (subset) in the PDF.
FONTS = ("Noto Sans CJK JP", "IPAexGothic")
FONT_PACKAGE = "fonts-noto-cjk"

LABELS = {
    "ja": {
        "subtitle": "応募チェックリスト",
        "deadlines": "期限と締切",
        "contact": "問い合わせ先",
        "as_of": "情報確認日：{date}（説明資料などと照合した日）。最新の情報は公募要領と公募ページで確認してください。",
        "colon": "：",
        "open": "（",
        "close": "）",
    },
    "en": {
        "subtitle": "Application checklist",
        "deadlines": "Dates to meet",
        "contact": "Contact",
        "as_of": "Information checked against the sources on {date}. Check the call documents and the call page for the latest.",
        "colon": ": ",
        "open": " (",
        "close": ")",
    },
}


class FontMissing(Explained):
    """No Japanese font is installed: the PDF would show boxes instead of text."""


@dataclass(frozen=True)
class Font:
    family: str
    files: tuple[str, ...]


def japanese_font() -> Font:
    """The Japanese sans font fontconfig offers (checked with ``fc-list :lang=ja``), or a clear error.

    A build asks three times (the font check, then each language's PDF job): ``fc-list`` runs once
    per process and fontconfig setting (some 8 ms of CPU and a fork each time). A missing font is
    not remembered, so installing it during `make serve` is seen at the next rebuild.
    """
    return _japanese_font(os.environ.get("FONTCONFIG_FILE"), os.environ.get("FONTCONFIG_PATH"), os.environ.get("PATH"))


@functools.lru_cache(maxsize=4)
def _japanese_font(*fontconfig_env: str | None) -> Font:
    if not shutil.which("fc-list"):
        raise FontMissing(
            f"fontconfig's fc-list is not installed; install the Debian packages fontconfig and {FONT_PACKAGE}",
            f"フォントを探すための fc-list がありません。Debian パッケージ fontconfig と {FONT_PACKAGE} を入れてください（make deps でも入ります）。",
        )
    listing = subprocess.run(["fc-list", ":lang=ja", "family", "file"], capture_output=True, text=True, check=False).stdout
    for family in FONTS:
        found = sorted(line.split(":", 1)[0] for line in listing.splitlines() if family in line.split(":", 1)[-1])
        if found:
            return Font(family, tuple(found))
    raise FontMissing(
        f"no Japanese font found (fc-list :lang=ja lists none of {', '.join(FONTS)}); "
        f"the checklist PDF needs one: install the Debian package {FONT_PACKAGE} (sudo apt-get install {FONT_PACKAGE}) or run `make deps`",
        f"日本語フォントが見つからないため、チェックリストの PDF を作れません。{FONT_PACKAGE} を入れてください（sudo apt-get install {FONT_PACKAGE} か make deps）。",
    )


def before_deadlines(facts: Facts) -> list[tuple[str, Any]]:
    """The milestones applicants must meet on the way to the deadlines (JST's prior notice in 2025): those
    after the call's opening and before its first deadline that are neither deadlines nor another call's."""
    schedule = facts.call.schedule
    opening, _ = schedule.opening()
    first = min(m.when.instant for _, m in facts.deadlines())
    items = schedule.milestones()
    start = [n for n, _ in items].index(opening) + 1
    return [
        (name, m)
        for name, m in items[start:]
        if not m.other_call and not isinstance(m.when, Deadline) and when_span(m.when)[1] <= first.astimezone(home_zone(facts.call)).date()
    ]


def print_html(facts: Facts, lang: str, font: Font) -> str:
    """The print template filled in for one language: every checklist item, both deadlines, the contact.

    Text in the other language is marked with its ``lang`` as on the site's pages, so the PDF's
    structure tree gives it its /Lang (callguide.pdf_tags).
    """
    ctx = Context(facts, lang)
    call = facts.call
    t = LABELS[lang]
    draft = bool(call.call.draft)
    # The marks in the top left margin of every page, and the sentences at the top (callguide.drafts, callguide.fictional).
    marks = ([fictional.PAGE_MARK[lang]] if call.call.fictional else []) + ([drafts.PAGE_MARK[lang]] if draft else [])
    notes = ([fictional.note(lang)] if call.call.fictional else []) + ([drafts.note(lang)] if draft else [])
    deadlines = [{"title": m.title[lang], "when": render_marker(f"schedule.{name}", None, ctx)} for name, m in facts.deadlines()]
    before = [{"title": m.title[lang], "when": render_marker(f"schedule.{name}", None, ctx)} for name, m in before_deadlines(facts)]
    roles = [{"name": role.name[lang], "groups": role_items(role, f"checklist.{key}", ctx)} for key, role in call.checklist.roles()]
    html = str(
        render_template(
            "checklist_print.html",
            lang=lang,
            title=f"{plain(facts, 'call.name', lang)} – {t['subtitle']}",
            call_name=plain(facts, "call.name", lang),
            t=t,
            deadlines=deadlines,
            before=before,
            roles=roles,
            contact_name=render_marker("contacts.jst.name", None, ctx),
            contact_email=render_marker("contacts.jst.email", None, ctx),
            as_of=render_marker("call.data_as_of", None, ctx),
            as_of_iso=call.call.data_as_of.isoformat(),
            as_of_text=t["as_of"],
            css=Markup(print_css().replace("FONT_FAMILY", f'"{font.family}"') + (draft_css(" ".join(marks), font.family) if marks else "")),
            draft_notes=notes,
        )
    )
    return mark_language_parts(html, lang)


def draft_css(mark: str, family: str) -> str:
    """A draft's or a fictional call's mark in the top left margin of every page (callguide.drafts, callguide.fictional)."""
    mark = mark.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f'\n@page {{ @top-left {{ content: "{mark}"; font-family: "{family}", sans-serif; font-size: 8pt; font-weight: bold; color: #a00000; }} }}\n'
        ".draft { color: #a00000; margin: 0 0 2mm; }\n"
    )


def print_css() -> str:
    return files("callguide").joinpath("templates", "checklist_print.css").read_text(encoding="utf-8")


# The code that turns the HTML into the PDF: a change to it (the tags it completes) makes a new PDF.
RENDERER_SOURCES = ("pdf_worker.py", "pdf_tags.py")


def input_hash(html: str, font: Font) -> str:
    """What the PDF depends on: its HTML (with the CSS inside), the font files, WeasyPrint's version and our renderer's code."""
    code = "".join(files("callguide").joinpath(name).read_text(encoding="utf-8") for name in RENDERER_SOURCES)
    return content_hash(html, font_stamps(font), version("weasyprint"), code)


def font_stamps(font: Font) -> str:
    """The font files with their sizes and times: a font updated in place changes what a PDF looks like."""
    return "\n".join(f"{name}:{_stamp(name)}" for name in font.files)


def _stamp(path: str) -> str:
    """Size and modification time: a font updated in place changes the hash."""
    try:
        st = Path(path).stat()
    except OSError:
        return "missing"
    return f"{st.st_size}-{st.st_mtime_ns}"


@dataclass(frozen=True)
class PdfJob:
    """One language's checklist.pdf: the HTML to render and the cache file it goes to."""

    lang: str
    html: str
    created: date
    cached: Path
    pdf: bytes | None = None  # the cache entry's bytes, verified; None when it must be rendered

    @property
    def ready(self) -> bool:
        return self.pdf is not None


def checklist_job(facts: Facts, lang: str, cache_dir: Path, data: bytes | None = None) -> PdfJob:
    """What checklist.pdf for ``lang`` is made from, and where the cache keeps it (by content hash).

    The PDF is keyed by its HTML, so an edit of call.yaml that changes nothing on the checklist
    reuses it. Making that HTML takes a tenth of a second, so with ``data`` (the data file's
    bytes) a small note remembers which PDF this very data file and code gave last time, and
    an unchanged build does not make the HTML at all.
    """
    font = japanese_font()
    store = pdf_store(cache_dir)
    note = f"data-{lang}-{key(data, lang, font_stamps(font), libraries=('weasyprint',))}.txt" if data is not None else None
    known = store.read(note) if note is not None else None
    if known is not None:
        name = known.decode("utf-8", errors="replace").strip()
        pdf = store.read(name) if name.startswith(f"checklist-{lang}-") else None
        if pdf is not None:
            return PdfJob(lang, "", facts.call.call.data_as_of, cache_dir / name, pdf)
    html = print_html(facts, lang, font)
    name = f"checklist-{lang}-{input_hash(html, font)[:32]}.pdf"
    job = PdfJob(lang, html, facts.call.call.data_as_of, cache_dir / name, store.read(name))
    if note is not None:
        store.write(note, name.encode("utf-8"))
    return job


def pdf_store(cache_dir: Path) -> Store:
    """The PDFs and the notes naming them: beyond the most recently used, only what a build used within
    the hour (cache_share.prune: another build of other data may be about to read its own)."""
    return Store(cache_dir, keep=1, patterns=("checklist-*.pdf", "data-*.txt"))


def forget_older(job: PdfJob) -> None:
    """Bound the cached PDFs once the worker has added one (the most recently used are kept)."""
    pdf_store(job.cached.parent).prune(but=job.cached.name)


class PdfTimeout(Explained):
    """A PDF took longer than its limit (CALLGUIDE_PDF_TIMEOUT): the engine is stuck, the build stops."""


TIMEOUT_VARIABLE = "CALLGUIDE_PDF_TIMEOUT"
DEFAULT_TIMEOUT = 120.0  # seconds: a checklist renders in about one; generous for a slow, busy machine


def time_limit() -> float:
    """Seconds a PDF may take from the moment it is asked for (CALLGUIDE_PDF_TIMEOUT, default 120)."""
    given = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    try:
        limit = float(given) if given else DEFAULT_TIMEOUT
    except ValueError:
        limit = -1.0
    if not limit > 0:
        raise Explained(
            f"{TIMEOUT_VARIABLE}={given!r} is not a number of seconds above 0",
            f"{TIMEOUT_VARIABLE}={given!r} は秒数（0 より大きい数）ではありません。",
        )
    return limit


def _worker_environment() -> dict[str, str]:
    """On Linux, the build's environment with a PATH that holds no folder (``os.devnull``): the worker runs no
    program. Elsewhere the build's environment as it is (Windows finds DLLs on PATH; macOS's find_library runs
    no compiler).

    WeasyPrint asks cffi for each of its C libraries under several names, Windows' and macOS' first. On
    Linux, each name not found makes ``ctypes.util.find_library`` ask the loader's cache (``/sbin/ldconfig
    -p``, by its full path) and then run gcc and ld from PATH: 16 names, about 15 ms each, a third of a
    cold worker's import (on Debian they found none of the names the cache lacks). Without them on PATH, a
    name is looked up in the loader's cache alone; and each of WeasyPrint's lists ends with the library's
    file name (``libpango-1.0.so.0``), which the dynamic loader opens without find_library.
    """
    if not sys.platform.startswith("linux"):
        return dict(os.environ)
    return {**os.environ, "PATH": os.devnull}


class _Worker:
    """One worker process (callguide.pdf_worker.main) and the answers it owes, in order.

    A thread reads the answers and completes each task's Future; when the worker ends, every
    task still owed fails. The worker is tied to this process (callguide.lifetime), so a build
    killed in any way does not leave it behind.
    """

    def __init__(self) -> None:
        package_parent = str(Path(__file__).resolve().parent.parent)
        code = f"import sys; sys.path.insert(0, {package_parent!r}); from callguide.pdf_worker import main; main(int(sys.argv[1]))"
        self.proc = subprocess.Popen([sys.executable, "-c", code, str(os.getpid())], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env=_worker_environment())
        self._owed: deque[Future] = deque()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, name="pdf-answers", daemon=True).start()

    def submit(self, name: str, *args) -> Future:
        future: Future = Future()
        with self._lock:
            self._owed.append(future)
            try:
                send(self.proc.stdin, (name, args))
            except OSError:
                pass  # the worker is gone: _read fails the future
        return future

    def _read(self) -> None:
        while (answer := receive(self.proc.stdout)) is not None:
            with self._lock:
                future = self._owed.popleft()
            kind, value = answer
            future.set_result(value) if kind == "ok" else future.set_exception(RuntimeError(value))
        code = self.proc.wait()
        with self._lock:
            while self._owed:
                self._owed.popleft().set_exception(RuntimeError(f"the PDF worker stopped (exit status {code})"))

    def stop(self) -> None:
        """End the worker: at once if it still owes an answer (nobody will wait for it), else when it reads the end of its tasks."""
        with self._lock:
            busy = any(not f.done() for f in self._owed)
        if busy:
            self.proc.kill()
        try:
            self.proc.stdin.close()
        except OSError:
            pass


@dataclass(frozen=True)
class _Answer:
    """One language's share of a ``render_all`` task: its answer is the ``index``-th of the task's list."""

    task: Future
    index: int

    def done(self) -> bool:
        return self.task.done()

    def result(self, timeout: float) -> bytes:
        kind, value = self.task.result(timeout=timeout)[self.index]
        if kind != "ok":
            raise RuntimeError(value)
        return value


class PdfRenderer:
    """Renders the PDFs whose cache is empty in one worker process (the languages side by side, in forked
    copies of it: callguide.pdf_worker.render_all), started as soon as the data is loaded.

    ``start`` is called once per build with every language's job; ``finish`` waits for one
    language's PDF and copies it to the site. A failure in the worker is raised by ``finish``;
    a PDF not made within ``time_limit()`` of being asked for stops the worker and raises PdfTimeout.
    """

    def __init__(self) -> None:
        self._pool: _Worker | None = None
        self._pending: dict[str, Future | _Answer] = {}
        self._asked: dict[str, float] = {}
        self._jobs: dict[str, PdfJob] = {}

    def _open(self) -> None:
        if self._pool is None:
            self._pool = _Worker()

    def prepare(self, cache_dir: Path) -> None:
        """When the cache holds no PDF at all (a fresh clone, a cleaned cache), start the worker and its
        WeasyPrint import at once, before the data is even checked; otherwise do nothing."""
        if not any(cache_dir.glob("checklist-*.pdf")):
            self._open()
            self._pending["(import)"] = self._pool.submit("import")

    def start(self, jobs: list[PdfJob]) -> None:
        self._jobs = {job.lang: job for job in jobs}
        self._pending.pop("(import)", None)  # the worker runs its tasks in order: the import comes first
        todo = [job for job in jobs if not job.ready]
        if todo:
            limit = time_limit()
            self._open()
            # One task for all: the worker renders them side by side (callguide.pdf_worker.render_all).
            together = self._pool.submit("render_all", [(job.html, job.created, str(job.cached)) for job in todo])
            for index, job in enumerate(todo):
                self._pending[job.lang] = _Answer(together, index)
                self._asked[job.lang] = time.monotonic() + limit

    @property
    def rendering(self) -> bool:
        """A PDF is being rendered (the worker has the second core)."""
        return any(not future.done() for future in self._pending.values())

    def ready(self, lang: str) -> bool:
        """True when ``lang``'s PDF can be written without waiting for the worker."""
        future = self._pending.get(lang)
        return future is None or future.done()

    def finish(self, lang: str, target: Path) -> bool:
        """Wait for ``lang``'s PDF and write it to ``target``; True when it was rendered in this build."""
        job = self._jobs[lang]
        future = self._pending.pop(lang, None)
        pdf = job.pdf
        if future is not None:
            deadline = self._asked.pop(lang)
            try:
                pdf = future.result(timeout=max(0.0, deadline - time.monotonic()))
            except FutureTimeout:
                self.close()
                limit = time_limit()
                raise PdfTimeout(
                    f"the PDF engine (WeasyPrint) did not finish within {limit:g} s, the limit set by {TIMEOUT_VARIABLE}; "
                    f"it was stopped and nothing was published. Run the build again; if it happens again, "
                    f"set {TIMEOUT_VARIABLE} to more seconds or ask the programme's maintainer",
                    f"PDF を作るプログラム（WeasyPrint）が制限時間 {limit:g} 秒（{TIMEOUT_VARIABLE}）以内に終わらなかったため、"
                    f"止めました。サイトは公開されていません（前のサイトはそのままです）。もう一度実行し、"
                    f"繰り返すときは {TIMEOUT_VARIABLE} に長めの秒数を指定するか、プログラムの担当者に連絡してください。",
                ) from None
            forget_older(job)
        if not self._pending:
            self.close()
        write_if_changed(target, pdf)
        return future is not None

    def close(self) -> None:
        """Stop the worker (also when the build stopped before any PDF was asked for)."""
        if self._pool is not None:
            self._pool.stop()
            self._pool = None
        self._pending.clear()
        self._asked.clear()


__all__ = ["FontMissing", "PdfJob", "PdfRenderer", "PdfTimeout", "checklist_job", "japanese_font", "print_html", "render_pdf"]
