"""`esslex annotate` on a long course against simplemma lemmatising the same text alone.

Builds a French course of about 100,000 words (the sentences of the test course, shuffled
with a fixed seed), then measures, median of --runs, every case once per round (rounds
interleaved: a loaded machine slows them all), with the bundled glossary and with a
100,000-entry glossary from make_glossary.py (alone: --no-bundled), each cache in a folder
of the bench's own:

In this process (the search, as the command makes it):
- the floor: simplemma's own `text_lemmatizer` over the whole text, its dictionary loaded;
- finding every mention: the index opened from the cache, the names a course may mention
  read from it, the text searched (budgets: 1.5x the floor, 3x with 100,000 entries).

The whole command, as a user runs it (`esslex annotate cours.txt --report`, a new process,
its output piped):
- the floor as a process: Python started, simplemma imported, its French dictionary
  loaded, the same text lemmatised; and, to tell what the start costs, `python -c pass`,
  the minimal Typer app of bench/startup.py, and Python with simplemma imported and its
  dictionary loaded, lemmatising nothing;
- the second run (caches warm), and the first run after the glossary file changes (its date
  moved: the cache is rebuilt, the TOML read), each with its peak memory.

    python bench/annotate.py
    python bench/annotate.py --words 100000 --runs 5 --first-runs 3 --count 100000
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from large import run_timed
from make_glossary import cached_glossary
from startup import MINIMAL_TYPER_APP

HERE = Path(__file__).resolve().parent
COURSE = HERE.parent / "tests" / "fixtures" / "cours-annote.md"
BUDGETS = {"bundled": 1.5, "large": 3.0}
# simplemma alone as a process: started, imported, its dictionary loaded, the text read and
# lemmatised (what a user would wait for with no glossary at all).
LEMMATISE = """
import sys, simplemma
with open(sys.argv[1], encoding="utf-8") as file:
    simplemma.text_lemmatizer(file.read(), lang="fr")
"""
# The same start, nothing lemmatised but one word (the dictionary is loaded on first use).
SIMPLEMMA_START = 'import simplemma; simplemma.lemmatize("coopératives", lang="fr")'


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


def moved(path: Path, round_number: int) -> None:
    """Give the file another date in the past: its cache is stale (a file dated within the
    last seconds would be read but not cached)."""
    past = time.time() - 3600 - round_number
    os.utime(path, (past, past))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--first-runs", type=int, default=3, help="first runs of the command")
    parser.add_argument("--count", type=int, default=100_000, help="entries of the large glossary")
    parser.add_argument("--no-large", action="store_true", help="the bundled glossary only")
    args = parser.parse_args()

    import simplemma

    work = Path(tempfile.mkdtemp(prefix="esslex-bench-"))
    os.environ["ESSLEX_CACHE_DIR"] = str(work / "cache")
    from esslex.cache.policy import open_index
    from esslex.glossary.paths import bundled_path
    from esslex.trainer.annotate import MentionFinder

    text = course_text(args.words)
    course = work / "cours.txt"
    course.write_text(text, encoding="utf-8")
    # A copy of the bundled glossary, whose date can be moved for the first runs.
    bundled = work / "fourni.toml"
    shutil.copyfile(bundled_path(), bundled)
    moved(bundled, 0)
    glossaries = {"bundled": bundled}
    if not args.no_large:
        glossaries["large"] = cached_glossary(args.count)
    script = Path(sys.executable).parent / "esslex"
    env = dict(os.environ)

    def floor() -> object:
        return simplemma.text_lemmatizer(text, lang="fr")

    def finding(path: Path) -> Callable[[], object]:
        def run() -> object:
            return MentionFinder(open_index([path]).mention_names()).find(text)

        return run

    def command(path: Path) -> list[str]:
        return [str(script), "--no-bundled", "-g", str(path), "annotate", str(course), "--report"]

    in_process: dict[str, Callable[[], object]] = {"floor": floor}
    in_process.update({f"search {name}": finding(path) for name, path in glossaries.items()})
    processes: dict[str, list[str]] = {
        "python": [sys.executable, "-c", "pass"],
        "typer": [sys.executable, "-c", MINIMAL_TYPER_APP, "mot"],
        "simplemma start": [sys.executable, "-c", SIMPLEMMA_START],
        "floor process": [sys.executable, "-c", LEMMATISE, str(course)],
    }
    processes.update({f"command {name}": command(path) for name, path in glossaries.items()})
    for name, path in glossaries.items():  # the caches built, the text's words seen once
        run_timed(command(path), env, ok=(0,))
        print(f"{name} : {len(finding(path)())} mentions", file=sys.stderr)  # type: ignore[arg-type]
    times: dict[str, list[float]] = {name: [] for name in [*in_process, *processes]}
    times.update({f"first {name}": [] for name in glossaries})
    peaks: dict[str, float] = dict.fromkeys(times, 0.0)
    for round_number in range(max(args.runs, args.first_runs)):
        measured: dict[str, list[str]] = {}
        if round_number < args.runs:
            for name, case in in_process.items():
                times[name].append(timed(case))
            measured.update(processes)
        if round_number < args.first_runs:
            for name, path in glossaries.items():
                measured[f"first {name}"] = command(path)
        for name, argv in measured.items():
            if name.startswith("first "):
                moved(glossaries[name.split()[1]], round_number + 1)
            elapsed, peak, _ = run_timed(argv, env, ok=(0,))
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    shutil.rmtree(work, ignore_errors=True)
    return report(args.count, list(glossaries), times, peaks)


def report(
    count: int, glossaries: list[str], times: dict[str, list[float]], peaks: dict[str, float]
) -> int:
    medians = {name: statistics.median(values) for name, values in times.items() if values}
    floor, floor_process = medians["floor"], medians["floor process"]

    def line(text: str, name: str, extra: str = "") -> None:
        each = ", ".join(f"{value * 1000:.0f}" for value in times[name])
        print(f"{text} : {medians[name] * 1000:.0f} ms{extra} ({each})")

    print("médianes, chaque tour entre parenthèses, en ms")
    line("simplemma seul, dans ce processus (le plancher)", "floor")
    line("python -c pass", "python")
    line("application Typer minimale (le plancher du cadre)", "typer")
    line("Python, simplemma importé et son dictionnaire chargé", "simplemma start")
    line("simplemma seul, en processus", "floor process")
    failed = False
    for name in glossaries:
        budget = BUDGETS[name]
        label = "glossaire fourni" if name == "bundled" else f"glossaire de {count} entrées"
        search = medians[f"search {name}"] / floor
        failed |= search > budget
        verdict = f"budget {budget}x{'' if search <= budget else ', DÉPASSÉ'}"
        line(
            f"{label}, recherche dans ce processus",
            f"search {name}",
            f" = {search:.2f}x ({verdict})",
        )
        for case, what in (("command", "second passage"), ("first", "premier passage")):
            key = f"{case} {name}"
            ratio, process_ratio = medians[key] / floor, medians[key] / floor_process
            line(
                f"{label}, commande entière, {what}",
                key,
                f" = {ratio:.2f}x le plancher, {process_ratio:.2f}x simplemma en processus"
                f"; {peaks[key]:.0f} Mo au plus",
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
