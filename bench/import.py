"""`esslex import` of a large spreadsheet against the first load of the glossary it writes.

Turns the synthetic glossary of make_glossary.py (200,000 entries by default) into a CSV
file as a spreadsheet would hold it (labels, definitions, other names, themes and "see
also" by label, notes, a source in named fields), then, in a temporary home, measures side
by side, interleaved:

- `esslex import FILE.csv -o OUT.toml`: reading, settling ids and links, writing, checking;
- the first load of OUT.toml (`esslex -g OUT.toml define …` with an empty cache): parsing,
  checking and building the cache, the floor an import is compared with.

Budget: the import takes at most 2× the first load (wall time, medians).

    python bench/import.py                      # the venv of this interpreter
    python bench/import.py --count 20000 --runs 3
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from large import run_timed
from make_glossary import cached_glossary

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

BUDGET = 2.0


def spreadsheet(count: int) -> tuple[Path, str]:
    """bench/out/import-<count>.csv, written from the synthetic glossary if missing, and
    the label of one of its entries."""
    glossary = cached_glossary(count)
    path = glossary.with_name(f"import-{count}.csv")
    document = tomllib.loads(glossary.read_text(encoding="utf-8"))
    terms = document["term"]
    if not path.exists():
        themes = {theme["id"]: theme["label"] for theme in document["theme"]}
        labels = {term["id"]: term["label"] for term in terms}
        temporary = path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(
                ["Terme", "Définition", "Synonymes", "Thèmes", "Voir aussi", "Générique", "Notes", "Source"]
            )  # fmt: skip
            for term in terms:
                sources = [
                    f"titre={s['title']} ; éditeur={s['publisher']} ; année={s['year']}"
                    for s in term.get("sources", [])
                ]
                writer.writerow(
                    [
                        term["label"],
                        term["definition"],
                        " ; ".join(term.get("alt_labels", [])),
                        " ; ".join(themes[theme] for theme in term.get("themes", [])),
                        " ; ".join(labels[other] for other in term.get("related", [])),
                        " ; ".join(labels[other] for other in term.get("broader", [])),
                        "\n".join(term.get("notes", [])),
                        "\n".join(sources),
                    ]
                )
        temporary.replace(path)
    return path, terms[len(terms) // 2]["label"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200_000, help="rows (default 200,000)")
    parser.add_argument("--runs", type=int, default=3, help="measured rounds (default 3)")
    parser.add_argument("--python", default=sys.executable, help="the venv's python")
    args = parser.parse_args()
    load_at_start = os.getloadavg()[0]
    esslex = str(Path(args.python).parent / "esslex")
    source, label = spreadsheet(args.count)
    size_mb = source.stat().st_size / 1e6

    imports, loads = [], []
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ESSLEX_", "XDG_"))}
        env.update(HOME=home, XDG_CACHE_HOME=f"{home}/.cache", XDG_DATA_HOME=f"{home}/.local/share")
        env.update(LC_ALL="C.UTF-8")
        output = Path(home) / "importe.toml"
        for _ in range(args.runs):  # interleaved: a busy machine slows both alike
            output.unlink(missing_ok=True)
            imports.append(run_timed([esslex, "import", str(source), "-o", str(output)], env))
            # A file written in the last 2 s is not cached: date it back, as a day-old file.
            past = time.time() - 60
            os.utime(output, (past, past))
            shutil.rmtree(Path(home) / ".cache", ignore_errors=True)
            loads.append(run_timed([esslex, "-g", str(output), "define", label], env, ok=(0,)))
        written_mb = output.stat().st_size / 1e6

    imported = statistics.median(elapsed for elapsed, _, _ in imports)
    loaded = statistics.median(elapsed for elapsed, _, _ in loads)
    imported_cpu = statistics.median(cpu for _, _, cpu in imports)
    loaded_cpu = statistics.median(cpu for _, _, cpu in loads)
    ratio = imported / loaded
    version = subprocess.run([args.python, "--version"], capture_output=True, text=True).stdout
    load = os.getloadavg()[0]
    print(f"python  : {version.strip()} ({args.python})")
    print(f"commande: python bench/import.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"source  : {source.name}, {args.count} rows, {size_mb:.0f} MB of CSV;")
    print(f"          written glossary {written_mb:.0f} MB; medians of {args.runs} rounds")
    print(f"load average: {load_at_start:.1f} at the start, {load:.1f} at the end")
    print(
        f"first load of the written glossary: {loaded:.1f} s (processor {loaded_cpu:.1f} s),"
        f" peak {max(peak for _, peak, _ in loads):.0f} MB"
    )
    print(
        f"import: {imported:.1f} s (processor {imported_cpu:.1f} s),"
        f" peak {max(peak for _, peak, _ in imports):.0f} MB"
    )
    print(
        f"ratio : {ratio:.2f}× the first load (processor {imported_cpu / loaded_cpu:.2f}×)"
        f"  [≤ {BUDGET}×: {'OK' if ratio <= BUDGET else 'OVER'}]"
    )
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
