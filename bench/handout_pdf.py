"""The PDF handout's cost, as a ratio to WeasyPrint laying out the HTML export.

For each selection, every round times, in turn (interleaved, so a busy machine slows both
alike): `esslex export --format pdf` done in-process (handout built, paged HTML, PDF
written), and WeasyPrint turning the `--format html` export of the same selection into a
PDF. The medians are compared; the PDF handout must stay within BUDGET times the second.
WeasyPrint is imported once, before the rounds: both sides pay it alike in real use.
Times are CPU times of this process (`time.process_time`): the work is single-threaded,
and a machine shared with other jobs then slows neither side.

    python bench/handout_pdf.py                       # whole glossary and one theme
    python bench/handout_pdf.py --runs 7 --markdown   # the table of docs/performance.md
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable

BUDGET = 1.5


def timed(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--theme", default="transitions", help="the theme measured alone")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1800000000")

    import weasyprint

    from esslex.exporters import ExportOptions
    from esslex.exporters import html as html_export
    from esslex.exporters import pdf as pdf_export
    from esslex.find.selection import select
    from esslex.glossary.loader import load_glossary
    from esslex.glossary.paths import bundled_path

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    glossary = load_glossary([bundled_path()])
    options = ExportOptions()
    selections = {
        f"glossaire entier ({len(glossary)} entrées)": select(glossary),
        f"thème {args.theme}": select(glossary, themes=[args.theme]),
    }
    rows = []
    failed = False
    for name, selection in selections.items():
        page = html_export.export(selection, options)

        def handout(selection: object = selection) -> bytes:
            return pdf_export.export(selection, options)  # type: ignore[arg-type]

        def layout(page: str = page) -> bytes:
            return weasyprint.HTML(string=page).write_pdf()  # type: ignore[no-any-return]

        handout()  # warm-up: fonts, hyphenation dictionaries, templates
        rounds = [(timed(handout), timed(layout)) for _ in range(args.runs)]
        ours = statistics.median(pdf for pdf, _ in rounds)
        theirs = statistics.median(html for _, html in rounds)
        ratio = ours / theirs
        failed = failed or ratio > BUDGET
        rows.append((name, ours, theirs, ratio))

    python = f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}"
    if args.markdown:
        print(f"| sélection | PDF esslex | HTML par WeasyPrint | rapport (≤ {BUDGET}) |")
        print("|---|---|---|---|")
        for name, ours, theirs, ratio in rows:
            print(f"| {name} | {ours:.2f} s | {theirs:.2f} s | {ratio:.2f} |")
        print(f"\n{python}, médianes de {args.runs} tours.")
    else:
        for name, ours, theirs, ratio in rows:
            verdict = "ok" if ratio <= BUDGET else "AU-DELÀ DU BUDGET"
            print(f"{name}: PDF {ours:.2f} s, HTML {theirs:.2f} s, rapport {ratio:.2f} {verdict}")
        print(python)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
