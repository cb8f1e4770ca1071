"""Puts the archived years whose output the cache holds into a staging folder, in a process of its own.

A warm build with archived years spends its archive time on system calls: reading each year's
snapshot for its cache key (callguide.archive.cache_key), checking the entry's files against the year's
manifest (``sealed_files``, and each file copied as it is read), and making some 40 folders and 200 links or copies a
year (``copy_output``). In a thread of the build those calls wait for the GIL while MkDocs renders
pages (a thread that gave the GIL up for a system call gets it back only when the rendering thread
yields, every 5 ms), so they ran after the pages in effect: about 45 ms a year. In this process they
run on the second core, beside the pages, and the build only renames each year's folder into the site.

``Placement`` starts the process, tied to the build (callguide.lifetime), sends it a request on stdin
and reads one JSON line per year from it: ``{"year": Y, "out": entry}`` when the year is in the staging
folder as ``<staging>/<Y>``, copied from the cache entry ``entry``; ``{"year": Y, "missing": true}`` when
the build must make it (no entry, or a damaged one, which is removed). Years without an
entry are said first, so that their builds start without waiting for the others' copies. A year the
process does not answer for (it failed, or was stopped) counts as missing: the build makes and
copies it itself, as it did before this process existed.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from .archive import Damaged, archived, build_env, cache_key, copy_output, damaged, sealed_files
from .cache_share import use
from .lifetime import tied_command


def staging_dir(site: Path, pid: int | None = None) -> Path:
    """Where a build's archived years wait to be renamed into ``site``: beside it (the same file
    system), named so that output_swap.remove_stale finds it when its build was killed."""
    return site.with_name(f".{site.name}.archive-{os.getpid() if pid is None else pid}")


class Placement:
    """One build's placing process and what it has said so far."""

    def __init__(self, request: dict, on_missing: Callable[[int], None], then: Callable[[], None] = lambda: None):
        """Start placing ``request["years"]``; ``on_missing(year)`` is called (from a thread) for each year
        the build must make, as soon as that is known, and for each year not answered for at the end;
        ``then()`` once every year is answered for (not after ``stop``)."""
        package_parent = str(Path(__file__).resolve().parent.parent)
        code = f"import sys; sys.path.insert(0, {package_parent!r}); from callguide.archive_place import main; main()"
        self.staging = Path(request["staging"])
        self.placed: dict[int, Path] = {}
        self._years = list(request["years"])
        self._on_missing = on_missing
        self._then = then
        self._stopped = threading.Event()
        self.proc = subprocess.Popen(tied_command([sys.executable, "-c", code]), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.proc.stdin.write(json.dumps(request).encode("utf-8"))
        self.proc.stdin.close()
        self._reader = threading.Thread(target=self._read, name="archive-place", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        told = set()
        for line in self.proc.stdout:
            try:
                said = json.loads(line)
                year = int(said["year"])
            except (ValueError, KeyError, TypeError):
                continue
            if year not in self._years or year in told:
                continue
            told.add(year)
            if said.get("out"):
                self.placed[year] = Path(said["out"])
            elif not self._stopped.is_set():
                self._on_missing(year)
        self.proc.wait()
        if self._stopped.is_set():
            return
        for year in self._years:
            if year not in told:
                self._on_missing(year)
        self._then()

    def wait(self) -> dict[int, Path]:
        """Every year's answer is in: the years in the staging folder, each with its cache entry."""
        self._reader.join()
        return self.placed

    def stop(self) -> None:
        """The build failed: end the process at once and remove what it placed; nothing more is built."""
        self._stopped.set()
        self.proc.kill()
        self._reader.join()
        shutil.rmtree(self.staging, ignore_errors=True)


def place(request: dict, say: Callable[[dict], None]) -> None:
    """In the placing process: answer for every year of ``request`` (see the module docstring)."""
    root, cache, staging = Path(request["root"]), Path(request["cache"]), Path(request["staging"])
    previous = Path(request["previous"]) if request.get("previous") else None
    years = set(request["years"])
    found = []
    for item in archived(root):
        if item.year not in years:
            continue
        env = build_env(item, request.get("site_url"), cache / f"work-{item.year}")
        out = cache / f"{item.year}-{cache_key(item, env, request.get('libraries'))}"
        if out.is_dir():
            found.append((item.year, out))
        else:
            say({"year": item.year, "missing": True})
    for year, out in found:
        dest = staging / str(year)
        try:
            sealed = sealed_files(out) if use(out) else None  # a damaged entry is removed: the build makes it again
            if sealed is None:
                say({"year": year, "missing": True})
                continue
            copy_output(out, dest, previous / str(year) if previous else None, sealed)  # each file copied is checked
        except (Damaged, OSError) as exc:  # damaged, pruned meanwhile by another build, or a folder that cannot be written
            if isinstance(exc, Damaged):
                try:
                    damaged(out)
                except OSError:
                    pass
            shutil.rmtree(dest, ignore_errors=True)
            say({"year": year, "missing": True})
            continue
        say({"year": year, "out": str(out)})


def main() -> None:
    """Answer the request on stdin. Ctrl-C is the build's to handle (this process ends with it); anything
    that goes wrong here ends the process without a traceback: the build makes the years not answered for."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the build would say at INFO (a damaged entry removed), said as MkDocs says it, on stderr.
    logging.basicConfig(level=logging.INFO, format="INFO    -  %(message)s", stream=sys.stderr)
    try:
        request = json.loads(sys.stdin.buffer.read())
        answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
        os.dup2(2, 1)  # anything printed goes to stderr; stdout carries the answers

        def say(answer: dict) -> None:
            answers.write(json.dumps(answer) + "\n")
            answers.flush()

        place(request, say)
    except Exception:  # noqa: BLE001 - the build does the rest itself
        os._exit(1)


__all__ = ["Placement", "staging_dir"]
