"""Share of the held-out query table that `define` answers right (the bundled glossary).

The table is `QUERIES` of a test file (query, expected entry id or "no match" /
"ambiguous", kind of match). "Entry" counts the answer (which entry, none, or candidates);
"entry and kind" also the kind of match. The queries that miss are listed.

    python bench/lookup_accuracy.py                      # tests/find/test_lookup.py
    python bench/lookup_accuracy.py path/to/an/older/test_lookup.py
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from typing import Any

from esslex.errors import AmbiguousTerm, TermNotFound
from esslex.find.lookup import find_term
from esslex.glossary.loader import load_glossary
from esslex.glossary.paths import bundled_path

DEFAULT_TABLE = Path(__file__).parents[1] / "tests" / "find" / "test_lookup.py"


def queries(path: Path) -> tuple[list[tuple[str, str, str]], str, str]:
    spec = importlib.util.spec_from_file_location("held_out_table", path)
    assert spec is not None and spec.loader is not None
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.QUERIES), module.NOT_FOUND, module.AMBIGUOUS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", nargs="?", type=Path, default=DEFAULT_TABLE)
    table, not_found, ambiguous = queries(parser.parse_args().table)
    glossary = load_glossary([bundled_path()])
    right = right_kind = 0
    misses = []
    for query, expected, kind in table:
        try:
            result = find_term(glossary, query)
            answer = (result.term.id, result.kind)
        except TermNotFound:
            answer = (not_found, "")
        except AmbiguousTerm:
            answer = (ambiguous, "")
        right += answer[0] == expected
        right_kind += answer == (expected, kind)
        if answer[0] != expected:
            misses.append(f"  {query!r}: expected {expected}, got {answer[0]} ({answer[1]})")
    total = len(table)
    print(f"{total} queries ({len(glossary)} entries in the bundled glossary)")
    print(f"entry right:          {right}/{total} = {100 * right / total:.1f} %")
    print(f"entry and kind right: {right_kind}/{total} = {100 * right_kind / total:.1f} %")
    if misses:
        print("misses:", *misses, sep="\n")


if __name__ == "__main__":
    main()
