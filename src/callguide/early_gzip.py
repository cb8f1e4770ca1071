"""Each built page's .gz, made by a process of its own while the other pages build.

callguide.precompress gzips every text file of the site once the build is done: some 0.05 s at
today's 14 page pairs, 0.13 s with three times the pages, on both cores while nothing else runs.
Most of what it compresses are the pages, whose final HTML is known as soon as MkDocs has it (the
last ``on_post_page``): this process takes each page as it comes and writes its .gz on the second
core, which a warm build otherwise leaves idle. A thread would not do: one back from zlib or a write
waits for the GIL while MkDocs renders (up to 5 ms a time), and so falls behind the pages. The static
files stay with ``precompress``: the large ones (the theme's) come from its gzip cache, which costs
less than gzipping them here at every build (tried: a warm build's CPU grew by a tenth). ``file``
gzips a file as it is on disk, for a caller that has one whose content is final.

Only for a build into a folder of its own (callguide.output_swap), which nobody reads until it is
whole: the .gz is written straight into it. ``precompress`` still runs at the end over every file,
and keeps a .gz whose gzip trailer matches its file (``_packs``): a page changed after
``on_post_page``, or one this process did not get to, gets its .gz there, so the site is the same
with or without this process (the same level, the same bytes).

This module imports only the standard library: the process starts in some 20 ms.
"""
from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import BinaryIO

# The level every .gz of the site is made at (callguide.precompress). Measured on this site (87 files,
# 2.4 MB): level 6 with two threads takes ~0.1 s; level 9 saves another 0.6 % of the bytes and takes
# ~0.4 s, too much of the build budget.
LEVEL = 6
_HEADER = struct.Struct(">II")  # length of the path, length of the bytes (_FROM_FILE: read the file itself)
_FROM_FILE = 0xFFFFFFFF
_PIPE_SIZE = 1 << 20  # Linux: a pipe of 1 MB, so that MkDocs never waits while the process starts
_F_SETPIPE_SZ = 1031


def gzip_bytes(data: bytes, level: int = LEVEL) -> bytes:
    """A gzip member with no file name and mtime 0 (zlib's own gzip header), so equal input gives equal bytes."""
    packer = zlib.compressobj(level, zlib.DEFLATED, 31)  # 16 + 15: gzip wrapper, 32 KB window
    return packer.compress(data) + packer.flush()


class EarlyGzip:
    """The process of one build, and the pages sent to it."""

    def __init__(self) -> None:
        from .lifetime import tied_command

        package_parent = str(Path(__file__).resolve().parent.parent)
        code = f"import sys; sys.path.insert(0, {package_parent!r}); from callguide.early_gzip import main; main()"
        self.proc = subprocess.Popen(tied_command([sys.executable, "-c", code]), stdin=subprocess.PIPE)
        try:
            import fcntl

            fcntl.fcntl(self.proc.stdin.fileno(), _F_SETPIPE_SZ, _PIPE_SIZE)
        except (ImportError, OSError):
            pass
        self.sent = 0

    def page(self, path: str, html: str) -> None:
        """Gzip ``html`` (a page as MkDocs writes it) to ``path`` + ".gz"."""
        data = html.encode("utf-8", errors="xmlcharrefreplace")  # as mkdocs.commands.build writes a page
        name = os.fsencode(path + ".gz")
        try:
            self.proc.stdin.write(_HEADER.pack(len(name), len(data)) + name + data)
        except (OSError, ValueError):  # the process is gone (or stopped): precompress makes every .gz at the end
            return
        self.sent += 1

    def file(self, path: str) -> None:
        """Gzip the file ``path`` as it is on disk now (a static file MkDocs has copied) to ``path`` + ".gz"."""
        name = os.fsencode(path + ".gz")
        try:
            self.proc.stdin.write(_HEADER.pack(len(name), _FROM_FILE) + name)
        except (OSError, ValueError):
            return
        self.sent += 1

    def finish(self) -> None:
        """Wait until every page sent has its .gz (precompress then reads them)."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait()

    def stop(self) -> None:
        """The build failed: end the process at once."""
        self.proc.kill()
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait()


def _read(stream: BinaryIO, size: int) -> bytes | None:
    chunk = stream.read(size)
    return chunk if len(chunk) == size else None


def main() -> None:
    """Write each page's .gz, in the order sent, until stdin closes. Ctrl-C is the build's to handle: this
    process ends with the build (its stdin closes, or it is killed with it), and says nothing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stream = sys.stdin.buffer
    while (header := _read(stream, _HEADER.size)) is not None:
        name_size, data_size = _HEADER.unpack(header)
        name = _read(stream, name_size)
        if name is None:
            break
        if data_size == _FROM_FILE:
            try:
                with open(name[: -len(b".gz")], "rb") as source:
                    data = source.read()
            except OSError:  # gone: precompress finds nothing to gzip either
                continue
        elif (data := _read(stream, data_size)) is None:
            break
        try:
            os.makedirs(os.path.dirname(name), exist_ok=True)
            with open(name, "wb") as out:
                out.write(gzip_bytes(data))
        except OSError:  # a full disk, say: precompress tries again at the end, and says what fails
            continue


__all__ = ["LEVEL", "EarlyGzip", "gzip_bytes"]
