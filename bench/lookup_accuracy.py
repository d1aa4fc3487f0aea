"""Share of the held-out query tables that `define` answers right (the bundled glossary).

Each table is `QUERIES` of a Python file (query, expected entry id or "no match" /
"ambiguous", kind of match, "" for any kind): the first day's table of
tests/find/test_lookup.py, and the vocabulary of issue 22 (France beyond the first day,
Belgium, international texts, English, Spanish and Dutch), tests/find/vocabulary_queries.py,
written before the entries it looks for. "Entry" counts the answer (which entry, none, or
candidates); "entry and kind" also the kind of match. The queries that miss are listed.

    python bench/lookup_accuracy.py                      # both tables
    python bench/lookup_accuracy.py path/to/an/older/test_lookup.py
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

from esslex.errors import AmbiguousTerm, TermNotFound
from esslex.find.lookup import find_term
from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Glossary
from esslex.glossary.paths import bundled_path

TESTS = Path(__file__).parents[1] / "tests" / "find"
DEFAULT_TABLES = [TESTS / "test_lookup.py", TESTS / "vocabulary_queries.py"]


def queries(path: Path) -> tuple[list[tuple[str, str, str]], str, str]:
    # A table of the tests imports their support package.
    sys.path.insert(0, str(path.resolve().parents[1]))
    spec = importlib.util.spec_from_file_location(f"held_out_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.QUERIES), module.NOT_FOUND, module.AMBIGUOUS


def answer(glossary: Glossary, query: str, not_found: str, ambiguous: str) -> tuple[str, str]:
    try:
        result = find_term(glossary, query)
    except TermNotFound:
        return (not_found, "")
    except AmbiguousTerm:
        return (ambiguous, "")
    return (result.term.id, result.kind)


def score(glossary: Glossary, paths: list[Path]) -> tuple[int, int, int, list[str]]:
    """Queries, right entries, right entries and kinds, and the misses, over the tables."""
    total = right = right_kind = 0
    misses = []
    for path in paths:
        table, not_found, ambiguous = queries(path)
        for query, expected, kind in table:
            got = answer(glossary, query, not_found, ambiguous)
            total += 1
            right += got[0] == expected
            right_kind += got[0] == expected and kind in ("", got[1])
            if got[0] != expected:
                misses.append(f"  {query!r}: expected {expected}, got {got[0]} ({got[1]})")
    return total, right, right_kind, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", nargs="*", type=Path, default=DEFAULT_TABLES)
    glossary = load_glossary([bundled_path()])
    total, right, right_kind, misses = score(glossary, parser.parse_args().tables)
    print(f"{total} queries ({len(glossary)} entries in the bundled glossary)")
    print(f"entry right:          {right}/{total} = {100 * right / total:.1f} %")
    print(f"entry and kind right: {right_kind}/{total} = {100 * right_kind / total:.1f} %")
    if misses:
        print("misses:", *misses, sep="\n")


if __name__ == "__main__":
    main()
