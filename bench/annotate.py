"""`esslex annotate` on a long course against simplemma lemmatising the same text alone.

Builds a French course of about 100,000 words (the sentences of the test course, shuffled
with a fixed seed), then measures in this process, median of --runs, interleaved:

- the floor: simplemma's own `text_lemmatizer` over the whole text;
- finding every mention with the bundled glossary (budget: 1.5x the floor);
- the same with a 100,000-entry glossary from make_glossary.py (budget: 3x the floor).

Each glossary is measured the way the command finds its mentions (`finder_for`, in a
cache folder of its own): its index of names read from the cache, as every run after the
first reads it (the budget's measure), and the first run, which groups the names and
writes that index. The glossary itself is read once, before the clock starts.

    python bench/annotate.py
    python bench/annotate.py --words 100000 --runs 5 --count 100000
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from make_glossary import cached_glossary

HERE = Path(__file__).resolve().parent
COURSE = HERE.parent / "tests" / "fixtures" / "cours-annote.md"
BUDGETS = {"bundled": 1.5, "large": 3.0}


def course_text(words: int, seed: int = 7) -> str:
    """About `words` words of French: the test course's sentences, shuffled."""
    marked = COURSE.read_text(encoding="utf-8").split("---", 2)[-1]
    plain = re.sub(r"⟦[a-z0-9-]+\|([^⟧]+)⟧", r"\1", marked)
    sentences = [s.strip() for s in re.split(r"(?<=[.;:])\s+", plain) if len(s.split()) > 3]
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(sentences)
        out.append(sentence)
        count += len(sentence.split())
        if rng.random() < 0.15:
            out.append("\n\n")
    return " ".join(out)


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=100_000, help="entries of the large glossary")
    parser.add_argument("--no-large", action="store_true", help="the bundled glossary only")
    args = parser.parse_args()

    import os
    import shutil
    import tempfile

    import simplemma

    folder = Path(tempfile.mkdtemp(prefix="esslex-bench-"))
    os.environ["ESSLEX_CACHE_DIR"] = str(folder)
    from esslex.cache.policy import cache_file
    from esslex.glossary.loader import load_glossary
    from esslex.glossary.paths import bundled_path
    from esslex.trainer.annotate_cache import finder_for

    text = course_text(args.words)
    glossaries = {"bundled": [bundled_path()]}
    if not args.no_large:
        glossaries["large"] = [cached_glossary(args.count)]
    loaded = {name: load_glossary(paths) for name, paths in glossaries.items()}

    def floor() -> object:
        return simplemma.text_lemmatizer(text, lang="fr")

    def annotate(name: str, first: bool) -> Callable[[], object]:
        paths, glossary = glossaries[name], loaded[name]
        index = cache_file(paths, folder).with_suffix(".mentions")

        def run() -> object:
            if first:  # the index made and written, as after a change of the files
                index.unlink(missing_ok=True)
            return finder_for(paths, lambda: glossary).find(text)

        return run

    cases: dict[str, Callable[[], object]] = {"floor": floor}
    for name in glossaries:
        cases[name] = annotate(name, first=False)
        cases[f"{name}, premier passage"] = annotate(name, first=True)
    found = len(annotate("bundled", first=False)())  # also writes the bundled index
    if "large" in glossaries:
        annotate("large", first=False)()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, case in cases.items():
            times[name].append(timed(case))
            if name.endswith("premier passage"):  # the next run reads the index again
                cases[name.split(",")[0]]()
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"texte : {len(text.split())} mots, {found} mentions (glossaire fourni)")
    print(f"simplemma seul : {medians['floor'] * 1000:.0f} ms")
    failed = False
    for name in cases:
        if name == "floor":
            continue
        glossary, _, first = name.partition(", ")
        ratio = medians[name] / medians["floor"]
        label = (
            "glossaire fourni" if glossary == "bundled" else f"glossaire de {args.count} entrées"
        )
        if first:
            print(
                f"{label}, {first} (index des noms fait et écrit) :"
                f" {medians[name] * 1000:.0f} ms = {ratio:.2f}x"
            )
            continue
        ok = ratio <= BUDGETS[glossary]
        failed |= not ok
        print(
            f"{label}, index des noms lu dans le cache : {medians[name] * 1000:.0f} ms"
            f" = {ratio:.2f}x (budget {BUDGETS[glossary]}x){'' if ok else ' DÉPASSÉ'}"
        )
    shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
