"""The applicant guide's core (knows nothing about MkDocs). See bytecode: its compiled code is kept
in the build cache when Python is told to write none."""
from pathlib import Path as _Path

from .bytecode import install as _install

_install(_Path(__file__).parent)
