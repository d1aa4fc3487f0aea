"""`esslex annotate` on a long course against simplemma lemmatising the same text alone.

Builds a French course of about 100,000 words (the sentences of the test course, shuffled
with a fixed seed), then measures in this process, median of --runs, interleaved:

- the floor: simplemma's own `text_lemmatizer` over the whole text;
- finding every mention with the bundled glossary (budget: 1.5x the floor), the index of
  names built anew each run;
- the same with a 100,000-entry glossary from make_glossary.py (budget: 3x the floor).

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

    import simplemma

    from esslex.glossary.loader import load_glossary
    from esslex.glossary.paths import bundled_path
    from esslex.trainer.annotate import MentionFinder, policy_of

    text = course_text(args.words)
    bundled = list(load_glossary([bundled_path()]))
    large = [] if args.no_large else list(load_glossary([cached_glossary(args.count)]))

    def floor() -> object:
        return simplemma.text_lemmatizer(text, lang="fr")

    def with_glossary(terms: list) -> Callable[[], object]:  # type: ignore[type-arg]
        return lambda: MentionFinder(terms, policy_of).find(text)

    cases = {"floor": floor, "bundled": with_glossary(bundled)}
    if large:
        cases["large"] = with_glossary(large)
    found = len(MentionFinder(bundled, policy_of).find(text))
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, case in cases.items():
            times[name].append(timed(case))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"texte : {len(text.split())} mots, {found} mentions (glossaire fourni)")
    print(f"simplemma seul : {medians['floor'] * 1000:.0f} ms")
    failed = False
    for name in cases:
        if name == "floor":
            continue
        ratio = medians[name] / medians["floor"]
        ok = ratio <= BUDGETS[name]
        failed |= not ok
        label = "glossaire fourni" if name == "bundled" else f"glossaire de {args.count} entrées"
        print(
            f"{label} : {medians[name] * 1000:.0f} ms = {ratio:.2f}x"
            f" (budget {BUDGETS[name]}x){'' if ok else ' DÉPASSÉ'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
