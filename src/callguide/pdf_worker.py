"""Turns checklist HTML into a PDF file in another process, while the pages build.

WeasyPrint takes about half a second per PDF and its import 0.7 s; in a worker process
(started fresh, importing only WeasyPrint) that runs on the second core while MkDocs builds
both languages, and the languages' PDFs are then rendered side by side (``render_all``), so an
empty cache costs little more than a full one.

The worker (``main``) is a plain child process that reads tasks from its stdin and answers
on its stdout, one pickled message each way per task, in order (callguide.pdf starts it).
It ends when its stdin closes, and at once when its parent dies (callguide.lifetime): no
multiprocessing, so no resource tracker or semaphore to outlive a killed build.
"""
from __future__ import annotations

import os
import pickle
import queue
import struct
import sys
import threading
from datetime import date
from pathlib import Path
from typing import BinaryIO


def render_pdf(html: str, created: date) -> bytes:
    """HTML to PDF bytes toward PDF/UA-1, with fixed dates and a fixed identifier (the same bytes for the same HTML).

    WeasyPrint's ``pdf/ua-1`` variant tags the PDF and writes the XMP metadata (``dc:title``,
    ``pdfuaid:part`` 1); ``pdf_tags.tagging`` adds what its tags leave out (pagination artifacts,
    the ``/Lang`` of other-language parts, the space at soft line breaks).
    """
    import weasyprint  # lazily: importing costs ~0.6 s, and most builds do not need it

    from .pdf_tags import tagging

    with tagging():
        document = weasyprint.HTML(string=html, base_url=".").render()
        stamp = f"{created.isoformat()}T00:00:00Z"
        document.metadata.created = stamp
        document.metadata.modified = stamp
        return document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=b"callguide-checklist")


def import_weasyprint() -> None:
    """Run first in a fresh worker, while the main process is still checking the data."""
    import weasyprint  # noqa: F401


def render_to_file(html: str, created: date, target: str) -> bytes:
    """Render, keep as the cache entry ``target`` (verified, written atomically; a cache that cannot be
    written is skipped) and return the PDF's bytes, which the build writes whatever the cache holds."""
    from .cache import Store
    from .faults import pause

    pause("pdf-render")  # test-only (callguide.faults): a kill while the PDF renders
    path = Path(target)
    pdf = render_pdf(html, created)
    Store(path.parent).write(path.name, pdf)
    return pdf


def render_all(jobs: list[tuple[str, date, str]]) -> list[tuple[str, bytes | str]]:
    """Render several PDFs at once, each answer ``("ok", pdf)`` or ``("error", text)`` in the jobs' order.

    The first is rendered here, each other in a copy of this process made by ``fork`` once
    WeasyPrint is imported: the copies share that import (most of a cold PDF's time) and use the
    second core, which MkDocs has left idle by then. A copy only renders, writes its cache entry
    and sends its answer on a pipe of its own; it touches nothing the worker's threads hold (stdin,
    the task queue) and ends with ``os._exit``. Where ``fork`` is missing, the jobs run in turn.
    """
    if len(jobs) < 2 or not sys.platform.startswith("linux"):  # fork after GLib and Pango are loaded: Linux only
        return [_answer(render_to_file, *job) for job in jobs]
    import_weasyprint()
    copies = [_fork(job) for job in jobs[1:]]
    answers = [_answer(render_to_file, *jobs[0])]
    for pid, reader in copies:
        answer = None
        try:
            with os.fdopen(reader, "rb") as stream:
                answer = receive(stream)
        except Exception:  # noqa: BLE001 - a copy that died mid-answer: its language's error, not the others'
            answer = None
        finally:
            os.waitpid(pid, 0)
        answers.append(answer if answer is not None else ("error", "the PDF renderer's copy stopped before it answered"))
    return answers


def _answer(task, *args) -> tuple[str, object]:
    try:
        return ("ok", task(*args))
    except Exception as exc:  # said to the parent, which stops the build with it
        return ("error", f"{type(exc).__name__}: {exc}")


def _fork(job: tuple[str, date, str]) -> tuple[int, int]:
    """A copy of this worker rendering ``job``: its pid, and the pipe end its answer comes on."""
    from .lifetime import die_with_parent, watch_parent

    reader, writer = os.pipe()
    worker = os.getpid()
    pid = os.fork()
    if pid == 0:  # the copy: tied to the worker as the worker is to the build
        code = 1
        try:
            os.close(reader)
            die_with_parent(worker)
            watch_parent(worker)
            with os.fdopen(writer, "wb") as stream:
                send(stream, _answer(render_to_file, *job))
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    return pid, reader


TASKS = {"import": import_weasyprint, "render_all": render_all}
_HEADER = struct.Struct(">Q")


def send(stream: BinaryIO, message: object) -> None:
    """One message: its length, then its pickle."""
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(body)) + body)
    stream.flush()


def receive(stream: BinaryIO) -> object | None:
    """The next message, or None at the end of the stream (the other side closed or died)."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    body = stream.read(_HEADER.unpack(header)[0])
    return pickle.loads(body)  # from our own parent, through a pipe only it holds


def main(parent: int) -> None:
    """The worker: run each task ``(name, args)`` from stdin in order, answer ``("ok", value)`` or ``("error", text)``.

    stdin is read by a thread, so a parent writing the next task (a page of HTML) never waits
    for the task in progress; stdout is kept for answers (anything printed goes to stderr).
    """
    import signal

    from .lifetime import die_with_parent, watch_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle: this worker ends with it
    die_with_parent(parent)
    watch_parent(parent)
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    tasks: queue.Queue = queue.Queue()

    def read() -> None:
        while (message := receive(sys.stdin.buffer)) is not None:
            tasks.put(message)
        tasks.put(None)

    threading.Thread(target=read, name="tasks", daemon=True).start()
    while (task := tasks.get()) is not None:
        name, args = task
        send(answers, _answer(TASKS[name], *args))


if __name__ == "__main__":
    main(int(sys.argv[1]))
