"""esslex on a large glossary (100,000 entries by default) against the bundled one.

Writes bench/out/glossaire-N.toml with make_glossary.py if it is missing, then measures in
a temporary home (so the cache starts empty):

- the first run, which reads the TOML and builds the cache, beside compiled tomli parsing
  the same file in a process of its own (budgets: 2.5x its time, 1.5x its peak memory);
- cached runs of define (exact and fuzzy) and search, each as a ratio to the same command
  on the bundled glossary (budget 3x), interleaved, medians; peak memory (budget 250 MB);
- with `sdcv` installed, the same look-ups in the same glossary converted to StarDict.

`list --json` has its own script, bench/list_json.py.

    python bench/large.py                    # the venv of this interpreter
    python bench/large.py --count 100000 --runs 10 --markdown
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from make_glossary import cached_glossary

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
BUDGETS = {
    "first_ratio": 2.5,
    "first_memory_ratio": 1.5,
    "ratio": 3.0,
    "memory_mb": 250.0,
}
# The floor of a first run: compiled tomli parsing the file, the cycle collector paused as
# esslex pauses it.
TOMLI_PARSE = """
import gc, sys, tomli
gc.disable()
with open(sys.argv[1], "rb") as file:
    tomli.load(file)
"""


# Runs one command and reports its wall time, peak memory and processor time (its own
# children's rusage: the command and any process it starts, e.g. the cache's writer).
PROBE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, capture_output=True)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss, done.returncode, usage.ru_utime + usage.ru_stime)
sys.stderr.write(done.stderr.decode(errors="replace"))
"""


def run_measured(
    argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0, 1)
) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one run, its output piped."""
    elapsed, peak, _ = run_timed(argv, env, ok)
    return elapsed, peak


def run_timed(
    argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0, 1)
) -> tuple[float, float, float]:
    """Wall time (s), peak resident memory (MB) and processor time (s) of one run."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], env=env, capture_output=True, text=True
    )
    elapsed, peak_kb, code, processor = done.stdout.split()
    if int(code) not in ok:
        raise SystemExit(f"{' '.join(argv)}: code {code}\n{done.stderr}")
    return float(elapsed), int(peak_kb) / 1024, float(processor)


def labels_of(path: Path, wanted: int) -> str:
    """The label of entry number `wanted`, read from the file without parsing it all."""
    term = -1
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("[[term]]"):
                term += 1
            elif term == wanted and line.startswith("label = "):
                return str(tomllib.loads(line)["label"])
    raise SystemExit(f"no entry {wanted} in {path}")


def typo(label: str) -> str:
    """The label with a letter dropped in its middle and accents typed without."""
    middle = len(label) // 2
    while not label[middle].isalpha():
        middle += 1
    return re.sub("[éèê]", "e", label[:middle] + label[middle + 1 :]).lower()


def median_runs(
    commands: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, tuple[float, float]]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(runs):
        for name, argv in commands.items():
            elapsed, peak = run_measured(argv, env)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(values), peaks[name]) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10, help="measured rounds (default 10)")
    parser.add_argument("--first-runs", type=int, default=1, help="cold runs that build the cache")
    parser.add_argument("--python", default=sys.executable, help="the venv's python")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    load_at_start = os.getloadavg()[0]
    esslex = str(Path(args.python).parent / "esslex")
    glossary = cached_glossary(args.count)
    size_mb = glossary.stat().st_size / 1e6
    exact = labels_of(glossary, args.count // 2)
    fuzzy = typo(labels_of(glossary, args.count // 3))
    large = [esslex, "--no-bundled", "-g", str(glossary)]

    rows: list[tuple[str, str, str]] = []
    worst_ok = True
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ESSLEX_", "XDG_"))}
        env.update(HOME=home, XDG_CACHE_HOME=f"{home}/.cache", XDG_DATA_HOME=f"{home}/.local/share")
        env.update(LC_ALL="C.UTF-8")
        cache = Path(home) / ".cache"

        firsts, parses = [], []
        for _ in range(args.first_runs):  # interleaved: a busy machine slows both alike
            shutil.rmtree(cache, ignore_errors=True)
            firsts.append(run_timed([*large, "define", exact], env))
            parses.append(run_timed([args.python, "-c", TOMLI_PARSE, str(glossary)], env))
        first, first_peak = statistics.median(t for t, _, _ in firsts), max(p for _, p, _ in firsts)
        parse, parse_peak = statistics.median(t for t, _, _ in parses), max(p for _, p, _ in parses)
        # Processor time of every process of the run: the budget is on the time waited, and
        # this says how much of it a second core saves.
        first_cpu = statistics.median(c for _, _, c in firsts)
        parse_cpu = statistics.median(c for _, _, c in parses)
        cache_mb = sum(f.stat().st_size for f in cache.rglob("*.sqlite")) / 1e6
        ok = (
            first / parse <= BUDGETS["first_ratio"]
            and first_peak / parse_peak <= BUDGETS["first_memory_ratio"]
        )
        worst_ok &= ok
        rows.append(
            (
                f"compiled tomli alone parses the {size_mb:.0f} MB file",
                f"{parse:.1f} s, peak {parse_peak:.0f} MB",
                "floor",
            )
        )
        rows.append(
            (
                f"first run, `define` (parse {size_mb:.0f} MB + build cache)",
                f"{first:.1f} s = {first / parse:.2f}× tomli, peak {first_peak:.0f} MB ="
                f" {first_peak / parse_peak:.2f}× tomli's; cache {cache_mb:.0f} MB;"
                f" processor time {first_cpu:.1f} s = {first_cpu / parse_cpu:.2f}× tomli's",
                f"≤ {BUDGETS['first_ratio']}×, ≤ {BUDGETS['first_memory_ratio']}×:"
                f" {'OK' if ok else 'OVER'}",
            )
        )

        pairs = {
            "define (exact)": (["define", "coopération"], ["define", exact]),
            "define (fuzzy)": (["define", "cooperatoin"], ["define", fuzzy]),
            "search (1 word)": (["search", "coopération"], ["search", "coopération"]),
            "search (2 words)": (["search", "monnaie locale"], ["search", "monnaie locale"]),
        }
        commands: dict[str, list[str]] = {}
        for name, (small, big) in pairs.items():
            commands[f"bundled {name}"] = [esslex, *small]
            commands[f"large {name}"] = [*large, *big]
        for argv in commands.values():  # warm-up: both caches, the page cache
            run_measured(argv, env)
        measured = median_runs(commands, env, args.runs)
        for name, (_small, big) in pairs.items():
            (base, _), (value, peak) = measured[f"bundled {name}"], measured[f"large {name}"]
            ratio = value / base
            ok = ratio <= BUDGETS["ratio"] and peak < BUDGETS["memory_mb"]
            worst_ok &= ok
            shown = " ".join(big)
            rows.append(
                (
                    f"`{shown}`",
                    f"{value * 1000:.0f} ms vs {base * 1000:.0f} ms bundled = {ratio:.1f}×, peak {peak:.0f} MB",
                    f"≤ {BUDGETS['ratio']:.0f}×, < {BUDGETS['memory_mb']:.0f} MB: {'OK' if ok else 'OVER'}",
                )
            )

        sdcv = shutil.which("sdcv")
        if sdcv:
            data = Path(home) / "stardict"
            subprocess.run(
                [args.python, str(HERE / "stardict.py"), str(glossary), str(data)], check=True
            )
            sdcv_env = dict(env, STARDICT_DATA_DIR=str(data))
            for name, word in (("exact", exact), ("fuzzy", fuzzy)):
                argv = [sdcv, "-n", "--utf8-output", "--data-dir", str(data), word]
                run_measured(argv, sdcv_env, ok=(0, 1, 2))
                values = [run_measured(argv, sdcv_env, ok=(0, 1, 2)) for _ in range(args.runs)]
                rows.append(
                    (
                        f"`sdcv -n` {name}, same glossary as StarDict",
                        f"{statistics.median(t for t, _ in values) * 1000:.0f} ms, "
                        f"peak {max(p for _, p in values):.0f} MB",
                        "for comparison",
                    )
                )

    version = subprocess.run([args.python, "--version"], capture_output=True, text=True).stdout
    print(f"python  : {version.strip()} ({args.python})")
    print(f"commande: python bench/large.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"glossary: {glossary.name}, {args.count} entries, {size_mb:.0f} MB; {args.runs} rounds")
    print(f"queries : exact «{exact}», fuzzy «{fuzzy}»")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"load average: {load_at_start:.1f} at the start, {load:.1f} at the end ({os.cpu_count()} cores)"
    )
    if args.markdown:
        print("\n| measure | result | budget |\n|---|---|---|")
        for row in rows:
            print(f"| {row[0]} | {row[1]} | {row[2]} |")
    else:
        for row in rows:
            print(f"{row[0]}\n    {row[1]}  [{row[2]}]")
    return 0 if worst_ok else 1


if __name__ == "__main__":
    sys.exit(main())
