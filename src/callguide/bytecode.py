"""Compiled code of callguide's own modules kept in the build cache when Python keeps none.

With ``PYTHONDONTWRITEBYTECODE`` set (common in containers and CI, and on the machine the budgets
are measured on) Python writes no ``__pycache__``, so every build compiled the ~50 modules of this
package afresh: some 0.07 s of CPU, 7 % of a plain Material build. Installed libraries are compiled
when installed; this package, run from its source folder, is not. Here each module's code is kept
in ``<cache>/python/`` instead (never beside the source, which the setting asks to keep clean), and
read back while the source file has the same size and modification time and Python the same bytecode
version. Without the setting, or for an installed copy, nothing is done: Python's own cache works.
"""
from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import marshal
import os
import sys
from pathlib import Path

PACKAGE = "callguide"
_TAG = importlib.util.MAGIC_NUMBER.hex()


class _Loader(importlib.machinery.SourceFileLoader):
    """A source loader whose compiled code lives in ``folder`` (the header: magic, source size and mtime)."""

    folder: Path

    def get_code(self, fullname):
        st = os.stat(self.path)
        header = f"{_TAG} {st.st_size} {st.st_mtime_ns}\n".encode()
        kept = self.folder / f"{fullname}.{hashlib.sha1(os.fsencode(self.path)).hexdigest()[:10]}.bin"  # per source file
        try:
            data = kept.read_bytes()
            if data.startswith(header):
                return marshal.loads(data[len(header) :])
        except (OSError, ValueError, EOFError, TypeError):
            pass
        code = self.source_to_code(self.get_data(self.path), self.path)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = kept.with_name(f".{kept.name}.{os.getpid()}")
            tmp.write_bytes(header + marshal.dumps(code))
            os.replace(tmp, kept)
        except OSError:
            pass  # a cache that cannot be written: compiled each time, as before
        return code


class _Finder:
    """Finds callguide's submodules as usual and gives their specs the loader above."""

    def __init__(self, folder: Path):
        self.loader = type("Loader", (_Loader,), {"folder": folder})

    def find_spec(self, name, path=None, target=None):
        if not name.startswith(PACKAGE + "."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and type(spec.loader) is importlib.machinery.SourceFileLoader:
            spec.loader = self.loader(spec.loader.name, spec.loader.path)
        return spec


def install(package_dir: Path) -> None:
    """Keep the package's compiled code in the build cache when Python will not, and the package runs
    from a source checkout (``<project>/src/callguide``); the cache is ``CALLGUIDE_CACHE_DIR``, else
    ``<project>/.cache`` (as ``site.cache_root``)."""
    if not sys.dont_write_bytecode or package_dir.parent.name != "src" or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    root = Path(os.environ.get("CALLGUIDE_CACHE_DIR") or package_dir.parent.parent / ".cache")
    sys.meta_path.insert(0, _Finder(root / "python" / f"{sys.implementation.cache_tag}"))
