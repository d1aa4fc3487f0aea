"""The size of the bundled glossary, read from its file, for tests that count entries."""

from __future__ import annotations

import sys

from esslex.glossary.paths import bundled_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def bundled_term_count() -> int:
    """Number of [[term]] tables in the bundled data file (it grows as entries are written)."""
    return len(tomllib.loads(bundled_path().read_text(encoding="utf-8"))["term"])
