"""A word with nowhere to break laid out in PDF, as a ratio to ordinary words of the same length.

WeasyPrint's time grew with the square of such a run (a 20,000-letter word: 28 s; 200,000:
over 16 minutes); esslex now cuts it with invisible break opportunities (exporters/pdf.py).
Each round times, in turn (interleaved, so a busy machine slows both alike), the PDF export
of an entry whose definition holds one word of LENGTH letters, and of one whose definition
holds LENGTH characters of ordinary words: the floor. CPU times of this process.

    python bench/long_word_pdf.py                  # 20,000 letters
    python bench/long_word_pdf.py --length 200000 --runs 1
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time

BUDGET = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from esslex.exporters import ExportOptions
    from esslex.exporters import pdf as pdf_export
    from esslex.find.selection import select
    from esslex.glossary.model import Glossary, GlossaryInfo, Term

    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def selection(definition: str) -> object:
        term = Term(id="mot", label="Mot", definition=definition, glossary="bench.toml")
        return select(Glossary(GlossaryInfo(id="bench", title="Banc"), (), (term,)))

    words = ("coopération solidaire " * (args.length // 22 + 1))[: args.length]
    cases = {"un mot": selection("a" * args.length), "des mots": selection(words)}

    def timed(name: str) -> float:
        start = time.process_time()
        pdf_export.export(cases[name], ExportOptions())  # type: ignore[arg-type]
        return time.process_time() - start

    timed("des mots")  # warm-up: fonts, hyphenation dictionaries, templates
    rounds = [(timed("un mot"), timed("des mots")) for _ in range(args.runs)]
    ours = statistics.median(word for word, _ in rounds)
    floor = statistics.median(floor for _, floor in rounds)
    ratio = ours / floor
    print(
        f"{args.length} caractères\u00a0: un mot {ours:.2f} s, des mots {floor:.2f} s,"
        f" rapport {ratio:.2f} (budget {BUDGET})"
    )
    return 1 if ratio > BUDGET else 0


if __name__ == "__main__":
    sys.exit(main())
