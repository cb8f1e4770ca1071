"""``python -m callguide check``: validate the data and every page, print located problems."""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import DataError, summary
from .pipeline import data_file, load_and_check_pages


def main(argv: list[str]) -> int:
    if argv[:1] != ["check"]:
        print("usage: python -m callguide check", file=sys.stderr)
        return 2
    root = Path.cwd()
    try:
        facts = load_and_check_pages(root, root / "docs")
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        print(summary(len(exc.problems)), file=sys.stderr)
        return 1
    shown = data_file(root)[1]
    print(f"{shown}: OK ({len(facts.by_path)} facts; pages of both languages checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
