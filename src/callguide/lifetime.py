"""Processes a build starts end when the build ends, however it ends (a SIGKILL of the build included).

A process started with ``subprocess`` or ``multiprocessing`` outlives a parent that is killed:
it is handed to pid 1 and may run or wait on a pipe for minutes. On Linux a child can ask the
kernel to kill it when its parent dies (``prctl(PR_SET_PDEATHSIG)``); the request survives
``exec``, so a command is tied to its parent by a small launcher that makes the request and
then becomes the command. Elsewhere (no ``prctl``) the PDF worker still notices its parent is
gone by polling ``os.getppid()`` (``watch_parent``).
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1

# Run as ``python -c _LAUNCH <parent pid> <program> <args…>``: die with the parent, then become the program.
# Inline code, not a module: an archived year's snapshot may be older than this module.
_LAUNCH = (
    "import ctypes, os, sys\n"
    "try:\n"
    "    ctypes.CDLL(None, use_errno=True).prctl(1, 9)\n"
    "except Exception:\n"
    "    pass\n"
    "if os.getppid() != int(sys.argv[1]):\n"
    "    os._exit(1)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def tied_command(command: list[str]) -> list[str]:
    """``command`` (its program as a path) run so that it is killed when this process ends."""
    return [sys.executable, "-c", _LAUNCH, str(os.getpid()), *command]


def die_with_parent(parent: int) -> None:
    """In a child: be killed when the parent ends (Linux), and stop at once if it has already ended."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def watch_parent(parent: int, every: float = 0.5) -> None:
    """In a child: a daemon thread that ends the process when it is handed to another parent."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
